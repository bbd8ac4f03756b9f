package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

var (
	_ datasource.DataSource              = (*websetSearchDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*websetSearchDataSource)(nil)
)

// NewWebsetSearchDataSource is the exa_webset_search data source.
func NewWebsetSearchDataSource() datasource.DataSource { return &websetSearchDataSource{} }

type websetSearchDataSource struct {
	dataSourceClient
}

// websetSearchDataModel is the resource's model without the provider-side
// inputs (wait_for_completion, timeouts).
type websetSearchDataModel struct {
	ID             types.String `tfsdk:"id"`
	WebsetID       types.String `tfsdk:"webset_id"`
	Query          types.String `tfsdk:"query"`
	TargetCount    types.Int64  `tfsdk:"target_count"`
	Entity         types.Object `tfsdk:"entity"`
	Criteria       types.List   `tfsdk:"criteria"`
	Exclude        types.List   `tfsdk:"exclude"`
	Scope          types.List   `tfsdk:"scope"`
	Recall         types.Bool   `tfsdk:"recall"`
	RecallResult   types.Object `tfsdk:"recall_result"`
	Behavior       types.String `tfsdk:"behavior"`
	Metadata       types.Map    `tfsdk:"metadata"`
	Canceled       types.Bool   `tfsdk:"canceled"`
	Status         types.String `tfsdk:"status"`
	Progress       types.Object `tfsdk:"progress"`
	CanceledAt     types.String `tfsdk:"canceled_at"`
	CanceledReason types.String `tfsdk:"canceled_reason"`
	CreatedAt      types.String `tfsdk:"created_at"`
	UpdatedAt      types.String `tfsdk:"updated_at"`
}

func (d *websetSearchDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webset_search"
}

func (d *websetSearchDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	var rs resource.SchemaResponse
	NewWebsetSearchResource().Schema(ctx, resource.SchemaRequest{}, &rs)
	attrs := computedAttributes(rs.Schema.Attributes, "wait_for_completion", "timeouts")
	attrs["id"] = schema.StringAttribute{MarkdownDescription: "ID of the search to read.", Required: true}
	attrs["webset_id"] = schema.StringAttribute{MarkdownDescription: "ID of the webset the search belongs to.", Required: true}
	attrs["recall"] = schema.BoolAttribute{MarkdownDescription: "Whether a recall estimate was asked for: true once Exa reports one, null otherwise (Exa does not echo the request).", Computed: true}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an Exa webset search: its inputs, status, progress and recall estimate.",
		Attributes:          attrs,
	}
}

func (d *websetSearchDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg websetSearchDataModel
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
	prior := websetSearchModel{
		WebsetID: cfg.WebsetID,
		Metadata: types.MapNull(types.StringType),
		Recall:   types.BoolNull(),
	}
	m, diags := flattenSearch(s, prior)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, searchDataFromModel(m))...)
}

func searchDataFromModel(m websetSearchModel) websetSearchDataModel {
	return websetSearchDataModel{
		ID: m.ID, WebsetID: m.WebsetID, Query: m.Query, TargetCount: m.TargetCount,
		Entity: m.Entity, Criteria: m.Criteria, Exclude: m.Exclude, Scope: m.Scope,
		Recall: m.Recall, RecallResult: m.RecallResult, Behavior: m.Behavior, Metadata: m.Metadata,
		Canceled: m.Canceled, Status: m.Status, Progress: m.Progress,
		CanceledAt: m.CanceledAt, CanceledReason: m.CanceledReason, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt,
	}
}
