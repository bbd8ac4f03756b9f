// Command floorprovider is the benchmark's floor: a bare plugin-framework
// provider named exa whose exa_webset_search resource has exactly the real
// one's schema but does nothing (no API call, no plan logic). Its state is
// as large as the real one's: every computed value is filled with a value
// of realistic size (see fill), so Terraform writes as much state for it
// as for real searches. What it costs is what Terraform and the framework
// must cost for this schema; make bench compares the real provider
// against it.
package main

import (
	"context"
	"fmt"
	"log"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/exa-community/terraform-provider-exa/internal/provider"
)

func main() {
	// The same log settings as the real provider, so that the comparison
	// measures the provider's own work.
	provider.QuietUnreadLogs()
	err := providerserver.Serve(context.Background(), func() fwprovider.Provider { return &floor{} }, providerserver.ServeOpts{
		Address:         "registry.terraform.io/exa-community/exa",
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}

// floor borrows the real provider's schemas.
type floor struct{}

func (*floor) Metadata(_ context.Context, _ fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	resp.TypeName = "exa"
}

func (*floor) Schema(ctx context.Context, req fwprovider.SchemaRequest, resp *fwprovider.SchemaResponse) {
	provider.New("floor")().Schema(ctx, req, resp)
}

func (*floor) Configure(context.Context, fwprovider.ConfigureRequest, *fwprovider.ConfigureResponse) {
}

func (*floor) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &noop{} }}
}

func (*floor) DataSources(context.Context) []func() datasource.DataSource { return nil }

type noop struct{}

var counter atomic.Int64

func (*noop) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webset_search"
}

func (*noop) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	provider.NewWebsetSearchResource().Schema(ctx, req, resp)
}

func (*noop) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = known(req.Plan.Raw)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), fmt.Sprintf("floor-%d", counter.Add(1)))...)
}

func (*noop) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (*noop) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = known(req.Plan.Raw)
}

func (*noop) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// known turns every unknown value of a plan into a filled one, so it can be
// state of the size the real provider writes.
func known(v tftypes.Value) tftypes.Value {
	out, err := tftypes.Transform(v, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		if steps := p.Steps(); len(steps) == 1 && nullWhileRunning[fmt.Sprint(steps[0])] {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return fill(v.Type()), nil
	})
	if err != nil {
		panic(err)
	}
	return out
}

// nullWhileRunning are the computed attributes that a search which has
// not finished leaves null, as the real provider's state shows.
var nullWhileRunning = map[string]bool{
	fmt.Sprint(tftypes.AttributeName("canceled_at")):     true,
	fmt.Sprint(tftypes.AttributeName("canceled_reason")): true,
	fmt.Sprint(tftypes.AttributeName("recall_result")):   true,
}

// fill makes a value of a type, about as large as Exa's answers make it: a
// timestamp-sized string, a number, two elements in a list of objects (the
// criteria Exa chooses, say), and every attribute of an object filled.
func fill(t tftypes.Type) tftypes.Value {
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, "2026-11-30T12:00:00.000Z")
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, 42)
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false)
	case t.Is(tftypes.Object{}):
		obj := t.(tftypes.Object) //nolint:forcetypeassert // checked by Is
		attrs := map[string]tftypes.Value{}
		for name, at := range obj.AttributeTypes {
			attrs[name] = fill(at)
		}
		return tftypes.NewValue(t, attrs)
	case t.Is(tftypes.List{}):
		el := t.(tftypes.List).ElementType //nolint:forcetypeassert // checked by Is
		if el.Is(tftypes.Object{}) {
			return tftypes.NewValue(t, []tftypes.Value{fill(el), fill(el)})
		}
		return tftypes.NewValue(t, []tftypes.Value{})
	}
	return tftypes.NewValue(t, nil) // maps and sets: empty, as Exa's usually are
}
