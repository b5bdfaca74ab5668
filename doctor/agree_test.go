package doctor

import (
	"context"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// doctor and plan decide from one implementation (spfedit.IncludeAt)
// whether the platform's include is effective, so they agree: doctor says
// no work exactly where plan has nothing to change, and where doctor
// suggests an apply command, plan plans exactly doctor's value.
func TestDoctorAndPlanAgree(t *testing.T) {
	for _, rec := range []string{
		"v=spf1 include:e-shopsmail2.com ~all include:e-shopsmail2.com", // effective, repeated after all
		"v=spf1 include:e-shopsmail2.com ~all",
		"v=spf1 ~all include:e-shopsmail2.com",
		"v=spf1 ~include:e-shopsmail2.com ~all",
		"v=spf1 -include:e-shopsmail2.com include:e-shopsmail2.com ~all", // the first one decides: -
		"v=spf1 +include:e-shopsmail2.com -all",
		"v=spf1 ip4:192.0.2.1 ~all",
		"v=spf1 ip4:192.0.2.1 -all",
		"v=spf1 redirect=_spf.shop.example",
	} {
		txt := map[string][]string{
			"e-shopsmail2.com":    {"v=spf1 ip4:203.0.113.0/24 -all"},
			"shop.example":        {rec, "google-site-verification=x"},
			"_spf.shop.example":   {"v=spf1 ip4:192.0.2.0/24 ~all"},
			"_dmarc.shop.example": {"v=DMARC1; p=none"},
		}
		res := dnstest.NewFakeResolver(dnstest.Zone{TXT: txt, MX: map[string][]string{"shop.example": {"mx.shop.example"}}})
		r := Run(context.Background(), Config{Checker: &spfcheck.Checker{Resolver: res}, DNS: res, P: i18n.Printer{Lang: i18n.EN}}, "shop.example")

		s := dnstest.NewStore()
		s.Put("shop.example.",
			libdns.RR{Name: "@", Type: "SOA", TTL: time.Hour, Data: "ns1.shop.example. hostmaster.shop.example. 1 3600 600 86400 300"},
			libdns.RR{Name: "@", Type: "TXT", TTL: time.Hour, Data: rec},
			libdns.RR{Name: "@", Type: "TXT", TTL: time.Hour, Data: "google-site-verification=x"})
		c := plan.BuildOne(context.Background(), plan.Config{Backend: plan.Backend{Name: "memory", Store: s},
			Checker: &spfcheck.Checker{Resolver: res}, Includes: []string{"e-shopsmail2.com"}, Zone: "shop.example."}, "shop.example")

		noWork := r.Situation == SitAuthorised
		planNoOp := c.Action == plan.NoOp
		if noWork != planNoOp {
			t.Errorf("%q: doctor says %s, plan %s %s %s", rec, r.Situation, c.Action, c.Code, c.Message)
		}
		for _, ch := range r.Checks {
			if ch.Command != "" && ch.Value != c.AfterSPF {
				t.Errorf("%q: doctor suggests %q for %q, plan would write %q (%s %s)", rec, ch.Command, ch.Value, c.AfterSPF, c.Action, c.Code)
			}
		}
	}
}
