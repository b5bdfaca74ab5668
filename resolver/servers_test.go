package resolver

import (
	"net/netip"
	"reflect"
	"testing"
)

func addrs(ss ...string) []netip.Addr {
	var out []netip.Addr
	for _, s := range ss {
		out = append(out, netip.MustParseAddr(s))
	}
	return out
}

// pickServers is the Windows address selection (servers_windows.go reads
// GetAdaptersAddresses into adapterDNS values), tested on plain data.
func TestPickServers(t *testing.T) {
	tests := []struct {
		name     string
		adapters []adapterDNS
		want     []string
	}{
		{"none", nil, nil},
		{"one adapter", []adapterDNS{{Up: true, Metric: 25, Servers: addrs("192.168.1.1")}}, []string{"192.168.1.1:53"}},
		{"down adapter skipped", []adapterDNS{
			{Up: false, Metric: 5, Servers: addrs("10.8.0.1")},
			{Up: true, Metric: 25, Servers: addrs("192.168.1.1")},
		}, []string{"192.168.1.1:53"}},
		{"loopback skipped", []adapterDNS{
			{Up: true, Loopback: true, Metric: 1, Servers: addrs("127.0.0.1")},
			{Up: true, Metric: 35, Servers: addrs("192.0.2.53")},
		}, []string{"192.0.2.53:53"}},
		{"lowest metric first, each adapter in its order", []adapterDNS{
			{Up: true, Metric: 50, Servers: addrs("192.168.1.1", "192.168.1.2")},
			{Up: true, Metric: 10, Servers: addrs("10.0.0.53", "2001:db8::53")},
		}, []string{"10.0.0.53:53", "[2001:db8::53]:53", "192.168.1.1:53", "192.168.1.2:53"}},
		{"Windows' unconfigured IPv6 placeholders and duplicates skipped", []adapterDNS{
			{Up: true, Metric: 25, Servers: addrs("fec0:0:0:ffff::1", "fec0:0:0:ffff::2", "fec0:0:0:ffff::3", "192.168.1.1", "::", "0.0.0.0")},
			{Up: true, Metric: 30, Servers: addrs("192.168.1.1", "fec0:0:0:ffff::4")},
		}, []string{"192.168.1.1:53", "[fec0:0:0:ffff::4]:53"}},
		{"link-local keeps its zone, v4-mapped unmapped", []adapterDNS{
			{Up: true, Metric: 25, Servers: addrs("fe80::1%12", "::ffff:192.0.2.1")},
		}, []string{"[fe80::1%12]:53", "192.0.2.1:53"}},
		{"only down or empty adapters", []adapterDNS{{Up: false, Servers: addrs("192.0.2.1")}, {Up: true}}, nil},
		{"bounded", []adapterDNS{{Up: true, Servers: addrs("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5", "192.0.2.6", "192.0.2.7")}},
			[]string{"192.0.2.1:53", "192.0.2.2:53", "192.0.2.3:53", "192.0.2.4:53", "192.0.2.5:53", "192.0.2.6:53"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pickServers(tt.adapters); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("pickServers = %q, want %q", got, tt.want)
			}
		})
	}
}
