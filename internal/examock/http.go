package examock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// The mock's request plumbing, in one place: decoding and validating
// bodies, writing answers and errors, paging lists by cursor, finding the
// record a path names (or answering 404), and the create handler that
// searches and enrichments share. (routes, in server.go, holds mu around
// every handler.)

// decodeValid decodes a request body and validates it, answering 400 and
// returning false when either fails.
func (s *Server) decodeValid(w http.ResponseWriter, r *http.Request, v any, validate func() error) bool {
	err := s.decodeStrict(r, v)
	if err == nil {
		err = validate()
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return false
	}
	return true
}

// decodeStrict decodes a JSON body. With Options.RejectUnknownFields it
// refuses fields the spec does not name, so that a client's misspelled
// field fails loudly (the provider's own tests run so). By default it
// ignores them, as the spec allows: no schema of it forbids additional
// properties, and Exa's SDKs send fields newer than the spec.
func (s *Server) decodeStrict(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return fmt.Errorf("Content-Type must be application/json, not %q", ct)
	}
	dec := json.NewDecoder(r.Body)
	if s.opts.RejectUnknownFields {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("invalid request body: %v", err)
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{StatusCode: status, Error: http.StatusText(status), Message: msg})
}

// writePage answers a cursor-paged list endpoint: list is every match in the
// endpoint's order; limit (default def, at most most) and cursor pick a page.
func writePage[T any](w http.ResponseWriter, r *http.Request, list []T, def, most int) {
	limit, err := pageLimit(r, def, most)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	start, err := cursorIndex(r, len(list))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, page(list, start, limit))
}

// pageLimit reads the limit query parameter (1 to most).
func pageLimit(r *http.Request, def, most int) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || n < 1 || n > float64(most) || n != float64(int(n)) {
		return 0, fmt.Errorf("limit must be a whole number from 1 to %d, not %q", most, v)
	}
	return int(n), nil
}

// cursorIndex reads the opaque cursor, which for the mock is an index.
func cursorIndex(r *http.Request, n int) (int, error) {
	v := r.URL.Query().Get("cursor")
	if v == "" {
		return 0, nil
	}
	i, err := strconv.Atoi(v)
	if err != nil || i < 0 || i > n {
		return 0, fmt.Errorf("invalid cursor %q", v)
	}
	return i, nil
}

// page is one page of a list, with the mock's index cursor.
func page[T any](list []T, start, limit int) any {
	end := min(start+limit, len(list))
	out := struct {
		Data       []T     `json:"data"`
		HasMore    bool    `json:"hasMore"`
		NextCursor *string `json:"nextCursor"`
	}{Data: append([]T{}, list[start:end]...)}
	if end < len(list) {
		out.HasMore = true
		c := strconv.Itoa(end)
		out.NextCursor = &c
	}
	return out
}

// lookup finds a live record by the request's {id}, or answers 404.
func lookup[T record](w http.ResponseWriter, r *http.Request, records map[string]T, what string) (T, bool) {
	rec, ok := records[r.PathValue("id")]
	if !ok || rec.isGone() {
		writeError(w, http.StatusNotFound, what+" not found")
		var zero T
		return zero, false
	}
	return rec, true
}

// lookupInWebset finds a live record by the request's {id} that belongs to
// the webset its {webset} names (by ID or external ID), or answers 404.
func lookupInWebset[T interface {
	record
	websetID() string
}](s *Server, w http.ResponseWriter, r *http.Request, records map[string]T, what string) (T, bool) {
	rec, ok := records[r.PathValue("id")]
	ws := s.lookupWebset(r.PathValue("webset"))
	if !ok || rec.isGone() || ws == nil || rec.websetID() != ws.ID {
		writeError(w, http.StatusNotFound, what+" not found")
		var zero T
		return zero, false
	}
	return rec, true
}

// createInWebset is the create handler of a webset's searches and
// enrichments: it decodes and validates the body, reads the lifecycle its
// metadata may ask for (see lifecycleOverride), finds the webset the path
// names, and answers what add made.
func createInWebset[B any](s *Server, w http.ResponseWriter, r *http.Request, validate func(*B) error,
	metadata func(*B) map[string]string, add func(*webset, *B, *Lifecycle) any) {
	var in B
	if !s.decodeValid(w, r, &in, func() error { return validate(&in) }) {
		return
	}
	lc, err := lifecycleOverride(metadata(&in))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	ws := s.websetFromPath(w, r, "webset")
	if ws == nil {
		return
	}
	writeJSON(w, http.StatusOK, add(ws, &in, lc))
}
