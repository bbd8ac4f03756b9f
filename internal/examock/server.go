// Package examock is an in-memory Websets API server for tests, the
// quickstart and users' own CI.
//
// It serves the spec's paths below /websets/v0/, with its status codes,
// camelCase fields and nulls; checks the x-api-key header; validates request
// bodies against the spec's limits; runs searches through the state machine
// created → running → completed (or canceled); injects faults; and records
// every request it saw.
//
// Where the spec is silent, the mock makes a choice and says so in a comment:
// the error body shape, and what canceling a finished search does.
package examock

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultAPIKey is the key the mock accepts when none is configured.
const DefaultAPIKey = "mock-api-key"

// Options configure a Server.
type Options struct {
	// APIKey is the only x-api-key accepted. Empty means DefaultAPIKey.
	APIKey string
	// Lifecycle is how new searches progress.
	Lifecycle Lifecycle
	// ItemsPageSize is the default, and the largest, page of the items
	// endpoint (20 when zero).
	ItemsPageSize int
	// Latency delays every answer.
	Latency time.Duration
	// RejectUnknownFields answers 400 to a request body with a field the
	// spec does not name. The spec allows such fields, so the default
	// ignores them; a client's own tests turn this on to catch misspelled
	// field names.
	RejectUnknownFields bool
	// RateLimit is how many requests a second each API key may send
	// (ratelimit.go); above it the mock answers 429 with Retry-After. Zero
	// means no limit.
	RateLimit float64
}

// Server is the mock. Its zero value is not usable: call New.
type Server struct {
	apiKey string
	mux    *http.ServeMux

	mu          sync.Mutex
	opts        Options
	websets     map[string]*webset
	websetIDs   []string // creation order
	searches    map[string]*search
	items       map[string][]*item // by webset id, in creation order
	enrichments map[string]*enrichment
	monitors    map[string]*monitor
	monitorIDs  []string
	imports     map[string]*importRecord
	importIDs   []string
	webhooks    map[string]*webhook
	webhookIDs  []string
	events      []eventJSON
	faults      []*Fault
	chaos       *chaos
	limits      *keyLimits
	log         []Request
	seq         int
	now         func() time.Time

	conns    atomic.Int64
	inFlight atomic.Int64
}

// New makes a Server.
func New(opts Options) *Server {
	if opts.APIKey == "" {
		opts.APIKey = DefaultAPIKey
	}
	if opts.ItemsPageSize <= 0 {
		opts.ItemsPageSize = 20
	}
	s := &Server{
		apiKey:      opts.APIKey,
		opts:        opts,
		websets:     map[string]*webset{},
		searches:    map[string]*search{},
		items:       map[string][]*item{},
		webhooks:    map[string]*webhook{},
		enrichments: map[string]*enrichment{},
		monitors:    map[string]*monitor{},
		imports:     map[string]*importRecord{},
		now:         func() time.Time { return time.Now().UTC() },
	}
	s.setRateLimit(opts.RateLimit)
	s.routes()
	return s
}

// Start serves on a free loopback port and returns the base URL to give the
// provider (base_url). Close the returned server when done.
func (s *Server) Start() *httptest.Server {
	ts := httptest.NewUnstartedServer(s)
	ts.Config.ConnState = s.countConn
	ts.Start()
	return ts
}

// Listen serves on addr until the listener fails; it is what the examock
// command runs.
func (s *Server) Listen(l net.Listener) error {
	srv := &http.Server{Handler: s, ConnState: s.countConn, ReadHeaderTimeout: 10 * time.Second}
	return srv.Serve(l)
}

func (s *Server) countConn(_ net.Conn, state http.ConnState) {
	if state == http.StateNew {
		s.conns.Add(1)
	}
}

// InFlight is the number of requests being answered right now: after a
// client gives up on a server that hangs, it drops to zero.
func (s *Server) InFlight() int64 { return s.inFlight.Load() }

// Connections is the number of TCP connections accepted so far.
func (s *Server) Connections() int64 { return s.conns.Load() }

// SetLifecycle changes how searches created from now on progress.
func (s *Server) SetLifecycle(l Lifecycle) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.Lifecycle = l
}

// SetItemsPageSize changes the default page size of the items endpoint.
func (s *Server) SetItemsPageSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.ItemsPageSize = n
}

// SetClock replaces the mock's clock, so that a time-based lifecycle can be
// tested in fake time.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// SetLatency delays every answer from now on.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.Latency = d
}

