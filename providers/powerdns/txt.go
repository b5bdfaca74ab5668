package powerdns

import (
	"fmt"
	"strings"

	"github.com/spfpatch/spfpatch/spfedit"
)

// unquoteTXT turns TXT content as the PowerDNS API holds it (zone-file
// presentation: one or more quoted character-strings with the escapes \",
// \\ and \DDD, e.g. "ms=a;" "b") into the record's text: the strings'
// octets joined with nothing between them (RFC 7208 §3.3). Content that is
// not in that form is returned unchanged.
func unquoteTXT(content string) string {
	s := strings.TrimSpace(content)
	if !strings.HasPrefix(s, `"`) {
		return content
	}
	var b []byte
	for i := 0; i < len(s); {
		switch s[i] {
		case ' ', '\t':
			i++
			continue
		case '"':
		default:
			return content // text outside quotes: not ours to interpret
		}
		i++ // opening quote
		closed := false
		for i < len(s) {
			c := s[i]
			if c == '"' {
				closed = true
				i++
				break
			}
			if c == '\\' && i+1 < len(s) {
				if i+3 < len(s) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) {
					b = append(b, (s[i+1]-'0')*100+(s[i+2]-'0')*10+(s[i+3]-'0'))
					i += 4
					continue
				}
				b = append(b, s[i+1])
				i += 2
				continue
			}
			b = append(b, c)
			i++
		}
		if !closed {
			return content
		}
	}
	return string(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// quoteString writes one character-string as PowerDNS TXT content: quoted,
// '"' and '\' escaped, bytes outside printable ASCII as \DDD.
func quoteString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < ' ' || c > '~':
			fmt.Fprintf(&b, "\\%03d", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// quoteTXT is the PowerDNS content for a TXT text: character-strings of at
// most 255 bytes cut between SPF terms (SPEC.md data-safety rule 5;
// spfedit.Split), exactly as spfpatch plan shows them. Left as one long
// string, PowerDNS would cut it every 255 bytes wherever that falls.
func quoteTXT(text string) string {
	parts := spfedit.Split(text)
	for i, p := range parts {
		parts[i] = quoteString(p)
	}
	return strings.Join(parts, " ")
}
