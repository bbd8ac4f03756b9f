package tfmodel

// Conversions between the framework's values and Go values, which every
// resource's expand and flatten functions use.

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// StringMap reads a map of strings; null or unknown is nil.
func StringMap(m types.Map) map[string]string {
	if !IsKnown(m) {
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

// StringMapOrNull is m as a map value, but null when m is empty and prior
// (the plan or prior state) is null or unknown: an API that answers {} for
// a map the configuration left out keeps null in state.
func StringMapOrNull(m map[string]string, prior types.Map) types.Map {
	if len(m) == 0 && !IsKnown(prior) {
		return types.MapNull(types.StringType)
	}
	return StringMapValue(m)
}

// StringOrNull is *s, or null for nil or "".
func StringOrNull(s *string) types.String {
	if s == nil || *s == "" {
		return types.StringNull()
	}
	return types.StringValue(*s)
}

// SameStringMap treats a null map and an empty one as the same, for an
// API that answers {} for both.
func SameStringMap(a, b types.Map) bool {
	if a.IsUnknown() || b.IsUnknown() {
		return false
	}
	if len(a.Elements()) == 0 && len(b.Elements()) == 0 {
		return true
	}
	return a.Equal(b)
}

// StringOr is v's string, or fallback for null, unknown or "".
func StringOr(v types.String, fallback string) string {
	if s := v.ValueString(); s != "" {
		return s
	}
	return fallback
}

// IsKnown reports whether a value is neither null nor unknown.
func IsKnown(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// StringMapValue is a map of strings as a framework value; nil is {}.
func StringMapValue(m map[string]string) types.Map {
	vals := make(map[string]attr.Value, len(m))
	for k, v := range m {
		vals[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, vals)
}

// StringListValue is a list of strings as a framework value; nil is [].
func StringListValue(list []string) types.List {
	vals := make([]attr.Value, 0, len(list))
	for _, v := range list {
		vals = append(vals, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, vals)
}

// StringValues is a list of strings as the elements of a nested model's
// list field; nil is [] (a nil field would be null).
func StringValues(list []string) []types.String {
	out := make([]types.String, len(list))
	for i, v := range list {
		out[i] = types.StringValue(v)
	}
	return out
}

// StringValueMap is a map of strings as a nested model's map field; nil
// is {} (a nil field would be null).
func StringValueMap(m map[string]string) map[string]types.String {
	out := make(map[string]types.String, len(m))
	for k, v := range m {
		out[k] = types.StringValue(v)
	}
	return out
}
