package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// parseChildImportID splits "<webset_id>/<child>" on its last slash; child
// names the second part in the error.
func parseChildImportID(id, child string) (websetID, childID string, err error) {
	i := strings.LastIndex(id, "/")
	if i <= 0 || i == len(id)-1 || strings.TrimSpace(id) != id {
		return "", "", fmt.Errorf("expected an import ID of the form <webset_id>/<%s>, such as webset_01abc/%s; got %q", child, strings.TrimSuffix(child, "_id")+"_01xyz", id)
	}
	return id[:i], id[i+1:], nil
}

// importChild imports an object inside a webset (a search, an enrichment):
// by identity, or by an ID string "<webset_id>/<child>", into webset_id and
// id. It reports false when the ID string is malformed.
func importChild(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, child string) bool {
	if importedIdentity(ctx, req, resp, "webset_id", "id") {
		return true
	}
	websetID, id, err := parseChildImportID(req.ID, child)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("webset_id"), websetID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	return true
}
