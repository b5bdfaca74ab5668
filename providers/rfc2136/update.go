package rfc2136

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/libdns/libdns"
	"github.com/miekg/dns"
)

// ErrChanged is returned when the server refuses an UPDATE because its
// prerequisite failed: the TXT RRset changed between reading and writing.
// Nothing was written.
var ErrChanged = errors.New("the TXT records changed on the server after they were read (RFC 2136 prerequisite failed), so the server wrote nothing; run plan again")

// GetRecords returns every record of the zone, read by AXFR, converted as
// libdns/rfc2136 does (a record libdns cannot parse comes back as a plain
// libdns.RR). TXT values keep miekg/dns's presentation escapes (see
// decodeTXT); providers.Safe decodes them. The TXT RRsets read are
// remembered as the prerequisites of the next writes (see expected).
func (p *Provider) GetRecords(ctx context.Context, zone string) ([]libdns.Record, error) {
	zone = dns.Fqdn(zone)
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	rrs, err := p.axfr(ctx, zone)
	if err == nil {
		p.remember(zone, rrs)
		recs := make([]libdns.Record, len(rrs))
		for i, rr := range rrs {
			recs[i] = toLibdns(rr, zone)
		}
		return recs, nil
	}
	// The adapter's errors carry only the transfer's rcode; ask the server
	// a signed SOA question to say what is wrong with the key.
	if _, derr := p.query(ctx, zone, zone, dns.TypeSOA); derr != nil {
		return nil, fmt.Errorf("reading zone %s by AXFR from %s: %w", zone, p.server, derr)
	}
	if m := xfrRcode.FindStringSubmatch(err.Error()); m != nil {
		rc, _ := strconv.Atoi(m[1])
		if rc == dns.RcodeRefused || rc == dns.RcodeNotAuth {
			return nil, fmt.Errorf("reading zone %s by AXFR from %s: the server refused the transfer (%s): allow %s to transfer the zone (BIND allow-transfer { key %s; }; Knot acl action transfer)",
				zone, p.server, dns.RcodeToString[rc], p.key, strings.TrimSuffix(p.key.Name, "."))
		}
	}
	if errors.Is(err, dns.ErrNoSig) {
		return nil, fmt.Errorf("reading zone %s by AXFR from %s: the server answered without signing with %s, which usually means it refused the transfer: allow the key to transfer the zone (BIND allow-transfer { key %s; }; Knot acl action transfer)",
			zone, p.server, p.key, strings.TrimSuffix(p.key.Name, "."))
	}
	return nil, fmt.Errorf("reading zone %s by AXFR from %s: %w", zone, p.server, p.scrub(err))
}

var xfrRcode = regexp.MustCompile(`bad xfr rcode: (\d+)`)

// SetRecords makes each (name, type) RRset in recs exactly the records
// given. For TXT it sends one conditional UPDATE per name that deletes only
// the records that go and adds only the new ones (see the package doc);
// records that stay keep their character-strings. Other types go through
// libdns/rfc2136 (delete the RRset and add the records, in one message).
func (p *Provider) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	zone = dns.Fqdn(zone)
	groups, order, other := groupTXT(zone, recs)
	if len(other) > 0 {
		if _, err := p.xfr.SetRecords(ctx, zone, other); err != nil {
			return nil, p.explain(zone, err)
		}
	}
	for _, name := range order {
		if err := p.setTXT(ctx, zone, name, groups[name]); err != nil {
			return nil, err
		}
	}
	return recs, nil
}

// groupTXT groups the TXT records of recs by owner (FQDN, lower case) and
// returns the other records apart.
func groupTXT(zone string, recs []libdns.Record) (map[string][]libdns.RR, []string, []libdns.Record) {
	groups := map[string][]libdns.RR{}
	var order []string
	var other []libdns.Record
	for _, r := range recs {
		rr := r.RR()
		if !strings.EqualFold(rr.Type, "TXT") {
			other = append(other, r)
			continue
		}
		name := owner(rr.Name, zone)
		if _, ok := groups[name]; !ok {
			order = append(order, name)
		}
		groups[name] = append(groups[name], rr)
	}
	return groups, order, other
}

