package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// Helpers shared by the tests of this package: the per-test mock and
// provider (testEnv), request-log checks, plan hooks, and value builders.

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
	// A field the provider misspells fails the test instead of being
	// ignored.
	opts.RejectUnknownFields = true
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
		"exa": NewProtocol6Server("test", all...),
	}
}

// realFactories serve the provider with its production retry, polling and
// rate-limit settings.
func (e *testEnv) realFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"exa": NewProtocol6Server("test"),
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

// requestCount is a state check (a step's ConfigStateChecks, run after
// its apply) of how many requests matching method and pattern the mock saw
// after the mark: what a step sent to the API.
type requestCount struct {
	env             *testEnv
	mark            *int
	method, pattern string
	want            int
}

var _ statecheck.StateCheck = requestCount{}

// CheckState implements statecheck.StateCheck.
func (c requestCount) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c.check()
}

func (c requestCount) check() error {
	got := 0
	for _, r := range c.env.mock.Requests()[*c.mark:] {
		if (c.method == "" || r.Method == c.method) && examock.MatchPath(c.pattern, r.Path) {
			got++
		}
	}
	if got != c.want {
		return fmt.Errorf("%s %s: want %d calls, got %d; log:\n%s", c.method, c.pattern, c.want, got, c.env.logText(*c.mark))
	}
	return nil
}

// expectCalls checks how many requests matching method and pattern the
// mock saw after the mark.
func (e *testEnv) expectCalls(mark *int, method, pattern string, want int) requestCount {
	return requestCount{env: e, mark: mark, method: method, pattern: pattern, want: want}
}

// expectCount is expectCalls over the whole log.
func (e *testEnv) expectCount(method, pattern string, want int) requestCount {
	return e.expectCalls(new(int), method, pattern, want)
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

// markRequests is a step's PreConfig that records the length of the
// request log, to count what the step sends.
func (e *testEnv) markRequests(p *int) func() {
	return func() { *p = len(e.mock.Requests()) }
}

// markBeforeDestroy records the length of the request log after the last
// step, to count in CheckDestroy what destroy sends: the post-test destroy
// has no PreConfig, so this plan check, the last thing before it, marks.
func (e *testEnv) markBeforeDestroy(p *int) plancheck.PlanCheck {
	return hook(func() { *p = len(e.mock.Requests()) })
}

// diagRecorder wraps the provider server and keeps the diagnostics of every
// PlanResourceChange, ReadResource and ApplyResourceChange:
// terraform-plugin-testing shows errors only, so this is how a test sees
// warnings.
type diagRecorder struct {
	tfprotov6.ProviderServer
	mu    sync.Mutex
	diags []*tfprotov6.Diagnostic
}

func (d *diagRecorder) keep(diags []*tfprotov6.Diagnostic) {
	d.mu.Lock()
	d.diags = append(d.diags, diags...)
	d.mu.Unlock()
}

func (d *diagRecorder) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := d.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		d.keep(resp.Diagnostics)
	}
	return resp, err
}

func (d *diagRecorder) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := d.ProviderServer.ReadResource(ctx, req)
	if resp != nil {
		d.keep(resp.Diagnostics)
	}
	return resp, err
}

func (d *diagRecorder) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := d.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		d.keep(resp.Diagnostics)
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
		return fmt.Errorf("no plan, read or apply warned %q with %q; diagnostics: %s", summary, details, d.text())
	}
}

// countWarnings counts the recorded warnings with summary.
func (d *diagRecorder) countWarnings(summary string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, x := range d.diags {
		if x.Severity == tfprotov6.DiagnosticSeverityWarning && x.Summary == summary {
			n++
		}
	}
	return n
}

// text lists the recorded diagnostics, for failure messages; d.mu is held.
func (d *diagRecorder) text() string {
	var b strings.Builder
	for _, x := range d.diags {
		fmt.Fprintf(&b, "\n  %s: %s: %s", x.Severity, x.Summary, x.Detail)
	}
	return b.String()
}

