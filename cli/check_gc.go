package cli

import (
	"os"
	"runtime/debug"
)

// The collector's settings for `check` over many domains (issue 13). The
// live heap of such a run is small and flat (about 10 MiB: the bounded
// caches, the results in flight), but every domain allocates about 7 KB
// that is garbage at once, so with Go's default (GOGC=100) the collector
// runs every few hundred domains and took 15-20% of the CPU at 10,000
// domains. A higher GOGC with a soft memory limit lets the heap grow to
// the limit and collects less often: about a tenth less CPU at 10,000
// domains (two A/B sets of six runs each on a shared machine: median CPU
// 0.79 and 0.81 s against 0.88 and 0.97 s), peak RSS 47 MiB against 42
// (GOGC=400 alone: 63-66 MiB). The limit is soft: when more is live (results held
// behind a slow domain, up to maxPendingBytes), the runtime collects more
// often, its CPU capped at half (runtime/debug.SetMemoryLimit).
const (
	checkGCPercent   = 400
	checkMemoryLimit = 40 << 20
)

// tuneGCForCheck applies those settings unless GOGC or GOMEMLIMIT is set
// (the user's choice wins), and returns what puts the previous ones back.
func tuneGCForCheck() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	pct := debug.SetGCPercent(checkGCPercent)
	lim := debug.SetMemoryLimit(checkMemoryLimit)
	return func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(lim)
	}
}
