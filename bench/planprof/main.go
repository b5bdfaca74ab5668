// Command planprof runs what `spfpatch plan --provider manual --format json
// --domains-file FILE` runs, through the same packages (resolver, manual
// provider, plan, spfcheck), with CPU and heap profiles and the resolver's
// own counters, so that the scale benchmark can say where the time goes:
//
//	go build -o bench/out/planprof ./bench/planprof
//	bench/out/planprof -nameserver 127.0.0.1:5300 -parallel 32 -domains FILE \
//	    -cpuprofile cpu.pprof -memprofile mem.pprof > plan.jsonl
//	go tool pprof -top bench/out/planprof cpu.pprof
//
// It mirrors cmd_plan.go and cli_common.go (one resolver, one Checker, the
// default include); keep it in step with them when they change.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/providers"
	_ "github.com/spfpatch/spfpatch/providers/manual"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
)

func main() {
	ns := flag.String("nameserver", "127.0.0.1:53", "resolver `ADDR:PORT`")
	parallel := flag.Int("parallel", 8, "domains handled at once")
	domains := flag.String("domains", "", "`FILE`: one target a line")
	include := flag.String("include", "e-shopsmail2.com", "include to ensure")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to `FILE`")
	memprofile := flag.String("memprofile", "", "write a heap profile (in use at the end, before the output) to `FILE`")
	allocprofile := flag.String("allocprofile", "", "write an allocation profile (all allocations of the run) to `FILE`")
	quiet := flag.Bool("q", false, "do not print the plan")
	flag.Parse()
	if *domains == "" {
		fmt.Fprintln(os.Stderr, "usage: planprof -nameserver ADDR:PORT -domains FILE [-parallel N] [-cpuprofile F] [-memprofile F]")
		os.Exit(2)
	}
	if *allocprofile != "" {
		runtime.MemProfileRate = 4096
	}
	targets, err := readTargets(*domains)
	if err != nil {
		fail(err)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
	}
	start := time.Now()
	res, err := resolver.New(resolver.Config{Nameservers: []string{*ns}})
	if err != nil {
		fail(err)
	}
	store, info, err := providers.Open("manual", providers.Env{Settings: map[string]string{}, DNS: res})
	if err != nil {
		fail(err)
	}
	cfg := plan.Config{
		Backend:  plan.Backend{Name: "manual", Store: store, Manual: info.Caps.Manual, MinTTL: info.Caps.MinTTL},
		Checker:  &spfcheck.Checker{Resolver: res},
		DNS:      res,
		Includes: []string{*include},
		TTL:      plan.DefaultTTL,
		Parallel: *parallel,
	}
	jobs := make([]plan.Job, len(targets))
	for i, t := range targets {
		jobs[i] = plan.Job{Input: t, Config: &cfg}
	}
	p := plan.BuildJobs(context.Background(), jobs, *parallel)
	planned := time.Since(start)
	if *memprofile != "" {
		runtime.GC()
		writeProfile("heap", *memprofile)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	if !*quiet {
		if err := plan.WriteJSONLines(w, p); err != nil {
			fail(err)
		}
	}
	w.Flush()
	total := time.Since(start)
	if *cpuprofile != "" {
		pprof.StopCPUProfile()
	}
	if *allocprofile != "" {
		writeProfile("allocs", *allocprofile)
	}
	st := res.Stats()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s := p.Summary()
	fmt.Fprintf(os.Stderr, "planprof: %d targets, parallel %d: planned in %v, with output %v; resolver sent %d, unique %d, cache hits %d; "+
		"update %d, unchanged %d, failed %d; heap in use %d MB, total allocated %d MB, %d GCs\n",
		len(targets), *parallel, planned.Round(time.Millisecond), total.Round(time.Millisecond), st.Sent, st.Unique, st.CacheHits,
		s.Update, s.Unchanged, s.Failed, ms.HeapInuse>>20, ms.TotalAlloc>>20, ms.NumGC)
}

func writeProfile(name, path string) {
	f, err := os.Create(path)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		fail(err)
	}
}

// readTargets reads --domains-file the way cli_common.go does.
func readTargets(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out, sc.Err()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "planprof:", err)
	os.Exit(1)
}
