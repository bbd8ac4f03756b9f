// Package provider is the Terraform provider for Exa's Websets API.
package provider

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
	"github.com/exa-community/terraform-provider-exa/internal/validators"
)

var (
	_ provider.Provider                  = (*exaProvider)(nil)
	_ provider.ProviderWithFunctions     = (*exaProvider)(nil)
	_ provider.ProviderWithListResources = (*exaProvider)(nil)

	_ provider.ProviderWithEphemeralResources = (*exaProvider)(nil)
	_ provider.ProviderWithActions            = (*exaProvider)(nil)
)

// Option adjusts the provider beyond its schema. Tests use options to make
// retries and polling fast; users never see them.
type Option func(*exaProvider)

// WithClientConfig edits the API client's configuration after the
// provider's own settings are applied.
func WithClientConfig(edit func(*exa.Config)) Option {
	return func(p *exaProvider) { p.editClient = edit }
}

// WithPolling sets the bounds between two polls of whatever is waited for:
// a search or an enrichment with wait_for_completion, a webset with
// wait_for_idle (defaults: 2 s and 60 s).
func WithPolling(minWait, maxWait time.Duration) Option {
	return func(p *exaProvider) { p.poll.min, p.poll.max = minWait, maxWait }
}

// New returns a constructor of the provider, as providerserver expects.
func New(version string, opts ...Option) func() provider.Provider {
	return func() provider.Provider {
		p := &exaProvider{version: version, poll: defaultPolling()}
		for _, opt := range opts {
			opt(p)
		}
		return p
	}
}

type exaProvider struct {
	version    string
	editClient func(*exa.Config)
	poll       polling
}

// exaProviderModel is the provider block.
type exaProviderModel struct {
	APIKey            types.String  `tfsdk:"api_key"`
	BaseURL           types.String  `tfsdk:"base_url"`
	MaxRetries        types.Int64   `tfsdk:"max_retries"`
	RequestsPerSecond types.Float64 `tfsdk:"requests_per_second"`
	RequestTimeout    types.String  `tfsdk:"request_timeout"`
	MaxPlannedResults types.Int64   `tfsdk:"max_planned_results"`
	Priority          types.String  `tfsdk:"priority"`
}

// providerData is what resources and data sources get from Configure.
type providerData struct {
	client *exa.Client
	poll   polling
	// cost adds up the results this walk plans to start (cost.go).
	cost *costLedger
	// overrides gathers the override searches this walk plans into each
	// webset (override_searches.go).
	overrides *overrideSearches
}

func (p *exaProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "exa"
	resp.Version = p.version
}

func (p *exaProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manage [Exa Websets](https://docs.exa.ai/websets) (websets and the searches that fill them) as code.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: "Exa API key, sent as the `x-api-key` header. Falls back to the `EXA_API_KEY` environment variable. It is sensitive: never logged, never stored in state.",
				Optional:            true,
				Sensitive:           true,
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "API root. Falls back to `EXA_BASE_URL`, then `" + exa.DefaultBaseURL + "`. Websets calls go to `<base_url>/websets/v0/...`, so it must not itself hold `/websets`; errors name the path as sent. It must use `https`, except for a loopback host such as the bundled mock server, and must carry no user info, query or fragment. The API key is sent to this origin only: a redirect to another scheme, host or port is refused, not followed.",
				Optional:            true,
				Validators:          []validator.String{baseURL()},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("How long one HTTP attempt may take, from connecting to the last byte of the answer, as a Go duration such as `30s` or `2m`. From `1s` to `1h`. Falls back to `EXA_REQUEST_TIMEOUT`, then `%s`. A timed-out read, update, cancel or delete is retried like a 503, within `max_retries`; a timed-out create is looked up before it is sent again, so it is never duplicated. Resource `timeouts` still bound each operation as a whole.", exa.DefaultRequestTimeout),
				Optional:            true,
				Validators:          []validator.String{validators.DurationBetween(time.Second, time.Hour)},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times one API call is retried after a 408, a retryable 5xx, a network error or a timed-out attempt, with jittered exponential backoff that honors `Retry-After`: 0 to 20, where 0 means no retries. Defaults to %d. A 429 Too Many Requests does not count: it is retried within the operation's own deadline (see `requests_per_second`).", exa.DefaultMaxRetries),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 20)},
			},
			"max_planned_results": schema.Int64Attribute{
				MarkdownDescription: "The most results one plan may start, as a guard against a surprise bill. Falls back to `EXA_MAX_PLANNED_RESULTS`; unset means no cap, and `0` refuses any paid work. " +
					"It counts the `target_count` of every search to be created or replaced, one run of every monitor to be created enabled or enabled again, and, for every enrichment to be created or replaced, one result per item of its webset (the items it has now, plus the `target_count` of the searches planned into it). " +
					"A plan over the cap fails before any request that starts work, with an error that gives the total and what counts most. Reads, in-place updates, cancels and deletes count nothing.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"priority": schema.StringAttribute{
				MarkdownDescription: "Processing priority sent as the `x-exa-websets-priority` header on webset and search creates only, as Exa's SDKs send it: `low`, `medium` or `high`. Falls back to `EXA_PRIORITY`; unset sends no header. Exa does not document what each level does, nor which it assumes without the header.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(exa.Priorities()...)},
			},
			"requests_per_second": schema.Float64Attribute{
				MarkdownDescription: fmt.Sprintf("The most requests a second that this run sends, shared by every resource, evenly spaced. Defaults to %d; `0` means no limit of the run's own. When Exa answers 429 Too Many Requests (other runs may share the API key), the provider pauses for `Retry-After`, sends the call again within the operation's deadline (its `timeouts`, else %d minutes of throttling), and lowers its rate, then raises it back to this ceiling as calls go through. With R runs on a key allowed L requests a second, `L / R` in each avoids 429s.", exa.DefaultRequestsPerSecond, int(exa.DefaultMaxThrottle.Minutes())),
				Optional:            true,
				Validators:          []validator.Float64{float64validator.AtLeast(0)},
			},
		},
	}
}

