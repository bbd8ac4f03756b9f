package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

func csvItem(name, url string, results ...string) attr.Value {
	resultType := types.ListType{ElemType: types.StringType}
	enrichmentType := types.ObjectType{AttrTypes: map[string]attr.Type{"enrichment_id": types.StringType, "result": resultType}}
	values := make([]attr.Value, len(results))
	for i, r := range results {
		values[i] = types.StringValue(r)
	}
	enrichments := types.ListValueMust(enrichmentType, []attr.Value{types.ObjectValueMust(enrichmentType.AttrTypes, map[string]attr.Value{
		"enrichment_id": types.StringValue("enrichment_1"), "result": types.ListValueMust(types.StringType, values),
	})})
	return types.ObjectValueMust(map[string]attr.Type{"name": types.StringType, "url": types.StringType, "enrichments": types.ListType{ElemType: enrichmentType}},
		map[string]attr.Value{"name": types.StringValue(name), "url": types.StringValue(url), "enrichments": enrichments})
}

// RFC 4180: a header, CRLF line ends, and a field with a comma, a double
// quote or a line break quoted, its quotes doubled and its line breaks
// written as CRLF; enrichment results under the enrichment's title, or its
// description.
func TestItemsCSV_quotesAsTheRFCSays(t *testing.T) {
	enrichment := func(title string) attr.Value {
		return types.ObjectValueMust(map[string]attr.Type{"id": types.StringType, "title": types.StringType, "description": types.StringType},
			map[string]attr.Value{"id": types.StringValue("enrichment_1"), "title": types.StringValue(title), "description": types.StringValue("Name of the CEO")})
	}
	items := []attr.Value{
		csvItem("Acme, Inc.", "https://acme.example", "Ada Lovelace"),
		csvItem(`The "Best" Robots`, "https://best.example", "Grace Hopper", "Alan Turing"),
		csvItem("Line\nBreak", "https://lb.example"),
		csvItem("Plain", "https://plain.example", "CEO, also CTO"),
	}
	for name, c := range map[string]struct {
		title string
		want  string
	}{
		"title":       {"CEO", "name,url,CEO\r\n"},
		"description": {"", "name,url,Name of the CEO\r\n"},
	} {
		t.Run(name, func(t *testing.T) {
			cols, err := csvColumns(types.TupleValueMust([]attr.Type{types.StringType, types.StringType, enrichment(c.title).Type(context.Background())},
				[]attr.Value{types.StringValue("name"), types.StringValue("url"), enrichment(c.title)}))
			if err != nil {
				t.Fatal(err)
			}
			got, err := itemsCSV(items, cols)
			if err != nil {
				t.Fatal(err)
			}
			want := c.want +
				"\"Acme, Inc.\",https://acme.example,Ada Lovelace\r\n" +
				"\"The \"\"Best\"\" Robots\",https://best.example,Grace Hopper; Alan Turing\r\n" +
				"\"Line\r\nBreak\",https://lb.example,\r\n" + // a line break is CRLF, as the RFC writes it
				"Plain,https://plain.example,\"CEO, also CTO\"\r\n"
			if got != want {
				t.Errorf("got\n%q\nwant\n%q", got, want)
			}
		})
	}
}

func TestItemsCSV_refusesUnknownColumns(t *testing.T) {
	for _, cols := range []attr.Value{
		types.ListValueMust(types.StringType, []attr.Value{types.StringValue("title_of_it")}),
		types.ListValueMust(types.StringType, nil),
		types.StringValue("name"),
	} {
		if _, err := csvColumns(cols); err == nil || !strings.Contains(err.Error(), "name, url") {
			t.Errorf("%v: want an error that lists the columns, got %v", cols, err)
		}
	}
}

// provider::exa::items_csv on the items of the data source, with an
// enrichment column (Terraform 1.8 and OpenTofu 1.7 bring provider
// functions).
func TestAccItemsCSV_function(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{Immediate: true}})
	ws := env.mock.CreateWebset("")
	env.createSearchOutOfBand(ws, `{"query":"Robotics startups","count":2}`)
	env.test(resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "exa_webset_enrichment" "ceo" {
  webset_id   = %[1]q
  description = "Name of the CEO"
  format      = "text"
  metadata    = { "examock.lifecycle" = "immediate" }
}

data "exa_webset_items" "i" {
  webset_id     = %[1]q
  wait_for_idle = true
  depends_on    = [exa_webset_enrichment.ceo]
}

output "csv" {
  value = provider::exa::items_csv(data.exa_webset_items.i.items, ["name", "url", exa_webset_enrichment.ceo])
}`, ws),
			ConfigStateChecks: []statecheck.StateCheck{
				// The mock titles the enrichment after its description.
				statecheck.ExpectKnownOutputValue("csv", knownvalue.StringExact("name,url,Name of the CEO\r\n"+
					"Example company 1,https://example.com/company/1,Name of the CEO of https://example.com/company/1\r\n"+
					"Example company 2,https://example.com/company/2,Name of the CEO of https://example.com/company/2\r\n")),
			},
		}},
	})
}

// An enrichment result that is null (Exa has not filled it yet) and one
// that is empty print the same, an empty field, as the function's page
// says: the CSV cannot tell them apart; an item's enrichments can.
func TestItemsCSV_nullAndEmptyResultsPrintTheSame(t *testing.T) {
	resultType := types.ListType{ElemType: types.StringType}
	enrichmentType := types.ObjectType{AttrTypes: map[string]attr.Type{"enrichment_id": types.StringType, "result": resultType}}
	item := func(name string, result types.List) attr.Value {
		enrichments := types.ListValueMust(enrichmentType, []attr.Value{types.ObjectValueMust(enrichmentType.AttrTypes, map[string]attr.Value{
			"enrichment_id": types.StringValue("enrichment_1"), "result": result,
		})})
		return types.ObjectValueMust(map[string]attr.Type{"name": types.StringType, "enrichments": types.ListType{ElemType: enrichmentType}},
			map[string]attr.Value{"name": types.StringValue(name), "enrichments": enrichments})
	}
	enrichment := types.ObjectValueMust(map[string]attr.Type{"id": types.StringType, "title": types.StringType},
		map[string]attr.Value{"id": types.StringValue("enrichment_1"), "title": types.StringValue("CEO")})
	cols, err := csvColumns(types.TupleValueMust([]attr.Type{types.StringType, enrichment.Type(context.Background())},
		[]attr.Value{types.StringValue("name"), enrichment}))
	if err != nil {
		t.Fatal(err)
	}
	got, err := itemsCSV([]attr.Value{
		item("Pending", types.ListNull(types.StringType)),
		item("Empty", types.ListValueMust(types.StringType, []attr.Value{})),
	}, cols)
	if err != nil {
		t.Fatal(err)
	}
	if want := "name,CEO\r\nPending,\r\nEmpty,\r\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	var def function.DefinitionResponse
	NewItemsCSVFunction().Definition(context.Background(), function.DefinitionRequest{}, &def)
	if !strings.Contains(def.Definition.MarkdownDescription, "a result that is null (not filled yet) prints as an empty field, as an empty result does") {
		t.Error("the function's page does not say that a null result prints as an empty one")
	}
}
