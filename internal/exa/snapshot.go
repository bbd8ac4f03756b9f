package exa

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/sync/singleflight"
)

// A webset's GET answer carries its searches and enrichments as full
// objects, so one GET /v0/websets/{id} can answer the refresh of the webset
// and of everything in it. Snapshots make a plan cost one request per
// webset instead of one per search. The rules, each enforced where it is
// written and tested in snapshot_test.go and webset_snapshot_test.go:
//
//  1. Any write the client makes to a webset or to anything in it
//     invalidates that webset's snapshot before the write is sent and again
//     before it returns (see writing): a snapshot taken while a write was
//     under way is never kept.
//  2. Waiting never reads a snapshot. A waiter in a webset (a search, an
//     enrichment, a wait for the webset to go idle) reads the webset's
//     answer for its round (WebsetRound): the waiters of one webset whose
//     round falls on the same tick share one GET, fetched when that round
//     came, never before it. Other waiters (an import) read the object
//     itself.
//  3. A search or enrichment missing from its webset's snapshot is read by
//     its own GET before it is declared gone (ReadSearch, ReadEnrichment): a
//     list that lags behind never drops a resource from state.
//  4. A webset that answers 404 is checked the same way: each child
//     confirms with its own GET.
//  5. Snapshots are kept by the webset's real ID, whether the caller named
//     it by its ID or its external ID: one webset has one snapshot, and a
//     write through either name drops it.
//  6. Snapshots live in memory, in one client, so in one provider process,
//     which Terraform starts anew for every walk; none is used when older
//     than SnapshotMaxAge. Errors are never kept. Nothing is written to
//     disk.
//
// When a search is in its webset's list but its own GET would answer 404,
// the list wins: the search is read from it and stays in state. Dropping a
// resource from state is the one mistake a later refresh cannot undo (the
// search would go on running, and billing, with nothing to cancel it).

// SnapshotMaxAge bounds how old a webset snapshot may be when it is used.
// A refresh walk reads every resource within seconds; the bound only
// matters for long walks, such as an apply that waits for searches.
const SnapshotMaxAge = 30 * time.Second

type snapshots struct {
	group   singleflight.Group
	mu      sync.Mutex
	entries map[string]snapshot // by the webset's real ID
	// ids maps every name a caller used for a webset (its ID, or its
	// external ID) to the real ID its answer gave, so that a webset named
	// both ways has one snapshot, and a write through one name drops it for
	// the other. A stale name (a webset replaced under the same external
	// ID) only misses: the next fetch by that name corrects it.
	ids map[string]string
	// epoch counts every invalidation; a fetch stores its answer only if
	// none came in while it ran, whatever name either used.
	epoch uint64
	now   func() time.Time
}

type snapshot struct {
	ws *Webset
	at time.Time
}

func newSnapshots() *snapshots {
	return &snapshots{entries: map[string]snapshot{}, ids: map[string]string{}, now: time.Now}
}

// id is the real ID a name stands for, as far as answers have shown; the
// caller holds mu.
func (s *snapshots) id(name string) string {
	if id, ok := s.ids[name]; ok {
		return id
	}
	return name
}

