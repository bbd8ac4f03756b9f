package validators

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// validate runs v on value at path "a"; "" when it passes, else the
// error's summary and detail.
func validate(v validator.String, value types.String) string {
	var resp validator.StringResponse
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("a"), ConfigValue: value}, &resp)
	if !resp.Diagnostics.HasError() {
		return ""
	}
	d := resp.Diagnostics.Errors()[0]
	return d.Summary() + ": " + d.Detail()
}

func TestStringChecks_refuseWhatTheyMustAndSkipUnknown(t *testing.T) {
	d := DurationBetween(time.Second, time.Hour)
	for _, c := range []struct {
		v    validator.String
		in   types.String
		want string // "" passes; otherwise a part of the message
	}{
		{d, types.StringValue("30s"), ""},
		{d, types.StringValue("2h"), "must be from 1s to 1h0m0s"},
		{d, types.StringValue("soon"), "must be a duration such as 30s"},
		{d, types.StringUnknown(), ""},
		{d, types.StringNull(), ""},
		{RFC3339(), types.StringValue("2026-11-30T12:00:00Z"), ""},
		{RFC3339(), types.StringValue("30 Nov 2026"), "Invalid date-time: Attribute a must be an RFC 3339 date-time"},
	} {
		got := validate(c.v, c.in)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%s on %s: %q, want %q", c.v.Description(context.Background()), c.in, got, c.want)
		}
	}
}
