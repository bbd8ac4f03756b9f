package tfmodel

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type testInner struct {
	Min types.Int64 `tfsdk:"min"`
}

type testOuter struct {
	Name   types.String            `tfsdk:"name"`
	Rate   types.Float64           `tfsdk:"rate"`
	Inner  *testInner              `tfsdk:"inner"`
	Many   []testInner             `tfsdk:"many"`
	Labels []types.String          `tfsdk:"labels"`
	Tags   map[string]types.String `tfsdk:"tags"`
}

func TestAttrTypes_deriveNestedObjectsAndLists(t *testing.T) {
	inner := types.ObjectType{AttrTypes: map[string]attr.Type{"min": types.Int64Type}}
	want := types.ObjectType{AttrTypes: map[string]attr.Type{
		"name": types.StringType, "rate": types.Float64Type, "inner": inner,
		"many": types.ListType{ElemType: inner}, "labels": types.ListType{ElemType: types.StringType},
		"tags": types.MapType{ElemType: types.StringType},
	}}
	if got := ObjectType[testOuter](); !got.Equal(want) {
		t.Fatalf("ObjectType = %s, want %s", got, want)
	}
}

func TestObject_nilIsNullAndEmptyIsEmpty(t *testing.T) {
	o := Object(testOuter{Name: types.StringValue("a"), Rate: types.Float64Null(), Many: []testInner{}})
	attrs := o.Attributes()
	if !attrs["inner"].IsNull() || !attrs["labels"].IsNull() || !attrs["tags"].IsNull() {
		t.Errorf("nil pointer and nil slice must be null: %s", o)
	}
	if many, ok := attrs["many"].(types.List); !ok || many.IsNull() || len(many.Elements()) != 0 {
		t.Errorf("an empty slice must be an empty list, got %s", many)
	}
	if ListOrNull([]testInner{}).IsNull() != true || !ObjectOrNull[testInner](nil).IsNull() {
		t.Error("ListOrNull of none and ObjectOrNull of nil must be null")
	}
}

func TestAs_roundTripsAndRefusesUnknown(t *testing.T) {
	in := testOuter{
		Name: types.StringValue("a"), Rate: types.Float64Value(0.5),
		Inner:  &testInner{Min: types.Int64Value(3)},
		Many:   []testInner{{Min: types.Int64Value(1)}, {Min: types.Int64Unknown()}},
		Labels: []types.String{types.StringValue("x")},
		Tags:   map[string]types.String{"k": types.StringValue("v")},
	}
	obj := Object(in)
	out, ok := As[testOuter](obj)
	if !ok {
		t.Fatal("As refused a known object")
	}
	if !Object(out).Equal(obj) {
		t.Fatalf("round trip: %s, want %s", Object(out), obj)
	}
	if _, ok := As[testOuter](types.ObjectUnknown(AttrTypes[testOuter]())); ok {
		t.Error("As took an unknown object")
	}
	attrs := obj.Attributes()
	attrs["inner"] = types.ObjectUnknown(AttrTypes[testInner]())
	withUnknown := types.ObjectValueMust(AttrTypes[testOuter](), attrs)
	partial, ok := As[testOuter](withUnknown)
	if ok || partial.Inner != nil || partial.Name.ValueString() != "a" || len(partial.Many) != 2 {
		t.Errorf("As of an object with an unknown nested object = %+v, %v: want false, with the rest read", partial, ok)
	}
	list, ok := ElementsAs[testInner](List(in.Many))
	if !ok || len(list) != 2 || !list[1].Min.IsUnknown() {
		t.Errorf("ElementsAs = %v, %v: an unknown leaf stays unknown", list, ok)
	}
	if got, ok := ElementsAs[testInner](NullList[testInner]()); !ok || got != nil {
		t.Errorf("ElementsAs(null) = %v, %v; want nil, true", got, ok)
	}
}

func TestResolve_refusesFieldsWhoseTypeCannotBeDerived(t *testing.T) {
	type untagged struct{ A types.String }
	type list struct {
		L types.List `tfsdk:"l"`
	}
	type plain struct {
		S string `tfsdk:"s"`
	}
	for name, f := range map[string]func(){
		"untagged": func() { ObjectType[untagged]() },
		"list":     func() { ObjectType[list]() },
		"plain":    func() { ObjectType[plain]() },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("resolved a struct it cannot derive types from")
				}
			}()
			f()
		})
	}
}

// BenchmarkObject is what a nested object costs this way and the
// framework's way.
func BenchmarkObject(b *testing.B) {
	in := testOuter{Name: types.StringValue("a"), Rate: types.Float64Value(1), Inner: &testInner{Min: types.Int64Value(2)}}
	b.Run("tfmodel", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = Object(in)
		}
	})
	type frameworkOuter struct {
		Name   types.String  `tfsdk:"name"`
		Rate   types.Float64 `tfsdk:"rate"`
		Inner  types.Object  `tfsdk:"inner"`
		Many   types.List    `tfsdk:"many"`
		Labels types.List    `tfsdk:"labels"`
		Tags   types.Map     `tfsdk:"tags"`
	}
	fw := frameworkOuter{Name: in.Name, Rate: in.Rate, Inner: Object(*in.Inner), Many: NullList[testInner](), Labels: types.ListNull(types.StringType), Tags: types.MapNull(types.StringType)}
	b.Run("ObjectValueFrom", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = types.ObjectValueFrom(context.Background(), AttrTypes[testOuter](), fw)
		}
	})
}
