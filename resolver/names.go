package resolver

import (
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Names inside the package are kept in miekg/dns presentation form, fully
// qualified: the form dns.Msg.Unpack produces, where a label byte that is
// special ('.', ' ', '\'', '@', ';', '(', ')', '"', '\\') is written as \c and
// a byte outside printable ASCII as \DDD. Every such name has exactly one
// spelling apart from letter case, so asciiLower of it is a cache key and a
// comparison key.

// Name limits (RFC 1035 §2.3.4, §3.1): 63 octets a label, 255 octets on the
// wire, which is 253 octets of text without the final dot.
const (
	maxLabel = 63
	maxName  = 253
)

var (
	errEmptyLabel = errors.New("empty label")
	errLongLabel  = errors.New("label longer than 63 octets")
	errLongName   = errors.New("name longer than 253 octets")
)

// idnaProfile maps and converts names that contain non-ASCII text. It is the
// lookup mapping of UTS #46 without the STD3 restriction, so that labels such
// as "_spf" or a macro-expanded "a b" next to a U-label survive.
var idnaProfile = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.StrictDomainName(false),
)

// canonName turns a caller's name (raw text: any byte is a label octet except
// '.', which separates labels; a trailing dot is optional) into the package's
// presentation form. A name that contains non-ASCII text and is valid UTF-8 is
// converted to A-labels first; invalid UTF-8 goes on the wire byte for byte.
// "." is the root. The error is one of errEmptyLabel, errLongLabel, errLongName.
func canonName(name string) (string, error) {
	if name == "." {
		return ".", nil
	}
	if hasNonASCII(name) && utf8.ValidString(name) {
		if a, err := idnaProfile.ToASCII(name); err == nil {
			name = a
		} else if a, err := idna.Punycode.ToASCII(name); err == nil {
			name = a
		}
	}
	name = strings.TrimSuffix(name, ".")
	if name == "" {
		return "", errEmptyLabel
	}
	if len(name) > maxName {
		return "", errLongName
	}
	if plainLabels(name) {
		return name + ".", nil // already in presentation form: no byte to escape
	}
	var b strings.Builder
	b.Grow(len(name) + 8)
	for label := range strings.SplitSeq(name, ".") {
		switch {
		case label == "":
			return "", errEmptyLabel
		case len(label) > maxLabel:
			return "", errLongLabel
		}
		appendLabel(&b, label)
		b.WriteByte('.')
	}
	return b.String(), nil
}

// plainLabels reports whether name (no trailing dot) has only bytes that
// need no escape and labels of 1 to 63 bytes.
func plainLabels(name string) bool {
	n := 0
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '.':
			if n == 0 {
				return false
			}
			n = 0
			continue
		case c < '!' || c > '~' || isSpecial(c):
			return false
		}
		if n++; n > maxLabel {
			return false
		}
	}
	return n > 0
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// appendLabel writes one raw label in presentation form, escaping bytes the
// way miekg/dns UnpackDomainName does.
func appendLabel(b *strings.Builder, label string) {
	for i := 0; i < len(label); i++ {
		c := label[i]
		switch {
		case isSpecial(c):
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < ' ' || c > '~':
			b.WriteByte('\\')
			b.WriteByte('0' + c/100)
			b.WriteByte('0' + c/10%10)
			b.WriteByte('0' + c%10)
		default:
			b.WriteByte(c)
		}
	}
}

func isSpecial(c byte) bool {
	switch c {
	case '.', ' ', '\'', '@', ';', '(', ')', '"', '\\':
		return true
	}
	return false
}

// splitPresentation splits a presentation-form name into raw labels, decoding
// \DDD and \c escapes. The root name gives no labels.
func splitPresentation(s string) []string {
	if s == "." || s == "" {
		return nil
	}
	var (
		labels []string
		cur    []byte
	)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+3 < len(s) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]):
			cur = append(cur, (s[i+1]-'0')*100+(s[i+2]-'0')*10+(s[i+3]-'0'))
			i += 3
		case c == '\\' && i+1 < len(s):
			cur = append(cur, s[i+1])
			i++
		case c == '.':
			labels = append(labels, string(cur))
			cur = cur[:0]
		default:
			cur = append(cur, c)
		}
	}
	if len(cur) > 0 {
		labels = append(labels, string(cur))
	}
	return labels
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// normalize returns the canonical presentation form of a name taken from a
// message or a zone file (whose spelling of escapes may differ, e.g. \032 for
// a space), fully qualified.
func normalize(s string) string {
	if isPlain(s) {
		if strings.HasSuffix(s, ".") {
			return s
		}
		return s + "."
	}
	labels := splitPresentation(s)
	if len(labels) == 0 {
		return "."
	}
	var b strings.Builder
	for _, l := range labels {
		appendLabel(&b, l)
		b.WriteByte('.')
	}
	return b.String()
}

// isPlain reports whether s is already canonical: no escapes, no byte that
// would need one, and no empty label.
func isPlain(s string) bool {
	if s == "" || s == "." || s[0] == '.' {
		return s == "."
	}
	prevDot := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if prevDot {
				return false
			}
			prevDot = true
			continue
		}
		prevDot = false
		if c < '!' || c > '~' || isSpecial(c) {
			return false
		}
	}
	return true
}

// rawName converts a presentation-form name to the text form this package
// returns: escapes decoded, so a space is a space and \255 is the byte 0xff,
// fully qualified. A dot inside a label cannot be told from a separator in
// that form; it is returned as `\.`.
func rawName(s string) string {
	if isPlain(s) {
		return normalize(s)
	}
	labels := splitPresentation(s)
	if len(labels) == 0 {
		return "."
	}
	var b strings.Builder
	for _, l := range labels {
		b.WriteString(strings.ReplaceAll(l, ".", `\.`))
		b.WriteByte('.')
	}
	return b.String()
}

// asciiLower lower-cases ASCII letters only: DNS names compare
// case-insensitively for A-Z and byte for byte otherwise (RFC 4343).
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// key is the comparison key of a name in any presentation spelling.
func key(s string) string { return asciiLower(normalize(s)) }

// parentName strips the first label of a canonical name; the parent of a
// top-level name is ".", and the root has no parent (ok false).
func parentName(s string) (string, bool) {
	if s == "." || s == "" {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '.':
			if i+1 == len(s) {
				return ".", true
			}
			return s[i+1:], true
		}
	}
	return ".", true
}

// isSubdomain reports whether child equals parent or lies below it. Both are
// keys (canonical, lower case).
func isSubdomain(parent, child string) bool {
	for n, ok := child, true; ok; n, ok = parentName(n) {
		if n == parent {
			return true
		}
	}
	return false
}

// decodeTXT turns one TXT character-string as miekg/dns keeps it (with \",
// \\ and \DDD escapes) back into the octets that were on the wire.
func decodeTXT(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b = append(b, c)
			continue
		}
		if i+3 < len(s) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) {
			b = append(b, (s[i+1]-'0')*100+(s[i+2]-'0')*10+(s[i+3]-'0'))
			i += 3
			continue
		}
		b = append(b, s[i+1])
		i++
	}
	return string(b)
}
