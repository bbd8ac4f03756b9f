package examock

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"
)

// maxItemsPerSearch bounds the items a completed search makes, so that a
// benchmark with large counts does not fill memory.
const maxItemsPerSearch = 1000

type evaluationJSON struct {
	Criterion  string          `json:"criterion"`
	Reasoning  string          `json:"reasoning"`
	Satisfied  string          `json:"satisfied"`
	References []referenceJSON `json:"references"`
}

// referenceJSON is a source cited by an evaluation or an enrichment result.
type referenceJSON struct {
	Title   *string `json:"title"`
	Snippet *string `json:"snippet"`
	URL     string  `json:"url"`
}

// enrichmentResultJSON is an EnrichmentResult.
type enrichmentResultJSON struct {
	Object       string          `json:"object"`
	Status       string          `json:"status"`
	Format       *string         `json:"format"`
	Result       []string        `json:"result"`
	Reasoning    *string         `json:"reasoning"`
	References   []referenceJSON `json:"references"`
	EnrichmentID string          `json:"enrichmentId"`
}

// reference is a deterministic source for an item's url.
func reference(url, about string) referenceJSON {
	title, snippet := "About "+about, "The page states: "+about+"."
	return referenceJSON{Title: &title, Snippet: &snippet, URL: url}
}

// itemJSON is a WebsetItem.
type itemJSON struct {
	ID          string                 `json:"id"`
	Object      string                 `json:"object"`
	Source      string                 `json:"source"`
	SourceID    string                 `json:"sourceId"`
	WebsetID    string                 `json:"websetId"`
	Properties  map[string]any         `json:"properties"`
	Evaluations []evaluationJSON       `json:"evaluations"`
	Enrichments []enrichmentResultJSON `json:"enrichments"`
	CreatedAt   time.Time              `json:"createdAt"`
	UpdatedAt   time.Time              `json:"updatedAt"`
}

type item = itemJSON

// addItems makes the deterministic items of a completed search: count of
// them (up to maxItemsPerSearch), each evaluated against every criterion.
// The caller holds mu.
//
// A search scoped to imports or websets (with no relationship: a hop
// search finds other entities) only considers their records or items, as
// the spec says: its items are drawn from those, in order, up to its count.
func (s *Server) addItems(sr *search) {
	now := s.now()
	candidates := s.scopedCandidates(sr)
	n := min(int(sr.Count), maxItemsPerSearch)
	if candidates != nil {
		n = min(n, len(candidates))
	}
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
		if candidates != nil {
			it.Properties = candidates[i-1]
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
				References: []referenceJSON{reference(fmt.Sprint(it.Properties["url"]), c.Description)},
			})
		}
		s.items[sr.WebsetID] = append(s.items[sr.WebsetID], it)
	}
}

// scopedCandidates are the properties of what a search's scope lets it
// find: one per record of each scoped import (its URL from the import's
// identifier column) and a copy of each item of each scoped webset. It is
// nil for a search of the whole web, or a hop search. The caller holds mu.
func (s *Server) scopedCandidates(sr *search) []map[string]any {
	if len(sr.Scope) == 0 || slices.ContainsFunc(sr.Scope, func(sc scopeJSON) bool { return sc.Relationship != nil }) {
		return nil
	}
	out := []map[string]any{}
	for _, sc := range sr.Scope {
		switch sc.Source {
		case "import":
			im, ok := s.imports[sc.ID]
			if !ok || im.gone {
				continue
			}
			col := 0
			if im.identifier != nil {
				col = *im.identifier
			}
			for i, row := range im.records {
				p := itemProperties(im.Entity, len(out)+1)
				if col < len(row) {
					p["url"] = row[col]
				}
				if len(row) > 1 {
					p["description"] = fmt.Sprintf("Record %d of import %s: %s", i+1, im.ID, strings.Join(row, ", "))
				}
				out = append(out, p)
			}
		case "webset":
			if from := s.lookupWebset(sc.ID); from != nil {
				for _, it := range s.items[from.ID] {
					out = append(out, maps.Clone(it.Properties))
				}
			}
		}
	}
	return out
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
		// The text of the company's website, as Exa returns it: whole
		// pages, with the names and addresses they hold.
		p["content"] = fmt.Sprintf("%s builds warehouse robots in Munich. Contact our founder, Jane Doe, at jane.doe@company-%d.example.", name, i)
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
	def := s.opts.ItemsPageSize
	limit, err := pageLimit(r, def, 100)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	// A server may send fewer items than asked for; the mock's page size
	// caps every page, so that clients' pagination gets exercised.
	limit = min(limit, def)
	ws := s.websetFromPath(w, r, "webset")
	if ws == nil {
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
	out := make([]itemJSON, 0, len(all))
	for _, it := range all {
		out = append(out, s.withEnrichments(ws, it))
	}
	writeJSON(w, http.StatusOK, page(out, start, limit))
}

// withEnrichments is an item with a result for each of its webset's
// enrichments: completed ones carry a value, its reasoning and a reference;
// pending ones are pending. Results are derived, not stored, so an
// enrichment added later covers every item. The caller holds mu.
func (s *Server) withEnrichments(ws *webset, it *item) itemJSON {
	out := *it
	out.Enrichments = []enrichmentResultJSON{}
	url := fmt.Sprint(it.Properties["url"])
	for _, id := range ws.enrichmentIDs {
		e := s.enrichments[id]
		if e.gone || e.Status == "canceled" {
			continue
		}
		res := enrichmentResultJSON{Object: "enrichment_result", Status: e.Status, Format: e.Format, EnrichmentID: e.ID, References: []referenceJSON{}}
		if e.Status == "completed" {
			value := fmt.Sprintf("%s of %s", e.Description, url)
			reasoning := fmt.Sprintf("Found on %s.", url)
			res.Result, res.Reasoning = []string{value}, &reasoning
			res.References = []referenceJSON{reference(url, e.Description)}
		}
		out.Enrichments = append(out.Enrichments, res)
	}
	return out
}

func (s *Server) getItem(w http.ResponseWriter, r *http.Request) {
	ws := s.websetFromPath(w, r, "webset")
	if ws == nil {
		return
	}
	for _, it := range s.items[ws.ID] {
		if it.ID == r.PathValue("id") {
			writeJSON(w, http.StatusOK, s.withEnrichments(ws, it))
			return
		}
	}
	writeError(w, http.StatusNotFound, "item not found")
}

// deleteItem is websets-items-delete: it answers the item as it was.
func (s *Server) deleteItem(w http.ResponseWriter, r *http.Request) {
	ws := s.websetFromPath(w, r, "webset")
	if ws == nil {
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
