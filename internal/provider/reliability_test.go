package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// manySearches declares n searches in one webset, with provider settings.
func (e *testEnv) manySearches(n int, ws, providerExtra string) string {
	return fmt.Sprintf(`
provider "exa" {
  api_key  = %q
  base_url = %q
%s
}

resource "exa_webset_search" "s" {
  count        = %d
  webset_id    = %q
  query        = "Chaos query ${count.index}"
  target_count = 1
}
`, testAPIKey, e.url, providerExtra, n, ws)
}

// 100 searches at parallelism 20 while the mock fails 10% of requests with
// 503, rate-limits 5% with 429 and drops 2% of connections after committing.
// Not parallel: it sets Terraform's CLI arguments for the process.
func TestAccReliability_chaos(t *testing.T) {
	t.Setenv("TF_CLI_ARGS_apply", "-parallelism=20")
	t.Setenv("TF_CLI_ARGS_plan", "-parallelism=20")
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	env.mock.SetChaos(examock.Chaos{Rate503: 0.10, Rate429: 0.05, RateDropAfterCommit: 0.02, RetryAfter: "0", Seed: 7})
	const n = 100
	mark := 0
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			Config: env.manySearches(n, ws, "  max_retries = 10"),
			Check: func(*terraform.State) error {
				if ids := env.mock.SearchIDs(); len(ids) != n {
					return fmt.Errorf("want exactly %d searches at the mock, got %d", n, len(ids))
				}
				failed := 0
				for _, r := range env.mock.Requests() {
					if r.Status != http.StatusOK && r.Status != http.StatusCreated {
						failed++
					}
				}
				if failed < 10 {
					return fmt.Errorf("only %d requests failed: the chaos did not happen", failed)
				}
				return nil
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					// Destroy is counted without faults: a cancel retried after a
					// dropped answer would be sent twice, by design.
					hook(env.mock.ClearFaults),
					env.markBeforeDestroy(&mark),
				},
			},
		}},
		CheckDestroy: func(*terraform.State) error {
			perSearch := map[string]int{}
			for _, r := range env.mock.Requests()[mark:] {
				if examock.MatchPath("/v0/websets/*/searches/*/cancel", r.Path) {
					perSearch[r.Path]++
				}
			}
			if len(perSearch) != n {
				return fmt.Errorf("destroy canceled %d of %d searches", len(perSearch), n)
			}
			for path, c := range perSearch {
				if c != 1 {
					return fmt.Errorf("%s: %d cancels", path, c)
				}
			}
			for _, id := range env.mock.SearchIDs() {
				if st := env.mock.SearchStatus(id); st != "canceled" {
					return fmt.Errorf("search %s is %s after destroy", id, st)
				}
			}
			return nil
		},
	})
}

// requests_per_second is one token bucket for every resource: with 50
// resources at parallelism 20 the mock never sees more than rate + burst in
// any second. Not parallel: it sets Terraform's CLI arguments.
func TestAccReliability_clientRateLimit(t *testing.T) {
	t.Setenv("TF_CLI_ARGS_apply", "-parallelism=20")
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	const rate, burst = 10, 10
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			Config: env.manySearches(50, ws, fmt.Sprintf("  requests_per_second = %d", rate)),
			Check: func(*terraform.State) error {
				reqs := env.mock.Find("", "/v0/websets/*/searches")
				if len(reqs) != 50 {
					return fmt.Errorf("want 50 creates, got %d", len(reqs))
				}
				for i := range reqs {
					inWindow := 0
					for _, r := range reqs[i:] {
						if r.Time.Sub(reqs[i].Time) < time.Second {
							inWindow++
						}
					}
					if inWindow > rate+burst {
						return fmt.Errorf("%d requests within one second from %s", inWindow, reqs[i].Time)
					}
				}
				return nil
			},
		}},
	})
}

// With timeouts.create = 5s and an API that always answers 503, the apply
// fails at the deadline, with the real (slow) retry settings. The create
// may have reached Exa, and the look-up could not tell before the deadline,
// so a tainted placeholder is left in state; once the API answers again,
// the next apply's refresh finds that nothing was made, and creates it.
func TestAccReliability_deadlineBoundsRetries(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	env.mock.InjectFault(examock.Fault{Status: http.StatusServiceUnavailable, Times: -1})
	cfg := env.minimalSearch(ws, `  timeouts = { create = "5s" }`)
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.realFactories(),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)Could not create the Exa search.*503.*placeholder\s+is\s+recorded\s+in\s+state`),
			},
			{
				PreConfig: func() {
					reqs := env.mock.Requests()
					if len(reqs) < 2 {
						t.Fatalf("want the create and its look-up, got %d requests", len(reqs))
					}
					if span := reqs[len(reqs)-1].Time.Sub(reqs[0].Time); span > 10*time.Second {
						t.Errorf("requests went on for %s after a 5s create timeout", span)
					}
					if n := env.mock.Count("POST", "/v0/websets/*/searches"); n != 1 {
						t.Errorf("a create that may have happened was sent %d times", n)
					}
					env.mock.ClearFaults()
				},
				Config: cfg,
				Check:  exactlyTheOneInState(env, searchAddr, env.mock.SearchIDs),
			},
		},
	})
}

// A 404 just after a create (Exa not caught up yet) is retried while
// waiting; a 5xx on cancel is retried at destroy.
func TestAccReliability_readAfterCreateAndCancelRetries(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{CompleteAfterReads: 1}})
	ws := env.mock.CreateWebset("")
	env.mock.InjectFault(examock.Fault{Method: "GET", Path: "/v0/websets/*/searches/*", Status: http.StatusNotFound, Times: 2})
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.minimalSearch(ws, `  wait_for_completion = true`),
				Check:  resource.TestCheckResourceAttr(searchAddr, "status", "completed"),
			},
			{
				// Now a search that runs on, so destroy cancels it through a 503.
				Config: env.minimalSearch(ws, `  metadata = { "examock.lifecycle" = "running" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{
						env.markBeforeDestroy(&mark),
						hook(func() {
							env.mock.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets/*/searches/*/cancel", Status: http.StatusServiceUnavailable})
						}),
					},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			cancels := env.mock.Requests()[mark:]
			if len(cancels) != 2 || cancels[0].Status != 503 || cancels[1].Status != 200 {
				return fmt.Errorf("want a 503 cancel retried once:\n%s", env.logText(mark))
			}
			return nil
		},
	})
}

// Canceling the context stops a wait at once, with no further request.
func TestWaitForSearch_stopsOnContextCancel(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	client, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url})
	if err != nil {
		t.Fatal(err)
	}
	s, err := client.CreateSearch(context.Background(), ws, &exa.CreateSearchRequest{Query: "q", Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	before := len(env.mock.Requests())
	start := time.Now()
	_, err = waitForSearch(ctx, client, defaultPolling(), ws, s)
	if err == nil || ctx.Err() == nil {
		t.Fatalf("want the wait to end with the context, got %v", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("the wait took %s to notice the cancel", took)
	}
	if n := len(env.mock.Requests()) - before; n != 0 {
		t.Errorf("%d requests after the cancel", n)
	}
}
