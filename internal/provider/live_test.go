package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// The live subset: a small, cheap run of the provider against the real
// Websets API, by `make testacc-live` with EXA_API_KEY set (it sets
// EXA_LIVE=1). In the normal suite the very same tests run against the
// mock, through the same code, so the harness is tested here too.
//
// Everything a live run makes is named with livePrefix, so that the
// sweepers (sweeper_test.go, `make sweep`) can find what a failed run left.

// livePrefix starts the name, external ID, URL or title of every object
// the live subset makes.
const livePrefix = "tf-acc-"

// liveMarker is the metadata key the live subset sets on what has metadata.
const liveMarker = "tf-acc"

// liveTarget is where a live-subset test runs: Exa, or a mock.
type liveTarget struct {
	t    *testing.T
	live bool
	mock *testEnv // nil when live
	// id is this run's unique suffix.
	id string
}

func newLiveTarget(t *testing.T) *liveTarget {
	t.Helper()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	lt := &liveTarget{t: t, id: hex.EncodeToString(b)}
	if os.Getenv("EXA_LIVE") == "1" {
		if os.Getenv("EXA_API_KEY") == "" {
			t.Fatal("EXA_LIVE=1 needs EXA_API_KEY")
		}
		lt.live = true
		return lt
	}
	lt.mock = newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	return lt
}

// config is the provider block, then hcl. Live, the provider reads
// EXA_API_KEY (and EXA_BASE_URL, if set) from the environment.
func (lt *liveTarget) config(hcl string) string {
	if lt.live {
		return "provider \"exa\" {}\n" + hcl
	}
	return lt.mock.config("%s", hcl)
}

func (lt *liveTarget) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	if lt.live {
		return map[string]func() (tfprotov6.ProviderServer, error){
			"exa": providerserver.NewProtocol6WithError(New("live-test")()),
		}
	}
	return lt.mock.factories()
}

// client reaches the same API as the provider under test.
func (lt *liveTarget) client() *exa.Client {
	lt.t.Helper()
	cfg := exa.Config{APIKey: os.Getenv("EXA_API_KEY"), BaseURL: os.Getenv("EXA_BASE_URL")}
	if !lt.live {
		cfg = exa.Config{APIKey: testAPIKey, BaseURL: lt.mock.url, RequestsPerSecond: -1}
	}
	c, err := exa.NewClient(cfg)
	if err != nil {
		lt.t.Fatal(err)
	}
	return c
}

// One of each resource, as cheap as they come: a webset, a search of one
// result canceled at once, an enrichment, a disabled monitor, a webhook
// and an import of a two-row CSV. Applied, checked, planned again (empty),
// and destroyed, after which nothing of it is left.
func TestAccLive_oneOfEach(t *testing.T) {
	lt := newLiveTarget(t)
	name := livePrefix + lt.id
	csv := filepath.Join(t.TempDir(), "accounts.csv")
	if err := os.WriteFile(csv, []byte("url,name\nhttps://a.example,A\nhttps://b.example,B\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := lt.config(fmt.Sprintf(`
resource "exa_webset" "w" {
  external_id = %[1]q
  metadata    = { %[2]q = "true" }
}

resource "exa_webset_search" "s" {
  webset_id    = exa_webset.w.id
  query        = "%[1]s robotics startups"
  target_count = 1
  canceled     = true
  metadata     = { %[2]q = "true" }
}

resource "exa_webset_enrichment" "e" {
  webset_id   = exa_webset.w.id
  description = "Name of the CEO"
  format      = "text"
  metadata    = { %[2]q = "true" }
}

resource "exa_monitor" "m" {
  webset_id = exa_webset.w.id
  enabled   = false
  cadence   = { cron = "0 9 * * 1" }
  behavior  = { config = { query = "%[1]s new robotics startups", target_count = 1 } }
  metadata  = { %[2]q = "true" }
}

resource "exa_webhook" "h" {
  url      = "https://example.com/%[1]s"
  events   = ["webset.idle"]
  metadata = { %[2]q = "true" }
}

resource "exa_import" "i" {
  file     = %[3]q
  title    = %[1]q
  entity   = { type = "company" }
  csv      = { identifier = 0 }
  metadata = { %[2]q = "true" }
}
`, name, liveMarker, csv))
	var websetID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: lt.factories(),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check:  resource.TestCheckResourceAttrWith("exa_webset.w", "id", func(v string) error { websetID = v; return nil }),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("exa_webset.w", tfjsonpath.New("external_id"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue("exa_webset_search.s", tfjsonpath.New("canceled"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("exa_webset_search.s", tfjsonpath.New("status"), knownvalue.StringRegexp(regexp.MustCompile(`^(canceled|completed)$`))),
				statecheck.ExpectKnownValue("exa_webset_enrichment.e", tfjsonpath.New("id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("exa_monitor.m", tfjsonpath.New("status"), knownvalue.StringExact("disabled")),
				statecheck.ExpectKnownValue("exa_webhook.h", tfjsonpath.New("secret"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("exa_import.i", tfjsonpath.New("record_count"), knownvalue.Int64Exact(2)),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
		CheckDestroy: func(*terraform.State) error {
			c := lt.client()
			if _, err := c.GetWebset(context.Background(), websetID); !exa.IsNotFound(err) {
				return fmt.Errorf("webset %s after destroy: %v", websetID, err)
			}
			return noneLeft(context.Background(), c, name)
		},
	})
}

// noneLeft checks that no webhook or import named for this run is
// left at the API.
func noneLeft(ctx context.Context, c *exa.Client, name string) error {
	hooks, err := c.ListWebhooks(ctx)
	if err != nil {
		return err
	}
	for _, h := range hooks {
		if strings.Contains(h.URL, name) {
			return fmt.Errorf("webhook %s left after destroy", h.ID)
		}
	}
	imports, err := c.ListImports(ctx)
	if err != nil {
		return err
	}
	for _, im := range imports {
		if im.Title != nil && *im.Title == name {
			return fmt.Errorf("import %s left after destroy", im.ID)
		}
	}
	return nil
}
