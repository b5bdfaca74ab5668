package resolver

import (
	"cmp"
	"errors"
	"net/netip"
	"slices"
	"strconv"

	"github.com/miekg/dns"
)

// ErrNoSystemNameservers is New's error when no Nameservers were given and
// the system names no DNS server (on Windows: no active network adapter
// has one). The caller says to run with --nameserver.
var ErrNoSystemNameservers = errors.New("resolver: this computer has no DNS server configured; give one (for example 1.1.1.1)")

// resolvConfServers returns the nameservers of a resolv.conf file as
// "ADDR:PORT", none when it cannot be read.
func resolvConfServers(path string) []string {
	var out []string
	cc, err := dns.ClientConfigFromFile(path)
	if err != nil {
		return nil
	}
	port, perr := strconv.ParseUint(cc.Port, 10, 16)
	if perr != nil || port == 0 {
		port = 53
	}
	for _, s := range cc.Servers {
		a, err := netip.ParseAddr(s)
		if err != nil {
			continue
		}
		out = append(out, netip.AddrPortFrom(a, uint16(port)).String())
	}
	return out
}

// adapterDNS is what the system says about one network adapter: whether it
// is up, whether it is a loopback, its route metric, its DNS servers in the
// system's order. servers_windows.go fills it from GetAdaptersAddresses;
// pickServers decides on plain data, so that it is tested on any system.
type adapterDNS struct {
	Up       bool
	Loopback bool
	Metric   uint32
	Servers  []netip.Addr
}

// maxSystemServers bounds the servers taken from the adapters: each is
// tried in turn on a timeout, so a long list only makes failures slower.
const maxSystemServers = 6

// pickServers returns the DNS servers to ask, as "ADDR:PORT", from the
// adapters: only adapters that are up and not loopbacks, the one with the
// lowest metric (the route Windows prefers) first, each adapter's servers
// in its own order, each address once. The unspecified address and the
// fec0:0:0:ffff::1-3 site-local addresses that Windows lists on an adapter
// with no IPv6 DNS server configured (as Go's net package does) are
// skipped. A link-local IPv6 server keeps its zone.
func pickServers(adapters []adapterDNS) []string {
	up := make([]adapterDNS, 0, len(adapters))
	for _, a := range adapters {
		if a.Up && !a.Loopback && len(a.Servers) > 0 {
			up = append(up, a)
		}
	}
	slices.SortStableFunc(up, func(a, b adapterDNS) int { return cmp.Compare(a.Metric, b.Metric) })
	var out []string
	seen := map[netip.Addr]bool{}
	for _, a := range up {
		for _, s := range a.Servers {
			if !s.IsValid() || s.IsUnspecified() || isDefaultSiteLocal(s) || seen[s] {
				continue
			}
			seen[s] = true
			out = append(out, netip.AddrPortFrom(s.Unmap(), 53).String())
			if len(out) == maxSystemServers {
				return out
			}
		}
	}
	return out
}

// isDefaultSiteLocal: fec0:0:0:ffff::1, ::2 and ::3, the well-known
// site-local DNS addresses Windows reports where none was configured.
func isDefaultSiteLocal(a netip.Addr) bool {
	if !a.Is6() || a.Is4In6() {
		return false
	}
	b := a.WithZone("").As16()
	prefix := [14]byte{0xfe, 0xc0, 0, 0, 0, 0, 0xff, 0xff}
	return [14]byte(b[:14]) == prefix && b[14] == 0 && b[15] >= 1 && b[15] <= 3
}
