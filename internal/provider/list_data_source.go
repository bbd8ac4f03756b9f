package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

// listDataSource is the shape of the plural data sources (exa_websets,
// exa_monitors, exa_webhooks, exa_imports, exa_events): optional filters
// in, and one computed list of objects out, in the API's order, read by
// following the cursor to the end. Each is declared in its own file by its
// name, filters, item schema, item model M and two functions: list (which
// calls the API with the filters) and flatten (one object to one element).
// TestListDataSourceModelsMatchTheirItemSchemas holds each M to its schema.
type listDataSource[T, M any] struct {
	dataSourceBase
	description string
	// items is the name of the list attribute ("websets", "events", …).
	items     string
	itemsDesc string
	filters   map[string]schema.Attribute
	itemAttrs map[string]schema.Attribute
	list      func(ctx context.Context, c *exa.Client, config tfsdk.Config) ([]T, diag.Diagnostics)
	flatten   func(T) M
}

var _ datasource.DataSourceWithConfigure = (*listDataSource[exa.Webset, websetSummaryModel])(nil)

func (d *listDataSource[T, M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		d.items: schema.ListNestedAttribute{
			MarkdownDescription: d.itemsDesc,
			Computed:            true,
			NestedObject:        schema.NestedAttributeObject{Attributes: d.itemAttrs},
		},
	}
	for name, a := range d.filters {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{MarkdownDescription: d.description, Attributes: attrs}
}

func (d *listDataSource[T, M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	all, diags := d.list(ctx, d.data.client, req.Config)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	elems := make([]M, len(all))
	for i, x := range all {
		elems[i] = d.flatten(x)
	}
	list := tfmodel.List(elems)
	resp.State.Raw = req.Config.Raw
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(d.items), list)...)
}

// listed turns a client list call into the list function's answer.
func listed[T any](all []T, err error) ([]T, diag.Diagnostics) {
	var diags diag.Diagnostics
	if err != nil {
		diags.AddError("Could not list from Exa", err.Error())
	}
	return all, diags
}
