package provider

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

func TestPollingUsesTimeLeft(t *testing.T) {
	p := defaultPolling()
	left := func(s float64) *exa.Progress { return &exa.Progress{TimeLeft: &s} }
	for _, c := range []struct {
		progress *exa.Progress
		prev     time.Duration
		want     time.Duration
	}{
		{left(60), 0, 30 * time.Second},          // half the time left
		{left(1), 0, 2 * time.Second},            // never below 2 s
		{left(3600), 0, 60 * time.Second},        // never above 60 s
		{nil, 0, 2 * time.Second},                // unknown: start at the minimum
		{nil, 8 * time.Second, 16 * time.Second}, // then double
		{&exa.Progress{}, 40 * time.Second, 60 * time.Second},
	} {
		if got := p.next(c.progress, c.prev); got != c.want {
			t.Errorf("next(%+v, %s) = %s, want %s", c.progress, c.prev, got, c.want)
		}
	}
}

// fakeClock is a clock shared by the mock and the waiter: sleeping advances
// it at once, so a ten-minute search is waited for in microseconds.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

// Waiting polls at about half of Exa's estimate of the time left: it notices
// completion within max(2 s, 10% of T), and a ten-minute search takes at
// most 25 polls.
func TestWaitForSearch_usesTimeLeft(t *testing.T) {
	for _, total := range []time.Duration{10 * time.Second, time.Minute, 10 * time.Minute, time.Hour} {
		t.Run(total.String(), func(t *testing.T) {
			clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{CompleteAfter: total}})
			env.mock.SetClock(clock.Now)
			ws := env.mock.CreateWebset("")
			client, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url, RequestsPerSecond: -1})
			if err != nil {
				t.Fatal(err)
			}
			start := clock.Now()
			s, err := client.CreateSearch(context.Background(), ws, &exa.CreateSearchRequest{Query: "q", Count: 1})
			if err != nil {
				t.Fatal(err)
			}
			p := defaultPolling()
			p.sleep, p.now = clock.Sleep, clock.Now
			s, err = waitForSearch(context.Background(), client, p, ws, s)
			if err != nil || s.Status != exa.SearchCompleted {
				t.Fatalf("wait: %v, %+v", err, s)
			}
			late := clock.Now().Sub(start) - total
			polls := env.mock.Count("GET", "/v0/websets/*/searches/*")
			if allowed := max(2*time.Second, total/10); late > allowed {
				t.Errorf("noticed completion %s late, more than %s", late, allowed)
			}
			if total == 10*time.Minute && polls > 25 {
				t.Errorf("%d polls for a ten-minute search", polls)
			}
			t.Logf("T=%s: %d polls, noticed %s after completion", total, polls, late)
		})
	}
}
