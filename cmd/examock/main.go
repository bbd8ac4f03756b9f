// Command examock serves the in-memory Websets API mock, for the quickstart,
// local development and users' own CI.
//
//	examock -addr 127.0.0.1:0 -url-file /tmp/exa-url -lifecycle reads:2
//
// Point the provider at it with base_url (or EXA_BASE_URL) and the key it
// prints. GET /_mock/requests lists what it received.
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
	key := flag.String("api-key", envOr("EXA_API_KEY", examock.DefaultAPIKey), "the only x-api-key accepted")
	lifecycle := flag.String("lifecycle", "reads:2", "how searches finish: running (never), immediate, reads:N (on the N-th read), or after:DURATION")
	pageSize := flag.Int("page-size", 20, "default page size of the items endpoint")
	latency := flag.Duration("latency", 0, "delay added to every answer")
	urlFile := flag.String("url-file", "", "write the base URL to this file once listening")
	strict := flag.Bool("reject-unknown-fields", false, "answer 400 to a request body with a field the spec does not name (the spec allows them; this catches a client's misspellings)")
	flag.Parse()

	lc, err := examock.ParseLifecycle(*lifecycle)
	if err != nil {
		log.Fatal(err)
	}
	srv := examock.New(examock.Options{APIKey: *key, Lifecycle: lc, ItemsPageSize: *pageSize, Latency: *latency, RejectUnknownFields: *strict})

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
	fmt.Printf("examock: serving the Websets API at %s (x-api-key %q)\n", url, *key)

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
