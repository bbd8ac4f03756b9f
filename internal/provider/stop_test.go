package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// StopProvider (Terraform's answer to Ctrl-C) ends a create that is waiting
// for its search within a second, and no request follows it. The search
// stays in state.
func TestStopProvider_endsAWaitAtOnce(t *testing.T) {
	env := newTestEnv(t, examock.Options{}) // searches never finish
	ws := env.mock.CreateWebset("")
	srv, schemas := configuredServer(t, env.url, WithPolling(2*time.Second, 60*time.Second))
	ctx := context.Background()
	rType := schemas.ResourceSchemas["exa_webset_search"].ValueType()
	config := objectValue(rType, map[string]tftypes.Value{
		"webset_id":           tftypes.NewValue(tftypes.String, ws),
		"query":               tftypes.NewValue(tftypes.String, "robotics"),
		"target_count":        tftypes.NewValue(tftypes.Number, 3),
		"wait_for_completion": tftypes.NewValue(tftypes.Bool, true),
	})
	prior := tftypes.NewValue(rType, nil)
	plan, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: "exa_webset_search", PriorState: dynamic(t, rType, prior),
		ProposedNewState: dynamic(t, rType, config), Config: dynamic(t, rType, config),
	})
	if err != nil || len(plan.Diagnostics) > 0 {
		t.Fatalf("plan: %v %v", err, plan.Diagnostics)
	}

	done := make(chan *tfprotov6.ApplyResourceChangeResponse)
	go func() {
		resp, _ := srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
			TypeName: "exa_webset_search", PriorState: dynamic(t, rType, prior),
			PlannedState: plan.PlannedState, Config: dynamic(t, rType, config),
		})
		done <- resp
	}()
	// Wait until the search exists and create is waiting for it.
	for deadline := time.Now().Add(5 * time.Second); env.mock.Count("POST", "/v0/websets/*/searches") == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the create never reached the mock")
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	before := len(env.mock.Requests())
	stopped := time.Now()
	if _, err := srv.StopProvider(ctx, &tfprotov6.StopProviderRequest{}); err != nil {
		t.Fatal(err)
	}
	var resp *tfprotov6.ApplyResourceChangeResponse
	select {
	case resp = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("apply did not return after StopProvider")
	}
	if took := time.Since(stopped); took > time.Second {
		t.Errorf("apply returned %s after StopProvider", took)
	}
	if n := len(env.mock.Requests()) - before; n != 0 {
		t.Errorf("%d requests after StopProvider", n)
	}
	if len(resp.Diagnostics) == 0 || resp.NewState == nil || !strings.Contains(resp.Diagnostics[0].Detail, "context canceled") {
		t.Fatalf("want the wait's error and the search in state, got %+v", resp.Diagnostics)
	}
	state, err := resp.NewState.Unmarshal(rType)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	var id string
	if err := state.As(&attrs); err != nil || attrs["id"].As(&id) != nil || id == "" {
		t.Errorf("the search is not in state after the stop: %v", state)
	}
}
