package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

func TestAccWebhooksDataSource_listsWithoutSecrets(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	c, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateWebhook(context.Background(), &exa.WebhookRequest{URL: "https://hooks.example.com/a", Events: []string{"webset.idle", "webset.created"}}); err != nil {
		t.Fatal(err)
	}
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			PreConfig: env.markRequests(&mark),
			Config:    env.config(`data "exa_webhooks" "all" {}`),
			ConfigStateChecks: []statecheck.StateCheck{
				env.expectCalls(&mark, "GET", "/v0/webhooks", 1),
				statecheck.ExpectKnownValue("data.exa_webhooks.all", tfjsonpath.New("webhooks").AtSliceIndex(0).AtMapKey("url"), knownvalue.StringExact("https://hooks.example.com/a")),
				statecheck.ExpectKnownValue("data.exa_webhooks.all", tfjsonpath.New("webhooks").AtSliceIndex(0).AtMapKey("events"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("webset.idle"), knownvalue.StringExact("webset.created")})),
			},
		}},
	})
}
