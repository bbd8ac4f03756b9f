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

// NewWebsetsDataSource is the exa_websets data source: every webset of the
// account, to adopt with import blocks or to feed to for_each.
func NewWebsetsDataSource() datasource.DataSource {
	return &listDataSource[exa.Webset, websetSummaryModel]{
		dataSourceBase: dataSourceBase{typeName: "websets"},
		description:    "Lists every webset of the account, in the API's order, following the cursor to the end. Use it to find existing websets to adopt (with `import` blocks or `for_each`).",
		items:          "websets",
		itemsDesc:      "The websets.",
		itemAttrs: map[string]schema.Attribute{
			"id":          schema.StringAttribute{MarkdownDescription: "The webset's ID.", Computed: true},
			"external_id": schema.StringAttribute{MarkdownDescription: "Its external ID, if it has one.", Computed: true},
			"title":       schema.StringAttribute{MarkdownDescription: "Its title.", Computed: true},
			"status":      schema.StringAttribute{MarkdownDescription: "`idle`, `pending`, `running` or `paused`.", Computed: true},
			"search_ids":  schema.ListAttribute{MarkdownDescription: "The IDs of its searches, oldest first.", Computed: true, ElementType: types.StringType},
			"metadata":    schema.MapAttribute{MarkdownDescription: "Its metadata.", Computed: true, ElementType: types.StringType},
			"created_at":  schema.StringAttribute{MarkdownDescription: "When it was created (RFC 3339).", Computed: true},
		},
		list: func(ctx context.Context, c *exa.Client, _ tfsdk.Config) ([]exa.Webset, diag.Diagnostics) {
			return listed(c.ListWebsets(ctx))
		},
		flatten: func(ws exa.Webset) websetSummaryModel {
			ids := make([]string, len(ws.Searches))
			for i, s := range ws.Searches {
				ids[i] = s.ID
			}
			return websetSummaryModel{
				ID: types.StringValue(ws.ID), ExternalID: tfmodel.StringOrNull(ws.ExternalID), Title: tfmodel.StringOrNull(ws.Title),
				Status: types.StringValue(ws.Status), SearchIDs: tfmodel.StringValues(ids),
				Metadata: tfmodel.StringValueMap(ws.Metadata), CreatedAt: types.StringValue(ws.CreatedAt),
			}
		},
	}
}

// websetSummaryModel is one element of websets.
type websetSummaryModel struct {
	ID         types.String            `tfsdk:"id"`
	ExternalID types.String            `tfsdk:"external_id"`
	Title      types.String            `tfsdk:"title"`
	Status     types.String            `tfsdk:"status"`
	SearchIDs  []types.String          `tfsdk:"search_ids"`
	Metadata   map[string]types.String `tfsdk:"metadata"`
	CreatedAt  types.String            `tfsdk:"created_at"`
}
