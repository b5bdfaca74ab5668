package powerdns

import "github.com/spfpatch/spfpatch/internal/txtcodec"

// unquoteTXT turns TXT content as the PowerDNS API holds it (zone-file
// presentation: one or more quoted character-strings with the escapes \",
// \\ and \DDD, e.g. "ms=a;" "b") into the record's text: the strings'
// octets joined with nothing between them (RFC 7208 §3.3). Content that is
// not in that form is returned unchanged.
func unquoteTXT(content string) string {
	if text, ok := txtcodec.Unquote(content); ok {
		return text
	}
	return content
}

// quoteTXT is the PowerDNS content for a TXT text: character-strings of at
// most 255 bytes cut between SPF terms (SPEC.md data-safety rule 5;
// spfedit.Split), exactly as spfpatch plan shows them. Left as one long
// string, PowerDNS would cut it every 255 bytes wherever that falls.
func quoteTXT(text string) string { return txtcodec.QuoteSplit(text) }
