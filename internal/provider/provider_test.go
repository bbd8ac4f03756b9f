package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

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

// A base_url that could leak, or that already holds /websets (the provider
// adds it), is refused at validate, before any request, one test step per
// reason.
func TestAccProvider_leakyBaseURLRefusedAtValidate(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	var steps []resource.TestStep
	for _, c := range []struct{ url, want string }{
		{"https://user:s3cret-pw@api.example.com", `(?s)Invalid base_url.*must\s+not\s+carry\s+user\s+info`},
		{"https://api.example.com/?token=abc", `(?s)Invalid base_url.*must\s+not\s+have\s+a\s+query`},
		{"https://api.example.com/#frag", `(?s)Invalid base_url.*must\s+not\s+have\s+a\s+fragment`},
		{"http://api.example.com", `(?s)Invalid base_url.*plain\s+http`},
		{"https://api.example.com/websets/v0", `(?s)Invalid base_url.*must\s+be\s+the\s+API's\s+root.*adds\s+/websets/v0`},
	} {
		steps = append(steps, resource.TestStep{
			Config: fmt.Sprintf(`
provider "exa" {
  api_key  = "k"
  base_url = %q
}
data "exa_webset" "w" {
  id = "webset_x"
}`, c.url),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	env.test(resource.TestCase{Steps: steps})
	if n := len(env.mock.Requests()); n != 0 {
		t.Errorf("%d requests", n)
	}
}

// The base_url validator's message never repeats the password.
func TestBaseURLValidator_neverEchoesThePassword(t *testing.T) {
	req := validator.StringRequest{Path: path.Root("base_url"), ConfigValue: types.StringValue("https://user:s3cret-pw@api.example.com")}
	var resp validator.StringResponse
	baseURL().ValidateString(context.Background(), req, &resp)
	if !resp.Diagnostics.HasError() {
		t.Fatal("want an error")
	}
	for _, d := range resp.Diagnostics {
		if strings.Contains(d.Summary()+d.Detail(), "s3cret-pw") {
			t.Errorf("the diagnostic repeats the password: %s", d.Detail())
		}
	}
}

func TestMain(m *testing.M) {
	// Tests talk to their own mock only, never to a real Exa account; only
	// the live subset (EXA_LIVE=1, make testacc-live) and the sweepers
	// (make sweep) read the key from the environment.
	if os.Getenv("EXA_LIVE") != "1" {
		os.Unsetenv("EXA_BASE_URL")
		os.Unsetenv("EXA_API_KEY")
	}
	// resource.TestMain runs the sweepers when -sweep is given, else the tests.
	resource.TestMain(m)
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

// priority (since the spec: README, "Since the spec") goes as x-exa-websets-priority on webset and
// search creates only; unset, no request carries it.
func TestAccProvider_priorityHeader(t *testing.T) {
	for _, priority := range []string{"high", ""} {
		t.Run("priority="+priority, func(t *testing.T) {
			env := newTestEnv(t, examock.Options{})
			if priority != "" {
				env.settings = fmt.Sprintf("  priority = %q", priority)
			}
			env.test(priorityCase(env, priority))
		})
	}
}

// EXA_PRIORITY alone, with no priority in the provider block, sends the
// header on the same creates. Not parallel: it sets the environment.
func TestAccProvider_priorityFromTheEnvironment(t *testing.T) {
	t.Setenv("EXA_PRIORITY", "low")
	env := newTestEnv(t, examock.Options{})
	tc := priorityCase(env, "low")
	tc.ProtoV6ProviderFactories = env.factories()
	resource.Test(t, tc)
}

// priorityCase applies a webset, a search and an enrichment, and checks
// that exactly the webset and search creates carried the priority want.
func priorityCase(env *testEnv, want string) resource.TestCase {
	return resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "exa_webset" "w" {}

resource "exa_webset_search" "s" {
  webset_id    = exa_webset.w.id
  query        = "Seed-stage robotics startups in Europe"
  target_count = 3
}

resource "exa_webset_enrichment" "e" {
  webset_id   = exa_webset.w.id
  description = "CEO name"
  format      = "text"
}
`),
			Check: func(*terraform.State) error {
				carried := 0
				for _, r := range env.mock.Requests() {
					isCreate := r.Method == "POST" && (examock.MatchPath("/v0/websets", r.Path) || examock.MatchPath("/v0/websets/*/searches", r.Path))
					expect := ""
					if isCreate {
						expect = want
					}
					if r.Priority != expect {
						return fmt.Errorf("%s %s carried priority %q, want %q", r.Method, r.Path, r.Priority, expect)
					}
					if r.Priority != "" {
						carried++
					}
				}
				if want != "" && carried != 2 {
					return fmt.Errorf("want the header on 2 creates, got %d:\n%s", carried, env.logText(0))
				}
				return nil
			},
		}},
	}
}

func TestAccProvider_priorityRefusedAtValidate(t *testing.T) {
	env := newTestEnv(t, examock.Options{})
	env.settings = `  priority = "urgent"`
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      env.webset(""),
			ExpectError: regexp.MustCompile(`Attribute priority value must be one of`),
		}},
	})
	if n := env.mock.APICount(); n != 0 {
		t.Errorf("a bad priority sent %d requests", n)
	}
}
