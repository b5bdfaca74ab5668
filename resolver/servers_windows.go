//go:build windows

package resolver

import (
	"net/netip"
	"strconv"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// systemServers returns the DNS servers of the active network adapters
// (Windows has no resolv.conf), or ErrNoSystemNameservers when none has
// one. A ResolvConf set in the Config (tests) is read as on other systems.
func systemServers(path string) ([]string, error) {
	if path != "" {
		if out := resolvConfServers(path); len(out) > 0 {
			return out, nil
		}
		return []string{"127.0.0.1:53"}, nil
	}
	adapters, err := adapterServers()
	if err != nil {
		return nil, ErrNoSystemNameservers
	}
	out := pickServers(adapters)
	if len(out) == 0 {
		return nil, ErrNoSystemNameservers
	}
	return out, nil
}

// adapterServers reads every adapter's state, metric and DNS servers with
// GetAdaptersAddresses, growing the buffer while Windows asks for more.
func adapterServers() ([]adapterDNS, error) {
	const flags = windows.GAA_FLAG_SKIP_UNICAST | windows.GAA_FLAG_SKIP_ANYCAST | windows.GAA_FLAG_SKIP_MULTICAST | windows.GAA_FLAG_SKIP_FRIENDLY_NAME
	size := uint32(15 << 10) // Microsoft's advice: start with 15 KB
	var buf []byte
	for range 4 {
		buf = make([]byte, size)
		err := windows.GetAdaptersAddresses(windows.AF_UNSPEC, flags, 0, (*windows.IpAdapterAddresses)(unsafe.Pointer(&buf[0])), &size)
		if err == nil {
			break
		}
		if err != windows.ERROR_BUFFER_OVERFLOW || size <= uint32(len(buf)) {
			return nil, err
		}
		buf = nil
	}
	if buf == nil {
		return nil, windows.ERROR_BUFFER_OVERFLOW
	}
	var out []adapterDNS
	for aa := (*windows.IpAdapterAddresses)(unsafe.Pointer(&buf[0])); aa != nil; aa = aa.Next {
		a := adapterDNS{
			Up:       aa.OperStatus == windows.IfOperStatusUp,
			Loopback: aa.IfType == windows.IF_TYPE_SOFTWARE_LOOPBACK,
			Metric:   aa.Ipv4Metric,
		}
		for s := aa.FirstDnsServerAddress; s != nil; s = s.Next {
			ip, ok := netip.AddrFromSlice(s.Address.IP())
			if !ok {
				continue
			}
			ip = ip.Unmap()
			if ip.Is6() && ip.IsLinkLocalUnicast() {
				if sa, err := s.Address.Sockaddr.Sockaddr(); err == nil {
					if v6, ok := sa.(*syscall.SockaddrInet6); ok && v6.ZoneId != 0 {
						ip = ip.WithZone(strconv.FormatUint(uint64(v6.ZoneId), 10))
					}
				}
			}
			a.Servers = append(a.Servers, ip)
		}
		out = append(out, a)
	}
	return out, nil
}
