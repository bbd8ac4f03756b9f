package examock

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestMock_webhookSecretOnlyAtCreate(t *testing.T) {
	h := start(t, Options{})
	code, wh := h.call("POST", "/websets/v0/webhooks", `{"url":"https://x.example/h","events":["webset.created"]}`)
	if code != 200 || wh["secret"] == nil {
		t.Fatalf("create: %d %v", code, wh)
	}
	_, got := h.call("GET", "/websets/v0/webhooks/"+at[string](t, wh, "id"), "")
	if v, ok := got["secret"]; !ok || v != nil {
		t.Errorf("get must answer secret: null, got %v", got["secret"])
	}
	if code, _ := h.call("POST", "/websets/v0/webhooks", `{"url":"https://x.example/h","events":["webset.exploded"]}`); code != 400 {
		t.Errorf("unknown event type: %d", code)
	}
}

func TestMock_enrichmentPatchAnswersNoBody(t *testing.T) {
	h := start(t, Options{})
	ws := h.s.CreateWebset("")
	_, e := h.call("POST", "/websets/v0/websets/"+ws+"/enrichments", `{"description":"CEO email","format":"email"}`)
	path := "/websets/v0/websets/" + ws + "/enrichments/" + at[string](t, e, "id")
	req, _ := http.NewRequest("PATCH", h.url+path, strings.NewReader(`{"description":"CTO email"}`))
	req.Header.Set("x-api-key", key)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	_, _ = body.ReadFrom(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || body.Len() != 0 {
		t.Errorf("PATCH: %d %q", res.StatusCode, body.String())
	}
	if _, got := h.call("GET", path, ""); got["description"] != "CTO email" {
		t.Errorf("after PATCH: %v", got["description"])
	}
	if code, _ := h.call("POST", "/websets/v0/websets/"+ws+"/enrichments", `{"description":"x","format":"options"}`); code != 400 {
		t.Errorf("options format without options: %d", code)
	}
}

func TestMock_monitorCadenceIsValidated(t *testing.T) {
	h := start(t, Options{})
	ws := h.s.CreateWebset("")
	for body, want := range map[string]int{
		`{"websetId":"` + ws + `","cadence":{"cron":"0 9 * * *"},"behavior":{"type":"search","config":{"count":5}}}`:                        201,
		`{"websetId":"` + ws + `","cadence":{"cron":"*/5 * * * *"},"behavior":{"type":"search","config":{"count":5}}}`:                      400,
		`{"websetId":"` + ws + `","cadence":{"cron":"0 9 * * *","timezone":"Mars/Base"},"behavior":{"type":"search","config":{"count":5}}}`: 400,
		`{"websetId":"` + ws + `","cadence":{"cron":"0 9 * * *"},"behavior":{"type":"search","config":{"count":0}}}`:                        400,
	} {
		if code, got := h.call("POST", "/websets/v0/monitors", body); code != want {
			t.Errorf("%s: %d %v", body, code, got)
		}
	}
}

func TestMock_importUploadChecksTheSize(t *testing.T) {
	h := start(t, Options{})
	csv := "url\nhttps://a.example\n"
	code, im := h.call("POST", "/websets/v0/imports", `{"size":`+strconv.Itoa(len(csv))+`,"count":1,"format":"csv","entity":{"type":"company"}}`)
	if code != 201 || im["uploadUrl"] == nil || im["status"] != "pending" {
		t.Fatalf("create: %d %v", code, im)
	}
	put := func(body string) int {
		req, _ := http.NewRequest("PUT", at[string](t, im, "uploadUrl"), strings.NewReader(body))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := put(csv + "extra"); code != 400 {
		t.Errorf("a file of another size: %d", code)
	}
	if code := put(csv); code != 200 {
		t.Errorf("upload: %d", code)
	}
	if _, got := h.call("GET", "/websets/v0/imports/"+at[string](t, im, "id"), ""); got["status"] != "completed" || got["uploadUrl"] != nil {
		t.Errorf("after upload: %v", got)
	}
}

// The spec of an import's format: "we expect a column containing the key
// identifier for the entity - for now URL. If not provided, import will
// fail to be processed." An upload URL takes one file.
func TestMock_importWithoutURLsFailsAndItsUploadURLIsUsedOnce(t *testing.T) {
	h := start(t, Options{})
	csv := "name\nAcme\nGlobex\n"
	_, im := h.call("POST", "/websets/v0/imports", fmt.Sprintf(`{"size":%d,"count":2,"format":"csv","entity":{"type":"company"}}`, len(csv)))
	upload(t, at[string](t, im, "uploadUrl"), csv)
	_, got := h.call("GET", "/websets/v0/imports/"+at[string](t, im, "id"), "")
	if got["status"] != "failed" || got["failedReason"] != "missing_identifier" {
		t.Errorf("a CSV with no URL: %v %v", got["status"], got["failedReason"])
	}
	// Bare domains are URLs; a record without one is skipped by a scope.
	id := h.importCSV("site\nacme.example\nnot a url\n", 2)
	ws := h.s.CreateWebset("")
	h.search(ws, fmt.Sprintf(`{"query":"accounts","count":5,"scope":[{"source":"import","id":%q}],"metadata":{"examock.lifecycle":"immediate"}}`, id))
	if urls := h.itemURLs(ws); len(urls) != 1 || urls[0] != "https://acme.example" {
		t.Errorf("items of a scope on a CSV with one URL: %v", urls)
	}
	one := "url\nhttps://a.example.com\n"
	_, im = h.call("POST", "/websets/v0/imports", fmt.Sprintf(`{"size":%d,"count":1,"format":"csv","entity":{"type":"company"}}`, len(one)))
	upload(t, at[string](t, im, "uploadUrl"), one)
	req, _ := http.NewRequest("PUT", at[string](t, im, "uploadUrl"), strings.NewReader(one))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusConflict {
		t.Errorf("a second upload to a used URL: %d", res.StatusCode)
	}
}

// A webset lists its monitors, takes ?expand=items, keeps its metadata on a
// body without any, and takes its monitors with it when deleted.
func TestMock_websetMonitorsItemsAndMetadata(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{Immediate: true}})
	_, ws := h.call("POST", "/websets/v0/websets", `{"search":{"query":"robotics companies","count":2},"metadata":{"team":"growth"}}`)
	id := at[string](t, ws, "id")
	_, mo := h.call("POST", "/websets/v0/monitors", fmt.Sprintf(`{"websetId":%q,"cadence":{"cron":"0 9 * * 1"},"behavior":{"type":"search","config":{"count":5}}}`, id))
	_, got := h.call("GET", "/websets/v0/websets/"+id, "")
	if at[string](t, got, "monitors", 0, "id") != at[string](t, mo, "id") || got["items"] != nil {
		t.Errorf("a webset with a monitor, not expanded: monitors %v, items %v", got["monitors"], got["items"])
	}
	_, got = h.call("GET", "/websets/v0/websets/"+id+"?expand=items", "")
	if n := len(at[[]any](t, got, "items")); n != 2 {
		t.Errorf("?expand=items gave %d items, want 2", n)
	}
	if code, _ := h.call("GET", "/websets/v0/websets/"+id+"?expand=searches", ""); code != 400 {
		t.Errorf("?expand=searches: %d", code)
	}
	_, got = h.call("POST", "/websets/v0/websets/"+id, `{}`)
	if at[string](t, got, "metadata", "team") != "growth" {
		t.Errorf("an update with no metadata left %v", got["metadata"])
	}
	h.call("DELETE", "/websets/v0/websets/"+id, "")
	if code, _ := h.call("GET", "/websets/v0/monitors/"+at[string](t, mo, "id"), ""); code != 404 {
		t.Errorf("the monitor of a deleted webset answers %d", code)
	}
}

