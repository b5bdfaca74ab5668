package resolver

import (
	"reflect"
	"testing"

	"github.com/miekg/dns"
)

// countsLie is a 30-byte answer to "shop.example. TXT" whose header claims
// 65,535 answer records: it holds none (issue 13 review, item 1).
var countsLie = []byte{
	0x12, 0x34, 0x81, 0x80, 0, 1, 0xff, 0xff, 0, 0, 0, 0,
	4, 's', 'h', 'o', 'p', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
	0, 16, 0, 1,
}

// A header's counts are not trusted: parsing stops where the message ends,
// as miekg/dns's Unpack does, and nothing is allocated from the counts.
func TestParseAnswerCountsLie(t *testing.T) {
	q := packedQuestion(t, "shop.example.", dns.TypeTXT)
	a, err := parseAnswer(countsLie, q, "shop.example.")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.records) != 0 || cap(a.records) != 0 || !a.echoes {
		t.Fatalf("%d records (capacity %d), echoes %v; want none, none, true", len(a.records), cap(a.records), a.echoes)
	}
	// The same lie in each section of a message that does hold records.
	m := new(dns.Msg)
	m.SetQuestion("shop.example.", dns.TypeTXT)
	m.Response = true
	m.Answer = []dns.RR{&dns.TXT{Hdr: dns.RR_Header{Name: "shop.example.", Rrtype: dns.TypeTXT, Class: dns.ClassINET}, Txt: []string{"v=spf1 -all"}}}
	b, err := m.Pack()
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []int{6, 8, 10} {
		lie := append([]byte(nil), b...)
		lie[at], lie[at+1] = 0xff, 0xff
		if at != 6 {
			lie[7] = 1
		}
		allocs := testing.AllocsPerRun(20, func() {
			a, err = parseAnswer(lie, q, "shop.example.")
		})
		if err != nil || len(a.records) != 1 || cap(a.records) > 4 {
			t.Errorf("count at %d: %d records (capacity %d), %v; want 1", at, len(a.records), cap(a.records), err)
		}
		if allocs > 10 {
			t.Errorf("count at %d: %v allocations", at, allocs)
		}
	}
}

func packedQuestion(t testing.TB, name string, qtype uint16) []byte {
	q, err := packQuery(nil, 0, name, qtype, true, 1232)
	if err != nil {
		t.Fatal(err)
	}
	return q[12 : len(q)-optLen]
}

