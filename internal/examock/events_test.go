package examock

import (
	"fmt"
	"net/url"
	"testing"
	"time"
)

// eventTypesSeen counts the events the mock recorded, by type.
func (h *harness) eventTypesSeen() map[string]int {
	h.t.Helper()
	seen := map[string]int{}
	cursor := ""
	for {
		path := "/websets/v0/events?limit=200"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		_, page := h.call("GET", path, "")
		for _, ev := range at[[]any](h.t, page, "data") {
			seen[at[string](h.t, ev, "type")]++
		}
		if page["hasMore"] != true {
			return seen
		}
		cursor = at[string](h.t, page, "nextCursor")
	}
}

// Every state change implies its event: a search that runs and finds three
// items, an enrichment that fills them, the webset going idle, a monitor's
// run. A webhook subscribed to them all is sent each.
func TestMock_everyStateChangeEmitsItsEvent(t *testing.T) {
	h := start(t, Options{Lifecycle: Lifecycle{CompleteAfterReads: 2}})
	_, wh := h.call("POST", "/websets/v0/webhooks", `{"url":"https://hooks.example/exa","events":["webset.item.created","webset.item.enriched","webset.idle","webset.search.updated","monitor.run.created"]}`)
	_, ws := h.call("POST", "/websets/v0/websets", `{"search":{"query":"robotics companies","count":3},"enrichments":[{"description":"CEO name","format":"text"}]}`)
	wsID := at[string](t, ws, "id")
	for range 3 {
		h.call("GET", "/websets/v0/websets/"+wsID, "")
	}
	_, mo := h.call("POST", "/websets/v0/monitors", fmt.Sprintf(`{"websetId":%q,"cadence":{"cron":"0 9 * * 1"},"behavior":{"type":"search","config":{"count":5}}}`, wsID))
	if err := h.s.RunMonitor(at[string](t, mo, "id")); err != nil {
		t.Fatal(err)
	}
	// The run searches with the webset's last query, appending 5 items,
	// which the completed enrichment fills as they arrive.
	seen := h.eventTypesSeen()
	for typ, want := range map[string]int{
		"webset.item.created": 3 + 5, "webset.item.enriched": 3 + 5, "webset.idle": 2,
		"webset.search.updated": 1, "webset.search.completed": 2, "monitor.run.created": 1, "monitor.run.completed": 1,
	} {
		if seen[typ] != want {
			t.Errorf("%s: %d events, want %d (all: %v)", typ, seen[typ], want, seen)
		}
	}
	_, attempts := h.call("GET", "/websets/v0/webhooks/"+at[string](t, wh, "id")+"/attempts?limit=100", "")
	if n := len(at[[]any](t, attempts, "data")); n != 8+8+2+1+1 {
		t.Errorf("the webhook was sent %d events, want 20", n)
	}
	// The attempts' successful filter: every delivery of the mock succeeds.
	for v, want := range map[string]int{"true": 20, "false": 0} {
		_, got := h.call("GET", "/websets/v0/webhooks/"+at[string](t, wh, "id")+"/attempts?limit=100&successful="+v, "")
		if n := len(at[[]any](t, got, "data")); n != want {
			t.Errorf("successful=%s: %d attempts, want %d", v, n, want)
		}
	}
}

// The spec: createdAfter is "after or at", createdBefore "before or at
// (inclusive)".
func TestMock_eventTimeFiltersAreInclusive(t *testing.T) {
	h := start(t, Options{})
	at0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	h.s.SetClock(func() time.Time { return at0 })
	h.s.CreateWebset("")
	stamp := url.QueryEscape(at0.Format(time.RFC3339Nano))
	for _, q := range []string{"createdAfter=" + stamp, "createdBefore=" + stamp, "createdAfter=" + stamp + "&createdBefore=" + stamp} {
		_, page := h.call("GET", "/websets/v0/events?"+q, "")
		if n := len(at[[]any](t, page, "data")); n != 1 {
			t.Errorf("%s: %d events, want the one created at that instant", q, n)
		}
	}
}
