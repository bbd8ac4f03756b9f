package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// costConfig is a new webset with 12 searches of 10 results each and one
// enrichment: 120 results for the searches, and 120 for the enrichment (no
// items yet, plus the results of the searches planned into the webset).
func (e *testEnv) costConfig(limit int) string {
	e.settings = fmt.Sprintf("  max_planned_results = %d", limit)
	return e.config(`
resource "exa_webset" "w" {}

resource "exa_webset_search" "s" {
  count        = 12
  webset_id    = exa_webset.w.id
  query        = "Robotics startups, batch ${count.index}"
  target_count = 10
  behavior     = "append"
}

resource "exa_webset_enrichment" "e" {
  webset_id   = exa_webset.w.id
  description = "CEO name"
  format      = "text"
}
`)
}

// Over the cap, the plan fails before any request that starts work, with
// the whole total in its last error; at the cap it applies. The same total,
// and the same outcome, at -parallelism=1 and -parallelism=10.
func TestAccCost_capRefusesPlanOverIt(t *testing.T) {
	for _, parallelism := range []int{1, 10} {
		t.Run(fmt.Sprintf("parallelism=%d", parallelism), func(t *testing.T) {
			// The CLI takes its parallelism from the environment, which a
			// parallel test may not set.
			t.Setenv("TF_CLI_ARGS_plan", fmt.Sprintf("-parallelism=%d", parallelism))
			t.Setenv("TF_CLI_ARGS_apply", fmt.Sprintf("-parallelism=%d", parallelism))
			env := newTestEnv(t, examock.Options{})
			rec := &diagRecorder{}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.recordingFactories(rec),
				Steps: []resource.TestStep{
					{
						Config:      env.costConfig(239),
						ExpectError: inOrder("asks Exa for 240 results, over max_planned_results = 239", "raise max_planned_results", "EXA_MAX_PLANNED_RESULTS) to at least 240"),
					},
					{
						// Nothing was sent that starts work: no POST at all.
						PreConfig: func() {
							if n := env.countMethod("POST"); n != 0 {
								t.Errorf("a plan over the cap sent %d POSTs:\n%s", n, env.logText(0))
							}
						},
						Config: env.costConfig(240),
						Check: resource.ComposeAggregateTestCheckFunc(
							func(*terraform.State) error {
								if n := env.mock.Count("POST", "/v0/websets/*/searches"); n != 12 {
									return fmt.Errorf("want 12 searches created, got %d", n)
								}
								if n := env.mock.Count("POST", "/v0/websets/*/enrichments"); n != 1 {
									return fmt.Errorf("want 1 enrichment created, got %d", n)
								}
								return nil
							},
							rec.expectWarning(warnEnrichmentNew, `"CEO name" fills one result for every item`),
						),
					},
				},
			})
		})
	}
}

// The enrichment's figure is the items its webset holds now: the same on
// every plan of one configuration, whatever order Terraform plans the
// searches beside it in, and what the cap counts for it. (It used to add
// the searches planned so far, so it moved from plan to plan.)
func TestAccCost_enrichmentFigureIsTheSameOnEveryPlan(t *testing.T) {
	t.Setenv("TF_CLI_ARGS_plan", "-parallelism=10")
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	if _, err := env.mock.CreateCompletedSearch(ws, "Robotics startups in Europe", 7); err != nil {
		t.Fatal(err)
	}
	cfg := env.config(`
resource "exa_webset_search" "s" {
  count        = 4
  webset_id    = %[1]q
  query        = "Robotics startups, batch ${count.index}"
  target_count = 5 + count.index
  behavior     = "append"
}

resource "exa_webset_enrichment" "e" {
  webset_id   = %[1]q
  description = "CEO name"
  format      = "text"
}
`, ws)
	rec := &diagRecorder{}
	var steps []resource.TestStep
	for range 10 {
		steps = append(steps, resource.TestStep{Config: cfg, PlanOnly: true, ExpectNonEmptyPlan: true})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: env.recordingFactories(rec), Steps: steps})
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var figures []string
	for _, d := range rec.diags {
		if d.Summary == warnEnrichmentNew {
			figures = append(figures, d.Detail)
		}
	}
	if len(figures) < 10 {
		t.Fatalf("%d enrichment warnings over 10 plans:%s", len(figures), rec.text())
	}
	for _, f := range figures {
		if f != figures[0] || !strings.Contains(f, "about 7 results for the items it holds now") {
			t.Fatalf("the enrichment's figure moved between plans of one configuration:\n%s\n---\n%s", figures[0], f)
		}
	}
}

