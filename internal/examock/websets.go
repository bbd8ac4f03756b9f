package examock

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
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
	// busy is true from when a search or an enrichment starts until the
	// webset goes idle again (settle).
	busy bool
	// held is the set of the URLs of its items: the entities it holds,
	// each once (findItems adds, reevaluate and deleteItem remove).
	held map[string]bool
}

// settle emits webset.idle when a busy webset has nothing left running: no
// search running and no enrichment pending. The caller holds mu.
func (s *Server) settle(ws *webset) {
	if ws == nil || ws.deleted || !ws.busy {
		return
	}
	if s.websetRunning(ws) {
		return
	}
	ws.busy = false
	s.emit("webset.idle", s.websetData(ws))
}

// websetRunning says whether a search of the webset runs or an enrichment
// is pending: its status, without building its answer. The caller holds
// mu.
func (s *Server) websetRunning(ws *webset) bool {
	for _, id := range ws.searchIDs {
		if sr := s.searches[id]; !sr.gone && sr.Status != "completed" && sr.Status != "canceled" {
			return true
		}
	}
	for _, id := range ws.enrichmentIDs {
		if e := s.enrichments[id]; !e.gone && e.Status == "pending" {
			return true
		}
	}
	return false
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
	Monitors    []monitorJSON     `json:"monitors"`
	Excludes    []sourceJSON      `json:"excludes"`
	Metadata    map[string]string `json:"metadata"`
	CreatedAt   time.Time         `json:"createdAt"`
	UpdatedAt   time.Time         `json:"updatedAt"`
	// DashboardURL follows the SDKs, where it is required (README, "Since the spec"). Exa does not
	// document the link's form: the mock's points nowhere real.
	DashboardURL string `json:"dashboardUrl"`
	// Items are there only when the GET asks for ?expand=items.
	Items *[]itemJSON `json:"items,omitempty"`
}

// dashboardURL is the mock's made-up dashboard link of a webset.
func dashboardURL(id string) string { return "https://dashboard.exa.ai/websets/" + id + "?examock=1" }

// createWebsetBody is CreateWebsetParameters: a webset, optionally with
// a search to start, enrichments to add and imports or websets to load.
type createWebsetBody struct {
	Search      *createSearchBody `json:"search"`
	Import      []sourceJSON      `json:"import"`
	Enrichments []enrichmentBody  `json:"enrichments"`
	ExternalID  *string           `json:"externalId"`
	Exclude     []sourceJSON      `json:"exclude"`
	Metadata    map[string]string `json:"metadata"`
}

// validateCreateWebset checks a create body. The inline search's count
// defaults to 10, as the spec says (a search created on its own needs one).
func validateCreateWebset(in *createWebsetBody) error {
	if in.ExternalID != nil {
		if err := checkLen("externalId", *in.ExternalID, 0, 300); err != nil {
			return err
		}
	}
	if err := validateSources("exclude", in.Exclude); err != nil {
		return err
	}
	if err := validateSources("import", in.Import); err != nil {
		return err
	}
	if err := validateMetadata(in.Metadata); err != nil {
		return err
	}
	if in.Search != nil {
		if in.Search.Count == nil {
			ten := 10.0
			in.Search.Count = &ten
		}
		if err := validateCreateSearch(in.Search); err != nil {
			return fmt.Errorf("search: %w", err)
		}
	}
	for i := range in.Enrichments {
		if err := validateEnrichment(&in.Enrichments[i], true); err != nil {
			return fmt.Errorf("enrichments[%d]: %w", i, err)
		}
	}
	return nil
}

