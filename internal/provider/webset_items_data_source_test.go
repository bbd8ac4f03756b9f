package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// Each evaluation carries its references, and each enrichment result its
// reasoning and references: what explains why an item matched.
func TestAccWebsetItems_referencesAndReasoning(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("")
	env.createSearchOutOfBand(ws, `{"query":"Robotics startups","count":2}`)
	const items = "data.exa_webset_items.i"
	first := tfjsonpath.New("items").AtSliceIndex(0)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "exa_webset_enrichment" "ceo" {
  webset_id   = %q
  description = "Name of the CEO"
  format      = "text"
}

data "exa_webset_items" "i" {
  webset_id  = %q
  depends_on = [exa_webset_enrichment.ceo]
}`, ws, ws),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(items, first.AtMapKey("evaluations").AtSliceIndex(0).AtMapKey("references").AtSliceIndex(0).AtMapKey("url"),
					knownvalue.StringRegexp(regexp.MustCompile(`^https://example\.com/`))),
				statecheck.ExpectKnownValue(items, first.AtMapKey("evaluations").AtSliceIndex(0).AtMapKey("references").AtSliceIndex(0).AtMapKey("snippet"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(items, first.AtMapKey("enrichments").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("completed")),
				statecheck.ExpectKnownValue(items, first.AtMapKey("enrichments").AtSliceIndex(0).AtMapKey("reasoning"), knownvalue.StringRegexp(regexp.MustCompile(`^Found on https://`))),
				statecheck.ExpectKnownValue(items, first.AtMapKey("enrichments").AtSliceIndex(0).AtMapKey("references"), knownvalue.ListSizeExact(1)),
			},
		}},
	})
}
