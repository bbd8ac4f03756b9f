package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// Refresh by webset: a plan reads each webset once, and every search and
// enrichment in it from that one answer (exa.Client.WebsetSnapshot). The
// rules themselves are tested on the client, in internal/exa.

// onlyWebsetGETs checks, as a PreApply plan check, that the plan (with its
// refresh) since mark sent exactly one GET per webset and nothing else.
func (e *testEnv) onlyWebsetGETs(mark *int, websets int) plancheck.PlanCheck {
	return hook(func() {
		got := e.mock.Requests()[*mark:]
		gets := 0
		for _, r := range got {
			if r.Method == "GET" && examock.MatchPath("/v0/websets/*", r.Path) {
				gets++
			}
		}
		if gets != websets || len(got) != websets {
			e.t.Errorf("plan: want exactly %d GETs, one per webset, and nothing else; got:\n%s", websets, e.logText(*mark))
		}
	})
}

// 2 websets, 30 searches (half still running) and 4 enrichments: a plan
// sends exactly 2 requests. Destroy (which plugin-testing runs without a
// refresh) sends one cancel per running search, then the deletes.
func TestAccSnapshot_planCostsOneRequestPerWebset(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	var b strings.Builder
	for _, w := range []string{"a", "b"} {
		fmt.Fprintf(&b, `
resource "exa_webset" %[1]q {
  metadata = { name = %[1]q }
}

resource "exa_webset_search" %[1]q {
  count        = 15
  webset_id    = exa_webset.%[1]s.id
  query        = "Search ${count.index} of webset %[1]s"
  target_count = 2
  metadata     = { "examock.lifecycle" = count.index %% 2 == 0 ? "immediate" : "running" }
}

resource "exa_webset_enrichment" %[1]q {
  count       = 2
  webset_id   = exa_webset.%[1]s.id
  description = "Enrichment ${count.index} of webset %[1]s"
}
`, w)
	}
	cfg := env.config("%s", b.String())
	planMark, destroyMark := 0, 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: env.markRequests(&planMark),
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), env.onlyWebsetGETs(&planMark, 2)},
				},
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{env.markBeforeDestroy(&destroyMark)},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			count := map[string]int{}
			for _, r := range env.mock.Requests()[destroyMark:] {
				switch {
				case r.Method == "POST" && examock.MatchPath("/v0/websets/*/searches/*/cancel", r.Path):
					count["cancel"]++
				case r.Method == "DELETE" && examock.MatchPath("/v0/websets/*/enrichments/*", r.Path):
					count["delete enrichment"]++
				case r.Method == "DELETE" && examock.MatchPath("/v0/websets/*", r.Path):
					count["delete webset"]++
				default:
					count[r.Method+" "+r.Path]++
				}
			}
			want := map[string]int{"cancel": 14, "delete enrichment": 4, "delete webset": 2}
			if fmt.Sprint(count) != fmt.Sprint(want) {
				return fmt.Errorf("destroy: want %v, got %v:\n%s", want, count, env.logText(destroyMark))
			}
			return nil
		},
	})
}

// The exa_webset resource, its searches, and the exa_webset and
// exa_webset_search data sources all refresh from one GET.
func TestAccSnapshot_websetItsSearchesAndDataSourcesShareOneGET(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	cfg := env.config(`
resource "exa_webset" "w" {}

resource "exa_webset_search" "s" {
  count        = 3
  webset_id    = exa_webset.w.id
  query        = "Search ${count.index}"
  target_count = 1
}

data "exa_webset" "w" {
  id = exa_webset.w.id
}

data "exa_webset_search" "s" {
  webset_id = exa_webset.w.id
  id        = exa_webset_search.s[0].id
}
`)
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: env.markRequests(&mark),
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), env.onlyWebsetGETs(&mark, 1)},
				},
			},
		},
	})
}

// Rule 4, through Terraform: a webset that answers 404 during a refresh
// does not drop its searches from state; each confirms with its own GET,
// and the plan stays empty. And the list wins: a search that is in its
// webset's list stays, whatever its own GET would answer, with no GET of
// its own.
func TestAccSnapshot_refreshNeverDropsWhatOnlyTheListLacks(t *testing.T) {
	for name, tc := range map[string]struct {
		fault   examock.Fault
		ownGETs int
	}{
		"webset answers 404":  {examock.Fault{Method: "GET", Path: "/v0/websets/*", Status: 404, Times: -1}, 2},
		"own GETs answer 404": {examock.Fault{Method: "GET", Path: "/v0/websets/*/searches/*", Status: 404, Times: -1}, 0},
	} {
		t.Run(name, func(t *testing.T) {
			env := newTestEnv(t, examock.Options{})
			ws := env.mock.CreateWebset("")
			cfg := env.config(`
resource "exa_webset_search" "s" {
  count        = 2
  webset_id    = %q
  query        = "Search ${count.index}"
  target_count = 1
}
`, ws)
			mark := 0
			env.test(resource.TestCase{
				Steps: []resource.TestStep{
					{Config: cfg},
					{
						PreConfig: func() {
							mark = len(env.mock.Requests())
							env.mock.InjectFault(tc.fault)
						},
						Config: cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{
								plancheck.ExpectEmptyPlan(),
								hook(func() {
									n := 0
									for _, r := range env.mock.Requests()[mark:] {
										if r.Method == "GET" && examock.MatchPath("/v0/websets/*/searches/*", r.Path) {
											n++
										}
									}
									if n != tc.ownGETs {
										t.Errorf("want %d GETs of the searches themselves, got %d:\n%s", tc.ownGETs, n, env.logText(mark))
									}
									env.mock.ClearFaults()
								}),
							},
						},
					},
				},
			})
		})
	}
}