func (s *Server) createWebset(w http.ResponseWriter, r *http.Request) {
	var in createWebsetBody
	if !s.decodeValid(w, r, &in, func() error { return validateCreateWebset(&in) }) {
		return
	}
	// Lifecycle overrides are read before anything is made, so that a bad
	// one is a 400, as from the search and enrichment endpoints.
	var searchLC *Lifecycle
	var err error
	if in.Search != nil {
		if searchLC, err = lifecycleOverride(in.Search.Metadata); err != nil {
			writeError(w, http.StatusBadRequest, "search: "+err.Error())
			return
		}
	}
	enrichmentLCs := make([]*Lifecycle, len(in.Enrichments))
	for i := range in.Enrichments {
		if enrichmentLCs[i], err = lifecycleOverride(in.Enrichments[i].Metadata); err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("enrichments[%d]: %s", i, err))
			return
		}
	}
	if in.ExternalID != nil && s.byExternalID(*in.ExternalID) != nil {
		writeError(w, http.StatusConflict, fmt.Sprintf("a webset with externalId %q already exists", *in.ExternalID))
		return
	}
	if err := s.sourcesExist("exclude", in.Exclude); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if in.Search != nil {
		if err := s.searchSourcesExist(in.Search); err != nil {
			writeError(w, http.StatusBadRequest, "search: "+err.Error())
			return
		}
	}
	if err := s.sourcesExist("import", in.Import); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	for _, src := range in.Import {
		// The spec: "Using the same Import in both top-level import and
		// search.scope will return a 400 error."
		if in.Search != nil && slices.ContainsFunc(in.Search.Scope, func(sc scopeJSON) bool { return sc.Source == src.Source && sc.ID == src.ID }) {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("%s %s is in both import and search.scope", src.Source, src.ID))
			return
		}
	}
	ws := s.addWebset(in)
	for _, src := range in.Import {
		s.load(ws, src)
	}
	if in.Search != nil {
		s.addSearch(ws, in.Search, searchLC)
	}
	for i := range in.Enrichments {
		s.addEnrichment(ws, &in.Enrichments[i], enrichmentLCs[i])
	}
	writeJSON(w, http.StatusCreated, s.websetData(ws))
}

// sourceExists says whether an import or webset named as a source exists.
// The caller holds mu.
func (s *Server) sourceExists(src sourceJSON) bool {
	if src.Source == "webset" {
		return s.lookupWebset(src.ID) != nil
	}
	im, ok := s.imports[src.ID]
	return ok && !im.gone
}

// sourcesExist refuses a list of sources that names an import or a webset
// that does not exist, as the webset's import does. The caller holds mu.
func (s *Server) sourcesExist(field string, srcs []sourceJSON) error {
	for i, src := range srcs {
		if !s.sourceExists(src) {
			return fmt.Errorf("%s[%d]: %s %s not found", field, i, src.Source, src.ID)
		}
	}
	return nil
}

// searchSourcesExist checks a search's exclude and scope. The caller holds
// mu.
func (s *Server) searchSourcesExist(in *createSearchBody) error {
	scope := make([]sourceJSON, 0, len(in.Scope))
	for _, sc := range in.Scope {
		scope = append(scope, sc.sourceJSON())
	}
	if err := s.sourcesExist("scope", scope); err != nil {
		return err
	}
	return s.sourcesExist("exclude", in.Exclude)
}

// load attaches an import or a webset to a new webset. The spec: "For CSV
// Imports, this schedules ingestion and creates a staging pool of items
// (ImportItems do not automatically appear as Webset Items; searches create
// Webset Items)". So an attached import adds no items; a search scoped to
// it draws its items from the import's records (addItems). For an attached
// webset the spec says only "attach/load data"; the mock takes the same
// rule, since searches create Webset Items, and adds none of its items
// either. The caller holds mu.
func (s *Server) load(ws *webset, src sourceJSON) {
	if src.Source == "webset" {
		return
	}
	im := s.imports[src.ID]
	ws.importIDs = append(ws.importIDs, im.ID)
	im.attachedTo = append(im.attachedTo, ws.ID)
}

// cancelWebset is websets-cancel: every running search and pending
// enrichment of the webset stops.
func (s *Server) cancelWebset(w http.ResponseWriter, r *http.Request) {
	ws := s.websetFromPath(w, r, "id")
	if ws == nil {
		return
	}
	reason := "webset_canceled"
	for _, id := range ws.searchIDs {
		if sr := s.searches[id]; !sr.gone {
			s.cancel(sr, &reason)
		}
	}
	for _, id := range ws.enrichmentIDs {
		if e := s.enrichments[id]; !e.gone {
			s.stopEnrichment(e)
		}
	}
	ws.UpdatedAt = s.now()
	writeJSON(w, http.StatusOK, s.websetData(ws))
}