// searchOfTarget is one search in the webset ws that asks for n results.
func (e *testEnv) searchOfTarget(ws string, n int) string {
	return e.config(`
resource "exa_webset_search" "s" {
  webset_id    = %q
  query        = "Seed-stage robotics startups in Europe"
  target_count = %d
}
`, ws, n)
}

// A replacement counts once: Terraform plans it twice (against the prior
// state, then as a create), and only the create counts. 60 replaced by 120
// under a cap of 150 applies; counted twice (240) it would be refused.
func TestAccCost_replacementCountsOnce(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	env.settings = "  max_planned_results = 150"
	search := func(n int) string { return env.searchOfTarget(ws, n) }
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: search(60)},
			{
				Config: search(120),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(searchAddr, plancheck.ResourceActionReplace)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCount("POST", "/v0/websets/*/searches", 2),
				},
			},
		},
	})
}

// A replacement counts in full: a search whose target_count grows past the
// cap is refused, although the search exists already.
func TestAccCost_replacementCountsInFull(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	env.settings = "  max_planned_results = 100"
	search := func(n int) string { return env.searchOfTarget(ws, n) }
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: search(60)},
			{
				Config:      search(120),
				ExpectError: inOrder("asks Exa for 120 results, over max_planned_results = 100", `exa_webset_search "Seed-stage robotics startups in Europe" in webset `+ws+": 120"),
			},
			{
				// Still the one search: the refused plan sent nothing.
				Config: search(60),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if n := env.countMethod("POST"); n != 1 {
						return fmt.Errorf("want the first create only, got %d POSTs:\n%s", n, env.logText(0))
					}
					return nil
				},
			},
		},
	})
}

