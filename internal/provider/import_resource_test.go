package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

const importAddr = "exa_import.crm"

const accountsCSV = "url,name\nhttps://a.example,A\nhttps://b.example,B\nhttps://c.example,C\n"

func (e *testEnv) importConfig(file, extra string) string {
	return e.config(`
resource "exa_import" "crm" {
  file   = %q
  entity = { type = "company" }
  csv    = { identifier = 0 }
%s
}
`, file, extra)
}

func TestAccImport_lifecycle(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	file := writeCSV(t, accountsCSV)
	var id string
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.importConfig(file, `  title = "CRM accounts"
  metadata = { source = "salesforce" }
  wait_for_completion = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					// The file's facts are in the plan.
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(importAddr, tfjsonpath.New("content_sha256"), knownvalue.StringExact(sha(accountsCSV))),
						plancheck.ExpectKnownValue(importAddr, tfjsonpath.New("record_count"), knownvalue.Int64Exact(3)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrWith(importAddr, "id", func(v string) error { id = v; return nil }),
					func(*terraform.State) error {
						if err := jsonEqual(env.mock.Find("POST", "/v0/imports")[0].Body, fmt.Sprintf(`{"size":%d,"count":3,"title":"CRM accounts",
							"format":"csv","metadata":{"source":"salesforce"},"entity":{"type":"company"},"csv":{"identifier":0}}`, len(accountsCSV))); err != nil {
							return err
						}
						puts := env.mock.Find("PUT", "/_mock/uploads/*")
						if len(puts) != 1 || puts[0].Body != accountsCSV || puts[0].Header.Get("x-api-key") != "" {
							return fmt.Errorf("want one upload of the file, without the API key: %+v", puts)
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(importAddr, tfjsonpath.New("status"), knownvalue.StringExact("completed")),
					statecheck.ExpectKnownValue(importAddr, tfjsonpath.New("size"), knownvalue.Int64Exact(int64(len(accountsCSV)))),
					statecheck.ExpectKnownValue(importAddr, tfjsonpath.New("upload_valid_until"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(importAddr, tfjsonpath.New("failed_reason"), knownvalue.Null()),
				},
			},
			{
				PreConfig: env.markRequests(&mark),
				// Title and metadata change in place.
				Config: env.importConfig(file, `  title = "CRM accounts (EU)"
  wait_for_completion = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(importAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						return jsonEqual(env.mock.Find("PATCH", "/v0/imports/*")[0].Body, `{"title":"CRM accounts (EU)","metadata":{}}`)
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(&mark, "PATCH", "/v0/imports/*", 1),
				},
			},
			{
				ResourceName:            importAddr,
				ImportState:             true,
				ImportStateIdFunc:       func(*terraform.State) (string, error) { return id + "," + file, nil },
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"upload_valid_until", "timeouts", "wait_for_completion", "csv"},
			},
			{
				// A changed file replaces the import.
				PreConfig: func() {
					if err := os.WriteFile(file, []byte(accountsCSV+"https://d.example,D\n"), 0o600); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.importConfig(file, `  title = "CRM accounts (EU)"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(importAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(importAddr, tfjsonpath.New("record_count"), knownvalue.Int64Exact(4)),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if ids := env.mock.ImportIDs(); len(ids) != 0 {
				return fmt.Errorf("imports left: %v", ids)
			}
			return nil
		},
	})
}

// Imported with its file, an import plans empty against the same config.
func TestAccImport_importWithFileThenEmptyPlan(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	file := writeCSV(t, accountsCSV)
	// Made outside Terraform, as another tool would.
	client, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url})
	if err != nil {
		t.Fatal(err)
	}
	id0 := int64(0)
	im, err := client.CreateImport(context.Background(), &exa.CreateImportRequest{
		Size: int64(len(accountsCSV)), Count: 3, Format: "csv", Title: ptr("CRM"),
		Entity: exa.Entity{Type: "company"}, CSV: &exa.ImportCSV{Identifier: &id0},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Upload(context.Background(), im.UploadURL, []byte(accountsCSV)); err != nil {
		t.Fatal(err)
	}
	cfg := env.config(`
resource "exa_import" "crm" {
  file   = %q
  entity = { type = "company" }
  title  = "CRM"
}
`, file)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:             cfg,
				ResourceName:       importAddr,
				ImportState:        true,
				ImportStatePersist: true,
				ImportStateId:      im.ID + "," + file,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
	if n := env.mock.Count("POST", "/v0/imports"); n != 1 {
		t.Errorf("importing created %d imports", n-1)
	}
}

func TestAccImport_failureAndDrift(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	// Column 5 does not exist: Exa fails the import for a missing identifier.
	file := writeCSV(t, accountsCSV)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "exa_import" "crm" {
  file                = %q
  entity              = { type = "company" }
  csv                 = { identifier = 5 }
  wait_for_completion = true
}
`, file),
			ExpectError: regexp.MustCompile(`(?s)failed \(missing_identifier\): there is no column\s+5`),
		}},
		// The failed import stayed in state (tainted), so destroy deleted it.
		CheckDestroy: func(*terraform.State) error {
			if n := env.mock.Count("DELETE", "/v0/imports/*"); n != 1 {
				return fmt.Errorf("want the failed import deleted, got %d deletes", n)
			}
			return nil
		},
	})
}

// The upload went through, but every read of the import after it failed:
// that is not a failed import. The apply warns, the import stays in state
// untainted, and the next plan is empty.
func TestAccImport_failedReadAfterUploadDoesNotTaint(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	file := writeCSV(t, accountsCSV)
	// The first read and its 5 retries (max_retries' default) fail.
	env.mock.InjectFault(examock.Fault{Method: "GET", Path: "/v0/imports/*", Status: 503, Times: 6})
	rec := &diagRecorder{}
	cfg := env.importConfig(file, "")
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.recordingFactories(rec),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					rec.expectWarning("Uploaded the Exa import, but could not read whether Exa processed it", "stays in state, not tainted"),
					exactlyTheOneInState(env, importAddr, env.mock.ImportIDs),
				),
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if n := env.mock.Count("DELETE", "/v0/imports/*"); n != 0 {
						return fmt.Errorf("the good import was deleted %d times", n)
					}
					return nil
				},
			},
		},
	})
}

func TestAccImport_driftAndValidation(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	file := writeCSV(t, accountsCSV)
	var id string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      env.importConfig(file, `  content_sha256 = "00ff"`),
				ExpectError: regexp.MustCompile(`(?s)The file is not the expected one.*content_sha256 says 00ff`),
			},
			{
				Config:      env.importConfig(filepath.Join(t.TempDir(), "missing.csv"), ""),
				ExpectError: regexp.MustCompile(`Cannot read the import file`),
			},
			{
				Config:      env.importConfig(file, `  format = "xlsx"`),
				ExpectError: regexp.MustCompile(`Attribute format value must be one of`),
			},
			{
				Config: env.importConfig(file, fmt.Sprintf(`  content_sha256 = %q`, sha(accountsCSV))),
				Check:  resource.TestCheckResourceAttrWith(importAddr, "id", func(v string) error { id = v; return nil }),
			},
			{
				PreConfig: func() {
					if err := env.mock.DeleteImport(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.importConfig(file, fmt.Sprintf(`  content_sha256 = %q`, sha(accountsCSV))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(importAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}
