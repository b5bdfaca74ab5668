//go:build unix

package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/dnstest"
)

// Issue 13 review item 4: Ctrl-C during a check over many domains stops
// starting new ones; the results written are those finished, in input
// order from the first (none "interrupted"), a notice says how many, in
// the run's language, and the exit code is 1.
func TestCheckCtrlCStopsCleanly(t *testing.T) {
	bin := wpBuildBinary(t)
	handler := spfAnswers("v=spf1 ip4:192.0.2.1 -all", func(string) time.Duration { return 20 * time.Millisecond })
	addr := dnstest.ServeDNS(t, handler)
	const n = 3000
	var names []string
	for i := range n {
		names = append(names, fmt.Sprintf("shop%04d.sigint.test", i))
	}
	list := filepath.Join(t.TempDir(), "domains.txt")
	if err := os.WriteFile(list, []byte(strings.Join(names, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, notice string }{{"en", "Interrupted: the first "}, {"ja", "中断しました。最初の "}} {
		t.Run(tc.lang, func(t *testing.T) {
			cmd := exec.Command(bin, "--lang", tc.lang, "check", "--nameserver", addr, "--parallel", "8", "--format", "json", "--domains-file", list)
			cmd.Env = append(os.Environ(), "SPFPATCH_INCLUDE=", "SPFPATCH_NAMESERVER=")
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			var lines []string
			read := make(chan struct{})
			go func() {
				defer close(read)
				sc := bufio.NewScanner(stdout)
				sc.Buffer(make([]byte, 1<<20), 1<<20)
				for sc.Scan() {
					mu.Lock()
					lines = append(lines, sc.Text())
					mu.Unlock()
				}
			}()
			deadline := time.Now().Add(30 * time.Second)
			for {
				mu.Lock()
				got := len(lines)
				mu.Unlock()
				if got >= 20 {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("no results after 30 s:\n%s", stderr.String())
				}
				time.Sleep(5 * time.Millisecond)
			}
			_ = cmd.Process.Signal(syscall.SIGINT)
			<-read
			_ = cmd.Wait()
			ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if ws.Signaled() || ws.ExitStatus() != 1 {
				t.Fatalf("after SIGINT: signaled %v, exit %d, want exit 1\n%s", ws.Signaled(), ws.ExitStatus(), stderr.String())
			}
			if len(lines) >= n {
				t.Fatalf("%d results: the interrupt did not stop the run", len(lines))
			}
			for i, l := range lines {
				var r struct{ Target, Status string }
				if err := json.Unmarshal([]byte(l), &r); err != nil {
					t.Fatalf("line %d: %v: %q", i, err, l)
				}
				if r.Target != names[i] || r.Status != "ok" || strings.Contains(l, "interrupted") {
					t.Fatalf("line %d: %s %s (%q), want %s ok, finished", i, r.Target, r.Status, l, names[i])
				}
			}
			want := tc.notice + strconv.Itoa(len(lines))
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr %q lacks %q", stderr.String(), want)
			}
			t.Logf("%s: SIGINT after %d of %d results; exit 1; %q", tc.lang, len(lines), n, strings.TrimSpace(stderr.String()))
		})
	}
}
