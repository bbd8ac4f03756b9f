package provider

// Conversions between the framework's values and Go or API values that more
// than one resource uses. A resource's own mapping stays in its expand and
// flatten functions.

import (
	"context"
	"math"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// expandStringMap reads a map of strings; null or unknown is nil.
func expandStringMap(m types.Map) map[string]string {
	if !isKnown(m) {
		return nil
	}
	out := make(map[string]string, len(m.Elements()))
	for k, v := range m.Elements() {
		if s, ok := v.(types.String); ok {
			out[k] = s.ValueString()
		}
	}
	return out
}

// attrOf is an object's attribute, or nil when v is no object.
func attrOf(v attr.Value, name string) attr.Value {
	obj, ok := v.(types.Object)
	if !ok {
		return nil
	}
	return obj.Attributes()[name]
}

// attrString is an object's string attribute; anything else reads as null.
func attrString(v attr.Value, name string) types.String {
	s, ok := attrOf(v, name).(types.String)
	if !ok {
		return types.StringNull()
	}
	return s
}

func flattenEntity(e *exa.Entity) (types.Object, diag.Diagnostics) {
	if e == nil || e.Type == "" {
		return types.ObjectNull(entityAttrTypes), nil
	}
	desc := types.StringNull()
	if e.Type == "custom" {
		desc = stringOrNull(e.Description)
	}
	return types.ObjectValue(entityAttrTypes, map[string]attr.Value{"type": types.StringValue(e.Type), "description": desc})
}

// flattenStringMap keeps null in state when Exa answers {} for a map the
// configuration left out.
func flattenStringMap(m map[string]string, prior types.Map) (types.Map, diag.Diagnostics) {
	if len(m) == 0 && !isKnown(prior) {
		return types.MapNull(types.StringType), nil
	}
	return stringMapValue(m), nil
}

func stringOrNull(s *string) types.String {
	if s == nil || *s == "" {
		return types.StringNull()
	}
	return types.StringValue(*s)
}

// derefOr is *s, or def when s is nil or empty.
func derefOr(s *string, def string) string {
	if s == nil || *s == "" {
		return def
	}
	return *s
}

// roundInt reads a JSON number that should be whole (10 or 10.0) as int64,
// clamping what does not fit.
func roundInt(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(math.Round(f))
}

// sameStringMap treats a null map and an empty one as the same: Exa answers
// {} for both.
func sameStringMap(a, b types.Map) bool {
	if a.IsUnknown() || b.IsUnknown() {
		return false
	}
	if len(a.Elements()) == 0 && len(b.Elements()) == 0 {
		return true
	}
	return a.Equal(b)
}

func stringOr(v types.String, fallback string) string {
	if s := v.ValueString(); s != "" {
		return s
	}
	return fallback
}

// isKnown reports whether a value is neither null nor unknown.
func isKnown(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// updatedMetadata is the metadata of an update request: an update always
// sends it, and removing metadata from the configuration clears it, so a
// null map is sent as {} (Exa treats a missing field as "unchanged").
func updatedMetadata(m types.Map) map[string]string {
	if out := expandStringMap(m); out != nil {
		return out
	}
	return map[string]string{}
}

// entityModel is the entity attribute of monitors and imports, read with As.
type entityModel struct {
	Type        types.String `tfsdk:"type"`
	Description types.String `tfsdk:"description"`
}

// expandEntity reads an entity attribute; null or unknown is nil.
func expandEntity(ctx context.Context, o types.Object, diags *diag.Diagnostics) *exa.Entity {
	var e entityModel
	if !asObject(ctx, o, &e, diags) {
		return nil
	}
	return &exa.Entity{Type: e.Type.ValueString(), Description: e.Description.ValueStringPointer()}
}

// asObject reads a known object into a typed model; null or unknown leaves
// the model zero and reports false.
func asObject[T any](ctx context.Context, o types.Object, into *T, diags *diag.Diagnostics) bool {
	if !isKnown(o) {
		return false
	}
	diags.Append(o.As(ctx, into, basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true})...)
	return true
}

// stringMapValue is a map of strings as a framework value; nil is {}.
func stringMapValue(m map[string]string) types.Map {
	vals := make(map[string]attr.Value, len(m))
	for k, v := range m {
		vals[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, vals)
}

// stringListValue is a list of strings as a framework value; nil is [].
func stringListValue(list []string) types.List {
	vals := make([]attr.Value, 0, len(list))
	for _, v := range list {
		vals = append(vals, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, vals)
}

// objectList turns API values into a list of objects of attrTypes, one
// element per value, through flatten (which may add diagnostics).
func objectList[T any](attrTypes map[string]attr.Type, list []T, flatten func(T, *diag.Diagnostics) map[string]attr.Value) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	elems := make([]attr.Value, 0, len(list))
	for _, x := range list {
		obj, d := types.ObjectValue(attrTypes, flatten(x, &diags))
		diags.Append(d...)
		elems = append(elems, obj)
	}
	out, d := types.ListValue(types.ObjectType{AttrTypes: attrTypes}, elems)
	diags.Append(d...)
	return out, diags
}

// objectListOrNull is objectList, but null for no values: for the lists a
// configuration may leave out, which Exa answers as [].
func objectListOrNull[T any](attrTypes map[string]attr.Type, list []T, flatten func(T, *diag.Diagnostics) map[string]attr.Value) (types.List, diag.Diagnostics) {
	if len(list) == 0 {
		return types.ListNull(types.ObjectType{AttrTypes: attrTypes}), nil
	}
	return objectList(attrTypes, list, flatten)
}
