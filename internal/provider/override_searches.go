package provider

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// Two searches with behavior = "override" in one webset: Exa's override
// search re-evaluates the webset's items against its own criteria and
// discards those that fail, so the one created last decides what the
// webset holds, and when both are created in one apply that is whichever
// Terraform happens to run last. The plan warns, naming them.
//
// A resource cannot see the rest of the plan, so the searches planned into
// each webset in one walk are gathered here, as the cost ledger gathers
// what a plan bills. A webset created in the same plan has an unknown id
// until the apply: its searches are grouped by the apply walk, which plans
// each change again once the webset exists, and the warning shows then.
//
// The warning comes when at least one of the override searches of a
// webset is planned as a create: two that both ran long ago are history,
// not a race, and warning on every plan would train users to skip it.
type overrideSearches struct {
	mu       sync.Mutex
	byWebset map[string][]plannedOverride
	// warned marks the websets whose first warning has been given: each
	// search that joins them later warns about itself alone, so that a
	// webset of many searches costs one line each, not a growing list.
	warned map[string]bool
}

// plannedOverride is an override search planned into a webset: label names
// it in the warning; create is true for a search this plan starts.
type plannedOverride struct {
	label  string
	create bool
}

// maxNamed bounds the searches a warning names.
const maxNamed = 10

// add records an override search planned into websetID (known), and warns
// when the webset now holds more than one and one of them is planned as a
// create: the first time, naming them all; after that, naming the one that
// joins.
func (o *overrideSearches) add(websetID string, s plannedOverride, diags *diag.Diagnostics) {
	if o == nil || websetID == "" {
		return
	}
	o.mu.Lock()
	if o.byWebset == nil {
		o.byWebset, o.warned = map[string][]plannedOverride{}, map[string]bool{}
	}
	all := append(o.byWebset[websetID], s)
	o.byWebset[websetID] = all
	warn := len(all) > 1 && slices.ContainsFunc(all, func(p plannedOverride) bool { return p.create })
	first := warn && !o.warned[websetID]
	if warn {
		o.warned[websetID] = true
	}
	o.mu.Unlock()

	const advice = "An override search re-evaluates the webset's items against its own criteria and discards those that fail them, so the search that starts last decides what the webset holds; " +
		"when they start in the same apply, that depends on the order Terraform runs them in. Set behavior = \"append\" on all of them but one."
	switch {
	case first:
		names := make([]string, 0, min(len(all), maxNamed))
		for _, p := range all[:min(len(all), maxNamed)] {
			names = append(names, p.label)
		}
		if len(all) > maxNamed {
			names = append(names, fmt.Sprintf("%d more", len(all)-maxNamed))
		}
		diags.AddWarning(warnOverrideSearches,
			fmt.Sprintf("The webset %s would hold more than one search with behavior = \"override\": %s. %s", websetID, strings.Join(names, ", "), advice))
	case warn:
		diags.AddWarning(warnOverrideSearches,
			fmt.Sprintf("The webset %s would hold %d searches with behavior = \"override\", with %s. %s", websetID, len(all), s.label, advice))
	}
}

// warnOverrideSearches is the summary of that warning: one, so that
// Terraform folds repeats.
const warnOverrideSearches = "Searches in one Exa webset would replace each other's items"

// overrideLabel names a search for the warning: by id once it exists, and
// by its query.
func overrideLabel(id, query string) string {
	q := fmt.Sprintf("the search for %q", query)
	if query == "" {
		q = "a search whose query is known after apply"
	}
	if id != "" {
		return fmt.Sprintf("%s (%s)", q, id)
	}
	return q
}

// planOverride records an override search planned into a webset.
func (d *providerData) planOverride(websetID string, s plannedOverride, diags *diag.Diagnostics) {
	if d != nil {
		d.overrides.add(websetID, s, diags)
	}
}
