package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

const searchAddr = "exa_webset_search.s"

func TestAccWebsetSearch_fullRoundTrip(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{CompleteAfterReads: 2}})
	ws := env.mock.CreateWebset("")
	other := env.mock.CreateWebset("")
	// The hop search finds 3 investors of each of the 2 entities in crm:
	// 6 candidates for a target of 5.
	crm := env.mock.CreateWebset("")
	if _, err := env.mock.CreateCompletedSearch(crm, "Robotics startups", 2); err != nil {
		t.Fatal(err)
	}
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
  scope    = [{ source = "webset", id = %q, relationship = { definition = "investors of", limit = 3 } }]
  recall   = true
  behavior = "override"
  metadata = { team = "growth" }
  wait_for_completion = true
  timeouts = { create = "1m", delete = "1m" }
}
`, ws, other, crm)
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
						"scope": [{"source": "webset", "id": %q, "relationship": {"definition": "investors of", "limit": 3}}],
						"recall": true,
						"behavior": "override",
						"metadata": {"team": "growth"}
					}`, other, crm)),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					// One create, then polls of its webset until the second
					// read completes it; the search is never read alone.
					env.expectCalls(&mark, "POST", "/v0/websets/*/searches", 1),
					env.expectCalls(&mark, "GET", "/v0/websets/*", 2),
					env.expectCalls(&mark, "GET", "/v0/websets/*/searches/*", 0),
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
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), env.markBeforeDestroy(&mark)},
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

// A server that does not echo maxPeoplePerCompany (older than the field)
// keeps the configured value in state, and the next plan is empty.
func TestAccWebsetSearch_maxPeoplePerCompanyNotEchoedKeepsTheConfig(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("")
	env.url = withoutField(t, env.mock, "maxPeoplePerCompany")
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.minimalSearch(ws, `  entity                 = { type = "person" }
  max_people_per_company = 2`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("max_people_per_company"), knownvalue.Int64Exact(2)),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}

// max_people_per_company (since the spec: README, "Since the spec") is sent as
// maxPeoplePerCompany, read back from Exa's answer, and a change replaces
// the search. Without it, the body has no such field (the lifecycle test's
// exact body).
func TestAccWebsetSearch_maxPeoplePerCompany(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("")
	cfg := func(n int) string {
		return env.minimalSearch(ws, fmt.Sprintf(`  entity                 = { type = "person" }
  max_people_per_company = %d`, n))
	}
	sameID := statecheck.CompareValue(compare.ValuesDiffer())
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg(2),
				Check: env.expectCreateBody(`{
					"query": "Seed-stage robotics startups in Europe",
					"count": 3,
					"entity": {"type": "person"},
					"behavior": "override",
					"maxPeoplePerCompany": 2
				}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("max_people_per_company"), knownvalue.Int64Exact(2)),
					sameID.AddStateValue(searchAddr, tfjsonpath.New("id")),
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
				Config: cfg(3),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(searchAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("max_people_per_company"), knownvalue.Int64Exact(3)),
					sameID.AddStateValue(searchAddr, tfjsonpath.New("id")),
				},
				Check: func(*terraform.State) error {
					posts := env.mock.Find("POST", "/v0/websets/*/searches")
					if len(posts) != 2 {
						return fmt.Errorf("want 2 creates, got %d", len(posts))
					}
					if !strings.Contains(posts[1].Body, `"maxPeoplePerCompany":3`) {
						return fmt.Errorf("second create: %s", posts[1].Body)
					}
					return nil
				},
			},
		},
	})
}

// minimalSearch is a search with only the required inputs.
func (e *testEnv) minimalSearch(ws, extra string) string {
	return e.config(`
resource "exa_webset_search" "s" {
  webset_id    = %q
  query        = "Seed-stage robotics startups in Europe"
  target_count = 3
%s
}
`, ws, extra)
}

func TestAccWebsetSearch_exaChoosesEntityAndCriteria(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	cfg := env.minimalSearch(ws, "")
	var id string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					env.expectCreateBody(`{"query": "Seed-stage robotics startups in Europe", "count": 3, "behavior": "override"}`),
					resource.TestCheckResourceAttrWith(searchAddr, "id", func(v string) error { id = v; return nil }),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("entity"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"type": knownvalue.StringExact("company"), "description": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("criteria"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("criteria").AtSliceIndex(0).AtMapKey("success_rate"), knownvalue.Float64Exact(0)),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("behavior"), knownvalue.StringExact("override")),
					// Exa answers {} and [] for what the config left out: state keeps null.
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("metadata"), knownvalue.Null()),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("exclude"), knownvalue.Null()),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("scope"), knownvalue.Null()),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("recall"), knownvalue.Null()),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("recall_result"), knownvalue.Null()),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("wait_for_completion"), knownvalue.Bool(false)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// The search completes at Exa: status, progress and the
				// success rates change on refresh, with no diff.
				PreConfig: func() {
					if err := env.mock.CompleteSearch(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("status"), knownvalue.StringExact("completed")),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("criteria").AtSliceIndex(0).AtMapKey("success_rate"), knownvalue.Float64Exact(100)),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("progress").AtMapKey("found"), knownvalue.Int64Exact(3)),
				},
			},
			{
				// Writing Exa's own choices into the config is no change.
				Config: env.minimalSearch(ws, `  entity = { type = "company" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// An in-place update (the config no longer names the entity,
				// and the search is canceled) carries the entity Exa chose
				// into the plan, known: nothing that reads it sees unknown.
				Config: env.minimalSearch(ws, `  canceled = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(searchAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(searchAddr, tfjsonpath.New("entity"), knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("company"), "description": knownvalue.Null(),
						})),
					},
				},
			},
		},
	})
}

func TestAccWebsetSearch_cancelByFlip(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.minimalSearch(ws, `  canceled = false`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("status"), knownvalue.StringExact("created")),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("canceled"), knownvalue.Bool(false)),
				},
			},
			{
				PreConfig: env.markRequests(&mark),
				Config:    env.minimalSearch(ws, `  canceled = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(searchAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(searchAddr, tfjsonpath.New("id"), knownvalue.NotNull()),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(&mark, "POST", "/v0/websets/*/searches/*/cancel", 1),
					env.expectCalls(&mark, "POST", "/v0/websets/*/searches", 0),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("status"), knownvalue.StringExact("canceled")),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("canceled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("canceled_at"), knownvalue.NotNull()),
				},
			},
			{
				// Un-canceling takes a new search.
				Config: env.minimalSearch(ws, `  canceled = false`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(searchAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("canceled"), knownvalue.Bool(false)),
				},
				Check: func(*terraform.State) error {
					if n := env.mock.Count("POST", "/v0/websets/*/searches"); n != 2 {
						return fmt.Errorf("want 2 searches created in all, got %d", n)
					}
					return nil
				},
			},
		},
	})
}

