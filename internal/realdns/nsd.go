package realdns

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// setupNSD writes nsd.conf and the zone files. nsd runs in the foreground
// (-d) without privilege drop, chroot, database or remote control.
func setupNSD(tb testing.TB, s *Server, _ int) ([]string, []string, error) {
	nsd, err := lookBin("nsd")
	if err != nil {
		return nil, nil, err
	}
	if _, err := writeZoneFiles(s.Dir, s.zones); err != nil {
		return nil, nil, err
	}
	logFile := filepath.Join(s.Dir, "nsd-server.log")
	var b strings.Builder
	fmt.Fprintf(&b, `server:
	ip-address: 127.0.0.1
	port: %d
	do-ip4: yes
	do-ip6: no
	username: ""
	chroot: ""
	zonesdir: %q
	pidfile: %q
	database: ""
	xfrdfile: %q
	xfrdir: %q
	zonelistfile: %q
	logfile: %q
	verbosity: 1
	server-count: 1
	hide-version: yes
remote-control:
	control-enable: no
`, s.Port, s.Dir, filepath.Join(s.Dir, "nsd.pid"), filepath.Join(s.Dir, "xfrd.state"),
		s.Dir, filepath.Join(s.Dir, "zone.list"), logFile)
	for _, z := range s.zones {
		fmt.Fprintf(&b, "zone:\n\tname: %q\n\tzonefile: %q\n", z.Name, strings.TrimSuffix(z.Name, ".")+".zone")
	}
	conf := filepath.Join(s.Dir, "nsd.conf")
	if err := os.WriteFile(conf, []byte(b.String()), 0o644); err != nil {
		return nil, nil, err
	}
	return []string{nsd, "-d", "-c", conf}, []string{logFile}, nil
}
