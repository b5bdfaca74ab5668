package resolver_test

import (
	"context"
	"fmt"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/resolver"
)

// UDP sockets are reused across queries to one server, but each carries at
// most 100 queries, so source ports keep changing.
func TestUDPSocketReuseIsBounded(t *testing.T) {
	var mu sync.Mutex
	ports := map[int]int{}
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		mu.Lock()
		ports[w.RemoteAddr().(*net.UDPAddr).Port]++
		mu.Unlock()
		m := new(dns.Msg)
		m.SetReply(req)
		m.Authoritative = true
		m.Answer = append(m.Answer, &dns.TXT{Hdr: dns.RR_Header{Name: req.Question[0].Name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 60}, Txt: []string{"x"}})
		_ = w.WriteMsg(m)
	})}
	started := make(chan struct{})
	srv.NotifyStartedFunc = func() { close(started) }
	go func() { _ = srv.ActivateAndServe() }()
	<-started
	t.Cleanup(func() { _ = srv.Shutdown() })

	r, err := resolver.New(resolver.Config{Nameservers: []string{pc.LocalAddr().String()}, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	const n = 250
	for i := 0; i < n; i++ {
		if _, err := r.LookupTXT(context.Background(), fmt.Sprintf("n%d.example", i)); err != nil {
			t.Fatal(err)
		}
	}
	if s := r.Stats(); s.Sent != n {
		t.Fatalf("sent %d, want %d", s.Sent, n)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(ports) < 3 || len(ports) > n/2 {
		t.Fatalf("%d source ports for %d sequential queries: want reuse, at most 100 queries a port", len(ports), n)
	}
	for p, c := range ports {
		if c > 100 {
			t.Errorf("port %d carried %d queries", p, c)
		}
	}
}

// Config.IdleSockets: with as many idle sockets as lookups at once, a
// second round of concurrent lookups opens no new socket.
func TestIdleSocketsFollowParallelism(t *testing.T) {
	var mu sync.Mutex
	ports := map[int]int{}
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		mu.Lock()
		ports[w.RemoteAddr().(*net.UDPAddr).Port]++
		mu.Unlock()
		time.Sleep(100 * time.Millisecond) // every lookup of a round in flight at once
		m := new(dns.Msg)
		m.SetReply(req)
		m.Answer = append(m.Answer, &dns.TXT{Hdr: dns.RR_Header{Name: req.Question[0].Name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 60}, Txt: []string{"x"}})
		_ = w.WriteMsg(m)
	})}
	started := make(chan struct{})
	srv.NotifyStartedFunc = func() { close(started) }
	go func() { _ = srv.ActivateAndServe() }()
	<-started
	t.Cleanup(func() { _ = srv.Shutdown() })

	const par = 96
	r, err := resolver.New(resolver.Config{Nameservers: []string{pc.LocalAddr().String()}, Timeout: 5 * time.Second, IdleSockets: par})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for round := range 2 {
		var wg sync.WaitGroup
		for i := range par {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := r.LookupTXT(context.Background(), fmt.Sprintf("r%d-n%d.example", round, i)); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	mu.Lock()
	defer mu.Unlock()
	if len(ports) > par {
		t.Errorf("%d source ports for two rounds of %d lookups at once: idle sockets dropped between rounds", len(ports), par)
	}
}
