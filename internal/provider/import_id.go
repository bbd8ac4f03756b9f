package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/exa-community/terraform-provider-exa/internal/resourceidentity"
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
// id. The webset may be named by its external ID: state gets its real ID,
// as exa_webset's id is, so that webset_id = exa_webset.x.id plans no
// change after the import. The look-up is the webset snapshot that the
// Read after the import uses anyway. It reports false when the ID string
// is malformed.
func importChild(ctx context.Context, data *providerData, req resource.ImportStateRequest, resp *resource.ImportStateResponse, child string) bool {
	if resourceidentity.Imported(ctx, req, resp, "webset_id", "id") {
		return true
	}
	websetID, id, err := parseChildImportID(req.ID, child)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return false
	}
	if data != nil {
		// On an error, the name stays as given: the Read that follows
		// reports what is wrong with it.
		if ws, err := data.client.WebsetSnapshot(ctx, websetID); err == nil {
			websetID = ws.ID
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("webset_id"), websetID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	return true
}
