package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	eschema "github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// computedAttributes derives a data source's attributes from a resource's
// schema function (websetSearchSchema, …): the same names, types,
// descriptions (less what they say of configuring the attribute:
// readDescription) and sensitivity, every one computed. It keeps the two
// schemas from drifting apart, and the descriptions written once. The names
// in skip are left out (provider-side inputs such as timeouts). A kind of
// attribute it cannot derive is an error diagnostic, never a panic, and
// never a silent loss of Sensitive.
func computedAttributes(in map[string]rschema.Attribute, skip ...string) (map[string]dschema.Attribute, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := make(map[string]dschema.Attribute, len(in))
	for name, a := range in {
		if slices.Contains(skip, name) {
			continue
		}
		d, err := computedAttribute(a)
		if err != nil {
			diags.AddError("Provider schema bug", fmt.Sprintf("attribute %s: %v", name, err))
			continue
		}
		out[name] = d
	}
	return out, diags
}

// resourceOnly matches a sentence of a resource attribute's description
// that speaks of configuring it (what a change does, its default, how to
// set it), which a data source, that only reads, must not repeat.
var resourceOnly = regexp.MustCompile(`(?i)\b(changing|replaces?|in place|set to|set it|going from|defaults? to|when omitted|left out)\b`)

// readDescription is a resource attribute's description for a data source:
// the sentences that say what the attribute is, without those that say
// what configuring it does.
func readDescription(desc string) string {
	sentences := strings.SplitAfter(desc, ". ")
	kept := sentences[:0]
	for _, s := range sentences {
		if !resourceOnly.MatchString(s) {
			kept = append(kept, s)
		}
	}
	return strings.TrimSpace(strings.Join(kept, ""))
}

func computedAttribute(a rschema.Attribute) (dschema.Attribute, error) {
	desc, sens := readDescription(a.GetMarkdownDescription()), a.IsSensitive()
	nested := func(in map[string]rschema.Attribute) (map[string]dschema.Attribute, error) {
		out, diags := computedAttributes(in)
		if diags.HasError() {
			return nil, fmt.Errorf("%s", diags[0].Detail())
		}
		return out, nil
	}
	switch a := a.(type) {
	case rschema.StringAttribute:
		return dschema.StringAttribute{MarkdownDescription: desc, Sensitive: sens, Computed: true}, nil
	case rschema.Int64Attribute:
		return dschema.Int64Attribute{MarkdownDescription: desc, Sensitive: sens, Computed: true}, nil
	case rschema.Int32Attribute:
		return dschema.Int32Attribute{MarkdownDescription: desc, Sensitive: sens, Computed: true}, nil
	case rschema.Float64Attribute:
		return dschema.Float64Attribute{MarkdownDescription: desc, Sensitive: sens, Computed: true}, nil
	case rschema.Float32Attribute:
		return dschema.Float32Attribute{MarkdownDescription: desc, Sensitive: sens, Computed: true}, nil
	case rschema.NumberAttribute:
		return dschema.NumberAttribute{MarkdownDescription: desc, Sensitive: sens, Computed: true}, nil
	case rschema.BoolAttribute:
		return dschema.BoolAttribute{MarkdownDescription: desc, Sensitive: sens, Computed: true}, nil
	case rschema.DynamicAttribute:
		return dschema.DynamicAttribute{MarkdownDescription: desc, Sensitive: sens, Computed: true}, nil
	case rschema.MapAttribute:
		return dschema.MapAttribute{MarkdownDescription: desc, Sensitive: sens, Computed: true, ElementType: a.ElementType}, nil
	case rschema.ListAttribute:
		return dschema.ListAttribute{MarkdownDescription: desc, Sensitive: sens, Computed: true, ElementType: a.ElementType}, nil
	case rschema.SetAttribute:
		return dschema.SetAttribute{MarkdownDescription: desc, Sensitive: sens, Computed: true, ElementType: a.ElementType}, nil
	case rschema.ObjectAttribute:
		return dschema.ObjectAttribute{MarkdownDescription: desc, Sensitive: sens, Computed: true, AttributeTypes: a.AttributeTypes}, nil
	case rschema.SingleNestedAttribute:
		attrs, err := nested(a.Attributes)
		return dschema.SingleNestedAttribute{MarkdownDescription: desc, Sensitive: sens, Computed: true, Attributes: attrs}, err
	case rschema.ListNestedAttribute:
		attrs, err := nested(a.NestedObject.Attributes)
		return dschema.ListNestedAttribute{MarkdownDescription: desc, Sensitive: sens, Computed: true,
			NestedObject: dschema.NestedAttributeObject{Attributes: attrs}}, err
	case rschema.SetNestedAttribute:
		attrs, err := nested(a.NestedObject.Attributes)
		return dschema.SetNestedAttribute{MarkdownDescription: desc, Sensitive: sens, Computed: true,
			NestedObject: dschema.NestedAttributeObject{Attributes: attrs}}, err
	case rschema.MapNestedAttribute:
		attrs, err := nested(a.NestedObject.Attributes)
		return dschema.MapNestedAttribute{MarkdownDescription: desc, Sensitive: sens, Computed: true,
			NestedObject: dschema.NestedAttributeObject{Attributes: attrs}}, err
	}
	return nil, fmt.Errorf("no data source form for %T", a)
}

// ephemeralAttributes derives an ephemeral resource's attributes from a
// data source's (exa_webset_items'): the same names, types, descriptions
// and optionality, so that the two read the same way. A kind of attribute
// it cannot derive is an error diagnostic.
func ephemeralAttributes(in map[string]dschema.Attribute) (map[string]eschema.Attribute, diag.Diagnostics) {
	var diags diag.Diagnostics
	out := make(map[string]eschema.Attribute, len(in))
	for name, a := range in {
		desc, opt, req, comp, sens := a.GetMarkdownDescription(), a.IsOptional(), a.IsRequired(), a.IsComputed(), a.IsSensitive()
		switch a := a.(type) {
		case dschema.StringAttribute:
			out[name] = eschema.StringAttribute{MarkdownDescription: desc, Optional: opt, Required: req, Computed: comp, Sensitive: sens, Validators: a.Validators}
		case dschema.Int64Attribute:
			out[name] = eschema.Int64Attribute{MarkdownDescription: desc, Optional: opt, Required: req, Computed: comp, Sensitive: sens, Validators: a.Validators}
		case dschema.BoolAttribute:
			out[name] = eschema.BoolAttribute{MarkdownDescription: desc, Optional: opt, Required: req, Computed: comp, Sensitive: sens}
		case dschema.ListAttribute:
			out[name] = eschema.ListAttribute{MarkdownDescription: desc, Optional: opt, Required: req, Computed: comp, Sensitive: sens, ElementType: a.ElementType}
		case dschema.ListNestedAttribute:
			nested, d := ephemeralAttributes(a.NestedObject.Attributes)
			diags.Append(d...)
			out[name] = eschema.ListNestedAttribute{MarkdownDescription: desc, Optional: opt, Required: req, Computed: comp, Sensitive: sens,
				NestedObject: eschema.NestedAttributeObject{Attributes: nested}}
		default:
			diags.AddError("Provider schema bug", fmt.Sprintf("attribute %s: no ephemeral form for %T", name, a))
		}
	}
	return out, diags
}
