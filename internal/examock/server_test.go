package examock

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

const key = "mock-test-key"

type harness struct {
	t   *testing.T
	s   *Server
	url string
}

func start(t *testing.T, opts Options) *harness {
	t.Helper()
	opts.APIKey = key
	s := New(opts)
	ts := s.Start()
	t.Cleanup(ts.Close)
	return &harness{t: t, s: s, url: ts.URL}
}

// call sends a request and decodes the JSON answer into a map.
func (h *harness) call(method, path, body string) (int, map[string]any) {
	h.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, h.url+path, r)
	req.Header.Set("x-api-key", key)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("X-Request-Id") == "" {
		h.t.Errorf("%s %s: no X-Request-Id", method, path)
	}
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// at walks a decoded JSON value by map keys (string) and slice indexes
// (int), and asserts the type of what it finds.
func at[T any](t *testing.T, v any, path ...any) T {
	t.Helper()
	for _, step := range path {
		switch k := step.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %v: %T is not an object", path, v)
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				t.Fatalf("at %v: %T has no index %d", path, v, k)
			}
			v = l[k]
		}
	}
	out, ok := v.(T)
	if !ok {
		t.Fatalf("at %v: %T is not a %T", path, v, out)
	}
	return out
}

func TestMock_requiresAPIKey(t *testing.T) {
	h := start(t, Options{})
	res, err := http.Get(h.url + "/websets/v0/websets")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("no key: got %d", res.StatusCode)
	}
}

func TestMock_searchStateMachine(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{CompleteAfterReads: 2}})
	ws := h.s.CreateWebset("")
	code, s := h.call("POST", "/websets/v0/websets/"+ws+"/searches", `{"query":"robotics","count":2,"recall":true}`)
	if code != 200 || s["status"] != "created" || s["object"] != "webset_search" {
		t.Fatalf("create: %d %v", code, s)
	}
	// Every field the spec requires is there, nulls included.
	for _, f := range []string{"id", "object", "websetId", "status", "query", "entity", "criteria", "count", "exclude", "scope", "progress", "recall", "canceledAt", "canceledReason", "createdAt", "updatedAt", "metadata", "behavior"} {
		if _, ok := s[f]; !ok {
			t.Errorf("create answer lacks %q", f)
		}
	}
	if s["recall"] != nil || s["canceledAt"] != nil {
		t.Errorf("recall and canceledAt start null: %v %v", s["recall"], s["canceledAt"])
	}
	path := "/websets/v0/websets/" + ws + "/searches/" + at[string](t, s, "id")
	if _, got := h.call("GET", path, ""); got["status"] != "running" {
		t.Errorf("first read: %v", got["status"])
	}
	_, got := h.call("GET", path, "")
	if got["status"] != "completed" || got["recall"] == nil {
		t.Errorf("second read: %v, recall %v", got["status"], got["recall"])
	}
	if rate := at[float64](t, got, "criteria", 0, "successRate"); rate != 100 {
		t.Errorf("success rate %v", rate)
	}
	// Canceling a finished search leaves it as it is.
	if code, got := h.call("POST", path+"/cancel", ""); code != 200 || got["status"] != "completed" {
		t.Errorf("cancel of a completed search: %d %v", code, got["status"])
	}
}

func TestMock_cancel(t *testing.T) {
	h := start(t, Options{})
	ws := h.s.CreateWebset("")
	_, s := h.call("POST", "/websets/v0/websets/"+ws+"/searches", `{"query":"q","count":1}`)
	code, got := h.call("POST", "/websets/v0/websets/"+ws+"/searches/"+at[string](t, s, "id")+"/cancel", "")
	if code != 200 || got["status"] != "canceled" || got["canceledAt"] == nil {
		t.Errorf("cancel: %d %v", code, got)
	}
}

