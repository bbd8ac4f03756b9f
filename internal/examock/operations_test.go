package examock

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// specOperations are the 38 operations of Exa's Websets spec, by
// operationId.
var specOperations = []string{
	"websets-create", "websets-list", "websets-get", "websets-update", "websets-delete", "websets-cancel", "websets-preview",
	"websets-items-get", "websets-items-delete", "websets-items-list",
	"websets-enrichments-create", "websets-enrichments-update", "websets-enrichments-get", "websets-enrichments-delete", "websets-enrichments-cancel",
	"webhooks-create", "webhooks-list", "webhooks-get", "webhooks-update", "webhooks-delete", "webhooks-attempts-list",
	"events-list", "events-get",
	"websets-searches-create", "websets-searches-get", "websets-searches-cancel",
	"monitors-create", "monitors-list", "monitors-get", "monitors-update", "monitors-delete", "monitors-runs-list", "monitors-runs-get",
	"imports-create", "imports-list", "imports-get", "imports-update", "imports-delete",
}

// Every operation of the spec answers with the spec's success status and
// shape, in one realistic sequence.
func TestMock_everyOperationOfTheSpec(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{CompleteAfterReads: 2}})
	covered := map[string]bool{}
	op := func(id string, want int, method, path, body string) map[string]any {
		t.Helper()
		code, out := h.call(method, "/websets"+path, body)
		if code != want {
			t.Fatalf("%s: %s %s answered %d, want %d: %v", id, method, path, code, want, out)
		}
		covered[id] = true
		return out
	}
	str := func(m map[string]any, k string) string { return at[string](t, m, k) }

	// An import, uploaded, so that a webset can load it.
	const csvFile = "url\nhttps://a.example\nhttps://b.example\n"
	im := op("imports-create", 201, "POST", "/v0/imports", fmt.Sprintf(`{"size":%d,"count":2,"format":"csv","title":"CRM","entity":{"type":"company"},"csv":{"identifier":0}}`, len(csvFile)))
	upload(t, at[string](t, im, "uploadUrl"), csvFile)
	imID := str(im, "id")
	op("imports-get", 200, "GET", "/v0/imports/"+imID, "")
	op("imports-list", 200, "GET", "/v0/imports?limit=10", "")
	op("imports-update", 200, "PATCH", "/v0/imports/"+imID, `{"title":"CRM accounts","metadata":{"k":"v"}}`)

	// A webset made in one call: inline search, enrichment and import.
	ws := op("websets-create", 201, "POST", "/v0/websets", fmt.Sprintf(`{"externalId":"crm","search":{"query":"robotics startups in Europe","count":3},
		"enrichments":[{"description":"CEO name","format":"text"}],"import":[{"source":"import","id":%q}],"metadata":{"team":"growth"}}`, imID))
	wsID := str(ws, "id")
	if n := len(at[[]any](t, ws, "searches")); n != 1 {
		t.Fatalf("the inline search was not started: %d searches", n)
	}
	if n := len(at[[]any](t, ws, "enrichments")); n != 1 {
		t.Fatalf("the inline enrichment was not added: %d", n)
	}
	if n := len(at[[]any](t, ws, "imports")); n != 1 {
		t.Fatalf("the import was not attached: %d", n)
	}
	op("websets-get", 200, "GET", "/v0/websets/"+wsID, "")
	op("websets-get", 200, "GET", "/v0/websets/crm", "")
	op("websets-list", 200, "GET", "/v0/websets?limit=5", "")
	op("websets-update", 200, "POST", "/v0/websets/"+wsID, `{"metadata":{"team":"sales"}}`)
	pv := op("websets-preview", 200, "POST", "/v0/websets/preview?search=true", `{"search":{"query":"Fintech startups in Berlin with their CEO email","count":3}}`)
	if len(at[[]any](t, pv, "items")) != 3 || at[string](t, pv, "search", "entity", "type") != "company" {
		t.Errorf("preview: %v", pv)
	}

	// Searches.
	s := op("websets-searches-create", 200, "POST", "/v0/websets/"+wsID+"/searches", `{"query":"more robotics startups","count":2}`)
	sPath := "/v0/websets/" + wsID + "/searches/" + str(s, "id")
	op("websets-searches-get", 200, "GET", sPath, "")
	op("websets-searches-cancel", 200, "POST", sPath+"/cancel", "")

	// Items: the inline search's three. The attached import's records are a
	// staging pool (the spec): none of them is an item.
	items := op("websets-items-list", 200, "GET", "/v0/websets/"+wsID+"/items?limit=50", "")
	list := at[[]any](t, items, "data")
	if len(list) < 1 || slices.ContainsFunc(list, func(it any) bool { return at[string](t, it, "source") == "import" }) {
		t.Fatalf("want search items only, got %v", list)
	}
	itemPath := "/v0/websets/" + wsID + "/items/" + at[string](t, list[0], "id")
	op("websets-items-get", 200, "GET", itemPath, "")
	op("websets-items-delete", 200, "DELETE", itemPath, "")
	if code, _ := h.call("GET", "/websets"+itemPath, ""); code != 404 {
		t.Errorf("a deleted item answers %d", code)
	}

	// Enrichments.
	e := op("websets-enrichments-create", 200, "POST", "/v0/websets/"+wsID+"/enrichments", `{"description":"Number of employees","format":"number"}`)
	ePath := "/v0/websets/" + wsID + "/enrichments/" + str(e, "id")
	op("websets-enrichments-get", 200, "GET", ePath, "")
	op("websets-enrichments-update", 200, "PATCH", ePath, `{"description":"Headcount"}`)
	op("websets-enrichments-cancel", 200, "POST", ePath+"/cancel", "")
	op("websets-enrichments-delete", 200, "DELETE", ePath, "")

	// Monitors and their runs.
	mo := op("monitors-create", 201, "POST", "/v0/monitors", fmt.Sprintf(`{"websetId":%q,"cadence":{"cron":"0 9 * * 1"},"behavior":{"type":"search","config":{"count":5}}}`, wsID))
	moID := str(mo, "id")
	op("monitors-get", 200, "GET", "/v0/monitors/"+moID, "")
	op("monitors-list", 200, "GET", "/v0/monitors?websetId="+wsID, "")
	op("monitors-update", 200, "PATCH", "/v0/monitors/"+moID, `{"status":"disabled"}`)
	if err := h.s.RunMonitor(moID); err != nil {
		t.Fatal(err)
	}
	runs := op("monitors-runs-list", 200, "GET", "/v0/monitors/"+moID+"/runs", "")
	run := op("monitors-runs-get", 200, "GET", "/v0/monitors/"+moID+"/runs/"+at[string](t, runs, "data", 0, "id"), "")
	if at[string](t, run, "monitorId") != moID {
		t.Errorf("run: %v", run)
	}

	// Webhooks, and the events they were sent.
	wh := op("webhooks-create", 200, "POST", "/v0/webhooks", `{"url":"https://hooks.example/exa","events":["webset.deleted"]}`)
	whID := str(wh, "id")
	op("webhooks-get", 200, "GET", "/v0/webhooks/"+whID, "")
	op("webhooks-list", 200, "GET", "/v0/webhooks", "")
	op("webhooks-update", 200, "PATCH", "/v0/webhooks/"+whID, `{"events":["webset.deleted","webset.created"]}`)

	op("monitors-delete", 200, "DELETE", "/v0/monitors/"+moID, "")

	// Cancel and delete the webset; the webhook gets webset.deleted.
	canceled := op("websets-cancel", 200, "POST", "/v0/websets/"+wsID+"/cancel", "")
	if at[string](t, canceled, "status") != "idle" {
		t.Errorf("after websets-cancel the webset is %v", canceled["status"])
	}
	op("websets-delete", 200, "DELETE", "/v0/websets/"+wsID, "")
	attempts := op("webhooks-attempts-list", 200, "GET", "/v0/webhooks/"+whID+"/attempts", "")
	if at[string](t, attempts, "data", 0, "eventType") != "webset.deleted" {
		t.Errorf("attempts: %v", attempts)
	}
	events := op("events-list", 200, "GET", "/v0/events?types=webset.created&types=webset.deleted", "")
	evs := at[[]any](t, events, "data")
	if len(evs) != 2 || at[string](t, evs[0], "type") != "webset.created" || at[string](t, evs[0], "data", "id") != wsID {
		t.Fatalf("events: %v", evs)
	}
	op("events-get", 200, "GET", "/v0/events/"+at[string](t, evs[1], "id"), "")
	op("webhooks-delete", 200, "DELETE", "/v0/webhooks/"+whID, "")
	op("imports-delete", 200, "DELETE", "/v0/imports/"+imID, "")

	for _, id := range specOperations {
		if !covered[id] {
			t.Errorf("operation %s was not exercised", id)
		}
	}
	if len(specOperations) != 38 || len(covered) != 38 {
		t.Errorf("%d operations listed, %d covered", len(specOperations), len(covered))
	}
}

