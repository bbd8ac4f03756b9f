package exa_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// newPair's client retries 3 times (MaxRetries); these tests throttle it
// for longer than that.

func TestClient_throttlingLongerThanMaxRetriesStillSucceeds(t *testing.T) {
	m, c, ws := newPair(t)
	m.InjectFault(examock.Fault{Method: "GET", Status: 429, RetryAfter: "0", Times: 8})
	ctx, tally := exa.WithThrottleTally(context.Background())
	if _, err := c.GetWebset(ctx, ws); err != nil {
		t.Fatalf("8 throttles with max_retries = 3: %v", err)
	}
	if n := m.Count("GET", "/v0/websets/*"); n != 9 {
		t.Errorf("want 8 throttled tries and 1 that went through, got %d", n)
	}
	if tally.Throttles() != 8 {
		t.Errorf("the tally counted %d throttles, want 8", tally.Throttles())
	}
}

func TestClient_throttlesDoNotUseUpMaxRetries(t *testing.T) {
	m, c, ws := newPair(t)
	m.InjectFault(examock.Fault{Method: "GET", Status: 429, RetryAfter: "0", Times: 5})
	m.InjectFault(examock.Fault{Method: "GET", Status: 503, Times: -1})
	_, err := c.GetWebset(context.Background(), ws)
	if exa.StatusOf(err) != 503 || !strings.Contains(err.Error(), "giving up after 9 tries") {
		t.Fatalf("want the 503s to end the call after max_retries, got %v", err)
	}
	// 5 throttles, then the first try and 3 retries of the 503s.
	if n := m.Count("GET", "/v0/websets/*"); n != 9 {
		t.Errorf("want 5 + 4 tries, got %d", n)
	}
}

func TestClient_createThrottledPastMaxRetriesIsMadeOnce(t *testing.T) {
	m, c, ws := newPair(t)
	m.InjectFault(examock.Fault{Method: "POST", Status: 429, RetryAfter: "0", Times: 6})
	s, err := c.CreateSearch(context.Background(), ws, &exa.CreateSearchRequest{Query: "q", Count: 1})
	if err != nil {
		t.Fatalf("a create answered 429 was not made, so it is sent again: %v", err)
	}
	if n := m.Count("POST", "/v0/websets/*/searches"); n != 7 {
		t.Errorf("want 6 throttled creates and 1 made, got %d", n)
	}
	if ids := m.SearchIDs(); len(ids) != 1 || ids[0] != s.ID {
		t.Errorf("want exactly the one search made, got %v", ids)
	}
}

