package exa

import (
	"context"
	"fmt"
	"slices"
)

// EnrichmentFormats are the formats the spec lists, as a new slice each
// time.
func EnrichmentFormats() []string { return slices.Clone(enrichmentFormats) }

var enrichmentFormats = []string{"text", "date", "number", "options", "email", "phone", "url"}

const (
	EnrichmentPending   = "pending"
	EnrichmentCompleted = "completed"
	EnrichmentCanceled  = "canceled"
)

// EnrichmentOption is one label of an options enrichment.
type EnrichmentOption struct {
	Label string `json:"label"`
}

// CreateEnrichmentRequest is the body of POST .../enrichments.
type CreateEnrichmentRequest struct {
	Description string             `json:"description"`
	Format      string             `json:"format,omitempty"`
	Options     []EnrichmentOption `json:"options,omitempty"`
	Metadata    map[string]string  `json:"metadata,omitempty"`
}

// UpdateEnrichmentRequest is the body of PATCH .../enrichments/{id}. A nil
// field is left as it is; Metadata {} clears it.
type UpdateEnrichmentRequest struct {
	Description *string            `json:"description,omitempty"`
	Format      *string            `json:"format,omitempty"`
	Options     []EnrichmentOption `json:"options,omitempty"`
	Metadata    map[string]string  `json:"metadata"`
}

// Enrichment is a WebsetEnrichment.
type Enrichment struct {
	ID           string             `json:"id"`
	Status       string             `json:"status"`
	WebsetID     string             `json:"websetId"`
	Title        *string            `json:"title"`
	Description  string             `json:"description"`
	Format       *string            `json:"format"`
	Options      []EnrichmentOption `json:"options"`
	Instructions *string            `json:"instructions"`
	Metadata     map[string]string  `json:"metadata"`
	CreatedAt    string             `json:"createdAt"`
	UpdatedAt    string             `json:"updatedAt"`
}

func enrichmentsPath(websetID string) string {
	return fmt.Sprintf("/v0/websets/%s/enrichments", escape(websetID))
}

func enrichmentPath(websetID, id string) string { return enrichmentsPath(websetID) + "/" + escape(id) }

// CreateEnrichment adds an enrichment to a webset. A failure after the
// request may have reached Exa is an *AmbiguousError.
func (c *Client) CreateEnrichment(ctx context.Context, websetID string, in *CreateEnrichmentRequest) (*Enrichment, error) {
	defer c.writing(websetID)()
	return object[Enrichment](ctx, c, create, "POST", enrichmentsPath(websetID), in)
}

// GetEnrichment reads an enrichment.
func (c *Client) GetEnrichment(ctx context.Context, websetID, id string) (*Enrichment, error) {
	return object[Enrichment](ctx, c, idempotent, "GET", enrichmentPath(websetID, id), nil)
}

// UpdateEnrichment changes an enrichment in place. The spec gives its answer
// no body, so callers read the enrichment again.
func (c *Client) UpdateEnrichment(ctx context.Context, websetID, id string, in *UpdateEnrichmentRequest) error {
	defer c.writing(websetID)()
	return c.do(ctx, idempotent, "PATCH", enrichmentPath(websetID, id), in, nil)
}

// CancelEnrichment stops an enrichment that is still pending.
func (c *Client) CancelEnrichment(ctx context.Context, websetID, id string) (*Enrichment, error) {
	defer c.writing(websetID)()
	return object[Enrichment](ctx, c, idempotent, "POST", enrichmentPath(websetID, id)+"/cancel", nil)
}

// DeleteEnrichment removes an enrichment and its results.
func (c *Client) DeleteEnrichment(ctx context.Context, websetID, id string) error {
	defer c.writing(websetID)()
	return c.do(ctx, idempotent, "DELETE", enrichmentPath(websetID, id), nil, nil)
}
