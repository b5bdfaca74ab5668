package dnstest

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/miekg/dns"
)

// Hostile is a DNS handler whose SPF records are built to make a checker
// work without end (issue 11 item 1), one shape per name under
// hostile.test; check "<shape>.hostile.test":
//
//	wide    100 includes, each of a record of 3,500 a: terms (38 KB, over TCP)
//	deep    an include chain 10,000 long, an a: term at every level
//	fan     every record includes 10 new names made with %{d}, without end
//	slow    5 includes, within the limits, every answer Delay late
//	slowwide 100 includes of records with a: terms, every answer Delay late
//	cname   50 includes, each reached through 8 CNAMEs the server does not follow
//	void    1,000 a: terms of names that do not exist
//	mx      10 mx terms of 10 hosts each (A and AAAA): within RFC 7208's
//	        limits, but the accounting needs 211 queries (MX, A, AAAA) and
//	        check_host() 110 for a sender none matches
//	repeat  the same include 100 times, of a record of 900 ip4 terms (the
//	        lookup tree would repeat it: 90,000 nodes)
//	long    100 includes, each of a record with one 30,000-byte term
//
// Every other name is NXDOMAIN. Queries counts what it received.
type Hostile struct {
	Delay   time.Duration // how late the slow shape answers
	queries atomic.Int64
}

// Queries returns the queries received since the last Reset.
func (h *Hostile) Queries() int64 { return h.queries.Load() }

// Reset sets the count to 0.
func (h *Hostile) Reset() { h.queries.Store(0) }

// HostileShapes are the shapes Hostile serves.
var HostileShapes = []string{"wide", "deep", "fan", "slow", "slowwide", "cname", "void", "mx", "repeat", "long"}

const hostileZone = "hostile.test."

// ServeDNS answers one query.
func (h *Hostile) ServeDNS(w dns.ResponseWriter, req *dns.Msg) {
	h.queries.Add(1)
	m := new(dns.Msg)
	m.SetReply(req)
	m.Authoritative = true
	if len(req.Question) != 1 {
		m.Rcode = dns.RcodeFormatError
		_ = w.WriteMsg(m)
		return
	}
	q := req.Question[0]
	name := strings.ToLower(q.Name)
	for _, z := range []string{"slow.", "slowwide."} {
		if strings.HasSuffix(name, "."+z+hostileZone) || name == z+hostileZone {
			time.Sleep(h.Delay)
		}
	}
	hdr := func(t uint16) dns.RR_Header {
		return dns.RR_Header{Name: q.Name, Rrtype: t, Class: dns.ClassINET, Ttl: 300}
	}
	txt, cname, mx, addr := h.records(name)
	switch {
	case cname != "":
		m.Answer = append(m.Answer, &dns.CNAME{Hdr: hdr(dns.TypeCNAME), Target: cname})
	case q.Qtype == dns.TypeTXT && txt != "":
		var parts []string
		for len(txt) > 255 {
			parts, txt = append(parts, txt[:255]), txt[255:]
		}
		m.Answer = append(m.Answer, &dns.TXT{Hdr: hdr(dns.TypeTXT), Txt: append(parts, txt)})
	case q.Qtype == dns.TypeMX && len(mx) > 0:
		for i, host := range mx {
			m.Answer = append(m.Answer, &dns.MX{Hdr: hdr(dns.TypeMX), Preference: uint16(10 + i), Mx: host})
		}
	case q.Qtype == dns.TypeA && addr != nil:
		m.Answer = append(m.Answer, &dns.A{Hdr: hdr(dns.TypeA), A: addr})
	case q.Qtype == dns.TypeAAAA && addr != nil && strings.HasSuffix(name, ".mx."+hostileZone):
		m.Answer = append(m.Answer, &dns.AAAA{Hdr: hdr(dns.TypeAAAA), AAAA: net.ParseIP("2001:db8::1")})
	case txt == "" && len(mx) == 0 && addr == nil:
		m.Rcode = dns.RcodeNameError
	}
	if len(m.Answer) == 0 && cname == "" {
		soa, _ := dns.NewRR(hostileZone + " 300 IN SOA ns.hostile.test. hm.hostile.test. 1 3600 600 86400 300")
		m.Ns = []dns.RR{soa}
	}
	WriteMsg(w, req, m)
}