func TestAccWebsetSearch_destroyRunningCancelsOnce(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	mark := 0
	var id string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.minimalSearch(ws, ""),
			Check:  resource.TestCheckResourceAttrWith(searchAddr, "id", func(v string) error { id = v; return nil }),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{env.markBeforeDestroy(&mark)},
			},
		}},
		CheckDestroy: func(s *terraform.State) error {
			reqs := env.mock.Requests()[mark:]
			if len(reqs) != 1 || reqs[0].Method != "POST" || reqs[0].Path != fmt.Sprintf("/websets/v0/websets/%s/searches/%s/cancel", ws, id) {
				return fmt.Errorf("destroy of a running search: want exactly one cancel, got:\n%s", env.logText(mark))
			}
			if st := env.mock.SearchStatus(id); st != "canceled" {
				return fmt.Errorf("search is %q after destroy", st)
			}
			return nil
		},
	})
}

// A search that state already records as finished has nothing to cancel:
// its destroy sends no cancel, only the refresh before it.
func TestAccWebsetSearch_destroyFinishedSendsNoCancel(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("")
	mark := 0
	var id string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.minimalSearch(ws, ""),
			Check:  resource.TestCheckResourceAttrWith(searchAddr, "id", func(v string) error { id = v; return nil }),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("status"), knownvalue.StringExact("completed")),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{env.markBeforeDestroy(&mark)},
			},
		}},
		CheckDestroy: func(*terraform.State) error {
			for _, r := range env.mock.Requests()[mark:] {
				if r.Method != "GET" {
					return fmt.Errorf("destroy of a finished search: want reads only, got:\n%s", env.logText(mark))
				}
			}
			if st := env.mock.SearchStatus(id); st != "completed" {
				return fmt.Errorf("search is %q after destroy, want it left completed", st)
			}
			return nil
		},
	})
}

func TestAccWebsetSearch_importThenEmptyPlan(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("")
	body := `{"query":"Robotics investors","count":4,"entity":{"type":"company"},"criteria":[{"description":"invests in robotics"}],"recall":true,"behavior":"append","metadata":{"owner":"ops"}}`
	id := env.createSearchOutOfBand(ws, body)
	cfg := env.config(`
resource "exa_webset_search" "s" {
  webset_id    = %q
  query        = "Robotics investors"
  target_count = 4
  entity       = { type = "company" }
  criteria     = [{ description = "invests in robotics" }]
  recall       = true
  behavior     = "append"
  metadata     = { owner = "ops" }
}
`, ws)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:             cfg,
				ResourceName:       searchAddr,
				ImportState:        true,
				ImportStateId:      ws + "/" + id,
				ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 || states[0].ID != id || states[0].Attributes["webset_id"] != ws {
						return fmt.Errorf("imported %+v", states)
					}
					return nil
				},
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("recall"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("wait_for_completion"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("canceled"), knownvalue.Bool(false)),
				},
			},
		},
	})
	if n := env.mock.Count("POST", "/v0/websets/*/searches"); n != 1 {
		t.Errorf("import must not create searches: %d creates", n)
	}
}

func TestAccWebsetSearch_importMalformedID(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	for _, bad := range []string{"no-slash", "/search_x", ws + "/"} {
		env.t.Run(bad, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				Steps: []resource.TestStep{{
					Config:        env.minimalSearch(ws, ""),
					ResourceName:  searchAddr,
					ImportState:   true,
					ImportStateId: bad,
					ExpectError:   regexp.MustCompile(`expected an import ID of the form\s+<webset_id>/<search_id>`),
				}},
			})
		})
	}
	if n := env.mock.APICount(); n != 0 {
		t.Errorf("a malformed import ID must make no API call, made %d", n)
	}
}

