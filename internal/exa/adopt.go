package exa

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"
)

// This file holds the look-ups that find what a create made when its answer
// was lost (an *AmbiguousError), so that the caller adopts it instead of
// creating a duplicate. Each one:
//   - follows the list's cursor to the end, so a long list cannot hide it;
//   - matches the fields the create sent;
//   - ignores anything created before the create was sent (less clockSkew),
//     so an older twin with the same fields is never adopted;
//   - skips canceled objects: a create cannot have made one that is already
//     canceled, while the canceled search that a flip of canceled back to
//     false replaces has the very same fields, and is seconds old;
//   - picks the newest match.

// clockSkew is how far this machine's clock may be off Exa's when a create
// whose answer was lost is looked for by its creation time.
const clockSkew = 2 * time.Minute

// adoptPageSize is the largest page the list endpoints give.
const adoptPageSize = 200

// newestSince returns the newest element created at or after since (less
// clockSkew) for which match holds, or nil.
func newestSince[T any](list []T, since time.Time, createdAt func(*T) string, match func(*T) bool) *T {
	since = since.Add(-clockSkew)
	var found *T
	var foundAt time.Time
	for i := range list {
		x := &list[i]
		at, err := time.Parse(time.RFC3339Nano, createdAt(x))
		if err != nil || at.Before(since) || !match(x) {
			continue
		}
		if found == nil || !at.Before(foundAt) {
			found, foundAt = x, at
		}
	}
	return found
}

// FindWebset looks for the webset that a create with this body (which
// names an external ID) may have made since the given time. External IDs
// are unique, so there is one candidate: the webset that holds it. It is
// adopted only if it matches what the create sent (metadata and excludes)
// and was made at or after since (less clockSkew). Any other webset with
// the external ID is somebody else's, and means that the create was
// refused with a conflict: that is an *ExternalIDTakenError, and the
// webset is left alone. nil, nil means that no webset has the external ID.
func (c *Client) FindWebset(ctx context.Context, in *CreateWebsetRequest, since time.Time) (*Webset, error) {
	if in.ExternalID == nil {
		return nil, errors.New("a webset without an external ID cannot be looked for")
	}
	ws, err := c.GetWebset(ctx, *in.ExternalID)
	if IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ours := newestSince([]Webset{*ws}, since, func(w *Webset) string { return w.CreatedAt }, func(w *Webset) bool {
		return maps.Equal(w.Metadata, in.Metadata) && slices.Equal(w.Excludes, in.Exclude)
	})
	if ours == nil {
		return nil, &ExternalIDTakenError{ExternalID: *in.ExternalID, ID: ws.ID, CreatedAt: ws.CreatedAt}
	}
	return ours, nil
}

// ExternalIDTakenError is a webset create whose answer was lost, while the
// webset that holds its external ID is not the one it would have made: it
// is older, or holds other fields. The create was refused with a conflict.
type ExternalIDTakenError struct {
	ExternalID, ID, CreatedAt string
}

func (e *ExternalIDTakenError) Error() string {
	return fmt.Sprintf("the webset %s already holds the external_id %q (created %s, with other fields or before this create was sent): it is not the one this create would have made, so the create was refused with a conflict, and that webset was left alone", e.ID, e.ExternalID, e.CreatedAt)
}

// FindSearch looks for the search that a create with this body may have
// made in the webset since the given time.
func (c *Client) FindSearch(ctx context.Context, websetID string, in *CreateSearchRequest, since time.Time) (*Search, error) {
	ws, err := c.GetWebset(ctx, websetID)
	if err != nil {
		return nil, err
	}
	return newestSince(ws.Searches, since, func(s *Search) string { return s.CreatedAt }, func(s *Search) bool {
		return s.Status != SearchCanceled && s.Query == in.Query && int64(s.Count) == in.Count && maps.Equal(s.Metadata, in.Metadata)
	}), nil
}

// FindEnrichment looks for the enrichment that a create with this body may
// have made in the webset since the given time.
func (c *Client) FindEnrichment(ctx context.Context, websetID string, in *CreateEnrichmentRequest, since time.Time) (*Enrichment, error) {
	ws, err := c.GetWebset(ctx, websetID)
	if err != nil {
		return nil, err
	}
	return newestSince(ws.Enrichments, since, func(e *Enrichment) string { return e.CreatedAt }, func(e *Enrichment) bool {
		return e.Status != EnrichmentCanceled && e.Description == in.Description && maps.Equal(e.Metadata, in.Metadata)
	}), nil
}

// FindMonitor looks for the monitor that a create with this body may have
// made since the given time, over every page of the webset's monitors.
func (c *Client) FindMonitor(ctx context.Context, in *CreateMonitorRequest, since time.Time) (*Monitor, error) {
	all, err := c.ListMonitors(ctx, in.WebsetID)
	if err != nil {
		return nil, err
	}
	return newestSince(all, since, func(m *Monitor) string { return m.CreatedAt }, func(m *Monitor) bool {
		return m.WebsetID == in.WebsetID && m.Cadence.Cron == in.Cadence.Cron && maps.Equal(m.Metadata, in.Metadata)
	}), nil
}

// FindWebhook looks for the webhook that a create with this body may have
// made since the given time. The list never carries the secret.
func (c *Client) FindWebhook(ctx context.Context, in *WebhookRequest, since time.Time) (*Webhook, error) {
	all, err := c.ListWebhooks(ctx)
	if err != nil {
		return nil, err
	}
	return newestSince(all, since, func(w *Webhook) string { return w.CreatedAt }, func(w *Webhook) bool {
		return w.URL == in.URL && sameSet(w.Events, in.Events) && maps.Equal(w.Metadata, in.Metadata)
	}), nil
}

// FindImport looks for the import that a create with this body may have
// made since the given time. The list never carries the upload URL.
func (c *Client) FindImport(ctx context.Context, in *CreateImportRequest, since time.Time) (*Import, error) {
	all, err := c.ListImports(ctx)
	if err != nil {
		return nil, err
	}
	return newestSince(all, since, func(im *Import) string { return im.CreatedAt }, func(im *Import) bool {
		return im.Format == in.Format && int64(im.Count) == in.Count && derefOr(im.Title) == derefOr(in.Title) && maps.Equal(im.Metadata, in.Metadata)
	}), nil
}

// sameSet compares two string lists as sets.
func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}

func derefOr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
