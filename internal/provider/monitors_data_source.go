package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

// NewMonitorsDataSource is the exa_monitors data source.
func NewMonitorsDataSource() datasource.DataSource {
	return &listDataSource[exa.Monitor, monitorSummaryModel]{
		dataSourceBase: dataSourceBase{typeName: "monitors"},
		description:    "Lists the account's monitors, or one webset's, in the API's order, following the cursor to the end.",
		items:          "monitors",
		itemsDesc:      "The monitors.",
		filters: map[string]schema.Attribute{
			"webset_id": schema.StringAttribute{MarkdownDescription: "Only the monitors of this webset.", Optional: true},
		},
		itemAttrs: map[string]schema.Attribute{
			"id":          schema.StringAttribute{MarkdownDescription: "The monitor's ID.", Computed: true},
			"webset_id":   schema.StringAttribute{MarkdownDescription: "The webset it runs for.", Computed: true},
			"status":      schema.StringAttribute{MarkdownDescription: "`enabled` or `disabled`.", Computed: true},
			"cron":        schema.StringAttribute{MarkdownDescription: "Its cadence, as a cron expression.", Computed: true},
			"timezone":    schema.StringAttribute{MarkdownDescription: "The timezone of the cadence.", Computed: true},
			"next_run_at": schema.StringAttribute{MarkdownDescription: "When it runs next (RFC 3339); null while disabled.", Computed: true},
			"metadata":    schema.MapAttribute{MarkdownDescription: "Its metadata.", Computed: true, ElementType: types.StringType},
			"created_at":  schema.StringAttribute{MarkdownDescription: "When it was created (RFC 3339).", Computed: true},
		},
		list: func(ctx context.Context, c *exa.Client, config tfsdk.Config) ([]exa.Monitor, diag.Diagnostics) {
			var cfg monitorsConfig
			if diags := config.Get(ctx, &cfg); diags.HasError() {
				return nil, diags
			}
			return listed(c.ListMonitors(ctx, cfg.WebsetID.ValueString()))
		},
		flatten: func(m exa.Monitor) monitorSummaryModel {
			return monitorSummaryModel{
				ID: types.StringValue(m.ID), WebsetID: types.StringValue(m.WebsetID), Status: types.StringValue(m.Status),
				Cron: types.StringValue(m.Cadence.Cron), Timezone: types.StringValue(m.Cadence.Timezone),
				NextRunAt: tfmodel.StringOrNull(m.NextRunAt), Metadata: tfmodel.StringValueMap(m.Metadata), CreatedAt: types.StringValue(m.CreatedAt),
			}
		},
	}
}

// monitorSummaryModel is one element of monitors.
type monitorSummaryModel struct {
	ID        types.String            `tfsdk:"id"`
	WebsetID  types.String            `tfsdk:"webset_id"`
	Status    types.String            `tfsdk:"status"`
	Cron      types.String            `tfsdk:"cron"`
	Timezone  types.String            `tfsdk:"timezone"`
	NextRunAt types.String            `tfsdk:"next_run_at"`
	Metadata  map[string]types.String `tfsdk:"metadata"`
	CreatedAt types.String            `tfsdk:"created_at"`
}

// monitorsConfig is the data source's configuration.
type monitorsConfig struct {
	WebsetID types.String `tfsdk:"webset_id"`
	Monitors types.List   `tfsdk:"monitors"`
}
