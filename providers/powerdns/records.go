package powerdns

import (
	"context"
	"strings"
	"time"

	"github.com/libdns/libdns"
)

// GetRecords returns the records the zone serves: disabled records are
// left out. TXT values are the content as PowerDNS holds it (quoted);
// providers.Safe unquotes them (unquoteTXT).
func (p *Provider) GetRecords(ctx context.Context, zone string) ([]libdns.Record, error) {
	z, err := p.getZone(ctx, zone)
	if err != nil {
		return nil, err
	}
	var out []libdns.Record
	for _, s := range z.RRsets {
		for _, r := range s.Records {
			if !r.Disabled {
				out = append(out, toLibdns(s, r.Content, zone))
			}
		}
	}
	return out, nil
}

func toLibdns(s rrsetJSON, content, zone string) libdns.Record {
	rr := libdns.RR{
		Name: libdns.RelativeName(strings.ToLower(s.Name), strings.ToLower(fqdn(zone))),
		TTL:  time.Duration(s.TTL) * time.Second,
		Type: s.Type,
		Data: content,
	}
	if rec, err := rr.Parse(); err == nil {
		return rec
	}
	return rr
}

// key is an RRset: owner FQDN in lower case and type in upper case.
type key struct{ name, typ string }

func group(zone string, recs []libdns.Record) (map[key][]libdns.RR, []key) {
	groups := map[key][]libdns.RR{}
	var order []key
	for _, r := range recs {
		rr := r.RR()
		k := key{owner(rr.Name, zone), strings.ToUpper(strings.TrimSpace(rr.Type))}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], rr)
	}
	return groups, order
}

// owner makes a libdns name ("@", relative or fully qualified) an FQDN in
// lower case.
func owner(name, zone string) string {
	name = strings.TrimSpace(name)
	if name == "" || name == "@" {
		return strings.ToLower(fqdn(zone))
	}
	if strings.HasSuffix(name, ".") {
		return strings.ToLower(name)
	}
	return strings.ToLower(name + "." + fqdn(zone))
}

// find returns the zone's RRset k, or nil.
func find(z *zoneJSON, k key) *rrsetJSON {
	for i := range z.RRsets {
		s := &z.RRsets[i]
		if strings.EqualFold(s.Name, k.name) && strings.EqualFold(s.Type, k.typ) {
			return s
		}
	}
	return nil
}

// value is a record's libdns value: TXT content unquoted, other content as is.
func value(typ, content string) string {
	if typ == "TXT" {
		return unquoteTXT(content)
	}
	return content
}

// content is the PowerDNS content for a libdns value.
func content(typ, value string) string {
	if typ == "TXT" {
		return quoteTXT(value)
	}
	return value
}

// DefaultTTL is the TTL of an RRset created without one.
const DefaultTTL = 3600

func ttlOf(d time.Duration, live *rrsetJSON) int {
	switch {
	case d > 0:
		return int(d / time.Second)
	case live != nil && live.TTL > 0:
		return live.TTL
	}
	return DefaultTTL
}

// SetRecords makes each (name, type) RRset in recs exactly the records
// given, in one PATCH. Records already there are sent back with their
// content as PowerDNS holds it; disabled records stay, disabled.
func (p *Provider) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	z, err := p.getZone(ctx, zone)
	if err != nil {
		return nil, err
	}
	groups, order := group(zone, recs)
	var sets []rrsetJSON
	for _, k := range order {
		if s, changed := replacement(k, groups[k], find(z, k)); changed {
			sets = append(sets, s)
		}
	}
	if err := p.patch(ctx, zone, sets); err != nil {
		return nil, err
	}
	return recs, nil
}

