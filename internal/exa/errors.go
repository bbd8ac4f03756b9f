package exa

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// APIError is a non-2xx answer from the Websets API.
type APIError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Message is Exa's explanation, taken from the error body when it has one.
	Message string
	// RequestID is the X-Request-Id header of the answer, for Exa support.
	RequestID string
	// Method and Path name the call that failed.
	Method string
	Path   string
	// Origin is the scheme and host the call went to.
	Origin string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: HTTP %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (X-Request-Id: %s)", e.RequestID)
	}
	switch e.StatusCode {
	case http.StatusUnauthorized:
		fmt.Fprintf(&b, ". %s refused the API key: check api_key in the provider block or the EXA_API_KEY environment variable, and that base_url is the server the key belongs to", cmp.Or(e.Origin, "The server"))
	case http.StatusPaymentRequired:
		b.WriteString(". Exa answers 402 when the team is out of credits or the API key has reached its budget. Retrying will not help: add credits or raise the key's budget in Exa's dashboard, then apply again")
	}
	return b.String()
}

// IsNotFound reports whether err is an API answer with status 404.
func IsNotFound(err error) bool { return HasStatus(err, http.StatusNotFound) }

// IsConflict reports whether err is an API answer with status 409.
func IsConflict(err error) bool { return HasStatus(err, http.StatusConflict) }

// HasStatus reports whether err is an API answer with the given status.
func HasStatus(err error, status int) bool { return StatusOf(err) == status }

// StatusOf is the HTTP status of an API answer, or 0 when err is not one.
func StatusOf(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// AmbiguousError says that a request that is not safe to repeat (a create)
// may or may not have taken effect at Exa: it was sent, and then the
// connection failed or Exa answered with a 5xx. The caller must find out what
// happened before it sends the request again.
type AmbiguousError struct {
	Err error
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("the request may have reached Exa, but its outcome is unknown: %v", e.Err)
}

func (e *AmbiguousError) Unwrap() error { return e.Err }

// IsAmbiguous reports whether err says a create may have taken effect.
func IsAmbiguous(err error) bool {
	var amb *AmbiguousError
	return errors.As(err, &amb)
}

// errorMessage pulls a human message out of an error body. The spec gives no
// schema for error bodies, so this accepts the common shapes: a "message"
// that is a string or a list of strings, an "error" string, or, failing
// those, the raw body (cut short).
func errorMessage(body []byte) string {
	var shaped struct {
		Message json.RawMessage `json:"message"`
		Error   json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &shaped) == nil {
		if msg := rawMessageText(shaped.Message); msg != "" {
			return msg
		}
		if msg := rawMessageText(shaped.Error); msg != "" {
			return msg
		}
	}
	text := strings.TrimSpace(string(body))
	const limit = 512
	if len(text) > limit {
		text = text[:limit] + "…"
	}
	return text
}

func rawMessageText(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return strings.Join(list, "; ")
	}
	return ""
}

// TimeoutError says that one HTTP attempt got no complete answer within the
// request timeout (connect, headers and body together).
type TimeoutError struct {
	After time.Duration
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("the request timed out: no complete answer within %s (request_timeout). If Exa is slow rather than unreachable, raise request_timeout in the provider block or EXA_REQUEST_TIMEOUT", e.After)
}

// Timeout marks the error as a timeout, as net.Error does.
func (e *TimeoutError) Timeout() bool { return true }

// IsTimeout reports whether err is an attempt that timed out.
func IsTimeout(err error) bool {
	var te *TimeoutError
	return errors.As(err, &te)
}

// RedirectError is a redirect the client refused to follow: one that leaves
// the origin the API key was sent to, or goes from https to http.
type RedirectError struct {
	Method, Path string
	StatusCode   int
	Location     string
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s %s: HTTP %d redirect to %q refused: the provider sends the API key only to the origin of base_url, and never from https to http. The Websets API does not redirect; check base_url and any proxy in between",
		e.Method, e.Path, e.StatusCode, e.Location)
}
