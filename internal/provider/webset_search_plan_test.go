package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// Unit tests of ModifyPlan (webset_search_plan.go): what replaces a search,
// and the warning that a replacement costs money. Acceptance tests of the
// same rules are in webset_search_resource_test.go.

func TestSearchReplaceReasons(t *testing.T) {
	base := websetSearchModel{websetSearchData: websetSearchData{
		WebsetID: types.StringValue("w"), Query: types.StringValue("q"), TargetCount: types.Int64Value(1),
		Behavior: types.StringValue("override"), Canceled: types.BoolValue(false), Recall: types.BoolNull(),
		Metadata: types.MapNull(types.StringType),
		Exclude:  types.ListNull(types.ObjectType{AttrTypes: sourceAttrTypes}),
		Scope:    types.ListNull(types.ObjectType{AttrTypes: scopeAttrTypes}),
		Entity:   types.ObjectNull(entityAttrTypes),
		Criteria: types.ListNull(types.ObjectType{AttrTypes: criterionAttrTypes}),
	}}
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

// A plan that replaces a running or completed search warns that a new,
// billed search starts, and names the attribute.
func TestModifyPlan_costWarning(t *testing.T) {
	r := &websetSearchResource{}
	var sr resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &sr)
	for _, c := range []struct {
		status      string
		change      func(*websetSearchModel)
		wantReplace []string
		wantWarning bool
	}{
		{"running", func(m *websetSearchModel) { m.Query = types.StringValue("other") }, []string{"query"}, true},
		{"completed", func(m *websetSearchModel) { m.TargetCount = types.Int64Value(9) }, []string{"target_count"}, true},
		{"canceled", func(m *websetSearchModel) { m.Canceled = types.BoolValue(false) }, []string{"canceled"}, false},
		{"running", func(m *websetSearchModel) { m.WaitForCompletion = types.BoolValue(true) }, nil, false},
	} {
		state := searchModelFixture(t, c.status)
		plan := state
		c.change(&plan)
		req := resource.ModifyPlanRequest{
			Config: tfsdk.Config{Schema: sr.Schema, Raw: toRaw(t, sr.Schema, plan)},
			Plan:   tfsdk.Plan{Schema: sr.Schema, Raw: toRaw(t, sr.Schema, plan)},
			State:  tfsdk.State{Schema: sr.Schema, Raw: toRaw(t, sr.Schema, state)},
		}
		resp := resource.ModifyPlanResponse{Plan: req.Plan}
		r.ModifyPlan(context.Background(), req, &resp)
		var got []string
		for _, p := range resp.RequiresReplace {
			got = append(got, p.String())
		}
		if fmt.Sprint(got) != fmt.Sprint(c.wantReplace) {
			t.Errorf("%s: replace %v, want %v", c.status, got, c.wantReplace)
		}
		warned := false
		for _, d := range resp.Diagnostics.Warnings() {
			if strings.Contains(d.Summary(), "Exa bills") && len(got) > 0 && strings.Contains(d.Detail(), got[0]+" changed") {
				warned = true
			}
		}
		if warned != c.wantWarning {
			t.Errorf("%s %v: warned %v, want %v (%v)", c.status, got, warned, c.wantWarning, resp.Diagnostics)
		}
	}
}

// searchModelFixture is the state of a search with the given status, as
// flattened from Exa's answer.
func searchModelFixture(t testing.TB, status string) websetSearchModel {
	t.Helper()
	return searchFixture(t, fmt.Sprintf(`{"id":"s1","status":%q,"websetId":"w","query":"q","count":3,"behavior":"override",
		"entity":{"type":"company"},"criteria":[{"description":"c","successRate":50}],
		"progress":{"found":1,"analyzed":2,"completion":30,"timeLeft":null},"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}`, status))
}

// searchFixture is the state that Exa's answer raw flattens to, with the
// inputs Exa does not echo at their defaults. The plan tests and the
// benchmarks share it.
func searchFixture(t testing.TB, raw string) websetSearchModel {
	t.Helper()
	var s exa.Search
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	prior := websetSearchModel{
		websetSearchData: websetSearchData{
			WebsetID: types.StringValue("w"), Recall: types.BoolNull(), Metadata: types.MapNull(types.StringType),
			Canceled: types.BoolValue(false),
		},
		WaitForCompletion: types.BoolValue(false),
		Timeouts:          timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType, "delete": types.StringType})},
	}
	m, diags := flattenSearch(&s, prior)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return m
}

func toRaw(t *testing.T, s interface {
	Type() attr.Type
}, m websetSearchModel) tftypes.Value {
	t.Helper()
	var sr resource.SchemaResponse
	(&websetSearchResource{}).Schema(context.Background(), resource.SchemaRequest{}, &sr)
	state := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(s.Type().TerraformType(context.Background()), nil)}
	if diags := state.Set(context.Background(), &m); diags.HasError() {
		t.Fatal(diags)
	}
	return state.Raw
}
