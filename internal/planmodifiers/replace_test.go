package planmodifiers

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestUncanceled_onlyTrueToFalseReplaces(t *testing.T) {
	for _, c := range []struct {
		state, plan types.Bool
		replace     bool
	}{
		{types.BoolValue(true), types.BoolValue(false), true},
		{types.BoolValue(true), types.BoolUnknown(), true},
		{types.BoolValue(true), types.BoolValue(true), false},
		{types.BoolValue(false), types.BoolValue(true), false},
		{types.BoolValue(false), types.BoolValue(false), false},
		{types.BoolNull(), types.BoolValue(false), false},
	} {
		if got := Uncanceled(context.Background(), Request{StateValue: c.state, PlanValue: c.plan}); got != c.replace {
			t.Errorf("Uncanceled(%s to %s) = %v, want %v", c.state, c.plan, got, c.replace)
		}
	}
}

// Replace replaces, and explains, only on an update whose rule says so;
// a create or a destroy never.
func TestReplace_explainsOnlyTheUpdatesItReplaces(t *testing.T) {
	ctx := context.Background()
	obj := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"canceled": tftypes.Bool}}
	raw := func(b any) tftypes.Value {
		if b == nil {
			return tftypes.NewValue(obj, nil)
		}
		return tftypes.NewValue(obj, map[string]tftypes.Value{"canceled": tftypes.NewValue(tftypes.Bool, b)})
	}
	explained := 0
	m := Replace("d", Uncanceled, func(_ context.Context, _ Request, diags *diag.Diagnostics) {
		explained++
		diags.AddWarning("replaced", "because")
	})
	for _, c := range []struct {
		name        string
		state, plan any
		replace     bool
	}{
		{"uncancel", true, false, true},
		{"cancel", false, true, false},
		{"create", nil, false, false},
		{"destroy", true, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			explained = 0
			val := func(b any) types.Bool {
				v, ok := b.(bool)
				if !ok {
					return types.BoolNull()
				}
				return types.BoolValue(v)
			}
			req := planmodifier.BoolRequest{
				Path: path.Root("canceled"), PlanValue: val(c.plan), StateValue: val(c.state), ConfigValue: val(c.plan),
				Plan: tfsdk.Plan{Raw: raw(c.plan)}, State: tfsdk.State{Raw: raw(c.state)},
			}
			var resp planmodifier.BoolResponse
			m.PlanModifyBool(ctx, req, &resp)
			if resp.RequiresReplace != c.replace || (explained == 1) != c.replace || (len(resp.Diagnostics) == 1) != c.replace {
				t.Errorf("replace %v, explained %d times, diagnostics %v; want replace %v", resp.RequiresReplace, explained, resp.Diagnostics, c.replace)
			}
		})
	}
}
