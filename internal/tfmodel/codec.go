package tfmodel

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Codec moves a resource's model between its Go struct and the raw
// value of its schema: what tfsdk's Plan.Get, State.Get and State.Set do.
//
// Why not the framework's own: its Get and Set resolve the struct by
// reflection on every call, compiling a regular expression per struct field
// (terraform-plugin-framework issue #725) and building an attribute path
// per value. The profile of `make bench` (a plan and an apply of 1000
// searches) showed that as three quarters of exa_webset_search's Read and
// Create, since every search decodes and encodes its whole model; for an
// enrichment's refresh and plan it saves a quarter of the allocations
// (BenchmarkRefreshAndPlanEnrichment: 11,113 to 8,292). Every resource
// uses it, so that plan and state are read one way. The codec
// matches the struct with the schema once, then converts each attribute
// with its own attr.Type, and runs the type's own validation, as the
// framework does for a field of a framework value type.
//
// It takes only what it converts exactly as the framework does: a struct
// whose fields are framework values (types.String, types.List,
// timeouts.Value, ...) tagged `tfsdk:"name"`, and untagged embedded structs
// of such fields, one field per schema attribute. Values that validate
// themselves (xattr.ValidateableAttribute, as custom types may) are
// refused.
// TestCodec_* here and TestModelCodec_* in the provider hold it to the framework's Get and Set.
type Codec[T any] struct {
	// resolved is the struct matched with the schema, once, on first use.
	// An error there is a mistake in the provider: every call reports it,
	// and the provider's TestModelCodec_everyResourceModelResolves fails on
	// it first.
	resolved func() (*codecFields, error)
}

// Resolve matches the model with the schema, once, and says where they
// differ.
func (c *Codec[T]) Resolve() error {
	_, err := c.resolved()
	return err
}

// TerraformType is the type of the schema's raw values, or nil when the
// model does not resolve.
func (c *Codec[T]) TerraformType() tftypes.Type {
	cf, err := c.resolved()
	if err != nil {
		return nil
	}
	return cf.objType
}

type codecFields struct {
	objType tftypes.Object
	fields  []codecField
}

type codecField struct {
	name  string
	index []int // reflect.Value.FieldByIndex into the model
	typ   attr.Type
	tf    tftypes.Type
	// validate is the type's own check (an Int64's value is whole, say),
	// which the framework runs on every Get and Set; nil for none.
	validate xattr.TypeWithValidate //nolint:staticcheck // deprecated, but the framework still runs it
}

// NewCodec is the codec of the model T for the schema whose type
// schemaType gives.
func NewCodec[T any](schemaType func(context.Context) attr.Type) *Codec[T] {
	return &Codec[T]{resolved: sync.OnceValues(func() (*codecFields, error) {
		ctx := context.Background()
		return resolveModel(ctx, reflect.TypeFor[T](), schemaType(ctx))
	})}
}

// Get is tfsdk's Get: the model from a raw plan, state or config.
func (c *Codec[T]) Get(ctx context.Context, raw tftypes.Value, target *T) diag.Diagnostics {
	cf, err := c.resolved()
	if err != nil {
		return codecError("reading", err)
	}
	if !raw.IsKnown() || raw.IsNull() {
		return codecError("reading", fmt.Errorf("the value is null or unknown as a whole"))
	}
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		return codecError("reading", err)
	}
	var m T
	model := reflect.ValueOf(&m).Elem()
	for _, f := range cf.fields {
		v, err := f.typ.ValueFromTerraform(ctx, attrs[f.name])
		if err != nil {
			return codecAttributeError(f.name, "reading", err)
		}
		if f.validate != nil {
			if diags := f.validate.Validate(ctx, attrs[f.name], path.Root(f.name)); diags.HasError() {
				return diags
			}
		}
		model.FieldByIndex(f.index).Set(reflect.ValueOf(v))
	}
	*target = m
	return nil
}

