package spfcheck

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/spfpatch/spfpatch/spfedit"
)

// Node is one term of the lookup tree, with what it costs.
type Node struct {
	Term   string `json:"term"`             // the term as written; the domain name at the root
	Domain string `json:"domain,omitempty"` // the domain whose record the children come from
	Record string `json:"record,omitempty"` // that record
	// Cost is what the term itself costs against the 10-lookup limit (0 or 1).
	Cost int `json:"cost"`
	// Lookups is Cost plus the lookups of everything below the term.
	Lookups int `json:"lookups"`
	// Void is set when the term's own lookup found nothing (NXDOMAIN or no records).
	Void bool `json:"void,omitempty"`
	// VoidLookups counts void lookups in the term and everything below it.
	VoidLookups int     `json:"void_lookups"`
	Note        string  `json:"note,omitempty"`
	Error       string  `json:"error,omitempty"`
	Children    []*Node `json:"children,omitempty"`

	errKind Result // PermError or TempError when Error is set
}

// Report is the static lookup accounting of one domain's SPF record.
type Report struct {
	Domain string `json:"domain"`
	Record string `json:"record"`
	// Status is the record's own verdict, independent of any IP: "none" (no
	// SPF record), "ok", "permerror" (syntax, two records, over a limit, a
	// broken include) or "temperror" (DNS failed).
	Status      string            `json:"status"`
	Lookups     int               `json:"lookups"`
	VoidLookups int               `json:"void_lookups"`
	LimitOK     bool              `json:"limit_ok"`
	Tree        *Node             `json:"tree"`
	Errors      []string          `json:"errors"`
	Warnings    []spfedit.Warning `json:"warnings"`
}

// Costliest returns up to n top-level terms that cost the most lookups, as
// "term (N)" strings, for messages that refuse a record over the limit.
func (r *Report) Costliest(n int) []string {
	if r.Tree == nil {
		return nil
	}
	kids := append([]*Node(nil), r.Tree.Children...)
	sort.SliceStable(kids, func(i, j int) bool { return kids[i].Lookups > kids[j].Lookups })
	var out []string
	for _, k := range kids {
		if len(out) == n || k.Lookups == 0 {
			break
		}
		out = append(out, fmt.Sprintf("%s (%d)", k.Term, k.Lookups))
	}
	return out
}

// Account walks the SPF record of domain and everything it includes, counting
// DNS lookups (RFC 7208 §4.6.4) without any sending IP. With rec nil the record
// is read from DNS; otherwise rec is accounted as if it were published at
// domain, so a proposed record can be checked before it is written.
func (c *Checker) Account(ctx context.Context, domain string, rec *spfedit.Record) *Report {
	domain = strings.ToLower(strings.TrimSuffix(domain, "."))
	rep := &Report{Domain: domain, Errors: []string{}, Warnings: []spfedit.Warning{}}
	var sub *Node
	if rec == nil {
		sub = c.accountDomain(ctx, domain, nil)
	} else {
		sub = c.accountRecord(ctx, domain, rec, nil)
	}
	root := &Node{Term: domain, Domain: domain, Record: sub.Record, Lookups: sub.Lookups, VoidLookups: sub.VoidLookups,
		Note: sub.Note, Error: sub.Error, Children: sub.Children, errKind: sub.errKind}
	rep.Tree = root
	rep.Record = sub.Record
	rep.Lookups, rep.VoidLookups = root.Lookups, root.VoidLookups
	if r, err := spfedit.Parse(sub.Record); err == nil {
		rep.Warnings = append(rep.Warnings, r.Lint()...)
	}
	collectErrors(root, nil, &rep.Errors)
	status, worst := "ok", Result(0)
	walkNodes(root, func(n *Node) {
		if n.errKind > worst {
			worst = n.errKind
		}
	})
	switch {
	case sub.errKind == None && sub.Error != "":
		status = "none"
	case worst == PermError:
		status = "permerror"
	case worst == TempError:
		status = "temperror"
	}
	// RFC 7208 §4.6.4: the 11th lookup and the 3rd void lookup are permerrors.
	if rep.Lookups > MaxLookups {
		status = "permerror"
		rep.Errors = append(rep.Errors, fmt.Sprintf("%d DNS lookups, over the limit of %d; costliest: %s",
			rep.Lookups, MaxLookups, strings.Join(rep.Costliest(3), ", ")))
	}
	if rep.VoidLookups > MaxVoidLookups {
		status = "permerror"
		rep.Errors = append(rep.Errors, fmt.Sprintf("%d void lookups (names that do not exist or have no records), over the limit of %d",
			rep.VoidLookups, MaxVoidLookups))
	}
	rep.Status = status
	rep.LimitOK = rep.Lookups <= MaxLookups && rep.VoidLookups <= MaxVoidLookups
	return rep
}

