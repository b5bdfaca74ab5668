package resolver

import (
	"context"
	crand "crypto/rand"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"net"
	"net/netip"
	"time"

	"github.com/miekg/dns"
)

// The UDP exchange, the path nearly every query takes. It costs one
// connected socket per server kept for reuse, the socket's own deadline
// (no context, timer or goroutine per query), and buffers reused with the
// socket; the query is written straight into its wire form. The safety of
// the general path is kept: a random ID per query (ChaCha8 seeded from
// crypto/rand, one generator per socket), the answer must carry that ID and
// echo the question, the socket only receives from the server it is
// connected to, and it goes back for reuse only after a clean exchange.

// cancelPoll is how often a read waiting for an answer looks at the
// caller's context when it can be cancelled: the wait for a slow or silent
// server ends at most this long after a cancellation (Ctrl-C), without a
// goroutine or timer per query (an answer that comes sooner is read at
// once).
const cancelPoll = 100 * time.Millisecond

// udpConn is one connected UDP socket with its buffers.
type udpConn struct {
	c    *net.UDPConn
	uses int
	ids  *rand.ChaCha8
	buf  []byte // answers are read here
	q    []byte // queries are written here
}

func (c *udpConn) close() { c.c.Close() }

// connPool holds the idle sockets of one server.
type connPool struct {
	addr  *net.UDPAddr
	idle  chan *udpConn
	valid bool // addr parsed
}

func (p *connPool) drain() {
	for {
		select {
		case c := <-p.idle:
			c.close()
		default:
			return
		}
	}
}

func (r *Resolver) pool(srv string) *connPool {
	if p, ok := r.pools.Load(srv); ok {
		return p.(*connPool)
	}
	p := &connPool{idle: make(chan *udpConn, 64)}
	if ap, err := netip.ParseAddrPort(srv); err == nil {
		p.addr, p.valid = net.UDPAddrFromAddrPort(ap), true
	}
	actual, _ := r.pools.LoadOrStore(srv, p)
	return actual.(*connPool)
}

func (r *Resolver) getConn(p *connPool) (*udpConn, error) {
	select {
	case c := <-p.idle:
		return c, nil
	default:
	}
	if !p.valid {
		return nil, errors.New("not an IP address and port")
	}
	uc, err := net.DialUDP("udp", nil, p.addr)
	if err != nil {
		return nil, err
	}
	var seed [32]byte
	if _, err := crand.Read(seed[:]); err != nil {
		uc.Close()
		return nil, err
	}
	return &udpConn{c: uc, ids: rand.NewChaCha8(seed), buf: make([]byte, r.udpSize), q: make([]byte, 0, 512)}, nil
}

func (r *Resolver) putConn(p *connPool, c *udpConn) {
	c.uses++
	if c.uses >= maxSocketUses || r.closed.Load() {
		c.close()
		return
	}
	select {
	case p.idle <- c:
	default:
		c.close()
	}
	if r.closed.Load() {
		p.drain()
	}
}

// udpExchange sends one query for name (canonical form) and qtype to srv
// over UDP and returns the answer, bounded by r.timeout and ctx.
func (r *Resolver) udpExchange(ctx context.Context, name string, qtype uint16, recursive bool, srv string) (*answer, error) {
	p := r.pool(srv)
	c, err := r.getConn(p)
	if err != nil {
		return nil, err
	}
	id := uint16(c.ids.Uint64())
	q, err := packQuery(c.q[:0], id, name, qtype, recursive, r.udpSize)
	if err != nil {
		r.putConn(p, c) // nothing was sent
		return nil, err
	}
	end := time.Now().Add(r.timeout)
	dl, hasDL := ctx.Deadline()
	if hasDL && dl.Before(end) {
		end = dl
	}
	poll := ctx.Done() != nil // cancellable: look at it now and then
	wake := func() time.Time {
		if poll {
			if t := time.Now().Add(cancelPoll); t.Before(end) {
				return t
			}
		}
		return end
	}
	if err := c.c.SetDeadline(wake()); err != nil {
		c.close()
		return nil, err
	}
	r.sent.Add(1)
	if _, err := c.c.Write(q); err != nil {
		c.close()
		return nil, err
	}
	for {
		n, err := c.c.Read(c.buf)
		if err != nil {
			if isTimeout(err) && time.Now().Before(end) && ctx.Err() == nil {
				if err := c.c.SetReadDeadline(wake()); err == nil {
					continue
				}
			}
			c.close()
			if cerr := ctx.Err(); cerr != nil {
				return nil, cerr
			}
			return nil, err
		}
		// A datagram without our ID (a late answer to an earlier query,
		// or a forgery) is skipped, as miekg/dns does.
		if n < 12 || binary.BigEndian.Uint16(c.buf) != id || c.buf[2]&0x80 == 0 {
			continue
		}
		in, err := parseAnswer(c.buf[:n], q[12:len(q)-optLen])
		if err != nil {
			c.close()
			return nil, err
		}
		// Back for reuse only after a clean exchange whose answer echoes
		// the question.
		if in.echoes {
			r.putConn(p, c)
		} else {
			c.close()
		}
		return in, nil
	}
}

