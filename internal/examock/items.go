package examock

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
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

// How a search fills its webset. These are the mock's choices where the
// spec leaves room; the README's table of the mock's choices quotes the
// spec's words for each.
//
//   - An entity is its URL, and a webset holds each entity once: a search
//     skips what its webset already holds, so an append search adds new
//     entities rather than finding the old ones again.
//   - Items appear as they are found, while the search runs, one
//     webset.item.created event each; a cancel keeps what was found.
//   - Results found within an excluded source (the search's exclude, or
//     the webset's excludes) are omitted: the spec's "Any results found
//     within these sources will be omitted".
//   - override (the spec: "the search will replace the existing Items found
//     in the Webset and evaluate them against the new criteria. Any Items
//     that don't match the new criteria will be discarded") is applied when
//     the search starts: see reevaluate.

// findItems makes the search's items up to target (and its count), in the
// order of its candidates, skipping entities its webset already holds and
// those of its excluded sources. The caller holds mu.
func (s *Server) findItems(sr *search, target int) {
	target = min(target, int(sr.Count), maxItemsPerSearch)
	if sr.found >= target {
		return
	}
	ws := s.websets[sr.WebsetID]
	held := ws.held
	excluded := s.sourceURLs(append(append([]sourceJSON{}, sr.Exclude...), ws.Excludes...))
	// Completed enrichments cover an item as it arrives; none completes
	// while the search finds its items.
	enriched := s.enrichedAny(ws)
	now := s.now()
	s.candidates(sr, sr.cursor+1, func(c candidate) bool {
		sr.cursor = c.n
		url, n := c.url, c.n
		if held[url] || excluded[url] {
			return true
		}
		p := c.props()
		held[url] = true
		sr.found++
		it := &item{
			ID:         fmt.Sprintf("witem_%s_%04d", sr.ID, sr.found),
			Object:     "webset_item",
			Source:     "search",
			SourceID:   sr.ID,
			WebsetID:   sr.WebsetID,
			Properties: p,
			CreatedAt:  now,
			UpdatedAt:  now,
		}
		it.Evaluations = evaluate(sr.Criteria, url, func(j int) string {
			if (n+j)%7 == 0 {
				return "unclear"
			}
			return "yes"
		})
		s.items[sr.WebsetID] = append(s.items[sr.WebsetID], it)
		data := s.withEnrichments(ws, it)
		s.emit("webset.item.created", data)
		if enriched {
			s.emit("webset.item.enriched", data)
		}
		return sr.found < target
	})
}

// evaluate is an item's evaluations against criteria, each satisfied as
// sat says.
func evaluate(criteria []criterionJSON, url string, sat func(j int) string) []evaluationJSON {
	out := make([]evaluationJSON, 0, len(criteria))
	for j, c := range criteria {
		out = append(out, evaluationJSON{
			Criterion:  c.Description,
			Reasoning:  fmt.Sprintf("%s checked against %q.", url, c.Description),
			Satisfied:  sat(j),
			References: []referenceJSON{reference(url, c.Description)},
		})
	}
	return out
}

// reevaluate is an override search starting: the webset's items are
// evaluated against the search's criteria, and those that do not match
// are discarded. The mock cannot judge an entity against a criterion it
// has not seen, so an item matches when it is of the search's entity type
// and an earlier evaluation of it satisfied ("yes") each of the search's
// criteria, word for word. So a search whose criteria changed (a changed
// query changes Exa's default criteria) starts the webset afresh, and one
// with the same criteria keeps the items that satisfied them. The caller
// holds mu.
func (s *Server) reevaluate(ws *webset, sr *search) {
	now := s.now()
	kept := s.items[ws.ID][:0:0]
	for _, it := range s.items[ws.ID] {
		if it.Properties["type"] != sr.Entity.Type || !satisfiesAll(it.Evaluations, sr.Criteria) {
			delete(ws.held, itemURL(it.Properties))
			continue
		}
		if len(it.Evaluations) != len(sr.Criteria) {
			// Evaluated against other criteria too: now against these.
			it.Evaluations = evaluate(sr.Criteria, itemURL(it.Properties), func(int) string { return "yes" })
			it.UpdatedAt = now
		}
		kept = append(kept, it)
	}
	s.items[ws.ID] = kept
}

// satisfiesAll says whether evaluations hold a "yes" for every criterion.
func satisfiesAll(evs []evaluationJSON, criteria []criterionJSON) bool {
	for _, c := range criteria {
		if !slices.ContainsFunc(evs, func(e evaluationJSON) bool { return e.Criterion == c.Description && e.Satisfied == "yes" }) {
			return false
		}
	}
	return true
}

// itemURL is the URL of an item's entity: its identity.
func itemURL(p map[string]any) string {
	u, _ := p["url"].(string)
	return u
}

