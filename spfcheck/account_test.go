package spfcheck_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// providerZone has google-, outlook- and sendgrid-like include chains.
func providerZone() dnstest.Zone {
	return dnstest.Zone{
		TXT: map[string][]string{
			"_spf.google.example":        {"v=spf1 include:_netblocks.google.example include:_netblocks2.google.example include:_netblocks3.google.example ~all"},
			"_netblocks.google.example":  {"v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ~all"},
			"_netblocks2.google.example": {"v=spf1 ip6:2001:4860:4000::/36 ~all"},
			"_netblocks3.google.example": {"v=spf1 ip4:172.217.0.0/19 ~all"},
			"spf.outlook.example":        {"v=spf1 include:spfd.outlook.example -all"},
			"spfd.outlook.example":       {"v=spf1 ip4:40.92.0.0/15 -all"},
			"sendgrid.example":           {"v=spf1 ip4:167.89.0.0/17 -all"},
			"e-shopsmail2.com":           {"v=spf1 ip4:203.0.113.0/24 -all"},
		},
	}
}

func merge(zs ...dnstest.Zone) dnstest.Zone {
	out := dnstest.Zone{TXT: map[string][]string{}, A: map[string][]string{}, AAAA: map[string][]string{},
		MX: map[string][]string{}, PTR: map[string][]string{}, Fail: map[string]bool{}, Exists: map[string]bool{}}
	for _, z := range zs {
		for k, v := range z.TXT {
			out.TXT[k] = v
		}
		for k, v := range z.A {
			out.A[k] = v
		}
		for k, v := range z.AAAA {
			out.AAAA[k] = v
		}
		for k, v := range z.MX {
			out.MX[k] = v
		}
		for k, v := range z.PTR {
			out.PTR[k] = v
		}
		for k, v := range z.Fail {
			out.Fail[k] = v
		}
		for k, v := range z.Exists {
			out.Exists[k] = v
		}
	}
	return out
}

// hostAddrs gives mx0.shop.example ... mx<n-1>.shop.example the address
// addr, in m (a new map when nil).
func hostAddrs(n int, addr string, m map[string][]string) map[string][]string {
	if m == nil {
		m = map[string][]string{}
	}
	for i := range n {
		m[fmt.Sprintf("mx%d.shop.example", i)] = []string{addr}
	}
	return m
}

