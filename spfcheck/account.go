package spfcheck

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"sort"
	"strings"

	"github.com/spfpatch/spfpatch/spfedit"
)

// Node is one term of the lookup tree, with what it costs.
type Node struct {
	Term   string `json:"term"`             // the term as written; the domain name at the root
	Domain string `json:"domain,omitempty"` // the domain whose record the children come from
	Record string `json:"record,omitempty"` // that record (an included one cut at MaxTreeRecordText bytes)
	// Cost is what the term itself costs against the 10-lookup limit (0 or 1).
	Cost int `json:"cost"`
	// Lookups is Cost plus the lookups of everything below the term.
	Lookups int `json:"lookups"`
	// Void is set when the term's own lookup found nothing (NXDOMAIN or no
	// records) for IPv4 senders, IPv6 senders or both (the note says which).
	Void bool `json:"void,omitempty"`
	// VoidLookups4 and VoidLookups6 count the void lookups in the term and
	// everything below it as check_host() would meet them for an IPv4 and
	// an IPv6 sender (a and mx hosts are asked for A or AAAA records by the
	// sender's family); VoidLookups is the larger. In the JSON of the
	// tree they are left out when 0 (most terms: ip4, ip6, all), which
	// keeps `check --format json` about a third shorter (4.0 KB a domain in
	// bench/check.sh, now 2.6 KB); the Report's own counts
	// are always written.
	VoidLookups  int `json:"void_lookups,omitempty"`
	VoidLookups4 int `json:"void_lookups_ipv4,omitempty"`
	VoidLookups6 int `json:"void_lookups_ipv6,omitempty"`
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
	// void4 and void6 count the term's own void lookups for that family:
	// 0 or 1, but for an mx term, whose every MX host without an address
	// of the family is one (see the package documentation).
	void4, void6 int
}

// Report is the static lookup accounting of one domain's SPF record.
type Report struct {
	Domain string `json:"domain"`
	Record string `json:"record"`
	// Status is the record's own verdict, independent of any IP: "none" (no
	// SPF record), "ok", "permerror" (syntax, two records, over a limit, a
	// broken include) or "temperror" (DNS failed, or the domain's query
	// budget or time ran out before the record could be judged).
	Status  string `json:"status"`
	Lookups int    `json:"lookups"`
	// VoidLookups is the larger of VoidLookups4 and VoidLookups6, the void
	// lookups check_host() meets for an IPv4 and an IPv6 sender; the
	// limit of 2 holds for both.
	VoidLookups  int   `json:"void_lookups"`
	VoidLookups4 int   `json:"void_lookups_ipv4"`
	VoidLookups6 int   `json:"void_lookups_ipv6"`
	LimitOK      bool  `json:"limit_ok"`
	Tree         *Node `json:"tree"`
	// Errors are the problems as English text; Problems the same with
	// their codes, one for one.
	Errors   []string          `json:"errors"`
	Problems []Problem         `json:"problems"`
	Warnings []spfedit.Warning `json:"warnings"`

	parsed *spfedit.Record // the record accounted, as parsed
}

// Parsed returns a copy of the record accounted, as parsed (nil when there
// is none or it does not parse), so that a caller can edit it without
// parsing the text again.
func (r *Report) Parsed() *spfedit.Record {
	if r.parsed == nil {
		return nil
	}
	return r.parsed.Clone()
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
		if k.NoteCode == NoteMoreTerms {
			continue
		}
		if len(out) == n || k.Lookups == 0 {
			break
		}
		out = append(out, fmt.Sprintf("%s (%d)", k.Term, k.Lookups))
	}
	return out
}

// maxFollows bounds the includes and redirects one Account call follows. A
// record that needs more is far over the 10-lookup limit already; without a
// bound, names built with %{d} (include:a.%{d} include:b.%{d}) would make
// the walk grow exponentially, each level a new, uncached name.
const maxFollows = 100

