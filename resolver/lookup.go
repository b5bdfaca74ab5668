package resolver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"

	"github.com/miekg/dns"
)

// resolve returns the records of qtype at name, in answer order, following
// CNAME records: those in the answer (a recursive server includes the
// chain), then, when an answer ends at a CNAME without data, by asking for
// the target. Errors are *net.DNSError with Name set to name.
func (r *Resolver) resolve(ctx context.Context, name string, qtype uint16) ([]dns.RR, error) {
	first, err := canonName(name)
	if err != nil {
		return nil, errInvalidName(name, err)
	}
	cur := first
	var chain []string       // the names followed, when there is a CNAME
	var seen map[string]bool // their keys
	for {
		resp, err := r.query(ctx, cur, qtype)
		if err != nil {
			return nil, relabel(err, name, first)
		}
		start := cur
		if all := ownAnswer(resp.answer, asciiLower(cur), qtype); all {
			// The common case: every record is of the type asked, at the
			// name asked. The cached slice is returned as it is (callers
			// only read it).
			return resp.answer, nil
		}
		rrs := []dns.RR(nil)
	walk:
		for {
			ck := asciiLower(cur)
			var target string
			for _, rr := range resp.answer {
				h := rr.Header()
				if key(h.Name) != ck {
					continue
				}
				switch {
				case h.Rrtype == qtype:
					rrs = append(rrs, rr)
				case h.Rrtype == dns.TypeCNAME && target == "":
					target = normalize(rr.(*dns.CNAME).Target)
				}
			}
			if len(rrs) > 0 || target == "" {
				break walk
			}
			if chain == nil {
				chain, seen = []string{first}, map[string]bool{asciiLower(first): true}
			}
			chain = append(chain, target)
			tk := asciiLower(target)
			if seen[tk] {
				return nil, errCNAME(name, ErrCNAMELoop, "CNAME loop: "+chainString(chain))
			}
			if len(chain)-1 > MaxCNAMEHops {
				return nil, errCNAME(name, ErrCNAMEChain,
					fmt.Sprintf("CNAME chain longer than %d: %s", MaxCNAMEHops, chainString(chain)))
			}
			seen[tk] = true
			cur = target
		}
		if len(rrs) > 0 {
			return rrs, nil
		}
		switch {
		case resp.rcode == dns.RcodeNameError:
			// RFC 6604 §3: the rcode is about the last name of the chain.
			return nil, relabel(errNXDOMAIN(cur, resp.server), name, first)
		case cur == start || resp.soa != nil:
			// No chain in this answer, or the server followed it to a name
			// without data and said so with an SOA.
			return nil, relabel(errNODATA(cur, resp.server, qtype), name, first)
		}
		// The answer stopped at a CNAME: ask for its target.
	}
}

// ownAnswer reports whether answer is not empty and every record in it is
// of type qtype and owned by the name whose key is k.
func ownAnswer(answer []dns.RR, k string, qtype uint16) bool {
	for _, rr := range answer {
		h := rr.Header()
		if h.Rrtype != qtype || key(h.Name) != k {
			return false
		}
	}
	return len(answer) > 0
}

func chainString(chain []string) string {
	parts := make([]string, len(chain))
	for i, n := range chain {
		parts[i] = rawName(n)
	}
	return strings.Join(parts, " -> ")
}

// LookupTXTStrings returns each TXT record at name as its character-strings,
// in answer order, each string as the octets on the wire (no escapes). A TXT
// record with no character-strings gives an empty slice.
func (r *Resolver) LookupTXTStrings(ctx context.Context, name string) ([][]string, error) {
	rrs, err := r.resolve(ctx, name, dns.TypeTXT)
	if err != nil {
		return nil, err
	}
	out := make([][]string, 0, len(rrs))
	for _, rr := range rrs {
		txt := rr.(*dns.TXT).Txt
		ss := make([]string, len(txt))
		for i, s := range txt {
			ss[i] = decodeTXT(s)
		}
		out = append(out, ss)
	}
	return out, nil
}

// LookupTXT returns one string per TXT record at name, in answer order, its
// character-strings joined with nothing between them (RFC 7208 §3.3).
func (r *Resolver) LookupTXT(ctx context.Context, name string) ([]string, error) {
	rrs, err := r.resolve(ctx, name, dns.TypeTXT)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(rrs))
	for i, rr := range rrs {
		txt := rr.(*dns.TXT).Txt
		if len(txt) == 1 {
			out[i] = decodeTXT(txt[0])
			continue
		}
		var b strings.Builder
		for _, s := range txt {
			b.WriteString(decodeTXT(s))
		}
		out[i] = b.String()
	}
	return out, nil
}