func TestAccWebsetSearch_driftDeletedAtExaPlansCreate(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	var id string
	// The search deleted at Exa is created again: a new id.
	newID := statecheck.CompareValue(compare.ValuesDiffer())
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:            env.minimalSearch(ws, ""),
				Check:             resource.TestCheckResourceAttrWith(searchAddr, "id", func(v string) error { id = v; return nil }),
				ConfigStateChecks: []statecheck.StateCheck{newID.AddStateValue(searchAddr, tfjsonpath.New("id"))},
			},
			{
				PreConfig: func() {
					if err := env.mock.DeleteSearch(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.minimalSearch(ws, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(searchAddr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{newID.AddStateValue(searchAddr, tfjsonpath.New("id"))},
			},
		},
	})
}

func TestAccWebsetSearch_driftCanceledAtExaPlansReplace(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	var id string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.minimalSearch(ws, ""),
				Check:  resource.TestCheckResourceAttrWith(searchAddr, "id", func(v string) error { id = v; return nil }),
			},
			{
				PreConfig: func() {
					if err := env.mock.CancelSearch(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.minimalSearch(ws, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(searchAddr, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("canceled"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("status"), knownvalue.StringExact("created")),
				},
			},
		},
	})
	// The canceled search needed no cancel when it was replaced.
	if n := env.mock.Count("POST", "/v0/websets/*/searches/"+id+"/cancel"); n != 0 {
		t.Errorf("replacing a canceled search sent %d cancels", n)
	}
}

