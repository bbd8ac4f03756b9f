package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/exa-community/terraform-provider-exa/internal/cron"
	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

// What a plan starts that Exa bills, and the cap that refuses too much
// (max_planned_results). Exa bills Websets by the work it does, which
// follows the results asked for: a search's or a monitor run's
// target_count, and one enrichment result per item. The ledger adds those
// up over the plan walk of one provider process.
//
// What counts, and when:
//   - A search, enrichment or monitor counts when it is planned as a create:
//     a new one, or the create half of a replacement. Terraform plans a
//     replacement twice, once against the prior state (which decides that
//     it replaces, and warns) and once with no prior state (which plans the
//     new object); only the second counts, so a replacement counts once and
//     in full.
//   - A monitor counts one run (its target_count) when it is created
//     enabled, or when an update enables it again.
//   - Reads, updates in place, cancels and deletes count nothing.
//
// Order: Terraform plans resources in parallel, in any order, and a
// resource cannot see the rest of the plan. So the total is a function of
// the set of entries alone (an enrichment's results include every search
// planned into its webset, whichever was planned first), and it only grows
// as entries come in. A plan whose final total is within the cap therefore
// passes at every step, and one over the cap fails at the latest on the
// last entry, whose error then shows the whole total: the outcome, and the
// total that the last error shows, are the same at any -parallelism.
//
// The ledger lives in the providerData of one Configure, so in one walk:
// Terraform configures the provider anew for every walk. The apply walk
// plans each change again just before it makes it, from an empty ledger.
// There, once this process has sent a write, the cap no longer refuses: the
// plan walk has checked the whole plan, and from then on a webset's items
// include results that this apply started, which count already as planned.
// (Refusing then would stop an apply half done.) Before that first write,
// the apply walk checks as the plan walk does.
type costLedger struct {
	// limit is max_planned_results; negative means no cap, and 0 refuses
	// any paid work.
	limit int64

	// wrote reports whether this process has sent a write to Exa (the
	// client's count of writes), which only an apply walk does.
	wrote func() bool

	mu      sync.Mutex
	entries []costEntry
}

type costKind int

const (
	costSearch costKind = iota
	costEnrichment
	costMonitor
)

// costEntry is one piece of planned work.
type costEntry struct {
	kind costKind
	// webset is the webset_id as configured, or "" while it is unknown (a
	// webset created in the same plan). An enrichment in an unknown webset
	// counts every search whose webset is unknown too: the provider cannot
	// tell them apart, so it counts high.
	webset string
	label  string
	// results: a search's or a monitor run's target_count; for an
	// enrichment, the items its webset has now (the items of the searches
	// planned into it count with those searches: resultsOf).
	results int64
}

// newCostLedger starts the ledger of a walk; client is nil in unit tests.
func newCostLedger(limit int64, client *exa.Client) *costLedger {
	l := &costLedger{limit: limit, wrote: func() bool { return false }}
	if client != nil {
		l.wrote = func() bool { return client.Writes() > 0 }
	}
	return l
}

// add records an entry and, when the total goes over the cap, adds an error
// at attr. It returns the results the entry stands for as of now (for an
// enrichment: the items its webset holds now, whatever else is planned).
func (l *costLedger) add(e costEntry, attr path.Path, diags *diag.Diagnostics) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, e)
	total := int64(0)
	for _, x := range l.entries {
		total += l.resultsOf(x)
	}
	if l.limit >= 0 && total > l.limit && !l.wrote() {
		diags.AddAttributeError(attr, "This plan asks for more results than max_planned_results allows", l.overCap(total))
	}
	return l.resultsOf(e)
}

