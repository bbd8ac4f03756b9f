package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// This file maps exa_webset_search between Terraform and the API:
// expandSearch builds the create request from the plan, and flattenSearch
// turns Exa's answer into state.

// Attribute types of the nested attributes, as in the schema.
var (
	criterionAttrTypes    = map[string]attr.Type{"description": types.StringType, "success_rate": types.Float64Type}
	sourceAttrTypes       = map[string]attr.Type{"source": types.StringType, "id": types.StringType}
	relationshipAttrTypes = map[string]attr.Type{"definition": types.StringType, "limit": types.Int64Type}
	scopeAttrTypes        = map[string]attr.Type{"source": types.StringType, "id": types.StringType, "relationship": types.ObjectType{AttrTypes: relationshipAttrTypes}}
	progressAttrTypes     = map[string]attr.Type{"found": types.Int64Type, "analyzed": types.Int64Type, "completion": types.Float64Type, "time_left": types.Float64Type}
	boundsAttrTypes       = map[string]attr.Type{"min": types.Int64Type, "max": types.Int64Type}
	expectedAttrTypes     = map[string]attr.Type{"total": types.Int64Type, "confidence": types.StringType, "bounds": types.ObjectType{AttrTypes: boundsAttrTypes}}
	recallResultAttrTypes = map[string]attr.Type{"expected": types.ObjectType{AttrTypes: expectedAttrTypes}, "reasoning": types.StringType}
)

