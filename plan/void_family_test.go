package plan_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// Issue 13: three a: terms of IPv6-only hosts are three void lookups for
// an IPv4 sender's check_host(); plan refuses the record on either family.
// So are three MX hosts of an mx term without an address of the family
// (issue 13 review: pyspf counts each such host).
func TestPlanRefusesVoidLookupsOfEitherFamily(t *testing.T) {
	for _, tc := range []struct {
		name   string
		record string // "" for the three a: terms
		hosts  dnstest.Zone
		says   string
	}{
		{"IPv6-only hosts", "", dnstest.Zone{AAAA: map[string][]string{"h1.example.net": {"2001:db8::1"}, "h2.example.net": {"2001:db8::2"}, "h3.example.net": {"2001:db8::3"}}},
			"for IPv4 senders 3, for IPv6 senders 0"},
		{"IPv4-only hosts", "", dnstest.Zone{A: map[string][]string{"h1.example.net": {"192.0.2.1"}, "h2.example.net": {"192.0.2.2"}, "h3.example.net": {"192.0.2.3"}}},
			"for IPv4 senders 0, for IPv6 senders 3"},
		{"IPv6-only MX hosts", "v=spf1 mx:m.example.net ~all", dnstest.Zone{
			MX:   map[string][]string{"m.example.net": {"h1.example.net", "h2.example.net", "h3.example.net"}},
			AAAA: map[string][]string{"h1.example.net": {"2001:db8::1"}, "h2.example.net": {"2001:db8::2"}, "h3.example.net": {"2001:db8::3"}}},
			"for IPv4 senders 3, for IPv6 senders 0"},
		{"IPv4-only MX hosts", "v=spf1 mx:m.example.net ~all", dnstest.Zone{
			MX: map[string][]string{"m.example.net": {"h1.example.net", "h2.example.net", "h3.example.net"}},
			A:  map[string][]string{"h1.example.net": {"192.0.2.1"}, "h2.example.net": {"192.0.2.2"}, "h3.example.net": {"192.0.2.3"}}},
			"for IPv4 senders 0, for IPv6 senders 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			record := tc.record
			if record == "" {
				record = "v=spf1 a:h1.example.net a:h2.example.net a:h3.example.net ~all"
			}
			s := dnstest.NewStore()
			s.Put(zone, libdns.RR{Name: "@", Type: "SOA", TTL: time.Hour, Data: "ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300"},
				libdns.RR{Name: "v6", Type: "TXT", TTL: 300 * time.Second, Data: record})
			z := tc.hosts
			z.TXT = map[string][]string{"e-shopsmail2.com": {"v=spf1 ip4:203.0.113.0/24 -all"}}
			cfg := config(s)
			cfg.Checker = &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(z)}
			c := plan.BuildOne(context.Background(), cfg, "v6.example.com")
			if c.Action != plan.Error || c.Code != plan.CodeOverLimit || c.VoidAfter != 3 || !strings.Contains(c.Message, tc.says) {
				t.Fatalf("action %s code %q void %d message %q; want an over-limit refusal naming both families", c.Action, c.Code, c.VoidAfter, c.Message)
			}
		})
	}
}
