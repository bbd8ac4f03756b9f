package exa_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// Each test here puts the client against a server that misbehaves in one
// way, and checks that the client neither hangs, nor grows without bound,
// nor hands the API key to anyone but its origin.

func withTimeout(d time.Duration) func(*exa.Config) {
	return func(c *exa.Config) { c.RequestTimeout = d }
}

func TestClient_readThatNeverAnswersIsRetriedThenSucceeds(t *testing.T) {
	m, c, ws := newPair(t, withTimeout(200*time.Millisecond))
	m.InjectFault(examock.Fault{Method: "GET", Path: "/v0/websets/*", Hang: true})
	if _, err := c.GetWebset(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
	if n := m.Count("GET", "/v0/websets/*"); n != 2 {
		t.Errorf("want the timed-out GET retried once (2 GETs), got %d", n)
	}
}

func TestClient_timeoutErrorNamesTheCallAndTheSetting(t *testing.T) {
	for name, fault := range map[string]examock.Fault{
		"no answer":           {Method: "GET", Hang: true, Times: -1},
		"body never finishes": {Method: "GET", StallBody: true, Times: -1},
	} {
		t.Run(name, func(t *testing.T) {
			m, c, ws := newPair(t, withTimeout(150*time.Millisecond), func(c *exa.Config) { c.MaxRetries = 2 })
			m.InjectFault(fault)
			start := time.Now()
			_, err := c.GetWebset(context.Background(), ws)
			if !exa.IsTimeout(err) {
				t.Fatalf("want a timeout, got %v", err)
			}
			for _, want := range []string{"giving up after 3 tries", "GET /websets/v0/websets/" + ws, "timed out", "150ms", "request_timeout", "EXA_REQUEST_TIMEOUT"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if n := m.Count("GET", "/v0/websets/*"); n != 3 {
				t.Errorf("want 3 attempts, got %d", n)
			}
			// Three attempts of 150ms and two short backoffs: far less than
			// this bound, which only proves that nothing hangs.
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
}

func TestClient_timedOutCreateIsAmbiguousNotResent(t *testing.T) {
	m, c, ws := newPair(t, withTimeout(150*time.Millisecond))
	m.InjectFault(examock.Fault{Method: "POST", Path: "/v0/websets/*/searches", Hang: true, Commit: true})
	_, err := c.CreateSearch(context.Background(), ws, &exa.CreateSearchRequest{Query: "q", Count: 1})
	if !exa.IsAmbiguous(err) || !exa.IsTimeout(err) {
		t.Fatalf("want an ambiguous timeout, got %v", err)
	}
	if n := m.Count("POST", "/v0/websets/*/searches"); n != 1 {
		t.Errorf("a create that timed out after it was sent must not be re-sent blindly: %d POSTs", n)
	}
}

func TestClient_contextDeadlineStillBoundsTheWholeCall(t *testing.T) {
	m, c, ws := newPair(t, withTimeout(time.Hour))
	m.InjectFault(examock.Fault{Method: "GET", Hang: true, Times: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.GetWebset(ctx, ws)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want the caller's deadline, got %v", err)
	}
}

// recorder is a loopback server that records the API keys it was sent.
type recorder struct {
	*httptest.Server
	hits, keys atomic.Int64
}

func newRecorder(t *testing.T, host string) *recorder {
	t.Helper()
	rec := &recorder{}
	l, err := net.Listen("tcp", host+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", host, err)
	}
	rec.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.hits.Add(1)
		if r.Header.Get("x-api-key") != "" {
			rec.keys.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"webset_elsewhere","object":"webset","status":"idle","searches":[],"enrichments":[],"monitors":[],"imports":[],"metadata":{},"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}`)
	}))
	rec.Listener.Close()
	rec.Listener = l
	rec.Start()
	t.Cleanup(rec.Close)
	return rec
}

// redirector answers every request with a redirect to target + the path.
func redirector(status int, target string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target+r.URL.Path, status)
	})
}

func client(t *testing.T, base string, hc *http.Client) *exa.Client {
	t.Helper()
	c, err := exa.NewClient(exa.Config{APIKey: key, BaseURL: base, RequestsPerSecond: -1, MaxRetries: 1,
		RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond, HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClient_crossOriginRedirectIsRefusedAndGetsNoKey(t *testing.T) {
	other := newRecorder(t, "127.0.0.2") // another host on the loopback net
	for _, status := range []int{301, 302, 303, 307, 308} {
		front := httptest.NewServer(redirector(status, other.URL))
		_, err := client(t, front.URL, nil).GetWebset(context.Background(), "ws")
		front.Close()
		var re *exa.RedirectError
		if !errors.As(err, &re) || re.StatusCode != status || !strings.HasPrefix(re.Location, other.URL) {
			t.Fatalf("%d: want a refused redirect naming status and Location, got %v", status, err)
		}
		if !strings.Contains(err.Error(), other.URL) || !strings.Contains(err.Error(), fmt.Sprint(status)) {
			t.Errorf("%d: error %q names neither the status nor the Location", status, err)
		}
	}
	if other.hits.Load() != 0 || other.keys.Load() != 0 {
		t.Errorf("the other origin got %d requests, %d with the key", other.hits.Load(), other.keys.Load())
	}
}

func TestClient_otherPortIsAnotherOrigin(t *testing.T) {
	other := newRecorder(t, "127.0.0.1")
	front := httptest.NewServer(redirector(http.StatusTemporaryRedirect, other.URL))
	defer front.Close()
	_, err := client(t, front.URL, nil).GetWebset(context.Background(), "ws")
	var re *exa.RedirectError
	if !errors.As(err, &re) || other.hits.Load() != 0 {
		t.Fatalf("want a refused redirect and no request to the other port: %v, %d hits", err, other.hits.Load())
	}
}

func TestClient_sameOriginRedirectIsFollowedWithTheKey(t *testing.T) {
	var keys atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/websets/v0/websets/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/websets/v0/websets/new", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/websets/v0/websets/new", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-api-key") == key {
			keys.Add(1)
		}
		fmt.Fprint(w, `{"id":"new"}`)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	ws, err := client(t, ts.URL, nil).GetWebset(context.Background(), "old")
	if err != nil || ws.ID != "new" || keys.Load() != 1 {
		t.Fatalf("want the redirect followed with the key: %v %+v %d", err, ws, keys.Load())
	}
}

func TestClient_httpsToHTTPDowngradeIsRefused(t *testing.T) {
	plain := newRecorder(t, "127.0.0.1")
	// Same host, and even the same port number would not help: the scheme
	// changes. Both a cross-port and a same-port target are tried.
	for _, target := range []string{plain.URL} {
		tls := httptest.NewTLSServer(redirector(http.StatusMovedPermanently, target))
		_, err := client(t, tls.URL, tls.Client()).GetWebset(context.Background(), "ws")
		tls.Close()
		var re *exa.RedirectError
		if !errors.As(err, &re) || re.StatusCode != 301 {
			t.Fatalf("want a refused https→http redirect, got %v", err)
		}
	}
	if plain.hits.Load() != 0 {
		t.Errorf("the plain-http origin got %d requests", plain.hits.Load())
	}
}

func TestClient_oversizedAnswerFailsWithoutReadingItAll(t *testing.T) {
	const size = 100 << 20
	for name, declare := range map[string]bool{"with Content-Length": true, "chunked": false} {
		t.Run(name, func(t *testing.T) {
			var sent atomic.Int64
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				if declare {
					w.Header().Set("Content-Length", fmt.Sprint(size))
				}
				chunk := []byte(`{"a":"` + strings.Repeat("x", 1<<20))
				for sent.Load() < size {
					n, err := w.Write(chunk)
					sent.Add(int64(n))
					if err != nil {
						return
					}
				}
			}))
			defer ts.Close()
			_, err := client(t, ts.URL, nil).GetWebset(context.Background(), "ws")
			if err == nil || !strings.Contains(err.Error(), "32 MiB") {
				t.Fatalf("want an error naming the cap, got %v", err)
			}
		})
	}
}