func jsonEqual(got, want string) error {
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		return err
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if string(gb) != string(wb) {
		return fmt.Errorf("body:\n got  %s\n want %s", gb, wb)
	}
	return nil
}

// expectCreateBody checks the JSON body of the only create request.
func (e *testEnv) expectCreateBody(want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		posts := e.mock.Find("POST", "/v0/websets/*/searches")
		if len(posts) != 1 {
			return fmt.Errorf("want 1 create, got %d", len(posts))
		}
		var got, exp any
		if err := json.Unmarshal([]byte(posts[0].Body), &got); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(want), &exp); err != nil {
			return err
		}
		if !reflect.DeepEqual(got, exp) {
			return fmt.Errorf("create body:\n got  %s\n want %s", posts[0].Body, want)
		}
		return nil
	}
}

// createSearchOutOfBand makes a search as another tool would, straight
// through the API, and returns its id.
func (e *testEnv) createSearchOutOfBand(ws, body string) string {
	e.t.Helper()
	req, err := http.NewRequest("POST", e.url+"/websets/v0/websets/"+ws+"/searches", strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("x-api-key", testAPIKey)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct{ ID string }
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != 200 {
		e.t.Fatalf("out-of-band create: %d %v", res.StatusCode, err)
	}
	return out.ID
}

func importID(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[searchAddr]
	if !ok {
		return "", fmt.Errorf("%s not in state", searchAddr)
	}
	return rs.Primary.Attributes["webset_id"] + "/" + rs.Primary.ID, nil
}

// countMethod counts the requests of a method to any path.
func (e *testEnv) countMethod(method string) int {
	n := 0
	for _, r := range e.mock.Requests() {
		if r.Method == method {
			n++
		}
	}
	return n
}

// countBefore counts the matching requests logged before mark.
func countBefore(e *testEnv, mark int, method, pattern string) int {
	n := 0
	for _, r := range e.mock.Requests()[:mark] {
		if r.Method == method && examock.MatchPath(pattern, r.Path) {
			n++
		}
	}
	return n
}

// objectValue builds a value of an object type: the given attributes, and
// null for every other one.
func objectValue(typ tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	obj, _ := typ.(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, t := range obj.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(t, nil)
		}
	}
	return tftypes.NewValue(typ, vals)
}

func dynamic(t testing.TB, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func ptr[T any](v T) *T { return &v }

func writeCSV(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "accounts.csv")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Errorf("%s", what)
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// exactlyTheOneInState checks that the mock holds exactly one object of a
// kind, and that it is the one in state.
func exactlyTheOneInState(env *testEnv, addr string, ids func() []string) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(addr, "id", func(id string) error {
		if got := ids(); len(got) != 1 || got[0] != id {
			return fmt.Errorf("want exactly the object in state (%s) at the mock, got %v\n%s", id, got, env.logText(0))
		}
		return nil
	})
}

func nonEmpty(v string) error {
	if v == "" {
		return fmt.Errorf("empty")
	}
	return nil
}

// configuredServer is the provider's protocol server, configured against
// the mock at url as Terraform would configure it, with the resource
// schemas it answered.
func configuredServer(t testing.TB, url string, opts ...Option) (tfprotov6.ProviderServer, *tfprotov6.GetProviderSchemaResponse) {
	t.Helper()
	srv, err := NewProtocol6Server("test", opts...)()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	pType := schemas.Provider.ValueType()
	configured, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		Config: dynamic(t, pType, objectValue(pType, map[string]tftypes.Value{
			"api_key":             tftypes.NewValue(tftypes.String, testAPIKey),
			"base_url":            tftypes.NewValue(tftypes.String, url),
			"requests_per_second": tftypes.NewValue(tftypes.Number, 0),
		})),
	})
	if err != nil || len(configured.Diagnostics) > 0 {
		t.Fatalf("configure: %v %v", err, configured.Diagnostics)
	}
	return srv, schemas
}
