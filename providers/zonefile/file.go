package zonefile

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/miekg/dns"
)

// A zone file is kept as the list of its entries, each the exact text of one
// logical line (a record with its parenthesised continuation lines, a
// directive, or blank and comment lines), so that an edit can replace the
// lines of one RRset and copy every other byte of the file.

// Entry kinds.
const (
	kindTrivia    = iota // blank lines and comment lines
	kindDirective        // $ORIGIN, $TTL, $INCLUDE, $GENERATE
	kindRR               // one resource record
)

// entry is one logical line of a zone file.
type entry struct {
	text string
	kind int
	rr   dns.RR // kindRR: the record as the file gives it
	// origin is the $ORIGIN in effect after this entry, fully qualified.
	origin string
	// dirTTL is the $TTL in effect after this entry (hasDirTTL false: none).
	dirTTL    uint32
	hasDirTTL bool
}

// zoneFile is one parsed zone file, immutable once built. It keeps the
// file's text and records; the entries an edit needs are made from them
// when the file is edited (entries), so a file that is only read costs
// one parse and its text.
type zoneFile struct {
	path   string // the file's path in the directory
	data   string // the file's text
	origin string // origin for relative names: the file name minus .zone/.db
	zone   string // the SOA owner, fully qualified, as written
	soa    *dns.SOA
	rrs    []dns.RR
	eol    string
}

// entries splits the file into entries, each record entry paired with its
// record; an error says why the file cannot be edited line by line.
func (zf *zoneFile) entries() ([]entry, error) {
	return mapEntries(zf.path, zf.data, zf.rrs, zf.origin)
}

// originFor returns the origin used for relative names in a file: its name
// without a .zone or .db extension, the rule resolver uses for --zone-dir,
// or "" when that is not a domain name.
func originFor(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{".zone", ".db"} {
		if len(base) > len(ext) && strings.EqualFold(base[len(base)-len(ext):], ext) {
			base = base[:len(base)-len(ext)]
			break
		}
	}
	if _, ok := dns.IsDomainName(base); !ok {
		return ""
	}
	return dns.Fqdn(base)
}

// parses counts the zone file texts parsed (for tests: a file is parsed
// once a run, and once more for each write).
var parses atomic.Int64

// parseRRs parses zone file text with miekg/dns's ZoneParser. Its errors
// quote the offending token: callers turn them into a FileError (see
// syntaxError) before anyone sees them.
func parseRRs(data []byte, origin string) ([]dns.RR, error) {
	zp := dns.NewZoneParser(bytes.NewReader(data), origin, "")
	var rrs []dns.RR
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		rrs = append(rrs, rr)
	}
	if err := zp.Err(); err != nil {
		return nil, err
	}
	return rrs, nil
}

// parseZoneFile parses the text of the zone file at path. $GENERATE and
// $INCLUDE are refused with their own errors, before the file is parsed;
// no error quotes the file's content.
func parseZoneFile(path string, data []byte) (*zoneFile, error) {
	if err := checkDirectives(path, string(data)); err != nil {
		return nil, err
	}
	origin := originFor(path)
	parses.Add(1)
	rrs, err := parseRRs(data, origin)
	if err != nil {
		return nil, syntaxError(path, err)
	}
	return zoneFileFrom(path, string(data), origin, rrs)
}

// zoneFileFrom builds the zoneFile of data, already parsed into rrs.
func zoneFileFrom(path, data, origin string, rrs []dns.RR) (*zoneFile, error) {
	zf := &zoneFile{path: path, data: data, origin: origin, eol: "\n", rrs: rrs}
	if strings.Contains(data, "\r\n") {
		zf.eol = "\r\n"
	}
	for _, rr := range rrs {
		if soa, ok := rr.(*dns.SOA); ok {
			zf.soa = soa
			zf.zone = soa.Hdr.Name
			break
		}
	}
	if zf.soa == nil {
		return nil, fileErr(CodeZoneFile, "zonefile.no-soa", ErrSyntax, path)
	}
	return zf, nil
}

