package spfcheck

import (
	"context"
	"net"
	"net/netip"
)

// Resolver is the DNS view that spfcheck needs. It is shaped like *net.Resolver,
// which satisfies it, so a standard-library resolver, the project's resolver
// package and the test fakes are interchangeable.
//
// Contract:
//   - LookupTXT returns one string per TXT record at name, each record's
//     character-strings joined with nothing between them (RFC 7208 §3.3).
//   - LookupNetIP takes network "ip4" (A records) or "ip6" (AAAA records).
//   - LookupMX returns the exchanges in answer order; a null MX (RFC 7505) is
//     returned as a single record whose Host is ".".
//   - LookupAddr takes an IP address in text form and returns the PTR names in
//     answer order.
//   - Errors are *net.DNSError: IsNotFound is true for NXDOMAIN and for an
//     answer with no records of the asked type (NODATA); IsTimeout or
//     IsTemporary is true for a lookup that failed (SERVFAIL, timeout, network).
//   - Names may contain any byte a macro expansion can produce (RFC 7208 §7);
//     an implementation must not refuse them.
//
// Implementations must honor context cancellation and be safe for concurrent use.
type Resolver interface {
	LookupTXT(ctx context.Context, name string) ([]string, error)
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
	LookupMX(ctx context.Context, name string) ([]*net.MX, error)
	LookupAddr(ctx context.Context, addr string) ([]string, error)
}

var _ Resolver = (*net.Resolver)(nil)
