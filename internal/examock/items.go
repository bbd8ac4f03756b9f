package examock

import (
	"fmt"
	"net/http"
	"time"
)

// maxItemsPerSearch bounds the items a completed search makes, so that a
// benchmark with large counts does not fill memory.
const maxItemsPerSearch = 1000

type evaluationJSON struct {
	Criterion  string `json:"criterion"`
	Reasoning  string `json:"reasoning"`
	Satisfied  string `json:"satisfied"`
	References []any  `json:"references"`
}

// itemJSON is a WebsetItem.
type itemJSON struct {
	ID          string           `json:"id"`
	Object      string           `json:"object"`
	Source      string           `json:"source"`
	SourceID    string           `json:"sourceId"`
	WebsetID    string           `json:"websetId"`
	Properties  map[string]any   `json:"properties"`
	Evaluations []evaluationJSON `json:"evaluations"`
	Enrichments []any            `json:"enrichments"`
	CreatedAt   time.Time        `json:"createdAt"`
	UpdatedAt   time.Time        `json:"updatedAt"`
}

type item = itemJSON

// addItems makes the deterministic items of a completed search: count of
// them (up to maxItemsPerSearch), each evaluated against every criterion.
// The caller holds mu.
func (s *Server) addItems(sr *search) {
	now := s.now()
	n := min(int(sr.Count), maxItemsPerSearch)
	for i := 1; i <= n; i++ {
		it := &item{
			ID:         fmt.Sprintf("witem_%s_%04d", sr.ID, i),
			Object:     "webset_item",
			Source:     "search",
			SourceID:   sr.ID,
			WebsetID:   sr.WebsetID,
			Properties: itemProperties(sr.Entity, i),
			CreatedAt:  now,
			UpdatedAt:  now,
		}
		for j, c := range sr.Criteria {
			sat := "yes"
			if (i+j)%7 == 0 {
				sat = "unclear"
			}
			it.Evaluations = append(it.Evaluations, evaluationJSON{
				Criterion:  c.Description,
				Reasoning:  fmt.Sprintf("Result %d checked against %q.", i, c.Description),
				Satisfied:  sat,
				References: []any{},
			})
		}
		s.items[sr.WebsetID] = append(s.items[sr.WebsetID], it)
	}
}

// itemProperties fills the type-specific properties the spec defines for
// each entity type.
func itemProperties(e *entityJSON, i int) map[string]any {
	typ := "company"
	if e != nil {
		typ = e.Type
	}
	name := fmt.Sprintf("Example %s %d", typ, i)
	url := fmt.Sprintf("https://example.com/%s/%d", typ, i)
	p := map[string]any{"type": typ, "url": url, "description": "A result found by the mock search: " + name}
	published := "2026-01-01T00:00:00.000Z"
	switch typ {
	case "person":
		p["person"] = map[string]any{
			"name": name, "location": "Berlin, Germany", "position": "Founder",
			"company":    map[string]any{"name": fmt.Sprintf("Example company %d", i), "location": "Berlin, Germany"},
			"pictureUrl": nil,
		}
	case "company":
		p["content"] = nil
		p["company"] = map[string]any{
			"name": name, "location": "Munich, Germany", "employees": 10 + i, "industry": "Robotics",
			"about": "An example company.", "logoUrl": nil,
		}
	case "article":
		p["content"] = nil
		p["article"] = map[string]any{"title": name, "author": "A. Writer", "publishedAt": published}
	case "research_paper":
		p["content"] = nil
		p["researchPaper"] = map[string]any{"title": name, "author": "A. Researcher", "publishedAt": published}
	default:
		p["content"] = nil
		p["custom"] = map[string]any{"title": name, "author": nil, "publishedAt": nil}
	}
	return p
}

func (s *Server) listItems(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	def := s.opts.ItemsPageSize
	s.mu.Unlock()
	limit, err := pageLimit(r, def, 100)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	// A server may send fewer items than asked for; the mock's page size
	// caps every page, so that clients' pagination gets exercised.
	limit = min(limit, def)
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.lookupWebset(r.PathValue("webset"))
	if ws == nil {
		writeError(w, http.StatusNotFound, "webset not found")
		return
	}
	s.render(ws) // let searches finish and make their items
	sourceID := r.URL.Query().Get("sourceId")
	var all []*item
	for _, it := range s.items[ws.ID] {
		if sourceID == "" || it.SourceID == sourceID {
			all = append(all, it)
		}
	}
	start, err := cursorIndex(r, len(all))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, page(all, start, limit))
}

func (s *Server) getItem(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.lookupWebset(r.PathValue("webset"))
	if ws == nil {
		writeError(w, http.StatusNotFound, "webset not found")
		return
	}
	for _, it := range s.items[ws.ID] {
		if it.ID == r.PathValue("id") {
			writeJSON(w, http.StatusOK, it)
			return
		}
	}
	writeError(w, http.StatusNotFound, "item not found")
}

// deleteItem is websets-items-delete: it answers the item as it was.
func (s *Server) deleteItem(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.lookupWebset(r.PathValue("webset"))
	if ws == nil {
		writeError(w, http.StatusNotFound, "webset not found")
		return
	}
	items := s.items[ws.ID]
	for i, it := range items {
		if it.ID == r.PathValue("id") {
			s.items[ws.ID] = append(items[:i:i], items[i+1:]...)
			writeJSON(w, http.StatusOK, it)
			return
		}
	}
	writeError(w, http.StatusNotFound, "item not found")
}
