package provider

import (
	"encoding/json"
	"testing"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// benchSearchJSON is a full search: 5 criteria, scope, exclude and recall.
const benchSearchJSON = `{"id":"webset_search_01jxyz","object":"webset_search","status":"completed","websetId":"webset_01jabc",
"query":"Seed-stage robotics startups in Europe that raised a round in the last 12 months",
"entity":{"type":"custom","description":"robotics startups"},
"criteria":[{"description":"raised a seed round in the last 12 months","successRate":91.5},{"description":"headquartered in Europe","successRate":88},
{"description":"builds physical robots","successRate":74.25},{"description":"fewer than 50 employees","successRate":66},{"description":"has a public website","successRate":100}],
"count":50,"behavior":"append","exclude":[{"source":"webset","id":"webset_01old"}],
"scope":[{"source":"import","id":"import_crm","relationship":{"definition":"investors of","limit":3}}],
"progress":{"found":50,"analyzed":212,"completion":100,"timeLeft":0},
"recall":{"expected":{"total":340,"confidence":"medium","bounds":{"min":210,"max":520}},"reasoning":"Estimated from the share of analyzed candidates that matched."},
"metadata":{"team":"growth","campaign":"q3"},"canceledAt":null,"canceledReason":null,
"createdAt":"2026-11-01T10:00:00.000Z","updatedAt":"2026-11-01T10:12:00.000Z"}`

// BenchmarkDecodeFlattenSearch is the work of one refresh: decode Exa's
// answer and turn it into state.
func BenchmarkDecodeFlattenSearch(b *testing.B) {
	data := []byte(benchSearchJSON)
	prior := searchModelFixtureB(b)
	b.ReportAllocs()
	for b.Loop() {
		var s exa.Search
		if err := json.Unmarshal(data, &s); err != nil {
			b.Fatal(err)
		}
		if _, diags := flattenSearch(&s, prior); diags.HasError() {
			b.Fatal(diags)
		}
	}
}

// BenchmarkExpandSearch is the work of one create: the request body from
// the plan, encoded.
func BenchmarkExpandSearch(b *testing.B) {
	plan := searchModelFixtureB(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(expandSearch(plan)); err != nil {
			b.Fatal(err)
		}
	}
}

func searchModelFixtureB(b *testing.B) websetSearchModel {
	var s exa.Search
	if err := json.Unmarshal([]byte(benchSearchJSON), &s); err != nil {
		b.Fatal(err)
	}
	m, diags := flattenSearch(&s, websetSearchModel{})
	if diags.HasError() {
		b.Fatal(diags)
	}
	return m
}
