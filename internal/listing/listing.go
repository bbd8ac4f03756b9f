// Package listing is the plumbing of list resources, for terraform query
// (Terraform 1.14 and later): the objects a List call found, streamed as
// results with their identity, a display name and, when Terraform asks,
// the state an import of each would read.
package listing

import (
	"context"
	"iter"
	"math"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// Object is one object to list: its identity attributes, its display
// name, and the state an import of it would read (built only when asked).
type Object struct {
	Identity map[string]string
	Display  string
	State    func() (any, diag.Diagnostics)
}

// Limit is the query's limit for the client's list calls, which stop
// paging once they have that many: a query with limit = 5 over a long
// listing asks for one page of 5. 0 means every one.
func Limit(req list.ListRequest) int {
	if req.Limit <= 0 || req.Limit > math.MaxInt32 {
		return 0
	}
	return int(req.Limit)
}

// Results streams the objects as list results, up to req.Limit, or one
// result with the error diagnostics when listing failed.
func Results(ctx context.Context, req list.ListRequest, objects []Object, err error, what string) iter.Seq[list.ListResult] {
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
			r.DisplayName = o.Display
			for name, v := range o.Identity {
				r.Diagnostics.Append(r.Identity.SetAttribute(ctx, path.Root(name), v)...)
			}
			if req.IncludeResource {
				state, diags := o.State()
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

// Of turns what a list call returned into objects to list.
func Of[T any](items []T, object func(*T) Object) []Object {
	out := make([]Object, 0, len(items))
	for i := range items {
		out = append(out, object(&items[i]))
	}
	return out
}