func walkNodes(n *Node, f func(*Node)) {
	f(n)
	for _, k := range n.Children {
		walkNodes(k, f)
	}
}

func collectErrors(n *Node, path []string, out *[]string) {
	if n.Error != "" && n.errKind != None {
		*out = append(*out, strings.Join(append(path, n.Term), " > ")+": "+n.Error)
	}
	for _, k := range n.Children {
		collectErrors(k, append(path[:len(path):len(path)], n.Term), out)
	}
}

// accountDomain returns the subtree of the record published at domain
// (Domain, Record, Children, Lookups and VoidLookups of the children).
// Subtrees are cached per Checker unless they hit a loop, whose error depends
// on the path taken.
func (c *Checker) accountDomain(ctx context.Context, domain string, path []string) *Node {
	c.accountMu.Lock()
	if n, ok := c.accountCache[domain]; ok {
		c.accountMu.Unlock()
		return n
	}
	c.accountMu.Unlock()

	n := &Node{Domain: domain}
	ev := &evaluation{c: c}
	rec, err := ev.fetch(ctx, domain)
	if err != nil {
		var ee *evalError
		if errors.As(err, &ee) {
			n.errKind, n.Error = ee.res, ee.err.Error()
		} else {
			n.errKind, n.Error = PermError, err.Error()
		}
		if n.errKind == None {
			n.Error = "no SPF record"
		}
		if n.errKind != TempError {
			c.remember(domain, n)
		}
		return n
	}
	n = c.accountRecord(ctx, domain, rec, path)
	loop := false
	walkNodes(n, func(k *Node) { loop = loop || strings.Contains(k.Error, ErrLoop.Error()) })
	temp := false
	walkNodes(n, func(k *Node) { temp = temp || k.errKind == TempError })
	if !loop && !temp {
		c.remember(domain, n)
	}
	return n
}

func (c *Checker) remember(domain string, n *Node) {
	c.accountMu.Lock()
	if c.accountCache == nil {
		c.accountCache = map[string]*Node{}
	}
	c.accountCache[domain] = n
	c.accountMu.Unlock()
}

// staticMacros reports whether a domain-spec can be expanded without knowing
// the connection: only %{d} (and escapes) are known statically.
func staticMacros(ms spfedit.MacroString) bool {
	for _, m := range ms {
		if m.Letter != 0 && m.Letter != 'd' {
			return false
		}
	}
	return true
}

