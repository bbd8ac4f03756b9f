package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

var _ datasource.DataSourceWithConfigure = (*websetPreviewDataSource)(nil)

// NewWebsetPreviewDataSource is the exa_webset_preview data source.
func NewWebsetPreviewDataSource() datasource.DataSource {
	return &websetPreviewDataSource{dataSourceBase{typeName: "webset_preview"}}
}

type websetPreviewDataSource struct{ dataSourceBase }

// websetPreviewModel is the query in, and how Exa reads it out.
type websetPreviewModel struct {
	Query       types.String              `tfsdk:"query"`
	Entity      *entityModel              `tfsdk:"entity"`
	Detected    *entityModel              `tfsdk:"detected_entity"`
	Criteria    []types.String            `tfsdk:"criteria"`
	Enrichments []previewEnrichmentColumn `tfsdk:"enrichments"`
}

type previewEnrichmentColumn struct {
	Description types.String   `tfsdk:"description"`
	Format      types.String   `tfsdk:"format"`
	Options     []types.String `tfsdk:"options"`
}

func (d *websetPreviewDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	entity := entityAttributes()
	resp.Schema = schema.Schema{
		MarkdownDescription: "How Exa would read a search query, before any search is made: the entity it detects, the criteria it would evaluate every result against, and the enrichment columns it suggests. " +
			"It is meant for plans made before an `exa_webset_search` is created, for example to review the criteria in a pull request, or to feed them to the search. " +
			"It calls `websets-preview` without asking for preview items: Exa's documentation does not say that a preview is billed like a search, but check your plan's pricing before calling it in a loop. It is read at every plan.",
		Attributes: map[string]schema.Attribute{
			"query": schema.StringAttribute{
				MarkdownDescription: "The query to preview, 1 to 5000 characters.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 5000)},
			},
			"entity": schema.SingleNestedAttribute{
				MarkdownDescription: "The entity to preview for, to override Exa's detection.",
				Optional:            true,
				Validators:          []validator.Object{entityDescription{}},
				Attributes: map[string]schema.Attribute{
					"type":        schema.StringAttribute{MarkdownDescription: entity["type"].GetMarkdownDescription(), Required: true, Validators: []validator.String{stringvalidator.OneOf(entityTypes...)}},
					"description": schema.StringAttribute{MarkdownDescription: entity["description"].GetMarkdownDescription(), Optional: true, Validators: []validator.String{stringvalidator.UTF8LengthBetween(2, 200)}},
				},
			},
			"detected_entity": schema.SingleNestedAttribute{
				MarkdownDescription: "The entity Exa detects (or the one given).",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"type":        schema.StringAttribute{MarkdownDescription: "The entity type.", Computed: true},
					"description": schema.StringAttribute{MarkdownDescription: "What a `custom` entity is.", Computed: true},
				},
			},
			"criteria": schema.ListAttribute{
				MarkdownDescription: "The criteria Exa would evaluate every result against, in its order.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"enrichments": schema.ListNestedAttribute{
				MarkdownDescription: "The enrichment columns Exa suggests for the query.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"description": schema.StringAttribute{MarkdownDescription: "What the column holds.", Computed: true},
					"format":      schema.StringAttribute{MarkdownDescription: "Its format: `text`, `date`, `number`, `options`, `email`, `phone` or `url`.", Computed: true},
					"options":     schema.ListAttribute{MarkdownDescription: "The labels, when the format is `options`.", Computed: true, ElementType: types.StringType},
				}},
			},
		},
	}
}

func (d *websetPreviewDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m websetPreviewModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in := &exa.PreviewRequest{Search: exa.PreviewSearch{Query: m.Query.ValueString()}}
	in.Search.Entity = m.Entity.expand()
	p, err := d.data.client.PreviewWebset(ctx, in)
	if err != nil {
		resp.Diagnostics.AddError("Could not preview the query", err.Error())
		return
	}
	flattenPreview(p, &m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// flattenPreview writes Exa's reading of the query into the model.
func flattenPreview(p *exa.Preview, m *websetPreviewModel) {
	m.Detected = &entityModel{Type: types.StringValue(p.Search.Entity.Type), Description: tfmodel.StringOrNull(p.Search.Entity.Description)}
	m.Criteria = []types.String{}
	for _, c := range p.Search.Criteria {
		m.Criteria = append(m.Criteria, types.StringValue(c.Description))
	}
	m.Enrichments = []previewEnrichmentColumn{}
	for _, e := range p.Enrichments {
		col := previewEnrichmentColumn{Description: types.StringValue(e.Description), Format: types.StringValue(e.Format)}
		for _, o := range e.Options {
			col.Options = append(col.Options, types.StringValue(o.Label))
		}
		m.Enrichments = append(m.Enrichments, col)
	}
}
