package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// actionConfig is a webset with one running search and one enrichment,
// and the action block given; the provider is configured from the
// environment.
const actionConfig = `
terraform {
  required_providers {
    exa = { source = "exa-community/exa" }
  }
}

resource "exa_webset" "w" {}

resource "exa_webset_search" "s" {
  webset_id    = exa_webset.w.id
  query        = "Seed-stage robotics startups in Europe"
  target_count = 3
}

resource "exa_webset_enrichment" "e" {
  webset_id   = exa_webset.w.id
  description = "The CEO's name"
  format      = "text"
  depends_on  = [exa_webset_search.s]
}
`

// invokeAction applies the configuration with the action, invokes it with
// terraform apply -invoke, and returns the requests the invoke sent and
// the output of the next plan.
func invokeAction(t *testing.T, action, address string) ([]examock.Request, string) {
	t.Helper()
	env := newTestEnv(t, examock.Options{}) // searches run until canceled
	cli := newTerraformCLIRun(t, env, "actions came with Terraform 1.14")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(actionConfig+action), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, code := cli.run(dir, "apply", "-auto-approve"); code != 0 {
		t.Fatalf("apply: exit %d\n%s", code, out)
	}
	t.Cleanup(func() { cli.run(dir, "destroy", "-auto-approve") })
	mark := len(env.mock.Requests())
	out, code := cli.run(dir, "apply", "-auto-approve", "-invoke="+address)
	if code != 0 || strings.Contains(out, "Error") {
		t.Fatalf("apply -invoke=%s: exit %d\n%s", address, code, out)
	}
	sent := env.mock.Requests()[mark:]
	plan, code := cli.run(dir, "plan", "-detailed-exitcode")
	if code != 2 {
		t.Fatalf("after the action, want a plan with changes (exit 2), got exit %d\n%s", code, plan)
	}
	return sent, plan
}

// writes are the requests that change something.
func writes(reqs []examock.Request) []string {
	var out []string
	for _, r := range reqs {
		if r.Method != "GET" {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

// terraform apply -invoke=action.exa_webset_cancel.brake sends exactly one
// POST /v0/websets/{id}/cancel and nothing else that writes; the next plan
// reads the canceled search as a cancel made in the dashboard: it plans a
// new one, and warns what that bills and how to keep it stopped.
func TestAccWebsetCancelAction_invokeSendsOneCancel(t *testing.T) {
	sent, plan := invokeAction(t, `
action "exa_webset_cancel" "brake" {
  config {
    webset_id = exa_webset.w.id
  }
}
`, "action.exa_webset_cancel.brake")
	got := writes(sent)
	if len(got) != 1 || !examock.MatchPath("/v0/websets/*/cancel", strings.TrimPrefix(got[0], "POST ")) || !strings.HasPrefix(got[0], "POST ") {
		t.Errorf("want exactly one POST /v0/websets/{id}/cancel, got %v", got)
	}
	for _, want := range []string{
		"exa_webset_search.s must be replaced", "is canceled, and canceled = false here", "set canceled = true to keep it stopped",
		"exa_webset_enrichment.e must be replaced", "it is canceled and canceled = false here",
	} {
		if !strings.Contains(strings.Join(strings.Fields(plan), " "), want) {
			t.Errorf("the plan after the action lacks %q:\n%s", want, plan)
		}
	}
}
