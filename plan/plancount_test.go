package plan_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// TestPlanCountStandsForRecount: apply right after its own plan, with the
// same Checker, takes the plan's count of the record to write as the count
// "now" (no second walk of the same record, issue 13); a count older than
// plan.CountFresh, or made by another Checker, is made again before the
// write, and refuses a record that went over the limit meanwhile.
func TestPlanCountStandsForRecount(t *testing.T) {
	grow := func(z *dnstest.FakeResolver) { // e-shopsmail2.com now costs 1 + 10 lookups
		spf := "v=spf1"
		for i := 1; i <= 10; i++ {
			spf += fmt.Sprintf(" include:l%d.example", i)
			z.Zone.TXT[fmt.Sprintf("l%d.example", i)] = []string{"v=spf1 -all"}
		}
		z.Zone.TXT["e-shopsmail2.com"] = []string{spf + " -all"}
	}
	build := func(t *testing.T) (*dnstest.Store, plan.Config, *dnstest.FakeResolver, *plan.Plan) {
		s := seed()
		// A record with a term of its own (mx: asked again by a recount;
		// the include's tree is kept by the Checker for the run).
		s.Put(zone, libdns.RR{Name: "mxshop", Type: "TXT", TTL: 300 * time.Second, Data: "v=spf1 mx ~all"})
		cfg := config(s)
		fr := platform()
		fr.Zone.MX = map[string][]string{"mxshop.example.com": {"mail.example.com"}}
		fr.Zone.A = map[string][]string{"mail.example.com": {"192.0.2.25"}}
		cfg.Checker = &spfcheck.Checker{Resolver: fr}
		p := plan.Build(context.Background(), cfg, []string{"mxshop.example.com"})
		if c := p.Changes[0]; c.Action != plan.Update || c.LookupsAfter != 2 {
			t.Fatalf("plan: %+v", c)
		}
		return s, cfg, fr, p
	}

	t.Run("fresh", func(t *testing.T) {
		s, cfg, fr, p := build(t)
		before := fr.Total()
		grow(fr) // not seen: the plan's count, moments old, stands
		res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, p)
		if res[0].Status != plan.StatusWritten {
			t.Fatalf("%+v", res[0])
		}
		if n := fr.Total() - before; n != 0 {
			t.Errorf("%d lookups before the write; the plan's count should stand", n)
		}
		if s.Calls(dnstest.MethodSetRecords) != 1 {
			t.Error("not written")
		}
	})
	t.Run("old", func(t *testing.T) {
		// (The same Checker keeps the trees of the includes it walked for
		// the run, so a recount does not see e-shopsmail2.com grow; it
		// does walk the record again, asking the resolver.)
		s, cfg, fr, p := build(t)
		plan.AgeCount(p.Changes[0], plan.CountFresh)
		before := fr.Total()
		res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, p)
		if res[0].Status != plan.StatusWritten {
			t.Fatalf("%+v", res[0])
		}
		if fr.Total() == before {
			t.Error("a count older than CountFresh was not made again")
		}
		if s.Calls(dnstest.MethodSetRecords) != 1 {
			t.Error("not written")
		}
	})
	t.Run("other checker", func(t *testing.T) {
		s, cfg, _, p := build(t)
		other := platform()
		grow(other)
		res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: &spfcheck.Checker{Resolver: other}, Journal: journal(t)}, p)
		if res[0].Status != plan.StatusNotTried || res[0].Code != plan.CodeOverLimit {
			t.Fatalf("another Checker's count was taken: %+v", res[0])
		}
		if s.Calls(dnstest.MethodSetRecords) != 0 {
			t.Error("written over the limit")
		}
	})
}
