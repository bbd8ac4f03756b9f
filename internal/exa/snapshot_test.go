package exa_test

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// The rules of webset snapshots (internal/exa/snapshot.go), one test each.

func websetGETs(m *examock.Server) int { return m.Count("GET", "/v0/websets/*") }

func newSearch(t *testing.T, c *exa.Client, ws string) *exa.Search {
	t.Helper()
	s, err := c.CreateSearch(context.Background(), ws, &exa.CreateSearchRequest{Query: "robotics startups", Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Concurrent and later reads of one webset share one GET.
func TestSnapshot_oneGETServesEveryReadInTheWebset(t *testing.T) {
	m, c, ws := newPair(t)
	var ids []string
	for range 5 {
		ids = append(ids, newSearch(t, c, ws).ID)
	}
	e, err := c.CreateEnrichment(context.Background(), ws, &exa.CreateEnrichmentRequest{Description: "CEO name"})
	if err != nil {
		t.Fatal(err)
	}
	m.ResetLog()
	m.SetLatency(50 * time.Millisecond) // so that the readers overlap
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			var err error
			switch i % 3 {
			case 0:
				_, err = c.ReadSearch(context.Background(), ws, ids[i%len(ids)])
			case 1:
				_, err = c.ReadEnrichment(context.Background(), ws, e.ID)
			default:
				_, err = c.WebsetSnapshot(context.Background(), ws)
			}
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := m.APICount(); n != 1 {
		t.Errorf("want one request for 40 reads, got %d", n)
	}
}

// Rule 1: every write to the webset or to anything in it drops the
// snapshot, so the next read sees the write.
func TestSnapshot_everyWriteInvalidates(t *testing.T) {
	ctx := context.Background()
	writes := map[string]func(c *exa.Client, ws, search, enrichment string) error{
		"create search": func(c *exa.Client, ws, _, _ string) error {
			_, err := c.CreateSearch(ctx, ws, &exa.CreateSearchRequest{Query: "another query", Count: 1})
			return err
		},
		"cancel search": func(c *exa.Client, ws, s, _ string) error { _, err := c.CancelSearch(ctx, ws, s); return err },
		"create enrichment": func(c *exa.Client, ws, _, _ string) error {
			_, err := c.CreateEnrichment(ctx, ws, &exa.CreateEnrichmentRequest{Description: "another"})
			return err
		},
		"update enrichment": func(c *exa.Client, ws, _, e string) error {
			return c.UpdateEnrichment(ctx, ws, e, &exa.UpdateEnrichmentRequest{Metadata: map[string]string{"k": "v"}})
		},
		"cancel enrichment": func(c *exa.Client, ws, _, e string) error { _, err := c.CancelEnrichment(ctx, ws, e); return err },
		"delete enrichment": func(c *exa.Client, ws, _, e string) error { return c.DeleteEnrichment(ctx, ws, e) },
		"update webset": func(c *exa.Client, ws, _, _ string) error {
			_, err := c.UpdateWebset(ctx, ws, &exa.UpdateWebsetRequest{Metadata: map[string]string{"k": "v"}})
			return err
		},
		"delete webset": func(c *exa.Client, ws, _, _ string) error { return c.DeleteWebset(ctx, ws) },
		"create monitor": func(c *exa.Client, ws, _, _ string) error {
			_, err := c.CreateMonitor(ctx, &exa.CreateMonitorRequest{WebsetID: ws, Cadence: exa.MonitorCadence{Cron: "0 9 * * 1"},
				Behavior: exa.MonitorBehavior{Type: "search", Config: exa.MonitorSearchConfig{Query: new("new robotics startups"), Count: 1}}})
			return err
		},
	}
	for name, write := range writes {
		t.Run(name, func(t *testing.T) {
			m, c, ws := newPair(t)
			s := newSearch(t, c, ws)
			e, err := c.CreateEnrichment(ctx, ws, &exa.CreateEnrichmentRequest{Description: "CEO name"})
			if err != nil {
				t.Fatal(err)
			}
			before, err := c.WebsetSnapshot(ctx, ws)
			if err != nil {
				t.Fatal(err)
			}
			if err := write(c, ws, s.ID, e.ID); err != nil {
				t.Fatal(err)
			}
			n := websetGETs(m)
			after, err := c.WebsetSnapshot(ctx, ws)
			if name == "delete webset" {
				if !exa.IsNotFound(err) {
					t.Fatalf("want the deleted webset's 404, got %v", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if websetGETs(m) != n+1 || (err == nil && after == before) {
				t.Errorf("the read after %s was served from the old snapshot", name)
			}
		})
	}
}

// Rule 1, under way: a write that completes while a snapshot is being
// fetched makes that snapshot unusable for every read after the write.
func TestSnapshot_writeDuringAFetchIsNeverHidden(t *testing.T) {
	ctx := context.Background()
	m, c, ws := newPair(t)
	s := newSearch(t, c, ws)
	m.InjectFault(examock.Fault{Method: "GET", Path: "/v0/websets/*", Delay: 300 * time.Millisecond})
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = c.WebsetSnapshot(ctx, ws) // slow: answers with the search still running
	}()
	time.Sleep(100 * time.Millisecond)
	if _, err := c.CancelSearch(ctx, ws, s.ID); err != nil {
		t.Fatal(err)
	}
	got, err := c.ReadSearch(ctx, ws, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != exa.SearchCanceled {
		t.Errorf("a read after the cancel returned saw status %s", got.Status)
	}
	<-done
	if got, _ := c.ReadSearch(ctx, ws, s.ID); got.Status != exa.SearchCanceled {
		t.Errorf("the fetch that began before the cancel was kept: status %s", got.Status)
	}
}

// Rule 3: a search that is not in the snapshot is read by its own GET.
func TestSnapshot_missingChildIsReadByItsOwnGET(t *testing.T) {
	ctx := context.Background()
	var base string
	m, c, ws := newPair(t, func(cfg *exa.Config) { base = cfg.BaseURL })
	if _, err := c.WebsetSnapshot(ctx, ws); err != nil {
		t.Fatal(err)
	}
	// Made behind the client's back: the snapshot does not know it.
	other, err := exa.NewClient(exa.Config{APIKey: key, BaseURL: base, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	s := newSearch(t, other, ws)
	got, err := c.ReadSearch(ctx, ws, s.ID)
	if err != nil || got.ID != s.ID {
		t.Fatalf("want the search by its own GET, got %v, %v", got, err)
	}
	if n := m.Count("GET", "/v0/websets/*/searches/*"); n != 1 {
		t.Errorf("want one GET of the search, got %d", n)
	}
	// Gone for real: the own GET's 404 is the answer.
	if _, err := c.ReadSearch(ctx, ws, "search_unknown"); !exa.IsNotFound(err) {
		t.Errorf("want 404 for a search that exists nowhere, got %v", err)
	}
}

// Rule 4: a webset that answers 404 does not take its children with it
// until each has answered 404 itself.
func TestSnapshot_websetNotFoundIsConfirmedByEachChild(t *testing.T) {
	ctx := context.Background()
	m, c, ws := newPair(t)
	s := newSearch(t, c, ws)
	m.InjectFault(examock.Fault{Method: "GET", Path: "/v0/websets/" + ws, Status: http.StatusNotFound})
	got, err := c.ReadSearch(ctx, ws, s.ID)
	if err != nil || got.ID != s.ID {
		t.Fatalf("a 404 from the webset alone dropped the search: %v, %v", got, err)
	}
	if n := m.Count("GET", "/v0/websets/*/searches/*"); n != 1 {
		t.Errorf("want the search confirmed by one GET of its own, got %d", n)
	}
}

// The list wins over the child's own GET: a search in its webset's list is
// read from it, whatever its own GET would answer.
func TestSnapshot_searchInTheListStaysEvenIfItsOwnGETSays404(t *testing.T) {
	ctx := context.Background()
	m, c, ws := newPair(t)
	s := newSearch(t, c, ws)
	m.InjectFault(examock.Fault{Method: "GET", Path: "/v0/websets/*/searches/*", Status: http.StatusNotFound, Times: -1})
	got, err := c.ReadSearch(ctx, ws, s.ID)
	if err != nil || got.ID != s.ID {
		t.Fatalf("want the search from the list, got %v, %v", got, err)
	}
	if n := m.Count("GET", "/v0/websets/*/searches/*"); n != 0 {
		t.Errorf("a search in the list needs no GET of its own, got %d", n)
	}
}

// Rule 2: the waiters' reads (GetSearch, GetImport) never use a snapshot.
func TestSnapshot_getSearchAlwaysAsksExa(t *testing.T) {
	ctx := context.Background()
	m, c, ws := newPair(t)
	s := newSearch(t, c, ws)
	if _, err := c.WebsetSnapshot(ctx, ws); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := c.GetSearch(ctx, ws, s.ID); err != nil {
			t.Fatal(err)
		}
	}
	if n := m.Count("GET", "/v0/websets/*/searches/*"); n != 3 {
		t.Errorf("want 3 GETs of the search, got %d", n)
	}
}

// Rule 1, the second half: a snapshot fetched while a write is on its way
// (after it was sent, before Exa applied it) is dropped when the write
// returns, so the read after the write sees it.
func TestSnapshot_fetchDuringAWriteIsDroppedWhenTheWriteReturns(t *testing.T) {
	ctx := context.Background()
	m, c, ws := newPair(t)
	s := newSearch(t, c, ws)
	// Exa takes 300ms to apply the cancel.
	m.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets/*/searches/*/cancel", Delay: 300 * time.Millisecond})
	canceled := make(chan error)
	go func() { _, err := c.CancelSearch(ctx, ws, s.ID); canceled <- err }()
	time.Sleep(100 * time.Millisecond)
	// Fetched while the cancel is under way: the search still runs.
	if got, err := c.ReadSearch(ctx, ws, s.ID); err != nil || got.Status == exa.SearchCanceled {
		t.Fatalf("setup: want the search still running mid-cancel, got %v, %v", got, err)
	}
	if err := <-canceled; err != nil {
		t.Fatal(err)
	}
	if got, err := c.ReadSearch(ctx, ws, s.ID); err != nil || got.Status != exa.SearchCanceled {
		t.Errorf("the read after the cancel returned was served from the snapshot taken during it: %v, %v", got, err)
	}
}

// A fetch that began before a write and ends after a newer snapshot was
// taken does not evict the newer one.
func TestSnapshot_lateFetchDoesNotReplaceANewerSnapshot(t *testing.T) {
	ctx := context.Background()
	m, c, ws := newPair(t)
	s := newSearch(t, c, ws)
	m.InjectFault(examock.Fault{Method: "GET", Path: "/v0/websets/*", Delay: 300 * time.Millisecond})
	late := make(chan struct{})
	go func() { defer close(late); _, _ = c.WebsetSnapshot(ctx, ws) }()
	time.Sleep(100 * time.Millisecond)
	if _, err := c.CancelSearch(ctx, ws, s.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.WebsetSnapshot(ctx, ws); err != nil { // the newer snapshot
		t.Fatal(err)
	}
	<-late
	n := websetGETs(m)
	if got, err := c.ReadSearch(ctx, ws, s.ID); err != nil || got.Status != exa.SearchCanceled {
		t.Fatalf("got %v, %v", got, err)
	}
	if websetGETs(m) != n {
		t.Errorf("the late fetch evicted the newer snapshot: the read fetched again")
	}
}

// The adoption look-up reads every page: a webset with more monitors than
// one page holds still finds the one a lost create made (it is last).
func TestFindMonitor_followsTheCursorToTheEnd(t *testing.T) {
	ctx := context.Background()
	m, c, ws := newPair(t)
	body := func(i int) *exa.CreateMonitorRequest {
		return &exa.CreateMonitorRequest{WebsetID: ws, Cadence: exa.MonitorCadence{Cron: "0 9 * * 1"},
			Behavior: exa.MonitorBehavior{Type: "search", Config: exa.MonitorSearchConfig{Query: new("new robotics startups"), Count: 1}},
			Metadata: map[string]string{"n": strconv.Itoa(i)}}
	}
	started := time.Now()
	var last *exa.Monitor
	for i := range 205 {
		mo, err := c.CreateMonitor(ctx, body(i))
		if err != nil {
			t.Fatal(err)
		}
		last = mo
	}
	found, err := c.FindMonitor(ctx, body(204), started)
	if err != nil || found == nil || found.ID != last.ID {
		t.Fatalf("want the last monitor %s, got %+v, %v", last.ID, found, err)
	}
	if n := m.Count("GET", "/v0/monitors"); n != 2 {
		t.Errorf("want 2 pages read, got %d", n)
	}
}

// A webset named by its external ID in one place and by its ID in another
// has one snapshot (rule 5): one GET serves both, and a write through one
// name drops it for the other.
func TestSnapshot_keptByTheRealIDWhateverTheName(t *testing.T) {
	ctx := context.Background()
	m, c, _ := newPair(t)
	id := m.CreateWebset("crm-accounts")
	s := newSearch(t, c, id)
	if _, err := c.WebsetSnapshot(ctx, "crm-accounts"); err != nil {
		t.Fatal(err)
	}
	n := websetGETs(m)
	if got, err := c.ReadSearch(ctx, id, s.ID); err != nil || got.ID != s.ID {
		t.Fatalf("%v, %v", got, err)
	}
	if websetGETs(m) != n {
		t.Errorf("the snapshot fetched by external ID did not serve a read by ID")
	}
	// A cancel through the external ID: the read by ID sees it.
	if _, err := c.CancelSearch(ctx, "crm-accounts", s.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := c.ReadSearch(ctx, id, s.ID); err != nil || got.Status != exa.SearchCanceled {
		t.Errorf("a write through the external ID left the snapshot by ID stale: %v, %v", got, err)
	}
}

// A waiter of an earlier round that asks after a later round's answer came
// shares that answer (fetched after it came), and a later round fetches
// anew: rounds 1, 3, then 2 and 3 again, cost two GETs.
func TestWebsetRound_anEarlierRoundSharesALaterAnswer(t *testing.T) {
	m, c, ws := newPair(t)
	ctx := context.Background()
	for _, round := range []int64{1, 3, 2, 3} {
		if _, err := c.WebsetRound(ctx, ws, round); err != nil {
			t.Fatal(err)
		}
	}
	if n := m.Count("GET", "/v0/websets/*"); n != 2 {
		t.Errorf("want 2 GETs (rounds 1 and 3; round 2 and the second 3 share), got %d", n)
	}
	if _, err := c.WebsetRound(ctx, ws, 4); err != nil {
		t.Fatal(err)
	}
	if n := m.Count("GET", "/v0/websets/*"); n != 3 {
		t.Errorf("a later round fetches anew: want 3 GETs, got %d", n)
	}
}
