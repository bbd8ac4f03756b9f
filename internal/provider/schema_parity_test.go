package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every hand-written attribute-type map must be the type the schema gives
// at its path: a key misspelled in a map would otherwise surface only when
// an apply fails, or never (attrString on a missing key reads null).
func TestAttrTypeMapsMatchTheirSchemas(t *testing.T) {
	ctx := context.Background()
	resourceSchema := func(r resource.Resource) func(path.Path) (attr.Type, bool) {
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		return func(p path.Path) (attr.Type, bool) {
			typ, diags := resp.Schema.TypeAtPath(ctx, p)
			return typ, !diags.HasError()
		}
	}
	dataSourceSchema := func(d datasource.DataSource) func(path.Path) (attr.Type, bool) {
		var resp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &resp)
		return func(p path.Path) (attr.Type, bool) {
			typ, diags := resp.Schema.TypeAtPath(ctx, p)
			return typ, !diags.HasError()
		}
	}
	search := resourceSchema(NewWebsetSearchResource())
	monitor := resourceSchema(NewMonitorResource())
	imp := resourceSchema(NewImportResource())
	items := dataSourceSchema(NewWebsetItemsDataSource())
	cases := []struct {
		name   string
		schema func(path.Path) (attr.Type, bool)
		at     path.Path
		types  map[string]attr.Type
	}{
		{"entityAttrTypes", search, path.Root("entity"), entityAttrTypes},
		{"criterionAttrTypes", search, path.Root("criteria").AtListIndex(0), criterionAttrTypes},
		{"sourceAttrTypes", search, path.Root("exclude").AtListIndex(0), sourceAttrTypes},
		{"scopeAttrTypes", search, path.Root("scope").AtListIndex(0), scopeAttrTypes},
		{"relationshipAttrTypes", search, path.Root("scope").AtListIndex(0).AtName("relationship"), relationshipAttrTypes},
		{"progressAttrTypes", search, path.Root("progress"), progressAttrTypes},
		{"recallResultAttrTypes", search, path.Root("recall_result"), recallResultAttrTypes},
		{"expectedAttrTypes", search, path.Root("recall_result").AtName("expected"), expectedAttrTypes},
		{"boundsAttrTypes", search, path.Root("recall_result").AtName("expected").AtName("bounds"), boundsAttrTypes},
		{"cadenceAttrTypes", monitor, path.Root("cadence"), cadenceAttrTypes},
		{"monitorBehaviorAttrTypes", monitor, path.Root("behavior"), monitorBehaviorAttrTypes},
		{"monitorConfigAttrTypes", monitor, path.Root("behavior").AtName("config"), monitorConfigAttrTypes},
		{"monitorCriterionAttrTypes", monitor, path.Root("behavior").AtName("config").AtName("criteria").AtListIndex(0), monitorCriterionAttrTypes},
		{"monitorRunAttrTypes", monitor, path.Root("last_run"), monitorRunAttrTypes},
		{"monitorRunAttrTypes (runs)", dataSourceSchema(NewMonitorRunsDataSource()), path.Root("runs").AtListIndex(0), monitorRunAttrTypes},
		{"importCSVAttrTypes", imp, path.Root("csv"), importCSVAttrTypes},
		{"attemptAttrTypes", dataSourceSchema(NewWebhookAttemptsDataSource()), path.Root("attempts").AtListIndex(0), attemptAttrTypes},
		{"searchSummaryAttrTypes", dataSourceSchema(NewWebsetDataSource()), path.Root("searches").AtListIndex(0), searchSummaryAttrTypes},
		{"itemAttrTypes", items, path.Root("items").AtListIndex(0), itemAttrTypes},
		{"evaluationAttrTypes", items, path.Root("items").AtListIndex(0).AtName("evaluations").AtListIndex(0), evaluationAttrTypes},
		{"referenceAttrTypes", items, path.Root("items").AtListIndex(0).AtName("evaluations").AtListIndex(0).AtName("references").AtListIndex(0), referenceAttrTypes},
		{"enrichmentAttrTypes", items, path.Root("items").AtListIndex(0).AtName("enrichments").AtListIndex(0), enrichmentAttrTypes},
	}
	for _, tc := range cases {
		got, ok := tc.schema(tc.at)
		if !ok {
			t.Errorf("%s: the schema has no attribute at %s", tc.name, tc.at)
			continue
		}
		if want := (types.ObjectType{AttrTypes: tc.types}); !got.Equal(want) {
			t.Errorf("%s differs from the schema at %s:\n  map:    %s\n  schema: %s", tc.name, tc.at, want, got)
		}
	}
}
