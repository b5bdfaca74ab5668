package spfcheck

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/spfpatch/spfpatch/spfedit"
)

// Limits of RFC 7208 §4.6.4.
const (
	MaxLookups     = 10 // DNS-querying terms: include, a, mx, ptr, exists, redirect
	MaxVoidLookups = 2  // lookups that return NXDOMAIN or no records
	MaxMXNames     = 10 // MX records one mx mechanism may look at
	MaxPTRNames    = 10 // PTR names used by ptr and %{p}
)

// DefaultExplanation is the explanation (an explain-string, RFC 7208 §6.2)
// used when a record that fails gives none of its own.
const DefaultExplanation = "%{d} does not designate %{c} as a permitted sender for %{s}"

// Checker evaluates SPF records. Its zero value is not usable: Resolver is
// required. A Checker is safe for concurrent use; Account results are cached
// for the Checker's lifetime, so use one Checker per run.
type Checker struct {
	Resolver Resolver
	// DefaultExplanation overrides the package's DefaultExplanation.
	DefaultExplanation string
	// Receiver is the %{r} value in explanations; "unknown" when empty.
	Receiver string
	// Now is the clock for %{t}; time.Now when nil.
	Now func() time.Time
	// Timeout bounds the work on one domain (see WithDomain); default
	// DefaultTimeout.
	Timeout time.Duration

	accountMu    sync.Mutex
	accountCache subtreeCache
}

// subtreeCache keeps the lookup trees of included domains for the run, in
// two generations of at most maxCachedSubtrees each (like the resolver's
// cache): the shared includes every shop uses stay, memory does not grow
// with the number of domains. The caller holds accountMu.
type subtreeCache struct{ cur, old map[string]cachedTree }

// cachedTree is a complete subtree and the number of nodes below its root,
// which a tree that attaches it must count against MaxTreeNodes.
type cachedTree struct {
	n    *Node
	size int
}

const maxCachedSubtrees = 256

func (c *Checker) cached(domain string) cachedTree {
	c.accountMu.Lock()
	defer c.accountMu.Unlock()
	if t := c.accountCache.cur[domain]; t.n != nil {
		return t
	}
	if t := c.accountCache.old[domain]; t.n != nil {
		c.put(domain, t)
		return t
	}
	return cachedTree{}
}

func (c *Checker) remember(domain string, n *Node) {
	t := cachedTree{n, countBelow(n)}
	c.accountMu.Lock()
	c.put(domain, t)
	c.accountMu.Unlock()
}

// countBelow counts the nodes below n.
func countBelow(n *Node) int {
	c := 0
	for _, k := range n.Children {
		c += 1 + countBelow(k)
	}
	return c
}

func (c *Checker) put(domain string, t cachedTree) {
	sc := &c.accountCache
	if sc.cur == nil {
		sc.cur = map[string]cachedTree{}
	}
	sc.cur[domain] = t
	if len(sc.cur) >= maxCachedSubtrees {
		sc.old, sc.cur = sc.cur, map[string]cachedTree{}
	}
}

// Outcome is the result of CheckHost.
type Outcome struct {
	Result      Result `json:"result"`
	Explanation string `json:"explanation,omitempty"` // set when Result is Fail
	// Mechanism is the term that decided the result, "" when none matched.
	Mechanism   string `json:"mechanism,omitempty"`
	Lookups     int    `json:"lookups"`
	VoidLookups int    `json:"void_lookups"`
	// Err tells why the result is permerror, temperror or none.
	Err error `json:"-"`
}

