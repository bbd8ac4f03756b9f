package main

import (
	"bytes"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

// The shared-key scenario: R runs at once on one API key, as a CI matrix,
// several workspaces or terragrunt run-all make them, against a mock that
// allows the key limit requests a second. Each run has its own working
// directory, HOME and TMPDIR, as runs on separate machines would; each
// applies N searches at default settings, which keep running, then
// destroys them, which cancels each. The floor of
// a phase is the time the key's limit needs for its R·N calls.

// sharedRow runs one R×N scenario and prints a row per phase.
func sharedRow(work, engine string, runs, n int, limit float64, parallelism int) {
	mock := examock.New(examock.Options{APIKey: "bench-key", RateLimit: limit})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	go func() { _ = mock.Listen(l) }()
	url := "http://" + l.Addr().String()

	dirs := make([]string, runs)
	for i := range dirs {
		dir, err := os.MkdirTemp(work, "shared-run-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
		for _, sub := range []string{"home", "tmp"} {
			if err := os.Mkdir(filepath.Join(dir, sub), 0o700); err != nil {
				log.Fatal(err)
			}
		}
		ids := []string{mock.CreateWebset("")}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(configFor(url, ids, scenario{n: n, websets: 1, running: true})), 0o600); err != nil {
			log.Fatal(err)
		}
		dirs[i] = dir
	}
	floor := time.Duration(float64(runs*n) / limit * float64(time.Second))
	for _, ph := range []phase{phases[0], phases[2]} { // apply, destroy
		mock.ResetLog()
		failed := 0
		var failures []string
		var mu sync.Mutex
		var wg sync.WaitGroup
		start := time.Now()
		for _, dir := range dirs {
			wg.Go(func() {
				cmd := exec.Command(engine, append([]string{"-chdir=" + dir}, ph.args...)...)
				cmd.Env = append(engineEnv(work, "exa", parallelism), "HOME="+filepath.Join(dir, "home"), "TMPDIR="+filepath.Join(dir, "tmp"))
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Run(); err != nil {
					mu.Lock()
					failed++
					failures = append(failures, lastLines(out.String(), 6))
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		wall := time.Since(start)
		reqs := mock.Requests()
		throttled := 0
		for _, r := range reqs {
			if r.Status == 429 {
				throttled++
			}
		}
		share := 0.0
		if len(reqs) > 0 {
			share = float64(throttled) / float64(len(reqs))
		}
		fmt.Printf("| %4d | %4d | %-7s | %9s | %7s | %6.2f | %8d | %5d | %4.0f%% | %6d |\n", runs, n, ph.name,
			wall.Round(100*time.Millisecond), floor, float64(wall)/float64(floor), len(reqs), throttled, 100*share, failed)
		for _, f := range failures {
			fmt.Printf("\n    a failed run ended with:\n%s\n\n", f)
		}
	}
}

func sharedHeader(limit float64) {
	fmt.Printf("\nR runs at once on one key, each applying then destroying N searches at default settings, against a limit of %g requests a second for the key (floor: R·N/limit)\n\n", limit)
	fmt.Printf("| %4s | %4s | %-7s | %9s | %7s | %6s | %8s | %5s | %5s | %6s |\n", "R", "N", "phase", "wall", "floor", "ratio", "requests", "429s", "429 %", "failed")
	fmt.Printf("|-----:|-----:|---------|----------:|--------:|-------:|---------:|------:|------:|-------:|\n")
}

// lastLines is the end of a failed run's output, indented.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	lines = lines[max(0, len(lines)-n):]
	return "    " + strings.Join(lines, "\n    ")
}
