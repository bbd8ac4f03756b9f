package provider

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
	"github.com/exa-community/terraform-provider-exa/internal/listing"
	"github.com/exa-community/terraform-provider-exa/internal/planmodifiers"
	"github.com/exa-community/terraform-provider-exa/internal/resourceidentity"
	"github.com/exa-community/terraform-provider-exa/internal/tfmodel"
)

var (
	_ resource.Resource                = (*importResource)(nil)
	_ resource.ResourceWithIdentity    = (*importResource)(nil)
	_ resource.ResourceWithConfigure   = (*importResource)(nil)
	_ resource.ResourceWithImportState = (*importResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*importResource)(nil)
	_ list.ListResource                = (*importResource)(nil)
	_ list.ListResourceWithConfigure   = (*importResource)(nil)
)

// NewImportResource is the exa_import resource.
func NewImportResource() resource.Resource { return &importResource{resourceBase{typeName: "import"}} }

type importResource struct{ resourceBase }

type importModel struct {
	ID                types.String   `tfsdk:"id"`
	File              types.String   `tfsdk:"file"`
	ContentSHA256     types.String   `tfsdk:"content_sha256"`
	Format            types.String   `tfsdk:"format"`
	Entity            types.Object   `tfsdk:"entity"`
	Title             types.String   `tfsdk:"title"`
	CSV               types.Object   `tfsdk:"csv"`
	Metadata          types.Map      `tfsdk:"metadata"`
	WaitForCompletion types.Bool     `tfsdk:"wait_for_completion"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	Status            types.String   `tfsdk:"status"`
	Size              types.Int64    `tfsdk:"size"`
	Count             types.Int64    `tfsdk:"record_count"`
	UploadValidUntil  types.String   `tfsdk:"upload_valid_until"`
	FailedReason      types.String   `tfsdk:"failed_reason"`
	FailedMessage     types.String   `tfsdk:"failed_message"`
	CreatedAt         types.String   `tfsdk:"created_at"`
	UpdatedAt         types.String   `tfsdk:"updated_at"`
}

// importCSVModel is the csv attribute, read with tfmodel.As.
type importCSVModel struct {
	Identifier types.Int64 `tfsdk:"identifier"`
}

// importSchema is the schema of exa_import: the one place each attribute is defined.
func importSchema(ctx context.Context) schema.Schema {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		MarkdownDescription: "An import: a CSV file of your own (say, CRM accounts) uploaded to Exa, to use in the `scope` or `exclude` of searches and websets. " +
			"The provider reads the file at plan time: its size, record count and SHA-256 show in the plan, and a changed file replaces the import. `title` and `metadata` change in place.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "The import's ID: use it as `{ source = \"import\", id = ... }`.", Computed: true, PlanModifiers: keep},
			"file": schema.StringAttribute{
				MarkdownDescription: "Path to the CSV file, relative to the working directory. Its first row is the header; every other row is a record. Up to 50 MB.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthAtLeast(1)},
			},
			"content_sha256": schema.StringAttribute{
				MarkdownDescription: "SHA-256 of the file, hex-encoded. The provider computes it; set it (for example to `filesha256(\"accounts.csv\")`) to make the plan fail when the file is not the one you expect. A new value replaces the import.",
				Optional:            true,
				Computed:            true,
			},
			"format": schema.StringAttribute{
				MarkdownDescription: "The file format; `csv`, the default, is the only one.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString("csv"),
				Validators:          []validator.String{stringvalidator.OneOf("csv")},
				PlanModifiers:       replace,
			},
			"entity": schema.SingleNestedAttribute{
				MarkdownDescription: "What the records are, as for `exa_webset_search`. Changing it replaces the import.",
				Required:            true,
				Validators:          []validator.Object{entityDescription{}},
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.RequiresReplace()},
				Attributes:          entityAttributes(),
			},
			"title": schema.StringAttribute{
				MarkdownDescription: "A title for the import. Exa gives one when it is left out. Changed in place.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       keep,
			},
			"csv": schema.SingleNestedAttribute{
				MarkdownDescription: "CSV settings. Changing them replaces the import. Exa does not return them, so after `terraform import` a configured `csv` is recorded by an in-place update that calls nothing.",
				Optional:            true,
				PlanModifiers:       []planmodifier.Object{planmodifiers.Replace("Changing the CSV settings replaces the import.", planmodifiers.ChangedSinceKnown, nil)},
				Attributes: map[string]schema.Attribute{
					"identifier": schema.Int64Attribute{
						MarkdownDescription: "Index (from 0) of the column that identifies each entity, such as its URL. Exa infers it when left out.",
						Optional:            true,
						Validators:          []validator.Int64{int64validator.AtLeast(0)},
					},
				},
			},
			"metadata": schema.MapAttribute{
				MarkdownDescription: "Your own key-value pairs, each value up to 1000 characters. Changed in place.",
				Optional:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Map{mapvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtMost(1000))},
			},
			"wait_for_completion": schema.BoolAttribute{
				MarkdownDescription: "Make create wait until Exa has processed the file, within `timeouts.create`. A failed import is then an error that gives Exa's reason. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{
				Create:            true,
				CreateDescription: "How long create may take, upload and waiting included. Defaults to 30 minutes.",
			}),
			"status":             schema.StringAttribute{MarkdownDescription: "`pending`, `processing`, `completed` or `failed`.", Computed: true},
			"size":               schema.Int64Attribute{MarkdownDescription: "Size of the file in bytes, as read at plan time.", Computed: true},
			"record_count":       schema.Int64Attribute{MarkdownDescription: "Number of records (rows after the header): counted in the file at plan time and sent as the API's `count`, then as Exa reports it. Renamed because Terraform reserves `count`.", Computed: true},
			"upload_valid_until": schema.StringAttribute{MarkdownDescription: "Until when the upload URL was valid (RFC 3339).", Computed: true, PlanModifiers: keep},
			"failed_reason":      schema.StringAttribute{MarkdownDescription: "Why the import failed: `invalid_format`, `invalid_file_content` or `missing_identifier`; null unless failed.", Computed: true},
			"failed_message":     schema.StringAttribute{MarkdownDescription: "Exa's explanation of the failure.", Computed: true},
			"created_at":         schema.StringAttribute{MarkdownDescription: "When the import was created (RFC 3339).", Computed: true, PlanModifiers: keep},
			"updated_at":         schema.StringAttribute{MarkdownDescription: "When the import last changed (RFC 3339).", Computed: true},
		},
	}
}

