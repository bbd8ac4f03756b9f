package exa

import (
	"container/heap"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// t0 is the fake clock's start.
var t0 = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)

func TestAdaptiveRate_a429CutsOnceAndPausesEveryCall(t *testing.T) {
	a := newAdaptiveRate(10)
	// Three calls in flight, all sent before the 429s come back.
	sent := t0
	now := t0.Add(50 * time.Millisecond)
	a.throttled(now, sent, time.Second)
	a.throttled(now, sent, time.Second)
	a.throttled(now.Add(time.Millisecond), sent, time.Second)
	if got, want := a.current, 10*decrease; math.Abs(got-want) > 1e-9 {
		t.Fatalf("three 429s of one congested moment: rate %.2f, want one cut to %.2f", got, want)
	}
	// Every call waits for the pause, not only the throttled one.
	if d := a.admit(now.Add(100 * time.Millisecond)); d < 900*time.Millisecond {
		t.Errorf("a call 100 ms into a 1 s pause waits %s, want about 950 ms", d)
	}
	// A 429 to a call sent after the cut is new congestion: it cuts again.
	a.throttled(now.Add(2*time.Second), now.Add(1500*time.Millisecond), time.Second)
	if got, want := a.current, 10*decrease*decrease; math.Abs(got-want) > 1e-9 {
		t.Errorf("a later 429: rate %.2f, want %.2f", got, want)
	}
}

func TestAdaptiveRate_goesBackToTheCeilingOnceThrottlingStops(t *testing.T) {
	a := newAdaptiveRate(10)
	now := t0
	for range 6 {
		now = now.Add(time.Second)
		a.throttled(now, now, time.Second)
	}
	if a.current > 1.2 {
		t.Fatalf("after six 429s the rate is %.2f, want it cut to about 1.2", a.current)
	}
	// Calls go on, paced by the limiter; none is throttled. Count the time
	// it takes to get back to the ceiling.
	start := now.Add(time.Second)
	now = start
	calls := 0
	for a.current < a.ceiling {
		for d := a.admit(now); d > 0; d = a.admit(now) {
			now = now.Add(d)
		}
		a.succeeded(now)
		if calls++; calls > 1000 {
			t.Fatalf("not back at the ceiling after %d calls: rate %.2f", calls, a.current)
		}
	}
	// Additive increase: about `increase` requests a second per second.
	want := time.Duration((10 - 1.2) / increase * float64(time.Second))
	if took := now.Sub(start); took < want/2 || took > want*3/2 {
		t.Errorf("back at the ceiling after %s and %d calls, want about %s", took, calls, want)
	}
	a.succeeded(now)
	if a.current != a.ceiling {
		t.Errorf("the rate went past its ceiling: %.2f", a.current)
	}
}

func TestAdaptiveRate_unlimitedPausesButSetsNoRate(t *testing.T) {
	a := newAdaptiveRate(math.Inf(1))
	a.throttled(t0, t0, 2*time.Second)
	if !math.IsInf(a.current, 1) {
		t.Errorf("requests_per_second = 0 set a rate of %.2f after a 429", a.current)
	}
	if d := a.admit(t0.Add(time.Second)); d != time.Second {
		t.Errorf("a call during the pause waits %s, want 1s", d)
	}
	if d := a.admit(t0.Add(3 * time.Second)); d != 0 {
		t.Errorf("a call after the pause waits %s", d)
	}
}

// sharedKey is a simulation, in fake time, of several provider processes
// sending calls on one key to a server that allows the key `limit`
// requests a second (a token bucket as large as one second's worth) and
// answers 429 with a whole-second Retry-After above it, as examock's
// -rate-limit does.
type sharedKey struct {
	limit       float64
	runs, calls int
	parallelism int
	latency     time.Duration
}

type simResult struct {
	end        time.Duration // when the last call of the last run succeeded
	sent, r429 int
}

