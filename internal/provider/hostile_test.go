package provider

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// Acceptance tests against servers that misbehave in one way each: the
// command fails within the request timeout plus its retries, with a clear
// error, and the API key reaches nobody but base_url.

func (e *testEnv) oneWebset() string {
	return e.webset(`  metadata = { purpose = "hostile" }`)
}

// A server that accepts the request and never answers, or answers headers
// and never finishes the body: the refresh fails after 1 + max_retries
// attempts of request_timeout each, names the timeout, and leaves no
// request hanging at the server.
func TestAccHostile_serverThatNeverFinishesCannotHangTerraform(t *testing.T) {
	for name, fault := range map[string]examock.Fault{
		"never answers":       {Method: "GET", Hang: true, Times: -1},
		"body never finishes": {Method: "GET", StallBody: true, Times: -1},
	} {
		t.Run(name, func(t *testing.T) {
			env := newTestEnv(t, examock.Options{})
			env.settings = `  request_timeout = "1s"
  max_retries     = 1`
			var started time.Time
			env.test(resource.TestCase{
				Steps: []resource.TestStep{
					{Config: env.oneWebset()},
					{
						PreConfig: func() {
							env.mock.InjectFault(fault)
							started = time.Now()
						},
						Config:      env.oneWebset(),
						ExpectError: regexp.MustCompile(`(?s)giving up after 2 tries.*GET\s+/websets/v0/websets/.*timed\s+out.*request_timeout`),
					},
					{
						PreConfig: func() {
							// Two attempts of 1s and a short backoff: the bound
							// here only proves that nothing hung.
							if d := time.Since(started); d > 60*time.Second {
								t.Errorf("the failing refresh took %s", d)
							}
							waitFor(t, func() bool { return env.mock.InFlight() == 0 }, "requests still held open at the server")
							if n := env.mock.Count("GET", "/v0/websets/*"); n < 3 {
								t.Errorf("want the refresh's two attempts after the first step's reads, got %d GETs", n)
							}
							env.mock.ClearFaults()
						},
						Config:   env.oneWebset(),
						PlanOnly: true,
					},
				},
			})
		})
	}
}

// newMockOn starts a mock on another loopback address, so that it
// is another origin than the front server in front of it.
func newMockOn(t *testing.T, host string) (*examock.Server, string) {
	t.Helper()
	l, err := net.Listen("tcp", host+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", host, err)
	}
	m := examock.New(examock.Options{APIKey: testAPIKey})
	ts := httptest.NewUnstartedServer(m)
	ts.Listener.Close()
	ts.Listener = l
	ts.Start()
	t.Cleanup(ts.Close)
	return m, ts.URL
}

func redirectTo(status int, target string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target+r.URL.RequestURI(), status)
	}
}

// A base_url that redirects to another origin: the apply fails with an
// error that names the redirect, and the other origin gets nothing, so no
// key. 127.0.0.2 is another host on the loopback net.
func TestAccHostile_crossOriginRedirectNeverGetsTheKey(t *testing.T) {
	other, otherURL := newMockOn(t, "127.0.0.2")
	front := httptest.NewServer(redirectTo(http.StatusTemporaryRedirect, otherURL))
	t.Cleanup(front.Close)
	env := &testEnv{t: t, mock: other, url: front.URL}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      env.oneWebset(),
			ExpectError: regexp.MustCompile(`(?s)HTTP\s+307\s+redirect\s+to\s+"http://127\.0\.0\.2.*refused`),
		}},
	})
	for _, r := range other.Requests() {
		if r.Header.Get("x-api-key") != "" {
			t.Errorf("the other origin got the key: %s %s", r.Method, r.Path)
		}
	}
	if n := len(other.Requests()); n != 0 {
		t.Errorf("the other origin got %d requests", n)
	}
}

// An https base_url that redirects to http (a downgrade) is refused too.
func TestAccHostile_httpsToHTTPRedirectIsRefused(t *testing.T) {
	plain, plainURL := newMockOn(t, "127.0.0.1")
	front := httptest.NewTLSServer(redirectTo(http.StatusMovedPermanently, plainURL))
	t.Cleanup(front.Close)
	env := &testEnv{t: t, mock: plain, url: front.URL}
	trust := WithClientConfig(func(c *exa.Config) { c.HTTPClient = front.Client(); c.RequestsPerSecond = -1 })
	env.test(resource.TestCase{
		ProtoV6ProviderFactories: env.factories(trust),
		Steps: []resource.TestStep{{
			Config:      env.oneWebset(),
			ExpectError: regexp.MustCompile(`(?s)HTTP\s+301\s+redirect\s+to\s+"http://127\.0\.0\.1.*refused`),
		}},
	})
	if n := len(plain.Requests()); n != 0 {
		t.Errorf("the plain-http origin got %d requests", n)
	}
}

