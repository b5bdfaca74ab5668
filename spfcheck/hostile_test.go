package spfcheck_test

import (
	"context"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// Issue 11 item 1: whatever shape a hostile record has, the work on one
// domain (its accounting as published, with an include added, and
// check_host()) stays within MaxQueries queries, as the server counts them,
// and within the domain's time.
func TestHostileDomainsAreBounded(t *testing.T) {
	h := &dnstest.Hostile{Delay: 500 * time.Millisecond}
	addr := dnstest.ServeDNS(t, h)
	const timeout = 2 * time.Second
	for _, shape := range dnstest.HostileShapes {
		t.Run(shape, func(t *testing.T) {
			res, err := resolver.New(resolver.Config{Nameservers: []string{addr}, Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer res.Close()
			c := &spfcheck.Checker{Resolver: res, Timeout: timeout}
			domain := shape + ".hostile.test"
			h.Reset()
			start := time.Now()
			ctx, cancel := c.WithDomain(context.Background())
			rep := c.Account(ctx, domain, nil)
			reports := []*spfcheck.Report{rep}
			if after := rep.Parsed(); after != nil {
				_, _ = after.AddInclude("e-shopsmail2.com")
				reports = append(reports, c.Account(ctx, domain, after))
			}
			out := c.CheckHost(ctx, netip.MustParseAddr("198.51.100.7"), domain, "", domain)
			cancel()
			elapsed := time.Since(start)
			got := h.Queries()
			// What the output holds stays bounded too: the tree's nodes and
			// the JSON of each report.
			nodes, size := 0, 0
			for _, r := range reports {
				n := countNodes(r.Tree)
				nodes = max(nodes, n)
				size = max(size, len(r.AppendJSONFields(nil)))
				if n > spfcheck.MaxTreeNodes+maxMoreNodes {
					t.Errorf("a tree has %d nodes, bound %d", n, spfcheck.MaxTreeNodes+maxMoreNodes)
				}
			}
			if size > maxReportJSON {
				t.Errorf("a report's JSON has %d bytes, bound %d", size, maxReportJSON)
			}
			t.Logf("%s: %d queries, %v, status %s (%d lookups, void %d/%d), check_host %s; %d nodes, %d bytes of JSON; %d problems",
				shape, got, elapsed.Round(time.Millisecond), rep.Status, rep.Lookups, rep.VoidLookups4, rep.VoidLookups6, out.Result, nodes, size, len(rep.Problems))
			if len(rep.Problems) > spfcheck.MaxTreeProblems+4 {
				t.Errorf("%d problems", len(rep.Problems))
			}
			if got > spfcheck.MaxQueries {
				t.Errorf("the server got %d queries for one domain, bound %d", got, spfcheck.MaxQueries)
			}
			if elapsed > timeout+time.Second {
				t.Errorf("took %v, bound %v", elapsed, timeout)
			}
			switch shape {
			case "mx":
				// Within RFC 7208's limits: judged, not cut short.
				if rep.Status != "ok" || rep.Lookups != 10 || out.Result != spfcheck.Fail {
					t.Errorf("status %s (%d lookups), check_host %s (%v); want ok, 10, fail", rep.Status, rep.Lookups, out.Result, out.Err)
				}
			case "slow":
				// Within the limits, but the time ran out: temperror.
				if rep.Status != "temperror" || !hasProblem(rep, spfcheck.CodeDeadline) || out.Result != spfcheck.TempError {
					t.Errorf("status %s, check_host %s; want temperror for both, with the deadline problem (%q)", rep.Status, out.Result, rep.Errors)
				}
			case "slowwide":
				// Over the limit by what was counted before the time ran
				// out; check_host() had no time left.
				if rep.Status != "permerror" || !hasProblem(rep, spfcheck.CodeDeadline) || out.Result != spfcheck.TempError {
					t.Errorf("status %s, check_host %s; want permerror with the deadline problem, and temperror (%q)", rep.Status, out.Result, rep.Errors)
				}
			default:
				if rep.Status != "permerror" || out.Result != spfcheck.PermError {
					t.Errorf("status %s, check_host %s (%v); want permerror", rep.Status, out.Result, out.Err)
				}
			}
		})
	}
}

// Output bounds of one report: the nodes of its tree (MaxTreeNodes terms,
// plus one "more terms" node for each record followed, the domain's own
// and at most 100 included), and the bytes of its JSON (the domain's own
// record, up to 64 KiB over TCP, twice: as the record and as its terms;
// 100 included records cut at MaxTreeRecordText; the nodes, their terms
// cut at MaxTreeTermText).
const (
	maxMoreNodes  = 101
	maxReportJSON = 1 << 20
)

func countNodes(n *spfcheck.Node) int {
	c := 1
	for _, k := range n.Children {
		c += countNodes(k)
	}
	return c
}

func hasProblem(r *spfcheck.Report, code string) bool {
	for _, p := range r.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

// With a resolver that does not count its messages (here a fake), the
// budget counts the lookups asked; over the limits, accounting looks
// further with half of it only.
func TestBudgetWithoutQueryLimiter(t *testing.T) {
	var terms []string
	for i := range 300 {
		terms = append(terms, "include:i"+itoa(i)+".example")
	}
	zone := dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 " + strings.Join(terms, " ") + " -all"}}}
	for i := range 300 {
		zone.TXT["i"+itoa(i)+".example"] = []string{"v=spf1 a:x" + itoa(i) + ".example -all"}
	}
	fake := dnstest.NewFakeResolver(zone)
	c := &spfcheck.Checker{Resolver: fake}
	rep := c.Account(context.Background(), "shop.example", nil)
	if rep.Status != "permerror" || !hasProblem(rep, spfcheck.CodeTooManyLookups) {
		t.Fatalf("status %s, problems %q; want permerror over the limit", rep.Status, rep.Errors)
	}
	if rep.Lookups < 300 {
		t.Errorf("%d lookups counted; every include term counts, followed or not", rep.Lookups)
	}
	if n := fake.Total(); n > spfcheck.MaxQueries/2+1 {
		t.Errorf("%d lookups asked, want at most half the budget (%d)", n, spfcheck.MaxQueries/2)
	}
	// With the budget used up by other work on the domain, the walk stops.
	ctx, cancel := c.WithDomain(context.Background())
	defer cancel()
	for range spfcheck.MaxQueries {
		_ = c.CheckHost(ctx, netip.MustParseAddr("192.0.2.1"), "x.example", "", "x.example")
	}
	before := fake.Total()
	rep = c.Account(ctx, "shop.example", nil)
	if rep.Status != "temperror" || !hasProblem(rep, spfcheck.CodeQueryBudget) || fake.Total() != before {
		t.Errorf("budget used up: status %s, problems %q, %d lookups asked; want temperror with the budget problem, none asked",
			rep.Status, rep.Errors, fake.Total()-before)
	}
}

// A budget used up before the record is judged gives temperror with what
// was counted.
func TestBudgetBeforeVerdictIsTemperror(t *testing.T) {
	zone := dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 include:a.example include:b.example -all"},
		"a.example": {"v=spf1 -all"}, "b.example": {"v=spf1 -all"}}}
	c := &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(zone)}
	ctx, cancel := c.WithDomain(context.Background())
	defer cancel()
	for range spfcheck.MaxQueries - 2 { // use the budget up but two lookups
		_ = c.CheckHost(ctx, netip.MustParseAddr("192.0.2.1"), "x.example", "", "x.example")
	}
	rep := c.Account(ctx, "shop.example", nil)
	if rep.Status != "temperror" || rep.Lookups != 2 || !hasProblem(rep, spfcheck.CodeQueryBudget) {
		t.Fatalf("status %s, %d lookups, problems %q; want temperror, 2, budget", rep.Status, rep.Lookups, rep.Errors)
	}
}

// Issue 13: an a term of a host with only AAAA records is a void lookup
// for IPv4 senders (check_host() asks A only), and the other way round.
func TestVoidLookupsPerFamily(t *testing.T) {
	v6 := dnstest.Zone{
		TXT:  map[string][]string{"shop.example": {"v=spf1 a:h1.example a:h2.example a:h3.example -all"}},
		AAAA: map[string][]string{"h1.example": {"2001:db8::1"}, "h2.example": {"2001:db8::2"}, "h3.example": {"2001:db8::3"}},
	}
	v4 := dnstest.Zone{
		TXT: map[string][]string{"shop.example": {"v=spf1 a:h1.example a:h2.example a:h3.example -all"}},
		A:   map[string][]string{"h1.example": {"192.0.2.1"}, "h2.example": {"192.0.2.2"}, "h3.example": {"192.0.2.3"}},
	}
	for _, tc := range []struct {
		name        string
		zone        dnstest.Zone
		v4, v6      int
		ipv4, ipv6  spfcheck.Result
		problemPart string
	}{
		{"IPv6-only hosts", v6, 3, 0, spfcheck.PermError, spfcheck.Fail, "for IPv4 senders 3, for IPv6 senders 0"},
		{"IPv4-only hosts", v4, 0, 3, spfcheck.Fail, spfcheck.PermError, "for IPv4 senders 0, for IPv6 senders 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(tc.zone)}
			rep := c.Account(context.Background(), "shop.example", nil)
			if rep.VoidLookups4 != tc.v4 || rep.VoidLookups6 != tc.v6 || rep.VoidLookups != 3 || rep.Status != "permerror" || rep.LimitOK {
				t.Fatalf("void %d (IPv4 %d, IPv6 %d), status %s, limit_ok %v; want 3 (%d, %d), permerror, false",
					rep.VoidLookups, rep.VoidLookups4, rep.VoidLookups6, rep.Status, rep.LimitOK, tc.v4, tc.v6)
			}
			if !strings.Contains(strings.Join(rep.Errors, "\n"), tc.problemPart) {
				t.Errorf("errors %q do not give both families", rep.Errors)
			}
			// check_host() agrees for each family.
			for ip, want := range map[string]spfcheck.Result{"198.51.100.9": tc.ipv4, "2001:db8:ffff::9": tc.ipv6} {
				if got := c.CheckHost(context.Background(), netip.MustParseAddr(ip), "shop.example", "", "shop.example"); got.Result != want {
					t.Errorf("check_host(%s) = %s, want %s", ip, got.Result, want)
				}
			}
			// And so does a proposed record.
			rec := spfedit.MustParse("v=spf1 a:h1.example a:h2.example -all")
			if r := c.Account(context.Background(), "shop.example", rec); r.VoidLookups != 2 || r.Status != "ok" {
				t.Errorf("two such terms: void %d, status %s; want 2, ok", r.VoidLookups, r.Status)
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
