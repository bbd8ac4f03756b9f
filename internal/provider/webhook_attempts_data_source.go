package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

var (
	_ datasource.DataSource              = (*webhookAttemptsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*webhookAttemptsDataSource)(nil)
)

// NewWebhookAttemptsDataSource is the exa_webhook_attempts data source.
func NewWebhookAttemptsDataSource() datasource.DataSource {
	return &webhookAttemptsDataSource{dataSourceBase{typeName: "webhook_attempts"}}
}

type webhookAttemptsDataSource struct{ dataSourceBase }

type webhookAttemptsModel struct {
	WebhookID types.String `tfsdk:"webhook_id"`
	EventType types.String `tfsdk:"event_type"`
	Limit     types.Int64  `tfsdk:"limit"`
	Attempts  types.List   `tfsdk:"attempts"`
}

// attemptModel is one element of attempts.
type attemptModel struct {
	ID                 types.String `tfsdk:"id"`
	EventID            types.String `tfsdk:"event_id"`
	EventType          types.String `tfsdk:"event_type"`
	URL                types.String `tfsdk:"url"`
	Successful         types.Bool   `tfsdk:"successful"`
	ResponseStatusCode types.Int64  `tfsdk:"response_status_code"`
	ResponseBody       types.String `tfsdk:"response_body"`
	Attempt            types.Int64  `tfsdk:"attempt"`
	AttemptedAt        types.String `tfsdk:"attempted_at"`
}

func (d *webhookAttemptsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists a webhook's delivery attempts, newest first: how to see what Exa sent to your endpoint, and how it answered.",
		Attributes: map[string]schema.Attribute{
			"webhook_id": schema.StringAttribute{MarkdownDescription: "ID of the webhook.", Required: true},
			"event_type": schema.StringAttribute{
				MarkdownDescription: "Only the attempts for this event type.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(exa.EventTypes()...)},
			},
			"limit": schema.Int64Attribute{
				MarkdownDescription: "Read at most this many attempts (default 100).",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"attempts": schema.ListNestedAttribute{
				MarkdownDescription: "The attempts, newest first.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                   str("The attempt's ID."),
					"event_id":             str("ID of the event delivered."),
					"event_type":           str("Type of the event delivered."),
					"url":                  str("Where it was sent."),
					"successful":           schema.BoolAttribute{MarkdownDescription: "Whether the endpoint accepted it.", Computed: true},
					"response_status_code": schema.Int64Attribute{MarkdownDescription: "The endpoint's HTTP status.", Computed: true},
					"response_body":        str("The endpoint's answer, if any."),
					"attempt":              schema.Int64Attribute{MarkdownDescription: "Which try this was for the event, from 1.", Computed: true},
					"attempted_at":         str("When it was sent (RFC 3339)."),
				}},
			},
		},
	}
}

func (d *webhookAttemptsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m webhookAttemptsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	limit := 100
	if tfmodel.IsKnown(m.Limit) {
		limit = int(m.Limit.ValueInt64())
	}
	attempts, err := d.data.client.WebhookAttempts(ctx, m.WebhookID.ValueString(), m.EventType.ValueString(), limit)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the webhook's attempts", err.Error())
		return
	}
	m.Attempts = flattenAttempts(attempts)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func flattenAttempts(list []exa.WebhookAttempt) types.List {
	out := make([]attemptModel, len(list))
	for i, a := range list {
		out[i] = attemptModel{
			ID: types.StringValue(a.ID), EventID: types.StringValue(a.EventID), EventType: types.StringValue(a.EventType),
			URL: types.StringValue(a.URL), Successful: types.BoolValue(a.Successful),
			ResponseStatusCode: types.Int64Value(roundInt(a.ResponseStatusCode)), ResponseBody: tfmodel.StringOrNull(a.ResponseBody),
			Attempt: types.Int64Value(roundInt(a.Attempt)), AttemptedAt: tfmodel.StringOrNull(&a.AttemptedAt),
		}
	}
	return tfmodel.List(out)
}
