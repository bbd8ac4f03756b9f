package examock

import (
	"fmt"
	"net/http"
	"time"
)

type webset struct {
	ID            string
	ExternalID    *string
	Title         *string
	Excludes      []sourceJSON
	Metadata      map[string]string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	searchIDs     []string
	enrichmentIDs []string
	importIDs     []string
	deleted       bool
}

// websetJSON is a Webset (GetWebsetResponse without expanded items).
type websetJSON struct {
	ID          string            `json:"id"`
	Object      string            `json:"object"`
	Status      string            `json:"status"`
	ExternalID  *string           `json:"externalId"`
	Title       *string           `json:"title"`
	Searches    []searchJSON      `json:"searches"`
	Imports     []any             `json:"imports"`
	Enrichments []enrichmentJSON  `json:"enrichments"`
	Monitors    []any             `json:"monitors"`
	Excludes    []sourceJSON      `json:"excludes"`
	Metadata    map[string]string `json:"metadata"`
	CreatedAt   time.Time         `json:"createdAt"`
	UpdatedAt   time.Time         `json:"updatedAt"`
}

// createWebsetBody is the part of CreateWebsetParameters the mock serves:
// searches are created through their own endpoint.
type createWebsetBody struct {
	ExternalID *string           `json:"externalId"`
	Exclude    []sourceJSON      `json:"exclude"`
	Metadata   map[string]string `json:"metadata"`
}

func (s *Server) createWebset(w http.ResponseWriter, r *http.Request) {
	var in createWebsetBody
	if err := decodeStrict(r, &in); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if in.ExternalID != nil {
		if err := checkLen("externalId", *in.ExternalID, 0, 300); err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
	}
	if err := validateSources("exclude", in.Exclude); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := validateMetadata(in.Metadata); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if in.ExternalID != nil && s.byExternalID(*in.ExternalID) != nil {
		writeError(w, http.StatusConflict, fmt.Sprintf("a webset with externalId %q already exists", *in.ExternalID))
		return
	}
	ws := s.addWebset(in)
	writeJSON(w, http.StatusCreated, s.websetData(ws))
}

// addWebset stores a new webset. The caller holds mu.
func (s *Server) addWebset(in createWebsetBody) *webset {
	now := s.now()
	ws := &webset{
		ID:         s.nextID("webset"),
		ExternalID: in.ExternalID,
		Excludes:   append([]sourceJSON{}, in.Exclude...),
		Metadata:   map[string]string{},
		CreatedAt:  now,
		UpdatedAt:  now,
	}
	for k, v := range in.Metadata {
		ws.Metadata[k] = v
	}
	s.websets[ws.ID] = ws
	s.websetIDs = append(s.websetIDs, ws.ID)
	s.emit("webset.created", s.websetData(ws))
	return ws
}

// CreateWebset makes a webset directly, for tests that need one to hold
// searches. It returns its id.
func (s *Server) CreateWebset(externalID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var in createWebsetBody
	if externalID != "" {
		in.ExternalID = &externalID
	}
	return s.addWebset(in).ID
}

// DeleteWebset deletes a webset out of band.
func (s *Server) DeleteWebset(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.lookupWebset(id)
	if ws == nil {
		return fmt.Errorf("no webset %q", id)
	}
	s.removeWebset(ws)
	return nil
}

// WebsetIDs lists the websets that exist, in creation order.
func (s *Server) WebsetIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for _, id := range s.websetIDs {
		if !s.websets[id].deleted {
			ids = append(ids, id)
		}
	}
	return ids
}

func (s *Server) getWebset(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.lookupWebset(r.PathValue("id"))
	if ws == nil {
		writeError(w, http.StatusNotFound, "webset not found")
		return
	}
	writeJSON(w, http.StatusOK, s.render(ws))
}

