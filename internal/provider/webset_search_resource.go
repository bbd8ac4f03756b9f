package provider

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/listing"
	"github.com/exa-community/terraform-provider-exa/internal/planmodifiers"
	"github.com/exa-community/terraform-provider-exa/internal/resourceidentity"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

var (
	_ resource.Resource                = (*websetSearchResource)(nil)
	_ resource.ResourceWithIdentity    = (*websetSearchResource)(nil)
	_ resource.ResourceWithConfigure   = (*websetSearchResource)(nil)
	_ resource.ResourceWithImportState = (*websetSearchResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*websetSearchResource)(nil)
	_ list.ListResource                = (*websetSearchResource)(nil)
	_ list.ListResourceWithConfigure   = (*websetSearchResource)(nil)
)

// NewWebsetSearchResource is the exa_webset_search resource.
func NewWebsetSearchResource() resource.Resource {
	return &websetSearchResource{resourceBase{typeName: "webset_search"}}
}

type websetSearchResource struct{ resourceBase }

// websetSearchModel is the resource's state: what Exa says of the search
// (websetSearchData, which the data source shares), and the provider-side
// inputs. The API↔model mapping is expandSearch and flattenSearch, at the
// end of this file.
type websetSearchModel struct {
	websetSearchData
	WaitForCompletion types.Bool     `tfsdk:"wait_for_completion"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

// websetSearchData is the search as Exa describes it: the attributes of
// both exa_webset_search the resource and exa_webset_search the data source.
type websetSearchData struct {
	ID             types.String `tfsdk:"id"`
	WebsetID       types.String `tfsdk:"webset_id"`
	Query          types.String `tfsdk:"query"`
	TargetCount    types.Int64  `tfsdk:"target_count"`
	Entity         types.Object `tfsdk:"entity"`
	Criteria       types.List   `tfsdk:"criteria"`
	Exclude        types.List   `tfsdk:"exclude"`
	Scope          types.List   `tfsdk:"scope"`
	Recall         types.Bool   `tfsdk:"recall"`
	RecallResult   types.Object `tfsdk:"recall_result"`
	Behavior       types.String `tfsdk:"behavior"`
	Metadata       types.Map    `tfsdk:"metadata"`
	MaxPeople      types.Int64  `tfsdk:"max_people_per_company"`
	Canceled       types.Bool   `tfsdk:"canceled"`
	Status         types.String `tfsdk:"status"`
	Progress       types.Object `tfsdk:"progress"`
	CanceledAt     types.String `tfsdk:"canceled_at"`
	CanceledReason types.String `tfsdk:"canceled_reason"`
	CreatedAt      types.String `tfsdk:"created_at"`
	UpdatedAt      types.String `tfsdk:"updated_at"`
}

// Typed models of the search's nested attributes; their attribute types
// are derived from them (tfmodel.ObjectType). entityModel and sourceModel,
// which other resources share, are in attributes.go.
type (
	criterionModel struct {
		Description types.String  `tfsdk:"description"`
		SuccessRate types.Float64 `tfsdk:"success_rate"`
	}
	scopeModel struct {
		Source       types.String       `tfsdk:"source"`
		ID           types.String       `tfsdk:"id"`
		Relationship *relationshipModel `tfsdk:"relationship"`
	}
	relationshipModel struct {
		Definition types.String `tfsdk:"definition"`
		Limit      types.Int64  `tfsdk:"limit"`
	}
	progressModel struct {
		Found      types.Int64   `tfsdk:"found"`
		Analyzed   types.Int64   `tfsdk:"analyzed"`
		Completion types.Float64 `tfsdk:"completion"`
		TimeLeft   types.Float64 `tfsdk:"time_left"`
	}
	recallResultModel struct {
		Expected  *expectedModel `tfsdk:"expected"`
		Reasoning types.String   `tfsdk:"reasoning"`
	}
	expectedModel struct {
		Total      types.Int64  `tfsdk:"total"`
		Confidence types.String `tfsdk:"confidence"`
		Bounds     *boundsModel `tfsdk:"bounds"`
	}
	boundsModel struct {
		Min types.Int64 `tfsdk:"min"`
		Max types.Int64 `tfsdk:"max"`
	}
)

// searchModel reads and writes websetSearchModel in plans and states
// without the framework's reflection on every call (tfmodel.Codec): the
// search's plan rules, ModifyPlan, Create, Read, Update and Delete all go
// through it, so a plan or apply of many searches pays for the conversion
// once per attribute, not per field tag. Every resource has its codec,
// next to its model. It is set in init: the schema's plan rules read
// through it, which a package-level initializer cannot express.
var searchModel *tfmodel.Codec[websetSearchModel]

func init() {
	searchModel = tfmodel.NewCodec[websetSearchModel](func(ctx context.Context) attr.Type { return websetSearchSchema(ctx).Type() })
}

const (
	defaultCreateTimeout = 30 * time.Minute
	defaultDeleteTimeout = 5 * time.Minute
)

// The two behaviors of a search (the spec's WebsetSearchBehavior), and the
// default: the schema's Default and flattenSearch, for an answer that
// leaves the field out, share it, so the two cannot drift apart.
const (
	behaviorOverride = "override"
	behaviorAppend   = "append"
	// defaultSearchBehavior is the spec's default, "override".
	defaultSearchBehavior = behaviorOverride
)

// websetSearchSchema is the schema of exa_webset_search: the one place each attribute is defined.
func websetSearchSchema(ctx context.Context) schema.Schema {
	scopeAttrs := sourceRefAttributes("to search within")
	scopeAttrs["relationship"] = schema.SingleNestedAttribute{
		MarkdownDescription: "Turns the scope into a hop search: find entities related to each entity of the source, such as `investors of`.",
		Optional:            true,
		Attributes: map[string]schema.Attribute{
			"definition": schema.StringAttribute{
				MarkdownDescription: "How the entities to find relate to the source's entities, for example `investors of` or `current employer`.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthAtLeast(1)},
			},
			"limit": schema.Int64Attribute{
				MarkdownDescription: "How many related entities to find per source entity, 1 to 10.",
				Required:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 10)},
			},
		},
	}

	return schema.Schema{
		MarkdownDescription: "A search that fills an Exa webset with results. Creating the resource starts the search; " +
			"refresh shows its status and progress; destroying it (or setting `canceled = true`) cancels it if it is still going. " +
			"Exa has no way to change a search, so changing any input other than `canceled`, `wait_for_completion` and `timeouts` replaces it with a new search, which Exa bills.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The search's ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"webset_id": schema.StringAttribute{
				MarkdownDescription: "ID of the webset the search adds its results to. Changing it replaces the search.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{searchReplaces(planmodifiers.Changed)},
			},
			"query": schema.StringAttribute{
				MarkdownDescription: "What to look for, in natural language (1 to 5000 characters). URLs in it are crawled for context. Changing it replaces the search.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 5000)},
				PlanModifiers:       []planmodifier.String{searchReplaces(planmodifiers.Changed)},
			},
			"target_count": schema.Int64Attribute{
				MarkdownDescription: "How many results the search tries to find, at least 1 (the API's `count`). Exa may find fewer. Changing it replaces the search.",
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       []planmodifier.Int64{searchReplaces(planmodifiers.Changed)},
			},
			"entity": schema.SingleNestedAttribute{
				MarkdownDescription: "The kind of result to find. When omitted, Exa picks one from the query, and state records its choice. Changing it replaces the search.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Object{entityDescription{}},
				Attributes:          entityAttributes(),
				PlanModifiers:       []planmodifier.Object{searchReplaces(entityChanged), objectplanmodifier.UseStateForUnknown()},
			},
			"criteria": schema.ListNestedAttribute{
				MarkdownDescription: "1 to 5 criteria every result is checked against. When omitted, Exa writes criteria from the query, and state records them. Changing a description replaces the search; `success_rate` changes without a diff.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.List{listvalidator.SizeBetween(1, 5)},
				PlanModifiers: []planmodifier.List{
					searchReplaces(criteriaChanged),
					planmodifiers.KeepState("An in-place update keeps Exa's success rates, unless it cancels a running search.", criteriaKept),
				},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"description": schema.StringAttribute{
						MarkdownDescription: "The criterion, 1 to 1000 characters.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 1000)},
					},
					"success_rate": schema.Float64Attribute{
						MarkdownDescription: "Share of results that meet the criterion, 0 to 100, as Exa last reported it.",
						Computed:            true,
					},
				}},
			},
			"exclude": schema.ListNestedAttribute{
				MarkdownDescription: "Imports or websets whose entities must not be found again. Changing it replaces the search.",
				Optional:            true,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject:        schema.NestedAttributeObject{Attributes: sourceRefAttributes("to exclude")},
				PlanModifiers:       []planmodifier.List{searchReplaces(planmodifiers.Changed)},
			},
			"scope": schema.ListNestedAttribute{
				MarkdownDescription: "Limit the search to the entities of these imports or websets, instead of the whole web. Changing it replaces the search.",
				Optional:            true,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject:        schema.NestedAttributeObject{Attributes: scopeAttrs},
				PlanModifiers:       []planmodifier.List{searchReplaces(planmodifiers.Changed)},
			},
			"recall": schema.BoolAttribute{
				MarkdownDescription: "Ask Exa to estimate how many matching results exist in all; the estimate appears in `recall_result`. Changing it replaces the search.",
				Optional:            true,
				PlanModifiers:       []planmodifier.Bool{searchReplaces(recallChanged)},
			},
			"recall_result": schema.SingleNestedAttribute{
				MarkdownDescription: "Exa's recall estimate, null until Exa has computed it (and always null when `recall` is not set).",
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{searchKeeps()},
				Attributes: map[string]schema.Attribute{
					"expected": schema.SingleNestedAttribute{
						MarkdownDescription: "The estimate.",
						Computed:            true,
						Attributes: map[string]schema.Attribute{
							"total":      schema.Int64Attribute{MarkdownDescription: "Estimated number of matches.", Computed: true},
							"confidence": schema.StringAttribute{MarkdownDescription: "`high`, `medium` or `low`.", Computed: true},
							"bounds": schema.SingleNestedAttribute{
								MarkdownDescription: "Range of the estimate.",
								Computed:            true,
								Attributes: map[string]schema.Attribute{
									"min": schema.Int64Attribute{MarkdownDescription: "Lower bound.", Computed: true},
									"max": schema.Int64Attribute{MarkdownDescription: "Upper bound.", Computed: true},
								},
							},
						},
					},
					"reasoning": schema.StringAttribute{MarkdownDescription: "How Exa reached the estimate.", Computed: true},
				},
			},
			"behavior": schema.StringAttribute{
				MarkdownDescription: "How the results join the webset: with `override` (the default), the webset's items are evaluated against this search's criteria, those that fail are discarded, and the search adds what it finds; `append` keeps them and adds to them. A search with a `scope` is always `override`, so `append` with a `scope` is refused at validate. Where more than one search in a webset is `override`, the one that starts last decides what the webset holds: the plan warns, and `append` on all of them but one avoids it. Changing it replaces the search.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(defaultSearchBehavior),
				Validators:          []validator.String{stringvalidator.OneOf(behaviorOverride, behaviorAppend), scopeMeansOverride{}},
				PlanModifiers:       []planmodifier.String{searchReplaces(planmodifiers.Changed)},
			},
			"metadata": schema.MapAttribute{
				MarkdownDescription: "Your own key-value pairs, each value up to 1000 characters. Changing it replaces the search.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Map{mapvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtMost(1000))},
				PlanModifiers:       []planmodifier.Map{searchReplaces(metadataChanged)},
			},
			"max_people_per_company": schema.Int64Attribute{
				MarkdownDescription: "For people searches, a soft cap on how many people the search includes from the same current employer, at least 1 (the API's `maxPeoplePerCompany`). Null when no cap was asked for. Changing it replaces the search.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers:       []planmodifier.Int64{searchReplaces(planmodifiers.Changed)},
			},
			"canceled": schema.BoolAttribute{
				MarkdownDescription: "Set to `true` to cancel the search in place (one cancel call, no new search). " +
					"In state it follows Exa: it becomes `true` when the search is canceled, also outside Terraform. " +
					"Going from `true` back to `false` replaces the search with a new one.",
				Optional:      true,
				Computed:      true,
				Default:       booldefault.StaticBool(false),
				PlanModifiers: []planmodifier.Bool{searchReplaces(planmodifiers.Uncanceled)},
			},
			"wait_for_completion": schema.BoolAttribute{
				MarkdownDescription: "Make create wait until the search has completed (or was canceled), within `timeouts.create`. " +
					"If the time runs out, the apply still succeeds with a warning: the search goes on at Exa and stays in state, untainted, so the next plan neither replaces nor cancels it (nor bills it twice). Defaults to `false`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{
				Create:            true,
				Delete:            true,
				CreateDescription: "How long create may take, waiting included (a duration such as `30m`). Defaults to 30 minutes.",
				DeleteDescription: "How long the cancel at destroy may take. Defaults to 5 minutes.",
			}),
			"status": schema.StringAttribute{
				MarkdownDescription: "Exa's status of the search: `created`, `pending`, `running`, `completed` or `canceled`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{searchKeeps()},
			},
			"progress": schema.SingleNestedAttribute{
				MarkdownDescription: "How far the search has got, as of the last refresh.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{searchKeeps()},
				Attributes: map[string]schema.Attribute{
					"found":      schema.Int64Attribute{MarkdownDescription: "Results found so far.", Computed: true},
					"analyzed":   schema.Int64Attribute{MarkdownDescription: "Candidates analyzed so far.", Computed: true},
					"completion": schema.Float64Attribute{MarkdownDescription: "Completion, 0 to 100.", Computed: true},
					"time_left":  schema.Float64Attribute{MarkdownDescription: "Estimated seconds left; null when Exa does not know.", Computed: true},
				},
			},
			"canceled_at": schema.StringAttribute{MarkdownDescription: "When the search was canceled (RFC 3339); null unless canceled.", Computed: true,
				PlanModifiers: []planmodifier.String{searchKeeps()}},
			"canceled_reason": schema.StringAttribute{MarkdownDescription: "Why Exa canceled the search, such as `webset_deleted`; null unless canceled by Exa.", Computed: true,
				PlanModifiers: []planmodifier.String{searchKeeps()}},
			"created_at": schema.StringAttribute{MarkdownDescription: "When the search was created (RFC 3339).", Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"updated_at": schema.StringAttribute{MarkdownDescription: "When the search last changed (RFC 3339).", Computed: true,
				PlanModifiers: []planmodifier.String{searchKeeps()}},
		},
	}
}

func (r *websetSearchResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = websetSearchSchema(ctx)
}

func (r *websetSearchResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = resourceidentity.InWebset("search")
}

// The plan rules of exa_webset_search. Its schema names, on each attribute,
// what replaces the search and what an in-place update keeps; the rules are
// here, with the warning a replacement brings.
// ModifyPlan keeps only what concerns the plan as a whole: the cost ledger
// and the override warning.
//
// Replacement is decided on the configured parts only: a criterion's
// success_rate, or an entity Exa chose, never forces a new search, which a
// RequiresReplace on the whole attribute would do.

// searchReplaces is the plan modifier of an input whose change, as rule
// sees it, takes a new search.
func searchReplaces(rule planmodifiers.Rule) planmodifiers.Modifier {
	return planmodifiers.Replace("Changing it replaces the search: Exa cannot change a search.", rule, searchReplaced)
}

// searchKeeps is the plan modifier of a value that Exa computes, which an
// in-place update keeps: only a cancel changes it.
func searchKeeps() planmodifiers.Modifier {
	return planmodifiers.KeepState("An in-place update keeps it, unless it cancels a running search.", planmodifiers.UnknownUnless(cancelsRunningSearch))
}

// cancelsRunningSearch: the plan sets canceled on a search still going,
// whose status, progress and times the cancel changes.
func cancelsRunningSearch(ctx context.Context, req planmodifiers.Request) bool {
	var plan, state websetSearchModel
	if searchModel.Get(ctx, req.Plan.Raw, &plan).HasError() || searchModel.Get(ctx, req.State.Raw, &state).HasError() {
		return true // in doubt, show the value as unknown
	}
	return plan.Canceled.ValueBool() && !state.Canceled.ValueBool() && !exa.SearchFinished(state.Status.ValueString())
}

// entityChanged: an entity that the configuration sets and that differs.
// With none set, Exa picks one, and that choice is no change.
func entityChanged(_ context.Context, req planmodifiers.Request) bool {
	return !req.ConfigValue.IsNull() && !req.PlanValue.Equal(req.StateValue)
}

// criteriaChanged: configured criteria whose descriptions differ from the
// state's. Success rates are Exa's and never replace.
func criteriaChanged(_ context.Context, req planmodifiers.Request) bool {
	if req.PlanValue.Equal(req.StateValue) {
		return false // the common case, decided without reading the lists
	}
	plan, _ := req.PlanValue.(types.List)
	state, _ := req.StateValue.(types.List)
	return !req.ConfigValue.IsNull() && !sameCriteria(plan, state)
}

// criteriaKept: an in-place update keeps the state's criteria, with Exa's
// success rates, unless it cancels a running search.
func criteriaKept(ctx context.Context, req planmodifiers.Request) bool {
	return !req.PlanValue.Equal(req.StateValue) && !criteriaChanged(ctx, req) && !cancelsRunningSearch(ctx, req)
}

// recallChanged: recall is not echoed by Exa, so after an import state
// holds null, and then setting it in the configuration is no change.
func recallChanged(_ context.Context, req planmodifiers.Request) bool {
	plan, _ := req.PlanValue.(types.Bool)
	state, _ := req.StateValue.(types.Bool)
	return plan.IsUnknown() || (!state.IsNull() && plan.ValueBool() != state.ValueBool())
}

// metadataChanged: {} and null are the same metadata.
func metadataChanged(_ context.Context, req planmodifiers.Request) bool {
	plan, _ := req.PlanValue.(types.Map)
	state, _ := req.StateValue.(types.Map)
	return !tfmodel.SameStringMap(plan, state)
}

// searchReplaced warns, when a change of the attribute at req.Path replaces
// the search, that a new search is billed; for a search canceled outside
// Terraform while the configuration says canceled = false, it says how to
// keep it stopped.
func searchReplaced(ctx context.Context, req planmodifiers.Request, diags *diag.Diagnostics) {
	var plan, state websetSearchModel
	diags.Append(searchModel.Get(ctx, req.Plan.Raw, &plan)...)
	diags.Append(searchModel.Get(ctx, req.State.Raw, &state)...)
	if diags.HasError() {
		return
	}
	switch status := state.Status.ValueString(); {
	case status != exa.SearchCanceled:
		diags.AddWarning(warnSearchReplaced,
			fmt.Sprintf("The search %s is %s, and it will be replaced because %s changed: Exa cannot change a search, so a new one is started, asking for up to %s results, which Exa bills again.",
				state.ID.ValueString(), status, req.Path, orUnknownInt(plan.TargetCount)))
	case !plan.Canceled.ValueBool():
		// Canceled in the dashboard, by an action or by another
		// client, while the configuration says it runs.
		diags.AddWarning(warnSearchReplaced,
			fmt.Sprintf("The search %s is canceled, and canceled = false here: a canceled search cannot go on, so the apply starts a new one, asking for up to %s results, which Exa bills again. "+
				"If it was stopped on purpose (in the dashboard, or by the exa_webset_cancel or exa_webset_search_cancel action), set canceled = true to keep it stopped.",
				state.ID.ValueString(), orUnknownInt(plan.TargetCount)))
	}
}

// ModifyPlan counts a new search against max_planned_results (cost.go),
// and records every override search of the plan for the warning of
// override_searches.go: a new one, or one that stays.
func (r *websetSearchResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	if req.State.Raw.IsNull() {
		// A create, or the create half of a replacement.
		var plan websetSearchModel
		resp.Diagnostics.Append(searchModel.Get(ctx, req.Plan.Raw, &plan)...)
		if !resp.Diagnostics.HasError() {
			r.data.planSearchCost(plan.WebsetID, plan.Query, plan.TargetCount, &resp.Diagnostics)
			if plan.Behavior.ValueString() == behaviorOverride {
				r.data.planOverride(knownString(plan.WebsetID), plannedOverride{label: overrideLabel("", knownString(plan.Query)), create: true}, &resp.Diagnostics)
			}
		}
		return
	}
	// A search that is replaced is recorded by its create half.
	if r.data == nil || planmodifiers.Replacing(ctx, req.Private) {
		return
	}
	var state websetSearchModel
	resp.Diagnostics.Append(searchModel.Get(ctx, req.State.Raw, &state)...)
	if !resp.Diagnostics.HasError() && state.Behavior.ValueString() == behaviorOverride {
		r.data.planOverride(state.WebsetID.ValueString(), plannedOverride{label: overrideLabel(state.ID.ValueString(), state.Query.ValueString())}, &resp.Diagnostics)
	}
}

// sameCriteria compares two criteria lists by their descriptions only.
// An unknown list or element is not the same.
func sameCriteria(a, b types.List) bool {
	ca, okA := tfmodel.ElementsAs[criterionModel](a)
	cb, okB := tfmodel.ElementsAs[criterionModel](b)
	if !okA || !okB || len(ca) != len(cb) {
		return false
	}
	for i := range ca {
		if !ca[i].Description.Equal(cb[i].Description) {
			return false
		}
	}
	return true
}

func (r *websetSearchResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan websetSearchModel
	resp.Diagnostics.Append(searchModel.Get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := createDeadline(ctx, plan.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	client := r.data.client
	websetID := plan.WebsetID.ValueString()
	body := expandSearch(plan)
	started := time.Now()
	search, err := createOnce(ctx, client, "search", fmt.Sprintf("a search of the webset %s for %q with count %d", websetID, body.Query, body.Count),
		func(ctx context.Context) (*exa.Search, error) { return client.CreateSearch(ctx, websetID, body) },
		func(ctx context.Context) (*exa.Search, error) { return client.FindSearch(ctx, websetID, body, started) })
	if err != nil {
		resp.Diagnostics.AddError("Could not create the Exa search", err.Error())
		resp.Diagnostics.Append(recordUnresolved(ctx, err, req.Plan, &resp.State)...)
		return
	}
	// The search exists from here on: put it in state before anything else
	// can fail, so that it is never orphaned.
	state := flattenSearch(search, plan)
	resp.Diagnostics.Append(searchModel.Set(ctx, &resp.State.Raw, state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	switch {
	case plan.Canceled.ValueBool() && !exa.SearchFinished(search.Status):
		if search, err = client.CancelSearch(ctx, websetID, search.ID); err != nil {
			resp.Diagnostics.AddError("Created the Exa search, but could not cancel it", err.Error())
			return
		}
	case plan.WaitForCompletion.ValueBool():
		var waitErr error
		search, waitErr = waitForSearch(ctx, client, r.data.poll, websetID, search)
		if waitErr != nil {
			// The search goes on at Exa, and it is in state. An error here
			// would taint it, and the next apply would cancel it half done
			// and pay for a new one: so the apply succeeds, and says so.
			resp.Diagnostics.AddWarning("Exa search still running",
				fmt.Sprintf("Stopped waiting for the search %s: %s\n\nThe search goes on at Exa, and it is kept in state, not tainted: the next refresh shows its progress, and the next plan neither replaces nor cancels it. Raise timeouts.create to wait longer next time.", search.ID, waitErr))
		}
	default:
		return // the state set above is the search as Exa answered the create
	}
	state = flattenSearch(search, plan)
	resp.Diagnostics.Append(searchModel.Set(ctx, &resp.State.Raw, state)...)
}

func (r *websetSearchResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state websetSearchModel
	resp.Diagnostics.Append(searchModel.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if resolvePending(ctx, "search", state.ID.ValueString(), resp,
		func(since time.Time) (*exa.Search, error) {
			return r.data.client.FindSearch(ctx, state.WebsetID.ValueString(), expandSearch(state), since)
		},
		func(found *exa.Search) diag.Diagnostics {
			newState := flattenSearch(found, state)
			return searchModel.Set(ctx, &resp.State.Raw, newState)
		}) {
		return
	}
	// From the webset's snapshot, or by its own GET when it is not there.
	search, err := r.data.client.ReadSearch(ctx, state.WebsetID.ValueString(), state.ID.ValueString())
	if !readOK(ctx, resp, err, "search", state.ID.ValueString()) {
		return
	}
	newState := flattenSearch(search, state)
	resp.Diagnostics.Append(searchModel.Set(ctx, &resp.State.Raw, newState)...)
}

// Update changes no search at Exa: only canceled, wait_for_completion,
// timeouts, and metadata between null and {} change in place, and of those
// only a canceled that goes from false to true calls Exa.
func (r *websetSearchResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, state websetSearchModel
	resp.Diagnostics.Append(searchModel.Get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(searchModel.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	next := state
	next.WaitForCompletion = plan.WaitForCompletion
	next.Timeouts = plan.Timeouts
	next.Canceled = plan.Canceled
	// metadata reaches an update only between null and {} (any other change
	// replaces the search): state follows the configuration.
	next.Metadata = plan.Metadata

	if plan.Canceled.ValueBool() && !state.Canceled.ValueBool() {
		if exa.SearchFinished(state.Status.ValueString()) {
			resp.Diagnostics.AddWarning("Exa search already finished",
				fmt.Sprintf("The search %s is %s, so there is nothing to cancel; canceled = true is recorded.", state.ID.ValueString(), state.Status.ValueString()))
		} else {
			search, err := r.data.client.CancelSearch(ctx, state.WebsetID.ValueString(), state.ID.ValueString())
			if err != nil {
				resp.Diagnostics.AddError("Could not cancel the Exa search", err.Error())
				return
			}
			next = flattenSearch(search, next)
		}
	}
	resp.Diagnostics.Append(searchModel.Set(ctx, &resp.State.Raw, next)...)
}

// Delete cancels the search when it is still going. Exa has no endpoint to
// delete a search: a finished one stays in the webset's history, and is
// simply forgotten here, with no API call at all.
func (r *websetSearchResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state websetSearchModel
	resp.Diagnostics.Append(searchModel.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() || pendingDelete("search", state.ID.ValueString(), resp) || exa.SearchFinished(state.Status.ValueString()) {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	resp.Diagnostics.Append(cancelSearch(ctx, r.data.client, state.WebsetID.ValueString(), state.ID.ValueString())...)
}

// cancelSearch cancels a search for destroy, and counts it as done when the
// search is gone (404) or already finished. The spec does not say what
// canceling a finished search answers, so a refusal (4xx) is checked with
// one read before it is reported.
func cancelSearch(ctx context.Context, client *exa.Client, websetID, id string) diag.Diagnostics {
	var diags diag.Diagnostics
	_, err := client.CancelSearch(ctx, websetID, id)
	if err == nil || exa.IsNotFound(err) {
		return diags
	}
	if status := exa.StatusOf(err); status/100 == 4 && status != http.StatusTooManyRequests {
		s, getErr := client.GetSearch(ctx, websetID, id)
		if exa.IsNotFound(getErr) || (getErr == nil && exa.SearchFinished(s.Status)) {
			return diags
		}
	}
	diags.AddError("Could not cancel the Exa search", err.Error())
	return diags
}

// ImportState takes "<webset_id>/<search_id>", split on the last slash.
func (r *websetSearchResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importChild(ctx, r.data, req, resp, "search_id") {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("wait_for_completion"), false)...)
	}
}

func (r *websetSearchResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Lists the searches of a webset, for `terraform query`.",
		Attributes: map[string]listschema.Attribute{
			"webset_id": listschema.StringAttribute{MarkdownDescription: "ID or external ID of the webset whose searches to list.", Required: true},
		},
	}
}

// List lists a webset's searches from one GET of the webset, each with the
// state an import reads (the webset's real ID, wait_for_completion false).
func (r *websetSearchResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	listInWebset(ctx, r.data, req, stream, "search", func(ws *exa.Webset) []exa.Search { return ws.Searches }, func(ws *exa.Webset, s *exa.Search) listing.Object {
		return listing.Object{
			Identity: map[string]string{"webset_id": ws.ID, "id": s.ID},
			Display:  fmt.Sprintf("%s (%s, %d results)", s.Query, s.Status, roundInt(s.Count)),
			State: func() (any, diag.Diagnostics) {
				prior := websetSearchModel{Timeouts: nullTimeouts(timeouts.Opts{Create: true, Delete: true})}
				prior.WebsetID = types.StringValue(ws.ID)
				prior.WaitForCompletion = types.BoolValue(false)
				return flattenSearch(s, prior), nil
			},
		}
	})
}

// The mapping between Terraform and the API: expandSearch builds the
// create request from the plan, and flattenSearch turns Exa's answer into
// state.

// expandSearch builds the body of the create request. Null and unknown
// optional inputs are left out, so that Exa applies its own choices.
func expandSearch(m websetSearchModel) *exa.CreateSearchRequest {
	out := &exa.CreateSearchRequest{
		Query:    m.Query.ValueString(),
		Count:    m.TargetCount.ValueInt64(),
		Behavior: m.Behavior.ValueString(),
		Entity:   expandEntity(m.Entity),
		Exclude:  expandSources(m.Exclude),
	}
	criteria, _ := tfmodel.ElementsAs[criterionModel](m.Criteria)
	for _, c := range criteria {
		out.Criteria = append(out.Criteria, exa.CreateCriterion{Description: c.Description.ValueString()})
	}
	scope, _ := tfmodel.ElementsAs[scopeModel](m.Scope)
	for _, e := range scope {
		sc := exa.Scope{Source: e.Source.ValueString(), ID: e.ID.ValueString()}
		if rel := e.Relationship; rel != nil {
			sc.Relationship = &exa.Relationship{Definition: rel.Definition.ValueString(), Limit: float64(rel.Limit.ValueInt64())}
		}
		out.Scope = append(out.Scope, sc)
	}
	if tfmodel.IsKnown(m.Recall) {
		out.Recall = m.Recall.ValueBoolPointer()
	}
	out.Metadata = tfmodel.StringMap(m.Metadata)
	if tfmodel.IsKnown(m.MaxPeople) {
		out.MaxPeoplePerCompany = m.MaxPeople.ValueInt64Pointer()
	}
	return out
}

// flattenSearch turns Exa's view of a search into state. prior is the plan
// (at create) or the previous state: it supplies what Exa never echoes
// (recall, wait_for_completion, timeouts) and decides whether an empty list
// or map from Exa is written as null (the config said nothing) or as empty.
//
// Nested values go through typed models and tfmodel, as in every resource.
func flattenSearch(s *exa.Search, prior websetSearchModel) websetSearchModel {
	m := prior
	m.ID = types.StringValue(s.ID)
	if !tfmodel.IsKnown(prior.WebsetID) {
		m.WebsetID = types.StringValue(s.WebsetID)
	}
	m.Query = types.StringValue(s.Query)
	m.TargetCount = types.Int64Value(roundInt(s.Count))
	if s.Behavior != "" {
		m.Behavior = types.StringValue(s.Behavior)
	} else if !tfmodel.IsKnown(prior.Behavior) {
		m.Behavior = types.StringValue(defaultSearchBehavior)
	}
	m.Status = types.StringValue(s.Status)
	m.CreatedAt = tfmodel.StringOrNull(&s.CreatedAt)
	m.UpdatedAt = tfmodel.StringOrNull(&s.UpdatedAt)
	m.CanceledAt = tfmodel.StringOrNull(s.CanceledAt)
	m.CanceledReason = tfmodel.StringOrNull(s.CanceledReason)
	// Exa echoes the cap, or null for none. A server older than the field
	// answers without it: then what the configuration said is kept, since
	// the spec snapshot is silent on it.
	if s.MaxPeoplePerCompany != nil {
		m.MaxPeople = types.Int64Value(roundInt(*s.MaxPeoplePerCompany))
	} else if !tfmodel.IsKnown(prior.MaxPeople) {
		m.MaxPeople = types.Int64Null()
	}

	// canceled mirrors Exa. A completed search that was asked to cancel
	// keeps true: there was nothing left to stop, and flipping back would
	// show a diff that no apply can settle.
	m.Canceled = types.BoolValue(s.Status == exa.SearchCanceled ||
		(s.Status == exa.SearchCompleted && prior.Canceled.ValueBool()))
	if !tfmodel.IsKnown(prior.WaitForCompletion) {
		m.WaitForCompletion = types.BoolValue(false)
	}
	// recall is never echoed. After an import there is no prior value: a
	// recall estimate in the answer shows it was asked for.
	if !tfmodel.IsKnown(prior.Recall) && s.Recall != nil {
		m.Recall = types.BoolValue(true)
	}

	m.Entity = flattenEntity(s.Entity)
	m.Criteria = flattenCriteria(s.Criteria)
	m.Exclude = flattenSources(s.Exclude)
	m.Scope = flattenScope(s.Scope)
	m.Progress = tfmodel.ObjectOrNull(flattenProgress(s.Progress))
	m.RecallResult = tfmodel.ObjectOrNull(flattenRecall(s.Recall))
	m.Metadata = tfmodel.StringMapOrNull(s.Metadata, prior.Metadata)
	return m
}

func flattenCriteria(list []exa.Criterion) types.List {
	out := make([]criterionModel, len(list))
	for i, c := range list {
		out[i] = criterionModel{Description: types.StringValue(c.Description), SuccessRate: types.Float64PointerValue(c.SuccessRate)}
	}
	return tfmodel.ListOrNull(out)
}

func flattenScope(list []exa.Scope) types.List {
	out := make([]scopeModel, len(list))
	for i, s := range list {
		out[i] = scopeModel{Source: types.StringValue(s.Source), ID: types.StringValue(s.ID)}
		if r := s.Relationship; r != nil {
			out[i].Relationship = &relationshipModel{Definition: types.StringValue(r.Definition), Limit: types.Int64Value(roundInt(r.Limit))}
		}
	}
	return tfmodel.ListOrNull(out)
}

// flattenProgress is a search's progress, for the resource and the
// webset data source's searches; nil for none.
func flattenProgress(p *exa.Progress) *progressModel {
	if p == nil {
		return nil
	}
	return &progressModel{
		Found:      types.Int64Value(roundInt(p.Found)),
		Analyzed:   types.Int64Value(roundInt(p.Analyzed)),
		Completion: types.Float64Value(p.Completion),
		TimeLeft:   types.Float64PointerValue(p.TimeLeft),
	}
}

func flattenRecall(r *exa.Recall) *recallResultModel {
	if r == nil {
		return nil
	}
	return &recallResultModel{
		Expected: &expectedModel{
			Total:      types.Int64Value(roundInt(r.Expected.Total)),
			Confidence: types.StringValue(r.Expected.Confidence),
			Bounds:     &boundsModel{Min: types.Int64Value(roundInt(r.Expected.Bounds.Min)), Max: types.Int64Value(roundInt(r.Expected.Bounds.Max))},
		},
		Reasoning: types.StringValue(r.Reasoning),
	}
}
