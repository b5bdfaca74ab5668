package rfc2136

import (
	"strings"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/internal/txtcodec"
)

// decodeTXT turns TXT text as miekg/dns keeps it in TXT.Txt (and as
// libdns/rfc2136 GetRecords joins it), with the presentation escapes \",
// \\ and \DDD (RFC 1035 §5.1), into its octets.
func decodeTXT(s string) string { return txtcodec.Decode(s) }

// encodeTXT is the inverse of decodeTXT for one character-string: '"' and
// '\' escaped, bytes outside printable ASCII as \DDD.
func encodeTXT(s string) string { return txtcodec.Escape(s) }

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
	return &dns.TXT{
		Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: ttl},
		Txt: txtcodec.EscapeSplit(text),
	}
}
