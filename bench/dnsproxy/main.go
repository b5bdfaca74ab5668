// Command dnsproxy forwards DNS queries, UDP and TCP, from one address to an
// upstream server and counts what it forwards: every query, the distinct
// (name, type) questions among them, per type and per transport, whether
// the query carried EDNS0, and UDP answers that came back truncated. It is
// how spfpatch's scale benchmark counts the queries of a run from outside
// the program, the same way for spfpatch and for pyspf.
//
//	dnsproxy -listen 127.0.0.1:5301 -upstream 127.0.0.1:5300 -stats stats.json
//
// It creates the -ready file once it listens. On SIGTERM or SIGINT it writes
// the counts as JSON to -stats (or stdout) and exits. With -probe ADDR it only asks ADDR for -qname until it answers,
// then exits 0 (1 after -wait): the benchmark script's "is the server up".
// With -questions FILE it also writes every question it received over UDP,
// "NAME TYPE COUNT" a line in the order first asked: what bench/floor sends.
package main

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/miekg/dns"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:5301", "`ADDR:PORT` to listen on (UDP and TCP)")
	upstream := flag.String("upstream", "127.0.0.1:5300", "`ADDR:PORT` of the server to forward to")
	statsFile := flag.String("stats", "", "write the counts as JSON to `FILE` at exit (default stdout)")
	top := flag.Int("top", 20, "list up to `N` questions asked more than once")
	ready := flag.String("ready", "", "create `FILE` once listening")
	probe := flag.String("probe", "", "only wait until the server at `ADDR:PORT` answers -qname, then exit")
	qname := flag.String("qname", "e-shopsmail2.com.", "name asked by -probe (SOA)")
	wait := flag.Duration("wait", 60*time.Second, "how long -probe waits")
	questions := flag.String("questions", "", "write the UDP questions received to `FILE` at exit (NAME TYPE COUNT a line)")
	flag.Parse()

	if *probe != "" {
		if err := probeServer(*probe, *qname, *wait); err != nil {
			fmt.Fprintln(os.Stderr, "dnsproxy:", err)
			os.Exit(1)
		}
		return
	}
	for _, a := range []string{*listen, *upstream} {
		if ap, err := netip.ParseAddrPort(a); err != nil || !ap.Addr().IsLoopback() {
			fmt.Fprintf(os.Stderr, "dnsproxy: %q: want a loopback ADDR:PORT (the benchmark talks to 127.0.0.1 only)\n", a)
			os.Exit(2)
		}
	}
	p := &proxy{upstream: *upstream, counts: map[qkey]int{}, types: map[uint16]*typeStats{}, ednsSizes: map[uint16]int{},
		conns: make(chan *net.UDPConn, 256), udpCounts: map[qkey]int{}}
	if err := p.start(*listen); err != nil {
		fmt.Fprintln(os.Stderr, "dnsproxy:", err)
		os.Exit(1)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	if *ready != "" {
		if err := os.WriteFile(*ready, nil, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "dnsproxy:", err)
			os.Exit(1)
		}
	}
	<-sig
	p.close()
	if *questions != "" {
		if err := p.writeQuestions(*questions); err != nil {
			fmt.Fprintln(os.Stderr, "dnsproxy:", err)
			os.Exit(1)
		}
	}
	st := p.stats(*top)
	b, _ := json.MarshalIndent(st, "", "  ")
	b = append(b, '\n')
	if *statsFile != "" {
		if err := os.WriteFile(*statsFile, b, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "dnsproxy:", err)
			os.Exit(1)
		}
	} else {
		os.Stdout.Write(b)
	}
	fmt.Fprintf(os.Stderr, "dnsproxy: %d queries (%d UDP, %d TCP), %d distinct questions, %d UDP answers truncated\n",
		st.Total, st.UDP, st.TCP, st.Distinct, st.UDPTruncated)
}

