package exa_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

const key = "client-test-key"

// newPair starts a mock and a client with fast retries against it.
func newPair(t *testing.T, edit ...func(*exa.Config)) (*examock.Server, *exa.Client, string) {
	t.Helper()
	m := examock.New(examock.Options{APIKey: key})
	ts := m.Start()
	t.Cleanup(ts.Close)
	cfg := exa.Config{
		APIKey: key, BaseURL: ts.URL, UserAgent: "terraform-provider-exa/test",
		MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond,
		RequestsPerSecond: -1,
	}
	for _, e := range edit {
		e(&cfg)
	}
	c, err := exa.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m, c, m.CreateWebset("")
}

func TestClient_sendsAuthUserAgentAndContentType(t *testing.T) {
	m, c, ws := newPair(t)
	if _, err := c.CreateSearch(context.Background(), ws, &exa.CreateSearchRequest{Query: "q", Count: 1}); err != nil {
		t.Fatal(err)
	}
	reqs := m.Find("POST", "/v0/websets/*/searches")
	if len(reqs) != 1 {
		t.Fatalf("want 1 create, got %d", len(reqs))
	}
	h := reqs[0].Header
	if h.Get("x-api-key") != key || h.Get("Content-Type") != "application/json" || !strings.Contains(h.Get("User-Agent"), "terraform-provider-exa/test") {
		t.Errorf("headers: %v", h)
	}
	if _, err := c.GetWebset(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
	get := m.Find("GET", "/v0/websets/*")[0]
	if get.Header.Get("Content-Type") != "" {
		t.Errorf("a GET has no body, so no Content-Type: %q", get.Header.Get("Content-Type"))
	}
}

func TestClient_errorShowsStatusMessageAndRequestID(t *testing.T) {
	_, c, ws := newPair(t)
	_, err := c.GetSearch(context.Background(), ws, "search_missing")
	var apiErr *exa.APIError
	if !errors.As(err, &apiErr) || !exa.IsNotFound(err) {
		t.Fatalf("want a 404 APIError, got %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"HTTP 404", "search not found", "X-Request-Id: req_mock"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
}

func TestClient_retriesGETOn5xxWithBackoff(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504, 408, 429} {
		m, c, ws := newPair(t)
		m.InjectFault(examock.Fault{Method: "GET", Status: status, Times: 2})
		if _, err := c.GetWebset(context.Background(), ws); err != nil {
			t.Errorf("%d: %v", status, err)
		}
		if n := m.Count("GET", "/v0/websets/*"); n != 3 {
			t.Errorf("%d: want 3 tries, got %d", status, n)
		}
	}
}

func TestClient_doesNotRetry501Or4xx(t *testing.T) {
	for _, status := range []int{501, 400, 403, 409} {
		m, c, ws := newPair(t)
		m.InjectFault(examock.Fault{Method: "GET", Status: status})
		_, err := c.GetWebset(context.Background(), ws)
		if exa.StatusOf(err) != status {
			t.Errorf("%d: got %v", status, err)
		}
		if n := m.Count("GET", "/v0/websets/*"); n != 1 {
			t.Errorf("%d: want 1 try, got %d", status, n)
		}
	}
}

func TestClient_givesUpAfterMaxRetries(t *testing.T) {
	m, c, ws := newPair(t)
	m.InjectFault(examock.Fault{Method: "GET", Status: 503, Times: -1})
	_, err := c.GetWebset(context.Background(), ws)
	if err == nil || !strings.Contains(err.Error(), "giving up after 4 tries") || exa.StatusOf(err) != 503 {
		t.Fatalf("got %v", err)
	}
	if n := m.Count("GET", "/v0/websets/*"); n != 4 {
		t.Errorf("want 1 try and 3 retries, got %d", n)
	}
}

func TestClient_honorsRetryAfter(t *testing.T) {
	m, c, ws := newPair(t)
	m.InjectFault(examock.Fault{Method: "GET", Status: 429, RetryAfter: "1"})
	if _, err := c.GetWebset(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
	reqs := m.Find("GET", "/v0/websets/*")
	if len(reqs) != 2 {
		t.Fatalf("want 2 tries, got %d", len(reqs))
	}
	if gap := reqs[1].Time.Sub(reqs[0].Time); gap < time.Second {
		t.Errorf("retried after %s, before Retry-After's 1s", gap)
	}
}

func TestClient_retryAfterBeyondCapFailsFast(t *testing.T) {
	m, c, ws := newPair(t, func(c *exa.Config) { c.MaxRetryAfter = 2 * time.Second })
	m.InjectFault(examock.Fault{Method: "GET", Status: 429, RetryAfter: "3600"})
	start := time.Now()
	_, err := c.GetWebset(context.Background(), ws)
	if err == nil || !strings.Contains(err.Error(), "asked to retry after 1h0m0s") {
		t.Fatalf("got %v", err)
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("took %s to fail", elapsed)
	}
}

func TestClient_createIsNotReplayedAfterItMayHaveHappened(t *testing.T) {
	for name, fault := range map[string]examock.Fault{
		"500 after commit":  {Method: "POST", Status: 500, Commit: true},
		"drop after commit": {Method: "POST", Drop: true, Commit: true},
		"503 before commit": {Method: "POST", Status: 503},
	} {
		t.Run(name, func(t *testing.T) {
			m, c, ws := newPair(t)
			m.InjectFault(fault)
			_, err := c.CreateSearch(context.Background(), ws, &exa.CreateSearchRequest{Query: "q", Count: 1})
			if !exa.IsAmbiguous(err) {
				t.Fatalf("want an ambiguous error, got %v", err)
			}
			if n := m.Count("POST", "/v0/websets/*/searches"); n != 1 {
				t.Errorf("the create was sent %d times", n)
			}
		})
	}
}

func TestClient_createRetriedOn429(t *testing.T) {
	m, c, ws := newPair(t)
	m.InjectFault(examock.Fault{Method: "POST", Status: 429, RetryAfter: "0"})
	if _, err := c.CreateSearch(context.Background(), ws, &exa.CreateSearchRequest{Query: "q", Count: 1}); err != nil {
		t.Fatal(err)
	}
	if ids := m.SearchIDs(); len(ids) != 1 {
		t.Errorf("want one search, got %v", ids)
	}
}

func TestClient_createRetriedWhenConnectionFailedBeforeSending(t *testing.T) {
	m2 := examock.New(examock.Options{APIKey: key})
	ts := m2.Start()
	ws2 := m2.CreateWebset("")
	url := ts.URL
	ts.Close() // nothing listens: the connection fails before the request is written
	c, err := exa.NewClient(exa.Config{APIKey: key, BaseURL: url, MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateSearch(context.Background(), ws2, &exa.CreateSearchRequest{Query: "q", Count: 1})
	if err == nil || exa.IsAmbiguous(err) || !strings.Contains(err.Error(), "giving up after 3 tries") {
		t.Fatalf("a refused connection is safe to retry, and not ambiguous: %v", err)
	}
}

func TestClient_findSearchAdoptsTheOneThatWasMade(t *testing.T) {
	m, c, ws := newPair(t)
	in := &exa.CreateSearchRequest{Query: "robotics", Count: 7, Metadata: map[string]string{"k": "v"}}
	since := time.Now()
	m.InjectFault(examock.Fault{Method: "POST", Status: 500, Commit: true})
	if _, err := c.CreateSearch(context.Background(), ws, in); !exa.IsAmbiguous(err) {
		t.Fatalf("got %v", err)
	}
	found, err := c.FindSearch(context.Background(), ws, in, since)
	if err != nil || found == nil || found.ID != m.SearchIDs()[0] {
		t.Fatalf("found %+v, %v", found, err)
	}
	other := *in
	other.Count = 8
	if found, _ := c.FindSearch(context.Background(), ws, &other, since); found != nil {
		t.Errorf("matched a search with another count: %s", found.ID)
	}
}

func TestClient_stopsWaitingWhenContextEnds(t *testing.T) {
	m, c, ws := newPair(t, func(c *exa.Config) { c.RetryWaitMin, c.RetryWaitMax = time.Minute, time.Minute })
	m.InjectFault(examock.Fault{Method: "GET", Status: 503, Times: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetWebset(ctx, ws)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("returned %s after the deadline", elapsed)
	}
	if n := m.Count("GET", "/v0/websets/*"); n != 1 {
		t.Errorf("sent %d requests after the context ended", n-1)
	}
}

func TestClient_rateLimit(t *testing.T) {
	_, c, ws := newPair(t, func(c *exa.Config) { c.RequestsPerSecond = 20 })
	start := time.Now()
	for range 30 {
		if _, err := c.GetWebset(context.Background(), ws); err != nil {
			t.Fatal(err)
		}
	}
	// 20 go at once (the burst), the other 10 at 20 per second.
	if elapsed := time.Since(start); elapsed < 400*time.Millisecond {
		t.Errorf("30 requests at 20/s with a burst of 20 took only %s", elapsed)
	}
}

func TestCheckBaseURL(t *testing.T) {
	for url, ok := range map[string]bool{
		"https://api.exa.ai":       true,
		"http://127.0.0.1:8787":    true,
		"http://localhost:1":       true,
		"http://[::1]:1":           true,
		"http://api.exa.ai":        false,
		"http://10.0.0.1":          false,
		"ftp://api.exa.ai":         false,
		"api.exa.ai":               false,
		"https://api.exa.ai/proxy": true,
		// The provider adds /websets/v0: a base_url that holds it would
		// reach /websets/v0/websets/v0/... and answer 404 at apply.
		"https://api.exa.ai/websets":      false,
		"https://api.exa.ai/websets/v0":   false,
		"https://api.exa.ai/websets/v0/":  false,
		"https://proxy.example/websets/x": false,
		"https://api.exa.ai/websets-eu":   true,
	} {
		if err := exa.CheckBaseURL(url); (err == nil) != ok {
			t.Errorf("%s: %v", url, err)
		}
	}
}

// Each refusal names its reason and never repeats a password.
func TestCheckBaseURL_refusesWhatCouldLeak(t *testing.T) {
	for raw, reason := range map[string]string{
		"https://user:s3cret-pw@api.exa.ai":    "user info",
		"https://s3cret-pw@api.exa.ai":         "user info",
		"https://api.exa.ai?token=s3cret-pw":   "query string",
		"https://api.exa.ai/?":                 "query string",
		"https://api.exa.ai#s3cret-pw":         "fragment",
		"http://u:s3cret-pw@api.exa.ai":        "user info",
		"https://u:s3cret-pw@api.exa.ai:99999": "user info",
		"https://u:s3cret-pw@[::1":             "not a valid absolute URL",
	} {
		err := exa.CheckBaseURL(raw)
		if err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("%s: want %q, got %v", raw, reason, err)
			continue
		}
		if strings.Contains(err.Error(), "s3cret-pw") {
			t.Errorf("%s: the error repeats the secret: %v", raw, err)
		}
	}
}

// An error names the path as it was sent: base_url's own path, /websets,
// then the API path, so that it matches what a proxy or Exa logged.
func TestClient_errorsNameThePathAsSent(t *testing.T) {
	m := examock.New(examock.Options{APIKey: key})
	ts := m.Start()
	t.Cleanup(ts.Close)
	// A proxy that serves the API below /exa.
	proxy := httptest.NewServer(http.StripPrefix("/exa", m))
	t.Cleanup(proxy.Close)
	c, err := exa.NewClient(exa.Config{APIKey: key, BaseURL: proxy.URL + "/exa", MaxRetries: 0, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetWebset(context.Background(), "webset_nope")
	if exa.StatusOf(err) != 404 || !strings.Contains(err.Error(), "GET /exa/websets/v0/websets/webset_nope:") {
		t.Errorf("want the path as sent, got %v", err)
	}
	if got := m.Requests(); len(got) != 1 || got[0].Path != "/websets/v0/websets/webset_nope" {
		t.Errorf("the mock saw %v", got)
	}
}

func TestNewClient_needsAKey(t *testing.T) {
	if _, err := exa.NewClient(exa.Config{}); err == nil || !strings.Contains(err.Error(), "EXA_API_KEY") {
		t.Errorf("got %v", err)
	}
}

func TestErrorMessage_shapes(t *testing.T) {
	_, c, ws := newPair(t)
	_, err := c.CreateSearch(context.Background(), ws, &exa.CreateSearchRequest{Query: "", Count: 1})
	if exa.StatusOf(err) != http.StatusBadRequest || !strings.Contains(err.Error(), "query must be 1 to 5000 characters") {
		t.Errorf("got %v", err)
	}
}

// 401 says what to check and which origin refused the key; 402 says why
// Exa refuses and that retrying will not help, and is not retried. Neither
// prints the key.
func TestClient_401And402SayWhatToDo(t *testing.T) {
	m := examock.New(examock.Options{APIKey: key})
	ts := m.Start()
	t.Cleanup(ts.Close)
	c, err := exa.NewClient(exa.Config{APIKey: key, BaseURL: ts.URL, MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	ws, origin := m.CreateWebset(""), ts.URL
	m.InjectFault(examock.Fault{Method: "GET", Path: "/v0/websets/*", Status: http.StatusUnauthorized})
	_, err = c.GetWebset(context.Background(), ws)
	if err == nil || !strings.Contains(err.Error(), origin+" refused the API key: check api_key in the provider block or the EXA_API_KEY environment variable") {
		t.Errorf("401: %v", err)
	}
	m.ResetLog()
	m.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets/*/searches", Status: http.StatusPaymentRequired})
	_, err = c.CreateSearch(context.Background(), ws, &exa.CreateSearchRequest{Query: "q", Count: 1})
	if err == nil || !strings.Contains(err.Error(), "out of credits or the API key has reached its budget. Retrying will not help") {
		t.Errorf("402: %v", err)
	}
	if n := m.Count("POST", "/v0/websets/*/searches"); n != 1 {
		t.Errorf("a 402 was sent %d times; it is never retried", n)
	}
	if strings.Contains(err.Error(), key) {
		t.Errorf("the key is in the message: %v", err)
	}
	// Not only creates: a 402 to a read is sent once too.
	m.ResetLog()
	m.InjectFault(examock.Fault{Method: "GET", Path: "/v0/websets/*", Status: http.StatusPaymentRequired})
	if _, err := c.GetWebset(context.Background(), ws); exa.StatusOf(err) != http.StatusPaymentRequired {
		t.Errorf("402 on a GET: %v", err)
	}
	if n := m.Count("GET", "/v0/websets/*"); n != 1 {
		t.Errorf("a 402 to a GET was sent %d times; it is never retried", n)
	}
}

// FindWebset adopts the webset that holds the external ID only if it is
// what the create would have made: the same metadata and excludes, made
// since the create was sent. Otherwise it is somebody else's.
func TestClient_findWebsetAdoptsOnlyWhatTheCreateMade(t *testing.T) {
	_, c, _ := newPair(t)
	ctx := context.Background()
	ext := "shared-name"
	since := time.Now()
	theirs, err := c.CreateWebset(ctx, &exa.CreateWebsetRequest{ExternalID: &ext, Metadata: map[string]string{"owner": "teammate"}})
	if err != nil {
		t.Fatal(err)
	}
	ours := &exa.CreateWebsetRequest{ExternalID: &ext, Metadata: map[string]string{"owner": "us"}}
	var taken *exa.ExternalIDTakenError
	if found, err := c.FindWebset(ctx, ours, since); found != nil || !errors.As(err, &taken) || taken.ID != theirs.ID {
		t.Errorf("other metadata: want an *ExternalIDTakenError naming %s, got %+v, %v", theirs.ID, found, err)
	}
	same := &exa.CreateWebsetRequest{ExternalID: &ext, Metadata: map[string]string{"owner": "teammate"}}
	if found, err := c.FindWebset(ctx, same, since); err != nil || found == nil || found.ID != theirs.ID {
		t.Errorf("the same fields, made since: want it adopted, got %+v, %v", found, err)
	}
	if found, err := c.FindWebset(ctx, same, since.Add(time.Hour)); found != nil || !errors.As(err, &taken) {
		t.Errorf("made before the create was sent: want an *ExternalIDTakenError, got %+v, %v", found, err)
	}
	other := "nobody-has-it"
	if found, err := c.FindWebset(ctx, &exa.CreateWebsetRequest{ExternalID: &other}, since); found != nil || err != nil {
		t.Errorf("no webset holds the external ID: want nil, nil, got %+v, %v", found, err)
	}
}
