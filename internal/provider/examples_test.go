package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

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

func hasTF(dir string) bool {
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	return len(files) > 0
}
