package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

const websetAddr = "exa_webset.w"

func (e *testEnv) webset(attrs string) string {
	return e.config(`
resource "exa_webset" "w" {
%s
}
`, attrs)
}

func TestAccWebset_lifecycle(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	excluded := env.mock.CreateWebset("")
	attrs := func(meta string) string {
		return fmt.Sprintf(`  external_id = "crm-accounts"
  exclude     = [{ source = "webset", id = %q }]
  metadata    = %s`, excluded, meta)
	}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.webset(attrs(`{ team = "growth" }`)),
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						body := env.mock.Find("POST", "/v0/websets")[0].Body
						want := fmt.Sprintf(`{"externalId":"crm-accounts","exclude":[{"source":"webset","id":%q}],"metadata":{"team":"growth"}}`, excluded)
						return jsonEqual(body, want)
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(&mark, "POST", "/v0/websets", 1),
					sameID.AddStateValue(websetAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("status"), knownvalue.StringExact("idle")),
					statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("title"), knownvalue.Null()),
					statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("search_ids"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("exclude").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact(excluded)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				PreConfig: env.markRequests(&mark),
				// Metadata changes in place: one update call, the same id.
				Config: env.webset(attrs(`{ team = "sales" }`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(websetAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(websetAddr, "metadata.team", "sales"),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(websetAddr, tfjsonpath.New("id")),
					env.expectCalls(&mark, "POST", "/v0/websets/*", 1),
					env.expectCalls(&mark, "POST", "/v0/websets", 0),
				},
			},
			{
				ResourceName:      websetAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				// By external_id: Read stores the real id.
				ResourceName:      websetAddr,
				ImportState:       true,
				ImportStateId:     "crm-accounts",
				ImportStateVerify: true,
			},
			{
				// Removing metadata clears it at Exa, and state says null.
				Config: env.webset(fmt.Sprintf(`  external_id = "crm-accounts"
  exclude     = [{ source = "webset", id = %q }]`, excluded)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("metadata"), knownvalue.Null()),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(websetAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: env.webset(`  external_id = "crm-accounts-2"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(websetAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if live := env.mock.WebsetIDs(); !slices.Equal(live, []string{excluded}) {
				return fmt.Errorf("want only the excluded webset left, got %v", live)
			}
			return nil
		},
	})
}

func TestAccWebset_conflictSuggestsImport(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	env.mock.CreateWebset("taken")
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      env.webset(`  external_id = "taken"`),
			ExpectError: regexp.MustCompile(`(?s)already exists.*HTTP 409.*terraform import <address> taken`),
		}},
	})
}

func TestAccWebset_ambiguousCreateIsAdopted(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	env.mock.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets", Status: 500, Commit: true})
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.webset(`  external_id = "adopt-me"`),
			Check: resource.TestCheckResourceAttrWith(websetAddr, "id", func(id string) error {
				if live := env.mock.WebsetIDs(); len(live) != 1 || live[0] != id {
					return fmt.Errorf("want exactly the webset in state (%s), got %v", id, live)
				}
				if n := env.mock.Count("POST", "/v0/websets"); n != 1 {
					return fmt.Errorf("the create was sent %d times", n)
				}
				return nil
			}),
		}},
	})
}

// A teammate's webset already holds our external_id. Our create is refused
// with a 409, but the answer is lost (a 502 after the mock handled it). The
// look-up finds the teammate's webset, made before our create: it is not
// ours, so the apply fails with the conflict and touches nothing. A second
// apply and the destroy leave it alone too: it is never in our state.
func TestAccWebset_lostCreateNeverAdoptsATeammatesWebset(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	env.mock.SetClock(func() time.Time { return time.Now().UTC().Add(-10 * time.Minute) })
	theirs := env.mock.CreateWebset("shared-name")
	env.mock.SetClock(func() time.Time { return time.Now().UTC() })
	env.mock.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets", Status: 502, Commit: true})
	untouched := func() error {
		if live := env.mock.WebsetIDs(); len(live) != 1 || live[0] != theirs {
			return fmt.Errorf("want only the teammate's webset %s, got %v", theirs, live)
		}
		for _, r := range env.mock.Requests() {
			if r.Method != "GET" && r.Method != "POST" || r.Method == "POST" && r.Path != "/websets/v0/websets" {
				return fmt.Errorf("the teammate's webset was touched: %s %s", r.Method, r.Path)
			}
		}
		return nil
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      env.webset(`  external_id = "shared-name"`),
				ExpectError: inOrder("already exists", theirs, `"shared-name"`, "left alone", "terraform import <address> shared-name"),
			},
			{
				PreConfig: func() {
					if err := untouched(); err != nil {
						t.Fatal(err)
					}
				},
				Config:      env.webset(`  external_id = "shared-name"`),
				ExpectError: regexp.MustCompile(`(?s)already exists.*HTTP 409`),
			},
		},
		CheckDestroy: func(*terraform.State) error { return untouched() },
	})
}

// Without external_id nothing identifies a webset whose create answer was
// lost: the apply says so and what to look for, and puts no placeholder in
// state, since no refresh could resolve it either.
func TestAccWebset_lostCreateWithoutExternalIDSaysWhatToLookFor(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	env.mock.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets", Status: 502, Commit: true})
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      env.webset(""),
			ExpectError: inOrder("cannot tell whether Exa made the webset", "without external_id", "Look at Exa for", "before you apply again"),
		}},
		CheckDestroy: func(*terraform.State) error {
			if n := env.mock.Count("GET", "/v0/websets/*") + env.mock.Count("DELETE", "/v0/websets/*"); n != 0 {
				return fmt.Errorf("nothing was in state, yet the webset was read or deleted %d times", n)
			}
			return nil
		},
	})
}

func TestAccWebset_driftDeletedAtExaPlansCreate(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	var id string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.webset(""),
				Check:  resource.TestCheckResourceAttrWith(websetAddr, "id", func(v string) error { id = v; return nil }),
			},
			{
				PreConfig: func() {
					if err := env.mock.DeleteWebset(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.webset(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(websetAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// A webset, two searches and the items of one of them: apply, an empty second
// plan, then a destroy that cancels the running search before the webset is
// deleted.
func TestAccWebset_withSearchesAndItems(t *testing.T) {
	env := newTestEnv(t, examock.Options{ItemsPageSize: 2})
	cfg := env.config(`
resource "exa_webset" "w" {
  external_id = "robotics"
}

resource "exa_webset_search" "done" {
  webset_id    = exa_webset.w.id
  query        = "Robotics startups in Munich"
  target_count = 5
  behavior     = "append"
  metadata     = { %[1]q = "immediate" }
}

resource "exa_webset_search" "running" {
  webset_id    = exa_webset.w.id
  query        = "Robotics startups in Lyon"
  target_count = 3
  behavior     = "append"
  depends_on   = [exa_webset_search.done] # a fixed order in the webset's searches
}

data "exa_webset_items" "done" {
  webset_id = exa_webset.w.id
  source_id = exa_webset_search.done.id
}

data "exa_webset" "w" {
  external_id = "robotics"
  depends_on  = [exa_webset_search.done, exa_webset_search.running]
}

data "exa_webset_search" "done" {
  webset_id = exa_webset.w.id
  id        = exa_webset_search.done.id
}
`, examock.LifecycleMetadataKey)
	mark, itemsMark := 0, 0
	var doneID, runningID, websetID string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrWith("exa_webset.w", "id", func(v string) error { websetID = v; return nil }),
					resource.TestCheckResourceAttrWith("exa_webset_search.done", "id", func(v string) error { doneID = v; return nil }),
					resource.TestCheckResourceAttrWith("exa_webset_search.running", "id", func(v string) error { runningID = v; return nil }),
					resource.TestCheckResourceAttrPair("data.exa_webset_search.done", "query", "exa_webset_search.done", "query"),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					// 5 items at 2 a page: three pages.
					env.expectCalls(&itemsMark, "GET", "/v0/websets/*/items", 3),
					statecheck.ExpectKnownValue("data.exa_webset_items.done", tfjsonpath.New("items"), knownvalue.ListSizeExact(5)),
					statecheck.ExpectKnownValue("data.exa_webset_items.done", tfjsonpath.New("items").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("Example company 1")),
					statecheck.ExpectKnownValue("data.exa_webset_items.done", tfjsonpath.New("items").AtSliceIndex(0).AtMapKey("type"), knownvalue.StringExact("company")),
					statecheck.ExpectKnownValue("data.exa_webset_items.done", tfjsonpath.New("items").AtSliceIndex(0).AtMapKey("evaluations"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.exa_webset_items.done", tfjsonpath.New("items").AtSliceIndex(4).AtMapKey("id"), knownvalue.StringRegexp(regexp.MustCompile(`_0005$`))),
					statecheck.ExpectKnownValue("data.exa_webset.w", tfjsonpath.New("searches"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.exa_webset.w", tfjsonpath.New("searches").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("completed")),
					statecheck.ExpectKnownValue("data.exa_webset.w", tfjsonpath.New("status"), knownvalue.StringExact("running")),
					statecheck.ExpectKnownValue("data.exa_webset_search.done", tfjsonpath.New("progress").AtMapKey("found"), knownvalue.Int64Exact(5)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), env.markBeforeDestroy(&mark)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("exa_webset.w", tfjsonpath.New("search_ids"), knownvalue.ListSizeExact(2)),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			var calls []string
			for _, r := range env.mock.Requests()[mark:] {
				calls = append(calls, r.Method+" "+r.Path)
			}
			want := []string{
				"POST /websets/v0/websets/" + websetID + "/searches/" + runningID + "/cancel",
				"DELETE /websets/v0/websets/" + websetID,
			}
			if !slices.Equal(calls, want) {
				return fmt.Errorf("destroy calls:\n got  %q\n want %q (the completed search %s needs none)", calls, want, doneID)
			}
			return nil
		},
	})
}

func TestAccWebsetItems_limitStopsPaging(t *testing.T) {
	env := newTestEnv(t, examock.Options{ItemsPageSize: 2, Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("")
	env.createSearchOutOfBand(ws, `{"query":"q","count":7}`)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.config(`
data "exa_webset_items" "first3" {
  webset_id = %q
  limit     = 3
}
`, ws),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.exa_webset_items.first3", tfjsonpath.New("items"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue("data.exa_webset_items.first3", tfjsonpath.New("items").AtSliceIndex(2).AtMapKey("id"), knownvalue.StringRegexp(regexp.MustCompile(`_0003$`))),
			},
			Check: func(*terraform.State) error {
				// Pages of 2 and 1: the limit is sent, and no third page is read.
				reqs := env.mock.Find("GET", "/v0/websets/*/items")
				if len(reqs) < 2 || reqs[0].Query != "limit=3" || reqs[1].Query != "cursor=2&limit=1" {
					return fmt.Errorf("item requests: %+v", reqs)
				}
				if len(reqs)%2 != 0 {
					return fmt.Errorf("each read of the data source must take exactly 2 requests, saw %d", len(reqs))
				}
				return nil
			},
		}},
	})
}

// import loads an import into the new webset, in the create body; state
// keeps it; a change of it replaces the webset.
func TestAccWebset_importLoadsAndReplaces(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	first, second := writeCSV(t, accountsCSV), writeCSV(t, accountsCSV+"https://d.example,D\n")
	cfg := func(file string) string {
		return env.importConfig(file, `  title = "CRM accounts"
  wait_for_completion = true`) + `
resource "exa_webset" "w" {
  import = [{ source = "import", id = exa_import.crm.id }]
}

data "exa_webset_items" "w" {
  webset_id  = exa_webset.w.id
  depends_on = [exa_webset.w]
}
`
	}
	replaced := statecheck.CompareValue(compare.ValuesDiffer())
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg(first),
				Check: func(s *terraform.State) error {
					imp := s.RootModule().Resources[importAddr].Primary.ID
					posts := env.mock.Find("POST", "/v0/websets")
					if len(posts) != 1 {
						return fmt.Errorf("want one create, got %d", len(posts))
					}
					return jsonEqual(posts[0].Body, fmt.Sprintf(`{"import":[{"source":"import","id":%q}]}`, imp))
				},
				ConfigStateChecks: []statecheck.StateCheck{
					replaced.AddStateValue(websetAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("import").AtSliceIndex(0).AtMapKey("source"), knownvalue.StringExact("import")),
					statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("canceled"), knownvalue.Bool(false)),
					// Exa's spec: an attached import is a staging pool; its
					// records are not the webset's items (searches make them).
					statecheck.ExpectKnownValue("data.exa_webset_items.w", tfjsonpath.New("items"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				// A new file is a new import: the webset that loads it is new too.
				Config: cfg(second),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(websetAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{replaced.AddStateValue(websetAddr, tfjsonpath.New("id"))},
			},
		},
	})
}

// canceled = true calls websets-cancel once, in place; back to false calls
// nothing; neither replaces the webset.
func TestAccWebset_canceledFlipCallsCancelOnce(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	cfg := func(canceled bool) string { return env.webset(fmt.Sprintf("  canceled = %t", canceled)) }
	var search string
	sameID := statecheck.CompareValue(compare.ValuesSame())
	mark := 0
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:            cfg(false),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(websetAddr, tfjsonpath.New("id"))},
			},
			{
				// A search started outside Terraform, still running.
				PreConfig: func() {
					ws := env.mock.WebsetIDs()[0]
					search = env.createSearchOutOfBand(ws, `{"query":"Robotics startups","count":5}`)
					mark = len(env.mock.Requests())
				},
				Config: cfg(true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(websetAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						if st := env.mock.SearchStatus(search); st != "canceled" {
							return fmt.Errorf("the webset's search is %s after the cancel", st)
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(&mark, "POST", "/v0/websets/*/cancel", 1),
					env.expectCalls(&mark, "POST", "/v0/websets/*", 0),
					sameID.AddStateValue(websetAddr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("canceled"), knownvalue.Bool(true)),
				},
			},
			{
				PreConfig: env.markRequests(&mark),
				Config:    cfg(false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(websetAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(&mark, "POST", "/v0/websets/*/cancel", 0),
					env.expectCalls(&mark, "POST", "/v0/websets/*", 0),
					sameID.AddStateValue(websetAddr, tfjsonpath.New("id")),
				},
			},
		},
	})
}

// dashboard_url (since the spec: README, "Since the spec") is in state after create and after
// import, on the resource and the data source.
func TestAccWebset_dashboardURL(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	url := knownvalue.StringRegexp(regexp.MustCompile(`^https://dashboard\.exa\.ai/websets/webset_`))
	cfg := env.webset(`  external_id = "people"`) + `
data "exa_webset" "w" {
  id = exa_webset.w.id
}
`
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("dashboard_url"), url),
					statecheck.ExpectKnownValue("data.exa_webset.w", tfjsonpath.New("dashboard_url"), url),
				},
			},
			{
				ResourceName:      websetAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateCheck: func(s []*terraform.InstanceState) error {
					if len(s) != 1 || !strings.HasPrefix(s[0].Attributes["dashboard_url"], "https://dashboard.exa.ai/websets/") {
						return fmt.Errorf("dashboard_url after import: %v", s)
					}
					return nil
				},
			},
		},
	})
}