// owner makes a libdns name ("@", relative, or fully qualified) an FQDN in
// lower case.
func owner(name, zone string) string {
	name = strings.TrimSpace(name)
	if name == "" || name == "@" {
		return strings.ToLower(zone)
	}
	if strings.HasSuffix(name, ".") {
		return strings.ToLower(name)
	}
	return strings.ToLower(libdns.AbsoluteName(name, zone))
}

func ttlSeconds(d time.Duration) uint32 {
	if d <= 0 {
		return 0
	}
	return uint32(d / time.Second)
}

// DefaultTTL is the TTL of a TXT RRset created without one.
const DefaultTTL = 3600

// setTXT makes the TXT RRset at name hold exactly want (raw texts).
func (p *Provider) setTXT(ctx context.Context, zone, name string, want []libdns.RR) error {
	live, err := p.expected(ctx, zone, name)
	if err != nil {
		return err
	}
	if p.afterRead != nil {
		p.afterRead()
	}
	ttl := ttlSeconds(want[0].TTL)
	liveTTL := uint32(0)
	if len(live) > 0 {
		liveTTL = live[0].Hdr.Ttl
	}
	if ttl == 0 {
		ttl = liveTTL
	}
	if ttl == 0 {
		ttl = DefaultTTL
	}
	// Pair each wanted text with a live record holding it; those stay.
	used := make([]bool, len(live))
	var add []dns.RR
	seen := map[string]bool{}
	for _, w := range want {
		if seen[w.Data] {
			continue // an RRset holds a value once
		}
		seen[w.Data] = true
		found := false
		for i, l := range live {
			if !used[i] && txtText(l) == w.Data {
				used[i], found = true, true
				break
			}
		}
		if !found {
			add = append(add, newTXT(name, ttl, w.Data))
		}
	}
	var del []dns.RR
	for i, l := range live {
		if !used[i] {
			del = append(del, dns.Copy(l))
		}
	}
	m := new(dns.Msg)
	m.SetUpdate(zone)
	p.prereq(m, name, live)
	switch {
	case len(live) > 0 && liveTTL != ttl:
		// A new TTL applies to the whole RRset: replace it, the records
		// that stay with their own character-strings.
		m.RemoveRRset([]dns.RR{&dns.TXT{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT, Class: dns.ClassINET}}})
		for i, l := range live {
			if used[i] {
				k := dns.Copy(l)
				k.Header().Ttl = ttl
				add = append(add, k)
			}
		}
		m.Insert(add)
	case len(add) == 0 && len(del) == 0:
		return nil // already as wanted
	default:
		if len(del) > 0 {
			m.Remove(del)
		}
		if len(add) > 0 {
			m.Insert(add)
		}
	}
	defer p.forget(zone, name)
	return p.update(ctx, zone, name, m)
}

// prereq adds the condition that the TXT RRset at name is exactly live
// (RFC 2136 §2.4.2), or absent when live is empty (§2.4.3).
func (p *Provider) prereq(m *dns.Msg, name string, live []*dns.TXT) {
	if len(live) == 0 {
		m.RRsetNotUsed([]dns.RR{&dns.TXT{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT}}})
		return
	}
	rrs := make([]dns.RR, len(live))
	for i, l := range live {
		rrs[i] = dns.Copy(l)
	}
	m.Used(rrs)
}

// update sends an UPDATE message and explains a refusal.
func (p *Provider) update(ctx context.Context, zone, name string, m *dns.Msg) error {
	r, err := p.exchange(ctx, m)
	if err != nil {
		return fmt.Errorf("UPDATE of %s at %s: %w", name, p.server, err)
	}
	switch r.Rcode {
	case dns.RcodeSuccess:
		return nil
	case dns.RcodeNXRrset, dns.RcodeYXRrset:
		return fmt.Errorf("UPDATE of %s at %s: %w", name, p.server, ErrChanged)
	case dns.RcodeRefused:
		return fmt.Errorf("UPDATE of %s at %s: the server refused it (REFUSED%s): allow %s to update zone %s (BIND allow-update { key %s; } or update-policy; Knot acl action update); nothing was written",
			name, p.server, ede(r), p.key, zone, strings.TrimSuffix(p.key.Name, "."))
	case dns.RcodeNotZone:
		return fmt.Errorf("UPDATE of %s at %s: %s is not in zone %s as the server sees it (NOTZONE); nothing was written", name, p.server, name, zone)
	case dns.RcodeNotAuth:
		return fmt.Errorf("UPDATE of %s at %s: the server is not authoritative for zone %s or refused the key (NOTAUTH%s); nothing was written", name, p.server, zone, ede(r))
	}
	return fmt.Errorf("UPDATE of %s at %s: the server answered %s%s; it should have written nothing (RFC 2136 §3.7), check with spfpatch plan",
		name, p.server, rcodeName(r.Rcode), ede(r))
}

