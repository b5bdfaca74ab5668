package resolver_test

import (
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/resolver"
)

// fakeDNS is an in-process DNS server on 127.0.0.1 (UDP and TCP on one port)
// serving records from a map, logging every query it receives.
type fakeDNS struct {
	Addr string

	mu        sync.Mutex
	rrs       map[string][]dns.RR // lower-cased owner -> records
	zones     []string            // apexes, lower case
	rcode     map[string]int      // forced rcode by lower-cased name
	truncate  map[string]bool     // answer with TC over UDP
	chase     bool                // include CNAME chains, like a recursive server
	noAuthSOA bool                // no SOA in the authority section of negative answers
	notAuth   bool                // clear AA
	delay     time.Duration
	hook      func(w dns.ResponseWriter, r *dns.Msg) bool
	log       []query
}

// query is one message the server received.
type query struct {
	Name string // presentation form, as miekg/dns unpacks it
	Type uint16
	Net  string // "udp" or "tcp"
	RD   bool
	OPT  *dns.OPT
	Raw  []byte // the message as received, repacked
}

func newFakeDNS(t testing.TB) *fakeDNS {
	t.Helper()
	f := &fakeDNS{
		rrs:      make(map[string][]dns.RR),
		rcode:    make(map[string]int),
		truncate: make(map[string]bool),
		chase:    true,
	}
	f.Addr = startServer(t, f)
	return f
}

// startServer serves h on UDP and TCP on one 127.0.0.1 port until the test ends.
func startServer(t testing.TB, h dns.Handler) string {
	t.Helper()
	for range 20 {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := pc.LocalAddr().String()
		l, err := net.Listen("tcp", addr)
		if err != nil {
			pc.Close()
			continue // the TCP port is taken; try another
		}
		var servers []*dns.Server
		for _, s := range []*dns.Server{{PacketConn: pc, Handler: h}, {Listener: l, Handler: h}} {
			started := make(chan struct{})
			s.NotifyStartedFunc = func() { close(started) }
			go s.ActivateAndServe()
			select {
			case <-started:
			case <-time.After(5 * time.Second):
				t.Fatal("test DNS server did not start")
			}
			servers = append(servers, s)
		}
		t.Cleanup(func() {
			for _, s := range servers {
				s.Shutdown()
			}
		})
		return addr
	}
	t.Fatal("no free UDP+TCP port pair on 127.0.0.1")
	return ""
}

// silentAddr returns a 127.0.0.1 address with a UDP socket that is never read:
// a server that never answers.
func silentAddr(t testing.TB) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	return pc.LocalAddr().String()
}

// add adds records in zone-file syntax.
func (f *fakeDNS) add(t testing.TB, lines ...string) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, l := range lines {
		rr, err := dns.NewRR(l)
		if err != nil {
			t.Fatalf("bad test record %q: %v", l, err)
		}
		k := strings.ToLower(rr.Header().Name)
		f.rrs[k] = append(f.rrs[k], rr)
	}
}

// addRR adds records built by the test.
func (f *fakeDNS) addRR(rrs ...dns.RR) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, rr := range rrs {
		k := strings.ToLower(rr.Header().Name)
		f.rrs[k] = append(f.rrs[k], rr)
	}
}

// addZone adds an SOA at apex, used in negative answers below it.
func (f *fakeDNS) addZone(t testing.TB, apex string) {
	t.Helper()
	f.add(t, apex+" 300 IN SOA ns."+apex+" hostmaster."+apex+" 1 7200 3600 1209600 300")
	f.mu.Lock()
	f.zones = append(f.zones, strings.ToLower(apex))
	f.mu.Unlock()
}

func (f *fakeDNS) set(fn func(f *fakeDNS)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

// count returns how many queries for name (any case) and qtype arrived.
func (f *fakeDNS) count(name string, qtype uint16) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, q := range f.log {
		if strings.EqualFold(q.Name, name) && q.Type == qtype {
			n++
		}
	}
	return n
}

func (f *fakeDNS) queries() []query {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]query(nil), f.log...)
}

func (f *fakeDNS) ServeDNS(w dns.ResponseWriter, r *dns.Msg) {
	q := r.Question[0]
	raw, _ := r.Pack()
	f.mu.Lock()
	f.log = append(f.log, query{Name: q.Name, Type: q.Qtype, Net: w.LocalAddr().Network(), RD: r.RecursionDesired, OPT: r.IsEdns0(), Raw: raw})
	hook, delay := f.hook, f.delay
	f.mu.Unlock()
	if delay > 0 {
		time.Sleep(delay)
	}
	if hook != nil && hook(w, r) {
		return
	}
	f.mu.Lock()
	m := f.reply(r, w.LocalAddr().Network())
	f.mu.Unlock()
	w.WriteMsg(m)
}

func (f *fakeDNS) reply(r *dns.Msg, network string) *dns.Msg {
	q := r.Question[0]
	m := new(dns.Msg)
	m.SetReply(r)
	m.Authoritative = !f.notAuth
	m.RecursionAvailable = true
	name := strings.ToLower(q.Name)
	if rc, ok := f.rcode[name]; ok {
		m.Rcode = rc
		return m
	}
	if f.truncate[name] && network == "udp" {
		m.Truncated = true
		return m
	}
	for range 20 {
		var match []dns.RR
		var cname dns.RR
		for _, rr := range f.rrs[name] {
			switch rr.Header().Rrtype {
			case q.Qtype:
				match = append(match, rr)
			case dns.TypeCNAME:
				cname = rr
			}
		}
		if len(match) > 0 {
			m.Answer = append(m.Answer, match...)
			return m
		}
		if cname != nil {
			m.Answer = append(m.Answer, cname)
			if !f.chase {
				return m
			}
			name = strings.ToLower(cname.(*dns.CNAME).Target)
			continue
		}
		if len(f.rrs[name]) == 0 && !f.hasBelow(name) {
			m.Rcode = dns.RcodeNameError
		}
		if !f.noAuthSOA {
			if soa := f.soaFor(name); soa != nil {
				m.Ns = append(m.Ns, soa)
			}
		}
		return m
	}
	return m
}

func (f *fakeDNS) hasBelow(name string) bool {
	for k := range f.rrs {
		if strings.HasSuffix(k, "."+name) {
			return true
		}
	}
	return false
}

func (f *fakeDNS) soaFor(name string) dns.RR {
	best := ""
	for _, z := range f.zones {
		if (name == z || strings.HasSuffix(name, "."+z)) && len(z) > len(best) {
			best = z
		}
	}
	for _, rr := range f.rrs[best] {
		if rr.Header().Rrtype == dns.TypeSOA {
			return rr
		}
	}
	return nil
}

// newResolver returns a resolver asking servers, with a short timeout.
func newResolver(t testing.TB, cfg resolver.Config, servers ...string) *resolver.Resolver {
	t.Helper()
	cfg.Nameservers = append(cfg.Nameservers, servers...)
	if cfg.Timeout == 0 {
		cfg.Timeout = 500 * time.Millisecond
	}
	r, err := resolver.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func txtLine(name string, strs ...string) string {
	return fmt.Sprintf("%s 300 IN TXT %s", name, strings.Join(strs, " "))
}
