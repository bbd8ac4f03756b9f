package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// 105 websets are two pages of 100: both are read, in the API's order.
func TestAccWebsetsDataSource_followsTheCursorInOrder(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	var first, last string
	for i := range 105 {
		id := env.mock.CreateWebset(fmt.Sprintf("ws-%03d", i))
		if i == 0 {
			first = id
		}
		last = id
	}
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			PreConfig: env.markRequests(&mark),
			Config:    env.config(`data "exa_websets" "all" {}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.exa_websets.all", tfjsonpath.New("websets"), knownvalue.ListSizeExact(105)),
				statecheck.ExpectKnownValue("data.exa_websets.all", tfjsonpath.New("websets").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact(first)),
				statecheck.ExpectKnownValue("data.exa_websets.all", tfjsonpath.New("websets").AtSliceIndex(104).AtMapKey("id"), knownvalue.StringExact(last)),
				statecheck.ExpectKnownValue("data.exa_websets.all", tfjsonpath.New("websets").AtSliceIndex(0).AtMapKey("external_id"), knownvalue.StringExact("ws-000")),
			},
			Check: func(*terraform.State) error {
				reqs := env.mock.Requests()[mark:]
				if len(reqs) < 2 || reqs[0].Query != "limit=100" || reqs[1].Query != "cursor=100&limit=100" {
					return fmt.Errorf("want two pages of 100, got:\n%s", env.logText(mark))
				}
				return nil
			},
		}},
	})
}
