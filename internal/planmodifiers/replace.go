// Package planmodifiers holds the provider's own attribute plan modifiers:
// the rules that the framework's (stringplanmodifier, boolplanmodifier, ...)
// do not cover, each named for what it does, so that a schema says what
// replaces a resource.
package planmodifiers

import (
	"context"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// Request is what a rule sees of a plan: the attribute's path and values,
// and the whole plan and state, to weigh other attributes or name the
// resource in a message.
type Request struct {
	Path        path.Path
	ConfigValue attr.Value
	PlanValue   attr.Value
	StateValue  attr.Value
	Plan        tfsdk.Plan
	State       tfsdk.State
}

// Rule answers a plan modifier's question for one attribute: whether a
// change replaces the resource (Replace), or whether the state's value
// stands (KeepState).
type Rule func(ctx context.Context, req Request) bool

// Explain adds what a replacement means (a warning, or an error that
// stops it) to diags.
type Explain func(ctx context.Context, req Request, diags *diag.Diagnostics)

// Changed replaces on any change of the value, as RequiresReplace does.
func Changed(_ context.Context, req Request) bool {
	return !req.PlanValue.Equal(req.StateValue)
}

// ChangedSinceKnown replaces on a change of a value that state knows: an
// input the API never returns is null in state after terraform import, and
// setting it then is no change.
func ChangedSinceKnown(ctx context.Context, req Request) bool {
	return !req.StateValue.IsNull() && Changed(ctx, req)
}

// Uncanceled is the rule of a job's canceled attribute: going from true to
// false cannot resume a canceled search or enrichment at Exa, so it takes
// a new one. A job canceled outside Terraform while the configuration
// says false counts too, and so does a plan that cannot know yet.
func Uncanceled(_ context.Context, req Request) bool {
	return isTrue(req.StateValue) && !isTrue(req.PlanValue)
}

func isTrue(v attr.Value) bool {
	b, ok := v.(interface{ ValueBool() bool })
	return ok && !v.IsNull() && !v.IsUnknown() && b.ValueBool()
}

// Replace is a plan modifier that replaces the resource when rule says so
// on an update (never on a create or a destroy), and then lets explain say
// what that means (explain may be nil). It also marks the plan's private
// data, so that the resource's ModifyPlan knows (Replacing). It serves
// attributes of every type the provider uses.
func Replace(description string, rule Rule, explain Explain) Modifier {
	return replace{description: description, rule: rule, explain: explain}
}

// Modifier is a plan modifier for an attribute of any type the provider
// uses: one rule reads the same on a string, a list or an object.
type Modifier interface {
	planmodifier.String
	planmodifier.Bool
	planmodifier.Int64
	planmodifier.List
	planmodifier.Map
	planmodifier.Object
}

type replace struct {
	description string
	rule        Rule
	explain     Explain
}

var _ Modifier = replace{}

// replacingKey is the private data key that Replace sets. The plan of an
// update that replaces is discarded (Terraform plans the create anew), so
// the key never reaches state.
const replacingKey = "planmodifiers_replacing"

// Private is the plan's private data as the framework hands it to plan
// modifiers and ModifyPlan.
type Private interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// Replacing reports whether a Replace modifier of the resource's schema
// replaces it in this plan; for the resource's ModifyPlan, which runs
// after the attributes' plan modifiers.
func Replacing(ctx context.Context, private Private) bool {
	if isNil(private) {
		return false
	}
	v, _ := private.GetKey(ctx, replacingKey)
	return len(v) > 0
}

func isNil(p Private) bool {
	if p == nil {
		return true
	}
	v := reflect.ValueOf(p)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

func (m replace) Description(context.Context) string         { return m.description }
func (m replace) MarkdownDescription(context.Context) string { return m.description }

// modify runs the rule on an update and reports whether to replace.
func (m replace) modify(ctx context.Context, req Request, private Private, diags *diag.Diagnostics) bool {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return false // a create or a destroy
	}
	if !m.rule(ctx, req) {
		return false
	}
	if !isNil(private) {
		diags.Append(private.SetKey(ctx, replacingKey, []byte("true"))...)
	}
	if m.explain != nil {
		m.explain(ctx, req, diags)
	}
	return true
}

func (m replace) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	resp.RequiresReplace = m.modify(ctx, Request{req.Path, req.ConfigValue, req.PlanValue, req.StateValue, req.Plan, req.State}, resp.Private, &resp.Diagnostics)
}

func (m replace) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	resp.RequiresReplace = m.modify(ctx, Request{req.Path, req.ConfigValue, req.PlanValue, req.StateValue, req.Plan, req.State}, resp.Private, &resp.Diagnostics)
}

func (m replace) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	resp.RequiresReplace = m.modify(ctx, Request{req.Path, req.ConfigValue, req.PlanValue, req.StateValue, req.Plan, req.State}, resp.Private, &resp.Diagnostics)
}

func (m replace) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	resp.RequiresReplace = m.modify(ctx, Request{req.Path, req.ConfigValue, req.PlanValue, req.StateValue, req.Plan, req.State}, resp.Private, &resp.Diagnostics)
}

func (m replace) PlanModifyMap(ctx context.Context, req planmodifier.MapRequest, resp *planmodifier.MapResponse) {
	resp.RequiresReplace = m.modify(ctx, Request{req.Path, req.ConfigValue, req.PlanValue, req.StateValue, req.Plan, req.State}, resp.Private, &resp.Diagnostics)
}

func (m replace) PlanModifyObject(ctx context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	resp.RequiresReplace = m.modify(ctx, Request{req.Path, req.ConfigValue, req.PlanValue, req.StateValue, req.Plan, req.State}, resp.Private, &resp.Diagnostics)
}
