package cloudflare

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/internal/txtcodec"
	"github.com/spfpatch/spfpatch/providers"
)

// record is a DNS record as the API returns it (List DNS Records, "result";
// developers.cloudflare.com/api/resources/dns/subresources/records/methods/list).
// comment and tags are read so that tests can check they survive; spfpatch
// never sends them, so a PATCH keeps them.
type record struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Name     string   `json:"name"`
	Content  string   `json:"content"`
	TTL      int      `json:"ttl"`
	Priority *uint16  `json:"priority,omitempty"`
	Comment  *string  `json:"comment,omitempty"`
	Tags     []string `json:"tags,omitempty"`
	// Locked is the record-level lock of the older API (deprecated in
	// 2024, cloudflare-docs PR #14964); still honoured when present.
	Locked bool `json:"locked,omitempty"`
	Meta   struct {
		// ReadOnly marks a record another Cloudflare product manages
		// (Email Routing's MX, SPF and DKIM records: DNSControl issue
		// #3850, "Cloudflare API returns the read_only status via meta").
		ReadOnly     bool `json:"read_only,omitempty"`
		EmailRouting bool `json:"email_routing,omitempty"`
	} `json:"meta"`
}

// locked reports whether Cloudflare refuses changes to the record.
func (r record) locked() bool { return r.Locked || r.Meta.ReadOnly }

// text is a TXT record's text: Cloudflare's content is one or more quoted
// character-strings ("The content must consist of quoted character
// strings (RFC 1035), each with a length of up to 255 bytes. Strings
// exceeding this allowed maximum length are automatically split."), read
// with their \X and \DDD escapes and joined (RFC 7208 §3.3). Content stored
// before Cloudflare required quotes is taken as it is.
func (r record) text() string {
	if t, ok := txtcodec.Unquote(r.Content); ok {
		return t
	}
	return r.Content
}

// data is what a record is compared on: a TXT record's text, else the
// libdns data.
func (r record) data(zone string) string {
	if r.Type == "TXT" {
		return r.text()
	}
	return r.libdns(zone).RR().Data
}

// rel makes an absolute record name relative to zone ("@" for the apex).
func rel(name, zone string) string {
	n := canonZone(name)
	z := canonZone(zone)
	switch {
	case n == z:
		return "@"
	case strings.HasSuffix(n, "."+z):
		return strings.TrimSuffix(n, "."+z)
	}
	return n
}

// fqdn makes a libdns name ("@", relative or absolute) absolute in zone,
// without the trailing dot, lower case, as the API writes names.
func fqdn(name, zone string) string {
	n := canonZone(name)
	z := canonZone(zone)
	switch {
	case n == "" || n == "@":
		return z
	case strings.HasSuffix(strings.ToLower(strings.TrimSpace(name)), "."):
		return n
	case n == z || strings.HasSuffix(n, "."+z):
		return n
	}
	return n + "." + z
}

// libdns converts a record; a TXT record's data is its text. Types libdns
// cannot parse are kept as plain RRs.
func (r record) libdns(zone string) libdns.Record {
	rr := libdns.RR{Name: rel(r.Name, zone), TTL: time.Duration(r.TTL) * time.Second, Type: r.Type, Data: r.Content}
	// Cloudflare writes host names without the final dot; libdns data is
	// zone-file form, with it.
	dot := func(h string) string {
		if h != "" && !strings.HasSuffix(h, ".") {
			return h + "."
		}
		return h
	}
	switch r.Type {
	case "TXT":
		return libdns.TXT{Name: rr.Name, TTL: rr.TTL, Text: r.text()}
	case "CNAME", "NS", "PTR":
		rr.Data = dot(r.Content)
	case "MX":
		rr.Data = dot(r.Content)
		if r.Priority != nil {
			rr.Data = strconv.Itoa(int(*r.Priority)) + " " + rr.Data
		}
	case "URI", "SRV":
		if r.Priority != nil {
			rr.Data = strconv.Itoa(int(*r.Priority)) + " " + r.Content
		}
	}
	if rec, err := rr.Parse(); err == nil {
		return rec
	}
	return rr
}

