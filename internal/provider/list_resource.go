package provider

// List resources, for `terraform query` (Terraform 1.14 and later): each
// resource lists its objects at Exa with their identity, a display name
// and, when Terraform asks (-generate-config-out), the state that an import
// of each would read, from which Terraform writes its configuration. Each
// resource's ListResourceConfigSchema and List stand after its ImportState;
// the streaming of results is internal/listing, and this file holds what is
// Exa's: a list within one webset, from one GET of it.

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/listing"
)

// listInWebset lists the children of the webset that the list block's
// webset_id names (searches, enrichments), from one GET of the webset.
// object is called with the webset's answer, whose ID is the real one.
func listInWebset[T any](ctx context.Context, data *providerData, req list.ListRequest, stream *list.ListResultsStream, what string,
	children func(*exa.Webset) []T, object func(*exa.Webset, *T) listing.Object) {
	var diags diag.Diagnostics
	websetID := listConfigWebsetID(ctx, req, &diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	ws, err := data.client.GetWebset(ctx, websetID)
	var objects []listing.Object
	if err == nil {
		objects = listing.Of(children(ws), func(x *T) listing.Object { return object(ws, x) })
	}
	stream.Results = listing.Results(ctx, req, objects, err, what)
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
