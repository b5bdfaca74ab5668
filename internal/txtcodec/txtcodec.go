// Package txtcodec converts TXT character-strings between their octets and
// the zone-file presentation form (RFC 1035 §5.1) that miekg/dns keeps in
// TXT.Txt, zone files hold and the PowerDNS API speaks: '"' and '\' escaped
// with a backslash, any other octet as \DDD.
//
// Decoding is lenient in the way miekg/dns is when it packs such text: a
// backslash before any other character stands for that character, \DDD over
// 255 wraps modulo 256 (as miekg/dns's dddToByte does), and a lone
// backslash at the very end is kept as it is. Encoding writes only '"', '\'
// and printable ASCII (space to '~') as themselves, every other octet
// (controls, DEL, each byte of UTF-8) as \DDD, so that the result is plain
// ASCII and Decode(Escape(s)) == s for any bytes.
package txtcodec

import (
	"strings"

	"github.com/spfpatch/spfpatch/spfedit"
)

// Decode turns one character-string in presentation form, without quotes
// (as miekg/dns keeps it in TXT.Txt), into its octets.
func Decode(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	return string(appendDecoded(make([]byte, 0, len(s)), s))
}

// appendDecoded appends the octets of the presentation text s to b.
func appendDecoded(b []byte, s string) []byte {
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
	return b
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Unquote turns a TXT value written as one or more quoted character-strings
// separated by spaces or tabs (e.g. `"ms=a;" "b"`, surrounding white space
// ignored) into the record's text: the strings' octets joined with nothing
// between them (RFC 7208 §3.3). ok is false, and text empty, when content is
// not wholly in that form: nothing quoted, text outside the quotes, or a
// string left open.
func Unquote(content string) (text string, ok bool) {
	s := strings.TrimSpace(content)
	if !strings.HasPrefix(s, `"`) {
		return "", false
	}
	var b []byte
	for i := 0; i < len(s); {
		switch s[i] {
		case ' ', '\t':
			i++
			continue
		case '"':
		default:
			return "", false
		}
		end := closingQuote(s, i+1)
		if end < 0 {
			return "", false
		}
		b = appendDecoded(b, s[i+1:end])
		i = end + 1
	}
	return string(b), true
}

// closingQuote is the index of the first '"' in s from i on that no
// backslash escapes, or -1.
func closingQuote(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case '"':
			return i
		case '\\':
			i++ // the escaped character, whatever it is
		}
	}
	return -1
}

// Escape writes one character-string in presentation form without quotes:
// '"' and '\' escaped, octets outside printable ASCII as \DDD.
func Escape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	appendEscaped(&b, s)
	return b.String()
}

// Quote is Escape between double quotes: one character-string as a zone
// file writes it.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	appendEscaped(&b, s)
	b.WriteByte('"')
	return b.String()
}

func appendEscaped(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
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

// EscapeSplit cuts a TXT text into character-strings of at most 255 octets
// between SPF terms (spfedit.Split; SPEC.md data-safety rule 5), exactly as
// spfpatch plan shows them, each escaped (Escape): the strings of a
// miekg/dns TXT record. There is always at least one, "" for empty text.
func EscapeSplit(text string) []string {
	parts := spfedit.Split(text)
	for i, p := range parts {
		parts[i] = Escape(p)
	}
	return parts
}

// QuoteSplit is EscapeSplit's strings quoted and joined with a space: a TXT
// text as a zone file's RDATA or PowerDNS record content. Unquote reads it
// back.
func QuoteSplit(text string) string {
	parts := spfedit.Split(text)
	for i, p := range parts {
		parts[i] = Quote(p)
	}
	return strings.Join(parts, " ")
}
