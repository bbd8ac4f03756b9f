package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// examplesDir is the repository's examples folder, which tfplugindocs puts
// into the docs.
const examplesDir = "../../examples"

// Every example is applied against the mock and destroyed again, so an
// example that rots fails the build. The provider is configured from the
// environment, as the examples tell users to do. Not parallel: it sets the
// process environment.
func TestAccExamples(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(examplesDir, "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, filepath.Join(examplesDir, "provider"), filepath.Join(examplesDir, "quickstart"))
	seen := 0
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() || !hasTF(dir) {
			continue
		}
		seen++
		name, _ := filepath.Rel(examplesDir, dir)
		t.Run(name, func(t *testing.T) {
			// Searches finish at once, so that outputs showing progress
			// do not change between apply and the next plan.
			env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
			// Fixtures that the data source examples look up.
			crm := env.mock.CreateWebset("crm-accounts")
			env.createSearchOutOfBand(crm, `{"query":"Our CRM accounts","count":3,"metadata":{"`+examock.LifecycleMetadataKey+`":"immediate"}}`)
			t.Setenv("EXA_API_KEY", testAPIKey)
			t.Setenv("EXA_BASE_URL", env.url)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				TerraformVersionChecks:   exampleNeeds(name),
				Steps: []resource.TestStep{{
					Config: exampleConfig(t, dir),
				}},
			})
		})
	}
	if seen < 7 {
		t.Errorf("found only %d example folders under %s", seen, examplesDir)
	}
}

// Every resource example has an import.sh that uses the documented ID form.
func TestExamplesImportScripts(t *testing.T) {
	line := regexp.MustCompile(`^terraform import (exa_[a-z_]+)\.[a-z_]+ \S+$`)
	dirs, _ := filepath.Glob(filepath.Join(examplesDir, "resources", "*"))
	if len(dirs) == 0 {
		t.Fatal("no resource examples")
	}
	for _, dir := range dirs {
		data, err := os.ReadFile(filepath.Join(dir, "import.sh"))
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		imports := 0
		for _, l := range strings.Split(string(data), "\n") {
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			m := line.FindStringSubmatch(l)
			if m == nil || m[1] != filepath.Base(dir) {
				t.Errorf("%s/import.sh: %q is not `terraform import %s.<name> <id>`", dir, l, filepath.Base(dir))
			}
			imports++
		}
		if imports == 0 {
			t.Errorf("%s/import.sh imports nothing", dir)
		}
	}
	// The search's import ID has its documented form.
	data, _ := os.ReadFile(filepath.Join(examplesDir, "resources", "exa_webset_search", "import.sh"))
	id := strings.Fields(strings.TrimSpace(string(regexp.MustCompile(`(?m)^terraform.*$`).Find(data))))
	if len(id) != 4 {
		t.Fatalf("search import.sh: %q", data)
	}
	if _, _, err := parseChildImportID(id[3], "search_id"); err != nil {
		t.Errorf("search import.sh: %v", err)
	}
}

// exampleConfig joins an example's .tf files. Its terraform block (which
// names the registry source) is left out: the test harness writes its own,
// pointing at the provider under test.
func exampleConfig(t *testing.T, dir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// The harness runs the config from a folder of its own: point
		// path.module at the example's folder, where its files are.
		abs, _ := filepath.Abs(dir)
		b.WriteString(strings.ReplaceAll(withoutTerraformBlock(string(data)), "${path.module}", abs))
		b.WriteString("\n")
	}
	return b.String()
}

// withoutTerraformBlock cuts a top-level `terraform { ... }` block.
func withoutTerraformBlock(hcl string) string {
	start := strings.Index(hcl, "\nterraform {")
	if strings.HasPrefix(hcl, "terraform {") {
		start = 0
	} else if start < 0 {
		return hcl
	}
	depth := 0
	for i := start; i < len(hcl); i++ {
		switch hcl[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return hcl[:start] + hcl[i+1:]
			}
		}
	}
	return hcl
}

