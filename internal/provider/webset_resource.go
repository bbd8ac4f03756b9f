package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/listing"
	"github.com/exa-community/terraform-provider-exa/internal/planmodifiers"
	"github.com/exa-community/terraform-provider-exa/internal/resourceidentity"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

var (
	_ resource.Resource                = (*websetResource)(nil)
	_ resource.ResourceWithIdentity    = (*websetResource)(nil)
	_ resource.ResourceWithConfigure   = (*websetResource)(nil)
	_ resource.ResourceWithImportState = (*websetResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*websetResource)(nil)
	_ list.ListResource                = (*websetResource)(nil)
	_ list.ListResourceWithConfigure   = (*websetResource)(nil)
)

// NewWebsetResource is the exa_webset resource.
func NewWebsetResource() resource.Resource { return &websetResource{resourceBase{typeName: "webset"}} }

type websetResource struct{ resourceBase }

// websetModel is the resource's state: what Exa says of the webset
// (websetData, which the data source shares) and the inputs Exa does not
// echo.
type websetModel struct {
	websetData
	Import             types.List `tfsdk:"import"`
	Canceled           types.Bool `tfsdk:"canceled"`
	DeletionProtection types.Bool `tfsdk:"deletion_protection"`
}

// websetData is the webset as Exa describes it; the data source adds its
// searches.
type websetData struct {
	ID         types.String `tfsdk:"id"`
	ExternalID types.String `tfsdk:"external_id"`
	Metadata   types.Map    `tfsdk:"metadata"`
	Exclude    types.List   `tfsdk:"exclude"`
	Status     types.String `tfsdk:"status"`
	Title      types.String `tfsdk:"title"`
	CreatedAt  types.String `tfsdk:"created_at"`
	UpdatedAt  types.String `tfsdk:"updated_at"`
	SearchIDs  types.List   `tfsdk:"search_ids"`
	// DashboardURL follows the SDKs, not the spec file (README, "Since the spec").
	DashboardURL types.String `tfsdk:"dashboard_url"`
}

// websetSchema is the schema of exa_webset: the one place each attribute is
// defined. replaced says what a replacement means (the resource's
// replaced); nil where no plan is made (the data source, the codec).
func websetSchema(_ context.Context, replaced planmodifiers.Explain) schema.Schema {
	replaces := planmodifiers.Replace("Changing it replaces the webset.", planmodifiers.Changed, replaced)
	return schema.Schema{
		MarkdownDescription: "An Exa webset: a collection of results that `exa_webset_search` resources fill. " +
			"Destroying it deletes the webset and its items at Exa. Searches are declared as their own `exa_webset_search` resources.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The webset's ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"external_id": schema.StringAttribute{
				MarkdownDescription: "Your own identifier for the webset, up to 300 characters, unique in your Exa team. Exa accepts it wherever it takes the webset ID. It also lets the provider find a webset whose create answer was lost, instead of creating a second one. Changing it replaces the webset.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 300)},
				PlanModifiers:       []planmodifier.String{replaces},
			},
			"metadata": schema.MapAttribute{
				MarkdownDescription: "Your own key-value pairs, each value up to 1000 characters. Changed in place.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Map{mapvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtMost(1000))},
			},
			"exclude": schema.ListNestedAttribute{
				MarkdownDescription: "Imports or websets whose entities no search of this webset may find. Changing it replaces the webset.",
				Optional:            true,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject:        schema.NestedAttributeObject{Attributes: sourceRefAttributes("to exclude")},
				PlanModifiers:       []planmodifier.List{replaces},
			},
			"import": schema.ListNestedAttribute{
				MarkdownDescription: "Imports or websets to attach to the new webset. For a CSV import, Exa schedules its ingestion into a staging pool: its records do not become the webset's items, searches do. To work on the records, add an `exa_webset_search` whose `scope` names the import (and do not name the same import in both, which Exa refuses). Exa does not echo it, so state keeps what the configuration said (null after `terraform import`). Changing it replaces the webset.",
				Optional:            true,
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject:        schema.NestedAttributeObject{Attributes: sourceRefAttributes("to load")},
				PlanModifiers:       []planmodifier.List{replaces},
			},
			"canceled": schema.BoolAttribute{
				MarkdownDescription: "Set to `true` to stop every running search and enrichment of the webset: the provider calls Exa's cancel once, in place, and the webset and its items stay. Setting it back to `false` calls nothing: unlike a canceled search, a webset can take new work as it is, so nothing is replaced. Searches of the webset that you declare as `exa_webset_search` are canceled too, so set their `canceled = true` in the same change; otherwise their next plan replaces them, as for any search canceled outside Terraform. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"deletion_protection": schema.BoolAttribute{
				MarkdownDescription: "While `true`, destroying the webset or any change that replaces it fails at plan time, and no DELETE is sent: this guards its items and the enrichment results paid for. To delete or replace it, set `false` and apply first. It is the provider's own setting: Exa never sees it. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"status":     schema.StringAttribute{MarkdownDescription: "Exa's status of the webset: `idle`, `pending`, `running` or `paused`.", Computed: true},
			"title":      schema.StringAttribute{MarkdownDescription: "The title Exa gave the webset; null until it has one.", Computed: true},
			"created_at": schema.StringAttribute{MarkdownDescription: "When the webset was created (RFC 3339).", Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"updated_at": schema.StringAttribute{MarkdownDescription: "When the webset last changed (RFC 3339).", Computed: true},
			"dashboard_url": schema.StringAttribute{
				MarkdownDescription: "The link to the webset in Exa's dashboard; null when Exa's answer does not carry it.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"search_ids": schema.ListAttribute{
				MarkdownDescription: "IDs of the webset's searches, oldest first.",
				Computed:            true,
				ElementType:         types.StringType,
			},
		},
	}
}

