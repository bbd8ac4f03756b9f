package provider

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// A whole Websets pipeline: an import used as a search's scope, a webset, the
// search, an enrichment, a monitor and a webhook. It applies, plans empty,
// and destroys children before what they depend on.
func TestAccPipeline_endToEnd(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	file := writeCSV(t, accountsCSV)
	cfg := env.config(`
resource "exa_import" "crm" {
  file   = %q
  entity = { type = "company" }
  title  = "CRM accounts"
  wait_for_completion = true
}

resource "exa_webset" "w" {
  external_id = "pipeline"
}

resource "exa_webset_search" "investors" {
  webset_id    = exa_webset.w.id
  query        = "Investors in our CRM accounts"
  target_count = 5
  scope = [{
    source       = "import"
    id           = exa_import.crm.id
    relationship = { definition = "investors of", limit = 2 }
  }]
}

resource "exa_webset_enrichment" "email" {
  webset_id   = exa_webset.w.id
  description = "Email of the managing partner"
  format      = "email"
}

resource "exa_monitor" "weekly" {
  webset_id = exa_webset.w.id
  cadence   = { cron = "0 8 * * 1" }
  behavior  = { config = { target_count = 5 } }
}

resource "exa_webhook" "alerts" {
  url    = "https://hooks.example.com/exa"
  events = ["webset.search.completed", "monitor.run.completed"]
}
`, file)
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					body := env.mock.Find("POST", "/v0/websets/*/searches")[0].Body
					if !strings.Contains(body, `"source":"import","id":"import_mock`) {
						return fmt.Errorf("the search's scope does not name the import: %s", body)
					}
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					PostApplyPostRefresh: []plancheck.PlanCheck{env.markBeforeDestroy(&mark)},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			var calls []string
			for _, r := range env.mock.Requests()[mark:] {
				calls = append(calls, r.Method+" "+r.Path)
			}
			at := func(method, pattern string) int {
				return slices.IndexFunc(calls, func(c string) bool {
					m, p, _ := strings.Cut(c, " ")
					return m == method && examock.MatchPath(pattern, p)
				})
			}
			cancel, enrich, monitor := at("POST", "/v0/websets/*/searches/*/cancel"), at("DELETE", "/v0/websets/*/enrichments/*"), at("DELETE", "/v0/monitors/*")
			webset, imp, hook := at("DELETE", "/v0/websets/*"), at("DELETE", "/v0/imports/*"), at("DELETE", "/v0/webhooks/*")
			if len(calls) != 6 || slices.Contains([]int{cancel, enrich, monitor, webset, imp, hook}, -1) {
				return fmt.Errorf("destroy: want one cancel and five deletes, got %q", calls)
			}
			if webset < cancel || webset < enrich || webset < monitor {
				return fmt.Errorf("the webset went before what depends on it: %q", calls)
			}
			if imp < cancel {
				return fmt.Errorf("the import went before the search scoped to it: %q", calls)
			}
			return nil
		},
	})
}

// examples/pipelines/csv-enrichment, as written: the search scoped to the
// import finds the CSV's three accounts, and the enrichment has each to fill. A
// webset given only the import would have no items at all (the spec's
// staging pool; TestAccWebset_importLoadsAndReplaces).
func TestAccPipeline_csvEnrichmentExample(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{CompleteAfterReads: 2}})
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.providerBlock() + exampleConfig(t, filepath.Join(examplesDir, "pipelines", "csv-enrichment")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("accounts", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("https://acme-robotics.example"),
					knownvalue.StringExact("https://bolt-automation.example"),
					knownvalue.StringExact("https://cobalt-drones.example"),
				})),
				// Each account has a result of the enrichment (still pending:
				// nothing in the example waits for the enrichment).
				statecheck.ExpectKnownValue("data.exa_webset_items.accounts", tfjsonpath.New("items").AtSliceIndex(2).AtMapKey("enrichments"), knownvalue.ListSizeExact(1)),
			},
			Check: func(*terraform.State) error {
				body := env.mock.Find("POST", "/v0/websets/*/searches")[0].Body
				if !strings.Contains(body, `"scope":[{"source":"import","id":"import_mock`) {
					return fmt.Errorf("the search is not scoped to the import: %s", body)
				}
				return nil
			},
		}},
	})
}