// exampleNeeds skips an example on an engine that lacks its kind: provider
// functions came with Terraform 1.8 (OpenTofu 1.7), ephemeral resources
// with Terraform 1.10 (OpenTofu 1.11), actions with Terraform 1.14 (the
// suite's OpenTofu, 1.12, has none, and its version is below 1.14).
func exampleNeeds(name string) []tfversion.TerraformVersionCheck {
	switch filepath.Dir(name) {
	case "functions":
		return []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}
	case "ephemeral-resources":
		return []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)}
	case "actions":
		return []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}
	}
	return nil
}

func hasTF(dir string) bool {
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	return len(files) > 0
}

// cliRun is the real CLI with the provider built as a binary and found
// through a dev_overrides CLI configuration, pointed at the env's mock by
// EXA_BASE_URL: the way a user's own CI runs the provider.
type cliRun struct {
	t      *testing.T
	engine string
	env    []string
}

// newCLIRun builds the provider and writes the CLI configuration. It runs
// on OpenTofu and on Terraform 1.14 and later, and skips, saying why, on
// Terraform 1.5.7, which lacks the features it serves.
func newCLIRun(t *testing.T, env *testEnv, why string) *cliRun {
	t.Helper()
	engine := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tofu, v := engineVersion(t, engine); !tofu && v.LessThan(version.Must(version.NewVersion("1.14.0"))) {
		t.Skipf("runs on OpenTofu and Terraform 1.14 (make testacc-tofu, make testacc-terraform-latest), not on Terraform %s: %s", v, why)
	}
	return buildCLIRun(t, env, engine)
}

// newTerraformCLIRun is newCLIRun for what only Terraform 1.14 and later
// have, such as terraform query.
func newTerraformCLIRun(t *testing.T, env *testEnv, why string) *cliRun {
	t.Helper()
	engine := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tofu, v := engineVersion(t, engine); tofu || v.LessThan(version.Must(version.NewVersion("1.14.0"))) {
		t.Skipf("runs on Terraform 1.14 and later (make testacc-terraform-latest), not on %s: %s", filepath.Base(engine), why)
	}
	return buildCLIRun(t, env, engine)
}

// engineVersion says whether engine is OpenTofu, and its version.
func engineVersion(t *testing.T, engine string) (tofu bool, v *version.Version) {
	t.Helper()
	if engine == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH is not set")
	}
	out, err := exec.Command(engine, "version", "-json").Output()
	var parsed struct {
		Version string `json:"terraform_version"`
	}
	if err != nil || json.Unmarshal(out, &parsed) != nil {
		t.Fatalf("%s version -json: %v\n%s", engine, err, out)
	}
	v, err = version.NewVersion(parsed.Version)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := exec.Command(engine, "version").Output()
	return strings.Contains(string(plain), "OpenTofu"), v
}