// websetCodec reads and writes websetModel in plans and states without the
// framework's reflection per call (tfmodel.Codec), as every resource does.
var websetCodec = tfmodel.NewCodec[websetModel](func(ctx context.Context) attr.Type { return websetSchema(ctx, nil).Type() })

func (r *websetResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = websetSchema(ctx, r.replaced)
}

func (r *websetResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = resourceidentity.ByID("webset")
}

func (r *websetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan websetModel
	resp.Diagnostics.Append(websetCodec.Get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	body := expandWebsetCreate(plan)

	client := r.data.client
	create := func(ctx context.Context) (*exa.Webset, error) { return client.CreateWebset(ctx, body) }
	// Without external_id nothing identifies the webset: a lost answer is
	// an error that says so.
	find := func(context.Context) (*exa.Webset, error) {
		return nil, cannotLookError("without external_id the provider cannot find the webset; setting external_id lets it do so by itself")
	}
	if body.ExternalID != nil {
		since := time.Now()
		find = func(ctx context.Context) (*exa.Webset, error) { return client.FindWebset(ctx, body, since) }
	}
	ws, err := createOnce(ctx, client, "webset", fmt.Sprintf("a webset with the external_id %q", plan.ExternalID.ValueString()), create, find)
	var taken *exa.ExternalIDTakenError
	if exa.IsConflict(err) || errors.As(err, &taken) {
		resp.Diagnostics.AddAttributeError(path.Root("external_id"), "A webset with this external_id already exists",
			fmt.Sprintf("%s\n\nTo manage the existing webset with Terraform, import it:\n\n  terraform import <address> %s", err, plan.ExternalID.ValueString()))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not create the Exa webset", err.Error())
		resp.Diagnostics.Append(recordUnresolved(ctx, err, req.Plan, &resp.State)...)
		return
	}
	state := flattenWebset(ws, plan)
	resp.Diagnostics.Append(websetCodec.Set(ctx, &resp.State.Raw, state)...)
	if plan.Canceled.ValueBool() {
		r.cancel(ctx, state, &resp.State, &resp.Diagnostics)
	}
}

// ModifyPlan refuses, at plan time, to destroy a webset that has
// deletion_protection: nothing is sent to Exa. A change that replaces it
// is its attributes' plan modifiers, with replaced.
func (r *websetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || !req.Plan.Raw.IsNull() {
		return // only a destroy
	}
	var state websetModel
	resp.Diagnostics.Append(websetCodec.Get(ctx, req.State.Raw, &state)...)
	if !resp.Diagnostics.HasError() && state.DeletionProtection.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("deletion_protection"), "The Exa webset is protected from deletion",
			fmt.Sprintf("The webset %s has deletion_protection = true, so it is not destroyed, and nothing is sent to Exa. To destroy it with its items and enrichment results, set deletion_protection = false, run apply, then destroy.", state.ID.ValueString()))
	}
}