// upload PUTs a file to an import's upload URL, as a client would.
func upload(t *testing.T, url, content string) {
	t.Helper()
	req, _ := http.NewRequest("PUT", url, strings.NewReader(content))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("upload: %d", res.StatusCode)
	}
}

// Exa's SDKs wait for a webset by polling only the webset until it is
// idle. With every lifecycle option, a webset with a search and an
// enrichment goes running → idle that way, with no other endpoint read.
func TestMock_pollingOnlyTheWebsetSeesItGoIdle(t *testing.T) {
	for name, lc := range map[string]Lifecycle{
		"reads:3":    {CompleteAfterReads: 3},
		"after:50ms": {CompleteAfter: 50 * time.Millisecond},
		"immediate":  {Immediate: true},
	} {
		t.Run(name, func(t *testing.T) {
			h := start(t, Options{Lifecycle: lc})
			_, ws := h.call("POST", "/websets/v0/websets", `{"search":{"query":"robotics startups","count":2},"enrichments":[{"description":"CEO name","format":"text"}]}`)
			id := at[string](t, ws, "id")
			var statuses []string
			for range 100 {
				_, got := h.call("GET", "/websets/v0/websets/"+id, "")
				status := at[string](t, got, "status")
				statuses = append(statuses, status)
				if status == "idle" {
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
			if statuses[len(statuses)-1] != "idle" {
				t.Fatalf("never idle: %v", statuses)
			}
			if name != "immediate" && !slices.Contains(statuses, "running") {
				t.Errorf("never seen running: %v", statuses)
			}
			for _, r := range h.s.Requests() {
				if r.Method == "GET" && !MatchPath("/v0/websets/*", r.Path) {
					t.Errorf("the wait read %s", r.Path)
				}
			}
		})
	}
}

// A bad lifecycle override on an inline search or enrichment is a 400, and
// nothing is made.
func TestMock_createWebsetRefusesABadInlineLifecycle(t *testing.T) {
	h := start(t, Options{})
	for _, body := range []string{
		`{"search":{"query":"q","metadata":{"examock.lifecycle":"soon"}}}`,
		`{"enrichments":[{"description":"CEO name","metadata":{"examock.lifecycle":"soon"}}]}`,
	} {
		if code, out := h.call("POST", "/websets/v0/websets", body); code != 400 {
			t.Errorf("%s: %d %v", body, code, out)
		}
	}
	if ids := h.s.WebsetIDs(); len(ids) != 0 {
		t.Errorf("websets were made: %v", ids)
	}
}