func buildCLIRun(t *testing.T, env *testEnv, engine string) *cliRun {
	t.Helper()
	work := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(work, "plugins", "terraform-provider-exa"), "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	rc := filepath.Join(work, "dev.tfrc")
	if err := os.WriteFile(rc, []byte(`provider_installation {
  dev_overrides {
    "exa-community/exa" = "`+filepath.Join(work, "plugins")+`"
  }
  direct {}
}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	return &cliRun{t: t, engine: engine, env: append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+rc, "EXA_BASE_URL="+env.url, "EXA_API_KEY="+testAPIKey, "TF_LOG=", "TF_IN_AUTOMATION=1")}
}

// run runs the CLI in dir and returns its output and exit code.
func (c *cliRun) run(dir string, args ...string) (string, int) {
	c.t.Helper()
	cmd := exec.Command(c.engine, append(args, "-no-color")...)
	cmd.Dir, cmd.Env = dir, c.env
	out, err := cmd.CombinedOutput()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		c.t.Fatalf("%s %v: %v", c.engine, args, err)
	}
	return string(out), code
}

// The example module of the guide "Testing your configuration without an
// Exa account" passes its own `tofu test` against the mock, as a user's CI
// would run it. Terraform 1.5.7's `terraform test` is the earlier
// experimental framework, which reads no .tftest.hcl.
func TestAccExampleModule_tofuTest(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	cli := newCLIRun(t, env, "Terraform 1.5.7 has no .tftest.hcl framework")
	module := filepath.Join(t.TempDir(), "module")
	if err := os.CopyFS(module, os.DirFS(filepath.Join(examplesDir, "testing", "module"))); err != nil {
		t.Fatal(err)
	}
	if out, code := cli.run(module, "test"); code != 0 || !strings.Contains(out, "2 passed, 0 failed") {
		t.Fatalf("tofu test: exit %d\n%s", code, out)
	}
	// What reached the mock: the module's webset and search, then tofu
	// test's own cleanup, which deletes the webset.
	for _, want := range []struct {
		method, path string
		n            int
	}{{"POST", "/v0/websets", 1}, {"POST", "/v0/websets/*/searches", 1}, {"DELETE", "/v0/websets/*", 1}} {
		if got := env.mock.Count(want.method, want.path); got != want.n {
			t.Errorf("%s %s: want %d, got %d\n%s", want.method, want.path, want.n, got, env.logText(0))
		}
	}
}

// The guide's CI recipe with faults: curl makes the mock answer the next
// two search creates with 429 (Retry-After: 1) through POST /_mock/faults,
// and the module's own `tofu test` still passes, because the provider
// waits and retries; DELETE /_mock/faults clears what is left.
func TestAccExampleModule_tofuTestWithFaultsFromCurl(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	cli := newCLIRun(t, env, "Terraform 1.5.7 has no .tftest.hcl framework")
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed (.ci/run installs it)")
	}
	module := filepath.Join(t.TempDir(), "module")
	if err := os.CopyFS(module, os.DirFS(filepath.Join(examplesDir, "testing", "module"))); err != nil {
		t.Fatal(err)
	}
	inject := exec.Command(curl, "-sf", "-X", "POST", env.url+"/_mock/faults",
		"-d", `{"method": "POST", "path": "^/websets/v0/websets/[^/]+/searches$", "status": 429, "retry_after": 1, "times": 2}`)
	if out, err := inject.CombinedOutput(); err != nil {
		t.Fatalf("curl POST /_mock/faults: %v\n%s", err, out)
	}
	if out, code := cli.run(module, "test"); code != 0 || !strings.Contains(out, "2 passed, 0 failed") {
		t.Fatalf("tofu test: exit %d\n%s", code, out)
	}
	var statuses []int
	for _, r := range env.mock.Find("POST", "/v0/websets/*/searches") {
		statuses = append(statuses, r.Status)
	}
	if fmt.Sprint(statuses) != "[429 429 200]" {
		t.Errorf("search creates answered %v; want two injected 429s, then the create", statuses)
	}
	if out, err := exec.Command(curl, "-sf", "-X", "DELETE", env.url+"/_mock/faults").CombinedOutput(); err != nil {
		t.Errorf("curl DELETE /_mock/faults: %v\n%s", err, out)
	}
}

// Adopting what already exists, as the guide "Adopting existing websets"
// shows it: a webset and a search made outside Terraform are named in
// import blocks, OpenTofu generates their configuration, the apply imports
// them without creating anything, and the next plan is empty. (Terraform
// 1.5.7 crashes generating configuration for this schema: see the guide.)
func TestAccAdoption_importBlocksWithGeneratedConfig(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	cli := newCLIRun(t, env, "Terraform before 1.9.3 cannot generate configuration for this schema")
	ws := env.mock.CreateWebset("dashboard-made")
	search := env.createSearchOutOfBand(ws, `{"query":"Robotics startups in Europe","count":3,"criteria":[{"description":"founded after 2020"}]}`)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(fmt.Sprintf(`terraform {
  required_providers {
    exa = { source = "exa-community/exa" }
  }
}

import {
  to = exa_webset.crm
  id = %q
}

import {
  to = exa_webset_search.crm
  id = "%s/%s"
}
`, ws, ws, search)), 0o600); err != nil {
		t.Fatal(err)
	}
	mark := len(env.mock.Requests())
	if out, code := cli.run(dir, "plan", "-generate-config-out=generated.tf"); code != 0 {
		t.Fatalf("plan -generate-config-out: exit %d\n%s", code, out)
	}
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`resource "exa_webset" "crm"`, `resource "exa_webset_search" "crm"`, `query`, `Robotics startups in Europe`} {
		if !strings.Contains(string(generated), want) {
			t.Errorf("generated.tf lacks %q:\n%s", want, generated)
		}
	}
	if out, code := cli.run(dir, "apply", "-auto-approve"); code != 0 || !strings.Contains(out, "2 imported, 0 added, 0 changed, 0 destroyed") {
		t.Fatalf("apply: exit %d\n%s", code, out)
	}
	if out, code := cli.run(dir, "plan", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adopting is not empty (exit %d):\n%s\n%s", code, out, generated)
	}
	for _, r := range env.mock.Requests()[mark:] {
		if r.Method != "GET" {
			t.Errorf("adopting sent %s %s: it must only read", r.Method, r.Path)
		}
	}
}

// Using the provider before it is published, as the README shows: `make
// mirror` fills a filesystem mirror, a CLI configuration points init at it,
// and the quickstart inits, applies and destroys against the mock. On both
// engines: each resolves exa-community/exa on its own registry host.
func TestAccQuickstart_throughAFilesystemMirror(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	cli := newMirrorCLI(t, env)
	dir := filepath.Join(t.TempDir(), "quickstart")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(examplesDir, "quickstart"))); err != nil {
		t.Fatal(err)
	}
	out, code := cli.run(dir, "init", "-input=false")
	if code != 0 || !strings.Contains(out, "exa-community/exa v0.1.0") {
		t.Fatalf("init from the mirror: exit %d\n%s", code, out)
	}
	if out, code := cli.run(dir, "apply", "-auto-approve", "-input=false"); code != 0 {
		t.Fatalf("apply: exit %d\n%s", code, out)
	}
	if env.mock.Count("POST", "/v0/websets") != 1 || env.mock.Count("POST", "/v0/websets/*/searches") == 0 {
		t.Errorf("the quickstart did not reach the mock:\n%s", env.logText(0))
	}
	if out, code := cli.run(dir, "destroy", "-auto-approve", "-input=false"); code != 0 {
		t.Fatalf("destroy: exit %d\n%s", code, out)
	}
}

// The guide's CI job for before the first release runs
// scripts/test-module.sh: the provider from a checkout into a filesystem
// mirror, the mock built from the same checkout, and the module's own tests
// against it. This runs that script on the guide's module, as the job does.
func TestAccTestingGuide_ciJobBeforeTheFirstRelease(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1, as make test does")
	}
	engine := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tofu, v := engineVersion(t, engine); !tofu && v.LessThan(version.Must(version.NewVersion("1.6.0"))) {
		t.Skipf("terraform test reads .tftest.hcl from Terraform 1.6 on, not on %s", v)
	}
	module := filepath.Join(t.TempDir(), "module")
	if err := os.CopyFS(module, os.DirFS(filepath.Join(examplesDir, "testing", "module"))); err != nil {
		t.Fatal(err)
	}
	guide := readRepoFile(t, "templates/guides/testing-without-exa.md.tmpl")
	if !strings.Contains(guide, "scripts/test-module.sh") {
		t.Fatal("the testing guide's CI job does not run scripts/test-module.sh, which this test runs")
	}
	cmd := exec.Command("bash", "../../scripts/test-module.sh", "../..", module, engine)
	cmd.Env = append(os.Environ(), "TF_LOG=", "TF_IN_AUTOMATION=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "2 passed, 0 failed") {
		t.Fatalf("scripts/test-module.sh: %v\n%s", err, out)
	}
}

