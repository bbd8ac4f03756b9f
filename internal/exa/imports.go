package exa

import (
	"context"
	"net/http"
	"net/url"
)

// Import statuses.
const (
	ImportPending    = "pending"
	ImportProcessing = "processing"
	ImportCompleted  = "completed"
	ImportFailed     = "failed"
)

// ImportCSV are the CSV-specific import parameters.
type ImportCSV struct {
	Identifier *int64 `json:"identifier,omitempty"`
}

// CreateImportRequest is the body of POST /v0/imports.
type CreateImportRequest struct {
	Size     int64             `json:"size"`
	Count    int64             `json:"count"`
	Title    *string           `json:"title,omitempty"`
	Format   string            `json:"format"`
	Metadata map[string]string `json:"metadata,omitempty"`
	Entity   Entity            `json:"entity"`
	CSV      *ImportCSV        `json:"csv,omitempty"`
}

// UpdateImportRequest is the body of PATCH /v0/imports/{id}.
type UpdateImportRequest struct {
	Title    *string           `json:"title,omitempty"`
	Metadata map[string]string `json:"metadata"`
}

// Import is an Import; the create answer adds the upload URL.
type Import struct {
	ID               string            `json:"id"`
	Status           string            `json:"status"`
	Format           string            `json:"format"`
	Entity           *Entity           `json:"entity"`
	Title            *string           `json:"title"`
	Count            float64           `json:"count"`
	Metadata         map[string]string `json:"metadata"`
	FailedReason     *string           `json:"failedReason"`
	FailedAt         *string           `json:"failedAt"`
	FailedMessage    *string           `json:"failedMessage"`
	CreatedAt        string            `json:"createdAt"`
	UpdatedAt        string            `json:"updatedAt"`
	UploadURL        string            `json:"uploadUrl,omitempty"`
	UploadValidUntil string            `json:"uploadValidUntil,omitempty"`
}

func importPath(id string) string { return "/v0/imports/" + escape(id) }

// CreateImport declares an import; its answer says where to upload the file.
func (c *Client) CreateImport(ctx context.Context, in *CreateImportRequest) (*Import, error) {
	return object[Import](ctx, c, create, "POST", "/v0/imports", in)
}

// GetImport reads an import.
func (c *Client) GetImport(ctx context.Context, id string) (*Import, error) {
	return object[Import](ctx, c, idempotent, "GET", importPath(id), nil)
}

// UpdateImport changes an import's title and metadata.
func (c *Client) UpdateImport(ctx context.Context, id string, in *UpdateImportRequest) (*Import, error) {
	return object[Import](ctx, c, idempotent, "PATCH", importPath(id), in)
}

// DeleteImport deletes an import.
func (c *Client) DeleteImport(ctx context.Context, id string) error {
	return c.do(ctx, idempotent, "DELETE", importPath(id), nil, nil)
}

// Upload sends an import's file to the upload URL of its create answer. The
// URL is pre-signed: it gets no API key, and it must be https (or loopback,
// for the mock). A PUT of the same bytes is safe to repeat, so it is retried
// like a read, with the same per-attempt timeout and answer cap as every
// other call.
func (c *Client) Upload(ctx context.Context, uploadURL string, data []byte) error {
	if err := checkUploadURL(uploadURL); err != nil {
		return err
	}
	_, err := c.send(ctx, call{
		kind: idempotent, method: http.MethodPut, url: uploadURL, label: "(upload URL)",
		body: data, contentType: "text/csv",
	})
	return err
}

// ListImports lists every import, following the cursor to the end, in the
// API's order. The list carries no upload URL.
func (c *Client) ListImports(ctx context.Context) ([]Import, error) { return c.ListImportsUpTo(ctx, 0) }

// ListImportsUpTo is ListImports that stops once it has max imports (max ≤
// 0: every one), asking for no more than it still wants.
func (c *Client) ListImportsUpTo(ctx context.Context, max int) ([]Import, error) {
	return listAll[Import](ctx, c, "/v0/imports", url.Values{}, adoptPageSize, max)
}
