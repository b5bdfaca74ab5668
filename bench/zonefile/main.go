// Command zonefile measures spfpatch plan and apply with the zonefile
// provider over N generated zone files (issue 13's zonefile figures): wall
// time and peak RSS of the spfpatch binary (through GNU time, /usr/bin/time
// -v), median of -runs runs, and, with -strace, the syscalls per name.
//
//	go run ./bench/zonefile -n 10000 -runs 5
//	go run ./bench/zonefile -n 10000 -strace          # stat, open, fsync... per name
//	go run ./bench/zonefile -n 10000 -cpuprofile apply.prof -profile apply
//
// Every run works on a fresh copy of the generated zones, so each apply
// writes all N names (N zone files, one SPF string each). Nothing leaves
// the machine: lookups are answered from the zone files (--zone-dir) and
// --nameserver points at a closed port of 127.0.0.1.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spfpatch/spfpatch/cli"
)

// platformZone is the platform's zone, so the include resolves offline.
const platformZone = `$ORIGIN e-shopsmail2.com.
$TTL 3600
@	IN SOA	ns1 hostmaster ( 2026010101 3600 600 604800 300 )
@	IN NS	ns1
@	IN TXT	"v=spf1 ip4:203.0.113.0/24 -all"
ns1	IN A	203.0.113.53
`

// shopZone is generated shop i: an SPF record without the include, a
// verification string, a split two-string TXT record, and other records.
func shopZone(i int) string {
	return fmt.Sprintf(`; generated shop %[1]d
$ORIGIN s%06[1]d.example.
$TTL 3600
@	IN SOA	ns1 hostmaster ( 2026010101 3600 600 604800 300 )
@	IN NS	ns1
@	IN MX	10 mail
@	IN TXT	"v=spf1 mx ip4:192.0.2.0/24 ~all"
@	IN TXT	"google-site-verification=token%06[1]d"
@	IN TXT	"MS=ms" "%06[1]d"
ns1	IN A	192.0.2.1
mail	IN A	192.0.2.2
www	IN CNAME	@
`, i)
}

