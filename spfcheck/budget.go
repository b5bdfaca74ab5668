package spfcheck

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"sync/atomic"
	"time"
)

// Bounds on the work one domain may cause (RFC 7208 §4.6.4 asks
// implementations to limit the total time and queries of an evaluation;
// records come from anyone on the internet).
const (
	// MaxQueries is the most DNS queries the work on one domain may cause:
	// the accounting of its record as published and as it would be, and
	// check_host(), together. Counted as the queries the resolver sends when
	// it implements QueryLimiter (CNAME targets it asks, retries and TCP
	// re-queries included; answers from its cache are free), else as the
	// lookups asked.
	//
	// A record within RFC 7208's limits needs at most about 215 when each
	// lookup is answered by one query: the accounting's TXT of the record,
	// then for each of at most 10 terms at most 21 (an mx term: its MX, and
	// the A and AAAA of each of up to 10 hosts); check_host() finds those in
	// the cache, and adds a ptr's PTR and address lookups (11, in place of
	// a term), the exp= text, and the include added. So no such record is
	// cut short by the budget alone. Retries after a timeout, and CNAME
	// targets a server does not give with the answer, cost a query each and
	// can; the domain is then temperror (RFC 7208 §4.6.4 lets an
	// implementation bound its work so), with a problem saying so. A
	// record over the limits is judged permerror long before; accounting
	// looks further, to show what it costs, only while the domain has used
	// less than half of the budget.
	MaxQueries = 250
	// DefaultTimeout is the time the work on one domain may take when
	// Checker.Timeout is not set; RFC 7208 §4.6.4 says at least 20 seconds.
	DefaultTimeout = 20 * time.Second
	// MaxTreeNodes is the most terms the lookup tree of one Account call
	// shows; the others are counted in one "more terms" node per record.
	MaxTreeNodes = 1000
	// MaxTreeRecordText is the most bytes of an included record's text the
	// tree keeps (the domain's own record is kept whole).
	MaxTreeRecordText = 4096
	// MaxTreeTermText is the most bytes of a term of an included record the
	// tree keeps (a term naming a domain is at most 261 bytes; longer ones
	// are cut and end in "..."). The domain's own terms are kept whole.
	MaxTreeTermText = 512
)

// ErrQueryBudget is the error (wrapped in a temporary *net.DNSError) of a
// lookup not asked because the domain's query budget is used up.
var ErrQueryBudget = errors.New("the query budget of this domain is used up")

// QueryLimiter is an optional interface of a Resolver that can count the
// DNS messages it sends (package resolver implements it): under the
// context returned, every message it would send first calls allow, and is
// not sent when allow returns false (the lookup then fails with a temporary
// error). Answers from its cache do not call allow.
type QueryLimiter interface {
	LimitQueries(ctx context.Context, allow func() bool) context.Context
}

// scope is the budget of one domain, carried by the context.
type scope struct {
	max     int32
	used    atomic.Int32
	over    atomic.Bool
	limiter bool // the resolver counts its messages through spend
	timeout time.Duration
}

type scopeKey struct{}

// spend takes one query from the budget; false when it is used up.
func (s *scope) spend() bool {
	if s.used.Add(1) > s.max {
		s.over.Store(true)
		return false
	}
	return true
}

// Queries returns the queries charged to the domain of ctx so far (see
// WithDomain), and false when ctx carries no domain budget.
func Queries(ctx context.Context) (int, bool) {
	s, ok := ctx.Value(scopeKey{}).(*scope)
	if !ok {
		return 0, false
	}
	return min(int(s.used.Load()), int(s.max)), true
}

func (c *Checker) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

// WithDomain returns a context for all the work on one domain: a deadline
// of Checker.Timeout (DefaultTimeout when 0) and a budget of MaxQueries
// queries, shared by every Account and CheckHost call made with it. Calls
// made without one get their own. cancel releases the deadline's timer.
func (c *Checker) WithDomain(ctx context.Context) (context.Context, context.CancelFunc) {
	s := &scope{max: MaxQueries, timeout: c.timeout()}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	ctx = context.WithValue(ctx, scopeKey{}, s)
	if ql, ok := c.Resolver.(QueryLimiter); ok {
		s.limiter = true
		ctx = ql.LimitQueries(ctx, s.spend)
	}
	return ctx, cancel
}

// scoped returns ctx's domain scope, or a new one for this call.
func (c *Checker) scoped(ctx context.Context) (context.Context, *scope, context.CancelFunc) {
	if s, ok := ctx.Value(scopeKey{}).(*scope); ok {
		return ctx, s, func() {}
	}
	ctx, cancel := c.WithDomain(ctx)
	return ctx, ctx.Value(scopeKey{}).(*scope), cancel
}

// lookups is the Resolver as one domain's work sees it: each lookup is
// charged to the domain's budget (by the resolver itself, per message, when
// it is a QueryLimiter).
type lookups struct {
	r Resolver
	s *scope
}

func (l lookups) charge(name string) error {
	if l.s.limiter {
		return nil // the resolver asks spend for each message it sends
	}
	if !l.s.spend() {
		return budgetError(name, l.s)
	}
	return nil
}

func budgetError(name string, s *scope) error {
	return &net.DNSError{UnwrapErr: ErrQueryBudget, Name: name, IsTemporary: true,
		Err: "not asked: the budget of " + strconv.Itoa(int(s.max)) + " queries for this domain is used up"}
}

func (l lookups) LookupTXT(ctx context.Context, name string) ([]string, error) {
	if err := l.charge(name); err != nil {
		return nil, err
	}
	return l.r.LookupTXT(ctx, name)
}

func (l lookups) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	if err := l.charge(host); err != nil {
		return nil, err
	}
	return l.r.LookupNetIP(ctx, network, host)
}

func (l lookups) LookupMX(ctx context.Context, name string) ([]*net.MX, error) {
	if err := l.charge(name); err != nil {
		return nil, err
	}
	return l.r.LookupMX(ctx, name)
}

func (l lookups) LookupAddr(ctx context.Context, addr string) ([]string, error) {
	if err := l.charge(addr); err != nil {
		return nil, err
	}
	return l.r.LookupAddr(ctx, addr)
}

// stopReason tells why lookups must stop for the domain of ctx: its
// deadline passed (or the run was interrupted), or its budget is used up;
// "" when they may go on.
func stopReason(ctx context.Context, s *scope) string {
	dl, ok := ctx.Deadline()
	switch err := ctx.Err(); {
	case errors.Is(err, context.DeadlineExceeded), err == nil && ok && !time.Now().Before(dl):
		// (A socket's deadline can end a lookup just before the
		// context's timer fires.)
		return CodeDeadline
	case err != nil:
		return CodeInterrupted
	case s.over.Load():
		return CodeQueryBudget
	}
	return ""
}
