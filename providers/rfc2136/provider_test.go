package rfc2136

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/libdns/libdns"
	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/internal/realdns"
	"github.com/spfpatch/spfpatch/providers"
)

const zoneName = "example.test."

// long is a 300-byte SPF record: written as two strings cut between terms.
var long = "v=spf1 " + strings.Repeat("include:_spf.a-rather-long-sender-name.example ", 6) + "ip4:192.0.2.0/24 ~all"

// testZone: an apex TXT RRset with the SPF record, a verification record,
// a record of two character-strings, and one with escapes and UTF-8.
const testZone = `$ORIGIN example.test.
$TTL 300
@	IN SOA ns1.example.test. hostmaster.example.test. ( 1 3600 600 86400 300 )
@	IN NS  ns1
ns1	IN A   127.0.0.1
@	IN A   192.0.2.10
@	IN MX  10 mail
mail	IN A   192.0.2.25
@	IN TXT "v=spf1 +ip4:192.0.2.0/24 ~all"
@	IN TXT "google-site-verification=abc123"
@	IN TXT "ms=part-one;" "part-two"
@	IN TXT "quote\" back\\slash \195\169"
sub	IN TXT "sub text"
`

// servers starts BIND and Knot with testZone, as subtests.
func eachServer(t *testing.T, f func(t *testing.T, srv *realdns.Server)) {
	for _, kind := range []string{realdns.KindBIND, realdns.KindKnot} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			z := realdns.Zone{Name: zoneName, Text: testZone}
			var srv *realdns.Server
			if kind == realdns.KindBIND {
				srv = realdns.StartBIND(t, z)
			} else {
				srv = realdns.StartKnot(t, z)
			}
			f(t, srv)
		})
	}
}

func newFor(t *testing.T, srv *realdns.Server, secret string) *Provider {
	t.Helper()
	p, err := New(srv.Addr, Key{Name: srv.TSIGName, Algorithm: srv.TSIGAlg, Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// wire returns the TXT records at name as the server serves them: each
// record's character-strings (presentation form), sorted.
func wire(t *testing.T, srv *realdns.Server, name string) [][]string {
	t.Helper()
	m := new(dns.Msg)
	m.SetQuestion(name, dns.TypeTXT)
	c := &dns.Client{Net: "tcp", Timeout: 2 * time.Second}
	r, _, err := c.Exchange(m, srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, rr := range r.Answer {
		if tx, ok := rr.(*dns.TXT); ok {
			out = append(out, tx.Txt)
		}
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(strings.Join(a, "|"), strings.Join(b, "|")) })
	return out
}

func texts(recs []libdns.Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.RR().Data)
	}
	slices.Sort(out)
	return out
}

func TestProviderRealServers(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *realdns.Server) {
		ctx := context.Background()
		p := newFor(t, srv, srv.TSIGSecret)
		s := p.Safe()

		// Reads: texts decoded, strings joined.
		apex, err := s.GetRRset(ctx, zoneName, "@", "TXT")
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"google-site-verification=abc123", "ms=part-one;part-two", "quote\" back\\slash é", "v=spf1 +ip4:192.0.2.0/24 ~all"}
		if got := texts(apex); !slices.Equal(got, want) {
			t.Fatalf("apex TXT read as %q, want %q", got, want)
		}
		before := wire(t, srv, zoneName)

		// Change only the SPF record: the others keep their strings.
		set := func(spf string) {
			t.Helper()
			var recs []libdns.Record
			for _, r := range apex {
				rr := r.RR()
				if strings.HasPrefix(rr.Data, "v=spf1") {
					rr.Data = spf
				}
				recs = append(recs, libdns.TXT{Name: "@", TTL: rr.TTL, Text: rr.Data})
			}
			if _, err := s.SetRecords(ctx, zoneName, recs); err != nil {
				t.Fatal(err)
			}
		}
		set("v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all")
		after := wire(t, srv, zoneName)
		var kept [][]string
		for _, w := range before {
			if !strings.HasPrefix(w[0], "v=spf1") {
				kept = append(kept, w)
			}
		}
		for _, k := range kept {
			if !slices.ContainsFunc(after, func(a []string) bool { return slices.Equal(a, k) }) {
				t.Errorf("record %q lost its character-strings: now %q", k, after)
			}
		}
		if !slices.ContainsFunc(after, func(a []string) bool {
			return slices.Equal(a, []string{"v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"})
		}) || len(after) != len(before) {
			t.Errorf("after the change the server serves %q", after)
		}

		// A 300-byte record goes out as strings of at most 255 bytes cut
		// between terms, and reads back joined.
		set(long)
		n := 0
		for _, w := range wire(t, srv, zoneName) {
			if !strings.HasPrefix(w[0], "v=spf1") {
				continue
			}
			n++
			if len(w) != 2 || strings.Join(w, "") != long || len(w[0]) > 255 || !strings.HasSuffix(w[0], " ") {
				t.Errorf("long record served as %q", w)
			}
		}
		if n != 1 {
			t.Errorf("%d SPF records served", n)
		}
		apex, err = s.GetRRset(ctx, zoneName, "@", "TXT")
		if err != nil || !slices.Contains(texts(apex), long) {
			t.Fatalf("long record read back as %q (%v)", texts(apex), err)
		}

		// Back to the original; nothing else moved.
		set("v=spf1 +ip4:192.0.2.0/24 ~all")
		if got := wire(t, srv, zoneName); !slices.EqualFunc(got, before, slices.Equal) {
			t.Errorf("after the round trip the server serves %q, want %q", got, before)
		}
		if got := wire(t, srv, "sub."+zoneName); len(got) != 1 || got[0][0] != "sub text" {
			t.Errorf("sub TXT now %q", got)
		}

		// Setting the RRset as it is sends nothing and succeeds.
		apex, _ = s.GetRRset(ctx, zoneName, "@", "TXT")
		if _, err := s.SetRecords(ctx, zoneName, apex); err != nil {
			t.Fatal(err)
		}
	})
}