func TestClient_deadlineThatEndsWhileThrottledSaysSo(t *testing.T) {
	m, c, ws := newPair(t)
	m.InjectFault(examock.Fault{Method: "GET", Status: 429, RetryAfter: "0", Times: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := c.GetWebset(ctx, ws)
	var te *exa.ThrottledError
	if !errors.As(err, &te) {
		t.Fatalf("want a *ThrottledError, got %v", err)
	}
	for _, want := range []string{"429 Too Many Requests", "deadline", "may be sharing this API key", "requests_per_second", "timeouts"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q: %v", want, err)
		}
	}
	if exa.StatusOf(err) != 429 {
		t.Errorf("the error's status is %d, want the last answer's 429", exa.StatusOf(err))
	}
	if n := m.Count("GET", "/v0/websets/*"); n <= 4 {
		t.Errorf("the call stopped after %d tries, within max_retries: throttles must not count", n)
	}
}

// The deadline may end while the try after a 429 is in flight rather than
// while the call waits its turn: the error is still the throttle's.
func TestClient_deadlineThatEndsDuringTheTryAfterAThrottleSaysSo(t *testing.T) {
	m, c, ws := newPair(t)
	m.InjectFault(examock.Fault{Method: "GET", Status: 429, RetryAfter: "0", Times: 1})
	m.InjectFault(examock.Fault{Method: "GET", Delay: 2 * time.Second, Times: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err := c.GetWebset(ctx, ws)
	var te *exa.ThrottledError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "during the try after the wait") {
		t.Fatalf("want a *ThrottledError for a deadline that ended in flight, got %v", err)
	}
	if te.Throttles != 1 {
		t.Errorf("the error counts %d throttles, want 1", te.Throttles)
	}
}

// A create whose try was in flight when the deadline ended may have been
// made: it stays ambiguous, so the provider looks for it.
func TestClient_createInFlightWhenTheDeadlineEndsStaysAmbiguous(t *testing.T) {
	m, c, ws := newPair(t)
	m.InjectFault(examock.Fault{Method: "POST", Status: 429, RetryAfter: "0", Times: 1})
	m.InjectFault(examock.Fault{Method: "POST", Delay: 2 * time.Second, Times: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err := c.CreateSearch(ctx, ws, &exa.CreateSearchRequest{Query: "q", Count: 1})
	var ae *exa.AmbiguousError
	if !errors.As(err, &ae) {
		t.Fatalf("want an *AmbiguousError for a create in flight, got %v", err)
	}
}

func TestClient_retryAfterPastTheDeadlineFailsAtOnce(t *testing.T) {
	m, c, ws := newPair(t)
	m.InjectFault(examock.Fault{Method: "GET", Status: 429, RetryAfter: "30", Times: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.GetWebset(ctx, ws)
	var te *exa.ThrottledError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "deadline falls before") {
		t.Fatalf("want a *ThrottledError about the deadline, got %v", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("waited %s for a Retry-After it could not outlast", took)
	}
	if n := m.Count("GET", "/v0/websets/*"); n != 1 {
		t.Errorf("want 1 try, got %d", n)
	}
}

func TestClient_maxThrottleBoundsACallWithoutDeadline(t *testing.T) {
	m, c, ws := newPair(t, func(c *exa.Config) { c.MaxThrottle = 100 * time.Millisecond })
	m.InjectFault(examock.Fault{Method: "GET", Status: 429, RetryAfter: "0", Times: -1})
	_, err := c.GetWebset(context.Background(), ws)
	var te *exa.ThrottledError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "longer than the 100ms") {
		t.Fatalf("want a *ThrottledError past MaxThrottle, got %v", err)
	}
}

func TestClient_a429SlowsTheWholeClient(t *testing.T) {
	m, c, ws := newPair(t, func(c *exa.Config) { c.RequestsPerSecond = 10 })
	m.InjectFault(examock.Fault{Method: "GET", Status: 429, RetryAfter: "1"})
	if _, err := c.GetWebset(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
	if r := c.Rate(); r >= 10 {
		t.Errorf("after a 429 the rate is %.2f, want it below the ceiling of 10", r)
	}
}

// TestClient_requestsPerSecondCapsThePeak sends 16 calls at once with
// requests_per_second = 5: they go out evenly spaced, never more than 5 in
// any second.
func TestClient_requestsPerSecondCapsThePeak(t *testing.T) {
	m, c, ws := newPair(t, func(c *exa.Config) { c.RequestsPerSecond = 5 })
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if _, err := c.GetWebset(context.Background(), ws); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	reqs := m.Find("GET", "/v0/websets/*")
	if len(reqs) != 16 {
		t.Fatalf("want 16 calls, got %d", len(reqs))
	}
	for i := range reqs {
		in := 0
		for j := i; j < len(reqs) && reqs[j].Time.Sub(reqs[i].Time) < time.Second; j++ {
			in++
		}
		if in > 5 {
			t.Fatalf("%d calls within a second from call %d, want at most 5", in, i)
		}
	}
	if span := reqs[15].Time.Sub(reqs[0].Time); span < 2900*time.Millisecond {
		t.Errorf("16 calls at 5 a second took %s, want at least 3 s", span)
	}
}

func TestClient_canceledWhileThrottledSaysCanceled(t *testing.T) {
	m, c, ws := newPair(t)
	m.InjectFault(examock.Fault{Method: "GET", Status: 429, RetryAfter: "1", Times: -1})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err := c.GetWebset(ctx, ws)
	var te *exa.ThrottledError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "canceled while it waited") {
		t.Fatalf("want a *ThrottledError that says it was canceled, got %v", err)
	}
}
