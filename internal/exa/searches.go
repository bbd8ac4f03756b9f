package exa

import (
	"context"
	"fmt"
)

// Search statuses, as the spec lists them. Exa may add others: callers treat
// an unknown status as still running.
const (
	SearchCreated   = "created"
	SearchPending   = "pending"
	SearchRunning   = "running"
	SearchCompleted = "completed"
	SearchCanceled  = "canceled"
)

// SearchFinished reports whether a search with this status can no longer
// change: it completed or was canceled.
func SearchFinished(status string) bool {
	return status == SearchCompleted || status == SearchCanceled
}

// Entity is the kind of result a search looks for. Description is set only
// for the custom type.
type Entity struct {
	Type        string  `json:"type"`
	Description *string `json:"description,omitempty"`
}

// CreateCriterion is one criterion in a create request.
type CreateCriterion struct {
	Description string `json:"description"`
}

// Criterion is one criterion as Exa reports it.
type Criterion struct {
	Description string   `json:"description"`
	SuccessRate *float64 `json:"successRate"`
}

// SourceRef names an import or a webset (exclude).
type SourceRef struct {
	Source string `json:"source"`
	ID     string `json:"id"`
}

// Relationship turns a scope into a hop search.
type Relationship struct {
	Definition string  `json:"definition"`
	Limit      float64 `json:"limit"`
}

// Scope limits a search to a source, optionally hopping to related entities.
type Scope struct {
	Source       string        `json:"source"`
	ID           string        `json:"id"`
	Relationship *Relationship `json:"relationship,omitempty"`
}

// CreateSearchRequest is the body of POST /v0/websets/{webset}/searches.
type CreateSearchRequest struct {
	Query    string            `json:"query"`
	Count    int64             `json:"count"`
	Entity   *Entity           `json:"entity,omitempty"`
	Criteria []CreateCriterion `json:"criteria,omitempty"`
	Exclude  []SourceRef       `json:"exclude,omitempty"`
	Scope    []Scope           `json:"scope,omitempty"`
	Recall   *bool             `json:"recall,omitempty"`
	Behavior string            `json:"behavior,omitempty"`
	Metadata map[string]string `json:"metadata,omitempty"`
	// MaxPeoplePerCompany is a soft cap for people searches; not in the
	// spec snapshot, but in Exa's SDKs (since the spec: README, "Since the spec").
	MaxPeoplePerCompany *int64 `json:"maxPeoplePerCompany,omitempty"`
}

// Progress is how far a search has got. Numbers are float64 so that Exa may
// write 10 or 10.0; TimeLeft is null when unknown.
type Progress struct {
	Found      float64  `json:"found"`
	Analyzed   float64  `json:"analyzed"`
	Completion float64  `json:"completion"`
	TimeLeft   *float64 `json:"timeLeft"`
}

// RecallBounds is the range of the recall estimate.
type RecallBounds struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// RecallExpected is Exa's estimate of how many matches exist.
type RecallExpected struct {
	Total      float64      `json:"total"`
	Confidence string       `json:"confidence"`
	Bounds     RecallBounds `json:"bounds"`
}

// Recall is the recall estimate, present once Exa computed it.
type Recall struct {
	Expected  RecallExpected `json:"expected"`
	Reasoning string         `json:"reasoning"`
}

// Search is a WebsetSearch as Exa returns it.
type Search struct {
	ID             string            `json:"id"`
	Object         string            `json:"object"`
	Status         string            `json:"status"`
	WebsetID       string            `json:"websetId"`
	Query          string            `json:"query"`
	Entity         *Entity           `json:"entity"`
	Criteria       []Criterion       `json:"criteria"`
	Count          float64           `json:"count"`
	Behavior       string            `json:"behavior"`
	Exclude        []SourceRef       `json:"exclude"`
	Scope          []Scope           `json:"scope"`
	Progress       *Progress         `json:"progress"`
	Recall         *Recall           `json:"recall"`
	Metadata       map[string]string `json:"metadata"`
	CanceledAt     *string           `json:"canceledAt"`
	CanceledReason *string           `json:"canceledReason"`
	// MaxPeoplePerCompany is null when no cap was asked for, and absent
	// from servers older than the field.
	MaxPeoplePerCompany *float64 `json:"maxPeoplePerCompany"`
	// Timestamps stay strings (RFC 3339): the provider shows them as Exa
	// wrote them, and a format it does not expect is no reason to fail.
	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
}

func searchesPath(websetID string) string {
	return fmt.Sprintf("/v0/websets/%s/searches", escape(websetID))
}

func searchPath(websetID, searchID string) string {
	return searchesPath(websetID) + "/" + escape(searchID)
}

// CreateSearch starts a search. The call is not repeated once it may have
// reached Exa: such a failure is an *AmbiguousError, and the caller must look
// for the search (FindSearch) before it tries again.
func (c *Client) CreateSearch(ctx context.Context, websetID string, in *CreateSearchRequest) (*Search, error) {
	defer c.writing(websetID)()
	return prioritizedCreate[Search](ctx, c, searchesPath(websetID), in)
}

// GetSearch reads a search.
func (c *Client) GetSearch(ctx context.Context, websetID, searchID string) (*Search, error) {
	return object[Search](ctx, c, idempotent, "GET", searchPath(websetID, searchID), nil)
}

// CancelSearch cancels a search. Canceling is idempotent at Exa, so the call
// is retried like a read.
func (c *Client) CancelSearch(ctx context.Context, websetID, searchID string) (*Search, error) {
	defer c.writing(websetID)()
	return object[Search](ctx, c, idempotent, "POST", searchPath(websetID, searchID)+"/cancel", nil)
}
