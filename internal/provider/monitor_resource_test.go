package provider

import (
	"fmt"
	"regexp"
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

const monitorAddr = "exa_monitor.m"

func (e *testEnv) monitor(ws, cadence, config, extra string) string {
	return e.config(`
resource "exa_monitor" "m" {
  webset_id = %q
  cadence   = %s
  behavior = {
    config = %s
  }
%s
}
`, ws, cadence, config, extra)
}

func TestAccMonitor_lifecycle(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	var id string
	sameID := statecheck.CompareValue(compare.ValuesSame())
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.monitor(ws, `{ cron = "0 9 * * 1-5" }`,
					`{ query = "New robotics startups", target_count = 10, criteria = [{ description = "founded this year" }] }`,
					`  metadata = { team = "growth" }`),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrWith(monitorAddr, "id", func(v string) error { id = v; return nil }),
					func(*terraform.State) error {
						return jsonEqual(env.mock.Find("POST", "/v0/monitors")[0].Body, fmt.Sprintf(`{"websetId":%q,
							"cadence":{"cron":"0 9 * * 1-5","timezone":"Etc/UTC"},
							"behavior":{"type":"search","config":{"query":"New robotics startups","criteria":[{"description":"founded this year"}],"count":10,"behavior":"append"}},
							"metadata":{"team":"growth"}}`, ws))
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(monitorAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(monitorAddr, tfjsonpath.New("status"), knownvalue.StringExact("enabled")),
					statecheck.ExpectKnownValue(monitorAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(monitorAddr, tfjsonpath.New("next_run_at"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(monitorAddr, tfjsonpath.New("last_run"), knownvalue.Null()),
					statecheck.ExpectKnownValue(monitorAddr, tfjsonpath.New("behavior").AtMapKey("config").AtMapKey("entity"), knownvalue.Null()),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Paused, with a new cadence and search: one PATCH, same monitor.
				PreConfig: func() {
					mark = len(env.mock.Requests())
					if err := env.mock.RunMonitor(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.monitor(ws, `{ cron = "30 6 * * *", timezone = "Europe/Berlin" }`,
					`{ target_count = 5, behavior = "override" }`, `  enabled = false`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(monitorAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						return jsonEqual(env.mock.Find("PATCH", "/v0/monitors/*")[0].Body, `{"status":"disabled",
							"cadence":{"cron":"30 6 * * *","timezone":"Europe/Berlin"},
							"behavior":{"type":"search","config":{"count":5,"behavior":"override"}},"metadata":{}}`)
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(&mark, "PATCH", "/v0/monitors/*", 1),
					sameID.AddStateValue(monitorAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(monitorAddr, tfjsonpath.New("status"), knownvalue.StringExact("disabled")),
					statecheck.ExpectKnownValue(monitorAddr, tfjsonpath.New("next_run_at"), knownvalue.Null()),
					statecheck.ExpectKnownValue(monitorAddr, tfjsonpath.New("last_run").AtMapKey("status"), knownvalue.StringExact("completed")),
					statecheck.ExpectKnownValue(monitorAddr, tfjsonpath.New("last_run").AtMapKey("monitor_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(monitorAddr, tfjsonpath.New("last_run").AtMapKey("updated_at"), knownvalue.NotNull()),
				},
			},
			{
				ResourceName:      monitorAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				Config: env.monitor(ws, `{ cron = "30 6 * * *", timezone = "Europe/Berlin" }`,
					`{ target_count = 5, behavior = "override" }`, `  enabled = false`) + `
data "exa_monitor_runs" "all" {
  monitor_id = exa_monitor.m.id
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.exa_monitor_runs.all", tfjsonpath.New("runs"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.exa_monitor_runs.all", tfjsonpath.New("runs").AtSliceIndex(0).AtMapKey("type"), knownvalue.StringExact("search")),
					statecheck.ExpectKnownValue("data.exa_monitor_runs.all", tfjsonpath.New("runs").AtSliceIndex(0).AtMapKey("monitor_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.exa_monitor_runs.all", tfjsonpath.New("runs").AtSliceIndex(0).AtMapKey("updated_at"), knownvalue.NotNull()),
				},
			},
			{
				PreConfig: func() {
					if err := env.mock.DeleteMonitor(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.monitor(ws, `{ cron = "30 6 * * *", timezone = "Europe/Berlin" }`,
					`{ target_count = 5, behavior = "override" }`, `  enabled = false`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(monitorAddr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(monitorAddr, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if ids := env.mock.MonitorIDs(); len(ids) != 0 {
				return fmt.Errorf("monitors left: %v", ids)
			}
			return nil
		},
	})
}

func TestAccMonitor_validation(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	var steps []resource.TestStep
	for _, c := range []struct{ cadence, config, want string }{
		{`{ cron = "*/5 * * * *" }`, `{ target_count = 1 }`, `fires more than once a day`},
		{`{ cron = "0 9,17 * * *" }`, `{ target_count = 1 }`, `fires more than once a day`},
		{`{ cron = "0 9 * *" }`, `{ target_count = 1 }`, `has 4 fields`},
		{`{ cron = "0 25 * * *" }`, `{ target_count = 1 }`, `hour "25" is not valid \(values 0-23\)`},
		{`{ cron = "0 9 * * 5-1" }`, `{ target_count = 1 }`, `day of week "5-1" is not valid [\s\S]*beginning of range \(5\) beyond end of range \(1\)`},
		{`{ cron = "0 9 31 2 *" }`, `{ target_count = 1 }`, `never fires`},
		{`{ cron = "CRON_TZ=Europe/Berlin 0 9 * * *" }`, `{ target_count = 1 }`, `give the timezone in its own attribute`},
		{`{ cron = "0 9 * * *", timezone = "Mars/Olympus" }`, `{ target_count = 1 }`, `not an IANA timezone name`},
		{`{ cron = "0 9 * * *" }`, `{ target_count = 0 }`, `target_count value must be at least 1`},
		{`{ cron = "0 9 * * *" }`, `{ target_count = 1, query = "x" }`, `query UTF-8 character count must be between 2 and 10000`},
		{`{ cron = "0 9 * * *" }`, `{ target_count = 1, behavior = "merge" }`, `value must be one of`},
		{`{ cron = "0 9 * * *" }`, `{ target_count = 1, entity = { type = "custom" } }`, `Missing entity description`},
	} {
		// Terraform wraps long messages: any space may be a line break.
		want := regexp.MustCompile(strings.ReplaceAll(c.want, " ", `\s+`))
		steps = append(steps, resource.TestStep{Config: env.monitor("webset_x", c.cadence, c.config, ""), ExpectError: want})
	}
	env.test(resource.TestCase{Steps: steps})
	if n := env.mock.APICount(); n != 0 {
		t.Errorf("%d API calls for invalid monitors", n)
	}
}

// A monitor created with enabled = false is made, then paused. When the
// pause fails, the monitor (which Exa made enabled, running and billing) is
// not left behind: it is deleted, or, if that fails too, kept in state and
// tainted, so that the next apply deletes it. Either way, after the next
// apply exactly the one paused monitor that the configuration declares is
// at Exa.
// undoneOrKept is the error of a failed pause: the monitor deleted again
// (kept 0), or kept in state, tainted (kept 1).
func undoneOrKept(kept int) *regexp.Regexp {
	if kept == 0 {
		return inOrder("Could not create the Exa monitor paused", "it was deleted again rather than left running")
	}
	return inOrder("Could not create the Exa monitor paused", "kept in state and marked tainted")
}

func TestAccMonitor_failedPauseLeavesNoOrphan(t *testing.T) {
	for _, c := range []struct {
		name string
		// deleteFault makes the DELETE that undoes the monitor fail, if set.
		deleteFault *examock.Fault
		// kept is how many monitors the failed apply leaves at the mock.
		kept int
	}{
		{name: "deleted at once"},
		{name: "tainted when the delete fails too", deleteFault: &examock.Fault{Method: "DELETE", Path: "/v0/monitors/*", Status: 500, Times: -1}, kept: 1},
		// A 404 to the undoing DELETE means that the monitor is gone: that
		// is the undo done, not a failure that taints.
		{name: "a 404 to the delete is done", deleteFault: &examock.Fault{Method: "DELETE", Path: "/v0/monitors/*", Status: 404, Commit: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			env := newTestEnv(t, examock.Options{})
			ws := env.mock.CreateWebset("")
			cfg := env.monitor(ws, `{ cron = "0 9 * * *" }`, `{ query = "New robotics startups", target_count = 5 }`, "  enabled = false")
			env.test(resource.TestCase{
				Steps: []resource.TestStep{
					{
						PreConfig: func() {
							env.mock.InjectFault(examock.Fault{Method: "PATCH", Path: "/v0/monitors/*", Status: 500, Times: -1})
							if c.deleteFault != nil {
								env.mock.InjectFault(*c.deleteFault)
							}
						},
						Config:      cfg,
						ExpectError: undoneOrKept(c.kept),
					},
					{
						PreConfig: func() {
							if got := env.mock.MonitorIDs(); len(got) != c.kept {
								t.Errorf("after the failed apply: want %d monitors at the mock, got %v", c.kept, got)
							}
							if c.kept == 0 && env.mock.Count("POST", "/v0/monitors") != 1 {
								t.Errorf("want one create before the second apply:\n%s", env.logText(0))
							}
							env.mock.ClearFaults()
						},
						Config: cfg,
						Check: resource.ComposeAggregateTestCheckFunc(
							exactlyTheOneInState(env, monitorAddr, env.mock.MonitorIDs),
							resource.TestCheckResourceAttr(monitorAddr, "status", "disabled"),
						),
					},
				},
			})
		})
	}
}