func (s *Server) routes() {
	m := http.NewServeMux()
	const p = "/websets/v0"
	// route registers a handler of the API (or the upload URL). It runs
	// holding mu for the whole request: the mock serves one call at a time,
	// so no handler locks, and none may call an exported method (they lock).
	route := func(pattern string, h http.HandlerFunc) {
		m.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			s.mu.Lock()
			defer s.mu.Unlock()
			h(w, r)
		})
	}
	route("POST "+p+"/websets", s.createWebset)
	route("POST "+p+"/websets/preview", s.previewWebset)
	route("POST "+p+"/websets/{id}/cancel", s.cancelWebset)
	route("GET "+p+"/websets", s.listWebsets)
	route("GET "+p+"/websets/{id}", s.getWebset)
	route("POST "+p+"/websets/{id}", s.updateWebset)
	route("DELETE "+p+"/websets/{id}", s.deleteWebset)
	route("POST "+p+"/websets/{webset}/searches", s.createSearch)
	route("GET "+p+"/websets/{webset}/searches/{id}", s.getSearch)
	route("POST "+p+"/websets/{webset}/searches/{id}/cancel", s.cancelSearch)
	route("GET "+p+"/websets/{webset}/items", s.listItems)
	route("GET "+p+"/websets/{webset}/items/{id}", s.getItem)
	route("DELETE "+p+"/websets/{webset}/items/{id}", s.deleteItem)
	s.webhookRoutes(route, p)
	s.enrichmentRoutes(route, p)
	s.monitorRoutes(route, p)
	s.importRoutes(route, p)
	s.eventRoutes(route, p)
	m.HandleFunc("GET /_mock/requests", s.serveLog)
	m.HandleFunc("POST /_mock/faults", s.serveFaults)
	m.HandleFunc("DELETE /_mock/faults", s.serveFaults)
	m.HandleFunc("/_mock/rate-limit", s.serveRateLimit)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no route for "+r.Method+" "+r.URL.Path)
	})
	s.mux = m
}

// ServeHTTP records the request, checks the API key, applies faults and
// latency, then routes it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(strings.NewReader(string(body)))

	s.mu.Lock()
	s.seq++
	reqID := fmt.Sprintf("req_mock%06d", s.seq)
	latency := s.opts.Latency
	isAPI := strings.HasPrefix(r.URL.Path, "/websets/")
	key := r.Header.Get("x-api-key")
	var fault *Fault
	var throttle time.Duration
	rateLimit := s.opts.RateLimit
	if isAPI && key == s.apiKey {
		// A request over the key's limit is refused before anything else
		// looks at it, as Exa's gateway would: it takes no fault.
		if throttle = s.overLimit(key, time.Now()); throttle == 0 {
			fault = s.takeFault(r.Method, r.URL.Path)
		}
	}
	idx := len(s.log)
	s.log = append(s.log, Request{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Body: string(body),
		Header: r.Header.Clone(), Time: s.now(), RequestID: reqID,
		Priority: r.Header.Get("x-exa-websets-priority"),
	})
	s.mu.Unlock()

	rec := &statusRecorder{ResponseWriter: w}
	rec.Header().Set("X-Request-Id", reqID)
	defer func() {
		s.mu.Lock()
		if idx < len(s.log) && s.log[idx].RequestID == reqID {
			s.log[idx].Status = rec.status
		}
		s.mu.Unlock()
	}()

	if latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return
		}
	}
	if !isAPI {
		s.mux.ServeHTTP(rec, r)
		return
	}
	if key != s.apiKey {
		// Echo the key back, as some APIs do: the provider must mask it
		// in its logs even then.
		writeError(rec, http.StatusUnauthorized, fmt.Sprintf("invalid API key %q", key))
		return
	}
	if throttle > 0 {
		writeThrottled(rec, rateLimit, throttle)
		return
	}
	if fault != nil {
		fault.apply(rec, r, s.mux)
		return
	}
	s.mux.ServeHTTP(rec, r)
}

// statusRecorder remembers the status written, for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (to drop it).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// errorBody is the mock's error shape. The spec gives none; this is the
// shape of Exa's answers seen in its SDKs' error handling: a status code, a
// short error name and a human message.
type errorBody struct {
	StatusCode int    `json:"statusCode"`
	Error      string `json:"error"`
	Message    string `json:"message"`
}

func (s *Server) nextID(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s_mock%06d", prefix, s.seq)
}

// record is a stored object that a delete marks gone: it then answers 404,
// and stays in the maps so that creation order is kept.
type record interface {
	isGone() bool
	markGone()
}

func (x *search) isGone() bool         { return x.gone }
func (x *search) markGone()            { x.gone = true }
func (x *enrichment) isGone() bool     { return x.gone }
func (x *enrichment) markGone()        { x.gone = true }
func (x *monitor) isGone() bool        { return x.gone }
func (x *monitor) markGone()           { x.gone = true }
func (x *webhook) isGone() bool        { return x.gone }
func (x *webhook) markGone()           { x.gone = true }
func (x *importRecord) isGone() bool   { return x.gone }
func (x *importRecord) markGone()      { x.gone = true }
func (x *search) websetID() string     { return x.WebsetID }
func (x *enrichment) websetID() string { return x.WebsetID }

// liveIDs lists, in order, the ids whose record is not gone.
func liveIDs[T record](s *Server, ids []string, records map[string]T) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, id := range ids {
		if r, ok := records[id]; ok && !r.isGone() {
			out = append(out, id)
		}
	}
	return out
}

// deleteOutOfBand marks a record gone, as a deletion outside the API would.
func deleteOutOfBand[T record](s *Server, records map[string]T, what, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := records[id]
	if !ok || r.isGone() {
		return fmt.Errorf("no %s %q", what, id)
	}
	r.markGone()
	return nil
}

func copyMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