// resultsOf is what an entry stands for given the whole ledger; l.mu is held.
//
// An enrichment stands for the items its webset holds now, a figure that
// does not depend on what else the plan holds, so that its warning says the
// same on every plan. The items that the searches planned into its webset
// add are enriched too: each such search counts its target_count once for
// itself and once more for each enrichment planned into its webset. The
// total is the same as if the enrichment counted them, and each line of
// the cap's error is what that entry starts.
func (l *costLedger) resultsOf(e costEntry) int64 {
	if e.kind != costSearch {
		return e.results
	}
	n := e.results
	for _, x := range l.entries {
		if x.kind == costEnrichment && x.webset == e.webset {
			n += e.results
		}
	}
	return n
}

// overCap is the cap error's detail: the total, the cap, what counts most,
// and how to raise the cap. l.mu is held.
func (l *costLedger) overCap(total int64) string {
	type line struct {
		label   string
		results int64
	}
	lines := make([]line, 0, len(l.entries))
	for _, e := range l.entries {
		lines = append(lines, line{e.label, l.resultsOf(e)})
	}
	// Largest first, then by name: the same list whatever order the entries
	// came in.
	slices.SortFunc(lines, func(a, b line) int {
		return cmp.Or(cmp.Compare(b.results, a.results), strings.Compare(a.label, b.label))
	})
	var b strings.Builder
	fmt.Fprintf(&b, "The work planned so far asks Exa for %d results, over max_planned_results = %d. Exa bills by the work it does for the results asked for.\n\nWhat counts, largest first:\n", total, l.limit)
	const shown = 10
	for i, ln := range lines {
		if i == shown {
			fmt.Fprintf(&b, "  - and %d more\n", len(lines)-shown)
			break
		}
		fmt.Fprintf(&b, "  - %s: %d\n", ln.label, ln.results)
	}
	fmt.Fprintf(&b, "\nA search counts its target_count, a monitor one run of its target_count, and an enrichment one result per item its webset holds now; a search counts its target_count once more for each enrichment planned into its webset; replacements count in full. "+
		"If the plan is what you mean, raise max_planned_results in the provider block (or EXA_MAX_PLANNED_RESULTS) to at least %d. Otherwise, lower target_count or count.", total)
	return b.String()
}

// websetItems estimates how many items a webset holds or will hold from the
// searches it has at Exa: a finished search adds what it found, a running
// one its target_count (or what it found, if more). The spec gives no item
// count on a webset, and listing the items would cost a request per page,
// so this reads the webset snapshot that refresh shares.
func websetItems(ctx context.Context, client *exa.Client, websetID string) (int64, error) {
	ws, err := client.WebsetSnapshot(ctx, websetID)
	if err != nil {
		return 0, err
	}
	n := int64(0)
	for _, s := range ws.Searches {
		found := int64(0)
		if s.Progress != nil {
			found = roundInt(s.Progress.Found)
		}
		if !exa.SearchFinished(s.Status) {
			found = max(found, roundInt(s.Count))
		}
		n += found
	}
	return n, nil
}

// The warnings, one summary per kind, so that Terraform folds repeats into
// "and N more similar warnings".
const (
	warnSearchReplaced     = "A new Exa search will start, and Exa bills for its results"
	warnEnrichmentNew      = "A new Exa enrichment bills one result per item"
	warnEnrichmentReplaced = "A new Exa enrichment will start, and Exa bills for its results again"
	warnMonitorRuns        = "An Exa monitor runs, and bills, on its schedule"
	warnWebsetReplaced     = "Replacing an Exa webset deletes its items and starts its searches and enrichments again"
)

// planSearchCost counts a search planned as a create.
func (d *providerData) planSearchCost(websetID, query types.String, target types.Int64, diags *diag.Diagnostics) {
	if d == nil || !tfmodel.IsKnown(target) {
		return
	}
	d.cost.add(costEntry{
		kind:    costSearch,
		webset:  knownString(websetID),
		label:   fmt.Sprintf("exa_webset_search %s in webset %s", quoteShort(query), orUnknown(websetID)),
		results: target.ValueInt64(),
	}, path.Root("target_count"), diags)
}

