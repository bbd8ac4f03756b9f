package provider

// Conversions between the framework's values and Go or API values that more
// than one resource uses. A resource's own mapping stays in its expand and
// flatten functions.

import (
	"math"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
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

// flattenStringMap keeps null in state when Exa answers {} for a map the
// configuration left out.
func flattenStringMap(m map[string]string, prior types.Map) types.Map {
	if len(m) == 0 && !isKnown(prior) {
		return types.MapNull(types.StringType)
	}
	return stringMapValue(m)
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

// stringValues is a list of strings as the elements of a nested model's
// list field; nil is [] (a nil field would be null).
func stringValues(list []string) []types.String {
	out := make([]types.String, len(list))
	for i, v := range list {
		out[i] = types.StringValue(v)
	}
	return out
}

// stringValueMap is a map of strings as a nested model's map field; nil
// is {} (a nil field would be null).
func stringValueMap(m map[string]string) map[string]types.String {
	out := make(map[string]types.String, len(m))
	for k, v := range m {
		out[k] = types.StringValue(v)
	}
	return out
}
