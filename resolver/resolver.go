package resolver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miekg/dns"
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
	// KeepZones reads every zone file of ZoneDir whole when it is listed
	// and keeps every parse for the run (as Resolver.KeepZones), for a run
	// that comes back to every zone it asks about, such as apply: each
	// file is then read once, not up to its SOA first and whole later.
	KeepZones bool
	// CacheSize bounds the answers kept: at most about 2*CacheSize answers
	// and CacheBytes bytes of records; default DefaultCacheSize. The least
	// recently used go first, so names every run asks (shared provider
	// includes) stay.
	CacheSize int
	// CacheBytes bounds the size of the cached records; default
	// DefaultCacheBytes.
	CacheBytes int
	// IdleSockets is the most idle UDP sockets kept per server for reuse;
	// default DefaultIdleSockets. A caller that runs N lookups at once
	// sets it to N, so that each finds a socket instead of opening one.
	IdleSockets int
}

// DefaultIdleSockets is Config.IdleSockets when not set.
const DefaultIdleSockets = 64

// Cache bounds (Config.CacheSize, Config.CacheBytes).
const (
	DefaultCacheSize  = 4096
	DefaultCacheBytes = 16 << 20
)

// Stats are counters since New. Flush and Forget do not reset them.
type Stats struct {
	// Sent counts DNS messages written to the network: each UDP attempt,
	// each retry and each TCP re-query of a truncated answer counts one.
	// QueryAt counts too. Offline answers do not.
	Sent int64
	// Unique counts questions (lower-cased name, type) that were neither in
	// the cache nor in flight when asked: each went to the network (or to a
	// zone file, which is not cached). CNAME targets and SOA-walk steps
	// count; QueryAt does not. With no answer dropped from the cache it is
	// the number of distinct questions.
	Unique int64
	// CacheHits counts lookups answered without a query of their own: from
	// the cache, or by sharing an identical query already in flight.
	CacheHits int64
	// Offline counts lookups answered from Config.ZoneDir.
	Offline int64
	// Cached is the number of answers in the cache now (bounded by
	// Config.CacheSize).
	Cached int64
}

// Resolver is a caching stub resolver. It is safe for concurrent use; one
// Resolver is meant to be shared by every lookup of a run, so that its cache
// and the collapsing of identical queries cover them all.
type Resolver struct {
	servers []string
	timeout time.Duration
	retries int
	udpSize uint16
	idle    int // Config.IdleSockets
	zones   *zoneDir

	mu      sync.Mutex
	gen     uint64 // bumped by Forget and Flush
	cache   answerCache
	flights map[qkey]*flight // queries in flight, by question

	sent, unique, hits, offline atomic.Int64

	// pools keep connected UDP sockets per server ("ADDR:PORT" ->
	// *connPool) for reuse: opening a socket per query was most of the CPU
	// time of a 10,000-domain plan. A socket goes back only after a clean
	// exchange (an answer with the query's ID that echoes the question),
	// and is retired after maxSocketUses queries so that source ports keep
	// changing.
	pools  sync.Map
	closed atomic.Bool
}

// maxSocketUses bounds how many queries one UDP socket (one source port)
// carries before it is closed.
const maxSocketUses = 100

// Close closes the sockets kept for reuse; sockets in use when it is called
// are closed when their query ends. The Resolver stays usable (new queries
// open new sockets, used once).
func (r *Resolver) Close() error {
	r.closed.Store(true)
	r.pools.Range(func(_, v any) bool {
		v.(*connPool).drain()
		return true
	})
	return nil
}

// flight is one query in flight: the callers asking the same question at
// the same time wait for it instead of sending their own.
type flight struct {
	done chan struct{} // closed when resp and err are set
	resp *response
	err  error
	gen  uint64
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
	size   int      // memory estimate, set when cached
}

