package provider

import (
	"cmp"
	"context"
	"maps"

	dstimeouts "github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

var (
	_ datasource.DataSource                     = (*websetDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*websetDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*websetDataSource)(nil)
)

// NewWebsetDataSource is the exa_webset data source.
func NewWebsetDataSource() datasource.DataSource {
	return &websetDataSource{dataSourceBase{typeName: "webset"}}
}

type websetDataSource struct{ dataSourceBase }

// websetDataModel is the resource's model plus a summary of each search.
type websetDataModel struct {
	websetData
	idleInputs
	Searches types.List       `tfsdk:"searches"`
	Timeouts dstimeouts.Value `tfsdk:"timeouts"`
}

// searchSummaryModel is one element of searches.
type searchSummaryModel struct {
	ID       types.String   `tfsdk:"id"`
	Query    types.String   `tfsdk:"query"`
	Status   types.String   `tfsdk:"status"`
	Progress *progressModel `tfsdk:"progress"`
}

func (d *websetDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs, diags := computedAttributes(websetSchema(ctx, nil).Attributes, "import", "canceled", "deletion_protection")
	resp.Diagnostics.Append(diags...)
	attrs["id"] = schema.StringAttribute{MarkdownDescription: "ID of the webset to read. Set exactly one of `id` and `external_id`.", Optional: true, Computed: true}
	attrs["external_id"] = schema.StringAttribute{MarkdownDescription: "External ID of the webset to read. Set exactly one of `id` and `external_id`.", Optional: true, Computed: true}
	search, diags := computedAttributes(websetSearchSchema(ctx).Attributes)
	resp.Diagnostics.Append(diags...)
	attrs["searches"] = schema.ListNestedAttribute{
		MarkdownDescription: "The webset's searches, oldest first.",
		Computed:            true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id": search["id"], "query": search["query"], "status": search["status"], "progress": search["progress"],
		}},
	}
	maps.Copy(attrs, idleAttributes())
	attrs["timeouts"] = dataSourceTimeouts(ctx)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an Exa webset by ID or external ID, with a summary of its searches; with `wait_for_idle`, once its searches and enrichments have finished.",
		Attributes:          attrs,
	}
}

func (d *websetDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("external_id")),
	}
}

func (d *websetDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg websetDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The read shares its webset's snapshot with the searches and
	// enrichments refreshed in the same walk, by ID or external ID alike
	// (snapshots are kept by the real ID).
	name := cmp.Or(cfg.ID.ValueString(), cfg.ExternalID.ValueString())
	limit, ok := idleLimit(ctx, cfg.idleInputs, cfg.Timeouts.Read, &resp.Diagnostics)
	if !ok {
		return
	}
	ws, ok := waitIdleIfAsked(ctx, d.data, name, cfg.idleInputs, limit, &resp.Diagnostics)
	if !ok {
		return
	}
	var err error
	if ws == nil {
		ws, err = d.data.client.WebsetSnapshot(ctx, name)
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read the Exa webset", err.Error())
		return
	}
	prior := websetModel{websetData: websetData{Metadata: types.MapNull(types.StringType)}}
	m := flattenWebset(ws, prior)
	out := websetDataModel{websetData: m.websetData, idleInputs: cfg.idleInputs, Timeouts: cfg.Timeouts}
	out.Searches = flattenSearchSummaries(ws.Searches)
	resp.Diagnostics.Append(resp.State.Set(ctx, out)...)
}

func flattenSearchSummaries(list []exa.Search) types.List {
	out := make([]searchSummaryModel, len(list))
	for i, s := range list {
		out[i] = searchSummaryModel{
			ID: types.StringValue(s.ID), Query: types.StringValue(s.Query),
			Status: types.StringValue(s.Status), Progress: flattenProgress(s.Progress),
		}
	}
	return tfmodel.List(out)
}