func TestAccWebsetSearch_inPlaceChangesCallNothing(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.minimalSearch(ws, ""),
			},
			{
				PreConfig: env.markRequests(&mark),
				Config:    env.minimalSearch(ws, `  timeouts = { delete = "2m" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(searchAddr, plancheck.ResourceActionUpdate),
						// Nothing about the search changes, so nothing is "known after apply".
						plancheck.ExpectKnownValue(searchAddr, tfjsonpath.New("status"), knownvalue.StringExact("running")),
						plancheck.ExpectKnownValue(searchAddr, tfjsonpath.New("criteria").AtSliceIndex(0).AtMapKey("success_rate"), knownvalue.Float64Exact(0)),
					},
				},
				// The plan's refresh reads the search once, through its webset;
				// the update itself calls nothing.
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(&mark, "GET", "/v0/websets/*", 1),
					env.expectCalls(&mark, "", "/v0/websets/*/searches/*", 0),
					env.expectCalls(&mark, "POST", "/v0/websets/*/searches", 0),
				},
			},
		},
	})
}

func TestAccWebsetSearch_changedInputReplacesWithCostWarning(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	rec := &diagRecorder{}
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.recordingFactories(rec),
		Steps: []resource.TestStep{
			{Config: env.minimalSearch(ws, `  criteria = [{ description = "based in Europe" }]`)},
			{
				Config: env.minimalSearch(ws, `  criteria = [{ description = "based in Germany" }]`),
				Check:  rec.expectWarning("A new Exa search will start, and Exa bills for its results", "replaced because criteria changed"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(searchAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

func TestAccWebsetSearch_badInputRefusedBeforeAnyCall(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	long := func(n int) string { return strings.Repeat("é", n) }
	cases := []struct {
		name, attr, value, want string
	}{
		{"empty query", "query", `""`, `Attribute query UTF-8 character count must be between 1 and 5000, got`},
		{"long query", "query", fmt.Sprintf("%q", long(5001)), `Attribute query UTF-8 character count must be between 1 and 5000, got`},
		{"zero count", "target_count", "0", `Attribute target_count value must be at least 1`},
		{"entity type", "entity", `{ type = "planet" }`, `Attribute entity.type value must be one of`},
		{"custom without description", "entity", `{ type = "custom" }`, `(?s)Missing entity description.*custom`},
		{"description on company", "entity", `{ type = "company", description = "big ones" }`, `Unexpected entity description`},
		{"short custom description", "entity", `{ type = "custom", description = "x" }`, `Attribute entity.description UTF-8 character count must be between 2 and 200`},
		{"no criteria", "criteria", `[]`, `Attribute criteria list must contain at least 1 elements and at most 5`},
		{"six criteria", "criteria", `[for i in range(6) : { description = "c${i}" }]`, `Attribute criteria list must contain at least 1 elements and at most 5`},
		{"empty criterion", "criteria", `[{ description = "" }]`, `Attribute criteria\[0\].description UTF-8 character count must be between 1 and 1000`},
		{"long criterion", "criteria", fmt.Sprintf("[{ description = %q }]", long(1001)), `Attribute criteria\[0\].description UTF-8 character count must be between 1 and 1000`},
		{"exclude source", "exclude", `[{ source = "crm", id = "x" }]`, `Attribute exclude\[0\].source value must be one of`},
		{"exclude empty id", "exclude", `[{ source = "import", id = "" }]`, `Attribute exclude\[0\].id UTF-8 character count must be at least 1`},
		{"empty exclude", "exclude", `[]`, `Attribute exclude list must contain at least 1`},
		{"scope limit", "scope", `[{ source = "webset", id = "w", relationship = { definition = "investors of", limit = 11 } }]`, `Attribute scope\[0\].relationship.limit value must be between 1 and 10`},
		{"behavior", "behavior", `"merge"`, `Attribute behavior value must be one of`},
		{"append with a scope", "behavior", "\"append\"\n  scope = [{ source = \"webset\", id = \"w\" }]", `(?s)A scoped search cannot append.*Remove behavior = "append"`},
		{"metadata value", "metadata", fmt.Sprintf("{ note = %q }", long(1001)), `Attribute metadata\["note"\] UTF-8 character count must be at most 1000`},
		{"timeouts", "timeouts", `{ create = "soon" }`, `Invalid Attribute Value Time Duration`},
		{"no people per company", "max_people_per_company", "0", `Attribute max_people_per_company value must be at least 1`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		attrs := map[string]string{"webset_id": `"webset_x"`, "query": `"q"`, "target_count": "1"}
		attrs[c.attr] = c.value
		var hcl strings.Builder
		for _, name := range []string{"webset_id", "query", "target_count", c.attr} {
			if v, ok := attrs[name]; ok {
				fmt.Fprintf(&hcl, "  %s = %s\n", name, v)
				delete(attrs, name)
			}
		}
		steps = append(steps, resource.TestStep{
			Config: env.config("resource \"exa_webset_search\" \"s\" {\n%s}\n", hcl.String()),
			// Terraform wraps long messages: any space may be a line break.
			ExpectError: regexp.MustCompile(strings.ReplaceAll(c.want, " ", `\s+`)),
		})
	}
	env.test(resource.TestCase{Steps: steps})
	if n := env.mock.APICount(); n != 0 {
		t.Errorf("bad input must be refused before any API call; %d calls:\n%s", n, env.logText(0))
	}
}

func TestAccWebsetSearch_waitForCompletion(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{CompleteAfterReads: 3}})
	ws := env.mock.CreateWebset("")
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.minimalSearch(ws, `  wait_for_completion = true`),
			ConfigStateChecks: []statecheck.StateCheck{
				env.expectCalls(&mark, "POST", "/v0/websets/*/searches", 1),
				// Create, then three polls of its webset: the third read
				// completes it.
				env.expectCalls(&mark, "GET", "/v0/websets/*", 3),
				env.expectCalls(&mark, "GET", "/v0/websets/*/searches/*", 0),
				statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("status"), knownvalue.StringExact("completed")),
				statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("progress").AtMapKey("completion"), knownvalue.Float64Exact(100)),
			},
		}},
	})
}

// A wait that runs out of time does not bill twice: the apply succeeds with
// a warning, the search stays in state untainted, and the next plan neither
// replaces nor cancels it.
func TestAccWebsetSearch_waitTimeoutKeepsSearchInState(t *testing.T) {
	env := newTestEnv(t, examock.Options{}) // searches never finish
	ws := env.mock.CreateWebset("")
	cfg := env.minimalSearch(ws, `
  wait_for_completion = true
  timeouts            = { create = "300ms" }`)
	rec := &diagRecorder{}
	var id string
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.recordingFactories(rec),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					rec.expectWarning("Exa search still running", "kept in state, not tainted", "next plan neither replaces nor cancels it"),
					resource.TestCheckResourceAttr(searchAddr, "status", "running"),
					resource.TestCheckResourceAttrWith(searchAddr, "id", func(v string) error { id = v; return nil }),
				),
			},
			{
				// Not tainted: the next plan is empty.
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrWith(searchAddr, "id", func(v string) error {
						if v != id {
							return fmt.Errorf("the search was replaced: %s, then %s", id, v)
						}
						return nil
					}),
					func(*terraform.State) error {
						if n := env.mock.Count("POST", "/v0/websets/*/searches"); n != 1 {
							return fmt.Errorf("want 1 search created, got %d", n)
						}
						if n := env.mock.Count("POST", "/v0/websets/*/searches/*/cancel"); n != 0 {
							return fmt.Errorf("want no cancel before destroy, got %d", n)
						}
						return nil
					},
				),
			},
		},
		// Destroy knew the search: it canceled it, and nothing is left running.
		CheckDestroy: func(*terraform.State) error {
			ids := env.mock.SearchIDs()
			if len(ids) != 1 {
				return fmt.Errorf("want exactly one search at the mock, got %v", ids)
			}
			if st := env.mock.SearchStatus(ids[0]); st != "canceled" {
				return fmt.Errorf("search %s is %s after destroy: orphaned", ids[0], st)
			}
			return nil
		},
	})
}

func TestAccWebsetSearch_retriesAfter429(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	env.mock.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets/*/searches", Status: http.StatusTooManyRequests, RetryAfter: "1"})
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.minimalSearch(ws, ""),
			Check: func(*terraform.State) error {
				posts := env.mock.Find("POST", "/v0/websets/*/searches")
				if len(posts) != 2 || posts[0].Status != 429 || posts[1].Status != 200 {
					return fmt.Errorf("want a 429 then a 200, got:\n%s", env.logText(0))
				}
				if gap := posts[1].Time.Sub(posts[0].Time); gap < time.Second {
					return fmt.Errorf("retried %s after a Retry-After of 1s", gap)
				}
				if ids := env.mock.SearchIDs(); len(ids) != 1 {
					return fmt.Errorf("want exactly one search, got %v", ids)
				}
				return nil
			},
		}},
	})
}

// A create that reached Exa and then failed (a 500 after commit, or a
// dropped connection) is adopted, never sent twice.
func TestAccWebsetSearch_ambiguousCreateIsAdoptedNotDuplicated(t *testing.T) {
	for name, fault := range map[string]examock.Fault{
		"500 after commit":  {Method: "POST", Path: "/v0/websets/*/searches", Status: 500, Commit: true},
		"drop after commit": {Method: "POST", Path: "/v0/websets/*/searches", Drop: true, Commit: true},
		"503, not created":  {Method: "POST", Path: "/v0/websets/*/searches", Status: 503},
	} {
		t.Run(name, func(t *testing.T) {
			env := newTestEnv(t, examock.Options{})
			ws := env.mock.CreateWebset("")
			env.mock.InjectFault(fault)
			env.test(resource.TestCase{
				Steps: []resource.TestStep{{
					Config: env.minimalSearch(ws, ""),
					Check: resource.TestCheckResourceAttrWith(searchAddr, "id", func(id string) error {
						ids := env.mock.SearchIDs()
						if len(ids) != 1 || ids[0] != id {
							return fmt.Errorf("want exactly the search in state (%s) at the mock, got %v\n%s", id, ids, env.logText(0))
						}
						return nil
					}),
				}},
			})
		})
	}
}

// Destroy counts a search that is gone (404), or that a refused cancel shows
// to be finished, as done.
func TestAccWebsetSearch_destroyToleratesGoneOrFinished(t *testing.T) {
	for name, between := range map[string]func(env *testEnv, id string){
		"deleted at Exa": func(env *testEnv, id string) {
			if err := env.mock.DeleteSearch(id); err != nil {
				t.Fatal(err)
			}
		},
		"finished, cancel refused": func(env *testEnv, id string) {
			if err := env.mock.CompleteSearch(id); err != nil {
				t.Fatal(err)
			}
			env.mock.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets/*/searches/*/cancel", Status: http.StatusConflict})
		},
	} {
		t.Run(name, func(t *testing.T) {
			env := newTestEnv(t, examock.Options{})
			ws := env.mock.CreateWebset("")
			var id string
			mark := 0
			env.test(resource.TestCase{
				Steps: []resource.TestStep{{
					Config: env.minimalSearch(ws, ""),
					Check:  resource.TestCheckResourceAttrWith(searchAddr, "id", func(v string) error { id = v; return nil }),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						// State still says running when destroy starts.
						PostApplyPostRefresh: []plancheck.PlanCheck{env.markBeforeDestroy(&mark), hook(func() { between(env, id) })},
					},
				}},
				CheckDestroy: func(*terraform.State) error {
					if n := env.mock.Count("POST", "/v0/websets/*/searches/*/cancel") - countBefore(env, mark, "POST", "/v0/websets/*/searches/*/cancel"); n != 1 {
						return fmt.Errorf("want one cancel at destroy, got %d:\n%s", n, env.logText(mark))
					}
					return nil
				},
			})
		})
	}
}

func TestAccWebsetSearch_userAgentNamesProviderAndTerraform(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.minimalSearch(ws, ""),
			Check: func(*terraform.State) error {
				ua := env.mock.Find("POST", "/v0/websets/*/searches")[0].Header.Get("User-Agent")
				if !regexp.MustCompile(`^terraform-provider-exa/test Terraform/\d+\.\d+\.\d+`).MatchString(ua) {
					return fmt.Errorf("User-Agent %q", ua)
				}
				return nil
			},
		}},
	})
}

// A search imported as <external_id>/<search_id> records the webset's real
// ID, so that a configuration naming exa_webset.w.id plans no change.
func TestAccWebsetSearch_importByExternalIDNormalisesWebsetID(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("crm-accounts")
	id := env.createSearchOutOfBand(ws, `{"query":"Seed-stage robotics startups in Europe","count":3}`)
	cfg := env.config(`
resource "exa_webset" "w" {
  external_id = "crm-accounts"
}

resource "exa_webset_search" "s" {
  webset_id    = exa_webset.w.id
  query        = "Seed-stage robotics startups in Europe"
  target_count = 3
}
`)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:             cfg,
				ResourceName:       websetAddr,
				ImportState:        true,
				ImportStateId:      "crm-accounts",
				ImportStatePersist: true,
			},
			{
				Config:             cfg,
				ResourceName:       searchAddr,
				ImportState:        true,
				ImportStateId:      "crm-accounts/" + id,
				ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					for _, st := range states {
						if st.ID == id {
							if got := st.Attributes["webset_id"]; got != ws {
								return fmt.Errorf("webset_id after import: %q, want the real ID %q", got, ws)
							}
							return nil
						}
					}
					return fmt.Errorf("the search %s is not among the imported states", id)
				},
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// A second override search planned into a webset that holds one warns at
// plan time, naming both; with append it does not. The existing search
// keeps its items only if they satisfy the new one's criteria, which the
// mock applies as Exa does.
func TestAccWebsetSearch_secondOverrideSearchWarns(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("")
	first := fmt.Sprintf(`
resource "exa_webset_search" "a" {
  webset_id    = %q
  query        = "Robotics startups in Europe"
  target_count = 3
}
`, ws)
	second := func(behavior string) string {
		return env.config(first+`
resource "exa_webset_search" "b" {
  webset_id    = %q
  query        = "Drone makers in Europe"
  target_count = 2
  %s
}
`, ws, behavior)
	}
	rec := &diagRecorder{}
	var firstID string
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.recordingFactories(rec),
		Steps: []resource.TestStep{
			{
				Config: env.config("%s", first),
				Check: func(*terraform.State) error {
					firstID = env.mock.SearchIDs()[0]
					if n := rec.countWarnings(warnOverrideSearches); n != 0 {
						return fmt.Errorf("one search warned %d times", n)
					}
					return nil
				},
			},
			{
				Config: second(`behavior = "append"`),
				Check: func(*terraform.State) error {
					if n := rec.countWarnings(warnOverrideSearches); n != 0 {
						return fmt.Errorf("an append search beside an override one warned %d times", n)
					}
					return nil
				},
			},
			{
				// Replacing b with an override search: the plan warns once,
				// naming both, and the apply re-plans only b.
				Config: second(""),
				Check: func(s *terraform.State) error {
					if n := rec.countWarnings(warnOverrideSearches); n != 1 {
						return fmt.Errorf("want the warning once, from the plan, got %d:%s", n, rec.text())
					}
					return rec.expectWarning(warnOverrideSearches, `"Robotics startups in Europe" (`+firstID+`)`, `"Drone makers in Europe"`, `behavior = "append" on all of them but one`)(s)
				},
			},
		},
	})
}

// An override search that a change replaces is one search, not two: its
// plan records the new one only (the replacing plan modifier marks the
// plan, and ModifyPlan leaves the old one out), so no warning.
func TestAccWebsetSearch_replacedOverrideSearchIsCountedOnce(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("")
	search := func(query string) string {
		return env.config(`
resource "exa_webset_search" "a" {
  webset_id    = %q
  query        = %q
  target_count = 3
}
`, ws, query)
	}
	rec := &diagRecorder{}
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.recordingFactories(rec),
		Steps: []resource.TestStep{
			{Config: search("Robotics startups in Europe")},
			{
				Config: search("Drone makers in Europe"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("exa_webset_search.a", plancheck.ResourceActionReplace)},
				},
				Check: func(*terraform.State) error {
					if n := rec.countWarnings(warnOverrideSearches); n != 0 {
						return fmt.Errorf("a replaced override search warned %d times:%s", n, rec.text())
					}
					return nil
				},
			},
		},
	})
}

// A webset created with two override searches: their webset's id is
// unknown at plan time, and the apply walk, which plans them again once the
// webset exists, warns once.
func TestAccWebsetSearch_twoOverrideSearchesInANewWebsetWarnAtApply(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	rec := &diagRecorder{}
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.recordingFactories(rec),
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "exa_webset" "w" {}

resource "exa_webset_search" "s" {
  count        = 2
  webset_id    = exa_webset.w.id
  query        = "Robotics startups, batch ${count.index}"
  target_count = 2
}
`),
			Check: func(*terraform.State) error {
				if n := rec.countWarnings(warnOverrideSearches); n != 1 {
					return fmt.Errorf("want one warning, from the apply walk, got %d:%s", n, rec.text())
				}
				return nil
			},
		}},
	})
}