func (p *exaProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg exaProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings := []struct {
		name  string
		value interface{ IsUnknown() bool }
	}{
		{"api_key", cfg.APIKey}, {"base_url", cfg.BaseURL}, {"max_retries", cfg.MaxRetries},
		{"requests_per_second", cfg.RequestsPerSecond}, {"request_timeout", cfg.RequestTimeout},
		{"max_planned_results", cfg.MaxPlannedResults}, {"priority", cfg.Priority},
	}
	for _, s := range settings {
		if s.value.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(s.name), "Unknown provider setting",
				"The provider needs "+s.name+" to be known when it is configured. Set it from a variable or the environment, not from another resource's result.")
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	c := exa.Config{
		APIKey:    tfmodel.StringOr(cfg.APIKey, os.Getenv("EXA_API_KEY")),
		BaseURL:   tfmodel.StringOr(cfg.BaseURL, os.Getenv("EXA_BASE_URL")),
		UserAgent: p.userAgent(req.TerraformVersion),
	}
	c.MaxRetries = exa.DefaultMaxRetries
	if !cfg.MaxRetries.IsNull() {
		c.MaxRetries = int(cfg.MaxRetries.ValueInt64())
		if c.MaxRetries == 0 {
			c.MaxRetries = -1 // exa.Config: negative means none
		}
	}
	if !cfg.RequestsPerSecond.IsNull() {
		c.RequestsPerSecond = cfg.RequestsPerSecond.ValueFloat64()
		if c.RequestsPerSecond == 0 {
			c.RequestsPerSecond = -1 // exa.Config: negative means unlimited
		}
	}
	if raw := tfmodel.StringOr(cfg.RequestTimeout, os.Getenv("EXA_REQUEST_TIMEOUT")); raw != "" {
		d, err := validators.ParseDuration(raw, time.Second, time.Hour)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("request_timeout"), "Invalid request timeout",
				"request_timeout (or EXA_REQUEST_TIMEOUT) "+err.Error())
			return
		}
		c.RequestTimeout = d
	}
	maxResults, ok := maxPlannedResults(cfg.MaxPlannedResults, os.Getenv("EXA_MAX_PLANNED_RESULTS"))
	if !ok {
		resp.Diagnostics.AddAttributeError(path.Root("max_planned_results"), "Invalid EXA_MAX_PLANNED_RESULTS",
			"EXA_MAX_PLANNED_RESULTS must be a whole number of at least 0, such as 500; unset it for no cap.")
		return
	}
	c.Priority = tfmodel.StringOr(cfg.Priority, os.Getenv("EXA_PRIORITY"))
	if c.Priority != "" && !slices.Contains(exa.Priorities(), c.Priority) {
		resp.Diagnostics.AddAttributeError(path.Root("priority"), "Invalid EXA_PRIORITY",
			fmt.Sprintf("EXA_PRIORITY is %q; it must be low, medium or high, or unset to send no priority.", c.Priority))
		return
	}
	if c.APIKey == "" {
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "Missing Exa API key",
			"Set api_key in the provider block, or the EXA_API_KEY environment variable. Keys are at https://dashboard.exa.ai/api-keys.")
		return
	}
	if p.editClient != nil {
		p.editClient(&c)
	}
	client, err := exa.NewClient(c)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("base_url"), "Invalid provider configuration", err.Error())
		return
	}
	ctx = tflog.MaskLogStrings(ctx, c.APIKey)
	tflog.Debug(ctx, "configured the Exa client", map[string]any{"base_url": c.BaseURL, "max_retries": c.MaxRetries, "request_timeout": c.RequestTimeout.String()})

	data := &providerData{client: client, poll: p.poll, cost: newCostLedger(maxResults, client), overrides: &overrideSearches{}}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
	resp.EphemeralResourceData = data
	resp.ActionData = data
}

