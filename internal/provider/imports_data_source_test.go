package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// An import made by the provider shows in the list, completed, with its
// record count.
func TestAccImportsDataSource_listsWhatExists(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	file := writeCSV(t, accountsCSV)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.importConfig(file, `  title = "CRM accounts"
  wait_for_completion = true`)},
			{
				Config: env.importConfig(file, `  title = "CRM accounts"
  wait_for_completion = true`) + `
data "exa_imports" "all" {
  depends_on = [exa_import.crm]
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.exa_imports.all", tfjsonpath.New("imports"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.exa_imports.all", tfjsonpath.New("imports").AtSliceIndex(0).AtMapKey("title"), knownvalue.StringExact("CRM accounts")),
					statecheck.ExpectKnownValue("data.exa_imports.all", tfjsonpath.New("imports").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("completed")),
					statecheck.ExpectKnownValue("data.exa_imports.all", tfjsonpath.New("imports").AtSliceIndex(0).AtMapKey("record_count"), knownvalue.Int64Exact(3)),
				},
			},
		},
	})
}