// FuzzParseAnswer holds parseAnswer to miekg/dns's (*Msg).Unpack: when both
// read a message they agree on the header bits, the rcode (extended rcode
// included), whether the question is the one asked, the answer records and
// the first SOA of the authority section; parseAnswer never takes as an
// answer to the question, with records, a message Unpack refuses. Header-only
// messages and cut questions, which Unpack reads in part, are left out.
func FuzzParseAnswer(f *testing.F) {
	rr := func(s string) dns.RR {
		r, err := dns.NewRR(s)
		if err != nil {
			f.Fatal(err)
		}
		return r
	}
	reply := func(qname string, qtype uint16, fill func(m *dns.Msg)) []byte {
		m := new(dns.Msg)
		m.SetQuestion(qname, qtype)
		m.Response = true
		fill(m)
		b, err := m.Pack()
		if err != nil {
			f.Fatal(err)
		}
		return b
	}
	f.Add(countsLie, true)
	f.Add(reply("shop.example.", dns.TypeTXT, func(m *dns.Msg) {
		m.Answer = []dns.RR{rr(`shop.example. 60 IN TXT "v=spf1 include:_spf.example.com -all" "more"`), rr(`Shop.example. 60 IN TXT "a\"b\\c\255"`)}
		m.Ns = []dns.RR{rr("example. 60 IN NS ns1.example.")}
		m.Extra = []dns.RR{rr("ns1.example. 60 IN A 192.0.2.1"), rr("ns1.example. 60 IN AAAA 2001:db8::1")}
		m.SetEdns0(1232, false)
	}), true)
	f.Add(reply("Shop.Example.", dns.TypeMX, func(m *dns.Msg) {
		m.Answer = []dns.RR{rr("shop.example. 60 IN CNAME a\\.b.example."), rr("a\\.b.example. 60 IN MX 10 mail.example."), rr("a\\.b.example. 60 IN MX 0 .")}
	}), true)
	f.Add(reply("shop.example.", dns.TypeA, func(m *dns.Msg) {
		m.Rcode = dns.RcodeNameError
		m.Ns = []dns.RR{rr("example. 300 IN SOA ns1.example. hm.example. 1 2 3 4 5")}
		m.SetEdns0(1232, false)
		m.Extra[0].Header().Ttl = 1 << 24 // extended rcode
	}), true)
	f.Add(reply("shop.example.", dns.TypeAAAA, func(m *dns.Msg) {
		m.Answer = []dns.RR{rr("shop.example. 60 IN AAAA 2001:db8::1"), rr("shop.example. 60 IN A 192.0.2.1")}
	}), false)
	f.Add(reply("shop.example.", dns.TypeTXT, func(m *dns.Msg) { m.Truncated = true }), true)
	f.Add([]byte{0x12, 0x34, 0x81, 0x85, 0, 1, 0, 0, 0, 0, 0, 0}, true) // header-only REFUSED
	f.Fuzz(func(t *testing.T, b []byte, own bool) {
		m := new(dns.Msg)
		uerr := m.Unpack(b)
		if len(b) <= 12 || cutQuestion(b) {
			return
		}
		// The question asked: the message's own when it has exactly one
		// that names can spell (so that most inputs echo it), else
		// shop.example. TXT.
		qname, qtype := "shop.example.", dns.TypeTXT
		if own && uerr == nil && len(m.Question) == 1 {
			if n, err := canonName(m.Question[0].Name); err == nil && n == m.Question[0].Name {
				qname, qtype = n, m.Question[0].Qtype
			}
		}
		q, err := packQuery(nil, 0, qname, qtype, true, 1232)
		if err != nil {
			return
		}
		got, perr := parseAnswer(b, q[12:len(q)-optLen], qname)
		if perr == nil && len(got.records) > len(b)/11 {
			t.Fatalf("%d records from %d bytes", len(got.records), len(b))
		}
		switch {
		case perr == nil && uerr != nil:
			if got.echoes && len(got.records) > 0 {
				t.Fatalf("parseAnswer took %d records as the answer to %s %s; Unpack: %v", len(got.records), qname, dns.TypeToString[qtype], uerr)
			}
			return
		case perr != nil && uerr == nil:
			if got.tc {
				return
			}
			t.Fatalf("parseAnswer refused what Unpack reads: %v\n%v", perr, m)
		case perr != nil:
			return
		}
		want := answerOf(m, qname, qtype)
		if got.tc != m.Truncated || got.aa != m.Authoritative || got.rcode != m.Rcode {
			t.Fatalf("header: tc %v aa %v rcode %d, want %v %v %d", got.tc, got.aa, got.rcode, m.Truncated, m.Authoritative, m.Rcode)
		}
		if got.echoes != want.echoes {
			t.Fatalf("echoes %v, Unpack's question %v gives %v (asked %s %d)", got.echoes, m.Question, want.echoes, qname, qtype)
		}
		if got.tc {
			return // the rest is not read: the query goes over TCP
		}
		if len(got.records) != len(m.Answer) || len(m.Answer) > 0 && !reflect.DeepEqual(got.records, m.Answer) {
			t.Fatalf("records:\n got %v\nwant %v", got.records, m.Answer)
		}
		if !reflect.DeepEqual(got.soa, want.soa) {
			t.Fatalf("SOA %v, want %v", got.soa, want.soa)
		}
	})
}

// cutQuestion reports whether the question section ends before its last
// question's type and class (Unpack then reads what there is).
func cutQuestion(b []byte) bool {
	qd := int(b[4])<<8 | int(b[5])
	off := 12
	for range qd {
		_, end, err := dns.UnpackDomainName(b, off)
		if err != nil {
			return false // malformed, not cut: both must refuse it
		}
		if end+4 > len(b) {
			return true
		}
		off = end + 4
	}
	return false
}
