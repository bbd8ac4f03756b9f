package examock

import (
	"fmt"
	"net/http"
	"slices"
	"time"
)

var enrichmentFormats = []string{"text", "date", "number", "options", "email", "phone", "url"}

type optionJSON struct {
	Label string `json:"label"`
}

// enrichmentJSON is a WebsetEnrichment.
type enrichmentJSON struct {
	ID           string            `json:"id"`
	Object       string            `json:"object"`
	Status       string            `json:"status"`
	WebsetID     string            `json:"websetId"`
	Title        *string           `json:"title"`
	Description  string            `json:"description"`
	Format       *string           `json:"format"`
	Options      []optionJSON      `json:"options"`
	Instructions *string           `json:"instructions"`
	Metadata     map[string]string `json:"metadata"`
	CreatedAt    time.Time         `json:"createdAt"`
	UpdatedAt    time.Time         `json:"updatedAt"`
}

type enrichment struct {
	enrichmentJSON
	lifecycle Lifecycle
	reads     int
	gone      bool
}

// enrichmentBody is CreateEnrichmentParameters and, with full false,
// UpdateEnrichmentParameters.
type enrichmentBody struct {
	Description *string           `json:"description"`
	Format      *string           `json:"format"`
	Options     []optionJSON      `json:"options"`
	Metadata    map[string]string `json:"metadata"`
}

func (s *Server) enrichmentRoutes(route func(string, http.HandlerFunc), p string) {
	route("POST "+p+"/websets/{webset}/enrichments", s.createEnrichment)
	route("GET "+p+"/websets/{webset}/enrichments/{id}", s.getEnrichment)
	route("PATCH "+p+"/websets/{webset}/enrichments/{id}", s.updateEnrichment)
	route("DELETE "+p+"/websets/{webset}/enrichments/{id}", s.deleteEnrichment)
	route("POST "+p+"/websets/{webset}/enrichments/{id}/cancel", s.cancelEnrichment)
}

func validateEnrichment(in *enrichmentBody, full bool) error {
	if in.Description == nil && full {
		return fmt.Errorf("description is required")
	}
	if in.Description != nil {
		if err := checkLen("description", *in.Description, 1, 5000); err != nil {
			return err
		}
	}
	if in.Format != nil && !slices.Contains(enrichmentFormats, *in.Format) {
		return fmt.Errorf("format %q is not one of %v", *in.Format, enrichmentFormats)
	}
	if in.Options != nil && (len(in.Options) < 1 || len(in.Options) > 150) {
		return fmt.Errorf("options must hold 1 to 150 labels")
	}
	if in.Format != nil && *in.Format == "options" && len(in.Options) == 0 && full {
		return fmt.Errorf("options are required when format is options")
	}
	if len(in.Options) > 0 && (in.Format == nil || *in.Format != "options") {
		return fmt.Errorf("options are allowed only with format options")
	}
	return validateMetadata(in.Metadata)
}

func (s *Server) createEnrichment(w http.ResponseWriter, r *http.Request) {
	createInWebset(s, w, r, func(in *enrichmentBody) error { return validateEnrichment(in, true) },
		func(in *enrichmentBody) map[string]string { return in.Metadata },
		func(ws *webset, in *enrichmentBody, lc *Lifecycle) any {
			return s.addEnrichment(ws, in, lc).enrichmentJSON
		})
}

// addEnrichment adds an enrichment to a webset. The caller holds mu, and
// has validated in.
func (s *Server) addEnrichment(ws *webset, in *enrichmentBody, lc *Lifecycle) *enrichment {
	now := s.now()
	e := &enrichment{enrichmentJSON: enrichmentJSON{
		ID: s.nextID("enrichment"), Object: "webset_enrichment", Status: "pending", WebsetID: ws.ID,
		Description: *in.Description, Format: in.Format, Options: in.Options,
		Metadata: copyMap(in.Metadata), CreatedAt: now, UpdatedAt: now,
	}, lifecycle: s.opts.Lifecycle}
	if lc != nil {
		e.lifecycle = *lc
	}
	s.describe(e)
	s.enrichments[e.ID] = e
	ws.enrichmentIDs = append(ws.enrichmentIDs, e.ID)
	ws.busy = true
	if e.lifecycle.Immediate {
		s.completeEnrichment(e)
	}
	return e
}