// CheckHost runs check_host(<ip>, <domain>, <sender>) of RFC 7208 §4 for a
// connection from ip whose MAIL FROM is sender and whose HELO name is helo.
// domain is the domain to check: the sender's domain part, or the HELO name
// when sender is empty. An empty sender is taken as "postmaster@" + helo.
//
// The evaluation is bounded by RFC 7208's limits, and by the domain's query
// budget and time (see WithDomain): when those run out, the result is
// temperror.
func (c *Checker) CheckHost(ctx context.Context, ip netip.Addr, domain, sender, helo string) Outcome {
	ctx, s, cancel := c.scoped(ctx)
	defer cancel()
	ip = ip.Unmap()
	if sender == "" {
		sender = "postmaster@" + helo
	}
	local, oDomain := splitSender(sender)
	if local == "" {
		local = "postmaster"
		sender = local + "@" + oDomain
	}
	ev := &evaluation{c: c, dns: lookups{c.Resolver, s}, ip: ip, helo: helo, sender: sender, local: local, oDomain: oDomain}
	res, exp, mech, err := ev.checkHost(ctx, strings.TrimSuffix(domain, "."), 0)
	out := Outcome{Result: res, Mechanism: mech, Lookups: ev.lookups, VoidLookups: ev.voids, Err: err}
	if res == Fail {
		out.Explanation = exp
	}
	return out
}

// splitSender splits "local@domain" at the last @.
func splitSender(s string) (local, domain string) {
	i := strings.LastIndexByte(s, '@')
	if i < 0 {
		return "postmaster", s
	}
	return s[:i], s[i+1:]
}

// ValidDomain reports whether name can be an SPF <domain> (§4.3): a
// multi-label name with no empty label (a trailing dot aside), labels of at
// most 63 bytes, at most 253 bytes, and not a domain literal.
func ValidDomain(name string) bool {
	name = strings.TrimSuffix(name, ".")
	if name == "" || len(name) > 253 || name[0] == '[' {
		return false
	}
	labels, n := 1, 0
	for i := 0; i < len(name); i++ {
		if name[i] != '.' {
			if n++; n > 63 {
				return false
			}
			continue
		}
		if n == 0 {
			return false
		}
		labels, n = labels+1, 0
	}
	return n > 0 && labels >= 2
}

type evaluation struct {
	c                   *Checker
	dns                 lookups
	ip                  netip.Addr
	helo, sender, local string
	oDomain             string
	lookups, voids      int
	ptrOnce             bool
	ptrNames            []string // validated PTR names of ip
}

type evalError struct {
	res Result
	err error
}

func (e *evalError) Error() string { return e.err.Error() }
func (e *evalError) Unwrap() error { return e.err }

func perm(err error) *evalError { return &evalError{PermError, err} }
func temp(err error) *evalError { return &evalError{TempError, err} }

func isNotFound(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound
}

// checkHost evaluates one record and returns its result, its explanation
// (when it failed through one of its own mechanisms or its redirect), the
// deciding term, and the reason for a none, permerror or temperror.
func (ev *evaluation) checkHost(ctx context.Context, domain string, depth int) (Result, string, string, error) {
	// RFC 7208 §4.3: a malformed domain gives none without any query.
	if !ValidDomain(domain) {
		return None, "", "", newError(CodeInvalidDomain, []string{domain}, ErrInvalidDomain, nil, "%w: %q", ErrInvalidDomain, domain)
	}
	rec, _, err := fetch(ctx, ev.dns, domain)
	if err != nil {
		var ee *evalError
		if errors.As(err, &ee) {
			return ee.res, "", "", ee.err
		}
		return None, "", "", err
	}
	env := ev.env(domain)
	for i := 0; i < rec.Len(); i++ {
		t := rec.Term(i)
		if !t.Kind.IsMechanism() {
			continue
		}
		match, err := ev.mechanism(ctx, env, t, depth)
		if err != nil {
			var ee *evalError
			if errors.As(err, &ee) {
				return ee.res, "", t.Text, fmt.Errorf("%s: %s: %w", domain, t.Text, ee.err)
			}
			return PermError, "", t.Text, err
		}
		if match {
			res := qualifierResult(byte(t.Qualifier))
			exp := ""
			if res == Fail {
				exp = ev.explanation(ctx, env, rec)
			}
			return res, exp, t.Text, nil
		}
	}
	// RFC 7208 §6.1: redirect= applies when no mechanism matched.
	if r, ok := rec.Redirect(); ok {
		if err := ev.countLookup(); err != nil {
			return PermError, "", r.Text, err
		}
		target, err := env.domainSpec(ctx, r)
		if err != nil {
			return PermError, "", r.Text, fmt.Errorf("%s: %s: %w", domain, r.Text, err)
		}
		res, exp, mech, err := ev.checkHost(ctx, target, depth+1)
		if res == None {
			return PermError, "", r.Text, fmt.Errorf("%s: %s: %w", domain, r.Text,
				newError(CodeRedirectNoRecord, nil, ErrRedirectNoRecord, nil, "%w", ErrRedirectNoRecord))
		}
		return res, exp, mech, err
	}
	// §4.7: no match, no redirect.
	return Neutral, "", "", nil
}

