package realdns

import (
	"strings"
	"testing"
	"time"
)

// TestBadZone: a zone that does not load fails Start at once with the
// server's own message, not after the readiness timeout.
func TestBadZone(t *testing.T) {
	bad := Zone{Name: "bad.test.", Text: "$TTL 300\n@ IN SOA ns1 hm 1 2 3 4 5\n@ IN NS ns1\nns1 IN A 127.0.0.1\nx IN TXT \"unterminated\n"}
	for _, k := range []string{KindNSD, KindBIND, KindKnot, KindPowerDNS} {
		t.Run(k, func(t *testing.T) {
			t.Parallel()
			for _, b := range kinds[k].bins {
				requireOrSkip(t, b.name, b.pkg)
			}
			t0 := time.Now()
			s, err := start(t, k, []Zone{testZone, bad}, startOptions{})
			if err == nil {
				t.Fatalf("started with a broken zone\n%s", s.Logs())
			}
			if d := time.Since(t0); d > 5*time.Second {
				t.Errorf("took %v to fail", d)
			}
			if !strings.Contains(err.Error(), "bad.test") {
				t.Errorf("error does not name the zone: %v", err)
			}
			t.Logf("%v: %v", time.Since(t0).Round(time.Millisecond), err)
		})
	}
}
