package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
)

var (
	_ resource.Resource                = (*monitorResource)(nil)
	_ resource.ResourceWithConfigure   = (*monitorResource)(nil)
	_ resource.ResourceWithImportState = (*monitorResource)(nil)
)

// NewMonitorResource is the exa_monitor resource.
func NewMonitorResource() resource.Resource { return &monitorResource{} }

type monitorResource struct {
	resourceClient
}

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

var (
	cadenceAttrTypes          = map[string]attr.Type{"cron": types.StringType, "timezone": types.StringType}
	monitorCriterionAttrTypes = map[string]attr.Type{"description": types.StringType}
	monitorConfigAttrTypes    = map[string]attr.Type{
		"query": types.StringType, "criteria": types.ListType{ElemType: types.ObjectType{AttrTypes: monitorCriterionAttrTypes}},
		"entity": types.ObjectType{AttrTypes: entityAttrTypes}, "target_count": types.Int64Type, "behavior": types.StringType,
	}
	monitorBehaviorAttrTypes = map[string]attr.Type{"type": types.StringType, "config": types.ObjectType{AttrTypes: monitorConfigAttrTypes}}
	monitorRunAttrTypes      = map[string]attr.Type{
		"id": types.StringType, "status": types.StringType, "type": types.StringType, "created_at": types.StringType,
		"completed_at": types.StringType, "failed_at": types.StringType, "failed_reason": types.StringType, "canceled_at": types.StringType,
	}
)

func (r *monitorResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_monitor"
}

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
				Validators:          []validator.String{lengthBetween(1, 0)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"cadence": schema.SingleNestedAttribute{
				MarkdownDescription: "When the monitor runs.",
				Required:            true,
				Attributes: map[string]schema.Attribute{
					"cron": schema.StringAttribute{
						MarkdownDescription: "A 5-field Unix cron expression that fires at most once a day, such as `0 9 * * 1-5` (09:00 on weekdays): its minute and hour must be single numbers.",
						Required:            true,
						Validators:          []validator.String{dailyCron{}},
					},
					"timezone": schema.StringAttribute{
						MarkdownDescription: "The IANA timezone the cron is read in, such as `Europe/Berlin`. Defaults to `Etc/UTC`.",
						Optional:            true,
						Computed:            true,
						Default:             stringdefault.StaticString("Etc/UTC"),
						Validators:          []validator.String{ianaTimezone{}},
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
						Default:             stringdefault.StaticString("search"),
						Validators:          []validator.String{stringvalidator.OneOf("search")},
					},
					"config": schema.SingleNestedAttribute{
						MarkdownDescription: "The search each run makes. `query`, `criteria` and `entity` default to those of the webset's last search.",
						Required:            true,
						Attributes: map[string]schema.Attribute{
							"query": schema.StringAttribute{
								MarkdownDescription: "What to look for, 2 to 10000 characters.",
								Optional:            true,
								Validators:          []validator.String{lengthBetween(2, 10000)},
							},
							"criteria": schema.ListNestedAttribute{
								MarkdownDescription: "Up to 5 criteria every result is checked against.",
								Optional:            true,
								Validators:          []validator.List{listvalidator.SizeBetween(1, 5)},
								NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
									"description": schema.StringAttribute{
										MarkdownDescription: "The criterion, 2 to 1000 characters.",
										Required:            true,
										Validators:          []validator.String{lengthBetween(2, 1000)},
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
								Default:             stringdefault.StaticString("append"),
								Validators:          []validator.String{stringvalidator.OneOf("override", "append")},
							},
						},
					},
				},
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the monitor runs on its schedule (status `enabled`) or is paused (`disabled`). Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"metadata": schema.MapAttribute{
				MarkdownDescription: "Your own key-value pairs, each value up to 1000 characters.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Map{mapvalidator.ValueStringsAre(lengthBetween(0, 1000))},
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
					"completed_at":  schema.StringAttribute{MarkdownDescription: "When it completed.", Computed: true},
					"failed_at":     schema.StringAttribute{MarkdownDescription: "When it failed.", Computed: true},
					"failed_reason": schema.StringAttribute{MarkdownDescription: "Why it failed.", Computed: true},
					"canceled_at":   schema.StringAttribute{MarkdownDescription: "When it was canceled.", Computed: true},
				},
			},
			"created_at": schema.StringAttribute{MarkdownDescription: "When the monitor was created (RFC 3339).", Computed: true, PlanModifiers: keep},
			"updated_at": schema.StringAttribute{MarkdownDescription: "When the monitor last changed (RFC 3339).", Computed: true},
		},
	}
}

