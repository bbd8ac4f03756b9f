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
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// DefaultBaseURL is Exa's production API root. Websets paths hang below
// <base>/websets/v0/.
const DefaultBaseURL = "https://api.exa.ai"

// PriorityHeader carries the processing priority of a webset or search
// create; it is not in the spec, but Exa's SDKs send it.
const PriorityHeader = "x-exa-websets-priority"

// Priorities are the values the SDKs send in PriorityHeader.
func Priorities() []string { return []string{"low", "medium", "high"} }

// Defaults for Config fields left zero.
const (
	DefaultMaxRetries        = 5
	DefaultRetryWaitMin      = 1 * time.Second
	DefaultRetryWaitMax      = 30 * time.Second
	DefaultMaxRetryAfter     = 60 * time.Second
	DefaultRequestsPerSecond = 10
	// DefaultRequestTimeout bounds one HTTP attempt: connect, TLS, headers
	// and the whole body. Websets answers are small and quick; a minute is
	// far beyond a healthy answer and short enough to unstick a CI job.
	DefaultRequestTimeout = 60 * time.Second
)

// MaxResponseBytes caps the body of one answer. The largest Websets answers
// are pages of items (at most 100 per page) and a webset with its searches
// and enrichments, far below this; a larger body is a broken or hostile
// server, and fails the call instead of growing memory.
const MaxResponseBytes = 32 << 20

// maxRedirects bounds a chain of same-origin redirects, as net/http's own
// default does.
const maxRedirects = 10

// Config sets up a Client. Only APIKey is required.
type Config struct {
	APIKey  string
	BaseURL string
	// UserAgent is sent on every request.
	UserAgent string
	// MaxRetries bounds the retries of one call (not counting the first try).
	// Zero means DefaultMaxRetries, as for every field left zero; a negative
	// value means no retries.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the jittered exponential backoff.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// MaxRetryAfter is the longest Retry-After the client will honor; a
	// longer one fails the call at once with a clear error.
	MaxRetryAfter time.Duration
	// RequestsPerSecond caps the request rate of this client, shared by
	// every caller: calls go out evenly spaced. A 429 lowers the rate below
	// it for a while (throttle.go). Zero means DefaultRequestsPerSecond; a
	// negative value means no limit of the client's own.
	RequestsPerSecond float64
	// MaxThrottle bounds how long one call keeps trying through 429s when
	// its context has no deadline. Zero means DefaultMaxThrottle.
	MaxThrottle time.Duration
	// RequestTimeout bounds each HTTP attempt, body included. Zero means
	// DefaultRequestTimeout.
	RequestTimeout time.Duration
	// Priority is sent as x-exa-websets-priority on webset and search
	// creates, as Exa's SDKs do: "low", "medium" or "high". Empty sends no
	// header. Exa documents no meaning for the levels.
	Priority string
	// HTTPClient replaces the default transport (tests). Its redirect
	// policy is replaced by the client's own, which keeps the key at its
	// origin.
	HTTPClient *http.Client
}

// Client talks to the Websets API. It is safe for concurrent use.
type Client struct {
	base string
	// basePath is the path of base: base_url's own path, then /websets.
	basePath       string
	apiKey         string
	userAgent      string
	http           *http.Client
	maxRetries     int
	waitMin        time.Duration
	waitMax        time.Duration
	maxRetryAfter  time.Duration
	requestTimeout time.Duration
	// pace holds every call to the request rate, which 429s lower.
	pace        *adaptiveRate
	maxThrottle time.Duration
	snaps       *snapshots
	rounds      *rounds
	priority    string
	// writes counts the calls sent that are not GETs.
	writes atomic.Int64
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
		base:           strings.TrimRight(base, "/") + "/websets",
		basePath:       basePathOf(base),
		apiKey:         cfg.APIKey,
		userAgent:      cfg.UserAgent,
		maxRetries:     cfg.MaxRetries,
		waitMin:        cfg.RetryWaitMin,
		waitMax:        cfg.RetryWaitMax,
		maxRetryAfter:  cfg.MaxRetryAfter,
		requestTimeout: cfg.RequestTimeout,
		snaps:          newSnapshots(),
		rounds:         &rounds{last: map[string]roundAnswer{}},
		priority:       cfg.Priority,
	}
	switch {
	case c.maxRetries == 0:
		c.maxRetries = DefaultMaxRetries
	case c.maxRetries < 0:
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
	if c.requestTimeout <= 0 {
		c.requestTimeout = DefaultRequestTimeout
	}
	switch rps := cfg.RequestsPerSecond; {
	case rps == 0:
		c.pace = newAdaptiveRate(DefaultRequestsPerSecond)
	case rps > 0:
		c.pace = newAdaptiveRate(rps)
	default:
		c.pace = newAdaptiveRate(math.Inf(1))
	}
	c.maxThrottle = cfg.MaxThrottle
	if c.maxThrottle <= 0 {
		c.maxThrottle = DefaultMaxThrottle
	}
	hc := &http.Client{Transport: newTransport()}
	if cfg.HTTPClient != nil {
		copied := *cfg.HTTPClient
		hc = &copied
	}
	hc.CheckRedirect = keepKeyAtOrigin
	c.http = hc
	return c, nil
}

