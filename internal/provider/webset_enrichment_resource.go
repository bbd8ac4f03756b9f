package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
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
	_ resource.Resource                     = (*websetEnrichmentResource)(nil)
	_ resource.ResourceWithIdentity         = (*websetEnrichmentResource)(nil)
	_ resource.ResourceWithConfigure        = (*websetEnrichmentResource)(nil)
	_ resource.ResourceWithImportState      = (*websetEnrichmentResource)(nil)
	_ resource.ResourceWithConfigValidators = (*websetEnrichmentResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*websetEnrichmentResource)(nil)
	_ list.ListResource                     = (*websetEnrichmentResource)(nil)
	_ list.ListResourceWithConfigure        = (*websetEnrichmentResource)(nil)
)

// NewWebsetEnrichmentResource is the exa_webset_enrichment resource.
func NewWebsetEnrichmentResource() resource.Resource {
	return &websetEnrichmentResource{resourceBase{typeName: "webset_enrichment"}}
}

type websetEnrichmentResource struct{ resourceBase }

type websetEnrichmentModel struct {
	ID           types.String `tfsdk:"id"`
	WebsetID     types.String `tfsdk:"webset_id"`
	Description  types.String `tfsdk:"description"`
	Format       types.String `tfsdk:"format"`
	Options      types.List   `tfsdk:"options"`
	Metadata     types.Map    `tfsdk:"metadata"`
	Canceled     types.Bool   `tfsdk:"canceled"`
	Status       types.String `tfsdk:"status"`
	Title        types.String `tfsdk:"title"`
	Instructions types.String `tfsdk:"instructions"`
	CreatedAt    types.String `tfsdk:"created_at"`
	UpdatedAt    types.String `tfsdk:"updated_at"`

	WaitForCompletion types.Bool     `tfsdk:"wait_for_completion"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

// websetEnrichmentSchema is the schema of exa_webset_enrichment: the one place each attribute is defined.
func websetEnrichmentSchema(ctx context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "An enrichment: Exa extracts one more piece of data (an email, a funding stage) from every item of a webset. " +
			"`description`, `format`, `options` and `metadata` change in place. Destroying it deletes it with its results; `canceled = true` stops it and keeps them.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "The enrichment's ID.", Computed: true, PlanModifiers: keep},
			"webset_id": schema.StringAttribute{
				MarkdownDescription: "ID of the webset whose items are enriched. Changing it replaces the enrichment.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{planmodifiers.Replace("Changing it replaces the enrichment.",
					planmodifiers.Changed, enrichmentReplaced("webset_id changed", ""))},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "What to find for each item, 1 to 5000 characters.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 5000)},
			},
			"format": schema.StringAttribute{
				MarkdownDescription: "Format of the result: `text`, `date`, `number`, `options`, `email`, `phone` or `url`. When omitted, Exa picks one from the description, and state records it.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.OneOf(exa.EnrichmentFormats()...)},
				PlanModifiers:       keep,
			},
			"options": schema.ListAttribute{
				MarkdownDescription: "The labels to choose from, 1 to 150: required when `format` is `options`, and allowed only then.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators: []validator.List{
					listvalidator.SizeBetween(1, 150),
					listvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtLeast(1)),
				},
			},
			"metadata": schema.MapAttribute{
				MarkdownDescription: "Your own key-value pairs, each value up to 1000 characters.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Map{mapvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtMost(1000))},
			},
			"canceled": schema.BoolAttribute{
				MarkdownDescription: "Set to `true` to stop the enrichment in place (one cancel call). In state it follows Exa, canceled outside Terraform included. Going back to `false` replaces the enrichment.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
				PlanModifiers: []planmodifier.Bool{planmodifiers.Replace("Going from canceled back to not canceled takes a new enrichment.",
					planmodifiers.Uncanceled, enrichmentReplaced("it is canceled and canceled = false here",
						" If it was stopped on purpose (in the dashboard, or by the exa_webset_cancel action), set canceled = true to keep it stopped."))},
			},
			"wait_for_completion": schema.BoolAttribute{
				MarkdownDescription: "Make create wait until the enrichment has completed (or was canceled), within `timeouts.create`: then items read in the same apply carry its results. " +
					"If the time runs out, the apply still succeeds with a warning: the enrichment goes on at Exa and stays in state, untainted, so the next plan neither replaces nor cancels it. Defaults to `false`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{
				Create:            true,
				CreateDescription: "How long create may take, waiting included (a duration such as `30m`). Defaults to 30 minutes.",
			}),
			"status":       schema.StringAttribute{MarkdownDescription: "`pending`, `completed` or `canceled`.", Computed: true},
			"title":        schema.StringAttribute{MarkdownDescription: "The title Exa gave the enrichment.", Computed: true},
			"instructions": schema.StringAttribute{MarkdownDescription: "The instructions Exa wrote for its agent from the description and format.", Computed: true},
			"created_at":   schema.StringAttribute{MarkdownDescription: "When the enrichment was created (RFC 3339).", Computed: true, PlanModifiers: keep},
			"updated_at":   schema.StringAttribute{MarkdownDescription: "When the enrichment last changed (RFC 3339).", Computed: true},
		},
	}
}

// enrichmentCodec reads and writes websetEnrichmentModel in plans and
// states without the framework's reflection per call (tfmodel.Codec), as
// every resource does. It is set in init: the schema's plan modifiers read
// state through it, which a package-level initializer cannot express.
var enrichmentCodec *tfmodel.Codec[websetEnrichmentModel]

func init() {
	enrichmentCodec = tfmodel.NewCodec[websetEnrichmentModel](func(ctx context.Context) attr.Type { return websetEnrichmentSchema(ctx).Type() })
}

// enrichmentReplaced warns, when the enrichment is replaced because of
// reason, that its results go and are billed again.
func enrichmentReplaced(reason, advice string) planmodifiers.Explain {
	return func(ctx context.Context, req planmodifiers.Request, diags *diag.Diagnostics) {
		var state websetEnrichmentModel
		if d := enrichmentCodec.Get(ctx, req.State.Raw, &state); d.HasError() {
			diags.Append(d...)
			return
		}
		diags.AddWarning(warnEnrichmentReplaced,
			fmt.Sprintf("The enrichment %s (%s) will be replaced because %s: its results are deleted, and the new enrichment fills one result per item of its webset again, each billed.%s",
				state.ID.ValueString(), quoteShort(state.Description), reason, advice))
	}
}

func (r *websetEnrichmentResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = websetEnrichmentSchema(ctx)
}

func (r *websetEnrichmentResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = resourceidentity.InWebset("enrichment")
}

func (r *websetEnrichmentResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{optionsNeedFormat{}}
}

// ModifyPlan counts a new enrichment against max_planned_results and warns
// what it may fill (cost.go). Replacement, and its warning, are the plan
// modifiers of webset_id and canceled.
func (r *websetEnrichmentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return // a destroy or an update: no new enrichment
	}
	// A create, or the create half of a replacement.
	var plan websetEnrichmentModel
	resp.Diagnostics.Append(enrichmentCodec.Get(ctx, req.Plan.Raw, &plan)...)
	if !resp.Diagnostics.HasError() {
		r.data.planEnrichmentCost(ctx, plan, &resp.Diagnostics)
	}
}

func (r *websetEnrichmentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan websetEnrichmentModel
	resp.Diagnostics.Append(enrichmentCodec.Get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := createDeadline(ctx, plan.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	client, websetID := r.data.client, plan.WebsetID.ValueString()
	body := expandEnrichmentCreate(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	started := time.Now()
	e, err := createOnce(ctx, client, "enrichment", fmt.Sprintf("an enrichment of the webset %s described %q", websetID, body.Description),
		func(ctx context.Context) (*exa.Enrichment, error) {
			return client.CreateEnrichment(ctx, websetID, body)
		},
		func(ctx context.Context) (*exa.Enrichment, error) {
			return client.FindEnrichment(ctx, websetID, body, started)
		})
	if err != nil {
		resp.Diagnostics.AddError("Could not create the Exa enrichment", err.Error())
		resp.Diagnostics.Append(recordUnresolved(ctx, err, req.Plan, &resp.State)...)
		return
	}
	state := flattenEnrichment(ctx, e, plan)
	resp.Diagnostics.Append(enrichmentCodec.Set(ctx, &resp.State.Raw, state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	switch {
	case plan.Canceled.ValueBool():
		if e, err = client.CancelEnrichment(ctx, websetID, e.ID); err != nil {
			resp.Diagnostics.AddError("Created the Exa enrichment, but could not cancel it", err.Error())
			return
		}
	case plan.WaitForCompletion.ValueBool():
		var waitErr error
		if e, waitErr = waitForEnrichment(ctx, client, r.data.poll, websetID, e); waitErr != nil {
			// As for a search: an error would taint it, and the next apply
			// would pay for it again.
			resp.Diagnostics.AddWarning("Exa enrichment still running",
				fmt.Sprintf("Stopped waiting for the enrichment %s: %s\n\nThe enrichment goes on at Exa, and it is kept in state, not tainted: the next refresh shows its status, and the next plan neither replaces nor cancels it. Raise timeouts.create to wait longer next time.", e.ID, waitErr))
		}
	}
	state = flattenEnrichment(ctx, e, plan)
	resp.Diagnostics.Append(enrichmentCodec.Set(ctx, &resp.State.Raw, state)...)
}

// expandEnrichmentCreate is the create body of an enrichment model.
func expandEnrichmentCreate(ctx context.Context, m websetEnrichmentModel, diags *diag.Diagnostics) *exa.CreateEnrichmentRequest {
	return &exa.CreateEnrichmentRequest{
		Description: m.Description.ValueString(),
		Format:      m.Format.ValueString(), // empty when unknown: Exa picks
		Options:     expandOptions(ctx, m.Options, diags),
		Metadata:    tfmodel.StringMap(m.Metadata),
	}
}

func (r *websetEnrichmentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state websetEnrichmentModel
	resp.Diagnostics.Append(enrichmentCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if resolvePending(ctx, "enrichment", state.ID.ValueString(), resp,
		func(since time.Time) (*exa.Enrichment, error) {
			var diags diag.Diagnostics
			body := expandEnrichmentCreate(ctx, state, &diags)
			if diags.HasError() {
				return nil, fmt.Errorf("the placeholder's options do not read: %v", diags)
			}
			return r.data.client.FindEnrichment(ctx, state.WebsetID.ValueString(), body, since)
		},
		func(found *exa.Enrichment) diag.Diagnostics {
			newState := flattenEnrichment(ctx, found, state)
			return enrichmentCodec.Set(ctx, &resp.State.Raw, newState)
		}) {
		return
	}
	// From the webset's snapshot, or by its own GET when it is not there.
	e, err := r.data.client.ReadEnrichment(ctx, state.WebsetID.ValueString(), state.ID.ValueString())
	if !readOK(ctx, resp, err, "enrichment", state.ID.ValueString()) {
		return
	}
	newState := flattenEnrichment(ctx, e, state)
	resp.Diagnostics.Append(enrichmentCodec.Set(ctx, &resp.State.Raw, newState)...)
}

// Update PATCHes what changed, then cancels when canceled went to true.
// The PATCH answer has no body (per the spec), so the enrichment is read
// again.
func (r *websetEnrichmentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, state websetEnrichmentModel
	resp.Diagnostics.Append(enrichmentCodec.Get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(enrichmentCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, websetID, id := r.data.client, state.WebsetID.ValueString(), state.ID.ValueString()
	changed := !plan.Description.Equal(state.Description) || !plan.Format.Equal(state.Format) ||
		!plan.Options.Equal(state.Options) || !tfmodel.SameStringMap(plan.Metadata, state.Metadata)
	if changed {
		body := &exa.UpdateEnrichmentRequest{
			Description: plan.Description.ValueStringPointer(),
			Options:     expandOptions(ctx, plan.Options, &resp.Diagnostics),
			Metadata:    updatedMetadata(plan.Metadata),
		}
		if tfmodel.IsKnown(plan.Format) {
			body.Format = plan.Format.ValueStringPointer()
		}
		if resp.Diagnostics.HasError() {
			return
		}
		if err := client.UpdateEnrichment(ctx, websetID, id, body); err != nil {
			resp.Diagnostics.AddError("Could not update the Exa enrichment", err.Error())
			return
		}
	}
	var e *exa.Enrichment
	var err error
	switch {
	case plan.Canceled.ValueBool() && !state.Canceled.ValueBool() && state.Status.ValueString() == exa.EnrichmentPending:
		e, err = client.CancelEnrichment(ctx, websetID, id)
	default:
		e, err = client.GetEnrichment(ctx, websetID, id)
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not update the Exa enrichment", err.Error())
		return
	}
	newState := flattenEnrichment(ctx, e, plan)
	resp.Diagnostics.Append(enrichmentCodec.Set(ctx, &resp.State.Raw, newState)...)
}

func (r *websetEnrichmentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state websetEnrichmentModel
	resp.Diagnostics.Append(enrichmentCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if pendingDelete("enrichment", state.ID.ValueString(), resp) {
		return
	}
	deleteOK(resp, r.data.client.DeleteEnrichment(ctx, state.WebsetID.ValueString(), state.ID.ValueString()), "enrichment")
}

// ImportState takes "<webset_id>/<enrichment_id>", or an identity.
func (r *websetEnrichmentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importChild(ctx, r.data, req, resp, "enrichment_id") {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("wait_for_completion"), false)...)
	}
}

func (r *websetEnrichmentResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Lists the enrichments of a webset, for `terraform query`.",
		Attributes: map[string]listschema.Attribute{
			"webset_id": listschema.StringAttribute{MarkdownDescription: "ID or external ID of the webset whose enrichments to list.", Required: true},
		},
	}
}

// List lists a webset's enrichments from one GET of the webset.
func (r *websetEnrichmentResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	listInWebset(ctx, r.data, req, stream, "enrichment", func(ws *exa.Webset) []exa.Enrichment { return ws.Enrichments }, func(ws *exa.Webset, e *exa.Enrichment) listing.Object {
		return listing.Object{
			Identity: map[string]string{"webset_id": ws.ID, "id": e.ID},
			Display:  fmt.Sprintf("%s (%s)", derefOr(e.Title, e.Description), e.Status),
			State: func() (any, diag.Diagnostics) {
				prior := websetEnrichmentModel{WebsetID: types.StringValue(ws.ID), WaitForCompletion: types.BoolValue(false),
					Timeouts: nullTimeouts(timeouts.Opts{Create: true})}
				return flattenEnrichment(ctx, e, prior), nil
			},
		}
	})
}

func expandOptions(ctx context.Context, list types.List, diags *diag.Diagnostics) []exa.EnrichmentOption {
	if !tfmodel.IsKnown(list) {
		return nil
	}
	var labels []string
	diags.Append(list.ElementsAs(ctx, &labels, false)...)
	out := make([]exa.EnrichmentOption, 0, len(labels))
	for _, l := range labels {
		out = append(out, exa.EnrichmentOption{Label: l})
	}
	return out
}

// flattenEnrichment turns Exa's answer into state; canceled mirrors Exa as
// for searches.
func flattenEnrichment(ctx context.Context, e *exa.Enrichment, prior websetEnrichmentModel) websetEnrichmentModel {
	m := prior
	m.ID = types.StringValue(e.ID)
	if !tfmodel.IsKnown(prior.WebsetID) {
		m.WebsetID = types.StringValue(e.WebsetID)
	}
	m.Description = types.StringValue(e.Description)
	m.Format = tfmodel.StringOrNull(e.Format)
	m.Status = types.StringValue(e.Status)
	m.Title = tfmodel.StringOrNull(e.Title)
	m.Instructions = tfmodel.StringOrNull(e.Instructions)
	m.CreatedAt = tfmodel.StringOrNull(&e.CreatedAt)
	m.UpdatedAt = tfmodel.StringOrNull(&e.UpdatedAt)
	m.Canceled = types.BoolValue(e.Status == exa.EnrichmentCanceled ||
		(e.Status == exa.EnrichmentCompleted && prior.Canceled.ValueBool()))
	m.Options = types.ListNull(types.StringType)
	if len(e.Options) > 0 {
		labels := make([]string, 0, len(e.Options))
		for _, o := range e.Options {
			labels = append(labels, o.Label)
		}
		m.Options = tfmodel.StringListValue(labels)
	}
	m.Metadata = tfmodel.StringMapOrNull(e.Metadata, prior.Metadata)
	return m
}
