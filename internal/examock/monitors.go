package examock

import (
	"cmp"
	"fmt"
	"net/http"
	"time"

	"github.com/exa-community/terraform-provider-exa/internal/cron"
)

type cadenceJSON struct {
	Cron     string `json:"cron"`
	Timezone string `json:"timezone"`
}

type monitorConfigJSON struct {
	Query    *string `json:"query,omitempty"`
	Criteria []struct {
		Description string `json:"description"`
	} `json:"criteria,omitempty"`
	Entity   *entityJSON `json:"entity,omitempty"`
	Count    *float64    `json:"count"`
	Behavior string      `json:"behavior"`
}

type monitorBehaviorJSON struct {
	Type   string            `json:"type"`
	Config monitorConfigJSON `json:"config"`
}

// runJSON is a MonitorRun.
type runJSON struct {
	ID           string     `json:"id"`
	Object       string     `json:"object"`
	Status       string     `json:"status"`
	MonitorID    string     `json:"monitorId"`
	Type         string     `json:"type"`
	CompletedAt  *time.Time `json:"completedAt"`
	FailedAt     *time.Time `json:"failedAt"`
	FailedReason *string    `json:"failedReason"`
	CanceledAt   *time.Time `json:"canceledAt"`
	CreatedAt    time.Time  `json:"createdAt"`
	UpdatedAt    time.Time  `json:"updatedAt"`
}

// monitorJSON is a Monitor.
type monitorJSON struct {
	ID        string              `json:"id"`
	Object    string              `json:"object"`
	Status    string              `json:"status"`
	WebsetID  string              `json:"websetId"`
	Cadence   cadenceJSON         `json:"cadence"`
	Behavior  monitorBehaviorJSON `json:"behavior"`
	LastRun   *runJSON            `json:"lastRun"`
	NextRunAt *time.Time          `json:"nextRunAt"`
	Metadata  map[string]string   `json:"metadata"`
	CreatedAt time.Time           `json:"createdAt"`
	UpdatedAt time.Time           `json:"updatedAt"`
}

type monitor struct {
	monitorJSON
	runs []runJSON // newest first
	gone bool
}

type monitorBody struct {
	WebsetID *string              `json:"websetId"`
	Status   *string              `json:"status"`
	Cadence  *cadenceJSON         `json:"cadence"`
	Behavior *monitorBehaviorJSON `json:"behavior"`
	Metadata map[string]string    `json:"metadata"`
}

func (s *Server) monitorRoutes(route func(string, http.HandlerFunc), p string) {
	route("POST "+p+"/monitors", s.createMonitor)
	route("GET "+p+"/monitors", s.listMonitors)
	route("GET "+p+"/monitors/{id}", s.getMonitor)
	route("PATCH "+p+"/monitors/{id}", s.updateMonitor)
	route("DELETE "+p+"/monitors/{id}", s.deleteMonitor)
	route("GET "+p+"/monitors/{id}/runs", s.listRuns)
	route("GET "+p+"/monitors/{id}/runs/{run}", s.getRun)
}

// getRun is monitors-runs-get.
func (s *Server) getRun(w http.ResponseWriter, r *http.Request) {
	mo := s.lookupMonitor(w, r)
	if mo == nil {
		return
	}
	for _, run := range mo.runs {
		if run.ID == r.PathValue("run") {
			writeJSON(w, http.StatusOK, run)
			return
		}
	}
	writeError(w, http.StatusNotFound, "monitor run not found")
}

