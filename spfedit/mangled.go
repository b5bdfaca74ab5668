package spfedit

import (
	"slices"
	"strings"
	"unicode"
)

// An SPF record stored wrongly is, as RFC 7208 §4.5 says, no SPF record at
// all: a TXT string that starts with a quote, a full-width "ｖ＝ｓｐｆ１" or
// "v=spf1" followed by a full-width space is discarded by receivers. It is
// still the owner's SPF record: adding a second one beside it (plan with
// --create) leaves the owner's own servers without SPF, and the next panel
// edit makes two. This file tells such strings apart, once, for plan and
// doctor: DetectMangled.

// The kinds of mistakes a stored SPF record carries (Mangled.Fixes).
const (
	MangledQuotes    = "quotes"     // stored with its quotes: "v=spf1 ..."
	MangledFullWidth = "full-width" // full-width letters, signs or space (U+3000)
	MangledWaveDash  = "wave-dash"  // 〜 (U+301C, the IME's wave dash) for ~
	MangledSpaces    = "spaces"     // a no-break, other special space or a tab for ' '
	MangledInvisible = "invisible"  // zero-width characters, dropped
	MangledNoSpace   = "no-space"   // no space after v=spf1: "v=spf1include:x"
)

// Kinds of characters an owner pastes into a record that SPF does not
// allow (CharKind).
const (
	CharOK        = ""
	CharIdeoSpace = "ideographic-space" // U+3000 全角スペース
	CharFullWidth = "full-width"        // ｖ ＝ ： and the like (U+FF01-U+FF5D)
	CharFWTilde   = "full-width-tilde"  // ～ U+FF5E
	CharWaveDash  = "wave-dash"         // 〜 U+301C
	CharNBSP      = "nbsp"              // U+00A0, U+202F
	CharSpace     = "space"             // other space separators (U+2000-U+200A ...)
	CharZeroWidth = "zero-width"        // U+200B ゼロ幅スペース
	CharBOM       = "bom"               // U+FEFF
	CharInvisible = "invisible"         // other zero-width characters (joiners, soft hyphen)
	CharOther     = "other"             // anything else outside ASCII: not corrected
)

// CharKind tells what kind of character r is, for naming it and for
// correcting it (CharOK for ASCII).
func CharKind(r rune) string {
	switch {
	case r < 0x80:
		return CharOK
	case r == 0x3000:
		return CharIdeoSpace
	case r == 0xFF5E:
		return CharFWTilde
	case r == 0x301C:
		return CharWaveDash
	case r == 0x00A0 || r == 0x202F:
		return CharNBSP
	case r == 0x200B:
		return CharZeroWidth
	case r == 0xFEFF:
		return CharBOM
	case r == 0x200C || r == 0x200D || r == 0x2060 || r == 0x00AD || r == 0x180E:
		return CharInvisible
	case unicode.Is(unicode.Zs, r):
		return CharSpace
	case r >= 0xFF01 && r <= 0xFF5D:
		// The full-width forms of ASCII '!' to '}' (Unicode's Halfwidth
		// and Fullwidth Forms block): each is its ASCII character + 0xFEE0.
		return CharFullWidth
	}
	return CharOther
}

// NormalizeChars corrects the characters of s that owners paste: every
// space separator and tab becomes ' ', zero-width characters are dropped,
// 〜 and ～ become '~', full-width letters and signs their ASCII form. It
// returns the corrected text, the fixes made (Mangled* constants) and the
// non-ASCII characters corrected (each once, in order). Other characters
// are left as they are.
func NormalizeChars(s string) (string, []string, []rune) {
	var b strings.Builder
	var fixes []string
	var found []rune
	note := func(fix string, r rune) {
		if !slices.Contains(fixes, fix) {
			fixes = append(fixes, fix)
		}
		if r >= 0x80 && !slices.Contains(found, r) {
			found = append(found, r)
		}
	}
	for _, r := range s {
		switch k := CharKind(r); k {
		case CharOK, CharOther:
			if r == '\t' {
				b.WriteByte(' ')
				note(MangledSpaces, r)
				continue
			}
			b.WriteRune(r)
		case CharIdeoSpace:
			b.WriteByte(' ')
			note(MangledFullWidth, r)
		case CharFullWidth:
			b.WriteRune(r - 0xFEE0)
			note(MangledFullWidth, r)
		case CharFWTilde:
			b.WriteByte('~')
			note(MangledFullWidth, r)
		case CharWaveDash:
			b.WriteByte('~')
			note(MangledWaveDash, r)
		case CharNBSP, CharSpace:
			b.WriteByte(' ')
			note(MangledSpaces, r)
		default: // zero-width, BOM, other invisible
			note(MangledInvisible, r)
		}
	}
	return b.String(), fixes, found
}