// optLen is the size of the OPT record packQuery writes last.
const optLen = 11

// packQuery appends to b a query for name (presentation form, fully
// qualified) and qtype, class IN, with RD as asked and an EDNS0 OPT record
// advertising udpSize (DO clear, no options): the message miekg/dns packs
// for SetQuestion and SetEdns0(udpSize, false).
func packQuery(b []byte, id uint16, name string, qtype uint16, recursive bool, udpSize uint16) ([]byte, error) {
	var flags uint16
	if recursive {
		flags = 1 << 8 // RD
	}
	b = binary.BigEndian.AppendUint16(b, id)
	b = binary.BigEndian.AppendUint16(b, flags)
	b = append(b, 0, 1, 0, 0, 0, 0, 0, 1) // QDCOUNT 1, ARCOUNT 1
	off := len(b)
	b = b[:cap(b)]
	if len(b)-off < 256+4+11 {
		b = append(b, make([]byte, 256+4+11)...)
	}
	end, err := dns.PackDomainName(name, b, off, nil, false)
	if err != nil {
		return nil, err
	}
	b = b[:end]
	b = binary.BigEndian.AppendUint16(b, qtype)
	b = binary.BigEndian.AppendUint16(b, dns.ClassINET)
	// OPT: root owner, type 41, class = payload size, TTL 0, no RDATA.
	b = append(b, 0, 0, 41)
	b = binary.BigEndian.AppendUint16(b, udpSize)
	b = append(b, 0, 0, 0, 0, 0, 0)
	return b, nil
}

// limitKey carries the function LimitQueries was given.
type limitKey struct{}

// LimitQueries returns a context under which every DNS message the Resolver
// would send (each UDP attempt and retry, each TCP re-query, each CNAME
// target asked) first calls allow; when allow returns false the message is
// not sent and the lookup fails with a temporary error wrapping
// ErrQueryLimit. Answers from the cache, from a query already in flight and
// from zone files do not call it. It is how package spfcheck bounds the
// queries one domain may cause.
func (r *Resolver) LimitQueries(ctx context.Context, allow func() bool) context.Context {
	return context.WithValue(ctx, limitKey{}, allow)
}

func queryLimit(ctx context.Context) func() bool {
	f, _ := ctx.Value(limitKey{}).(func() bool)
	return f
}

// answer is what the resolver reads of a reply: the header bits it uses,
// the question, the answer records, and the first SOA of the authority
// section. The rest of the authority section and the additional section
// are skipped, not unpacked (the extended rcode of an OPT record aside).
type answer struct {
	id               uint16
	response, tc, aa bool
	rcode            int
	qdcount          int
	// echoes: the one question is the one asked (name compared without
	// letter case, type and class).
	echoes  bool
	records []dns.RR
	soa     *dns.SOA
}

var errShortAnswer = errors.New("dns: answer too short or malformed")

