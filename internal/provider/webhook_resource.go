package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/listing"
	"github.com/exa-community/terraform-provider-exa/internal/resourceidentity"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

var (
	_ resource.Resource                = (*webhookResource)(nil)
	_ resource.ResourceWithIdentity    = (*webhookResource)(nil)
	_ resource.ResourceWithConfigure   = (*webhookResource)(nil)
	_ resource.ResourceWithImportState = (*webhookResource)(nil)
	_ list.ListResource                = (*webhookResource)(nil)
	_ list.ListResourceWithConfigure   = (*webhookResource)(nil)
)

// NewWebhookResource is the exa_webhook resource.
func NewWebhookResource() resource.Resource {
	return &webhookResource{resourceBase{typeName: "webhook"}}
}

type webhookResource struct{ resourceBase }

type webhookModel struct {
	ID        types.String `tfsdk:"id"`
	URL       types.String `tfsdk:"url"`
	Events    types.Set    `tfsdk:"events"`
	Metadata  types.Map    `tfsdk:"metadata"`
	Status    types.String `tfsdk:"status"`
	Secret    types.String `tfsdk:"secret"`
	CreatedAt types.String `tfsdk:"created_at"`
	UpdatedAt types.String `tfsdk:"updated_at"`
}

// webhookSchema is the schema of exa_webhook: the one place each attribute is defined.
func webhookSchema(_ context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "A webhook: Exa sends the events you choose to your HTTPS endpoint. Every attribute changes in place.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "The webhook's ID.", Computed: true, PlanModifiers: keep},
			"url": schema.StringAttribute{
				MarkdownDescription: "The `https` URL that receives the events.",
				Required:            true,
				Validators:          []validator.String{httpsURL()},
			},
			"events": schema.SetAttribute{
				MarkdownDescription: "The event types to send, 1 or more of: " + codeList(exa.EventTypes()) + ".",
				Required:            true,
				ElementType:         types.StringType,
				Validators: []validator.Set{
					setvalidator.SizeBetween(1, len(exa.EventTypes())),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(exa.EventTypes()...)),
				},
			},
			"metadata": schema.MapAttribute{
				MarkdownDescription: "Your own key-value pairs, each value up to 1000 characters.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Map{mapvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtMost(1000))},
			},
			"status": schema.StringAttribute{MarkdownDescription: "`active` or `inactive`.", Computed: true},
			"secret": schema.StringAttribute{
				MarkdownDescription: "The secret that signs the deliveries, to verify them. Exa returns it only when the webhook is created: it is kept from then on, and is null after an import.",
				Computed:            true,
				Sensitive:           true,
				PlanModifiers:       keep,
			},
			"created_at": schema.StringAttribute{MarkdownDescription: "When the webhook was created (RFC 3339).", Computed: true, PlanModifiers: keep},
			"updated_at": schema.StringAttribute{MarkdownDescription: "When the webhook last changed (RFC 3339).", Computed: true},
		},
	}
}

// webhookCodec reads and writes webhookModel in plans and states without the
// framework's reflection per call (tfmodel.Codec), as every resource does.
var webhookCodec = tfmodel.NewCodec[webhookModel](func(ctx context.Context) attr.Type { return webhookSchema(ctx).Type() })

func (r *webhookResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = webhookSchema(ctx)
}

func (r *webhookResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = resourceidentity.ByID("webhook")
}

