package spfedit

import (
	"fmt"
	"strings"
)

// New creates the record a name with no SPF record gets when asked to:
// "v=spf1 include:NAME ... ~all".
func New(includes ...string) (*Record, error) {
	r := &Record{version: versionTag}
	for _, n := range includes {
		if _, err := r.AddInclude(n); err != nil {
			return nil, err
		}
	}
	r.insert(len(r.terms), Term{Text: "~all", Qualifier: QualifierSoftFail, Kind: KindAll, Name: "all", Prefix4: -1, Prefix6: -1})
	return r, nil
}

// AddInclude ensures the record has include:name. When the same target is
// already there (compared without case, ignoring a trailing dot, whatever its
// qualifier), the record is left as it is and changed is false. Otherwise
// include:name is inserted immediately before the first all mechanism,
// whatever its qualifier or case; with no all, after the last mechanism and
// before the trailing modifiers. Every other byte of the record is kept.
func (r *Record) AddInclude(name string) (changed bool, err error) {
	if err := ValidateDomain(name); err != nil {
		return false, fmt.Errorf("include target: %w", err)
	}
	if r.HasInclude(name) {
		return false, nil
	}
	at := r.All()
	if at < 0 {
		at = 0
		for i, t := range r.terms {
			if t.Kind.IsMechanism() {
				at = i + 1
			}
		}
	}
	r.insert(at, Term{Text: "include:" + name, Kind: KindInclude, Name: "include", Value: name, HasValue: true,
		Prefix4: -1, Prefix6: -1})
	return true, nil
}

// RemoveInclude removes every include of name (compared as in AddInclude)
// with the space before it, and reports how many it removed. Removing an
// include that AddInclude just added gives back the original text.
func (r *Record) RemoveInclude(name string) int {
	n := 0
	for {
		i := r.includeIndex(name)
		if i < 0 {
			break
		}
		// The removed term's spaces go with it; the next term keeps its own.
		r.terms = append(r.terms[:i], r.terms[i+1:]...)
		n++
	}
	if n > 0 {
		r.renumber()
	}
	return n
}

// insert puts t at index i with one space before it; the whitespace that was
// before the term now at i+1 stays before that term.
func (r *Record) insert(i int, t Term) {
	t.sep = " "
	r.terms = append(r.terms, Term{})
	copy(r.terms[i+1:], r.terms[i:])
	r.terms[i] = t
	r.renumber()
}

// MaxStringLen is the most bytes one TXT character-string can hold (RFC 1035 §3.3).
const MaxStringLen = 255

// Split cuts a record into TXT character-strings of at most MaxStringLen
// bytes, breaking between terms where it can: the space between two terms
// ends the earlier string. A term longer than MaxStringLen is cut inside.
// A record that fits is returned as one string. Joining the result with
// JoinStrings gives s back.
func Split(s string) []string { return SplitN(s, MaxStringLen) }

// SplitN is Split with another string size, for tests and for providers with
// lower limits. max must be at least 1.
func SplitN(s string, max int) []string {
	if max < 1 {
		max = 1
	}
	if len(s) <= max {
		return []string{s}
	}
	var out []string
	for len(s) > max {
		cut := strings.LastIndexByte(s[:max], ' ') + 1
		if cut <= 0 {
			cut = max
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}