// liveTXT returns the TXT records at name as the server holds them.
func (p *Provider) liveTXT(ctx context.Context, zone, name string) ([]*dns.TXT, error) {
	r, err := p.query(ctx, zone, name, dns.TypeTXT)
	if err != nil {
		return nil, fmt.Errorf("reading the TXT records of %s from %s: %w", name, p.server, err)
	}
	var out []*dns.TXT
	for _, rr := range r.Answer {
		if t, ok := rr.(*dns.TXT); ok && strings.EqualFold(t.Hdr.Name, name) {
			out = append(out, t)
		}
	}
	return out, nil
}

// query asks the server a signed question and checks that it answers
// authoritatively for zone. NXDOMAIN is an empty answer.
func (p *Provider) query(ctx context.Context, zone, name string, qtype uint16) (*dns.Msg, error) {
	m := new(dns.Msg)
	m.SetQuestion(name, qtype)
	m.RecursionDesired = false
	r, err := p.exchange(ctx, m)
	if err != nil {
		return nil, err
	}
	switch r.Rcode {
	case dns.RcodeSuccess, dns.RcodeNameError:
	case dns.RcodeRefused, dns.RcodeNotAuth:
		return nil, fmt.Errorf("the server refused the question (%s%s): is it the primary of zone %s?", rcodeName(r.Rcode), ede(r), zone)
	default:
		return nil, fmt.Errorf("the server answered %s%s", rcodeName(r.Rcode), ede(r))
	}
	if !r.Authoritative {
		return nil, fmt.Errorf("the server is not authoritative for %s (no AA bit): give the zone's primary in --rfc2136-server", name)
	}
	return r, nil
}

// exchange sends m signed with the key over TCP. A refused key, a bad
// signature or a network error come back as errors that say what to check;
// other rcodes are left to the caller.
func (p *Provider) exchange(ctx context.Context, m *dns.Msg) (*dns.Msg, error) {
	m.SetTsig(p.key.Name, algorithms[p.key.Algorithm], 300, time.Now().Unix())
	c := &dns.Client{
		Net:        "tcp",
		Timeout:    p.timeout,
		TsigSecret: map[string]string{p.key.Name: p.key.Secret},
	}
	r, _, err := c.ExchangeContext(ctx, m, p.server)
	if r != nil {
		if t := r.IsTsig(); t != nil && t.Error != dns.RcodeSuccess {
			return nil, p.tsigError(t.Error)
		}
		if r.Rcode == dns.RcodeNotAuth && r.IsTsig() == nil {
			// RFC 8945 §5.3: an unsigned NOTAUTH answers a request whose
			// key or signature the server could not check.
			return nil, fmt.Errorf("the server rejected %s (NOTAUTH%s): %s", p.key, ede(r), p.keyHint())
		}
	}
	if err != nil {
		var ne net.Error
		switch {
		case errors.Is(err, dns.ErrSig), errors.Is(err, dns.ErrAuth), errors.Is(err, dns.ErrSecret), errors.Is(err, dns.ErrKeyAlg):
			return nil, fmt.Errorf("the server's answer does not verify with %s (%v): %s", p.key, err, p.keyHint())
		case errors.Is(err, dns.ErrTime):
			return nil, fmt.Errorf("the server's answer is signed at a time more than 5 minutes from this machine's clock: fix the clock")
		case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
			return nil, fmt.Errorf("no answer from %s within %v (TCP): is it the right server and port?", p.server, p.timeout)
		}
		return nil, fmt.Errorf("cannot talk to %s over TCP: %w", p.server, p.scrub(err))
	}
	return r, nil
}

