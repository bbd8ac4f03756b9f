package examock

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
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
		if (f.Method != "" && f.Method != method) || (f.Path != "" && !MatchPath(f.Path, path)) {
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