// The upload carries no key, so the origin rule does not stop its
// redirects; the downgrade rule still does: the file never goes over
// plain http.
func TestClient_uploadRedirectToPlainHTTPIsRefused(t *testing.T) {
	plain := newRecorder(t, "127.0.0.1")
	tls := httptest.NewTLSServer(redirector(http.StatusTemporaryRedirect, plain.URL))
	defer tls.Close()
	c := client(t, tls.URL, tls.Client())
	err := c.Upload(context.Background(), tls.URL+"/upload?sig=abc", []byte("a,b\n"))
	var re *exa.RedirectError
	if !errors.As(err, &re) || plain.hits.Load() != 0 {
		t.Fatalf("want the https→http upload redirect refused, got %v and %d hits", err, plain.hits.Load())
	}
}

func TestClient_uploadSendsNoKeyAndRefusesPlainHTTPElsewhere(t *testing.T) {
	var keys, hits atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("x-api-key") != "" {
			keys.Add(1)
		}
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	defer ts.Close()
	c := client(t, ts.URL, nil)
	if err := c.Upload(context.Background(), ts.URL+"/upload", []byte("a,b\n")); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 1 || keys.Load() != 0 {
		t.Errorf("upload: %d hits, %d with the key", hits.Load(), keys.Load())
	}
	err := c.Upload(context.Background(), "http://uploads.example.com/x?sig=1", []byte("a"))
	if err == nil || !strings.Contains(err.Error(), "plain http") {
		t.Errorf("want a plain-http upload URL refused, got %v", err)
	}
}
