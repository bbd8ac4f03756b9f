package examock

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Fault makes matching requests fail. Faults are used in the order they were
// injected; each hits Times requests (0 means once, a negative value means
// every matching request).
type Fault struct {
	// Method matches the HTTP method; empty matches any.
	Method string
	// Path matches the URL path: "*" stands for one segment, and a pattern
	// that starts with /v0/ is taken below /websets. Empty matches any.
	Path string
	// Status is the answer's status, with an error body. Zero with Drop.
	Status int
	// RetryAfter is sent as the Retry-After header when not empty.
	RetryAfter string
	// Delay holds the answer back (a slow server).
	Delay time.Duration
	// Drop closes the connection without any answer.
	Drop bool
	// Commit handles the request for real first, then fails the answer: the
	// client cannot tell whether its create happened.
	Commit bool
	// Hang sends no answer at all and holds the connection open until the
	// client goes away: a stuck load balancer or a half-open connection.
	Hang bool
	// StallBody sends a 200 with its headers and the start of a JSON body,
	// then holds the connection open without finishing it.
	StallBody bool
	// Times is how many requests the fault hits.
	Times int
	// PathRegexp, when set, matches the URL path (as the client sent it,
	// /websets/v0/... included) instead of Path.
	PathRegexp *regexp.Regexp

	hits int
}

// InjectFault queues a fault.
func (s *Server) InjectFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times == 0 {
		f.Times = 1
	}
	s.faults = append(s.faults, &f)
}

// ClearFaults drops every queued fault and turns chaos off.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
	s.chaos = nil
}

// Chaos fails a random share of all API requests. Rates are fractions of 1.
type Chaos struct {
	Rate503             float64
	Rate429             float64
	RateDropAfterCommit float64
	// RetryAfter goes with the 429 answers.
	RetryAfter string
	Seed       uint64
}

type chaos struct {
	Chaos
	rnd *rand.Rand
}

// SetChaos turns random faults on for every later request.
func (s *Server) SetChaos(c Chaos) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chaos = &chaos{Chaos: c, rnd: rand.New(rand.NewPCG(c.Seed, c.Seed^0x9e3779b97f4a7c15))}
}

// takeFault returns the fault for this request, if any. The caller holds mu.
func (s *Server) takeFault(method, path string) *Fault {
	for i, f := range s.faults {
		if (f.Method != "" && f.Method != method) || !f.matchesPath(path) {
			continue
		}
		f.hits++
		if f.Times > 0 && f.hits >= f.Times {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return f
	}
	if c := s.chaos; c != nil {
		switch x := c.rnd.Float64(); {
		case x < c.Rate503:
			return &Fault{Status: http.StatusServiceUnavailable}
		case x < c.Rate503+c.Rate429:
			return &Fault{Status: http.StatusTooManyRequests, RetryAfter: c.RetryAfter}
		case x < c.Rate503+c.Rate429+c.RateDropAfterCommit:
			return &Fault{Drop: true, Commit: true}
		}
	}
	return nil
}

func (f *Fault) matchesPath(path string) bool {
	if f.PathRegexp != nil {
		return f.PathRegexp.MatchString(path)
	}
	return f.Path == "" || MatchPath(f.Path, path)
}

// faultBody is the JSON of POST /_mock/faults, for clients that are not Go:
// `tofu test`, curl, another language's SDK.
type faultBody struct {
	// Method matches the HTTP method; empty matches any.
	Method string `json:"method"`
	// Path is a Go regular expression over the request path, such as
	// "^/websets/v0/monitors/"; empty matches any.
	Path string `json:"path"`
	// Status is the answer's status.
	Status int `json:"status"`
	// Times is how many matching requests fail; 0 means every one from now on.
	Times int `json:"times"`
	// RetryAfter, in seconds, is sent as Retry-After (with status 429).
	RetryAfter *float64 `json:"retry_after"`
	// Drop closes the connection without an answer.
	Drop bool `json:"drop"`
	// AfterCommit handles the request for real, then fails its answer: a
	// create that happened although the client cannot tell.
	AfterCommit bool `json:"after_commit"`
}

// serveFaults answers POST /_mock/faults, which queues a fault, and DELETE
// /_mock/faults, which clears them all. Like /_mock/requests, it needs no
// key, and it takes JSON whatever the Content-Type says (curl -d sends
// none that says JSON).
func (s *Server) serveFaults(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodDelete {
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	var in faultBody
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "invalid fault: "+err.Error())
		return
	}
	f, err := in.fault()
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid fault: "+err.Error())
		return
	}
	s.InjectFault(f)
	writeJSON(w, http.StatusCreated, in)
}

// fault checks a fault's JSON and turns it into a Fault.
func (in faultBody) fault() (Fault, error) {
	f := Fault{Method: strings.ToUpper(in.Method), Status: in.Status, Drop: in.Drop, Commit: in.AfterCommit, Times: in.Times}
	if in.Times < 0 {
		return f, fmt.Errorf("times must be 0 (every request) or more, not %d", in.Times)
	}
	if in.Times == 0 {
		f.Times = -1 // every matching request
	}
	if in.Path != "" {
		re, err := regexp.Compile(in.Path)
		if err != nil {
			return f, fmt.Errorf("path is not a Go regular expression: %v", err)
		}
		f.PathRegexp = re
	}
	switch {
	case in.Drop && in.Status != 0:
		return f, fmt.Errorf("drop sends no answer, so it takes no status")
	case !in.Drop && (in.Status < 400 || in.Status > 599):
		return f, fmt.Errorf("status must be from 400 to 599, not %d", in.Status)
	}
	if in.RetryAfter != nil {
		if *in.RetryAfter < 0 {
			return f, fmt.Errorf("retry_after must be at least 0 seconds")
		}
		f.RetryAfter = strconv.FormatFloat(*in.RetryAfter, 'f', -1, 64)
	}
	return f, nil
}

func (f *Fault) apply(w http.ResponseWriter, r *http.Request, next http.Handler) {
	if f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if f.Commit {
		next.ServeHTTP(httptest.NewRecorder(), r)
	}
	if f.StallBody {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"id":"`))
		_ = http.NewResponseController(w).Flush()
	}
	if f.Hang || f.StallBody {
		<-r.Context().Done()
		return
	}
	if f.Drop {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	status := f.Status
	if status == 0 {
		if f.Delay > 0 {
			next.ServeHTTP(w, r) // a slow but otherwise normal answer
			return
		}
		status = http.StatusInternalServerError
	}
	writeError(w, status, "injected fault")
}

// MatchPath matches a URL path against a pattern where "*" stands for one
// segment. A pattern that starts with /v0/ is taken below /websets.
func MatchPath(pattern, path string) bool {
	if strings.HasPrefix(pattern, "/v0/") {
		pattern = "/websets" + pattern
	}
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(xs) {
		return false
	}
	for i := range ps {
		if ps[i] != "*" && ps[i] != xs[i] {
			return false
		}
	}
	return true
}
