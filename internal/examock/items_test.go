package examock

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// How searches fill a webset: the spec's behavior, exclude and scope, and
// items that appear while a search runs.

// itemURLs lists a webset's items' URLs, in order.
func (h *harness) itemURLs(ws string) []string {
	h.t.Helper()
	_, page := h.call("GET", "/websets/v0/websets/"+ws+"/items?limit=100", "")
	var urls []string
	for _, it := range at[[]any](h.t, page, "data") {
		urls = append(urls, at[string](h.t, it, "properties", "url"))
	}
	return urls
}

// search starts a search in a webset and returns its id, failing the test
// on anything but 200.
func (h *harness) search(ws, body string) string {
	h.t.Helper()
	code, sr := h.call("POST", "/websets/v0/websets/"+ws+"/searches", body)
	if code != 200 {
		h.t.Fatalf("search %s: %d %v", body, code, sr)
	}
	return at[string](h.t, sr, "id")
}

// importCSV makes an import of a CSV and uploads it; it returns its id.
func (h *harness) importCSV(csv string, records int) string {
	h.t.Helper()
	_, im := h.call("POST", "/websets/v0/imports", fmt.Sprintf(`{"size":%d,"count":%d,"format":"csv","entity":{"type":"company"}}`, len(csv), records))
	upload(h.t, at[string](h.t, im, "uploadUrl"), csv)
	return at[string](h.t, im, "id")
}

func companies(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprintf("https://example.com/company/%d", i))
	}
	return out
}

// The spec: "override: the search will replace the existing Items found in
// the Webset and evaluate them against the new criteria. Any Items that
// don't match the new criteria will be discarded"; "append: the search will
// add the new Items found to the existing Webset".
func TestMock_overrideReplacesAndAppendAdds(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{Immediate: true}})
	ws := h.s.CreateWebset("")
	h.search(ws, `{"query":"robotics companies","count":3}`)
	if got := h.itemURLs(ws); !slices.Equal(got, companies(1, 3)) {
		t.Fatalf("first search: %v", got)
	}
	// append keeps them, and finds new entities: a webset holds one
	// entity once.
	h.search(ws, `{"query":"robotics startups","count":2,"behavior":"append"}`)
	if got := h.itemURLs(ws); !slices.Equal(got, companies(1, 5)) {
		t.Errorf("after an append search: %v, want the 3 and 2 new ones", got)
	}
	// override with other criteria (a new query: Exa's default criteria
	// follow it) discards what does not match them: all of it.
	h.search(ws, `{"query":"drone makers","count":2}`)
	if got := h.itemURLs(ws); !slices.Equal(got, companies(1, 2)) {
		t.Errorf("after an override search with new criteria: %v, want only its 2", got)
	}
	// override is the default, and a scope makes a search override even
	// when it asks to append (the spec: "When scope is present, the search
	// behavior is OVERRIDE").
	_, sr := h.call("POST", "/websets/v0/websets/"+ws+"/searches", fmt.Sprintf(`{"query":"q2","count":1,"behavior":"append","scope":[{"source":"webset","id":%q}]}`, h.s.CreateWebset("")))
	if sr["behavior"] != "override" {
		t.Errorf("a scoped search's behavior is %v", sr["behavior"])
	}
}

// Items that satisfied every one of the new search's criteria are kept by
// an override search, with their evaluations against the new criteria;
// those that were unclear are discarded.
func TestMock_overrideKeepsWhatMatchesTheNewCriteria(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{Immediate: true}})
	ws := h.s.CreateWebset("")
	crit := `"criteria":[{"description":"Makes robots"},{"description":"Based in Europe"}]`
	h.search(ws, `{"query":"robotics companies","count":8,`+crit+`}`)
	// Item 6 was "unclear" on the second criterion, 7 on the first.
	h.search(ws, `{"query":"robot makers","count":1,`+crit+`}`)
	want := append(slices.Delete(companies(1, 8), 5, 7), "https://example.com/company/6")
	if got := h.itemURLs(ws); !slices.Equal(got, want) {
		t.Errorf("after an override search with the same criteria: %v, want %v", got, want)
	}
	_, page := h.call("GET", "/websets/v0/websets/"+ws+"/items", "")
	if got := at[string](t, page, "data", 0, "evaluations", 1, "satisfied"); got != "yes" {
		t.Errorf("a kept item's evaluation reads %q", got)
	}
}

