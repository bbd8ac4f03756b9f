package examock

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"
)

type entityJSON struct {
	Type        string  `json:"type"`
	Description *string `json:"description,omitempty"`
}

type criterionJSON struct {
	Description string  `json:"description"`
	SuccessRate float64 `json:"successRate"`
}

type sourceJSON struct {
	Source string `json:"source"`
	ID     string `json:"id"`
}

type relationshipJSON struct {
	Definition string  `json:"definition"`
	Limit      float64 `json:"limit"`
}

type scopeJSON struct {
	Source       string            `json:"source"`
	ID           string            `json:"id"`
	Relationship *relationshipJSON `json:"relationship,omitempty"`
}

// sourceJSON is the source a scope names.
func (sc scopeJSON) sourceJSON() sourceJSON { return sourceJSON{Source: sc.Source, ID: sc.ID} }

type progressJSON struct {
	Found      float64  `json:"found"`
	Analyzed   float64  `json:"analyzed"`
	Completion float64  `json:"completion"`
	TimeLeft   *float64 `json:"timeLeft"`
}

type recallJSON struct {
	Expected struct {
		Total      float64 `json:"total"`
		Confidence string  `json:"confidence"`
		Bounds     struct {
			Min float64 `json:"min"`
			Max float64 `json:"max"`
		} `json:"bounds"`
	} `json:"expected"`
	Reasoning string `json:"reasoning"`
}

// searchJSON is a WebsetSearch: every required field, nulls included.
type searchJSON struct {
	ID             string            `json:"id"`
	Object         string            `json:"object"`
	Status         string            `json:"status"`
	WebsetID       string            `json:"websetId"`
	Query          string            `json:"query"`
	Entity         *entityJSON       `json:"entity"`
	Criteria       []criterionJSON   `json:"criteria"`
	Count          float64           `json:"count"`
	Behavior       string            `json:"behavior"`
	Exclude        []sourceJSON      `json:"exclude"`
	Scope          []scopeJSON       `json:"scope"`
	Progress       progressJSON      `json:"progress"`
	Recall         *recallJSON       `json:"recall"`
	Metadata       map[string]string `json:"metadata"`
	CanceledAt     *time.Time        `json:"canceledAt"`
	CanceledReason *string           `json:"canceledReason"`
	// MaxPeoplePerCompany follows the SDKs (README, "Since the spec"): the cap asked for,
	// or null, always present.
	MaxPeoplePerCompany *float64  `json:"maxPeoplePerCompany"`
	CreatedAt           time.Time `json:"createdAt"`
	UpdatedAt           time.Time `json:"updatedAt"`
}

type search struct {
	searchJSON
	// found is how many items the search has made (findItems), and
	// cursor the number of the last candidate it looked at.
	found, cursor   int
	recallRequested bool
	lifecycle       Lifecycle
	reads           int
	gone            bool // deleted out of band: answers 404
}

// createSearchBody is CreateWebsetSearchParameters. Pointers tell a missing
// field from a zero one.
type createSearchBody struct {
	Count    *float64    `json:"count"`
	Query    *string     `json:"query"`
	Entity   *entityJSON `json:"entity"`
	Criteria []struct {
		Description string `json:"description"`
	} `json:"criteria"`
	Exclude  []sourceJSON      `json:"exclude"`
	Scope    []scopeJSON       `json:"scope"`
	Recall   *bool             `json:"recall"`
	Behavior *string           `json:"behavior"`
	Metadata map[string]string `json:"metadata"`
	// MaxPeoplePerCompany follows the SDKs, not the spec file (README, "Since the spec").
	MaxPeoplePerCompany *float64 `json:"maxPeoplePerCompany"`
}

func (s *Server) createSearch(w http.ResponseWriter, r *http.Request) {
	validate := func(in *createSearchBody) error {
		if err := validateCreateSearch(in); err != nil {
			return err
		}
		return s.searchSourcesExist(in)
	}
	createInWebset(s, w, r, validate, func(in *createSearchBody) map[string]string { return in.Metadata },
		func(ws *webset, in *createSearchBody, lc *Lifecycle) any { return s.addSearch(ws, in, lc).searchJSON })
}

