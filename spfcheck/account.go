package spfcheck

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
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
	VoidLookups int `json:"void_lookups"`
	// Note and Error are English; NoteCode and ErrorCode say the same,
	// language-neutral (the Note* and Code* constants), with the values
	// they name in NoteArgs and ErrorArgs.
	Note      string   `json:"note,omitempty"`
	NoteCode  string   `json:"note_code,omitempty"`
	NoteArgs  []string `json:"note_args,omitempty"`
	Error     string   `json:"error,omitempty"`
	ErrorCode string   `json:"error_code,omitempty"`
	ErrorArgs []string `json:"error_args,omitempty"`
	Children  []*Node  `json:"children,omitempty"`

	errKind Result // PermError or TempError when Error is set
}

// Report is the static lookup accounting of one domain's SPF record.
type Report struct {
	Domain string `json:"domain"`
	Record string `json:"record"`
	// Status is the record's own verdict, independent of any IP: "none" (no
	// SPF record), "ok", "permerror" (syntax, two records, over a limit, a
	// broken include) or "temperror" (DNS failed).
	Status      string `json:"status"`
	Lookups     int    `json:"lookups"`
	VoidLookups int    `json:"void_lookups"`
	LimitOK     bool   `json:"limit_ok"`
	Tree        *Node  `json:"tree"`
	// Errors are the problems as English text; Problems the same with
	// their codes, one for one.
	Errors   []string          `json:"errors"`
	Problems []Problem         `json:"problems"`
	Warnings []spfedit.Warning `json:"warnings"`
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
	rep := &Report{Domain: domain, Errors: []string{}, Problems: []Problem{}, Warnings: []spfedit.Warning{}}
	var sub *Node
	if rec == nil {
		sub = c.accountDomain(ctx, domain, nil, &walkBudget{follows: maxFollows})
	} else {
		sub = c.accountRecord(ctx, domain, rec, nil, &walkBudget{follows: maxFollows})
	}
	root := &Node{Term: domain, Domain: domain, Record: sub.Record, Lookups: sub.Lookups, VoidLookups: sub.VoidLookups,
		Note: sub.Note, NoteCode: sub.NoteCode, NoteArgs: sub.NoteArgs,
		Error: sub.Error, ErrorCode: sub.ErrorCode, ErrorArgs: sub.ErrorArgs, Children: sub.Children, errKind: sub.errKind}
	rep.Tree = root
	rep.Record = sub.Record
	rep.Lookups, rep.VoidLookups = root.Lookups, root.VoidLookups
	// A given rec is linted as it is (sub.Record is rec.String(), which
	// reparses to the same terms): parsing it again was an eighth of what
	// plan allocates in the scale benchmark (bench/).
	lint := rec
	if lint == nil {
		if r, err := spfedit.Parse(sub.Record); err == nil {
			lint = r
		}
	}
	if lint != nil {
		rep.Warnings = append(rep.Warnings, lint.Lint()...)
	}
	collectErrors(root, nil, rep)
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
		costliest := strings.Join(rep.Costliest(3), ", ")
		rep.addProblem(Problem{Code: CodeTooManyLookups, Args: []string{itoa(rep.Lookups), itoa(MaxLookups), costliest},
			Message: fmt.Sprintf("%d DNS lookups, over the limit of %d; costliest: %s", rep.Lookups, MaxLookups, costliest)})
	}
	if rep.VoidLookups > MaxVoidLookups {
		status = "permerror"
		rep.addProblem(Problem{Code: CodeTooManyVoidLookups, Args: []string{itoa(rep.VoidLookups), itoa(MaxVoidLookups)},
			Message: fmt.Sprintf("%d void lookups (names that do not exist or have no records), over the limit of %d",
				rep.VoidLookups, MaxVoidLookups)})
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

func (r *Report) addProblem(p Problem) {
	r.Problems = append(r.Problems, p)
	r.Errors = append(r.Errors, p.Message)
}

func collectErrors(n *Node, path []string, rep *Report) {
	failed := n.Error != "" && n.errKind != None
	if !failed && len(n.Children) == 0 {
		return // most nodes: a leaf term without an error adds nothing
	}
	path = append(path[:len(path):len(path)], n.Term)
	if failed {
		rep.addProblem(Problem{Code: n.ErrorCode, Args: n.ErrorArgs, Path: path,
			Message: strings.Join(path, " > ") + ": " + n.Error})
	}
	for _, k := range n.Children {
		collectErrors(k, path, rep)
	}
}

// setError records an error on n; err's code and arguments go with it when
// it is (or wraps) an *Error.
func (n *Node) setError(kind Result, err error) {
	n.errKind, n.Error = kind, err.Error()
	n.ErrorCode, n.ErrorArgs = "", nil
	var e *Error
	if errors.As(err, &e) {
		n.ErrorCode, n.ErrorArgs = e.Code, e.Args
	}
}

func (n *Node) setNote(code string, args []string, format string, fargs ...any) {
	n.NoteCode, n.NoteArgs, n.Note = code, args, fmt.Sprintf(format, fargs...)
}

// accountDomain returns the subtree of the record published at domain
// (Domain, Record, Children, Lookups and VoidLookups of the children).
// Subtrees are cached per Checker unless they hit a loop, whose error depends
// on the path taken.
// maxFollows bounds the includes and redirects one Account call follows. A
// record that needs more is far over the 10-lookup limit already; without a
// bound, names built with %{d} (include:a.%{d} include:b.%{d}) would make
// the walk grow exponentially, each level a new, uncached name.
const maxFollows = 100

type walkBudget struct{ follows int }

func (c *Checker) accountDomain(ctx context.Context, domain string, path []string, b *walkBudget) *Node {
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
			n.setError(ee.res, ee.err)
		} else {
			n.setError(PermError, err)
		}
		if n.errKind == None {
			n.Error, n.ErrorCode, n.ErrorArgs = "no SPF record", CodeNoRecord, nil
		}
		if n.errKind != TempError {
			c.remember(domain, n)
		}
		return n
	}
	n = c.accountRecord(ctx, domain, rec, path, b)
	loop := false
	walkNodes(n, func(k *Node) { loop = loop || k.ErrorCode == CodeLoop || k.ErrorCode == CodeTooDeep })
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

