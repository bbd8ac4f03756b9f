package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// One preview call, with exactly the query and entity in its body and no
// preview items asked for; the criteria and columns land in state, and
// they can feed a search in the same configuration.
func TestAccWebsetPreviewDataSource_readsTheQuery(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			PreConfig: env.markRequests(&mark),
			Config: env.config(`
data "exa_webset_preview" "p" {
  query  = "Fintech startups in Berlin with their CEO email"
  entity = { type = "company" }
}

resource "exa_webset_search" "s" {
  webset_id    = %q
  query        = data.exa_webset_preview.p.query
  target_count = 5
  criteria     = [for c in data.exa_webset_preview.p.criteria : { description = c }]
}`, ws),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.exa_webset_preview.p", tfjsonpath.New("detected_entity").AtMapKey("type"), knownvalue.StringExact("company")),
				statecheck.ExpectKnownValue("data.exa_webset_preview.p", tfjsonpath.New("criteria"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.exa_webset_preview.p", tfjsonpath.New("enrichments").AtSliceIndex(1).AtMapKey("format"), knownvalue.StringExact("email")),
				statecheck.ExpectKnownValue("exa_webset_search.s", tfjsonpath.New("criteria"), knownvalue.ListSizeExact(2)),
			},
			Check: func(*terraform.State) error {
				previews := env.mock.Find("POST", "/v0/websets/preview")
				if len(previews) == 0 || previews[0].Query != "" {
					return fmt.Errorf("want the preview without ?search, got:\n%s", env.logText(mark))
				}
				return jsonEqual(previews[0].Body, `{"search":{"query":"Fintech startups in Berlin with their CEO email","entity":{"type":"company"}}}`)
			},
		}},
	})
}

func TestAccWebsetPreviewDataSource_badInputRefusedBeforeAnyCall(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	var steps []resource.TestStep
	for _, c := range []struct{ attrs, want string }{
		{`query = ""`, `Attribute query UTF-8 character count must be between 1 and 5000, got`},
		{`query = "q"
  entity = { type = "custom" }`, `Missing entity description`},
		{`query = "q"
  entity = { type = "planet" }`, `value must be one of`},
	} {
		steps = append(steps, resource.TestStep{
			Config:      env.config("data \"exa_webset_preview\" \"p\" {\n  %s\n}", c.attrs),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(strings.ReplaceAll(c.want, " ", `\s+`)),
		})
	}
	env.test(resource.TestCase{Steps: steps})
	if n := len(env.mock.Requests()); n != 0 {
		t.Errorf("%d requests", n)
	}
}