// LookupNetIP returns the addresses of host in answer order: network "ip4"
// asks for A records, "ip6" for AAAA records, "ip" for both (A first). host
// is always looked up as a name, even when it reads like an IP address.
func (r *Resolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	switch network {
	case "ip4":
		return r.lookupAddrs(ctx, host, dns.TypeA)
	case "ip6":
		return r.lookupAddrs(ctx, host, dns.TypeAAAA)
	case "ip":
		return r.LookupHost(ctx, host)
	}
	return nil, &net.DNSError{Err: "unsupported network " + fmt.Sprintf("%q", network) + " (want ip4, ip6 or ip)", Name: host}
}

// LookupHost returns the A then the AAAA addresses of host. It fails only
// when neither lookup gives an address: with a temporary error when either
// failed so, else not-found.
func (r *Resolver) LookupHost(ctx context.Context, host string) ([]netip.Addr, error) {
	v4, err4 := r.lookupAddrs(ctx, host, dns.TypeA)
	if err4 != nil && !isNotFound(err4) && ctx.Err() != nil {
		return nil, err4
	}
	v6, err6 := r.lookupAddrs(ctx, host, dns.TypeAAAA)
	out := append(v4, v6...)
	if len(out) > 0 {
		return out, nil
	}
	if err4 != nil && !isNotFound(err4) {
		return nil, err4
	}
	if err6 != nil {
		return nil, err6
	}
	return nil, err4
}

func isNotFound(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound
}

func (r *Resolver) lookupAddrs(ctx context.Context, host string, qtype uint16) ([]netip.Addr, error) {
	rrs, err := r.resolve(ctx, host, qtype)
	if err != nil {
		return nil, err
	}
	out := make([]netip.Addr, 0, len(rrs))
	for _, rr := range rrs {
		switch rr := rr.(type) {
		case *dns.A:
			if a, ok := netip.AddrFromSlice(rr.A.To4()); ok {
				out = append(out, a)
			}
		case *dns.AAAA:
			if a, ok := netip.AddrFromSlice(rr.AAAA.To16()); ok {
				out = append(out, a)
			}
		}
	}
	return out, nil
}

// LookupMX returns the MX records at name in answer order (not sorted by
// preference). A null MX (RFC 7505) is returned as Host ".". Hosts are fully
// qualified, as in the answer.
func (r *Resolver) LookupMX(ctx context.Context, name string) ([]*net.MX, error) {
	rrs, err := r.resolve(ctx, name, dns.TypeMX)
	if err != nil {
		return nil, err
	}
	out := make([]*net.MX, 0, len(rrs))
	for _, rr := range rrs {
		mx := rr.(*dns.MX)
		out = append(out, &net.MX{Host: rawName(mx.Mx), Pref: mx.Preference})
	}
	return out, nil
}

// LookupAddr returns the PTR names of an IPv4 or IPv6 address given in text
// form, in answer order, fully qualified.
func (r *Resolver) LookupAddr(ctx context.Context, addr string) ([]string, error) {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return nil, &net.DNSError{Err: "unrecognized address", Name: addr}
	}
	arpa, err := dns.ReverseAddr(a.Unmap().WithZone("").String())
	if err != nil {
		return nil, &net.DNSError{Err: "unrecognized address", Name: addr}
	}
	rrs, err := r.resolve(ctx, arpa, dns.TypePTR)
	if err != nil {
		return nil, relabel(err, addr, "")
	}
	out := make([]string, 0, len(rrs))
	for _, rr := range rrs {
		out = append(out, rawName(rr.(*dns.PTR).Ptr))
	}
	return out, nil
}

// LookupCNAME reports whether name itself owns a CNAME record, and its
// target. A name that does not exist or has no CNAME gives ("", false, nil);
// only a failed lookup gives an error.
func (r *Resolver) LookupCNAME(ctx context.Context, name string) (target string, ok bool, err error) {
	rrs, err := r.resolve(ctx, name, dns.TypeCNAME)
	if err != nil {
		if isNotFound(err) {
			return "", false, nil
		}
		return "", false, err
	}
	return rawName(rrs[0].(*dns.CNAME).Target), true, nil
}

// LookupNS returns the NS targets of zone in answer order, fully qualified.
func (r *Resolver) LookupNS(ctx context.Context, zone string) ([]string, error) {
	rrs, err := r.resolve(ctx, zone, dns.TypeNS)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(rrs))
	for _, rr := range rrs {
		out = append(out, rawName(rr.(*dns.NS).Ns))
	}
	return out, nil
}

