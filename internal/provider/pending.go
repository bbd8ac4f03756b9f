package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A create whose answer was lost, and whose look-up (createOnce) could not
// tell before the create's deadline whether Exa made the object, leaves a
// placeholder in state: the plan's values, with what Exa would have filled
// in null, and an id that records when the create was sent. The create's
// error taints it. The next refresh resolves it: the resource's Read looks
// again (resolvePending), and either puts what it finds in state (the
// taint then replaces it, so exactly one object is left) or removes the
// placeholder, so that the plan creates the object.
//
// Why a placeholder: only state goes from one run to the next, so it is
// the one way for the next apply to know that it must look before it
// creates again. Looking before every create instead would cost every
// create a request that finds nothing almost always.

// pendingPrefix starts the id of a placeholder; the time the create was
// sent follows it.
const pendingPrefix = "pending-lookup:"

// unresolvedError is a create whose outcome the look-up could not tell.
type unresolvedError struct {
	err   error
	since time.Time
}

func (e *unresolvedError) Error() string { return e.err.Error() }
func (e *unresolvedError) Unwrap() error { return e.err }

// recordUnresolved puts the placeholder of an unresolved create in state,
// when err is one: the plan with every unknown value null, and the
// placeholder id.
func recordUnresolved(ctx context.Context, err error, plan tfsdk.Plan, state *tfsdk.State) diag.Diagnostics {
	var unresolved *unresolvedError
	if !errors.As(err, &unresolved) {
		return nil
	}
	raw, terr := tftypes.Transform(plan.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if terr != nil {
		var diags diag.Diagnostics
		diags.AddError("Could not record the unresolved create", terr.Error())
		return diags
	}
	state.Raw = raw
	return state.SetAttribute(ctx, path.Root("id"), pendingPrefix+unresolved.since.UTC().Format(time.RFC3339Nano))
}

// pendingSince reads a placeholder id: when the create was sent.
func pendingSince(id string) (time.Time, bool) {
	rest, ok := strings.CutPrefix(id, pendingPrefix)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, rest)
	return t, err == nil
}

// resolvePending is Read for a placeholder: found is what find returned
// for the create's body, looked for since the create was sent. It puts
// the object in state (set), or removes the placeholder when Exa holds
// none. It reports whether it handled the read: false for a state that is
// no placeholder.
func resolvePending[T any](ctx context.Context, what, id string, resp *resource.ReadResponse, find func(since time.Time) (*T, error), set func(*T) diag.Diagnostics) bool {
	since, ok := pendingSince(id)
	if !ok {
		return false
	}
	found, err := find(since)
	var undeleted *undeletedError[T]
	switch {
	case errors.As(err, &undeleted):
		// Found, but it could not be deleted to be made afresh: it takes
		// the placeholder's place, and stays tainted.
		resp.Diagnostics.Append(set(undeleted.found)...)
		resp.Diagnostics.AddError("Could not delete the Exa "+what+" that a lost create made", err.Error())
	case err != nil:
		resp.Diagnostics.AddError("Could not look for the Exa "+what+" that a lost create may have made",
			fmt.Sprintf("%s\n\nThe placeholder stays in state until a refresh can tell.", err))
	case found == nil:
		resp.Diagnostics.AddWarning("The lost create of an Exa "+what+" made nothing",
			fmt.Sprintf("Exa holds no %s that the create sent at %s made: the placeholder leaves state, and the next apply creates the %s.", what, since.Format(time.RFC3339), what))
		resp.State.RemoveResource(ctx)
	default:
		resp.Diagnostics.Append(set(found)...)
	}
	return true
}

// pendingDelete is Delete for a placeholder, which only a destroy without
// refresh meets: it cannot know what to delete, so it asks for a refresh.
func pendingDelete(what, id string, resp *resource.DeleteResponse) bool {
	if _, ok := pendingSince(id); !ok {
		return false
	}
	resp.Diagnostics.AddError("The Exa "+what+" is not resolved yet",
		"A create whose answer was lost left a placeholder that a refresh resolves: run the destroy again with refresh on (the default), so that the provider can look for what the create made and delete it.")
	return true
}
