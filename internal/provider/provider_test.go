package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

const testAPIKey = "exa-test-key-7f3a9c1e5b"

// testEnv is one acceptance test's world: its own mock server, and a
// provider configured against it with fast retries and polling.
type testEnv struct {
	t    *testing.T
	mock *examock.Server
	url  string
	// settings are extra lines for the provider block.
	settings string
}

func newTestEnv(t *testing.T, opts examock.Options) *testEnv {
	t.Helper()
	if opts.APIKey == "" {
		opts.APIKey = testAPIKey
	}
	m := examock.New(opts)
	ts := m.Start()
	t.Cleanup(ts.Close)
	return &testEnv{t: t, mock: m, url: ts.URL}
}

// fastOptions make retries and polls take milliseconds.
func fastOptions() []Option {
	return []Option{
		WithClientConfig(func(c *exa.Config) {
			c.RetryWaitMin = 5 * time.Millisecond
			c.RetryWaitMax = 20 * time.Millisecond
			if c.RequestsPerSecond == 0 {
				c.RequestsPerSecond = -1
			}
		}),
		WithPolling(5*time.Millisecond, 20*time.Millisecond),
	}
}

func (e *testEnv) factories(opts ...Option) map[string]func() (tfprotov6.ProviderServer, error) {
	all := append(fastOptions(), opts...)
	return map[string]func() (tfprotov6.ProviderServer, error){
		"exa": providerserver.NewProtocol6WithError(New("test", all...)()),
	}
}

// realFactories serve the provider with its production retry, polling and
// rate-limit settings.
func (e *testEnv) realFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"exa": providerserver.NewProtocol6WithError(New("test")()),
	}
}

// providerBlock configures the provider against the mock.
func (e *testEnv) providerBlock() string {
	return fmt.Sprintf(`
provider "exa" {
  api_key  = %q
  base_url = %q
%s
}
`, testAPIKey, e.url, e.settings)
}

// config is the provider block followed by HCL.
func (e *testEnv) config(hcl string, args ...any) string {
	return e.providerBlock() + fmt.Sprintf(hcl, args...)
}

// test runs an acceptance test with the env's provider.
func (e *testEnv) test(tc resource.TestCase) {
	e.t.Helper()
	if tc.ProtoV6ProviderFactories == nil {
		tc.ProtoV6ProviderFactories = e.factories()
	}
	resource.ParallelTest(e.t, tc)
}

// countSince is a Check that asserts how many requests matching method and
// pattern the mock saw after the mark.
func (e *testEnv) expectCalls(mark *int, method, pattern string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := 0
		for _, r := range e.mock.Requests()[*mark:] {
			if (method == "" || r.Method == method) && examock.MatchPath(pattern, r.Path) {
				got++
			}
		}
		if got != want {
			return fmt.Errorf("%s %s: want %d calls, got %d; log:\n%s", method, pattern, want, got, e.logText(*mark))
		}
		return nil
	}
}

// logText prints the request log from mark on, for failure messages.
func (e *testEnv) logText(mark int) string {
	var b strings.Builder
	for _, r := range e.mock.Requests()[mark:] {
		fmt.Fprintf(&b, "  %s %s -> %d %s\n", r.Method, r.Path, r.Status, r.Body)
	}
	return b.String()
}

// hook is a plan check that runs a function: placed last in a step
// (PostApplyPostRefresh), it acts between the step and the next one, or
// destroy.
type hook func()

func (h hook) CheckPlan(context.Context, plancheck.CheckPlanRequest, *plancheck.CheckPlanResponse) {
	h()
}

// mark records the length of the request log, to count what follows.
func (e *testEnv) mark(p *int) plancheck.PlanCheck {
	return hook(func() { *p = len(e.mock.Requests()) })
}

func TestProvider_schemaIsValid(t *testing.T) {
	// Building the server validates every schema and its defaults.
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("schema diagnostic: %s: %s", d.Summary, d.Detail)
	}
	if _, ok := resp.ResourceSchemas["exa_webset_search"]; !ok {
		t.Error("exa_webset_search is not registered")
	}
}