func (c *Checker) accountRecord(ctx context.Context, domain string, rec *spfedit.Record, path []string, b *walkBudget) *Node {
	n := &Node{Domain: domain, Record: rec.String()}
	path = append(path[:len(path):len(path)], domain)
	env := &macroEnv{domain: domain}
	allAt := rec.All()
	for i, t := range rec.Terms() {
		k := &Node{Term: t.Text}
		n.Children = append(n.Children, k)
		switch {
		case t.Kind == spfedit.KindRedirect && allAt >= 0:
			k.setNote(NoteRedirectIgnored, nil, "ignored: the record has all (RFC 7208 §6.1)")
			continue
		case t.Kind.IsMechanism() && allAt >= 0 && i > allAt:
			k.setNote(NoteAfterAll, nil, "never evaluated: it comes after all")
			continue
		case !t.Kind.CostsLookup():
			continue
		}
		// RFC 7208 §4.6.4: include, a, mx, ptr, exists and redirect cost one each.
		k.Cost = 1
		if t.Kind == spfedit.KindPTR {
			k.setNote(NotePTR, nil, "depends on the sending IP; not followed")
			n.add(k)
			continue
		}
		target := domain
		if t.HasValue {
			if !staticMacros(t.Macro()) {
				k.setNote(NoteMacros, nil, "depends on the sender or sending IP (macros); not followed")
				n.add(k)
				continue
			}
			target, _ = env.expandDomain(ctx, t.Macro())
			target = strings.ToLower(target)
		}
		switch t.Kind {
		case spfedit.KindInclude, spfedit.KindRedirect:
			if slices.Contains(path, target) {
				loop := strings.Join(append(path, target), " > ")
				k.setError(PermError, newError(CodeLoop, []string{target, loop}, ErrLoop, nil,
					"%v: %s is already being evaluated (%s)", ErrLoop, target, loop))
				break
			}
			// RFC 7208 §4.6.4: past 10 lookups the record is a permerror
			// anyway; stop following rather than walk an unbounded tree.
			if b.follows <= 0 || len(path) > MaxLookups {
				k.setError(PermError, newError(CodeTooDeep, []string{target}, ErrLookupLimit, nil,
					"not followed: %s is past the 10-lookup limit already", target))
				break
			}
			b.follows--
			sub := c.accountDomain(ctx, target, path, b)
			k.Domain, k.Record, k.Children = sub.Domain, sub.Record, sub.Children
			k.Lookups, k.VoidLookups = sub.Lookups, sub.VoidLookups
			k.Error, k.ErrorCode, k.ErrorArgs, k.errKind = sub.Error, sub.ErrorCode, sub.ErrorArgs, sub.errKind
			if sub.errKind == None && sub.Error != "" {
				// §5.2 and §6.1: a target without an SPF record is a permerror.
				k.setError(PermError, newError(CodeTargetNoRecord, []string{target, t.Kind.String()}, nil, nil,
					"%s has no SPF record, so this %s is a permerror", target, t.Kind))
			}
		case spfedit.KindA:
			c.staticLookup(ctx, k, target, "ip4", "ip6")
		case spfedit.KindExists:
			c.staticLookup(ctx, k, target, "ip4")
		case spfedit.KindMX:
			if !ValidDomain(target) {
				k.Void = true
				k.setNote(NoteInvalidDomain, []string{target}, "invalid domain %s", target)
				break
			}
			mxs, err := c.Resolver.LookupMX(ctx, target)
			switch {
			case err != nil && isNotFound(err):
				k.Void = true
				k.setNote(NoteNoMX, []string{target}, "%s has no MX records (void lookup)", target)
			case err != nil:
				k.setError(TempError, newError(CodeDNSMX, []string{target, err.Error()}, nil, err, "MX %s: %v", target, err))
			case len(mxs) > MaxMXNames:
				k.setError(PermError, newError(CodeTooManyMX, []string{target, itoa(len(mxs)), itoa(MaxMXNames)}, nil, nil,
					"%s has %d MX records; more than %d is a permerror (RFC 7208 §4.6.4)", target, len(mxs), MaxMXNames))
			default:
				k.setNote(NoteMXHosts, []string{itoa(len(mxs))}, "%d MX host(s); their address lookups do not count", len(mxs))
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
		k.Void = true
		k.setNote(NoteInvalidDomain, []string{target}, "invalid domain %s", target)
		return
	}
	found := false
	for _, nw := range networks {
		var addrs []netip.Addr
		addrs, err := c.Resolver.LookupNetIP(ctx, nw, target)
		if err != nil && !isNotFound(err) {
			k.setError(TempError, newError(CodeDNSAddress, []string{target, err.Error()}, nil, err, "%s: %v", target, err))
			return
		}
		found = found || len(addrs) > 0
	}
	if !found {
		k.Void = true
		k.setNote(NoteNoAddress, []string{target}, "%s has no address records (void lookup)", target)
	}
}