// A preview item carries the createdAt the spec requires; a canceled
// enrichment's results read canceled.
func TestMock_previewItemsAndCanceledEnrichmentResults(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{Immediate: true}})
	_, pv := h.call("POST", "/websets/v0/websets/preview?search=true", `{"search":{"query":"robotics companies","count":2}}`)
	if at[string](t, pv, "items", 0, "createdAt") == "" {
		t.Errorf("preview item: %v", at[any](t, pv, "items", 0))
	}
	ws := h.s.CreateWebset("")
	h.search(ws, `{"query":"robotics companies","count":1}`)
	_, e := h.call("POST", "/websets/v0/websets/"+ws+"/enrichments", `{"description":"CEO name","metadata":{"examock.lifecycle":"running"}}`)
	h.call("POST", "/websets/v0/websets/"+ws+"/enrichments/"+at[string](t, e, "id")+"/cancel", "")
	_, page := h.call("GET", "/websets/v0/websets/"+ws+"/items", "")
	if got := at[string](t, page, "data", 0, "enrichments", 0, "status"); got != "canceled" {
		t.Errorf("a canceled enrichment's result reads %q", got)
	}
}

// nextRunAt follows every field of the cadence: a Monday-only monitor
// created on a Sunday runs on Monday.
func TestMock_nextRunAtHonorsTheDayOfWeek(t *testing.T) {
	h := start(t, Options{})
	h.s.SetClock(func() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) }) // a Sunday
	ws := h.s.CreateWebset("")
	_, mo := h.call("POST", "/websets/v0/monitors", fmt.Sprintf(`{"websetId":%q,"cadence":{"cron":"0 9 * * 3","timezone":"Etc/UTC"},"behavior":{"type":"search","config":{"count":5}}}`, ws))
	if got := at[string](t, mo, "nextRunAt"); got != "2026-12-02T09:00:00Z" {
		t.Errorf("nextRunAt of a Wednesday monitor: %s", got)
	}
}

