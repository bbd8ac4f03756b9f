package provider

import (
	"context"
	"encoding/json"
	"maps"
	"time"

	dstimeouts "github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

var (
	_ datasource.DataSource              = (*websetItemsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*websetItemsDataSource)(nil)
)

// NewWebsetItemsDataSource is the exa_webset_items data source.
func NewWebsetItemsDataSource() datasource.DataSource {
	return &websetItemsDataSource{dataSourceBase{typeName: "webset_items"}}
}

type websetItemsDataSource struct{ dataSourceBase }

// websetItemsQuery is what the data source and the ephemeral resource
// share: every attribute but timeouts, whose type differs between them.
type websetItemsQuery struct {
	idleInputs
	WebsetID types.String `tfsdk:"webset_id"`
	SourceID types.String `tfsdk:"source_id"`
	Limit    types.Int64  `tfsdk:"limit"`
	Content  types.Bool   `tfsdk:"include_content"`
	Items    types.List   `tfsdk:"items"`
}

type websetItemsModel struct {
	websetItemsQuery
	Timeouts dstimeouts.Value `tfsdk:"timeouts"`
}

// Typed models of an item and what it holds.
type (
	itemModel struct {
		ID          types.String            `tfsdk:"id"`
		Source      types.String            `tfsdk:"source"`
		SourceID    types.String            `tfsdk:"source_id"`
		CreatedAt   types.String            `tfsdk:"created_at"`
		UpdatedAt   types.String            `tfsdk:"updated_at"`
		Type        types.String            `tfsdk:"type"`
		URL         types.String            `tfsdk:"url"`
		Description types.String            `tfsdk:"description"`
		Name        types.String            `tfsdk:"name"`
		Properties  types.String            `tfsdk:"properties"`
		Evaluations []evaluationModel       `tfsdk:"evaluations"`
		Enrichments []enrichmentResultModel `tfsdk:"enrichments"`
	}
	evaluationModel struct {
		Criterion  types.String     `tfsdk:"criterion"`
		Satisfied  types.String     `tfsdk:"satisfied"`
		Reasoning  types.String     `tfsdk:"reasoning"`
		References []referenceModel `tfsdk:"references"`
	}
	enrichmentResultModel struct {
		EnrichmentID types.String     `tfsdk:"enrichment_id"`
		Format       types.String     `tfsdk:"format"`
		Status       types.String     `tfsdk:"status"`
		Result       []types.String   `tfsdk:"result"`
		Reasoning    types.String     `tfsdk:"reasoning"`
		References   []referenceModel `tfsdk:"references"`
	}
	referenceModel struct {
		Title   types.String `tfsdk:"title"`
		Snippet types.String `tfsdk:"snippet"`
		URL     types.String `tfsdk:"url"`
	}
)

func (d *websetItemsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the items (results) of an Exa webset, in Exa's order, following pagination to the end or up to `limit`; with `wait_for_idle`, once the webset's searches and enrichments have finished.",
		Attributes: map[string]schema.Attribute{
			"webset_id": schema.StringAttribute{MarkdownDescription: "ID or external ID of the webset.", Required: true},
			"source_id": schema.StringAttribute{MarkdownDescription: "Only the items from this source, such as a search's ID.", Optional: true},
			"include_content": schema.BoolAttribute{
				MarkdownDescription: "Keep each item's page `content` in `properties`. It is whole pages of text, often with names and e-mail addresses: without `include_content = true` it is left out, and never reaches state or plan. Defaults to `false`.",
				Optional:            true,
			},
			"limit": schema.Int64Attribute{
				MarkdownDescription: "Read at most this many items. Without it, every item is read.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"items": schema.ListNestedAttribute{
				MarkdownDescription: "The items, in Exa's order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":          str("The item's ID."),
					"source":      str("Where the item came from: `search` or `import`."),
					"source_id":   str("ID of the search or import that found it."),
					"created_at":  str("When the item was created (RFC 3339)."),
					"updated_at":  str("When the item last changed (RFC 3339)."),
					"type":        str("Entity type: `company`, `person`, `article`, `research_paper` or `custom`."),
					"url":         str("The entity's URL."),
					"description": str("Exa's short description of the item."),
					"name":        str("The entity's name (company, person) or title (article, paper, custom); null when it has none."),
					"properties":  str("Every property of the item as JSON, with sorted keys so that key order never makes a diff. Read it with `jsondecode`."),
					"evaluations": schema.ListNestedAttribute{
						MarkdownDescription: "How the item fared against each criterion.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"criterion":  str("The criterion."),
							"satisfied":  str("`yes`, `no` or `unclear`."),
							"reasoning":  str("Why."),
							"references": referencesAttribute("The sources the evaluation cites."),
						}},
					},
					"enrichments": schema.ListNestedAttribute{
						MarkdownDescription: "The item's enrichment results.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"enrichment_id": str("ID of the enrichment."),
							"format":        str("Format of the result, such as `text` or `email`."),
							"status":        str("`pending`, `completed` or `canceled`."),
							"result":        schema.ListAttribute{MarkdownDescription: "The values found.", Computed: true, ElementType: types.StringType},
							"reasoning":     str("How the value was found; null when Exa gives no reasoning."),
							"references":    referencesAttribute("The sources the value comes from."),
						}},
					},
				}},
			},
		},
	}
	maps.Copy(resp.Schema.Attributes, idleAttributes())
	resp.Schema.Attributes["timeouts"] = dataSourceTimeouts(ctx)
}

