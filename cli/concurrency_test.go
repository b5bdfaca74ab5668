package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentApplyProcesses (issue 10 point 3): many real spfpatch apply
// processes on one zone file at once, each with its own journal. Every name
// a process reports "written" is in the file, and in exactly one journal as
// written; every change in the file was reported; nothing else changed; the
// serial grew once a write; no temporary file is left. Some processes aim at
// the same name as another: one of them writes it, the others find it
// already done (or drift), never a second write.
func TestConcurrentApplyProcesses(t *testing.T) {
	bin := wpBuildBinary(t)
	rounds := 3
	if v, err := strconv.Atoi(os.Getenv("SPFPATCH_CONCURRENCY_ROUNDS")); err == nil && v > 0 {
		rounds = v
	}
	const names, dups = 40, 8
	totalRuns, totalWrites, losses := 0, 0, 0
	for round := 1; round <= rounds; round++ {
		dir := t.TempDir()
		b, err := os.ReadFile("../examples/zones/e-shopsmail2.com.zone")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "e-shopsmail2.com.zone"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		var zone strings.Builder
		zone.WriteString("$ORIGIN many.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n")
		for i := 1; i <= names; i++ {
			fmt.Fprintf(&zone, "n%02d IN TXT \"v=spf1 -all\"\nn%02d IN TXT \"keep=\" \"%02d\"\n", i, i, i)
		}
		path := filepath.Join(dir, "many.example.zone")
		if err := os.WriteFile(path, []byte(zone.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		before, serial0, err := wpParseZone(path)
		if err != nil {
			t.Fatal(err)
		}
		jdir := t.TempDir()
		type run struct {
			name, journal string
			out           []byte
			err           error
		}
		var runs []*run
		for i := 1; i <= names; i++ {
			runs = append(runs, &run{name: fmt.Sprintf("n%02d.many.example", i)})
		}
		for i := 1; i <= dups; i++ {
			runs = append(runs, &run{name: fmt.Sprintf("n%02d.many.example", i)})
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i, r := range runs {
			r.journal = filepath.Join(jdir, fmt.Sprintf("j%02d.jsonl", i))
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				cmd := exec.Command(bin, "apply", "--provider", "zonefile", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms",
					"--auto-approve", "--format", "json", "--journal", r.journal, r.name)
				cmd.Env = append(os.Environ(), "LANG=C")
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				r.out, r.err = cmd.Output()
				if r.err != nil && len(r.out) == 0 {
					r.err = fmt.Errorf("%v: %s", r.err, stderr.String())
				}
			}()
		}
		close(start)
		wg.Wait()
		totalRuns += len(runs)

		// What each process says it wrote.
		reported := map[string]int{}
		for _, r := range runs {
			sc := bufio.NewScanner(bytes.NewReader(r.out))
			for sc.Scan() {
				var line struct {
					Name   string `json:"name"`
					Status string `json:"status"`
				}
				if json.Unmarshal(sc.Bytes(), &line) == nil && line.Status == "written" {
					reported[line.Name]++
				}
			}
			if r.err != nil && !bytes.Contains(r.out, []byte(`"status":`)) {
				t.Errorf("round %d %s: %v", round, r.name, r.err)
			}
		}
		// What the journals say was written.
		journaled := map[string]int{}
		for _, r := range runs {
			entries, err := wpJournalStatuses(r.journal)
			if err != nil {
				continue // a process that wrote nothing may have no journal
			}
			for name, st := range entries {
				if st == "written" {
					journaled[name]++
				}
			}
		}
		// What the file holds.
		after, serial1, err := wpParseZone(path)
		if err != nil {
			t.Fatalf("round %d: the zone file does not parse: %v", round, err)
		}
		inFile := map[string]bool{}
		var rest []string
		for _, rr := range after {
			if strings.Contains(rr, `"v=spf1 include:e-shopsmail2.com -all"`) {
				inFile[strings.Fields(rr)[0]] = true
				continue
			}
			rest = append(rest, rr)
		}
		var restBefore []string
		for _, rr := range before {
			if !strings.Contains(rr, `"v=spf1 -all"`) || inFile[strings.Fields(rr)[0]] == false {
				restBefore = append(restBefore, rr)
			}
		}
		if strings.Join(rest, "\n") != strings.Join(restBefore, "\n") {
			t.Errorf("round %d: records other than the written SPF strings changed:\n%s", round, strings.Join(rest, "\n"))
			losses++
		}
		for name, n := range reported {
			if n != 1 || !inFile[name] || journaled[name] != 1 {
				t.Errorf("round %d: %s reported written %d times, in the file %v, written in %d journals", round, name, n, inFile[name], journaled[name])
				losses++
			}
		}
		for name := range inFile {
			if reported[name] != 1 {
				t.Errorf("round %d: %s changed in the file but reported written %d times", round, name, reported[name])
				losses++
			}
		}
		if len(inFile) != names {
			t.Errorf("round %d: %d of %d names written", round, len(inFile), names)
		}
		if serial1 != serial0+uint32(len(inFile)) {
			t.Errorf("round %d: serial %d, want %d (one bump a write)", round, serial1, serial0+uint32(len(inFile)))
		}
		if tf := wpTempFiles(t, dir); len(tf) > 0 {
			t.Errorf("round %d: temporary files left: %q", round, tf)
		}
		totalWrites += len(inFile)
	}
	t.Logf("%d rounds, %d apply processes (%d on one zone file at once), %d writes, %d lost", rounds, totalRuns, names+dups, totalWrites, losses)
}

// wpJournalStatuses reads a journal and returns each name's last status.
func wpJournalStatuses(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names := map[string]string{} // run/id -> name
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e struct {
			Kind, Run, Name, Status string
			ID                      int
		}
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		key := e.Run + "/" + strconv.Itoa(e.ID)
		switch e.Kind {
		case "intent":
			names[key] = e.Name
		case "result":
			out[names[key]] = e.Status
		}
	}
	return out, sc.Err()
}