// fetch looks up and parses the SPF record of domain (§4.4-4.6), and
// returns it with its text.
func fetch(ctx context.Context, r Resolver, domain string) (*spfedit.Record, string, error) {
	txts, err := r.LookupTXT(ctx, domain)
	if err != nil {
		if isNotFound(err) {
			return nil, "", &evalError{None, noRecordAt(domain)}
		}
		return nil, "", temp(dnsError("TXT", domain, err))
	}
	i, err := spfedit.Select(txts)
	if err != nil {
		var me *spfedit.MultipleRecordsError
		args := []string{domain}
		if errors.As(err, &me) {
			args = append(args, me.Records...)
		}
		return nil, "", perm(newError(CodeMultipleRecords, args, ErrMultipleRecords, err, "%s: %w: %v", domain, ErrMultipleRecords, err))
	}
	if i < 0 {
		return nil, "", &evalError{None, noRecordAt(domain)}
	}
	rec, err := spfedit.Parse(txts[i])
	if err != nil {
		return nil, "", perm(newError(CodeSyntax, []string{domain, txts[i]}, ErrSyntax, err, "%s: %v", domain, err))
	}
	return rec, txts[i], nil
}

func noRecordAt(domain string) error {
	return newError(CodeNoRecordAt, []string{domain}, ErrNoRecord, nil, "%w at %s", ErrNoRecord, domain)
}

// dnsError is a failed lookup of type qtype (TXT, A, AAAA, MX) at name.
func dnsError(qtype, name string, err error) error {
	return newError(CodeDNS, []string{qtype, name, err.Error()}, ErrDNS, err, "%w: %s %s: %v", ErrDNS, qtype, name, err)
}

func (ev *evaluation) env(domain string) *macroEnv {
	return &macroEnv{
		sender: ev.sender, local: ev.local, oDomain: ev.oDomain, domain: domain, ip: ev.ip, helo: ev.helo,
		receiver: ev.c.Receiver, now: ev.c.Now,
		ptr: func(ctx context.Context) string { return ev.validatedName(ctx, domain) },
	}
}

// RFC 7208 §4.6.4: each of include, a, mx, ptr, exists and redirect counts;
// the 11th is a permerror.
func (ev *evaluation) countLookup() error {
	ev.lookups++
	if ev.lookups > MaxLookups {
		return perm(newError(CodeLookupLimit, nil, ErrLookupLimit, nil, "%w", ErrLookupLimit))
	}
	return nil
}

// void records a lookup that found nothing; the third is a permerror (§4.6.4).
func (ev *evaluation) void() error {
	ev.voids++
	if ev.voids > MaxVoidLookups {
		return perm(newError(CodeVoidLookupLimit, nil, ErrVoidLookupLimit, nil, "%w", ErrVoidLookupLimit))
	}
	return nil
}

func (ev *evaluation) target(ctx context.Context, env *macroEnv, t spfedit.Term) (string, error) {
	if !t.HasValue {
		return env.domain, nil
	}
	name, err := env.domainSpec(ctx, t)
	if err != nil {
		return "", perm(err)
	}
	return name, nil
}

