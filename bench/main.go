// Command bench measures the provider against its floor: it applies, plans
// and destroys N exa_webset_search resources with the real provider, against
// the in-repo mock (no latency), and the same runs with bench/floorprovider,
// a no-op provider with the same schema and state of the same size. It
// prints the medians of several runs as a table: wall time per phase,
// requests per phase, the ratio to the floor and the provider process's
// peak RSS.
//
// Two kinds of scenario:
//
//   - -n: N searches in one webset with the client's rate limit off
//     (requests_per_second = 0): the provider's own overhead;
//
//   - -limited: N searches over W websets with every setting at its
//     default (10 requests a second), as a new user runs it: what a plan
//     costs in requests and time. Its searches finish at once, as most
//     searches have by the time of a later plan.
//
//   - -shared: R runs at once on one key, each applying and destroying N
//     searches at default settings, against a mock that allows the key
//     -shared-limit requests a second (shared.go);
//
//   - -waiting: N searches over W websets, default settings, each with
//     wait_for_completion = true and a lifecycle of -lifecycle (30 s, so
//     several rounds): the requests sent while waiting, the rounds, and
//     the time from the last create to the end of the apply. The floor
//     does not wait, so it has no row here.
//
// Every phase runs as users run it: plan and destroy refresh first.
//
//	go run ./bench -n 10,100,1000 -limited 1000x1,1000x10 -waiting 100x1,300x3 -runs 5 -engine bin/terraform
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/exa-community/terraform-provider-exa/internal/examock"
)

type result struct {
	// stateKB is the size of terraform.tfstate after the phase: the floor
	// is honest only if its state is as large as the provider's.
	stateKB  int64
	wall     time.Duration
	requests int
	peakRSS  int64         // KiB
	cpu      time.Duration // the provider process's user+system time
}

type phase struct {
	name string
	args []string
}

var phases = []phase{
	{"apply", []string{"apply", "-auto-approve", "-input=false"}},
	{"plan", []string{"plan", "-input=false"}},                        // refreshes every search
	{"destroy", []string{"destroy", "-auto-approve", "-input=false"}}, // refreshes first
}

func main() {
	sizes := flag.String("n", "10,100,1000", "comma-separated numbers of searches, in one webset, rate limit off")
	limited := flag.String("limited", "1000x1,1000x10", "comma-separated NxW: N searches over W websets, default settings")
	runs := flag.Int("runs", 5, "runs per size and provider; the table shows medians")
	limitedRuns := flag.Int("limited-runs", 1, "runs of each -limited scenario (an apply of 1000 takes 100 s at the default limit)")
	waiting := flag.String("waiting", "100x1,300x3", "comma-separated NxW: N searches over W websets that apply waits for, default settings")
	lifecycle := flag.Duration("lifecycle", 30*time.Second, "how long each search of a -waiting scenario runs")
	engine := flag.String("engine", "bin/terraform", "Terraform (or OpenTofu) binary")
	parallelism := flag.Int("parallelism", 10, "the engine's -parallelism")
	shared := flag.String("shared", "2x50,4x50,8x50", "comma-separated RxN: R runs at once on one key, N searches each, against -shared-limit")
	sharedLimit := flag.Float64("shared-limit", 10, "requests a second the mock allows the key in -shared scenarios")
	flag.Parse()

	engineBin, err := filepath.Abs(*engine)
	if err != nil {
		log.Fatal(err)
	}
	work, err := os.MkdirTemp("", "exa-bench-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)

	providers := map[string]string{"exa": ".", "floor": "./bench/floorprovider"}
	for name, pkg := range providers {
		dir := filepath.Join(work, name)
		if out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-exa"), pkg).CombinedOutput(); err != nil {
			log.Fatalf("building %s: %v\n%s", pkg, err, out)
		}
		rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", "exa-community/exa", dir)
		if err := os.WriteFile(filepath.Join(work, name+".tfrc"), []byte(rc), 0o600); err != nil {
			log.Fatal(err)
		}
	}

	mock := examock.New(examock.Options{APIKey: "bench-key"})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go func() { _ = mock.Listen(l) }()
	url := "http://" + l.Addr().String()

	fmt.Printf("exa provider vs. floor: %s, parallelism %d, %d cores, %s/%s\n",
		filepath.Base(engineBin), *parallelism, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)

	if *shared != "" {
		sharedHeader(*sharedLimit)
		for _, p := range pairs("shared", "RxN", *shared) {
			sharedRow(work, engineBin, p[0], p[1], *sharedLimit, *parallelism)
		}
	}

	fmt.Printf("\nN searches in 1 webset, requests_per_second = 0 (medians of %d runs)\n\n", *runs)
	header(*runs)
	for _, field := range strings.Split(*sizes, ",") {
		if strings.TrimSpace(field) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 {
			log.Fatalf("bad -n %q", field)
		}
		table(fmt.Sprint(n), measure(*runs, scenario{n: n, websets: 1, unlimited: true}, work, engineBin, mock, url, *parallelism))
	}

	fmt.Printf("\nN searches over W websets, default settings (10 requests a second; medians of %d runs)\n\n", *limitedRuns)
	header(*limitedRuns)
	for _, p := range pairs("limited", "NxW", *limited) {
		n, w := p[0], p[1]
		table(fmt.Sprintf("%dx%d", n, w), measure(*limitedRuns, scenario{n: n, websets: w}, work, engineBin, mock, url, *parallelism))
	}

	fmt.Printf("\nN searches over W websets, each waited for (wait_for_completion), default settings, searches that run %s, -parallelism=N so that all N wait at once (1 run each)\n\n", *lifecycle)
	fmt.Printf("| %7s | %8s | %8s | %8s | %9s | %8s | %8s | %13s | %6s |\n", "NxW", "creates", "waiting", "rounds", "bound", "own GETs", "apply", "last create→end", "ratio")
	fmt.Printf("|--------:|---------:|---------:|---------:|----------:|---------:|---------:|--------------:|-------:|\n")
	for _, p := range pairs("waiting", "NxW", *waiting) {
		n, w := p[0], p[1]
		// A waiting create holds one of the engine's -parallelism slots
		// until its search finishes: at 10, N waiters wait ten at a time.
		waitRow(fmt.Sprintf("%dx%d", n, w), scenario{n: n, websets: w, wait: *lifecycle}, work, engineBin, mock, url, max(n, *parallelism))
	}
}

