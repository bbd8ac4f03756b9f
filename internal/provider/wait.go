package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// Waiting: for a search or an enrichment to finish (wait_for_completion),
// and for a webset to go idle (wait_for_idle). Every waiter in a webset
// reads the webset's answer, one GET per round for all of them
// (exa.Client.WebsetRound): a webset's answer carries its searches and
// enrichments in full.

// createDeadline bounds a create that may wait (timeouts.create, default
// 30 minutes): the context to create and wait under, and its cancel. It
// reports false, with the diagnostics, when timeouts.create is invalid.
func createDeadline(ctx context.Context, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	timeout, d := t.Create(ctx, defaultCreateTimeout)
	diags.Append(d...)
	if diags.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, cancel, true
}

// polling bounds the wait between two reads of what a waiter waits for.
type polling struct {
	min, max time.Duration
	// notFoundGrace is how long after a create a 404 is taken as Exa not
	// having caught up yet, rather than as the object being gone.
	notFoundGrace time.Duration
	// sleep and now are the clock; tests replace them with a fake one.
	sleep func(context.Context, time.Duration) error
	now   func() time.Time
}

func defaultPolling() polling {
	return polling{min: 2 * time.Second, max: 60 * time.Second, notFoundGrace: 30 * time.Second, sleep: exa.Sleep, now: time.Now}
}

// next is the wait before the next poll. When Exa estimates the time left,
// the poll comes at half of it, so that completion is noticed soon without
// polling often; otherwise the wait doubles from min. Both are clamped to
// [min, max].
func (p polling) next(progress *exa.Progress, prev time.Duration) time.Duration {
	var d time.Duration
	if progress != nil && progress.TimeLeft != nil && *progress.TimeLeft > 0 {
		d = time.Duration(*progress.TimeLeft * float64(time.Second) / 2)
	} else {
		d = prev * 2
	}
	return min(max(d, p.min), p.max)
}

// Rounds are the ticks of one grid of p.min, counted from the Unix epoch,
// so that every waiter of a process agrees on them. A waiter that is due at
// t polls at the first tick at or after t: the waiters of one webset whose
// polls fall within the same tick wake together and share its GET. Waiting
// for the tick adds at most p.min to a wait.
func (p polling) round(t time.Time) int64 {
	tick := int64(p.min)
	return (t.UnixNano() + tick - 1) / tick
}

func (p polling) roundTime(r int64) time.Time { return time.Unix(0, r*int64(p.min)) }

// websetWaiter says how to wait for one object T of a webset.
type websetWaiter[T any] struct {
	what, id string
	// find is the object in the webset's answer, if it is there.
	find func(*exa.Webset) (*T, bool)
	// own reads the object by its own GET: when the webset's answer lacks
	// it, that confirms it before it is taken as gone, as refresh does.
	own      func(context.Context) (*T, error)
	finished func(*T) bool
	progress func(*T) *exa.Progress
	// log writes the waiter's line of a round at INFO.
	log func(context.Context, *T, int)
}

// waitInWebset waits until w.finished says obj is done, or ctx ends. It
// returns the last obj it read, never nil when err is nil; on an error
// too, obj is the last one seen.
func waitInWebset[T any](ctx context.Context, client *exa.Client, p polling, websetID string, obj *T, w websetWaiter[T]) (*T, error) {
	created := p.now()
	wait := time.Duration(0)
	rounds := 0
	for !w.finished(obj) {
		wait = p.next(w.progress(obj), wait)
		round := p.round(p.now().Add(wait))
		if err := p.sleep(ctx, p.roundTime(round).Sub(p.now())); err != nil {
			return obj, fmt.Errorf("the %s %s is not done after %d rounds: %w", w.what, w.id, rounds, err)
		}
		rounds++
		ws, err := client.WebsetRound(ctx, websetID, round)
		if err != nil && !exa.IsNotFound(err) {
			return obj, err
		}
		next, ok := (*T)(nil), false
		if err == nil {
			next, ok = w.find(ws)
		}
		if !ok {
			tflog.Debug(ctx, "the "+w.what+" is not in its webset's answer: reading it by its own GET", map[string]any{"webset_id": websetID, "id": w.id})
			next, err = w.own(ctx)
			switch {
			case exa.IsNotFound(err) && p.now().Sub(created) < p.notFoundGrace:
				tflog.Debug(ctx, "the "+w.what+" is not visible yet, waiting for the next round", map[string]any{"id": w.id})
				continue
			case err != nil:
				return obj, err
			}
		}
		obj = next
		w.log(ctx, obj, rounds)
	}
	return obj, nil
}

// waitForSearch waits until a search completes or is canceled.
func waitForSearch(ctx context.Context, client *exa.Client, p polling, websetID string, s *exa.Search) (*exa.Search, error) {
	return waitInWebset(ctx, client, p, websetID, s, websetWaiter[exa.Search]{
		what: "search", id: s.ID,
		find: func(ws *exa.Webset) (*exa.Search, bool) {
			return findByID(ws.Searches, s.ID, func(x *exa.Search) string { return x.ID })
		},
		own:      func(ctx context.Context) (*exa.Search, error) { return client.GetSearch(ctx, websetID, s.ID) },
		finished: func(x *exa.Search) bool { return exa.SearchFinished(x.Status) },
		progress: func(x *exa.Search) *exa.Progress { return x.Progress },
		log:      logSearchProgress,
	})
}