// A server older than dashboardUrl answers without it: the attribute is
// null, and nothing fails.
func TestAccWebset_dashboardURLMissingIsNull(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	env.url = withoutField(t, env.mock, "dashboardUrl")
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.webset(`  external_id = "people"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("dashboard_url"), knownvalue.Null()),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}

// dashboard_url is read back from every answer: when Exa moves the
// dashboard, a refresh puts the new link in state.
func TestAccWebset_dashboardURLFollowsExa(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	var moved atomic.Bool
	const elsewhere = "https://dashboard.exa.ai/moved/here"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		env.mock.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		var v map[string]any
		if moved.Load() && json.Unmarshal(body, &v) == nil {
			if _, ok := v["dashboardUrl"]; ok {
				v["dashboardUrl"] = elsewhere
				body, _ = json.Marshal(v)
			}
		}
		maps.Copy(w.Header(), rec.Header())
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	}))
	t.Cleanup(ts.Close)
	env.url = ts.URL
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.webset(`  external_id = "moving"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("dashboard_url"), knownvalue.StringRegexp(regexp.MustCompile(`examock=1`))),
				},
			},
			{
				PreConfig: func() { moved.Store(true) },
				Config:    env.webset(`  external_id = "moving"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(websetAddr, tfjsonpath.New("dashboard_url"), knownvalue.StringExact(elsewhere)),
				},
			},
		},
	})
}

// withoutField serves the mock with one field taken out of every JSON
// object it answers, as an older server would answer, and returns its URL.
func withoutField(t *testing.T, mock http.Handler, field string) string {
	t.Helper()
	var strip func(any)
	strip = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			delete(x, field)
			for _, e := range x {
				strip(e)
			}
		case []any:
			for _, e := range x {
				strip(e)
			}
		}
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		mock.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		var v any
		if json.Unmarshal(body, &v) == nil {
			strip(v)
			body, _ = json.Marshal(v)
		}
		maps.Copy(w.Header(), rec.Header())
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

// Delete refuses a protected webset by itself, even when a plan let the
// destroy through (one made by an older provider, or a bug in ModifyPlan):
// no configuration reaches Delete past the plan-time guard, so this calls
// ApplyResourceChange as Terraform would for a destroy.
func TestWebsetDelete_refusesAProtectedWebsetEvenPastThePlan(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	srv, schemas := configuredServer(t, env.url)
	typ := schemas.ResourceSchemas["exa_webset"].ValueType()
	prior := objectValue(typ, map[string]tftypes.Value{
		"id":                  tftypes.NewValue(tftypes.String, ws),
		"deletion_protection": tftypes.NewValue(tftypes.Bool, true),
	})
	applied, err := srv.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName:     "exa_webset",
		PriorState:   dynamic(t, typ, prior),
		PlannedState: dynamic(t, typ, tftypes.NewValue(typ, nil)),
		Config:       dynamic(t, typ, tftypes.NewValue(typ, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	refused := false
	for _, d := range applied.Diagnostics {
		refused = refused || d.Severity == tfprotov6.DiagnosticSeverityError && strings.Contains(d.Summary, "protected from deletion")
	}
	if !refused {
		t.Errorf("want the destroy refused as protected, got %+v", applied.Diagnostics)
	}
	if n := env.mock.Count("DELETE", "/v0/websets/*"); n != 0 {
		t.Errorf("a protected webset got %d DELETEs", n)
	}
	if live := env.mock.WebsetIDs(); len(live) != 1 {
		t.Errorf("the webset is gone: %v", live)
	}
}
