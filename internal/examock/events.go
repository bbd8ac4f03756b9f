package examock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Events: what the mock records as things happen, served by events-list
// and events-get, and delivered to the webhooks that subscribe to them.

// eventJSON is an Event: its data is the object as it was when the event
// happened, frozen as JSON.
type eventJSON struct {
	ID        string          `json:"id"`
	Object    string          `json:"object"`
	Type      string          `json:"type"`
	Data      json.RawMessage `json:"data"`
	CreatedAt time.Time       `json:"createdAt"`
}

func (s *Server) eventRoutes(route func(string, http.HandlerFunc), p string) {
	route("GET "+p+"/events", s.listEvents)
	route("GET "+p+"/events/{id}", s.getEvent)
}

// emit records an event and delivers it to every active webhook that
// subscribes to it. The caller holds mu.
func (s *Server) emit(eventType string, data any) {
	raw, err := json.Marshal(data)
	if err != nil {
		raw = []byte("null")
	}
	ev := eventJSON{ID: s.nextID("event"), Object: "event", Type: eventType, Data: raw, CreatedAt: s.now()}
	s.events = append(s.events, ev)
	for _, id := range s.webhookIDs {
		wh := s.webhooks[id]
		if wh.gone || wh.Status != "active" || !slices.Contains(wh.Events, eventType) {
			continue
		}
		body := `{"received":true}`
		wh.attempts = append([]attemptJSON{{
			ID: s.nextID("attempt"), Object: "webhook_attempt", EventID: ev.ID, EventType: eventType,
			WebhookID: wh.ID, URL: wh.URL, Successful: true,
			ResponseHeaders: map[string]string{"content-type": "application/json"}, ResponseBody: &body,
			ResponseStatusCode: http.StatusOK, Attempt: 1, AttemptedAt: s.now(),
		}}, wh.attempts...)
	}
}

// listEvents is events-list: oldest first, like every list of the mock,
// filtered by types (repeated, or comma-separated: the spec gives an array
// and no encoding, so both are read) and by createdAfter / createdBefore,
// both inclusive as the spec says ("after or at", "before or at").
func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var types []string
	for _, v := range append(q["types"], q["types[]"]...) {
		for _, t := range strings.Split(v, ",") {
			if t = strings.TrimSpace(t); t != "" {
				if !slices.Contains(eventTypes, t) {
					writeError(w, http.StatusBadRequest, fmt.Sprintf("unknown event type %q", t))
					return
				}
				types = append(types, t)
			}
		}
	}
	var after, before time.Time
	// In a fixed order, so that a request with two bad bounds always gets
	// the same error.
	for _, b := range []struct {
		name string
		into *time.Time
	}{{"createdAfter", &after}, {"createdBefore", &before}} {
		if v := q.Get(b.name); v != "" {
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				writeError(w, http.StatusBadRequest, fmt.Sprintf("%s must be an RFC 3339 date-time, not %q", b.name, v))
				return
			}
			*b.into = t
		}
	}
	list := []eventJSON{}
	for _, ev := range s.events {
		if (len(types) > 0 && !slices.Contains(types, ev.Type)) ||
			(!after.IsZero() && ev.CreatedAt.Before(after)) || (!before.IsZero() && ev.CreatedAt.After(before)) {
			continue
		}
		list = append(list, ev)
	}
	writePage(w, r, list, 25, 200)
}

func (s *Server) getEvent(w http.ResponseWriter, r *http.Request) {
	for _, ev := range s.events {
		if ev.ID == r.PathValue("id") {
			writeJSON(w, http.StatusOK, ev)
			return
		}
	}
	writeError(w, http.StatusNotFound, "event not found")
}
