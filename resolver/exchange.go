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
	p := &connPool{idle: make(chan *udpConn, r.idle)}
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
//
// The answer taken is the first datagram that carries the query's ID, is a
// response and echoes the question; a datagram that fails any of these (a
// late answer to an earlier query, a forgery, a malformed message) is
// skipped and the wait goes on, as miekg/dns does for a wrong ID. When the
// wait ends without an answer, the error says why the last datagram with
// the query's ID was skipped, if one came. One exception: a message with
// the query's ID and no question section (a header alone) whose rcode is a
// failure (REFUSED, SERVFAIL...) is taken, as some servers answer so.
func (r *Resolver) udpExchange(ctx context.Context, name string, qtype uint16, recursive bool, srv string) (answer, error) {
	p := r.pool(srv)
	c, err := r.getConn(p)
	if err != nil {
		return answer{}, err
	}
	id := uint16(c.ids.Uint64())
	q, err := packQuery(c.q[:0], id, name, qtype, recursive, r.udpSize)
	if err != nil {
		r.putConn(p, c) // nothing was sent
		return answer{}, err
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
		return answer{}, err
	}
	r.sent.Add(1)
	if _, err := c.c.Write(q); err != nil {
		c.close()
		return answer{}, err
	}
	var skipped error // why the last datagram with our ID was not taken
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
				return answer{}, cerr
			}
			if skipped != nil && isTimeout(err) {
				return answer{}, skipped
			}
			return answer{}, err
		}
		if n < 12 || binary.BigEndian.Uint16(c.buf) != id {
			continue
		}
		if c.buf[2]&0x80 == 0 {
			skipped = errNotResponse
			continue
		}
		in, err := parseAnswer(c.buf[:n], q[12:len(q)-optLen], name)
		switch {
		case err != nil:
			skipped = err
		case in.echoes:
			// Back for reuse only after a clean exchange.
			r.putConn(p, c)
			return in, nil
		case in.noQuestion && in.rcode != dns.RcodeSuccess && in.rcode != dns.RcodeNameError:
			c.close()
			return in, nil
		default:
			skipped = errMismatch
		}
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
