package resolver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miekg/dns"
	"golang.org/x/sync/singleflight"
)

// Defaults for the zero values of Config.
const (
	DefaultTimeout    = 2 * time.Second
	DefaultRetries    = 1
	DefaultUDPSize    = 1232 // DNS flag day 2020
	DefaultResolvConf = "/etc/resolv.conf"
	// MaxRetries bounds Config.Retries.
	MaxRetries = 5
	// MaxCNAMEHops is the longest CNAME chain followed.
	MaxCNAMEHops = 8
)

// Config configures a Resolver. The zero value asks the resolv.conf servers
// with the defaults above.
type Config struct {
	// Nameservers are "ADDR" or "ADDR:PORT" with IPv6 addresses in brackets
	// when a port is given ("[2001:db8::1]:53"); the port defaults to 53.
	// They are tried in order. Host names are refused. Empty: the system's
	// servers (servers_unix.go: ResolvConf, or 127.0.0.1:53 when it has none
	// or cannot be read; servers_windows.go: the DNS servers of the active
	// network adapters, or ErrNoSystemNameservers when there are none).
	Nameservers []string
	// ResolvConf is the file read when Nameservers is empty; default
	// /etc/resolv.conf (on Windows, only when set). Only its nameserver
	// lines are used.
	ResolvConf string
	// Timeout bounds one exchange with one server (a UDP query, or the TCP
	// retry of a truncated answer); default 2s.
	Timeout time.Duration
	// Retries is how many more rounds over the servers follow the first one
	// when servers time out or are unreachable; 0 means the default of 1,
	// a negative value means none, and values above MaxRetries are lowered to it.
	Retries int
	// UDPSize is the EDNS0 payload size advertised (EDNS0 is always on);
	// default 1232, at least 512.
	UDPSize uint16
	// ZoneDir, when set, is a directory of RFC 1035 zone files whose names are
	// answered offline; see the package documentation.
	ZoneDir string
}

// Stats are counters since New. Flush and Forget do not reset them.
type Stats struct {
	// Sent counts DNS messages written to the network: each UDP attempt,
	// each retry and each TCP re-query of a truncated answer counts one.
	// QueryAt counts too. Offline answers do not.
	Sent int64
	// Unique counts distinct (lower-cased name, type) pairs asked through
	// the cache, including CNAME targets and SOA-walk steps, and names answered
	// offline. QueryAt is not counted.
	Unique int64
	// CacheHits counts lookups answered without a query of their own: from
	// the cache, or by sharing an identical query already in flight.
	CacheHits int64
	// Offline counts lookups answered from Config.ZoneDir.
	Offline int64
}

// Resolver is a caching stub resolver. It is safe for concurrent use; one
// Resolver is meant to be shared by every lookup of a run, so that its cache
// and the collapsing of identical queries cover them all.
type Resolver struct {
	servers []string
	timeout time.Duration
	retries int
	udpSize uint16
	zones   *zoneDir

	flight singleflight.Group

	mu    sync.Mutex
	gen   uint64                          // bumped by Forget and Flush
	cache map[string]map[uint16]*response // key(name) -> qtype -> answer
	seen  map[qkey]struct{}

	sent, unique, hits, offline atomic.Int64

	// pool keeps connected UDP sockets per server for reuse: opening a
	// socket per query was most of the CPU time of a 10,000-domain plan.
	// A socket goes back only after a clean exchange (miekg/dns skips late
	// answers by ID, and the question is checked), and is retired after
	// maxSocketUses queries so that source ports keep changing.
	poolMu sync.Mutex
	pool   map[string]chan *pooledConn
	closed bool
}

// maxSocketUses bounds how many queries one UDP socket (one source port)
// carries before it is closed.
const maxSocketUses = 100

type pooledConn struct {
	*dns.Conn
	uses int
}

