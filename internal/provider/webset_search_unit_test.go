package provider

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

func TestParseSearchImportID(t *testing.T) {
	for in, want := range map[string][2]string{
		"webset_1/search_2":   {"webset_1", "search_2"},
		"team/webset/search3": {"team/webset", "search3"}, // split on the last slash
	} {
		w, s, err := parseChildImportID(in, "search_id")
		if err != nil || w != want[0] || s != want[1] {
			t.Errorf("%q: %q %q %v", in, w, s, err)
		}
	}
	for _, bad := range []string{"", "nosl", "/s", "w/", " w/s", "w/s "} {
		if _, _, err := parseChildImportID(bad, "search_id"); err == nil || !strings.Contains(err.Error(), "<webset_id>/<search_id>") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestPollingUsesTimeLeft(t *testing.T) {
	p := defaultPolling()
	left := func(s float64) *exa.Progress { return &exa.Progress{TimeLeft: &s} }
	for _, c := range []struct {
		progress *exa.Progress
		prev     time.Duration
		want     time.Duration
	}{
		{left(60), 0, 30 * time.Second},          // half the time left
		{left(1), 0, 2 * time.Second},            // never below 2 s
		{left(3600), 0, 60 * time.Second},        // never above 60 s
		{nil, 0, 2 * time.Second},                // unknown: start at the minimum
		{nil, 8 * time.Second, 16 * time.Second}, // then double
		{&exa.Progress{}, 40 * time.Second, 60 * time.Second},
	} {
		if got := p.next(c.progress, c.prev); got != c.want {
			t.Errorf("next(%+v, %s) = %s, want %s", c.progress, c.prev, got, c.want)
		}
	}
}

func TestFlattenSearchIsTolerant(t *testing.T) {
	// Unknown enums, missing fields, nulls for objects and 10.0 for 10.
	raw := `{"id":"s1","status":"paused_for_review","websetId":"w1","query":"q","count":10.0,
		"entity":{"type":"galaxy"},"criteria":null,"progress":null,"recall":null,"metadata":null,
		"exclude":null,"scope":[{"source":"import","id":"i","relationship":{"definition":"d","limit":3.0}}]}`
	var s exa.Search
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	prior := websetSearchModel{Canceled: types.BoolValue(false)}
	m, diags := flattenSearch(&s, prior)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if m.TargetCount.ValueInt64() != 10 || m.Status.ValueString() != "paused_for_review" || !m.Criteria.IsNull() || !m.Progress.IsNull() || !m.Metadata.IsNull() {
		t.Errorf("flattened %+v", m)
	}
	if m.Behavior.ValueString() != "override" || m.WaitForCompletion.ValueBool() || m.Canceled.ValueBool() {
		t.Errorf("defaults: %+v", m)
	}
	// An unknown status is still running: destroy would cancel it.
	if exa.SearchFinished(m.Status.ValueString()) {
		t.Error("an unknown status must count as running")
	}
}

func TestSearchReplaceReasons(t *testing.T) {
	base := websetSearchModel{
		WebsetID: types.StringValue("w"), Query: types.StringValue("q"), TargetCount: types.Int64Value(1),
		Behavior: types.StringValue("override"), Canceled: types.BoolValue(false), Recall: types.BoolNull(),
		Metadata: types.MapNull(types.StringType),
		Exclude:  types.ListNull(types.ObjectType{AttrTypes: sourceAttrTypes}),
		Scope:    types.ListNull(types.ObjectType{AttrTypes: scopeAttrTypes}),
		Entity:   types.ObjectNull(entityAttrTypes),
		Criteria: types.ListNull(types.ObjectType{AttrTypes: criterionAttrTypes}),
	}
	if got := searchReplaceReasons(base, base, base); len(got) != 0 {
		t.Errorf("no change: %v", got)
	}
	changed := base
	changed.Query = types.StringValue("other")
	changed.TargetCount = types.Int64Value(2)
	if got := strings.Join(searchReplaceReasons(changed, changed, base), ","); got != "query,target_count" {
		t.Errorf("got %q", got)
	}
	canceled := base
	canceled.Canceled = types.BoolValue(true)
	if got := strings.Join(searchReplaceReasons(base, base, canceled), ","); got != "canceled" {
		t.Errorf("un-cancel: %q", got)
	}
	if got := searchReplaceReasons(canceled, canceled, base); len(got) != 0 {
		t.Errorf("cancel is in place: %v", got)
	}
	// After an import, recall is unknown to state: setting it is no change.
	withRecall := base
	withRecall.Recall = types.BoolValue(true)
	if got := searchReplaceReasons(withRecall, withRecall, base); len(got) != 0 {
		t.Errorf("recall after import: %v", got)
	}
	if got := searchReplaceReasons(base, base, withRecall); len(got) != 1 {
		t.Errorf("dropping recall: %v", got)
	}
	empty := base
	empty.Metadata = types.MapValueMust(types.StringType, nil)
	if got := searchReplaceReasons(empty, empty, base); len(got) != 0 {
		t.Errorf("{} and null metadata are the same: %v", got)
	}
}