// The apply walk plans each change again. There, after a search was made,
// its webset's items include the results it started, which count already as
// planned: the cap must not refuse the enrichment planned after it (here
// in order, through depends_on), or the apply would stop half done.
func TestAccCost_applyWalkDoesNotCountTwice(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("")
	// 10 for the search, and 0 + 10 for the enrichment.
	env.settings = "  max_planned_results = 20"
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "exa_webset_search" "s" {
  webset_id    = %[1]q
  query        = "Seed-stage robotics startups in Europe"
  target_count = 10
}

resource "exa_webset_enrichment" "e" {
  webset_id   = %[1]q
  description = "CEO name"
  format      = "text"
  depends_on  = [exa_webset_search.s]
}
`, ws),
			ConfigStateChecks: []statecheck.StateCheck{
				env.expectCount("POST", "/v0/websets/*/enrichments", 1),
			},
		}},
	})
}

// A monitor counts one run, and warns what it runs a month: about 30 times
// for a daily cadence and 4 for a weekly one. Hourly cadences are refused
// at validate (TestAccMonitor_validation), as Exa runs monitors at most
// daily.
func TestAccCost_monitorWarnsRunsAMonth(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	env.settings = "  max_planned_results = 25"
	monitor := func(name, cron string, count int) string {
		return fmt.Sprintf(`
resource "exa_monitor" %q {
  webset_id = %q
  cadence   = { cron = %q }
  behavior  = { config = { query = "New robotics startups", target_count = %d } }
}
`, name, ws, cron, count)
	}
	rec := &diagRecorder{}
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.recordingFactories(rec),
		Steps: []resource.TestStep{
			{
				Config: env.providerBlock() + monitor("daily", "0 9 * * *", 10) + monitor("weekly", "0 9 * * 1", 10),
				Check: resource.ComposeAggregateTestCheckFunc(
					rec.expectWarning(warnMonitorRuns, `"0 9 * * *" (Etc/UTC), about 30 times a month`, "up to 10 results: up to 300 results a month"),
					rec.expectWarning(warnMonitorRuns, `"0 9 * * 1" (Etc/UTC), about 4 times a month`, "up to 40 results a month"),
				),
			},
			{
				// Only new monitors count: a third one of 30 goes over 25.
				Config:      env.providerBlock() + monitor("daily", "0 9 * * *", 10) + monitor("weekly", "0 9 * * 1", 10) + monitor("third", "0 8 * * *", 30),
				ExpectError: inOrder("asks Exa for 30 results, over max_planned_results = 25", `exa_monitor (0 8 * * *) on webset `+ws+", one run: 30"),
			},
		},
	})
}

// A monitor whose criteria are unknown until apply (here, until its new
// webset exists) still counts its run: target_count is known, and the cap
// refuses the plan.
func TestAccCost_monitorWithUnknownCriteriaCounts(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	env.settings = "  max_planned_results = 25"
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "exa_webset" "w" {}

resource "exa_monitor" "m" {
  webset_id = exa_webset.w.id
  cadence   = { cron = "0 9 * * *" }
  behavior = { config = {
    query        = "New robotics startups"
    criteria     = exa_webset.w.id != "" ? [{ description = "Raised a seed round" }] : null
    target_count = 30
  } }
}
`),
			ExpectError: inOrder("with exa_monitor.m", "asks Exa for 30 results, over max_planned_results = 25"),
		}},
		CheckDestroy: func(*terraform.State) error {
			if n := env.countMethod("POST"); n != 0 {
				return fmt.Errorf("the refused plan sent %d POSTs", n)
			}
			return nil
		},
	})
}

// Re-enabling a monitor counts one run; disabling it counts nothing.
func TestAccCost_reenabledMonitorCounts(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	env.settings = "  max_planned_results = 5"
	monitor := func(enabled bool) string {
		return env.config(`
resource "exa_monitor" "m" {
  webset_id = %q
  cadence   = { cron = "0 9 * * *" }
  behavior  = { config = { query = "New robotics startups", target_count = 10 } }
  enabled   = %t
}
`, ws, enabled)
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: monitor(false)},
			{
				Config:      monitor(true),
				ExpectError: inOrder("with exa_monitor.m", "asks Exa for 10 results, over max_planned_results = 5"),
			},
		},
	})
}

// A new enrichment of a webset whose search still runs counts what that
// search may still find, its target_count, not what it has found so far:
// 30 for a search of 30 that has found nothing yet.
func TestAccCost_enrichmentCountsARunningSearchInFull(t *testing.T) {
	env := newTestEnv(t, examock.Options{}) // searches run until canceled
	ws := env.mock.CreateWebset("")
	env.createSearchOutOfBand(ws, `{"query":"Robotics startups","count":30}`)
	enrichment := func(limit int) string {
		env.settings = fmt.Sprintf("  max_planned_results = %d", limit)
		return env.config(`
resource "exa_webset_enrichment" "e" {
  webset_id   = %q
  description = "CEO name"
  format      = "text"
}
`, ws)
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      enrichment(29),
				ExpectError: inOrder("asks Exa for 30 results, over max_planned_results = 29"),
			},
			{Config: enrichment(30)},
		},
	})
}

