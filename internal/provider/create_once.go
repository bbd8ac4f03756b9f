package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// maxCreateAttempts bounds how often a create is sent after earlier tries
// were shown not to have made anything.
const maxCreateAttempts = 8

// createOnce makes sure that a create is neither repeated blindly nor lost.
// When a create may have reached Exa but its answer was lost (an
// *exa.AmbiguousError), find looks for what it would have made: that is
// adopted, and only when nothing is found is the create sent again.
//
// find returns nil, nil when there is nothing. When the create's own
// deadline is what ended, find gets a short deadline of its own, so that a
// thing that was made is still found rather than orphaned.
func createOnce[T any](ctx context.Context, what string, create, find func(context.Context) (*T, error)) (*T, error) {
	for attempt := 1; ; attempt++ {
		made, err := create(ctx)
		if err == nil || !exa.IsAmbiguous(err) {
			return made, err
		}
		tflog.Warn(ctx, "the outcome of the create is unknown; looking for the "+what+" before trying again", map[string]any{"error": err.Error(), "attempt": attempt})
		lookCtx := ctx
		if ctx.Err() != nil {
			var cancel context.CancelFunc
			lookCtx, cancel = context.WithTimeout(context.WithoutCancel(ctx), lookupAfterDeadline)
			defer cancel()
		}
		found, findErr := find(lookCtx)
		switch {
		case findErr != nil:
			return nil, fmt.Errorf("%w\n\nThe provider could not check whether Exa made the %s (%v): look before you apply again", err, what, findErr)
		case found != nil:
			tflog.Info(ctx, "adopted the "+what+" that the ambiguous create made", nil)
			return found, nil
		case ctx.Err() != nil || attempt >= maxCreateAttempts:
			return nil, err
		}
		// Nothing was made: it is safe to send the create again.
		if err := exa.Sleep(ctx, time.Duration(attempt)*100*time.Millisecond); err != nil {
			return nil, err
		}
	}
}

// lookupAfterDeadline bounds the look-up for a create whose answer was
// lost, once the create's own deadline has passed.
const lookupAfterDeadline = 5 * time.Second

// discardLost is the look-up for objects whose create answer alone carries
// something the provider must keep: a webhook's secret, an import's upload
// URL. Adopting such an object from a list would leave that out, so what
// the lost create made is deleted instead, and createOnce sends the create
// again: exactly one object is left, and it is the one in state.
func discardLost[T any](what string, find func(context.Context) (*T, error), id func(*T) string, del func(context.Context, string) error) func(context.Context) (*T, error) {
	return func(ctx context.Context) (*T, error) {
		found, err := find(ctx)
		if err != nil || found == nil {
			return nil, err
		}
		tflog.Info(ctx, "deleting the "+what+" that the ambiguous create made: its create answer was lost", map[string]any{"id": id(found)})
		if err := del(ctx, id(found)); err != nil && !exa.IsNotFound(err) {
			return nil, fmt.Errorf("deleting the %s %s that the lost create made: %w", what, id(found), err)
		}
		return nil, nil
	}
}