// New returns a Resolver for cfg. It fails on a malformed nameserver address
// or an unreadable Config.ZoneDir.
func New(cfg Config) (*Resolver, error) {
	r := &Resolver{
		timeout: cfg.Timeout,
		retries: cfg.Retries,
		udpSize: cfg.UDPSize,
		idle:    cfg.IdleSockets,
		flights: make(map[qkey]*flight),
	}
	if r.idle <= 0 {
		r.idle = DefaultIdleSockets
	}
	r.cache.init(cfg.CacheSize, cfg.CacheBytes)
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
		z, err := openZoneDir(cfg.ZoneDir, cfg.KeepZones)
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
	r.mu.Lock()
	cached := int64(len(r.cache.cur) + len(r.cache.old))
	r.mu.Unlock()
	return Stats{
		Cached:    cached,
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
	r.cache.forget(k)
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
	r.cache.flush()
	r.mu.Unlock()
	if r.zones != nil {
		r.zones.invalidate("")
	}
}

// query answers one question (name in canonical form): from the zone files,
// the cache, an identical query in flight, or the network. Errors are
// *net.DNSError with Name set to name.
//
// The caller that finds neither an answer nor a query in flight sends the
// query itself, under its own context; callers asking the same question
// meanwhile wait for it, each until its own context ends. When the sender
// gives up (its context ended), those still waiting ask again.
func (r *Resolver) query(ctx context.Context, name string, qtype uint16) (*response, error) {
	if err := ctx.Err(); err != nil {
		return nil, errContext(name, err)
	}
	k := qkey{asciiLower(name), qtype}
	if r.zones != nil {
		resp, ok, err := r.zones.answer(name, k.name, qtype)
		if ok {
			r.unique.Add(1)
			r.offline.Add(1)
			return resp, err
		}
	}
	for {
		r.mu.Lock()
		if resp := r.cache.get(k); resp != nil {
			r.mu.Unlock()
			r.hits.Add(1)
			return resp, nil
		}
		if f := r.flights[k]; f != nil && f.gen == r.gen {
			r.mu.Unlock()
			select {
			case <-ctx.Done():
				return nil, errContext(name, ctx.Err())
			case <-f.done:
			}
			if f.err != nil {
				if err := ctxDone(ctx); err != nil {
					return nil, errContext(name, err)
				}
				if isContextError(f.err) {
					continue // the sender gave up: ask again
				}
				return nil, f.err
			}
			r.hits.Add(1)
			return f.resp, nil
		}
		f := &flight{done: make(chan struct{}), gen: r.gen}
		r.flights[k] = f
		r.mu.Unlock()
		r.unique.Add(1)

		resp, err := r.exchange(ctx, name, qtype, true, r.servers)

		r.mu.Lock()
		if err == nil && r.gen == f.gen {
			r.cache.put(k, resp)
		}
		if r.flights[k] == f {
			delete(r.flights, k)
		}
		r.mu.Unlock()
		f.resp, f.err = resp, err
		close(f.done)
		return resp, err
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
			resp, final, err := r.exchangeOne(ctx, name, qtype, recursive, srv)
			if err == nil {
				return resp, nil
			}
			if err := ctxDone(ctx); err != nil {
				return nil, errContext(name, err)
			}
			if errors.Is(err, ErrQueryLimit) {
				return nil, err
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

// exchangeOne asks one server over UDP, and again over TCP when the UDP
// answer is truncated. final reports an error the server will repeat (a
// failure rcode), as opposed to a timeout or network error worth a retry.
func (r *Resolver) exchangeOne(ctx context.Context, name string, qtype uint16, recursive bool, srv string) (resp *response, final bool, err error) {
	if allow := queryLimit(ctx); allow != nil && !allow() {
		return nil, true, errQueryLimit(name)
	}
	in, err := r.udpExchange(ctx, name, qtype, recursive, srv)
	if err == nil && in.tc {
		if allow := queryLimit(ctx); allow != nil && !allow() {
			return nil, true, errQueryLimit(name)
		}
		m := new(dns.Msg)
		m.SetQuestion(name, qtype)
		m.RecursionDesired = recursive
		m.SetEdns0(r.udpSize, false)
		m.Id = dns.Id()
		var tin *dns.Msg
		if tin, err = r.roundTripTCP(ctx, m, srv); err == nil {
			if !tin.Response {
				err = errNotResponse
			} else {
				in = answerOf(tin, name, qtype)
			}
		}
	}
	if errors.Is(err, errMismatch) {
		return nil, false, errBadAnswer(name, srv, "answer does not match the question")
	}
	if err != nil {
		return nil, false, errNetwork(name, srv, err, isTimeout(err), r.timeout.String())
	}
	switch in.rcode {
	case dns.RcodeSuccess, dns.RcodeNameError:
	default:
		return nil, true, errRcode(name, srv, in.rcode)
	}
	if !in.echoes {
		return nil, false, errBadAnswer(name, srv, "answer does not match the question")
	}
	return &response{rcode: in.rcode, answer: in.records, aa: in.aa, soa: in.soa, server: srv}, false, nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// roundTripTCP is one exchange over a fresh TCP connection (the retry of a
// truncated UDP answer), bounded by r.timeout and by ctx, whose
// cancellation closes the connection at once.
func (r *Resolver) roundTripTCP(ctx context.Context, m *dns.Msg, srv string) (*dns.Msg, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	c := &dns.Client{Net: "tcp", UDPSize: r.udpSize, Timeout: r.timeout}
	conn, err := c.DialContext(ctx, srv)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	r.sent.Add(1)
	in, _, err := c.ExchangeWithConnContext(ctx, m, conn)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	return in, nil
}