func (r *webhookResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan webhookModel
	resp.Diagnostics.Append(webhookCodec.Get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Only the create answer carries the secret: a webhook that a lost
	// create made is deleted and made again (discardLost).
	client := r.data.client
	body := expandWebhook(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	started := time.Now()
	wh, err := createOnce(ctx, client, "webhook", fmt.Sprintf("a webhook to %s with the same events and metadata", body.URL),
		func(ctx context.Context) (*exa.Webhook, error) { return client.CreateWebhook(ctx, body) },
		r.discardLost(body, started))
	if err != nil {
		resp.Diagnostics.AddError("Could not create the Exa webhook", err.Error())
		if wh == nil {
			resp.Diagnostics.Append(recordUnresolved(ctx, err, req.Plan, &resp.State)...)
			return
		}
		// Exa holds this webhook: in state with the error, it is tainted.
	}
	state, diags := flattenWebhook(ctx, wh, plan)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(webhookCodec.Set(ctx, &resp.State.Raw, state)...)
}

// discardLost looks for the webhook that a create of body, sent at since,
// may have made, and deletes it: only the create answer carries the
// secret (see discardLost).
func (r *webhookResource) discardLost(body *exa.WebhookRequest, since time.Time) func(context.Context) (*exa.Webhook, error) {
	client := r.data.client
	return discardLost("webhook",
		func(ctx context.Context) (*exa.Webhook, error) { return client.FindWebhook(ctx, body, since) },
		func(w *exa.Webhook) string { return w.ID }, client.DeleteWebhook)
}

func (r *webhookResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state webhookModel
	resp.Diagnostics.Append(webhookCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if resolvePending(ctx, "webhook", state.ID.ValueString(), resp,
		func(since time.Time) (*exa.Webhook, error) {
			var diags diag.Diagnostics
			body := expandWebhook(ctx, state, &diags)
			if diags.HasError() {
				return nil, fmt.Errorf("the placeholder's events do not read: %v", diags)
			}
			return r.discardLost(body, since)(ctx)
		},
		func(found *exa.Webhook) diag.Diagnostics {
			newState, diags := flattenWebhook(ctx, found, state)
			return append(diags, webhookCodec.Set(ctx, &resp.State.Raw, newState)...)
		}) {
		return
	}
	wh, err := r.data.client.GetWebhook(ctx, state.ID.ValueString())
	if !readOK(ctx, resp, err, "webhook", state.ID.ValueString()) {
		return
	}
	newState, diags := flattenWebhook(ctx, wh, state)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(webhookCodec.Set(ctx, &resp.State.Raw, newState)...)
}

// Update sends url, events and metadata with PATCH; removing metadata
// clears it.
func (r *webhookResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, state webhookModel
	resp.Diagnostics.Append(webhookCodec.Get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(webhookCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	full := expandWebhook(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	body := &exa.UpdateWebhookRequest{URL: full.URL, Events: full.Events, Metadata: updatedMetadata(plan.Metadata)}
	wh, err := r.data.client.UpdateWebhook(ctx, state.ID.ValueString(), body)
	if err != nil {
		resp.Diagnostics.AddError("Could not update the Exa webhook", err.Error())
		return
	}
	plan.Secret = state.Secret
	newState, diags := flattenWebhook(ctx, wh, plan)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(webhookCodec.Set(ctx, &resp.State.Raw, newState)...)
}

func (r *webhookResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state webhookModel
	resp.Diagnostics.Append(webhookCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if pendingDelete("webhook", state.ID.ValueString(), resp) {
		return
	}
	deleteOK(resp, r.data.client.DeleteWebhook(ctx, state.ID.ValueString()), "webhook")
}

func (r *webhookResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

func (r *webhookResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{MarkdownDescription: "Lists every webhook of the account, for `terraform query`. Their secrets are not listed: Exa returns a secret only when a webhook is created."}
}

// List lists every webhook of the account.
func (r *webhookResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	all, err := r.data.client.ListWebhooksUpTo(ctx, listing.Limit(req))
	stream.Results = listing.Results(ctx, req, listing.Of(all, func(wh *exa.Webhook) listing.Object {
		return listing.Object{
			Identity: map[string]string{"id": wh.ID},
			Display:  fmt.Sprintf("%s (%s)", wh.URL, wh.Status),
			State:    func() (any, diag.Diagnostics) { return flattenWebhook(ctx, wh, webhookModel{}) },
		}
	}), err, "webhook")
}

func expandWebhook(ctx context.Context, m webhookModel, diags *diag.Diagnostics) *exa.WebhookRequest {
	out := &exa.WebhookRequest{URL: m.URL.ValueString(), Metadata: tfmodel.StringMap(m.Metadata)}
	diags.Append(m.Events.ElementsAs(ctx, &out.Events, false)...)
	return out
}

// flattenWebhook turns Exa's answer into state. The secret comes only with
// the create answer; after that prior keeps it.
func flattenWebhook(ctx context.Context, wh *exa.Webhook, prior webhookModel) (webhookModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := prior
	m.ID = types.StringValue(wh.ID)
	m.URL = types.StringValue(wh.URL)
	m.Status = types.StringValue(wh.Status)
	m.CreatedAt = tfmodel.StringOrNull(&wh.CreatedAt)
	m.UpdatedAt = tfmodel.StringOrNull(&wh.UpdatedAt)
	if wh.Secret != nil {
		m.Secret = types.StringValue(*wh.Secret)
	} else if !tfmodel.IsKnown(prior.Secret) {
		m.Secret = types.StringNull()
	}
	var d diag.Diagnostics
	m.Events, d = types.SetValueFrom(ctx, types.StringType, append([]string{}, wh.Events...))
	diags.Append(d...)
	m.Metadata = tfmodel.StringMapOrNull(wh.Metadata, prior.Metadata)
	return m, diags
}
