package exa

import (
	"context"
	"encoding/json"
	"net/url"
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

// AllItems lists a webset's items in Exa's order, optionally only those
// from one source, up to max (0: all).
func (c *Client) AllItems(ctx context.Context, websetID, sourceID string, max int) ([]Item, error) {
	q := url.Values{}
	if sourceID != "" {
		q.Set("sourceId", sourceID)
	}
	return listAll[Item](ctx, c, websetPath(websetID)+"/items", q, 100, max)
}
