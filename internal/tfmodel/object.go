// Package tfmodel is the provider's framework plumbing: it moves values
// between Go structs and the framework's values. Object, List and As do it
// for nested attributes, whose types they derive from the model structs;
// Codec does it for a resource's whole plan and state.
package tfmodel

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A nested model is a struct whose fields, each tagged `tfsdk:"name"`, are
// one of:
//
//   - a framework value whose zero value knows its type: types.String,
//     types.Int64, types.Float64, types.Bool or types.Number;
//   - *S, with S a nested model: an object, nil for null;
//   - []S, with S a nested model: a list of objects, nil for null;
//   - []types.String: a list of strings, nil for null;
//   - map[string]types.String: a map of strings, nil for null.
//
// Why not the framework's ObjectValueFrom and As: they need the attribute
// types written out by hand beside the struct, and they convert through
// tftypes values by reflection on every call. Here a struct is resolved
// once, its attribute types come from its fields, and each call copies
// field values (BenchmarkObject in object_test.go counts what it costs).
// A struct that breaks these rules panics when first resolved: it is a
// mistake in the provider, and TestNestedModels in the provider's tests
// resolves every one.

type fieldKind int

const (
	leafField       fieldKind = iota // a framework value
	objectField                      // *S
	objectListField                  // []S
	leafListField                    // []types.String and the like
	leafMapField                     // map[string]types.String and the like
)

type nestedField struct {
	name  string
	index int
	kind  fieldKind
	typ   attr.Type    // the attribute's type
	elem  *nestedModel // S, for objectField and objectListField
	gtype reflect.Type // the field's Go type
}

type nestedModel struct {
	attrTypes map[string]attr.Type
	objType   types.ObjectType
	fields    []nestedField
}

var (
	modelsMu sync.Mutex
	models   = map[reflect.Type]*nestedModel{}
)

var attrValue = reflect.TypeFor[attr.Value]()

// resolve is the nested model of the struct type t, resolved once.
func resolve(t reflect.Type) *nestedModel {
	modelsMu.Lock()
	defer modelsMu.Unlock()
	return resolveLocked(t, map[reflect.Type]bool{})
}

func resolveLocked(t reflect.Type, seen map[reflect.Type]bool) *nestedModel {
	if m, ok := models[t]; ok {
		return m
	}
	if t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("tfmodel: %s is not a struct", t))
	}
	if seen[t] {
		panic(fmt.Sprintf("tfmodel: %s contains itself", t))
	}
	seen[t] = true
	m := &nestedModel{attrTypes: map[string]attr.Type{}}
	ctx := context.Background()
	for i := range t.NumField() {
		f := t.Field(i)
		name, ok := f.Tag.Lookup("tfsdk")
		if !ok || name == "" || name == "-" {
			panic(fmt.Sprintf("tfmodel: field %s.%s has no tfsdk tag", t, f.Name))
		}
		if _, dup := m.attrTypes[name]; dup {
			panic(fmt.Sprintf("tfmodel: two fields of %s name %q", t, name))
		}
		nf := nestedField{name: name, index: i, gtype: f.Type}
		switch {
		case f.Type.Implements(attrValue):
			nf.kind = leafField
			nf.typ = leafType(ctx, f.Type, t, f.Name)
		case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct:
			nf.kind = objectField
			nf.elem = resolveLocked(f.Type.Elem(), seen)
			nf.typ = nf.elem.objType
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Implements(attrValue):
			nf.kind = leafListField
			nf.typ = types.ListType{ElemType: leafType(ctx, f.Type.Elem(), t, f.Name)}
		case f.Type.Kind() == reflect.Map && f.Type.Key().Kind() == reflect.String && f.Type.Elem().Implements(attrValue):
			nf.kind = leafMapField
			nf.typ = types.MapType{ElemType: leafType(ctx, f.Type.Elem(), t, f.Name)}
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			nf.kind = objectListField
			nf.elem = resolveLocked(f.Type.Elem(), seen)
			nf.typ = types.ListType{ElemType: nf.elem.objType}
		default:
			panic(fmt.Sprintf("tfmodel: field %s.%s is a %s: use a framework value, *struct, []struct, or a slice or string-keyed map of framework values", t, f.Name, f.Type))
		}
		m.attrTypes[name] = nf.typ
		m.fields = append(m.fields, nf)
	}
	delete(seen, t)
	m.objType = types.ObjectType{AttrTypes: m.attrTypes}
	models[t] = m
	return m
}

