package exa

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
)

// Evaluation is how an item fared against one criterion.
type Evaluation struct {
	Criterion string `json:"criterion"`
	Reasoning string `json:"reasoning"`
	Satisfied string `json:"satisfied"`
}

// EnrichmentResult is one enrichment's value for an item.
type EnrichmentResult struct {
	EnrichmentID string   `json:"enrichmentId"`
	Format       string   `json:"format"`
	Status       string   `json:"status"`
	Result       []string `json:"result"`
}

// Item is a WebsetItem. Properties differ by entity type, so they are kept
// raw; ItemProperties reads the fields every type shares.
type Item struct {
	ID          string             `json:"id"`
	Source      string             `json:"source"`
	SourceID    string             `json:"sourceId"`
	WebsetID    string             `json:"websetId"`
	Properties  json.RawMessage    `json:"properties"`
	Evaluations []Evaluation       `json:"evaluations"`
	Enrichments []EnrichmentResult `json:"enrichments"`
	CreatedAt   string             `json:"createdAt"`
	UpdatedAt   string             `json:"updatedAt"`
}

// ItemProperties are the properties all entity types share, plus the name
// or title of the entity where its type has one.
type ItemProperties struct {
	Type        string  `json:"type"`
	URL         *string `json:"url"`
	Description *string `json:"description"`
	Person      *named  `json:"person"`
	Company     *named  `json:"company"`
	Article     *named  `json:"article"`
	Paper       *named  `json:"researchPaper"`
	Custom      *named  `json:"custom"`
}

type named struct {
	Name  *string `json:"name"`
	Title *string `json:"title"`
}

// Name is the entity's name (person, company) or title (article, paper,
// custom), or nil.
func (p *ItemProperties) Name() *string {
	for _, n := range []*named{p.Person, p.Company, p.Article, p.Paper, p.Custom} {
		if n == nil {
			continue
		}
		if n.Name != nil {
			return n.Name
		}
		if n.Title != nil {
			return n.Title
		}
	}
	return nil
}

// ItemPage is one page of ListItems.
type ItemPage struct {
	Data       []Item  `json:"data"`
	HasMore    bool    `json:"hasMore"`
	NextCursor *string `json:"nextCursor"`
}

// ListItemsOptions filter and page ListItems.
type ListItemsOptions struct {
	Cursor   string
	Limit    int // 1–100; 0 leaves Exa's default
	SourceID string
}

// ListItems reads one page of a webset's items.
func (c *Client) ListItems(ctx context.Context, websetID string, opt ListItemsOptions) (*ItemPage, error) {
	q := url.Values{}
	if opt.Cursor != "" {
		q.Set("cursor", opt.Cursor)
	}
	if opt.Limit > 0 {
		q.Set("limit", strconv.Itoa(opt.Limit))
	}
	if opt.SourceID != "" {
		q.Set("sourceId", opt.SourceID)
	}
	path := websetPath(websetID) + "/items"
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	var out ItemPage
	if err := c.do(ctx, idempotent, "GET", path, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// AllItems follows the cursor until the last page, or until max items
// (max ≤ 0: no bound).
func (c *Client) AllItems(ctx context.Context, websetID, sourceID string, max int) ([]Item, error) {
	var out []Item
	opt := ListItemsOptions{SourceID: sourceID, Limit: 100}
	for {
		if max > 0 {
			opt.Limit = min(100, max-len(out))
		}
		page, err := c.ListItems(ctx, websetID, opt)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Data...)
		if max > 0 && len(out) >= max {
			return out[:max], nil
		}
		if !page.HasMore || page.NextCursor == nil || *page.NextCursor == "" {
			return out, nil
		}
		opt.Cursor = *page.NextCursor
	}
}
