// Package resourceidentity is the plumbing of resource identity: the two
// identity schemas of the provider's resources, and the copy between an
// identity and the state attributes of the same names.
package resourceidentity

import (
	"context"

	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every resource declares the attributes that name its
// object at Exa, so that OpenTofu and Terraform 1.12 and later can import
// it with `import { identity = { ... } }` instead of an ID string. Searches
// and enrichments are named by webset_id and id, everything else by id. Each
// identity attribute is a state attribute of the same name: Create, Read and
// Update copy them over (Sync), and ImportState takes either an ID
// string or an identity. Older engines, such as Terraform 1.5.7, ignore
// identity and import by ID as before.

// ByID is the identity of a resource named by its id alone; what names the
// kind of object in the description.
func ByID(what string) identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"id": identityschema.StringAttribute{RequiredForImport: true, Description: "The " + what + "'s ID."},
	}}
}

// InWebset is the identity of an object inside a webset.
func InWebset(what string) identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"webset_id": identityschema.StringAttribute{RequiredForImport: true, Description: "The ID of the webset the " + what + " belongs to."},
		"id":        identityschema.StringAttribute{RequiredForImport: true, Description: "The " + what + "'s ID."},
	}}
}

// AttributeSource is a state or a plan.
type AttributeSource interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}

// Sync copies the identity's attributes from the first of sources
// that has an id: run deferred at the top of Create, Read and Update, it
// sets the identity from whatever state the method leaves, or, when Read
// removed the resource, from the state it had.
func Sync(ctx context.Context, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, sources ...AttributeSource) {
	if identity == nil || identity.Schema == nil || diags.HasError() {
		return
	}
	for _, src := range sources {
		vals := map[string]types.String{}
		var read diag.Diagnostics
		for name := range identity.Schema.GetAttributes() {
			var v types.String
			read.Append(src.GetAttribute(ctx, path.Root(name), &v)...)
			vals[name] = v
		}
		if read.HasError() || !tfmodel.IsKnown(vals["id"]) {
			continue
		}
		for name, v := range vals {
			diags.Append(identity.SetAttribute(ctx, path.Root(name), v)...)
		}
		return
	}
}

// Imported reads an import by identity (req.ID empty) into the
// state attributes of the same names. It reports false when the import
// came with an ID string instead.
func Imported(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, names ...string) bool {
	if req.ID != "" || req.Identity == nil {
		return false
	}
	for _, name := range names {
		var v types.String
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(name), &v)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
	return true
}
