package zonefile

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/libdns/libdns"
	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/internal/txtcodec"
)

// decodeTXT turns a TXT character-string as miekg/dns keeps it, with the
// presentation escapes \", \\ and \DDD, into its octets.
func decodeTXT(s string) string { return txtcodec.Decode(s) }

// txtStrings returns a TXT record's character-strings as octets.
func txtStrings(t *dns.TXT) []string {
	out := make([]string, len(t.Txt))
	for i, s := range t.Txt {
		out[i] = decodeTXT(s)
	}
	return out
}

// txtValue is a TXT record's libdns value: its strings joined with nothing
// between them (RFC 7208 §3.3).
func txtValue(t *dns.TXT) string { return strings.Join(txtStrings(t), "") }

// quoteTXT writes one character-string in zone file form: quoted, with '"'
// and '\' escaped and bytes outside printable ASCII as \DDD.
func quoteTXT(s string) string { return txtcodec.Quote(s) }

// rdataText is a record's RDATA in zone file form.
func rdataText(rr dns.RR) string {
	if t, ok := rr.(*dns.TXT); ok {
		ss := txtStrings(t)
		q := make([]string, len(ss))
		for i, s := range ss {
			q[i] = quoteTXT(s)
		}
		return strings.Join(q, " ")
	}
	s, hs := rr.String(), rr.Header().String()
	if strings.HasPrefix(s, hs) {
		return s[len(hs):]
	}
	f := strings.SplitN(s, "\t", 5)
	return f[len(f)-1]
}

// relName makes an owner name relative to zone, "@" for the apex.
func relName(fqdn, zone string) string {
	if strings.EqualFold(fqdn, zone) {
		return "@"
	}
	if zone == "." {
		return strings.TrimSuffix(fqdn, ".")
	}
	if len(fqdn) > len(zone)+1 && strings.EqualFold(fqdn[len(fqdn)-len(zone):], zone) && fqdn[len(fqdn)-len(zone)-1] == '.' {
		return fqdn[:len(fqdn)-len(zone)-1]
	}
	return fqdn
}

// absOwner makes a libdns record name ("@" or "" for the apex, else relative
// to zone; a fully qualified name is accepted inside zone) fully qualified.
func absOwner(name, zone string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "" || name == "@":
		return zone, nil
	case isFqdn(name):
		if !dns.IsSubDomain(zone, name) {
			return "", fmt.Errorf("name %s is not in zone %s", name, zone)
		}
		return name, nil
	case zone == ".":
		return name + ".", nil
	}
	return name + "." + zone, nil
}

// fromDNS turns a record of the file into the libdns type for its RR type:
// TXT values are the record's strings joined, escapes decoded; types libdns
// has no struct for (SOA, ...) come back as libdns.RR.
func fromDNS(rr dns.RR, zone string) libdns.Record {
	h := rr.Header()
	name := relName(h.Name, zone)
	ttl := time.Duration(h.Ttl) * time.Second
	if t, ok := rr.(*dns.TXT); ok {
		return libdns.TXT{Name: name, TTL: ttl, Text: txtValue(t)}
	}
	r := libdns.RR{Name: name, TTL: ttl, Type: typeName(h.Rrtype), Data: rdataText(rr)}
	rec, err := r.Parse()
	if err != nil {
		return r
	}
	return rec
}

var errSOA = errors.New("the SOA record is kept by the zonefile provider (its serial is bumped on every write) and cannot be written")

// txtStringsOf returns the character-strings a record carries, or nil.
func txtStringsOf(rec libdns.Record) []string {
	if s, ok := rec.(interface{ TXTStrings() []string }); ok {
		return s.TXTStrings()
	}
	return nil
}