// checkDirectives refuses $GENERATE and $INCLUDE, naming the line.
func checkDirectives(path, text string) error {
	if !strings.Contains(text, "$") {
		return nil
	}
	line := 1
	for _, s := range segment(text) {
		if s[0] == '$' {
			lx := lexEntry(s)
			if len(lx.toks) > 0 {
				switch strings.ToUpper(lx.text(s, 0)) {
				case "$GENERATE":
					return fileErr(CodeUnsupported, "zonefile.generate", ErrDirective, path, line)
				case "$INCLUDE":
					return fileErr(CodeUnsupported, "zonefile.include", ErrDirective, path, line)
				}
			}
		}
		line += strings.Count(s, "\n")
	}
	return nil
}

// mapEntries splits text into entries and pairs each record entry with the
// record ZoneParser read from it, in order. Its errors name the line, never
// its text.
func mapEntries(path, text string, rrs []dns.RR, origin string) ([]entry, error) {
	var out []entry
	cur := origin
	if cur == "" {
		cur = "."
	}
	var dirTTL uint32
	hasDirTTL := false
	n, line := 0, 1
	cannot := func() error { return fileErr(CodeUnsupported, "zonefile.cannot-edit", ErrDirective, path, line) }
	var lx lexed // its slices reused from entry to entry: no entry keeps them
	for _, s := range segment(text) {
		e := entry{text: s}
		lx = lexInto(s, lexed{toks: lx.toks[:0], comments: lx.comments[:0]})
		switch {
		case len(lx.toks) == 0:
			e.kind = kindTrivia
		case s[0] == '$':
			e.kind = kindDirective
			d := strings.ToUpper(lx.text(s, 0))
			switch d {
			case "$ORIGIN":
				if len(lx.toks) < 2 {
					return nil, cannot()
				}
				cur = absName(lx.text(s, 1), cur)
			case "$TTL":
				if len(lx.toks) < 2 {
					return nil, cannot()
				}
				v, ok := parseTTL(lx.text(s, 1))
				if !ok {
					return nil, cannot()
				}
				dirTTL, hasDirTTL = v, true
			case "$GENERATE":
				return nil, fileErr(CodeUnsupported, "zonefile.generate", ErrDirective, path, line)
			case "$INCLUDE":
				return nil, fileErr(CodeUnsupported, "zonefile.include", ErrDirective, path, line)
			default:
				return nil, cannot()
			}
		default:
			e.kind = kindRR
			if n >= len(rrs) {
				return nil, cannot()
			}
			e.rr = rrs[n]
			n++
			f, ok := lx.fields(s)
			if !ok || f.rrtype != e.rr.Header().Rrtype {
				return nil, cannot()
			}
		}
		e.origin, e.dirTTL, e.hasDirTTL = cur, dirTTL, hasDirTTL
		out = append(out, e)
		line += strings.Count(s, "\n")
	}
	if n != len(rrs) {
		return nil, cannot()
	}
	return out, nil
}

// absName makes a name in presentation form absolute against origin.
func absName(name, origin string) string {
	if name == "@" {
		return origin
	}
	if isFqdn(name) {
		return name
	}
	if origin == "." {
		return name + "."
	}
	return name + "." + origin
}

// isFqdn reports whether a presentation-form name ends with an unescaped dot.
func isFqdn(s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	n := 0
	for i := len(s) - 2; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n%2 == 0
}

// ownerText is how a fully qualified name is written as an owner where
// origin is in effect: "@", relative, or absolute.
func ownerText(fqdn, origin string) string {
	if strings.EqualFold(fqdn, origin) {
		return "@"
	}
	if origin != "." && len(fqdn) > len(origin)+1 && strings.EqualFold(fqdn[len(fqdn)-len(origin):], origin) && fqdn[len(fqdn)-len(origin)-1] == '.' {
		rel := fqdn[:len(fqdn)-len(origin)-1]
		if !isFqdn(rel) {
			return rel
		}
	}
	return fqdn
}

// parseTTL reads a TTL as a zone file gives it: seconds, or BIND's 1h30m form.
func parseTTL(tok string) (uint32, bool) {
	if tok == "" {
		return 0, false
	}
	var total, cur uint64
	digits := false
	for _, c := range tok {
		var mul uint64
		switch c {
		case 's', 'S':
			mul = 1
		case 'm', 'M':
			mul = 60
		case 'h', 'H':
			mul = 3600
		case 'd', 'D':
			mul = 86400
		case 'w', 'W':
			mul = 604800
		default:
			if c < '0' || c > '9' {
				return 0, false
			}
			cur = cur*10 + uint64(c-'0')
			digits = true
			if cur > 1<<32 {
				return 0, false
			}
			continue
		}
		if !digits {
			return 0, false
		}
		total += cur * mul
		cur, digits = 0, false
	}
	total += cur
	if total > 1<<32-1 {
		return 0, false
	}
	return uint32(total), true
}

func isClass(tok string) bool {
	switch strings.ToUpper(tok) {
	case "IN", "CH", "CS", "HS", "NONE", "ANY":
		return true
	}
	u := strings.ToUpper(tok)
	if strings.HasPrefix(u, "CLASS") {
		_, err := strconv.ParseUint(u[5:], 10, 16)
		return err == nil
	}
	return false
}

func typeCode(tok string) (uint16, bool) {
	u := strings.ToUpper(tok)
	if t, ok := dns.StringToType[u]; ok {
		return t, true
	}
	if strings.HasPrefix(u, "TYPE") {
		if v, err := strconv.ParseUint(u[4:], 10, 16); err == nil {
			return uint16(v), true
		}
	}
	return 0, false
}

// segment cuts zone file text into logical lines: a line ends at a newline
// outside parentheses and quotes; comments run to the end of their line.
// Concatenating the result gives text back.
func segment(text string) []string {
	var out []string
	start, depth, quoted := 0, 0, false
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\\':
			if i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case quoted:
			if c == '"' {
				quoted = false
			}
		case c == '"':
			quoted = true
		case c == ';':
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case c == '(':
			depth++
		case c == ')':
			if depth > 0 {
				depth--
			}
		case c == '\n' && depth == 0:
			out = append(out, text[start:i+1])
			start = i + 1
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// span is a byte range of an entry's text.
type span struct{ s, e int }

// lexed is an entry split into tokens (quoted strings keep their quotes) and
// comments (from ';' to the end of the line, newline excluded).
type lexed struct {
	toks     []span
	comments []span
}

func (l lexed) text(s string, i int) string { return s[l.toks[i].s:l.toks[i].e] }

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func lexEntry(s string) lexed { return lexInto(s, lexed{}) }

// lexInto is lexEntry appending to l's (empty) slices.
func lexInto(s string, l lexed) lexed {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case isBlank(c) || c == '(' || c == ')':
			i++
		case c == ';':
			j := i
			for j < len(s) && s[j] != '\n' && s[j] != '\r' {
				j++
			}
			l.comments = append(l.comments, span{i, j})
			i = j
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j < len(s) {
				j++
			} else {
				j = len(s)
			}
			l.toks = append(l.toks, span{i, j})
			i = j
		default:
			j := i
			for j < len(s) && !isBlank(s[j]) && s[j] != ';' && s[j] != '(' && s[j] != ')' && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j > len(s) {
				j = len(s)
			}
			l.toks = append(l.toks, span{i, j})
			i = j
		}
	}
	return l
}

// fields locates the parts of a record entry before its RDATA.
type fields struct {
	hasOwner bool
	owner    span
	hasTTL   bool
	ttl      span
	typ      span
	rrtype   uint16
	rdata    int // index of the first RDATA token in toks; len(toks) if none
}

func (l lexed) fields(s string) (fields, bool) {
	var f fields
	i := 0
	if len(s) > 0 && s[0] != ' ' && s[0] != '\t' {
		if len(l.toks) == 0 {
			return f, false
		}
		f.hasOwner, f.owner = true, l.toks[0]
		i = 1
	}
	hasClass := false
	for k := 0; k < 2 && i < len(l.toks); k++ {
		t := l.text(s, i)
		if _, ok := parseTTL(t); ok && !f.hasTTL {
			f.hasTTL, f.ttl = true, l.toks[i]
			i++
		} else if isClass(t) && !hasClass {
			hasClass = true
			i++
		} else {
			break
		}
	}
	if i >= len(l.toks) {
		return f, false
	}
	t, ok := typeCode(l.text(s, i))
	if !ok {
		return f, false
	}
	f.typ, f.rrtype, f.rdata = l.toks[i], t, i+1
	return f, true
}
