// Package spfedit parses, checks and edits SPF records (RFC 7208) without any
// I/O and without losing a byte.
//
// Parse turns a record's text into a Record whose String method gives the
// input back exactly; the edits (AddInclude, RemoveInclude) change only the
// terms they touch and keep every other byte, spacing and letter case as it
// was. Syntax follows the ABNF of RFC 7208 §12 strictly: any term that does not
// match it is a *SyntaxError naming the term, its byte offset and the reason,
// because receivers treat any syntax error anywhere in a record as permerror
// (§4.6).
//
// Notable divergences and limits:
//   - Only the syntax is checked here. DNS lookups, macro expansion, lookup
//     counting and check_host() live in package spfcheck.
//   - Unknown modifiers are kept verbatim; their value must still be a valid
//     macro-string (§6, §12), as receivers check it.
//   - The record is expected as one string: callers join a TXT record's
//     character-strings first (JoinStrings, §3.3).
//   - Only ASCII is accepted (§3 and §12 allow no other bytes); tabs and line
//     breaks are syntax errors, not spaces.
package spfedit

import (
	"net/netip"
	"strings"
)

// Qualifier is the prefix of a mechanism (RFC 7208 §4.6.2). The zero value
// means no qualifier was written, which evaluates as Pass.
type Qualifier byte

// Qualifiers as written in a record.
const (
	QualifierNone     Qualifier = 0
	QualifierPass     Qualifier = '+'
	QualifierFail     Qualifier = '-'
	QualifierSoftFail Qualifier = '~'
	QualifierNeutral  Qualifier = '?'
)

// Result names the check_host() result a matching mechanism with this
// qualifier gives: "pass", "fail", "softfail" or "neutral".
func (q Qualifier) Result() string {
	switch q {
	case QualifierFail:
		return "fail"
	case QualifierSoftFail:
		return "softfail"
	case QualifierNeutral:
		return "neutral"
	default:
		return "pass"
	}
}

// Kind tells which mechanism or modifier a Term is.
type Kind uint8

// Mechanisms (RFC 7208 §5) and modifiers (§6).
const (
	KindInvalid Kind = iota
	KindAll
	KindInclude
	KindA
	KindMX
	KindPTR
	KindIP4
	KindIP6
	KindExists
	KindRedirect
	KindExp
	KindUnknownModifier
)

var kindNames = [...]string{"invalid", "all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists", "redirect", "exp", "modifier"}

func (k Kind) String() string {
	if int(k) >= len(kindNames) {
		return "invalid"
	}
	return kindNames[k]
}

// IsMechanism reports whether k is one of the eight mechanisms.
func (k Kind) IsMechanism() bool { return k >= KindAll && k <= KindExists }

// IsModifier reports whether k is a modifier, known or not.
func (k Kind) IsModifier() bool { return k >= KindRedirect }

// CostsLookup reports whether a term of this kind counts toward the limit of
// 10 DNS-querying terms (RFC 7208 §4.6.4).
func (k Kind) CostsLookup() bool {
	switch k {
	case KindInclude, KindA, KindMX, KindPTR, KindExists, KindRedirect:
		return true
	}
	return false
}

// Term is one directive or modifier of a record.
type Term struct {
	Text string // the term exactly as written
	Pos  int    // byte offset of Text in the record
	Name string // mechanism or modifier name as written (any case)
	// Value is what follows ':' or '=' with any CIDR suffix removed: a
	// domain-spec, an IP address or a modifier's macro-string. HasValue tells
	// an absent value ("a") from an empty one, which is a syntax error.
	Value string
	// Prefix4 and Prefix6 are the CIDR lengths, -1 when not written. For ip4
	// only Prefix4 is used, for ip6 only Prefix6; a and mx may have both.
	Prefix4, Prefix6 int
	// Addr is the network address of ip4 and ip6 as parsed (not masked).
	Addr netip.Addr

	sep string // the spaces before the term in its record

	Qualifier Qualifier // QualifierNone when none was written (mechanisms only)
	Kind      Kind
	HasValue  bool
}

// Macro returns Value parsed as a macro-string, for the domain-specs of
// include, exists, a, mx, ptr, redirect= and exp=, and the values of unknown
// modifiers; nil for other terms and for a term without a value. Parse has
// checked the syntax already: this only splits Value into its pieces.
func (t Term) Macro() MacroString {
	if !t.HasValue {
		return nil
	}
	var ms MacroString
	switch t.Kind {
	case KindInclude, KindExists, KindA, KindMX, KindPTR, KindRedirect, KindExp:
		ms, _ = parseDomainSpec(t.Value)
	case KindUnknownModifier:
		ms, _ = ParseMacroString(t.Value, false)
	}
	return ms
}

