package provider

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// charLength checks a string's length in characters (Unicode code points),
// as the spec's minLength and maxLength count them. The framework's own
// stringvalidator.LengthBetween counts bytes, which would refuse a valid
// query written in a non-Latin script.
type charLength struct{ min, max int }

var _ validator.String = charLength{}

func lengthBetween(lo, hi int) charLength { return charLength{min: lo, max: hi} }

func (v charLength) Description(context.Context) string {
	if v.max <= 0 {
		return fmt.Sprintf("must be at least %d characters long", v.min)
	}
	return fmt.Sprintf("must be %d to %d characters long", v.min, v.max)
}

func (v charLength) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v charLength) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	n := utf8.RuneCountInString(req.ConfigValue.ValueString())
	if n < v.min || (v.max > 0 && n > v.max) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid attribute value length",
			fmt.Sprintf("Attribute %s %s, got: %d.", req.Path, v.Description(ctx), n))
	}
}

// entityDescription enforces the spec's Entity union: the custom type needs
// a description, and the other types take none.
type entityDescription struct{}

var _ validator.Object = entityDescription{}

func (entityDescription) Description(context.Context) string {
	return "description is required when type is custom, and not allowed otherwise"
}

func (v entityDescription) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (entityDescription) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	typ, _ := attrs["type"].(types.String)
	desc, _ := attrs["description"].(types.String)
	if typ.IsUnknown() || desc.IsUnknown() {
		return
	}
	switch custom := typ.ValueString() == "custom"; {
	case custom && desc.IsNull():
		resp.Diagnostics.AddAttributeError(req.Path.AtName("description"), "Missing entity description",
			`An entity of type "custom" needs a description (2 to 200 characters) of what the search should find.`)
	case !custom && !desc.IsNull():
		resp.Diagnostics.AddAttributeError(req.Path.AtName("description"), "Unexpected entity description",
			fmt.Sprintf("Only an entity of type \"custom\" takes a description; type %q does not. Remove description, or set type = \"custom\".", typ.ValueString()))
	}
}

// isKnown reports whether a value is neither null nor unknown.
func isKnown(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }
