package exa

import (
	"context"
	"encoding/json"
	"net/url"
	"time"
)

// Event is something that happened in the account; Data is the object it
// concerns (a webset, a search, an item, …) as Exa sent it.
type Event struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	Data      json.RawMessage `json:"data"`
	CreatedAt string          `json:"createdAt"`
}

// EventFilter narrows events-list. Zero fields filter nothing.
type EventFilter struct {
	Types         []string
	CreatedAfter  time.Time
	CreatedBefore time.Time
	// Max stops after this many events (0: every one).
	Max int
}

// ListEvents lists events, following the cursor to the end or to Max, in
// the API's order.
func (c *Client) ListEvents(ctx context.Context, f EventFilter) ([]Event, error) {
	q := url.Values{}
	for _, t := range f.Types {
		q.Add("types", t)
	}
	if !f.CreatedAfter.IsZero() {
		q.Set("createdAfter", f.CreatedAfter.Format(time.RFC3339Nano))
	}
	if !f.CreatedBefore.IsZero() {
		q.Set("createdBefore", f.CreatedBefore.Format(time.RFC3339Nano))
	}
	return listAll[Event](ctx, c, "/v0/events", q, adoptPageSize, f.Max)
}
