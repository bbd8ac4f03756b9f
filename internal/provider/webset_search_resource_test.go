package provider

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

const searchAddr = "exa_webset_search.s"

// expectBody checks the JSON body of the only create request.
func (e *testEnv) expectCreateBody(want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		posts := e.mock.Find("POST", "/v0/websets/*/searches")
		if len(posts) != 1 {
			return fmt.Errorf("want 1 create, got %d", len(posts))
		}
		var got, exp any
		if err := json.Unmarshal([]byte(posts[0].Body), &got); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(want), &exp); err != nil {
			return err
		}
		if !reflect.DeepEqual(got, exp) {
			return fmt.Errorf("create body:\n got  %s\n want %s", posts[0].Body, want)
		}
		return nil
	}
}

func TestAccWebsetSearch_fullRoundTrip(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{CompleteAfterReads: 2}})
	ws := env.mock.CreateWebset("")
	other := env.mock.CreateWebset("")
	cfg := env.config(`
resource "exa_webset_search" "s" {
  webset_id    = %q
  query        = "Seed-stage robotics startups in Europe"
  target_count = 5
  entity       = { type = "custom", description = "robotics startups" }
  criteria = [
    { description = "raised a seed round in the last 12 months" },
    { description = "headquartered in Europe" },
  ]
  exclude  = [{ source = "webset", id = %q }]
  scope    = [{ source = "import", id = "import_crm", relationship = { definition = "investors of", limit = 3 } }]
  recall   = true
  behavior = "append"
  metadata = { team = "growth" }
  wait_for_completion = true
  timeouts = { create = "1m", delete = "1m" }
}
`, ws, other)
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					env.expectCreateBody(fmt.Sprintf(`{
						"query": "Seed-stage robotics startups in Europe",
						"count": 5,
						"entity": {"type": "custom", "description": "robotics startups"},
						"criteria": [{"description": "raised a seed round in the last 12 months"}, {"description": "headquartered in Europe"}],
						"exclude": [{"source": "webset", "id": %q}],
						"scope": [{"source": "import", "id": "import_crm", "relationship": {"definition": "investors of", "limit": 3}}],
						"recall": true,
						"behavior": "append",
						"metadata": {"team": "growth"}
					}`, other)),
					// One create, then polls until the second read completes it.
					env.expectCalls(&mark, "POST", "/v0/websets/*/searches", 1),
					env.expectCalls(&mark, "GET", "/v0/websets/*/searches/*", 2),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^search_`))),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("status"), knownvalue.StringExact("completed")),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("canceled"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("criteria"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"description":  knownvalue.StringExact("raised a seed round in the last 12 months"),
							"success_rate": knownvalue.Float64Exact(100),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"description":  knownvalue.StringExact("headquartered in Europe"),
							"success_rate": knownvalue.Float64Exact(85),
						}),
					})),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("progress"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"found": knownvalue.Int64Exact(5), "analyzed": knownvalue.Int64Exact(10),
						"completion": knownvalue.Float64Exact(100), "time_left": knownvalue.Float64Exact(0),
					})),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("recall_result"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"expected": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"total":      knownvalue.Int64Exact(20),
							"confidence": knownvalue.StringExact("medium"),
							"bounds":     knownvalue.ObjectExact(map[string]knownvalue.Check{"min": knownvalue.Int64Exact(10), "max": knownvalue.Int64Exact(40)}),
						}),
						"reasoning": knownvalue.NotNull(),
					})),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("canceled_at"), knownvalue.Null()),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("canceled_reason"), knownvalue.Null()),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				ResourceName:            searchAddr,
				ImportState:             true,
				ImportStateIdFunc:       importID,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "wait_for_completion"},
			},
			{
				// The same configuration again: nothing to do. The mark
				// starts the count of what destroy sends.
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), env.mark(&mark)},
				},
			},
		},
		// A completed search needs no cancel: destroy calls nothing.
		CheckDestroy: func(*terraform.State) error {
			if n := len(env.mock.Requests()) - mark; n != 0 {
				return fmt.Errorf("destroy of a completed search made %d API calls:\n%s", n, env.logText(mark))
			}
			return nil
		},
	})
}

func importID(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[searchAddr]
	if !ok {
		return "", fmt.Errorf("%s not in state", searchAddr)
	}
	return rs.Primary.Attributes["webset_id"] + "/" + rs.Primary.ID, nil
}
