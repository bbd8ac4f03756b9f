package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

func TestAccWebhookAttempts_listsDeliveries(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.webhook("https://hooks.example.com/exa", `["webset.created", "webset.search.completed"]`, "")},
			{
				// Events after the webhook exists are delivered to it.
				PreConfig: func() {
					ws := env.mock.CreateWebset("")
					env.createSearchOutOfBand(ws, `{"query":"q","count":1}`)
				},
				Config: env.webhook("https://hooks.example.com/exa", `["webset.created", "webset.search.completed"]`, "") + `
data "exa_webhook_attempts" "all" {
  webhook_id = exa_webhook.h.id
}

data "exa_webhook_attempts" "completed" {
  webhook_id = exa_webhook.h.id
  event_type = "webset.search.completed"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.exa_webhook_attempts.all", tfjsonpath.New("attempts"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.exa_webhook_attempts.all", tfjsonpath.New("attempts").AtSliceIndex(0).AtMapKey("event_type"), knownvalue.StringExact("webset.search.completed")),
					statecheck.ExpectKnownValue("data.exa_webhook_attempts.completed", tfjsonpath.New("attempts"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.exa_webhook_attempts.completed", tfjsonpath.New("attempts").AtSliceIndex(0).AtMapKey("successful"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.exa_webhook_attempts.completed", tfjsonpath.New("attempts").AtSliceIndex(0).AtMapKey("response_status_code"), knownvalue.Int64Exact(200)),
				},
			},
		},
	})
}
