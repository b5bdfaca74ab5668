package realdns

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// setupKnot writes knot.conf and the zone files. knotd runs in the
// foreground and logs to stderr.
func setupKnot(tb testing.TB, s *Server, _ int) ([]string, []string, error) {
	knotd, err := lookBin("knotd")
	if err != nil {
		return nil, nil, err
	}
	zdir := filepath.Join(s.Dir, "zones")
	db := filepath.Join(s.Dir, "db")
	for _, d := range []string{zdir, db} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, nil, err
		}
	}
	if _, err := writeZoneFiles(zdir, s.zones); err != nil {
		return nil, nil, err
	}
	// knotd's control socket lives in rundir; keep its path short.
	run, err := shortDir(tb, filepath.Join(s.Dir, "run"), "knot.sock")
	if err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(run, 0o755); err != nil {
		return nil, nil, err
	}
	s.TSIGName, s.TSIGAlg, s.TSIGSecret = TSIGKeyName, TSIGAlgorithm, TSIGSecret
	var b strings.Builder
	fmt.Fprintf(&b, `server:
    rundir: %q
    listen: 127.0.0.1@%d
    udp-workers: 1
    tcp-workers: 1
    background-workers: 1
database:
    storage: %q
log:
  - target: stderr
    any: info
key:
  - id: %s
    algorithm: %s
    secret: %s
acl:
  - id: spfpatch-acl
    key: %s
    action: [update, transfer]
template:
  - id: default
    storage: %q
    file: "%%s.zone"
    acl: spfpatch-acl
zone:
`, run, s.Port, db, TSIGKeyName, TSIGAlgorithm, TSIGSecret, TSIGKeyName, zdir)
	for _, z := range s.zones {
		fmt.Fprintf(&b, "  - domain: %s\n", z.Name)
	}
	conf := filepath.Join(s.Dir, "knot.conf")
	if err := os.WriteFile(conf, []byte(b.String()), 0o644); err != nil {
		return nil, nil, err
	}
	return []string{knotd, "-c", conf}, nil, nil
}