// leafType is the type of a framework value, from its zero value; values
// whose zero does not know its whole type (a list, a map, an object) are
// refused, since their element types cannot be derived.
func leafType(ctx context.Context, t, in reflect.Type, field string) attr.Type {
	v, ok := reflect.Zero(t).Interface().(attr.Value)
	if !ok {
		panic(fmt.Sprintf("tfmodel: field %s.%s: %s is not a framework value", in, field, t))
	}
	typ := v.Type(ctx)
	switch typ.(type) {
	case types.ListType, types.SetType, types.MapType, types.ObjectType, types.TupleType:
		panic(fmt.Sprintf("tfmodel: field %s.%s is a %s, whose element types a zero value does not know: use []struct or a slice of framework values", in, field, t))
	}
	return typ
}

func modelOf[T any]() *nestedModel { return resolve(reflect.TypeFor[T]()) }

// AttrTypes are the attribute types of the nested model T.
func AttrTypes[T any]() map[string]attr.Type { return modelOf[T]().attrTypes }

// ObjectType is the object type of the nested model T.
func ObjectType[T any]() types.ObjectType { return modelOf[T]().objType }

// ListType is the type of a list of T.
func ListType[T any]() types.ListType { return types.ListType{ElemType: modelOf[T]().objType} }

// NullObject is a null object of T's type.
func NullObject[T any]() types.Object { return types.ObjectNull(modelOf[T]().attrTypes) }

// NullList is a null list of T.
func NullList[T any]() types.List { return types.ListNull(modelOf[T]().objType) }

// Object is m as an object value.
func Object[T any](m T) types.Object {
	return modelOf[T]().object(reflect.ValueOf(m))
}

// ObjectOrNull is *m as an object value, or null for nil.
func ObjectOrNull[T any](m *T) types.Object {
	if m == nil {
		return NullObject[T]()
	}
	return Object(*m)
}

// List is a list of the objects ms; nil or empty is the empty list.
func List[T any](ms []T) types.List {
	nm := modelOf[T]()
	return nm.list(reflect.ValueOf(ms))
}

// ListOrNull is List, but null for no elements: for lists that a
// configuration may leave out and Exa answers as [].
func ListOrNull[T any](ms []T) types.List {
	if len(ms) == 0 {
		return NullList[T]()
	}
	return List(ms)
}

func (nm *nestedModel) object(v reflect.Value) types.Object {
	vals := make(map[string]attr.Value, len(nm.fields))
	for _, f := range nm.fields {
		fv := v.Field(f.index)
		switch f.kind {
		case leafField:
			vals[f.name] = fv.Interface().(attr.Value) //nolint:forcetypeassert // resolve checked the field
		case objectField:
			if fv.IsNil() {
				vals[f.name] = types.ObjectNull(f.elem.attrTypes)
			} else {
				vals[f.name] = f.elem.object(fv.Elem())
			}
		case objectListField:
			if fv.IsNil() {
				vals[f.name] = types.ListNull(f.elem.objType)
			} else {
				vals[f.name] = f.elem.list(fv)
			}
		case leafListField:
			elemType := f.typ.(types.ListType).ElemType //nolint:forcetypeassert // resolve made it
			if fv.IsNil() {
				vals[f.name] = types.ListNull(elemType)
				continue
			}
			elems := make([]attr.Value, fv.Len())
			for i := range elems {
				elems[i] = fv.Index(i).Interface().(attr.Value) //nolint:forcetypeassert // resolve checked the element type
			}
			vals[f.name] = types.ListValueMust(elemType, elems)
		case leafMapField:
			elemType := f.typ.(types.MapType).ElemType //nolint:forcetypeassert // resolve made it
			if fv.IsNil() {
				vals[f.name] = types.MapNull(elemType)
				continue
			}
			elems := make(map[string]attr.Value, fv.Len())
			for it := fv.MapRange(); it.Next(); {
				elems[it.Key().String()] = it.Value().Interface().(attr.Value) //nolint:forcetypeassert // resolve checked the element type
			}
			vals[f.name] = types.MapValueMust(elemType, elems)
		}
	}
	return types.ObjectValueMust(nm.attrTypes, vals)
}