// HasMacros reports whether Value holds any '%' (a macro-expand or an
// escape), so that a caller can use a literal domain-spec as it is without
// Macro.
func (t Term) HasMacros() bool { return strings.IndexByte(t.Value, '%') >= 0 }

// Prefix returns the network of an ip4 or ip6 term, masked to its length
// (the full address length when none was written).
func (t Term) Prefix() netip.Prefix {
	bits := t.Prefix4
	if t.Kind == KindIP6 {
		bits = t.Prefix6
	}
	if bits < 0 {
		bits = t.Addr.BitLen()
	}
	p, _ := t.Addr.Prefix(bits)
	return p
}

// TargetName returns the domain-spec of include, redirect, exists, a, mx and
// ptr terms, lower-cased and without a trailing dot, for comparisons. It is
// empty when the term has none.
func (t Term) TargetName() string {
	switch t.Kind {
	case KindInclude, KindRedirect, KindExists, KindA, KindMX, KindPTR, KindExp:
		return normName(t.Value)
	}
	return ""
}

func normName(s string) string {
	return strings.TrimSuffix(strings.ToLower(s), ".")
}

// Record is a parsed SPF record. Its zero value is not a valid record; use
// Parse or New. A Record is not safe for concurrent mutation.
type Record struct {
	version string // the version tag as written, e.g. "v=spf1" or "V=SPF1"
	terms   []Term // in order; each holds the spaces before it (sep)
	trail   string // whitespace after the last term
}

// Version returns the version tag as written.
func (r *Record) Version() string { return r.version }

// Terms returns a copy of the record's terms in order.
func (r *Record) Terms() []Term { return append([]Term(nil), r.terms...) }

// Len returns the number of terms.
func (r *Record) Len() int { return len(r.terms) }

// Term returns the i-th term.
func (r *Record) Term(i int) Term { return r.terms[i] }

// String returns the record text. For a record returned by Parse and not
// edited since, it is the parsed input byte for byte.
func (r *Record) String() string {
	if r == nil {
		return ""
	}
	var b strings.Builder
	b.Grow(r.textLen())
	b.WriteString(r.version)
	for i := range r.terms {
		b.WriteString(r.terms[i].sep)
		b.WriteString(r.terms[i].Text)
	}
	b.WriteString(r.trail)
	return b.String()
}

// textLen is len(r.String()), without building it.
func (r *Record) textLen() int {
	n := len(r.version) + len(r.trail)
	for i := range r.terms {
		n += len(r.terms[i].sep) + len(r.terms[i].Text)
	}
	return n
}

// Clone returns a deep copy of r, so an edit of the copy leaves r as it was.
func (r *Record) Clone() *Record {
	c := *r
	// One spare term, for the include an edit usually adds.
	c.terms = append(make([]Term, 0, len(r.terms)+1), r.terms...)
	return &c
}

// Equal reports whether two records have the same text.
func (r *Record) Equal(o *Record) bool { return r.String() == o.String() }

// Redirect returns the redirect= modifier, if any.
func (r *Record) Redirect() (Term, bool) { return r.find(KindRedirect) }

// Exp returns the exp= modifier, if any.
func (r *Record) Exp() (Term, bool) { return r.find(KindExp) }

// All returns the index of the first all mechanism, or -1.
func (r *Record) All() int {
	for i, t := range r.terms {
		if t.Kind == KindAll {
			return i
		}
	}
	return -1
}

func (r *Record) find(k Kind) (Term, bool) {
	for _, t := range r.terms {
		if t.Kind == k {
			return t, true
		}
	}
	return Term{}, false
}

// HasInclude reports whether the record has include:name (compared without
// case and ignoring a trailing dot), whatever its qualifier.
func (r *Record) HasInclude(name string) bool { return r.includeIndex(name) >= 0 }

func (r *Record) includeIndex(name string) int {
	for i := range r.terms {
		if r.terms[i].Kind == KindInclude && sameName(r.terms[i].Value, name) {
			return i
		}
	}
	return -1
}

// sameName compares two names as normName would, without allocating.
func sameName(a, b string) bool {
	return strings.EqualFold(strings.TrimSuffix(a, "."), strings.TrimSuffix(b, "."))
}

// recompute term positions after an edit.
func (r *Record) renumber() {
	pos := len(r.version)
	for i := range r.terms {
		pos += len(r.terms[i].sep)
		r.terms[i].Pos = pos
		pos += len(r.terms[i].Text)
	}
}
