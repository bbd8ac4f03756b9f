package provider

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// The empty-and-null walk: for every optional collection attribute (map,
// list or set, top-level or inside a single nested attribute) of every
// resource, apply in turn unset → empty → a value → empty → unset, and
// check that each apply succeeds and the plan after it is empty. Where a
// validator refuses an empty collection, the walk is unset → a value →
// unset, and the empty one must fail at validate.
//
// The attributes come from the schemas: one that a resource gains is walked
// as soon as it has a sample value in collectionSamples, and the test fails
// until it has one, so none is left out by forgetting.

// collectionSample is how to walk one attribute: a value to set, and, for
// attributes tied to another by a config validator, the lines that go with
// the value (with) and those that go with no value (without).
type collectionSample struct {
	value         string
	with, without string
}

var collectionSamples = map[string]collectionSample{
	"exa_import.metadata":                  {value: `{ team = "growth" }`},
	"exa_monitor.metadata":                 {value: `{ team = "growth" }`},
	"exa_monitor.behavior.config.criteria": {value: `[{ description = "founded this year" }]`},
	"exa_webhook.metadata":                 {value: `{ team = "growth" }`},
	"exa_webset.metadata":                  {value: `{ team = "growth" }`},
	"exa_webset.exclude":                   {value: `[{ source = "webset", id = "WEBSET" }]`},
	"exa_webset.import":                    {value: `[{ source = "webset", id = "WEBSET" }]`},
	"exa_webset_enrichment.metadata":       {value: `{ team = "growth" }`},
	// options go with format = "options", and only with it (optionsNeedFormat).
	"exa_webset_enrichment.options": {value: `["seed", "series A"]`, with: `format = "options"`, without: `format = "text"`},
	"exa_webset_search.criteria":    {value: `[{ description = "raised a seed round" }]`},
	"exa_webset_search.exclude":     {value: `[{ source = "webset", id = "WEBSET" }]`},
	"exa_webset_search.scope":       {value: `[{ source = "webset", id = "WEBSET" }]`},
	"exa_webset_search.metadata":    {value: `{ team = "growth" }`},
}

// collectionResource is the smallest valid configuration of a resource,
// with slots for the attribute under test: top-level, or (for the
// monitor) inside behavior.config. WEBSET stands for a webset at the
// mock, and CSV for a CSV file.
var collectionResources = map[string]string{
	"exa_import": `resource "exa_import" "x" {
  file   = "CSV"
  entity = { type = "company" }
  TOP
}`,
	"exa_monitor": `resource "exa_monitor" "x" {
  webset_id = "WEBSET"
  cadence   = { cron = "0 9 * * *" }
  behavior = {
    config = {
      query        = "New robotics startups"
      target_count = 5
      IN_CONFIG
    }
  }
  TOP
}`,
	"exa_webhook": `resource "exa_webhook" "x" {
  url    = "https://hooks.example.com/exa"
  events = ["webset.created"]
  TOP
}`,
	"exa_webset": `resource "exa_webset" "x" {
  TOP
}`,
	"exa_webset_enrichment": `resource "exa_webset_enrichment" "x" {
  webset_id   = "WEBSET"
  description = "Funding stage"
  TOP
}`,
	"exa_webset_search": `resource "exa_webset_search" "x" {
  webset_id    = "WEBSET"
  query        = "Seed-stage robotics startups in Europe"
  target_count = 2
  TOP
}`,
}

// optionalCollection is one attribute to walk.
type optionalCollection struct {
	resource, path string
	emptyRefused   bool
}

// optionalCollections lists every optional collection attribute of every
// resource, in a stable order.
func optionalCollections(t *testing.T) []optionalCollection {
	t.Helper()
	ctx := context.Background()
	var out []optionalCollection
	for _, f := range New("test")().Resources(ctx) {
		r := f()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "exa"}, &meta)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		var walk func(prefix string, attrs map[string]schema.Attribute)
		walk = func(prefix string, attrs map[string]schema.Attribute) {
			for name, a := range attrs {
				if nested, ok := a.(schema.SingleNestedAttribute); ok {
					walk(prefix+name+".", nested.Attributes)
					continue
				}
				if !a.IsOptional() {
					continue
				}
				switch a := a.(type) {
				case schema.MapAttribute, schema.SetAttribute, schema.MapNestedAttribute, schema.SetNestedAttribute:
					out = append(out, optionalCollection{meta.TypeName, prefix + name, false})
				case schema.ListAttribute:
					out = append(out, optionalCollection{meta.TypeName, prefix + name, refusesEmpty(a.Validators)})
				case schema.ListNestedAttribute:
					out = append(out, optionalCollection{meta.TypeName, prefix + name, refusesEmpty(a.Validators)})
				}
			}
		}
		walk("", s.Schema.Attributes)
	}
	slices.SortFunc(out, func(a, b optionalCollection) int {
		return strings.Compare(a.resource+"."+a.path, b.resource+"."+b.path)
	})
	return out
}

// refusesEmpty reports whether a list's validators refuse an empty list.
func refusesEmpty[V interface{ Description(context.Context) string }](validators []V) bool {
	for _, v := range validators {
		if strings.Contains(v.Description(context.Background()), "at least 1 elements") {
			return true
		}
	}
	return false
}

func TestAccEmptyAndNull_everyOptionalCollection(t *testing.T) {
	all := optionalCollections(t)
	if len(all) < 12 {
		t.Fatalf("found only %d optional collection attributes: %v", len(all), all)
	}
	for _, c := range all {
		key := c.resource + "." + c.path
		sample, ok := collectionSamples[key]
		if !ok {
			t.Errorf("%s is an optional collection with no sample in collectionSamples: add one, so that the empty-and-null walk covers it", key)
			continue
		}
		t.Run(key, func(t *testing.T) {
			env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
			ws := env.mock.CreateWebset("")
			csv := writeCSV(t, "url,name\nhttps://acme.example,Acme\n")
			attr := c.path[strings.LastIndex(c.path, ".")+1:]
			fill := strings.NewReplacer("WEBSET", ws, "CSV", csv)
			with := func(value string) string {
				line := sample.without
				if value != "" {
					line = attr + " = " + value
					if sample.with != "" {
						line = sample.with + "\n  " + line
					}
				}
				top, inConfig := line, ""
				if strings.Contains(c.path, ".") {
					top, inConfig = "", line
				}
				return env.providerBlock() + fill.Replace(strings.NewReplacer("TOP", top, "IN_CONFIG", inConfig).Replace(collectionResources[c.resource]))
			}
			empty := "{}"
			if strings.HasPrefix(sample.value, "[") {
				empty = "[]"
			}
			settles := func(cfg string) tfresource.TestStep {
				return tfresource.TestStep{
					Config: cfg,
					ConfigPlanChecks: tfresource.ConfigPlanChecks{
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
				}
			}
			var steps []tfresource.TestStep
			if c.emptyRefused {
				steps = []tfresource.TestStep{
					settles(with("")),
					{Config: with(empty), PlanOnly: true, ExpectError: regexp.MustCompile(`at least 1 elements`)},
					settles(with(sample.value)),
					settles(with("")),
				}
			} else {
				steps = []tfresource.TestStep{
					settles(with("")), settles(with(empty)), settles(with(sample.value)), settles(with(empty)), settles(with("")),
				}
			}
			env.test(tfresource.TestCase{Steps: steps})
		})
	}
}