// Unit tests of the search's plan rules: what replaces a search, what an
// in-place update keeps, and the warning that a replacement costs money.
// They plan through the provider's protocol server, so the schema's plan
// modifiers run as under Terraform. The acceptance tests above hold the
// same rules on the real CLI.

// searchConfig is the configuration that plans m: what only Exa computes
// is null, criteria without their success rates, and the entity as Exa
// chose it (null in the configuration).
func searchConfig(m websetSearchModel) websetSearchModel {
	c := m
	c.ID, c.Status, c.CanceledAt, c.CanceledReason = types.StringNull(), types.StringNull(), types.StringNull(), types.StringNull()
	c.CreatedAt, c.UpdatedAt = types.StringNull(), types.StringNull()
	c.Progress = tfmodel.NullObject[progressModel]()
	c.RecallResult = tfmodel.NullObject[recallResultModel]()
	c.Entity = tfmodel.NullObject[entityModel]()
	if criteria, ok := tfmodel.ElementsAs[criterionModel](m.Criteria); ok && criteria != nil {
		for i := range criteria {
			criteria[i].SuccessRate = types.Float64Null()
		}
		c.Criteria = tfmodel.List(criteria)
	}
	return c
}

// planSearch plans the configuration config against the state prior, as
// Terraform does: the proposed new state is the configuration with the
// prior state's computed values. It returns the planned state, the
// attributes that replace the search, and the warnings.
func planSearch(t *testing.T, config, prior websetSearchModel) (websetSearchModel, []string, []string) {
	t.Helper()
	ctx := context.Background()
	server, err := NewProtocol6Server("test")()
	if err != nil {
		t.Fatal(err)
	}
	typ := searchModel.TerraformType()
	encode := func(m websetSearchModel) *tfprotov6.DynamicValue {
		var raw tftypes.Value
		if diags := searchModel.Set(ctx, &raw, m); diags.HasError() {
			t.Fatal(diags)
		}
		dv, err := tfprotov6.NewDynamicValue(typ, raw)
		if err != nil {
			t.Fatal(err)
		}
		return &dv
	}
	proposed := config
	for _, keep := range []struct{ to, from *types.String }{
		{&proposed.ID, &prior.ID}, {&proposed.Status, &prior.Status}, {&proposed.CanceledAt, &prior.CanceledAt},
		{&proposed.CanceledReason, &prior.CanceledReason}, {&proposed.CreatedAt, &prior.CreatedAt}, {&proposed.UpdatedAt, &prior.UpdatedAt},
	} {
		*keep.to = *keep.from
	}
	proposed.Progress, proposed.RecallResult = prior.Progress, prior.RecallResult
	if config.Entity.IsNull() {
		proposed.Entity = prior.Entity
	}
	if criteria, ok := tfmodel.ElementsAs[criterionModel](config.Criteria); ok && criteria != nil {
		priorCriteria, _ := tfmodel.ElementsAs[criterionModel](prior.Criteria)
		for i := range criteria {
			if i < len(priorCriteria) {
				criteria[i].SuccessRate = priorCriteria[i].SuccessRate
			}
		}
		proposed.Criteria = tfmodel.List(criteria)
	} else if config.Criteria.IsNull() {
		proposed.Criteria = prior.Criteria
	}
	resp, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: "exa_webset_search", PriorState: encode(prior), ProposedNewState: encode(proposed), Config: encode(config),
	})
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("plan: %s: %s", d.Summary, d.Detail)
		}
		warnings = append(warnings, d.Summary+": "+d.Detail)
	}
	var replace []string
	for _, p := range resp.RequiresReplace {
		replace = append(replace, p.String())
	}
	raw, err := resp.PlannedState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var planned websetSearchModel
	if diags := searchModel.Get(ctx, raw, &planned); diags.HasError() {
		t.Fatal(diags)
	}
	return planned, replace, warnings
}

