package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// A monitor's runs, newest first, with limit cutting the list: the reads
// are one request each (the runs fit in a page).
func TestAccMonitorRunsDataSource_newestFirstAndLimit(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	monitor := env.monitor(ws, `{ cron = "0 9 * * 1" }`, `{ query = "New robotics startups", target_count = 5 }`, `  enabled = false`)
	var runs []string
	mark := 0
	runsOf := func(limit string) string {
		return monitor + `
data "exa_monitor_runs" "all" {
  monitor_id = exa_monitor.m.id
}

data "exa_monitor_runs" "latest" {
  monitor_id = exa_monitor.m.id
  ` + limit + `
}
`
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			// Refused at validate; the post-test destroy takes the last
			// step's configuration, so this one comes first.
			{
				Config:      runsOf("limit = 0"),
				PlanOnly:    true,
				ExpectError: inOrder("limit value must be at least 1"),
			},
			{Config: monitor},
			{
				PreConfig: func() {
					id := env.mock.MonitorIDs()[0]
					for range 3 {
						if err := env.mock.RunMonitor(id); err != nil {
							t.Fatal(err)
						}
					}
					mark = len(env.mock.Requests())
				},
				Config: runsOf("limit = 1"),
				Check: func(s *terraform.State) error {
					all := s.RootModule().Resources["data.exa_monitor_runs.all"].Primary.Attributes
					runs = []string{all["runs.0.id"], all["runs.1.id"], all["runs.2.id"]}
					if latest := s.RootModule().Resources["data.exa_monitor_runs.latest"].Primary.Attributes["runs.0.id"]; latest != runs[0] {
						t.Errorf("limit = 1 read %q, not the newest run %q", latest, runs[0])
					}
					return nil
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(&mark, "GET", "/v0/monitors/*/runs", 2),
					statecheck.ExpectKnownValue("data.exa_monitor_runs.all", tfjsonpath.New("runs"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownValue("data.exa_monitor_runs.latest", tfjsonpath.New("runs"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.exa_monitor_runs.all", tfjsonpath.New("runs").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("completed")),
				},
			},
		},
	})
	// Newest first: the mock numbers its runs in the order they were made.
	if len(runs) == 3 && (runs[0] <= runs[1] || runs[1] <= runs[2]) {
		t.Errorf("runs are not newest first: %v", runs)
	}
}
