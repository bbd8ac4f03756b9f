package exa

import (
	"context"
	"net/url"
)

// MonitorCadence is when a monitor runs: a 5-field cron in a timezone.
type MonitorCadence struct {
	Cron     string `json:"cron"`
	Timezone string `json:"timezone,omitempty"`
}

// MonitorSearchConfig is the search a monitor runs. Query, criteria and
// entity default to the webset's last search when left out.
type MonitorSearchConfig struct {
	Query    *string           `json:"query,omitempty"`
	Criteria []CreateCriterion `json:"criteria,omitempty"`
	Entity   *Entity           `json:"entity,omitempty"`
	Count    float64           `json:"count"`
	Behavior string            `json:"behavior,omitempty"`
}

// MonitorBehavior is what a monitor does when it runs.
type MonitorBehavior struct {
	Type   string              `json:"type"`
	Config MonitorSearchConfig `json:"config"`
}

// CreateMonitorRequest is the body of POST /v0/monitors.
type CreateMonitorRequest struct {
	WebsetID string            `json:"websetId"`
	Cadence  MonitorCadence    `json:"cadence"`
	Behavior MonitorBehavior   `json:"behavior"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// UpdateMonitorRequest is the body of PATCH /v0/monitors/{id}.
type UpdateMonitorRequest struct {
	Status   string            `json:"status,omitempty"`
	Cadence  *MonitorCadence   `json:"cadence,omitempty"`
	Behavior *MonitorBehavior  `json:"behavior,omitempty"`
	Metadata map[string]string `json:"metadata"`
}

// MonitorRun is one run of a monitor.
type MonitorRun struct {
	ID           string  `json:"id"`
	MonitorID    string  `json:"monitorId"`
	Status       string  `json:"status"`
	Type         string  `json:"type"`
	CompletedAt  *string `json:"completedAt"`
	FailedAt     *string `json:"failedAt"`
	FailedReason *string `json:"failedReason"`
	CanceledAt   *string `json:"canceledAt"`
	CreatedAt    string  `json:"createdAt"`
	UpdatedAt    string  `json:"updatedAt"`
}

// Monitor is a Monitor as Exa returns it.
type Monitor struct {
	ID        string            `json:"id"`
	Status    string            `json:"status"`
	WebsetID  string            `json:"websetId"`
	Cadence   MonitorCadence    `json:"cadence"`
	Behavior  MonitorBehavior   `json:"behavior"`
	LastRun   *MonitorRun       `json:"lastRun"`
	NextRunAt *string           `json:"nextRunAt"`
	Metadata  map[string]string `json:"metadata"`
	CreatedAt string            `json:"createdAt"`
	UpdatedAt string            `json:"updatedAt"`
}

func monitorPath(id string) string { return "/v0/monitors/" + escape(id) }

// CreateMonitor creates a monitor. A failure after the request may have
// reached Exa is an *AmbiguousError.
func (c *Client) CreateMonitor(ctx context.Context, in *CreateMonitorRequest) (*Monitor, error) {
	defer c.writing(in.WebsetID)()
	return object[Monitor](ctx, c, create, "POST", "/v0/monitors", in)
}

// GetMonitor reads a monitor.
func (c *Client) GetMonitor(ctx context.Context, id string) (*Monitor, error) {
	return object[Monitor](ctx, c, idempotent, "GET", monitorPath(id), nil)
}

// UpdateMonitor changes a monitor in place.
func (c *Client) UpdateMonitor(ctx context.Context, id string, in *UpdateMonitorRequest) (*Monitor, error) {
	return object[Monitor](ctx, c, idempotent, "PATCH", monitorPath(id), in)
}

// DeleteMonitor deletes a monitor.
func (c *Client) DeleteMonitor(ctx context.Context, id string) error {
	return c.do(ctx, idempotent, "DELETE", monitorPath(id), nil, nil)
}

// MonitorRuns lists a monitor's runs, newest first, up to max (0: all).
// The endpoint takes no page size.
func (c *Client) MonitorRuns(ctx context.Context, id string, max int) ([]MonitorRun, error) {
	return listAll[MonitorRun](ctx, c, monitorPath(id)+"/runs", url.Values{}, 0, max)
}

// ListMonitors lists the monitors, of one webset when websetID is not
// empty, following the cursor to the end, in the API's order.
func (c *Client) ListMonitors(ctx context.Context, websetID string) ([]Monitor, error) {
	return c.ListMonitorsUpTo(ctx, websetID, 0)
}

// ListMonitorsUpTo is ListMonitors that stops once it has max monitors (max
// ≤ 0: every one), asking for no more than it still wants.
func (c *Client) ListMonitorsUpTo(ctx context.Context, websetID string, max int) ([]Monitor, error) {
	q := url.Values{}
	if websetID != "" {
		q.Set("websetId", websetID)
	}
	return listAll[Monitor](ctx, c, "/v0/monitors", q, adoptPageSize, max)
}