func (p *Provider) tsigError(code uint16) error {
	switch code {
	case dns.RcodeBadSig:
		return fmt.Errorf("the server rejected %s (BADSIG): the signature does not match, so the secret or the algorithm differs from the server's key", p.key)
	case dns.RcodeBadKey:
		return fmt.Errorf("the server rejected %s (BADKEY): it has no key of this name and algorithm; check --rfc2136-key-name and --rfc2136-key-alg (or the key file)", p.key)
	case dns.RcodeBadTime:
		return fmt.Errorf("the server rejected %s (BADTIME): this machine's clock is more than 5 minutes from the server's; fix the clock", p.key)
	}
	return fmt.Errorf("the server rejected %s (TSIG error %s): %s", p.key, rcodeName(int(code)), p.keyHint())
}

// explain wraps an error of libdns/rfc2136, without the secret.
func (p *Provider) explain(zone string, err error) error {
	return fmt.Errorf("zone %s at %s: %w", zone, p.server, p.scrub(err))
}

func rcodeName(rc int) string {
	if s, ok := dns.RcodeToString[rc]; ok {
		return s
	}
	return "rcode " + strconv.Itoa(rc)
}

// ede returns the server's extended DNS error (RFC 8914), if any, as
// ": text" for messages.
func ede(r *dns.Msg) string {
	opt := r.IsEdns0()
	if opt == nil {
		return ""
	}
	var out []string
	for _, o := range opt.Option {
		if e, ok := o.(*dns.EDNS0_EDE); ok {
			s := dns.ExtendedErrorCodeToString[e.InfoCode]
			if e.ExtraText != "" {
				s += ": " + e.ExtraText
			}
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return ""
	}
	return "; " + strings.Join(out, "; ")
}

// AppendRecords adds records. TXT records are added with the TTL of the
// RRset they join (so the other records keep theirs), cut into strings
// like SetRecords; other types go through libdns/rfc2136.
func (p *Provider) AppendRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	zone = dns.Fqdn(zone)
	groups, order, other := groupTXT(zone, recs)
	if len(other) > 0 {
		if _, err := p.xfr.AppendRecords(ctx, zone, other); err != nil {
			return nil, p.explain(zone, err)
		}
	}
	for _, name := range order {
		live, err := p.liveTXT(ctx, zone, name)
		if err != nil {
			return nil, err
		}
		var add []dns.RR
		for _, w := range groups[name] {
			ttl := ttlSeconds(w.TTL)
			if len(live) > 0 {
				ttl = live[0].Hdr.Ttl
			}
			if ttl == 0 {
				ttl = DefaultTTL
			}
			add = append(add, newTXT(name, ttl, w.Data))
		}
		m := new(dns.Msg)
		m.SetUpdate(zone)
		m.Insert(add)
		p.forget(zone, name)
		if err := p.update(ctx, zone, name, m); err != nil {
			return nil, err
		}
	}
	return recs, nil
}

// DeleteRecords deletes exactly the records given and returns those that
// were there. A TXT value is matched in the form GetRecords returns it
// (escapes kept), which is what providers.Safe passes; an empty value
// matches every TXT record of the name (the libdns contract). Each name's
// deletion is conditional on its TXT RRset being as just read. Other types
// go through libdns/rfc2136.
func (p *Provider) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	zone = dns.Fqdn(zone)
	groups, order, other := groupTXT(zone, recs)
	var out []libdns.Record
	if len(other) > 0 {
		if _, err := p.xfr.DeleteRecords(ctx, zone, other); err != nil {
			return nil, p.explain(zone, err)
		}
		out = append(out, other...)
	}
	for _, name := range order {
		live, err := p.expected(ctx, zone, name)
		if err != nil {
			return out, err
		}
		var del []dns.RR
		var gone []libdns.Record
		for _, l := range live {
			for _, w := range groups[name] {
				if w.Data == "" || adapterText(l) == w.Data {
					del = append(del, dns.Copy(l))
					gone = append(gone, libdns.TXT{Name: libdns.RelativeName(name, zone), TTL: time.Duration(l.Hdr.Ttl) * time.Second, Text: adapterText(l)})
					break
				}
			}
		}
		if len(del) == 0 {
			continue
		}
		m := new(dns.Msg)
		m.SetUpdate(zone)
		p.prereq(m, name, live)
		m.Remove(del)
		p.forget(zone, name)
		if err := p.update(ctx, zone, name, m); err != nil {
			return out, err
		}
		out = append(out, gone...)
	}
	return out, nil
}