// An in-place change of a monitor that stays enabled starts no new run: it
// counts nothing, even under a cap below one run.
func TestAccCost_inPlaceChangeOfAnEnabledMonitorCountsNothing(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	monitor := func(limit int, purpose string) string {
		env.settings = fmt.Sprintf("  max_planned_results = %d", limit)
		return env.config(`
resource "exa_monitor" "m" {
  webset_id = %q
  cadence   = { cron = "0 9 * * *" }
  behavior  = { config = { query = "New robotics startups", target_count = 10 } }
  metadata  = { purpose = %q }
}
`, ws, purpose)
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: monitor(10, "first")},
			{
				Config: monitor(5, "second"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(monitorAddr, plancheck.ResourceActionUpdate)},
				},
			},
		},
	})
}

// Replacing a webset warns what it cascades to, naming its searches.
func TestAccCost_websetReplacementNamesItsSearches(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	cfg := func(externalID string) string {
		return env.config(`
resource "exa_webset" "w" {
  external_id = %q
}

resource "exa_webset_search" "s" {
  count        = 2
  webset_id    = exa_webset.w.id
  query        = "Robotics startups, batch ${count.index}"
  target_count = 5
  behavior     = "append"
}
`, externalID)
	}
	rec := &diagRecorder{}
	var ids []string
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.recordingFactories(rec),
		Steps: []resource.TestStep{
			{
				Config: cfg("robotics-v1"),
				Check: func(s *terraform.State) error {
					for _, addr := range []string{"exa_webset_search.s.0", "exa_webset_search.s.1"} {
						ids = append(ids, s.RootModule().Resources[addr].Primary.ID)
					}
					return nil
				},
			},
			{
				Config: cfg("robotics-v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(websetAddr, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectResourceAction("exa_webset_search.s[0]", plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				Check: func(s *terraform.State) error {
					return rec.expectWarning(warnWebsetReplaced, "because external_id changed", "2 searches", ids[0], ids[1], "Exa bills their work again")(s)
				},
			},
		},
	})
}

// A webset deleted outside Terraform: the refresh warns, naming it, that
// the next apply creates it again and bills its work again.
func TestAccCost_websetDeletedOutsideWarns(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	rec := &diagRecorder{}
	var id string
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.recordingFactories(rec),
		Steps: []resource.TestStep{
			{
				Config: env.webset(`  external_id = "robotics"`),
				Check: resource.TestCheckResourceAttrWith(websetAddr, "id", func(v string) error {
					id = v
					return nil
				}),
			},
			{
				PreConfig: func() {
					if err := env.mock.DeleteWebset(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.webset(`  external_id = "robotics"`),
				Check: func(s *terraform.State) error {
					return rec.expectWarning("Exa webset not found", "The webset "+id+" no longer exists", "next apply creates it again", "Exa bills their work again")(s)
				},
			},
		},
	})
}

// deletion_protection: destroy and replacement fail at plan time with no
// DELETE; after false is applied, destroy works.
func TestAccCost_deletionProtection(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	cfg := func(externalID string, protect bool) string {
		return env.webset(fmt.Sprintf("  external_id         = %q\n  deletion_protection = %t", externalID, protect))
	}
	noDelete := func() {
		if n := env.countMethod("DELETE"); n != 0 {
			t.Errorf("a protected webset got %d DELETEs:\n%s", n, env.logText(0))
		}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg("robotics", true),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("deletion_protection"), knownvalue.Bool(true)),
				},
			},
			{
				Config:      cfg("robotics", true),
				Destroy:     true,
				ExpectError: inOrder("protected from deletion", "set deletion_protection = false, run apply, then destroy"),
			},
			{
				PreConfig:   noDelete,
				Config:      cfg("robotics-v2", true),
				ExpectError: inOrder("protected from deletion", "Changing external_id replaces the webset"),
			},
			{
				// Turning protection off in the same change does not let the
				// replacement through: the guard reads state, not the plan.
				PreConfig:   noDelete,
				Config:      cfg("robotics-v2", false),
				ExpectError: inOrder("protected from deletion", "Changing external_id replaces the webset"),
			},
			{
				PreConfig: noDelete,
				Config:    cfg("robotics", false),
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCount("POST", "/v0/websets", 1),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if n := env.mock.Count("DELETE", "/v0/websets/*"); n != 1 {
				return fmt.Errorf("want one DELETE once unprotected, got %d", n)
			}
			return nil
		},
	})
}

