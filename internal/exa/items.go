package exa

import (
	"context"
	"encoding/json"
	"net/url"
)

// Evaluation is how an item fared against one criterion, and the sources
// that explain it.
type Evaluation struct {
	Criterion  string      `json:"criterion"`
	Reasoning  string      `json:"reasoning"`
	Satisfied  string      `json:"satisfied"`
	References []Reference `json:"references"`
}

// EnrichmentResult is one enrichment's value for an item, with why and from
// where.
type EnrichmentResult struct {
	EnrichmentID string      `json:"enrichmentId"`
	Format       string      `json:"format"`
	Status       string      `json:"status"`
	Result       []string    `json:"result"`
	Reasoning    *string     `json:"reasoning"`
	References   []Reference `json:"references"`
}

// Reference is a source that an evaluation or an enrichment result cites.
type Reference struct {
	Title   *string `json:"title"`
	Snippet *string `json:"snippet"`
	URL     string  `json:"url"`
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