func validateMonitor(in *monitorBody, full bool) error {
	if full && (in.WebsetID == nil || in.Cadence == nil || in.Behavior == nil) {
		return fmt.Errorf("websetId, cadence and behavior are required")
	}
	if !full && in.WebsetID != nil {
		return fmt.Errorf("websetId cannot be changed")
	}
	if in.Status != nil && *in.Status != "enabled" && *in.Status != "disabled" {
		return fmt.Errorf("status must be enabled or disabled")
	}
	if c := in.Cadence; c != nil {
		if c.Timezone == "" {
			c.Timezone = "Etc/UTC"
		}
		if err := cron.ValidateDaily(c.Cron); err != nil {
			return fmt.Errorf("cadence.cron: %w", err)
		}
		if err := cron.ValidateTimezone(c.Timezone); err != nil {
			return fmt.Errorf("cadence.timezone: %w", err)
		}
	}
	if b := in.Behavior; b != nil {
		if b.Type != "search" {
			return fmt.Errorf("behavior.type must be search")
		}
		cfg := &b.Config
		if cfg.Count == nil || *cfg.Count <= 0 {
			return fmt.Errorf("behavior.config.count must be above 0")
		}
		if cfg.Query != nil {
			if err := checkLen("behavior.config.query", *cfg.Query, 2, 10000); err != nil {
				return err
			}
		}
		if len(cfg.Criteria) > 5 {
			return fmt.Errorf("behavior.config.criteria holds at most 5 items")
		}
		for i, c := range cfg.Criteria {
			if err := checkLen(fmt.Sprintf("behavior.config.criteria[%d].description", i), c.Description, 2, 1000); err != nil {
				return err
			}
		}
		if cfg.Entity != nil {
			if err := validateEntity(cfg.Entity); err != nil {
				return err
			}
		}
		if cfg.Behavior == "" {
			cfg.Behavior = "append"
		}
		if cfg.Behavior != "append" && cfg.Behavior != "override" {
			return fmt.Errorf("behavior.config.behavior must be override or append")
		}
	}
	return validateMetadata(in.Metadata)
}

func (s *Server) createMonitor(w http.ResponseWriter, r *http.Request) {
	var in monitorBody
	if err := s.decodeStrict(r, &in); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if in.Status != nil {
		writeError(w, http.StatusBadRequest, "invalid request body: unknown field \"status\"")
		return
	}
	if err := validateMonitor(&in, true); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	ws := s.lookupWebset(*in.WebsetID)
	if ws == nil {
		writeError(w, http.StatusNotFound, "webset not found")
		return
	}
	now := s.now()
	mo := &monitor{monitorJSON: monitorJSON{
		ID: s.nextID("monitor"), Object: "monitor", Status: "enabled", WebsetID: ws.ID,
		Cadence: *in.Cadence, Behavior: *in.Behavior, Metadata: copyMap(in.Metadata),
		CreatedAt: now, UpdatedAt: now,
	}}
	s.schedule(mo)
	s.monitors[mo.ID] = mo
	s.monitorIDs = append(s.monitorIDs, mo.ID)
	s.emit("monitor.created", mo.monitorJSON)
	writeJSON(w, http.StatusCreated, mo.monitorJSON)
}

// schedule sets nextRunAt: null while disabled. The caller holds mu.
func (s *Server) schedule(mo *monitor) {
	mo.NextRunAt = nil
	if mo.Status != "enabled" {
		return
	}
	if next, err := cron.NextDaily(mo.Cadence.Cron, mo.Cadence.Timezone, s.now()); err == nil {
		mo.NextRunAt = &next
	}
}

func (s *Server) lookupMonitor(w http.ResponseWriter, r *http.Request) *monitor {
	rec, _ := lookup(w, r, s.monitors, "monitor")
	return rec
}

func (s *Server) getMonitor(w http.ResponseWriter, r *http.Request) {
	if mo := s.lookupMonitor(w, r); mo != nil {
		writeJSON(w, http.StatusOK, mo.monitorJSON)
	}
}

func (s *Server) listMonitors(w http.ResponseWriter, r *http.Request) {
	var list []monitorJSON
	for _, id := range s.monitorIDs {
		mo := s.monitors[id]
		if ws := r.URL.Query().Get("websetId"); !mo.gone && (ws == "" || mo.WebsetID == ws) {
			list = append(list, mo.monitorJSON)
		}
	}
	writePage(w, r, list, 25, 200)
}

func (s *Server) updateMonitor(w http.ResponseWriter, r *http.Request) {
	var in monitorBody
	if !s.decodeValid(w, r, &in, func() error { return validateMonitor(&in, false) }) {
		return
	}
	mo := s.lookupMonitor(w, r)
	if mo == nil {
		return
	}
	if in.Status != nil {
		mo.Status = *in.Status
	}
	if in.Cadence != nil {
		mo.Cadence = *in.Cadence
	}
	if in.Behavior != nil {
		mo.Behavior = *in.Behavior
	}
	if in.Metadata != nil {
		mo.Metadata = copyMap(in.Metadata)
	}
	mo.UpdatedAt = s.now()
	s.schedule(mo)
	s.emit("monitor.updated", mo.monitorJSON)
	writeJSON(w, http.StatusOK, mo.monitorJSON)
}

