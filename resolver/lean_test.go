package resolver_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/resolver"
)

// rawServer answers UDP datagrams on 127.0.0.1 with whatever reply builds
// (nil: no answer), logging each query's ID and source port.
type rawServer struct {
	pc    net.PacketConn
	mu    sync.Mutex
	ids   []uint16
	ports map[int]int
}

func newRawServer(t *testing.T, reply func(q *dns.Msg, n int) [][]byte) *rawServer {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &rawServer{pc: pc, ports: map[int]int{}}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 4096)
		for n := 0; ; n++ {
			k, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			q := new(dns.Msg)
			if q.Unpack(buf[:k]) != nil {
				continue
			}
			s.mu.Lock()
			s.ids = append(s.ids, q.Id)
			s.ports[from.(*net.UDPAddr).Port]++
			s.mu.Unlock()
			for _, b := range reply(q, n) {
				pc.WriteTo(b, from)
			}
		}
	}()
	return s
}

func txtAnswer(q *dns.Msg, qname, text string) []byte {
	m := new(dns.Msg)
	m.SetReply(q)
	m.Question[0].Name = qname
	m.Answer = []dns.RR{&dns.TXT{Hdr: dns.RR_Header{Name: qname, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 60}, Txt: []string{text}}}
	b, _ := m.Pack()
	return b
}

