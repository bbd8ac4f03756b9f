package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

// Unit tests of the search's plan (webset_search_plan.go): what replaces a
// search, what an in-place update keeps, and the warning that a replacement
// costs money. They plan through the provider's protocol server, so the
// schema's plan modifiers run as under Terraform. Acceptance tests of the
// same rules are in webset_search_resource_test.go.

// searchConfig is the configuration that plans m: what only Exa computes
// is null, criteria without their success rates, and the entity as Exa
// chose it (null in the configuration).
func searchConfig(m websetSearchModel) websetSearchModel {
	c := m
	c.ID, c.Status, c.CanceledAt, c.CanceledReason = types.StringNull(), types.StringNull(), types.StringNull(), types.StringNull()
	c.CreatedAt, c.UpdatedAt = types.StringNull(), types.StringNull()
	c.Progress = tfmodel.NullObject[progressModel]()
	c.RecallResult = tfmodel.NullObject[recallResultModel]()
	c.Entity = tfmodel.NullObject[entityModel]()
	if criteria, ok := tfmodel.ElementsAs[criterionModel](m.Criteria); ok && criteria != nil {
		for i := range criteria {
			criteria[i].SuccessRate = types.Float64Null()
		}
		c.Criteria = tfmodel.List(criteria)
	}
	return c
}

// planSearch plans the configuration config against the state prior, as
// Terraform does: the proposed new state is the configuration with the
// prior state's computed values. It returns the planned state, the
// attributes that replace the search, and the warnings.
func planSearch(t *testing.T, config, prior websetSearchModel) (websetSearchModel, []string, []string) {
	t.Helper()
	ctx := context.Background()
	server, err := NewProtocol6Server("test")()
	if err != nil {
		t.Fatal(err)
	}
	typ := searchModel.TerraformType()
	encode := func(m websetSearchModel) *tfprotov6.DynamicValue {
		var raw tftypes.Value
		if diags := searchModel.Set(ctx, &raw, m); diags.HasError() {
			t.Fatal(diags)
		}
		dv, err := tfprotov6.NewDynamicValue(typ, raw)
		if err != nil {
			t.Fatal(err)
		}
		return &dv
	}
	proposed := config
	for _, keep := range []struct{ to, from *types.String }{
		{&proposed.ID, &prior.ID}, {&proposed.Status, &prior.Status}, {&proposed.CanceledAt, &prior.CanceledAt},
		{&proposed.CanceledReason, &prior.CanceledReason}, {&proposed.CreatedAt, &prior.CreatedAt}, {&proposed.UpdatedAt, &prior.UpdatedAt},
	} {
		*keep.to = *keep.from
	}
	proposed.Progress, proposed.RecallResult = prior.Progress, prior.RecallResult
	if config.Entity.IsNull() {
		proposed.Entity = prior.Entity
	}
	if criteria, ok := tfmodel.ElementsAs[criterionModel](config.Criteria); ok && criteria != nil {
		priorCriteria, _ := tfmodel.ElementsAs[criterionModel](prior.Criteria)
		for i := range criteria {
			if i < len(priorCriteria) {
				criteria[i].SuccessRate = priorCriteria[i].SuccessRate
			}
		}
		proposed.Criteria = tfmodel.List(criteria)
	} else if config.Criteria.IsNull() {
		proposed.Criteria = prior.Criteria
	}
	resp, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: "exa_webset_search", PriorState: encode(prior), ProposedNewState: encode(proposed), Config: encode(config),
	})
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("plan: %s: %s", d.Summary, d.Detail)
		}
		warnings = append(warnings, d.Summary+": "+d.Detail)
	}
	var replace []string
	for _, p := range resp.RequiresReplace {
		replace = append(replace, p.String())
	}
	raw, err := resp.PlannedState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var planned websetSearchModel
	if diags := searchModel.Get(ctx, raw, &planned); diags.HasError() {
		t.Fatal(diags)
	}
	return planned, replace, warnings
}

