package exa_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// endlessLists answers every list with hasMore and a cursor: the same one
// each time (repeat), or a new one forever, each page holding pageBytes of
// websets.
func endlessLists(repeat bool, pageBytes int) (*httptest.Server, *atomic.Int64) {
	var pages atomic.Int64
	title := strings.Repeat("x", 1000)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n := pages.Add(1)
		cursor := "c1"
		if !repeat {
			cursor = fmt.Sprintf("c%d", n)
		}
		var b strings.Builder
		b.WriteString(`{"data":[`)
		for i := 0; b.Len() < pageBytes; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"id":"webset_%d_%d","object":"webset","status":"idle","title":%q}`, n, i, title)
		}
		fmt.Fprintf(&b, `],"hasMore":true,"nextCursor":%q}`, cursor)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(b.String()))
	}))
	return ts, &pages
}

func TestClient_repeatedCursorIsAnError(t *testing.T) {
	ts, pages := endlessLists(true, 100)
	defer ts.Close()
	_, err := client(t, ts.URL, nil).ListWebsets(context.Background())
	var long *exa.ListTooLongError
	if !errors.As(err, &long) || !strings.Contains(err.Error(), "GET /websets/v0/websets:") || !strings.Contains(err.Error(), `cursor "c1" a second time`) {
		t.Fatalf("want an error that names the endpoint and the repeated cursor, got %v", err)
	}
	if n := pages.Load(); n != 2 {
		t.Errorf("want it to stop at the second page, got %d pages", n)
	}
}

func TestClient_endlessCursorsStopAtThePageBound(t *testing.T) {
	ts, pages := endlessLists(false, 100)
	defer ts.Close()
	_, err := client(t, ts.URL, nil).ListWebsets(context.Background())
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("longer than the %d pages", exa.MaxListPages)) {
		t.Fatalf("want the page bound, got %v", err)
	}
	if n := pages.Load(); n != exa.MaxListPages {
		t.Errorf("want %d pages read, got %d", exa.MaxListPages, n)
	}
}

// Pages of 4 MiB forever: the list stops at MaxListBytes, and the heap
// stays far under 512 MiB while it reads.
func TestClient_endlessLargePagesStopAtTheByteBound(t *testing.T) {
	ts, pages := endlessLists(false, 4<<20)
	defer ts.Close()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
			}
		}
	}()
	start := time.Now()
	_, err := client(t, ts.URL, nil).ListWebsets(context.Background())
	close(done)
	if err == nil || !strings.Contains(err.Error(), "more than 64 MiB") {
		t.Fatalf("want the byte bound, got %v", err)
	}
	if n := pages.Load(); n > int64(exa.MaxListBytes/(4<<20))+1 {
		t.Errorf("read %d pages of 4 MiB past a bound of 64 MiB", n)
	}
	if p := peak.Load(); p > 512<<20 {
		t.Errorf("heap peaked at %d MiB", p>>20)
	}
	t.Logf("stopped after %d pages in %s; heap peak %d MiB", pages.Load(), time.Since(start).Round(time.Millisecond), peak.Load()>>20)
}
