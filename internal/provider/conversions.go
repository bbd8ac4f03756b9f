package provider

// Conversions of API values that more than one resource uses; those
// between framework values and Go values are in internal/tfmodel. A
// resource's own mapping stays in its expand and flatten functions.

import (
	"math"

	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// derefOr is *s, or def when s is nil or empty.
func derefOr(s *string, def string) string {
	if s == nil || *s == "" {
		return def
	}
	return *s
}

// roundInt reads a JSON number that should be whole (10 or 10.0) as int64,
// clamping what does not fit.
func roundInt(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(math.Round(f))
}

// updatedMetadata is the metadata of an update request: an update always
// sends it, and removing metadata from the configuration clears it, so a
// null map is sent as {} (Exa treats a missing field as "unchanged").
func updatedMetadata(m types.Map) map[string]string {
	if out := tfmodel.StringMap(m); out != nil {
		return out
	}
	return map[string]string{}
}
