package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// ModifyPlan decides, in one place, when a change to exa_webset_search
// replaces the search, and keeps the plan of an in-place change free of
// needless "known after apply" values.
//
// Replacement is decided on the configured parts only: a criterion's
// success_rate, or an entity Exa chose, never forces a new search, which a
// RequiresReplace on the whole attribute would do.
func (r *websetSearchResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	if req.State.Raw.IsNull() {
		// A create, or the create half of a replacement: it counts against
		// max_planned_results (cost.go).
		var plan websetSearchModel
		resp.Diagnostics.Append(searchModel.Get(ctx, req.Plan.Raw, &plan)...)
		if !resp.Diagnostics.HasError() {
			r.data.planSearchCost(plan.WebsetID, plan.Query, plan.TargetCount, &resp.Diagnostics)
			if plan.Behavior.ValueString() == behaviorOverride {
				r.data.planOverride(knownString(plan.WebsetID), plannedOverride{label: overrideLabel("", knownString(plan.Query)), create: true}, &resp.Diagnostics)
			}
		}
		return
	}
	// Most plans change nothing: then the plan is the prior state, found
	// without decoding the models (priorStateStands). Every other plan takes
	// the path below.
	if priorStateStands(req.Config.Raw, req.Plan.Raw, req.State.Raw) {
		resp.Plan.Raw = req.State.Raw
		r.data.planExistingOverride(req.State.Raw, &resp.Diagnostics)
		return
	}
	var config, plan, state websetSearchModel
	resp.Diagnostics.Append(searchModel.Get(ctx, req.Config.Raw, &config)...)
	resp.Diagnostics.Append(searchModel.Get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(searchModel.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if replace := searchReplaceReasons(config, plan, state); len(replace) > 0 {
		for _, name := range replace {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root(name))
		}
		switch status := state.Status.ValueString(); {
		case status != exa.SearchCanceled:
			resp.Diagnostics.AddWarning(warnSearchReplaced,
				fmt.Sprintf("The search %s is %s, and it will be replaced because %s changed: Exa cannot change a search, so a new one is started, asking for up to %s results, which Exa bills again.",
					state.ID.ValueString(), status, strings.Join(replace, ", "), orUnknownInt(plan.TargetCount)))
		case !plan.Canceled.ValueBool():
			// Canceled in the dashboard, by an action or by another
			// client, while the configuration says it runs.
			resp.Diagnostics.AddWarning(warnSearchReplaced,
				fmt.Sprintf("The search %s is canceled, and canceled = false here: a canceled search cannot go on, so the apply starts a new one, asking for up to %s results, which Exa bills again. "+
					"If it was stopped on purpose (in the dashboard, or by the exa_webset_cancel or exa_webset_search_cancel action), set canceled = true to keep it stopped.",
					state.ID.ValueString(), orUnknownInt(plan.TargetCount)))
		}
		return
	}

	// An in-place update: the search stays, so carry over what Exa said of
	// it. Only a cancel changes its status and progress.
	r.data.planExistingOverride(req.State.Raw, &resp.Diagnostics)
	plan.ID = state.ID
	plan.CreatedAt = state.CreatedAt
	plan.Entity = state.Entity
	canceling := plan.Canceled.ValueBool() && !state.Canceled.ValueBool() && !exa.SearchFinished(state.Status.ValueString())
	if !canceling {
		plan.Criteria = state.Criteria
		plan.Status = state.Status
		plan.Progress = state.Progress
		plan.RecallResult = state.RecallResult
		plan.CanceledAt = state.CanceledAt
		plan.CanceledReason = state.CanceledReason
		plan.UpdatedAt = state.UpdatedAt
	}
	resp.Diagnostics.Append(searchModel.Set(ctx, &resp.Plan.Raw, plan)...)
}

// searchReplaceReasons lists the attributes whose change needs a new
// search, in schema order.
func searchReplaceReasons(config, plan, state websetSearchModel) []string {
	var out []string
	add := func(name string, changed bool) {
		if changed {
			out = append(out, name)
		}
	}
	add("webset_id", !plan.WebsetID.Equal(state.WebsetID))
	add("query", !plan.Query.Equal(state.Query))
	add("target_count", !plan.TargetCount.Equal(state.TargetCount))
	add("entity", !config.Entity.IsNull() && !plan.Entity.Equal(state.Entity))
	add("criteria", !config.Criteria.IsNull() && !sameCriteria(plan.Criteria, state.Criteria))
	add("exclude", !plan.Exclude.Equal(state.Exclude))
	add("scope", !plan.Scope.Equal(state.Scope))
	// recall is not echoed by Exa: after an import it may be unknown to
	// state, and then setting it in the configuration is no change.
	add("recall", plan.Recall.IsUnknown() || (!state.Recall.IsNull() && plan.Recall.ValueBool() != state.Recall.ValueBool()))
	add("behavior", !plan.Behavior.Equal(state.Behavior))
	add("metadata", !sameStringMap(plan.Metadata, state.Metadata))
	add("max_people_per_company", !plan.MaxPeople.Equal(state.MaxPeople))
	// Un-canceling cannot resume a search: it takes a new one. This also
	// covers a search canceled outside Terraform while the config says
	// false.
	add("canceled", state.Canceled.ValueBool() && !plan.Canceled.ValueBool())
	return out
}

// sameCriteria compares two criteria lists by their descriptions only.
func sameCriteria(a, b types.List) bool {
	if a.IsUnknown() || b.IsUnknown() {
		return false
	}
	ea, eb := a.Elements(), b.Elements()
	if len(ea) != len(eb) {
		return false
	}
	for i := range ea {
		if !attrString(ea[i], "description").Equal(attrString(eb[i], "description")) {
			return false
		}
	}
	return true
}