// mechanism reports whether t matches (RFC 7208 §5).
func (ev *evaluation) mechanism(ctx context.Context, env *macroEnv, t spfedit.Term, depth int) (bool, error) {
	if t.Kind.CostsLookup() {
		if err := ev.countLookup(); err != nil {
			return false, err
		}
	}
	switch t.Kind {
	case spfedit.KindAll:
		return true, nil
	case spfedit.KindIP4, spfedit.KindIP6:
		// An IPv4 client never matches ip6, and an IPv6 one never ip4 (§5.6).
		return t.Addr.Is4() == ev.ip.Is4() && t.Prefix().Contains(ev.ip), nil
	case spfedit.KindInclude:
		name, err := ev.target(ctx, env, t)
		if err != nil {
			return false, err
		}
		// §5.2: the included record's result decides only whether it matched.
		res, _, _, err := ev.checkHost(ctx, name, depth+1)
		switch res {
		case Pass:
			return true, nil
		case Fail, SoftFail, Neutral:
			return false, nil
		case TempError:
			return false, temp(err)
		case None:
			return false, perm(newError(CodeIncludeNoRecord, []string{name}, ErrIncludeNoRecord, nil, "%w: %s", ErrIncludeNoRecord, name))
		default:
			return false, perm(err)
		}
	case spfedit.KindA:
		name, err := ev.target(ctx, env, t)
		if err != nil {
			return false, err
		}
		addrs, err := ev.addrs(ctx, name, true)
		if err != nil {
			return false, err
		}
		return ev.anyMatch(addrs, t), nil
	case spfedit.KindMX:
		name, err := ev.target(ctx, env, t)
		if err != nil {
			return false, err
		}
		mxs, err := ev.mx(ctx, name)
		if err != nil {
			return false, err
		}
		// Every host is looked up, in order, before any is matched, and
		// each address lookup that finds nothing is a void lookup, as pyspf
		// counts them (see the package documentation).
		match := false
		for _, host := range mxs {
			addrs, err := ev.addrs(ctx, host, true)
			if err != nil {
				return false, err
			}
			match = match || ev.anyMatch(addrs, t)
		}
		return match, nil
	case spfedit.KindPTR:
		name, err := ev.target(ctx, env, t)
		if err != nil {
			return false, err
		}
		name = strings.ToLower(name)
		for _, n := range ev.validatedNames(ctx) {
			if n == name || strings.HasSuffix(n, "."+name) {
				return true, nil
			}
		}
		return false, nil
	case spfedit.KindExists:
		name, err := ev.target(ctx, env, t)
		if err != nil {
			return false, err
		}
		if !ValidDomain(name) {
			return false, ev.void()
		}
		// §5.7: always an A query, whatever the client's address family.
		addrs, err := ev.dns.LookupNetIP(ctx, "ip4", name)
		if err != nil {
			if isNotFound(err) {
				return false, ev.void()
			}
			return false, temp(dnsError("A", name, err))
		}
		return len(addrs) > 0, nil
	}
	return false, nil
}

func (ev *evaluation) anyMatch(addrs []netip.Addr, t spfedit.Term) bool {
	bits := t.Prefix4
	if ev.ip.Is6() {
		bits = t.Prefix6
	}
	if bits < 0 {
		bits = ev.ip.BitLen()
	}
	for _, a := range addrs {
		a = a.Unmap()
		if a.Is4() != ev.ip.Is4() {
			continue
		}
		p, err := a.Prefix(bits)
		if err == nil && p.Contains(ev.ip) {
			return true
		}
	}
	return false
}

// addrs looks up the A or AAAA records of name, by the client's family.
// countVoid tells whether an empty answer counts as a void lookup.
func (ev *evaluation) addrs(ctx context.Context, name string, countVoid bool) ([]netip.Addr, error) {
	if !ValidDomain(name) {
		if countVoid {
			return nil, ev.void()
		}
		return nil, nil
	}
	network := "ip4"
	if ev.ip.Is6() {
		network = "ip6"
	}
	addrs, err := ev.dns.LookupNetIP(ctx, network, name)
	if err != nil {
		if isNotFound(err) {
			if countVoid {
				return nil, ev.void()
			}
			return nil, nil
		}
		return nil, temp(dnsError(map[string]string{"ip4": "A", "ip6": "AAAA"}[network], name, err))
	}
	return addrs, nil
}