func TestPrerequisiteRefusesDrift(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *realdns.Server) {
		ctx := context.Background()
		p := newFor(t, srv, srv.TSIGSecret)
		before := wire(t, srv, zoneName)
		// Someone else adds a record between our read and our write.
		other := newFor(t, srv, srv.TSIGSecret)
		p.afterRead = func() {
			p.afterRead = nil
			if _, err := other.AppendRecords(ctx, zoneName, []libdns.Record{libdns.TXT{Name: "@", Text: "someone-else=1"}}); err != nil {
				t.Error(err)
			}
		}
		_, err := p.SetRecords(ctx, zoneName, []libdns.Record{
			libdns.TXT{Name: "@", TTL: 300 * time.Second, Text: "v=spf1 include:e-shopsmail2.com ~all"},
			libdns.TXT{Name: "@", TTL: 300 * time.Second, Text: "google-site-verification=abc123"},
			libdns.TXT{Name: "@", TTL: 300 * time.Second, Text: "ms=part-one;part-two"},
			libdns.TXT{Name: "@", TTL: 300 * time.Second, Text: "quote\" back\\slash é"},
		})
		if !errors.Is(err, ErrChanged) {
			t.Fatalf("got %v, want ErrChanged", err)
		}
		got := wire(t, srv, zoneName)
		if len(got) != len(before)+1 || !slices.ContainsFunc(got, func(a []string) bool { return a[0] == "v=spf1 +ip4:192.0.2.0/24 ~all" }) {
			t.Errorf("after the refused UPDATE the server serves %q", got)
		}
	})
}

func TestCreateDeleteAndTTL(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *realdns.Server) {
		ctx := context.Background()
		s := newFor(t, srv, srv.TSIGSecret).Safe()
		// Create at a name with no TXT records.
		if _, err := s.SetRecords(ctx, zoneName, []libdns.Record{libdns.TXT{Name: "new", TTL: time.Hour, Text: "v=spf1 -all"}}); err != nil {
			t.Fatal(err)
		}
		got, err := s.GetRRset(ctx, zoneName, "new", "TXT")
		if err != nil || len(got) != 1 || got[0].RR().Data != "v=spf1 -all" || got[0].RR().TTL != time.Hour {
			t.Fatalf("created %v (%v)", got, err)
		}
		// Delete it exactly (Safe maps the value to the adapter's form).
		del, err := s.DeleteRecords(ctx, zoneName, []libdns.Record{libdns.TXT{Name: "new", Text: "v=spf1 -all"}})
		if err != nil || len(del) != 1 {
			t.Fatalf("deleted %v (%v)", del, err)
		}
		if w := wire(t, srv, "new."+zoneName); len(w) != 0 {
			t.Fatalf("still served: %q", w)
		}
		// A TTL change rewrites the RRset and keeps every string.
		before := wire(t, srv, zoneName)
		apex, _ := s.GetRRset(ctx, zoneName, "@", "TXT")
		var recs []libdns.Record
		for _, r := range apex {
			recs = append(recs, libdns.TXT{Name: "@", TTL: 600 * time.Second, Text: r.RR().Data})
		}
		if _, err := s.SetRecords(ctx, zoneName, recs); err != nil {
			t.Fatal(err)
		}
		if got := wire(t, srv, zoneName); !slices.EqualFunc(got, before, slices.Equal) {
			t.Errorf("TTL change: %q, want %q", got, before)
		}
		apex, _ = s.GetRRset(ctx, zoneName, "@", "TXT")
		for _, r := range apex {
			if r.RR().TTL != 600*time.Second {
				t.Errorf("TTL of %q is %v", r.RR().Data, r.RR().TTL)
			}
		}
	})
}

