package cli

import (
	"runtime/debug"
	"testing"
)

// check over many domains sets the collector (check_gc.go) unless the
// user set GOGC or GOMEMLIMIT, and puts the previous settings back.
func TestCheckGCSettings(t *testing.T) {
	current := func() (int, int64) {
		pct := debug.SetGCPercent(100)
		debug.SetGCPercent(pct)
		return pct, debug.SetMemoryLimit(-1)
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	pct0, lim0 := current()
	restore := tuneGCForCheck()
	if pct, lim := current(); pct != checkGCPercent || lim != checkMemoryLimit {
		t.Errorf("GOGC %d, limit %d; want %d, %d", pct, lim, checkGCPercent, checkMemoryLimit)
	}
	restore()
	if pct, lim := current(); pct != pct0 || lim != lim0 {
		t.Errorf("not restored: GOGC %d, limit %d; want %d, %d", pct, lim, pct0, lim0)
	}
	t.Setenv("GOGC", "150")
	tuneGCForCheck()()
	if pct, lim := current(); pct != pct0 || lim != lim0 {
		t.Errorf("GOGC set by the user, yet changed: %d, %d", pct, lim)
	}
}