func (s *Server) deleteMonitor(w http.ResponseWriter, r *http.Request) {
	if mo := s.lookupMonitor(w, r); mo != nil {
		mo.gone = true
		s.emit("monitor.deleted", mo.monitorJSON)
		writeJSON(w, http.StatusOK, mo.monitorJSON)
	}
}

func (s *Server) listRuns(w http.ResponseWriter, r *http.Request) {
	mo := s.lookupMonitor(w, r)
	if mo == nil {
		return
	}
	start, err := cursorIndex(r, len(mo.runs))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, page(mo.runs, start, 25))
}

// RunMonitor runs a monitor now, out of band, as its schedule would: the
// run's search (runSearch) completes at once, with its items, and the run
// becomes the monitor's last run. With no query to take, the run fails.
func (s *Server) RunMonitor(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	mo := s.monitors[id]
	if mo == nil || mo.gone {
		return fmt.Errorf("no monitor %q", id)
	}
	now := s.now()
	run := runJSON{
		ID: s.nextID("monitor_run"), Object: "monitor_run", Status: "created", MonitorID: id,
		Type: "search", CreatedAt: now, UpdatedAt: now,
	}
	s.emit("monitor.run.created", run)
	if in, ok := s.runSearch(mo); ok {
		// The run is a search in the monitor's webset, which completes at
		// once: its items and their events come with it.
		s.addSearch(s.websets[mo.WebsetID], in, &Lifecycle{Immediate: true})
		run.Status, run.CompletedAt = "completed", &now
		s.emit("monitor.run.completed", run)
	} else {
		reason := "the monitor has no query, and its webset has no search to take one from"
		run.Status, run.FailedAt, run.FailedReason = "failed", &now, &reason
	}
	mo.runs = append([]runJSON{run}, mo.runs...)
	mo.LastRun = &run
	return nil
}

// runSearch is the search a monitor's run makes. The spec: "By default, the
// search parameters (query, entity and criteria) from the last search are
// used when no parameters are provided"; behavior defaults to append. It
// is not ok when there is no query to take. The caller holds mu.
func (s *Server) runSearch(mo *monitor) (*createSearchBody, bool) {
	ws := s.lookupWebset(mo.WebsetID)
	if ws == nil {
		return nil, false
	}
	cfg := mo.Behavior.Config
	var last *search
	for i := len(ws.searchIDs) - 1; i >= 0 && last == nil; i-- {
		if sr := s.searches[ws.searchIDs[i]]; !sr.gone {
			last = sr
		}
	}
	behavior := cmp.Or(cfg.Behavior, "append")
	in := &createSearchBody{Count: cfg.Count, Query: cfg.Query, Entity: cfg.Entity, Behavior: &behavior}
	criteria := make([]string, 0, len(cfg.Criteria))
	for _, c := range cfg.Criteria {
		criteria = append(criteria, c.Description)
	}
	if last != nil {
		if in.Query == nil {
			in.Query = &last.Query
		}
		if in.Entity == nil {
			in.Entity = last.Entity
		}
		if len(criteria) == 0 {
			for _, c := range last.Criteria {
				criteria = append(criteria, c.Description)
			}
		}
	}
	for _, d := range criteria {
		in.Criteria = append(in.Criteria, struct {
			Description string `json:"description"`
		}{d})
	}
	if in.Query == nil || in.Count == nil {
		return nil, false
	}
	return in, true
}

// MonitorIDs lists the monitors that exist, in creation order.
func (s *Server) MonitorIDs() []string { return liveIDs(s, s.monitorIDs, s.monitors) }

// DeleteMonitor deletes a monitor out of band.
func (s *Server) DeleteMonitor(id string) error { return deleteOutOfBand(s, s.monitors, "monitor", id) }
