//go:build unix

package realdns

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// liveGroupMembers lists the processes of group pgid that are not zombies.
func liveGroupMembers(pgid int) []string {
	var live []string
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		s := string(data)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		// after "(comm)": state ppid pgrp ...
		fields := strings.Fields(s[i+1:])
		if len(fields) < 3 || fields[0] == "Z" || fields[0] == "X" {
			continue
		}
		if g, _ := strconv.Atoi(fields[2]); g == pgid {
			live = append(live, s[:i+1])
		}
	}
	return live
}

// TestStop: Stop ends the server and every process it forked, frees the
// port, and can be called again (t.Cleanup calls it too).
func TestStop(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("needs /proc")
	}
	for _, k := range []string{KindNSD, KindBIND, KindKnot, KindPowerDNS} {
		t.Run(k, func(t *testing.T) {
			t.Parallel()
			s := mustStart(t, k, []Zone{testZone})
			pgid := s.proc.cmd.Process.Pid
			if live := liveGroupMembers(pgid); len(live) == 0 {
				t.Fatalf("no process in group %d while running", pgid)
			}
			t0 := time.Now()
			s.Stop()
			stopped := time.Since(t0)
			s.Stop()
			select {
			case <-s.proc.done:
			default:
				t.Fatal("process not reaped after Stop")
			}
			var live []string
			for i := 0; i < 40; i++ {
				if live = liveGroupMembers(pgid); len(live) == 0 {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if len(live) > 0 {
				t.Errorf("still running after Stop: %q", live)
			}
			var err error
			for i := 0; i < 40; i++ {
				if err = checkPortFree(s.Port); err == nil {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if err != nil {
				t.Errorf("port %d still taken after Stop: %v", s.Port, err)
			}
			t.Logf("%s stopped in %v", k, stopped.Round(time.Millisecond))
		})
	}
}

// TestNoLeftoverAfterCrash: when the test binary dies without cleanups (as
// one killed by -timeout does), the kernel (Pdeathsig) still ends every server
// process it started. The test runs itself in a child test binary that starts
// one server of each kind and exits at once.
func TestNoLeftoverAfterCrash(t *testing.T) {
	if os.Getenv("REALDNS_CRASH_HELPER") == "1" {
		for _, k := range []string{KindNSD, KindBIND, KindKnot, KindPowerDNS} {
			s := mustStart(t, k, []Zone{testZone})
			fmt.Printf("realdns-crash-pgid %s %d\n", k, s.proc.cmd.Process.Pid)
		}
		os.Exit(3)
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("needs /proc")
	}
	for _, k := range []string{KindNSD, KindBIND, KindKnot, KindPowerDNS} {
		for _, b := range kinds[k].bins {
			requireOrSkip(t, b.name, b.pkg)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoLeftoverAfterCrash$", "-test.count=1")
	cmd.Env = append(os.Environ(), "REALDNS_CRASH_HELPER=1")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	groups := map[string]int{}
	for _, line := range strings.Split(string(out), "\n") {
		var kind string
		var pgid int
		if n, _ := fmt.Sscanf(line, "realdns-crash-pgid %s %d", &kind, &pgid); n == 2 {
			groups[kind] = pgid
		}
	}
	if len(groups) != 4 {
		t.Fatalf("helper started %v\n%s", groups, out)
	}
	for kind, pgid := range groups {
		var live []string
		for i := 0; i < 40; i++ {
			if live = liveGroupMembers(pgid); len(live) == 0 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if len(live) > 0 {
			t.Errorf("%s: still running after the test binary died: %q", kind, live)
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
		}
	}
}
