package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

var (
	_ datasource.DataSource              = (*monitorRunsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*monitorRunsDataSource)(nil)
)

// NewMonitorRunsDataSource is the exa_monitor_runs data source.
func NewMonitorRunsDataSource() datasource.DataSource {
	return &monitorRunsDataSource{dataSourceBase{typeName: "monitor_runs"}}
}

type monitorRunsDataSource struct{ dataSourceBase }

type monitorRunsModel struct {
	MonitorID types.String `tfsdk:"monitor_id"`
	Limit     types.Int64  `tfsdk:"limit"`
	Runs      types.List   `tfsdk:"runs"`
}

func (d *monitorRunsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	monitor, diags := computedAttributes(monitorSchema(ctx).Attributes)
	resp.Diagnostics.Append(diags...)
	lastRun, _ := monitor["last_run"].(schema.SingleNestedAttribute)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists a monitor's runs, newest first.",
		Attributes: map[string]schema.Attribute{
			"monitor_id": schema.StringAttribute{MarkdownDescription: "ID of the monitor.", Required: true},
			"limit": schema.Int64Attribute{
				MarkdownDescription: "Read at most this many runs. Without it, every run is read.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"runs": schema.ListNestedAttribute{
				MarkdownDescription: "The runs, newest first.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: lastRun.Attributes},
			},
		},
	}
}

func (d *monitorRunsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m monitorRunsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	runs, err := d.data.client.MonitorRuns(ctx, m.MonitorID.ValueString(), int(m.Limit.ValueInt64()))
	if err != nil {
		resp.Diagnostics.AddError("Could not list the monitor's runs", err.Error())
		return
	}
	m.Runs = flattenRuns(runs)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func flattenRuns(runs []exa.MonitorRun) types.List {
	out := make([]monitorRunModel, 0, len(runs))
	for i := range runs {
		out = append(out, *flattenMonitorRun(&runs[i]))
	}
	return tfmodel.List(out)
}
