// Package exa is a small typed client for Exa's Websets API.
//
// One file holds each API area (websets.go, searches.go, …); this file holds
// what they share: authentication, the User-Agent, retries, rate limiting and
// logging. Wire structs follow the spec's field names, with pointers where
// the spec says a field may be null.
package exa

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/time/rate"
)

// DefaultBaseURL is Exa's production API root. Websets paths hang below
// <base>/websets/v0/.
const DefaultBaseURL = "https://api.exa.ai"

// Defaults for Config fields left zero.
const (
	DefaultMaxRetries        = 5
	DefaultRetryWaitMin      = 1 * time.Second
	DefaultRetryWaitMax      = 30 * time.Second
	DefaultMaxRetryAfter     = 60 * time.Second
	DefaultRequestsPerSecond = 10
)

// Config sets up a Client. Only APIKey is required.
type Config struct {
	APIKey  string
	BaseURL string
	// UserAgent is sent on every request.
	UserAgent string
	// MaxRetries bounds the retries of one call (not counting the first try).
	// A negative value means no retries.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the jittered exponential backoff.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// MaxRetryAfter is the longest Retry-After the client will honor; a
	// longer one fails the call at once with a clear error.
	MaxRetryAfter time.Duration
	// RequestsPerSecond caps the request rate of this client (a token bucket
	// shared by every caller). Zero means DefaultRequestsPerSecond; a
	// negative value means unlimited.
	RequestsPerSecond float64
	// HTTPClient replaces the default transport (tests).
	HTTPClient *http.Client
}

// Client talks to the Websets API. It is safe for concurrent use.
type Client struct {
	base          string
	apiKey        string
	userAgent     string
	http          *http.Client
	maxRetries    int
	waitMin       time.Duration
	waitMax       time.Duration
	maxRetryAfter time.Duration
	limiter       *rate.Limiter
}

// NewClient checks cfg and builds a Client.
func NewClient(cfg Config) (*Client, error) {
	if cfg.APIKey == "" {
		return nil, errors.New("no API key: set api_key in the provider block or EXA_API_KEY in the environment")
	}
	base := cfg.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	if err := CheckBaseURL(base); err != nil {
		return nil, err
	}
	c := &Client{
		base:          strings.TrimRight(base, "/") + "/websets",
		apiKey:        cfg.APIKey,
		userAgent:     cfg.UserAgent,
		http:          cfg.HTTPClient,
		maxRetries:    cfg.MaxRetries,
		waitMin:       cfg.RetryWaitMin,
		waitMax:       cfg.RetryWaitMax,
		maxRetryAfter: cfg.MaxRetryAfter,
	}
	if c.maxRetries < 0 {
		c.maxRetries = 0
	}
	if c.waitMin <= 0 {
		c.waitMin = DefaultRetryWaitMin
	}
	if c.waitMax < c.waitMin {
		c.waitMax = max(DefaultRetryWaitMax, c.waitMin)
	}
	if c.maxRetryAfter <= 0 {
		c.maxRetryAfter = DefaultMaxRetryAfter
	}
	switch rps := cfg.RequestsPerSecond; {
	case rps == 0:
		c.limiter = rate.NewLimiter(DefaultRequestsPerSecond, DefaultRequestsPerSecond)
	case rps > 0:
		c.limiter = rate.NewLimiter(rate.Limit(rps), max(1, int(rps)))
	}
	if c.http == nil {
		c.http = &http.Client{Transport: newTransport()}
	}
	return c, nil
}

// CheckBaseURL refuses URLs that would send the API key in clear text: plain
// http is allowed only to a loopback host (the bundled mock server).
func CheckBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("base_url %q is not an absolute URL", raw)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		host := u.Hostname()
		if host == "localhost" {
			return nil
		}
		if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
			return nil
		}
		return fmt.Errorf("base_url %q uses plain http, which would send the API key unencrypted; use https (plain http is allowed only for loopback hosts such as the mock server)", raw)
	default:
		return fmt.Errorf("base_url %q must use https", raw)
	}
}

// newTransport keeps connections alive between calls, so that many resources
// applied in parallel reuse a few TCP connections.
func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone() //nolint:forcetypeassert // the standard library's default is always a *http.Transport
	t.MaxIdleConns = 100
	t.MaxIdleConnsPerHost = 32
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	return t
}

// callKind says whether a call may be sent again after it reached Exa.
type callKind int

const (
	// idempotent calls (GET, cancel, update, delete) are retried on 408, 429,
	// retryable 5xx and network errors.
	idempotent callKind = iota
	// create calls are retried only on 429 and on connection failures that
	// happened before the request was written; any other failure after the
	// request was sent becomes an *AmbiguousError.
	create
)

