package examock

import (
	"encoding/json"
	"net/http"
	"time"
)

// Request is one request the mock received, whatever it answered.
type Request struct {
	Method string      `json:"method"`
	Path   string      `json:"path"`
	Query  string      `json:"query,omitempty"`
	Body   string      `json:"body,omitempty"`
	Header http.Header `json:"-"`
	// Priority is the x-exa-websets-priority header, which Exa's SDKs
	// send on webset and search creates (since the spec: README, "Since the spec"), or "".
	Priority  string    `json:"priority,omitempty"`
	Time      time.Time `json:"time"`
	RequestID string    `json:"requestId"`
	Status    int       `json:"status"`
}

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// Find returns the logged requests with this method (empty: any) whose path
// matches pattern (see MatchPath).
func (s *Server) Find(method, pattern string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if (method == "" || r.Method == method) && MatchPath(pattern, r.Path) {
			out = append(out, r)
		}
	}
	return out
}

// Count is len(Find(method, pattern)).
func (s *Server) Count(method, pattern string) int { return len(s.Find(method, pattern)) }

// APICount counts every request to the Websets API.
func (s *Server) APICount() int {
	n := 0
	for _, r := range s.Requests() {
		if len(r.Path) >= 9 && r.Path[:9] == "/websets/" {
			n++
		}
	}
	return n
}

// ResetLog empties the request log.
func (s *Server) ResetLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}

// serveLog answers GET /_mock/requests with the log, for users who run the
// mock as a command and want to see what their configuration sent.
func (s *Server) serveLog(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.Requests())
}

// DecodeBody unmarshals a logged request's JSON body into a generic value,
// for exact comparisons in tests.
func (r Request) DecodeBody() (any, error) {
	var v any
	err := json.Unmarshal([]byte(r.Body), &v)
	return v, err
}
