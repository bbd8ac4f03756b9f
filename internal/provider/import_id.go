package provider

import (
	"fmt"
	"strings"
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
