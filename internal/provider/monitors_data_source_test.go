package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// webset_id filters at the API: one request with websetId, and only that
// webset's monitors come back.
func TestAccMonitorsDataSource_filtersByWebset(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	c, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	a, b := env.mock.CreateWebset("a"), env.mock.CreateWebset("b")
	for _, ws := range []string{a, b, a} {
		if _, err := c.CreateMonitor(context.Background(), &exa.CreateMonitorRequest{WebsetID: ws, Cadence: exa.MonitorCadence{Cron: "0 9 * * 1"},
			Behavior: exa.MonitorBehavior{Type: "search", Config: exa.MonitorSearchConfig{Count: 1}}}); err != nil {
			t.Fatal(err)
		}
	}
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			PreConfig: env.markRequests(&mark),
			Config:    env.config(`data "exa_monitors" "a" { webset_id = %q }`, a),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.exa_monitors.a", tfjsonpath.New("monitors"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.exa_monitors.a", tfjsonpath.New("monitors").AtSliceIndex(1).AtMapKey("webset_id"), knownvalue.StringExact(a)),
				statecheck.ExpectKnownValue("data.exa_monitors.a", tfjsonpath.New("monitors").AtSliceIndex(0).AtMapKey("cron"), knownvalue.StringExact("0 9 * * 1")),
			},
			Check: func(*terraform.State) error {
				r := env.mock.Requests()[mark]
				if r.Path != "/websets/v0/monitors" || r.Query != "limit=200&websetId="+a {
					return fmt.Errorf("want one filtered list, got:\n%s", env.logText(mark))
				}
				return nil
			},
		}},
	})
}
