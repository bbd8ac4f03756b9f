package exa

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Throttling: what the client does when Exa answers 429 Too Many Requests.
//
// Several Terraform runs often share one API key (a CI matrix, workspaces,
// terragrunt run-all), and each is its own provider process that cannot see
// the others. Exa then answers 429 to whatever the key sends above its
// limit. The client treats a 429 as a signal, not a failure:
//
//   - the call is sent again once Exa's Retry-After has passed, for as long
//     as the operation's own deadline allows (or MaxThrottle, where it has
//     none); throttles do not use up MaxRetries, which counts real failures;
//   - the whole process slows down: an adaptiveRate lowers its rate on a
//     429 and pauses every call for Retry-After, then raises the rate again
//     as calls succeed, up to RequestsPerSecond.
//
// A 429 means the call was refused before Exa acted on it, so sending a
// create again is safe.

// DefaultMaxThrottle bounds how long one call keeps trying through 429s when
// its context has no deadline.
const DefaultMaxThrottle = 15 * time.Minute

// The AIMD (additive increase, multiplicative decrease) constants.
//
// AIMD is TCP's congestion control, applied to a request rate: every
// process that shares a key cuts its rate by the same factor when the key is
// over its limit, and raises it by the same amount per second when it is
// not. That converges on an equal share of the limit for each process
// without any of them knowing how many there are, which is the situation of
// runs on separate machines. CUBIC, which the AWS SDKs' adaptive retry mode
// uses, grows back faster after a long quiet spell; a Terraform run lasts
// seconds to minutes, so AIMD's linear growth loses little and is simpler
// to reason about and to test.
//
// golang.org/x/time/rate paces the calls (a token bucket of one call,
// whose rate the controller sets); no maintained Go library adapts such a rate
// to 429s (the AWS SDK's implementation is internal to its retryer), so
// the controller below is this package's own.
const (
	// decrease is the factor a 429 applies to the rate, as CUBIC and the
	// AWS SDKs use: gentler than TCP Reno's 0.5, so that a shared key's
	// limit stays well used.
	decrease = 0.7
	// increase is how much the rate grows per second of successful calls,
	// in requests a second: each success adds increase/rate, so that at any
	// rate the growth is about increase per second.
	increase = 2.0
	// minRate is the slowest the client goes: one call every 10 s.
	minRate = 0.1
)

// adaptiveRate paces every call of one Client, and adapts the pace to 429s.
// Its methods take the current time, so that tests can drive it with a
// fake clock; the Client passes time.Now().
type adaptiveRate struct {
	mu  sync.Mutex
	lim *rate.Limiter
	// ceiling is the configured RequestsPerSecond, or +Inf for unlimited.
	ceiling float64
	// current is the rate now, at most ceiling.
	current float64
	// pausedUntil holds every call back after a 429, until Retry-After.
	pausedUntil time.Time
	// seen is the latest time handed to lim: x/time/rate's limiter
	// assumes that time never runs backwards, and calls from several
	// goroutines may reach it with their clocks read out of order.
	seen time.Time
	// cutAt is when the rate was last cut. A 429 to a call sent before
	// then was already answered by that cut: it does not cut again, so
	// that one congested moment with many calls in flight cuts once.
	cutAt time.Time
}

// newAdaptiveRate paces calls at ceiling requests a second, or does not
// pace them at all for math.Inf(1). The bucket holds one call: calls go out
// evenly spaced, never in a burst. Bursts are what a shared key's limit
// refuses first: four runs that each start with a burst of ten send forty
// calls at once into a limit of ten a second.
func newAdaptiveRate(ceiling float64) *adaptiveRate {
	lim := rate.NewLimiter(rate.Inf, 0)
	if !math.IsInf(ceiling, 1) {
		lim = rate.NewLimiter(rate.Limit(ceiling), 1)
	}
	return &adaptiveRate{lim: lim, ceiling: ceiling, current: ceiling}
}

// admit lets a call go at now, taking its token, and returns 0; or it
// returns how long to wait before asking again. A call does not book a
// place ahead: a place booked before a 429 would be kept at the old rate,
// and through the pause, which is what the pause is there to stop.
func (a *adaptiveRate) admit(now time.Time) time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	at := a.at(now)
	if a.pausedUntil.After(at) {
		return a.pausedUntil.Sub(now)
	}
	if a.lim.AllowN(at, 1) {
		return 0
	}
	missing := 1 - a.lim.TokensAt(at)
	return max(time.Millisecond, time.Duration(missing/float64(a.lim.Limit())*float64(time.Second)))
}

