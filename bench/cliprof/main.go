// Command cliprof runs one spfpatch command in this process, with a CPU
// profile and, at the end, a heap profile, so that the scale benchmarks can
// say where a command's time goes (bench/check.sh and bench/zonefile time
// the binary; this shows why):
//
//	go run ./bench/cliprof -cpuprofile cpu.prof -- check --format json \
//	    --domains-file bench/out/data-10000/domains.txt --nameserver 127.0.0.1:PORT >/dev/null
//	go tool pprof -top cpu.prof
//
// Standard output and error are the command's; the wall time and exit
// status go to standard error at the end.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/spfpatch/spfpatch/cli"
)

func main() {
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the command to this file")
	memprofile := flag.String("memprofile", "", "write a heap profile (in use, after a GC) at the end to this file")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: cliprof [-cpuprofile F] [-memprofile F] -- COMMAND [ARGS...]")
		os.Exit(2)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	t0 := time.Now()
	code := cli.Run(append([]string{"spfpatch"}, flag.Args()...), os.Stdin, out, os.Stderr)
	took := time.Since(t0)
	out.Flush()
	if *cpuprofile != "" {
		pprof.StopCPUProfile()
	}
	if *memprofile != "" {
		runtime.GC()
		if f, err := os.Create(*memprofile); err == nil {
			_ = pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
	}
	fmt.Fprintf(os.Stderr, "cliprof: exit %d in %s\n", code, took.Round(time.Millisecond))
	os.Exit(code)
}
