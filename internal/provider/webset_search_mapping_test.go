package provider

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

func TestFlattenSearchIsTolerant(t *testing.T) {
	// Unknown enums, missing fields, nulls for objects and 10.0 for 10.
	raw := `{"id":"s1","status":"paused_for_review","websetId":"w1","query":"q","count":10.0,
		"entity":{"type":"galaxy"},"criteria":null,"progress":null,"recall":null,"metadata":null,
		"exclude":null,"scope":[{"source":"import","id":"i","relationship":{"definition":"d","limit":3.0}}]}`
	var s exa.Search
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	prior := websetSearchModel{websetSearchData: websetSearchData{Canceled: types.BoolValue(false)}}
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

// TestExpandSearch_sendsEveryInput fills every input of a search, nested
// ones included, and checks the exact create body: a nested field that
// expandSearch misses drops from the body, which this test then shows.
func TestExpandSearch_sendsEveryInput(t *testing.T) {
	plan := searchFixture(t, benchSearchJSON)
	plan.Recall = types.BoolValue(true)
	plan.MaxPeople = types.Int64Value(2)
	got, err := json.Marshal(expandSearch(plan))
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"query":"Seed-stage robotics startups in Europe that raised a round in the last 12 months",
"count":50,"behavior":"append","entity":{"type":"custom","description":"robotics startups"},
"criteria":[{"description":"raised a seed round in the last 12 months"},{"description":"headquartered in Europe"},
{"description":"builds physical robots"},{"description":"fewer than 50 employees"},{"description":"has a public website"}],
"exclude":[{"source":"webset","id":"webset_01old"}],
"scope":[{"source":"import","id":"import_crm","relationship":{"definition":"investors of","limit":3}}],
"recall":true,"metadata":{"campaign":"q3","team":"growth"},"maxPeoplePerCompany":2}`
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("create body:\n got %s\nwant %s", got, want)
	}
}

// TestSameCriteria_comparesDescriptions: criteria are the same search when
// their descriptions are, whatever success rates Exa reports.
func TestSameCriteria_comparesDescriptions(t *testing.T) {
	list := func(rate float64, descs ...string) types.List {
		elems := make([]criterionModel, len(descs))
		for i, d := range descs {
			elems[i] = criterionModel{Description: types.StringValue(d), SuccessRate: types.Float64Value(rate)}
		}
		return tfmodel.List(elems)
	}
	for _, c := range []struct {
		a, b types.List
		same bool
	}{
		{list(10, "a", "b"), list(90, "a", "b"), true},
		{list(10, "a", "b"), list(10, "a", "c"), false},
		{list(10, "a", "b"), list(10, "a"), false},
		{list(10, "a"), types.ListUnknown(tfmodel.ObjectType[criterionModel]()), false},
		{list(10, "a"), tfmodel.List([]criterionModel{{Description: types.StringUnknown()}}), false},
	} {
		if got := sameCriteria(c.a, c.b); got != c.same {
			t.Errorf("sameCriteria(%v, %v) = %v, want %v", c.a, c.b, got, c.same)
		}
	}
}
