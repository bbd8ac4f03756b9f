package tfmodel

import (
	"context"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A model that does not match its schema one to one is refused, naming
// what is wrong, before it could drop or misplace a value.
func TestCodec_refusesModelsThatDoNotMatchTheSchema(t *testing.T) {
	schemaType := types.ObjectType{AttrTypes: map[string]attr.Type{"a": types.StringType, "b": types.ListType{ElemType: types.StringType}}}
	type embedded struct {
		B types.List `tfsdk:"b"`
	}
	type ok struct {
		A types.String `tfsdk:"a"`
		embedded
	}
	if _, err := resolveModel(context.Background(), reflect.TypeFor[ok](), schemaType); err != nil {
		t.Fatalf("a matching model with an embedded struct: %v", err)
	}
	for name, tc := range map[string]struct {
		model reflect.Type
		want  string
	}{
		"missing attribute": {reflect.TypeFor[struct {
			A types.String `tfsdk:"a"`
		}](), "no field for the attributes b"},
		"unknown attribute": {reflect.TypeFor[struct {
			A types.String `tfsdk:"a"`
			B types.List   `tfsdk:"b"`
			C types.String `tfsdk:"c"`
		}](), `names "c"`},
		"misspelled tag": {reflect.TypeFor[struct {
			A types.String `tfsdk:"a"`
			B types.List   `tfsdk:"bb"`
		}](), `names "bb"`},
		"wrong value type": {reflect.TypeFor[struct {
			A types.Bool `tfsdk:"a"`
			B types.List `tfsdk:"b"`
		}](), `("a") is a basetypes.BoolValue`},
		"not a framework value": {reflect.TypeFor[struct {
			A string     `tfsdk:"a"`
			B types.List `tfsdk:"b"`
		}](), "not a framework value"},
		"untagged field": {reflect.TypeFor[struct {
			A types.String `tfsdk:"a"`
			B types.List   `tfsdk:"b"`
			C types.String
		}](), "has no tfsdk tag"},
		"two fields, one attribute": {reflect.TypeFor[struct {
			A  types.String `tfsdk:"a"`
			A2 types.String `tfsdk:"a"`
			B  types.List   `tfsdk:"b"`
		}](), `two fields name the attribute "a"`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := resolveModel(context.Background(), tc.model, schemaType)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error with %q, got %v", tc.want, err)
			}
		})
	}
}

// positiveInt64Type converts any number, as Int64Type does, but its own
// validation (which the framework runs on every Get and Set) refuses one
// below 1: stricter than its conversion, so only that validation can
// refuse 0.
type positiveInt64Type struct{ basetypes.Int64Type }

func (positiveInt64Type) Validate(_ context.Context, v tftypes.Value, p path.Path) diag.Diagnostics {
	var diags diag.Diagnostics
	var n big.Float
	if v.IsKnown() && !v.IsNull() && v.As(&n) == nil && n.Cmp(big.NewFloat(1)) < 0 {
		diags.AddAttributeError(p, "Not positive", "the value must be at least 1")
	}
	return diags
}

type positiveModel struct {
	N types.Int64 `tfsdk:"n"`
}

// The codec runs a type's own validation, as the framework's Get and Set
// do: a value that converts but that its type refuses is an error on its
// attribute, both ways.
func TestCodec_runsTheTypesOwnValidation(t *testing.T) {
	ctx := context.Background()
	objType := types.ObjectType{AttrTypes: map[string]attr.Type{"n": positiveInt64Type{}}}
	codec := NewCodec[positiveModel](func(context.Context) attr.Type { return objType })
	tfType := objType.TerraformType(ctx)
	raw := func(n int64) tftypes.Value {
		return tftypes.NewValue(tfType, map[string]tftypes.Value{"n": tftypes.NewValue(tftypes.Number, n)})
	}
	var m positiveModel
	if diags := codec.Get(ctx, raw(3), &m); diags.HasError() || m.N.ValueInt64() != 3 {
		t.Fatalf("a valid value: %v, %v", m, diags)
	}
	diags := codec.Get(ctx, raw(0), &m)
	if g, ok := diagAt(diags); !ok || !g.Path().Equal(path.Root("n")) || !strings.Contains(g.Detail(), "at least 1") {
		t.Errorf("Get of 0: want the type's error on n, got %v", diags)
	}
	var out tftypes.Value
	diags = codec.Set(ctx, &out, positiveModel{N: types.Int64Value(0)})
	if g, ok := diagAt(diags); !ok || !g.Path().Equal(path.Root("n")) || !out.Equal(tftypes.Value{}) {
		t.Errorf("Set of 0: want the type's error on n and the target untouched, got %v, %v", diags, out)
	}
}

// diagAt is the first diagnostic, when it is an error with a path.
func diagAt(diags diag.Diagnostics) (diag.DiagnosticWithPath, bool) {
	if !diags.HasError() {
		return nil, false
	}
	g, ok := diags[0].(diag.DiagnosticWithPath)
	return g, ok
}