func TestAccProvider_missingAPIKey(t *testing.T) {
	t.Setenv("EXA_API_KEY", "")
	env := newTestEnv(t, examock.Options{})
	wsID := env.mock.CreateWebset("")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "exa" {
  base_url = %q
}
resource "exa_webset_search" "s" {
  webset_id    = %q
  query        = "anything"
  target_count = 1
}`, env.url, wsID),
			ExpectError: regexp.MustCompile(`(?s)Missing Exa API key.*EXA_API_KEY`),
		}},
	})
	if n := env.mock.APICount(); n != 0 {
		t.Errorf("want no API calls, got %d", n)
	}
}

func TestAccProvider_plainHTTPRefused(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: `
provider "exa" {
  api_key  = "k"
  base_url = "http://api.example.com"
}
resource "exa_webset_search" "s" {
  webset_id    = "webset_x"
  query        = "anything"
  target_count = 1
}`,
			ExpectError: regexp.MustCompile(`plain http`),
		}},
	})
}

func TestMain(m *testing.M) {
	// Tests talk to their own mock only, never to a real Exa account.
	os.Unsetenv("EXA_BASE_URL")
	os.Unsetenv("EXA_API_KEY")
	os.Exit(m.Run())
}

// The API key never reaches a log line, even at TRACE and even when Exa
// echoes it back in an error body. The key comes from EXA_API_KEY, as users
// should set it, because the test harness logs the configuration it writes.
// Not parallel: it sets the environment of the whole test process.
func TestAccProvider_apiKeyNeverLogged(t *testing.T) {
	logFile := t.TempDir() + "/trace.log"
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("EXA_API_KEY", testAPIKey)
	env := newTestEnv(t, examock.Options{})
	ws := env.mock.CreateWebset("")
	const wrongKey = "exa-wrong-key-d41d8cd98f"
	cfg := func(query string) string {
		return fmt.Sprintf(`
provider "exa" {
  base_url = %q
}
resource "exa_webset_search" "s" {
  webset_id    = %q
  query        = %q
  target_count = 1
}`, env.url, ws, query)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{Config: cfg("anything")},
			{
				// A wrong key: the mock's 401 body echoes it.
				PreConfig:   func() { t.Setenv("EXA_API_KEY", wrongKey) },
				Config:      cfg("anything else"),
				ExpectError: regexp.MustCompile(`(?s)HTTP\s+401.*invalid\s+API\s+key\s+"\*\*\*".*X-Request-Id:\s+req_mock`),
			},
			{
				// The right key again, so that destroy can cancel.
				PreConfig: func() { t.Setenv("EXA_API_KEY", testAPIKey) },
				Config:    cfg("anything"),
			},
		},
	})
	data, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(data)
	if !strings.Contains(log, "Exa API answer") || !strings.Contains(log, `invalid API key`) {
		t.Fatalf("the trace log lacks the provider's request logs; the test proves nothing (%d bytes)", len(data))
	}
	for _, key := range []string{testAPIKey, wrongKey} {
		if n := strings.Count(log, key); n > 0 {
			t.Errorf("API key %q found %d times in the TRACE log", key, n)
		}
	}
	if env.mock.APICount() == 0 {
		t.Errorf("the steps never reached the mock")
	}
}

// diagRecorder wraps the provider server and keeps the diagnostics of every
// PlanResourceChange: terraform-plugin-testing shows errors only, so this
// is how a test sees a plan's warnings.
type diagRecorder struct {
	tfprotov6.ProviderServer
	mu    sync.Mutex
	diags []*tfprotov6.Diagnostic
}

func (d *diagRecorder) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := d.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		d.mu.Lock()
		d.diags = append(d.diags, resp.Diagnostics...)
		d.mu.Unlock()
	}
	return resp, err
}

// recordingFactories serve the env's provider through rec.
func (e *testEnv) recordingFactories(rec *diagRecorder) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"exa": func() (tfprotov6.ProviderServer, error) {
			srv, err := e.factories()["exa"]()
			rec.mu.Lock()
			rec.ProviderServer = srv
			rec.mu.Unlock()
			return rec, err
		},
	}
}

// expectWarning checks that some plan warned with summary and a detail
// containing each of details.
func (d *diagRecorder) expectWarning(summary string, details ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		d.mu.Lock()
		defer d.mu.Unlock()
	next:
		for _, diag := range d.diags {
			if diag.Severity != tfprotov6.DiagnosticSeverityWarning || diag.Summary != summary {
				continue
			}
			for _, want := range details {
				if !strings.Contains(diag.Detail, want) {
					continue next
				}
			}
			return nil
		}
		return fmt.Errorf("no plan warned %q with %q; diagnostics: %+v", summary, details, d.diags)
	}
}
