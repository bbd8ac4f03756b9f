package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// dashboardWebset makes, outside Terraform, what a user made in Exa's
// dashboard: a webset with two searches, an enrichment and a monitor, and
// a webhook and an import of the account. It returns their IDs.
func dashboardWebset(t *testing.T, env *testEnv) (ws string, searches []string, enrichment, monitor, webhook, imp string) {
	t.Helper()
	ctx := context.Background()
	c, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	ws = env.mock.CreateWebset("dashboard-made")
	for _, q := range []string{"Robotics startups in Europe", "Drone makers in Spain"} {
		searches = append(searches, env.createSearchOutOfBand(ws, fmt.Sprintf(`{"query":%q,"count":3,"criteria":[{"description":"founded after 2020"}]}`, q)))
	}
	e, err := c.CreateEnrichment(ctx, ws, &exa.CreateEnrichmentRequest{Description: "Name of the CEO", Format: "text"})
	if err != nil {
		t.Fatal(err)
	}
	mo, err := c.CreateMonitor(ctx, &exa.CreateMonitorRequest{WebsetID: ws, Cadence: exa.MonitorCadence{Cron: "0 9 * * 1"},
		Behavior: exa.MonitorBehavior{Type: "search", Config: exa.MonitorSearchConfig{Count: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	wh, err := c.CreateWebhook(ctx, &exa.WebhookRequest{URL: "https://hooks.example.com/exa", Events: []string{"webset.idle"}})
	if err != nil {
		t.Fatal(err)
	}
	title := "CRM accounts"
	im, err := c.CreateImport(ctx, &exa.CreateImportRequest{Size: 10, Count: 1, Format: "csv", Title: &title, Entity: exa.Entity{Type: "company"}})
	if err != nil {
		t.Fatal(err)
	}
	return ws, searches, e.ID, mo.ID, wh.ID, im.ID
}

// terraform query finds every object with its identity and a display name;
// searches and enrichments per webset_id, monitors optionally by webset_id.
func TestAccList_queryFindsWhatTheDashboardMade(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws, searches, enrichment, monitor, webhook, imp := dashboardWebset(t, env)
	other := env.mock.CreateWebset("")
	// A monitor of the other webset, so that the account holds two: the
	// list of the first webset's monitors must leave it out.
	c, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateMonitor(context.Background(), &exa.CreateMonitorRequest{WebsetID: other, Cadence: exa.MonitorCadence{Cron: "0 8 * * 2"},
		Behavior: exa.MonitorBehavior{Type: "search", Config: exa.MonitorSearchConfig{Count: 2}}}); err != nil {
		t.Fatal(err)
	}
	id := func(v string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"id": knownvalue.StringExact(v)}
	}
	child := func(v string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"webset_id": knownvalue.StringExact(ws), "id": knownvalue.StringExact(v)}
	}
	env.test(resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{
			{Config: env.config(`data "exa_websets" "all" {}`)},
			{
				Query: true,
				// The provider block is the first step's, in its .tf file.
				Config: fmt.Sprintf(`
list "exa_webset" "all" {
  provider = exa
}

list "exa_webset_search" "dashboard" {
  provider = exa
  config {
    webset_id = "dashboard-made"
  }
}

list "exa_webset_enrichment" "dashboard" {
  provider = exa
  config {
    webset_id = %[1]q
  }
}

list "exa_monitor" "dashboard" {
  provider = exa
  config {
    webset_id = %[1]q
  }
}

list "exa_webhook" "all" {
  provider = exa
}

list "exa_import" "all" {
  provider = exa
}
`, ws),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("exa_webset.all", 2),
					querycheck.ExpectIdentity("exa_webset.all", id(ws)),
					querycheck.ExpectIdentity("exa_webset.all", id(other)),
					querycheck.ExpectLength("exa_webset_search.dashboard", 2),
					querycheck.ExpectIdentity("exa_webset_search.dashboard", child(searches[0])),
					querycheck.ExpectIdentity("exa_webset_search.dashboard", child(searches[1])),
					querycheck.ExpectResourceDisplayName("exa_webset_search.dashboard", queryfilter.ByResourceIdentity(child(searches[1])),
						knownvalue.StringExact("Drone makers in Spain (completed, 3 results)")),
					querycheck.ExpectLength("exa_webset_enrichment.dashboard", 1),
					querycheck.ExpectIdentity("exa_webset_enrichment.dashboard", child(enrichment)),
					querycheck.ExpectLength("exa_monitor.dashboard", 1),
					querycheck.ExpectIdentity("exa_monitor.dashboard", id(monitor)),
					querycheck.ExpectIdentity("exa_webhook.all", id(webhook)),
					querycheck.ExpectIdentity("exa_import.all", id(imp)),
					querycheck.ExpectResourceDisplayName("exa_import.all", queryfilter.ByResourceIdentity(id(imp)), knownvalue.StringRegexp(regexp.MustCompile(`^CRM accounts \(`))),
				},
			},
		},
	})
}

