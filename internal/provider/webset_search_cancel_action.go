package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ action.Action              = (*websetSearchCancelAction)(nil)
	_ action.ActionWithConfigure = (*websetSearchCancelAction)(nil)
)

// NewWebsetSearchCancelAction is exa_webset_search_cancel: the brake on one
// search.
func NewWebsetSearchCancelAction() action.Action {
	return &websetSearchCancelAction{actionBase{typeName: "webset_search_cancel"}}
}

type websetSearchCancelAction struct{ actionBase }

type websetSearchCancelModel struct {
	WebsetID types.String `tfsdk:"webset_id"`
	ID       types.String `tfsdk:"id"`
}

func (a *websetSearchCancelAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Stops one search: `POST /v0/websets/{webset}/searches/{id}/cancel`. Exa keeps what the search found so far. " +
			"On Terraform 1.14 or later: `terraform apply -invoke=action.exa_webset_search_cancel.<name>`, or from a resource's `action_trigger`. Canceling a search that has finished changes nothing. " +
			"It changes nothing in state: the next plan reads the search as canceled, as it reads a cancel made in the dashboard, and if its configuration says `canceled = false`, plans a new search, which Exa bills again, with a warning. Set `canceled = true` to keep it stopped.",
		Attributes: map[string]schema.Attribute{
			"webset_id": schema.StringAttribute{
				MarkdownDescription: "The ID or external ID of the webset the search is in.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "The ID of the search to stop.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

func (a *websetSearchCancelAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg websetSearchCancelModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s, err := a.data.client.CancelSearch(ctx, cfg.WebsetID.ValueString(), cfg.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Could not cancel the Exa search", err.Error())
		return
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(
		"The search %s is %s. Set canceled = true on it to keep it stopped, or the next apply starts a new one.", s.ID, s.Status)})
}