// pairs reads a flag's comma-separated list of AxB (both at least 1), and
// stops the bench at the first that is not one.
func pairs(flagName, form, list string) [][2]int {
	var out [][2]int
	for _, field := range strings.Split(list, ",") {
		if field = strings.TrimSpace(field); field == "" {
			continue
		}
		var a, b int
		if _, err := fmt.Sscanf(field, "%dx%d", &a, &b); err != nil || a < 1 || b < 1 {
			log.Fatalf("bad -%s %q: want %s", flagName, field, form)
		}
		out = append(out, [2]int{a, b})
	}
	return out
}

// waitRow applies a waiting scenario with the real provider and prints what
// its waiting cost, read from the mock's request log of the apply: every
// GET after the creates began is a wait's (nothing is refreshed in an apply
// of new resources). rounds is the GETs of the busiest webset; the target
// is waiting ≤ W × rounds + N (one confirmation GET each at most), and the
// time from the last create to the end ≤ 1.2 × the lifecycle.
func waitRow(label string, sc scenario, work, engine string, mock *examock.Server, url string, parallelism int) {
	var log []examock.Request
	var applyEnd time.Time
	runOnceWith(work, "exa", engine, mock, url, sc, parallelism, func(ph string, reqs []examock.Request, end time.Time) {
		if ph == "apply" {
			log, applyEnd = reqs, end
		}
	})
	creates, waiting, own := 0, 0, 0
	var lastCreate time.Time
	perWebset := map[string]int{}
	for _, r := range log {
		switch {
		case r.Method == "POST" && examock.MatchPath("/v0/websets/*/searches", r.Path):
			creates++
			lastCreate = r.Time
		case r.Method == "GET" && examock.MatchPath("/v0/websets/*", r.Path):
			waiting++
			perWebset[r.Path]++
		case r.Method == "GET" && examock.MatchPath("/v0/websets/*/searches/*", r.Path):
			waiting++
			own++
		}
	}
	rounds := 0
	for _, n := range perWebset {
		rounds = max(rounds, n)
	}
	tail := applyEnd.Sub(lastCreate)
	fmt.Printf("| %7s | %8d | %8d | %8d | %9d | %8d | %8s | %13s | %6.2f |\n", label, creates, waiting, rounds, sc.websets*rounds+sc.n, own,
		applyEnd.Sub(log[0].Time).Round(100*time.Millisecond), tail.Round(100*time.Millisecond), float64(tail)/float64(sc.wait))
}

// ratiosWidth is the width of the column of per-run ratios ("1.02 1.05 …").
func ratiosWidth(runs int) int { return max(len("ratio per run"), 5*runs-1) }

