package exa

import (
	"context"
	"net/url"
	"slices"
)

// EventTypes are the webhook event types the spec lists, as a new slice
// each time, so that no caller can change the list for another.
func EventTypes() []string { return slices.Clone(eventTypes) }

var eventTypes = []string{
	"webset.created", "webset.deleted", "webset.paused", "webset.idle",
	"webset.search.created", "webset.search.canceled", "webset.search.completed", "webset.search.updated",
	"import.created", "import.completed", "webset.item.created", "webset.item.enriched",
	"monitor.created", "monitor.updated", "monitor.deleted", "monitor.run.created", "monitor.run.completed",
	"webset.export.created", "webset.export.completed",
}

// WebhookRequest is the body of a webhook create (POST).
type WebhookRequest struct {
	URL      string            `json:"url"`
	Events   []string          `json:"events"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// UpdateWebhookRequest is the body of a webhook update (PATCH). Metadata is
// always sent: {} clears it.
type UpdateWebhookRequest struct {
	URL      string            `json:"url,omitempty"`
	Events   []string          `json:"events,omitempty"`
	Metadata map[string]string `json:"metadata"`
}

// Webhook is a webhook as Exa returns it. Secret is set only in the create
// answer.
type Webhook struct {
	ID        string            `json:"id"`
	Status    string            `json:"status"`
	Events    []string          `json:"events"`
	URL       string            `json:"url"`
	Secret    *string           `json:"secret"`
	Metadata  map[string]string `json:"metadata"`
	CreatedAt string            `json:"createdAt"`
	UpdatedAt string            `json:"updatedAt"`
}

// WebhookAttempt is one delivery of an event to a webhook.
type WebhookAttempt struct {
	ID                 string  `json:"id"`
	EventID            string  `json:"eventId"`
	EventType          string  `json:"eventType"`
	URL                string  `json:"url"`
	Successful         bool    `json:"successful"`
	ResponseBody       *string `json:"responseBody"`
	ResponseStatusCode float64 `json:"responseStatusCode"`
	Attempt            float64 `json:"attempt"`
	AttemptedAt        string  `json:"attemptedAt"`
}

func webhookPath(id string) string { return "/v0/webhooks/" + escape(id) }

// CreateWebhook creates a webhook. Its answer is the only one with the
// signing secret.
func (c *Client) CreateWebhook(ctx context.Context, in *WebhookRequest) (*Webhook, error) {
	return object[Webhook](ctx, c, create, "POST", "/v0/webhooks", in)
}

// GetWebhook reads a webhook (without its secret).
func (c *Client) GetWebhook(ctx context.Context, id string) (*Webhook, error) {
	return object[Webhook](ctx, c, idempotent, "GET", webhookPath(id), nil)
}

// UpdateWebhook changes a webhook's URL, events or metadata in place.
func (c *Client) UpdateWebhook(ctx context.Context, id string, in *UpdateWebhookRequest) (*Webhook, error) {
	return object[Webhook](ctx, c, idempotent, "PATCH", webhookPath(id), in)
}

// DeleteWebhook deletes a webhook.
func (c *Client) DeleteWebhook(ctx context.Context, id string) error {
	return c.do(ctx, idempotent, "DELETE", webhookPath(id), nil, nil)
}

// WebhookAttempts lists a webhook's delivery attempts, newest first,
// optionally of one event type, up to max (0: all).
func (c *Client) WebhookAttempts(ctx context.Context, id, eventType string, max int) ([]WebhookAttempt, error) {
	q := url.Values{}
	if eventType != "" {
		q.Set("eventType", eventType)
	}
	return listAll[WebhookAttempt](ctx, c, webhookPath(id)+"/attempts", q, 200, max)
}

// ListWebhooks lists every webhook, following the cursor to the end, in
// the API's order. The list carries no secret.
func (c *Client) ListWebhooks(ctx context.Context) ([]Webhook, error) {
	return c.ListWebhooksUpTo(ctx, 0)
}

// ListWebhooksUpTo is ListWebhooks that stops once it has max webhooks (max
// ≤ 0: every one), asking for no more than it still wants.
func (c *Client) ListWebhooksUpTo(ctx context.Context, max int) ([]Webhook, error) {
	return listAll[Webhook](ctx, c, "/v0/webhooks", url.Values{}, adoptPageSize, max)
}
