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

// NewWebhooksDataSource is the exa_webhooks data source. Exa's list never
// carries a webhook's secret, and neither does this.
func NewWebhooksDataSource() datasource.DataSource {
	return &listDataSource[exa.Webhook, webhookSummaryModel]{
		dataSourceBase: dataSourceBase{typeName: "webhooks"},
		description:    "Lists every webhook of the account, in the API's order, following the cursor to the end. Secrets are not listed: Exa shows a webhook's secret only when it is created.",
		items:          "webhooks",
		itemsDesc:      "The webhooks.",
		itemAttrs: map[string]schema.Attribute{
			"id":         schema.StringAttribute{MarkdownDescription: "The webhook's ID.", Computed: true},
			"url":        schema.StringAttribute{MarkdownDescription: "Where it sends events.", Computed: true},
			"events":     schema.ListAttribute{MarkdownDescription: "The event types it sends.", Computed: true, ElementType: types.StringType},
			"status":     schema.StringAttribute{MarkdownDescription: "`active` or `inactive`.", Computed: true},
			"metadata":   schema.MapAttribute{MarkdownDescription: "Its metadata.", Computed: true, ElementType: types.StringType},
			"created_at": schema.StringAttribute{MarkdownDescription: "When it was created (RFC 3339).", Computed: true},
		},
		list: func(ctx context.Context, c *exa.Client, _ tfsdk.Config) ([]exa.Webhook, diag.Diagnostics) {
			return listed(c.ListWebhooks(ctx))
		},
		flatten: func(h exa.Webhook) webhookSummaryModel {
			return webhookSummaryModel{
				ID: types.StringValue(h.ID), URL: types.StringValue(h.URL), Events: tfmodel.StringValues(h.Events),
				Status: types.StringValue(h.Status), Metadata: tfmodel.StringValueMap(h.Metadata), CreatedAt: types.StringValue(h.CreatedAt),
			}
		},
	}
}

// webhookSummaryModel is one element of webhooks.
type webhookSummaryModel struct {
	ID        types.String            `tfsdk:"id"`
	URL       types.String            `tfsdk:"url"`
	Events    []types.String          `tfsdk:"events"`
	Status    types.String            `tfsdk:"status"`
	Metadata  map[string]types.String `tfsdk:"metadata"`
	CreatedAt types.String            `tfsdk:"created_at"`
}