// CheckBaseURL refuses URLs that would leak the API key: plain http is
// allowed only to a loopback host (the bundled mock server), and user info,
// a query or a fragment are refused, since each would be sent or logged
// somewhere the key's owner did not mean. Its errors never repeat the URL's
// user info.
func CheckBaseURL(raw string) error {
	u, err := parseAbsolute(raw, "base_url")
	if err != nil {
		return err
	}
	switch {
	case u.User != nil:
		return fmt.Errorf("base_url %q must not carry user info (user:password@): the provider authenticates with api_key alone", redacted(u))
	case u.RawQuery != "" || u.ForceQuery:
		return fmt.Errorf("base_url %q must not have a query string", redacted(u))
	case u.Fragment != "":
		return fmt.Errorf("base_url %q must not have a fragment", redacted(u))
	case slices.Contains(strings.Split(u.Path, "/"), "websets"):
		return fmt.Errorf("base_url %q must be the API's root, such as %s: the provider adds /websets/v0 to it itself, so this URL would reach %s/websets/v0/... and answer 404", redacted(u), DefaultBaseURL, strings.TrimRight(redacted(u), "/"))
	}
	return checkScheme(u, "base_url", "the API key")
}

// basePathOf is the path that calls to base go to: base's own path (a
// proxy's prefix, say), then /websets.
func basePathOf(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return "/websets"
	}
	return strings.TrimRight(u.Path, "/") + "/websets"
}

// checkUploadURL checks a pre-signed upload URL: its query string is its
// signature, so it is allowed (and never printed), but plain http is still
// refused except for loopback.
func checkUploadURL(raw string) error {
	u, err := parseAbsolute(raw, "upload URL")
	if err != nil {
		return err
	}
	return checkScheme(u, "upload URL", "the import file")
}

func parseAbsolute(raw, what string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse's own error quotes the whole URL, password included.
		return nil, fmt.Errorf("%s is not a valid absolute URL", what)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%s %q is not an absolute URL (it needs a scheme and a host, such as https://api.exa.ai)", what, redacted(u))
	}
	return u, nil
}

func checkScheme(u *url.URL, what, payload string) error {
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if isLoopback(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("%s %q uses plain http, which would send %s unencrypted; use https (plain http is allowed only for loopback hosts such as the mock server)", what, redacted(u), payload)
	default:
		return fmt.Errorf("%s %q must use https", what, redacted(u))
	}
}

// redacted is a URL for an error message: scheme, host and path, without
// user info, query or fragment.
func redacted(u *url.URL) string {
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// keepKeyAtOrigin is the redirect policy. net/http strips Authorization and
// cookies on a cross-origin redirect, but it forwards custom headers such
// as x-api-key. So a redirect that carries the key is followed only within
// the origin it was sent to (scheme, host and port), and no redirect is
// followed from https to http. Any other redirect is not followed: the
// caller gets the 3xx answer and reports it (see RedirectError).
func keepKeyAtOrigin(req *http.Request, via []*http.Request) error {
	first := via[0]
	switch {
	case len(via) >= maxRedirects:
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	case first.URL.Scheme == "https" && req.URL.Scheme != "https":
		return http.ErrUseLastResponse
	case first.Header.Get("x-api-key") != "" && !sameOrigin(first.URL, req.URL):
		return http.ErrUseLastResponse
	}
	return nil
}

func sameOrigin(a, b *url.URL) bool {
	return a.Scheme == b.Scheme && strings.EqualFold(a.Hostname(), b.Hostname()) && portOf(a) == portOf(b)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "https" {
		return "443"
	}
	return "80"
}

// newTransport keeps connections alive between calls, so that many resources
// applied in parallel reuse a few TCP connections. Connect and TLS handshake
// have the standard library's bounds (30 s and 10 s); each attempt as a whole
// is bounded by the request timeout.
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
	// idempotent calls (GET, cancel, update, delete, the upload PUT) are
	// retried on 408, 429, retryable 5xx, timeouts and network errors.
	idempotent callKind = iota
	// create calls are retried only on 429 and on connection failures that
	// happened before the request was written; any other failure after the
	// request was sent (a 5xx, a dropped connection, a timeout) becomes an
	// *AmbiguousError.
	create
)

