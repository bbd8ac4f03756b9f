package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

var (
	_ datasource.DataSource              = (*websetSearchDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*websetSearchDataSource)(nil)
)

// NewWebsetSearchDataSource is the exa_webset_search data source.
func NewWebsetSearchDataSource() datasource.DataSource {
	return &websetSearchDataSource{dataSourceBase{typeName: "webset_search"}}
}

type websetSearchDataSource struct{ dataSourceBase }

func (d *websetSearchDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs, diags := computedAttributes(websetSearchSchema(ctx).Attributes, "wait_for_completion", "timeouts")
	resp.Diagnostics.Append(diags...)
	attrs["id"] = schema.StringAttribute{MarkdownDescription: "ID of the search to read.", Required: true}
	attrs["webset_id"] = schema.StringAttribute{MarkdownDescription: "ID of the webset the search belongs to.", Required: true}
	attrs["recall"] = schema.BoolAttribute{MarkdownDescription: "Whether a recall estimate was asked for: true once Exa reports one, null otherwise (Exa does not echo the request).", Computed: true}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an Exa webset search: its inputs, status, progress and recall estimate.",
		Attributes:          attrs,
	}
}

func (d *websetSearchDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg websetSearchData
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, err := d.data.client.ReadSearch(ctx, cfg.WebsetID.ValueString(), cfg.ID.ValueString())
	if err != nil {
		if exa.IsNotFound(err) {
			err = fmt.Errorf("no search %s in webset %s: %w", cfg.ID.ValueString(), cfg.WebsetID.ValueString(), err)
		}
		resp.Diagnostics.AddError("Could not read the Exa search", err.Error())
		return
	}
	prior := websetSearchModel{websetSearchData: websetSearchData{
		WebsetID: cfg.WebsetID,
		Metadata: types.MapNull(types.StringType),
		Recall:   types.BoolNull(),
	}}
	m := flattenSearch(s, prior)
	resp.Diagnostics.Append(resp.State.Set(ctx, m.websetSearchData)...)
}