func header(runs int) {
	w := ratiosWidth(runs)
	fmt.Printf("| %7s | %-7s | %10s | %10s | %6s | %-*s | %8s | %9s | %9s | %9s | %8s | %9s | %9s | %11s |\n", "N", "phase", "exa", "floor", "ratio", w, "ratio per run", "requests", "floor req", "exa RSS", "floor RSS", "exa CPU", "floor CPU", "exa state", "floor state")
	fmt.Printf("|--------:|---------|-----------:|-----------:|-------:|%s|---------:|----------:|----------:|----------:|---------:|----------:|----------:|------------:|\n", strings.Repeat("-", w+2))
}

// measure runs a scenario with both providers and keeps every run. Which
// provider goes first alternates from run to run, so that neither gains
// from a machine that warms up or slows down over a pair of runs.
func measure(runs int, sc scenario, work, engine string, mock *examock.Server, url string, parallelism int) map[string]map[string][]result {
	all := map[string]map[string][]result{"exa": {}, "floor": {}}
	for i := range runs {
		order := []string{"exa", "floor"}
		if i%2 == 1 {
			slices.Reverse(order)
		}
		for _, name := range order {
			for ph, r := range runOnce(work, name, engine, mock, url, sc, parallelism) {
				all[name][ph] = append(all[name][ph], r)
			}
		}
	}
	return all
}

// table prints one row per phase: medians, and the ratio of each run pair
// (exa's run i over the floor's run i, sorted), which shows how far the
// machine's noise moves the median.
func table(label string, all map[string]map[string][]result) {
	for _, ph := range phases {
		e, f := median(all["exa"][ph.name]), median(all["floor"][ph.name])
		var pairs []string
		var ratios []float64
		for i, er := range all["exa"][ph.name] {
			if i < len(all["floor"][ph.name]) {
				ratios = append(ratios, float64(er.wall)/float64(all["floor"][ph.name][i].wall))
			}
		}
		slices.Sort(ratios)
		for _, r := range ratios {
			pairs = append(pairs, fmt.Sprintf("%.2f", r))
		}
		fmt.Printf("| %7s | %-7s | %10s | %10s | %6.2f | %-*s | %8d | %9d | %6.1f MB | %6.1f MB | %8s | %9s | %6d KB | %8d KB |\n",
			label, ph.name, e.wall.Round(time.Millisecond), f.wall.Round(time.Millisecond),
			float64(e.wall)/float64(f.wall), ratiosWidth(len(all["exa"][ph.name])), strings.Join(pairs, " "), e.requests, f.requests,
			float64(e.peakRSS)/1024, float64(f.peakRSS)/1024, e.cpu, f.cpu, e.stateKB, f.stateKB)
	}
}

// scenario is one configuration to apply, plan and destroy.
type scenario struct {
	n, websets int
	// unlimited turns the client's rate limit off; otherwise every
	// provider setting is at its default.
	unlimited bool
	// wait, when set, makes every search wait_for_completion, and run
	// this long at the mock.
	wait time.Duration
	// running keeps every search running, so that destroy cancels each.
	running bool
}

// runOnce applies, plans and destroys a scenario in a fresh folder.
func runOnce(work, name, engine string, mock *examock.Server, url string, sc scenario, parallelism int) map[string]result {
	return runOnceWith(work, name, engine, mock, url, sc, parallelism, nil)
}

