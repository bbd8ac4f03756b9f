package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// Whatever order Terraform plans them in, a webset's override searches
// warn once when one of them is a create, naming both; two that exist
// already do not warn, nor do searches of different websets.
func TestOverrideSearches_warnInAnyOrder(t *testing.T) {
	old := plannedOverride{label: "the old one"}
	created := plannedOverride{label: "the new one", create: true}
	for _, c := range []struct {
		name  string
		order []plannedOverride
		warns int
	}{
		{"existing first", []plannedOverride{old, created}, 1},
		{"create first", []plannedOverride{created, old}, 1},
		{"both exist", []plannedOverride{old, old}, 0},
		{"two creates", []plannedOverride{created, created}, 1},
		{"one", []plannedOverride{created}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			var o overrideSearches
			var diags diag.Diagnostics
			for _, s := range c.order {
				o.add("webset_a", s, &diags)
			}
			o.add("webset_b", created, &diags)
			o.add("", created, &diags) // unknown: grouped by the apply walk
			if diags.WarningsCount() != c.warns {
				t.Fatalf("%d warnings, want %d: %v", diags.WarningsCount(), c.warns, diags)
			}
			if c.warns == 1 {
				detail := diags[0].Detail()
				for _, s := range c.order {
					if !strings.Contains(detail, s.label) {
						t.Errorf("the warning does not name %q: %s", s.label, detail)
					}
				}
			}
		})
	}
}

// A webset of many override searches warns once in full, then once for
// each search that joins, naming it alone: the text grows with the
// searches, not with their square.
func TestOverrideSearches_manySearchesWarnOneLineEach(t *testing.T) {
	var o overrideSearches
	var diags diag.Diagnostics
	for i := range 12 {
		o.add("webset_a", plannedOverride{label: fmt.Sprintf("search %02d", i), create: true}, &diags)
	}
	if diags.WarningsCount() != 11 {
		t.Fatalf("%d warnings for 12 searches, want 11", diags.WarningsCount())
	}
	if d := diags[0].Detail(); !strings.Contains(d, "search 00, search 01.") {
		t.Errorf("the first warning: %s", d)
	}
	last := diags[10].Detail()
	if !strings.Contains(last, "would hold 12 searches") || !strings.Contains(last, "with search 11.") || strings.Contains(last, "search 10") {
		t.Errorf("the last warning names more than the search that joins: %s", last)
	}
}
