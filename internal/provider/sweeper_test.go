package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/exa-community/terraform-provider-exa/internal/exa"
)

// Sweepers delete what a failed live run left behind: every object whose
// external ID, URL or title starts with livePrefix, or whose metadata has
// liveMarker. `make sweep` runs them (go test -sweep) against the API that
// EXA_API_KEY and EXA_BASE_URL name. TestSweepers_deleteOnlyWhatLiveRunsMark
// runs them on a mock.
func init() {
	resource.AddTestSweepers("exa_monitor", &resource.Sweeper{Name: "exa_monitor", F: sweepWith(sweepMonitors)})
	resource.AddTestSweepers("exa_webset", &resource.Sweeper{Name: "exa_webset", F: sweepWith(sweepWebsets), Dependencies: []string{"exa_monitor"}})
	resource.AddTestSweepers("exa_webhook", &resource.Sweeper{Name: "exa_webhook", F: sweepWith(sweepWebhooks)})
	resource.AddTestSweepers("exa_import", &resource.Sweeper{Name: "exa_import", F: sweepWith(sweepImports)})
}

// sweepWith runs a sweep with a client of the environment's API.
func sweepWith(sweep func(context.Context, *exa.Client) error) func(string) error {
	return func(string) error {
		c, err := exa.NewClient(exa.Config{APIKey: os.Getenv("EXA_API_KEY"), BaseURL: os.Getenv("EXA_BASE_URL")})
		if err != nil {
			return err
		}
		return sweep(context.Background(), c)
	}
}

func isLive(name string, metadata map[string]string) bool {
	return strings.HasPrefix(name, livePrefix) || metadata[liveMarker] == "true"
}

// sweep deletes every listed object that live says a live run made. It
// goes on after a failed delete, and returns every error.
func sweep[T any](list []T, err error, live func(T) bool, remove func(T) error) error {
	if err != nil {
		return err
	}
	var errs []error
	for _, x := range list {
		if live(x) {
			errs = append(errs, ignoreNotFound(remove(x)))
		}
	}
	return errors.Join(errs...)
}

func sweepWebsets(ctx context.Context, c *exa.Client) error {
	websets, err := c.ListWebsets(ctx)
	return sweep(websets, err,
		func(ws exa.Webset) bool { return isLive(derefOr(ws.ExternalID, ""), ws.Metadata) },
		func(ws exa.Webset) error { return c.DeleteWebset(ctx, ws.ID) })
}

func sweepMonitors(ctx context.Context, c *exa.Client) error {
	monitors, err := c.ListMonitors(ctx, "")
	return sweep(monitors, err,
		func(m exa.Monitor) bool { return isLive("", m.Metadata) },
		func(m exa.Monitor) error { return c.DeleteMonitor(ctx, m.ID) })
}

func sweepWebhooks(ctx context.Context, c *exa.Client) error {
	hooks, err := c.ListWebhooks(ctx)
	return sweep(hooks, err,
		func(h exa.Webhook) bool { return strings.Contains(h.URL, "/"+livePrefix) || isLive("", h.Metadata) },
		func(h exa.Webhook) error { return c.DeleteWebhook(ctx, h.ID) })
}

func sweepImports(ctx context.Context, c *exa.Client) error {
	imports, err := c.ListImports(ctx)
	return sweep(imports, err,
		func(im exa.Import) bool { return isLive(derefOr(im.Title, ""), im.Metadata) },
		func(im exa.Import) error { return c.DeleteImport(ctx, im.ID) })
}

func ignoreNotFound(err error) error {
	if exa.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sweeping: %w", err)
	}
	return nil
}