// Set is tfsdk's Set: the raw value of a model, into a plan's or state's
// Raw. Like Set, it refuses a value whose type is not its attribute's, and
// then leaves target as it was.
func (c *Codec[T]) Set(ctx context.Context, target *tftypes.Value, m T) diag.Diagnostics {
	cf, err := c.resolved()
	if err != nil {
		return codecError("writing", err)
	}
	model := reflect.ValueOf(m)
	attrs := make(map[string]tftypes.Value, len(cf.fields))
	for _, f := range cf.fields {
		v := model.FieldByIndex(f.index).Interface().(attr.Value) //nolint:forcetypeassert // resolveModel checked every field
		tv, err := v.ToTerraformValue(ctx)
		if err == nil && !tv.Type().Equal(f.tf) {
			err = fmt.Errorf("its value is a %s, not a %s", tv.Type(), f.tf)
		}
		if err != nil {
			return codecAttributeError(f.name, "writing", err)
		}
		if f.validate != nil {
			if diags := f.validate.Validate(ctx, tv, path.Root(f.name)); diags.HasError() {
				return diags
			}
		}
		attrs[f.name] = tv
	}
	*target = tftypes.NewValue(cf.objType, attrs)
	return nil
}

func codecAttributeError(name, doing string, err error) diag.Diagnostics {
	return diag.Diagnostics{diag.NewAttributeErrorDiagnostic(path.Root(name), "Value Conversion Error",
		fmt.Sprintf("An unexpected error was encountered %s the attribute %q: %s.\n\nThis is always an error in the provider. Please report it to the provider developers.", doing, name, err))}
}

func codecError(doing string, err error) diag.Diagnostics {
	return diag.Diagnostics{diag.NewErrorDiagnostic("Value Conversion Error",
		fmt.Sprintf("An unexpected error was encountered %s a resource's value: %s.\n\nThis is always an error in the provider. Please report it to the provider developers.", doing, err))}
}

// resolveModel matches the fields of the struct type t with a schema's
// attributes, and fails, naming the attribute or field, where the two do
// not match one to one.
func resolveModel(ctx context.Context, t reflect.Type, schemaType attr.Type) (*codecFields, error) {
	obj, ok := schemaType.(attr.TypeWithAttributeTypes)
	if !ok {
		return nil, fmt.Errorf("schema type %T has no attributes", schemaType)
	}
	tfObj, ok := schemaType.TerraformType(ctx).(tftypes.Object)
	if !ok {
		return nil, fmt.Errorf("schema type %T is not an object", schemaType)
	}
	attrTypes := obj.AttributeTypes()
	cf := &codecFields{objType: tfObj}
	if err := cf.add(ctx, t, nil, attrTypes); err != nil {
		return nil, err
	}
	var missing []string
	for name := range attrTypes {
		if !slices.ContainsFunc(cf.fields, func(f codecField) bool { return f.name == name }) {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, fmt.Errorf("%s has no field for the attributes %s", t, strings.Join(missing, ", "))
	}
	return cf, nil
}

var attrValueType = reflect.TypeFor[attr.Value]()

// add adds the fields of the struct type t, reached by index, to cf.
func (cf *codecFields) add(ctx context.Context, t reflect.Type, index []int, attrTypes map[string]attr.Type) error {
	if t.Kind() != reflect.Struct {
		return fmt.Errorf("%s is not a struct", t)
	}
	for i := range t.NumField() {
		f := t.Field(i)
		at := append(slices.Clone(index), i)
		tag, tagged := f.Tag.Lookup("tfsdk")
		if !tagged && f.Anonymous {
			if err := cf.add(ctx, f.Type, at, attrTypes); err != nil {
				return err
			}
			continue
		}
		if !tagged || tag == "-" {
			return fmt.Errorf("field %s.%s has no tfsdk tag", t, f.Name)
		}
		typ, ok := attrTypes[tag]
		switch {
		case !ok:
			return fmt.Errorf("field %s.%s names %q, which the schema does not have", t, f.Name, tag)
		case slices.ContainsFunc(cf.fields, func(f codecField) bool { return f.name == tag }):
			return fmt.Errorf("two fields name the attribute %q", tag)
		case !f.Type.Implements(attrValueType):
			return fmt.Errorf("field %s.%s (%q) is a %s, not a framework value", t, f.Name, tag, f.Type)
		}
		value := typ.ValueType(ctx)
		if reflect.TypeOf(value) != f.Type {
			return fmt.Errorf("field %s.%s (%q) is a %s, but its schema type makes a %T", t, f.Name, tag, f.Type, value)
		}
		if _, ok := value.(xattr.ValidateableAttribute); ok {
			return fmt.Errorf("attribute %q has a value that validates itself, which the codec would skip", tag)
		}
		validate, _ := typ.(xattr.TypeWithValidate) //nolint:staticcheck // deprecated, but the framework still runs it
		cf.fields = append(cf.fields, codecField{name: tag, index: at, typ: typ, tf: typ.TerraformType(ctx), validate: validate})
	}
	return nil
}