// importCodec reads and writes importModel in plans and states without the
// framework's reflection per call (tfmodel.Codec), as every resource does.
var importCodec = tfmodel.NewCodec[importModel](func(ctx context.Context) attr.Type { return importSchema(ctx).Type() })

func (r *importResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = importSchema(ctx)
}

func (r *importResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = resourceidentity.ByID("import")
}

// ModifyPlan reads the file: its SHA-256, size and record count go into the
// plan, and a new SHA-256 replaces the import.
func (r *importResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, config importModel
	resp.Diagnostics.Append(importCodec.Get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(importCodec.Get(ctx, req.Config.Raw, &config)...)
	if resp.Diagnostics.HasError() || !tfmodel.IsKnown(plan.File) {
		return
	}
	facts, err := readImportFile(plan.File.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("file"), "Cannot read the import file", err.Error())
		return
	}
	if tfmodel.IsKnown(config.ContentSHA256) && !strings.EqualFold(config.ContentSHA256.ValueString(), facts.sha256) {
		resp.Diagnostics.AddAttributeError(path.Root("content_sha256"), "The file is not the expected one",
			fmt.Sprintf("%s has SHA-256 %s, but content_sha256 says %s.", plan.File.ValueString(), facts.sha256, config.ContentSHA256.ValueString()))
		return
	}
	plan.ContentSHA256 = types.StringValue(facts.sha256)
	plan.Size = types.Int64Value(facts.size)
	plan.Count = types.Int64Value(facts.count)
	if !req.State.Raw.IsNull() {
		var state importModel
		resp.Diagnostics.Append(importCodec.Get(ctx, req.State.Raw, &state)...)
		// After an import without a file, the state has no hash to compare.
		if tfmodel.IsKnown(state.ContentSHA256) && state.ContentSHA256.ValueString() != facts.sha256 {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("content_sha256"))
		}
	}
	resp.Diagnostics.Append(importCodec.Set(ctx, &resp.Plan.Raw, plan)...)
}

