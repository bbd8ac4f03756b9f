package provider

import (
	"cmp"
	"context"
	"fmt"
	"time"

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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/listing"
	"github.com/exa-community/terraform-provider-exa/internal/resourceidentity"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

var (
	_ resource.Resource                = (*monitorResource)(nil)
	_ resource.ResourceWithIdentity    = (*monitorResource)(nil)
	_ resource.ResourceWithConfigure   = (*monitorResource)(nil)
	_ resource.ResourceWithImportState = (*monitorResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*monitorResource)(nil)
	_ list.ListResource                = (*monitorResource)(nil)
	_ list.ListResourceWithConfigure   = (*monitorResource)(nil)
)

// NewMonitorResource is the exa_monitor resource.
func NewMonitorResource() resource.Resource {
	return &monitorResource{resourceBase{typeName: "monitor"}}
}

type monitorResource struct{ resourceBase }

type monitorModel struct {
	ID        types.String `tfsdk:"id"`
	WebsetID  types.String `tfsdk:"webset_id"`
	Cadence   types.Object `tfsdk:"cadence"`
	Behavior  types.Object `tfsdk:"behavior"`
	Enabled   types.Bool   `tfsdk:"enabled"`
	Metadata  types.Map    `tfsdk:"metadata"`
	Status    types.String `tfsdk:"status"`
	NextRunAt types.String `tfsdk:"next_run_at"`
	LastRun   types.Object `tfsdk:"last_run"`
	CreatedAt types.String `tfsdk:"created_at"`
	UpdatedAt types.String `tfsdk:"updated_at"`
}

// The defaults of a monitor's attributes, each named once: the schema's
// Default and flattenMonitor, for an answer that leaves the field out,
// share the constant.
const (
	// defaultMonitorTimezone is a cadence's timezone when none is given:
	// UTC, as the spec's default.
	defaultMonitorTimezone = "Etc/UTC"
	// defaultMonitorBehaviorType is a behavior's type: "search", the only
	// one the spec has.
	defaultMonitorBehaviorType = "search"
	// defaultMonitorSearchBehavior is how a run's results join the webset
	// when not said: the spec's default for a monitor, "append".
	defaultMonitorSearchBehavior = behaviorAppend
)

// monitorSchema is the schema of exa_monitor: the one place each attribute is defined.
func monitorSchema(_ context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "A monitor: it runs a search on a webset on a schedule, at most once a day, to keep it current. Everything but `webset_id` changes in place.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "The monitor's ID.", Computed: true, PlanModifiers: keep},
			"webset_id": schema.StringAttribute{
				MarkdownDescription: "ID of the webset the monitor keeps current. Changing it replaces the monitor.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"cadence": schema.SingleNestedAttribute{
				MarkdownDescription: "When the monitor runs.",
				Required:            true,
				Attributes: map[string]schema.Attribute{
					"cron": schema.StringAttribute{
						MarkdownDescription: "A 5-field Unix cron expression that fires at most once a day, such as `0 9 * * 1-5` (09:00 on weekdays): its minute and hour must be single numbers.",
						Required:            true,
						Validators:          []validator.String{dailyCron()},
					},
					"timezone": schema.StringAttribute{
						MarkdownDescription: "The IANA timezone the cron is read in, such as `Europe/Berlin`. Defaults to `Etc/UTC`.",
						Optional:            true,
						Computed:            true,
						Default:             stringdefault.StaticString(defaultMonitorTimezone),
						Validators:          []validator.String{ianaTimezone()},
					},
				},
			},
			"behavior": schema.SingleNestedAttribute{
				MarkdownDescription: "What the monitor does when it runs.",
				Required:            true,
				Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						MarkdownDescription: "The kind of run; `search` is the only one. Defaults to `search`.",
						Optional:            true,
						Computed:            true,
						Default:             stringdefault.StaticString(defaultMonitorBehaviorType),
						Validators:          []validator.String{stringvalidator.OneOf("search")},
					},
					"config": schema.SingleNestedAttribute{
						MarkdownDescription: "The search each run makes. `query`, `criteria` and `entity` default to those of the webset's last search.",
						Required:            true,
						Attributes: map[string]schema.Attribute{
							"query": schema.StringAttribute{
								MarkdownDescription: "What to look for, 2 to 10000 characters.",
								Optional:            true,
								Validators:          []validator.String{stringvalidator.UTF8LengthBetween(2, 10000)},
							},
							"criteria": schema.ListNestedAttribute{
								MarkdownDescription: "1 to 5 criteria every result is checked against; leave it out for the webset's own.",
								Optional:            true,
								Validators:          []validator.List{listvalidator.SizeBetween(1, 5)},
								NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
									"description": schema.StringAttribute{
										MarkdownDescription: "The criterion, 2 to 1000 characters.",
										Required:            true,
										Validators:          []validator.String{stringvalidator.UTF8LengthBetween(2, 1000)},
									},
								}},
							},
							"entity": schema.SingleNestedAttribute{
								MarkdownDescription: "The kind of result to find, as for `exa_webset_search`.",
								Optional:            true,
								Validators:          []validator.Object{entityDescription{}},
								Attributes:          entityAttributes(),
							},
							"target_count": schema.Int64Attribute{
								MarkdownDescription: "The most results each run adds (the API's `count`), at least 1.",
								Required:            true,
								Validators:          []validator.Int64{int64validator.AtLeast(1)},
							},
							"behavior": schema.StringAttribute{
								MarkdownDescription: "`append` (the default) adds each run's results to the webset; `override` replaces its items.",
								Optional:            true,
								Computed:            true,
								Default:             stringdefault.StaticString(defaultMonitorSearchBehavior),
								Validators:          []validator.String{stringvalidator.OneOf(behaviorOverride, behaviorAppend)},
							},
						},
					},
				},
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the monitor runs on its schedule (status `enabled`) or is paused (`disabled`). Defaults to `true`: a new monitor starts running, and billing, on its schedule. Set `false` to create it paused.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"metadata": schema.MapAttribute{
				MarkdownDescription: "Your own key-value pairs, each value up to 1000 characters.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Map{mapvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtMost(1000))},
			},
			"status":      schema.StringAttribute{MarkdownDescription: "`enabled` or `disabled`.", Computed: true},
			"next_run_at": schema.StringAttribute{MarkdownDescription: "When the monitor runs next (RFC 3339); null while disabled.", Computed: true},
			"last_run": schema.SingleNestedAttribute{
				MarkdownDescription: "The monitor's last run, null until it has run.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"id":            schema.StringAttribute{MarkdownDescription: "The run's ID.", Computed: true},
					"status":        schema.StringAttribute{MarkdownDescription: "`created`, `running`, `completed`, `canceled` or `failed`.", Computed: true},
					"type":          schema.StringAttribute{MarkdownDescription: "`search` or `refresh`.", Computed: true},
					"created_at":    schema.StringAttribute{MarkdownDescription: "When the run started (RFC 3339).", Computed: true},
					"completed_at":  schema.StringAttribute{MarkdownDescription: "When it completed (RFC 3339); null until then.", Computed: true},
					"failed_at":     schema.StringAttribute{MarkdownDescription: "When it failed (RFC 3339); null unless it failed.", Computed: true},
					"failed_reason": schema.StringAttribute{MarkdownDescription: "Why it failed.", Computed: true},
					"canceled_at":   schema.StringAttribute{MarkdownDescription: "When it was canceled (RFC 3339); null unless canceled.", Computed: true},
					"monitor_id":    schema.StringAttribute{MarkdownDescription: "The monitor the run belongs to.", Computed: true},
					"updated_at":    schema.StringAttribute{MarkdownDescription: "When the run last changed (RFC 3339).", Computed: true},
				},
			},
			"created_at": schema.StringAttribute{MarkdownDescription: "When the monitor was created (RFC 3339).", Computed: true, PlanModifiers: keep},
			"updated_at": schema.StringAttribute{MarkdownDescription: "When the monitor last changed (RFC 3339).", Computed: true},
		},
	}
}