// addWebset stores a new webset. The caller holds mu.
func (s *Server) addWebset(in createWebsetBody) *webset {
	// (search, enrichments and import are added by createWebset.)
	now := s.now()
	ws := &webset{
		ID:         s.nextID("webset"),
		ExternalID: in.ExternalID,
		Excludes:   append([]sourceJSON{}, in.Exclude...),
		Metadata:   copyMap(in.Metadata),
		CreatedAt:  now,
		UpdatedAt:  now,
		held:       map[string]bool{},
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

// websetFromPath is the webset a request's path names (by id or
// externalId) in the given path parameter, or nil after answering 404. The
// caller holds mu.
func (s *Server) websetFromPath(w http.ResponseWriter, r *http.Request, param string) *webset {
	ws := s.lookupWebset(r.PathValue(param))
	if ws == nil {
		writeError(w, http.StatusNotFound, "webset not found")
	}
	return ws
}

func (s *Server) getWebset(w http.ResponseWriter, r *http.Request) {
	expandItems := false
	for _, v := range append(r.URL.Query()["expand"], r.URL.Query()["expand[]"]...) {
		for _, e := range strings.Split(v, ",") {
			if e != "items" {
				writeError(w, http.StatusBadRequest, fmt.Sprintf("expand takes items only, not %q", e))
				return
			}
			expandItems = true
		}
	}
	ws := s.websetFromPath(w, r, "id")
	if ws == nil {
		return
	}
	out := s.render(ws)
	if expandItems {
		// The spec: "When expand query parameter contains `items`, this
		// will contain the items in the webset". It gives no bound; the
		// mock sends them all.
		items := make([]itemJSON, 0, len(s.items[ws.ID]))
		for _, it := range s.items[ws.ID] {
			items = append(items, s.withEnrichments(ws, it))
		}
		out.Items = &items
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) updateWebset(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Metadata map[string]string `json:"metadata"`
	}
	if !s.decodeValid(w, r, &in, func() error { return validateMetadata(in.Metadata) }) {
		return
	}
	ws := s.websetFromPath(w, r, "id")
	if ws == nil {
		return
	}
	// A body without metadata changes nothing: only what is sent is set.
	if in.Metadata != nil {
		ws.Metadata = copyMap(in.Metadata)
	}
	ws.UpdatedAt = s.now()
	writeJSON(w, http.StatusOK, s.websetData(ws))
}

func (s *Server) deleteWebset(w http.ResponseWriter, r *http.Request) {
	ws := s.websetFromPath(w, r, "id")
	if ws == nil {
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
	// Its monitors go with it: a monitor of a webset that is gone would
	// have nothing to search into.
	for _, id := range s.monitorIDs {
		if mo := s.monitors[id]; !mo.gone && mo.WebsetID == ws.ID {
			mo.gone = true
			s.emit("monitor.deleted", mo.monitorJSON)
		}
	}
	data := s.websetData(ws)
	ws.deleted = true
	delete(s.items, ws.ID)
	s.emit("webset.deleted", data)
}

func (s *Server) listWebsets(w http.ResponseWriter, r *http.Request) {
	limit, err := pageLimit(r, 25, 100)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
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
		Searches: []searchJSON{}, Imports: []any{}, Enrichments: []enrichmentJSON{}, Monitors: []monitorJSON{},
		Excludes: ws.Excludes, Metadata: ws.Metadata,
		CreatedAt: ws.CreatedAt, UpdatedAt: ws.UpdatedAt,
		DashboardURL: dashboardURL(ws.ID),
	}
	if s.websetRunning(ws) {
		out.Status = "running"
	}
	for _, id := range ws.searchIDs {
		if sr := s.searches[id]; !sr.gone {
			out.Searches = append(out.Searches, sr.searchJSON)
		}
	}
	for _, id := range ws.enrichmentIDs {
		if e := s.enrichments[id]; !e.gone {
			out.Enrichments = append(out.Enrichments, e.enrichmentJSON)
		}
	}
	for _, id := range ws.importIDs {
		if im, ok := s.imports[id]; ok && !im.gone {
			out.Imports = append(out.Imports, im.importJSON)
		}
	}
	for _, id := range s.monitorIDs {
		if mo := s.monitors[id]; !mo.gone && mo.WebsetID == ws.ID {
			out.Monitors = append(out.Monitors, mo.monitorJSON)
		}
	}
	return out
}
