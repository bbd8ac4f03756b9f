package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// Exact request counts: apply of N new searches sends N requests, a plan
// with refresh one GET of their webset (not one per search), and destroy
// one cancel per running search and nothing for finished ones, with no GET.
func TestAccPerformance_requestCounts(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	const n = 6
	cfg := env.config(`
resource "exa_webset_search" "s" {
  count        = %d
  webset_id    = %q
  query        = "Search number ${count.index}"
  target_count = 2
  # Half finish at once, half run on.
  metadata = { "examock.lifecycle" = count.index %% 2 == 0 ? "immediate" : "running" }
}
`, n, ws)
	applyMark, planMark, destroyMark := 0, 0, 0
	env.test(tfresource.TestCase{
		Steps: []tfresource.TestStep{
			{
				Config: cfg,
				Check: tfresource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						if got := len(env.mock.Requests()); got != n {
							return fmt.Errorf("apply of %d searches sent %d requests:\n%s", n, got, env.logText(0))
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(&applyMark, "", "/v0/websets/*/searches", n),
				},
			},
			{
				// A plan-only step refreshes once: one GET of the webset and
				// nothing else.
				Config:   cfg,
				PlanOnly: true,
				PreConfig: func() {
					planMark = len(env.mock.Requests())
				},
			},
			{
				Config: cfg,
				PreConfig: func() {
					got := env.mock.Requests()[planMark:]
					gets := 0
					for _, r := range got {
						if r.Method == "GET" && r.Path == "/websets/v0/websets/"+ws {
							gets++
						}
					}
					// The plan-only step runs a refreshing plan (and plugin-testing
					// may run one more): one GET of the webset per refresh, for
					// all N searches, and nothing else.
					if gets == 0 || gets > 2 || gets != len(got) {
						t.Errorf("plan: want one GET of the webset per refresh and nothing else, got:\n%s", env.logText(planMark))
					}
				},
				ConfigPlanChecks: tfresource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{env.markBeforeDestroy(&destroyMark)},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			got := env.mock.Requests()[destroyMark:]
			if len(got) != n/2 {
				return fmt.Errorf("destroy: want %d cancels (the running half) and nothing else, got:\n%s", n/2, env.logText(destroyMark))
			}
			for _, r := range got {
				if r.Method != "POST" || !strings.HasSuffix(r.Path, "/cancel") {
					return fmt.Errorf("destroy sent %s %s", r.Method, r.Path)
				}
			}
			return nil
		},
	})
}

// With 50 ms of latency, 100 searches applied at parallelism 10 reuse
// connections: the mock accepts at most parallelism + 2 of them. Not
// parallel: it sets Terraform's CLI arguments.
func TestAccPerformance_connectionsAreReused(t *testing.T) {
	t.Setenv("TF_CLI_ARGS_apply", "-parallelism=10")
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	var before int64
	tfresource.Test(t, tfresource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []tfresource.TestStep{{
			PreConfig: func() {
				env.mock.SetLatency(50 * time.Millisecond)
				before = env.mock.Connections()
			},
			Config: env.manySearches(100, ws, ""),
			Check: func(*terraform.State) error {
				// The plan before apply sends nothing for new resources, so
				// these are apply's connections.
				if c := env.mock.Connections() - before; c > 12 {
					return fmt.Errorf("apply opened %d connections for parallelism 10", c)
				}
				env.mock.SetLatency(0)
				return nil
			},
		}},
	})
}
