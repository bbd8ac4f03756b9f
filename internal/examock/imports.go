package examock

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// maxImportSize is the spec's limit for an import file: 50 MB.
const maxImportSize = 50_000_000

// importJSON is an Import; the create answer adds the upload fields.
type importJSON struct {
	ID               string            `json:"id"`
	Object           string            `json:"object"`
	Status           string            `json:"status"`
	Format           string            `json:"format"`
	Entity           *entityJSON       `json:"entity"`
	Title            string            `json:"title"`
	Count            float64           `json:"count"`
	Metadata         map[string]string `json:"metadata"`
	FailedReason     *string           `json:"failedReason"`
	FailedAt         *time.Time        `json:"failedAt"`
	FailedMessage    *string           `json:"failedMessage"`
	CreatedAt        time.Time         `json:"createdAt"`
	UpdatedAt        time.Time         `json:"updatedAt"`
	UploadURL        *string           `json:"uploadUrl,omitempty"`
	UploadValidUntil *time.Time        `json:"uploadValidUntil,omitempty"`
}

type importRecord struct {
	importJSON
	size       int64
	identifier *int
	uploaded   bool
	gone       bool
	// records are the uploaded CSV's rows, header excluded.
	records [][]string
	// attachedTo are the websets created with this import. Its records are
	// their staging pool: per the spec they do not become webset items;
	// a search scoped to the import draws its items from them.
	attachedTo []string
}

type importBody struct {
	Size     *float64          `json:"size"`
	Count    *float64          `json:"count"`
	Title    *string           `json:"title"`
	Format   *string           `json:"format"`
	Metadata map[string]string `json:"metadata"`
	Entity   *entityJSON       `json:"entity"`
	CSV      *struct {
		Identifier *int `json:"identifier"`
	} `json:"csv"`
}

func (s *Server) importRoutes(route func(string, http.HandlerFunc), p string) {
	route("POST "+p+"/imports", s.createImport)
	route("GET "+p+"/imports", s.listImports)
	route("GET "+p+"/imports/{id}", s.getImport)
	route("PATCH "+p+"/imports/{id}", s.updateImport)
	route("DELETE "+p+"/imports/{id}", s.deleteImport)
	// The pre-signed upload URL: outside the API, so no API key.
	route("PUT /_mock/uploads/{id}", s.upload)
}

func (s *Server) createImport(w http.ResponseWriter, r *http.Request) {
	var in importBody
	if err := s.decodeStrict(r, &in); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	switch {
	case in.Size == nil || in.Count == nil || in.Format == nil || in.Entity == nil:
		writeError(w, http.StatusBadRequest, "size, count, format and entity are required")
		return
	case *in.Format != "csv":
		writeError(w, http.StatusBadRequest, fmt.Sprintf("format must be csv, not %q", *in.Format))
		return
	case *in.Size < 1 || *in.Size > maxImportSize:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("size must be from 1 to %d bytes", maxImportSize))
		return
	case *in.Count < 0:
		writeError(w, http.StatusBadRequest, "count must not be negative")
		return
	case in.CSV != nil && in.CSV.Identifier != nil && *in.CSV.Identifier < 0:
		writeError(w, http.StatusBadRequest, "csv.identifier must not be negative")
		return
	}
	if err := validateEntity(in.Entity); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := validateMetadata(in.Metadata); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	now := s.now()
	im := &importRecord{importJSON: importJSON{
		ID: s.nextID("import"), Object: "import", Status: "pending", Format: "csv", Entity: in.Entity,
		Title: "Import", Count: *in.Count, Metadata: copyMap(in.Metadata), CreatedAt: now, UpdatedAt: now,
	}, size: int64(*in.Size)}
	if in.Title != nil {
		im.Title = *in.Title
	}
	if in.CSV != nil {
		im.identifier = in.CSV.Identifier
	}
	s.imports[im.ID] = im
	s.importIDs = append(s.importIDs, im.ID)
	s.emit("import.created", im.importJSON)
	out := im.importJSON
	url := "http://" + r.Host + "/_mock/uploads/" + im.ID
	until := now.Add(time.Hour)
	out.UploadURL, out.UploadValidUntil = &url, &until
	writeJSON(w, http.StatusCreated, out)
}