// call is one API call as the retry loop sees it.
type call struct {
	kind   callKind
	method string
	url    string
	// label names the call in errors and logs: the API path, never a
	// pre-signed URL.
	label       string
	body        []byte
	contentType string
	// withKey sends x-api-key; only calls to base_url do.
	withKey bool
	// priority is the x-exa-websets-priority header, or "" for none.
	priority string
}

// do sends one API call, with retries, and decodes a 2xx JSON answer into
// out (when out is not nil).
func (c *Client) do(ctx context.Context, kind callKind, method, path string, in, out any) error {
	return c.doCall(ctx, c.apiCall(kind, method, path), in, out)
}

// apiCall is a call to base_url: the key goes with it, and it is named in
// errors and logs by the path as sent (base_url's own path, /websets and
// the API path), so that a proxy's or a gateway's logs can be matched.
func (c *Client) apiCall(kind callKind, method, path string) call {
	return call{kind: kind, method: method, url: c.base + path, label: c.basePath + path, withKey: true}
}

// doCall is do for a call that do's arguments do not describe alone.
func (c *Client) doCall(ctx context.Context, cl call, in, out any) error {
	method, path := cl.method, cl.label
	if in != nil {
		var err error
		if cl.body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("encoding %s %s: %w", method, path, err)
		}
		cl.contentType = "application/json"
	}
	res, err := c.send(ctx, cl)
	if err != nil || out == nil || len(res.body) == 0 {
		return err
	}
	if err := json.Unmarshal(res.body, out); err != nil {
		return fmt.Errorf("decoding the answer to %s %s: %w", method, path, err)
	}
	return nil
}

