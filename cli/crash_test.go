package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestCrashDuringApply (issue 10, the crash test): a 2,000-zone apply is
// killed with SIGKILL at a random moment, many times. After each kill:
//   - every zone file is entirely the old one or entirely the new one
//     (records compared one for one, the serial aside) and parses;
//   - every zone file that is new has a complete intent line in the
//     journal (it was fsynced before the write);
//   - rollback of that journal restores every written name (even one whose
//     result line was cut or never written), and a rerun finishes the rest;
//     the two are tried in both orders, and with the rerun appending to
//     the killed run's journal (after its cut last line, if any), rolled
//     back as one;
//   - no temporary file survives the next run.
//
// SPFPATCH_CRASH_RUNS sets the number of kills (default 4).
func TestCrashDuringApply(t *testing.T) {
	bin := wpBuildBinary(t)
	runs := 4
	if v, err := strconv.Atoi(os.Getenv("SPFPATCH_CRASH_RUNS")); err == nil && v > 0 {
		runs = v
	}
	const n = 2000
	orig, domains := wpWriteShops(t, n)
	want := make([][]string, n+1) // each shop's records, old
	for i := 1; i <= n; i++ {
		rrs, _, err := wpParseZone(filepath.Join(orig, wpShopName(i)+".zone"))
		if err != nil {
			t.Fatal(err)
		}
		want[i] = rrs
	}
	newRRs := func(old []string) []string {
		var out []string
		for _, rr := range old {
			out = append(out, strings.Replace(rr, `"v=spf1 mx ~all"`, `"v=spf1 mx include:e-shopsmail2.com ~all"`, 1))
		}
		return slices.Sorted(slices.Values(out))
	}
	copyDir := func() string {
		dir := t.TempDir()
		des, _ := os.ReadDir(orig)
		for _, de := range des {
			b, err := os.ReadFile(filepath.Join(orig, de.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, de.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	spf := func(dir string, args ...string) *exec.Cmd {
		cmd := exec.Command(bin, append([]string{args[0], "--provider", "zonefile", "--zone-dir", dir, "--nameserver", "127.0.0.1:1",
			"--dns-timeout", "300ms", "--auto-approve", "--format", "json"}, args[1:]...)...)
		cmd.Env = append(os.Environ(), "LANG=C", "XDG_STATE_HOME="+t.TempDir())
		return cmd
	}
	// state reports which shops are old and which new; any other state (a
	// file that does not parse, or half changed) fails the test.
	state := func(dir, when string) (old, nu []int) {
		for i := 1; i <= n; i++ {
			got, _, err := wpParseZone(filepath.Join(dir, wpShopName(i)+".zone"))
			switch {
			case err != nil:
				t.Fatalf("%s: %s does not parse: %v", when, wpShopName(i), err)
			case slices.Equal(got, want[i]):
				old = append(old, i)
			case slices.Equal(got, newRRs(want[i])):
				nu = append(nu, i)
			default:
				t.Fatalf("%s: %s is neither old nor new:\n%s", when, wpShopName(i), strings.Join(got, "\n"))
			}
		}
		return old, nu
	}

	// One full run, to know how long an apply takes.
	dir := copyDir()
	t0 := time.Now()
	if out, err := spf(dir, "apply", "--journal", filepath.Join(t.TempDir(), "full.jsonl"), "--domains-file", domains).CombinedOutput(); err != nil {
		t.Fatalf("full apply: %v\n%s", err, lastLines(out, 5))
	}
	full := time.Since(t0)
	if _, nu := state(dir, "full run"); len(nu) != n {
		t.Fatalf("full run wrote %d of %d", len(nu), n)
	}

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 10))
	kills, written, lost, cut, appended := 0, 0, 0, 0, 0
	for run := 1; run <= runs; run++ {
		dir := copyDir()
		ja := filepath.Join(t.TempDir(), "killed.jsonl")
		cmd := spf(dir, "apply", "--journal", ja, "--domains-file", domains)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// A random point: mostly while names are being written (after a
		// random number of them, watched in the journal), sometimes
		// before the first write.
		t0 := time.Now()
		target := 0
		if rng.IntN(5) > 0 {
			target = 1 + rng.IntN(n-1)
		} else {
			time.Sleep(time.Duration(rng.Int64N(int64(full) / 3)))
		}
		for target > 0 && time.Since(t0) < 2*time.Minute && intentsSoFar(ja) < target {
			time.Sleep(time.Millisecond)
		}
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		kills++
		when := fmt.Sprintf("kill %d (after %v, at about %d intents, of a %v run)", run, time.Since(t0).Round(time.Millisecond), target, full.Round(time.Millisecond))
		_, nu := state(dir, when)
		written += len(nu)
		// Every new file was announced in the journal before it was written.
		intents := journalIntents(t, ja)
		for _, i := range nu {
			if !intents[wpShopName(i)+"."] {
				t.Errorf("%s: %s was written with no intent in the journal", when, wpShopName(i))
				lost++
			}
		}
		if b, err := os.ReadFile(ja); err == nil && len(b) > 0 && b[len(b)-1] != '\n' {
			cut++
		}
		temps := len(wpTempFiles(t, dir))
		rollback := func(journal string) {
			if _, err := os.Stat(journal); err != nil {
				return // no journal: that run wrote nothing (state() checks it)
			}
			out, err := spf(dir, "rollback", "--journal", filepath.Join(t.TempDir(), "rb.jsonl"), journal).CombinedOutput()
			if err != nil && !bytes.Contains(out, []byte("Nothing to roll back")) && !bytes.Contains(out, []byte(`"summary"`)) {
				t.Fatalf("%s: rollback %s: %v\n%s", when, journal, err, lastLines(out, 8))
			}
		}
		rerun := func(jb string) string {
			if out, err := spf(dir, "apply", "--journal", jb, "--domains-file", domains).CombinedOutput(); err != nil {
				t.Fatalf("%s: rerun: %v\n%s", when, err, lastLines(out, 8))
			}
			if _, nu := state(dir, when+", rerun"); len(nu) != n {
				t.Errorf("%s: the rerun left %d of %d names unwritten", when, n-len(nu), n)
				lost += n - len(nu)
			}
			if tf := wpTempFiles(t, dir); len(tf) > 0 {
				t.Errorf("%s: temporary files survived the rerun: %q", when, tf)
				lost += len(tf)
			}
			return jb
		}
		switch run % 3 {
		case 1:
			// Roll back what the killed run wrote, then run again.
			rollback(ja)
			if old, _ := state(dir, when+", rollback"); len(old) != n {
				t.Errorf("%s: rollback left %d names written", when, n-len(old))
				lost += n - len(old)
			}
			rerun(filepath.Join(t.TempDir(), "rerun.jsonl"))
		case 2:
			// Finish the run, then roll back both journals.
			jb := rerun(filepath.Join(t.TempDir(), "rerun.jsonl"))
			rollback(ja)
			rollback(jb)
			if old, _ := state(dir, when+", rollback of both"); len(old) != n {
				t.Errorf("%s: rollback left %d names written", when, n-len(old))
				lost += n - len(old)
			}
		default:
			// Finish the run appending to the killed run's journal (after
			// its cut last line, if any), then roll back that one journal.
			// A last result line the kill left whole is cut, as a crash of
			// the system while it was written would (a result is only ever
			// a report: rollback reads the live record).
			if b, err := os.ReadFile(ja); err == nil && bytes.HasSuffix(b, []byte("\n")) {
				if i := bytes.LastIndexByte(b[:len(b)-1], '\n'); i > 0 && bytes.Contains(b[i:], []byte(`"kind":"result"`)) {
					_ = os.WriteFile(ja, b[:len(b)-20], 0o600)
					cut++
				}
			}
			rerun(ja)
			appended++
			rollback(ja)
			if old, _ := state(dir, when+", rollback of the shared journal"); len(old) != n {
				t.Errorf("%s: rollback of the journal both runs appended to left %d names written", when, n-len(old))
				lost += n - len(old)
			}
		}
		t.Logf("%s: %d of %d zone files new, %d temporary files left by the kill; rollback and rerun: ok", when, len(nu), n, temps)
	}
	t.Logf("%d kills of a %d-zone apply (a full run takes %v): %d names written before the kills, %d journals with a cut last line, %d reruns appended to the killed run's journal, %d lost",
		kills, n, full.Round(time.Millisecond), written, cut, appended, lost)
}

// intentsSoFar counts the intent lines of a journal being written.
func intentsSoFar(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	return bytes.Count(b, []byte(`"kind":"intent"`))
}

// journalIntents returns the names with a complete intent line in a journal.
func journalIntents(t *testing.T, path string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return map[string]bool{}
	}
	out := map[string]bool{}
	for _, line := range bytes.Split(b, []byte("\n")) {
		var e struct{ Kind, Name string }
		if json.Unmarshal(line, &e) == nil && e.Kind == "intent" {
			out[e.Name] = true
		}
	}
	return out
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
