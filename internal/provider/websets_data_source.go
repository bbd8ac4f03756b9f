package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// NewWebsetsDataSource is the exa_websets data source: every webset of the
// account, to adopt with import blocks or to feed to for_each.
func NewWebsetsDataSource() datasource.DataSource {
	return &listDataSource[exa.Webset]{
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
		flatten: func(ws exa.Webset) map[string]attr.Value {
			return map[string]attr.Value{
				"id": types.StringValue(ws.ID), "external_id": stringOrNull(ws.ExternalID), "title": stringOrNull(ws.Title),
				"status": types.StringValue(ws.Status), "search_ids": searchIDs(&ws),
				"metadata": stringMapValue(ws.Metadata), "created_at": types.StringValue(ws.CreatedAt),
			}
		},
	}
}