// waitForEnrichment waits until an enrichment completes or is canceled.
// Exa reports no progress for an enrichment, so the wait doubles.
func waitForEnrichment(ctx context.Context, client *exa.Client, p polling, websetID string, e *exa.Enrichment) (*exa.Enrichment, error) {
	return waitInWebset(ctx, client, p, websetID, e, websetWaiter[exa.Enrichment]{
		what: "enrichment", id: e.ID,
		find: func(ws *exa.Webset) (*exa.Enrichment, bool) {
			return findByID(ws.Enrichments, e.ID, func(x *exa.Enrichment) string { return x.ID })
		},
		own:      func(ctx context.Context) (*exa.Enrichment, error) { return client.GetEnrichment(ctx, websetID, e.ID) },
		finished: func(x *exa.Enrichment) bool { return x.Status != exa.EnrichmentPending },
		progress: func(*exa.Enrichment) *exa.Progress { return nil },
		log: func(ctx context.Context, x *exa.Enrichment, rounds int) {
			tflog.Info(ctx, "waiting for Exa enrichment", map[string]any{"enrichment_id": x.ID, "status": x.Status, "rounds": rounds})
		},
	})
}

// waitForIdle waits until a webset is idle: its searches and enrichments
// have finished. The soonest time left of its running searches sets the
// next round.
func waitForIdle(ctx context.Context, client *exa.Client, p polling, websetID string) (*exa.Webset, error) {
	ws, err := client.GetWebset(ctx, websetID)
	if err != nil {
		return nil, err
	}
	return waitInWebset(ctx, client, p, websetID, ws, websetWaiter[exa.Webset]{
		what: "webset", id: websetID,
		find:     func(ws *exa.Webset) (*exa.Webset, bool) { return ws, true },
		own:      func(ctx context.Context) (*exa.Webset, error) { return client.GetWebset(ctx, websetID) },
		finished: func(ws *exa.Webset) bool { return ws.Status == "idle" },
		progress: soonestTimeLeft,
		log: func(ctx context.Context, ws *exa.Webset, rounds int) {
			tflog.Info(ctx, "waiting for Exa webset to go idle", map[string]any{"webset_id": ws.ID, "status": ws.Status, "rounds": rounds, "still_running": stillRunning(ws)})
		},
	})
}

// soonestTimeLeft is the progress of the running search that Exa expects
// to finish first, or nil when none says.
func soonestTimeLeft(ws *exa.Webset) *exa.Progress {
	var soonest *exa.Progress
	for i := range ws.Searches {
		pr := ws.Searches[i].Progress
		if exa.SearchFinished(ws.Searches[i].Status) || pr == nil || pr.TimeLeft == nil {
			continue
		}
		if soonest == nil || *pr.TimeLeft < *soonest.TimeLeft {
			soonest = pr
		}
	}
	return soonest
}

// stillRunning says what keeps a webset from being idle: its running
// searches with their progress, and its pending enrichments.
func stillRunning(ws *exa.Webset) string {
	var parts []string
	for _, s := range ws.Searches {
		if exa.SearchFinished(s.Status) {
			continue
		}
		part := fmt.Sprintf("search %s (%s", s.ID, s.Status)
		if pr := s.Progress; pr != nil {
			part += fmt.Sprintf(", %.0f%% done, %.0f found", pr.Completion, pr.Found)
			if pr.TimeLeft != nil {
				part += fmt.Sprintf(", about %.0f s left", *pr.TimeLeft)
			}
		}
		parts = append(parts, part+")")
	}
	for _, e := range ws.Enrichments {
		if e.Status == exa.EnrichmentPending {
			parts = append(parts, fmt.Sprintf("enrichment %s (%s)", e.ID, e.Status))
		}
	}
	if len(parts) == 0 {
		return "nothing Exa reports (the webset is " + ws.Status + ")"
	}
	return strings.Join(parts, "; ")
}

// findByID is the element of list with this id, as a copy.
func findByID[T any](list []T, id string, idOf func(*T) string) (*T, bool) {
	i := slices.IndexFunc(list, func(x T) bool { return idOf(&x) == id })
	if i < 0 {
		return nil, false
	}
	found := list[i]
	return &found, true
}

func logSearchProgress(ctx context.Context, s *exa.Search, rounds int) {
	fields := map[string]any{"search_id": s.ID, "status": s.Status, "rounds": rounds}
	if pr := s.Progress; pr != nil {
		fields["found"] = pr.Found
		fields["analyzed"] = pr.Analyzed
		fields["completion_percent"] = pr.Completion
		if pr.TimeLeft != nil {
			fields["time_left_seconds"] = *pr.TimeLeft
		}
	}
	tflog.Info(ctx, "waiting for Exa search", fields)
}