// replacement is the REPLACE of RRset k that holds want, built from live,
// and whether it differs from live.
func replacement(k key, want []libdns.RR, live *rrsetJSON) (rrsetJSON, bool) {
	var liveRecs []recordJSON
	if live != nil {
		liveRecs = live.Records
	}
	ttl := ttlOf(want[0].TTL, live)
	changed := live == nil || live.TTL != ttl
	out := rrsetJSON{Name: k.name, Type: k.typ, TTL: ttl, ChangeType: "REPLACE"}
	used := make([]bool, len(liveRecs))
	wanted := map[string]bool{}
	for _, w := range want {
		if wanted[w.Data] {
			continue // an RRset holds a value once
		}
		wanted[w.Data] = true
		found := false
		for i, r := range liveRecs {
			if !used[i] && !r.Disabled && value(k.typ, r.Content) == w.Data {
				used[i], found = true, true
				out.Records = append(out.Records, recordJSON{Content: r.Content})
				break
			}
		}
		if !found {
			out.Records = append(out.Records, recordJSON{Content: content(k.typ, w.Data)})
			changed = true
		}
	}
	for i, r := range liveRecs {
		switch {
		case used[i]:
		case r.Disabled && !wanted[value(k.typ, r.Content)]:
			out.Records = append(out.Records, r) // stays disabled
		default:
			changed = true // an enabled record that goes, or a disabled one now enabled
		}
	}
	return out, changed
}

// AppendRecords adds records to their RRsets, which keep their TTL.
func (p *Provider) AppendRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	z, err := p.getZone(ctx, zone)
	if err != nil {
		return nil, err
	}
	groups, order := group(zone, recs)
	var sets []rrsetJSON
	for _, k := range order {
		live := find(z, k)
		want := append([]libdns.RR(nil), groups[k]...)
		if live != nil {
			for _, r := range live.Records {
				if !r.Disabled {
					want = append(want, libdns.RR{Data: value(k.typ, r.Content)})
				}
			}
			want[0].TTL = time.Duration(live.TTL) * time.Second
		}
		if s, changed := replacement(k, want, live); changed {
			sets = append(sets, s)
		}
	}
	if err := p.patch(ctx, zone, sets); err != nil {
		return nil, err
	}
	return recs, nil
}

// DeleteRecords deletes exactly the records given and returns those that
// were there. A TXT value is matched as GetRecords returns it (quoted
// content, which is what providers.Safe passes) or, when it does not start
// with a quote, as text. An empty value matches every record of the type,
// an empty type every type at the name (the libdns contract). Disabled
// records are never deleted.
func (p *Provider) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	z, err := p.getZone(ctx, zone)
	if err != nil {
		return nil, err
	}
	groups, order := group(zone, recs)
	var deleted []libdns.Record
	touched := map[int]bool{}
	for _, k := range order {
		for i := range z.RRsets {
			s := &z.RRsets[i]
			if !strings.EqualFold(s.Name, k.name) || k.typ != "" && !strings.EqualFold(s.Type, k.typ) {
				continue
			}
			typ := strings.ToUpper(s.Type)
			var keep []recordJSON
			for _, r := range s.Records {
				if !r.Disabled && matchesAny(typ, r.Content, groups[k]) {
					deleted = append(deleted, toLibdns(*s, r.Content, zone))
					touched[i] = true
					continue
				}
				keep = append(keep, r)
			}
			s.Records = keep // a later group sees the result
		}
	}
	var sets []rrsetJSON
	for i, s := range z.RRsets {
		switch {
		case !touched[i]:
		case len(s.Records) == 0:
			sets = append(sets, rrsetJSON{Name: s.Name, Type: s.Type, ChangeType: "DELETE"})
		default:
			sets = append(sets, rrsetJSON{Name: s.Name, Type: s.Type, TTL: s.TTL, ChangeType: "REPLACE", Records: s.Records})
		}
	}
	if err := p.patch(ctx, zone, sets); err != nil {
		return nil, err
	}
	return deleted, nil
}

func matchesAny(typ, c string, want []libdns.RR) bool {
	for _, w := range want {
		switch {
		case w.Data == "", c == w.Data:
			return true
		case typ == "TXT" && !strings.HasPrefix(w.Data, `"`) && unquoteTXT(c) == w.Data:
			return true
		}
	}
	return false
}