// do sends one API call, with retries, and decodes a 2xx JSON answer into
// out (when out is not nil).
func (c *Client) do(ctx context.Context, kind callKind, method, path string, in, out any) error {
	// Mask the key in every log line written under this context, whatever
	// field or message it turns up in (a header dump, an echoed body).
	ctx = tflog.MaskLogStrings(ctx, c.apiKey)
	ctx = tflog.SetField(ctx, "exa_method", method)
	ctx = tflog.SetField(ctx, "exa_path", path)

	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("encoding %s %s: %w", method, path, err)
		}
	}

	for attempt := 0; ; attempt++ {
		res, err := c.try(ctx, method, path, body)
		if err == nil && res.status/100 == 2 {
			if out == nil || len(res.body) == 0 {
				return nil
			}
			if err := json.Unmarshal(res.body, out); err != nil {
				return fmt.Errorf("decoding the answer to %s %s: %w", method, path, err)
			}
			return nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			ctxErr = fmt.Errorf("%s %s: %w", method, path, ctxErr)
			if kind == create && err != nil && err.sent {
				return &AmbiguousError{Err: ctxErr}
			}
			return ctxErr
		}

		var callErr error
		retry := false
		var wait time.Duration
		if err != nil {
			callErr = fmt.Errorf("%s %s: %w", method, path, err.err)
			retry = kind == idempotent || !err.sent
			if kind == create && err.sent {
				return &AmbiguousError{Err: callErr}
			}
		} else {
			// An error body may echo the key back: never let it into a
			// diagnostic.
			msg := strings.ReplaceAll(errorMessage(res.body), c.apiKey, "***")
			apiErr := &APIError{StatusCode: res.status, Message: msg, RequestID: res.requestID, Method: method, Path: path}
			callErr = apiErr
			switch {
			case res.status == http.StatusTooManyRequests:
				retry = true
			case kind == create && res.status >= 500:
				return &AmbiguousError{Err: apiErr}
			case retryableStatus(res.status):
				retry = true
			}
			if retry && res.retryAfter > 0 {
				if res.retryAfter > c.maxRetryAfter {
					return fmt.Errorf("%w; Exa asked to retry after %s, longer than the %s the provider waits: try again later", apiErr, res.retryAfter, c.maxRetryAfter)
				}
				wait = res.retryAfter
			}
		}
		if !retry || attempt >= c.maxRetries {
			if retry {
				return fmt.Errorf("giving up after %d tries: %w", attempt+1, callErr)
			}
			return callErr
		}
		if wait == 0 {
			wait = c.backoff(attempt)
		}
		tflog.Warn(ctx, "retrying Exa API call", map[string]any{"attempt": attempt + 1, "wait": wait.String(), "error": callErr.Error()})
		if err := Sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s %s: %w (while waiting to retry after: %v)", method, path, err, callErr)
		}
	}
}

// retryableStatus lists the statuses worth another try of an idempotent
// call. 501 Not Implemented is final.
func retryableStatus(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooManyRequests,
		http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// backoff is full-jitter exponential backoff: a random wait in
// [base/2, base], where base doubles from waitMin up to waitMax.
func (c *Client) backoff(attempt int) time.Duration {
	base := c.waitMin << min(attempt, 30)
	if base > c.waitMax || base <= 0 {
		base = c.waitMax
	}
	half := base / 2
	return half + rand.N(half+1)
}

// Sleep waits for d, or returns the context's error as soon as it is done.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

type response struct {
	status     int
	body       []byte
	requestID  string
	retryAfter time.Duration
}

type tryError struct {
	err error
	// sent is true when the request was fully written before the failure,
	// so Exa may have acted on it.
	sent bool
}

// try sends the request once.
func (c *Client) try(ctx context.Context, method, path string, body []byte) (*response, *tryError) {
	if c.limiter != nil {
		if err := c.limiter.Wait(ctx); err != nil {
			return nil, &tryError{err: fmt.Errorf("waiting for the client-side rate limit: %w", err)}
		}
	}
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, reader)
	if err != nil {
		return nil, &tryError{err: err}
	}
	req.Header.Set("x-api-key", c.apiKey)
	req.Header.Set("Accept", "application/json")
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	wrote := false
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) { wrote = info.Err == nil },
	}))

	tflog.Trace(ctx, "Exa API request", map[string]any{"exa_request_body": string(body)})
	start := time.Now()
	res, err := c.http.Do(req)
	if err != nil {
		tflog.Debug(ctx, "Exa API call failed", map[string]any{"error": err.Error(), "request_sent": wrote})
		return nil, &tryError{err: err, sent: wrote}
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		tflog.Debug(ctx, "reading the Exa API answer failed", map[string]any{"error": err.Error()})
		return nil, &tryError{err: err, sent: true}
	}
	out := &response{
		status:     res.StatusCode,
		body:       data,
		requestID:  res.Header.Get("X-Request-Id"),
		retryAfter: parseRetryAfter(res.Header.Get("Retry-After"), time.Now()),
	}
	tflog.Debug(ctx, "Exa API call", map[string]any{
		"exa_status":     res.StatusCode,
		"exa_request_id": out.requestID,
		"duration_ms":    time.Since(start).Milliseconds(),
	})
	tflog.Trace(ctx, "Exa API answer", map[string]any{"exa_response_body": string(data)})
	return out, nil
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(secs * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// Page is one page of a list endpoint.
type Page[T any] struct {
	Data       []T     `json:"data"`
	HasMore    bool    `json:"hasMore"`
	NextCursor *string `json:"nextCursor"`
}

// listAll follows a list endpoint's cursor to the last page, or until it
// has max results (max ≤ 0: no bound). With pageSize above zero it sends
// limit, never asking for more than it still wants.
func listAll[T any](ctx context.Context, c *Client, path string, q url.Values, pageSize, max int) ([]T, error) {
	var out []T
	for {
		if pageSize > 0 {
			limit := pageSize
			if max > 0 {
				limit = min(limit, max-len(out))
			}
			q.Set("limit", strconv.Itoa(limit))
		}
		p := path
		if enc := q.Encode(); enc != "" {
			p += "?" + enc
		}
		var page Page[T]
		if err := c.do(ctx, idempotent, "GET", p, nil, &page); err != nil {
			return nil, err
		}
		out = append(out, page.Data...)
		if max > 0 && len(out) >= max {
			return out[:max], nil
		}
		if !page.HasMore || page.NextCursor == nil || *page.NextCursor == "" {
			return out, nil
		}
		q.Set("cursor", *page.NextCursor)
	}
}

// escape makes one path segment safe.
func escape(segment string) string { return url.PathEscape(segment) }