func (r *importResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan importModel
	resp.Diagnostics.Append(importCodec.Get(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := createDeadline(ctx, plan.Timeouts, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()

	facts, err := readImportFile(plan.File.ValueString())
	if err == nil && facts.sha256 != plan.ContentSHA256.ValueString() {
		err = fmt.Errorf("%s changed since the plan (SHA-256 %s, planned %s): plan again", plan.File.ValueString(), facts.sha256, plan.ContentSHA256.ValueString())
	}
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("file"), "Cannot read the import file", err.Error())
		return
	}
	body := expandImportCreate(ctx, plan, facts.size, facts.count, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	client := r.data.client
	// Only the create answer carries the upload URL: an import that a lost
	// create made is deleted and made again (discardLost).
	started := time.Now()
	im, err := createOnce(ctx, client, "import", fmt.Sprintf("an import of %d bytes (format csv, entity %s) with the same title and metadata", body.Size, body.Entity.Type),
		func(ctx context.Context) (*exa.Import, error) { return client.CreateImport(ctx, body) },
		r.discardLost(body, started))
	if err != nil {
		resp.Diagnostics.AddError("Could not create the Exa import", err.Error())
		if im == nil {
			resp.Diagnostics.Append(recordUnresolved(ctx, err, req.Plan, &resp.State)...)
			return
		}
		// Exa holds this import: in state with the error, it is tainted
		// (and the upload below is skipped: the diagnostics hold an error).
	}
	// In state before the upload: a failed upload taints the import rather
	// than losing it.
	state := flattenImport(im, plan)
	resp.Diagnostics.Append(importCodec.Set(ctx, &resp.State.Raw, state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := client.Upload(ctx, im.UploadURL, facts.data); err != nil {
		resp.Diagnostics.AddError("Created the Exa import, but could not upload its file",
			fmt.Sprintf("%s\n\nThe import %s is kept in state and marked tainted: the next apply replaces it.", err, im.ID))
		return
	}
	id := im.ID
	im, err = r.settle(ctx, id, plan.WaitForCompletion.ValueBool())
	switch {
	case err == nil:
	case im != nil && im.Status == exa.ImportFailed:
		resp.Diagnostics.AddError("Exa could not process the import", err.Error())
	default:
		// The file is uploaded; only the read of its outcome failed (or
		// the wait ran out), as when a search's wait times out: the import
		// is good until Exa says otherwise, so it stays untainted.
		resp.Diagnostics.AddWarning("Uploaded the Exa import, but could not read whether Exa processed it",
			fmt.Sprintf("%s\n\nThe import %s stays in state, not tainted: the next plan reads its status, and replaces it only if Exa says it failed.", err, id))
	}
	if im != nil {
		state = flattenImport(im, state)
		resp.Diagnostics.Append(importCodec.Set(ctx, &resp.State.Raw, state)...)
	}
}

// settle reads the import after the upload and, when asked, polls it until
// it completes or fails; a failure is an error with Exa's reason.
func (r *importResource) settle(ctx context.Context, id string, wait bool) (*exa.Import, error) {
	poll := r.data.poll
	pause := time.Duration(0)
	for {
		im, err := r.data.client.GetImport(ctx, id)
		if err != nil {
			return nil, err
		}
		switch {
		case im.Status == exa.ImportFailed:
			return im, fmt.Errorf("the import %s failed (%s): %s", id, derefOr(im.FailedReason, "no reason given"), derefOr(im.FailedMessage, ""))
		case !wait || im.Status == exa.ImportCompleted:
			return im, nil
		}
		pause = poll.next(nil, pause)
		if err := poll.sleep(ctx, pause); err != nil {
			return im, fmt.Errorf("the import %s is still %s: %w", id, im.Status, err)
		}
	}
}

// expandImportCreate is the create body of an import model, for a file of
// size bytes and count records.
func expandImportCreate(ctx context.Context, m importModel, size, count int64, diags *diag.Diagnostics) *exa.CreateImportRequest {
	body := &exa.CreateImportRequest{
		Size: size, Count: count, Format: m.Format.ValueString(),
		Title:    m.Title.ValueStringPointer(),
		Metadata: tfmodel.StringMap(m.Metadata),
	}
	if e := expandEntity(m.Entity); e != nil {
		body.Entity = *e
	}
	if csv, ok := tfmodel.As[importCSVModel](m.CSV); ok && tfmodel.IsKnown(csv.Identifier) {
		body.CSV = &exa.ImportCSV{Identifier: csv.Identifier.ValueInt64Pointer()}
	}
	return body
}

// discardLost looks for the import that a create of body, sent at since,
// may have made, and deletes it: only the create answer carries the upload
// URL (see discardLost).
func (r *importResource) discardLost(body *exa.CreateImportRequest, since time.Time) func(context.Context) (*exa.Import, error) {
	client := r.data.client
	return discardLost("import",
		func(ctx context.Context) (*exa.Import, error) { return client.FindImport(ctx, body, since) },
		func(im *exa.Import) string { return im.ID }, client.DeleteImport)
}

func (r *importResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state importModel
	resp.Diagnostics.Append(importCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if resolvePending(ctx, "import", state.ID.ValueString(), resp,
		func(since time.Time) (*exa.Import, error) {
			var diags diag.Diagnostics
			body := expandImportCreate(ctx, state, state.Size.ValueInt64(), state.Count.ValueInt64(), &diags)
			if diags.HasError() {
				return nil, fmt.Errorf("the placeholder's entity and csv do not read: %v", diags)
			}
			return r.discardLost(body, since)(ctx)
		},
		func(found *exa.Import) diag.Diagnostics {
			newState := flattenImport(found, state)
			return importCodec.Set(ctx, &resp.State.Raw, newState)
		}) {
		return
	}
	im, err := r.data.client.GetImport(ctx, state.ID.ValueString())
	if !readOK(ctx, resp, err, "import", state.ID.ValueString()) {
		return
	}
	newState := flattenImport(im, state)
	resp.Diagnostics.Append(importCodec.Set(ctx, &resp.State.Raw, newState)...)
}

// Update PATCHes title and metadata when they changed; a new file path with
// the same content, or new waiting settings, only change state.
func (r *importResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer resourceidentity.Sync(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, state importModel
	resp.Diagnostics.Append(importCodec.Get(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(importCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	next := plan
	if !plan.Title.Equal(state.Title) || !tfmodel.SameStringMap(plan.Metadata, state.Metadata) {
		body := &exa.UpdateImportRequest{Title: plan.Title.ValueStringPointer(), Metadata: updatedMetadata(plan.Metadata)}
		im, err := r.data.client.UpdateImport(ctx, state.ID.ValueString(), body)
		if err != nil {
			resp.Diagnostics.AddError("Could not update the Exa import", err.Error())
			return
		}
		next = flattenImport(im, plan)
	} else {
		next.Status, next.UpdatedAt, next.FailedReason, next.FailedMessage = state.Status, state.UpdatedAt, state.FailedReason, state.FailedMessage
	}
	resp.Diagnostics.Append(importCodec.Set(ctx, &resp.State.Raw, next)...)
}

func (r *importResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state importModel
	resp.Diagnostics.Append(importCodec.Get(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if pendingDelete("import", state.ID.ValueString(), resp) {
		return
	}
	deleteOK(resp, r.data.client.DeleteImport(ctx, state.ID.ValueString()), "import")
}

// ImportState takes "<import_id>" or "<import_id>,<file>": with the file,
// its hash, size and count go into state, and the next plan is empty.
func (r *importResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if resourceidentity.Imported(ctx, req, resp, "id") {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("wait_for_completion"), false)...)
		return
	}
	id, file, withFile := strings.Cut(req.ID, ",")
	if id == "" || strings.ContainsAny(id, " /") || (withFile && file == "") {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("expected <import_id> or <import_id>,<path to the CSV file>, such as import_01abc,accounts.csv; got %q", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("wait_for_completion"), false)...)
	if !withFile {
		return
	}
	facts, err := readImportFile(file)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the import file", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("file"), file)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("content_sha256"), facts.sha256)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("size"), facts.size)...)
}

func (r *importResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{MarkdownDescription: "Lists every import of the account, for `terraform query`. Exa does not keep the file: configuration generated for an import has no `file`, which you add before you apply."}
}

// List lists every import of the account.
func (r *importResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	all, err := r.data.client.ListImportsUpTo(ctx, listing.Limit(req))
	stream.Results = listing.Results(ctx, req, listing.Of(all, func(im *exa.Import) listing.Object {
		return listing.Object{
			Identity: map[string]string{"id": im.ID},
			Display:  fmt.Sprintf("%s (%s, %d records)", derefOr(im.Title, im.ID), im.Status, roundInt(im.Count)),
			State: func() (any, diag.Diagnostics) {
				return flattenImport(im, importModel{WaitForCompletion: types.BoolValue(false), Timeouts: nullTimeouts(timeouts.Opts{Create: true})}), nil
			},
		}
	}), err, "import")
}

// importFile is what the provider knows of an import's file.
type importFile struct {
	data   []byte
	sha256 string
	size   int64
	count  int64 // records: rows after the header
}

func readImportFile(name string) (*importFile, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 || len(data) > 50_000_000 {
		return nil, fmt.Errorf("%s is %d bytes; an import file holds 1 byte to 50 MB", name, len(data))
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s is not valid CSV: %w", name, err)
	}
	sum := sha256.Sum256(data)
	return &importFile{data: data, sha256: hex.EncodeToString(sum[:]), size: int64(len(data)), count: int64(max(0, len(rows)-1))}, nil
}

// flattenImport turns Exa's answer into state. The file's facts (hash,
// size) and the upload deadline, which reads do not return, come from prior.
func flattenImport(im *exa.Import, prior importModel) importModel {
	m := prior
	m.ID = types.StringValue(im.ID)
	m.Status = types.StringValue(im.Status)
	if im.Format != "" {
		m.Format = types.StringValue(im.Format)
	}
	m.Title = tfmodel.StringOrNull(im.Title)
	m.Count = types.Int64Value(roundInt(im.Count))
	m.FailedReason = tfmodel.StringOrNull(im.FailedReason)
	m.FailedMessage = tfmodel.StringOrNull(im.FailedMessage)
	m.CreatedAt = tfmodel.StringOrNull(&im.CreatedAt)
	m.UpdatedAt = tfmodel.StringOrNull(&im.UpdatedAt)
	if im.UploadValidUntil != "" {
		m.UploadValidUntil = types.StringValue(im.UploadValidUntil)
	} else if !tfmodel.IsKnown(prior.UploadValidUntil) {
		m.UploadValidUntil = types.StringNull()
	}
	for _, v := range []*types.String{&m.ContentSHA256, &m.File} {
		if v.IsUnknown() {
			*v = types.StringNull()
		}
	}
	if m.Size.IsUnknown() {
		m.Size = types.Int64Null()
	}
	if !tfmodel.IsKnown(prior.WaitForCompletion) {
		m.WaitForCompletion = types.BoolValue(false)
	}
	m.Entity = flattenEntity(im.Entity)
	if !tfmodel.IsKnown(prior.CSV) {
		m.CSV = tfmodel.NullObject[importCSVModel]()
	}
	m.Metadata = tfmodel.StringMapOrNull(im.Metadata, prior.Metadata)
	return m
}
