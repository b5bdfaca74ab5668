// Package manual is the provider for DNS hosts without an API: spfpatch
// reads the live record over DNS, prints the value to paste in the host's
// control panel, and (with apply --wait) watches DNS until it shows.
//
// It cannot list a zone, so GetRecords fails; GetRRset reads one TXT RRset
// over DNS instead. It cannot write: SetRecords fails with ErrManual.
package manual

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/providers"
)

// ErrManual is the error of every write: the change must be made by hand.
var ErrManual = errors.New("the manual provider cannot write: paste the value in your DNS host's control panel")

// ErrCannotList is the error of GetRecords: without an API, a zone's
// records cannot be listed, only single names looked up over DNS.
var ErrCannotList = errors.New("the manual provider cannot list a zone's records: it has no API and reads single names over DNS")

// Provider reads TXT records over DNS. It is safe for concurrent use when
// its TXTReader is.
type Provider struct {
	dns providers.TXTReader
}

// New returns a manual provider reading through r.
func New(r providers.TXTReader) (*Provider, error) {
	if r == nil {
		return nil, errors.New("manual: no DNS resolver to read records with")
	}
	return &Provider{dns: r}, nil
}

func init() {
	providers.Register(providers.Info{
		Name:        "manual",
		Description: "no API: reads the record over DNS and prints the value to paste in your DNS host's control panel",
		Caps: providers.Capabilities{
			Manual:  true,
			LongTXT: true,
			TXTRead: "read over DNS",
			Notes: []string{
				"values over 255 bytes must be entered as the host's panel expects: some take one long value, some want several quoted strings",
				"reads go through the resolver, so a change shows only once caches expire (apply --wait)",
			},
		},
		New: func(env providers.Env) (providers.Provider, error) {
			return New(env.DNS)
		},
	})
}

// GetRecords fails with ErrCannotList: use GetRRset.
func (p *Provider) GetRecords(ctx context.Context, zone string) ([]libdns.Record, error) {
	return nil, fmt.Errorf("zone %s: %w", zone, ErrCannotList)
}

// GetRRset reads the TXT RRset at name (relative to zone, "@" or "" for the
// apex) over DNS: one libdns.TXT per record, its character-strings joined,
// with TTL 0 as DNS answers do not say the zone's TTL. A name with no TXT
// records (NXDOMAIN or NODATA) gives an empty slice and no error; other
// failures are returned. Only TXT can be read.
func (p *Provider) GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error) {
	if !strings.EqualFold(strings.TrimSpace(rrtype), "TXT") {
		return nil, fmt.Errorf("manual: only TXT records can be read, not %s", rrtype)
	}
	if strings.TrimSpace(zone) == "" {
		return nil, errors.New("manual: no zone given")
	}
	z := strings.TrimSpace(zone)
	if !strings.HasSuffix(z, ".") {
		z += "."
	}
	rel := strings.TrimSpace(name)
	if rel == "" {
		rel = "@"
	}
	fqdn := libdns.AbsoluteName(rel, z)
	if strings.HasSuffix(rel, ".") {
		rel = libdns.RelativeName(rel, z)
	}
	recs, err := p.dns.LookupTXTStrings(ctx, fqdn)
	if err != nil {
		var de *net.DNSError
		if errors.As(err, &de) && de.IsNotFound {
			return []libdns.Record{}, nil
		}
		return nil, fmt.Errorf("manual: reading TXT %s: %w", fqdn, err)
	}
	out := make([]libdns.Record, 0, len(recs))
	for _, ss := range recs {
		out = append(out, libdns.TXT{Name: rel, Text: strings.Join(ss, "")})
	}
	return out, nil
}

// SetRecords fails with ErrManual: the values must be pasted by hand.
func (p *Provider) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	var names []string
	seen := map[string]bool{}
	for _, r := range recs {
		rr := r.RR()
		k := rr.Name + " " + rr.Type
		if !seen[k] {
			seen[k] = true
			names = append(names, k)
		}
	}
	return nil, fmt.Errorf("zone %s: %s: %w", zone, strings.Join(names, ", "), ErrManual)
}
