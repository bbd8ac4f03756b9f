package exa

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// Rule 5: a snapshot older than SnapshotMaxAge is not used; an error is
// never kept.
func TestSnapshot_maxAgeAndNoCachedErrors(t *testing.T) {
	var gets, fail atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		gets.Add(1)
		if fail.Load() > 0 {
			fail.Add(-1)
			http.Error(w, `{"message":"nope"}`, http.StatusBadRequest)
			return
		}
		_, _ = w.Write([]byte(`{"id":"ws1","searches":[],"enrichments":[]}`))
	}))
	defer ts.Close()
	c, err := NewClient(Config{APIKey: "k", BaseURL: ts.URL, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	c.snaps.now = func() time.Time { return now }
	ctx := context.Background()
	read := func() {
		t.Helper()
		if _, err := c.WebsetSnapshot(ctx, "ws1"); err != nil {
			t.Fatal(err)
		}
	}
	read()
	now = now.Add(SnapshotMaxAge - time.Second)
	read()
	if gets.Load() != 1 {
		t.Fatalf("a fresh snapshot was fetched again: %d GETs", gets.Load())
	}
	now = now.Add(2 * time.Second)
	read()
	if gets.Load() != 2 {
		t.Fatalf("a snapshot older than %s was used: %d GETs", SnapshotMaxAge, gets.Load())
	}
	c.invalidate("ws1")
	fail.Store(1)
	if _, err := c.WebsetSnapshot(ctx, "ws1"); err == nil {
		t.Fatal("want the 400")
	}
	read()
	if gets.Load() != 4 {
		t.Fatalf("an error was kept: %d GETs", gets.Load())
	}
}
