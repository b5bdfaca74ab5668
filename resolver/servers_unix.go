//go:build !windows

package resolver

// systemServers returns the servers of resolv.conf (path, default
// /etc/resolv.conf), or 127.0.0.1:53 when it has none or cannot be read.
func systemServers(path string) ([]string, error) {
	if path == "" {
		path = DefaultResolvConf
	}
	if out := resolvConfServers(path); len(out) > 0 {
		return out, nil
	}
	return []string{"127.0.0.1:53"}, nil
}
