package provider

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
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
	prior := searchFixture(b, benchSearchJSON)
	b.ReportAllocs()
	for b.Loop() {
		var s exa.Search
		if err := json.Unmarshal(data, &s); err != nil {
			b.Fatal(err)
		}
		_ = flattenSearch(&s, prior)
	}
}

// BenchmarkExpandSearch is the work of one create: the request body from
// the plan, encoded.
func BenchmarkExpandSearch(b *testing.B) {
	plan := searchFixture(b, benchSearchJSON)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(expandSearch(plan)); err != nil {
			b.Fatal(err)
		}
	}
}

// searchBench is a protocol server configured against a mock, and the
// configuration of one search in a webset of that mock: what the search
// benchmarks share.
type searchBench struct {
	srv           tfprotov6.ProviderServer
	config, empty *tfprotov6.DynamicValue
}

const benchType = "exa_webset_search"

func newSearchBench(b *testing.B) *searchBench {
	m := examock.New(examock.Options{APIKey: testAPIKey})
	ts := m.Start()
	b.Cleanup(ts.Close)
	ws := m.CreateWebset("")
	srv, schemas := configuredServer(b, ts.URL)
	rType := schemas.ResourceSchemas[benchType].ValueType()
	return &searchBench{
		srv: srv,
		config: dynamic(b, rType, objectValue(rType, map[string]tftypes.Value{
			"webset_id":    tftypes.NewValue(tftypes.String, ws),
			"query":        tftypes.NewValue(tftypes.String, "Seed-stage robotics startups in Europe"),
			"target_count": tftypes.NewValue(tftypes.Number, 10),
			// append: every iteration adds a search to the one webset, and
			// two override searches in a webset warn (override_searches.go).
			"behavior": tftypes.NewValue(tftypes.String, "append"),
		})),
		empty: dynamic(b, rType, tftypes.NewValue(rType, nil)),
	}
}

// create plans and applies the search, as Terraform does for a new one,
// and returns its state.
func (sb *searchBench) create(ctx context.Context, b *testing.B) *tfprotov6.DynamicValue {
	plan, err := sb.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: benchType, PriorState: sb.empty, ProposedNewState: sb.config, Config: sb.config})
	if err != nil || len(plan.Diagnostics) > 0 {
		b.Fatalf("plan: %v %v", err, plan.Diagnostics)
	}
	applied, err := sb.srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: benchType, PriorState: sb.empty, PlannedState: plan.PlannedState, Config: sb.config})
	if err != nil || len(applied.Diagnostics) > 0 {
		b.Fatalf("apply: %v %v", err, applied.Diagnostics)
	}
	return applied.NewState
}

// BenchmarkRefreshAndPlanSearch is what a plan costs the provider for one
// unchanged, running search: its Read (served from the webset's snapshot,
// as in a real plan) and its PlanResourceChange, through the protocol
// server as Terraform calls them.
func BenchmarkRefreshAndPlanSearch(b *testing.B) {
	sb := newSearchBench(b)
	ctx := context.Background()
	state := sb.create(ctx, b)
	b.ReportAllocs()
	for b.Loop() {
		read, err := sb.srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: benchType, CurrentState: state})
		if err != nil || len(read.Diagnostics) > 0 {
			b.Fatalf("read: %v %v", err, read.Diagnostics)
		}
		// Terraform proposes the prior state where the config is silent.
		p, err := sb.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: benchType, PriorState: read.NewState, ProposedNewState: read.NewState, Config: sb.config})
		if err != nil || len(p.Diagnostics) > 0 {
			b.Fatalf("plan: %v %v", err, p.Diagnostics)
		}
	}
}

// BenchmarkPlanAndCreateSearch is what an apply costs the provider for one
// new search: its PlanResourceChange and its ApplyResourceChange (one POST
// to the in-process mock, whose work is counted too), through the protocol
// server as Terraform calls them.
func BenchmarkPlanAndCreateSearch(b *testing.B) {
	sb := newSearchBench(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		sb.create(ctx, b)
	}
}

// BenchmarkDestroySearch is what a destroy costs the provider for one
// running search once it is refreshed: its PlanResourceChange to null and
// its ApplyResourceChange (one cancel to the in-process mock, whose work is
// counted too), through the protocol server as Terraform calls them.
func BenchmarkDestroySearch(b *testing.B) {
	sb := newSearchBench(b)
	ctx := context.Background()
	state := sb.create(ctx, b)
	b.ReportAllocs()
	for b.Loop() {
		p, err := sb.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: benchType, PriorState: state, ProposedNewState: sb.empty, Config: sb.empty})
		if err != nil || len(p.Diagnostics) > 0 {
			b.Fatalf("plan: %v %v", err, p.Diagnostics)
		}
		applied, err := sb.srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: benchType, PriorState: state, PlannedState: p.PlannedState, Config: sb.empty})
		if err != nil || len(applied.Diagnostics) > 0 {
			b.Fatalf("apply: %v %v", err, applied.Diagnostics)
		}
	}
}

// BenchmarkRefreshAndPlanEnrichment is BenchmarkRefreshAndPlanSearch for
// an unchanged enrichment: its Read (from the webset's snapshot) and its
// PlanResourceChange, through the protocol server.
func BenchmarkRefreshAndPlanEnrichment(b *testing.B) {
	m := examock.New(examock.Options{APIKey: testAPIKey})
	ts := m.Start()
	b.Cleanup(ts.Close)
	ws := m.CreateWebset("")
	srv, schemas := configuredServer(b, ts.URL)
	const typeName = "exa_webset_enrichment"
	rType := schemas.ResourceSchemas[typeName].ValueType()
	config := dynamic(b, rType, objectValue(rType, map[string]tftypes.Value{
		"webset_id":   tftypes.NewValue(tftypes.String, ws),
		"description": tftypes.NewValue(tftypes.String, "Name of the CEO"),
		"format":      tftypes.NewValue(tftypes.String, "text"),
		"metadata":    tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{"team": tftypes.NewValue(tftypes.String, "growth")}),
	}))
	empty := dynamic(b, rType, tftypes.NewValue(rType, nil))
	ctx := context.Background()
	// The create warns what the enrichment may bill: a warning, not a
	// failure.
	plan, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: empty, ProposedNewState: config, Config: config})
	if err != nil || len(plan.Diagnostics) != 1 || plan.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityWarning {
		b.Fatalf("plan: %v %v", err, plan.Diagnostics)
	}
	applied, err := srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typeName, PriorState: empty, PlannedState: plan.PlannedState, Config: config})
	if err != nil || len(applied.Diagnostics) > 0 {
		b.Fatalf("apply: %v %v", err, applied.Diagnostics)
	}
	state := applied.NewState
	b.ReportAllocs()
	for b.Loop() {
		read, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: state})
		if err != nil || len(read.Diagnostics) > 0 {
			b.Fatalf("read: %v %v", err, read.Diagnostics)
		}
		p, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName, PriorState: read.NewState, ProposedNewState: read.NewState, Config: config})
		if err != nil || len(p.Diagnostics) > 0 {
			b.Fatalf("plan: %v %v", err, p.Diagnostics)
		}
	}
}
