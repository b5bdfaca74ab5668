package rfc2136

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/libdns/libdns"
	"github.com/miekg/dns"
)

// axfr reads the whole zone by AXFR, signed with the key, and returns its
// records as the server sent them.
func (p *Provider) axfr(ctx context.Context, zone string) ([]dns.RR, error) {
	c := &dns.Client{Net: "tcp", Timeout: p.timeout}
	conn, err := c.DialContext(ctx, p.server)
	if err != nil {
		return nil, fmt.Errorf("dial: %w", err)
	}
	defer conn.Close()
	if d, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(d)
	}
	tr := &dns.Transfer{
		Conn:         conn,
		TsigSecret:   map[string]string{p.key.Name: p.key.Secret},
		DialTimeout:  p.timeout,
		ReadTimeout:  p.timeout,
		WriteTimeout: p.timeout,
	}
	m := new(dns.Msg)
	m.SetAxfr(zone)
	m.SetTsig(p.key.Name, algorithms[p.key.Algorithm], 300, time.Now().Unix())
	ch, err := tr.In(m, p.server)
	if err != nil {
		return nil, fmt.Errorf("start zone transfer: %w", err)
	}
	var out []dns.RR
	var terr error
	for e := range ch {
		// Drain the channel so the transfer's goroutine ends.
		if e.Error != nil && terr == nil {
			terr = e.Error
		}
		if terr == nil {
			out = append(out, e.RR...)
		}
	}
	if terr != nil {
		return nil, fmt.Errorf("zone transfer: %w", terr)
	}
	return out, nil
}

// toLibdns converts a record read from the server the way libdns/rfc2136
// does (TXT: the character-strings joined, presentation escapes kept), and
// parses it into libdns's typed struct when libdns can. A record libdns
// cannot parse (an SVCB alias at the apex, say) is returned as the plain
// libdns.RR rather than failing the whole read.
func toLibdns(rr dns.RR, zone string) libdns.Record {
	hdr := rr.Header()
	rec := libdns.RR{
		Name: libdns.RelativeName(hdr.Name, zone),
		TTL:  time.Duration(hdr.Ttl) * time.Second,
	}
	hdrStr := hdr.String()
	typ := dns.TypeToString[hdr.Rrtype]
	if _, ok := rr.(*dns.RFC3597); ok {
		name := strings.SplitN(hdrStr, "\t", 2)[0]
		typ = fmt.Sprintf("TYPE%d", hdr.Rrtype)
		hdrStr = fmt.Sprintf("%s\t%d\tCLASS%d\t%s\t", name, hdr.Ttl, hdr.Class, typ)
	}
	rec.Type = typ
	if t, ok := rr.(*dns.TXT); ok {
		rec.Data = strings.Join(t.Txt, "")
	} else {
		rec.Data = strings.TrimPrefix(rr.String(), hdrStr)
	}
	if parsed, err := rec.Parse(); err == nil {
		return parsed
	}
	return rec
}

// seenZone is the TXT records of every name of a zone as the last read of
// the zone returned them. A name written since is stale: its next write
// reads it afresh.
type seenZone struct {
	txt   map[string][]*dns.TXT // owner FQDN, lower case
	stale map[string]bool
}

// remember keeps the TXT RRsets of a zone read.
func (p *Provider) remember(zone string, rrs []dns.RR) {
	z := &seenZone{txt: map[string][]*dns.TXT{}, stale: map[string]bool{}}
	for _, rr := range rrs {
		if t, ok := rr.(*dns.TXT); ok {
			name := strings.ToLower(t.Hdr.Name)
			z.txt[name] = append(z.txt[name], dns.Copy(t).(*dns.TXT))
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.seen == nil {
		p.seen = map[string]*seenZone{}
	}
	p.seen[strings.ToLower(zone)] = z
}

// lastSeen returns the TXT RRset at name as the last read of the zone
// returned it (empty when the name had none), and whether there is one.
func (p *Provider) lastSeen(zone, name string) ([]*dns.TXT, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	z := p.seen[strings.ToLower(zone)]
	if z == nil || z.stale[name] {
		return nil, false
	}
	out := make([]*dns.TXT, len(z.txt[name]))
	for i, t := range z.txt[name] {
		out[i] = dns.Copy(t).(*dns.TXT)
	}
	return out, true
}

// forget marks name's TXT RRset as written since the last read.
func (p *Provider) forget(zone, name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if z := p.seen[strings.ToLower(zone)]; z != nil {
		z.stale[name] = true
	}
}

// expected is the TXT RRset a write at name must find (its RFC 2136
// prerequisite): the one the caller last saw, i.e. as the most recent read
// of the zone through this provider returned it; without one, as the server
// holds it now.
func (p *Provider) expected(ctx context.Context, zone, name string) ([]*dns.TXT, error) {
	if live, ok := p.lastSeen(zone, name); ok {
		return live, nil
	}
	return p.liveTXT(ctx, zone, name)
}
