// Command floorprovider is the benchmark's floor: a bare plugin-framework
// provider named exa whose exa_webset_search resource has exactly the real
// one's schema but does nothing (no API call, no plan logic). What it costs
// is what Terraform and the framework cost; make bench compares the real
// provider against it.
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

// known turns every unknown value of a plan into null, so it can be state.
func known(v tftypes.Value) tftypes.Value {
	out, err := tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		panic(err)
	}
	return out
}
