package provider

// List resources, for `terraform query` (Terraform 1.14 and later): each
// resource lists its objects at Exa with their identity, a display name
// and, when Terraform asks (-generate-config-out), the state that an import
// of each would read, from which Terraform writes its configuration. Each
// resource's ListResourceConfigSchema and List stand after its ImportState.

import (
	"context"
	"iter"
	"math"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// listedAt is one object to list: its identity attributes, its display
// name, and the state an import of it would read (built only when asked).
type listedAt struct {
	identity map[string]string
	display  string
	state    func() (any, diag.Diagnostics)
}

// listLimit is the query's limit for the client's list calls, which stop
// paging once they have that many: a query with limit = 5 over a long
// listing asks for one page of 5. 0 means every one.
func listLimit(req list.ListRequest) int {
	if req.Limit <= 0 || req.Limit > math.MaxInt32 {
		return 0
	}
	return int(req.Limit)
}

// listResults streams the objects as list results, up to req.Limit, or one
// result with the error diagnostics when listing failed.
func listResults(ctx context.Context, req list.ListRequest, objects []listedAt, err error, what string) iter.Seq[list.ListResult] {
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Could not list the Exa "+what+"s", err.Error())
		return list.ListResultsStreamDiagnostics(diags)
	}
	return func(push func(list.ListResult) bool) {
		for i, o := range objects {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			r := req.NewListResult(ctx)
			r.DisplayName = o.display
			for name, v := range o.identity {
				r.Diagnostics.Append(r.Identity.SetAttribute(ctx, path.Root(name), v)...)
			}
			if req.IncludeResource {
				state, diags := o.state()
				r.Diagnostics.Append(diags...)
				if !diags.HasError() {
					r.Diagnostics.Append(r.Resource.Set(ctx, state)...)
				}
			}
			if !push(r) {
				return
			}
		}
	}
}

// listOf turns what a list call returned into objects to list.
func listOf[T any](items []T, object func(*T) listedAt) []listedAt {
	out := make([]listedAt, 0, len(items))
	for i := range items {
		out = append(out, object(&items[i]))
	}
	return out
}

// listInWebset lists the children of the webset that the list block's
// webset_id names (searches, enrichments), from one GET of the webset.
// object is called with the webset's answer, whose ID is the real one.
func listInWebset[T any](ctx context.Context, data *providerData, req list.ListRequest, stream *list.ListResultsStream, what string,
	children func(*exa.Webset) []T, object func(*exa.Webset, *T) listedAt) {
	var diags diag.Diagnostics
	websetID := listConfigWebsetID(ctx, req, &diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	ws, err := data.client.GetWebset(ctx, websetID)
	var objects []listedAt
	if err == nil {
		objects = listOf(children(ws), func(x *T) listedAt { return object(ws, x) })
	}
	stream.Results = listResults(ctx, req, objects, err, what)
}

// listInWebsetConfig is the configuration of a list block whose one
// attribute is webset_id (websetListSchema).
type listInWebsetConfig struct {
	WebsetID types.String `tfsdk:"webset_id"`
}

// listConfigWebsetID reads the webset_id of a list block, "" when unset.
func listConfigWebsetID(ctx context.Context, req list.ListRequest, diags *diag.Diagnostics) string {
	var cfg listInWebsetConfig
	diags.Append(req.Config.Get(ctx, &cfg)...)
	return cfg.WebsetID.ValueString()
}

// nullTimeouts is a timeouts attribute left out: null, of the type the
// timeouts module gives those options, so that no key is written by hand.
func nullTimeouts(opts timeouts.Opts) timeouts.Value {
	typ, _ := timeouts.Attributes(context.Background(), opts).GetType().(attr.TypeWithAttributeTypes)
	return timeouts.Value{Object: types.ObjectNull(typ.AttributeTypes())}
}

// asListResource is a resource's own list resource: the resource types
// implement both.
func asListResource(f func() resource.Resource) func() list.ListResource {
	return func() list.ListResource { return f().(list.ListResource) } //nolint:forcetypeassert // each resource asserts list.ListResource in its own file
}