// candidate is one entity a search may find: its URL (its identity), its
// number in the search's order (which picks its evaluations), and its
// properties, built only for a candidate that is taken.
type candidate struct {
	url   string
	n     int
	props func() map[string]any
}

// candidates yields, in order from number from, what a search may find,
// until yield says stop or there are no more:
//   - a search of the whole web finds made-up entities of its type, numbered
//     from 1 (as many as it needs: it skips what its webset holds);
//   - a search scoped to imports or websets (with no relationship) considers
//     only their records or items, as the spec says: "Limit this search to
//     only consider candidates from the listed sources";
//   - a hop search finds relationship.limit related entities for each entity
//     of its sources; from an empty source it finds nothing.
//
// A search resumes where it stopped (search.cursor), so that a search that
// runs long does not walk its candidates again at every read. The caller
// holds mu.
func (s *Server) candidates(sr *search, from int, yield func(candidate) bool) {
	if len(sr.Scope) == 0 {
		typ := entityType(sr.Entity)
		for n := from; n <= maxCandidates; n++ {
			if !yield(candidate{url: entityURL(typ, n), n: n, props: func() map[string]any { return itemProperties(sr.Entity, n) }}) {
				return
			}
		}
		return
	}
	n := 0
	for _, sc := range sr.Scope {
		for _, src := range s.sourceEntities(sc.sourceJSON()) {
			if sc.Relationship == nil {
				if n++; n >= from && !yield(candidate{url: itemURL(src), n: n, props: func() map[string]any { return src }}) {
					return
				}
				continue
			}
			for k := 1; k <= int(sc.Relationship.Limit); k++ {
				if n++; n < from {
					continue
				}
				url := fmt.Sprintf("%s/related/%d", strings.TrimSuffix(itemURL(src), "/"), k)
				props := func() map[string]any {
					p := itemProperties(sr.Entity, n)
					p["url"] = url
					p["description"] = fmt.Sprintf("%s (%s %s)", p["description"], sc.Relationship.Definition, itemURL(src))
					return p
				}
				if !yield(candidate{url: url, n: n, props: props}) {
					return
				}
			}
		}
	}
}

// maxCandidates bounds a search of the whole web: its count, plus what it
// skips, never comes near.
const maxCandidates = 1_000_000

// sourceEntities are the entities an import or a webset holds: one per
// record of an import whose identifier column holds a URL (its URL from
// that column), or a copy of each item's properties of a webset. The
// caller holds mu.
func (s *Server) sourceEntities(src sourceJSON) []map[string]any {
	out := []map[string]any{}
	switch src.Source {
	case "import":
		im, ok := s.imports[src.ID]
		if !ok || im.gone {
			return out
		}
		col := im.identifierColumn()
		for i, row := range im.records {
			url, ok := recordURL(row, col)
			if !ok {
				continue
			}
			p := itemProperties(im.Entity, i+1)
			p["url"] = url
			if len(row) > 1 {
				p["description"] = fmt.Sprintf("Record %d of import %s: %s", i+1, im.ID, strings.Join(row, ", "))
			}
			out = append(out, p)
		}
	case "webset":
		if from := s.lookupWebset(src.ID); from != nil {
			for _, it := range s.items[from.ID] {
				out = append(out, maps.Clone(it.Properties))
			}
		}
	}
	return out
}

// sourceURLs is the set of entity URLs that sources hold. The caller holds
// mu.
func (s *Server) sourceURLs(srcs []sourceJSON) map[string]bool {
	out := map[string]bool{}
	for _, src := range srcs {
		for _, p := range s.sourceEntities(src) {
			out[itemURL(p)] = true
		}
	}
	return out
}

// entityType is an entity's type, company when there is none.
func entityType(e *entityJSON) string {
	if e == nil {
		return "company"
	}
	return e.Type
}

// entityURL is the URL of the made-up entity number i of a type.
func entityURL(typ string, i int) string { return "https://example.com/" + typ + "/" + strconv.Itoa(i) }

// itemProperties fills the type-specific properties the spec defines for
// each entity type.
func itemProperties(e *entityJSON, i int) map[string]any {
	typ := entityType(e)
	name := fmt.Sprintf("Example %s %d", typ, i)
	url := entityURL(typ, i)
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
		if e.gone {
			continue
		}
		// A canceled enrichment's results read canceled, with no value.
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

// enrichedAny says whether a webset has a completed enrichment. The caller
// holds mu.
func (s *Server) enrichedAny(ws *webset) bool {
	return slices.ContainsFunc(ws.enrichmentIDs, func(id string) bool {
		e := s.enrichments[id]
		return !e.gone && e.Status == "completed"
	})
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
			delete(ws.held, itemURL(it.Properties))
			writeJSON(w, http.StatusOK, it)
			return
		}
	}
	writeError(w, http.StatusNotFound, "item not found")
}
