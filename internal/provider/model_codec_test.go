package provider

import (
	"context"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every resource reads and writes its plan and state through a codec: each
// model matches its schema one to one.
func TestModelCodec_everyResourceModelResolves(t *testing.T) {
	for name, resolved := range map[string]func() (*codecFields, error){
		"exa_webset_search":     searchModel.resolved,
		"exa_webset":            websetCodec.resolved,
		"exa_webset_enrichment": enrichmentCodec.resolved,
		"exa_monitor":           monitorCodec.resolved,
		"exa_webhook":           webhookCodec.resolved,
		"exa_import":            importCodec.resolved,
	} {
		if _, err := resolved(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// searchModels are models of exa_webset_search as they occur: a finished
// search with every input set, the plan of a create (computed values
// unknown), and a search with every optional value null.
func searchModels(t *testing.T) map[string]websetSearchModel {
	full := searchFixture(t, benchSearchJSON)
	full.Recall = types.BoolValue(true)
	full.MaxPeople = types.Int64Value(3)
	full.Timeouts = timeouts.Value{Object: types.ObjectValueMust(
		map[string]attr.Type{"create": types.StringType, "delete": types.StringType},
		map[string]attr.Value{"create": types.StringValue("45m"), "delete": types.StringNull()})}

	planned := full
	planned.ID = types.StringUnknown()
	planned.Status = types.StringUnknown()
	planned.Progress = types.ObjectUnknown(progressAttrTypes)
	planned.RecallResult = types.ObjectUnknown(recallResultAttrTypes)
	planned.Criteria = types.ListUnknown(types.ObjectType{AttrTypes: criterionAttrTypes})
	planned.Entity = types.ObjectUnknown(full.Entity.AttributeTypes(context.Background()))
	planned.CreatedAt, planned.UpdatedAt = types.StringUnknown(), types.StringUnknown()

	bare := searchFixture(t, `{"id":"s","status":"running","websetId":"w","query":"q","count":1,"createdAt":"t","updatedAt":"t"}`)
	bare.Metadata = types.MapValueMust(types.StringType, map[string]attr.Value{}) // {} stays {}
	return map[string]websetSearchModel{"full": full, "planned": planned, "bare": bare}
}

// The codec writes what the framework's Set writes, and reads back what
// its Get reads, for every shape of the model.
func TestModelCodec_getAndSetMatchTheFramework(t *testing.T) {
	ctx := context.Background()
	schema := websetSearchSchema(ctx)
	for name, m := range searchModels(t) {
		t.Run(name, func(t *testing.T) {
			framework := tfsdk.State{Schema: schema, Raw: tftypes.NewValue(schema.Type().TerraformType(ctx), nil)}
			if diags := framework.Set(ctx, m); diags.HasError() {
				t.Fatal(diags)
			}
			var raw tftypes.Value
			if diags := searchModel.Set(ctx, &raw, m); diags.HasError() {
				t.Fatal(diags)
			}
			if !raw.Equal(framework.Raw) {
				t.Fatalf("Set differs from the framework's:\ncodec:     %s\nframework: %s", raw, framework.Raw)
			}

			var fromFramework, fromCodec websetSearchModel
			if diags := framework.Get(ctx, &fromFramework); diags.HasError() {
				t.Fatal(diags)
			}
			if diags := searchModel.Get(ctx, raw, &fromCodec); diags.HasError() {
				t.Fatal(diags)
			}
			if !reflect.DeepEqual(fromCodec, fromFramework) {
				t.Fatalf("Get differs from the framework's:\ncodec:     %+v\nframework: %+v", fromCodec, fromFramework)
			}
			if !reflect.DeepEqual(fromCodec, m) {
				t.Fatalf("Get(Set(m)) is not m:\ngot:  %+v\nwant: %+v", fromCodec, m)
			}
		})
	}
}

// A value of the wrong type is refused, as the framework's Set refuses it,
// and the target keeps what it had.
func TestModelCodec_setRefusesAValueOfTheWrongType(t *testing.T) {
	ctx := context.Background()
	m := searchModels(t)["full"]
	m.Metadata = types.MapValueMust(types.BoolType, map[string]attr.Value{"k": types.BoolValue(true)})
	before := tftypes.NewValue(tftypes.String, "untouched")
	raw := before
	diags := searchModel.Set(ctx, &raw, m)
	if d, ok := diags[0].(diag.DiagnosticWithPath); !diags.HasError() || !ok || !d.Path().Equal(path.Root("metadata")) {
		t.Fatalf("want an error naming metadata, got %v", diags)
	}
	if !raw.Equal(before) {
		t.Fatalf("target changed to %s", raw)
	}
	var got websetSearchModel
	if diags := searchModel.Get(ctx, tftypes.NewValue(searchModel.mustType(t), nil), &got); !diags.HasError() {
		t.Fatal("a null state was read without an error")
	}
}

// mustType is the Terraform type of the codec's schema.
func (c *modelCodec[T]) mustType(t *testing.T) tftypes.Type {
	t.Helper()
	cf, err := c.resolved()
	if err != nil {
		t.Fatal(err)
	}
	return cf.objType
}

// A model that does not match its schema one to one is refused, naming
// what is wrong, before it could drop or misplace a value.
func TestModelCodec_refusesModelsThatDoNotMatchTheSchema(t *testing.T) {
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

// A value that its type refuses is refused as in the framework's Get: a
// whole-number attribute holding 1.5 is an error on that attribute.
func TestModelCodec_refusesWhatTheTypeRefuses(t *testing.T) {
	ctx := context.Background()
	schema := websetSearchSchema(ctx)
	var valid tftypes.Value
	if diags := searchModel.Set(ctx, &valid, searchModels(t)["full"]); diags.HasError() {
		t.Fatal(diags)
	}
	raw, err := tftypes.Transform(valid, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if p.Equal(tftypes.NewAttributePath().WithAttributeName("target_count")) {
			return tftypes.NewValue(tftypes.Number, 1.5), nil
		}
		return v, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var fromFramework, fromCodec websetSearchModel
	want := tfsdk.State{Schema: schema, Raw: raw}.Get(ctx, &fromFramework)
	got := searchModel.Get(ctx, raw, &fromCodec)
	if !want.HasError() || !got.HasError() {
		t.Fatalf("codec: %v\nframework: %v", got, want)
	}
	g, ok := got[0].(diag.DiagnosticWithPath)
	if !ok || !g.Path().Equal(path.Root("target_count")) || !strings.Contains(g.Detail(), "is not an integer") {
		t.Fatalf("want an error on target_count saying it is not an integer, got %v", got)
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
func TestModelCodec_runsTheTypesOwnValidation(t *testing.T) {
	ctx := context.Background()
	objType := types.ObjectType{AttrTypes: map[string]attr.Type{"n": positiveInt64Type{}}}
	codec := newModelCodec[positiveModel](func(context.Context) attr.Type { return objType })
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