// The lean UDP path keeps the resolver's safety: a datagram with another
// ID is skipped (the real answer after it is taken), an answer that does
// not echo the question is refused and its socket not reused, and IDs are
// random.
func TestUDPAnswerChecks(t *testing.T) {
	var mismatch atomic.Bool
	s := newRawServer(t, func(q *dns.Msg, n int) [][]byte {
		name := q.Question[0].Name
		if mismatch.Load() {
			return [][]byte{txtAnswer(q, "other.example.", "forged")}
		}
		forged := q.Copy()
		forged.Id ^= 0x5a5a
		return [][]byte{txtAnswer(forged, name, "forged"), txtAnswer(q, name, "real")}
	})
	r := newResolver(t, resolver.Config{Timeout: 500 * time.Millisecond, Retries: -1}, s.pc.LocalAddr().String())
	ctx := context.Background()
	for i := range 200 {
		got, err := r.LookupTXT(ctx, fmt.Sprintf("n%d.example", i))
		if err != nil || len(got) != 1 || got[0] != "real" {
			t.Fatalf("lookup %d: %q %v, want the answer with the query's ID", i, got, err)
		}
	}
	s.mu.Lock()
	ids := map[uint16]bool{}
	seq := 0
	for i, id := range s.ids {
		ids[id] = true
		if i > 0 && id == s.ids[i-1]+1 {
			seq++
		}
	}
	ports := len(s.ports)
	s.mu.Unlock()
	if len(ids) < 190 || seq > 5 {
		t.Errorf("%d distinct IDs in 200 queries, %d sequential: want random IDs", len(ids), seq)
	}
	if ports > 4 {
		t.Errorf("%d source ports for 200 clean exchanges: sockets not reused", ports)
	}

	mismatch.Store(true)
	for i := range 3 {
		_, err := r.LookupTXT(ctx, fmt.Sprintf("m%d.example", i))
		if de := asDNSError(t, err); !de.IsTemporary || !errors.Is(err, resolver.ErrServer) {
			t.Fatalf("answer for another question: %v, want a temporary server error", err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.ports) < ports+3 {
		t.Errorf("sockets reused after an answer that did not echo the question (%d ports, %d before)", len(s.ports), ports)
	}
}

// The cache stays within its bound whatever the number of names asked,
// and a name asked again and again stays in it.
func TestCacheIsBounded(t *testing.T) {
	f := newFakeDNS(t)
	f.add(t, txtLine("hot.example.", `"v=spf1 -all"`))
	r := newResolver(t, resolver.Config{CacheSize: 50}, f.Addr)
	ctx := context.Background()
	for i := range 3000 {
		if _, err := r.LookupTXT(ctx, fmt.Sprintf("cold%d.example", i)); !asDNSError(t, err).IsNotFound {
			t.Fatal(err)
		}
		if i%10 == 0 {
			if _, err := r.LookupTXT(ctx, "hot.example"); err != nil {
				t.Fatal(err)
			}
		}
		if c := r.Stats().Cached; c > 100 {
			t.Fatalf("after %d names the cache holds %d answers, bound 2*50", i+1, c)
		}
	}
	if n := f.count("hot.example.", dns.TypeTXT); n != 1 {
		t.Errorf("the name asked every 10 lookups went to the server %d times, want 1", n)
	}
	if n := f.count("cold0.example.", dns.TypeTXT); n != 1 {
		t.Fatalf("cold0 asked %d times", n)
	}
	if _, err := r.LookupTXT(ctx, "cold0.example"); !asDNSError(t, err).IsNotFound {
		t.Fatal(err)
	}
	if n := f.count("cold0.example.", dns.TypeTXT); n != 2 {
		t.Errorf("a name asked once long ago was still cached (%d queries)", n)
	}
}

// LimitQueries: a message past the limit is not sent; answers already cached
// still come.
func TestLimitQueries(t *testing.T) {
	f := newFakeDNS(t)
	f.addZone(t, "example.")
	f.add(t, txtLine("a.example.", `"x"`), "c1.example. 60 IN CNAME c2.example.", txtLine("c2.example.", `"y"`))
	f.set(func(f *fakeDNS) { f.chase = false })
	r := newResolver(t, resolver.Config{}, f.Addr)
	left := 3
	ctx := r.LimitQueries(context.Background(), func() bool { left--; return left >= 0 })
	if _, err := r.LookupTXT(ctx, "a.example"); err != nil {
		t.Fatal(err)
	}
	// A CNAME whose target the server does not give costs two queries.
	if _, err := r.LookupTXT(ctx, "c1.example"); err != nil {
		t.Fatal(err)
	}
	_, err := r.LookupTXT(ctx, "b.example")
	if de := asDNSError(t, err); !errors.Is(err, resolver.ErrQueryLimit) || !de.IsTemporary {
		t.Fatalf("past the limit: %v, want a temporary ErrQueryLimit", err)
	}
	if n := len(f.queries()); n != 3 {
		t.Errorf("server saw %d queries, want 3", n)
	}
	if _, err := r.LookupTXT(ctx, "A.example."); err != nil {
		t.Errorf("a cached answer past the limit: %v", err)
	}
}

// An answer with the query's ID that does not echo the question (or is
// not a response, or is malformed) is skipped like one with another ID:
// the real answer after it is taken, and the socket stays in use.
func TestUDPSkipsAnswersNotForTheQuestion(t *testing.T) {
	s := newRawServer(t, func(q *dns.Msg, n int) [][]byte {
		name := q.Question[0].Name
		notResp := txtAnswer(q, name, "not a response")
		notResp[2] &^= 0x80
		malformed := txtAnswer(q, name, "cut")
		return [][]byte{txtAnswer(q, "other.example.", "forged"), notResp, malformed[:len(malformed)-3], txtAnswer(q, name, "real")}
	})
	r := newResolver(t, resolver.Config{Timeout: 2 * time.Second, Retries: -1}, s.pc.LocalAddr().String())
	for i := range 20 {
		got, err := r.LookupTXT(context.Background(), fmt.Sprintf("n%d.example", i))
		if err != nil || len(got) != 1 || got[0] != "real" {
			t.Fatalf("lookup %d: %q %v, want the answer that echoes the question", i, got, err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.ports) > 2 {
		t.Errorf("%d source ports for 20 lookups answered in the end: sockets not reused", len(s.ports))
	}
}

// A header alone (QDCOUNT 1, but no question) with the query's ID and REFUSED is the server's final
// word (some servers refuse so): not retried, not "malformed".
func TestHeaderOnlyRefused(t *testing.T) {
	s := newRawServer(t, func(q *dns.Msg, n int) [][]byte {
		b := make([]byte, 12)
		b[0], b[1] = byte(q.Id>>8), byte(q.Id)
		b[2], b[3] = 0x81, dns.RcodeRefused
		b[5] = 1 // QDCOUNT 1, as in the query, but no question
		return [][]byte{b}
	})
	r := newResolver(t, resolver.Config{Timeout: 2 * time.Second, Retries: 2}, s.pc.LocalAddr().String())
	start := time.Now()
	_, err := r.LookupTXT(context.Background(), "shop.example")
	de := asDNSError(t, err)
	if !errors.Is(err, resolver.ErrServer) || !strings.Contains(de.Err, "REFUSED") || !de.IsTemporary || de.IsTimeout {
		t.Fatalf("header-only REFUSED: %v, want a REFUSED server error", err)
	}
	if n := r.Stats().Sent; n != 1 {
		t.Errorf("%d queries sent, want 1 (REFUSED is not retried)", n)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v: the answer was not taken at once", d)
	}
}

// Over TCP, a message that is not a response (QR clear) is not taken as
// the answer.
func TestTCPAnswerMustBeAResponse(t *testing.T) {
	f := newFakeDNS(t)
	f.add(t, txtLine("big.example.", `"v=spf1 -all"`))
	f.set(func(f *fakeDNS) {
		f.truncate["big.example."] = true
		f.hook = func(w dns.ResponseWriter, r *dns.Msg) bool {
			if w.LocalAddr().Network() != "tcp" {
				return false
			}
			m := f.reply(r, "tcp")
			m.Response = false
			_ = w.WriteMsg(m)
			return true
		}
	})
	r := newResolver(t, resolver.Config{Retries: -1}, f.Addr)
	got, err := r.LookupTXT(context.Background(), "big.example")
	if err == nil || !asDNSError(t, err).IsTemporary {
		t.Fatalf("TCP message with QR clear: %q %v, want a temporary error", got, err)
	}
}
