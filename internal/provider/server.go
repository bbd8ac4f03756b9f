package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// NewProtocol6Server is the provider as Terraform talks to it: the
// framework's protocol 6 server, wrapped so that every operation that Exa
// throttled (HTTP 429) ends with one warning that says so. main.go serves
// it, and the tests use it, so both see the same warnings.
//
// The warning is added here, around each RPC, rather than in every Create,
// Read, Update, Delete and data source Read: one place, and no operation
// can forget it. The framework passes the RPC's context down to the
// resource's methods, and the client adds each 429 to the tally in it.
func NewProtocol6Server(version string, opts ...Option) func() (tfprotov6.ProviderServer, error) {
	inner := providerserver.NewProtocol6WithError(New(version, opts...)())
	return func() (tfprotov6.ProviderServer, error) {
		srv, err := inner()
		if err != nil {
			return nil, err
		}
		return &throttleReporting{ProviderServer: srv}, nil
	}
}

// throttleReporting is the framework's server, with a throttling warning
// on the RPCs that call Exa. It passes the optional list resource and
// action RPCs through: tf6server finds them by type assertion (on the
// ListResourceServer and ActionServer methods), which embedding
// ProviderServer alone would hide.
type throttleReporting struct {
	tfprotov6.ProviderServer
}

var (
	_ tfprotov6.ListResourceServer = (*throttleReporting)(nil)
	_ tfprotov6.ActionServer       = (*throttleReporting)(nil)
)

// reported runs one RPC with a fresh throttle tally, and appends the
// warning to its response's diagnostics when the tally is not empty.
func reported[Req, Resp any](ctx context.Context, req Req, rpc func(context.Context, Req) (*Resp, error), diags func(*Resp) *[]*tfprotov6.Diagnostic) (*Resp, error) {
	ctx, tally := exa.WithThrottleTally(ctx)
	resp, err := rpc(ctx, req)
	if resp != nil && tally.Throttles() > 0 {
		d := diags(resp)
		*d = append(*d, throttleWarning(tally))
	}
	return resp, err
}

// throttleWarning says what a tally counted. Every one has the same
// summary, so that Terraform shows the first and counts the others ("and
// 12 more similar warnings elsewhere") instead of one per resource.
func throttleWarning(t *exa.ThrottleTally) *tfprotov6.Diagnostic {
	return &tfprotov6.Diagnostic{
		Severity: tfprotov6.DiagnosticSeverityWarning,
		Summary:  "Exa throttled this run's requests",
		Detail: fmt.Sprintf("Exa answered 429 Too Many Requests %s to this operation's requests, and it waited %s in all before sending them again; nothing failed because of it. "+
			"Other Terraform runs (CI jobs, workspaces, terragrunt run-all) may be sharing this API key: the provider slows down by itself while Exa throttles, and speeds up again after. "+
			"To be throttled less, run fewer at once, or lower requests_per_second in each so that together they stay under the key's limit.",
			exa.Times(t.Throttles()), t.Waited().Round(time.Millisecond)),
	}
}

func (s *throttleReporting) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return reported(ctx, req, s.ProviderServer.ReadResource, func(r *tfprotov6.ReadResourceResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s *throttleReporting) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return reported(ctx, req, s.ProviderServer.PlanResourceChange, func(r *tfprotov6.PlanResourceChangeResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s *throttleReporting) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return reported(ctx, req, s.ProviderServer.ApplyResourceChange, func(r *tfprotov6.ApplyResourceChangeResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s *throttleReporting) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return reported(ctx, req, s.ProviderServer.ImportResourceState, func(r *tfprotov6.ImportResourceStateResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s *throttleReporting) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return reported(ctx, req, s.ProviderServer.ReadDataSource, func(r *tfprotov6.ReadDataSourceResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

func (s *throttleReporting) OpenEphemeralResource(ctx context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return reported(ctx, req, s.ProviderServer.OpenEphemeralResource, func(r *tfprotov6.OpenEphemeralResourceResponse) *[]*tfprotov6.Diagnostic { return &r.Diagnostics })
}

// The list resource and action RPCs, passed through unchanged: their
// answers are streams of events.

func (s *throttleReporting) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return s.ProviderServer.(tfprotov6.ListResourceServer).ValidateListResourceConfig(ctx, req) //nolint:forcetypeassert // the framework's server implements list resources
}

func (s *throttleReporting) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return s.ProviderServer.(tfprotov6.ListResourceServer).ListResource(ctx, req) //nolint:forcetypeassert // as above
}

func (s *throttleReporting) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return s.ProviderServer.(tfprotov6.ActionServer).ValidateActionConfig(ctx, req) //nolint:forcetypeassert // the framework's server implements actions
}

func (s *throttleReporting) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return s.ProviderServer.(tfprotov6.ActionServer).PlanAction(ctx, req) //nolint:forcetypeassert // as above
}

func (s *throttleReporting) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	return s.ProviderServer.(tfprotov6.ActionServer).InvokeAction(ctx, req) //nolint:forcetypeassert // as above
}