func (d *websetItemsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m websetItemsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	limit, ok := idleLimit(ctx, m.idleInputs, m.Timeouts.Read, &resp.Diagnostics)
	if ok && readItems(ctx, d.data, &m.websetItemsQuery, limit, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
	}
}

// readItems fills m.Items as its filters ask, waiting for the webset to go
// idle first with wait_for_idle: the read of the data source and of the
// ephemeral resource alike. It reports false on an error.
func readItems(ctx context.Context, data *providerData, m *websetItemsQuery, limit time.Duration, diags *diag.Diagnostics) bool {
	if _, ok := waitIdleIfAsked(ctx, data, m.WebsetID.ValueString(), m.idleInputs, limit, diags); !ok {
		return false
	}
	items, err := data.client.AllItems(ctx, m.WebsetID.ValueString(), m.SourceID.ValueString(), int(m.Limit.ValueInt64()))
	if err != nil {
		diags.AddError("Could not list the webset's items", err.Error())
		return false
	}
	m.Items = flattenItems(items, m.Content.ValueBool())
	return true
}

// flattenItems turns items into the items attribute; without withContent,
// each item's page content is left out of its properties.
func flattenItems(items []exa.Item, withContent bool) types.List {
	out := make([]itemModel, len(items))
	for i, it := range items {
		out[i] = flattenItem(it, withContent)
	}
	return tfmodel.List(out)
}

func flattenItem(it exa.Item, withContent bool) itemModel {
	var props exa.ItemProperties
	_ = json.Unmarshal(it.Properties, &props) // a shape Exa adds later leaves the typed fields null
	normalized := types.StringNull()
	var generic any
	if json.Unmarshal(it.Properties, &generic) == nil && generic != nil {
		if m, ok := generic.(map[string]any); ok && !withContent {
			delete(m, "content")
		}
		if b, err := json.Marshal(generic); err == nil { // maps marshal with sorted keys
			normalized = types.StringValue(string(b))
		}
	}
	evals := make([]evaluationModel, len(it.Evaluations))
	for i, e := range it.Evaluations {
		evals[i] = evaluationModel{
			Criterion: types.StringValue(e.Criterion), Satisfied: types.StringValue(e.Satisfied), Reasoning: types.StringValue(e.Reasoning),
			References: flattenReferences(e.References),
		}
	}
	enrichments := make([]enrichmentResultModel, len(it.Enrichments))
	for i, e := range it.Enrichments {
		enrichments[i] = enrichmentResultModel{
			EnrichmentID: types.StringValue(e.EnrichmentID), Format: types.StringValue(e.Format),
			Status: types.StringValue(e.Status), Reasoning: tfmodel.StringOrNull(e.Reasoning), References: flattenReferences(e.References),
		}
		if e.Result != nil {
			enrichments[i].Result = tfmodel.StringValues(e.Result)
		}
	}
	return itemModel{
		ID: types.StringValue(it.ID), Source: types.StringValue(it.Source), SourceID: types.StringValue(it.SourceID),
		CreatedAt: tfmodel.StringOrNull(&it.CreatedAt), UpdatedAt: tfmodel.StringOrNull(&it.UpdatedAt),
		Type: tfmodel.StringOrNull(&props.Type), URL: tfmodel.StringOrNull(props.URL), Description: tfmodel.StringOrNull(props.Description),
		Name: tfmodel.StringOrNull(props.Name()), Properties: normalized,
		Evaluations: evals, Enrichments: enrichments,
	}
}

// referencesAttribute is the schema of a list of references.
func referencesAttribute(desc string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: desc,
		Computed:            true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"title":   schema.StringAttribute{MarkdownDescription: "The source's title; null when Exa has none.", Computed: true},
			"snippet": schema.StringAttribute{MarkdownDescription: "The passage that supports it; null when Exa has none.", Computed: true},
			"url":     schema.StringAttribute{MarkdownDescription: "The source's URL.", Computed: true},
		}},
	}
}

// flattenReferences turns Exa's references into a list (empty, never null:
// the spec's default is []).
func flattenReferences(refs []exa.Reference) []referenceModel {
	out := make([]referenceModel, len(refs))
	for i, r := range refs {
		out[i] = referenceModel{Title: tfmodel.StringOrNull(r.Title), Snippet: tfmodel.StringOrNull(r.Snippet), URL: types.StringValue(r.URL)}
	}
	return out
}