// parseAnswer reads a reply message to a query whose question section (the
// name in wire form, type, class) is question.
func parseAnswer(b, question []byte) (*answer, error) {
	if len(b) < 12 {
		return nil, errShortAnswer
	}
	a := &answer{id: binary.BigEndian.Uint16(b), response: b[2]&0x80 != 0, aa: b[2]&0x04 != 0, tc: b[2]&0x02 != 0, rcode: int(b[3] & 0x0f)}
	a.qdcount = int(binary.BigEndian.Uint16(b[4:]))
	an, ns, ar := int(binary.BigEndian.Uint16(b[6:])), int(binary.BigEndian.Uint16(b[8:])), int(binary.BigEndian.Uint16(b[10:]))
	off := 12
	for i := 0; i < a.qdcount; i++ {
		end, err := skipName(b, off)
		if err != nil || end+4 > len(b) {
			return nil, errShortAnswer
		}
		if i == 0 && a.qdcount == 1 {
			a.echoes = sameQuestion(b, off, end+4, question)
		}
		off = end + 4
	}
	if a.tc {
		return a, nil // only the header matters: the query goes over TCP
	}
	if an > 0 {
		a.records = make([]dns.RR, 0, an)
	}
	for i := 0; i < an; i++ {
		rr, end, err := dns.UnpackRR(b, off)
		if err != nil {
			return nil, err
		}
		if rr != nil { // nil: an RR with no RDATA, skipped as miekg/dns does
			a.records = append(a.records, rr)
		}
		off = end
	}
	for i := 0; i < ns+ar; i++ {
		start := off
		end, err := skipName(b, off)
		if err != nil || end+10 > len(b) {
			return nil, errShortAnswer
		}
		typ := binary.BigEndian.Uint16(b[end:])
		rdlen := int(binary.BigEndian.Uint16(b[end+8:]))
		off = end + 10 + rdlen
		if off > len(b) {
			return nil, errShortAnswer
		}
		switch {
		case i < ns && typ == dns.TypeSOA && a.soa == nil:
			rr, _, err := dns.UnpackRR(b, start)
			if err != nil {
				return nil, err
			}
			a.soa, _ = rr.(*dns.SOA)
		case i >= ns && typ == dns.TypeOPT:
			a.rcode |= int(b[end+4]) << 4 // the extended rcode (RFC 6891 §6.1.3)
		}
	}
	return a, nil
}

// sameQuestion reports whether b[off:end], a question as received, is
// question: the same bytes, but for the letter case of the name. A name
// written with a compression pointer is compared by its expansion.
func sameQuestion(b []byte, off, end int, question []byte) bool {
	got := b[off:end]
	if len(got) == len(question) && equalFoldASCII(got, question) {
		return true
	}
	// A pointer, or different bytes: compare the names as miekg/dns reads them.
	name, n, err := dns.UnpackDomainName(b, off)
	if err != nil || n+4 != end {
		return false
	}
	want, qn, err := dns.UnpackDomainName(question, 0)
	if err != nil || qn+4 != len(question) {
		return false
	}
	return key(name) == key(want) && string(b[n:end]) == string(question[qn:])
}

func equalFoldASCII(a, b []byte) bool {
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// skipName returns the offset after the domain name at off.
func skipName(b []byte, off int) (int, error) {
	for {
		if off >= len(b) {
			return 0, errShortAnswer
		}
		c := int(b[off])
		switch c & 0xc0 {
		case 0x00:
			if c == 0 {
				return off + 1, nil
			}
			off += 1 + c
		case 0xc0:
			return off + 2, nil // a compression pointer ends the name
		default:
			return 0, errShortAnswer
		}
	}
}

// answerOf takes what the resolver uses from a miekg/dns message (the TCP
// path), the answer to a query for name (canonical form) and qtype.
func answerOf(m *dns.Msg, name string, qtype uint16) *answer {
	a := &answer{id: m.Id, response: m.Response, aa: m.Authoritative, tc: m.Truncated, rcode: m.Rcode,
		qdcount: len(m.Question), records: m.Answer}
	if len(m.Question) == 1 {
		q := m.Question[0]
		a.echoes = q.Qtype == qtype && q.Qclass == dns.ClassINET && key(q.Name) == asciiLower(name)
	}
	for _, rr := range m.Ns {
		if soa, ok := rr.(*dns.SOA); ok {
			a.soa = soa
			break
		}
	}
	return a
}