func TestMock_validatesBodies(t *testing.T) {
	h := start(t, Options{RejectUnknownFields: true})
	ws := h.s.CreateWebset("")
	for body, want := range map[string]string{
		`{"count":1}`:             "query is required",
		`{"query":"q"}`:           "count is required",
		`{"query":"","count":1}`:  "query must be 1 to 5000",
		`{"query":"q","count":0}`: "count must be at least 1",
		`{"query":"q","count":1,"entity":{"type":"planet"}}`:                                                          "entity.type",
		`{"query":"q","count":1,"entity":{"type":"custom"}}`:                                                          "entity.description is required",
		`{"query":"q","count":1,"criteria":[]}`:                                                                       "criteria must hold 1 to 5",
		`{"query":"q","count":1,"behavior":"merge"}`:                                                                  "behavior must be",
		`{"query":"q","count":1,"exclude":[{"source":"x","id":"a"}]}`:                                                 "exclude[0].source",
		`{"query":"q","count":1,"scope":[{"source":"webset","id":"w","relationship":{"definition":"d","limit":11}}]}`: "limit must be between 1 and 10",
		`{"query":"q","count":1,"color":"red"}`:                                                                       "unknown field",
		`{"query":"q","count":1,"maxPeoplePerCompany":0}`:                                                             "maxPeoplePerCompany must be a whole number of at least 1",
		`{"query":"q","count":1,"maxPeoplePerCompany":2.5}`:                                                           "maxPeoplePerCompany must be a whole number of at least 1",
		`{"query":"q","count":1,"maxPeoplePerCompany":"3"}`:                                                           "maxPeoplePerCompany",
	} {
		code, got := h.call("POST", "/websets/v0/websets/"+ws+"/searches", body)
		if code != 400 || !strings.Contains(at[string](t, got, "message"), want) {
			t.Errorf("%s: %d %v", body, code, got)
		}
	}
	if len(h.s.SearchIDs()) != 0 {
		t.Error("an invalid body made a search")
	}
	// By default a field the spec does not name is ignored, as the spec
	// allows (no schema forbids additional properties).
	lenient := start(t, Options{})
	ws = lenient.s.CreateWebset("")
	if code, got := lenient.call("POST", "/websets/v0/websets/"+ws+"/searches", `{"query":"q","count":1,"color":"red"}`); code != 200 {
		t.Errorf("an unknown field was refused by default: %d %v", code, got)
	}
}

// The fields and the header that Exa added since the spec (README): maxPeoplePerCompany is
// stored and echoed (null when not asked for), every webset answer carries
// dashboardUrl, and the priority header is recorded.
func TestMock_sinceTheSpec(t *testing.T) {
	h := start(t, Options{})
	code, ws := h.call("POST", "/websets/v0/websets", `{"externalId":"people"}`)
	if code/100 != 2 || !strings.HasPrefix(at[string](t, ws, "dashboardUrl"), "https://") {
		t.Fatalf("create: %d %v", code, ws)
	}
	id := at[string](t, ws, "id")
	_, got := h.call("GET", "/websets/v0/websets/"+id, "")
	if at[string](t, got, "dashboardUrl") != at[string](t, ws, "dashboardUrl") {
		t.Errorf("get: dashboardUrl %v", got["dashboardUrl"])
	}
	_, capped := h.call("POST", "/websets/v0/websets/"+id+"/searches", `{"query":"CTOs of fintechs","count":5,"maxPeoplePerCompany":2}`)
	if at[float64](t, capped, "maxPeoplePerCompany") != 2 {
		t.Errorf("maxPeoplePerCompany not echoed: %v", capped)
	}
	_, plain := h.call("POST", "/websets/v0/websets/"+id+"/searches", `{"query":"CTOs of banks","count":5}`)
	if v, ok := plain["maxPeoplePerCompany"]; !ok || v != nil {
		t.Errorf("want maxPeoplePerCompany: null, got %v (present: %t)", v, ok)
	}
	_, got = h.call("GET", "/websets/v0/websets/"+id+"/searches/"+at[string](t, capped, "id"), "")
	if at[float64](t, got, "maxPeoplePerCompany") != 2 {
		t.Errorf("get: maxPeoplePerCompany %v", got["maxPeoplePerCompany"])
	}

	req, _ := http.NewRequest("POST", h.url+"/websets/v0/websets", strings.NewReader(`{}`))
	req.Header.Set("x-api-key", key)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-exa-websets-priority", "high")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	log := h.s.Requests()
	if last := log[len(log)-1]; last.Priority != "high" {
		t.Errorf("priority not recorded: %+v", last)
	}
	if log[0].Priority != "" {
		t.Errorf("priority recorded on a request without the header: %+v", log[0])
	}
	var listed []map[string]any
	res, err = http.Get(h.url + "/_mock/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(&listed); err != nil || listed[len(listed)-2]["priority"] != "high" {
		t.Errorf("/_mock/requests does not show the priority: %v %v", err, listed)
	}
}

