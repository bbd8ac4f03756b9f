package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

const enrichmentAddr = "exa_webset_enrichment.e"

func (e *testEnv) enrichment(ws, attrs string) string {
	return e.config(`
resource "exa_webset_enrichment" "e" {
  webset_id = %q
%s
}
`, ws, attrs)
}

func TestAccEnrichment_lifecycle(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	var id string
	sameID := statecheck.CompareValue(compare.ValuesSame())
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.enrichment(ws, `  description = "Funding stage of the company"
  format      = "options"
  options     = ["Seed", "Series A", "Series B+"]
  metadata    = { owner = "growth" }`),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrWith(enrichmentAddr, "id", func(v string) error { id = v; return nil }),
					func(*terraform.State) error {
						posts := env.mock.Find("POST", "/v0/websets/*/enrichments")
						if len(posts) != 1 {
							return fmt.Errorf("want 1 create, got %d", len(posts))
						}
						return jsonEqual(posts[0].Body, `{"description":"Funding stage of the company","format":"options",
							"options":[{"label":"Seed"},{"label":"Series A"},{"label":"Series B+"}],"metadata":{"owner":"growth"}}`)
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(enrichmentAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(enrichmentAddr, tfjsonpath.New("status"), knownvalue.StringExact("pending")),
					statecheck.ExpectKnownValue(enrichmentAddr, tfjsonpath.New("title"), knownvalue.StringExact("Funding stage of the company")),
					statecheck.ExpectKnownValue(enrichmentAddr, tfjsonpath.New("instructions"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(enrichmentAddr, tfjsonpath.New("canceled"), knownvalue.Bool(false)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				PreConfig: env.markRequests(&mark),
				// description, format and metadata change in place: one PATCH
				// (answered without a body), then one GET.
				Config: env.enrichment(ws, `  description = "Email of the CEO"
  format      = "email"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(enrichmentAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						return jsonEqual(env.mock.Find("PATCH", "/v0/websets/*/enrichments/*")[0].Body,
							`{"description":"Email of the CEO","format":"email","metadata":{}}`)
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(&mark, "PATCH", "/v0/websets/*/enrichments/*", 1),
					sameID.AddStateValue(enrichmentAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(enrichmentAddr, tfjsonpath.New("options"), knownvalue.Null()),
					statecheck.ExpectKnownValue(enrichmentAddr, tfjsonpath.New("metadata"), knownvalue.Null()),
					statecheck.ExpectKnownValue(enrichmentAddr, tfjsonpath.New("format"), knownvalue.StringExact("email")),
				},
			},
			{
				ResourceName:      enrichmentAddr,
				ImportState:       true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) { return ws + "/" + id, nil },
				ImportStateVerify: true,
			},
			{
				// Cancel in place: one cancel call.
				Config: env.enrichment(ws, `  description = "Email of the CEO"
  format      = "email"
  canceled    = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(enrichmentAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					if n := env.mock.Count("POST", "/v0/websets/*/enrichments/*/cancel"); n != 1 {
						return fmt.Errorf("want one cancel, got %d", n)
					}
					if st := env.mock.EnrichmentStatus(id); st != "canceled" {
						return fmt.Errorf("enrichment is %s", st)
					}
					return nil
				},
			},
			{
				// Going back to not canceled takes a new enrichment.
				Config: env.enrichment(ws, `  description = "Email of the CEO"
  format      = "email"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(enrichmentAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
			{
				// Leaving format out keeps Exa's (here, the last) choice: no diff.
				Config:   env.enrichment(ws, `  description = "Email of the CEO"`),
				PlanOnly: true,
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if n := env.mock.Count("DELETE", "/v0/websets/*/enrichments/*"); n < 2 {
				return fmt.Errorf("want the replaced and the last enrichment deleted, got %d deletes", n)
			}
			return nil
		},
	})
}

func TestAccEnrichment_driftAndExaChoosesFormat(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	cfg := env.enrichment(ws, `  description = "Number of employees"`)
	var id string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrWith(enrichmentAddr, "id", func(v string) error { id = v; return nil }),
					func(*terraform.State) error {
						return jsonEqual(env.mock.Find("POST", "/v0/websets/*/enrichments")[0].Body, `{"description":"Number of employees"}`)
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					// Exa's choice, recorded; the next plan is empty.
					statecheck.ExpectKnownValue(enrichmentAddr, tfjsonpath.New("format"), knownvalue.StringExact("text")),
				},
			},
			{
				PreConfig: func() {
					if err := env.mock.DeleteEnrichment(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(enrichmentAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccEnrichment_validation(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	many := make([]string, 151)
	for i := range many {
		many[i] = fmt.Sprintf("%q", fmt.Sprint("label", i))
	}
	var steps []resource.TestStep
	for _, c := range []struct{ attrs, want string }{
		{`description = ""`, `Attribute description UTF-8 character count must be between 1 and 5000`},
		{`description = "x"` + "\n" + `format = "audio"`, `Attribute format value must be one of`},
		{`description = "x"` + "\n" + `format = "options"`, `(?s)Missing options.*format = "options"`},
		{`description = "x"` + "\n" + `options = ["a"]`, `Unexpected options`},
		{`description = "x"` + "\n" + `format = "options"` + "\n" + `options = []`, `Attribute options list must contain at least 1 elements and at most 150`},
		{`description = "x"` + "\n" + `format = "options"` + "\n" + `options = [` + strings.Join(many, ",") + `]`, `Attribute options list must contain at least 1 elements and at most 150`},
	} {
		steps = append(steps, resource.TestStep{Config: env.enrichment("webset_x", c.attrs), ExpectError: regexp.MustCompile(strings.ReplaceAll(c.want, " ", `\s+`))})
	}
	env.test(resource.TestCase{Steps: steps})
	if n := env.mock.APICount(); n != 0 {
		t.Errorf("%d API calls for invalid enrichments", n)
	}
}

// wait_for_completion: create waits, reading the enrichment's webset each
// round (never the enrichment alone), until it completes.
func TestAccEnrichment_waitForCompletion(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.enrichment(ws, `  description = "CEO name"
  format      = "text"
  metadata    = { "examock.lifecycle" = "reads:3" }
  wait_for_completion = true`),
			Check: resource.ComposeAggregateTestCheckFunc(
				// After the create: three rounds, one GET of the webset each
				// (before it, the plan read the webset to count its items).
				func(*terraform.State) error {
					reqs := env.mock.Requests()
					created := slices.IndexFunc(reqs, func(r examock.Request) bool { return r.Method == "POST" })
					polls := 0
					for _, r := range reqs[created+1:] {
						if r.Method == "GET" && examock.MatchPath("/v0/websets/*", r.Path) {
							polls++
						}
					}
					if polls != 3 {
						return fmt.Errorf("want 3 polls of the webset after the create, got %d:\n%s", polls, env.logText(0))
					}
					return nil
				},
			),
			ConfigStateChecks: []statecheck.StateCheck{
				env.expectCalls(&mark, "POST", "/v0/websets/*/enrichments", 1),
				env.expectCalls(&mark, "GET", "/v0/websets/*/enrichments/*", 0),
				statecheck.ExpectKnownValue(enrichmentAddr, tfjsonpath.New("status"), knownvalue.StringExact("completed")),
				statecheck.ExpectKnownValue(enrichmentAddr, tfjsonpath.New("wait_for_completion"), knownvalue.Bool(true)),
			},
		}},
	})
}

// A wait that runs out of time: the apply succeeds with a warning, the
// enrichment stays in state untainted, and the next plan is empty (issue
// 19: a timeout must not bill twice).
func TestAccEnrichment_waitTimeoutKeepsItUntainted(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	cfg := env.enrichment(ws, `  description = "CEO name"
  format      = "text"
  metadata    = { "examock.lifecycle" = "running" }
  wait_for_completion = true
  timeouts = { create = "300ms" }`)
	rec := &diagRecorder{}
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.recordingFactories(rec),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					rec.expectWarning("Exa enrichment still running", "kept in state, not tainted"),
					resource.TestCheckResourceAttr(enrichmentAddr, "status", "pending"),
				),
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCount("POST", "/v0/websets/*/enrichments", 1),
				},
			},
		},
	})
}
