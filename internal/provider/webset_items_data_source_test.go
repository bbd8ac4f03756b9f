package provider

import (
	"fmt"
	"os"
	"path/filepath"
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

// wait_for_idle: the items are read once the webset is idle, so they carry
// the enrichment's results, completed, in the same apply.
func TestAccWebsetItems_waitForIdleReadsEnrichedItems(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	const items = "data.exa_webset_items.i"
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "exa_webset" "w" {}

resource "exa_webset_search" "s" {
  webset_id    = exa_webset.w.id
  query        = "Robotics startups"
  target_count = 3
  metadata     = { "examock.lifecycle" = "reads:3" }
}

resource "exa_webset_enrichment" "ceo" {
  webset_id   = exa_webset.w.id
  description = "Name of the CEO"
  format      = "text"
  metadata    = { "examock.lifecycle" = "reads:4" }
}

data "exa_webset_items" "i" {
  webset_id     = exa_webset.w.id
  wait_for_idle = true
  depends_on    = [exa_webset_search.s, exa_webset_enrichment.ceo]
}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(items, tfjsonpath.New("items"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue(items, tfjsonpath.New("items").AtSliceIndex(2).AtMapKey("enrichments").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("completed")),
				statecheck.ExpectKnownValue(items, tfjsonpath.New("items").AtSliceIndex(2).AtMapKey("enrichments").AtSliceIndex(0).AtMapKey("result"), knownvalue.ListSizeExact(1)),
			},
		}},
	})
}

// When timeouts.read runs out, the read fails and says what is still
// running: the search, with its progress. The deprecated timeout still
// bounds the wait, and timeouts.read wins over it.
func TestAccWebsetItems_waitForIdleTimeoutNamesWhatRuns(t *testing.T) {
	env := newTestEnv(t, examock.Options{}) // searches never finish
	ws := env.mock.CreateWebset("")
	search := env.createSearchOutOfBand(ws, `{"query":"Robotics startups","count":3}`)
	step := func(bound, took string) resource.TestStep {
		return resource.TestStep{
			Config: env.config(`
data "exa_webset_items" "i" {
  webset_id     = %q
  wait_for_idle = true
  %s
}`, ws, bound),
			ExpectError: inOrder("did not go idle in time", "is still running after "+took+": search "+search+" (running,", "Raise timeouts"),
		}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			step(`timeouts = { read = "1s" }`, "1s"),
			step(`timeout = "1s"`, "1s"),
			step("timeout = \"1h\"\n  timeouts = { read = \"2s\" }", "2s"),
		},
	})
}

// An item's page content stays out of state unless include_content = true.
func TestAccWebsetItems_contentOnlyWhenAsked(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("")
	env.createSearchOutOfBand(ws, `{"query":"Robotics startups","count":1,"entity":{"type":"company"}}`)
	items := func(include string) string {
		return env.config(`
data "exa_webset_items" "i" {
  webset_id = %q
%s
}`, ws, include)
	}
	property := tfjsonpath.New("items").AtSliceIndex(0).AtMapKey("properties")
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: items(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.exa_webset_items.i", property, knownvalue.StringRegexp(regexp.MustCompile(`^\{"company":\{.*"url":"https://example\.com/company/1"\}$`))),
				},
				Check: func(s *terraform.State) error {
					if props := s.RootModule().Resources["data.exa_webset_items.i"].Primary.Attributes["items.0.properties"]; strings.Contains(props, "jane.doe") || strings.Contains(props, `"content"`) {
						return fmt.Errorf("the page content reached state without include_content: %s", props)
					}
					return nil
				},
			},
			{
				Config: items("  include_content = true"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.exa_webset_items.i", property, knownvalue.StringRegexp(regexp.MustCompile(`"content":"Example company 1 builds warehouse robots.*jane\.doe@company-1\.example\."`))),
				},
			},
		},
	})
}

// The ephemeral exa_webset_items reads the items, page content included,
// for a use that stores nothing: here another provider configuration's
// priority. After plan -out and apply, neither the state nor the saved
// plan holds any item's text, while the webset created through that
// provider shows that the items were read (priority high: two items).
func TestAccWebsetItems_ephemeralStaysOutOfStateAndPlan(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	cli := newCLIRun(t, env, "ephemeral resources need Terraform 1.10 or OpenTofu 1.11")
	ws := env.mock.CreateWebset("")
	env.createSearchOutOfBand(ws, `{"query":"Robotics startups","count":2,"entity":{"type":"company"}}`)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(fmt.Sprintf(`terraform {
  required_providers {
    exa = { source = "exa-community/exa" }
  }
}

ephemeral "exa_webset_items" "crm" {
  webset_id       = %q
  include_content = true
}

provider "exa" {
  alias    = "prioritized"
  priority = length(ephemeral.exa_webset_items.crm.items) == 2 ? "high" : "low"
}

resource "exa_webset" "w" {
  provider    = exa.prioritized
  external_id = "from-ephemeral-items"
}
`, ws)), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, code := cli.run(dir, "plan", "-out=tfplan", "-input=false"); code != 0 {
		t.Fatalf("plan: exit %d\n%s", code, out)
	}
	if out, code := cli.run(dir, "apply", "-input=false", "tfplan"); code != 0 {
		t.Fatalf("apply: exit %d\n%s", code, out)
	}
	if creates := env.mock.Find("POST", "/v0/websets"); len(creates) != 1 || creates[0].Priority != "high" {
		t.Fatalf("the webset was not created with the priority the two items give: %+v", creates)
	}
	state, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	plan, code := cli.run(dir, "show", "-json", "tfplan")
	if code != 0 {
		t.Fatalf("show -json tfplan: exit %d\n%s", code, plan)
	}
	for name, text := range map[string]string{"state": string(state), "saved plan": plan} {
		for _, item := range []string{"Example company", "example.com/company", "jane.doe", "warehouse robots"} {
			if strings.Contains(text, item) {
				t.Errorf("the %s holds item text %q", name, item)
			}
		}
	}
	if out, code := cli.run(dir, "destroy", "-auto-approve", "-input=false"); code != 0 {
		t.Fatalf("destroy: exit %d\n%s", code, out)
	}
}
