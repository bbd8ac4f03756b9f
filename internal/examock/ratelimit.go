package examock

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/time/rate"
)

// The key's rate limit: Exa answers 429 Too Many Requests to what a key
// sends above its limit. The spec names no figure for Websets (Exa's
// published default for its search endpoints is 10 requests a second), nor
// the shape of the limit; the mock's is a token bucket per key, of the
// given rate and a burst of one second's worth, and its 429 carries
// Retry-After in whole seconds (at least 1), as HTTP's delay-seconds are.
// Off unless Options.RateLimit, -rate-limit or POST /_mock/rate-limit
// sets it.

// keyLimits holds one bucket per API key.
type keyLimits struct {
	perSecond float64
	buckets   map[string]*rate.Limiter
}

// SetRateLimit limits every key to perSecond requests a second from now
// on; 0 turns the limit off.
func (s *Server) SetRateLimit(perSecond float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setRateLimit(perSecond)
}

func (s *Server) setRateLimit(perSecond float64) {
	s.opts.RateLimit = perSecond
	s.limits = nil
	if perSecond > 0 {
		s.limits = &keyLimits{perSecond: perSecond, buckets: map[string]*rate.Limiter{}}
	}
}

// overLimit takes a token of key's bucket at now, and returns 0; or, when
// the bucket is empty, how long the client should wait. The caller holds
// mu.
func (s *Server) overLimit(key string, now time.Time) time.Duration {
	if s.limits == nil {
		return 0
	}
	b := s.limits.buckets[key]
	if b == nil {
		b = rate.NewLimiter(rate.Limit(s.limits.perSecond), max(1, int(math.Ceil(s.limits.perSecond))))
		s.limits.buckets[key] = b
	}
	r := b.ReserveN(now, 1)
	d := r.DelayFrom(now)
	if d <= 0 {
		return 0
	}
	r.CancelAt(now)
	return d
}

// writeThrottled answers 429 with a Retry-After in whole seconds.
func writeThrottled(w http.ResponseWriter, perSecond float64, wait time.Duration) {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeError(w, http.StatusTooManyRequests, fmt.Sprintf("this API key is over its limit of %s requests a second: retry after %d s", strconv.FormatFloat(perSecond, 'f', -1, 64), secs))
}

// rateLimitBody is the JSON of POST /_mock/rate-limit.
type rateLimitBody struct {
	// RequestsPerSecond per key; 0 turns the limit off.
	RequestsPerSecond *float64 `json:"requests_per_second"`
}

// serveRateLimit answers GET /_mock/rate-limit (the limit now), POST (set
// it: {"requests_per_second": 10}) and DELETE (turn it off). Like the other
// /_mock/ endpoints, it needs no key.
func (s *Server) serveRateLimit(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodDelete:
		s.SetRateLimit(0)
		w.WriteHeader(http.StatusNoContent)
		return
	case http.MethodPost:
		var in rateLimitBody
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			writeError(w, http.StatusBadRequest, "invalid rate limit: "+err.Error())
			return
		}
		if in.RequestsPerSecond == nil || *in.RequestsPerSecond < 0 || math.IsInf(*in.RequestsPerSecond, 0) || math.IsNaN(*in.RequestsPerSecond) {
			writeError(w, http.StatusBadRequest, `invalid rate limit: requests_per_second must be a number of at least 0 (0 turns the limit off), as in {"requests_per_second": 10}`)
			return
		}
		s.SetRateLimit(*in.RequestsPerSecond)
	}
	s.mu.Lock()
	perSecond := s.opts.RateLimit
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, rateLimitBody{RequestsPerSecond: &perSecond})
}
