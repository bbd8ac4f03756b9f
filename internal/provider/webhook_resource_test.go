package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

const webhookAddr = "exa_webhook.h"

func (e *testEnv) webhook(url, events, extra string) string {
	return e.config(`
resource "exa_webhook" "h" {
  url    = %q
  events = %s
%s
}
`, url, events, extra)
}

func TestAccWebhook_lifecycle(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	var id, secret string
	sameID := statecheck.CompareValue(compare.ValuesSame())
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.webhook("https://hooks.example.com/exa", `["webset.search.completed", "webset.search.created"]`, `  metadata = { team = "growth" }`),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrWith(webhookAddr, "id", func(v string) error { id = v; return nil }),
					resource.TestCheckResourceAttrWith(webhookAddr, "secret", func(v string) error {
						secret = v
						if v == "" {
							return fmt.Errorf("no secret after create")
						}
						return nil
					}),
					func(*terraform.State) error {
						posts := env.mock.Find("POST", "/v0/webhooks")
						if len(posts) != 1 {
							return fmt.Errorf("want 1 create, got %d", len(posts))
						}
						// A set has no order: compare the body as a value.
						got, want := posts[0].Body, `{"url":"https://hooks.example.com/exa","events":["webset.search.completed","webset.search.created"],"metadata":{"team":"growth"}}`
						if jsonEqual(got, want) != nil {
							return jsonEqual(got, `{"url":"https://hooks.example.com/exa","events":["webset.search.created","webset.search.completed"],"metadata":{"team":"growth"}}`)
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(webhookAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("events"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("webset.search.created"), knownvalue.StringExact("webset.search.completed"),
					})),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				PreConfig: env.markRequests(&mark),
				// url, events and metadata change in place, with one PATCH; the
				// secret, returned only at create, is kept.
				Config: env.webhook("https://hooks.example.com/exa-v2", `["webset.search.completed"]`, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						return jsonEqual(env.mock.Find("PATCH", "/v0/webhooks/*")[0].Body,
							`{"url":"https://hooks.example.com/exa-v2","events":["webset.search.completed"],"metadata":{}}`)
					},
					resource.TestCheckResourceAttrWith(webhookAddr, "secret", func(v string) error {
						if v != secret {
							return fmt.Errorf("secret lost: %q", v)
						}
						return nil
					}),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(&mark, "PATCH", "/v0/webhooks/*", 1),
					sameID.AddStateValue(webhookAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("metadata"), knownvalue.Null()),
				},
			},
			{
				ResourceName:            webhookAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"secret"}, // Exa returns it at create only
			},
			{
				PreConfig: func() {
					if err := env.mock.DeleteWebhook(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.webhook("https://hooks.example.com/exa-v2", `["webset.search.completed"]`, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if ids := env.mock.WebhookIDs(); len(ids) != 0 {
				return fmt.Errorf("webhooks left: %v", ids)
			}
			return nil
		},
	})
}

func TestAccWebhook_validation(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	var steps []resource.TestStep
	for _, c := range []struct{ url, events, want string }{
		{"http://hooks.example.com", `["webset.created"]`, `Attribute url must be an absolute https URL`},
		{"hooks.example.com", `["webset.created"]`, `Attribute url must be an absolute https URL`},
		{"https://hooks.example.com", `[]`, `Attribute events set must contain at least 1 elements`},
		{"https://hooks.example.com", `["webset.exploded"]`, `Attribute events\[Value\("webset.exploded"\)\] value must be one of`},
	} {
		steps = append(steps, resource.TestStep{Config: env.webhook(c.url, c.events, ""), ExpectError: regexp.MustCompile(c.want)})
	}
	env.test(resource.TestCase{Steps: steps})
	if n := env.mock.APICount(); n != 0 {
		t.Errorf("%d API calls for invalid webhooks", n)
	}
}
