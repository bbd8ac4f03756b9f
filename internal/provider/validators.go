package provider

import (
	"context"
	"fmt"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/cron"
	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// charLength checks a string's length in characters (Unicode code points),
// as the spec's minLength and maxLength count them. The framework's own
// stringvalidator.LengthBetween counts bytes, which would refuse a valid
// query written in a non-Latin script.
type charLength struct{ min, max int }

var _ validator.String = charLength{}

func lengthBetween(lo, hi int) charLength { return charLength{min: lo, max: hi} }

func (v charLength) Description(context.Context) string {
	if v.max <= 0 {
		return fmt.Sprintf("must be at least %d characters long", v.min)
	}
	return fmt.Sprintf("must be %d to %d characters long", v.min, v.max)
}

func (v charLength) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v charLength) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	n := utf8.RuneCountInString(req.ConfigValue.ValueString())
	if n < v.min || (v.max > 0 && n > v.max) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid attribute value length",
			fmt.Sprintf("Attribute %s %s, got: %d.", req.Path, v.Description(ctx), n))
	}
}

// entityDescription enforces the spec's Entity union: the custom type needs
// a description, and the other types take none.
type entityDescription struct{}

var _ validator.Object = entityDescription{}

func (entityDescription) Description(context.Context) string {
	return "description is required when type is custom, and not allowed otherwise"
}

func (v entityDescription) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (entityDescription) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	typ, _ := attrs["type"].(types.String)
	desc, _ := attrs["description"].(types.String)
	if typ.IsUnknown() || desc.IsUnknown() {
		return
	}
	switch custom := typ.ValueString() == "custom"; {
	case custom && desc.IsNull():
		resp.Diagnostics.AddAttributeError(req.Path.AtName("description"), "Missing entity description",
			`An entity of type "custom" needs a description (2 to 200 characters) of what the search should find.`)
	case !custom && !desc.IsNull():
		resp.Diagnostics.AddAttributeError(req.Path.AtName("description"), "Unexpected entity description",
			fmt.Sprintf("Only an entity of type \"custom\" takes a description; type %q does not. Remove description, or set type = \"custom\".", typ.ValueString()))
	}
}

// baseURL refuses, at validate, a base_url that the client would refuse:
// plain http to a non-loopback host, user info, a query or a fragment. The
// message never repeats a password (exa.CheckBaseURL redacts).
type baseURL struct{}

var _ validator.String = baseURL{}

func (baseURL) Description(context.Context) string {
	return "an https URL (plain http only for loopback) with no user info, query or fragment"
}

func (v baseURL) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (baseURL) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !isKnown(req.ConfigValue) {
		return
	}
	if err := exa.CheckBaseURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid base_url", err.Error())
	}
}

// duration checks a Go duration string within bounds. No library validator
// parses durations: the framework's timeouts package has its own attribute
// type, which a plain provider setting cannot use.
type duration struct{ min, max time.Duration }

var _ validator.String = duration{}

func durationBetween(lo, hi time.Duration) duration { return duration{min: lo, max: hi} }

func (v duration) Description(context.Context) string {
	return fmt.Sprintf("a duration such as 30s or 2m, from %s to %s", v.min, v.max)
}

func (v duration) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v duration) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !isKnown(req.ConfigValue) {
		return
	}
	if _, err := parseDuration(req.ConfigValue.ValueString(), v.min, v.max); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration", "Attribute "+req.Path.String()+" "+err.Error())
	}
}

// parseDuration reads a Go duration and checks its bounds; the provider's
// Configure uses it for the environment variable too.
func parseDuration(raw string, lo, hi time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(raw)
	if err != nil {
		return 0, fmt.Errorf("must be a duration such as 30s or 2m, got %q", raw)
	}
	if d < lo || d > hi {
		return 0, fmt.Errorf("must be from %s to %s, got %s", lo, hi, d)
	}
	return d, nil
}

// httpsURL accepts absolute https URLs only.
type httpsURL struct{}

func (httpsURL) Description(context.Context) string { return "must be an absolute https URL" }

func (v httpsURL) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (httpsURL) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !isKnown(req.ConfigValue) {
		return
	}
	u, err := url.Parse(req.ConfigValue.ValueString())
	if err != nil || u.Scheme != "https" || u.Host == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid webhook URL",
			fmt.Sprintf("Attribute %s must be an absolute https URL, such as https://hooks.example.com/exa; got %q.", req.Path, req.ConfigValue.ValueString()))
	}
}

// dailyCron checks a monitor cadence at plan time.
type dailyCron struct{}

func (dailyCron) Description(context.Context) string {
	return "must be a 5-field Unix cron expression that fires at most once a day"
}

func (v dailyCron) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (dailyCron) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !isKnown(req.ConfigValue) {
		return
	}
	if err := cron.ValidateDaily(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid monitor cadence", fmt.Sprintf("Attribute %s: %s.", req.Path, err))
	}
}

// ianaTimezone checks a timezone name at plan time.
type ianaTimezone struct{}

func (ianaTimezone) Description(context.Context) string { return "must be an IANA timezone name" }

func (v ianaTimezone) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (ianaTimezone) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !isKnown(req.ConfigValue) {
		return
	}
	if err := cron.ValidateTimezone(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid timezone", fmt.Sprintf("Attribute %s: %s.", req.Path, err))
	}
}

// optionsNeedFormat: options are required when format is "options", and
// allowed only then.
type optionsNeedFormat struct{}

func (optionsNeedFormat) Description(context.Context) string {
	return `options is required when format is "options", and not allowed otherwise`
}

func (v optionsNeedFormat) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (optionsNeedFormat) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var format types.String
	var options types.List
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("format"), &format)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("options"), &options)...)
	if format.IsUnknown() || options.IsUnknown() {
		return
	}
	isOptions := format.ValueString() == "options"
	switch {
	case isOptions && options.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("options"), "Missing options",
			`An enrichment with format = "options" needs options: the labels Exa chooses from.`)
	case !isOptions && !options.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("options"), "Unexpected options",
			`options are allowed only with format = "options". Set format = "options", or remove options.`)
	}
}