func (r *monitorResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = monitorSchema(ctx)
}

func (r *monitorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan monitorModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.client
	body := &exa.CreateMonitorRequest{
		WebsetID: plan.WebsetID.ValueString(),
		Cadence:  expandCadence(plan.Cadence),
		Behavior: expandMonitorBehavior(plan.Behavior),
		Metadata: expandStringMap(plan.Metadata),
	}
	started := time.Now()
	mo, err := createOnce(ctx, "monitor",
		func(ctx context.Context) (*exa.Monitor, error) { return client.CreateMonitor(ctx, body) },
		func(ctx context.Context) (*exa.Monitor, error) { return client.FindMonitor(ctx, body, started) })
	if err == nil && !plan.Enabled.ValueBool() {
		// Exa creates monitors enabled: pause it at once.
		mo, err = client.UpdateMonitor(ctx, mo.ID, &exa.UpdateMonitorRequest{Status: "disabled", Metadata: body.Metadata})
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not create the Exa monitor", err.Error())
		return
	}
	state, diags := flattenMonitor(mo, plan)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *monitorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state monitorModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	mo, err := r.data.client.GetMonitor(ctx, state.ID.ValueString())
	if !readOK(ctx, resp, err, "monitor", state.ID.ValueString()) {
		return
	}
	newState, diags := flattenMonitor(mo, state)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, newState)...)
}

// Update sends status, cadence, behavior and metadata in one PATCH.
func (r *monitorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state monitorModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
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
	newState, diags := flattenMonitor(mo, plan)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, newState)...)
}

func (r *monitorResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state monitorModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	deleteOK(resp, r.data.client.DeleteMonitor(ctx, state.ID.ValueString()), "monitor")
}