func main() {
	n := flag.Int("n", 10000, "zone files (one shop domain each)")
	runs := flag.Int("runs", 3, "timed runs of plan and of apply")
	bin := flag.String("bin", "", "spfpatch binary (default: build this tree)")
	parallel := flag.Int("parallel", 0, "--parallel (0: spfpatch's default)")
	doStrace := flag.Bool("strace", false, "also count syscalls per name with strace -f -c")
	profile := flag.String("profile", "", "run plan or apply in this process instead, for -cpuprofile")
	cpuprofile := flag.String("cpuprofile", "", "CPU profile of the -profile run")
	memprofile := flag.String("memprofile", "", "heap profile at the end of the -profile run (in use, after a GC)")
	work := flag.String("dir", "", "work directory (default: a new temporary one, removed at the end)")
	old := flag.String("old", "", "an older spfpatch binary, timed alternately with this one on the same runs (A/B)")
	floor := flag.Bool("floor", false, "also time the read and write floors (floor.go), alternating with the runs")
	flag.Parse()

	dir := *work
	if dir == "" {
		d, err := os.MkdirTemp("", "spfpatch-zonefile-bench-")
		check(err)
		defer os.RemoveAll(d)
		dir = d
	}
	zones := filepath.Join(dir, "zones")
	domains := filepath.Join(dir, "domains.txt")
	t0 := time.Now()
	check(generate(zones, domains, *n))
	fmt.Printf("generated %d zone files in %v (%s)\n", *n, time.Since(t0).Round(time.Millisecond), zones)

	args := func(cmd, zdir string, extra ...string) []string {
		a := []string{cmd, "--provider", "zonefile", "--zone-dir", zdir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms",
			"--domains-file", domains, "--format", "json"}
		if *parallel > 0 {
			a = append(a, "--parallel", strconv.Itoa(*parallel))
		}
		return append(a, extra...)
	}

	if *profile != "" {
		zdir := zones
		var extra []string
		if *profile == "apply" {
			zdir = filepath.Join(dir, "copy-prof")
			check(copyDir(zones, zdir))
			extra = []string{"--auto-approve", "--journal", filepath.Join(dir, "prof.jsonl")}
		}
		if *cpuprofile != "" {
			f, err := os.Create(*cpuprofile)
			check(err)
			check(pprof.StartCPUProfile(f))
			defer pprof.StopCPUProfile()
		}
		devnull, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
		t := time.Now()
		code := cli.Run(append([]string{"spfpatch"}, args(*profile, zdir, extra...)...), strings.NewReader(""), devnull, os.Stderr)
		fmt.Printf("%s in this process: exit %d, %v\n", *profile, code, time.Since(t).Round(time.Millisecond))
		if *memprofile != "" {
			f, err := os.Create(*memprofile)
			check(err)
			check(pprof.Lookup("heap").WriteTo(f, 0))
			f.Close()
		}
		return
	}

	if *bin == "" {
		*bin = filepath.Join(dir, "spfpatch")
		out, err := exec.Command("go", "build", "-o", *bin, "github.com/spfpatch/spfpatch").CombinedOutput()
		if err != nil {
			fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
			os.Exit(1)
		}
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		fmt.Fprintln(os.Stderr, "needs GNU time at /usr/bin/time (apt-get install time)")
		os.Exit(1)
	}

	// series holds one binary's runs.
	type series struct {
		label             string
		bin               string
		planT, applyT     []time.Duration
		planRSS, applyRSS []int
		planCPU, applyCPU []float64
	}
	all := []*series{{label: "this tree", bin: *bin}}
	if *old != "" {
		// A/B on the same spell: the old binary's runs alternate with
		// these, first one then the other, then the other way round.
		all = append(all, &series{label: "old (" + filepath.Base(*old) + ")", bin: *old})
	}
	var readF, writeF []floorResult
	for r := 1; r <= *runs; r++ {
		if *floor {
			fr, err := readFloor(zones, *n)
			check(err)
			floorDir := filepath.Join(dir, fmt.Sprintf("floor-%d", r))
			check(copyDir(zones, floorDir))
			fw, err := writeFloor(floorDir, *n)
			check(err)
			check(verify(floorDir, *n))
			os.RemoveAll(floorDir)
			readF, writeF = append(readF, fr), append(writeF, fw)
			fmt.Printf("run %d: read floor %v (CPU %.2f s), write floor %v (CPU %.2f s)\n", r, fr.wall.Round(time.Millisecond), fr.cpu.Seconds(),
				fw.wall.Round(time.Millisecond), fw.cpu.Seconds())
		}
		order := all
		if r%2 == 0 && len(all) == 2 {
			order = []*series{all[1], all[0]}
		}
		for _, s := range order {
			d, rss, err := timed(s.bin, args("plan", zones))
			check(err)
			s.planT, s.planRSS, s.planCPU = append(s.planT, d), append(s.planRSS, rss), append(s.planCPU, lastCPU[0]+lastCPU[1])
			copyTo := filepath.Join(dir, fmt.Sprintf("copy-%d", r))
			check(copyDir(zones, copyTo))
			j := filepath.Join(dir, fmt.Sprintf("apply-%d-%d.jsonl", r, len(s.applyT)))
			d, rss, err = timed(s.bin, args("apply", copyTo, "--auto-approve", "--journal", j))
			check(err)
			check(verify(copyTo, *n))
			s.applyT, s.applyRSS, s.applyCPU = append(s.applyT, d), append(s.applyRSS, rss), append(s.applyCPU, lastCPU[0]+lastCPU[1])
			os.RemoveAll(copyTo)
			k := len(s.planT) - 1
			fmt.Printf("run %d, %s: plan %v (CPU %.2f s) %d MB, apply %v (CPU %.2f s) %d MB (load %s)\n", r, s.label, s.planT[k].Round(time.Millisecond), s.planCPU[k], s.planRSS[k]/1024,
				s.applyT[k].Round(time.Millisecond), s.applyCPU[k], s.applyRSS[k]/1024, loadAvg())
		}
	}
	fmt.Println()
	fmt.Printf("| N | binary | plan, median (runs) | plan CPU, median | plan peak RSS | apply, median (runs) | apply CPU, median | apply peak RSS |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, s := range all {
		fmt.Printf("| %d | %s | %s | %.2f s | %d MB | %s | %.2f s | %d MB |\n", *n, s.label, median(s.planT), medianF(s.planCPU), maxInt(s.planRSS)/1024,
			median(s.applyT), medianF(s.applyCPU), maxInt(s.applyRSS)/1024)
	}
	if *floor {
		var rw, rc, ww, wc []time.Duration
		for i := range readF {
			rw, rc = append(rw, readF[i].wall), append(rc, readF[i].cpu)
			ww, wc = append(ww, writeF[i].wall), append(wc, writeF[i].cpu)
		}
		fmt.Printf("| %d | floors (floor.go) | read + parse: %s | CPU %.2f s | | write + fsync + rename: %s | CPU %.2f s | |\n", *n,
			median(rw), medianF(secs(rc)), median(ww), medianF(secs(wc)))
	}
	fmt.Printf("(load average at the end: %s)\n", loadAvg())

	if *doStrace {
		for _, cmd := range []string{"plan", "apply"} {
			zdir := zones
			var extra []string
			if cmd == "apply" {
				zdir = filepath.Join(dir, "copy-strace")
				check(copyDir(zones, zdir))
				extra = []string{"--auto-approve", "--journal", filepath.Join(dir, "strace.jsonl")}
			}
			counts, err := straceCounts(*bin, args(cmd, zdir, extra...))
			check(err)
			var names []string
			for k := range counts {
				names = append(names, k)
			}
			sort.Strings(names)
			fmt.Printf("\n%s: syscalls per name (strace -f -c, N = %d)\n", cmd, *n)
			for _, k := range names {
				if per := float64(counts[k]) / float64(*n); per >= 0.01 {
					fmt.Printf("  %-14s %8.2f\n", k, per)
				}
			}
		}
	}
}