// The adoption guide's fastest path, through the CLI: terraform query
// -generate-config-out over a dashboard-made webset writes import blocks and
// configuration for it, its two searches, its enrichment and its monitor;
// applying them imports without creating anything, and the next plan is
// empty.
func TestAccList_queryGenerateApplyEmptyPlan(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	cli := newTerraformCLIRun(t, env, "terraform query")
	ws, _, _, _, _, _ := dashboardWebset(t, env)
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", `terraform {
  required_providers {
    exa = { source = "exa-community/exa" }
  }
}
`)
	write("adopt.tfquery.hcl", fmt.Sprintf(`list "exa_webset" "dashboard" {
  provider = exa
  limit    = 1
}

list "exa_webset_search" "dashboard" {
  provider = exa
  config {
    webset_id = %[1]q
  }
}

list "exa_webset_enrichment" "dashboard" {
  provider = exa
  config {
    webset_id = %[1]q
  }
}

list "exa_monitor" "dashboard" {
  provider = exa
  config {
    webset_id = %[1]q
  }
}
`, ws))
	if out, code := cli.run(dir, "query", "-generate-config-out=generated.tf"); code != 0 {
		t.Fatalf("query -generate-config-out: exit %d\n%s", code, out)
	}
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"import {", `resource "exa_webset_search"`, `resource "exa_webset_enrichment"`, `resource "exa_monitor"`, `resource "exa_webset"`} {
		if !strings.Contains(string(generated), want) {
			t.Errorf("generated.tf has no %q:\n%s", want, generated)
		}
	}
	mark := len(env.mock.Requests())
	if out, code := cli.run(dir, "apply", "-auto-approve", "-input=false"); code != 0 || !strings.Contains(out, "5 imported, 0 added, 0 changed, 0 destroyed") {
		t.Fatalf("apply of the generated imports: exit %d\n%s\n%s", code, out, generated)
	}
	for _, r := range env.mock.Requests()[mark:] {
		if r.Method != "GET" {
			t.Errorf("adopting sent %s %s: it must only read", r.Method, r.Path)
		}
	}
	if out, code := cli.run(dir, "plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("the plan after adopting is not empty: exit %d\n%s\n%s", code, out, generated)
	}
}

// The provider honors a query's limit itself: over 250 websets (three
// pages of 100), limit = 5 sends one request, for 5, rather than listing
// every page for Terraform to cut.
func TestAccList_limitStopsPaging(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	for range 250 {
		env.mock.CreateWebset("")
	}
	env.test(resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{
			{Config: env.providerBlock()},
			{
				Query: true,
				PreConfig: func() {
					env.mock.ResetLog()
				},
				Config: `
list "exa_webset" "some" {
  provider = exa
  limit    = 5
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("exa_webset.some", 5),
				},
			},
			{
				PreConfig: func() {
					var queries []string
					for _, r := range env.mock.Find("GET", "/v0/websets") {
						queries = append(queries, r.Query)
					}
					if len(queries) != 1 || queries[0] != "limit=5" {
						t.Errorf("want one GET /v0/websets?limit=5, got the queries %q", queries)
					}
				},
				Config: env.providerBlock(),
			},
		},
	})
}
