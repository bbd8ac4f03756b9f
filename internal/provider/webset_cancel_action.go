package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

var (
	_ action.Action              = (*websetCancelAction)(nil)
	_ action.ActionWithConfigure = (*websetCancelAction)(nil)
)

// NewWebsetCancelAction is exa_webset_cancel: the brake on a webset's
// spending.
func NewWebsetCancelAction() action.Action {
	return &websetCancelAction{actionBase{typeName: "webset_cancel"}}
}

type websetCancelAction struct{ actionBase }

type websetCancelModel struct {
	WebsetID types.String `tfsdk:"webset_id"`
}

func (a *websetCancelAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Stops what a webset is spending: cancels every search and enrichment of the webset that is still running, with one `POST /v0/websets/{id}/cancel`. " +
			"A brake for when a bill grows, on Terraform 1.14 or later: `terraform apply -invoke=action.exa_webset_cancel.<name>`, or from a resource's `action_trigger`. " +
			"It changes nothing in state. The next plan reads the canceled searches and enrichments as it reads a cancel made in the dashboard: those whose configuration says `canceled = false` are planned to start again, which Exa bills again, with a warning. Set `canceled = true` on them to keep them stopped.",
		Attributes: map[string]schema.Attribute{
			"webset_id": schema.StringAttribute{
				MarkdownDescription: "The ID or external ID of the webset to stop.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

func (a *websetCancelAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg websetCancelModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ws, err := a.data.client.CancelWebset(ctx, cfg.WebsetID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Could not cancel the Exa webset", err.Error())
		return
	}
	searches, enrichments := 0, 0
	for _, s := range ws.Searches {
		if s.Status == exa.SearchCanceled {
			searches++
		}
	}
	for _, e := range ws.Enrichments {
		if e.Status == exa.EnrichmentCanceled {
			enrichments++
		}
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(
		"Canceled the webset %s: %d of its %d searches and %d of its %d enrichments are canceled, and nothing of it runs now. Set canceled = true on those you keep stopped, or the next apply starts them again.",
		ws.ID, searches, len(ws.Searches), enrichments, len(ws.Enrichments))})
}