// A 100 MiB answer fails with an error naming the cap, and the provider
// stops reading at the cap: the server never gets to write it all.
func TestAccHostile_hugeAnswerIsRefused(t *testing.T) {
	const size = 100 << 20
	var whole atomic.Int64
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := []byte(strings.Repeat(" ", 1<<20))
		for sent := 0; sent < size; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		whole.Add(1)
	}))
	t.Cleanup(front.Close)
	env := &testEnv{t: t, mock: examock.New(examock.Options{}), url: front.URL}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      env.oneWebset(),
			ExpectError: regexp.MustCompile(`(?s)larger\s+than\s+the\s+32\s+MiB`),
		}},
	})
	if n := whole.Load(); n != 0 {
		t.Errorf("the provider read %d whole 100 MiB answers instead of stopping at the cap", n)
	}
}

// A create that the server commits and then never answers: the timed-out
// create is looked up, not re-sent, so exactly one search exists.
func TestAccHostile_timedOutCreateIsAdoptedNotDuplicated(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	env.settings = `  request_timeout = "1s"`
	ws := env.mock.CreateWebset("")
	env.mock.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets/*/searches", Hang: true, Commit: true})
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.minimalSearch(ws, ""),
			Check: resource.ComposeAggregateTestCheckFunc(
				exactlyTheOneInState(env, searchAddr, env.mock.SearchIDs),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				env.expectCalls(new(int), "POST", "/v0/websets/*/searches", 1),
			},
		}},
	})
}

var ambiguousFaults = map[string]examock.Fault{
	"500 after commit":  {Status: 500, Commit: true},
	"drop after commit": {Drop: true, Commit: true},
}

// Monitors, webhooks and imports: a create whose answer is lost after the
// server made the object leaves exactly one object, the one in state. A
// monitor is adopted; a webhook or an import is made again (its create
// answer alone carries the secret or the upload URL), and the lost one
// deleted.
func TestAccAdoption_monitorWebhookImportCreates(t *testing.T) {
	file := writeCSV(t, accountsCSV)
	kinds := []struct {
		name, path, addr string
		config           func(env *testEnv, ws string) string
		ids              func(env *testEnv) []string
		posts            int
		extra            resource.TestCheckFunc
	}{
		{
			name: "monitor", path: "/v0/monitors", addr: monitorAddr, posts: 1,
			config: func(env *testEnv, ws string) string {
				return env.monitor(ws, `{ cron = "0 9 * * 1" }`, `{ query = "New robotics startups", target_count = 1 }`, "")
			},
			ids: func(env *testEnv) []string { return env.mock.MonitorIDs() },
		},
		{
			name: "webhook", path: "/v0/webhooks", addr: webhookAddr, posts: 2,
			config: func(env *testEnv, _ string) string {
				return env.webhook("https://hooks.example.com/exa", `["webset.created"]`, "")
			},
			ids:   func(env *testEnv) []string { return env.mock.WebhookIDs() },
			extra: resource.TestCheckResourceAttrWith(webhookAddr, "secret", nonEmpty),
		},
		{
			name: "import", path: "/v0/imports", addr: importAddr, posts: 2,
			config: func(env *testEnv, _ string) string { return env.importConfig(file, "") },
			ids:    func(env *testEnv) []string { return env.mock.ImportIDs() },
		},
	}
	for _, k := range kinds {
		for fname, fault := range ambiguousFaults {
			t.Run(k.name+"/"+fname, func(t *testing.T) {
				env := newTestEnv(t, examock.Options{})
				ws := env.mock.CreateWebset("")
				fault.Method, fault.Path = "POST", k.path
				env.mock.InjectFault(fault)
				checks := []resource.TestCheckFunc{
					exactlyTheOneInState(env, k.addr, func() []string { return k.ids(env) }),
				}
				if k.extra != nil {
					checks = append(checks, k.extra)
				}
				env.test(resource.TestCase{
					Steps: []resource.TestStep{{
						Config:            k.config(env, ws),
						Check:             resource.ComposeAggregateTestCheckFunc(checks...),
						ConfigStateChecks: []statecheck.StateCheck{env.expectCalls(new(int), "POST", k.path, k.posts)},
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					}},
				})
			})
		}
	}
}

