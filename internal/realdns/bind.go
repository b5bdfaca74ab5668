package realdns

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// setupBIND writes named.conf and the zone files. named runs in the
// foreground (-g, logging to stderr) as the current user; rndc is disabled.
func setupBIND(tb testing.TB, s *Server, _ int) ([]string, []string, error) {
	named, err := lookBin("named")
	if err != nil {
		return nil, nil, err
	}
	files, err := writeZoneFiles(s.Dir, s.zones)
	if err != nil {
		return nil, nil, err
	}
	s.TSIGName, s.TSIGAlg, s.TSIGSecret = TSIGKeyName, TSIGAlgorithm, TSIGSecret
	var b strings.Builder
	fmt.Fprintf(&b, `key %q {
	algorithm %s;
	secret %q;
};
options {
	directory %q;
	pid-file %q;
	session-keyfile %q;
	managed-keys-directory %q;
	listen-on port %d { 127.0.0.1; };
	listen-on-v6 { none; };
	recursion no;
	dnssec-validation no;
	notify no;
	allow-query { any; };
	allow-transfer { key %q; };
	automatic-interface-scan no;
	// Without this a second named binds the same port (SO_REUSEPORT) and
	// the two share the queries.
	reuseport no;
};
controls { };
`, TSIGKeyName, TSIGAlgorithm, TSIGSecret,
		s.Dir, filepath.Join(s.Dir, "named.pid"), filepath.Join(s.Dir, "session.key"), s.Dir,
		s.Port, TSIGKeyName)
	for i, z := range s.zones {
		fmt.Fprintf(&b, `zone %q {
	type primary;
	file %q;
	allow-update { key %q; };
	allow-transfer { key %q; };
};
`, strings.TrimSuffix(z.Name, "."), files[i], TSIGKeyName, TSIGKeyName)
	}
	conf := filepath.Join(s.Dir, "named.conf")
	if err := os.WriteFile(conf, []byte(b.String()), 0o644); err != nil {
		return nil, nil, err
	}
	// -4: IPv4 only; -n 1: one worker thread is plenty for tests and starts faster.
	return []string{named, "-g", "-4", "-n", "1", "-c", conf}, nil, nil
}