// TestSearchPlan_whatReplacesASearch: each input that Exa cannot change
// replaces the search, on its configured parts only, with one warning per
// attribute that says what a new search bills.
func TestSearchPlan_whatReplacesASearch(t *testing.T) {
	for _, c := range []struct {
		name    string
		status  string
		change  func(config, state *websetSearchModel)
		replace string
		warning string
	}{
		{"nothing", "running", func(_, _ *websetSearchModel) {}, "", ""},
		{"query and count", "running", func(c, _ *websetSearchModel) {
			c.Query, c.TargetCount = types.StringValue("other"), types.Int64Value(9)
		}, "AttributeName(\"query\") AttributeName(\"target_count\")", "will be replaced because query changed"},
		{"un-cancel", "canceled", func(c, _ *websetSearchModel) { c.Canceled = types.BoolValue(false) },
			"AttributeName(\"canceled\")", "set canceled = true to keep it stopped"},
		{"cancel", "running", func(c, _ *websetSearchModel) { c.Canceled = types.BoolValue(true) }, "", ""},
		{"recall after import", "completed", func(c, _ *websetSearchModel) { c.Recall = types.BoolValue(true) }, "", ""},
		{"dropping recall", "completed", func(_, s *websetSearchModel) { s.Recall = types.BoolValue(true) },
			"AttributeName(\"recall\")", "because recall changed"},
		{"{} and null metadata", "completed", func(c, _ *websetSearchModel) {
			c.Metadata = types.MapValueMust(types.StringType, nil)
		}, "", ""},
		{"a criterion", "completed", func(c, _ *websetSearchModel) {
			c.Criteria = tfmodel.List([]criterionModel{{Description: types.StringValue("other"), SuccessRate: types.Float64Null()}})
		}, "AttributeName(\"criteria\")", "because criteria changed"},
		{"the same criterion", "completed", func(c, _ *websetSearchModel) {
			c.Criteria = tfmodel.List([]criterionModel{{Description: types.StringValue("c"), SuccessRate: types.Float64Null()}})
		}, "", ""},
		{"a configured entity", "completed", func(c, _ *websetSearchModel) {
			c.Entity = tfmodel.Object(entityModel{Type: types.StringValue("person"), Description: types.StringNull()})
		}, "AttributeName(\"entity\")", "because entity changed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			state := searchModelFixture(t, c.status)
			config := searchConfig(state)
			c.change(&config, &state)
			_, replace, warnings := planSearch(t, config, state)
			if got := strings.Join(replace, " "); got != c.replace {
				t.Errorf("replaced by %q, want %q", got, c.replace)
			}
			joined := strings.Join(warnings, "\n")
			if (c.warning == "") != (len(warnings) == 0) || !strings.Contains(joined, c.warning) {
				t.Errorf("warnings %q, want one with %q", joined, c.warning)
			}
			if c.warning != "" && !strings.Contains(joined, "Exa bills") {
				t.Errorf("the warning does not say what a new search bills: %q", joined)
			}
		})
	}
}

