package plan_test

import (
	"context"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// TestFreshPlanRecountedBeforeWrite: apply right after its own plan, with
// the same Checker, still counts the record again before writing it. The
// record's own a: hosts lost their addresses between plan and write (3 void
// lookups): the write is refused. (A reuse of the plan's count, tried for
// speed in issue 13, wrote it; zone files are answered live, and the
// caches are bounded at scale, so the plan's count is not "now".)
func TestFreshPlanRecountedBeforeWrite(t *testing.T) {
	s := seed()
	s.Put(zone, libdns.RR{Name: "hosts", Type: "TXT", TTL: 300 * time.Second,
		Data: "v=spf1 a:h1.example.com a:h2.example.com a:h3.example.com ~all"})
	cfg := config(s)
	fr := platform()
	fr.Zone.A = map[string][]string{"h1.example.com": {"192.0.2.1"}, "h2.example.com": {"192.0.2.2"}, "h3.example.com": {"192.0.2.3"}}
	fr.Zone.AAAA = map[string][]string{"h1.example.com": {"2001:db8::1"}, "h2.example.com": {"2001:db8::2"}, "h3.example.com": {"2001:db8::3"}}
	cfg.Checker = &spfcheck.Checker{Resolver: fr}
	p := plan.Build(context.Background(), cfg, []string{"hosts.example.com"})
	if c := p.Changes[0]; c.Action != plan.Update || c.VoidAfter != 0 {
		t.Fatalf("plan: %+v", c)
	}
	fr.Zone.A, fr.Zone.AAAA = nil, nil // the hosts are gone
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, p)
	if res[0].Status != plan.StatusNotTried || res[0].Code != plan.CodeOverLimit {
		t.Fatalf("written without a count now: %+v", res[0])
	}
	if n := s.Calls(dnstest.MethodSetRecords); n != 0 {
		t.Fatalf("%d writes over the void limit", n)
	}
}
