package spfcheck_test

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/internal/txtcodec"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// The public SPF conformance suites (testdata/README.md says where they come
// from), run one subtest per case: go test -run 'TestSuite/rfc7208/mx-limit'.
// Each scenario's zone data is served by an in-process miekg/dns server on
// 127.0.0.1, and CheckHost reads it through the real resolver package.

// rfc4408Changed lists the RFC 4408 tests whose expectations RFC 7208 changed,
// with the reason. They run against the RFC 7208 behaviour in the 7208 suite.
var rfc4408Changed = map[string]string{}

func loadSuite(t *testing.T, path string) []dnstest.SuiteScenario {
	t.Helper()
	out, err := dnstest.LoadSuite(path)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSuite(t *testing.T) {
	for _, suite := range []string{"rfc7208", "rfc4408"} {
		t.Run(suite, func(t *testing.T) {
			for _, sc := range loadSuite(t, "testdata/"+suite+"-tests.yml") {
				addr := serveZoneData(t, sc.ZoneData)
				for name, tc := range sc.Tests {
					t.Run(name, func(t *testing.T) {
						t.Parallel()
						if why, ok := rfc4408Changed[name]; ok && suite == "rfc4408" {
							t.Skip("changed by RFC 7208: " + why)
						}
						runCase(t, addr, tc)
					})
				}
			}
		})
	}
}

func runCase(t *testing.T, addr string, tc dnstest.SuiteCase) {
	res, err := resolver.New(resolver.Config{Nameservers: []string{addr}, Timeout: 300 * time.Millisecond, Retries: 0})
	if err != nil {
		t.Fatal(err)
	}
	c := &spfcheck.Checker{Resolver: res, DefaultExplanation: "DEFAULT"}
	ip, err := netip.ParseAddr(tc.Host)
	if err != nil {
		t.Fatal(err)
	}
	domain := tc.Helo
	if tc.MailFrom != "" {
		domain = tc.MailFrom[strings.LastIndexByte(tc.MailFrom, '@')+1:]
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out := c.CheckHost(ctx, ip, domain, tc.MailFrom, tc.Helo)
	var want []string
	switch r := tc.Result.(type) {
	case string:
		want = []string{r}
	case []any:
		for _, x := range r {
			want = append(want, fmt.Sprint(x))
		}
	}
	ok := false
	for _, w := range want {
		ok = ok || w == out.Result.String()
	}
	if !ok {
		t.Fatalf("%s\nresult %s, want %v (err: %v; mechanism %q)", tc.Description, out.Result, want, out.Err, out.Mechanism)
	}
	if tc.Explanation != "" && out.Result == spfcheck.Fail && out.Explanation != tc.Explanation {
		t.Errorf("explanation %q, want %q", out.Explanation, tc.Explanation)
	}
}

// zone entry kinds of the suite's zonedata.
type entry struct {
	rtype   string // TXT SPF A AAAA MX PTR CNAME, or TIMEOUT
	value   any
	noneTXT bool // "TXT: NONE"
}

func parseEntries(t *testing.T, raw []any) []entry {
	var out []entry
	for _, r := range raw {
		switch v := r.(type) {
		case string:
			if v != "TIMEOUT" {
				t.Fatalf("zonedata entry %q", v)
			}
			out = append(out, entry{rtype: "TIMEOUT"})
		case map[string]any:
			for k, val := range v {
				e := entry{rtype: k, value: val}
				if k == "TXT" && val == "NONE" {
					e.noneTXT = true
				}
				out = append(out, e)
			}
		default:
			t.Fatalf("zonedata entry %T", r)
		}
	}
	return out
}

// rawName turns a presentation-format name from miekg into its raw bytes,
// lower-cased, without the trailing dot.
func rawName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			if i+3 < len(s) && isDigits(s[i+1:i+4]) {
				n, _ := strconv.Atoi(s[i+1 : i+4])
				b.WriteByte(byte(n))
				i += 3
				continue
			}
			b.WriteByte(s[i+1])
			i++
			continue
		}
		b.WriteByte(c)
	}
	return strings.ToLower(strings.TrimSuffix(b.String(), "."))
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func txtStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{txtcodec.Escape(x)}
	case []any:
		out := []string{}
		for _, s := range x {
			out = append(out, txtcodec.Escape(fmt.Sprint(s)))
		}
		return out
	}
	return []string{txtcodec.Escape(fmt.Sprint(v))}
}