// WebsetSnapshot reads a webset by its id or external ID, sharing one GET
// between every caller of this client: concurrent callers wait for the
// request in flight (singleflight), later ones get its answer until it is
// invalidated or SnapshotMaxAge old. Snapshots are kept by the webset's
// real ID, whichever name the caller used. The answer is shared: callers
// must not change it.
func (c *Client) WebsetSnapshot(ctx context.Context, name string) (*Webset, error) {
	s := c.snaps
	s.mu.Lock()
	if e, ok := s.entries[s.id(name)]; ok && s.now().Sub(e.at) < SnapshotMaxAge {
		s.mu.Unlock()
		return e.ws, nil
	}
	epoch := s.epoch
	s.mu.Unlock()
	// The epoch is part of the key: a caller that comes after an
	// invalidation never joins a fetch that started before it.
	v, err, _ := s.group.Do(name+"\x00"+strconv.FormatUint(epoch, 10), func() (any, error) {
		tflog.Debug(ctx, "fetching a webset snapshot", map[string]any{"webset_id": name})
		ws, err := c.GetWebset(ctx, name)
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		s.ids[name], s.ids[ws.ID] = ws.ID, ws.ID
		if s.epoch == epoch {
			s.entries[ws.ID] = snapshot{ws: ws, at: s.now()}
		}
		s.mu.Unlock()
		return ws, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*Webset), nil //nolint:forcetypeassert // the only value stored
}

// invalidate drops the snapshot of the webset a name stands for, and
// counts an invalidation.
func (c *Client) invalidate(name string) {
	s := c.snaps
	s.mu.Lock()
	defer s.mu.Unlock()
	s.epoch++
	delete(s.entries, s.id(name))
}

// writing invalidates the webset's snapshot now and returns a function that
// invalidates it again; every write to a webset or to anything in it runs
// `defer c.writing(websetID)()` (rule 1).
func (c *Client) writing(websetID string) func() {
	c.invalidate(websetID)
	return func() { c.invalidate(websetID) }
}

// rounds are the webset answers fetched for waiting (rule 2).
type rounds struct {
	group singleflight.Group
	mu    sync.Mutex
	// last is, per webset ID, the newest answer and the round it was
	// fetched for; it serves every waiter whose round is that one or an
	// earlier one, since it was fetched after either came.
	last map[string]roundAnswer
}

type roundAnswer struct {
	round int64
	ws    *Webset
}

// WebsetRound reads a webset for the waiters whose round is round (a count
// of ticks, see the provider's polling): the first of them to ask fetches
// it, and every other waiter of that round, or of an earlier one, shares
// that answer: those that ask while it is in flight wait for it
// (singleflight), later ones take it as it is. Errors are never kept. The
// answer is shared: callers must not change it.
func (c *Client) WebsetRound(ctx context.Context, websetID string, round int64) (*Webset, error) {
	r := c.rounds
	r.mu.Lock()
	if a, ok := r.last[websetID]; ok && a.round >= round {
		r.mu.Unlock()
		return a.ws, nil
	}
	r.mu.Unlock()
	v, err, _ := r.group.Do(websetID+"\x00"+strconv.FormatInt(round, 10), func() (any, error) {
		ws, err := c.GetWebset(ctx, websetID)
		if err != nil {
			return nil, err
		}
		r.mu.Lock()
		if a, ok := r.last[websetID]; !ok || a.round < round {
			r.last[websetID] = roundAnswer{round: round, ws: ws}
		}
		r.mu.Unlock()
		return ws, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*Webset), nil //nolint:forcetypeassert // the only value stored
}

// ReadSearch reads a search for a refresh: from its webset's snapshot when
// it is there, else by its own GET (rules 3 and 4).
func (c *Client) ReadSearch(ctx context.Context, websetID, searchID string) (*Search, error) {
	return readChild(ctx, c, websetID, searchID, "search",
		func(ws *Webset) []Search { return ws.Searches },
		func(s *Search) string { return s.ID },
		func(ctx context.Context) (*Search, error) { return c.GetSearch(ctx, websetID, searchID) })
}

// ReadEnrichment reads an enrichment for a refresh, like ReadSearch.
func (c *Client) ReadEnrichment(ctx context.Context, websetID, id string) (*Enrichment, error) {
	return readChild(ctx, c, websetID, id, "enrichment",
		func(ws *Webset) []Enrichment { return ws.Enrichments },
		func(e *Enrichment) string { return e.ID },
		func(ctx context.Context) (*Enrichment, error) { return c.GetEnrichment(ctx, websetID, id) })
}

func readChild[T any](ctx context.Context, c *Client, websetID, id, what string, list func(*Webset) []T, idOf func(*T) string, own func(context.Context) (*T, error)) (*T, error) {
	ws, err := c.WebsetSnapshot(ctx, websetID)
	switch {
	case IsNotFound(err):
		tflog.Debug(ctx, "the webset answered 404: reading the "+what+" by its own GET", map[string]any{"webset_id": websetID, "id": id})
		return own(ctx)
	case err != nil:
		return nil, err
	}
	children := list(ws)
	for i := range children {
		if idOf(&children[i]) == id {
			found := children[i]
			return &found, nil
		}
	}
	tflog.Debug(ctx, "the "+what+" is not in its webset's snapshot: reading it by its own GET", map[string]any{"webset_id": websetID, "id": id})
	return own(ctx)
}
