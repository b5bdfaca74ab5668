package realdns

import (
	"fmt"
	"net"
	"strconv"
	"sync"
)

// Ports handed out by pickFreePort and not yet released, so that servers
// started in parallel in one test binary never get the same port.
var (
	portsMu sync.Mutex
	inUse   = map[int]bool{}
)

// pickFreePort returns a port on 127.0.0.1 that is free for both UDP and TCP
// right now and was not handed out before in this process.
func pickFreePort() (int, error) {
	portsMu.Lock()
	defer portsMu.Unlock()
	var lastErr error
	for i := 0; i < 50; i++ {
		l, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			lastErr = err
			continue
		}
		port := l.Addr().(*net.TCPAddr).Port
		u, err := net.ListenPacket("udp4", "127.0.0.1:"+strconv.Itoa(port))
		l.Close()
		if err != nil {
			lastErr = err
			continue
		}
		u.Close()
		if port < 1024 || inUse[port] {
			continue
		}
		inUse[port] = true
		return port, nil
	}
	if lastErr == nil {
		lastErr = fmt.Errorf("no usable port after 50 tries")
	}
	return 0, lastErr
}

// releasePort forgets a port handed out by pickFreePort (no-op for others).
func releasePort(port int) {
	portsMu.Lock()
	delete(inUse, port)
	portsMu.Unlock()
}

// checkPortFree reports whether 127.0.0.1:port can be bound for TCP and UDP.
func checkPortFree(port int) error {
	addr := "127.0.0.1:" + strconv.Itoa(port)
	l, err := net.Listen("tcp4", addr)
	if err != nil {
		return fmt.Errorf("TCP: %v", err)
	}
	l.Close()
	u, err := net.ListenPacket("udp4", addr)
	if err != nil {
		return fmt.Errorf("UDP: %v", err)
	}
	u.Close()
	return nil
}
