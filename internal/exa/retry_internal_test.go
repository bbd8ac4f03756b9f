package exa

import (
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":                              0,
		"2":                             2 * time.Second,
		"0.5":                           500 * time.Millisecond,
		"-3":                            0,
		"soon":                          0,
		"Sun, 29 Nov 2026 12:00:05 GMT": 5 * time.Second,
		"Sun, 29 Nov 2026 11:00:00 GMT": 0,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
}

func TestBackoffIsJitteredAndBounded(t *testing.T) {
	c := &Client{waitMin: 100 * time.Millisecond, waitMax: time.Second}
	seen := map[time.Duration]bool{}
	for attempt := range 10 {
		for range 20 {
			d := c.backoff(attempt)
			base := min(c.waitMin<<attempt, c.waitMax)
			if d < base/2 || d > base {
				t.Fatalf("attempt %d: %s outside [%s, %s]", attempt, d, base/2, base)
			}
			seen[d] = true
		}
	}
	if len(seen) < 50 {
		t.Errorf("backoff is barely jittered: %d distinct waits", len(seen))
	}
}

func TestErrorMessageShapes(t *testing.T) {
	for body, want := range map[string]string{
		`{"message":"query too long"}`:        "query too long",
		`{"message":["a","b"],"error":"Bad"}`: "a; b",
		`{"error":"Unauthorized"}`:            "Unauthorized",
		`upstream connect error`:              "upstream connect error",
		`{"statusCode":500}`:                  `{"statusCode":500}`,
	} {
		if got := errorMessage([]byte(body)); got != want {
			t.Errorf("%s: got %q, want %q", body, got, want)
		}
	}
}
