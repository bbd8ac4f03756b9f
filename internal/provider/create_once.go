package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// maxCreateAttempts bounds how often a create is sent after earlier tries
// were shown not to have made anything.
const maxCreateAttempts = 8

// createOnce makes sure that a create is neither repeated blindly nor lost.
// It may return an object with an error: an object that exists at Exa and
// that the caller must record in state, where the error taints it.
// When a create may have reached Exa but its answer was lost (an
// *exa.AmbiguousError), find looks for what it would have made: that is
// adopted, and only when nothing is found is the create sent again.
//
// find returns nil, nil when there is nothing. It is tried again, with the
// client's backoff, until the create's own deadline (lookFor): one call's
// retries can be outlasted by the outage that lost the answer. When the
// create's deadline is what ended, find gets a short deadline of its own,
// so that a thing that was made is still found rather than orphaned. clue
// says what to look for (kind, webset, the fields that identify it) when
// the provider cannot tell.
func createOnce[T any](ctx context.Context, client *exa.Client, what, clue string, create, find func(context.Context) (*T, error)) (*T, error) {
	started := time.Now()
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
		found, findErr := lookFor(lookCtx, client, what, find)
		var taken *exa.ExternalIDTakenError
		var undeleted *undeletedError[T]
		var cannot cannotLookError
		switch {
		case errors.As(findErr, &taken):
			// Not a failed check but its answer: the object that holds the
			// create's unique key is somebody else's.
			return nil, findErr
		case errors.As(findErr, &undeleted):
			// The lost create's object is known but could not be deleted:
			// the caller records it (tainted) so that it is not left
			// untracked at Exa.
			return undeleted.found, findErr
		case errors.As(findErr, &cannot):
			// Nothing to look by, now or at the next refresh: no placeholder.
			return nil, fmt.Errorf("%w\n\nThe provider cannot tell whether Exa made the %s: %v. Look at Exa for %s, made at or after %s, before you apply again",
				err, what, findErr, clue, started.UTC().Add(-time.Second).Format(time.RFC3339))
		case findErr != nil:
			return nil, &unresolvedError{since: started, err: fmt.Errorf("%w\n\nExa may have made the %s, and the provider could not look for it until the create's deadline (%v): "+
				"what to look for is %s, made at or after %s. "+
				"A placeholder is recorded in state, tainted: the next refresh looks for it again, and the next apply replaces what it finds, or creates the %s if Exa holds none",
				err, what, findErr, clue, started.UTC().Add(-time.Second).Format(time.RFC3339), what)}
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

// lookupWindow bounds how long the look-up after a lost create goes on when
// the create's context has no deadline of its own (a resource without
// timeouts): long enough to outlast the outage that lost the answer, which
// one call's retries (15 to 31 s) may not.
const lookupWindow = 2 * time.Minute

// lookFor runs find until it answers, or until ctx's deadline (lookupWindow
// when it has none), waiting the client's backoff between tries. An answer
// that is not a failed check (somebody else's object, or an object found
// that could not be deleted) ends it at once.
func lookFor[T any](ctx context.Context, client *exa.Client, what string, find func(context.Context) (*T, error)) (*T, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, lookupWindow)
		defer cancel()
	}
	for n := 0; ; n++ {
		found, err := find(ctx)
		var taken *exa.ExternalIDTakenError
		var undeleted *undeletedError[T]
		var cannot cannotLookError
		if err == nil || errors.As(err, &taken) || errors.As(err, &undeleted) || errors.As(err, &cannot) || ctx.Err() != nil {
			return found, err
		}
		wait := client.RetryWait(n)
		tflog.Warn(ctx, "could not look for the "+what+" that a lost create may have made; looking again", map[string]any{"error": err.Error(), "wait": wait.String()})
		if exa.Sleep(ctx, wait) != nil {
			return nil, err
		}
	}
}

// cannotLookError is a find that has nothing to look by: trying again
// cannot help.
type cannotLookError string

func (e cannotLookError) Error() string { return string(e) }

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
			return nil, &undeletedError[T]{found: found, err: fmt.Errorf(
				"the lost create made the %s %s at Exa, but its create answer was lost, and deleting it to create it afresh failed: %w. "+
					"It is recorded in state as tainted, so that it is not left behind: the next apply deletes it and creates the %s again",
				what, id(found), err, what)}
		}
		return nil, nil
	}
}

// undeletedError is a discardLost whose delete failed: createOnce returns
// the object found with it, and the resource's Create records that object
// in state with the error, which taints it.
type undeletedError[T any] struct {
	found *T
	err   error
}

func (e *undeletedError[T]) Error() string { return e.err.Error() }
func (e *undeletedError[T]) Unwrap() error { return e.err }
