package exa

import (
	"context"
	"encoding/json"
	"net/url"
)

// CreateWebsetRequest is the body of POST /v0/websets. The provider declares
// searches and enrichments as their own resources, so it sends neither
// inline; it does send the imports or websets to load (import).
type CreateWebsetRequest struct {
	ExternalID *string           `json:"externalId,omitempty"`
	Import     []SourceRef       `json:"import,omitempty"`
	Exclude    []SourceRef       `json:"exclude,omitempty"`
	Metadata   map[string]string `json:"metadata,omitempty"`
}

// UpdateWebsetRequest is the body of POST /v0/websets/{id}. A null metadata
// clears it.
type UpdateWebsetRequest struct {
	Metadata map[string]string `json:"metadata"`
}

// Webset is a Webset as Exa returns it. Imports and monitors are kept raw:
// the provider does not read them yet.
type Webset struct {
	ID          string            `json:"id"`
	Object      string            `json:"object"`
	Status      string            `json:"status"`
	ExternalID  *string           `json:"externalId"`
	Title       *string           `json:"title"`
	Searches    []Search          `json:"searches"`
	Imports     []json.RawMessage `json:"imports"`
	Enrichments []Enrichment      `json:"enrichments"`
	Monitors    []json.RawMessage `json:"monitors"`
	Excludes    []SourceRef       `json:"excludes"`
	Metadata    map[string]string `json:"metadata"`
	CreatedAt   string            `json:"createdAt"`
	UpdatedAt   string            `json:"updatedAt"`
	// DashboardURL is not in the spec snapshot; Exa's SDKs read it
	// (since the spec: README, "Since the spec"). Older answers lack it: then it is nil.
	DashboardURL *string `json:"dashboardUrl"`
}

func websetPath(idOrExternalID string) string { return "/v0/websets/" + escape(idOrExternalID) }

// CreateWebset creates a webset. Like CreateSearch, a failure after the
// request may have reached Exa is an *AmbiguousError.
func (c *Client) CreateWebset(ctx context.Context, in *CreateWebsetRequest) (*Webset, error) {
	return prioritizedCreate[Webset](ctx, c, "/v0/websets", in)
}

// GetWebset reads a webset by its id or its externalId.
func (c *Client) GetWebset(ctx context.Context, idOrExternalID string) (*Webset, error) {
	return object[Webset](ctx, c, idempotent, "GET", websetPath(idOrExternalID), nil)
}

// UpdateWebset replaces a webset's metadata.
func (c *Client) UpdateWebset(ctx context.Context, id string, in *UpdateWebsetRequest) (*Webset, error) {
	defer c.writing(id)()
	return object[Webset](ctx, c, idempotent, "POST", websetPath(id), in)
}

// DeleteWebset deletes a webset with its items.
func (c *Client) DeleteWebset(ctx context.Context, id string) error {
	defer c.writing(id)()
	return c.do(ctx, idempotent, "DELETE", websetPath(id), nil, nil)
}

// ListWebsets lists every webset, following the cursor to the end (pages
// of 100, the spec's largest), in the API's order.
func (c *Client) ListWebsets(ctx context.Context) ([]Webset, error) { return c.ListWebsetsUpTo(ctx, 0) }

// ListWebsetsUpTo is ListWebsets that stops once it has max websets (max ≤
// 0: every one), asking for no more than it still wants.
func (c *Client) ListWebsetsUpTo(ctx context.Context, max int) ([]Webset, error) {
	return listAll[Webset](ctx, c, "/v0/websets", url.Values{}, 100, max)
}

// CancelWebset stops every running search and enrichment of a webset.
func (c *Client) CancelWebset(ctx context.Context, id string) (*Webset, error) {
	defer c.writing(id)()
	return object[Webset](ctx, c, idempotent, "POST", websetPath(id)+"/cancel", nil)
}
