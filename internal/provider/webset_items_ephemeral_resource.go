package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
)

var (
	_ ephemeral.EphemeralResource              = (*websetItemsEphemeralResource)(nil)
	_ ephemeral.EphemeralResourceWithConfigure = (*websetItemsEphemeralResource)(nil)
)

// NewWebsetItemsEphemeralResource is the ephemeral exa_webset_items:
// the data source's read, whose values never reach plan or state.
func NewWebsetItemsEphemeralResource() ephemeral.EphemeralResource {
	return &websetItemsEphemeralResource{}
}

type websetItemsEphemeralResource struct {
	data *providerData
}

// Its model is the data source's, websetItemsModel.

func (r *websetItemsEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webset_items"
}

// Schema is the data source's, attribute for attribute.
func (r *websetItemsEphemeralResource) Schema(ctx context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	var ds datasource.SchemaResponse
	(&websetItemsDataSource{}).Schema(ctx, datasource.SchemaRequest{}, &ds)
	attrs, diags := ephemeralAttributes(ds.Schema.Attributes)
	resp.Diagnostics.Append(diags...)
	resp.Schema = schema.Schema{
		MarkdownDescription: "The items of an Exa webset, read as the `exa_webset_items` data source reads them, with the same filters, but never written to plan or state " +
			"(Terraform 1.10 and later, OpenTofu 1.11 and later). Items carry names, e-mail addresses and page `content`: use this to pass them to a provisioner, " +
			"another provider's configuration or a write-only argument without storing personal data.",
		Attributes: attrs,
	}
}

func (r *websetItemsEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (r *websetItemsEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m websetItemsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if readItems(ctx, r.data, &m, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.Result.Set(ctx, m)...)
	}
}