func TestMock_websetsAndExternalID(t *testing.T) {
	h := start(t, Options{})
	code, ws := h.call("POST", "/websets/v0/websets", `{"externalId":"crm-1","metadata":{"a":"b"}}`)
	if code != 201 || ws["externalId"] != "crm-1" {
		t.Fatalf("create: %d %v", code, ws)
	}
	if code, _ := h.call("POST", "/websets/v0/websets", `{"externalId":"crm-1"}`); code != 409 {
		t.Errorf("duplicate externalId: %d", code)
	}
	if code, got := h.call("GET", "/websets/v0/websets/crm-1", ""); code != 200 || got["id"] != ws["id"] {
		t.Errorf("get by externalId: %d %v", code, got)
	}
	id := at[string](t, ws, "id")
	if code, _ := h.call("DELETE", "/websets/v0/websets/"+id, ""); code != 200 {
		t.Errorf("delete: %d", code)
	}
	if code, _ := h.call("GET", "/websets/v0/websets/"+id, ""); code != 404 {
		t.Errorf("get after delete: %d", code)
	}
}

func TestMock_deletingAWebsetHidesItsSearchesAndItems(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{Immediate: true}})
	ws := h.s.CreateWebset("")
	_, s := h.call("POST", "/websets/v0/websets/"+ws+"/searches", `{"query":"q","count":3}`)
	if err := h.s.DeleteWebset(ws); err != nil {
		t.Fatal(err)
	}
	if code, _ := h.call("GET", "/websets/v0/websets/"+ws+"/searches/"+at[string](t, s, "id"), ""); code != 404 {
		t.Errorf("search after webset delete: %d", code)
	}
	if code, _ := h.call("GET", "/websets/v0/websets/"+ws+"/items", ""); code != 404 {
		t.Errorf("items after webset delete: %d", code)
	}
}

func TestMock_itemsPaginate(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{Immediate: true}, ItemsPageSize: 2})
	ws := h.s.CreateWebset("")
	_, s := h.call("POST", "/websets/v0/websets/"+ws+"/searches", `{"query":"q","count":5}`)
	h.call("POST", "/websets/v0/websets/"+ws+"/searches", `{"query":"other","count":1,"behavior":"append"}`)
	var ids []string
	cursor := ""
	for pages := 0; ; pages++ {
		path := "/websets/v0/websets/" + ws + "/items?sourceId=" + at[string](t, s, "id")
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		_, page := h.call("GET", path, "")
		for i := range at[[]any](t, page, "data") {
			ids = append(ids, at[string](t, page, "data", i, "id"))
		}
		if page["hasMore"] != true {
			if page["nextCursor"] != nil || pages != 2 {
				t.Errorf("last page: cursor %v after %d pages", page["nextCursor"], pages+1)
			}
			break
		}
		cursor = at[string](t, page, "nextCursor")
	}
	if len(ids) != 5 {
		t.Errorf("want the 5 items of the search, got %v", ids)
	}
}