// wait holds a call until admit lets it go, or ctx ends.
func (a *adaptiveRate) wait(ctx context.Context) error {
	for {
		d := a.admit(time.Now())
		if d == 0 {
			return nil
		}
		if err := Sleep(ctx, d); err != nil {
			return err
		}
	}
}

// throttled records a 429 answered at now to a call sent at sentAt, with
// the wait that Exa asked for (or the client chose): every call of the
// process waits until then, and the rate is cut unless this 429 belongs to
// a moment of congestion that already cut it.
func (a *adaptiveRate) throttled(now, sentAt time.Time, wait time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if until := now.Add(wait); until.After(a.pausedUntil) {
		a.pausedUntil = until
	}
	if sentAt.Before(a.cutAt) {
		return
	}
	a.cutAt = now
	if math.IsInf(a.current, 1) {
		// No limit of the client's own: requests_per_second = 0 means the
		// user asked for none, so a 429 pauses but sets no rate.
		return
	}
	a.set(now, max(minRate, a.current*decrease))
}

// succeeded records a call that was not throttled, and raises the rate
// towards the ceiling.
func (a *adaptiveRate) succeeded(now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.current >= a.ceiling {
		return
	}
	a.set(now, min(a.ceiling, a.current+increase/a.current))
}

// set changes the rate.
func (a *adaptiveRate) set(now time.Time, r float64) {
	a.current = r
	a.lim.SetLimitAt(a.at(now), rate.Limit(r))
}

// at is now, or the latest time the limiter has seen if that is later.
func (a *adaptiveRate) at(now time.Time) time.Time {
	if a.seen.After(now) {
		return a.seen
	}
	a.seen = now
	return now
}

// Rate is the client's request rate now, in requests a second: the
// configured ceiling, or less after 429s (+Inf with no limit).
func (c *Client) Rate() float64 {
	c.pace.mu.Lock()
	defer c.pace.mu.Unlock()
	return c.pace.current
}

// ThrottleTally counts what 429s cost the calls made under one context: an
// operation (a Terraform RPC) makes one with WithThrottleTally, and reports
// it once at its end.
type ThrottleTally struct {
	count  atomic.Int64
	waited atomic.Int64 // nanoseconds
}

type tallyKey struct{}

// WithThrottleTally returns a context whose calls add their 429s to the
// returned tally.
func WithThrottleTally(ctx context.Context) (context.Context, *ThrottleTally) {
	t := &ThrottleTally{}
	return context.WithValue(ctx, tallyKey{}, t), t
}

func tallyFrom(ctx context.Context) *ThrottleTally {
	t, _ := ctx.Value(tallyKey{}).(*ThrottleTally)
	return t
}

func (t *ThrottleTally) add(wait time.Duration) {
	if t != nil {
		t.count.Add(1)
		t.waited.Add(int64(wait))
	}
}

// Throttles is how many 429s the calls under the tally's context met.
func (t *ThrottleTally) Throttles() int64 { return t.count.Load() }

// Waited is how long those calls waited after 429s, added up.
func (t *ThrottleTally) Waited() time.Duration { return time.Duration(t.waited.Load()) }

// ThrottledError is a call that Exa kept answering 429 until the call's
// deadline, or MaxThrottle, ran out.
type ThrottledError struct {
	Method, Path string
	// Throttles is how many 429s this call met; Waited, how long it waited
	// after them.
	Throttles int
	Waited    time.Duration
	// Reason says what ended the wait.
	Reason string
	// Last is the last 429's error.
	Last error
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("%s %s: Exa answered 429 Too Many Requests %s over %s, and %s. "+
		"Other Terraform runs (CI jobs, workspaces, terragrunt run-all) may be sharing this API key: "+
		"run fewer at once, lower requests_per_second in each, or give the operation more time with the resource's timeouts. Last answer: %v",
		e.Method, e.Path, Times(int64(e.Throttles)), e.Waited.Round(time.Millisecond), e.Reason, e.Last)
}

func (e *ThrottledError) Unwrap() error { return e.Last }

// Times is "once" for 1 and "N times" otherwise, for messages.
func Times(n int64) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}