// loadAvg is the 1, 5 and 15 minute load average, or "?".
func loadAvg() string {
	l, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(l))[:3], " ")
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// generate writes n shop zones and the platform's zone into dir, and the
// domains file.
func generate(dir, domains string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "e-shopsmail2.com.zone"), []byte(platformZone), 0o644); err != nil {
		return err
	}
	var list bytes.Buffer
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("s%06d.example", i)
		if err := os.WriteFile(filepath.Join(dir, name+".zone"), []byte(shopZone(i)), 0o644); err != nil {
			return err
		}
		fmt.Fprintln(&list, name)
	}
	return os.WriteFile(domains, list.Bytes(), 0o644)
}

func copyDir(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	des, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, de := range des {
		b, err := os.ReadFile(filepath.Join(src, de.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, de.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// verify checks that every shop zone of dir now has the include.
func verify(dir string, n int) error {
	for i := 1; i <= n; i++ {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("s%06d.example.zone", i)))
		if err != nil {
			return err
		}
		if !bytes.Contains(b, []byte(`"v=spf1 mx ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"`)) {
			return fmt.Errorf("s%06d.example was not written", i)
		}
	}
	return nil
}

var (
	elapsedRE = regexp.MustCompile(`Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)`)
	rssRE     = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
	userRE    = regexp.MustCompile(`User time \(seconds\): ([\d.]+)`)
	sysRE     = regexp.MustCompile(`System time \(seconds\): ([\d.]+)`)
)

// lastCPU is the user and system CPU time of the last timed run.
var lastCPU [2]float64

// timed runs bin with args under /usr/bin/time -v and returns the wall time
// and the peak RSS in KiB. The exit code must be 0.
func timed(bin string, args []string) (time.Duration, int, error) {
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", bin}, args...)...)
	cmd.Env = append(os.Environ(), "LANG=C", "NO_COLOR=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = nil
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, tail(stderr.String(), 20))
	}
	m := elapsedRE.FindStringSubmatch(stderr.String())
	r := rssRE.FindStringSubmatch(stderr.String())
	if m == nil || r == nil {
		return 0, 0, fmt.Errorf("no GNU time figures in:\n%s", stderr.String())
	}
	h, _ := strconv.Atoi("0" + m[1])
	mi, _ := strconv.Atoi(m[2])
	s, _ := strconv.ParseFloat(m[3], 64)
	rss, _ := strconv.Atoi(r[1])
	if u := userRE.FindStringSubmatch(stderr.String()); u != nil {
		lastCPU[0], _ = strconv.ParseFloat(u[1], 64)
	}
	if sy := sysRE.FindStringSubmatch(stderr.String()); sy != nil {
		lastCPU[1], _ = strconv.ParseFloat(sy[1], 64)
	}
	return time.Duration(float64(h*3600+mi*60)*float64(time.Second) + s*float64(time.Second)), rss, nil
}

// straceCounts runs bin under strace -f -c and returns the calls per syscall.
func straceCounts(bin string, args []string) (map[string]int, error) {
	out := filepath.Join(os.TempDir(), fmt.Sprintf("spfpatch-strace-%d.txt", os.Getpid()))
	defer os.Remove(out)
	cmd := exec.Command("strace", append([]string{"-f", "-c", "-o", out, bin}, args...)...)
	cmd.Env = append(os.Environ(), "LANG=C")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("strace: %v\n%s", err, tail(string(b), 10))
	}
	f, err := os.Open(out)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	counts := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 5 || fs[0] == "%" || strings.HasPrefix(fs[0], "-") || fs[len(fs)-1] == "total" {
			continue
		}
		calls, err := strconv.Atoi(fs[3])
		if err != nil {
			continue
		}
		counts[fs[len(fs)-1]] = calls
	}
	return counts, sc.Err()
}

func median(ds []time.Duration) string {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	var parts []string
	for _, d := range ds {
		parts = append(parts, fmt.Sprintf("%.2f", d.Seconds()))
	}
	return fmt.Sprintf("%.2f s (%s)", s[len(s)/2].Seconds(), strings.Join(parts, ", "))
}

func secs(ds []time.Duration) []float64 {
	out := make([]float64, len(ds))
	for i, d := range ds {
		out[i] = d.Seconds()
	}
	return out
}

func medianF(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func maxInt(v []int) int {
	m := 0
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
