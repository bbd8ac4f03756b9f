package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Schema pieces that more than one resource uses.

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
