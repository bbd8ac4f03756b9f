package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// Every resource's identity after create: searches and enrichments by
// webset_id and id, the others by id, each equal to the state attribute of
// the same name. Then each is imported by an import block that names it by
// identity, with a plan that changes nothing (the import's records its
// file, which no identity names). Resource identity needs
// Terraform 1.12 or later (or OpenTofu 1.12).
func TestAccIdentity_everyResource(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	file := writeCSV(t, accountsCSV)
	cfg := env.config(`
resource "exa_webset" "w" {}

resource "exa_webset_search" "s" {
  webset_id    = exa_webset.w.id
  query        = "Seed-stage robotics startups in Europe"
  target_count = 3
}

resource "exa_webset_enrichment" "e" {
  webset_id   = exa_webset.w.id
  description = "Name of the CEO"
  format      = "text"
}

resource "exa_monitor" "m" {
  webset_id = exa_webset.w.id
  cadence   = { cron = "0 9 * * 1" }
  behavior  = { config = { target_count = 5 } }
  enabled   = false
}

resource "exa_webhook" "h" {
  url    = "https://hooks.example.com/exa"
  events = ["webset.idle"]
}

resource "exa_import" "crm" {
  file   = %q
  entity = { type = "company" }
  csv    = { identifier = 0 }
}
`, file)
	children := []string{"exa_webset_search.s", "exa_webset_enrichment.e"}
	others := []string{"exa_webset.w", "exa_monitor.m", "exa_webhook.h", "exa_import.crm"}
	var checks []statecheck.StateCheck
	for _, addr := range children {
		checks = append(checks,
			statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{"webset_id": knownvalue.NotNull(), "id": knownvalue.NotNull()}),
			statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("webset_id")),
			statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("id")))
	}
	for _, addr := range others {
		checks = append(checks,
			statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{"id": knownvalue.NotNull()}),
			statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("id")))
	}
	steps := []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}}
	for _, addr := range append(children, others...) {
		step := resource.TestStep{
			Config:          cfg,
			ResourceName:    addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
		}
		if addr == "exa_import.crm" {
			// An identity names no file: the plan records the file's path,
			// hash and size with an update that sends nothing to Exa.
			step.ExpectNonEmptyPlan = true
			step.ImportPlanChecks = resource.ImportPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
			}
		}
		steps = append(steps, step)
	}
	mark := 0
	steps[1].PreConfig = func() { mark = len(env.mock.Requests()) }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps:                    steps,
		CheckDestroy: func(*terraform.State) error {
			// Importing only reads: no write was sent after the create.
			for _, r := range env.mock.Requests()[mark:] {
				if r.Method != "GET" && r.Method != "DELETE" {
					return fmt.Errorf("an import by identity sent %s %s", r.Method, r.Path)
				}
			}
			return nil
		},
	})
}
