package doctor

import (
	"errors"
	"strings"

	"golang.org/x/text/width"

	"github.com/spfpatch/spfpatch/spfedit"
)

// The mistakes a shop owner makes typing a record into a DNS panel that
// doctor can correct by itself, for Check.Fixes.
const (
	FixQuotes    = "quotes"     // the record was stored with its quotes: "v=spf1 ..."
	FixFullWidth = "full-width" // full-width (zenkaku) letters or spaces: width.Narrow
	FixTypo      = "typo"       // a mechanism name spfedit knows the right spelling of (ipv4 -> ip4)
)

// unquote strips the quotes a record was pasted with, straight or curly,
// and reports whether there were any.
func unquote(s string) (string, bool) {
	t := strings.TrimSpace(s)
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"”", "”"}, {"＂", "＂"}, {"'", "'"}} {
		if len(t) >= len(q[0])+len(q[1]) && strings.HasPrefix(t, q[0]) && strings.HasSuffix(t, q[1]) {
			return strings.TrimSpace(t[len(q[0]) : len(t)-len(q[1])]), true
		}
	}
	return s, false
}

// looksQuotedSPF reports whether a TXT string is an SPF record stored with
// its quotes (or pasted with full-width letters before v=spf1), which
// receivers do not see as an SPF record at all.
func looksQuotedSPF(txt string) bool {
	t, ok := unquote(txt)
	return ok && spfedit.IsSPF(width.Narrow.String(t))
}

// repair applies the corrections an owner's typing needs, in order: quotes,
// full-width characters, misspelt mechanism names; it returns the corrected
// text, the fixes made and the syntax error left, if any.
func repair(txt string) (string, []string, error) {
	var fixes []string
	s := txt
	if u, ok := unquote(s); ok {
		s = u
		fixes = append(fixes, FixQuotes)
	}
	if n := width.Narrow.String(s); n != s {
		s = n
		fixes = append(fixes, FixFullWidth)
	}
	for i := 0; i < 10; i++ {
		_, err := spfedit.Parse(s)
		var se *spfedit.SyntaxError
		if err == nil || !errors.As(err, &se) || se.HintCode != spfedit.HintDidYouMean || len(se.HintArgs) != 1 || len(se.Detail) < 1 {
			return s, fixes, err
		}
		end := se.Pos + len(se.Term)
		if se.Pos < 0 || end > len(s) || s[se.Pos:end] != se.Term {
			return s, fixes, err
		}
		term := strings.Replace(se.Term, se.Detail[0], se.HintArgs[0], 1)
		s = s[:se.Pos] + term + s[end:]
		if len(fixes) == 0 || fixes[len(fixes)-1] != FixTypo {
			fixes = append(fixes, FixTypo)
		}
	}
	_, err := spfedit.Parse(s)
	return s, fixes, err
}

// placement says how a record holds an include: "missing", "ok", "after-all"
// (written after the all term, never evaluated) or "qualifier" (with a -, ~
// or ? in front, so it does not give pass), and the term as written.
func placement(rec *spfedit.Record, include string) (string, string) {
	all := rec.All()
	found, term := "missing", ""
	for i, t := range rec.Terms() {
		if t.Kind != spfedit.KindInclude || !strings.EqualFold(strings.TrimSuffix(t.TargetName(), "."), include) {
			continue
		}
		switch {
		case all >= 0 && i > all:
			if found == "missing" {
				found, term = "after-all", t.Text
			}
		case t.Qualifier != spfedit.QualifierNone && t.Qualifier != spfedit.QualifierPass:
			if found == "missing" || found == "after-all" {
				found, term = "qualifier", t.Text
			}
		default:
			return "ok", t.Text
		}
	}
	return found, term
}

// ensure returns rec with every include in place: a missing one added, a
// misplaced or qualified one rewritten as a plain include before all.
func ensure(rec *spfedit.Record, includes []string) *spfedit.Record {
	out := rec.Clone()
	for _, inc := range includes {
		if st, _ := placement(out, inc); st == "ok" {
			continue
		}
		out.RemoveInclude(inc)
		_, _ = out.AddInclude(inc)
	}
	return out
}

// softenAll returns rec with a +all (or a bare all) written as ~all.
func softenAll(rec *spfedit.Record) *spfedit.Record {
	i := rec.All()
	if i < 0 {
		return rec
	}
	t := rec.Term(i)
	if t.Qualifier != spfedit.QualifierNone && t.Qualifier != spfedit.QualifierPass {
		return rec
	}
	s := rec.String()
	fixed, err := spfedit.Parse(s[:t.Pos] + "~all" + s[t.Pos+len(t.Text):])
	if err != nil {
		return rec
	}
	return fixed
}

// merge combines several SPF records into one: every mechanism of each
// (the first spelling of a repeated one), modifiers kept when there is no
// all, and the all of the first record that has one at the end. It fails
// when a record cannot be parsed or two records redirect elsewhere.
func merge(records []string) (*spfedit.Record, error) {
	var terms []string
	seen := map[string]bool{}
	all, redirect := "", ""
	for _, r := range records {
		rec, err := spfedit.Parse(r)
		if err != nil {
			return nil, err
		}
		for _, t := range rec.Terms() {
			switch {
			case t.Kind == spfedit.KindAll:
				if all == "" {
					all = t.Text
				}
			case t.Kind == spfedit.KindRedirect:
				if redirect != "" && !strings.EqualFold(redirect, t.Text) {
					return nil, errors.New("two redirects")
				}
				redirect = t.Text
			case t.Kind == spfedit.KindExp:
			default:
				k := strings.ToLower(t.Text)
				if !seen[k] {
					seen[k] = true
					terms = append(terms, t.Text)
				}
			}
		}
	}
	switch {
	case all != "":
		terms = append(terms, all)
	case redirect != "":
		terms = append(terms, redirect)
	default:
		terms = append(terms, "~all")
	}
	return spfedit.Parse("v=spf1 " + strings.Join(terms, " "))
}