// FindZone returns the zone that holds name: lower case, fully qualified.
// It asks for the SOA of name, then of each parent in turn, until an answer
// has an SOA owned by the name asked, or a negative answer's authority
// section names the zone by its SOA (an ancestor of the name asked). A
// CNAME at a name is not followed: the CNAME lives in the parent's zone.
// Names in Config.ZoneDir zones are answered from the files. When not even
// the root has an SOA the error IsNotFound; a failed query on the way is
// returned as is (temporary), as skipping a level could name a wrong zone.
func (r *Resolver) FindZone(ctx context.Context, name string) (string, error) {
	first, err := canonName(name)
	if err != nil {
		return "", errInvalidName(name, err)
	}
	server := ""
	for cur, more := first, true; more; cur, more = parentName(cur) {
		resp, err := r.query(ctx, cur, dns.TypeSOA)
		if err != nil {
			return "", relabel(err, name, "")
		}
		server = resp.server
		ck := asciiLower(cur)
		cname := false
		for _, rr := range resp.answer {
			h := rr.Header()
			if key(h.Name) != ck {
				continue
			}
			switch h.Rrtype {
			case dns.TypeSOA:
				return rawName(ck), nil
			case dns.TypeCNAME:
				cname = true
			}
		}
		if !cname && len(resp.answer) == 0 && resp.soa != nil {
			if z := key(resp.soa.Hdr.Name); isSubdomain(z, ck) {
				return rawName(z), nil
			}
		}
	}
	return "", &net.DNSError{
		UnwrapErr:  ErrNXDOMAIN,
		Err:        "no SOA found for the name or any parent",
		Name:       name,
		Server:     server,
		IsNotFound: true,
	}
}

// QueryAt sends one non-recursive query (RD clear, EDNS0 on) for name and
// qtype to server ("ADDR", "ADDR:PORT", "[V6ADDR]:PORT", or a host name,
// whose addresses are looked up with this Resolver and tried in turn),
// retried as configured, TCP on truncation. Nothing is cached and the zone
// files are not consulted. It returns the answer section as received,
// CNAME records included.
//
// Errors, all *net.DNSError: NXDOMAIN, and NOERROR with an empty answer
// section from an authoritative server (AA set), are not-found; an empty
// non-authoritative answer (a referral: the server does not serve that
// zone), a failure rcode, a timeout or a network error are temporary.
func (r *Resolver) QueryAt(ctx context.Context, server, name string, qtype uint16) ([]dns.RR, error) {
	q, err := canonName(name)
	if err != nil {
		return nil, errInvalidName(name, err)
	}
	servers, err := r.serverAddrs(ctx, server)
	if err != nil {
		return nil, err
	}
	resp, err := r.exchange(ctx, q, qtype, false, servers)
	if err != nil {
		return nil, relabel(err, name, "")
	}
	switch {
	case resp.rcode == dns.RcodeNameError:
		return nil, errNXDOMAIN(name, resp.server)
	case len(resp.answer) > 0:
		return append([]dns.RR(nil), resp.answer...), nil
	case !resp.aa:
		return nil, errBadAnswer(name, resp.server, "not authoritative for the name (referral or lame server)")
	}
	return nil, errNODATA(name, resp.server, qtype)
}

// serverAddrs turns QueryAt's server argument into "ADDR:PORT" values.
func (r *Resolver) serverAddrs(ctx context.Context, server string) ([]string, error) {
	if a, err := parseServer(server); err == nil {
		return []string{a}, nil
	}
	host, port := server, "53"
	if h, p, err := net.SplitHostPort(server); err == nil {
		host, port = h, p
	}
	addrs, err := r.LookupHost(ctx, host)
	if err != nil {
		return nil, relabel(err, server, "")
	}
	out := make([]string, len(addrs))
	for i, a := range addrs {
		out[i] = net.JoinHostPort(a.String(), port)
	}
	return out, nil
}

// LookupTXTAt asks one server directly (see QueryAt) for the TXT records at
// name and returns one string per record, its character-strings joined. It
// is how `apply --wait` sees what each authoritative nameserver serves.
func (r *Resolver) LookupTXTAt(ctx context.Context, server, name string) ([]string, error) {
	rrs, err := r.QueryAt(ctx, server, name, dns.TypeTXT)
	if err != nil {
		return nil, err
	}
	q, err := canonName(name)
	if err != nil {
		return nil, errInvalidName(name, err)
	}
	var out []string
	for _, rr := range rrs {
		t, ok := rr.(*dns.TXT)
		// Only the name's own records: not those of a CNAME's target.
		if !ok || key(t.Hdr.Name) != key(q) {
			continue
		}
		var b strings.Builder
		for _, s := range t.Txt {
			b.WriteString(decodeTXT(s))
		}
		out = append(out, b.String())
	}
	return out, nil
}