func (c *Checker) accountRecord(ctx context.Context, domain string, rec *spfedit.Record, path []string) *Node {
	n := &Node{Domain: domain, Record: rec.String()}
	path = append(path[:len(path):len(path)], domain)
	env := &macroEnv{domain: domain}
	allAt := rec.All()
	for i, t := range rec.Terms() {
		k := &Node{Term: t.Text}
		n.Children = append(n.Children, k)
		switch {
		case t.Kind == spfedit.KindRedirect && allAt >= 0:
			k.Note = "ignored: the record has all (RFC 7208 §6.1)"
			continue
		case t.Kind.IsMechanism() && allAt >= 0 && i > allAt:
			k.Note = "never evaluated: it comes after all"
			continue
		case !t.Kind.CostsLookup():
			continue
		}
		// RFC 7208 §4.6.4: include, a, mx, ptr, exists and redirect cost one each.
		k.Cost = 1
		if t.Kind == spfedit.KindPTR {
			k.Note = "depends on the sending IP; not followed"
			n.add(k)
			continue
		}
		target := domain
		if t.HasValue {
			if !staticMacros(t.Macro) {
				k.Note = "depends on the sender or sending IP (macros); not followed"
				n.add(k)
				continue
			}
			target, _ = env.expandDomain(ctx, t.Macro)
			target = strings.ToLower(target)
		}
		switch t.Kind {
		case spfedit.KindInclude, spfedit.KindRedirect:
			if contains(path, target) {
				k.errKind, k.Error = PermError, fmt.Sprintf("%v: %s is already being evaluated (%s)", ErrLoop, target, strings.Join(append(path, target), " > "))
				break
			}
			sub := c.accountDomain(ctx, target, path)
			k.Domain, k.Record, k.Children = sub.Domain, sub.Record, sub.Children
			k.Lookups, k.VoidLookups = sub.Lookups, sub.VoidLookups
			k.Error, k.errKind = sub.Error, sub.errKind
			if sub.errKind == None && sub.Error != "" {
				// §5.2 and §6.1: a target without an SPF record is a permerror.
				k.errKind = PermError
				k.Error = fmt.Sprintf("%s has no SPF record, so this %s is a permerror", target, t.Kind)
			}
		case spfedit.KindA:
			c.staticLookup(ctx, k, target, "ip4", "ip6")
		case spfedit.KindExists:
			c.staticLookup(ctx, k, target, "ip4")
		case spfedit.KindMX:
			if !ValidDomain(target) {
				k.Void, k.Note = true, "invalid domain "+target
				break
			}
			mxs, err := c.Resolver.LookupMX(ctx, target)
			switch {
			case err != nil && isNotFound(err):
				k.Void = true
				k.Note = target + " has no MX records (void lookup)"
			case err != nil:
				k.errKind, k.Error = TempError, fmt.Sprintf("MX %s: %v", target, err)
			case len(mxs) > MaxMXNames:
				k.errKind, k.Error = PermError, fmt.Sprintf("%s has %d MX records; more than %d is a permerror (RFC 7208 §4.6.4)", target, len(mxs), MaxMXNames)
			default:
				k.Note = fmt.Sprintf("%d MX host(s); their address lookups do not count", len(mxs))
			}
		}
		n.add(k)
	}
	return n
}

// add adds a costed child's totals to n.
func (n *Node) add(k *Node) {
	k.Lookups += k.Cost
	if k.Void {
		k.VoidLookups++
	}
	n.Lookups += k.Lookups
	n.VoidLookups += k.VoidLookups
}

// staticLookup asks for the addresses of target in the given families and
// marks the term void when none has any.
func (c *Checker) staticLookup(ctx context.Context, k *Node, target string, networks ...string) {
	if !ValidDomain(target) {
		k.Void, k.Note = true, "invalid domain "+target
		return
	}
	found := false
	for _, nw := range networks {
		var addrs []netip.Addr
		addrs, err := c.Resolver.LookupNetIP(ctx, nw, target)
		if err != nil && !isNotFound(err) {
			k.errKind, k.Error = TempError, fmt.Sprintf("%s: %v", target, err)
			return
		}
		found = found || len(addrs) > 0
	}
	if !found {
		k.Void = true
		k.Note = target + " has no address records (void lookup)"
	}
}

func contains(path []string, s string) bool {
	for _, p := range path {
		if p == s {
			return true
		}
	}
	return false
}