// monitorCodec reads and writes monitorModel in plans and states without the
// framework's reflection per call (tfmodel.Codec), as every resource does.
var monitorCodec = tfmodel.NewCodec[monitorModel](func(ctx context.Context) attr.Type { return monitorSchema(ctx).Type() })

func (r *monitorResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = monitorSchema(ctx)
}

func (r *monitorResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = resourceidentity.ByID("monitor")
}

// ModifyPlan counts one run of a monitor that the plan creates enabled, or
// enables again, against max_planned_results, and warns what it runs a
// month (cost.go).
func (r *monitorResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan monitorModel
	resp.Diagnostics.Append(monitorCodec.Get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() || !plan.Enabled.ValueBool() {
		return
	}
	if !req.State.Raw.IsNull() {
		var state monitorModel
		resp.Diagnostics.Append(monitorCodec.Get(ctx, req.State.Raw, &state)...)
		if resp.Diagnostics.HasError() || state.Enabled.ValueBool() {
			return // it runs already: nothing new starts
		}
	}
	r.data.planMonitorRun(ctx, plan, &resp.Diagnostics)
}

func (r *monitorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan monitorModel
	resp.Diagnostics.Append(monitorCodec.Get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.client
	body := expandMonitorCreate(plan)
	started := time.Now()
	mo, err := createOnce(ctx, client, "monitor", fmt.Sprintf("a monitor of the webset %s with the cron %q and the same metadata", body.WebsetID, body.Cadence.Cron),
		func(ctx context.Context) (*exa.Monitor, error) { return client.CreateMonitor(ctx, body) },
		func(ctx context.Context) (*exa.Monitor, error) { return client.FindMonitor(ctx, body, started) })
	if err != nil {
		resp.Diagnostics.AddError("Could not create the Exa monitor", err.Error())
		resp.Diagnostics.Append(recordUnresolved(ctx, err, req.Plan, &resp.State)...)
		return
	}
	if !plan.Enabled.ValueBool() {
		// Exa creates monitors enabled: pause it at once.
		paused, err := client.UpdateMonitor(ctx, mo.ID, &exa.UpdateMonitorRequest{Status: "disabled", Metadata: body.Metadata})
		if err != nil {
			r.undoCreate(ctx, mo, plan, err, resp)
			return
		}
		mo = paused
	}
	resp.Diagnostics.Append(monitorCodec.Set(ctx, &resp.State.Raw, flattenMonitor(mo, plan))...)
}

// undoCreate handles a monitor that was made but could not be paused. It
// runs, and bills, on its schedule, which the configuration did not ask
// for: so it is deleted. Only if that fails too is it put in state, where
// the error taints it and the next apply deletes it; it is never left at
// Exa unknown to Terraform.
func (r *monitorResource) undoCreate(ctx context.Context, mo *exa.Monitor, plan monitorModel, pauseErr error, resp *resource.CreateResponse) {
	delErr := r.data.client.DeleteMonitor(ctx, mo.ID)
	if delErr == nil || exa.IsNotFound(delErr) {
		resp.Diagnostics.AddError("Could not create the Exa monitor paused",
			fmt.Sprintf("The monitor %s was created, but pausing it failed: %s\n\nExa creates monitors enabled, so it was deleted again rather than left running. Apply again to retry.", mo.ID, pauseErr))
		return
	}
	resp.Diagnostics.Append(monitorCodec.Set(ctx, &resp.State.Raw, flattenMonitor(mo, plan))...)
	resp.Diagnostics.AddError("Could not create the Exa monitor paused",
		fmt.Sprintf("The monitor %s was created, but pausing it failed (%s), and so did deleting it (%s). It is enabled at Exa, and runs on its schedule: it is kept in state and marked tainted, so the next apply deletes it. Apply again soon, or delete it in Exa's dashboard.", mo.ID, pauseErr, delErr))
}

// expandMonitorCreate is the create body of a monitor model.
func expandMonitorCreate(m monitorModel) *exa.CreateMonitorRequest {
	return &exa.CreateMonitorRequest{
		WebsetID: m.WebsetID.ValueString(),
		Cadence:  expandCadence(m.Cadence),
		Behavior: expandMonitorBehavior(m.Behavior),
		Metadata: tfmodel.StringMap(m.Metadata),
	}
}

func (r *monitorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state monitorModel
	resp.Diagnostics.Append(monitorCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if resolvePending(ctx, "monitor", state.ID.ValueString(), resp,
		func(since time.Time) (*exa.Monitor, error) {
			return r.data.client.FindMonitor(ctx, expandMonitorCreate(state), since)
		},
		func(found *exa.Monitor) diag.Diagnostics {
			return monitorCodec.Set(ctx, &resp.State.Raw, flattenMonitor(found, state))
		}) {
		return
	}
	mo, err := r.data.client.GetMonitor(ctx, state.ID.ValueString())
	if !readOK(ctx, resp, err, "monitor", state.ID.ValueString()) {
		return
	}
	resp.Diagnostics.Append(monitorCodec.Set(ctx, &resp.State.Raw, flattenMonitor(mo, state))...)
}

// Update sends status, cadence, behavior and metadata in one PATCH.
func (r *monitorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, state monitorModel
	resp.Diagnostics.Append(monitorCodec.Get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(monitorCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cadence, behavior := expandCadence(plan.Cadence), expandMonitorBehavior(plan.Behavior)
	body := &exa.UpdateMonitorRequest{Status: monitorStatus(plan.Enabled), Cadence: &cadence, Behavior: &behavior, Metadata: updatedMetadata(plan.Metadata)}
	mo, err := r.data.client.UpdateMonitor(ctx, state.ID.ValueString(), body)
	if err != nil {
		resp.Diagnostics.AddError("Could not update the Exa monitor", err.Error())
		return
	}
	resp.Diagnostics.Append(monitorCodec.Set(ctx, &resp.State.Raw, flattenMonitor(mo, plan))...)
}

func (r *monitorResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state monitorModel
	resp.Diagnostics.Append(monitorCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if pendingDelete("monitor", state.ID.ValueString(), resp) {
		return
	}
	deleteOK(resp, r.data.client.DeleteMonitor(ctx, state.ID.ValueString()), "monitor")
}

func (r *monitorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

func (r *monitorResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Lists monitors, for `terraform query`.",
		Attributes: map[string]listschema.Attribute{
			"webset_id": listschema.StringAttribute{MarkdownDescription: "Only the monitors of this webset (its ID). Without it, every monitor of the account.", Optional: true},
		},
	}
}

// List lists monitors, every page, optionally of one webset.
func (r *monitorResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	websetID := listConfigWebsetID(ctx, req, &diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	all, err := r.data.client.ListMonitorsUpTo(ctx, websetID, listing.Limit(req))
	stream.Results = listing.Results(ctx, req, listing.Of(all, func(mo *exa.Monitor) listing.Object {
		return listing.Object{
			Identity: map[string]string{"id": mo.ID},
			Display:  fmt.Sprintf("%s on webset %s (%s)", mo.Cadence.Cron, mo.WebsetID, mo.Status),
			State:    func() (any, diag.Diagnostics) { return flattenMonitor(mo, monitorModel{}), nil },
		}
	}), err, "monitor")
}

func monitorStatus(enabled types.Bool) string {
	if enabled.IsNull() || enabled.IsUnknown() || enabled.ValueBool() {
		return "enabled"
	}
	return "disabled"
}

// Typed models of the nested attributes, read with tfmodel.As and written
// with tfmodel.Object, which derive their attribute types from them.
type (
	monitorCadenceModel struct {
		Cron     types.String `tfsdk:"cron"`
		Timezone types.String `tfsdk:"timezone"`
	}
	monitorBehaviorModel struct {
		Type   types.String        `tfsdk:"type"`
		Config *monitorConfigModel `tfsdk:"config"`
	}
	// monitorConfigModel is the search a run makes; a nil Criteria or
	// Entity is one the configuration left out.
	monitorConfigModel struct {
		Query       types.String            `tfsdk:"query"`
		Criteria    []monitorCriterionModel `tfsdk:"criteria"`
		Entity      *entityModel            `tfsdk:"entity"`
		TargetCount types.Int64             `tfsdk:"target_count"`
		Behavior    types.String            `tfsdk:"behavior"`
	}
	monitorCriterionModel struct {
		Description types.String `tfsdk:"description"`
	}
	monitorRunModel struct {
		ID           types.String `tfsdk:"id"`
		Status       types.String `tfsdk:"status"`
		Type         types.String `tfsdk:"type"`
		CreatedAt    types.String `tfsdk:"created_at"`
		CompletedAt  types.String `tfsdk:"completed_at"`
		FailedAt     types.String `tfsdk:"failed_at"`
		FailedReason types.String `tfsdk:"failed_reason"`
		CanceledAt   types.String `tfsdk:"canceled_at"`
		MonitorID    types.String `tfsdk:"monitor_id"`
		UpdatedAt    types.String `tfsdk:"updated_at"`
	}
)

func expandCadence(o types.Object) exa.MonitorCadence {
	c, _ := tfmodel.As[monitorCadenceModel](o)
	return exa.MonitorCadence{Cron: c.Cron.ValueString(), Timezone: c.Timezone.ValueString()}
}

func expandMonitorBehavior(o types.Object) exa.MonitorBehavior {
	b, _ := tfmodel.As[monitorBehaviorModel](o)
	cfg := b.Config
	if cfg == nil {
		cfg = &monitorConfigModel{}
	}
	out := exa.MonitorBehavior{Type: b.Type.ValueString()}
	if out.Type == "" {
		out.Type = defaultMonitorBehaviorType
	}
	out.Config = exa.MonitorSearchConfig{
		Query:    cfg.Query.ValueStringPointer(),
		Count:    float64(cfg.TargetCount.ValueInt64()),
		Behavior: cfg.Behavior.ValueString(),
	}
	for _, c := range cfg.Criteria {
		out.Config.Criteria = append(out.Config.Criteria, exa.CreateCriterion{Description: c.Description.ValueString()})
	}
	out.Config.Entity = cfg.Entity.expand()
	return out
}

// flattenMonitor turns Exa's answer into state. The search config's
// optional parts (query, criteria, entity) stay null where the
// configuration left them out, whatever Exa fills in for them.
func flattenMonitor(mo *exa.Monitor, prior monitorModel) monitorModel {
	m := prior
	m.ID = types.StringValue(mo.ID)
	m.WebsetID = types.StringValue(mo.WebsetID)
	m.Status = types.StringValue(mo.Status)
	m.Enabled = types.BoolValue(mo.Status != "disabled")
	m.NextRunAt = tfmodel.StringOrNull(mo.NextRunAt)
	m.CreatedAt = tfmodel.StringOrNull(&mo.CreatedAt)
	m.UpdatedAt = tfmodel.StringOrNull(&mo.UpdatedAt)
	m.Cadence = tfmodel.Object(monitorCadenceModel{
		Cron: types.StringValue(mo.Cadence.Cron), Timezone: types.StringValue(cmp.Or(mo.Cadence.Timezone, defaultMonitorTimezone)),
	})

	// What the configuration set, as prior state or plan says: with no
	// prior (an import), everything Exa says is kept.
	priorBehavior, hasPrior := tfmodel.As[monitorBehaviorModel](prior.Behavior)
	priorCfg := priorBehavior.Config
	hasPrior = hasPrior && priorCfg != nil
	cfg := mo.Behavior.Config
	out := monitorConfigModel{
		Query:       types.StringNull(),
		TargetCount: types.Int64Value(roundInt(cfg.Count)),
		Behavior:    types.StringValue(cmp.Or(cfg.Behavior, defaultMonitorSearchBehavior)),
	}
	if !hasPrior || tfmodel.IsKnown(priorCfg.Query) {
		out.Query = tfmodel.StringOrNull(cfg.Query)
	}
	if (!hasPrior || priorCfg.Criteria != nil) && len(cfg.Criteria) > 0 {
		out.Criteria = make([]monitorCriterionModel, 0, len(cfg.Criteria))
		for _, cr := range cfg.Criteria {
			out.Criteria = append(out.Criteria, monitorCriterionModel{Description: types.StringValue(cr.Description)})
		}
	}
	if !hasPrior || priorCfg.Entity != nil {
		out.Entity = entityOf(cfg.Entity)
	}
	m.Behavior = tfmodel.Object(monitorBehaviorModel{
		Type: types.StringValue(cmp.Or(mo.Behavior.Type, defaultMonitorBehaviorType)), Config: &out,
	})
	m.LastRun = tfmodel.ObjectOrNull(flattenMonitorRun(mo.LastRun))
	m.Metadata = tfmodel.StringMapOrNull(mo.Metadata, prior.Metadata)
	return m
}

// flattenMonitorRun is one run, for last_run and exa_monitor_runs; nil
// for none.
func flattenMonitorRun(run *exa.MonitorRun) *monitorRunModel {
	if run == nil {
		return nil
	}
	return &monitorRunModel{
		ID: types.StringValue(run.ID), Status: types.StringValue(run.Status), Type: types.StringValue(run.Type),
		CreatedAt: tfmodel.StringOrNull(&run.CreatedAt), CompletedAt: tfmodel.StringOrNull(run.CompletedAt),
		FailedAt: tfmodel.StringOrNull(run.FailedAt), FailedReason: tfmodel.StringOrNull(run.FailedReason), CanceledAt: tfmodel.StringOrNull(run.CanceledAt),
		MonitorID: types.StringValue(run.MonitorID), UpdatedAt: tfmodel.StringOrNull(&run.UpdatedAt),
	}
}