// walk is the state of one Account call.
type walk struct {
	dns     lookups
	s       *scope
	follows int // includes and redirects that may still be followed
	nodes   int // nodes shown
	// counted, void4 and void6 are the lookups and void lookups met so
	// far, in evaluation order: past the RFC 7208 limits check_host()
	// stops (permerror), so the terms after are counted, not looked up.
	counted, void4, void6 int
	// incomplete counts the nodes whose subtree is not the full answer (a
	// loop, a cut, a failure, a term not looked up): such subtrees are not
	// cached.
	incomplete int
	stop       string // why lookups stopped: "", CodeQueryBudget, CodeDeadline, CodeInterrupted
	// inTree: the included domains whose subtree is in the tree already.
	inTree map[string]bool
}

// shown records that domain's subtree is in the tree.
func (w *walk) shown(domain string) {
	if w.inTree == nil {
		w.inTree = make(map[string]bool)
	}
	w.inTree[domain] = true
}

// bare returns a copy of the subtree root n without its record and
// children, for a tree that does not show them again.
func (n *Node) bare() *Node {
	c := *n
	c.Record, c.Children = "", nil
	return &c
}

func (w *walk) overLimits() bool {
	return w.counted > MaxLookups || w.void4 > MaxVoidLookups || w.void6 > MaxVoidLookups
}

// stopped reports whether no more lookups may be made for the domain.
func (w *walk) stopped(ctx context.Context) bool {
	if w.stop == "" {
		w.stop = stopReason(ctx, w.s)
	}
	return w.stop != ""
}

// notLookedUp marks k as a term the walk did not look up because it stopped.
func (w *walk) notLookedUp(k *Node) {
	w.incomplete++
	switch w.stop {
	case CodeQueryBudget:
		k.setNote(NoteBudget, []string{itoa(MaxQueries)}, "not looked up: the budget of %d queries for this domain is used up", MaxQueries)
	case CodeDeadline:
		k.setNote(NoteDeadline, []string{w.s.timeout.String()}, "not looked up: this domain took longer than %s", w.s.timeout)
	default:
		k.setNote(NoteInterrupted, nil, "not looked up: interrupted")
	}
}

