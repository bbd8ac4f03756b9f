package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/validators"
)

// NewEventsDataSource is the exa_events data source.
func NewEventsDataSource() datasource.DataSource {
	return &listDataSource[exa.Event, eventModel]{
		dataSourceBase: dataSourceBase{typeName: "events"},
		description:    "Lists the account's events (what happened to websets, searches, items, monitors and imports), in the API's order, with the API's filters.",
		items:          "events",
		itemsDesc:      "The events.",
		filters: map[string]schema.Attribute{
			"types": schema.SetAttribute{
				MarkdownDescription: "Only events of these types.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.OneOf(exa.EventTypes()...))},
			},
			"created_after":  schema.StringAttribute{MarkdownDescription: "Only events created after this time (RFC 3339).", Optional: true, Validators: []validator.String{validators.RFC3339()}},
			"created_before": schema.StringAttribute{MarkdownDescription: "Only events created before this time (RFC 3339).", Optional: true, Validators: []validator.String{validators.RFC3339()}},
			"limit": schema.Int64Attribute{
				MarkdownDescription: "Read at most this many events. Without it, every matching event is read.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
		},
		itemAttrs: map[string]schema.Attribute{
			"id":         schema.StringAttribute{MarkdownDescription: "The event's ID.", Computed: true},
			"type":       schema.StringAttribute{MarkdownDescription: "What happened, such as `webset.search.completed`.", Computed: true},
			"data":       schema.StringAttribute{MarkdownDescription: "The object it concerns, as JSON (decode it with `jsondecode`).", Computed: true},
			"created_at": schema.StringAttribute{MarkdownDescription: "When it happened (RFC 3339).", Computed: true},
		},
		list: func(ctx context.Context, c *exa.Client, config tfsdk.Config) ([]exa.Event, diag.Diagnostics) {
			var cfg eventsConfig
			if diags := config.Get(ctx, &cfg); diags.HasError() {
				return nil, diags
			}
			f := exa.EventFilter{Max: int(cfg.Limit.ValueInt64())}
			for _, t := range cfg.Types {
				f.Types = append(f.Types, t.ValueString())
			}
			f.CreatedAfter, _ = time.Parse(time.RFC3339Nano, cfg.CreatedAfter.ValueString())
			f.CreatedBefore, _ = time.Parse(time.RFC3339Nano, cfg.CreatedBefore.ValueString())
			return listed(c.ListEvents(ctx, f))
		},
		flatten: func(e exa.Event) eventModel {
			return eventModel{
				ID: types.StringValue(e.ID), Type: types.StringValue(e.Type),
				Data: types.StringValue(string(e.Data)), CreatedAt: types.StringValue(e.CreatedAt),
			}
		},
	}
}

// eventModel is one element of events.
type eventModel struct {
	ID        types.String `tfsdk:"id"`
	Type      types.String `tfsdk:"type"`
	Data      types.String `tfsdk:"data"`
	CreatedAt types.String `tfsdk:"created_at"`
}

// eventsConfig is the data source's configuration: its filters, read
// before the list is made.
type eventsConfig struct {
	Types         []types.String `tfsdk:"types"`
	CreatedAfter  types.String   `tfsdk:"created_after"`
	CreatedBefore types.String   `tfsdk:"created_before"`
	Limit         types.Int64    `tfsdk:"limit"`
	Events        types.List     `tfsdk:"events"`
}