// A monitor's run is a search in its webset: by default with the last
// search's query, entity and criteria, appending. With no query to take
// (no query in the monitor, no search in the webset), the run fails.
func TestMock_aMonitorRunSearchesItsWebset(t *testing.T) {
	h := start(t, Options{})
	empty := h.s.CreateWebset("")
	_, mo := h.call("POST", "/websets/v0/monitors", fmt.Sprintf(`{"websetId":%q,"cadence":{"cron":"0 9 * * 1"},"behavior":{"type":"search","config":{"count":2}}}`, empty))
	if err := h.s.RunMonitor(at[string](t, mo, "id")); err != nil {
		t.Fatal(err)
	}
	_, got := h.call("GET", "/websets/v0/monitors/"+at[string](t, mo, "id"), "")
	if at[string](t, got, "lastRun", "status") != "failed" || at[string](t, got, "lastRun", "failedReason") == "" {
		t.Errorf("a run with no query to take: %v", got["lastRun"])
	}

	ws := h.s.CreateWebset("")
	if _, err := h.s.CreateCompletedSearch(ws, "Robotics startups", 3); err != nil {
		t.Fatal(err)
	}
	_, mo = h.call("POST", "/websets/v0/monitors", fmt.Sprintf(`{"websetId":%q,"cadence":{"cron":"0 9 * * 1"},"behavior":{"type":"search","config":{"count":2}}}`, ws))
	if err := h.s.RunMonitor(at[string](t, mo, "id")); err != nil {
		t.Fatal(err)
	}
	_, wsGot := h.call("GET", "/websets/v0/websets/"+ws, "")
	if n := len(at[[]any](t, wsGot, "searches")); n != 2 || at[string](t, wsGot, "searches", 1, "query") != "Robotics startups" || at[string](t, wsGot, "searches", 1, "behavior") != "append" {
		t.Errorf("the run's search: %v", wsGot["searches"])
	}
	if urls := h.itemURLs(ws); len(urls) != 5 {
		t.Errorf("after the run the webset holds %d items, want the 3 and 2 appended", len(urls))
	}
}
