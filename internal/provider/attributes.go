package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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
			Validators:          []validator.String{lengthBetween(1, 0)},
		},
	}
}
