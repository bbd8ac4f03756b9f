package examock

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// websets-preview: how Exa would read a query before any search is paid
// for. The mock derives everything from the query, deterministically: the
// entity as searches guess it, the criteria a search would get, and
// enrichment columns for what the query asks about.

type previewBody struct {
	Search *struct {
		Query  *string     `json:"query"`
		Entity *entityJSON `json:"entity"`
		Count  *float64    `json:"count"`
	} `json:"search"`
}

type previewEnrichmentJSON struct {
	Description string       `json:"description"`
	Format      string       `json:"format"`
	Options     []optionJSON `json:"options,omitempty"`
}

type previewJSON struct {
	Search struct {
		Entity   entityJSON `json:"entity"`
		Criteria []struct {
			Description string `json:"description"`
		} `json:"criteria"`
	} `json:"search"`
	Enrichments []previewEnrichmentJSON `json:"enrichments"`
	Items       []map[string]any        `json:"items"`
}

// previewColumns are the enrichment columns a query's words suggest.
var previewColumns = []struct {
	words []string
	col   previewEnrichmentJSON
}{
	{[]string{"email", "contact"}, previewEnrichmentJSON{Description: "Work email address", Format: "email"}},
	{[]string{"phone"}, previewEnrichmentJSON{Description: "Phone number", Format: "phone"}},
	{[]string{"funding", "raised", "series", "seed"}, previewEnrichmentJSON{Description: "Total funding raised, in US dollars", Format: "number"}},
	{[]string{"employees", "headcount", "team size"}, previewEnrichmentJSON{Description: "Number of employees", Format: "number"}},
	{[]string{"ceo", "founder"}, previewEnrichmentJSON{Description: "Name of the CEO or founder", Format: "text"}},
	{[]string{"city", "based in", "located", "headquarters"}, previewEnrichmentJSON{Description: "Headquarters city", Format: "text"}},
	{[]string{"founded", "year"}, previewEnrichmentJSON{Description: "Year founded", Format: "date"}},
	{[]string{"stage"}, previewEnrichmentJSON{Description: "Funding stage", Format: "options",
		Options: []optionJSON{{Label: "Pre-seed"}, {Label: "Seed"}, {Label: "Series A"}, {Label: "Series B or later"}}}},
}

func (s *Server) previewWebset(w http.ResponseWriter, r *http.Request) {
	var in previewBody
	if !s.decodeValid(w, r, &in, func() error { return validatePreview(&in) }) {
		return
	}
	withItems := false
	if v := r.URL.Query().Get("search"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("search must be true or false, not %q", v))
			return
		}
		withItems = b
	}
	query := *in.Search.Query
	var out previewJSON
	out.Search.Entity = entityJSON{Type: guessEntity(query)}
	if in.Search.Entity != nil {
		out.Search.Entity = *in.Search.Entity
	}
	for _, c := range defaultCriteria(query) {
		out.Search.Criteria = append(out.Search.Criteria, struct {
			Description string `json:"description"`
		}{c.Description})
	}
	lower := strings.ToLower(query)
	out.Enrichments = []previewEnrichmentJSON{{Description: "Website", Format: "url"}}
	for _, pc := range previewColumns {
		for _, word := range pc.words {
			if strings.Contains(lower, word) {
				out.Enrichments = append(out.Enrichments, pc.col)
				break
			}
		}
	}
	out.Items = []map[string]any{}
	if withItems {
		n := 10
		if in.Search.Count != nil {
			n = int(*in.Search.Count)
		}
		for i := 1; i <= n; i++ {
			out.Items = append(out.Items, map[string]any{"id": fmt.Sprintf("preview_item_%02d", i), "properties": itemProperties(&out.Search.Entity, i), "createdAt": s.now()})
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func validatePreview(in *previewBody) error {
	if in.Search == nil {
		return fmt.Errorf("search is required")
	}
	if in.Search.Query == nil {
		return fmt.Errorf("search.query is required")
	}
	if err := checkLen("search.query", *in.Search.Query, 1, 5000); err != nil {
		return err
	}
	if c := in.Search.Count; c != nil && (*c < 1 || *c > 10) {
		return fmt.Errorf("search.count must be from 1 to 10")
	}
	if in.Search.Entity != nil {
		return validateEntity(in.Search.Entity)
	}
	return nil
}
