package resolver

import (
	"reflect"
	"testing"

	"github.com/miekg/dns"
)

// parseAnswer reads what the resolver uses of a reply exactly as
// miekg/dns's Unpack does: header bits, question, answer records, the
// first SOA of the authority section, the extended rcode.
func TestParseAnswerAgreesWithUnpack(t *testing.T) {
	mk := func(f func(m *dns.Msg)) *dns.Msg {
		q := new(dns.Msg)
		q.SetQuestion("Shop.Example.", dns.TypeTXT)
		m := new(dns.Msg)
		m.SetReply(q)
		m.Id = 4242
		f(m)
		return m
	}
	rr := func(s string) dns.RR {
		r, err := dns.NewRR(s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	msgs := []*dns.Msg{
		mk(func(m *dns.Msg) {
			m.Authoritative = true
			m.Answer = []dns.RR{rr(`Shop.Example. 60 IN TXT "v=spf1 -all" "more"`), rr(`shop.example. 60 IN TXT "a\"b\\c\255"`)}
			m.Ns = []dns.RR{rr("example. 60 IN NS ns1.example.")}
			m.Extra = []dns.RR{rr("ns1.example. 60 IN A 192.0.2.1")}
			m.SetEdns0(1232, false)
		}),
		mk(func(m *dns.Msg) {
			m.Rcode = dns.RcodeNameError
			m.Ns = []dns.RR{rr("example. 60 IN NS ns1.example."), rr("example. 300 IN SOA ns1.example. hm.example. 1 2 3 4 5"), rr("example. 300 IN SOA ns2.example. hm.example. 9 2 3 4 5")}
		}),
		mk(func(m *dns.Msg) {
			m.Answer = []dns.RR{rr("shop.example. 60 IN CNAME a\\.b.example."), rr("a\\.b.example. 60 IN MX 10 mail.example."), rr("a\\.b.example. 60 IN MX 0 .")}
		}),
		mk(func(m *dns.Msg) {
			m.Rcode = dns.RcodeBadVers
			m.SetEdns0(1232, false)
		}),
		mk(func(m *dns.Msg) { m.Truncated = true }),
	}
	for i, m := range msgs {
		b, err := m.Pack() // compresses names
		if err != nil {
			t.Fatal(err)
		}
		want := new(dns.Msg)
		if err := want.Unpack(b); err != nil {
			t.Fatal(err)
		}
		q := new(dns.Msg)
		q.SetQuestion("shop.example.", dns.TypeTXT)
		qb, _ := q.Pack()
		got, err := parseAnswer(b, qb[12:], "shop.example.")
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		w := answerOf(want, "shop.example.", dns.TypeTXT)
		if !got.echoes {
			t.Errorf("message %d: the question (other letter case) not taken as the one asked", i)
		}
		if got.tc {
			w.records = nil // not read for a truncated answer
		}
		if w.records == nil {
			w.records = got.records[:0:0]
			if got.records == nil {
				w.records = nil
			}
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("message %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
	// Another question, and one written with a pointer.
	other := new(dns.Msg)
	other.SetQuestion("shop.example.", dns.TypeMX)
	ob, _ := other.Pack()
	for _, qname := range []string{"shop.example.", "other.example."} {
		m := new(dns.Msg)
		m.SetQuestion(qname, dns.TypeTXT)
		b, _ := m.Pack()
		if got, err := parseAnswer(b, ob[12:], "shop.example."); err != nil || got.echoes {
			t.Errorf("%s TXT taken for shop.example MX (%v)", qname, err)
		}
	}
	ptr := []byte{0, 1, 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 16, 0, 1}
	if got, err := parseAnswer(ptr, ob[12:], "shop.example."); err == nil && got.echoes {
		t.Errorf("a looping pointer taken as the question")
	}
	for _, bad := range [][]byte{nil, make([]byte, 11), {0, 1, 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, 'a'}} {
		if _, err := parseAnswer(bad, ob[12:], "shop.example."); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}
