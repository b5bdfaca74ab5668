package resolver_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// The resolver satisfies the interface spfcheck consumes.
var _ spfcheck.Resolver = (*resolver.Resolver)(nil)

func asDNSError(t *testing.T, err error) *net.DNSError {
	t.Helper()
	var de *net.DNSError
	if !errors.As(err, &de) {
		t.Fatalf("error %v (%T) is not a *net.DNSError", err, err)
	}
	return de
}

func TestLookupTXT(t *testing.T) {
	f := newFakeDNS(t)
	f.addZone(t, "example.com.")
	f.add(t,
		txtLine("plain.example.com.", `"v=spf1 -all"`),
		txtLine("joined.example.com.", `"v=spf1 include:a.example "`, `"include:b.example ~all"`),
		txtLine("quote.example.com.", `"say \"hi\""`),
		txtLine("backslash.example.com.", `"a\\b"`, `"\\"`),
		txtLine("byte.example.com.", `"caf\233"`, `"\000\255"`),
		txtLine("order.example.com.", `"first"`),
		txtLine("order.example.com.", `"second"`),
		txtLine("order.example.com.", `"third"`),
		txtLine("mixed.example.com.", `"v=spf1"`),
		txtLine("mixed.example.com.", `""`),
	)
	f.addRR(&dns.TXT{Hdr: dns.RR_Header{Name: "empty.example.com.", Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 300}, Txt: []string{}})
	r := newResolver(t, resolver.Config{}, f.Addr)

	tests := []struct {
		name    string
		qname   string
		want    []string
		strings [][]string
	}{
		{"one string", "plain.example.com", []string{"v=spf1 -all"}, [][]string{{"v=spf1 -all"}}},
		{"strings joined without separator", "joined.example.com.", []string{"v=spf1 include:a.example include:b.example ~all"},
			[][]string{{"v=spf1 include:a.example ", "include:b.example ~all"}}},
		{"double quote decoded", "quote.example.com", []string{`say "hi"`}, [][]string{{`say "hi"`}}},
		{"backslash decoded", "backslash.example.com", []string{`a\b\`}, [][]string{{`a\b`, `\`}}},
		{"non-ASCII and control bytes raw", "byte.example.com", []string{"caf\xe9\x00\xff"}, [][]string{{"caf\xe9", "\x00\xff"}}},
		{"answer order kept", "order.example.com", []string{"first", "second", "third"}, [][]string{{"first"}, {"second"}, {"third"}}},
		{"empty string record", "mixed.example.com", []string{"v=spf1", ""}, [][]string{{"v=spf1"}, {""}}},
		{"record with zero strings", "empty.example.com", []string{""}, [][]string{{}}},
		{"upper-case name", "PLAIN.Example.COM", []string{"v=spf1 -all"}, [][]string{{"v=spf1 -all"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.LookupTXT(context.Background(), tt.qname)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("LookupTXT = %q, want %q", got, tt.want)
			}
			gotS, err := r.LookupTXTStrings(context.Background(), tt.qname)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotS, tt.strings) {
				t.Errorf("LookupTXTStrings = %q, want %q", gotS, tt.strings)
			}
		})
	}
}

func TestLookupErrors(t *testing.T) {
	f := newFakeDNS(t)
	f.addZone(t, "example.com.")
	f.add(t, "a.example.com. 300 IN A 192.0.2.1")
	f.set(func(f *fakeDNS) {
		f.rcode["servfail.example.com."] = dns.RcodeServerFailure
		f.rcode["refused.example.com."] = dns.RcodeRefused
		f.rcode["notimp.example.com."] = dns.RcodeNotImplemented
	})
	silent := silentAddr(t)

	tests := []struct {
		name                         string
		server                       string
		qname                        string
		notFound, temporary, timeout bool
		sentinel                     error
		errText                      string
	}{
		{"NXDOMAIN", f.Addr, "nope.example.com", true, false, false, resolver.ErrNXDOMAIN, "NXDOMAIN"},
		{"NODATA", f.Addr, "a.example.com", true, false, false, resolver.ErrNODATA, "no TXT records"},
		{"SERVFAIL", f.Addr, "servfail.example.com", false, true, false, resolver.ErrServer, "SERVFAIL"},
		{"REFUSED", f.Addr, "refused.example.com", false, true, false, resolver.ErrServer, "REFUSED"},
		{"other rcode", f.Addr, "notimp.example.com", false, true, false, resolver.ErrServer, "NOTIMP"},
		{"server never answers", silent, "a.example.com", false, true, true, nil, "timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newResolver(t, resolver.Config{Timeout: 200 * time.Millisecond}, tt.server)
			start := time.Now()
			_, err := r.LookupTXT(context.Background(), tt.qname)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("lookup took %v", d)
			}
			de := asDNSError(t, err)
			if de.IsNotFound != tt.notFound || de.IsTemporary != tt.temporary || de.IsTimeout != tt.timeout {
				t.Errorf("IsNotFound=%v IsTemporary=%v IsTimeout=%v, want %v %v %v (%v)",
					de.IsNotFound, de.IsTemporary, de.IsTimeout, tt.notFound, tt.temporary, tt.timeout, err)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.sentinel)
			}
			if de.Name != tt.qname || de.Server != tt.server {
				t.Errorf("Name, Server = %q, %q, want %q, %q", de.Name, de.Server, tt.qname, tt.server)
			}
			if !strings.Contains(err.Error(), tt.errText) || !strings.Contains(err.Error(), tt.qname) {
				t.Errorf("error %q does not mention %q and the name", err, tt.errText)
			}
		})
	}
}

func TestUnreachablePort(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := pc.LocalAddr().String()
	pc.Close() // nothing listens: the kernel refuses the datagrams
	r := newResolver(t, resolver.Config{Timeout: 200 * time.Millisecond}, addr)
	_, err = r.LookupTXT(context.Background(), "example.com")
	if de := asDNSError(t, err); !de.IsTemporary || de.IsNotFound || de.Server != addr {
		t.Errorf("err = %v, want temporary from %s", err, addr)
	}
}

func TestRetriesAndServerOrder(t *testing.T) {
	f := newFakeDNS(t)
	f.add(t, txtLine("a.example.", `"ok"`))
	f.set(func(f *fakeDNS) { f.rcode["servfail.example."] = dns.RcodeServerFailure })
	silent := silentAddr(t)

	tests := []struct {
		name     string
		retries  int
		servers  []string
		qname    string
		wantErr  bool
		wantSent int64
	}{
		{"default one retry", 0, []string{silent}, "a.example", true, 2},
		{"no retry", -1, []string{silent}, "a.example", true, 1},
		{"two retries", 2, []string{silent}, "a.example", true, 3},
		{"next server after a timeout", 0, []string{silent, f.Addr}, "a.example", false, 2},
		{"SERVFAIL is not retried on the same server", 3, []string{f.Addr}, "servfail.example", true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newResolver(t, resolver.Config{Timeout: 100 * time.Millisecond, Retries: tt.retries}, tt.servers...)
			_, err := r.LookupTXT(context.Background(), tt.qname)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if got := r.Stats().Sent; got != tt.wantSent {
				t.Errorf("Sent = %d, want %d", got, tt.wantSent)
			}
		})
	}
}

func TestTruncationFallsBackToTCP(t *testing.T) {
	f := newFakeDNS(t)
	var want []string
	for i := range 40 {
		s := strings.Repeat(string(rune('a'+i%26)), 200)
		want = append(want, s)
		f.add(t, txtLine("big.example.", `"`+s+`"`))
	}
	f.set(func(f *fakeDNS) { f.truncate["big.example."] = true })
	r := newResolver(t, resolver.Config{}, f.Addr)
	got, err := r.LookupTXT(context.Background(), "big.example")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %d records, want %d in order", len(got), len(want))
	}
	var nets []string
	for _, q := range f.queries() {
		nets = append(nets, q.Net)
	}
	if !reflect.DeepEqual(nets, []string{"udp", "tcp"}) {
		t.Errorf("server saw %v, want [udp tcp]", nets)
	}
	if s := r.Stats(); s.Sent != 2 {
		t.Errorf("Sent = %d, want 2 (UDP + TCP)", s.Sent)
	}
}

func TestQueryShape(t *testing.T) {
	tests := []struct {
		name    string
		udpSize uint16
		want    uint16
	}{
		{"default EDNS0 size", 0, 1232},
		{"configured EDNS0 size", 4096, 4096},
		{"size raised to 512", 100, 512},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeDNS(t)
			f.add(t, "a.example. 300 IN A 192.0.2.1")
			r := newResolver(t, resolver.Config{UDPSize: tt.udpSize}, f.Addr)
			if _, err := r.LookupNetIP(context.Background(), "ip4", "a.example"); err != nil {
				t.Fatal(err)
			}
			qs := f.queries()
			if len(qs) != 1 {
				t.Fatalf("server saw %d queries, want 1", len(qs))
			}
			q := qs[0]
			if q.OPT == nil {
				t.Fatal("query has no EDNS0 OPT record")
			}
			if q.OPT.UDPSize() != tt.want || q.OPT.Do() {
				t.Errorf("OPT size %d DO %v, want %d false", q.OPT.UDPSize(), q.OPT.Do(), tt.want)
			}
			if !q.RD || q.Net != "udp" || q.Type != dns.TypeA {
				t.Errorf("RD=%v net=%s type=%d, want RD over udp for A", q.RD, q.Net, q.Type)
			}
		})
	}
}

func TestCNAME(t *testing.T) {
	records := []string{
		"a.example. 300 IN CNAME b.example.",
		"b.example. 300 IN CNAME C.Example.",
		txtLine("c.example.", `"at c"`),
		"loop1.example. 300 IN CNAME loop2.example.",
		"loop2.example. 300 IN CNAME LOOP1.example.",
		"self.example. 300 IN CNAME self.example.",
		"dangling.example. 300 IN CNAME missing.example.",
		"nodata.example. 300 IN CNAME c.example.",
		"h0.example. 300 IN CNAME h1.example.",
		"h1.example. 300 IN CNAME h2.example.",
		"h2.example. 300 IN CNAME h3.example.",
		"h3.example. 300 IN CNAME h4.example.",
		"h4.example. 300 IN CNAME h5.example.",
		"h5.example. 300 IN CNAME h6.example.",
		"h6.example. 300 IN CNAME h7.example.",
		"h7.example. 300 IN CNAME h8.example.",
		txtLine("h8.example.", `"eight hops"`),
		"g0.example. 300 IN CNAME h0.example.",
	}
	tests := []struct {
		name     string
		chase    bool // the server includes the chain
		qname    string
		qtype    uint16
		want     []string
		sentinel error
		notFound bool
		queries  int
	}{
		{"chain in one answer", true, "a.example", dns.TypeTXT, []string{"at c"}, nil, false, 1},
		{"chain asked hop by hop", false, "a.example", dns.TypeTXT, []string{"at c"}, nil, false, 3},
		{"loop in one answer", true, "loop1.example", dns.TypeTXT, nil, resolver.ErrCNAMELoop, false, 1},
		{"loop hop by hop", false, "loop1.example", dns.TypeTXT, nil, resolver.ErrCNAMELoop, false, 2},
		{"CNAME to itself", false, "self.example", dns.TypeTXT, nil, resolver.ErrCNAMELoop, false, 1},
		{"target does not exist", true, "dangling.example", dns.TypeTXT, nil, resolver.ErrNXDOMAIN, true, 1},
		{"target does not exist, hop by hop", false, "dangling.example", dns.TypeTXT, nil, resolver.ErrNXDOMAIN, true, 2},
		{"target has no data", true, "nodata.example", dns.TypeA, nil, resolver.ErrNODATA, true, 1},
		{"eight hops followed", false, "h0.example", dns.TypeTXT, []string{"eight hops"}, nil, false, 9},
		{"nine hops refused", false, "g0.example", dns.TypeTXT, nil, resolver.ErrCNAMEChain, false, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeDNS(t)
			f.addZone(t, "example.")
			f.add(t, records...)
			f.set(func(f *fakeDNS) { f.chase = tt.chase })
			r := newResolver(t, resolver.Config{}, f.Addr)
			var got []string
			var err error
			if tt.qtype == dns.TypeTXT {
				got, err = r.LookupTXT(context.Background(), tt.qname)
			} else {
				_, err = r.LookupNetIP(context.Background(), "ip4", tt.qname)
			}
			if tt.sentinel == nil {
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("got %q, want %q", got, tt.want)
				}
			} else {
				de := asDNSError(t, err)
				if !errors.Is(err, tt.sentinel) || de.IsNotFound != tt.notFound || de.IsTemporary {
					t.Errorf("err = %v (notfound %v temporary %v), want %v notfound %v", err, de.IsNotFound, de.IsTemporary, tt.sentinel, tt.notFound)
				}
				if de.Name != tt.qname {
					t.Errorf("Name = %q, want %q", de.Name, tt.qname)
				}
			}
			if n := len(f.queries()); n != tt.queries {
				t.Errorf("server saw %d queries, want %d", n, tt.queries)
			}
		})
	}
}

func TestLookupCNAME(t *testing.T) {
	f := newFakeDNS(t)
	f.addZone(t, "example.")
	f.add(t, "www.example. 300 IN CNAME shop.host.example.", "shop.host.example. 300 IN A 192.0.2.7")
	r := newResolver(t, resolver.Config{}, f.Addr)
	tests := []struct {
		name, qname, target string
		ok                  bool
	}{
		{"alias", "www.example", "shop.host.example.", true},
		{"not an alias", "shop.host.example", "", false},
		{"no such name", "nope.example", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target, ok, err := r.LookupCNAME(context.Background(), tt.qname)
			if err != nil || target != tt.target || ok != tt.ok {
				t.Errorf("LookupCNAME = %q, %v, %v; want %q, %v, nil", target, ok, err, tt.target, tt.ok)
			}
		})
	}
}

func TestLookupMX(t *testing.T) {
	f := newFakeDNS(t)
	f.addZone(t, "example.")
	f.add(t,
		"order.example. 300 IN MX 20 mx2.example.",
		"order.example. 300 IN MX 10 mx1.example.",
		"order.example. 300 IN MX 30 Mx3.Example.",
		"null.example. 300 IN MX 0 .",
	)
	r := newResolver(t, resolver.Config{}, f.Addr)
	tests := []struct {
		name, qname string
		want        []net.MX
	}{
		{"answer order kept", "order.example", []net.MX{{Host: "mx2.example.", Pref: 20}, {Host: "mx1.example.", Pref: 10}, {Host: "Mx3.Example.", Pref: 30}}},
		{"null MX", "null.example", []net.MX{{Host: ".", Pref: 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.LookupMX(context.Background(), tt.qname)
			if err != nil {
				t.Fatal(err)
			}
			var g []net.MX
			for _, mx := range got {
				g = append(g, *mx)
			}
			if !reflect.DeepEqual(g, tt.want) {
				t.Errorf("got %v, want %v", g, tt.want)
			}
		})
	}
}

func TestLookupAddr(t *testing.T) {
	f := newFakeDNS(t)
	f.add(t,
		"1.2.0.192.in-addr.arpa. 300 IN PTR z.example.",
		"1.2.0.192.in-addr.arpa. 300 IN PTR a.example.",
		"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. 300 IN PTR v6.example.",
	)
	r := newResolver(t, resolver.Config{}, f.Addr)
	tests := []struct {
		name, addr string
		want       []string
	}{
		{"IPv4, answer order kept", "192.0.2.1", []string{"z.example.", "a.example."}},
		{"IPv4-mapped IPv6", "::ffff:192.0.2.1", []string{"z.example.", "a.example."}},
		{"IPv6", "2001:db8::1", []string{"v6.example."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.LookupAddr(context.Background(), tt.addr)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("not an address", func(t *testing.T) {
		_, err := r.LookupAddr(context.Background(), "example.com")
		if de := asDNSError(t, err); de.Name != "example.com" {
			t.Errorf("Name = %q", de.Name)
		}
	})
	t.Run("no PTR", func(t *testing.T) {
		_, err := r.LookupAddr(context.Background(), "192.0.2.99")
		if de := asDNSError(t, err); !de.IsNotFound || de.Name != "192.0.2.99" {
			t.Errorf("err = %v, want not found for the address", err)
		}
	})
}

func TestLookupNetIP(t *testing.T) {
	f := newFakeDNS(t)
	f.addZone(t, "example.")
	f.add(t,
		"both.example. 300 IN A 192.0.2.2",
		"both.example. 300 IN A 192.0.2.1",
		"both.example. 300 IN AAAA 2001:db8::1",
		"v6.example. 300 IN AAAA 2001:db8::2",
	)
	r := newResolver(t, resolver.Config{}, f.Addr)
	mk := func(ss ...string) []netip.Addr {
		var out []netip.Addr
		for _, s := range ss {
			out = append(out, netip.MustParseAddr(s))
		}
		return out
	}
	tests := []struct {
		name, network, host string
		want                []netip.Addr
		notFound            bool
	}{
		{"A in answer order", "ip4", "both.example", mk("192.0.2.2", "192.0.2.1"), false},
		{"AAAA", "ip6", "both.example", mk("2001:db8::1"), false},
		{"both", "ip", "both.example", mk("192.0.2.2", "192.0.2.1", "2001:db8::1"), false},
		{"ip with only AAAA", "ip", "v6.example", mk("2001:db8::2"), false},
		{"no A", "ip4", "v6.example", nil, true},
		{"ip with nothing", "ip", "nope.example", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.LookupNetIP(context.Background(), tt.network, tt.host)
			if tt.notFound {
				if de := asDNSError(t, err); !de.IsNotFound {
					t.Errorf("err = %v, want not found", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("unsupported network", func(t *testing.T) {
		_, err := r.LookupNetIP(context.Background(), "tcp", "both.example")
		if de := asDNSError(t, err); de.IsNotFound || de.IsTemporary {
			t.Errorf("err = %v", err)
		}
	})
}

func TestConcurrentIdenticalQueriesCollapse(t *testing.T) {
	f := newFakeDNS(t)
	f.add(t, txtLine("shared.example.", `"v=spf1 -all"`))
	f.set(func(f *fakeDNS) { f.delay = 50 * time.Millisecond })
	r := newResolver(t, resolver.Config{}, f.Addr)
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for range 50 {
		wg.Go(func() {
			got, err := r.LookupTXT(context.Background(), "Shared.Example")
			if err == nil && (len(got) != 1 || got[0] != "v=spf1 -all") {
				err = errors.New("wrong answer " + strings.Join(got, "|"))
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := f.count("shared.example.", dns.TypeTXT); n != 1 {
		t.Errorf("server saw %d queries, want 1", n)
	}
	want := resolver.Stats{Sent: 1, Unique: 1, CacheHits: 49, Cached: 1}
	if got := r.Stats(); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

func TestCaching(t *testing.T) {
	f := newFakeDNS(t)
	f.addZone(t, "example.")
	f.add(t, "a.example. 300 IN A 192.0.2.1", txtLine("a.example.", `"x"`))
	f.set(func(f *fakeDNS) { f.rcode["fail.example."] = dns.RcodeServerFailure })
	r := newResolver(t, resolver.Config{}, f.Addr)
	ctx := context.Background()
	lookup := func(name string) error { _, err := r.LookupTXT(ctx, name); return err }

	t.Run("NXDOMAIN cached", func(t *testing.T) {
		for range 3 {
			if err := lookup("nope.example"); !asDNSError(t, err).IsNotFound {
				t.Fatal(err)
			}
		}
		if n := f.count("nope.example.", dns.TypeTXT); n != 1 {
			t.Errorf("server saw %d queries, want 1", n)
		}
	})
	t.Run("NODATA cached", func(t *testing.T) {
		for range 3 {
			if _, err := r.LookupMX(ctx, "a.example"); !asDNSError(t, err).IsNotFound {
				t.Fatal(err)
			}
		}
		if n := f.count("a.example.", dns.TypeMX); n != 1 {
			t.Errorf("server saw %d queries, want 1", n)
		}
	})
	t.Run("positive cached per type", func(t *testing.T) {
		for range 3 {
			if err := lookup("A.EXAMPLE."); err != nil {
				t.Fatal(err)
			}
			if _, err := r.LookupNetIP(ctx, "ip4", "a.example"); err != nil {
				t.Fatal(err)
			}
		}
		if a, txt := f.count("a.example.", dns.TypeA), f.count("a.example.", dns.TypeTXT); a != 1 || txt != 1 {
			t.Errorf("server saw %d A and %d TXT queries, want 1 each", a, txt)
		}
	})
	t.Run("temporary errors not cached", func(t *testing.T) {
		for range 3 {
			if err := lookup("fail.example"); !asDNSError(t, err).IsTemporary {
				t.Fatal(err)
			}
		}
		if n := f.count("fail.example.", dns.TypeTXT); n != 3 {
			t.Errorf("server saw %d queries, want 3", n)
		}
	})
	t.Run("Forget drops one name", func(t *testing.T) {
		f.add(t, txtLine("nope.example.", `"now here"`))
		r.Forget("NOPE.example.")
		got, err := r.LookupTXT(ctx, "nope.example")
		if err != nil || !reflect.DeepEqual(got, []string{"now here"}) {
			t.Fatalf("after Forget: %q, %v", got, err)
		}
		if err := lookup("a.example"); err != nil {
			t.Fatal(err)
		}
		if n := f.count("a.example.", dns.TypeTXT); n != 1 {
			t.Errorf("Forget of another name dropped a.example: %d queries", n)
		}
	})
	t.Run("Flush drops all", func(t *testing.T) {
		before := r.Stats()
		r.Flush()
		if err := lookup("a.example"); err != nil {
			t.Fatal(err)
		}
		if n := f.count("a.example.", dns.TypeTXT); n != 2 {
			t.Errorf("server saw %d queries, want 2", n)
		}
		after := r.Stats()
		if after.Sent != before.Sent+1 || after.Unique != before.Unique+1 || after.CacheHits != before.CacheHits {
			t.Errorf("Stats %+v -> %+v: want one more sent and asked anew (unique), same hits", before, after)
		}
	})
}

func TestContextCancel(t *testing.T) {
	silent := silentAddr(t)
	r := newResolver(t, resolver.Config{Timeout: 5 * time.Second}, silent)
	t.Run("canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, err := r.LookupTXT(ctx, "slow.example")
		if d := time.Since(start); d > time.Second {
			t.Errorf("returned after %v", d)
		}
		if de := asDNSError(t, err); !errors.Is(err, context.Canceled) || !de.IsTemporary {
			t.Errorf("err = %v, want temporary context.Canceled", err)
		}
	})
	t.Run("canceled before its deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, err := r.LookupTXT(ctx, "slow3.example")
		if d := time.Since(start); d > time.Second {
			t.Errorf("returned after %v", d)
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := r.LookupTXT(ctx, "slow2.example")
		if de := asDNSError(t, err); !errors.Is(err, context.DeadlineExceeded) || !de.IsTimeout {
			t.Errorf("err = %v, want timeout", err)
		}
	})
	t.Run("already canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		before := r.Stats().Sent
		if _, err := r.LookupTXT(ctx, "x.example"); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v", err)
		}
		if r.Stats().Sent != before {
			t.Error("a query was sent")
		}
	})
}

func TestFindZone(t *testing.T) {
	f := newFakeDNS(t)
	f.addZone(t, "example.com.")
	f.addZone(t, "deep.sub.example.com.")
	f.addZone(t, "other.net.")
	f.add(t,
		"www.example.com. 300 IN A 192.0.2.1",
		"alias.example.com. 300 IN CNAME host.other.net.",
		"host.other.net. 300 IN A 192.0.2.2",
		"x.y.deep.sub.example.com. 300 IN A 192.0.2.3",
	)
	tests := []struct {
		name     string
		authSOA  bool
		qname    string
		want     string
		queries  int
		notFound bool
	}{
		{"apex", false, "example.com", "example.com.", 1, false},
		{"walk from an existing name", false, "www.example.com.", "example.com.", 2, false},
		{"walk from a missing name", false, "a.b.c.example.com", "example.com.", 4, false},
		{"zone at a deeper cut", false, "x.y.deep.sub.example.com", "deep.sub.example.com.", 3, false},
		{"case folded", false, "WWW.Example.COM", "example.com.", 2, false},
		{"authority SOA names the zone", true, "a.b.c.example.com", "example.com.", 1, false},
		{"authority SOA of a deeper zone", true, "x.y.deep.sub.example.com", "deep.sub.example.com.", 1, false},
		{"CNAME not followed", true, "alias.example.com", "example.com.", 2, false},
		{"no SOA anywhere", false, "nothing.invalid", "", 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.set(func(f *fakeDNS) { f.noAuthSOA = !tt.authSOA; f.log = nil })
			r := newResolver(t, resolver.Config{}, f.Addr)
			got, err := r.FindZone(context.Background(), tt.qname)
			if tt.notFound {
				if de := asDNSError(t, err); !de.IsNotFound {
					t.Errorf("err = %v, want not found", err)
				}
			} else if err != nil || got != tt.want {
				t.Errorf("FindZone = %q, %v; want %q", got, err, tt.want)
			}
			if n := len(f.queries()); n != tt.queries {
				t.Errorf("server saw %d queries, want %d", n, tt.queries)
			}
		})
	}
}

func TestLookupNS(t *testing.T) {
	f := newFakeDNS(t)
	f.addZone(t, "example.com.")
	f.add(t,
		"example.com. 300 IN NS ns2.example.net.",
		"example.com. 300 IN NS NS1.example.net.",
	)
	r := newResolver(t, resolver.Config{}, f.Addr)
	got, err := r.LookupNS(context.Background(), "Example.com")
	if want := []string{"ns2.example.net.", "NS1.example.net."}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("LookupNS = %q, %v; want %q", got, err, want)
	}
	_, err = r.LookupNS(context.Background(), "www.example.com")
	if de := asDNSError(t, err); !de.IsNotFound {
		t.Errorf("err = %v, want not found", err)
	}
}

func TestOddNames(t *testing.T) {
	f := newFakeDNS(t)
	r := newResolver(t, resolver.Config{}, f.Addr)
	tests := []struct {
		name  string
		qname string
		wire  []byte // the question name as it must be on the wire
	}{
		{"space", "a b.example", []byte("\x03a b\x07example\x00")},
		{"percent", "100%.example.", []byte("\x04100%\x07example\x00")},
		{"backslash is a byte", `back\slash.example`, []byte("\x0aback\\slash\x07example\x00")},
		{"quote and semicolon", `"x;y".example`, []byte("\x05\"x;y\"\x07example\x00")},
		{"invalid UTF-8 byte", "caf\xe9.example", []byte("\x04caf\xe9\x07example\x00")},
		{"NUL byte", "a\x00b.example", []byte("\x03a\x00b\x07example\x00")},
		{"IDN to A-labels", "Bücher.example", []byte("\x0dxn--bcher-kva\x07example\x00")},
		{"IDN next to an underscore label", "_spf.bücher.example", []byte("\x04_spf\x0dxn--bcher-kva\x07example\x00")},
		{"IDN ideographic full stop", "例え。example", []byte("\x0bxn--r8jz45g\x07example\x00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.set(func(f *fakeDNS) { f.log = nil })
			_, err := r.LookupTXT(context.Background(), tt.qname)
			if de := asDNSError(t, err); !de.IsNotFound || de.Name != tt.qname {
				t.Fatalf("err = %v, want NXDOMAIN for %q", err, tt.qname)
			}
			qs := f.queries()
			if len(qs) != 1 {
				t.Fatalf("server saw %d queries", len(qs))
			}
			if !bytes.Contains(qs[0].Raw, tt.wire) {
				t.Errorf("question %q (%q on the wire) lacks %q", qs[0].Name, qs[0].Raw[12:], tt.wire)
			}
		})
	}
	t.Run("answer for a name with a space", func(t *testing.T) {
		f.add(t, txtLine(`c\ d.example.`, `"spaced"`))
		got, err := r.LookupTXT(context.Background(), "C D.example")
		if err != nil || !reflect.DeepEqual(got, []string{"spaced"}) {
			t.Errorf("got %q, %v", got, err)
		}
	})
}

func TestInvalidNamesAreNotQueried(t *testing.T) {
	f := newFakeDNS(t)
	r := newResolver(t, resolver.Config{}, f.Addr)
	label63 := strings.Repeat("a", 63)
	long := strings.Repeat(label63+".", 4)[:254]
	tests := []struct{ name, qname string }{
		{"empty", ""},
		{"empty label", "a..example"},
		{"leading dot", ".example"},
		{"two trailing dots", "example.."},
		{"label of 64 octets", strings.Repeat("a", 64) + ".example"},
		{"name of 254 octets", long},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.LookupTXT(context.Background(), tt.qname)
			de := asDNSError(t, err)
			if !de.IsNotFound || de.IsTemporary || !errors.Is(err, resolver.ErrInvalidName) || de.Name != tt.qname {
				t.Errorf("err = %v, want not-found ErrInvalidName", err)
			}
		})
	}
	if n := len(f.queries()); n != 0 {
		t.Errorf("server saw %d queries, want none", n)
	}
	t.Run("longest valid name is asked", func(t *testing.T) {
		ok := strings.Repeat(label63+".", 4)[:253]
		_, err := r.LookupTXT(context.Background(), ok)
		if errors.Is(err, resolver.ErrInvalidName) {
			t.Errorf("253-octet name refused: %v", err)
		}
	})
}

func TestQueryAt(t *testing.T) {
	f := newFakeDNS(t)
	f.addZone(t, "example.com.")
	f.add(t, txtLine("example.com.", `"v=spf1 -all"`), "ns1.example.com. 300 IN A 127.0.0.1")
	r := newResolver(t, resolver.Config{}, f.Addr)
	ctx := context.Background()

	t.Run("answer, RD clear, not cached", func(t *testing.T) {
		for range 2 {
			rrs, err := r.QueryAt(ctx, f.Addr, "example.com", dns.TypeTXT)
			if err != nil || len(rrs) != 1 || rrs[0].(*dns.TXT).Txt[0] != "v=spf1 -all" {
				t.Fatalf("QueryAt = %v, %v", rrs, err)
			}
		}
		qs := f.queries()
		if len(qs) != 2 || qs[0].RD || qs[0].OPT == nil {
			t.Errorf("server saw %+v, want two non-recursive EDNS0 queries", qs)
		}
	})
	t.Run("NXDOMAIN", func(t *testing.T) {
		_, err := r.QueryAt(ctx, f.Addr, "nope.example.com", dns.TypeTXT)
		if de := asDNSError(t, err); !de.IsNotFound || de.Server != f.Addr {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("authoritative NODATA", func(t *testing.T) {
		_, err := r.QueryAt(ctx, f.Addr, "example.com", dns.TypeMX)
		if de := asDNSError(t, err); !de.IsNotFound {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("referral is not NODATA", func(t *testing.T) {
		f.set(func(f *fakeDNS) { f.notAuth = true })
		defer f.set(func(f *fakeDNS) { f.notAuth = false })
		_, err := r.QueryAt(ctx, f.Addr, "example.com", dns.TypeMX)
		if de := asDNSError(t, err); de.IsNotFound || !de.IsTemporary {
			t.Errorf("err = %v, want temporary", err)
		}
	})
	t.Run("server by host name", func(t *testing.T) {
		_, port, _ := net.SplitHostPort(f.Addr)
		rrs, err := r.QueryAt(ctx, "ns1.example.com:"+port, "example.com", dns.TypeTXT)
		if err != nil || len(rrs) != 1 {
			t.Errorf("QueryAt = %v, %v", rrs, err)
		}
	})
}

func TestNew(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "resolv.conf")
	if err := os.WriteFile(conf, []byte("search example\nnameserver 192.0.2.53\nnameserver 2001:db8::53\nnameserver bogus\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cfg  resolver.Config
		want []string
		bad  bool
	}{
		{"address", resolver.Config{Nameservers: []string{"192.0.2.1"}}, []string{"192.0.2.1:53"}, false},
		{"address and port", resolver.Config{Nameservers: []string{"192.0.2.1:5353"}}, []string{"192.0.2.1:5353"}, false},
		{"bare IPv6", resolver.Config{Nameservers: []string{"2001:db8::1"}}, []string{"[2001:db8::1]:53"}, false},
		{"bracketed IPv6", resolver.Config{Nameservers: []string{"[2001:db8::1]"}}, []string{"[2001:db8::1]:53"}, false},
		{"IPv6 and port", resolver.Config{Nameservers: []string{"[::1]:5300"}}, []string{"[::1]:5300"}, false},
		{"resolv.conf", resolver.Config{ResolvConf: conf}, []string{"192.0.2.53:53", "[2001:db8::53]:53"}, false},
		{"missing resolv.conf", resolver.Config{ResolvConf: filepath.Join(dir, "none")}, []string{"127.0.0.1:53"}, false},
		{"host name refused", resolver.Config{Nameservers: []string{"dns.example"}}, nil, true},
		{"bad port", resolver.Config{Nameservers: []string{"192.0.2.1:99999"}}, nil, true},
		{"missing zone dir", resolver.Config{Nameservers: []string{"192.0.2.1"}, ZoneDir: filepath.Join(dir, "none")}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := resolver.New(tt.cfg)
			if tt.bad {
				if err == nil {
					t.Error("New succeeded")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Nameservers(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Nameservers = %q, want %q", got, tt.want)
			}
		})
	}
}

func BenchmarkCachedLookup(b *testing.B) {
	f := newFakeDNS(b)
	f.add(b, txtLine("bench.example.", `"v=spf1 include:_spf.example ~all"`))
	r := newResolver(b, resolver.Config{}, f.Addr)
	ctx := context.Background()
	if _, err := r.LookupTXT(ctx, "bench.example"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.LookupTXT(ctx, "bench.example"); err != nil {
			b.Fatal(err)
		}
	}
}