func TestAccount(t *testing.T) {
	hosts := func(n int) []string {
		var h []string
		for i := 0; i < n; i++ {
			h = append(h, fmt.Sprintf("mx%d.shop.example", i))
		}
		return h
	}
	tests := []struct {
		name     string
		zone     dnstest.Zone
		domain   string
		status   string
		lookups  int
		voids    int
		limitOK  bool
		errorHas string
	}{
		{"no record", dnstest.Zone{TXT: map[string][]string{"shop.example": {"google-site-verification=x"}}}, "shop.example", "none", 0, 0, true, ""},
		{"nxdomain", dnstest.Zone{}, "shop.example", "none", 0, 0, true, ""},
		{"ip only", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 ip4:192.0.2.0/24 -all"}}}, "shop.example", "ok", 0, 0, true, ""},
		{"nested includes", merge(providerZone(), dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 include:_spf.google.example include:spf.outlook.example include:sendgrid.example ~all"}}}),
			"shop.example", "ok", 7, 0, true, ""},
		{"redirect counts", merge(providerZone(), dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 redirect=_spf.google.example"}}}),
			"shop.example", "ok", 4, 0, true, ""},
		{"redirect beside all is free", merge(providerZone(), dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 -all redirect=_spf.google.example"}}}),
			"shop.example", "ok", 0, 0, true, ""},
		{"terms after all are free", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 -all a mx"}}}, "shop.example", "ok", 0, 0, true, ""},
		{"a and mx with many hosts", dnstest.Zone{
			TXT: map[string][]string{"shop.example": {"v=spf1 a mx -all"}},
			MX:  map[string][]string{"shop.example": hosts(10)},
			// The hosts have both families: none of them is void.
			A:    hostAddrs(10, "192.0.2.1", map[string][]string{"shop.example": {"192.0.2.1"}}),
			AAAA: hostAddrs(10, "2001:db8::1", nil),
		}, "shop.example", "ok", 2, 1, true, ""}, // the shop has no AAAA: void for IPv6 senders
		{"more than 10 MX", dnstest.Zone{
			TXT: map[string][]string{"shop.example": {"v=spf1 mx -all"}},
			MX:  map[string][]string{"shop.example": hosts(11)},
		}, "shop.example", "permerror", 1, 0, true, "11 MX records"},
		{"two void lookups are fine", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 a:gone1.example exists:gone2.example -all"}}},
			"shop.example", "ok", 2, 2, true, ""},
		{"three void lookups", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 a:gone1.example exists:gone2.example mx:gone3.example -all"}}},
			"shop.example", "permerror", 3, 3, false, "void lookups"},
		{"void inside include counts", dnstest.Zone{TXT: map[string][]string{
			"shop.example": {"v=spf1 a:gone1.example include:inc.example -all"},
			"inc.example":  {"v=spf1 a:gone2.example a:gone3.example -all"}}},
			"shop.example", "permerror", 4, 3, false, "void lookups"},
		{"eleven lookups", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 " + strings.Repeat("exists:%{i}.bl.example ", 11) + "-all"}}},
			"shop.example", "permerror", 11, 0, false, "over the limit of 10"},
		{"ten lookups are fine", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 " + strings.Repeat("exists:%{i}.bl.example ", 10) + "-all"}}},
			"shop.example", "ok", 10, 0, true, ""},
		{"include loop", dnstest.Zone{TXT: map[string][]string{
			"shop.example": {"v=spf1 include:a.example -all"},
			"a.example":    {"v=spf1 include:b.example -all"},
			"b.example":    {"v=spf1 include:A.example. -all"}}},
			"shop.example", "permerror", 3, 0, true, "loop"},
		{"redirect to self", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 redirect=shop.example"}}},
			"shop.example", "permerror", 1, 0, true, "loop"},
		{"include without record", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 include:nospf.example -all"}, "nospf.example": {"hello"}}},
			"shop.example", "permerror", 1, 0, true, "has no SPF record"},
		{"include with syntax error", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 include:bad.example -all"}, "bad.example": {"v=spf1 ip4:300.0.0.1 -all"}}},
			"shop.example", "permerror", 1, 0, true, "ip4:300.0.0.1"},
		{"two records", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 -all", "v=spf1 a -all"}}},
			"shop.example", "permerror", 0, 0, true, "more than one"},
		{"include temperror", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 include:down.example -all"}}, Fail: map[string]bool{"down.example": true}},
			"shop.example", "temperror", 1, 0, true, "DNS lookup failed"},
		{"ptr counts, not followed", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 ptr -all"}}}, "shop.example", "ok", 1, 0, true, ""},
		{"d macro is followed", merge(providerZone(), dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 include:_spf.%{d} -all"}, "_spf.shop.example": {"v=spf1 include:sendgrid.example -all"}}}),
			"shop.example", "ok", 2, 0, true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(tc.zone)}
			rep := c.Account(context.Background(), tc.domain, nil)
			if rep.Status != tc.status || rep.Lookups != tc.lookups || rep.VoidLookups != tc.voids || rep.LimitOK != tc.limitOK {
				t.Fatalf("status %s lookups %d voids %d limit_ok %v; want %s %d %d %v\nerrors: %v",
					rep.Status, rep.Lookups, rep.VoidLookups, rep.LimitOK, tc.status, tc.lookups, tc.voids, tc.limitOK, rep.Errors)
			}
			if tc.errorHas != "" && !strings.Contains(strings.Join(rep.Errors, "\n"), tc.errorHas) {
				t.Errorf("errors %q do not mention %q", rep.Errors, tc.errorHas)
			}
			if tc.errorHas == "" && len(rep.Errors) > 0 {
				t.Errorf("unexpected errors %q", rep.Errors)
			}
			if _, err := json.Marshal(rep); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestAccountProposedRecord(t *testing.T) {
	zone := merge(providerZone(), dnstest.Zone{TXT: map[string][]string{
		"shop.example": {"v=spf1 include:_spf.google.example include:spf.outlook.example include:sendgrid.example mx a ~all"}},
		A: map[string][]string{"shop.example": {"192.0.2.1"}}, MX: map[string][]string{"shop.example": {"mx.shop.example"}}})
	c := &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(zone)}
	before := c.Account(context.Background(), "shop.example", nil)
	if before.Lookups != 9 || before.Status != "ok" {
		t.Fatalf("before: %d %s %v", before.Lookups, before.Status, before.Errors)
	}
	rec := spfedit.MustParse(before.Record)
	rec.AddInclude("e-shopsmail2.com")
	after := c.Account(context.Background(), "shop.example", rec)
	if after.Lookups != 10 || !after.LimitOK || after.Record != rec.String() {
		t.Fatalf("after: %d %v %q", after.Lookups, after.LimitOK, after.Record)
	}
	rec.AddInclude("sendgrid2.example")
	over := c.Account(context.Background(), "shop.example", rec)
	if over.Lookups != 11 || over.LimitOK || over.Status != "permerror" {
		t.Fatalf("over: %d %v %s", over.Lookups, over.LimitOK, over.Status)
	}
	cost := over.Costliest(2)
	if len(cost) != 2 || cost[0] != "include:_spf.google.example (4)" || cost[1] != "include:spf.outlook.example (2)" {
		t.Fatalf("costliest %q", cost)
	}
}

// Every distinct (name, type) is asked once per Checker, however many domains
// share an include and however many goroutines ask at once.
func TestAccountQueriesSharedIncludesOnce(t *testing.T) {
	zone := merge(providerZone(), dnstest.Zone{TXT: map[string][]string{}})
	for i := 0; i < 200; i++ {
		zone.TXT[fmt.Sprintf("shop%d.example", i)] = []string{"v=spf1 include:_spf.google.example include:spf.outlook.example ~all"}
	}
	fake := dnstest.NewFakeResolver(zone)
	c := &spfcheck.Checker{Resolver: fake}
	var wg sync.WaitGroup
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if rep := c.Account(context.Background(), fmt.Sprintf("shop%d.example", i), nil); rep.Lookups != 6 {
				t.Errorf("shop%d: %d lookups", i, rep.Lookups)
			}
		}()
	}
	wg.Wait()
	// The fake resolver has no cache of its own; the checker's subtree cache
	// must keep shared includes to a handful of repeats even under races.
	if n := fake.Queries("TXT", "_netblocks.google.example"); n > 4 {
		t.Errorf("_netblocks.google.example asked %d times", n)
	}
}

func TestCheckHostLimits(t *testing.T) {
	tests := []struct {
		name   string
		zone   dnstest.Zone
		ip     string
		result spfcheck.Result
	}{
		{"pass through nested include", merge(providerZone(), dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 include:_spf.google.example -all"}}}), "64.233.160.5", spfcheck.Pass},
		{"fail", merge(providerZone(), dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 include:_spf.google.example -all"}}}), "198.51.100.1", spfcheck.Fail},
		{"platform include passes", merge(providerZone(), dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"}}}), "203.0.113.9", spfcheck.Pass},
		{"without it softfail", merge(providerZone(), dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 +ip4:192.0.2.0/24 ~all"}}}), "203.0.113.9", spfcheck.SoftFail},
		{"eleventh lookup", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 " + strings.Repeat("a:x.example ", 11) + "-all"}}, A: map[string][]string{"x.example": {"192.0.2.1"}}}, "198.51.100.1", spfcheck.PermError},
		{"third void", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 a:g1.example a:g2.example a:g3.example -all"}}}, "198.51.100.1", spfcheck.PermError},
		{"dns failure", dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 a:down.example -all"}}, Fail: map[string]bool{"down.example": true}}, "198.51.100.1", spfcheck.TempError},
		{"no record", dnstest.Zone{}, "198.51.100.1", spfcheck.None},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(tc.zone)}
			out := c.CheckHost(context.Background(), netip.MustParseAddr(tc.ip), "shop.example", "info@shop.example", "mail.shop.example")
			if out.Result != tc.result {
				t.Fatalf("result %s, want %s (%v)", out.Result, tc.result, out.Err)
			}
		})
	}
}

func TestCheckHostDefaultExplanation(t *testing.T) {
	c := &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 -all"}}})}
	out := c.CheckHost(context.Background(), netip.MustParseAddr("198.51.100.7"), "shop.example", "info@shop.example", "h.example")
	if want := "shop.example does not designate 198.51.100.7 as a permitted sender for info@shop.example"; out.Explanation != want {
		t.Fatalf("explanation %q, want %q", out.Explanation, want)
	}
}

// wildResolver answers every name under evil.test with a record that
// includes two new names built with %{d}: without a bound the walk would
// grow exponentially (each level's names are new, so nothing is cached).
type wildResolver struct {
	mu sync.Mutex
	n  int
}

func (w *wildResolver) LookupTXT(ctx context.Context, name string) ([]string, error) {
	w.mu.Lock()
	w.n++
	w.mu.Unlock()
	return []string{"v=spf1 include:a.%{d} include:b.%{d} ~all"}, nil
}
func (w *wildResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}
func (w *wildResolver) LookupMX(ctx context.Context, name string) ([]*net.MX, error) {
	return nil, &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
}
func (w *wildResolver) LookupAddr(ctx context.Context, addr string) ([]string, error) {
	return nil, &net.DNSError{Err: "no such host", Name: addr, IsNotFound: true}
}

func TestAccountBoundedOnExplodingIncludes(t *testing.T) {
	w := &wildResolver{}
	c := &spfcheck.Checker{Resolver: w}
	done := make(chan *spfcheck.Report)
	go func() { done <- c.Account(context.Background(), "evil.test", nil) }()
	select {
	case rep := <-done:
		if rep.Status != "permerror" || rep.LimitOK || rep.Lookups <= spfcheck.MaxLookups {
			t.Fatalf("status %s lookups %d limit_ok %v", rep.Status, rep.Lookups, rep.LimitOK)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Account did not finish: the walk is unbounded")
	}
	if w.n > 200 {
		t.Fatalf("%d TXT queries for one domain", w.n)
	}
}

// A subtree served from the cache of included records counts against
// MaxTreeNodes like the tree's own nodes: an include met again in the
// tree, or one that no longer fits, is shown without its terms, with a
// note, and still costs its lookups (issue 13 review, item 2).
func TestCachedSubtreesCountAgainstTheTree(t *testing.T) {
	var ip4s strings.Builder
	for i := range 900 {
		fmt.Fprintf(&ip4s, " ip4:10.0.%d.%d", i/256, i%256)
	}
	zone := dnstest.Zone{TXT: map[string][]string{
		"shop.example":  {"v=spf1" + strings.Repeat(" include:big.example", 100) + " -all"},
		"big.example":   {"v=spf1" + ip4s.String() + " -all"},
		"warm.example":  {"v=spf1 include:big.example -all"},
		"other.example": {"v=spf1" + strings.Repeat(" ip4:192.0.2.1", 200) + " include:big.example -all"},
		"small.example": {"v=spf1 include:big.example -all"},
	}}
	c := &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(zone)}
	rep := c.Account(context.Background(), "shop.example", nil)
	if n := countNodes(rep.Tree); n > spfcheck.MaxTreeNodes+2 {
		t.Errorf("%d nodes, bound %d", n, spfcheck.MaxTreeNodes+2)
	}
	if size := len(rep.AppendJSONFields(nil)); size > 200<<10 {
		t.Errorf("%d bytes of JSON", size)
	}
	if rep.Lookups != 100 {
		t.Errorf("%d lookups, want 100: every include counts, shown or not", rep.Lookups)
	}
	kids := rep.Tree.Children
	if len(kids[0].Children) != 901 || kids[0].Record == "" {
		t.Errorf("first include: %d children, record %v; want 901 and the record", len(kids[0].Children), kids[0].Record != "")
	}
	again := 0
	for _, k := range kids[1:] {
		if k.NoteCode == spfcheck.NoteMoreTerms {
			continue // past MaxTreeNodes, the last terms are counted in one node
		}
		again++
		if len(k.Children) != 0 || k.Record != "" || k.NoteCode != spfcheck.NoteShownAbove || k.Lookups != 1 || k.Domain != "big.example" {
			t.Fatalf("include met again: %d children, record %q, note %q (%s), %d lookups; want the bare node noted shown-above, 1 lookup",
				len(k.Children), k.Record, k.NoteCode, k.Note, k.Lookups)
		}
	}
	if again < 90 {
		t.Errorf("%d includes met again shown, want about 98", again)
	}
	// From the cache, into a tree with room: shown whole; without room: bare.
	c = &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(zone)}
	c.Account(context.Background(), "warm.example", nil)
	if r := c.Account(context.Background(), "small.example", nil); len(r.Tree.Children[0].Children) != 901 {
		t.Errorf("cached subtree in a tree with room: %d children, want 901", len(r.Tree.Children[0].Children))
	}
	r := c.Account(context.Background(), "other.example", nil)
	inc := r.Tree.Children[200]
	if inc.NoteCode != spfcheck.NoteTreeFull || len(inc.Children) != 0 || inc.Lookups != 1 || countNodes(r.Tree) > spfcheck.MaxTreeNodes+1 {
		t.Errorf("cached subtree past the bound: note %q, %d children, %d lookups, %d nodes; want tree-full, 0, 1, at most %d",
			inc.NoteCode, len(inc.Children), inc.Lookups, countNodes(r.Tree), spfcheck.MaxTreeNodes+1)
	}
	// The terms of an included record are cut at MaxTreeTermText.
	long := dnstest.Zone{TXT: map[string][]string{"shop.example": {"v=spf1 include:l.example -all"},
		"l.example": {"v=spf1 x=" + strings.Repeat("a", 3000) + " -all"}}}
	c = &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(long)}
	r = c.Account(context.Background(), "shop.example", nil)
	if term := r.Tree.Children[0].Children[0].Term; len(term) != spfcheck.MaxTreeTermText+3 || !strings.HasSuffix(term, "...") {
		t.Errorf("a 3,002-byte term of an included record shown as %d bytes", len(term))
	}
}
