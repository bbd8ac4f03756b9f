package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// The filters reach the API as its query parameters, limit stops early,
// and each event carries its object as JSON.
func TestAccEventsDataSource_filtersAndLimit(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("")
	for i := range 3 {
		env.createSearchOutOfBand(ws, fmt.Sprintf(`{"query":"search %d","count":1}`, i))
	}
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			PreConfig: env.markRequests(&mark),
			Config: env.config(`
data "exa_events" "done" {
  types         = ["webset.search.completed"]
  created_after = "2020-01-01T00:00:00Z"
  limit         = 2
}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.exa_events.done", tfjsonpath.New("events"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.exa_events.done", tfjsonpath.New("events").AtSliceIndex(0).AtMapKey("type"), knownvalue.StringExact("webset.search.completed")),
				statecheck.ExpectKnownValue("data.exa_events.done", tfjsonpath.New("events").AtSliceIndex(0).AtMapKey("data"), knownvalue.StringRegexp(regexp.MustCompile(`"query":"search 0"`))),
			},
			Check: func(*terraform.State) error {
				r := env.mock.Requests()[mark]
				if r.Path != "/websets/v0/events" || r.Query != "createdAfter=2020-01-01T00%3A00%3A00Z&limit=2&types=webset.search.completed" {
					return fmt.Errorf("want one filtered request, got:\n%s", env.logText(mark))
				}
				return nil
			},
		}},
	})
}

func TestAccEventsDataSource_badFiltersRefusedBeforeAnyCall(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	var steps []resource.TestStep
	for _, c := range []struct{ attrs, want string }{
		{`types = ["webset.exploded"]`, `value must be one of`},
		{`created_after = "yesterday"`, `must be an RFC 3339 date-time`},
		{`limit = 0`, `limit value must be at least 1`},
	} {
		steps = append(steps, resource.TestStep{
			Config:      env.config(`data "exa_events" "x" { %s }`, c.attrs),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	env.test(resource.TestCase{Steps: steps})
	if n := len(env.mock.Requests()); n != 0 {
		t.Errorf("%d requests", n)
	}
}