// replaced guards paid work when a change replaces the webset: with
// deletion_protection it fails at plan time, and otherwise it warns what
// the replacement cascades to.
func (r *websetResource) replaced(ctx context.Context, req planmodifiers.Request, diags *diag.Diagnostics) {
	var state websetModel
	if d := websetCodec.Get(ctx, req.State.Raw, &state); d.HasError() {
		diags.Append(d...)
		return
	}
	name := req.Path.String()
	if state.DeletionProtection.ValueBool() {
		diags.AddAttributeError(path.Root("deletion_protection"), "The Exa webset is protected from deletion",
			fmt.Sprintf("Changing %s replaces the webset %s, which deletes it with its items and enrichment results, but it has deletion_protection = true. Nothing is sent to Exa. To replace it, set deletion_protection = false and apply first; or undo the change to %s.",
				name, state.ID.ValueString(), name))
		return
	}
	diags.AddWarning(warnWebsetReplaced, r.cascade(ctx, state, name))
}

// cascade says what replacing a webset costs: what Exa deletes with it, and
// the searches and enrichments that start again, from its snapshot (which
// refresh has just read) or, failing that, from state.
func (r *websetResource) cascade(ctx context.Context, state websetModel, reason string) string {
	var ids []string
	state.SearchIDs.ElementsAs(ctx, &ids, false) //nolint:errcheck // a computed list of strings; empty on any doubt
	enrichments, items := "its enrichments", "its items"
	if r.data != nil {
		if ws, err := r.data.client.WebsetSnapshot(ctx, state.ID.ValueString()); err == nil {
			ids = ids[:0]
			for _, s := range ws.Searches {
				ids = append(ids, s.ID)
			}
			enrichments = fmt.Sprintf("its %d enrichments", len(ws.Enrichments))
			if n, err := websetItems(ctx, r.data.client, ws.ID); err == nil {
				items = fmt.Sprintf("its items (about %d)", n)
			}
		}
	}
	searches := "no searches"
	if len(ids) > 0 {
		searches = fmt.Sprintf("%d searches (%s)", len(ids), strings.Join(ids, ", "))
	}
	return fmt.Sprintf("The webset %s will be replaced because %s changed. Exa deletes it with %s and the results of %s. It has %s at Exa: every exa_webset_search and exa_webset_enrichment that names this webset is replaced with it, and Exa bills their work again. "+
		"Set deletion_protection = true to make such a change fail at plan time.",
		state.ID.ValueString(), reason, items, enrichments, searches)
}

// cancel calls websets-cancel and records the answer in st.
func (r *websetResource) cancel(ctx context.Context, prior websetModel, st *tfsdk.State, diags *diag.Diagnostics) {
	ws, err := r.data.client.CancelWebset(ctx, prior.ID.ValueString())
	if err != nil {
		diags.AddError("Could not cancel the Exa webset", err.Error())
		return
	}
	next := flattenWebset(ws, prior)
	diags.Append(websetCodec.Set(ctx, &st.Raw, next)...)
}

