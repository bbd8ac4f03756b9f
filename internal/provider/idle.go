package provider

// wait_for_idle and timeout: the attributes with which a data source that
// reads a webset (exa_webset, exa_webset_items) first waits for it to go
// idle, as Exa's SDKs do with waitUntilIdle.

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

const defaultIdleTimeout = 30 * time.Minute

// idleAttributes are wait_for_idle and timeout, for a data source schema.
func idleAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"wait_for_idle": schema.BoolAttribute{
			MarkdownDescription: "Wait until the webset is `idle` (its searches and enrichments have finished) before reading it, within `timeout`. " +
				"Make the data source depend on the searches and enrichments (`depends_on`), so that it is read in the apply, after they exist. " +
				"When the time runs out, the read fails with what is still running. Defaults to `false`.",
			Optional: true,
		},
		"timeout": schema.StringAttribute{
			MarkdownDescription: "How long `wait_for_idle` may wait, as a duration such as `30m`. Defaults to 30 minutes.",
			Optional:            true,
			Validators:          []validator.String{durationBetween(time.Second, 24*time.Hour)},
		},
	}
}

// waitIdleIfAsked waits for the webset to go idle when wait_for_idle
// (enabled) is true, within timeout, and returns the idle webset: the
// answer of the round that saw it idle, never an older snapshot. It returns
// nil when not asked to wait. ok is false, with an error that says what is
// still running, when the webset did not go idle.
func waitIdleIfAsked(ctx context.Context, data *providerData, websetID string, enabled types.Bool, timeout types.String, diags *diag.Diagnostics) (idle *exa.Webset, ok bool) {
	if !enabled.ValueBool() {
		return nil, true
	}
	limit := defaultIdleTimeout
	if isKnown(timeout) {
		d, err := parseDuration(timeout.ValueString(), time.Second, 24*time.Hour)
		if err != nil {
			diags.AddAttributeError(path.Root("timeout"), "Invalid timeout", "timeout "+err.Error())
			return nil, false
		}
		limit = d
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	ws, err := waitForIdle(ctx, data.client, data.poll, websetID)
	switch {
	case err == nil:
		return ws, true
	case ws != nil && errors.Is(err, context.DeadlineExceeded):
		diags.AddError("The Exa webset did not go idle in time",
			fmt.Sprintf("The webset %s is still %s after %s: %s. Raise timeout to wait longer.", websetID, ws.Status, limit, stillRunning(ws)))
	default:
		diags.AddError("Could not wait for the Exa webset to go idle", err.Error())
	}
	return nil, false
}