// Close closes the sockets kept for reuse; sockets in use when it is called
// are closed when their query ends. The Resolver stays usable (new queries
// open new sockets).
func (r *Resolver) Close() error {
	r.poolMu.Lock()
	defer r.poolMu.Unlock()
	r.closed = true
	for _, ch := range r.pool {
	drain:
		for {
			select {
			case c := <-ch:
				c.Close()
			default:
				break drain
			}
		}
	}
	return nil
}

func (r *Resolver) getConn(srv string) *pooledConn {
	r.poolMu.Lock()
	ch := r.pool[srv]
	r.poolMu.Unlock()
	select {
	case c := <-ch:
		return c
	default:
		return nil
	}
}

func (r *Resolver) putConn(srv string, c *pooledConn) {
	c.uses++
	if c.uses >= maxSocketUses {
		c.Close()
		return
	}
	r.poolMu.Lock()
	if r.closed {
		r.poolMu.Unlock()
		c.Close()
		return
	}
	if r.pool == nil {
		r.pool = map[string]chan *pooledConn{}
	}
	ch := r.pool[srv]
	if ch == nil {
		ch = make(chan *pooledConn, 64)
		r.pool[srv] = ch
	}
	r.poolMu.Unlock()
	select {
	case ch <- c:
	default:
		c.Close()
	}
}

type qkey struct {
	name  string
	qtype uint16
}

// response is one answer to one question, as kept in the cache. Only NOERROR
// and NXDOMAIN answers become responses; everything else is an error.
type response struct {
	rcode  int
	answer []dns.RR // never modified once cached
	soa    *dns.SOA // first SOA of the authority section, if any
	aa     bool     // authoritative answer
	server string   // who answered: "ADDR:PORT" or "zone file PATH"
}

// New returns a Resolver for cfg. It fails on a malformed nameserver address
// or an unreadable Config.ZoneDir.
func New(cfg Config) (*Resolver, error) {
	r := &Resolver{
		timeout: cfg.Timeout,
		retries: cfg.Retries,
		udpSize: cfg.UDPSize,
		cache:   make(map[string]map[uint16]*response),
		seen:    make(map[qkey]struct{}),
	}
	if r.timeout <= 0 {
		r.timeout = DefaultTimeout
	}
	switch {
	case r.retries == 0:
		r.retries = DefaultRetries
	case r.retries < 0:
		r.retries = 0
	case r.retries > MaxRetries:
		r.retries = MaxRetries
	}
	if r.udpSize == 0 {
		r.udpSize = DefaultUDPSize
	}
	if r.udpSize < dns.MinMsgSize {
		r.udpSize = dns.MinMsgSize
	}
	for _, s := range cfg.Nameservers {
		a, err := parseServer(s)
		if err != nil {
			return nil, fmt.Errorf("resolver: nameserver %q: %w", s, err)
		}
		r.servers = append(r.servers, a)
	}
	if len(r.servers) == 0 {
		s, err := systemServers(cfg.ResolvConf)
		if err != nil {
			return nil, err
		}
		r.servers = s
	}
	if cfg.ZoneDir != "" {
		z, err := openZoneDir(cfg.ZoneDir)
		if err != nil {
			return nil, err
		}
		r.zones = z
	}
	return r, nil
}

// Nameservers returns the servers asked, as "ADDR:PORT".
func (r *Resolver) Nameservers() []string { return append([]string(nil), r.servers...) }

// parseServer accepts "ADDR", "ADDR:PORT", "[V6ADDR]" and "[V6ADDR]:PORT"
// with an IP address, and returns "ADDR:PORT".
func parseServer(s string) (string, error) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		if ap.Port() == 0 {
			return "", fmt.Errorf("port 0")
		}
		return ap.String(), nil
	}
	h := s
	if len(h) > 2 && h[0] == '[' && h[len(h)-1] == ']' {
		h = h[1 : len(h)-1]
	}
	if a, err := netip.ParseAddr(h); err == nil {
		return netip.AddrPortFrom(a, 53).String(), nil
	}
	return "", fmt.Errorf("not an IP address, IP:PORT or [IPv6]:PORT")
}

