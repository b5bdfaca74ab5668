package rfc2136

import (
	"fmt"
	"strings"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/spfedit"
)

// decodeTXT turns TXT text as miekg/dns keeps it in TXT.Txt (and as
// libdns/rfc2136 GetRecords joins it), with the presentation escapes \",
// \\ and \DDD (RFC 1035 §5.1), into its octets.
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

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// encodeTXT is the inverse of decodeTXT for one character-string: '"' and
// '\' escaped, bytes outside printable ASCII as \DDD.
func encodeTXT(s string) string {
	var b strings.Builder
	b.Grow(len(s))
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
	return b.String()
}

// txtText is a TXT record's value in the libdns sense: its
// character-strings' octets joined with nothing between them (RFC 7208 §3.3).
func txtText(t *dns.TXT) string { return decodeTXT(strings.Join(t.Txt, "")) }

// adapterText is a TXT record's value as libdns/rfc2136 GetRecords returns
// it: the strings joined, escapes kept. DeleteRecords gets values in this
// form from providers.Safe.
func adapterText(t *dns.TXT) string { return strings.Join(t.Txt, "") }

// newTXT builds the TXT record for text, cut into character-strings of at
// most 255 bytes between SPF terms (SPEC.md data-safety rule 5), exactly as
// spfpatch plan shows them.
func newTXT(name string, ttl uint32, text string) *dns.TXT {
	parts := spfedit.Split(text)
	for i, p := range parts {
		parts[i] = encodeTXT(p)
	}
	return &dns.TXT{
		Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: ttl},
		Txt: parts,
	}
}