// TestSearchPlan_anInPlaceUpdateKeepsWhatExaSaid: a change that keeps the
// search plans Exa's values as they are, not as "known after apply"; a
// cancel of a running search plans its status, progress and times as
// unknown, and keeps its ID.
func TestSearchPlan_anInPlaceUpdateKeepsWhatExaSaid(t *testing.T) {
	state := searchModelFixture(t, "running")
	config := searchConfig(state)
	config.WaitForCompletion = types.BoolValue(true)
	planned, replace, _ := planSearch(t, config, state)
	if len(replace) != 0 {
		t.Fatalf("replaced by %v", replace)
	}
	for name, same := range map[string]bool{
		"id": planned.ID.Equal(state.ID), "status": planned.Status.Equal(state.Status), "progress": planned.Progress.Equal(state.Progress),
		"criteria": planned.Criteria.Equal(state.Criteria), "entity": planned.Entity.Equal(state.Entity),
		"updated_at": planned.UpdatedAt.Equal(state.UpdatedAt), "created_at": planned.CreatedAt.Equal(state.CreatedAt),
		// null in state, and null it stays
		"canceled_at": planned.CanceledAt.Equal(state.CanceledAt), "recall_result": planned.RecallResult.Equal(state.RecallResult),
	} {
		if !same {
			t.Errorf("wait_for_completion changed %s", name)
		}
	}

	config = searchConfig(state)
	config.Canceled = types.BoolValue(true)
	planned, _, _ = planSearch(t, config, state)
	if !planned.ID.Equal(state.ID) || !planned.Status.IsUnknown() || !planned.Progress.IsUnknown() || !planned.UpdatedAt.IsUnknown() {
		t.Errorf("a cancel plans id %s (want %s), and status %s, progress %s, updated_at %s (want unknown)",
			planned.ID, state.ID, planned.Status, planned.Progress, planned.UpdatedAt)
	}
}