func TestWrongKey(t *testing.T) {
	const wrong = "d3JvbmctdGVzdC1zZWNyZXQtZm9yLXNwZnBhdGNoISE=" // base64, not the server's
	eachServer(t, func(t *testing.T, srv *realdns.Server) {
		ctx := context.Background()
		s := newFor(t, srv, wrong).Safe()
		_, err := s.GetRecords(ctx, zoneName)
		if err == nil || !strings.Contains(err.Error(), "BADSIG") || strings.Contains(err.Error(), wrong) {
			t.Fatalf("read with a wrong secret: %v", err)
		}
		_, err = s.SetRecords(ctx, zoneName, []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 -all"}})
		if err == nil || !strings.Contains(err.Error(), "BADSIG") || strings.Contains(err.Error(), wrong) {
			t.Fatalf("write with a wrong secret: %v", err)
		}
		// An unknown key name.
		p, err := New(srv.Addr, Key{Name: "nobody", Algorithm: "hmac-sha256", Secret: srv.TSIGSecret})
		if err != nil {
			t.Fatal(err)
		}
		_, err = p.Safe().GetRecords(ctx, zoneName)
		if err == nil || !strings.Contains(err.Error(), "BADKEY") || strings.Contains(err.Error(), srv.TSIGSecret) {
			t.Fatalf("unknown key: %v", err)
		}
		// A zone the server does not serve.
		_, err = newFor(t, srv, srv.TSIGSecret).Safe().GetRecords(ctx, "other.test")
		if err == nil || !strings.Contains(err.Error(), "primary of zone other.test.") {
			t.Fatalf("zone not served: %v", err)
		}
	})
}

func TestNoServer(t *testing.T) {
	p, err := New("127.0.0.1:1", Key{Name: "k", Algorithm: "hmac-sha256", Secret: realdns.TSIGSecret})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Safe().GetRecords(context.Background(), zoneName)
	if err == nil || !strings.Contains(err.Error(), "127.0.0.1:1") || strings.Contains(err.Error(), realdns.TSIGSecret) {
		t.Fatalf("got %v", err)
	}
}

func TestRegistered(t *testing.T) {
	info, ok := providers.Lookup("rfc2136")
	if !ok || !info.Caps.AtomicReplace || !info.Caps.LongTXT || !info.Caps.ExactDelete {
		t.Fatalf("registry: %+v", info)
	}
	var names []string
	for _, s := range info.Settings {
		if s.Secret && s.Name != "" {
			t.Errorf("secret %s has a flag name", s.Env)
		}
		names = append(names, s.Name+"/"+s.Env)
	}
	want := []string{"rfc2136-server/SPFPATCH_RFC2136_SERVER", "rfc2136-key-name/SPFPATCH_TSIG_KEY_NAME", "rfc2136-key-alg/", "rfc2136-key-file/", "/SPFPATCH_TSIG_SECRET"}
	if !slices.Equal(names, want) {
		t.Errorf("settings %q, want %q", names, want)
	}
}

func TestStringHidesSecret(t *testing.T) {
	p, err := New("127.0.0.1:53", Key{Name: "k", Algorithm: "hmac-sha256", Secret: realdns.TSIGSecret})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{p, p.Safe(), p.key, *p.Safe()} {
			if s := fmt.Sprintf(f, v); strings.Contains(s, realdns.TSIGSecret) {
				t.Errorf("%s of %T shows the secret: %s", f, v, s)
			}
		}
	}
}