func (r *monitorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

func monitorStatus(enabled types.Bool) string {
	if enabled.IsNull() || enabled.IsUnknown() || enabled.ValueBool() {
		return "enabled"
	}
	return "disabled"
}

func expandCadence(o types.Object) exa.MonitorCadence {
	return exa.MonitorCadence{Cron: attrString(o, "cron").ValueString(), Timezone: attrString(o, "timezone").ValueString()}
}

func expandMonitorBehavior(o types.Object) exa.MonitorBehavior {
	cfg := attrOf(o, "config")
	out := exa.MonitorBehavior{Type: attrString(o, "type").ValueString()}
	if out.Type == "" {
		out.Type = "search"
	}
	count, _ := attrOf(cfg, "target_count").(types.Int64)
	out.Config = exa.MonitorSearchConfig{
		Query:    attrString(cfg, "query").ValueStringPointer(),
		Count:    float64(count.ValueInt64()),
		Behavior: attrString(cfg, "behavior").ValueString(),
	}
	if list, ok := attrOf(cfg, "criteria").(types.List); ok && isKnown(list) {
		for _, c := range list.Elements() {
			out.Config.Criteria = append(out.Config.Criteria, exa.CreateCriterion{Description: attrString(c, "description").ValueString()})
		}
	}
	if e, ok := attrOf(cfg, "entity").(types.Object); ok && isKnown(e) {
		out.Config.Entity = &exa.Entity{Type: attrString(e, "type").ValueString(), Description: attrString(e, "description").ValueStringPointer()}
	}
	return out
}

// flattenMonitor turns Exa's answer into state. The search config's
// optional parts (query, criteria, entity) stay null where the
// configuration left them out, whatever Exa fills in for them.
func flattenMonitor(mo *exa.Monitor, prior monitorModel) (monitorModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	add := func(d diag.Diagnostics) { diags.Append(d...) }
	m := prior
	m.ID = types.StringValue(mo.ID)
	m.WebsetID = types.StringValue(mo.WebsetID)
	m.Status = types.StringValue(mo.Status)
	m.Enabled = types.BoolValue(mo.Status != "disabled")
	m.NextRunAt = stringOrNull(mo.NextRunAt)
	m.CreatedAt = stringOrNull(&mo.CreatedAt)
	m.UpdatedAt = stringOrNull(&mo.UpdatedAt)

	tz := mo.Cadence.Timezone
	if tz == "" {
		tz = "Etc/UTC"
	}
	var d diag.Diagnostics
	m.Cadence, d = types.ObjectValue(cadenceAttrTypes, map[string]attr.Value{"cron": types.StringValue(mo.Cadence.Cron), "timezone": types.StringValue(tz)})
	add(d)

	priorCfg := attrOf(prior.Behavior, "config")
	cfg := mo.Behavior.Config
	query := types.StringNull()
	if isKnown(attrString(priorCfg, "query")) || priorCfg == nil {
		query = stringOrNull(cfg.Query)
	}
	criteria := types.ListNull(types.ObjectType{AttrTypes: monitorCriterionAttrTypes})
	if c, ok := attrOf(priorCfg, "criteria").(types.List); (ok && isKnown(c) || priorCfg == nil) && len(cfg.Criteria) > 0 {
		elems := make([]attr.Value, 0, len(cfg.Criteria))
		for _, cr := range cfg.Criteria {
			obj, d := types.ObjectValue(monitorCriterionAttrTypes, map[string]attr.Value{"description": types.StringValue(cr.Description)})
			add(d)
			elems = append(elems, obj)
		}
		criteria, d = types.ListValue(types.ObjectType{AttrTypes: monitorCriterionAttrTypes}, elems)
		add(d)
	}
	entity := types.ObjectNull(entityAttrTypes)
	if e, ok := attrOf(priorCfg, "entity").(types.Object); ok && isKnown(e) || priorCfg == nil {
		entity, d = flattenEntity(cfg.Entity)
		add(d)
	}
	behavior := cfg.Behavior
	if behavior == "" {
		behavior = "append"
	}
	config, d := types.ObjectValue(monitorConfigAttrTypes, map[string]attr.Value{
		"query": query, "criteria": criteria, "entity": entity,
		"target_count": types.Int64Value(roundInt(cfg.Count)), "behavior": types.StringValue(behavior),
	})
	add(d)
	typ := mo.Behavior.Type
	if typ == "" {
		typ = "search"
	}
	m.Behavior, d = types.ObjectValue(monitorBehaviorAttrTypes, map[string]attr.Value{"type": types.StringValue(typ), "config": config})
	add(d)

	m.LastRun = types.ObjectNull(monitorRunAttrTypes)
	if run := mo.LastRun; run != nil {
		m.LastRun, d = types.ObjectValue(monitorRunAttrTypes, monitorRunAttrs(run))
		add(d)
	}
	m.Metadata, d = flattenStringMap(mo.Metadata, prior.Metadata)
	add(d)
	return m, diags
}

func monitorRunAttrs(run *exa.MonitorRun) map[string]attr.Value {
	return map[string]attr.Value{
		"id": types.StringValue(run.ID), "status": types.StringValue(run.Status), "type": types.StringValue(run.Type),
		"created_at": stringOrNull(&run.CreatedAt), "completed_at": stringOrNull(run.CompletedAt),
		"failed_at": stringOrNull(run.FailedAt), "failed_reason": stringOrNull(run.FailedReason), "canceled_at": stringOrNull(run.CanceledAt),
	}
}