// list reads every page of a records list (the query's filters, perPage a
// page). Cloudflare pages by offset, so a record added or removed while the
// pages are read would shift them: a page whose result_info disagrees with
// the first one's (total_count, total_pages), or a record seen twice, means
// the list changed underneath, and it is read again from the first page,
// up to three times.
func (p *Provider) list(ctx context.Context, z zoneInfo, q url.Values, perPage int, o op) ([]record, error) {
	q.Set("per_page", strconv.Itoa(perPage))
	for try := 0; try < 3; try++ {
		var all []record
		seen := map[string]bool{}
		var first *resultInfo
		consistent := true
		for page := 1; consistent; page++ {
			q.Set("page", strconv.Itoa(page))
			env, err := p.api.do(ctx, call{method: http.MethodGet, path: "/zones/" + z.ID + "/dns_records", query: q, op: o, zone: z.Name})
			if err != nil {
				return nil, err
			}
			var rs []record
			if err := json.Unmarshal(env.Result, &rs); err != nil {
				return nil, errors.New(p.p.T("cloudflare.api.bad-answer", "GET /zones/"+z.ID+"/dns_records", err))
			}
			info := env.ResultInfo
			if info == nil {
				if page == 1 && len(rs) < perPage {
					return rs, nil
				}
				return nil, errors.New(p.p.T("cloudflare.api.no-paging", z.Name))
			}
			if first == nil {
				first = info
			} else if info.TotalCount != first.TotalCount || info.TotalPages != first.TotalPages {
				consistent = false
				break
			}
			for _, r := range rs {
				if seen[r.ID] {
					consistent = false
					break
				}
				seen[r.ID] = true
				all = append(all, r)
			}
			if len(rs) == 0 || page >= info.TotalPages || page >= 100000 {
				break
			}
		}
		if consistent {
			return all, nil
		}
	}
	return nil, errors.New(p.p.T("cloudflare.read.changing", z.Name))
}

// readName reads the records of one name and type (typ "": every type):
// GET /zones/{id}/dns_records?type=TYPE&name.exact=NAME (the list's
// exact-name filter), pages of namePage: one request, whatever the size of
// the zone. The result is kept (with the record ids) for the write that
// follows it.
func (p *Provider) readName(ctx context.Context, z zoneInfo, name, typ string) ([]record, error) {
	q := url.Values{"name.exact": {name}}
	if typ != "" {
		q.Set("type", typ)
	}
	rs, err := p.list(ctx, z, q, namePage, opRead)
	if err != nil {
		return nil, err
	}
	// The API's filters are case-insensitive; keep exactly the name asked.
	out := rs[:0]
	for _, r := range rs {
		if canonZone(r.Name) == name && (typ == "" || r.Type == typ) {
			out = append(out, r)
		}
	}
	p.remember(z.ID, name, typ, out)
	if typ == "" {
		// The TXT records of the name, for a write of its TXT RRset.
		var txts []record
		for _, r := range out {
			if r.Type == "TXT" {
				txts = append(txts, r)
			}
		}
		p.remember(z.ID, name, "TXT", txts)
	}
	return out, nil
}

// namePage is the page size of a one-name read and zonePage of a
// whole-zone read. The reference allows up to 5,000,000 a page
// (dns-records_per_page: "Number of DNS records per page", minimum 1,
// maximum 5000000, default 100): a name is one page, however many
// records it holds; a zone is read 5,000 at a time, which keeps one answer
// a few MB at most. Either way an answer is bounded by MaxBody.
const (
	namePage = 5000
	zonePage = 5000
)

// snapshot is the last read of one (zone, name, type), kept for the write
// that follows it (SetRecords after plan's re-read): the write then needs
// no read of its own.
type snapshot struct {
	at   time.Time
	recs []record
}

// SnapshotAge is how long a read stays usable for a write.
const SnapshotAge = 10 * time.Second

// maxSnaps bounds the snapshots kept: names that are read and never
// written (a plan of 50,000 names, most already done) would otherwise keep
// theirs for the whole run. Past it, the expired ones are dropped, and if
// that is not enough, the oldest. A variable: tests lower it.
var maxSnaps = 1024

func snapKey(zoneID, name, typ string) string { return zoneID + "\x00" + name + "\x00" + typ }

func (p *Provider) remember(zoneID, name, typ string, rs []record) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.api.now()
	if len(p.snaps) >= maxSnaps {
		var oldestKey string
		var oldest time.Time
		for k, s := range p.snaps {
			if now.Sub(s.at) >= SnapshotAge {
				delete(p.snaps, k)
			} else if oldestKey == "" || s.at.Before(oldest) {
				oldestKey, oldest = k, s.at
			}
		}
		if len(p.snaps) >= maxSnaps {
			delete(p.snaps, oldestKey)
		}
	}
	p.snaps[snapKey(zoneID, name, typ)] = snapshot{at: now, recs: append([]record(nil), rs...)}
}

func (p *Provider) forget(zoneID, name, typ string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.snaps, snapKey(zoneID, name, typ))
}