// object sends one API call whose answer is one object of type T: the
// create, get, update and cancel calls of every API area.
func object[T any](ctx context.Context, c *Client, kind callKind, method, path string, in any) (*T, error) {
	var out T
	if err := c.do(ctx, kind, method, path, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// prioritizedCreate is object for the two creates that Exa's SDKs send
// with x-exa-websets-priority (webset and search), carrying the
// configured priority, if any.
func prioritizedCreate[T any](ctx context.Context, c *Client, path string, in any) (*T, error) {
	var out T
	cl := c.apiCall(create, "POST", path)
	cl.priority = c.priority
	if err := c.doCall(ctx, cl, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Writes is how many calls that change something at Exa this client has
// sent: every call but a GET and the preview (a POST that only reads). The
// provider's cost ledger tells an apply walk by it: a plan walk sends none.
func (c *Client) Writes() int64 { return c.writes.Load() }

// send runs the retry loop of one call and returns its 2xx answer.
func (c *Client) send(ctx context.Context, cl call) (*response, error) {
	if cl.method != http.MethodGet && cl.label != c.basePath+previewPath {
		c.writes.Add(1)
	}
	// Mask the key in every log line written under this context, whatever
	// field or message it turns up in (a header dump, an echoed body).
	ctx = tflog.MaskLogStrings(ctx, c.apiKey)
	ctx = tflog.SetField(ctx, "exa_method", cl.method)
	ctx = tflog.SetField(ctx, "exa_path", cl.label)

	// failures counts the attempts that failed for real (5xx, a dropped
	// connection, a timed-out attempt), which MaxRetries bounds; throttles
	// counts the 429s, which the deadline (or MaxThrottle) bounds instead.
	failures, throttles := 0, 0
	var throttledFor time.Duration
	var last429 error
	throttledErr := func(reason string, waited time.Duration, last error) error {
		return &ThrottledError{Method: cl.method, Path: cl.label, Throttles: throttles, Waited: waited, Reason: reason, Last: last}
	}
	for {
		res, terr := c.try(ctx, cl)
		if terr == nil && res.status != http.StatusTooManyRequests {
			// Any answer but a 429 was within the key's limit.
			c.pace.succeeded(time.Now())
		}
		if terr == nil && res.status/100 == 2 {
			return res, nil
		}
		v := c.judge(ctx, cl, res, terr)
		if last429 != nil && ctx.Err() != nil && (terr == nil || !terr.sent || cl.kind != create) {
			// The context ended after a 429, while the call waited its
			// turn or while its next try was in flight: that is a
			// throttled call, and says so. A create whose try was sent
			// stays ambiguous (judge): Exa may have made it.
			reason := "the operation's deadline ran out while it waited"
			if terr != nil && terr.sent {
				reason = "the operation's deadline ran out during the try after the wait"
			}
			if errors.Is(ctx.Err(), context.Canceled) {
				reason = "the operation was canceled while it waited"
			}
			return nil, throttledErr(reason, throttledFor, last429)
		}
		if !v.retry {
			return nil, v.err
		}
		if v.throttled {
			now := time.Now()
			wait := v.wait
			if wait == 0 {
				wait = c.backoff(throttles)
			}
			throttles++
			last429 = v.err
			c.pace.throttled(now, res.sentAt, wait)
			tallyFrom(ctx).add(wait)
			tflog.Debug(ctx, "Exa throttled the call (HTTP 429); sending it again after the wait", map[string]any{"throttles": throttles, "wait": wait.String(), "rate": c.Rate()})
			if dl, ok := ctx.Deadline(); ok && dl.Before(now.Add(wait)) {
				return nil, throttledErr(fmt.Sprintf("the operation's deadline falls before the %s that Exa asked it to wait", wait), throttledFor, v.err)
			}
			if throttledFor += wait; throttledFor > c.maxThrottle {
				return nil, throttledErr(fmt.Sprintf("the call has waited through throttling for longer than the %s it may", c.maxThrottle), throttledFor-wait, v.err)
			}
			// The pace holds this call, and every other, until the wait
			// is over: the next try waits its turn.
			continue
		}
		if failures >= c.maxRetries {
			return nil, fmt.Errorf("giving up after %d tries: %w", failures+throttles+1, v.err)
		}
		wait := v.wait
		if wait == 0 {
			wait = c.backoff(failures)
		}
		failures++
		tflog.Warn(ctx, "retrying Exa API call", map[string]any{"attempt": failures, "wait": wait.String(), "error": v.err.Error()})
		if err := Sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("%s %s: %w (while waiting to retry after: %v)", cl.method, cl.label, err, v.err)
		}
	}
}

// verdict is what the retry loop does after a failed attempt.
type verdict struct {
	err   error
	retry bool
	// throttled marks a 429: retried within the deadline, not MaxRetries.
	throttled bool
	// wait is the server's Retry-After, when it gave one.
	wait time.Duration
}

// judge classifies one failed attempt. The rules, in order:
//   - the caller's context ended: stop (a create that was sent is ambiguous);
//   - a create that was sent and then failed (5xx, dropped, timed out) is
//     ambiguous: never re-sent blindly;
//   - a redirect that was not followed, or an oversized answer, is final;
//   - 429 is always retried, as a throttle (see throttle.go); 408 and
//     retryable 5xx, network errors and attempt timeouts are retried for
//     idempotent calls;
//   - a Retry-After longer than the client waits fails at once.
func (c *Client) judge(ctx context.Context, cl call, res *response, terr *tryError) verdict {
	if ctxErr := ctx.Err(); ctxErr != nil {
		err := fmt.Errorf("%s %s: %w", cl.method, cl.label, ctxErr)
		if cl.kind == create && terr != nil && terr.sent {
			err = &AmbiguousError{Err: err}
		}
		return verdict{err: err}
	}
	if terr != nil {
		err := fmt.Errorf("%s %s: %w", cl.method, cl.label, terr.err)
		switch {
		case cl.kind == create && terr.sent:
			return verdict{err: &AmbiguousError{Err: err}}
		case terr.final:
			return verdict{err: err}
		}
		return verdict{err: err, retry: cl.kind == idempotent || !terr.sent}
	}
	if res.status/100 == 3 {
		return verdict{err: &RedirectError{Method: cl.method, Path: cl.label, StatusCode: res.status, Location: res.location}}
	}
	// An error body may echo the key back: never let it into a diagnostic.
	msg := errorMessage(res.body)
	if c.apiKey != "" {
		msg = strings.ReplaceAll(msg, c.apiKey, "***")
	}
	apiErr := &APIError{StatusCode: res.status, Message: msg, RequestID: res.requestID, Method: cl.method, Path: cl.label, Origin: originOf(cl.url)}
	v := verdict{err: apiErr}
	switch {
	case res.status == http.StatusTooManyRequests:
		v.retry, v.throttled = true, true
	case cl.kind == create && res.status >= 500:
		return verdict{err: &AmbiguousError{Err: apiErr}}
	case retryableStatus(res.status):
		v.retry = cl.kind == idempotent || res.status == http.StatusRequestTimeout
	}
	if v.retry && res.retryAfter > 0 {
		if res.retryAfter > c.maxRetryAfter {
			return verdict{err: fmt.Errorf("%w; Exa asked to retry after %s, longer than the %s the provider waits: try again later", apiErr, res.retryAfter, c.maxRetryAfter)}
		}
		v.wait = res.retryAfter
	}
	return v
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

// RetryWait is the client's backoff before try attempt+1 of something that
// failed attempt+1 times: for callers that retry more than one call, such
// as a look-up after a lost create.
func (c *Client) RetryWait(attempt int) time.Duration { return c.backoff(attempt) }

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
	location   string
	retryAfter time.Duration
	// sentAt is when the request left: a 429 to a request sent before the
	// rate was last cut does not cut it again.
	sentAt time.Time
}

type tryError struct {
	err error
	// sent is true when the request was fully written before the failure,
	// so Exa may have acted on it.
	sent bool
	// final says that trying again cannot help (an oversized answer).
	final bool
}

// try sends the request once, within the request timeout: connect, TLS,
// headers and the whole body must all arrive before it ends, so a server
// that never answers, or trickles its body, cannot hold Terraform.
func (c *Client) try(ctx context.Context, cl call) (*response, *tryError) {
	if err := c.pace.wait(ctx); err != nil {
		return nil, &tryError{err: fmt.Errorf("waiting for the client-side rate limit: %w", err)}
	}
	sentAt := time.Now()
	attemptCtx, cancel := context.WithTimeout(ctx, c.requestTimeout)
	defer cancel()
	var reader io.Reader
	if cl.body != nil {
		reader = bytes.NewReader(cl.body)
	}
	req, err := http.NewRequestWithContext(attemptCtx, cl.method, cl.url, reader)
	if err != nil {
		return nil, &tryError{err: err}
	}
	if cl.withKey {
		req.Header.Set("x-api-key", c.apiKey)
		req.Header.Set("Accept", "application/json")
	}
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if cl.contentType != "" {
		req.Header.Set("Content-Type", cl.contentType)
	}
	if cl.priority != "" {
		req.Header.Set(PriorityHeader, cl.priority)
	}

	var wrote atomic.Bool
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) { wrote.Store(info.Err == nil) },
	}))

	if cl.withKey {
		tflog.Trace(ctx, "Exa API request", map[string]any{"exa_request_body": string(cl.body)})
	}
	start := time.Now()
	res, err := c.http.Do(req)
	if err != nil {
		tflog.Debug(ctx, "Exa API call failed", map[string]any{"error": err.Error(), "request_sent": wrote.Load()})
		return nil, c.attemptError(ctx, err, wrote.Load())
	}
	defer res.Body.Close()
	if res.ContentLength > MaxResponseBytes {
		return nil, &tryError{err: tooLarge(res.ContentLength), sent: true, final: true}
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, MaxResponseBytes+1))
	if err != nil {
		tflog.Debug(ctx, "reading the Exa API answer failed", map[string]any{"error": err.Error()})
		return nil, c.attemptError(ctx, err, true)
	}
	if len(data) > MaxResponseBytes {
		return nil, &tryError{err: tooLarge(-1), sent: true, final: true}
	}
	out := &response{
		status:     res.StatusCode,
		body:       data,
		requestID:  res.Header.Get("X-Request-Id"),
		location:   res.Header.Get("Location"),
		retryAfter: parseRetryAfter(res.Header.Get("Retry-After"), time.Now()),
		sentAt:     sentAt,
	}
	tflog.Debug(ctx, "Exa API call", map[string]any{
		"exa_status":     res.StatusCode,
		"exa_request_id": out.requestID,
		"duration_ms":    time.Since(start).Milliseconds(),
	})
	if cl.withKey {
		tflog.Trace(ctx, "Exa API answer", map[string]any{"exa_response_body": string(data)})
	}
	return out, nil
}