func (nm *nestedModel) list(v reflect.Value) types.List {
	elems := make([]attr.Value, v.Len())
	for i := range elems {
		elems[i] = nm.object(v.Index(i))
	}
	return types.ListValueMust(nm.objType, elems)
}

// As reads a known object into the model T. It reports false when the
// object, or any object, list or map inside it, is null or unknown where
// the model has no room for that: the object itself null or unknown, or a
// nested one unknown. What it could read is read all the same (an unknown
// nested value is left nil), so a caller that needs only some fields, such
// as a plan's cost ledger, still has them. A nested null reads as nil.
func As[T any](obj types.Object) (T, bool) {
	var m T
	if obj.IsNull() || obj.IsUnknown() {
		return m, false
	}
	ok := modelOf[T]().read(obj, reflect.ValueOf(&m).Elem())
	return m, ok
}

// ElementsAs reads a known list of objects into models; it reports false
// when the list or anything in an element is null or unknown (see As),
// with what it could read. A null list is nil and true; an unknown one is
// nil and false.
func ElementsAs[T any](list types.List) ([]T, bool) {
	if list.IsUnknown() {
		return nil, false
	}
	if list.IsNull() {
		return nil, true
	}
	out := make([]T, len(list.Elements()))
	ok := modelOf[T]().readList(list, reflect.ValueOf(out))
	return out, ok
}

// read reads obj into the struct into, field by field, and reports whether
// every field could be read; a field that cannot stays zero.
func (nm *nestedModel) read(obj types.Object, into reflect.Value) bool {
	if obj.IsNull() || obj.IsUnknown() {
		return false
	}
	attrs := obj.Attributes()
	all := true
	for _, f := range nm.fields {
		if !f.read(attrs[f.name], into.Field(f.index)) {
			all = false
		}
	}
	return all
}

// read reads one attribute's value av into the field fv.
func (f nestedField) read(av attr.Value, fv reflect.Value) bool {
	if av == nil {
		return false
	}
	switch f.kind {
	case leafField:
		v := reflect.ValueOf(av)
		if v.Type() != f.gtype {
			return false
		}
		fv.Set(v)
		return true
	case objectField:
		o, ok := av.(types.Object)
		if !ok || o.IsUnknown() {
			return false
		}
		if o.IsNull() {
			return true
		}
		p := reflect.New(f.gtype.Elem())
		all := f.elem.read(o, p.Elem())
		fv.Set(p)
		return all
	case objectListField, leafListField:
		l, ok := av.(types.List)
		if !ok || l.IsUnknown() {
			return false
		}
		if l.IsNull() {
			return true
		}
		s := reflect.MakeSlice(f.gtype, len(l.Elements()), len(l.Elements()))
		all := true
		if f.kind == objectListField {
			all = f.elem.readList(l, s)
		} else {
			for i, e := range l.Elements() {
				if ev := reflect.ValueOf(e); ev.Type() == f.gtype.Elem() {
					s.Index(i).Set(ev)
				} else {
					all = false
				}
			}
		}
		fv.Set(s)
		return all
	case leafMapField:
		mv, ok := av.(types.Map)
		if !ok || mv.IsUnknown() {
			return false
		}
		if mv.IsNull() {
			return true
		}
		out := reflect.MakeMapWithSize(f.gtype, len(mv.Elements()))
		all := true
		for k, e := range mv.Elements() {
			if ev := reflect.ValueOf(e); ev.Type() == f.gtype.Elem() {
				out.SetMapIndex(reflect.ValueOf(k), ev)
			} else {
				all = false
			}
		}
		fv.Set(out)
		return all
	}
	return false
}

// readList reads each object of list into the slice into; false when one
// could not be read whole.
func (nm *nestedModel) readList(list types.List, into reflect.Value) bool {
	all := true
	for i, e := range list.Elements() {
		if o, ok := e.(types.Object); !ok || !nm.read(o, into.Index(i)) {
			all = false
		}
	}
	return all
}
