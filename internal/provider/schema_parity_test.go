package provider

import (
	"context"
	"testing"

	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every nested model's derived type is the type the schema gives at its
// path: a tag misspelled, a field missing or of the wrong kind would
// otherwise surface only when an apply fails. A model inside another is
// held by its parent's row.
func TestNestedModelsMatchTheirSchemas(t *testing.T) {
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
	webset := resourceSchema(NewWebsetResource())
	first := path.Root
	cases := []struct {
		name   string
		schema func(path.Path) (attr.Type, bool)
		at     path.Path
		typ    func() types.ObjectType
	}{
		{"entityModel", search, first("entity"), tfmodel.ObjectType[entityModel]},
		{"criterionModel", search, first("criteria").AtListIndex(0), tfmodel.ObjectType[criterionModel]},
		{"sourceModel (exclude)", search, first("exclude").AtListIndex(0), tfmodel.ObjectType[sourceModel]},
		{"sourceModel (import)", webset, first("import").AtListIndex(0), tfmodel.ObjectType[sourceModel]},
		{"scopeModel", search, first("scope").AtListIndex(0), tfmodel.ObjectType[scopeModel]},
		{"progressModel", search, first("progress"), tfmodel.ObjectType[progressModel]},
		{"recallResultModel", search, first("recall_result"), tfmodel.ObjectType[recallResultModel]},
		{"monitorCadenceModel", monitor, first("cadence"), tfmodel.ObjectType[monitorCadenceModel]},
		{"monitorBehaviorModel", monitor, first("behavior"), tfmodel.ObjectType[monitorBehaviorModel]},
		{"monitorRunModel", monitor, first("last_run"), tfmodel.ObjectType[monitorRunModel]},
		{"monitorRunModel (runs)", dataSourceSchema(NewMonitorRunsDataSource()), first("runs").AtListIndex(0), tfmodel.ObjectType[monitorRunModel]},
		{"importCSVModel", resourceSchema(NewImportResource()), first("csv"), tfmodel.ObjectType[importCSVModel]},
		{"attemptModel", dataSourceSchema(NewWebhookAttemptsDataSource()), first("attempts").AtListIndex(0), tfmodel.ObjectType[attemptModel]},
		{"searchSummaryModel", dataSourceSchema(NewWebsetDataSource()), first("searches").AtListIndex(0), tfmodel.ObjectType[searchSummaryModel]},
		{"itemModel", dataSourceSchema(NewWebsetItemsDataSource()), first("items").AtListIndex(0), tfmodel.ObjectType[itemModel]},
		{"websetSummaryModel", dataSourceSchema(NewWebsetsDataSource()), first("websets").AtListIndex(0), tfmodel.ObjectType[websetSummaryModel]},
		{"monitorSummaryModel", dataSourceSchema(NewMonitorsDataSource()), first("monitors").AtListIndex(0), tfmodel.ObjectType[monitorSummaryModel]},
		{"webhookSummaryModel", dataSourceSchema(NewWebhooksDataSource()), first("webhooks").AtListIndex(0), tfmodel.ObjectType[webhookSummaryModel]},
		{"importSummaryModel", dataSourceSchema(NewImportsDataSource()), first("imports").AtListIndex(0), tfmodel.ObjectType[importSummaryModel]},
		{"eventModel", dataSourceSchema(NewEventsDataSource()), first("events").AtListIndex(0), tfmodel.ObjectType[eventModel]},
	}
	for _, tc := range cases {
		got, ok := tc.schema(tc.at)
		if !ok {
			t.Errorf("%s: the schema has no attribute at %s", tc.name, tc.at)
			continue
		}
		if want := tc.typ(); !got.Equal(want) {
			t.Errorf("%s differs from the schema at %s:\n  model:  %s\n  schema: %s", tc.name, tc.at, want, got)
		}
	}
}
