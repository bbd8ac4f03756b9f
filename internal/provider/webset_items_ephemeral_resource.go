package provider

import (
	"context"

	etimeouts "github.com/hashicorp/terraform-plugin-framework-timeouts/ephemeral/timeouts"
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

// websetItemsEphemeralModel is the data source's query, with the ephemeral
// resource's own timeouts (open).
type websetItemsEphemeralModel struct {
	websetItemsQuery
	Timeouts etimeouts.Value `tfsdk:"timeouts"`
}

func (r *websetItemsEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_webset_items"
}

// Schema is the data source's, attribute for attribute, but for timeouts:
// an ephemeral resource's operation is open.
func (r *websetItemsEphemeralResource) Schema(ctx context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	var ds datasource.SchemaResponse
	(&websetItemsDataSource{}).Schema(ctx, datasource.SchemaRequest{}, &ds)
	delete(ds.Schema.Attributes, "timeouts")
	attrs, diags := ephemeralAttributes(ds.Schema.Attributes)
	resp.Diagnostics.Append(diags...)
	attrs["timeouts"] = etimeouts.Attributes(ctx)
	if to, ok := attrs["timeouts"].(schema.SingleNestedAttribute); ok {
		to.MarkdownDescription = "`open`: how long `wait_for_idle` may wait, as a duration such as `30m`. Defaults to 30 minutes."
		if open, ok := to.Attributes["open"].(schema.StringAttribute); ok {
			open.MarkdownDescription = timeoutDescription("wait_for_idle")
			to.Attributes = map[string]schema.Attribute{"open": open}
		}
		attrs["timeouts"] = to
	}
	attrs["wait_for_idle"] = schema.BoolAttribute{MarkdownDescription: waitForIdleDescription("open"), Optional: true}
	if t, ok := attrs["timeout"].(schema.StringAttribute); ok {
		t.MarkdownDescription = "Deprecated: use `timeouts = { open = \"30m\" }`. How long `wait_for_idle` may wait; `timeouts.open` wins when both are set."
		t.DeprecationMessage = `Use timeouts = { open = "30m" } instead: timeout will be removed in the next major version.`
		attrs["timeout"] = t
	}
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
	var m websetItemsEphemeralModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	limit, ok := idleLimit(ctx, m.idleInputs, m.Timeouts.Open, &resp.Diagnostics)
	if ok && readItems(ctx, r.data, &m.websetItemsQuery, limit, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.Result.Set(ctx, m)...)
	}
}
