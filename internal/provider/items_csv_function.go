package provider

import (
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = (*itemsCSVFunction)(nil)

// NewItemsCSVFunction is provider::exa::items_csv.
func NewItemsCSVFunction() function.Function { return &itemsCSVFunction{} }

type itemsCSVFunction struct{}

// itemColumns are the item attributes a column may name, in the order the
// function's documentation lists them.
var itemColumns = []string{"id", "name", "url", "description", "type", "source", "source_id", "created_at", "updated_at", "properties"}

func (f *itemsCSVFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "items_csv"
}

func (f *itemsCSVFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Turns the items of exa_webset_items into CSV, one row per item.",
		MarkdownDescription: "Turns the `items` of an `exa_webset_items` data source (or ephemeral resource) into CSV as RFC 4180 defines it: a header row, then one row per item, lines ended by CRLF, and a field quoted when it holds a comma, a double quote or a line break (a double quote doubled, a line break written as CRLF). " +
			"Each column is either the name of an item attribute (" + codeList(itemColumns) + ") or an `exa_webset_enrichment`: its column is headed by the enrichment's `title`, or its `description` when it has none, and holds the item's results of that enrichment, joined by `; `. " +
			"An item that has no value for a column gets an empty field, and a result that is null (not filled yet) prints as an empty field, as an empty result does: the item's `enrichments` tell them apart. Terraform has no `csvencode`; write the result to a file with `local_file`.",
		Parameters: []function.Parameter{
			function.DynamicParameter{
				Name:                "items",
				MarkdownDescription: "The items, such as `data.exa_webset_items.x.items`.",
			},
			function.DynamicParameter{
				Name:                "columns",
				MarkdownDescription: "The columns, in order: item attribute names, and `exa_webset_enrichment` resources (any object with `id` and `title` or `description`).",
			},
		},
		Return: function.StringReturn{},
	}
}

func (f *itemsCSVFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var items, columns types.Dynamic
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &items, &columns))
	if resp.Error != nil {
		return
	}
	cols, err := csvColumns(columns.UnderlyingValue())
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, err.Error())
		return
	}
	rows, ok := elementsOf(items.UnderlyingValue())
	if !ok {
		resp.Error = function.NewArgumentFuncError(0, "items must be a list of items, such as data.exa_webset_items.x.items")
		return
	}
	out, err := itemsCSV(rows, cols)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, out))
}

// csvColumn is one column: an item attribute, or an enrichment's results.
type csvColumn struct {
	header       string
	attribute    string // an item attribute, or ""
	enrichmentID string
}

// csvColumns reads the columns argument.
func csvColumns(v attr.Value) ([]csvColumn, error) {
	elems, ok := elementsOf(v)
	if !ok || len(elems) == 0 {
		return nil, fmt.Errorf("columns must be a non-empty list of item attribute names (%s) and exa_webset_enrichment resources", strings.Join(itemColumns, ", "))
	}
	out := make([]csvColumn, 0, len(elems))
	for i, e := range elems {
		switch e := e.(type) {
		case types.String:
			name := e.ValueString()
			if !slices.Contains(itemColumns, name) {
				return nil, fmt.Errorf("column %d, %q, is not an item attribute: use one of %s, or an exa_webset_enrichment", i, name, strings.Join(itemColumns, ", "))
			}
			out = append(out, csvColumn{header: name, attribute: name})
		case types.Object:
			id := attrString(e, "id").ValueString()
			header := attrString(e, "title").ValueString()
			if header == "" {
				header = attrString(e, "description").ValueString()
			}
			if id == "" || header == "" {
				return nil, fmt.Errorf("column %d is an object without id and title or description: pass an exa_webset_enrichment", i)
			}
			out = append(out, csvColumn{header: header, enrichmentID: id})
		default:
			return nil, fmt.Errorf("column %d is neither an attribute name nor an enrichment", i)
		}
	}
	return out, nil
}

// itemsCSV writes the header and one row per item. encoding/csv quotes as
// RFC 4180 says; UseCRLF ends lines as it says too.
func itemsCSV(items []attr.Value, cols []csvColumn) (string, error) {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.header
	}
	if err := w.Write(header); err != nil {
		return "", err
	}
	for n, it := range items {
		obj, ok := it.(types.Object)
		if !ok {
			return "", fmt.Errorf("item %d is not an object: pass data.exa_webset_items.x.items", n)
		}
		row := make([]string, len(cols))
		for i, c := range cols {
			if c.attribute != "" {
				row[i] = attrString(obj, c.attribute).ValueString()
				continue
			}
			row[i] = enrichmentResults(obj, c.enrichmentID)
		}
		if err := w.Write(row); err != nil {
			return "", err
		}
	}
	w.Flush()
	return b.String(), w.Error()
}

// enrichmentResults are an item's results of one enrichment, joined by "; ".
func enrichmentResults(item types.Object, enrichmentID string) string {
	results, _ := elementsOf(attrOf(item, "enrichments"))
	for _, r := range results {
		if attrString(r, "enrichment_id").ValueString() != enrichmentID {
			continue
		}
		values, _ := elementsOf(attrOf(r, "result"))
		parts := make([]string, 0, len(values))
		for _, v := range values {
			if s, ok := v.(types.String); ok && !s.IsNull() {
				parts = append(parts, s.ValueString())
			}
		}
		return strings.Join(parts, "; ")
	}
	return ""
}

// elementsOf is the elements of a list, set or tuple.
func elementsOf(v attr.Value) ([]attr.Value, bool) {
	switch v := v.(type) {
	case types.List:
		return v.Elements(), true
	case types.Set:
		return v.Elements(), true
	case types.Tuple:
		return v.Elements(), true
	}
	return nil, false
}

// attrOf is an object's attribute, or nil when v is no object. The items
// argument is Dynamic, so its objects are read by name: a typed model
// cannot describe what a caller may pass.
func attrOf(v attr.Value, name string) attr.Value {
	obj, ok := v.(types.Object)
	if !ok {
		return nil
	}
	return obj.Attributes()[name]
}

// attrString is an object's string attribute; anything else reads as null.
func attrString(v attr.Value, name string) types.String {
	s, ok := attrOf(v, name).(types.String)
	if !ok {
		return types.StringNull()
	}
	return s
}
