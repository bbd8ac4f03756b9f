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

// warnThrottled is the summary of the warning that ends every operation
// that Exa throttled.
const warnThrottled = "Exa throttled this run's requests"

// A key shared with other runs: the mock allows it 2 requests a second,
// and the provider starts at 10. The apply finishes, makes each search
// exactly once, and warns, once per operation, that it was throttled and
// why; destroy (which cancels each search) finishes too.
func TestAccThrottling_sharedKeyApplyFinishesAndWarns(t *testing.T) {
	env := newTestEnv(t, examock.Options{RateLimit: 2}) // the zero Lifecycle keeps searches running
	ws := env.mock.CreateWebset("")
	env.settings = "  requests_per_second = 10"
	rec := &diagRecorder{}
	const n = 6
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.recordingFactories(rec),
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "exa_webset_search" "s" {
  count        = %d
  webset_id    = %q
  query        = "Shared key search ${count.index}"
  target_count = 1
}
`, n, ws),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(fmt.Sprintf("exa_webset_search.s[%d]", n-1), tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^search_`))),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				func(*terraform.State) error {
					made, throttled := 0, 0
					for _, r := range env.mock.Find("POST", "/v0/websets/*/searches") {
						switch r.Status {
						case 201, 200:
							made++
						case 429:
							throttled++
						}
					}
					if made != n || len(env.mock.SearchIDs()) != n {
						return fmt.Errorf("want %d searches made, once each; %d creates went through and the mock holds %v", n, made, env.mock.SearchIDs())
					}
					if throttled == 0 {
						return fmt.Errorf("the mock answered no create 429: the test does not throttle")
					}
					return nil
				},
				rec.expectWarning(warnThrottled, "429 Too Many Requests", "nothing failed", "may be sharing this API key", "requests_per_second"),
			),
		}},
		CheckDestroy: func(*terraform.State) error {
			if n := env.mock.Count("POST", "/v0/websets/*/searches/*/cancel"); n < 6 {
				return fmt.Errorf("destroy sent %d cancels, want one per search at least", n)
			}
			return nil
		},
	})
}
