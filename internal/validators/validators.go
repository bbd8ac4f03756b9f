// Package validators holds the provider's own attribute validators: the
// checks that terraform-plugin-framework-validators does not have, each
// reported at validate, on its attribute, before any API call.
package validators

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// ParseDuration reads a Go duration and checks its bounds; the provider's
// Configure uses it for the environment variable too.
func ParseDuration(raw string, lo, hi time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(raw)
	if err != nil {
		return 0, fmt.Errorf("must be a duration such as 30s or 2m, got %q", raw)
	}
	if d < lo || d > hi {
		return 0, fmt.Errorf("must be from %s to %s, got %s", lo, hi, d)
	}
	return d, nil
}

// StringCheck is a string validator built from a description, the summary
// of its error, and a check that returns the error's detail ("" when the
// value is good). The rules here that need no more than that are
// StringChecks, and so are the provider's own (its base_url, a monitor's
// cadence and timezone). Lengths are the library's stringvalidator.UTF8Length*,
// which count characters (code points), as the spec's minLength and
// maxLength do.
type StringCheck struct {
	desc, summary string
	check         func(at path.Path, value string) (detail string)
}

// String is the StringCheck with this description (for the docs), error
// summary and check.
func String(desc, summary string, check func(at path.Path, value string) (detail string)) StringCheck {
	return StringCheck{desc: desc, summary: summary, check: check}
}

var _ validator.String = StringCheck{}

func (v StringCheck) Description(context.Context) string { return v.desc }

func (v StringCheck) MarkdownDescription(context.Context) string { return v.desc }

func (v StringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if detail := v.check(req.Path, req.ConfigValue.ValueString()); detail != "" {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, detail)
	}
}

// DurationBetween checks a Go duration string within bounds. The
// framework-validators module has no duration validator; the timeouts
// module's is internal to it, and timetypes.GoDuration checks the form but
// not bounds. This one checks both, with the words the provider's settings
// share with their environment variables (ParseDuration).
func DurationBetween(lo, hi time.Duration) StringCheck {
	return StringCheck{
		desc:    fmt.Sprintf("a duration such as 30s or 2m, from %s to %s", lo, hi),
		summary: "Invalid duration",
		check: func(at path.Path, v string) string {
			if _, err := ParseDuration(v, lo, hi); err != nil {
				return fmt.Sprintf("Attribute %s %s", at, err)
			}
			return ""
		},
	}
}

// AttributeError is the detail of a check's error, naming the attribute;
// "" when there is no error.
func AttributeError(at path.Path, err error) string {
	if err != nil {
		return fmt.Sprintf("Attribute %s: %s.", at, err)
	}
	return ""
}

// ErrText is an error's text, or "" for none.
func ErrText(err error) string {
	if err != nil {
		return err.Error()
	}
	return ""
}

// RFC3339 checks a date-time such as 2026-11-30T12:00:00Z.
func RFC3339() StringCheck {
	return StringCheck{
		desc:    "an RFC 3339 date-time, such as 2026-11-30T12:00:00Z",
		summary: "Invalid date-time",
		check: func(at path.Path, v string) string {
			if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
				return fmt.Sprintf("Attribute %s must be an RFC 3339 date-time, such as 2026-11-30T12:00:00Z; got %q.", at, v)
			}
			return ""
		},
	}
}
