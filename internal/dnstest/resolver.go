// Package dnstest holds test helpers: a map-backed fake resolver that
// satisfies spfcheck.Resolver, an in-memory libdns record store (store.go),
// and in-process miekg/dns servers on 127.0.0.1 (server.go).
package dnstest

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"sync"
)

// Zone is the data a FakeResolver answers from, keyed by lower-case name
// without a trailing dot.
type Zone struct {
	TXT  map[string][]string
	A    map[string][]string
	AAAA map[string][]string
	MX   map[string][]string // exchange names in order; "." is a null MX
	PTR  map[string][]string // keyed by the IP address text
	// Fail makes every query for a name fail as temporary (SERVFAIL-like).
	Fail map[string]bool
	// Exists lists names that exist without records of the asked types
	// (NODATA rather than NXDOMAIN); any name with a record exists too.
	Exists map[string]bool
}

// FakeResolver answers from a Zone and counts queries. It is safe for
// concurrent use.
type FakeResolver struct {
	Zone Zone

	mu      sync.Mutex
	queries map[string]int // "TYPE name" -> count
}

// NewFakeResolver returns a FakeResolver over z.
func NewFakeResolver(z Zone) *FakeResolver { return &FakeResolver{Zone: z} }

func norm(n string) string { return strings.ToLower(strings.TrimSuffix(n, ".")) }

func (f *FakeResolver) count(qtype, name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.queries == nil {
		f.queries = map[string]int{}
	}
	f.queries[qtype+" "+name]++
}

// Queries returns how often (qtype, name) was asked, e.g. Queries("TXT", "example.com").
func (f *FakeResolver) Queries(qtype, name string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.queries[qtype+" "+norm(name)]
}

// Total returns the number of queries asked.
func (f *FakeResolver) Total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.queries {
		n += c
	}
	return n
}

func (f *FakeResolver) exists(name string) bool {
	if f.Zone.Exists[name] {
		return true
	}
	for _, m := range []map[string][]string{f.Zone.TXT, f.Zone.A, f.Zone.AAAA, f.Zone.MX} {
		if _, ok := m[name]; ok {
			return true
		}
	}
	return false
}

func (f *FakeResolver) answer(ctx context.Context, qtype, name string, m map[string][]string) ([]string, error) {
	name = norm(name)
	f.count(qtype, name)
	if err := ctx.Err(); err != nil {
		return nil, &net.DNSError{Err: err.Error(), Name: name, IsTimeout: true, IsTemporary: true}
	}
	if f.Zone.Fail[name] {
		return nil, &net.DNSError{Err: "server misbehaving", Name: name, Server: "fake", IsTemporary: true}
	}
	v, ok := m[name]
	if !ok || len(v) == 0 {
		msg := "no such host"
		if f.exists(name) {
			msg = "no records of this type"
		}
		return nil, &net.DNSError{Err: msg, Name: name, Server: "fake", IsNotFound: true}
	}
	return append([]string(nil), v...), nil
}

// LookupTXT implements spfcheck.Resolver.
func (f *FakeResolver) LookupTXT(ctx context.Context, name string) ([]string, error) {
	return f.answer(ctx, "TXT", name, f.Zone.TXT)
}

// LookupNetIP implements spfcheck.Resolver.
func (f *FakeResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	qtype, m := "A", f.Zone.A
	if network == "ip6" {
		qtype, m = "AAAA", f.Zone.AAAA
	}
	v, err := f.answer(ctx, qtype, host, m)
	if err != nil {
		return nil, err
	}
	out := make([]netip.Addr, 0, len(v))
	for _, s := range v {
		out = append(out, netip.MustParseAddr(s))
	}
	return out, nil
}

// LookupMX implements spfcheck.Resolver.
func (f *FakeResolver) LookupMX(ctx context.Context, name string) ([]*net.MX, error) {
	v, err := f.answer(ctx, "MX", name, f.Zone.MX)
	if err != nil {
		return nil, err
	}
	out := make([]*net.MX, len(v))
	for i, h := range v {
		out[i] = &net.MX{Host: h, Pref: uint16(10 * (i + 1))}
	}
	return out, nil
}

// LookupAddr implements spfcheck.Resolver.
func (f *FakeResolver) LookupAddr(ctx context.Context, addr string) ([]string, error) {
	return f.answer(ctx, "PTR", addr, f.Zone.PTR)
}