// A webhook or an import whose create answer was lost, and whose delete (to
// create it afresh) then fails too: its ID is known, so it is recorded in
// state, tainted, rather than left untracked at Exa. The next apply deletes
// it and creates it again: exactly one object is left, the one in state.
func TestAccAdoption_lostObjectWhoseDeleteFailsIsTainted(t *testing.T) {
	file := writeCSV(t, accountsCSV)
	for _, k := range []struct {
		name, path, addr string
		config           func(env *testEnv) string
		ids              func(env *testEnv) []string
	}{
		{
			name: "webhook", path: "/v0/webhooks", addr: webhookAddr,
			config: func(env *testEnv) string {
				return env.webhook("https://hooks.example.com/exa", `["webset.created"]`, "")
			},
			ids: func(env *testEnv) []string { return env.mock.WebhookIDs() },
		},
		{
			name: "import", path: "/v0/imports", addr: importAddr,
			config: func(env *testEnv) string { return env.importConfig(file, "") },
			ids:    func(env *testEnv) []string { return env.mock.ImportIDs() },
		},
	} {
		t.Run(k.name, func(t *testing.T) {
			env := newTestEnv(t, examock.Options{})
			env.mock.InjectFault(examock.Fault{Method: "POST", Path: k.path, Status: 502, Commit: true})
			env.mock.InjectFault(examock.Fault{Method: "DELETE", Path: k.path + "/*", Status: 503, Times: -1})
			var lost string
			env.test(resource.TestCase{
				Steps: []resource.TestStep{
					{
						Config:      k.config(env),
						ExpectError: inOrder("create answer was lost, and deleting it to create it afresh failed", "recorded in state as tainted"),
					},
					{
						PreConfig: func() {
							got := k.ids(env)
							if len(got) != 1 {
								t.Fatalf("after the failed apply, want the lost %s at the mock, got %v", k.name, got)
							}
							lost = got[0]
							env.mock.ClearFaults()
						},
						Config: k.config(env),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(k.addr, plancheck.ResourceActionReplace)},
						},
						Check: resource.ComposeAggregateTestCheckFunc(
							exactlyTheOneInState(env, k.addr, func() []string { return k.ids(env) }),
							resource.TestCheckResourceAttrWith(k.addr, "id", func(id string) error {
								if id == lost {
									return fmt.Errorf("the lost %s %s is still the one in state", k.name, id)
								}
								return nil
							}),
						),
					},
				},
			})
		})
	}
}

// A create whose answer is lost in an outage that also fails the look-ups
// for longer than one call's retries (18 failed reads: three look-ups of a
// first try and 5 retries each). The provider keeps looking until the
// create's deadline, finds what the create made, and leaves exactly one
// object, in state: the search adopted, the webhook and the import deleted
// and made again (their create answer alone carries the secret or upload
// URL). Before, the first failed look-up ended the apply with nothing in
// state, and the next apply made a second object.
func TestAccAdoption_lookupOutlastsAnOutage(t *testing.T) {
	file := writeCSV(t, accountsCSV)
	for _, k := range []struct {
		name, post, find, addr string
		config                 func(env *testEnv, ws string) string
		ids                    func(env *testEnv) []string
		posts, deletes         int
	}{
		{
			name: "search", post: "/v0/websets/*/searches", find: "/v0/websets/*", addr: searchAddr, posts: 1,
			config: func(env *testEnv, ws string) string { return env.minimalSearch(ws, "") },
			ids:    func(env *testEnv) []string { return env.mock.SearchIDs() },
		},
		{
			name: "webhook", post: "/v0/webhooks", find: "/v0/webhooks", addr: webhookAddr, posts: 2, deletes: 1,
			config: func(env *testEnv, _ string) string {
				return env.webhook("https://hooks.example.com/exa", `["webset.created"]`, "")
			},
			ids: func(env *testEnv) []string { return env.mock.WebhookIDs() },
		},
		{
			name: "import", post: "/v0/imports", find: "/v0/imports", addr: importAddr, posts: 2, deletes: 1,
			config: func(env *testEnv, _ string) string { return env.importConfig(file, "") },
			ids:    func(env *testEnv) []string { return env.mock.ImportIDs() },
		},
	} {
		t.Run(k.name, func(t *testing.T) {
			env := newTestEnv(t, examock.Options{})
			ws := env.mock.CreateWebset("")
			env.mock.InjectFault(examock.Fault{Method: "POST", Path: k.post, Status: 502, Commit: true})
			env.mock.InjectFault(examock.Fault{Method: "GET", Path: k.find, Status: 503, Times: 18})
			env.test(resource.TestCase{
				Steps: []resource.TestStep{{
					Config: k.config(env, ws),
					Check: resource.ComposeAggregateTestCheckFunc(
						exactlyTheOneInState(env, k.addr, func() []string { return k.ids(env) }),
						func(*terraform.State) error {
							failed := 0
							for _, r := range env.mock.Find("GET", k.find) {
								if r.Status == 503 {
									failed++
								}
							}
							if failed != 18 {
								return fmt.Errorf("the look-ups met %d failures, want all 18", failed)
							}
							return nil
						},
					),
					ConfigStateChecks: []statecheck.StateCheck{
						env.expectCalls(new(int), "POST", k.post, k.posts),
						env.expectCalls(new(int), "DELETE", k.post+"/*", k.deletes),
					},
				}},
			})
		})
	}
}

