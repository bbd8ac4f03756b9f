package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// resourceBase, embedded in every resource, is what they all do alike: it
// names the resource (Metadata: "exa_" + typeName) and keeps the
// provider's client (Configure).
type resourceBase struct {
	typeName string
	data     *providerData
}

func (b *resourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.typeName
}

func (b *resourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// dataSourceBase is resourceBase for data sources.
type dataSourceBase struct {
	typeName string
	data     *providerData
}

func (b *dataSourceBase) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.typeName
}

func (b *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// configuredData turns ProviderData into *providerData for a resource's or a
// data source's Configure. Before the provider is configured it is nil,
// which is not an error.
func configuredData(in any, diags *diag.Diagnostics) *providerData {
	if in == nil {
		return nil
	}
	data, ok := in.(*providerData)
	if !ok {
		diags.AddError("Provider data", fmt.Sprintf("unexpected provider data %T: this is a bug in the provider", in))
		return nil
	}
	return data
}

// actionBase is resourceBase for actions.
type actionBase struct {
	typeName string
	data     *providerData
}

func (b *actionBase) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.typeName
}

func (b *actionBase) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	b.data = configuredData(req.ProviderData, &resp.Diagnostics)
}