// Stats returns the counters.
func (r *Resolver) Stats() Stats {
	return Stats{
		Sent:      r.sent.Load(),
		Unique:    r.unique.Load(),
		CacheHits: r.hits.Load(),
		Offline:   r.offline.Load(),
	}
}

// Forget drops every cached answer for name (all types), so that the next
// lookup asks again; a zone file holding name is re-read on its next use.
// Answers cached for other names are kept, even when they reached name
// through a CNAME. An invalid name is ignored.
func (r *Resolver) Forget(name string) {
	n, err := canonName(name)
	if err != nil {
		return
	}
	k := asciiLower(n)
	r.mu.Lock()
	r.gen++
	delete(r.cache, k)
	r.mu.Unlock()
	if r.zones != nil {
		r.zones.invalidate(k)
	}
}

// Flush drops the whole cache and makes every zone file be re-read on its
// next use.
func (r *Resolver) Flush() {
	r.mu.Lock()
	r.gen++
	r.cache = make(map[string]map[uint16]*response)
	r.mu.Unlock()
	if r.zones != nil {
		r.zones.invalidate("")
	}
}

// flightResult is what one in-flight query hands to everyone waiting on it.
type flightResult struct {
	resp   *response
	cached bool // found in the cache after all: no query was sent
}

// query answers one question (name in canonical form): from the zone files,
// the cache, an identical query in flight, or the network. Errors are
// *net.DNSError with Name set to name.
func (r *Resolver) query(ctx context.Context, name string, qtype uint16) (*response, error) {
	if err := ctx.Err(); err != nil {
		return nil, errContext(name, err)
	}
	k := asciiLower(name)
	r.mu.Lock()
	if _, ok := r.seen[qkey{k, qtype}]; !ok {
		r.seen[qkey{k, qtype}] = struct{}{}
		r.unique.Add(1)
	}
	r.mu.Unlock()

	if r.zones != nil {
		resp, ok, err := r.zones.answer(name, k, qtype)
		if ok {
			r.offline.Add(1)
			return resp, err
		}
	}

	for {
		r.mu.Lock()
		if resp := r.cache[k][qtype]; resp != nil {
			r.mu.Unlock()
			r.hits.Add(1)
			return resp, nil
		}
		gen := r.gen
		r.mu.Unlock()

		led := false
		ch := r.flight.DoChan(fmt.Sprintf("%d %d %s", gen, qtype, k), func() (any, error) {
			led = true
			r.mu.Lock()
			if resp := r.cache[k][qtype]; resp != nil {
				r.mu.Unlock()
				return flightResult{resp: resp, cached: true}, nil
			}
			r.mu.Unlock()
			resp, err := r.exchange(ctx, name, qtype, true, r.servers)
			if err != nil {
				return nil, err
			}
			r.mu.Lock()
			if r.gen == gen {
				m := r.cache[k]
				if m == nil {
					m = make(map[uint16]*response)
					r.cache[k] = m
				}
				m[qtype] = resp
			}
			r.mu.Unlock()
			return flightResult{resp: resp}, nil
		})
		select {
		case <-ctx.Done():
			return nil, errContext(name, ctx.Err())
		case res := <-ch:
			if res.Err != nil {
				if err := ctxDone(ctx); err != nil {
					return nil, errContext(name, err)
				}
				if isContextError(res.Err) && ctx.Err() == nil {
					// The query ran under the context of the caller
					// that started it, which gave up: ask again.
					continue
				}
				return nil, res.Err
			}
			fr := res.Val.(flightResult)
			if !led || fr.cached {
				r.hits.Add(1)
			}
			return fr.resp, nil
		}
	}
}

// ctxDone is ctx.Err(), also reporting a deadline that has passed but whose
// timer has not fired yet: a read deadline set from it can expire first.
func ctxDone(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if dl, ok := ctx.Deadline(); ok && !time.Now().Before(dl) {
		return context.DeadlineExceeded
	}
	return nil
}

