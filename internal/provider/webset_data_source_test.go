package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// A webset read by its external ID, with a summary of its searches, in one
// GET; id and external_id together are refused before any request.
func TestAccWebsetDataSource_byExternalIDWithItsSearches(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("crm-accounts")
	search, err := env.mock.CreateCompletedSearch(ws, "Robotics startups in Europe", 3)
	if err != nil {
		t.Fatal(err)
	}
	const addr = "data.exa_webset.crm"
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			// Refused at validate; the post-test destroy takes the last
			// step's configuration, so this one comes first.
			{
				Config: env.config(`
data "exa_webset" "crm" {
  id          = %q
  external_id = "crm-accounts"
}`, ws),
				PlanOnly:    true,
				ExpectError: inOrder("Invalid Attribute Combination"),
			},
			{
				PreConfig: env.markRequests(&mark),
				Config: env.config(`
data "exa_webset" "crm" {
  external_id = "crm-accounts"
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(&mark, "GET", "/v0/websets/*", 1),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(ws)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("idle")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("searches"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"id":       knownvalue.StringExact(search),
							"query":    knownvalue.StringExact("Robotics startups in Europe"),
							"status":   knownvalue.StringExact("completed"),
							"progress": knownvalue.ObjectPartial(map[string]knownvalue.Check{"found": knownvalue.Int64Exact(3)}),
						}),
					})),
				},
			},
		},
	})
}