func (r *websetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state websetModel
	resp.Diagnostics.Append(websetCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if resolvePending(ctx, "webset", state.ID.ValueString(), resp,
		func(since time.Time) (*exa.Webset, error) {
			return r.data.client.FindWebset(ctx, expandWebsetCreate(state), since)
		},
		func(found *exa.Webset) diag.Diagnostics {
			newState := flattenWebset(found, state)
			return websetCodec.Set(ctx, &resp.State.Raw, newState)
		}) {
		return
	}
	// One GET serves this webset and every search and enrichment in it
	// (exa.Client.WebsetSnapshot).
	ws, err := r.data.client.WebsetSnapshot(ctx, state.ID.ValueString())
	if !readOK(ctx, resp, err, "webset", state.ID.ValueString()) {
		return
	}
	newState := flattenWebset(ws, state)
	resp.Diagnostics.Append(websetCodec.Set(ctx, &resp.State.Raw, newState)...)
}

// Update changes metadata, the only attribute Exa updates in place, and
// cancels the webset when canceled goes from false to true.
func (r *websetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, state websetModel
	resp.Diagnostics.Append(websetCodec.Get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(websetCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Only metadata and canceled change in place; each calls Exa only when
	// it changed (canceled: only from false to true).
	next := state
	next.Canceled = plan.Canceled
	next.DeletionProtection = plan.DeletionProtection
	next.Metadata = plan.Metadata
	if !tfmodel.SameStringMap(plan.Metadata, state.Metadata) {
		ws, err := r.data.client.UpdateWebset(ctx, state.ID.ValueString(), &exa.UpdateWebsetRequest{Metadata: updatedMetadata(plan.Metadata)})
		if err != nil {
			resp.Diagnostics.AddError("Could not update the Exa webset", err.Error())
			return
		}
		next = flattenWebset(ws, next)
	}
	resp.Diagnostics.Append(websetCodec.Set(ctx, &resp.State.Raw, next)...)
	if plan.Canceled.ValueBool() && !state.Canceled.ValueBool() {
		r.cancel(ctx, next, &resp.State, &resp.Diagnostics)
	}
}

// Delete deletes the webset with its items. Searches that Terraform also
// manages depend on the webset, so Terraform cancels them first.
func (r *websetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state websetModel
	resp.Diagnostics.Append(websetCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if pendingDelete("webset", state.ID.ValueString(), resp) {
		return
	}
	// ModifyPlan refuses this at plan time; this holds for a plan made by an
	// older provider too.
	if state.DeletionProtection.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("deletion_protection"), "The Exa webset is protected from deletion",
			fmt.Sprintf("The webset %s has deletion_protection = true, so nothing was deleted. Set it to false and apply first.", state.ID.ValueString()))
		return
	}
	deleteOK(resp, r.data.client.DeleteWebset(ctx, state.ID.ValueString()), "webset")
}

// expandWebsetCreate is the create body of a webset model.
func expandWebsetCreate(m websetModel) *exa.CreateWebsetRequest {
	return &exa.CreateWebsetRequest{
		ExternalID: m.ExternalID.ValueStringPointer(),
		Import:     expandSources(m.Import),
		Exclude:    expandSources(m.Exclude),
		Metadata:   tfmodel.StringMap(m.Metadata),
	}
}

// ImportState takes the webset's id or its external_id: Exa reads either,
// and Read stores the id.
func (r *websetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

func (r *websetResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{MarkdownDescription: "Lists every webset of the account, for `terraform query`."}
}

// List lists every webset of the account, each named by its external ID
// and title.
func (r *websetResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	all, err := r.data.client.ListWebsetsUpTo(ctx, listing.Limit(req))
	stream.Results = listing.Results(ctx, req, listing.Of(all, func(ws *exa.Webset) listing.Object {
		return listing.Object{
			Identity: map[string]string{"id": ws.ID},
			Display:  strings.TrimSpace(derefOr(ws.ExternalID, ws.ID) + " " + derefOr(ws.Title, "")),
			State:    func() (any, diag.Diagnostics) { return flattenWebset(ws, websetModel{}), nil },
		}
	}), err, "webset")
}

// flattenWebset turns Exa's view of a webset into state. prior keeps null
// for a map or list the configuration left out when Exa answers it empty.
func flattenWebset(ws *exa.Webset, prior websetModel) websetModel {
	m := prior
	m.ID = types.StringValue(ws.ID)
	m.ExternalID = tfmodel.StringOrNull(ws.ExternalID)
	m.Status = types.StringValue(ws.Status)
	m.Title = tfmodel.StringOrNull(ws.Title)
	m.CreatedAt = tfmodel.StringOrNull(&ws.CreatedAt)
	m.UpdatedAt = tfmodel.StringOrNull(&ws.UpdatedAt)
	m.Exclude = flattenSources(ws.Excludes)
	m.Metadata = tfmodel.StringMapOrNull(ws.Metadata, prior.Metadata)
	m.SearchIDs = searchIDs(ws)
	m.DashboardURL = tfmodel.StringOrNull(ws.DashboardURL)
	// import and canceled are the configuration's, never Exa's: kept from
	// prior, and at their defaults after terraform import.
	if !tfmodel.IsKnown(prior.Canceled) {
		m.Canceled = types.BoolValue(false)
	}
	if !tfmodel.IsKnown(prior.DeletionProtection) {
		m.DeletionProtection = types.BoolValue(false)
	}
	if prior.Import.IsUnknown() || prior.Import.IsNull() {
		m.Import = tfmodel.NullList[sourceModel]()
	}
	return m
}

// searchIDs are the IDs of a webset's searches, oldest first: exa_webset's
// search_ids and exa_websets' too.
func searchIDs(ws *exa.Webset) types.List {
	ids := make([]string, 0, len(ws.Searches))
	for _, s := range ws.Searches {
		ids = append(ids, s.ID)
	}
	return tfmodel.StringListValue(ids)
}
