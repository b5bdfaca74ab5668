// Command hostile serves the hostile SPF records of internal/dnstest.Hostile
// on 127.0.0.1 (UDP and TCP), to measure what one hostile domain costs
// `spfpatch check` from outside: queries, wall time, memory (bench/hostile.sh).
//
//	hostile -listen 127.0.0.1:5300 [-delay 2s]
//
// A TXT query for count.hostile.control. is answered with the number of
// queries received since the last such query (itself not counted).
package main

import (
	"flag"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:5300", "`ADDR:PORT` to serve on (loopback)")
	delay := flag.Duration("delay", 2*time.Second, "how late the slow shapes answer")
	flag.Parse()
	if ap, err := netip.ParseAddrPort(*listen); err != nil || !ap.Addr().IsLoopback() {
		fmt.Fprintf(os.Stderr, "hostile: -listen %q: want a loopback ADDR:PORT\n", *listen)
		os.Exit(2)
	}
	h := &dnstest.Hostile{Delay: *delay}
	var last atomic.Int64
	handler := dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		if len(req.Question) == 1 && strings.EqualFold(req.Question[0].Name, "count.hostile.control.") {
			n := h.Queries()
			m := new(dns.Msg)
			m.SetReply(req)
			m.Answer = []dns.RR{&dns.TXT{Hdr: dns.RR_Header{Name: req.Question[0].Name, Rrtype: dns.TypeTXT, Class: dns.ClassINET},
				Txt: []string{strconv.FormatInt(n-last.Load(), 10)}}}
			last.Store(n)
			_ = w.WriteMsg(m)
			return
		}
		h.ServeDNS(w, req)
	})
	pc, err := net.ListenPacket("udp", *listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
	for _, s := range []*dns.Server{{PacketConn: pc, Handler: handler}, {Listener: ln, Handler: handler}} {
		go func() { _ = s.ActivateAndServe() }()
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	<-sig
}