// A create whose answer was lost, in an outage that outlasts the create's
// deadline: the look-up cannot tell, so a placeholder goes into state,
// tainted, and the apply fails saying what to look for. The next refresh
// looks again: a search that the lost create made takes the placeholder's
// place (and the taint replaces it: canceled, and made again); when it made
// nothing, the placeholder leaves state and the apply creates the search.
// Either way one running search is left, the one in state.
func TestAccAdoption_unresolvedCreateIsResolvedByTheNextRefresh(t *testing.T) {
	for name, made := range map[string]bool{"made": true, "not made": false} {
		t.Run(name, func(t *testing.T) {
			env := newTestEnv(t, examock.Options{})
			ws := env.mock.CreateWebset("")
			env.mock.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets/*/searches", Status: 502, Commit: made})
			env.mock.InjectFault(examock.Fault{Method: "GET", Path: "/v0/websets/*", Status: 503, Times: -1})
			cfg := env.minimalSearch(ws, `  timeouts = { create = "2s" }`)
			env.test(resource.TestCase{
				Steps: []resource.TestStep{
					{
						Config:      cfg,
						ExpectError: inOrder("could not look for it until the create's deadline", `a search of the webset `+ws+` for "Seed-stage robotics startups in Europe" with count 3`, "placeholder is recorded in state, tainted"),
					},
					{
						PreConfig: func() {
							if n := len(env.mock.SearchIDs()); made && n != 1 || !made && n != 0 {
								t.Fatalf("after the failed apply the mock holds %v", env.mock.SearchIDs())
							}
							env.mock.ClearFaults()
						},
						Config: cfg,
						Check: func(*terraform.State) error {
							running := 0
							for _, id := range env.mock.SearchIDs() {
								if env.mock.SearchStatus(id) != "canceled" {
									running++
								}
							}
							if running != 1 {
								return fmt.Errorf("want one search that is not canceled, got %d of %v", running, env.mock.SearchIDs())
							}
							return nil
						},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(searchAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^search_`))),
						},
					},
				},
			})
		})
	}
}

// A DELETE that Exa carried out but whose answer was lost (a 502 after the
// mock deleted it): the retry meets 404, which means the object is gone, so
// the destroy succeeds and leaves nothing behind.
func TestAccAdoption_deleteWhoseAnswerWasLostSucceeds(t *testing.T) {
	file := writeCSV(t, accountsCSV)
	for _, k := range []struct {
		name, path string
		config     func(env *testEnv, ws string) string
		ids        func(env *testEnv) []string
	}{
		{
			name: "webset", path: "/v0/websets/*",
			config: func(env *testEnv, _ string) string { return env.webset("") },
			ids:    func(env *testEnv) []string { return env.mock.WebsetIDs() },
		},
		{
			name: "monitor", path: "/v0/monitors/*",
			config: func(env *testEnv, ws string) string {
				return env.monitor(ws, `{ cron = "0 9 * * 1" }`, `{ query = "New robotics startups", target_count = 1 }`, "")
			},
			ids: func(env *testEnv) []string { return env.mock.MonitorIDs() },
		},
		{
			name: "webhook", path: "/v0/webhooks/*",
			config: func(env *testEnv, _ string) string {
				return env.webhook("https://hooks.example.com/exa", `["webset.created"]`, "")
			},
			ids: func(env *testEnv) []string { return env.mock.WebhookIDs() },
		},
		{
			name: "import", path: "/v0/imports/*",
			config: func(env *testEnv, _ string) string { return env.importConfig(file, "") },
			ids:    func(env *testEnv) []string { return env.mock.ImportIDs() },
		},
	} {
		t.Run(k.name, func(t *testing.T) {
			env := newTestEnv(t, examock.Options{})
			ws := ""
			if k.name != "webset" {
				ws = env.mock.CreateWebset("")
			}
			before := 0
			env.test(resource.TestCase{
				Steps: []resource.TestStep{{
					Config: k.config(env, ws),
					Check: func(*terraform.State) error {
						before = len(k.ids(env))
						env.mock.InjectFault(examock.Fault{Method: "DELETE", Path: k.path, Status: 502, Commit: true})
						return nil
					},
				}},
				CheckDestroy: func(*terraform.State) error {
					deletes := env.mock.Find("DELETE", k.path)
					if len(deletes) != 2 || deletes[0].Status != 502 || deletes[1].Status != 404 {
						return fmt.Errorf("want the lost DELETE and a retry that met 404, got %d: %v", len(deletes), deletes)
					}
					if got := k.ids(env); len(got) != before-1 {
						return fmt.Errorf("want the %s gone, left %v", k.name, got)
					}
					return nil
				},
			})
		})
	}
}

// An ambiguous create must never adopt an older search with the same query
// and count: one made long ago, or the canceled one that a flip of
// canceled back to false replaces.
func TestAccAdoption_olderTwinIsNeverAdopted(t *testing.T) {
	const body = `{"query":"Seed-stage robotics startups in Europe","count":3}`
	t.Run("made an hour ago", func(t *testing.T) {
		env := newTestEnv(t, examock.Options{})
		ws := env.mock.CreateWebset("")
		env.mock.SetClock(func() time.Time { return time.Now().UTC().Add(-time.Hour) })
		twin := env.createSearchOutOfBand(ws, body)
		env.mock.SetClock(func() time.Time { return time.Now().UTC() })
		// A 500 that made nothing: the provider looks, must not take the
		// twin, and creates.
		env.mock.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets/*/searches", Status: 500})
		env.test(resource.TestCase{
			Steps: []resource.TestStep{{
				Config: env.minimalSearch(ws, ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrWith(searchAddr, "id", func(id string) error {
						if id == twin {
							return fmt.Errorf("adopted the older twin %s", twin)
						}
						return nil
					}),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					// The twin's own create, the failed one, and the one sent
					// again once the look-up found nothing new.
					env.expectCalls(new(int), "POST", "/v0/websets/*/searches", 3),
				},
			}},
		})
	})
	t.Run("canceled back to false", func(t *testing.T) {
		env := newTestEnv(t, examock.Options{})
		ws := env.mock.CreateWebset("")
		var first string
		env.test(resource.TestCase{
			Steps: []resource.TestStep{
				{
					Config: env.minimalSearch(ws, "  canceled = true"),
					Check:  resource.TestCheckResourceAttrWith(searchAddr, "id", func(id string) error { first = id; return nil }),
				},
				{
					PreConfig: func() {
						env.mock.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets/*/searches", Status: 500})
					},
					Config: env.minimalSearch(ws, "  canceled = false"),
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttrWith(searchAddr, "id", func(id string) error {
							if id == first {
								return fmt.Errorf("adopted the canceled search %s it replaces", first)
							}
							return nil
						}),
						resource.TestCheckResourceAttr(searchAddr, "canceled", "false"),
					),
				},
			},
		})
	})
}

// max_retries is obeyed exactly: 0 means one try, 2 means three.
func TestAccProvider_maxRetriesIsObeyed(t *testing.T) {
	for retries, tries := range map[int]int{0: 1, 2: 3} {
		t.Run(fmt.Sprint(retries), func(t *testing.T) {
			env := newTestEnv(t, examock.Options{})
			env.settings = fmt.Sprintf("  max_retries = %d", retries)
			ws := env.mock.CreateWebset("")
			env.mock.InjectFault(examock.Fault{Method: "GET", Status: 503, Times: -1})
			env.test(resource.TestCase{
				Steps: []resource.TestStep{{
					Config:      env.config(`data "exa_webset" "w" { id = %q }`, ws),
					ExpectError: regexp.MustCompile(`HTTP 503`),
				}},
			})
			if n := env.mock.Count("GET", "/v0/websets/*"); n != tries {
				t.Errorf("max_retries = %d: want %d tries, got %d", retries, tries, n)
			}
		})
	}
}

// With requests_per_second unset, the client keeps Exa's published default
// of 10 a second: 30 creates at parallelism 30 never put more than rate +
// burst (20) in any one second. The provider here runs with its production
// settings: nothing turns the unset limit off. Not parallel: it sets
// Terraform's CLI arguments.
func TestAccProvider_defaultRateLimit(t *testing.T) {
	t.Setenv("TF_CLI_ARGS_apply", "-parallelism=30")
	env := newTestEnv(t, examock.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"exa": providerserver.NewProtocol6WithError(New("test")()),
		},
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "exa_webset" "w" {
  count    = 30
  metadata = { n = "${count.index}" }
}
`),
			Check: func(*terraform.State) error {
				reqs := env.mock.Find("POST", "/v0/websets")
				if len(reqs) != 30 {
					return fmt.Errorf("want 30 creates, got %d", len(reqs))
				}
				most := 0
				for i := range reqs {
					in := 0
					for j := i; j < len(reqs) && reqs[j].Time.Sub(reqs[i].Time) < time.Second; j++ {
						in++
					}
					most = max(most, in)
				}
				if most > 2*exa.DefaultRequestsPerSecond {
					return fmt.Errorf("%d creates within one second: the default limit of %d/s (burst %d) was not applied",
						most, exa.DefaultRequestsPerSecond, exa.DefaultRequestsPerSecond)
				}
				return nil
			},
		}},
	})
}

// endlessWebsets answers the websets list with hasMore and a cursor
// forever: the same cursor each time (repeat), or a new one, each page
// holding about pageBytes.
func endlessWebsets(t *testing.T, repeat bool, pageBytes int) (string, *atomic.Int64) {
	var pages atomic.Int64
	title := strings.Repeat("x", 1000)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n := pages.Add(1)
		cursor := "cursor_1"
		if !repeat {
			cursor = fmt.Sprintf("cursor_%d", n)
		}
		var b strings.Builder
		b.WriteString(`{"data":[`)
		for i := 0; b.Len() < pageBytes; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"id":"webset_%d_%d","object":"webset","status":"idle","externalId":null,"title":%q,"searches":[],"imports":[],"enrichments":[],"monitors":[],"metadata":{},"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}`, n, i, title)
		}
		fmt.Fprintf(&b, `],"hasMore":true,"nextCursor":%q}`, cursor)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(b.String()))
	}))
	t.Cleanup(ts.Close)
	return ts.URL, &pages
}

// Lists without end: a repeated cursor, endless small pages and endless
// large ones each fail the command on their own, at the provider's default
// settings (10 requests a second), with an error that says why.
func TestAccHostile_listsWithoutEndFail(t *testing.T) {
	for name, c := range map[string]struct {
		repeat    bool
		pageBytes int
		want      string
	}{
		"repeated cursor":     {true, 200, `GET /websets/v0/websets: stopped after 2 pages: the server handed out the cursor "cursor_1" a second time`},
		"endless cursors":     {false, 200, fmt.Sprintf("stopped after %d pages: the list is longer than the %d pages", exa.MaxListPages, exa.MaxListPages)},
		"endless 4 MiB pages": {false, 4 << 20, "its answers add up to more than 64 MiB"},
	} {
		t.Run(name, func(t *testing.T) {
			url, pages := endlessWebsets(t, c.repeat, c.pageBytes)
			env := &testEnv{t: t, mock: examock.New(examock.Options{}), url: url}
			start := time.Now()
			env.test(resource.TestCase{
				ProtoV6ProviderFactories: env.realFactories(),
				Steps: []resource.TestStep{{
					Config:      env.config(`data "exa_websets" "all" {}`),
					ExpectError: inOrder(c.want),
				}},
			})
			t.Logf("failed after %d pages in %s", pages.Load(), time.Since(start).Round(time.Millisecond))
			if pages.Load() > exa.MaxListPages {
				t.Errorf("read %d pages, past the bound of %d", pages.Load(), exa.MaxListPages)
			}
		})
	}
}
