package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// limit = 0 is refused at validate, as the data source refuses it, before
// any request. (The ephemeral resource's schema is the data source's:
// its validators must come along.)
func TestAccWebsetItemsEphemeral_limitZeroIsRefused(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	for kind, block := range map[string]string{"ephemeral resource": "ephemeral", "data source": "data"} {
		t.Run(kind, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
				Steps: []resource.TestStep{{
					Config: env.config(fmt.Sprintf(`
%s "exa_webset_items" "x" {
  webset_id = %%q
  limit     = 0
}
`, block), ws),
					ExpectError: inOrder("limit value must be at least 1"),
				}},
			})
		})
	}
	if n := len(env.mock.Requests()); n != 0 {
		t.Errorf("a refused limit sent %d requests", n)
	}
}

// The ephemeral resource's wait is bounded by its own timeouts.open, and
// says what still runs when it runs out.
func TestAccWebsetItemsEphemeral_waitForIdleBoundedByTimeoutsOpen(t *testing.T) {
	env := newTestEnv(t, examock.Options{}) // searches never finish
	ws := env.mock.CreateWebset("")
	search := env.createSearchOutOfBand(ws, `{"query":"Robotics startups","count":3}`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		Steps: []resource.TestStep{{
			Config: env.config(`
ephemeral "exa_webset_items" "x" {
  webset_id     = %q
  wait_for_idle = true
  timeouts      = { open = "1s" }
}
`, ws),
			ExpectError: inOrder("did not go idle in time", "is still running after 1s: search "+search),
		}},
	})
}