func (s sharedKey) run() simResult {
	server := rate.NewLimiter(rate.Limit(s.limit), int(s.limit))
	// Each answer takes latency plus up to as much again, from a seeded
	// generator: without jitter, one run's calls always reach the server
	// first and the other never sees a 429.
	rnd := rand.New(rand.NewPCG(uint64(s.runs), 42))
	type run struct {
		pace *adaptiveRate
		left int // calls not yet started
	}
	runs := make([]*run, s.runs)
	var q events
	for i := range runs {
		runs[i] = &run{pace: newAdaptiveRate(DefaultRequestsPerSecond), left: s.calls}
		for range s.parallelism {
			if runs[i].left > 0 {
				runs[i].left--
				heap.Push(&q, event{at: t0, run: i})
			}
		}
	}
	var res simResult
	for q.Len() > 0 {
		ev := heap.Pop(&q).(event) //nolint:forcetypeassert // the heap holds events only
		r := runs[ev.run]
		switch {
		case !ev.answered:
			// A worker wants to send: it waits its turn, or sends.
			if d := r.pace.admit(ev.at); d > 0 {
				// A timer wakes a little late, by up to a millisecond.
				heap.Push(&q, event{at: ev.at.Add(d + time.Duration(rnd.Int64N(int64(time.Millisecond)))), run: ev.run})
				continue
			}
			sentAt := ev.at
			res.sent++
			ok, wait := true, time.Duration(0)
			if rv := server.ReserveN(sentAt, 1); rv.DelayFrom(sentAt) > 0 {
				rv.CancelAt(sentAt)
				ok, wait = false, time.Duration(math.Ceil(rv.DelayFrom(sentAt).Seconds()))*time.Second
				res.r429++
			}
			heap.Push(&q, event{at: sentAt.Add(s.latency + time.Duration(rnd.Int64N(int64(s.latency)+1))), run: ev.run, answered: true, ok: ok, sentAt: sentAt, wait: wait})
			continue
		}
		if !ev.ok {
			r.pace.throttled(ev.at, ev.sentAt, ev.wait)
			heap.Push(&q, event{at: ev.at, run: ev.run}) // the same call again
			continue
		}
		r.pace.succeeded(ev.at)
		res.end = max(res.end, ev.at.Sub(t0))
		if r.left > 0 {
			r.left--
			heap.Push(&q, event{at: ev.at, run: ev.run})
		}
	}
	return res
}

type event struct {
	at       time.Time
	run      int
	answered bool
	ok       bool
	sentAt   time.Time
	wait     time.Duration
}

type events []event

func (e events) Len() int { return len(e) }
func (e events) Less(i, j int) bool {
	if !e[i].at.Equal(e[j].at) {
		return e[i].at.Before(e[j].at)
	}
	return e[i].run < e[j].run
}
func (e events) Swap(i, j int) { e[i], e[j] = e[j], e[i] }
func (e *events) Push(x any)   { *e = append(*e, x.(event)) } //nolint:forcetypeassert // only events are pushed
func (e *events) Pop() any {
	old := *e
	x := old[len(old)-1]
	*e = old[:len(old)-1]
	return x
}

// TestAdaptiveRate_sharedKey runs 2, 4 and 8 processes of 50 calls each
// (the default ceiling of 10 a second, 10 at once) on a key allowed 10 a
// second: every call succeeds, the last within 1.3 times the floor of
// runs × calls / limit; at most 30% of what 4 runs send is answered 429 (8
// runs, whose fair share is 1.25 a second each, may meet more). Each
// process alone would send 10 a second, so without adaptation the key is
// offered 2 to 8 times its limit.
func TestAdaptiveRate_sharedKey(t *testing.T) {
	for _, tc := range []struct {
		runs     int
		maxShare float64
	}{{2, 0.3}, {4, 0.3}, {8, 0.4}} {
		s := sharedKey{limit: 10, runs: tc.runs, calls: 50, parallelism: 10, latency: 5 * time.Millisecond}
		res := s.run()
		floor := time.Duration(float64(tc.runs*s.calls) / s.limit * float64(time.Second))
		ratio := float64(res.end) / float64(floor)
		share := float64(res.r429) / float64(res.sent)
		t.Logf("%d runs: done at %s (floor %s, %.2f×), %d sent, %d answered 429 (%.0f%%)", tc.runs, res.end.Round(time.Millisecond), floor, ratio, res.sent, res.r429, 100*share)
		if ratio > 1.3 || share > tc.maxShare {
			t.Errorf("%d runs: %.2f× the floor and %.0f%% 429s, want at most 1.3× and %.0f%%", tc.runs, ratio, 100*share, 100*tc.maxShare)
		}
	}
}
