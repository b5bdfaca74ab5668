package dnstest

import (
	"net"
	"strconv"
	"sync"
	"testing"

	"github.com/miekg/dns"
)

// ServeDNS starts h as an in-process miekg/dns server on 127.0.0.1, over
// UDP and TCP on the same port, and returns that address (host:port). Both
// servers are shut down, and their goroutines waited for, when tb ends.
func ServeDNS(tb testing.TB, h dns.Handler) string {
	tb.Helper()
	// Another process may hold the TCP port of a free UDP one, so try a few.
	var pc net.PacketConn
	var ln net.Listener
	for attempt := 0; ; attempt++ {
		var err error
		pc, err = net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			tb.Fatal(err)
		}
		port := pc.LocalAddr().(*net.UDPAddr).Port
		ln, err = net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err == nil {
			break
		}
		pc.Close()
		if attempt == 20 {
			tb.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	tb.Cleanup(wg.Wait) // after the Shutdowns registered below (cleanups run last-in first-out)
	for _, s := range []*dns.Server{{PacketConn: pc, Handler: h}, {Listener: ln, Handler: h}} {
		started := make(chan struct{})
		s.NotifyStartedFunc = func() { close(started) }
		wg.Add(1)
		go func() { defer wg.Done(); _ = s.ActivateAndServe() }()
		<-started
		tb.Cleanup(func() { _ = s.Shutdown() })
	}
	return pc.LocalAddr().String()
}

// WriteMsg writes the reply m to req, truncated over UDP to what the
// client's buffer takes (512 bytes, or its EDNS0 size), so that a
// resolver's TCP fallback is exercised as with a real server.
func WriteMsg(w dns.ResponseWriter, req, m *dns.Msg) {
	if _, udp := w.RemoteAddr().(*net.UDPAddr); udp {
		size := dns.MinMsgSize
		if o := req.IsEdns0(); o != nil {
			size = int(o.UDPSize())
		}
		m.Truncate(size)
	}
	_ = w.WriteMsg(m)
}
