// Command examock serves the in-memory Websets API mock, for the quickstart,
// local development and users' own CI.
//
//	examock -addr 127.0.0.1:0 -url-file /tmp/exa-url -lifecycle reads:2
//
// Point the provider at it with base_url (or EXA_BASE_URL) and its key,
// mock-api-key unless -api-key or EXAMOCK_API_KEY says otherwise. It never
// reads EXA_API_KEY, which holds a user's real key, and never prints a key
// it was given. GET /_mock/requests lists what it received.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8787", "address to listen on; port 0 picks a free one")
	key := flag.String("api-key", "", "the only x-api-key accepted (default: $EXAMOCK_API_KEY, else "+examock.DefaultAPIKey+")")
	lifecycle := flag.String("lifecycle", "reads:2", "how searches finish: running (never), immediate, reads:N (on the N-th read), or after:DURATION")
	pageSize := flag.Int("page-size", 20, "default page size of the items endpoint")
	latency := flag.Duration("latency", 0, "delay added to every answer")
	urlFile := flag.String("url-file", "", "write the base URL to this file once listening")
	rateLimit := flag.Float64("rate-limit", 0, "requests a second each API key may send; above it the mock answers 429 with Retry-After (0: no limit; POST /_mock/rate-limit changes it)")
	strict := flag.Bool("reject-unknown-fields", false, "answer 400 to a request body with a field the spec does not name (the spec allows them; this catches a client's misspellings)")
	flag.Parse()

	lc, err := examock.ParseLifecycle(*lifecycle)
	if err != nil {
		log.Fatal(err)
	}
	if *rateLimit < 0 {
		log.Fatal("-rate-limit must be at least 0")
	}
	apiKey := *key
	if apiKey == "" {
		apiKey = envOr("EXAMOCK_API_KEY", examock.DefaultAPIKey)
	}
	srv := examock.New(examock.Options{APIKey: apiKey, Lifecycle: lc, ItemsPageSize: *pageSize, Latency: *latency, RejectUnknownFields: *strict, RateLimit: *rateLimit})

	l, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(url+"\n"), 0o600); err != nil {
			log.Fatal(err)
		}
	}
	// The key is not printed unless it is the well-known default: one
	// given on the command line or in the environment may be somebody's
	// real key, and this line lands in terminals and CI logs.
	keyNote := "x-api-key " + examock.DefaultAPIKey
	if apiKey != examock.DefaultAPIKey {
		keyNote = "the x-api-key given by -api-key or EXAMOCK_API_KEY"
	}
	limitNote := ""
	if *rateLimit > 0 {
		limitNote = fmt.Sprintf(", at most %g requests a second per key", *rateLimit)
	}
	fmt.Printf("examock: serving the Websets API at %s (%s%s)\n", url, keyNote, limitNote)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		_ = l.Close()
	}()
	if err := srv.Listen(l); err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