func isContextError(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// exchange asks servers in order, rounds of them 1+retries times, until one
// gives a NOERROR or NXDOMAIN answer. A server that answered with another
// rcode is not asked again; one that timed out or was unreachable is, in
// the next round. The answer must match the question.
func (r *Resolver) exchange(ctx context.Context, name string, qtype uint16, recursive bool, servers []string) (*response, error) {
	m := new(dns.Msg)
	m.SetQuestion(name, qtype)
	m.RecursionDesired = recursive
	m.SetEdns0(r.udpSize, false)

	var lastErr error
	done := make([]bool, len(servers))
	for round := 0; round <= r.retries; round++ {
		tried := false
		for i, srv := range servers {
			if done[i] {
				continue
			}
			tried = true
			if err := ctxDone(ctx); err != nil {
				return nil, errContext(name, err)
			}
			resp, final, err := r.exchangeOne(ctx, m, name, qtype, srv)
			if err == nil {
				return resp, nil
			}
			if err := ctxDone(ctx); err != nil {
				return nil, errContext(name, err)
			}
			lastErr = err
			done[i] = final
		}
		if !tried {
			break
		}
	}
	if lastErr == nil {
		lastErr = errBadAnswer(name, "", "no nameserver to ask")
	}
	if de, ok := lastErr.(*net.DNSError); ok && de.IsTimeout && r.retries > 0 {
		de.Err = fmt.Sprintf("no response within %v, %d attempts (timeout)", r.timeout, r.retries+1)
	}
	return nil, lastErr
}

// exchangeOne sends m to one server over UDP, and again over TCP when the UDP
// answer is truncated. final reports an error the server will repeat (a
// failure rcode), as opposed to a timeout or network error worth a retry.
func (r *Resolver) exchangeOne(ctx context.Context, m *dns.Msg, name string, qtype uint16, srv string) (resp *response, final bool, err error) {
	m.Id = dns.Id()
	in, err := r.roundTrip(ctx, "udp", m, srv)
	if err == nil && in.Truncated {
		in, err = r.roundTrip(ctx, "tcp", m, srv)
	}
	if err != nil {
		return nil, false, errNetwork(name, srv, err, isTimeout(err), r.timeout.String())
	}
	switch in.Rcode {
	case dns.RcodeSuccess, dns.RcodeNameError:
	default:
		return nil, true, errRcode(name, srv, in.Rcode)
	}
	if len(in.Question) != 1 || in.Question[0].Qtype != qtype || key(in.Question[0].Name) != asciiLower(name) {
		return nil, false, errBadAnswer(name, srv, "answer does not match the question")
	}
	resp = &response{rcode: in.Rcode, answer: in.Answer, aa: in.Authoritative, server: srv}
	for _, rr := range in.Ns {
		if soa, ok := rr.(*dns.SOA); ok {
			resp.soa = soa
			break
		}
	}
	return resp, false, nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// roundTrip is one exchange on a fresh connection, bounded by r.timeout and
// by ctx, whose cancellation closes the connection at once.
func (r *Resolver) roundTrip(ctx context.Context, network string, m *dns.Msg, srv string) (*dns.Msg, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	c := &dns.Client{Net: network, UDPSize: r.udpSize, Timeout: r.timeout}
	var conn *pooledConn
	if network == "udp" {
		conn = r.getConn(srv)
	}
	if conn == nil {
		dc, err := c.DialContext(ctx, srv)
		if err != nil {
			return nil, err
		}
		conn = &pooledConn{Conn: dc}
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	r.sent.Add(1)
	in, _, err := c.ExchangeWithConnContext(ctx, m, conn.Conn)
	// Back to the pool only after a clean exchange whose answer echoes the
	// question (miekg/dns already skipped answers with another ID).
	clean := err == nil && len(in.Question) == 1 && len(m.Question) == 1 &&
		in.Question[0].Qtype == m.Question[0].Qtype && strings.EqualFold(in.Question[0].Name, m.Question[0].Name)
	if stop() && clean && network == "udp" {
		r.putConn(srv, conn)
	} else {
		conn.Close()
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	return in, nil
}