// maxPlannedResults is the cap from the provider block, else from the
// environment; -1 when neither sets one. It reports false for an
// environment value that is no whole number of at least 0.
func maxPlannedResults(v types.Int64, env string) (int64, bool) {
	if !v.IsNull() {
		return v.ValueInt64(), true
	}
	if env = strings.TrimSpace(env); env == "" {
		return -1, true
	}
	n, err := strconv.ParseInt(env, 10, 64)
	return n, err == nil && n >= 0
}

func (p *exaProvider) userAgent(terraformVersion string) string {
	ua := "terraform-provider-exa/" + p.version
	if terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua + " (+https://registry.terraform.io/providers/exa-community/exa)"
}

func (p *exaProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewWebsetResource,
		NewWebsetSearchResource,
		NewWebsetEnrichmentResource,
		NewWebhookResource,
		NewMonitorResource,
		NewImportResource,
	}
}

func (p *exaProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewWebsetDataSource,
		NewWebsetSearchDataSource,
		NewWebsetItemsDataSource,
		NewWebhookAttemptsDataSource,
		NewMonitorRunsDataSource,
		NewWebsetsDataSource,
		NewMonitorsDataSource,
		NewWebhooksDataSource,
		NewImportsDataSource,
		NewEventsDataSource,
		NewWebsetPreviewDataSource,
	}
}

// ListResources are the resources' own list resources, for terraform query.
func (p *exaProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		asListResource(NewWebsetResource),
		asListResource(NewWebsetSearchResource),
		asListResource(NewWebsetEnrichmentResource),
		asListResource(NewMonitorResource),
		asListResource(NewWebhookResource),
		asListResource(NewImportResource),
	}
}

func (p *exaProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{NewWebsetItemsEphemeralResource}
}

// Actions are the brakes on spending (Terraform 1.14).
func (p *exaProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{NewWebsetCancelAction, NewWebsetSearchCancelAction}
}

func (p *exaProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{NewItemsCSVFunction}
}

// readOK handles the answer of a resource's Read: a 404 removes the resource
// from state with a warning (the next plan creates it again), and any other
// error is reported. It says whether Read should go on.
func readOK(ctx context.Context, resp *resource.ReadResponse, err error, what, id string) bool {
	if exa.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Exa "+what+" not found",
			fmt.Sprintf("The %s %s no longer exists at Exa, so it is removed from state; the next apply creates it again.%s", what, id, rebilled[what]))
		resp.State.RemoveResource(ctx)
		return false
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read the Exa "+what, err.Error())
		return false
	}
	return true
}

// rebilled says, for readOK, what creating a lost object again costs.
var rebilled = map[string]string{
	"webset":     " Its items are gone with it: every exa_webset_search and exa_webset_enrichment that names it is created again too, and Exa bills their work again.",
	"search":     " That starts a new search, and Exa bills its results again.",
	"enrichment": " That enriches every item again, and Exa bills each result again.",
	"monitor":    " It then runs, and bills, on its schedule again.",
}

// deleteOK reports a failed delete; one that finds nothing (404) is done.
func deleteOK(resp *resource.DeleteResponse, err error, what string) {
	if err != nil && !exa.IsNotFound(err) {
		resp.Diagnostics.AddError("Could not delete the Exa "+what, err.Error())
	}
}
