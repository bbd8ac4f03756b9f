package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

// This file maps exa_webset_search between Terraform and the API:
// expandSearch builds the create request from the plan, and flattenSearch
// turns Exa's answer into state.

// Typed models of the search's nested attributes; their attribute types
// are derived from them (tfmodel.ObjectType). entityModel and sourceModel,
// which other resources share, are in attributes.go.
type (
	criterionModel struct {
		Description types.String  `tfsdk:"description"`
		SuccessRate types.Float64 `tfsdk:"success_rate"`
	}
	scopeModel struct {
		Source       types.String       `tfsdk:"source"`
		ID           types.String       `tfsdk:"id"`
		Relationship *relationshipModel `tfsdk:"relationship"`
	}
	relationshipModel struct {
		Definition types.String `tfsdk:"definition"`
		Limit      types.Int64  `tfsdk:"limit"`
	}
	progressModel struct {
		Found      types.Int64   `tfsdk:"found"`
		Analyzed   types.Int64   `tfsdk:"analyzed"`
		Completion types.Float64 `tfsdk:"completion"`
		TimeLeft   types.Float64 `tfsdk:"time_left"`
	}
	recallResultModel struct {
		Expected  *expectedModel `tfsdk:"expected"`
		Reasoning types.String   `tfsdk:"reasoning"`
	}
	expectedModel struct {
		Total      types.Int64  `tfsdk:"total"`
		Confidence types.String `tfsdk:"confidence"`
		Bounds     *boundsModel `tfsdk:"bounds"`
	}
	boundsModel struct {
		Min types.Int64 `tfsdk:"min"`
		Max types.Int64 `tfsdk:"max"`
	}
)

// expandSearch builds the body of the create request. Null and unknown
// optional inputs are left out, so that Exa applies its own choices.
func expandSearch(m websetSearchModel) *exa.CreateSearchRequest {
	out := &exa.CreateSearchRequest{
		Query:    m.Query.ValueString(),
		Count:    m.TargetCount.ValueInt64(),
		Behavior: m.Behavior.ValueString(),
		Entity:   expandEntity(m.Entity),
		Exclude:  expandSources(m.Exclude),
	}
	criteria, _ := tfmodel.ElementsAs[criterionModel](m.Criteria)
	for _, c := range criteria {
		out.Criteria = append(out.Criteria, exa.CreateCriterion{Description: c.Description.ValueString()})
	}
	scope, _ := tfmodel.ElementsAs[scopeModel](m.Scope)
	for _, e := range scope {
		sc := exa.Scope{Source: e.Source.ValueString(), ID: e.ID.ValueString()}
		if rel := e.Relationship; rel != nil {
			sc.Relationship = &exa.Relationship{Definition: rel.Definition.ValueString(), Limit: float64(rel.Limit.ValueInt64())}
		}
		out.Scope = append(out.Scope, sc)
	}
	if isKnown(m.Recall) {
		out.Recall = m.Recall.ValueBoolPointer()
	}
	out.Metadata = expandStringMap(m.Metadata)
	if isKnown(m.MaxPeople) {
		out.MaxPeoplePerCompany = m.MaxPeople.ValueInt64Pointer()
	}
	return out
}

