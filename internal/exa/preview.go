package exa

import "context"

// PreviewRequest is the body of websets-preview.
type PreviewRequest struct {
	Search PreviewSearch `json:"search"`
}

// PreviewSearch is the query to preview, and optionally its entity.
type PreviewSearch struct {
	Query  string  `json:"query"`
	Entity *Entity `json:"entity,omitempty"`
}

// Preview is how Exa reads a query: the entity it detects, the criteria it
// would evaluate, and the enrichment columns it suggests.
type Preview struct {
	Search struct {
		Entity   Entity `json:"entity"`
		Criteria []struct {
			Description string `json:"description"`
		} `json:"criteria"`
	} `json:"search"`
	Enrichments []struct {
		Description string             `json:"description"`
		Format      string             `json:"format"`
		Options     []EnrichmentOption `json:"options"`
	} `json:"enrichments"`
}

// PreviewWebset asks how Exa would read a query, without searching (no
// preview items are asked for). It makes nothing, so it is retried like a
// read.
func (c *Client) PreviewWebset(ctx context.Context, in *PreviewRequest) (*Preview, error) {
	return object[Preview](ctx, c, idempotent, "POST", previewPath, in)
}

// previewPath is the preview's endpoint: a POST that changes nothing.
const previewPath = "/v0/websets/preview"
