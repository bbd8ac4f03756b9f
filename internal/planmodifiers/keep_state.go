package planmodifiers

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// KeepState is a plan modifier that carries the prior state's value into
// the plan of an update when rule says so: a computed value that the
// update leaves as it is, which the plan would otherwise show as "known
// after apply". On a create or a destroy it does nothing.
func KeepState(description string, rule Rule) Modifier {
	return keepState{description: description, rule: rule}
}

// UnknownUnless is the rule of a computed value that an update keeps,
// unless unless says this update changes it: the plan does not know it,
// and the state's value, null included, stands. (The framework's
// UseStateForUnknown keeps no null; a search's canceled_at is null until
// it is canceled, and stays so through an update that does not cancel.)
func UnknownUnless(unless Rule) Rule {
	return func(ctx context.Context, req Request) bool {
		return req.PlanValue.IsUnknown() && (unless == nil || !unless(ctx, req))
	}
}

type keepState struct {
	description string
	rule        Rule
}

var _ Modifier = keepState{}

func (m keepState) Description(context.Context) string         { return m.description }
func (m keepState) MarkdownDescription(context.Context) string { return m.description }

// keeps reports whether the plan takes the state's value.
func (m keepState) keeps(ctx context.Context, req Request) bool {
	return !req.State.Raw.IsNull() && !req.Plan.Raw.IsNull() && m.rule(ctx, req)
}

func (m keepState) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if m.keeps(ctx, Request{req.Path, req.ConfigValue, req.PlanValue, req.StateValue, req.Plan, req.State}) {
		resp.PlanValue = req.StateValue
	}
}

func (m keepState) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if m.keeps(ctx, Request{req.Path, req.ConfigValue, req.PlanValue, req.StateValue, req.Plan, req.State}) {
		resp.PlanValue = req.StateValue
	}
}

func (m keepState) PlanModifyObject(ctx context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	if m.keeps(ctx, Request{req.Path, req.ConfigValue, req.PlanValue, req.StateValue, req.Plan, req.State}) {
		resp.PlanValue = req.StateValue
	}
}

func (m keepState) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if m.keeps(ctx, Request{req.Path, req.ConfigValue, req.PlanValue, req.StateValue, req.Plan, req.State}) {
		resp.PlanValue = req.StateValue
	}
}

func (m keepState) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if m.keeps(ctx, Request{req.Path, req.ConfigValue, req.PlanValue, req.StateValue, req.Plan, req.State}) {
		resp.PlanValue = req.StateValue
	}
}

func (m keepState) PlanModifyMap(ctx context.Context, req planmodifier.MapRequest, resp *planmodifier.MapResponse) {
	if m.keeps(ctx, Request{req.Path, req.ConfigValue, req.PlanValue, req.StateValue, req.Plan, req.State}) {
		resp.PlanValue = req.StateValue
	}
}