// addSearch starts a search in a webset. The caller holds mu, and has
// validated in.
func (s *Server) addSearch(ws *webset, in *createSearchBody, lifecycle *Lifecycle) *search {
	now := s.now()
	sr := &search{searchJSON: searchJSON{
		ID:        s.nextID("search"),
		Object:    "webset_search",
		Status:    "created",
		WebsetID:  ws.ID,
		Query:     *in.Query,
		Count:     math.Trunc(*in.Count),
		Behavior:  "override",
		Exclude:   append([]sourceJSON{}, in.Exclude...),
		Scope:     append([]scopeJSON{}, in.Scope...),
		Metadata:  map[string]string{},
		CreatedAt: now,
		UpdatedAt: now,

		MaxPeoplePerCompany: in.MaxPeoplePerCompany,
	}, lifecycle: s.opts.Lifecycle}
	if lifecycle != nil {
		sr.lifecycle = *lifecycle
	}
	if in.Behavior != nil {
		sr.Behavior = *in.Behavior
	}
	// The spec, of scope: "When scope is present, the search behavior is
	// OVERRIDE (replaces results rather than appending)". It says so of
	// the webset's inline search; the mock holds it for every search.
	if len(in.Scope) > 0 {
		sr.Behavior = "override"
	}
	for k, v := range in.Metadata {
		sr.Metadata[k] = v
	}
	sr.recallRequested = in.Recall != nil && *in.Recall
	// Exa picks an entity and writes criteria when the request has none.
	sr.Entity = in.Entity
	if sr.Entity == nil {
		sr.Entity = &entityJSON{Type: guessEntity(sr.Query)}
	}
	if len(in.Criteria) == 0 {
		sr.Criteria = defaultCriteria(sr.Query)
	}
	for _, c := range in.Criteria {
		sr.Criteria = append(sr.Criteria, criterionJSON{Description: c.Description})
	}
	s.emit("webset.search.created", sr.searchJSON)
	if sr.Behavior == "override" {
		s.reevaluate(ws, sr)
	}
	s.searches[sr.ID] = sr
	ws.searchIDs = append(ws.searchIDs, sr.ID)
	ws.busy = true
	if sr.lifecycle.Immediate {
		s.complete(sr)
	}
	if ws.Title == nil {
		// Exa titles a webset after what it searches for.
		title := truncate(sr.Query, 80)
		ws.Title = &title
	}
	ws.UpdatedAt = now
	return sr
}

func (s *Server) getSearch(w http.ResponseWriter, r *http.Request) {
	sr := s.lookupSearch(w, r)
	if sr == nil {
		return
	}
	s.observeSearch(sr)
	writeJSON(w, http.StatusOK, sr.searchJSON)
}

// cancelSearch cancels a search that is still going. The spec does not say
// what canceling a finished search does; the mock answers 200 with the
// search unchanged, so clients must read the status rather than assume.
func (s *Server) cancelSearch(w http.ResponseWriter, r *http.Request) {
	sr := s.lookupSearch(w, r)
	if sr == nil {
		return
	}
	s.advance(sr)
	s.cancel(sr, nil)
	writeJSON(w, http.StatusOK, sr.searchJSON)
}

// lookupSearch finds the search a path names, in the webset it names, or
// answers 404.
func (s *Server) lookupSearch(w http.ResponseWriter, r *http.Request) *search {
	sr, _ := lookupInWebset(s, w, r, s.searches, "search")
	return sr
}

// advance moves a running search along its lifecycle. The caller holds mu.
func (s *Server) advance(sr *search) {
	if sr.Status == "completed" || sr.Status == "canceled" {
		return
	}
	now := s.now()
	lc := sr.lifecycle
	switch {
	case lc.CompleteAfterReads > 0 && sr.reads >= lc.CompleteAfterReads,
		lc.CompleteAfter > 0 && now.Sub(sr.CreatedAt) >= lc.CompleteAfter:
		s.complete(sr)
		return
	}
	before := sr.Progress
	wasRunning := sr.Status == "running"
	sr.Status = "running"
	p := &sr.Progress
	switch {
	case lc.CompleteAfter > 0:
		frac := float64(now.Sub(sr.CreatedAt)) / float64(lc.CompleteAfter)
		p.Completion = math.Floor(frac * 100)
		left := (lc.CompleteAfter - now.Sub(sr.CreatedAt)).Seconds()
		p.TimeLeft = &left
	case lc.CompleteAfterReads > 0:
		p.Completion = math.Floor(100 * float64(sr.reads) / float64(lc.CompleteAfterReads))
	default:
		p.Completion = math.Min(90, float64(10*sr.reads))
	}
	s.findItems(sr, int(math.Floor(sr.Count*p.Completion/100)))
	p.Found = float64(sr.found)
	p.Analyzed = p.Found * 2
	if !wasRunning || !sameProgress(before, *p) {
		sr.UpdatedAt = now
		s.emit("webset.search.updated", sr.searchJSON)
	}
}