func (s *Server) updateWebset(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Metadata map[string]string `json:"metadata"`
	}
	if !decodeValid(w, r, &in, func() error { return validateMetadata(in.Metadata) }) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.lookupWebset(r.PathValue("id"))
	if ws == nil {
		writeError(w, http.StatusNotFound, "webset not found")
		return
	}
	ws.Metadata = map[string]string{}
	for k, v := range in.Metadata {
		ws.Metadata[k] = v
	}
	ws.UpdatedAt = s.now()
	writeJSON(w, http.StatusOK, s.websetData(ws))
}

func (s *Server) deleteWebset(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.lookupWebset(r.PathValue("id"))
	if ws == nil {
		writeError(w, http.StatusNotFound, "webset not found")
		return
	}
	out := s.websetData(ws)
	s.removeWebset(ws)
	writeJSON(w, http.StatusOK, out)
}

// removeWebset deletes a webset: its searches stop, and it, its searches
// and its items answer 404 from then on. The caller holds mu.
func (s *Server) removeWebset(ws *webset) {
	reason := "webset_deleted"
	for _, id := range ws.searchIDs {
		s.cancel(s.searches[id], &reason)
	}
	ws.deleted = true
	delete(s.items, ws.ID)
	s.emit("webset.deleted", s.websetData(ws))
}

func (s *Server) listWebsets(w http.ResponseWriter, r *http.Request) {
	limit, err := pageLimit(r, 25, 100)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var live []*webset
	for _, id := range s.websetIDs {
		if ws := s.websets[id]; !ws.deleted {
			live = append(live, ws)
		}
	}
	start, err := cursorIndex(r, len(live))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rendered := make([]websetJSON, 0, len(live))
	for _, ws := range live {
		rendered = append(rendered, s.render(ws))
	}
	writeJSON(w, http.StatusOK, page(rendered, start, limit))
}

// lookupWebset finds a live webset by id or externalId. The caller holds mu.
func (s *Server) lookupWebset(idOrExternal string) *webset {
	if ws := s.websets[idOrExternal]; ws != nil && !ws.deleted {
		return ws
	}
	return s.byExternalID(idOrExternal)
}

func (s *Server) byExternalID(ext string) *webset {
	for _, id := range s.websetIDs {
		ws := s.websets[id]
		if !ws.deleted && ws.ExternalID != nil && *ws.ExternalID == ext {
			return ws
		}
	}
	return nil
}

// render is a webset as someone reading it sees it: observed first, so
// that its searches and enrichments move along. The caller holds mu.
func (s *Server) render(ws *webset) websetJSON {
	s.observeWebset(ws)
	return s.websetData(ws)
}

// websetData builds a webset's JSON as it stands; it is running while a
// search runs or an enrichment is pending, idle otherwise. The caller
// holds mu.
func (s *Server) websetData(ws *webset) websetJSON {
	out := websetJSON{
		ID: ws.ID, Object: "webset", Status: "idle",
		ExternalID: ws.ExternalID, Title: ws.Title,
		Searches: []searchJSON{}, Imports: []any{}, Enrichments: []enrichmentJSON{}, Monitors: []any{},
		Excludes: ws.Excludes, Metadata: ws.Metadata,
		CreatedAt: ws.CreatedAt, UpdatedAt: ws.UpdatedAt,
	}
	for _, id := range ws.searchIDs {
		sr := s.searches[id]
		if sr.gone {
			continue
		}
		if sr.Status != "completed" && sr.Status != "canceled" {
			out.Status = "running"
		}
		out.Searches = append(out.Searches, sr.searchJSON)
	}
	for _, id := range ws.enrichmentIDs {
		if e := s.enrichments[id]; !e.gone {
			if e.Status == "pending" {
				out.Status = "running"
			}
			out.Enrichments = append(out.Enrichments, e.enrichmentJSON)
		}
	}
	for _, id := range ws.importIDs {
		if im, ok := s.imports[id]; ok && !im.gone {
			out.Imports = append(out.Imports, im.importJSON)
		}
	}
	return out
}
