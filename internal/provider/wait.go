package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// polling bounds the wait between two reads of a search that create waits
// for (wait_for_completion).
type polling struct {
	min, max time.Duration
	// notFoundGrace is how long after a create a 404 is taken as Exa not
	// having caught up yet, rather than as the search being gone.
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

// waitForSearch polls a search until it completes or is canceled, or ctx
// ends. It returns the last search it read, which is never nil when err is
// nil.
func waitForSearch(ctx context.Context, client *exa.Client, p polling, websetID string, s *exa.Search) (*exa.Search, error) {
	created := p.now()
	wait := time.Duration(0)
	polls := 0
	for !exa.SearchFinished(s.Status) {
		wait = p.next(s.Progress, wait)
		if err := p.sleep(ctx, wait); err != nil {
			return s, fmt.Errorf("search %s is still %s after %d polls: %w", s.ID, s.Status, polls, err)
		}
		polls++
		next, err := client.GetSearch(ctx, websetID, s.ID)
		switch {
		case exa.IsNotFound(err) && p.now().Sub(created) < p.notFoundGrace:
			tflog.Debug(ctx, "search not visible yet, polling again", map[string]any{"search_id": s.ID})
			continue
		case err != nil:
			return s, err
		}
		s = next
		logProgress(ctx, s, polls)
	}
	return s, nil
}

func logProgress(ctx context.Context, s *exa.Search, polls int) {
	fields := map[string]any{"search_id": s.ID, "status": s.Status, "polls": polls}
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