// sameProgress says whether two progress reports say the same.
func sameProgress(a, b progressJSON) bool {
	return a.Found == b.Found && a.Analyzed == b.Analyzed && a.Completion == b.Completion &&
		(a.TimeLeft == nil) == (b.TimeLeft == nil) && (a.TimeLeft == nil || *a.TimeLeft == *b.TimeLeft)
}

// complete finishes a search: full progress, success rates, recall when it
// was asked for, and the items it found. The caller holds mu.
func (s *Server) complete(sr *search) {
	now := s.now()
	sr.Status = "completed"
	sr.UpdatedAt = now
	s.findItems(sr, int(sr.Count))
	zero := 0.0
	found := float64(sr.found)
	sr.Progress = progressJSON{Found: found, Analyzed: found * 2, Completion: 100, TimeLeft: &zero}
	for i := range sr.Criteria {
		sr.Criteria[i].SuccessRate = float64(100 - 15*i)
	}
	if sr.recallRequested {
		rc := &recallJSON{Reasoning: "Estimated from the share of analyzed candidates that matched every criterion."}
		rc.Expected.Total = sr.Count * 4
		rc.Expected.Confidence = "medium"
		rc.Expected.Bounds.Min = sr.Count * 2
		rc.Expected.Bounds.Max = sr.Count * 8
		sr.Recall = rc
	}
	s.emit("webset.search.completed", sr.searchJSON)
	s.settle(s.websets[sr.WebsetID])
}

// cancel stops a search that is still going; a finished one is left as it
// is. The caller holds mu.
func (s *Server) cancel(sr *search, reason *string) {
	if sr.Status == "completed" || sr.Status == "canceled" {
		return
	}
	now := s.now()
	sr.Status = "canceled"
	sr.CanceledAt = &now
	sr.CanceledReason = reason
	sr.UpdatedAt = now
	sr.Progress.TimeLeft = nil
	s.emit("webset.search.canceled", sr.searchJSON)
	s.settle(s.websets[sr.WebsetID])
}

// CancelSearch cancels a search out of band, as a user could in Exa's
// dashboard.
func (s *Server) CancelSearch(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sr := s.searches[id]
	if sr == nil {
		return fmt.Errorf("no search %q", id)
	}
	s.cancel(sr, nil)
	return nil
}

// CreateCompletedSearch runs a search of count results in a webset out of
// band, for tests that need a webset with items, and completes it. It
// returns the search's id.
func (s *Server) CreateCompletedSearch(websetID, query string, count int) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.lookupWebset(websetID)
	if ws == nil {
		return "", fmt.Errorf("no webset %q", websetID)
	}
	n := float64(count)
	sr := s.addSearch(ws, &createSearchBody{Query: &query, Count: &n}, &Lifecycle{Immediate: true})
	return sr.ID, nil
}

// CompleteSearch completes a search out of band.
func (s *Server) CompleteSearch(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sr := s.searches[id]
	if sr == nil {
		return fmt.Errorf("no search %q", id)
	}
	if sr.Status != "completed" && sr.Status != "canceled" {
		s.complete(sr)
	}
	return nil
}

// DeleteSearch makes a search answer 404 from now on.
func (s *Server) DeleteSearch(id string) error { return deleteOutOfBand(s, s.searches, "search", id) }

// SearchStatus returns a search's status, or "" when there is none.
func (s *Server) SearchStatus(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sr := s.searches[id]; sr != nil && !sr.gone {
		return sr.Status
	}
	return ""
}

// SearchIDs lists every search the mock holds (deleted ones aside), in
// creation order.
func (s *Server) SearchIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for _, wid := range s.websetIDs {
		for _, id := range s.websets[wid].searchIDs {
			if !s.searches[id].gone {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

func guessEntity(query string) string {
	q := strings.ToLower(query)
	for _, word := range []string{"people", "person", "engineers", "founders", "ceos", "researchers"} {
		if strings.Contains(q, word) {
			return "person"
		}
	}
	return "company"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// defaultCriteria are the criteria Exa writes for a query that came
// without any: a search's, and a preview's.
func defaultCriteria(query string) []criterionJSON {
	return []criterionJSON{
		{Description: "Matches the query: " + truncate(query, 200)},
		{Description: "Has a verifiable presence on the web"},
	}
}
