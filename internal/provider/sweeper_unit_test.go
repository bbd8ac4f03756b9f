package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// The sweepers delete exactly what a live run marks, and nothing else.
func TestSweepers_deleteOnlyWhatLiveRunsMark(t *testing.T) {
	ctx := context.Background()
	env := newTestEnv(t, examock.Options{})
	c, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	live, keep := env.mock.CreateWebset(livePrefix+"abc"), env.mock.CreateWebset("production")
	mark := map[string]string{liveMarker: "true"}
	monitor := func(ws string, metadata map[string]string) string {
		m, err := c.CreateMonitor(ctx, &exa.CreateMonitorRequest{WebsetID: ws, Cadence: exa.MonitorCadence{Cron: "0 9 * * 1"},
			Behavior: exa.MonitorBehavior{Type: "search", Config: exa.MonitorSearchConfig{Query: new("new robotics startups"), Count: 1}}, Metadata: metadata})
		if err != nil {
			t.Fatal(err)
		}
		return m.ID
	}
	hook := func(url string) string {
		h, err := c.CreateWebhook(ctx, &exa.WebhookRequest{URL: url, Events: []string{"webset.idle"}})
		if err != nil {
			t.Fatal(err)
		}
		return h.ID
	}
	imp := func(title string) string {
		im, err := c.CreateImport(ctx, &exa.CreateImportRequest{Size: 10, Count: 1, Format: "csv", Title: &title, Entity: exa.Entity{Type: "company"}})
		if err != nil {
			t.Fatal(err)
		}
		return im.ID
	}
	keepMonitor, _ := monitor(keep, nil), monitor(live, mark)
	keepHook, _ := hook("https://hooks.example.com/prod"), hook("https://example.com/"+livePrefix+"abc")
	keepImport, _ := imp("CRM accounts"), imp(livePrefix+"abc")

	for _, sweep := range []func(context.Context, *exa.Client) error{sweepMonitors, sweepWebsets, sweepWebhooks, sweepImports} {
		if err := sweep(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for what, got := range map[string][]string{
		"websets": env.mock.WebsetIDs(), "monitors": env.mock.MonitorIDs(), "webhooks": env.mock.WebhookIDs(), "imports": env.mock.ImportIDs(),
	} {
		want := map[string][]string{"websets": {keep}, "monitors": {keepMonitor}, "webhooks": {keepHook}, "imports": {keepImport}}[what]
		if !slices.Equal(got, want) {
			t.Errorf("%s after the sweep: %v, want %v", what, got, want)
		}
	}
}

// The sweepers' client, built from the environment with no retry settings,
// retries like the provider's: a 503 on the first list does not fail the
// sweep. (Config's zero MaxRetries means the default, not none.)
func TestSweepers_clientRetries(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	t.Setenv("EXA_API_KEY", testAPIKey)
	t.Setenv("EXA_BASE_URL", env.url)
	env.mock.InjectFault(examock.Fault{Method: "GET", Path: "/v0/websets", Status: 503})
	if err := sweepWith(sweepWebsets)(""); err != nil {
		t.Fatalf("the sweep failed on one 503: %v", err)
	}
	if n := env.mock.Count("GET", "/v0/websets"); n != 2 {
		t.Errorf("want the list retried once (2 GETs), got %d:\n%s", n, env.logText(0))
	}
}