// planEnrichmentCost counts an enrichment planned as a create, and warns
// what it may fill.
func (d *providerData) planEnrichmentCost(ctx context.Context, plan websetEnrichmentModel, diags *diag.Diagnostics) {
	if d == nil {
		return
	}
	websetID := knownString(plan.WebsetID)
	items, note := int64(0), "a webset that this plan creates has no items yet"
	if websetID != "" {
		var err error
		items, err = websetItems(ctx, d.client, websetID)
		note = fmt.Sprintf("the webset %s has about %d items now", websetID, items)
		if err != nil {
			tflog.Debug(ctx, "could not read the webset to count its items", map[string]any{"webset_id": websetID, "error": err.Error()})
			note = fmt.Sprintf("the items of webset %s could not be read (%s), so none are counted", websetID, err)
		}
	}
	results := d.cost.add(costEntry{
		kind:    costEnrichment,
		webset:  websetID,
		label:   fmt.Sprintf("exa_webset_enrichment %s in webset %s", quoteShort(plan.Description), orUnknown(plan.WebsetID)),
		results: items,
	}, path.Root("description"), diags)
	diags.AddWarning(warnEnrichmentNew,
		fmt.Sprintf("The enrichment %s fills one result for every item of its webset, now and as searches add items: about %d results for the items it holds now (%s). Every item that a search adds later is enriched too, and billed: max_planned_results counts that with each search planned into the webset, once more per enrichment.",
			quoteShort(plan.Description), results, note))
}

// planMonitorRun counts one run of a monitor that this plan creates enabled
// or enables again, and warns what it runs a month.
func (d *providerData) planMonitorRun(ctx context.Context, plan monitorModel, diags *diag.Diagnostics) {
	// What is known of the plan is counted: a criteria list or an entity
	// unknown until apply leaves target_count, which the count needs.
	cadence, _ := tfmodel.As[monitorCadenceModel](plan.Cadence)
	behavior, _ := tfmodel.As[monitorBehaviorModel](plan.Behavior)
	config := behavior.Config
	if config == nil {
		return // the whole search config is unknown until apply
	}
	count := config.TargetCount.ValueInt64()
	if d != nil && tfmodel.IsKnown(config.TargetCount) {
		d.cost.add(costEntry{
			kind:    costMonitor,
			webset:  knownString(plan.WebsetID),
			label:   fmt.Sprintf("exa_monitor (%s) on webset %s, one run", cadence.Cron.ValueString(), orUnknown(plan.WebsetID)),
			results: count,
		}, path.Root("behavior").AtName("config").AtName("target_count"), diags)
	}
	if !tfmodel.IsKnown(cadence.Cron) {
		return
	}
	runs, err := cron.RunsPerMonth(cadence.Cron.ValueString(), time.Now())
	if err != nil {
		return // the attribute's validator reports it
	}
	diags.AddWarning(warnMonitorRuns,
		fmt.Sprintf("The monitor on webset %s runs on %q (%s), about %d times a month, and each run asks for up to %d results: up to %d results a month, each billed, until it is disabled or destroyed. Set enabled = false to pause it.",
			orUnknown(plan.WebsetID), cadence.Cron.ValueString(), cadence.Timezone.ValueString(), runs, count, int64(runs)*count))
}

// knownString is a known string's value, or "" for null or unknown.
func knownString(s types.String) string {
	if !tfmodel.IsKnown(s) {
		return ""
	}
	return s.ValueString()
}

// orUnknown is a known string's value, or "(known after apply)".
func orUnknown(s types.String) string {
	return cmp.Or(knownString(s), "(known after apply)")
}

// orUnknownInt is a known number, or "(known after apply)".
func orUnknownInt(n types.Int64) string {
	if !tfmodel.IsKnown(n) {
		return "(known after apply)"
	}
	return fmt.Sprint(n.ValueInt64())
}

// quoteShort quotes a string for a message, cut to 60 characters.
func quoteShort(s types.String) string {
	v := []rune(knownString(s))
	if len(v) > 60 {
		return fmt.Sprintf("%q…", string(v[:60]))
	}
	return fmt.Sprintf("%q", string(v))
}