// searchModelFixture is the state of a search with the given status, as
// flattened from Exa's answer.
func searchModelFixture(t testing.TB, status string) websetSearchModel {
	t.Helper()
	return searchFixture(t, fmt.Sprintf(`{"id":"s1","status":%q,"websetId":"w","query":"q","count":3,"behavior":"override",
		"entity":{"type":"company"},"criteria":[{"description":"c","successRate":50}],
		"progress":{"found":1,"analyzed":2,"completion":30,"timeLeft":null},"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}`, status))
}

// searchFixture is the state that Exa's answer raw flattens to, with the
// inputs Exa does not echo at their defaults. The plan tests and the

// searchFixture is the state that Exa's answer raw flattens to, with the
// inputs Exa does not echo at their defaults. The plan tests and the
// benchmarks share it.
func searchFixture(t testing.TB, raw string) websetSearchModel {
	t.Helper()
	var s exa.Search
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	prior := websetSearchModel{
		websetSearchData: websetSearchData{
			WebsetID: types.StringValue("w"), Recall: types.BoolNull(), Metadata: types.MapNull(types.StringType),
			Canceled: types.BoolValue(false),
		},
		WaitForCompletion: types.BoolValue(false),
		Timeouts:          timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType, "delete": types.StringType})},
	}
	m := flattenSearch(&s, prior)
	return m
}

// Unit tests of the mapping: expandSearch and flattenSearch.

func TestFlattenSearchIsTolerant(t *testing.T) {
	// Unknown enums, missing fields, nulls for objects and 10.0 for 10.
	raw := `{"id":"s1","status":"paused_for_review","websetId":"w1","query":"q","count":10.0,
		"entity":{"type":"galaxy"},"criteria":null,"progress":null,"recall":null,"metadata":null,
		"exclude":null,"scope":[{"source":"import","id":"i","relationship":{"definition":"d","limit":3.0}}]}`
	var s exa.Search
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	prior := websetSearchModel{websetSearchData: websetSearchData{Canceled: types.BoolValue(false)}}
	m := flattenSearch(&s, prior)
	if m.TargetCount.ValueInt64() != 10 || m.Status.ValueString() != "paused_for_review" || !m.Criteria.IsNull() || !m.Progress.IsNull() || !m.Metadata.IsNull() {
		t.Errorf("flattened %+v", m)
	}
	if m.Behavior.ValueString() != "override" || m.WaitForCompletion.ValueBool() || m.Canceled.ValueBool() {
		t.Errorf("defaults: %+v", m)
	}
	// An unknown status is still running: destroy would cancel it.
	if exa.SearchFinished(m.Status.ValueString()) {
		t.Error("an unknown status must count as running")
	}
}

// TestExpandSearch_sendsEveryInput fills every input of a search, nested
// ones included, and checks the exact create body: a nested field that
// expandSearch misses drops from the body, which this test then shows.
func TestExpandSearch_sendsEveryInput(t *testing.T) {
	plan := searchFixture(t, benchSearchJSON)
	plan.Recall = types.BoolValue(true)
	plan.MaxPeople = types.Int64Value(2)
	got, err := json.Marshal(expandSearch(plan))
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"query":"Seed-stage robotics startups in Europe that raised a round in the last 12 months",
"count":50,"behavior":"append","entity":{"type":"custom","description":"robotics startups"},
"criteria":[{"description":"raised a seed round in the last 12 months"},{"description":"headquartered in Europe"},
{"description":"builds physical robots"},{"description":"fewer than 50 employees"},{"description":"has a public website"}],
"exclude":[{"source":"webset","id":"webset_01old"}],
"scope":[{"source":"import","id":"import_crm","relationship":{"definition":"investors of","limit":3}}],
"recall":true,"metadata":{"campaign":"q3","team":"growth"},"maxPeoplePerCompany":2}`
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("create body:\n got %s\nwant %s", got, want)
	}
}

// TestSameCriteria_comparesDescriptions: criteria are the same search when
// their descriptions are, whatever success rates Exa reports.
func TestSameCriteria_comparesDescriptions(t *testing.T) {
	list := func(rate float64, descs ...string) types.List {
		elems := make([]criterionModel, len(descs))
		for i, d := range descs {
			elems[i] = criterionModel{Description: types.StringValue(d), SuccessRate: types.Float64Value(rate)}
		}
		return tfmodel.List(elems)
	}
	for _, c := range []struct {
		a, b types.List
		same bool
	}{
		{list(10, "a", "b"), list(90, "a", "b"), true},
		{list(10, "a", "b"), list(10, "a", "c"), false},
		{list(10, "a", "b"), list(10, "a"), false},
		{list(10, "a"), types.ListUnknown(tfmodel.ObjectType[criterionModel]()), false},
		{list(10, "a"), tfmodel.List([]criterionModel{{Description: types.StringUnknown()}}), false},
	} {
		if got := sameCriteria(c.a, c.b); got != c.same {
			t.Errorf("sameCriteria(%v, %v) = %v, want %v", c.a, c.b, got, c.same)
		}
	}
}