// attemptError names a timed-out attempt as such; the caller's own context
// ending is reported by judge.
func (c *Client) attemptError(ctx context.Context, err error, sent bool) *tryError {
	if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		err = &TimeoutError{After: c.requestTimeout}
	}
	return &tryError{err: err, sent: sent}
}

func tooLarge(n int64) error {
	if n > 0 {
		return fmt.Errorf("the answer is %d bytes, more than the %d MiB the provider accepts: the server at base_url is not behaving like Exa's API", n, MaxResponseBytes>>20)
	}
	return fmt.Errorf("the answer is larger than the %d MiB the provider accepts: the server at base_url is not behaving like Exa's API", MaxResponseBytes>>20)
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

// Bounds on one list, so that a server that repeats a cursor, or hands out
// new ones forever, makes a clear error rather than a loop that grows until
// Terraform is killed (each request is quick, so no timeout would fire).
const (
	// MaxListPages is the most pages one list follows: 500 pages take 50 s
	// at the default 10 requests a second, and hold, at the API's page
	// sizes, tens of thousands of objects.
	MaxListPages = 500
	// MaxListBytes bounds the answers of one list, added up, so that the
	// objects decoded from them stay well within the provider's memory.
	MaxListBytes = 64 << 20
)

// ListTooLongError is a list that went past MaxListPages or MaxListBytes, or
// whose server handed out a cursor it had handed out before.
type ListTooLongError struct {
	Path   string
	Pages  int
	Reason string
}

func (e *ListTooLongError) Error() string {
	return fmt.Sprintf("GET %s: stopped after %d pages: %s", e.Path, e.Pages, e.Reason)
}

// listAll follows a list endpoint's cursor to the last page, or until it
// has max results (max ≤ 0: no bound). With pageSize above zero it sends
// limit, never asking for more than it still wants. It stops with a
// *ListTooLongError at a repeated cursor, after MaxListPages pages, or past
// MaxListBytes of answers.
func listAll[T any](ctx context.Context, c *Client, path string, q url.Values, pageSize, max int) ([]T, error) {
	var out []T
	seen := map[string]bool{}
	read := 0
	for pages := 0; ; pages++ {
		if pages == MaxListPages {
			return nil, &ListTooLongError{Path: c.basePath + path, Pages: pages, Reason: fmt.Sprintf("the list is longer than the %d pages the provider follows; narrow it (a limit or a filter)", MaxListPages)}
		}
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
		res, err := c.send(ctx, c.apiCall(idempotent, "GET", p))
		if err != nil {
			return nil, err
		}
		if read += len(res.body); read > MaxListBytes {
			return nil, &ListTooLongError{Path: c.basePath + path, Pages: pages + 1, Reason: fmt.Sprintf("its answers add up to more than %d MiB; narrow it (a limit or a filter)", MaxListBytes>>20)}
		}
		var page Page[T]
		if err := json.Unmarshal(res.body, &page); err != nil {
			return nil, fmt.Errorf("decoding the answer to GET %s: %w", p, err)
		}
		out = append(out, page.Data...)
		if max > 0 && len(out) >= max {
			return out[:max], nil
		}
		if !page.HasMore || page.NextCursor == nil || *page.NextCursor == "" {
			return out, nil
		}
		if seen[*page.NextCursor] {
			return nil, &ListTooLongError{Path: c.basePath + path, Pages: pages + 1, Reason: fmt.Sprintf("the server handed out the cursor %q a second time, so the list would never end", *page.NextCursor)}
		}
		seen[*page.NextCursor] = true
		q.Set("cursor", *page.NextCursor)
	}
}

// originOf is a URL's scheme and host, for messages: never its path or
// query, which for an upload carry a signature.
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// escape makes one path segment safe.
func escape(segment string) string { return url.PathEscape(segment) }
