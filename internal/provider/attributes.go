package provider

import (
	"strings"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Schema pieces that more than one resource uses, each with its model and
// its mapping to and from the API.

// sourceRefAttributes are the attributes of an exclude entry.
func sourceRefAttributes(what string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"source": schema.StringAttribute{
			MarkdownDescription: "Kind of source: `import` or `webset`.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.OneOf("import", "webset")},
		},
		"id": schema.StringAttribute{
			MarkdownDescription: "ID of the import or webset " + what + ".",
			Required:            true,
			Validators:          []validator.String{stringvalidator.UTF8LengthAtLeast(1)},
		},
	}
}

// entityTypes are the spec's entity types.
var entityTypes = []string{"company", "person", "article", "research_paper", "custom"}

// entityAttributes are the attributes of an entity, as searches, monitors
// and imports declare it; entityDescription checks them together.
func entityAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"type": schema.StringAttribute{
			MarkdownDescription: "One of `company`, `person`, `article`, `research_paper` or `custom`.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.OneOf(entityTypes...)},
		},
		"description": schema.StringAttribute{
			MarkdownDescription: "What a `custom` entity is, 2 to 200 characters. Required for `custom`, and not allowed for the other types.",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.UTF8LengthBetween(2, 200)},
		},
	}
}

// entityModel is the entity attribute that entityAttributes describes.
type entityModel struct {
	Type        types.String `tfsdk:"type"`
	Description types.String `tfsdk:"description"`
}

// sourceModel is an exclude or import entry that sourceRefAttributes
// describes.
type sourceModel struct {
	Source types.String `tfsdk:"source"`
	ID     types.String `tfsdk:"id"`
}

// codeList writes names as a list of code spans for a description:
// `a`, `b` and `c`.
func codeList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "`" + n + "`"
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
}

// flattenEntity is an entity as the entity attribute; null for none.
func flattenEntity(e *exa.Entity) types.Object {
	return tfmodel.ObjectOrNull(entityOf(e))
}

// entityOf is Exa's entity as the model, nil for none; only a custom
// entity keeps its description.
func entityOf(e *exa.Entity) *entityModel {
	if e == nil || e.Type == "" {
		return nil
	}
	desc := types.StringNull()
	if e.Type == "custom" {
		desc = tfmodel.StringOrNull(e.Description)
	}
	return &entityModel{Type: types.StringValue(e.Type), Description: desc}
}

// expandEntity reads an entity attribute; null or unknown is nil.
func expandEntity(o types.Object) *exa.Entity {
	e, ok := tfmodel.As[entityModel](o)
	if !ok {
		return nil
	}
	return e.expand()
}

// expand is the entity as the API takes it; nil for none.
func (e *entityModel) expand() *exa.Entity {
	if e == nil {
		return nil
	}
	return &exa.Entity{Type: e.Type.ValueString(), Description: e.Description.ValueStringPointer()}
}

// flattenSources is a list of { source, id } objects; null for none.
func flattenSources(list []exa.SourceRef) types.List {
	out := make([]sourceModel, len(list))
	for i, s := range list {
		out[i] = sourceModel{Source: types.StringValue(s.Source), ID: types.StringValue(s.ID)}
	}
	return tfmodel.ListOrNull(out)
}

// expandSources reads a list of { source, id } objects; null or unknown is nil.
func expandSources(list types.List) []exa.SourceRef {
	sources, _ := tfmodel.ElementsAs[sourceModel](list)
	if sources == nil {
		return nil
	}
	out := make([]exa.SourceRef, len(sources))
	for i, s := range sources {
		out[i] = exa.SourceRef{Source: s.Source.ValueString(), ID: s.ID.ValueString()}
	}
	return out
}
