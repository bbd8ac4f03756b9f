package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// A search read by its webset and ID: what Exa chose (entity, criteria) and
// its progress; a search that is not there names itself and its webset.
func TestAccWebsetSearchDataSource_readsASearch(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	search, err := env.mock.CreateCompletedSearch(ws, "Robotics startups in Europe", 2)
	if err != nil {
		t.Fatal(err)
	}
	const addr = "data.exa_webset_search.s"
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config(`
data "exa_webset_search" "s" {
  webset_id = %q
  id        = %q
}`, ws, search),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("query"), knownvalue.StringExact("Robotics startups in Europe")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("completed")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("behavior"), knownvalue.StringExact("override")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("entity").AtMapKey("type"), knownvalue.StringExact("company")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("criteria"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("progress").AtMapKey("found"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("target_count"), knownvalue.Int64Exact(2)),
				},
			},
			{
				Config: env.config(`
data "exa_webset_search" "s" {
  webset_id = %q
  id        = "search_nope"
}`, ws),
				ExpectError: inOrder("Could not read the Exa search", "no search search_nope in webset "+ws),
			},
		},
	})
}