// toDNS turns a libdns record into the record to write. A TTL of 0 takes
// defTTL(owner, type). A TXT record that carries its character-strings (a
// TXTStrings method) is written with exactly those (exact is true); other
// TXT values are cut into character-strings of at most 255 bytes between
// SPF terms (spfedit.Split); other types are parsed from their zone file
// form, names in RDATA relative to zone unless they end in a dot.
func toDNS(rec libdns.Record, zone string, defTTL func(name string, rrtype uint16) uint32) (dns.RR, bool, error) {
	r := rec.RR()
	name, err := absOwner(r.Name, zone)
	if err != nil {
		return nil, false, err
	}
	typ := strings.ToUpper(strings.TrimSpace(r.Type))
	code, ok := typeCode(typ)
	if !ok {
		return nil, false, fmt.Errorf("%s: unknown record type %q", r.Name, r.Type)
	}
	if code == dns.TypeSOA {
		return nil, false, errSOA
	}
	var ttl uint32
	switch {
	case r.TTL == 0:
		ttl = defTTL(name, code)
	case r.TTL >= time.Duration(math.MaxUint32)*time.Second:
		ttl = math.MaxUint32
	case r.TTL > 0:
		ttl = uint32(r.TTL / time.Second)
	}
	data := r.Data
	strs := txtStringsOf(rec)
	if code != dns.TypeTXT || strings.Join(strs, "") != r.Data || len(strs) == 0 {
		strs = nil
	}
	switch {
	case strs != nil:
		q := make([]string, len(strs))
		for i, s := range strs {
			q[i] = quoteTXT(s)
		}
		data = strings.Join(q, " ")
	case code == dns.TypeTXT:
		data = txtcodec.QuoteSplit(r.Data)
	case strings.TrimSpace(data) == "":
		return nil, false, fmt.Errorf("%s %s: no data", r.Name, typ)
	}
	if strs != nil {
		if rr, ok := plainTXT(name, ttl, strs); ok {
			return rr, true, nil
		}
	}
	line := name + " " + strconv.FormatUint(uint64(ttl), 10) + " IN " + typ + " " + data
	rrs, err := parseRRs([]byte(line), zone)
	if err != nil {
		return nil, false, fmt.Errorf("%s %s %q: %w", r.Name, typ, r.Data, err)
	}
	if len(rrs) != 1 || rrs[0].Header().Rrtype != code {
		return nil, false, fmt.Errorf("%s %s %q: does not make one %s record", r.Name, typ, r.Data, typ)
	}
	if t, ok := rrs[0].(*dns.TXT); ok && txtValue(t) != r.Data {
		return nil, false, fmt.Errorf("%s TXT %q: does not read back as written", r.Name, r.Data)
	}
	if t, ok := rrs[0].(*dns.TXT); ok && strs != nil && !slices.Equal(txtStrings(t), strs) {
		return nil, false, fmt.Errorf("%s TXT %q: its strings do not read back as written", r.Name, r.Data)
	}
	return rrs[0], strs != nil, nil
}

// plainTXT builds the TXT record of owner name (absolute, presentation
// form) with the character-strings strs, as the zone parser reads the line
// "name TTL IN TXT "s1" "s2"...", without parsing it, when that is plain:
// a name of letters, digits, '-', '_', '*' and dots, and strings of 1 to 255
// printable ASCII bytes without '"' or '\' (which the parser keeps as
// they are). Anything else is left to the parser (ok false). A write hands
// in every TXT record of the RRset it replaces: the parser's setup was most
// of the time of building them (TestPlainTXTAsParsed holds the two equal).
func plainTXT(name string, ttl uint32, strs []string) (dns.RR, bool) {
	if name == "" || name[len(name)-1] != '.' {
		return nil, false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '*' || c == '.') {
			return nil, false
		}
	}
	if _, ok := dns.IsDomainName(name); !ok || strings.Contains(name, "..") {
		return nil, false
	}
	for _, s := range strs {
		if len(s) == 0 || len(s) > 255 {
			return nil, false
		}
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
				return nil, false
			}
		}
	}
	return &dns.TXT{
		Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: ttl},
		Txt: append([]string(nil), strs...),
	}, true
}
