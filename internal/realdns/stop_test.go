package realdns

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