// The prerequisite of a write is the RRset the caller last read, not a
// fresh read: a change made by someone else after that read (after plan's
// drift check, say) makes the server refuse the UPDATE.
func TestPrerequisiteIsTheLastRead(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *realdns.Server) {
		ctx := context.Background()
		s := newFor(t, srv, srv.TSIGSecret).Safe()
		apex, err := s.GetRRset(ctx, zoneName, "@", "TXT")
		if err != nil {
			t.Fatal(err)
		}
		other := newFor(t, srv, srv.TSIGSecret)
		if _, err := other.AppendRecords(ctx, zoneName, []libdns.Record{libdns.TXT{Name: "@", Text: "someone-else=1"}}); err != nil {
			t.Fatal(err)
		}
		before := wire(t, srv, zoneName)
		withSPF := func(recs []libdns.Record, spf string) []libdns.Record {
			var out []libdns.Record
			for _, r := range recs {
				rr := r.RR()
				if strings.HasPrefix(rr.Data, "v=spf1") {
					rr.Data = spf
				}
				out = append(out, libdns.TXT{Name: "@", TTL: rr.TTL, Text: rr.Data})
			}
			return out
		}
		const newSPF = "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"
		if _, err := s.SetRecords(ctx, zoneName, withSPF(apex, newSPF)); !errors.Is(err, ErrChanged) {
			t.Fatalf("got %v, want ErrChanged", err)
		}
		if got := wire(t, srv, zoneName); !slices.EqualFunc(got, before, slices.Equal) {
			t.Fatalf("after the refused UPDATE the server serves %q, want %q", got, before)
		}
		// Read again: the write goes through and keeps the other's record.
		apex, err = s.GetRRset(ctx, zoneName, "@", "TXT")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetRecords(ctx, zoneName, withSPF(apex, newSPF)); err != nil {
			t.Fatal(err)
		}
		// A write right after our own write (no read in between) reads
		// afresh rather than use the stale RRset.
		if _, err := s.SetRecords(ctx, zoneName, withSPF(apex, "v=spf1 -all")); err != nil {
			t.Fatal(err)
		}
		got := wire(t, srv, zoneName)
		if !slices.ContainsFunc(got, func(a []string) bool { return a[0] == "someone-else=1" }) ||
			!slices.ContainsFunc(got, func(a []string) bool { return a[0] == "v=spf1 -all" }) || len(got) != len(before) {
			t.Fatalf("server serves %q", got)
		}
	})
}

// A record libdns cannot parse (an SVCB alias, an HTTPS record) does not
// fail the zone read; it is returned as a plain libdns.RR.
func TestReadZoneWithUnparsableRecords(t *testing.T) {
	z := realdns.Zone{Name: zoneName, Text: testZone + "@\tIN SVCB 0 svc.example.com.\n" + "www\tIN HTTPS 1 . alpn=h2\n_8443._foo\tIN SVCB 1 svc.example.com. port=8443\n"}
	srv := realdns.StartBIND(t, z)
	ctx := context.Background()
	s := newFor(t, srv, srv.TSIGSecret).Safe()
	recs, err := s.GetRecords(ctx, zoneName)
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	for _, r := range recs {
		types[r.RR().Type]++
	}
	if types["SVCB"] != 2 || types["HTTPS"] != 1 || types["TXT"] != 5 {
		t.Fatalf("read %v", types)
	}
	apex, err := s.GetRRset(ctx, zoneName, "@", "TXT")
	if err != nil || len(apex) != 4 {
		t.Fatalf("apex %v %v", apex, err)
	}
	var out []libdns.Record
	for _, r := range apex {
		rr := r.RR()
		if strings.HasPrefix(rr.Data, "v=spf1") {
			rr.Data = "v=spf1 -all"
		}
		out = append(out, libdns.TXT{Name: "@", TTL: rr.TTL, Text: rr.Data})
	}
	if _, err := s.SetRecords(ctx, zoneName, out); err != nil {
		t.Fatal(err)
	}
	if got := wire(t, srv, zoneName); !slices.ContainsFunc(got, func(a []string) bool { return a[0] == "v=spf1 -all" }) || len(got) != 4 {
		t.Fatalf("server serves %q", got)
	}
}
