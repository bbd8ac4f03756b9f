package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Every resource and data source the provider serves is named in the
// README's table and in CHANGELOG.md, and has its page in docs/.
func TestEveryResourceAndDataSourceIsDocumented(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	readme := readRepoFile(t, "README.md")
	changelog := readRepoFile(t, "CHANGELOG.md")
	table := ""
	for _, line := range strings.Split(readme, "\n") {
		if strings.HasPrefix(line, "| Resources") || strings.HasPrefix(line, "| Data sources") {
			table += line + "\n"
		}
	}
	check := func(kind, name, dir string) {
		t.Helper()
		if !strings.Contains(table, "`"+name+"`") {
			t.Errorf("%s %s is not in the README's table", kind, name)
		}
		if !strings.Contains(changelog, "`"+name+"`") {
			t.Errorf("%s %s is not in CHANGELOG.md", kind, name)
		}
		page := filepath.Join("..", "..", "docs", dir, strings.TrimPrefix(name, "exa_")+".md")
		if _, err := os.Stat(page); err != nil {
			t.Errorf("%s %s has no page: %v", kind, name, err)
		}
	}
	for _, f := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "exa"}, &resp)
		check("resource", resp.TypeName, "resources")
	}
	for _, f := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "exa"}, &resp)
		check("data source", resp.TypeName, "data-sources")
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