// probeServer asks addr for the SOA of qname until a NOERROR answer with
// records comes back.
func probeServer(addr, qname string, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	c := &dns.Client{Timeout: 500 * time.Millisecond}
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(qname), dns.TypeSOA)
	var last error
	for time.Now().Before(deadline) {
		in, _, err := c.Exchange(m, addr)
		switch {
		case err != nil:
			last = err
		case in.Rcode != dns.RcodeSuccess || len(in.Answer) == 0:
			last = fmt.Errorf("answered %s with %d records", dns.RcodeToString[in.Rcode], len(in.Answer))
		default:
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s did not answer SOA %s within %v: %v", addr, qname, wait, last)
}

type qkey struct {
	name  string // lower case, as on the wire in presentation form
	qtype uint16
}

type typeStats struct {
	Total    int `json:"total"`
	TCP      int `json:"tcp"`
	Distinct int `json:"distinct"`
}

type proxy struct {
	upstream string
	udp      *net.UDPConn
	tcp      net.Listener
	wg       sync.WaitGroup

	conns chan *net.UDPConn // idle connected sockets to upstream

	mu           sync.Mutex
	counts       map[qkey]int
	types        map[uint16]*typeStats
	total, tcpN  int
	edns         int
	ednsSizes    map[uint16]int
	malformed    int
	udpTrunc     int
	udpOver512   int
	maxUDPAnswer int
	upErrors     int
	udpCounts    map[qkey]int // questions received over UDP
	udpOrder     []qkey       // in the order first asked
}

// writeQuestions writes the UDP questions, NAME TYPE COUNT a line.
func (p *proxy) writeQuestions(path string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	var b strings.Builder
	for _, k := range p.udpOrder {
		fmt.Fprintf(&b, "%s %s %d\n", k.name, dns.TypeToString[k.qtype], p.udpCounts[k])
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func (p *proxy) start(listen string) error {
	ua, err := net.ResolveUDPAddr("udp", listen)
	if err != nil {
		return err
	}
	p.udp, err = net.ListenUDP("udp", ua)
	if err != nil {
		return err
	}
	_ = p.udp.SetReadBuffer(8 << 20)
	_ = p.udp.SetWriteBuffer(8 << 20)
	p.tcp, err = net.Listen("tcp", listen)
	if err != nil {
		p.udp.Close()
		return err
	}
	p.wg.Add(2)
	go p.serveUDP()
	go p.serveTCP()
	return nil
}

func (p *proxy) close() {
	p.udp.Close()
	p.tcp.Close()
	done := make(chan struct{})
	go func() { p.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
	}
}

func (p *proxy) serveUDP() {
	defer p.wg.Done()
	for {
		buf := make([]byte, 4096)
		n, from, err := p.udp.ReadFromUDPAddrPort(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		go p.forwardUDP(buf[:n], from)
	}
}

func (p *proxy) forwardUDP(q []byte, from netip.AddrPort) {
	p.count(q, false)
	var c *net.UDPConn
	select {
	case c = <-p.conns:
	default:
		ua, err := net.ResolveUDPAddr("udp", p.upstream)
		if err == nil {
			c, err = net.DialUDP("udp", nil, ua)
		}
		if err != nil {
			p.upError()
			return
		}
	}
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write(q); err != nil {
		c.Close()
		p.upError()
		return
	}
	resp := make([]byte, 65535)
	for {
		n, err := c.Read(resp)
		if err != nil {
			c.Close()
			p.upError()
			return
		}
		if n < 12 || resp[0] != q[0] || resp[1] != q[1] {
			continue // a late answer to an earlier query on this socket
		}
		p.answered(resp[:n])
		_, _ = p.udp.WriteToUDPAddrPort(resp[:n], from)
		select {
		case p.conns <- c:
		default:
			c.Close()
		}
		return
	}
}

func (p *proxy) serveTCP() {
	defer p.wg.Done()
	for {
		c, err := p.tcp.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		go p.forwardTCP(c)
	}
}

func (p *proxy) forwardTCP(c net.Conn) {
	defer c.Close()
	var up net.Conn
	defer func() {
		if up != nil {
			up.Close()
		}
	}()
	for {
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		q, err := readMsg(c)
		if err != nil {
			return
		}
		p.count(q, true)
		if up == nil {
			up, err = net.DialTimeout("tcp", p.upstream, 5*time.Second)
			if err != nil {
				p.upError()
				return
			}
		}
		_ = up.SetDeadline(time.Now().Add(5 * time.Second))
		if err := writeMsg(up, q); err != nil {
			p.upError()
			return
		}
		resp, err := readMsg(up)
		if err != nil {
			p.upError()
			return
		}
		if err := writeMsg(c, resp); err != nil {
			return
		}
	}
}

func readMsg(r io.Reader) ([]byte, error) {
	var l [2]byte
	if _, err := io.ReadFull(r, l[:]); err != nil {
		return nil, err
	}
	b := make([]byte, binary.BigEndian.Uint16(l[:]))
	_, err := io.ReadFull(r, b)
	return b, err
}

func writeMsg(w io.Writer, m []byte) error {
	b := make([]byte, 2+len(m))
	binary.BigEndian.PutUint16(b, uint16(len(m)))
	copy(b[2:], m)
	_, err := w.Write(b)
	return err
}

func (p *proxy) upError() {
	p.mu.Lock()
	p.upErrors++
	p.mu.Unlock()
}

// answered notes the size and TC bit of a UDP answer.
func (p *proxy) answered(resp []byte) {
	p.mu.Lock()
	if resp[2]&0x02 != 0 {
		p.udpTrunc++
	}
	if len(resp) > 512 {
		p.udpOver512++
	}
	if len(resp) > p.maxUDPAnswer {
		p.maxUDPAnswer = len(resp)
	}
	p.mu.Unlock()
}

// count records one query: its question and whether it has an OPT record.
func (p *proxy) count(q []byte, tcp bool) {
	k, ednsSize, ok := parseQuery(q)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total++
	if tcp {
		p.tcpN++
	}
	if !ok {
		p.malformed++
		return
	}
	if ednsSize > 0 {
		p.edns++
		p.ednsSizes[ednsSize]++
	}
	ts := p.types[k.qtype]
	if ts == nil {
		ts = &typeStats{}
		p.types[k.qtype] = ts
	}
	ts.Total++
	if tcp {
		ts.TCP++
	}
	if p.counts[k] == 0 {
		ts.Distinct++
	}
	p.counts[k]++
	if !tcp {
		if p.udpCounts[k] == 0 {
			p.udpOrder = append(p.udpOrder, k)
		}
		p.udpCounts[k]++
	}
}

// parseQuery reads the question of a query message and the UDP size of its
// EDNS0 OPT record (0 when there is none).
func parseQuery(m []byte) (qkey, uint16, bool) {
	if len(m) < 12 || binary.BigEndian.Uint16(m[4:]) != 1 {
		return qkey{}, 0, false
	}
	var b strings.Builder
	off := 12
	for {
		if off >= len(m) {
			return qkey{}, 0, false
		}
		l := int(m[off])
		off++
		if l == 0 {
			break
		}
		if l > 63 || off+l > len(m) {
			return qkey{}, 0, false
		}
		for _, c := range m[off : off+l] {
			switch {
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			case c == '.' || c == '\\' || c < '!' || c > '~':
				fmt.Fprintf(&b, "\\%03d", c)
			default:
				b.WriteByte(c)
			}
		}
		b.WriteByte('.')
		off += l
	}
	if off+4 > len(m) {
		return qkey{}, 0, false
	}
	name := b.String()
	if name == "" {
		name = "."
	}
	k := qkey{name: name, qtype: binary.BigEndian.Uint16(m[off:])}
	off += 4
	// Additional section: the OPT record has the root name and type 41,
	// its class is the advertised UDP payload size (RFC 6891 §6.1.2).
	an, ns, ar := binary.BigEndian.Uint16(m[6:]), binary.BigEndian.Uint16(m[8:]), binary.BigEndian.Uint16(m[10:])
	if an != 0 || ns != 0 || ar == 0 {
		return k, 0, true
	}
	for i := 0; i < int(ar) && off+11 <= len(m); i++ {
		if m[off] != 0 { // not the root name: not an OPT record; stop looking
			break
		}
		typ, class := binary.BigEndian.Uint16(m[off+1:]), binary.BigEndian.Uint16(m[off+3:])
		rdlen := int(binary.BigEndian.Uint16(m[off+9:]))
		if typ == dns.TypeOPT {
			return k, class, true
		}
		off += 11 + rdlen
	}
	return k, 0, true
}

type repeated struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Count int    `json:"count"`
}

type stats struct {
	Total         int                   `json:"total"`
	UDP           int                   `json:"udp"`
	TCP           int                   `json:"tcp"`
	Distinct      int                   `json:"distinct"`
	SentPerUnique float64               `json:"sent_per_unique"`
	Repeats       int                   `json:"repeats"` // total - distinct
	EDNS          int                   `json:"edns"`    // queries with an OPT record
	EDNSSizes     map[string]int        `json:"edns_sizes"`
	UDPTruncated  int                   `json:"udp_truncated"`
	UDPOver512    int                   `json:"udp_answers_over_512"`
	MaxUDPAnswer  int                   `json:"max_udp_answer"`
	Malformed     int                   `json:"malformed"`
	UpstreamError int                   `json:"upstream_errors"`
	Types         map[string]*typeStats `json:"types"`
	// RepeatedQuestions counts the distinct questions asked more than once;
	// Repeated lists the most asked of them.
	RepeatedQuestions int        `json:"repeated_questions"`
	Repeated          []repeated `json:"repeated"`
}

func (p *proxy) stats(top int) stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := stats{
		Total: p.total, UDP: p.total - p.tcpN, TCP: p.tcpN, Distinct: len(p.counts),
		EDNS: p.edns, EDNSSizes: map[string]int{}, UDPTruncated: p.udpTrunc, UDPOver512: p.udpOver512,
		MaxUDPAnswer: p.maxUDPAnswer, Malformed: p.malformed, UpstreamError: p.upErrors,
		Types: map[string]*typeStats{}, Repeated: []repeated{},
	}
	s.Repeats = s.Total - s.Distinct - s.Malformed
	if s.Distinct > 0 {
		s.SentPerUnique = float64(s.Total-s.Malformed) / float64(s.Distinct)
	}
	for sz, n := range p.ednsSizes {
		s.EDNSSizes[fmt.Sprint(sz)] = n
	}
	for t, ts := range p.types {
		s.Types[dns.TypeToString[t]] = ts
	}
	for k, n := range p.counts {
		if n > 1 {
			s.RepeatedQuestions++
			s.Repeated = append(s.Repeated, repeated{Name: k.name, Type: dns.TypeToString[k.qtype], Count: n})
		}
	}
	sort.Slice(s.Repeated, func(i, j int) bool {
		a, b := s.Repeated[i], s.Repeated[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Type < b.Type
	})
	if len(s.Repeated) > top {
		s.Repeated = s.Repeated[:top]
	}
	return s
}