// The spec of exclude: "Any results found within these sources will be
// omitted", for a search's exclude and for a webset's.
func TestMock_excludeOmitsWhatTheSourcesHold(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{Immediate: true}})
	other := h.s.CreateWebset("")
	h.search(other, `{"query":"robotics companies","count":2}`)
	ws := h.s.CreateWebset("")
	h.search(ws, fmt.Sprintf(`{"query":"robotics companies","count":3,"exclude":[{"source":"webset","id":%q}]}`, other))
	if got := h.itemURLs(ws); !slices.Equal(got, companies(3, 5)) {
		t.Errorf("a search that excludes a webset found %v", got)
	}
	imp := h.importCSV("url\nhttps://example.com/company/1\n", 1)
	_, wsx := h.call("POST", "/websets/v0/websets", fmt.Sprintf(`{"search":{"query":"robotics companies","count":2},"exclude":[{"source":"import","id":%q}]}`, imp))
	if got := h.itemURLs(at[string](t, wsx, "id")); !slices.Equal(got, companies(2, 3)) {
		t.Errorf("a webset that excludes an import found %v", got)
	}
	for _, body := range []string{
		`{"query":"q1","count":1,"exclude":[{"source":"webset","id":"webset_nope"}]}`,
		`{"query":"q1","count":1,"scope":[{"source":"import","id":"import_nope"}]}`,
	} {
		if code, got := h.call("POST", "/websets/v0/websets/"+ws+"/searches", body); code != 400 || !strings.Contains(fmt.Sprint(got["message"]), "not found") {
			t.Errorf("%s: %d %v", body, code, got)
		}
	}
	if code, _ := h.call("POST", "/websets/v0/websets", `{"exclude":[{"source":"import","id":"import_nope"}]}`); code != 400 {
		t.Errorf("a webset that excludes an unknown import: %d", code)
	}
}

// Items appear while the search runs, one webset.item.created each, and a
// cancel keeps what was found.
func TestMock_itemsAppearAsFoundAndStayOnCancel(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{CompleteAfterReads: 10}})
	ws := h.s.CreateWebset("")
	id := h.search(ws, `{"query":"robotics companies","count":10}`)
	for range 3 {
		h.call("GET", "/websets/v0/websets/"+ws+"/searches/"+id, "")
	}
	_, sr := h.call("GET", "/websets/v0/websets/"+ws+"/searches/"+id, "")
	found := at[float64](t, sr, "progress", "found")
	if sr["status"] != "running" || found != 4 {
		t.Fatalf("after 4 reads of 10: %v found, %v", found, sr["status"])
	}
	if got := h.itemURLs(ws); len(got) != 5 { // the list is a fifth read
		t.Errorf("while running, %d items are listed; want the 5 found", len(got))
	}
	h.call("POST", "/websets/v0/websets/"+ws+"/searches/"+id+"/cancel", "")
	if got := h.itemURLs(ws); !slices.Equal(got, companies(1, 5)) {
		t.Errorf("after cancel: %v", got)
	}
	_, evs := h.call("GET", "/websets/v0/events?types=webset.item.created", "")
	if n := len(at[[]any](t, evs, "data")); n != 5 {
		t.Errorf("%d webset.item.created events for 5 items", n)
	}
}

// A hop search finds relationship.limit entities for each entity of its
// source: none from an empty one.
func TestMock_hopSearchFromAnEmptySourceFindsNothing(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{Immediate: true}})
	empty := h.s.CreateWebset("")
	ws := h.s.CreateWebset("")
	hop := `{"query":"investors of","count":10,"scope":[{"source":"webset","id":%q,"relationship":{"definition":"investors of","limit":2}}]}`
	h.search(ws, fmt.Sprintf(hop, empty))
	if got := h.itemURLs(ws); len(got) != 0 {
		t.Errorf("a hop search from an empty webset found %v", got)
	}
	full := h.s.CreateWebset("")
	h.search(full, `{"query":"robotics companies","count":2}`)
	h.search(ws, fmt.Sprintf(hop, full))
	want := []string{"https://example.com/company/1/related/1", "https://example.com/company/1/related/2", "https://example.com/company/2/related/1", "https://example.com/company/2/related/2"}
	if got := h.itemURLs(ws); !slices.Equal(got, want) {
		t.Errorf("a hop search from 2 entities, 2 each: %v", got)
	}
}

// A webset holds an entity once, even when one search's sources name it
// twice.
func TestMock_aWebsetHoldsAnEntityOnce(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{Immediate: true}})
	id := h.importCSV("url\nhttps://acme.example\nhttps://acme.example\nhttps://globex.example\n", 3)
	ws := h.s.CreateWebset("")
	h.search(ws, fmt.Sprintf(`{"query":"accounts","count":5,"scope":[{"source":"import","id":%q}]}`, id))
	if got := h.itemURLs(ws); !slices.Equal(got, []string{"https://acme.example", "https://globex.example"}) {
		t.Errorf("a CSV that names acme twice gave %v", got)
	}
}
