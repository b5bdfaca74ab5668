package doctor

import (
	"errors"
	"slices"
	"strings"

	"github.com/spfpatch/spfpatch/spfedit"
)

// The mistakes a shop owner makes typing a record into a DNS panel that
// doctor can correct by itself.
const (
	FixQuotes    = spfedit.MangledQuotes    // the record was stored with its quotes: "v=spf1 ..."
	FixFullWidth = spfedit.MangledFullWidth // full-width (zenkaku) letters, spaces or ～
	FixWaveDash  = spfedit.MangledWaveDash  // 〜 (U+301C, the IME's wave dash) for ~
	FixSpaces    = spfedit.MangledSpaces    // a no-break or other special space for ' '
	FixInvisible = spfedit.MangledInvisible // zero-width characters, dropped
	FixTypo      = "typo"                   // a mechanism name spfedit knows the right spelling of (ipv4 -> ip4)
	FixSplit     = "split"                  // a space around the ":" or "=" of a term: "include: x" -> "include:x"
	FixNoSpace   = spfedit.MangledNoSpace   // no space after v=spf1: "v=spf1include:x"
)

// Kinds of characters an owner pastes into a record that SPF does not
// allow: spfedit's, shared with plan (spfedit/mangled.go).
const (
	charOK         = spfedit.CharOK
	charIdeoSpace  = spfedit.CharIdeoSpace
	charFullWidth  = spfedit.CharFullWidth
	charFWTilde    = spfedit.CharFWTilde
	charWaveDash   = spfedit.CharWaveDash
	charNBSP       = spfedit.CharNBSP
	charSpace      = spfedit.CharSpace
	charZeroWidth  = spfedit.CharZeroWidth
	charBOM        = spfedit.CharBOM
	charInvisible  = spfedit.CharInvisible
	charOther      = spfedit.CharOther
	maxNamedChars  = 5
	maxRepairTypos = 10
)

// charKind tells what kind of character r is (spfedit.CharKind).
func charKind(r rune) string { return spfedit.CharKind(r) }

// normalizeChars corrects the characters of s that owners paste
// (spfedit.NormalizeChars: the same detection as plan's).
func normalizeChars(s string) (string, []string, []rune) { return spfedit.NormalizeChars(s) }

// unquote strips the quotes a record was pasted with (spfedit.Unquote).
func unquote(s string) (string, bool) { return spfedit.Unquote(s) }

// looksLikeSPF reports whether a TXT string that is not an SPF record as it
// stands would be one once the characters an owner pasted are corrected
// and its quotes removed: receivers do not see it as an SPF record at all.
// plan refuses to write at such a name with the same test
// (spfedit.DetectMangled).
func looksLikeSPF(txt string) bool {
	_, ok := spfedit.DetectMangled(txt)
	return ok
}

// typo is one misspelt mechanism name corrected: the term as written and
// the right name.
type typo struct{ Term, Right string }

// repaired is a record text after the corrections an owner's typing needs.
type repaired struct {
	Text  string   // the corrected text
	Fixes []string // the fixes made, Fix* constants, in order
	Chars []rune   // the characters corrected (each once)
	Typos []typo   // the misspelt mechanism names corrected
	Split []typo   // terms written with a space around ":" or "=", as written and joined
	Err   error    // the syntax error left, nil when Text parses
}

// has reports whether fix was made.
func (r repaired) has(fix string) bool { return slices.Contains(r.Fixes, fix) }

// repair applies the corrections an owner's typing needs, in order: the
// characters (spaces, zero-width characters, 〜, full-width), the quotes,
// misspelt mechanism names.
func repair(txt string) repaired {
	s, fixes, chars := normalizeChars(txt)
	out := repaired{Fixes: fixes, Chars: chars}
	if u, ok := unquote(s); ok {
		s = u
		out.Fixes = append(out.Fixes, FixQuotes)
	}
	s = strings.TrimSpace(s)
	if f, ok := spfedit.SpaceAfterVersion(s); ok {
		s = f
		out.Fixes = append(out.Fixes, FixNoSpace)
	}
	if _, err := spfedit.Parse(s); err != nil {
		if j, split := joinSplitTerms(s); len(split) > 0 {
			s = j
			out.Split = split
			out.Fixes = append(out.Fixes, FixSplit)
		}
	}
	for range maxRepairTypos {
		_, err := spfedit.Parse(s)
		var se *spfedit.SyntaxError
		if err == nil || !errors.As(err, &se) || se.HintCode != spfedit.HintDidYouMean || len(se.HintArgs) != 1 || len(se.Detail) < 1 {
			out.Text, out.Err = s, err
			return out
		}
		end := se.Pos + len(se.Term)
		if se.Pos < 0 || end > len(s) || s[se.Pos:end] != se.Term {
			out.Text, out.Err = s, err
			return out
		}
		term := strings.Replace(se.Term, se.Detail[0], se.HintArgs[0], 1)
		s = s[:se.Pos] + term + s[end:]
		out.Typos = append(out.Typos, typo{Term: se.Term, Right: se.HintArgs[0]})
		if !slices.Contains(out.Fixes, FixTypo) {
			out.Fixes = append(out.Fixes, FixTypo)
		}
	}
	_, out.Err = spfedit.Parse(s)
	out.Text = s
	return out
}

// splitNames are the terms whose value follows a ":" (mechanisms) or a
// "=" (modifiers): a space pasted before or after it cuts the term in two.
var splitNames = map[string]byte{
	"include": ':', "a": ':', "mx": ':', "ptr": ':', "ip4": ':', "ip6": ':', "exists": ':',
	"redirect": '=', "exp": '=',
}

// joinSplitTerms joins the terms of a record that a space around their ":"
// or "=" cut in two ("include: x", "include :x", "include : x",
// "redirect= x"), a likely paste mistake that makes the record a syntax
// error. It returns the record with each joined (the words separated by
// one space) and the terms joined, as written and as joined; none when
// nothing was cut.
func joinSplitTerms(s string) (string, []typo) {
	words := strings.Fields(s)
	var out []string
	var split []typo
	for i := 0; i < len(words); i++ {
		w := words[i]
		name := strings.ToLower(strings.TrimLeft(w, "+-~?"))
		var parts []string
		switch {
		case len(name) > 1 && splitNames[name[:len(name)-1]] == name[len(name)-1] && i+1 < len(words):
			// "include:" then "x"
			parts = []string{w, words[i+1]}
		case splitNames[name] != 0 && i+1 < len(words) && words[i+1][0] == splitNames[name]:
			// "include" then ":x", or ":" then "x"
			parts = []string{w, words[i+1]}
			if len(words[i+1]) == 1 && i+2 < len(words) {
				parts = append(parts, words[i+2])
			}
		}
		if parts == nil {
			out = append(out, w)
			continue
		}
		joined := strings.Join(parts, "")
		split = append(split, typo{Term: strings.Join(parts, " "), Right: joined})
		out = append(out, joined)
		i += len(parts) - 1
	}
	if len(split) == 0 {
		return s, nil
	}
	return strings.Join(out, " "), split
}

// ensure returns rec with every include effective (spfedit.IncludeAt): a
// missing one added before all, a misplaced or qualified one rewritten as
// a plain include before all (spfedit.MakeIncludeEffective, as plan does).
func ensure(rec *spfedit.Record, includes []string) *spfedit.Record {
	out := rec.Clone()
	for _, inc := range includes {
		_, _ = out.MakeIncludeEffective(inc)
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
