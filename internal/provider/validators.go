package provider

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/cron"
	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/validators"
)

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
func baseURL() validators.StringCheck {
	return validators.String("an https URL (plain http only for loopback) with no user info, query or fragment", "Invalid base_url",
		func(_ path.Path, v string) string { return validators.ErrText(exa.CheckBaseURL(v)) })
}

// dailyCron checks a monitor cadence at plan time.
func dailyCron() validators.StringCheck {
	return validators.String("must be a 5-field Unix cron expression that fires at most once a day", "Invalid monitor cadence",
		func(at path.Path, v string) string { return validators.AttributeError(at, cron.ValidateDaily(v)) })
}

// ianaTimezone checks a timezone name at plan time.
func ianaTimezone() validators.StringCheck {
	return validators.String("must be an IANA timezone name", "Invalid timezone",
		func(at path.Path, v string) string { return validators.AttributeError(at, cron.ValidateTimezone(v)) })
}

// optionsNeedFormat: options are required when format is "options", and
// allowed only then.
type optionsNeedFormat struct{}

func (optionsNeedFormat) Description(context.Context) string {
	return `options is required when format is "options", and not allowed otherwise`
}

func (v optionsNeedFormat) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (optionsNeedFormat) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m websetEnrichmentModel
	if d := enrichmentCodec.Get(ctx, req.Config.Raw, &m); d.HasError() {
		resp.Diagnostics.Append(d...)
		return
	}
	format, options := m.Format, m.Options
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

// scopeMeansOverride refuses behavior = "append" on a search with a scope:
// the spec says "When scope is present, the search behavior is OVERRIDE
// (replaces results rather than appending)", so Exa would answer override
// and the apply would fail as inconsistent. (An empty scope is no scope.)
type scopeMeansOverride struct{}

func (scopeMeansOverride) Description(context.Context) string {
	return `must not be "append" when scope is set: a scoped search is an override search`
}

func (v scopeMeansOverride) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (scopeMeansOverride) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.ValueString() != behaviorAppend {
		return
	}
	var m websetSearchModel
	if d := searchModel.Get(ctx, req.Config.Raw, &m); d.HasError() {
		resp.Diagnostics.Append(d...)
		return
	}
	scope := m.Scope
	if scope.IsNull() || scope.IsUnknown() || len(scope.Elements()) == 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "A scoped search cannot append",
		`Exa runs a search with a scope as an override search ("When scope is present, the search behavior is OVERRIDE"): it re-evaluates the webset's items against its criteria and discards those that fail. Remove behavior = "append", or the scope.`)
}

// httpsURL accepts absolute https URLs only.
func httpsURL() validators.StringCheck {
	return validators.String("must be an absolute https URL", "Invalid webhook URL",
		func(at path.Path, v string) string {
			if u, err := url.Parse(v); err != nil || u.Scheme != "https" || u.Host == "" {
				return fmt.Sprintf("Attribute %s must be an absolute https URL, such as https://hooks.example.com/exa; got %q.", at, v)
			}
			return ""
		})
}
