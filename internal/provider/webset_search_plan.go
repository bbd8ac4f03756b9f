package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/planmodifiers"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

// The plan rules of exa_webset_search. Its schema (webset_search_resource.go)
// names, on each attribute, what replaces the search and what an in-place
// update keeps; the rules are here, with the warning a replacement brings.
// ModifyPlan keeps only what concerns the plan as a whole: the cost ledger
// and the override warning.
//
// Replacement is decided on the configured parts only: a criterion's
// success_rate, or an entity Exa chose, never forces a new search, which a
// RequiresReplace on the whole attribute would do.

// searchReplaces is the plan modifier of an input whose change, as rule
// sees it, takes a new search.
func searchReplaces(name string, rule planmodifiers.Rule) planmodifiers.Modifier {
	return planmodifiers.Replace("Changing it replaces the search: Exa cannot change a search.", rule, searchReplaced(name))
}

// searchKeeps is the plan modifier of a value that Exa computes, which an
// in-place update keeps: only a cancel changes it.
func searchKeeps() planmodifiers.Modifier {
	return planmodifiers.KeepState("An in-place update keeps it, unless it cancels a running search.", planmodifiers.UnknownUnless(cancelsRunningSearch))
}

// cancelsRunningSearch: the plan sets canceled on a search still going,
// whose status, progress and times the cancel changes.
func cancelsRunningSearch(ctx context.Context, req planmodifiers.Request) bool {
	var plan, state websetSearchModel
	if searchModel.Get(ctx, req.Plan.Raw, &plan).HasError() || searchModel.Get(ctx, req.State.Raw, &state).HasError() {
		return true // in doubt, show the value as unknown
	}
	return plan.Canceled.ValueBool() && !state.Canceled.ValueBool() && !exa.SearchFinished(state.Status.ValueString())
}

// entityChanged: an entity that the configuration sets and that differs.
// With none set, Exa picks one, and that choice is no change.
func entityChanged(_ context.Context, req planmodifiers.Request) bool {
	return !req.ConfigValue.IsNull() && !req.PlanValue.Equal(req.StateValue)
}

// criteriaChanged: configured criteria whose descriptions differ from the
// state's. Success rates are Exa's and never replace.
func criteriaChanged(_ context.Context, req planmodifiers.Request) bool {
	plan, _ := req.PlanValue.(types.List)
	state, _ := req.StateValue.(types.List)
	return !req.ConfigValue.IsNull() && !sameCriteria(plan, state)
}

// criteriaKept: an in-place update keeps the state's criteria, with Exa's
// success rates, unless it cancels a running search.
func criteriaKept(ctx context.Context, req planmodifiers.Request) bool {
	return !criteriaChanged(ctx, req) && !cancelsRunningSearch(ctx, req)
}

// recallChanged: recall is not echoed by Exa, so after an import state
// holds null, and then setting it in the configuration is no change.
func recallChanged(_ context.Context, req planmodifiers.Request) bool {
	plan, _ := req.PlanValue.(types.Bool)
	state, _ := req.StateValue.(types.Bool)
	return plan.IsUnknown() || (!state.IsNull() && plan.ValueBool() != state.ValueBool())
}

// metadataChanged: {} and null are the same metadata.
func metadataChanged(_ context.Context, req planmodifiers.Request) bool {
	plan, _ := req.PlanValue.(types.Map)
	state, _ := req.StateValue.(types.Map)
	return !sameStringMap(plan, state)
}

// searchReplaced warns, when name's change replaces the search, that a new
// search is billed; for a search canceled outside Terraform while the
// configuration says canceled = false, it says how to keep it stopped.
func searchReplaced(name string) planmodifiers.Explain {
	return func(ctx context.Context, req planmodifiers.Request, diags *diag.Diagnostics) {
		var plan, state websetSearchModel
		diags.Append(searchModel.Get(ctx, req.Plan.Raw, &plan)...)
		diags.Append(searchModel.Get(ctx, req.State.Raw, &state)...)
		if diags.HasError() {
			return
		}
		switch status := state.Status.ValueString(); {
		case status != exa.SearchCanceled:
			diags.AddWarning(warnSearchReplaced,
				fmt.Sprintf("The search %s is %s, and it will be replaced because %s changed: Exa cannot change a search, so a new one is started, asking for up to %s results, which Exa bills again.",
					state.ID.ValueString(), status, name, orUnknownInt(plan.TargetCount)))
		case !plan.Canceled.ValueBool():
			// Canceled in the dashboard, by an action or by another
			// client, while the configuration says it runs.
			diags.AddWarning(warnSearchReplaced,
				fmt.Sprintf("The search %s is canceled, and canceled = false here: a canceled search cannot go on, so the apply starts a new one, asking for up to %s results, which Exa bills again. "+
					"If it was stopped on purpose (in the dashboard, or by the exa_webset_cancel or exa_webset_search_cancel action), set canceled = true to keep it stopped.",
					state.ID.ValueString(), orUnknownInt(plan.TargetCount)))
		}
	}
}

// ModifyPlan counts a new search against max_planned_results (cost.go),
// and records every override search of the plan for the warning of
// override_searches.go: a new one, or one that stays.
func (r *websetSearchResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	if req.State.Raw.IsNull() {
		// A create, or the create half of a replacement.
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
	// A search that is replaced is recorded by its create half.
	if r.data == nil || planmodifiers.Replacing(ctx, req.Private) {
		return
	}
	var state websetSearchModel
	resp.Diagnostics.Append(searchModel.Get(ctx, req.State.Raw, &state)...)
	if !resp.Diagnostics.HasError() && state.Behavior.ValueString() == behaviorOverride {
		r.data.planOverride(state.WebsetID.ValueString(), plannedOverride{label: overrideLabel(state.ID.ValueString(), state.Query.ValueString())}, &resp.Diagnostics)
	}
}

// sameCriteria compares two criteria lists by their descriptions only.
// An unknown list or element is not the same.
func sameCriteria(a, b types.List) bool {
	ca, okA := tfmodel.ElementsAs[criterionModel](a)
	cb, okB := tfmodel.ElementsAs[criterionModel](b)
	if !okA || !okB || len(ca) != len(cb) {
		return false
	}
	for i := range ca {
		if !ca[i].Description.Equal(cb[i].Description) {
			return false
		}
	}
	return true
}
