package provider

// wait_for_idle and timeouts: the attributes with which a reader of a
// webset (the exa_webset and exa_webset_items data sources, the
// exa_webset_items ephemeral resource) first waits for it to go idle, as
// Exa's SDKs do with waitUntilIdle.

import (
	"context"
	"errors"
	"fmt"
	"time"

	dstimeouts "github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
	"github.com/exa-community/terraform-provider-exa/internal/validators"
)

const defaultIdleTimeout = 30 * time.Minute

// idleInputs are wait_for_idle and the deprecated timeout: the inputs of
// the wait that every reader of a webset shares. Its limit comes from the
// reader's own timeouts (read for a data source, open for the ephemeral
// resource), which the reader's model carries.
type idleInputs struct {
	WaitForIdle types.Bool   `tfsdk:"wait_for_idle"`
	Timeout     types.String `tfsdk:"timeout"`
}

// waitForIdleDescription is wait_for_idle's, for a reader whose timeouts
// attribute bounds the wait with op (read or open).
func waitForIdleDescription(op string) string {
	return "Wait until the webset is `idle` (its searches and enrichments have finished) before reading it, within `timeouts." + op + "` (30 minutes by default). " +
		"Make it depend on the searches and enrichments (`depends_on`), so that it is read in the apply, after they exist. " +
		"When the time runs out, the read fails with what is still running. Defaults to `false`."
}

// idleAttributes are wait_for_idle and the deprecated timeout, for a data
// source schema; the data source adds its timeouts (dataSourceTimeouts).
func idleAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"wait_for_idle": schema.BoolAttribute{
			MarkdownDescription: waitForIdleDescription("read"),
			Optional:            true,
		},
		"timeout": schema.StringAttribute{
			MarkdownDescription: "Deprecated: use `timeouts = { read = \"30m\" }`. How long `wait_for_idle` may wait, as a duration such as `30m`; `timeouts.read` wins when both are set.",
			Optional:            true,
			DeprecationMessage:  `Use timeouts = { read = "30m" } instead: timeout will be removed in the next major version.`,
			Validators:          []validator.String{validators.DurationBetween(time.Second, 24*time.Hour)},
		},
	}
}

// dataSourceTimeouts is the library's timeouts attribute of a data source
// that waits, with its description.
func dataSourceTimeouts(ctx context.Context) schema.Attribute {
	a, ok := dstimeouts.Attributes(ctx).(schema.SingleNestedAttribute)
	if !ok {
		return dstimeouts.Attributes(ctx) // a newer library's shape: no description then
	}
	a.MarkdownDescription = "`read`: how long `wait_for_idle` may wait, as a duration such as `30m`. Defaults to 30 minutes."
	if read, ok := a.Attributes["read"].(schema.StringAttribute); ok {
		read.MarkdownDescription = timeoutDescription("wait_for_idle")
		a.Attributes = map[string]schema.Attribute{"read": read}
	}
	return a
}

// timeoutDescription is a timeouts attribute's own: how long what may
// take, as a duration.
func timeoutDescription(what string) string {
	return "How long `" + what + "` may wait, as a Go duration such as `30s`, `30m` or `2h45m`. Defaults to 30 minutes."
}

// idleLimit is how long the wait may take: the reader's timeouts (read
// gives it, with the deprecated timeout, or 30 minutes, as its default).
func idleLimit(ctx context.Context, in idleInputs, read func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), diags *diag.Diagnostics) (time.Duration, bool) {
	limit := defaultIdleTimeout
	if tfmodel.IsKnown(in.Timeout) {
		d, err := validators.ParseDuration(in.Timeout.ValueString(), time.Second, 24*time.Hour)
		if err != nil {
			diags.AddAttributeError(path.Root("timeout"), "Invalid timeout", "timeout "+err.Error())
			return 0, false
		}
		limit = d
	}
	limit, d := read(ctx, limit)
	diags.Append(d...)
	return limit, !d.HasError()
}

// waitIdleIfAsked waits for the webset to go idle when wait_for_idle is
// true, within limit, and returns the idle webset: the answer of the round
// that saw it idle, never an older snapshot. It returns nil when not asked
// to wait. ok is false, with an error that says what is still running,
// when the webset did not go idle.
func waitIdleIfAsked(ctx context.Context, data *providerData, websetID string, in idleInputs, limit time.Duration, diags *diag.Diagnostics) (idle *exa.Webset, ok bool) {
	if !in.WaitForIdle.ValueBool() {
		return nil, true
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	ws, err := waitForIdle(ctx, data.client, data.poll, websetID)
	switch {
	case err == nil:
		return ws, true
	case ws != nil && errors.Is(err, context.DeadlineExceeded):
		diags.AddError("The Exa webset did not go idle in time",
			fmt.Sprintf("The webset %s is still %s after %s: %s. Raise timeouts to wait longer.", websetID, ws.Status, limit, stillRunning(ws)))
	default:
		diags.AddError("Could not wait for the Exa webset to go idle", err.Error())
	}
	return nil, false
}
