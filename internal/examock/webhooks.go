package examock

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// eventTypes is the spec's EventType enum.
var eventTypes = []string{
	"webset.created", "webset.deleted", "webset.paused", "webset.idle",
	"webset.search.created", "webset.search.canceled", "webset.search.completed", "webset.search.updated",
	"import.created", "import.completed", "webset.item.created", "webset.item.enriched",
	"monitor.created", "monitor.updated", "monitor.deleted", "monitor.run.created", "monitor.run.completed",
	"webset.export.created", "webset.export.completed",
}

// webhookJSON is a Webhook. Secret is set in the create answer only.
type webhookJSON struct {
	ID        string            `json:"id"`
	Object    string            `json:"object"`
	Status    string            `json:"status"`
	Events    []string          `json:"events"`
	URL       string            `json:"url"`
	Secret    *string           `json:"secret"`
	Metadata  map[string]string `json:"metadata"`
	CreatedAt time.Time         `json:"createdAt"`
	UpdatedAt time.Time         `json:"updatedAt"`
}

// attemptJSON is a WebhookAttempt. The mock sends nothing over the network:
// it records each delivery as if the receiver had answered 200.
type attemptJSON struct {
	ID                 string            `json:"id"`
	Object             string            `json:"object"`
	EventID            string            `json:"eventId"`
	EventType          string            `json:"eventType"`
	WebhookID          string            `json:"webhookId"`
	URL                string            `json:"url"`
	Successful         bool              `json:"successful"`
	ResponseHeaders    map[string]string `json:"responseHeaders"`
	ResponseBody       *string           `json:"responseBody"`
	ResponseStatusCode int               `json:"responseStatusCode"`
	Attempt            int               `json:"attempt"`
	AttemptedAt        time.Time         `json:"attemptedAt"`
}

type webhook struct {
	webhookJSON
	attempts []attemptJSON // newest first
	gone     bool
}

type webhookBody struct {
	URL      *string           `json:"url"`
	Events   []string          `json:"events"`
	Metadata map[string]string `json:"metadata"`
}

func (s *Server) webhookRoutes(route func(string, http.HandlerFunc), p string) {
	route("POST "+p+"/webhooks", s.createWebhook)
	route("GET "+p+"/webhooks", s.listWebhooks)
	route("GET "+p+"/webhooks/{id}", s.getWebhook)
	route("PATCH "+p+"/webhooks/{id}", s.updateWebhook)
	route("DELETE "+p+"/webhooks/{id}", s.deleteWebhook)
	route("GET "+p+"/webhooks/{id}/attempts", s.listAttempts)
}

// validateWebhook checks a create (full) or update (partial) body.
func validateWebhook(in *webhookBody, full bool) error {
	if in.URL == nil && full {
		return fmt.Errorf("url is required")
	}
	if in.URL != nil {
		if u, err := url.Parse(*in.URL); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			return fmt.Errorf("url must be an absolute http(s) URL")
		}
	}
	if in.Events == nil && full {
		return fmt.Errorf("events is required")
	}
	if in.Events != nil && (len(in.Events) < 1 || len(in.Events) > len(eventTypes)) {
		return fmt.Errorf("events must hold 1 to %d event types", len(eventTypes))
	}
	for _, e := range in.Events {
		if !slices.Contains(eventTypes, e) {
			return fmt.Errorf("events: %q is not an event type", e)
		}
	}
	return validateMetadata(in.Metadata)
}

func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request) {
	var in webhookBody
	if !s.decodeValid(w, r, &in, func() error { return validateWebhook(&in, true) }) {
		return
	}
	now := s.now()
	wh := &webhook{webhookJSON: webhookJSON{
		ID: s.nextID("webhook"), Object: "webhook", Status: "active",
		Events: slices.Clone(in.Events), URL: *in.URL, Metadata: copyMap(in.Metadata),
		CreatedAt: now, UpdatedAt: now,
	}}
	s.webhooks[wh.ID] = wh
	s.webhookIDs = append(s.webhookIDs, wh.ID)
	out := wh.webhookJSON
	secret := fmt.Sprintf("whsec_mock_%s", wh.ID)
	out.Secret = &secret
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) lookupWebhook(w http.ResponseWriter, r *http.Request) *webhook {
	rec, _ := lookup(w, r, s.webhooks, "webhook")
	return rec
}

func (s *Server) getWebhook(w http.ResponseWriter, r *http.Request) {
	if wh := s.lookupWebhook(w, r); wh != nil {
		writeJSON(w, http.StatusOK, wh.webhookJSON)
	}
}

// listWebhooks is webhooks-list: oldest first, like every list of the mock.
// The secret is never in it (only the create answer carries it).
func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request) {
	list := []webhookJSON{}
	for _, id := range s.webhookIDs {
		if wh := s.webhooks[id]; !wh.gone {
			list = append(list, wh.webhookJSON)
		}
	}
	writePage(w, r, list, 25, 200)
}

func (s *Server) updateWebhook(w http.ResponseWriter, r *http.Request) {
	var in webhookBody
	if !s.decodeValid(w, r, &in, func() error { return validateWebhook(&in, false) }) {
		return
	}
	wh := s.lookupWebhook(w, r)
	if wh == nil {
		return
	}
	if in.URL != nil {
		wh.URL = *in.URL
	}
	if in.Events != nil {
		wh.Events = slices.Clone(in.Events)
	}
	if in.Metadata != nil {
		wh.Metadata = copyMap(in.Metadata)
	}
	wh.UpdatedAt = s.now()
	writeJSON(w, http.StatusOK, wh.webhookJSON)
}

func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	if wh := s.lookupWebhook(w, r); wh != nil {
		wh.gone = true
		writeJSON(w, http.StatusOK, wh.webhookJSON)
	}
}

func (s *Server) listAttempts(w http.ResponseWriter, r *http.Request) {
	limit, err := pageLimit(r, 25, 200)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	wh := s.lookupWebhook(w, r)
	if wh == nil {
		return
	}
	q := r.URL.Query()
	var successful *bool
	if v := q.Get("successful"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("successful must be true or false, not %q", v))
			return
		}
		successful = &b
	}
	var list []attemptJSON
	for _, a := range wh.attempts {
		if et := q.Get("eventType"); (et == "" || a.EventType == et) && (successful == nil || a.Successful == *successful) {
			list = append(list, a)
		}
	}
	start, err := cursorIndex(r, len(list))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, page(list, start, limit))
}

// WebhookIDs lists the webhooks that exist, in creation order.
func (s *Server) WebhookIDs() []string { return liveIDs(s, s.webhookIDs, s.webhooks) }

// DeleteWebhook deletes a webhook out of band.
func (s *Server) DeleteWebhook(id string) error { return deleteOutOfBand(s, s.webhooks, "webhook", id) }
