package provider

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// Every kind the provider serves, as its protocol schema lists them
// (resources, data sources, ephemeral resources, list resources,
// functions and actions), has its page in docs/ with an example, and is
// named in the README's table and in CHANGELOG.md. A kind that tfplugindocs
// cannot render (a generator run with a CLI too old to know it) leaves its
// page out, and this fails.
func TestEveryKindHasItsPage(t *testing.T) {
	srv, err := NewProtocol6Server("test")()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	readme := readRepoFile(t, "README.md")
	changelog := readRepoFile(t, "CHANGELOG.md")
	table := ""
	for _, line := range strings.Split(readme, "\n") {
		for _, row := range []string{"| Resources", "| Data sources", "| Function", "| Ephemeral resource", "| List resources", "| Actions"} {
			if strings.HasPrefix(line, row) {
				table += line + "\n"
			}
		}
	}
	kinds := []struct {
		kind, dir string
		names     []string
	}{
		{"resource", "resources", slices.Sorted(maps.Keys(schemas.ResourceSchemas))},
		{"data source", "data-sources", slices.Sorted(maps.Keys(schemas.DataSourceSchemas))},
		{"ephemeral resource", "ephemeral-resources", slices.Sorted(maps.Keys(schemas.EphemeralResourceSchemas))},
		{"list resource", "list-resources", slices.Sorted(maps.Keys(schemas.ListResourceSchemas))},
		{"function", "functions", slices.Sorted(maps.Keys(schemas.Functions))},
		{"action", "actions", slices.Sorted(maps.Keys(schemas.ActionSchemas))},
	}
	seen := 0
	for _, k := range kinds {
		for _, name := range k.names {
			seen++
			mention := "`" + name + "`"
			if k.kind == "function" {
				mention = "`provider::exa::" + name
			}
			if !strings.Contains(table, mention) {
				t.Errorf("%s %s is not in the README's table", k.kind, name)
			}
			if !strings.Contains(changelog, mention) {
				t.Errorf("%s %s is not in CHANGELOG.md", k.kind, name)
			}
			page := filepath.Join("..", "..", "docs", k.dir, strings.TrimPrefix(name, "exa_")+".md")
			data, err := os.ReadFile(page)
			if err != nil {
				t.Errorf("%s %s has no page: %v (run make generate)", k.kind, name, err)
				continue
			}
			if !strings.Contains(string(data), "## Example Usage") {
				t.Errorf("%s %s: its page %s has no example (examples/%s/%s/)", k.kind, name, page, k.dir, name)
			}
		}
	}
	if seen < 25 {
		t.Errorf("the schema lists only %d kinds: %+v", seen, kinds)
	}
}

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