// records returns what name holds: an SPF record, a CNAME target, MX hosts
// or an IPv4 address.
func (h *Hostile) records(name string) (txt, cname string, mx []string, addr net.IP) {
	rel, ok := strings.CutSuffix(name, "."+hostileZone)
	if !ok {
		return "", "", nil, nil
	}
	labels := strings.Split(rel, ".")
	shape := labels[len(labels)-1]
	var b strings.Builder
	b.WriteString("v=spf1")
	switch {
	case rel == "wide":
		for i := range 100 {
			fmt.Fprintf(&b, " include:i%d.wide.hostile.test", i)
		}
	case shape == "wide" && len(labels) == 2:
		for i := range 3500 {
			fmt.Fprintf(&b, " a:%d.%s.w", i, labels[0])
		}
	case shape == "deep" && len(labels) <= 2:
		n := 0
		if len(labels) == 2 {
			n, _ = strconv.Atoi(strings.TrimPrefix(labels[0], "d"))
		}
		if n >= 10000 {
			return "v=spf1 -all", "", nil, nil
		}
		fmt.Fprintf(&b, " a:x.d%d.deep.hostile.test include:d%d.deep.hostile.test", n, n+1)
	case shape == "fan":
		for _, c := range "abcdefghij" {
			fmt.Fprintf(&b, " include:%c.%%{d}", c)
		}
	case rel == "slow":
		for i := range 5 {
			fmt.Fprintf(&b, " include:s%d.slow.hostile.test", i)
		}
	case shape == "slow" && len(labels) == 2:
		b.WriteString(" ip4:192.0.2.1")
	case rel == "slowwide":
		for i := range 100 {
			fmt.Fprintf(&b, " include:s%d.slowwide.hostile.test", i)
		}
	case shape == "slowwide" && len(labels) == 2:
		fmt.Fprintf(&b, " a:x.%[1]s.slowwide.hostile.test a:y.%[1]s.slowwide.hostile.test", labels[0])
	case rel == "cname":
		for i := range 50 {
			fmt.Fprintf(&b, " include:c0.%d.cname.hostile.test", i)
		}
	case shape == "cname" && len(labels) == 3:
		k, _ := strconv.Atoi(strings.TrimPrefix(labels[0], "c"))
		if k < 8 {
			return "", fmt.Sprintf("c%d.%s.cname.hostile.test.", k+1, labels[1]), nil, nil
		}
		fmt.Fprintf(&b, " a:x.%s.cname.hostile.test", labels[1])
	case rel == "void":
		for i := range 1000 {
			fmt.Fprintf(&b, " a:n%d.void.hostile.test", i)
		}
	case rel == "mx":
		for i := range 10 {
			fmt.Fprintf(&b, " mx:m%d.mx.hostile.test", i)
		}
	case shape == "mx" && len(labels) == 2 && strings.HasPrefix(labels[0], "m"):
		for i := range 10 {
			mx = append(mx, fmt.Sprintf("h%d.%s.mx.hostile.test.", i, labels[0]))
		}
		return "", "", mx, nil
	case shape == "mx" && len(labels) == 3:
		return "", "", nil, net.IPv4(192, 0, 2, 1)
	case rel == "repeat":
		for range 100 {
			b.WriteString(" include:big.repeat.hostile.test")
		}
	case rel == "big.repeat":
		for i := range 900 {
			fmt.Fprintf(&b, " ip4:10.0.%d.%d", i/256, i%256)
		}
	case rel == "long":
		for i := range 100 {
			fmt.Fprintf(&b, " include:l%d.long.hostile.test", i)
		}
	case shape == "long" && len(labels) == 2:
		b.WriteString(" x=" + strings.Repeat("a", 30000))
	default:
		return "", "", nil, nil
	}
	b.WriteString(" -all")
	return b.String(), "", nil, nil
}
