package examock

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// How searches and enrichments move along: the Lifecycle options, and the
// per-object override in metadata.

// Lifecycle says how a search moves from running to completed. The zero
// value keeps searches running until they are canceled.
type Lifecycle struct {
	// Immediate makes searches complete at once: the create answer already
	// says completed.
	Immediate bool
	// CompleteAfterReads, when above zero, completes a search on its N-th
	// GET.
	CompleteAfterReads int
	// CompleteAfter, when above zero, completes a search this long after it
	// was created; until then progress reports the time left.
	CompleteAfter time.Duration
}

// LifecycleMetadataKey, in a search's metadata, overrides the server's
// lifecycle for that search, with a value ParseLifecycle reads. It lets one
// configuration hold searches that finish at once next to ones that run on.
const LifecycleMetadataKey = "examock.lifecycle"

// ParseLifecycle reads "running" (never finishes), "immediate", "reads:N"
// (completes on its N-th read) or "after:DURATION" (such as after:30s).
func ParseLifecycle(v string) (Lifecycle, error) {
	switch {
	case v == "running":
		return Lifecycle{}, nil
	case v == "immediate":
		return Lifecycle{Immediate: true}, nil
	case strings.HasPrefix(v, "reads:"):
		n, err := strconv.Atoi(strings.TrimPrefix(v, "reads:"))
		if err != nil || n < 1 {
			return Lifecycle{}, fmt.Errorf("lifecycle %q: want reads:N with N ≥ 1", v)
		}
		return Lifecycle{CompleteAfterReads: n}, nil
	case strings.HasPrefix(v, "after:"):
		d, err := time.ParseDuration(strings.TrimPrefix(v, "after:"))
		if err != nil || d <= 0 {
			return Lifecycle{}, fmt.Errorf("lifecycle %q: want after:DURATION, such as after:30s", v)
		}
		return Lifecycle{CompleteAfter: d}, nil
	}
	return Lifecycle{}, fmt.Errorf("lifecycle %q: want running, immediate, reads:N or after:DURATION", v)
}

// The wire shapes below are the mock's own, written from the spec and kept
// apart from the client's on purpose: a misspelled field on either side then
// fails the tests instead of agreeing with itself.

// lifecycleOverride reads LifecycleMetadataKey from metadata.
func lifecycleOverride(metadata map[string]string) (*Lifecycle, error) {
	v, ok := metadata[LifecycleMetadataKey]
	if !ok {
		return nil, nil
	}
	lc, err := ParseLifecycle(v)
	if err != nil {
		return nil, fmt.Errorf("metadata %s: %w", LifecycleMetadataKey, err)
	}
	return &lc, nil
}

// Work goes on whoever looks. A search or an enrichment moves along its
// lifecycle when it is observed through any endpoint: its own GET, its
// webset's GET, the webset list, or the webset's items. Each observation
// counts as one read for reads:N, so a client that polls only the webset
// (as Exa's SDKs wait for idle) sees it go running → idle. Create, update,
// cancel and delete answers are not observations.

// observeWebset is someone looking at a webset. The caller holds mu.
func (s *Server) observeWebset(ws *webset) {
	for _, id := range ws.searchIDs {
		if sr := s.searches[id]; !sr.gone {
			s.observeSearch(sr)
		}
	}
	for _, id := range ws.enrichmentIDs {
		if e := s.enrichments[id]; !e.gone {
			s.observeEnrichment(e)
		}
	}
}

// observeSearch is someone looking at a search. The caller holds mu.
func (s *Server) observeSearch(sr *search) {
	sr.reads++
	s.advance(sr)
}

// observeEnrichment is someone looking at an enrichment. The caller holds
// mu.
func (s *Server) observeEnrichment(e *enrichment) {
	e.reads++
	lc := e.lifecycle
	if e.Status == "pending" && ((lc.CompleteAfterReads > 0 && e.reads >= lc.CompleteAfterReads) ||
		(lc.CompleteAfter > 0 && s.now().Sub(e.CreatedAt) >= lc.CompleteAfter)) {
		s.completeEnrichment(e)
	}
}