// make mirror mirrors the same build again without a word, and refuses a
// different build under a version it already holds, saying what to do:
// init would refuse it with a checksum mismatch.
func TestMirror_refusesAnotherBuildUnderTheSameVersion(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	dir := t.TempDir()
	mirror := func() (string, error) {
		out, err := exec.Command("make", "-C", "../..", "--no-print-directory", "mirror", "MIRROR_DIR="+dir, "MIRROR_VERSION=0.1.0").CombinedOutput()
		return string(out), err
	}
	for range 2 {
		if out, err := mirror(); err != nil {
			t.Fatalf("make mirror of the same source: %v\n%s", err, out)
		}
	}
	bin := filepath.Join(dir, "registry.terraform.io", "exa-community", "exa", "0.1.0", runtime.GOOS+"_"+runtime.GOARCH, "terraform-provider-exa_v0.1.0")
	f, err := os.OpenFile(bin, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString("another build")
	_ = f.Close()
	out, err := mirror()
	if err == nil || !strings.Contains(out, "already holds another build of version 0.1.0") || !strings.Contains(out, "MIRROR_VERSION=") {
		t.Fatalf("want make mirror to refuse another build under 0.1.0, got %v\n%s", err, out)
	}
}

// newMirrorCLI runs the engine under test (either) as a user would before
// the provider is published: `make mirror` fills a filesystem mirror, and a
// CLI configuration points init at it. EXA_BASE_URL and EXA_API_KEY point
// at the env's mock.
func newMirrorCLI(t *testing.T, env *testEnv) *cliRun {
	t.Helper()
	// Like every acceptance test (resource.Test skips them the same way),
	// it runs only with TF_ACC set: `make testunit` leaves it out.
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1, as make test does")
	}
	engine := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if engine == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH is not set")
	}
	work := t.TempDir()
	mirror := filepath.Join(work, "mirror")
	if out, err := exec.Command("make", "-C", "../..", "--no-print-directory", "mirror", "MIRROR_DIR="+mirror, "MIRROR_VERSION=0.1.0").CombinedOutput(); err != nil {
		t.Fatalf("make mirror: %v\n%s", err, out)
	}
	rc := filepath.Join(work, "mirror.tfrc")
	if err := os.WriteFile(rc, []byte(`provider_installation {
  filesystem_mirror {
    path    = "`+mirror+`"
    include = ["registry.terraform.io/exa-community/exa", "registry.opentofu.org/exa-community/exa"]
  }
  direct {
    exclude = ["registry.terraform.io/exa-community/exa", "registry.opentofu.org/exa-community/exa"]
  }
}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	return &cliRun{t: t, engine: engine, env: append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+rc, "EXA_BASE_URL="+env.url, "EXA_API_KEY="+testAPIKey, "TF_LOG=", "TF_IN_AUTOMATION=1")}
}

// The README's first example, as written (required_providers included):
// it inits, applies against the mock on both engines, and its output lists
// the items that the search found, because the search is waited for before
// the items are read.
func TestAccReadme_firstExampleAppliesAsWritten(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{CompleteAfterReads: 2}})
	cli := newMirrorCLI(t, env)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```terraform\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 || !strings.Contains(example, "required_providers") {
		t.Fatalf("the README's first terraform block is not a whole configuration:\n%s", example)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(example), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, code := cli.run(dir, "init", "-input=false"); code != 0 {
		t.Fatalf("init: exit %d\n%s", code, out)
	}
	if out, code := cli.run(dir, "apply", "-auto-approve", "-input=false"); code != 0 {
		t.Fatalf("apply: exit %d\n%s", code, out)
	}
	out, code := cli.run(dir, "output", "-json")
	var outputs struct {
		Companies struct{ Value []string } `json:"companies"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &outputs) != nil || len(outputs.Companies.Value) != 50 {
		t.Fatalf("want the 50 companies the search found in the output, got exit %d: %s", code, out)
	}
	if out, code := cli.run(dir, "destroy", "-auto-approve", "-input=false"); code != 0 {
		t.Fatalf("destroy: exit %d\n%s", code, out)
	}
}

// Import by resource identity (OpenTofu 1.12): objects made outside
// Terraform, named in import blocks by `identity = { ... }` rather than an
// ID string, are imported with generated configuration, with only reads,
// and the next plan is empty; state records each identity.
func TestAccIdentity_importBlocksByIdentity(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	cli := newCLIRun(t, env, "Terraform 1.5.7 predates resource identity")
	ctx := context.Background()
	c, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	ws := env.mock.CreateWebset("made-in-the-dashboard")
	search := env.createSearchOutOfBand(ws, `{"query":"Robotics startups in Europe","count":3}`)
	enrichment, err := c.CreateEnrichment(ctx, ws, &exa.CreateEnrichmentRequest{Description: "Name of the CEO", Format: "text"})
	if err != nil {
		t.Fatal(err)
	}
	monitor, err := c.CreateMonitor(ctx, &exa.CreateMonitorRequest{WebsetID: ws, Cadence: exa.MonitorCadence{Cron: "0 9 * * 1"},
		Behavior: exa.MonitorBehavior{Type: "search", Config: exa.MonitorSearchConfig{Count: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	hook, err := c.CreateWebhook(ctx, &exa.WebhookRequest{URL: "https://hooks.example.com/exa", Events: []string{"webset.idle"}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(fmt.Sprintf(`terraform {
  required_providers {
    exa = { source = "exa-community/exa" }
  }
}

import {
  to       = exa_webset.w
  identity = { id = %[1]q }
}

import {
  to       = exa_webset_search.s
  identity = { webset_id = %[1]q, id = %[2]q }
}

import {
  to       = exa_webset_enrichment.e
  identity = { webset_id = %[1]q, id = %[3]q }
}

import {
  to       = exa_monitor.m
  identity = { id = %[4]q }
}

import {
  to       = exa_webhook.h
  identity = { id = %[5]q }
}
`, ws, search, enrichment.ID, monitor.ID, hook.ID)), 0o600); err != nil {
		t.Fatal(err)
	}
	mark := len(env.mock.Requests())
	if out, code := cli.run(dir, "plan", "-generate-config-out=generated.tf"); code != 0 {
		t.Fatalf("plan -generate-config-out: exit %d\n%s", code, out)
	}
	if out, code := cli.run(dir, "apply", "-auto-approve"); code != 0 || !strings.Contains(out, "5 imported, 0 added, 0 changed, 0 destroyed") {
		t.Fatalf("apply: exit %d\n%s", code, out)
	}
	if out, code := cli.run(dir, "plan", "-detailed-exitcode"); code != 0 {
		generated, _ := os.ReadFile(filepath.Join(dir, "generated.tf"))
		t.Fatalf("the plan after importing by identity is not empty (exit %d):\n%s\n%s", code, out, generated)
	}
	for _, r := range env.mock.Requests()[mark:] {
		if r.Method != "GET" {
			t.Errorf("importing sent %s %s: it must only read", r.Method, r.Path)
		}
	}
	// State keeps each resource's identity.
	state, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"identity": {`, `"webset_id": "` + ws + `"`, `"id": "` + search + `"`, `"id": "` + hook.ID + `"`} {
		if !strings.Contains(string(state), want) {
			t.Errorf("state lacks %s", want)
		}
	}
}
