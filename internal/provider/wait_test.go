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
			polls := env.mock.Count("GET", "/v0/websets/*")
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

// eventClock is a fake clock for many waiters at once: time stands still
// while any of them works, and moves to the soonest wake-up once all of
// them sleep, so a test of concurrent waiting is exact and instant.
type eventClock struct {
	mu       sync.Mutex
	now      time.Time
	active   int
	sleepers []*sleeper
}

type sleeper struct {
	wake time.Time
	ch   chan struct{}
}

func (c *eventClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// join counts a goroutine that will work and sleep on the clock; leave
// ends it.
func (c *eventClock) join(n int) {
	c.mu.Lock()
	c.active += n
	c.mu.Unlock()
}

func (c *eventClock) leave() {
	c.mu.Lock()
	c.active--
	c.advance()
	c.mu.Unlock()
}

func (c *eventClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	s := &sleeper{wake: c.now.Add(d), ch: make(chan struct{})}
	c.sleepers = append(c.sleepers, s)
	c.active--
	c.advance()
	c.mu.Unlock()
	<-s.ch
	return ctx.Err()
}

// advance wakes the soonest sleepers once nobody works; c.mu is held.
func (c *eventClock) advance() {
	if c.active > 0 || len(c.sleepers) == 0 {
		return
	}
	soonest := c.sleepers[0].wake
	for _, s := range c.sleepers {
		if s.wake.Before(soonest) {
			soonest = s.wake
		}
	}
	if soonest.After(c.now) {
		c.now = soonest
	}
	kept := c.sleepers[:0]
	for _, s := range c.sleepers {
		if s.wake.After(c.now) {
			kept = append(kept, s)
			continue
		}
		c.active++
		close(s.ch)
	}
	c.sleepers = kept
}

// Waiters of one webset share one GET of it per round, however many they
// are; waiters in another webset, whose searches finish sooner, finish
// then, without waiting for the first webset's. Each waiter logs its own
// progress; none reads its search alone.
func TestWaitForSearch_waitersOfAWebsetShareOneGETPerRound(t *testing.T) {
	run := func(t *testing.T, perWebset int) (slowGETs, fastGETs int, fastDone time.Duration) {
		clock := &eventClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		env := newTestEnv(t, examock.Options{})
		env.mock.SetClock(clock.Now)
		slow, fast := env.mock.CreateWebset(""), env.mock.CreateWebset("")
		client, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url, RequestsPerSecond: -1})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		start := clock.Now()
		type waiter struct {
			ws string
			s  *exa.Search
		}
		var waiters []waiter
		for _, w := range []struct {
			ws, after string
		}{{slow, "after:10m"}, {fast, "after:30s"}} {
			for range perWebset {
				s, err := client.CreateSearch(ctx, w.ws, &exa.CreateSearchRequest{Query: "q", Count: 1, Metadata: map[string]string{examock.LifecycleMetadataKey: w.after}})
				if err != nil {
					t.Fatal(err)
				}
				waiters = append(waiters, waiter{w.ws, s})
			}
		}
		env.mock.ResetLog()
		p := defaultPolling()
		p.sleep, p.now = clock.Sleep, clock.Now
		var wg sync.WaitGroup
		var mu sync.Mutex
		clock.join(len(waiters))
		for _, w := range waiters {
			wg.Go(func() {
				defer clock.leave()
				s, err := waitForSearch(ctx, client, p, w.ws, w.s)
				if err != nil || s.Status != exa.SearchCompleted {
					t.Errorf("wait: %v, %+v", err, s)
				}
				if w.ws == fast {
					mu.Lock()
					fastDone = max(fastDone, clock.Now().Sub(start))
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if n := env.mock.Count("GET", "/v0/websets/*/searches/*"); n != 0 {
			t.Errorf("%d searches were read alone; they are all in their webset's answer", n)
		}
		return env.mock.Count("GET", "/v0/websets/"+slow), env.mock.Count("GET", "/v0/websets/"+fast), fastDone
	}
	slowAlone, fastAlone, _ := run(t, 1)
	slowGETs, fastGETs, fastDone := run(t, 10)
	if slowGETs != slowAlone || fastGETs != fastAlone {
		t.Errorf("10 waiters per webset sent %d and %d GETs; one waiter alone sends %d and %d: each round must cost one GET per webset", slowGETs, fastGETs, slowAlone, fastAlone)
	}
	// The fast webset's searches finish after 30 s: its waiters notice
	// within a round or two, while the slow webset's run for 10 minutes.
	if fastDone > 40*time.Second {
		t.Errorf("the fast webset's waiters finished after %s: they waited on the slow webset", fastDone)
	}
	t.Logf("GETs per webset: %d (slow, 10 min) and %d (fast, 30 s), whether 1 or 10 waiters; fast waiters done at %s", slowGETs, fastGETs, fastDone)
}

// A search that its webset's answer lacks (a list that lags) is read by its
// own GET, and not taken as gone.
func TestWaitForSearch_missingFromTheWebsetIsConfirmedByItsOwnGET(t *testing.T) {
	env := newTestEnv(t, examock.Options{Lifecycle: examock.Lifecycle{CompleteAfterReads: 2}})
	ws := env.mock.CreateWebset("")
	client, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	s, err := client.CreateSearch(context.Background(), ws, &exa.CreateSearchRequest{Query: "q", Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	// The webset's answer lags: it does not list the search.
	env.url = withoutField(t, env.mock, "searches")
	lagging, err := exa.NewClient(exa.Config{APIKey: testAPIKey, BaseURL: env.url, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	p := defaultPolling()
	p.min, p.max = time.Millisecond, 5*time.Millisecond
	got, err := waitForSearch(context.Background(), lagging, p, ws, s)
	if err != nil || got.Status != exa.SearchCompleted {
		t.Fatalf("wait: %v, %+v", err, got)
	}
	if n := env.mock.Count("GET", "/v0/websets/*/searches/*"); n == 0 {
		t.Error("the search missing from its webset's answer was not read by its own GET")
	}
}