// The total is a function of the entries alone: every order of the same
// entries gives the same total and the same over-cap error.
func TestCostLedger_orderIndependent(t *testing.T) {
	entries := []costEntry{
		{kind: costSearch, webset: "ws_a", label: "search a1", results: 10},
		{kind: costEnrichment, webset: "ws_a", label: "enrichment a", results: 7},
		{kind: costSearch, webset: "ws_a", label: "search a2", results: 20},
		{kind: costSearch, webset: "ws_b", label: "search b", results: 5},
		{kind: costMonitor, webset: "ws_b", label: "monitor b", results: 3},
		{kind: costEnrichment, webset: "", label: "enrichment new", results: 0},
		{kind: costSearch, webset: "", label: "search new", results: 4},
	}
	// 10+20+5+3+4 searches and monitors, 7+30 and 0+4 for the enrichments.
	const want = 83
	var first string
	permute(entries, func(order []costEntry) {
		l := newCostLedger(want-1, nil)
		var last diag.Diagnostics
		for _, e := range order {
			var d diag.Diagnostics
			l.add(e, path.Root("x"), &d)
			if d.HasError() {
				last = d
			}
		}
		if last == nil {
			t.Fatalf("order %v: never over the cap of %d", order, want-1)
		}
		detail := last[0].Detail()
		if !strings.Contains(detail, fmt.Sprintf("asks Exa for %d results", want)) {
			t.Fatalf("order %v: last error %q", order, detail)
		}
		if first == "" {
			first = detail
		} else if detail != first {
			t.Fatalf("the error depends on the order:\n%s\n---\n%s", first, detail)
		}
		// Once the process has written (an apply walk), nothing is refused.
		l = newCostLedger(0, nil)
		l.wrote = func() bool { return true }
		for _, e := range order {
			var d diag.Diagnostics
			if l.add(e, path.Root("x"), &d); d.HasError() {
				t.Fatalf("refused after a write: %v", d)
			}
		}
		// At the cap, no order fails.
		l = newCostLedger(want, nil)
		for _, e := range order {
			var d diag.Diagnostics
			if l.add(e, path.Root("x"), &d); d.HasError() {
				t.Fatalf("order %v: failed at the cap: %v", order, d)
			}
		}
	})
}

// inOrder matches CLI output that holds each phrase, in order, wherever
// Terraform wrapped its lines.
func inOrder(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		words := strings.Fields(p)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		parts[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}

func permute(in []costEntry, visit func([]costEntry)) {
	var rec func(int)
	rec = func(k int) {
		if k == len(in) {
			visit(in)
			return
		}
		for i := k; i < len(in); i++ {
			in[k], in[i] = in[i], in[k]
			rec(k + 1)
			in[k], in[i] = in[i], in[k]
		}
	}
	rec(0)
}

func TestMaxPlannedResults(t *testing.T) {
	for _, c := range []struct {
		block int64
		set   bool
		env   string
		want  int64
		ok    bool
	}{
		{env: "", want: -1, ok: true},
		{env: "500", want: 500, ok: true},
		{env: " 0 ", want: 0, ok: true},
		{env: "-1", ok: false},
		{env: "lots", ok: false},
		{block: 7, set: true, env: "500", want: 7, ok: true},
	} {
		v := types.Int64Null()
		if c.set {
			v = types.Int64Value(c.block)
		}
		got, ok := maxPlannedResults(v, c.env)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("maxPlannedResults(%v, %q) = %d, %t; want %d, %t", v, c.env, got, ok, c.want, c.ok)
		}
	}
}