// expandSearch builds the body of the create request. Null and unknown
// optional inputs are left out, so that Exa applies its own choices. It
// reads the nested values directly rather than through reflection: a create
// costs a few allocations, not hundreds.
func expandSearch(m websetSearchModel) *exa.CreateSearchRequest {
	out := &exa.CreateSearchRequest{
		Query:    m.Query.ValueString(),
		Count:    m.TargetCount.ValueInt64(),
		Behavior: m.Behavior.ValueString(),
	}
	if isKnown(m.Entity) {
		out.Entity = &exa.Entity{
			Type:        attrString(m.Entity, "type").ValueString(),
			Description: attrString(m.Entity, "description").ValueStringPointer(),
		}
	}
	if isKnown(m.Criteria) {
		for _, c := range m.Criteria.Elements() {
			out.Criteria = append(out.Criteria, exa.CreateCriterion{Description: attrString(c, "description").ValueString()})
		}
	}
	out.Exclude = expandSources(m.Exclude)
	if isKnown(m.Scope) {
		for _, e := range m.Scope.Elements() {
			sc := exa.Scope{Source: attrString(e, "source").ValueString(), ID: attrString(e, "id").ValueString()}
			if rel, ok := attrOf(e, "relationship").(types.Object); ok && isKnown(rel) {
				limit, _ := attrOf(rel, "limit").(types.Int64)
				sc.Relationship = &exa.Relationship{Definition: attrString(rel, "definition").ValueString(), Limit: float64(limit.ValueInt64())}
			}
			out.Scope = append(out.Scope, sc)
		}
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

// expandSources reads a list of { source, id } objects.
func expandSources(list types.List) []exa.SourceRef {
	if !isKnown(list) {
		return nil
	}
	out := make([]exa.SourceRef, 0, len(list.Elements()))
	for _, e := range list.Elements() {
		out = append(out, exa.SourceRef{Source: attrString(e, "source").ValueString(), ID: attrString(e, "id").ValueString()})
	}
	return out
}

// flattenSearch turns Exa's view of a search into state. prior is the plan
// (at create) or the previous state: it supplies what Exa never echoes
// (recall, wait_for_completion, timeouts) and decides whether an empty list
// or map from Exa is written as null (the config said nothing) or as empty.
//
// The search's nested values are mapped by hand, not through typed models
// and reflection (As, ObjectValueFrom): the mapping runs for every search
// in every refresh, and the benchmarks (BenchmarkDecodeFlattenSearch,
// BenchmarkExpandSearch) showed reflection to cost several times as much
// there. (The monitor maps its nested values with typed models; the other
// resources mostly build them by hand too.)
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

	var d diag.Diagnostics
	m.Entity, d = flattenEntity(s.Entity)
	diags.Append(d...)
	m.Criteria, d = flattenCriteria(s.Criteria)
	diags.Append(d...)
	m.Exclude, d = flattenSources(s.Exclude)
	diags.Append(d...)
	m.Scope, d = flattenScope(s.Scope)
	diags.Append(d...)
	m.Progress, d = flattenProgress(s.Progress)
	diags.Append(d...)
	m.RecallResult, d = flattenRecall(s.Recall)
	diags.Append(d...)
	m.Metadata, d = flattenStringMap(s.Metadata, prior.Metadata)
	diags.Append(d...)
	return m, diags
}

func flattenCriteria(list []exa.Criterion) (types.List, diag.Diagnostics) {
	return objectListOrNull(criterionAttrTypes, list, func(c exa.Criterion, _ *diag.Diagnostics) map[string]attr.Value {
		rate := types.Float64Null()
		if c.SuccessRate != nil {
			rate = types.Float64Value(*c.SuccessRate)
		}
		return map[string]attr.Value{"description": types.StringValue(c.Description), "success_rate": rate}
	})
}

func flattenSources(list []exa.SourceRef) (types.List, diag.Diagnostics) {
	return objectListOrNull(sourceAttrTypes, list, func(s exa.SourceRef, _ *diag.Diagnostics) map[string]attr.Value {
		return map[string]attr.Value{"source": types.StringValue(s.Source), "id": types.StringValue(s.ID)}
	})
}

func flattenScope(list []exa.Scope) (types.List, diag.Diagnostics) {
	return objectListOrNull(scopeAttrTypes, list, func(s exa.Scope, diags *diag.Diagnostics) map[string]attr.Value {
		rel := types.ObjectNull(relationshipAttrTypes)
		if r := s.Relationship; r != nil {
			var d diag.Diagnostics
			rel, d = types.ObjectValue(relationshipAttrTypes, map[string]attr.Value{"definition": types.StringValue(r.Definition), "limit": types.Int64Value(roundInt(r.Limit))})
			diags.Append(d...)
		}
		return map[string]attr.Value{"source": types.StringValue(s.Source), "id": types.StringValue(s.ID), "relationship": rel}
	})
}

func flattenProgress(p *exa.Progress) (types.Object, diag.Diagnostics) {
	if p == nil {
		return types.ObjectNull(progressAttrTypes), nil
	}
	left := types.Float64Null()
	if p.TimeLeft != nil {
		left = types.Float64Value(*p.TimeLeft)
	}
	return types.ObjectValue(progressAttrTypes, map[string]attr.Value{
		"found":      types.Int64Value(roundInt(p.Found)),
		"analyzed":   types.Int64Value(roundInt(p.Analyzed)),
		"completion": types.Float64Value(p.Completion),
		"time_left":  left,
	})
}

func flattenRecall(r *exa.Recall) (types.Object, diag.Diagnostics) {
	if r == nil {
		return types.ObjectNull(recallResultAttrTypes), nil
	}
	var diags diag.Diagnostics
	bounds, d := types.ObjectValue(boundsAttrTypes, map[string]attr.Value{
		"min": types.Int64Value(roundInt(r.Expected.Bounds.Min)),
		"max": types.Int64Value(roundInt(r.Expected.Bounds.Max)),
	})
	diags.Append(d...)
	expected, d := types.ObjectValue(expectedAttrTypes, map[string]attr.Value{
		"total":      types.Int64Value(roundInt(r.Expected.Total)),
		"confidence": types.StringValue(r.Expected.Confidence),
		"bounds":     bounds,
	})
	diags.Append(d...)
	out, d := types.ObjectValue(recallResultAttrTypes, map[string]attr.Value{"expected": expected, "reasoning": types.StringValue(r.Reasoning)})
	diags.Append(d...)
	return out, diags
}
