package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
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
					env.expectCalls(&applyMark, "", "/v0/websets/*/searches", n),
					func(*terraform.State) error {
						if got := len(env.mock.Requests()); got != n {
							return fmt.Errorf("apply of %d searches sent %d requests:\n%s", n, got, env.logText(0))
						}
						return nil
					},
				),
				ConfigPlanChecks: tfresource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{env.mark(&planMark)},
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
					PostApplyPostRefresh: []plancheck.PlanCheck{env.mark(&destroyMark)},
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

// fakeClock is a clock shared by the mock and the waiter: sleeping advances
// it at once, so a ten-minute search is waited for in microseconds.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

// Waiting polls at about half of Exa's estimate of the time left: it notices
// completion within max(2 s, 10% of T), and a ten-minute search takes at
// most 25 polls.
func TestWaitForSearch_usesTimeLeft(t *testing.T) {
	for _, total := range []time.Duration{10 * time.Second, time.Minute, 10 * time.Minute, time.Hour} {
		t.Run(total.String(), func(t *testing.T) {
			clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{CompleteAfter: total}})
			env.mock.SetClock(clock.Now)
			ws := env.mock.CreateWebset("")
			client, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url, RequestsPerSecond: -1})
			if err != nil {
				t.Fatal(err)
			}
			start := clock.Now()
			s, err := client.CreateSearch(context.Background(), ws, &exa.CreateSearchRequest{Query: "q", Count: 1})
			if err != nil {
				t.Fatal(err)
			}
			p := defaultPolling()
			p.sleep, p.now = clock.Sleep, clock.Now
			s, err = waitForSearch(context.Background(), client, p, ws, s)
			if err != nil || s.Status != exa.SearchCompleted {
				t.Fatalf("wait: %v, %+v", err, s)
			}
			late := clock.Now().Sub(start) - total
			polls := env.mock.Count("GET", "/v0/websets/*/searches/*")
			if allowed := max(2*time.Second, total/10); late > allowed {
				t.Errorf("noticed completion %s late, more than %s", late, allowed)
			}
			if total == 10*time.Minute && polls > 25 {
				t.Errorf("%d polls for a ten-minute search", polls)
			}
			t.Logf("T=%s: %d polls, noticed %s after completion", total, polls, late)
		})
	}
}

// A plan that replaces a running or completed search warns that a new,
// billed search starts, and names the attribute.
func TestModifyPlan_costWarning(t *testing.T) {
	r := &websetSearchResource{}
	var sr resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &sr)
	for _, c := range []struct {
		status      string
		change      func(*websetSearchModel)
		wantReplace []string
		wantWarning bool
	}{
		{"running", func(m *websetSearchModel) { m.Query = types.StringValue("other") }, []string{"query"}, true},
		{"completed", func(m *websetSearchModel) { m.TargetCount = types.Int64Value(9) }, []string{"target_count"}, true},
		{"canceled", func(m *websetSearchModel) { m.Canceled = types.BoolValue(false) }, []string{"canceled"}, false},
		{"running", func(m *websetSearchModel) { m.WaitForCompletion = types.BoolValue(true) }, nil, false},
	} {
		state := searchModelFixture(t, c.status)
		plan := state
		c.change(&plan)
		req := resource.ModifyPlanRequest{
			Config: tfsdk.Config{Schema: sr.Schema, Raw: toRaw(t, sr.Schema, plan)},
			Plan:   tfsdk.Plan{Schema: sr.Schema, Raw: toRaw(t, sr.Schema, plan)},
			State:  tfsdk.State{Schema: sr.Schema, Raw: toRaw(t, sr.Schema, state)},
		}
		resp := resource.ModifyPlanResponse{Plan: req.Plan}
		r.ModifyPlan(context.Background(), req, &resp)
		var got []string
		for _, p := range resp.RequiresReplace {
			got = append(got, p.String())
		}
		if fmt.Sprint(got) != fmt.Sprint(c.wantReplace) {
			t.Errorf("%s: replace %v, want %v", c.status, got, c.wantReplace)
		}
		warned := false
		for _, d := range resp.Diagnostics.Warnings() {
			if strings.Contains(d.Summary(), "Exa bills") && len(got) > 0 && strings.Contains(d.Detail(), got[0]+" changed") {
				warned = true
			}
		}
		if warned != c.wantWarning {
			t.Errorf("%s %v: warned %v, want %v (%v)", c.status, got, warned, c.wantWarning, resp.Diagnostics)
		}
	}
}

// searchModelFixture is the state of a search with the given status.
func searchModelFixture(t *testing.T, status string) websetSearchModel {
	t.Helper()
	var s exa.Search
	raw := fmt.Sprintf(`{"id":"s1","status":%q,"websetId":"w","query":"q","count":3,"behavior":"override",
		"entity":{"type":"company"},"criteria":[{"description":"c","successRate":50}],
		"progress":{"found":1,"analyzed":2,"completion":30,"timeLeft":null},"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}`, status)
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	prior := websetSearchModel{
		WebsetID: types.StringValue("w"), Recall: types.BoolNull(), Metadata: types.MapNull(types.StringType),
		Canceled: types.BoolValue(false), WaitForCompletion: types.BoolValue(false),
		Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType, "delete": types.StringType})},
	}
	m, diags := flattenSearch(&s, prior)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return m
}

// toRaw turns a model into the raw value of a plan, state or config.
func toRaw(t *testing.T, s interface {
	Type() attr.Type
}, m websetSearchModel) tftypes.Value {
	t.Helper()
	var sr resource.SchemaResponse
	(&websetSearchResource{}).Schema(context.Background(), resource.SchemaRequest{}, &sr)
	state := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(s.Type().TerraformType(context.Background()), nil)}
	if diags := state.Set(context.Background(), &m); diags.HasError() {
		t.Fatal(diags)
	}
	return state.Raw
}