// flattenSearch turns Exa's view of a search into state. prior is the plan
// (at create) or the previous state: it supplies what Exa never echoes
// (recall, wait_for_completion, timeouts) and decides whether an empty list
// or map from Exa is written as null (the config said nothing) or as empty.
//
// Nested values go through typed models and tfmodel, as in every resource.
func flattenSearch(s *exa.Search, prior websetSearchModel) (websetSearchModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := prior
	m.ID = types.StringValue(s.ID)
	if !isKnown(prior.WebsetID) {
		m.WebsetID = types.StringValue(s.WebsetID)
	}
	m.Query = types.StringValue(s.Query)
	m.TargetCount = types.Int64Value(roundInt(s.Count))
	if s.Behavior != "" {
		m.Behavior = types.StringValue(s.Behavior)
	} else if !isKnown(prior.Behavior) {
		m.Behavior = types.StringValue(defaultSearchBehavior)
	}
	m.Status = types.StringValue(s.Status)
	m.CreatedAt = stringOrNull(&s.CreatedAt)
	m.UpdatedAt = stringOrNull(&s.UpdatedAt)
	m.CanceledAt = stringOrNull(s.CanceledAt)
	m.CanceledReason = stringOrNull(s.CanceledReason)
	// Exa echoes the cap, or null for none. A server older than the field
	// answers without it: then what the configuration said is kept, since
	// the spec snapshot is silent on it.
	if s.MaxPeoplePerCompany != nil {
		m.MaxPeople = types.Int64Value(roundInt(*s.MaxPeoplePerCompany))
	} else if !isKnown(prior.MaxPeople) {
		m.MaxPeople = types.Int64Null()
	}

	// canceled mirrors Exa. A completed search that was asked to cancel
	// keeps true: there was nothing left to stop, and flipping back would
	// show a diff that no apply can settle.
	m.Canceled = types.BoolValue(s.Status == exa.SearchCanceled ||
		(s.Status == exa.SearchCompleted && prior.Canceled.ValueBool()))
	if !isKnown(prior.WaitForCompletion) {
		m.WaitForCompletion = types.BoolValue(false)
	}
	// recall is never echoed. After an import there is no prior value: a
	// recall estimate in the answer shows it was asked for.
	if !isKnown(prior.Recall) && s.Recall != nil {
		m.Recall = types.BoolValue(true)
	}

	m.Entity = flattenEntity(s.Entity)
	m.Criteria = flattenCriteria(s.Criteria)
	m.Exclude = flattenSources(s.Exclude)
	m.Scope = flattenScope(s.Scope)
	m.Progress = tfmodel.ObjectOrNull(flattenProgress(s.Progress))
	m.RecallResult = tfmodel.ObjectOrNull(flattenRecall(s.Recall))
	m.Metadata = flattenStringMap(s.Metadata, prior.Metadata)
	return m, diags
}

func flattenCriteria(list []exa.Criterion) types.List {
	out := make([]criterionModel, len(list))
	for i, c := range list {
		out[i] = criterionModel{Description: types.StringValue(c.Description), SuccessRate: types.Float64PointerValue(c.SuccessRate)}
	}
	return tfmodel.ListOrNull(out)
}

func flattenScope(list []exa.Scope) types.List {
	out := make([]scopeModel, len(list))
	for i, s := range list {
		out[i] = scopeModel{Source: types.StringValue(s.Source), ID: types.StringValue(s.ID)}
		if r := s.Relationship; r != nil {
			out[i].Relationship = &relationshipModel{Definition: types.StringValue(r.Definition), Limit: types.Int64Value(roundInt(r.Limit))}
		}
	}
	return tfmodel.ListOrNull(out)
}

// flattenProgress is a search's progress, for the resource and the
// webset data source's searches; nil for none.
func flattenProgress(p *exa.Progress) *progressModel {
	if p == nil {
		return nil
	}
	return &progressModel{
		Found:      types.Int64Value(roundInt(p.Found)),
		Analyzed:   types.Int64Value(roundInt(p.Analyzed)),
		Completion: types.Float64Value(p.Completion),
		TimeLeft:   types.Float64PointerValue(p.TimeLeft),
	}
}

func flattenRecall(r *exa.Recall) *recallResultModel {
	if r == nil {
		return nil
	}
	return &recallResultModel{
		Expected: &expectedModel{
			Total:      types.Int64Value(roundInt(r.Expected.Total)),
			Confidence: types.StringValue(r.Expected.Confidence),
			Bounds:     &boundsModel{Min: types.Int64Value(roundInt(r.Expected.Bounds.Min)), Max: types.Int64Value(roundInt(r.Expected.Bounds.Max))},
		},
		Reasoning: types.StringValue(r.Reasoning),
	}
}
