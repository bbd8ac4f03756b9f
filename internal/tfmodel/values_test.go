package tfmodel

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// An API that answers {} where the configuration said nothing: null and {}
// are the same map, and {} stays null in state when the plan said null.
func TestStringMaps_nullAndEmptyAreTheSame(t *testing.T) {
	null := types.MapNull(types.StringType)
	empty := types.MapValueMust(types.StringType, map[string]attr.Value{})
	one := StringMapValue(map[string]string{"k": "v"})
	if !SameStringMap(null, empty) || SameStringMap(null, one) || SameStringMap(types.MapUnknown(types.StringType), empty) {
		t.Error("SameStringMap: null and {} are the same; a value or an unknown is not")
	}
	if !StringMapOrNull(nil, null).IsNull() || StringMapOrNull(nil, empty).IsNull() || !StringMapOrNull(map[string]string{"k": "v"}, null).Equal(one) {
		t.Error("StringMapOrNull: {} is null only where the prior said null")
	}
	if got := StringMap(one); len(got) != 1 || got["k"] != "v" || StringMap(null) != nil {
		t.Errorf("StringMap(%s) = %v", one, got)
	}
}

func TestStringOrNull_emptyIsNull(t *testing.T) {
	s := ""
	v := "x"
	if !StringOrNull(nil).IsNull() || !StringOrNull(&s).IsNull() || StringOrNull(&v).ValueString() != "x" {
		t.Error("StringOrNull: nil and \"\" are null")
	}
	if StringOr(types.StringNull(), "d") != "d" || StringOr(types.StringValue("x"), "d") != "x" {
		t.Error("StringOr: null falls back")
	}
}