// upload receives the file: its size must be the declared one. The CSV is
// then checked (row count, identifier column) and the import completes, or
// fails with the spec's reason.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	data, _ := io.ReadAll(r.Body)
	im := s.imports[r.PathValue("id")]
	if im == nil || im.gone {
		writeError(w, http.StatusNotFound, "no such upload")
		return
	}
	if im.uploaded {
		// An upload URL is for one file: the import it made has been
		// processed, and a second file would not be.
		writeError(w, http.StatusConflict, "this import's file has been uploaded already")
		return
	}
	if int64(len(data)) != im.size {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("uploaded %d bytes, but the import declared %d", len(data), im.size))
		return
	}
	im.uploaded = true
	im.Status = "completed"
	im.UpdatedAt = s.now()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	switch {
	case err != nil:
		s.failImport(im, "invalid_format", "the file is not valid CSV: "+err.Error())
	case len(rows)-1 != int(im.Count):
		s.failImport(im, "invalid_file_content", fmt.Sprintf("the file has %d records, but the import declared %d", max(0, len(rows)-1), int(im.Count)))
	case im.identifier != nil && len(rows) > 0 && *im.identifier >= len(rows[0]):
		s.failImport(im, "missing_identifier", fmt.Sprintf("there is no column %d", *im.identifier))
	case len(rows) > 1 && !slices.ContainsFunc(rows[1:], func(row []string) bool { _, ok := recordURL(row, im.identifierColumn()); return ok }):
		// The spec: "we expect a column containing the key identifier for
		// the entity - for now URL. If not provided, import will fail to
		// be processed." A column that holds no URL provides none.
		s.failImport(im, "missing_identifier", fmt.Sprintf("column %d holds no URL", im.identifierColumn()))
	default:
		im.records = rows[1:]
		s.emit("import.completed", im.importJSON)
	}
	w.WriteHeader(http.StatusOK)
}

// identifierColumn is the CSV column that holds each record's URL: the
// one csv.identifier names, or the first.
func (im *importRecord) identifierColumn() int {
	if im.identifier != nil {
		return *im.identifier
	}
	return 0
}

// recordURL is the URL a record holds in column col: an http or https URL,
// or a bare domain (with a path or not), which is read as https. A record
// without one provides no entity: a search scoped to the import skips it.
func recordURL(row []string, col int) (string, bool) {
	if col >= len(row) {
		return "", false
	}
	v := strings.TrimSpace(row[col])
	if !strings.Contains(v, "://") {
		v = "https://" + v
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.Contains(u.Host, ".") || strings.ContainsAny(u.Host, " ,") {
		return "", false
	}
	return u.String(), true
}

func (s *Server) failImport(im *importRecord, reason, msg string) {
	now := s.now()
	im.Status, im.FailedReason, im.FailedMessage, im.FailedAt = "failed", &reason, &msg, &now
}

func (s *Server) lookupImport(w http.ResponseWriter, r *http.Request) *importRecord {
	rec, _ := lookup(w, r, s.imports, "import")
	return rec
}

func (s *Server) getImport(w http.ResponseWriter, r *http.Request) {
	if im := s.lookupImport(w, r); im != nil {
		writeJSON(w, http.StatusOK, im.importJSON)
	}
}

// listImports is imports-list: oldest first. Like imports-get, it carries
// no upload URL (only the create answer does).
func (s *Server) listImports(w http.ResponseWriter, r *http.Request) {
	list := []importJSON{}
	for _, id := range s.importIDs {
		if im := s.imports[id]; !im.gone {
			list = append(list, im.importJSON)
		}
	}
	writePage(w, r, list, 25, 200)
}

func (s *Server) updateImport(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Title    *string           `json:"title"`
		Metadata map[string]string `json:"metadata"`
	}
	if !s.decodeValid(w, r, &in, func() error { return validateMetadata(in.Metadata) }) {
		return
	}
	im := s.lookupImport(w, r)
	if im == nil {
		return
	}
	if in.Title != nil {
		im.Title = *in.Title
	}
	if in.Metadata != nil {
		im.Metadata = copyMap(in.Metadata)
	}
	im.UpdatedAt = s.now()
	writeJSON(w, http.StatusOK, im.importJSON)
}

func (s *Server) deleteImport(w http.ResponseWriter, r *http.Request) {
	if im := s.lookupImport(w, r); im != nil {
		im.gone = true
		writeJSON(w, http.StatusOK, im.importJSON)
	}
}

// ImportIDs lists the imports that exist, in creation order.
func (s *Server) ImportIDs() []string { return liveIDs(s, s.importIDs, s.imports) }

// DeleteImport deletes an import out of band.
func (s *Server) DeleteImport(id string) error { return deleteOutOfBand(s, s.imports, "import", id) }