func TestMock_faults(t *testing.T) {
	h := start(t, Options{})
	ws := h.s.CreateWebset("")
	h.s.InjectFault(Fault{Method: "POST", Path: "/v0/websets/*/searches", Status: 500, Commit: true})
	if code, _ := h.call("POST", "/websets/v0/websets/"+ws+"/searches", `{"query":"q","count":1}`); code != 500 {
		t.Errorf("fault: %d", code)
	}
	if len(h.s.SearchIDs()) != 1 {
		t.Error("a Commit fault must still make the search")
	}
	h.s.InjectFault(Fault{Status: 429, RetryAfter: "7"})
	req, _ := http.NewRequest("GET", h.url+"/websets/v0/websets/"+ws, nil)
	req.Header.Set("x-api-key", key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 429 || res.Header.Get("Retry-After") != "7" {
		t.Errorf("429 fault: %d %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	h.s.InjectFault(Fault{Drop: true})
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Error("a dropped connection must fail the request")
	}
	h.s.InjectFault(Fault{Delay: 200 * time.Millisecond})
	begin := time.Now()
	if code, _ := h.call("GET", "/websets/v0/websets/"+ws, ""); code != 200 || time.Since(begin) < 200*time.Millisecond {
		t.Errorf("slow answer: %d after %s", code, time.Since(begin))
	}
	log := h.s.Requests()
	if log[0].Status != 500 || log[0].Method != "POST" {
		t.Errorf("log: %+v", log[0])
	}
}

func TestMock_timeBasedLifecycleReportsTimeLeft(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{CompleteAfter: time.Hour}})
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	h.s.mu.Lock()
	h.s.now = func() time.Time { return now }
	h.s.mu.Unlock()
	ws := h.s.CreateWebset("")
	_, s := h.call("POST", "/websets/v0/websets/"+ws+"/searches", `{"query":"q","count":10}`)
	path := "/websets/v0/websets/" + ws + "/searches/" + at[string](t, s, "id")
	advance := func(d time.Duration) {
		h.s.mu.Lock()
		defer h.s.mu.Unlock()
		now = now.Add(d)
	}
	advance(15 * time.Minute)
	_, got := h.call("GET", path, "")
	if got["status"] != "running" || at[float64](t, got, "progress", "timeLeft") != 45*60 || at[float64](t, got, "progress", "completion") != 25 {
		t.Errorf("at 15m: %v %v", got["status"], got["progress"])
	}
	advance(45 * time.Minute)
	if _, got := h.call("GET", path, ""); got["status"] != "completed" {
		t.Errorf("at 60m: %v", got["status"])
	}
}

// Two oversized metadata values: the error always names the first key in
// sorted order, whatever order the map iterates in.
func TestMock_validationIsDeterministic(t *testing.T) {
	h := start(t, Options{})
	ws := h.s.CreateWebset("")
	long := strings.Repeat("x", 1001)
	body := `{"query":"q","count":1,"metadata":{"zeta":"` + long + `","alpha":"` + long + `","mid":"` + long + `"}}`
	for range 20 {
		code, got := h.call("POST", "/websets/v0/websets/"+ws+"/searches", body)
		if code != 400 || !strings.Contains(at[string](t, got, "message"), `metadata["alpha"]`) {
			t.Fatalf("%d %v", code, got)
		}
	}
}

// The spec's import semantics: a CSV import attached to a webset is a
// staging pool, not items; a search scoped to the import draws its items
// from the import's records; the same import in both import and the inline
// search's scope is a 400.
func TestMock_importIsAStagingPoolAndScopeDrawsFromIt(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{Immediate: true}})
	csvText := "url,name\nhttps://acme.example,Acme\nhttps://globex.example,Globex\n"
	_, im := h.call("POST", "/websets/v0/imports", fmt.Sprintf(`{"size":%d,"count":2,"format":"csv","entity":{"type":"company"}}`, len(csvText)))
	req, _ := http.NewRequest("PUT", at[string](t, im, "uploadUrl"), strings.NewReader(csvText))
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("upload: %v %v", res, err)
	}
	res.Body.Close()
	imID := at[string](t, im, "id")

	_, ws := h.call("POST", "/websets/v0/websets", fmt.Sprintf(`{"import":[{"source":"import","id":%q}],"enrichments":[{"description":"CEO name","format":"text"}]}`, imID))
	wsID := at[string](t, ws, "id")
	_, items := h.call("GET", "/websets/v0/websets/"+wsID+"/items", "")
	if n := len(at[[]any](t, items, "data")); n != 0 {
		t.Fatalf("a webset built from an import alone has %d items; the spec says none", n)
	}

	_, sr := h.call("POST", "/websets/v0/websets/"+wsID+"/searches", fmt.Sprintf(`{"query":"accounts","count":10,"scope":[{"source":"import","id":%q}]}`, imID))
	if at[string](t, sr, "status") != "completed" {
		t.Fatalf("search: %v", sr)
	}
	_, items = h.call("GET", "/websets/v0/websets/"+wsID+"/items", "")
	list := at[[]any](t, items, "data")
	var urls []string
	for _, it := range list {
		urls = append(urls, at[string](t, it, "properties", "url"))
		if at[string](t, it, "source") != "search" {
			t.Errorf("item source %v", it)
		}
	}
	if strings.Join(urls, " ") != "https://acme.example https://globex.example" {
		t.Errorf("the scoped search's items are %v; want the import's two records", urls)
	}
	// The enrichment now has items to fill.
	if n := len(at[[]any](t, list[0], "enrichments")); n != 1 {
		t.Errorf("the enrichment did not fill the scoped search's items: %v", list[0])
	}

	code, got := h.call("POST", "/websets/v0/websets", fmt.Sprintf(`{"import":[{"source":"import","id":%q}],"search":{"query":"q","scope":[{"source":"import","id":%[1]q}]}}`, imID))
	if code != 400 || !strings.Contains(at[string](t, got, "message"), "in both import and search.scope") {
		t.Errorf("same import in import and scope: %d %v", code, got)
	}
}

