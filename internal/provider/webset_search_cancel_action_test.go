package provider

import (
	"strings"
	"testing"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// exa_webset_search_cancel stops one search with one POST
// /v0/websets/{webset}/searches/{id}/cancel.
func TestAccWebsetSearchCancelAction_invokeSendsOneCancel(t *testing.T) {
	sent, plan := invokeAction(t, `
action "exa_webset_search_cancel" "stop" {
  config {
    webset_id = exa_webset.w.id
    id        = exa_webset_search.s.id
  }
}
`, "action.exa_webset_search_cancel.stop")
	got := writes(sent)
	if len(got) != 1 || !examock.MatchPath("/v0/websets/*/searches/*/cancel", strings.TrimPrefix(got[0], "POST ")) || !strings.HasPrefix(got[0], "POST ") {
		t.Errorf("want exactly one POST /v0/websets/{webset}/searches/{id}/cancel, got %v", got)
	}
	if !strings.Contains(strings.Join(strings.Fields(plan), " "), "set canceled = true to keep it stopped") {
		t.Errorf("the plan after the action lacks the advice:\n%s", plan)
	}
}
