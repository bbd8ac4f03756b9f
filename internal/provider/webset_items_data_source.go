package provider

import (
	"context"
	"encoding/json"
	"maps"
	"time"

	dstimeouts "github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
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

var (
	referenceAttrTypes  = map[string]attr.Type{"title": types.StringType, "snippet": types.StringType, "url": types.StringType}
	referencesType      = types.ListType{ElemType: types.ObjectType{AttrTypes: referenceAttrTypes}}
	evaluationAttrTypes = map[string]attr.Type{
		"criterion": types.StringType, "satisfied": types.StringType, "reasoning": types.StringType, "references": referencesType,
	}
	enrichmentAttrTypes = map[string]attr.Type{
		"enrichment_id": types.StringType, "format": types.StringType, "status": types.StringType,
		"result": types.ListType{ElemType: types.StringType}, "reasoning": types.StringType, "references": referencesType,
	}
	itemAttrTypes = map[string]attr.Type{
		"id": types.StringType, "source": types.StringType, "source_id": types.StringType,
		"created_at": types.StringType, "updated_at": types.StringType,
		"type": types.StringType, "url": types.StringType, "description": types.StringType, "name": types.StringType,
		"properties":  types.StringType,
		"evaluations": types.ListType{ElemType: types.ObjectType{AttrTypes: evaluationAttrTypes}},
		"enrichments": types.ListType{ElemType: types.ObjectType{AttrTypes: enrichmentAttrTypes}},
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
	var d diag.Diagnostics
	m.Items, d = flattenItems(items, m.Content.ValueBool())
	diags.Append(d...)
	return !d.HasError()
}

// flattenItems turns items into the items attribute; without withContent,
// each item's page content is left out of its properties.
func flattenItems(items []exa.Item, withContent bool) (types.List, diag.Diagnostics) {
	return objectList(itemAttrTypes, items, func(it exa.Item, diags *diag.Diagnostics) map[string]attr.Value {
		return flattenItem(it, withContent, diags)
	})
}

func flattenItem(it exa.Item, withContent bool, diags *diag.Diagnostics) map[string]attr.Value {
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
	evals, d := objectList(evaluationAttrTypes, it.Evaluations, func(e exa.Evaluation, _ *diag.Diagnostics) map[string]attr.Value {
		return map[string]attr.Value{
			"criterion": types.StringValue(e.Criterion), "satisfied": types.StringValue(e.Satisfied), "reasoning": types.StringValue(e.Reasoning),
			"references": flattenReferences(e.References),
		}
	})
	diags.Append(d...)
	enrichments, d := objectList(enrichmentAttrTypes, it.Enrichments, func(e exa.EnrichmentResult, _ *diag.Diagnostics) map[string]attr.Value {
		result := types.ListNull(types.StringType)
		if e.Result != nil {
			result = stringListValue(e.Result)
		}
		return map[string]attr.Value{
			"enrichment_id": types.StringValue(e.EnrichmentID), "format": types.StringValue(e.Format),
			"status": types.StringValue(e.Status), "result": result,
			"reasoning": stringOrNull(e.Reasoning), "references": flattenReferences(e.References),
		}
	})
	diags.Append(d...)
	return map[string]attr.Value{
		"id": types.StringValue(it.ID), "source": types.StringValue(it.Source), "source_id": types.StringValue(it.SourceID),
		"created_at": stringOrNull(&it.CreatedAt), "updated_at": stringOrNull(&it.UpdatedAt),
		"type": stringOrNull(&props.Type), "url": stringOrNull(props.URL), "description": stringOrNull(props.Description),
		"name": stringOrNull(props.Name()), "properties": normalized,
		"evaluations": evals, "enrichments": enrichments,
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
func flattenReferences(refs []exa.Reference) types.List {
	vals := make([]attr.Value, 0, len(refs))
	for _, r := range refs {
		vals = append(vals, types.ObjectValueMust(referenceAttrTypes, map[string]attr.Value{
			"title": stringOrNull(r.Title), "snippet": stringOrNull(r.Snippet), "url": types.StringValue(r.URL),
		}))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: referenceAttrTypes}, vals)
}