// mx looks up the exchanges of name; more than 10 is a permerror (§4.6.4).
func (ev *evaluation) mx(ctx context.Context, name string) ([]string, error) {
	if !ValidDomain(name) {
		return nil, ev.void()
	}
	mxs, err := ev.dns.LookupMX(ctx, name)
	if err != nil {
		if isNotFound(err) {
			return nil, ev.void()
		}
		return nil, temp(dnsError("MX", name, err))
	}
	if len(mxs) > MaxMXNames {
		return nil, perm(newError(CodeMXLimit, []string{name, itoa(len(mxs))}, ErrMXLimit, nil, "%w: %s has %d", ErrMXLimit, name, len(mxs)))
	}
	var hosts []string
	for _, m := range mxs {
		h := strings.TrimSuffix(m.Host, ".")
		if h == "" { // null MX (RFC 7505): no host to look up
			continue
		}
		hosts = append(hosts, h)
	}
	return hosts, nil
}

// validatedNames returns the names of ip that validate (§5.5): the first 10
// PTR names whose A or AAAA records include ip. Errors give no names.
func (ev *evaluation) validatedNames(ctx context.Context) []string {
	if ev.ptrOnce {
		return ev.ptrNames
	}
	ev.ptrOnce = true
	names, err := ev.dns.LookupAddr(ctx, ev.ip.String())
	if err != nil {
		return nil
	}
	if len(names) > MaxPTRNames {
		names = names[:MaxPTRNames]
	}
	network := "ip4"
	if ev.ip.Is6() {
		network = "ip6"
	}
	for _, n := range names {
		n = strings.ToLower(strings.TrimSuffix(n, "."))
		addrs, err := ev.dns.LookupNetIP(ctx, network, n)
		if err != nil {
			continue
		}
		for _, a := range addrs {
			if a.Unmap() == ev.ip {
				ev.ptrNames = append(ev.ptrNames, n)
				break
			}
		}
	}
	return ev.ptrNames
}

// validatedName is %{p}: a validated name equal to or under domain when there
// is one, else any validated name, else "unknown" (§7.3).
func (ev *evaluation) validatedName(ctx context.Context, domain string) string {
	names := ev.validatedNames(ctx)
	d := strings.ToLower(domain)
	for _, n := range names {
		if n == d || strings.HasSuffix(n, "."+d) {
			return n
		}
	}
	if len(names) > 0 {
		return names[0]
	}
	return "unknown"
}

// explanation computes the explanation of a fail (§6.2). Any problem with
// exp= falls back to the default explanation; exp lookups do not count
// toward the limits.
func (ev *evaluation) explanation(ctx context.Context, env *macroEnv, rec *spfedit.Record) string {
	if e, ok := rec.Exp(); ok {
		if s, ok := ev.expText(ctx, env, e); ok {
			return s
		}
	}
	def := ev.c.DefaultExplanation
	if def == "" {
		def = DefaultExplanation
	}
	ms, err := spfedit.ParseMacroString(def, true)
	if err != nil {
		return def
	}
	s, err := env.expand(ctx, ms)
	if err != nil {
		return def
	}
	return s
}

func (ev *evaluation) expText(ctx context.Context, env *macroEnv, e spfedit.Term) (string, bool) {
	name, err := env.domainSpec(ctx, e)
	if err != nil || !ValidDomain(name) {
		return "", false
	}
	txts, err := ev.dns.LookupTXT(ctx, name)
	if err != nil || len(txts) != 1 {
		return "", false
	}
	ms, err := spfedit.ParseMacroString(txts[0], true)
	if err != nil {
		return "", false
	}
	s, err := env.expand(ctx, ms)
	if err != nil {
		return "", false
	}
	return s, true
}