// completeEnrichment finishes a pending enrichment: every item of its
// webset now holds its result, and each says so with one
// webset.item.enriched event. The caller holds mu.
func (s *Server) completeEnrichment(e *enrichment) {
	e.Status = "completed"
	e.UpdatedAt = s.now()
	ws := s.websets[e.WebsetID]
	for _, it := range s.items[ws.ID] {
		s.emit("webset.item.enriched", s.withEnrichments(ws, it))
	}
	s.settle(ws)
}

// describe fills what Exa derives from the description: the format when
// none was given, a title and the agent's instructions.
func (s *Server) describe(e *enrichment) {
	if e.Format == nil {
		f := "text"
		e.Format = &f
	}
	title := truncate(e.Description, 60)
	instructions := fmt.Sprintf("Find, for each item, %s Answer as %s.", e.Description, *e.Format)
	e.Title, e.Instructions = &title, &instructions
}

// lookupEnrichment finds the enrichment a path names, in the webset it
// names, or answers 404.
func (s *Server) lookupEnrichment(w http.ResponseWriter, r *http.Request) *enrichment {
	e, _ := lookupInWebset(s, w, r, s.enrichments, "enrichment")
	return e
}

func (s *Server) getEnrichment(w http.ResponseWriter, r *http.Request) {
	if e := s.lookupEnrichment(w, r); e != nil {
		s.observeEnrichment(e)
		writeJSON(w, http.StatusOK, e.enrichmentJSON)
	}
}

// updateEnrichment answers 200 with no body, as the spec documents it.
func (s *Server) updateEnrichment(w http.ResponseWriter, r *http.Request) {
	var in enrichmentBody
	if err := s.decodeStrict(r, &in); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	e := s.lookupEnrichment(w, r)
	if e == nil {
		return
	}
	merged := enrichmentBody{Description: &e.Description, Format: e.Format, Options: e.Options, Metadata: in.Metadata}
	if in.Description != nil {
		merged.Description = in.Description
	}
	if in.Format != nil {
		merged.Format, merged.Options = in.Format, in.Options
	}
	if err := validateEnrichment(&merged, true); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	e.Description, e.Format, e.Options = *merged.Description, merged.Format, merged.Options
	if in.Metadata != nil {
		e.Metadata = copyMap(in.Metadata)
	}
	s.describe(e)
	e.UpdatedAt = s.now()
	w.WriteHeader(http.StatusOK)
}

func (s *Server) deleteEnrichment(w http.ResponseWriter, r *http.Request) {
	if e := s.lookupEnrichment(w, r); e != nil {
		e.gone = true
		writeJSON(w, http.StatusOK, e.enrichmentJSON)
	}
}

// cancelEnrichment stops a pending enrichment; like a search's, a finished
// one is answered unchanged (the spec does not say).
func (s *Server) cancelEnrichment(w http.ResponseWriter, r *http.Request) {
	if e := s.lookupEnrichment(w, r); e != nil {
		s.stopEnrichment(e)
		writeJSON(w, http.StatusOK, e.enrichmentJSON)
	}
}

// stopEnrichment cancels an enrichment that is still pending; a finished
// one is left as it is. The caller holds mu.
func (s *Server) stopEnrichment(e *enrichment) {
	if e.Status == "pending" {
		e.Status = "canceled"
		e.UpdatedAt = s.now()
		s.settle(s.websets[e.WebsetID])
	}
}

// EnrichmentStatus returns an enrichment's status, or "" when there is none.
func (s *Server) EnrichmentStatus(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.enrichments[id]; e != nil && !e.gone {
		return e.Status
	}
	return ""
}

// DeleteEnrichment deletes an enrichment out of band.
func (s *Server) DeleteEnrichment(id string) error {
	return deleteOutOfBand(s, s.enrichments, "enrichment", id)
}