// Account walks the SPF record of domain and everything it includes, counting
// DNS lookups (RFC 7208 §4.6.4) without any sending IP. With rec nil the record
// is read from DNS; otherwise rec is accounted as if it were published at
// domain, so a proposed record can be checked before it is written.
//
// The walk is bounded: by the domain's budget of MaxQueries queries and its
// time (see WithDomain), and past the RFC 7208 limits, where check_host()
// would stop with permerror, a, mx and exists terms are counted without a
// lookup (includes are still followed, within the budget, to show what they
// cost). When the budget or the time runs out first, the result is
// temperror (permerror when what was counted is over a limit already), with
// a problem saying so and what was counted until then.
func (c *Checker) Account(ctx context.Context, domain string, rec *spfedit.Record) *Report {
	ctx, s, cancel := c.scoped(ctx)
	defer cancel()
	domain = strings.ToLower(strings.TrimSuffix(domain, "."))
	rep := &Report{Domain: domain, Errors: []string{}, Problems: []Problem{}, Warnings: []spfedit.Warning{}}
	w := &walk{dns: lookups{c.Resolver, s}, s: s, follows: maxFollows}
	var sub *Node
	switch {
	case rec == nil && !ValidDomain(domain):
		// RFC 7208 §4.3: no query for a malformed name; check_host() gives none.
		sub = &Node{Domain: domain}
		sub.setError(None, newError(CodeInvalidDomain, []string{domain}, ErrInvalidDomain, nil, "%w: %q", ErrInvalidDomain, domain))
	case rec == nil:
		sub, rep.parsed = c.accountDomain(ctx, domain, nil, w)
	default:
		sub, rep.parsed = c.accountRecord(ctx, domain, rec, rec.String(), nil, w), rec
	}
	root := &Node{Term: domain, Domain: domain, Record: sub.Record, Lookups: sub.Lookups,
		VoidLookups: sub.VoidLookups, VoidLookups4: sub.VoidLookups4, VoidLookups6: sub.VoidLookups6,
		Note: sub.Note, NoteCode: sub.NoteCode, NoteArgs: sub.NoteArgs,
		Error: sub.Error, ErrorCode: sub.ErrorCode, ErrorArgs: sub.ErrorArgs, Children: sub.Children, errKind: sub.errKind}
	rep.Tree = root
	rep.Record = sub.Record
	rep.Lookups, rep.VoidLookups, rep.VoidLookups4, rep.VoidLookups6 = root.Lookups, root.VoidLookups, root.VoidLookups4, root.VoidLookups6
	if rep.parsed != nil {
		rep.Warnings = append(rep.Warnings, rep.parsed.Lint()...)
	}
	collectErrors(root, rep)
	status, worst := "ok", Result(0)
	walkNodes(root, func(n *Node) {
		if n.errKind > worst {
			worst = n.errKind
		}
	})
	switch {
	case sub.errKind == None && sub.ErrorCode == CodeInvalidDomain:
		status = "none"
		rep.addProblem(Problem{Code: CodeInvalidDomain, Args: sub.ErrorArgs, Message: sub.Error})
	case sub.errKind == None && sub.Error != "":
		status = "none"
	case worst == PermError:
		status = "permerror"
	case worst == TempError:
		status = "temperror"
	}
	// The budget or the time ran out before the record could be judged.
	if w.stop != "" {
		v := itoa(rep.VoidLookups)
		switch w.stop {
		case CodeQueryBudget:
			rep.addProblem(Problem{Code: CodeQueryBudget, Args: []string{itoa(MaxQueries), itoa(rep.Lookups), v},
				Message: fmt.Sprintf("stopped: the budget of %d DNS queries for this domain is used up; counted so far: %d lookups, %s void lookups",
					MaxQueries, rep.Lookups, v)})
		case CodeDeadline:
			rep.addProblem(Problem{Code: CodeDeadline, Args: []string{s.timeout.String(), itoa(rep.Lookups), v},
				Message: fmt.Sprintf("stopped: this domain took longer than %s (--domain-timeout); counted so far: %d lookups, %s void lookups",
					s.timeout, rep.Lookups, v)})
		default:
			rep.addProblem(Problem{Code: CodeInterrupted, Args: []string{itoa(rep.Lookups), v},
				Message: fmt.Sprintf("interrupted; counted so far: %d lookups, %s void lookups", rep.Lookups, v)})
		}
		if status == "ok" || status == "none" {
			status = "temperror"
		}
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
		args := []string{itoa(rep.VoidLookups), itoa(MaxVoidLookups), itoa(rep.VoidLookups4), itoa(rep.VoidLookups6)}
		rep.addProblem(Problem{Code: CodeTooManyVoidLookups, Args: args,
			Message: fmt.Sprintf("%d void lookups (names that do not exist or have no records), over the limit of %d (for IPv4 senders %d, for IPv6 senders %d)",
				rep.VoidLookups, MaxVoidLookups, rep.VoidLookups4, rep.VoidLookups6)})
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

// MaxTreeProblems is the most problems of the tree's terms a Report lists;
// past it, one more problem says how many were left out.
const MaxTreeProblems = 20

func collectErrors(root *Node, rep *Report) {
	c := problemWalk{rep: rep}
	c.walk(root)
	if c.more > 0 {
		rep.addProblem(Problem{Code: CodeMoreProblems, Args: []string{itoa(c.more)},
			Message: fmt.Sprintf("and %d more problems in the terms (see the tree)", c.more)})
	}
}

// problemWalk collects the problems of a tree's terms.
type problemWalk struct {
	rep  *Report
	path []string // the terms down to the node walked, reused
	more int      // problems past MaxTreeProblems
}

func (c *problemWalk) walk(n *Node) {
	failed := n.Error != "" && n.errKind != None
	if !failed && len(n.Children) == 0 {
		return // most nodes: a leaf term without an error adds nothing
	}
	c.path = append(c.path, n.Term)
	if failed {
		if len(c.rep.Problems) < MaxTreeProblems {
			if len(c.path) == 1 && strings.HasPrefix(n.Error, c.path[0]+": ") {
				// The record's own error already names its domain: no
				// path before it ("shop.example: shop.example: ...").
				c.rep.addProblem(Problem{Code: n.ErrorCode, Args: n.ErrorArgs, Message: n.Error})
			} else {
				p := append([]string(nil), c.path...)
				c.rep.addProblem(Problem{Code: n.ErrorCode, Args: n.ErrorArgs, Path: p,
					Message: strings.Join(p, " > ") + ": " + n.Error})
			}
		} else {
			c.more++
		}
	}
	for _, k := range n.Children {
		c.walk(k)
	}
	c.path = c.path[:len(c.path)-1]
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
// (Domain, Record, Children, Lookups and VoidLookups of the children) and
// the record as parsed. Complete subtrees of included domains are cached
// per Checker (see accountCache).
func (c *Checker) accountDomain(ctx context.Context, domain string, path []string, w *walk) (*Node, *spfedit.Record) {
	if len(path) > 0 {
		if t := c.cached(domain); t.n != nil {
			n := t.n
			w.counted += n.Lookups
			w.void4 += n.VoidLookups4
			w.void6 += n.VoidLookups6
			// A cached subtree's nodes count against MaxTreeNodes like the
			// tree's own; a domain shown once in the tree is not shown again.
			switch {
			case w.inTree[domain]:
				n = n.bare()
				n.setNote(NoteShownAbove, []string{domain}, "%s: its terms are shown above", domain)
			case w.nodes+t.size > MaxTreeNodes:
				n = n.bare()
				n.setNote(NoteTreeFull, []string{domain, itoa(MaxTreeNodes)}, "%s: its terms are not shown (the tree shows at most %d terms)", domain, MaxTreeNodes)
			default:
				w.nodes += t.size
			}
			w.shown(domain)
			return n, nil
		}
		w.shown(domain)
	}
	n := &Node{Domain: domain}
	if w.stopped(ctx) {
		w.notLookedUp(n)
		return n, nil
	}
	rec, text, err := fetch(ctx, w.dns, domain)
	if err != nil {
		var ee *evalError
		if errors.As(err, &ee) && ee.res == TempError && w.stopped(ctx) {
			w.notLookedUp(n)
			return n, nil
		}
		if errors.As(err, &ee) {
			n.setError(ee.res, ee.err)
		} else {
			n.setError(PermError, err)
		}
		if n.errKind == None {
			n.Error, n.ErrorCode, n.ErrorArgs = "no SPF record", CodeNoRecord, nil
		}
		if n.errKind != TempError && len(path) > 0 {
			c.remember(domain, n)
		}
		return n, nil
	}
	before := w.incomplete
	n = c.accountRecord(ctx, domain, rec, text, path, w)
	if w.incomplete == before && len(path) > 0 {
		c.remember(domain, n)
	}
	return n, rec
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

// accountRecord returns the subtree of rec, whose text is text, published
// at domain.
func (c *Checker) accountRecord(ctx context.Context, domain string, rec *spfedit.Record, text string, path []string, w *walk) *Node {
	included := len(path) > 0
	if included && len(text) > MaxTreeRecordText {
		text = text[:MaxTreeRecordText] + "..."
	}
	n := &Node{Domain: domain, Record: text}
	path = append(path[:len(path):len(path)], domain)
	env := &macroEnv{domain: domain}
	allAt := rec.All()
	var hidden Node // what the terms not shown cost
	hiddenTerms := 0
	// The children are allocated together (one allocation a record, not
	// one a term); the slab never grows, so the pointers stay.
	shown := min(rec.Len(), max(MaxTreeNodes-w.nodes, 0))
	var slab []Node
	if shown > 0 {
		slab = make([]Node, shown)
		n.Children = make([]*Node, 0, shown+1)
	}
	for i := 0; i < rec.Len(); i++ {
		t := rec.Term(i)
		ignored := t.Kind == spfedit.KindRedirect && allAt >= 0 || t.Kind.IsMechanism() && allAt >= 0 && i > allAt
		costs := t.Kind.CostsLookup() && !ignored
		// Past MaxTreeNodes a term is counted, not shown.
		show := w.nodes < MaxTreeNodes && len(n.Children) < shown
		if !show && !costs {
			hiddenTerms++
			continue
		}
		var k *Node
		if show {
			k = &slab[len(n.Children)]
			w.nodes++
			n.Children = append(n.Children, k)
		} else {
			k = new(Node)
		}
		k.Term = t.Text
		if included && len(k.Term) > MaxTreeTermText {
			k.Term = k.Term[:MaxTreeTermText] + "..."
		}
		switch {
		case t.Kind == spfedit.KindRedirect && allAt >= 0:
			k.setNote(NoteRedirectIgnored, nil, "ignored: the record has all (RFC 7208 §6.1)")
			continue
		case t.Kind.IsMechanism() && allAt >= 0 && i > allAt:
			k.setNote(NoteAfterAll, nil, "never evaluated: it comes after all")
			continue
		case !costs:
			continue
		}
		// RFC 7208 §4.6.4: include, a, mx, ptr, exists and redirect cost one each.
		k.Cost = 1
		w.counted++
		c.accountTerm(ctx, k, t, env, domain, path, w)
		n.add(k)
		if !show {
			hiddenTerms++
			hidden.Lookups += k.Lookups
			hidden.VoidLookups4 += k.VoidLookups4
			hidden.VoidLookups6 += k.VoidLookups6
		}
	}
	if hiddenTerms > 0 {
		if included {
			// What the tree shows of the record depends on how full the
			// tree was: not kept for other trees.
			w.incomplete++
		}
		// One node stands for the terms not shown, with what they cost, so
		// that the children's counts still add up to the record's.
		h := hidden
		h.Term = "..."
		h.VoidLookups = max(h.VoidLookups4, h.VoidLookups6)
		h.setNote(NoteMoreTerms, []string{itoa(hiddenTerms), itoa(h.Lookups)}, "%d more terms not shown (%d lookups)", hiddenTerms, h.Lookups)
		n.Children = append(n.Children, &h)
	}
	return n
}

// accountTerm looks up what one costed term needs and fills k.
func (c *Checker) accountTerm(ctx context.Context, k *Node, t spfedit.Term, env *macroEnv, domain string, path []string, w *walk) {
	if t.Kind == spfedit.KindPTR {
		k.setNote(NotePTR, nil, "depends on the sending IP; not followed")
		return
	}
	target := domain
	if t.HasValue {
		if !t.HasMacros() {
			target = strings.ToLower(trimDomain(t.Value))
		} else {
			ms := t.Macro()
			if !staticMacros(ms) {
				k.setNote(NoteMacros, nil, "depends on the sender or sending IP (macros); not followed")
				return
			}
			target, _ = env.expandDomain(ctx, ms)
			target = strings.ToLower(target)
		}
	}
	switch t.Kind {
	case spfedit.KindInclude, spfedit.KindRedirect:
		if slices.Contains(path, target) {
			w.incomplete++
			loop := strings.Join(append(path, target), " > ")
			k.setError(PermError, newError(CodeLoop, []string{target, loop}, ErrLoop, nil,
				"%v: %s is already being evaluated (%s)", ErrLoop, target, loop))
			return
		}
		// RFC 7208 §4.6.4: past 10 lookups the record is a permerror
		// anyway; stop following rather than walk an unbounded tree. Over
		// the limits, includes are followed only to show what they cost,
		// and only with the first half of the domain's budget, so that
		// check_host() still has queries to reach its own permerror.
		if w.follows <= 0 || len(path) > MaxLookups || w.overLimits() && int(w.s.used.Load()) >= MaxQueries/2 {
			w.incomplete++
			k.setNote(NoteTooDeep, []string{target}, "not followed: %s is past the 10-lookup limit already", target)
			return
		}
		if w.stopped(ctx) {
			w.notLookedUp(k)
			return
		}
		w.follows--
		sub, _ := c.accountDomain(ctx, target, path, w)
		k.Domain, k.Record, k.Children = sub.Domain, sub.Record, sub.Children
		k.Lookups, k.VoidLookups4, k.VoidLookups6 = sub.Lookups, sub.VoidLookups4, sub.VoidLookups6
		k.Error, k.ErrorCode, k.ErrorArgs, k.errKind = sub.Error, sub.ErrorCode, sub.ErrorArgs, sub.errKind
		k.Note, k.NoteCode, k.NoteArgs = sub.Note, sub.NoteCode, sub.NoteArgs
		if sub.errKind == None && sub.Error != "" {
			// §5.2 and §6.1: a target without an SPF record is a permerror.
			k.setError(PermError, newError(CodeTargetNoRecord, []string{target, t.Kind.String()}, nil, nil,
				"%s has no SPF record, so this %s is a permerror", target, t.Kind))
		}
		return
	}
	// a, mx, exists: check_host() stops before them once the record is
	// over a limit, so their answers cannot change the verdict.
	if w.overLimits() {
		w.incomplete++
		k.setNote(NotePastLimit, nil, "not looked up: the record is over the RFC 7208 limits already")
		return
	}
	if !ValidDomain(target) {
		// §4.3 and §5: an invalid name is a void lookup for every sender
		// (see the package documentation).
		k.void4, k.void6 = 1, 1
		k.setNote(NoteInvalidDomain, []string{target}, "invalid domain %s", target)
		w.void4++
		w.void6++
		return
	}
	if w.stopped(ctx) {
		w.notLookedUp(k)
		return
	}
	switch t.Kind {
	case spfedit.KindA:
		c.staticLookup(ctx, k, target, w)
	case spfedit.KindExists:
		// §5.7: exists always asks for A records, whatever the sender.
		addrs, err := w.dns.LookupNetIP(ctx, "ip4", target)
		switch {
		case err != nil && isNotFound(err) || err == nil && len(addrs) == 0:
			k.void4, k.void6 = 1, 1
			k.setNote(NoteNoAddress, []string{target}, "%s has no address records (void lookup)", target)
		case err != nil && w.stopped(ctx):
			w.notLookedUp(k)
		case err != nil:
			w.incomplete++
			k.setError(TempError, newError(CodeDNSAddress, []string{target, err.Error()}, nil, err, "%s: %v", target, err))
		}
	case spfedit.KindMX:
		mxs, err := w.dns.LookupMX(ctx, target)
		switch {
		case err != nil && isNotFound(err):
			k.void4, k.void6 = 1, 1
			k.NoteCode, k.NoteArgs, k.Note = NoteNoMX, []string{target}, target+" has no MX records (void lookup)"
		case err != nil && w.stopped(ctx):
			w.notLookedUp(k)
		case err != nil:
			w.incomplete++
			k.setError(TempError, newError(CodeDNSMX, []string{target, err.Error()}, nil, err, "MX %s: %v", target, err))
		case len(mxs) > MaxMXNames:
			k.setError(PermError, newError(CodeTooManyMX, []string{target, itoa(len(mxs)), itoa(MaxMXNames)}, nil, nil,
				"%s has %d MX records; more than %d is a permerror (RFC 7208 §4.6.4)", target, len(mxs), MaxMXNames))
		default:
			c.mxHosts(ctx, k, mxs, w)
		}
	}
	w.void4 += k.void4
	w.void6 += k.void6
}

// mxHosts looks up the addresses of an mx term's hosts, A and AAAA, in
// answer order: each host without an A record is a void lookup for IPv4
// senders, each without AAAA for IPv6 senders, as check_host() counts them
// (see the package documentation). At most MaxMXNames hosts (more is a
// permerror before this); the lookups stop where the record goes over the
// void limit, where check_host() would stop with permerror.
func (c *Checker) mxHosts(ctx context.Context, k *Node, mxs []*net.MX, w *walk) {
	hosts := 0
	for _, mx := range mxs {
		host := strings.ToLower(strings.TrimSuffix(mx.Host, "."))
		if host == "" {
			continue // null MX (RFC 7505): no host to look up
		}
		hosts++
		if w.void4+k.void4 > MaxVoidLookups || w.void6+k.void6 > MaxVoidLookups {
			w.incomplete++ // check_host() stops here: the rest is not looked up
			break
		}
		if !ValidDomain(host) {
			k.void4++
			k.void6++
			continue
		}
		found, ok := c.addresses(ctx, k, host, w)
		if !ok {
			return
		}
		if !found[0] {
			k.void4++
		}
		if !found[1] {
			k.void6++
		}
	}
	n := itoa(hosts)
	if k.void4 == 0 && k.void6 == 0 {
		k.NoteCode, k.NoteArgs, k.Note = NoteMXHosts, []string{n}, n+" MX host(s); their address lookups do not count toward the 10"
		return
	}
	v4, v6 := itoa(k.void4), itoa(k.void6)
	switch {
	case k.void6 == 0:
		k.setNote(NoteMXNoA, []string{n, v4}, "%s MX host(s), %s without A records: void lookups for IPv4 senders", n, v4)
	case k.void4 == 0:
		k.setNote(NoteMXNoAAAA, []string{n, v6}, "%s MX host(s), %s without AAAA records: void lookups for IPv6 senders", n, v6)
	default:
		k.setNote(NoteMXVoid, []string{n, v4, v6}, "%s MX host(s), %s without A records, %s without AAAA records: void lookups for IPv4 and for IPv6 senders", n, v4, v6)
	}
}

// add adds a costed child's totals to n.
func (n *Node) add(k *Node) {
	k.Lookups += k.Cost
	k.VoidLookups4 += k.void4
	k.VoidLookups6 += k.void6
	k.Void = k.void4 > 0 || k.void6 > 0
	k.VoidLookups = max(k.VoidLookups4, k.VoidLookups6)
	n.Lookups += k.Lookups
	n.VoidLookups4 += k.VoidLookups4
	n.VoidLookups6 += k.VoidLookups6
	n.VoidLookups = max(n.VoidLookups4, n.VoidLookups6)
}

// staticLookup asks for the A and the AAAA records of target: an a term is
// a void lookup for IPv4 senders when there is no A record, and for IPv6
// senders when there is no AAAA record (check_host() asks only the
// sender's family, §5.3).
func (c *Checker) staticLookup(ctx context.Context, k *Node, target string, w *walk) {
	found, ok := c.addresses(ctx, k, target, w)
	if !ok {
		return
	}
	switch {
	case !found[0] && !found[1]:
		k.void4, k.void6 = 1, 1
		k.NoteCode, k.NoteArgs, k.Note = NoteNoAddress, []string{target}, target+" has no address records (void lookup)"
	case !found[0]:
		k.void4 = 1
		k.NoteCode, k.NoteArgs, k.Note = NoteNoA, []string{target}, target+" has no A records: a void lookup for IPv4 senders"
	case !found[1]:
		k.void6 = 1
		k.NoteCode, k.NoteArgs, k.Note = NoteNoAAAA, []string{target}, target+" has no AAAA records: a void lookup for IPv6 senders"
	}
}

// addresses reports whether host has A and AAAA records; ok false when a
// lookup failed (k then says why).
func (c *Checker) addresses(ctx context.Context, k *Node, host string, w *walk) (found [2]bool, ok bool) {
	for i, nw := range [2]string{"ip4", "ip6"} {
		addrs, err := w.dns.LookupNetIP(ctx, nw, host)
		if err != nil && !isNotFound(err) {
			if w.stopped(ctx) {
				w.notLookedUp(k)
				return found, false
			}
			w.incomplete++
			k.setError(TempError, newError(CodeDNSAddress, []string{host, err.Error()}, nil, err, "%s: %v", host, err))
			return found, false
		}
		found[i] = len(addrs) > 0
	}
	return found, true
}
