package provider

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
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