// quotePairs are the quotes a record is pasted with: straight, curly,
// full-width (already narrowed by NormalizeChars), single.
var quotePairs = [][2]string{{`\"`, `\"`}, {`"`, `"`}, {"“", "”"}, {"”", "”"}, {"「", "」"}, {"'", "'"}}

// Unquote strips the quotes a record was pasted with (straight or curly,
// with or without a backslash, once or twice) and reports whether there
// were any.
func Unquote(s string) (string, bool) {
	t := strings.TrimSpace(s)
	found := false
	for range 3 {
		stripped := false
		for _, q := range quotePairs {
			if len(t) >= len(q[0])+len(q[1]) && strings.HasPrefix(t, q[0]) && strings.HasSuffix(t, q[1]) {
				t = strings.TrimSpace(t[len(q[0]) : len(t)-len(q[1])])
				stripped, found = true, true
				break
			}
		}
		if !stripped {
			break
		}
	}
	if !found {
		return s, false
	}
	return t, true
}

// Mangled is a TXT string that is not an SPF record as it stands but is
// one once the characters an owner pasted and its quotes are corrected.
type Mangled struct {
	Text  string   // the TXT string as stored
	Fixed string   // the corrected text: starts with v=spf1 (it may still not parse)
	Fixes []string // what was corrected, Mangled* constants, in order
	Chars []rune   // the non-ASCII characters corrected (each once)
}

// Has reports whether fix was made.
func (m Mangled) Has(fix string) bool { return slices.Contains(m.Fixes, fix) }

// DetectMangled reports whether txt is an SPF record stored wrongly: not
// an SPF record (IsSPF), but one once its characters are normalised
// (NormalizeChars), its quotes removed (Unquote) and the spaces around it
// trimmed.
func DetectMangled(txt string) (Mangled, bool) {
	if IsSPF(txt) {
		return Mangled{}, false
	}
	n, fixes, chars := NormalizeChars(txt)
	u, quoted := Unquote(n)
	u = strings.TrimSpace(u)
	if quoted {
		fixes = append(fixes, MangledQuotes)
	}
	if f, ok := SpaceAfterVersion(u); ok {
		u = f
		fixes = append(fixes, MangledNoSpace)
	}
	if !IsSPF(u) {
		return Mangled{}, false
	}
	if len(fixes) == 0 {
		// Only spaces around it were trimmed.
		fixes = append(fixes, MangledSpaces)
	}
	return Mangled{Text: txt, Fixed: u, Fixes: fixes, Chars: chars}, true
}

// SpaceAfterVersion returns s with the space put back after its v=spf1
// when a term follows it directly ("v=spf1include:x", "v=spf1+a", "V=SPF1~all"),
// and whether it did. A digit after it is another version (v=spf10), not
// a missing space.
func SpaceAfterVersion(s string) (string, bool) {
	if len(s) <= len(versionTag) || !strings.EqualFold(s[:len(versionTag)], versionTag) {
		return s, false
	}
	switch c := s[len(versionTag)]; {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '+', c == '-', c == '~', c == '?':
		return s[:len(versionTag)] + " " + s[len(versionTag):], true
	}
	return s, false
}

// FindMangled returns the first of the TXT strings at a name (each one's
// character-strings joined) that is an SPF record stored wrongly.
func FindMangled(txts []string) (Mangled, bool) {
	for _, t := range txts {
		if m, ok := DetectMangled(t); ok {
			return m, true
		}
	}
	return Mangled{}, false
}