// nameEscape writes a raw owner name in presentation form.
func nameEscape(raw string) string {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '.':
			b.WriteByte('.')
		case c <= 0x20 || c > 0x7e || strings.IndexByte(`"();@\$`, c) >= 0:
			fmt.Fprintf(&b, "\\%03d", c)
		default:
			b.WriteByte(c)
		}
	}
	return dns.Fqdn(b.String())
}

// serveZoneData starts a UDP and TCP server on 127.0.0.1 answering as the
// suite's reference driver does (testdata/README.md): SPF entries copied to
// TXT unless the name has a TXT entry, "TXT: NONE" served as nothing, types
// with no record before a TIMEOUT entry never answered, unknown names
// NXDOMAIN.
func serveZoneData(t *testing.T, zd map[string][]any) string {
	t.Helper()
	data := map[string][]entry{}
	for name, raw := range zd {
		data[strings.ToLower(strings.TrimSuffix(name, "."))] = parseEntries(t, raw)
	}
	handler := dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		if len(req.Question) != 1 {
			return
		}
		q := req.Question[0]
		m := new(dns.Msg)
		m.SetReply(req)
		m.Authoritative = true
		entries, ok := data[rawName(q.Name)]
		if !ok {
			m.Rcode = dns.RcodeNameError
			dnstest.WriteMsg(w, req, m)
			return
		}
		hasTXT := false
		for _, e := range entries {
			hasTXT = hasTXT || e.rtype == "TXT"
		}
		hdr := func(rt uint16) dns.RR_Header {
			return dns.RR_Header{Name: q.Name, Rrtype: rt, Class: dns.ClassINET, Ttl: 300}
		}
		for _, e := range entries {
			if e.rtype == "TIMEOUT" {
				if len(m.Answer) == 0 {
					return // never answered
				}
				break
			}
			switch {
			case e.rtype == "CNAME":
				m.Answer = append(m.Answer, &dns.CNAME{Hdr: hdr(dns.TypeCNAME), Target: nameEscape(fmt.Sprint(e.value))})
			case q.Qtype == dns.TypeTXT && (e.rtype == "TXT" && !e.noneTXT || e.rtype == "SPF" && !hasTXT):
				m.Answer = append(m.Answer, &dns.TXT{Hdr: hdr(dns.TypeTXT), Txt: txtStrings(e.value)})
			case q.Qtype == dns.TypeSPF && e.rtype == "SPF":
				m.Answer = append(m.Answer, &dns.SPF{Hdr: hdr(dns.TypeSPF), Txt: txtStrings(e.value)})
			case q.Qtype == dns.TypeA && e.rtype == "A":
				m.Answer = append(m.Answer, &dns.A{Hdr: hdr(dns.TypeA), A: net.ParseIP(fmt.Sprint(e.value))})
			case q.Qtype == dns.TypeAAAA && e.rtype == "AAAA":
				m.Answer = append(m.Answer, &dns.AAAA{Hdr: hdr(dns.TypeAAAA), AAAA: net.ParseIP(fmt.Sprint(e.value))})
			case q.Qtype == dns.TypePTR && e.rtype == "PTR":
				m.Answer = append(m.Answer, &dns.PTR{Hdr: hdr(dns.TypePTR), Ptr: nameEscape(fmt.Sprint(e.value))})
			case q.Qtype == dns.TypeMX && e.rtype == "MX":
				pair := e.value.([]any)
				pref, _ := strconv.Atoi(fmt.Sprint(pair[0]))
				host := fmt.Sprint(pair[1])
				m.Answer = append(m.Answer, &dns.MX{Hdr: hdr(dns.TypeMX), Preference: uint16(pref), Mx: nameEscape(host)})
			}
		}
		// A CNAME answers every type: keep only it when the name is an alias.
		for _, rr := range m.Answer {
			if c, ok := rr.(*dns.CNAME); ok && q.Qtype != dns.TypeCNAME {
				m.Answer = []dns.RR{c}
				break
			}
		}
		dnstest.WriteMsg(w, req, m)
	})
	return dnstest.ServeDNS(t, handler)
}