// current returns the records of (name, type): the last read when it is
// recent, else a new read.
func (p *Provider) current(ctx context.Context, z zoneInfo, name, typ string) ([]record, error) {
	p.mu.Lock()
	s, ok := p.snaps[snapKey(z.ID, name, typ)]
	p.mu.Unlock()
	if ok && p.api.now().Sub(s.at) < SnapshotAge {
		return append([]record(nil), s.recs...), nil
	}
	return p.readName(ctx, z, name, typ)
}

// GetRRset returns the records of one name and type with one request.
func (p *Provider) GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error) {
	z, err := p.zone(ctx, zone)
	if err != nil {
		return nil, err
	}
	rs, err := p.readName(ctx, z, fqdn(name, zone), strings.ToUpper(rrtype))
	if err != nil {
		return nil, err
	}
	out := make([]libdns.Record, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.libdns(zone))
	}
	return out, nil
}

// NameRecords returns every record at one name, of every type, with one
// request: GET dns_records?name.exact=NAME (plan.NameProber). Its TXT
// records are kept for the write that follows.
func (p *Provider) NameRecords(ctx context.Context, zone, name string) ([]libdns.Record, error) {
	return p.GetRRset(ctx, zone, name, "") // no type: every record at the name
}

// HasBelow reports whether any name below name has records, with one
// request: GET dns_records?name.endswith=.NAME&per_page=1 (the list's
// suffix filter, case-insensitive; plan.NameProber).
func (p *Provider) HasBelow(ctx context.Context, zone, name string) (bool, error) {
	z, err := p.zone(ctx, zone)
	if err != nil {
		return false, err
	}
	suffix := "." + fqdn(name, zone)
	rs, total, err := p.first(ctx, z, url.Values{"name.endswith": {suffix}})
	if err != nil || total == 0 {
		return false, err
	}
	return true, p.matches(z, rs, "name.endswith="+suffix, func(r record) bool { return strings.HasSuffix(canonZone(r.Name), suffix) })
}

// WildcardFor returns the most specific wildcard owner, of any type, that
// would answer for name ("*.b" for a.b, then "*"), relative to the zone, or
// "": one request a label, GET dns_records?name.exact=*.PARENT&per_page=1,
// most specific first (plan.NameProber).
func (p *Provider) WildcardFor(ctx context.Context, zone, name string) (string, error) {
	z, err := p.zone(ctx, zone)
	if err != nil {
		return "", err
	}
	r := rel(fqdn(name, zone), zone)
	if r == "@" {
		return "", nil
	}
	labels := strings.Split(r, ".")
	for i := 1; i <= len(labels); i++ {
		owner := strings.Join(append([]string{"*"}, labels[i:]...), ".")
		abs := fqdn(owner, zone)
		rs, total, err := p.first(ctx, z, url.Values{"name.exact": {abs}})
		if err != nil {
			return "", err
		}
		if total > 0 {
			return owner, p.matches(z, rs, "name.exact="+abs, func(r record) bool { return canonZone(r.Name) == abs })
		}
	}
	return "", nil
}

// first reads the first record matching q (per_page=1) and how many match
// (result_info.total_count).
func (p *Provider) first(ctx context.Context, z zoneInfo, q url.Values) ([]record, int, error) {
	q.Set("per_page", "1")
	env, err := p.api.do(ctx, call{method: http.MethodGet, path: "/zones/" + z.ID + "/dns_records", query: q, op: opRead, zone: z.Name})
	if err != nil {
		return nil, 0, err
	}
	var rs []record
	if err := json.Unmarshal(env.Result, &rs); err != nil {
		return nil, 0, errors.New(p.p.T("cloudflare.api.bad-answer", "GET /zones/"+z.ID+"/dns_records", err))
	}
	total := len(rs)
	if env.ResultInfo != nil && env.ResultInfo.TotalCount > total {
		total = env.ResultInfo.TotalCount
	}
	return rs, total, nil
}

// matches checks that the records an answer holds are what its filter
// asked for: an answer that ignored the filter says nothing, and is an
// error rather than a guess.
func (p *Provider) matches(z zoneInfo, rs []record, filter string, ok func(record) bool) error {
	for _, r := range rs {
		if !ok(r) {
			return errors.New(p.p.T("cloudflare.api.filter-ignored", z.Name, termsafe.Line(providers.Cut(r.Name, 80)), filter))
		}
	}
	return nil
}

// GetRecords returns every record of the zone (pages of 5,000).
func (p *Provider) GetRecords(ctx context.Context, zone string) ([]libdns.Record, error) {
	z, err := p.zone(ctx, zone)
	if err != nil {
		return nil, err
	}
	rs, err := p.list(ctx, z, url.Values{}, zonePage, opRead)
	if err != nil {
		return nil, err
	}
	out := make([]libdns.Record, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.libdns(zone))
	}
	return out, nil
}