// runOnceWith is runOnce that also hands each phase's requests, and the
// time it ended, to seen.
func runOnceWith(work, name, engine string, mock *examock.Server, url string, sc scenario, parallelism int, seen func(phase string, reqs []examock.Request, end time.Time)) map[string]result {
	dir, err := os.MkdirTemp(work, name+"-run-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	var ids []string
	for range sc.websets {
		ids = append(ids, mock.CreateWebset(""))
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(configFor(url, ids, sc)), 0o600); err != nil {
		log.Fatal(err)
	}
	env := engineEnv(work, name, parallelism)
	out := map[string]result{}
	for _, ph := range phases {
		before := len(mock.Requests())
		cmd := exec.Command(engine, append([]string{"-chdir=" + dir}, ph.args...)...)
		cmd.Env = env
		var logs bytes.Buffer
		cmd.Stdout, cmd.Stderr = &logs, &logs
		providerBin := filepath.Join(work, name, "terraform-provider-exa")
		stop := make(chan struct{})
		var peak, ticks atomic.Int64
		go watchProvider(providerBin, &peak, &ticks, stop)
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		close(stop)
		if err != nil {
			log.Fatalf("%s %s (%+v): %v\n%s", name, ph.name, sc, err, logs.String())
		}
		var stateKB int64
		if fi, err := os.Stat(filepath.Join(dir, "terraform.tfstate")); err == nil {
			stateKB = fi.Size() / 1024
		}
		out[ph.name] = result{wall: wall, requests: len(mock.Requests()) - before, peakRSS: peak.Load(), cpu: time.Duration(ticks.Load()) * 10 * time.Millisecond, stateKB: stateKB}
		if seen != nil {
			seen(ph.name, mock.Requests()[before:], start.Add(wall))
		}
	}
	mock.ResetLog()
	return out
}

// configFor is the configuration of a scenario: sc.n searches spread over
// the websets ids, in the bench's key at url.
func configFor(url string, ids []string, sc scenario) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = strconv.Quote(id)
	}
	settings, lifecycle := "", ""
	switch {
	case sc.unlimited:
		settings = "\n  requests_per_second = 0"
	case sc.running:
		lifecycle = "\n  metadata     = { \"examock.lifecycle\" = \"running\" }"
	case sc.wait > 0:
		lifecycle = fmt.Sprintf("\n  metadata     = { \"examock.lifecycle\" = \"after:%s\" }\n  wait_for_completion = true", sc.wait)
	default:
		lifecycle = "\n  metadata     = { \"examock.lifecycle\" = \"immediate\" }"
	}
	return fmt.Sprintf(`terraform {
  required_providers {
    exa = { source = "exa-community/exa" }
  }
}
provider "exa" {
  api_key  = "bench-key"
  base_url = %q%s
}
locals {
  websets = [%s]
}
resource "exa_webset_search" "s" {
  count        = %d
  webset_id    = local.websets[count.index %% length(local.websets)]
  query        = "Benchmark search ${count.index}"
  target_count = 10%s
}
`, url, settings, strings.Join(quoted, ", "), sc.n, lifecycle)
}

// engineEnv is the environment of the engine for provider name (exa or
// floor): its dev_overrides, no log, and the -parallelism of every command.
func engineEnv(work, name string, parallelism int) []string {
	return append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+filepath.Join(work, name+".tfrc"),
		"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_LOG=",
		fmt.Sprintf("TF_CLI_ARGS_apply=-parallelism=%d", parallelism),
		fmt.Sprintf("TF_CLI_ARGS_plan=-parallelism=%d", parallelism),
		fmt.Sprintf("TF_CLI_ARGS_destroy=-parallelism=%d", parallelism),
	)
}

// watchProvider samples every running process of the given binary until
// stop closes: the largest peak resident set (VmHWM), and the CPU time
// (utime+stime, in 10 ms clock ticks) last seen. Sampling every 20 ms, it
// may miss the last moments of a process.
func watchProvider(bin string, peak, ticks *atomic.Int64, stop <-chan struct{}) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		procs, _ := filepath.Glob("/proc/[0-9]*/exe")
		for _, exe := range procs {
			if target, err := os.Readlink(exe); err != nil || target != bin {
				continue
			}
			if stat, err := os.ReadFile(filepath.Join(filepath.Dir(exe), "stat")); err == nil {
				// Fields after the command name: utime is the 14th, stime the 15th.
				if i := bytes.LastIndexByte(stat, ')'); i > 0 {
					f := strings.Fields(string(stat[i+1:]))
					if len(f) > 13 {
						u, _ := strconv.ParseInt(f[11], 10, 64)
						s, _ := strconv.ParseInt(f[12], 10, 64)
						if u+s > ticks.Load() {
							ticks.Store(u + s)
						}
					}
				}
			}
			status, err := os.ReadFile(filepath.Join(filepath.Dir(exe), "status"))
			if err != nil {
				continue
			}
			for _, line := range strings.Split(string(status), "\n") {
				if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
					if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil && kb > peak.Load() {
						peak.Store(kb)
					}
				}
			}
		}
		select {
		case <-stop:
			return
		case <-tick.C:
		}
	}
}

func median(rs []result) result {
	if len(rs) == 0 {
		return result{}
	}
	walls := make([]time.Duration, len(rs))
	rss := make([]int64, len(rs))
	reqs := make([]int, len(rs))
	cpus := make([]time.Duration, len(rs))
	for i, r := range rs {
		walls[i], rss[i], reqs[i], cpus[i] = r.wall, r.peakRSS, r.requests, r.cpu
	}
	state := rs[0].stateKB // the same in every run
	slices.Sort(walls)
	slices.Sort(rss)
	slices.Sort(reqs)
	slices.Sort(cpus)
	m := len(rs) / 2
	return result{wall: walls[m], requests: reqs[m], peakRSS: rss[m], cpu: cpus[m], stateKB: state}
}