// A search scoped to an import takes each item's URL from the import's
// identifier column, wherever it is: here the second.
func TestMock_scopeReadsTheIdentifierColumnWhereverItIs(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{Immediate: true}})
	csvText := "name,url\nAcme,https://acme.example\nGlobex,https://globex.example\n"
	_, im := h.call("POST", "/websets/v0/imports", fmt.Sprintf(`{"size":%d,"count":2,"format":"csv","entity":{"type":"company"},"csv":{"identifier":1}}`, len(csvText)))
	req, _ := http.NewRequest("PUT", at[string](t, im, "uploadUrl"), strings.NewReader(csvText))
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("upload: %v %v", res, err)
	}
	res.Body.Close()
	wsID := h.s.CreateWebset("")
	h.call("POST", "/websets/v0/websets/"+wsID+"/searches", fmt.Sprintf(`{"query":"accounts","count":10,"scope":[{"source":"import","id":%q}]}`, at[string](t, im, "id")))
	_, items := h.call("GET", "/websets/v0/websets/"+wsID+"/items", "")
	var urls []string
	for _, it := range at[[]any](t, items, "data") {
		urls = append(urls, at[string](t, it, "properties", "url"))
	}
	if strings.Join(urls, " ") != "https://acme.example https://globex.example" {
		t.Errorf("the items' URLs are %v; want the identifier column's (the second)", urls)
	}
}

// A webset attached to a new webset (import with source webset) brings
// none of its items: searches make Webset Items.
func TestMock_anAttachedWebsetBringsNoItems(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{Immediate: true}})
	_, first := h.call("POST", "/websets/v0/websets", `{"search":{"query":"Robotics startups","count":3}}`)
	firstID := at[string](t, first, "id")
	_, items := h.call("GET", "/websets/v0/websets/"+firstID+"/items", "")
	if n := len(at[[]any](t, items, "data")); n != 3 {
		t.Fatalf("the first webset has %d items, want 3", n)
	}
	code, second := h.call("POST", "/websets/v0/websets", fmt.Sprintf(`{"import":[{"source":"webset","id":%q}]}`, firstID))
	if code != 201 {
		t.Fatalf("attach: %d %v", code, second)
	}
	_, items = h.call("GET", "/websets/v0/websets/"+at[string](t, second, "id")+"/items", "")
	if n := len(at[[]any](t, items, "data")); n != 0 {
		t.Errorf("the webset with the first attached has %d items; searches make items, so none", n)
	}
}

// An import or a webset named in a new webset's import must exist: an
// unknown one is a 400 that names it, and nothing is made.
func TestMock_importOfAnUnknownSourceIsRefused(t *testing.T) {
	h := start(t, Options{})
	for _, src := range []string{`{"source":"import","id":"import_nope"}`, `{"source":"webset","id":"webset_nope"}`} {
		code, got := h.call("POST", "/websets/v0/websets", `{"import":[`+src+`]}`)
		if code != 400 || !strings.Contains(at[string](t, got, "message"), "not found") {
			t.Errorf("import %s: want a 400 that says not found, got %d %v", src, code, got)
		}
	}
	if ids := h.s.WebsetIDs(); len(ids) != 0 {
		t.Errorf("a refused create made websets: %v", ids)
	}
}
