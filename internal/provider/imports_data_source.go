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

// NewImportsDataSource is the exa_imports data source.
func NewImportsDataSource() datasource.DataSource {
	return &listDataSource[exa.Import, importSummaryModel]{
		dataSourceBase: dataSourceBase{typeName: "imports"},
		description:    "Lists every import of the account, in the API's order, following the cursor to the end.",
		items:          "imports",
		itemsDesc:      "The imports.",
		itemAttrs: map[string]schema.Attribute{
			"id":           schema.StringAttribute{MarkdownDescription: "The import's ID.", Computed: true},
			"title":        schema.StringAttribute{MarkdownDescription: "Its title.", Computed: true},
			"status":       schema.StringAttribute{MarkdownDescription: "`pending`, `processing`, `completed` or `failed`.", Computed: true},
			"format":       schema.StringAttribute{MarkdownDescription: "The file's format.", Computed: true},
			"record_count": schema.Int64Attribute{MarkdownDescription: "How many records it holds (the API's `count`).", Computed: true},
			"metadata":     schema.MapAttribute{MarkdownDescription: "Its metadata.", Computed: true, ElementType: types.StringType},
			"created_at":   schema.StringAttribute{MarkdownDescription: "When it was created (RFC 3339).", Computed: true},
		},
		list: func(ctx context.Context, c *exa.Client, _ tfsdk.Config) ([]exa.Import, diag.Diagnostics) {
			return listed(c.ListImports(ctx))
		},
		flatten: func(im exa.Import) importSummaryModel {
			return importSummaryModel{
				ID: types.StringValue(im.ID), Title: tfmodel.StringOrNull(im.Title), Status: types.StringValue(im.Status),
				Format: types.StringValue(im.Format), RecordCount: types.Int64Value(roundInt(im.Count)),
				Metadata: tfmodel.StringValueMap(im.Metadata), CreatedAt: types.StringValue(im.CreatedAt),
			}
		},
	}
}

// importSummaryModel is one element of imports.
type importSummaryModel struct {
	ID          types.String            `tfsdk:"id"`
	Title       types.String            `tfsdk:"title"`
	Status      types.String            `tfsdk:"status"`
	Format      types.String            `tfsdk:"format"`
	RecordCount types.Int64             `tfsdk:"record_count"`
	Metadata    map[string]types.String `tfsdk:"metadata"`
	CreatedAt   types.String            `tfsdk:"created_at"`
}