// TestSearchPlan_whatReplacesASearch: each input that Exa cannot change
// replaces the search, on its configured parts only, with one warning per
// attribute that says what a new search bills.
func TestSearchPlan_whatReplacesASearch(t *testing.T) {
	for _, c := range []struct {
		name    string
		status  string
		change  func(config, state *websetSearchModel)
		replace string
		warning string
	}{
		{"nothing", "running", func(_, _ *websetSearchModel) {}, "", ""},
		{"query and count", "running", func(c, _ *websetSearchModel) {
			c.Query, c.TargetCount = types.StringValue("other"), types.Int64Value(9)
		}, "AttributeName(\"query\") AttributeName(\"target_count\")", "will be replaced because query changed"},
		{"un-cancel", "canceled", func(c, _ *websetSearchModel) { c.Canceled = types.BoolValue(false) },
			"AttributeName(\"canceled\")", "set canceled = true to keep it stopped"},
		{"cancel", "running", func(c, _ *websetSearchModel) { c.Canceled = types.BoolValue(true) }, "", ""},
		{"recall after import", "completed", func(c, _ *websetSearchModel) { c.Recall = types.BoolValue(true) }, "", ""},
		{"dropping recall", "completed", func(_, s *websetSearchModel) { s.Recall = types.BoolValue(true) },
			"AttributeName(\"recall\")", "because recall changed"},
		{"{} and null metadata", "completed", func(c, _ *websetSearchModel) {
			c.Metadata = types.MapValueMust(types.StringType, nil)
		}, "", ""},
		{"a criterion", "completed", func(c, _ *websetSearchModel) {
			c.Criteria = tfmodel.List([]criterionModel{{Description: types.StringValue("other"), SuccessRate: types.Float64Null()}})
		}, "AttributeName(\"criteria\")", "because criteria changed"},
		{"the same criterion", "completed", func(c, _ *websetSearchModel) {
			c.Criteria = tfmodel.List([]criterionModel{{Description: types.StringValue("c"), SuccessRate: types.Float64Null()}})
		}, "", ""},
		{"a configured entity", "completed", func(c, _ *websetSearchModel) {
			c.Entity = tfmodel.Object(entityModel{Type: types.StringValue("person"), Description: types.StringNull()})
		}, "AttributeName(\"entity\")", "because entity changed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			state := searchModelFixture(t, c.status)
			config := searchConfig(state)
			c.change(&config, &state)
			_, replace, warnings := planSearch(t, config, state)
			if got := strings.Join(replace, " "); got != c.replace {
				t.Errorf("replaced by %q, want %q", got, c.replace)
			}
			joined := strings.Join(warnings, "\n")
			if (c.warning == "") != (len(warnings) == 0) || !strings.Contains(joined, c.warning) {
				t.Errorf("warnings %q, want one with %q", joined, c.warning)
			}
			if c.warning != "" && !strings.Contains(joined, "Exa bills") {
				t.Errorf("the warning does not say what a new search bills: %q", joined)
			}
		})
	}
}

// TestSearchPlan_anInPlaceUpdateKeepsWhatExaSaid: a change that keeps the
// search plans Exa's values as they are, not as "known after apply"; a
// cancel of a running search plans its status, progress and times as
// unknown, and keeps its ID.
func TestSearchPlan_anInPlaceUpdateKeepsWhatExaSaid(t *testing.T) {
	state := searchModelFixture(t, "running")
	config := searchConfig(state)
	config.WaitForCompletion = types.BoolValue(true)
	planned, replace, _ := planSearch(t, config, state)
	if len(replace) != 0 {
		t.Fatalf("replaced by %v", replace)
	}
	for name, same := range map[string]bool{
		"id": planned.ID.Equal(state.ID), "status": planned.Status.Equal(state.Status), "progress": planned.Progress.Equal(state.Progress),
		"criteria": planned.Criteria.Equal(state.Criteria), "entity": planned.Entity.Equal(state.Entity),
		"updated_at": planned.UpdatedAt.Equal(state.UpdatedAt), "created_at": planned.CreatedAt.Equal(state.CreatedAt),
		// null in state, and null it stays
		"canceled_at": planned.CanceledAt.Equal(state.CanceledAt), "recall_result": planned.RecallResult.Equal(state.RecallResult),
	} {
		if !same {
			t.Errorf("wait_for_completion changed %s", name)
		}
	}

	config = searchConfig(state)
	config.Canceled = types.BoolValue(true)
	planned, _, _ = planSearch(t, config, state)
	if !planned.ID.Equal(state.ID) || !planned.Status.IsUnknown() || !planned.Progress.IsUnknown() || !planned.UpdatedAt.IsUnknown() {
		t.Errorf("a cancel plans id %s (want %s), and status %s, progress %s, updated_at %s (want unknown)",
			planned.ID, state.ID, planned.Status, planned.Progress, planned.UpdatedAt)
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
