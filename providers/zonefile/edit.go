package zonefile

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/miekg/dns"
)

// piece is one entry of the file being edited: an original entry, possibly
// rewritten, or a new record line.
type piece struct {
	text   string
	kind   int
	orig   int    // index of the original entry, -1 for a new line
	want   dns.RR // kindRR: the record this line must parse to
	origin string // $ORIGIN in effect at this line
	dirTTL uint32 // $TTL in effect after this line
	hasTTL bool   // whether a $TTL is in effect
}

// editor changes a zone file's text one RRset at a time, keeping every other
// line as it is.
type editor struct {
	zf      *zoneFile
	pieces  []piece
	changed bool
	// exact marks records handed in with their character-strings
	// (TXTStrings): they match a line only with the same strings, never
	// by their joined text, so two records whose texts join alike stay two.
	exact map[dns.RR]bool
}

func newEditor(zf *zoneFile) (*editor, error) {
	entries, err := zf.entries()
	if err != nil {
		return nil, err
	}
	ed := &editor{zf: zf, pieces: make([]piece, len(entries)), exact: map[dns.RR]bool{}}
	for i, e := range entries {
		ed.pieces[i] = piece{text: e.text, kind: e.kind, orig: i, want: e.rr, origin: e.origin, dirTTL: e.dirTTL, hasTTL: e.hasDirTTL}
	}
	return ed, nil
}

// inZone reports whether rr belongs to the zone (class IN, owner at or below
// the apex): only those records are listed and edited.
func (zf *zoneFile) inZone(rr dns.RR) bool {
	h := rr.Header()
	return h.Class == dns.ClassINET && dns.IsSubDomain(zf.zone, h.Name)
}

// rrset returns the indices of the pieces holding (name, rrtype).
func (ed *editor) rrset(name string, rrtype uint16) []int {
	var out []int
	for i, p := range ed.pieces {
		if p.kind != kindRR {
			continue
		}
		h := p.want.Header()
		if h.Rrtype == rrtype && h.Class == dns.ClassINET && strings.EqualFold(h.Name, name) {
			out = append(out, i)
		}
	}
	return out
}

// lastOwned returns the index of the last record piece owned by name, or -1.
func (ed *editor) lastOwned(name string) int {
	for i := len(ed.pieces) - 1; i >= 0; i-- {
		p := ed.pieces[i]
		if p.kind == kindRR && strings.EqualFold(p.want.Header().Name, name) {
			return i
		}
	}
	return -1
}

// defaultTTL is the TTL of a new RRset: the existing RRset's, else the zone
// file's first $TTL, else the SOA minimum, else 3600.
func (ed *editor) defaultTTL(name string, rrtype uint16) uint32 {
	if idx := ed.rrset(name, rrtype); len(idx) > 0 {
		return ed.pieces[idx[0]].want.Header().Ttl
	}
	for _, p := range ed.pieces {
		if p.hasTTL {
			return p.dirTTL
		}
	}
	if ed.zf.soa != nil && ed.zf.soa.Minttl > 0 {
		return ed.zf.soa.Minttl
	}
	return 3600
}

// sameData reports whether two records have the same owner, class, type and
// RDATA, TTL aside. TXT strings are compared as octets, escapes decoded.
func sameData(a, b dns.RR) bool {
	ta, oka := a.(*dns.TXT)
	tb, okb := b.(*dns.TXT)
	if oka && okb {
		ha, hb := a.Header(), b.Header()
		if ha.Class != hb.Class || !strings.EqualFold(ha.Name, hb.Name) || len(ta.Txt) != len(tb.Txt) {
			return false
		}
		for i := range ta.Txt {
			if decodeTXT(ta.Txt[i]) != decodeTXT(tb.Txt[i]) {
				return false
			}
		}
		return true
	}
	return dns.IsDuplicate(a, b)
}

// sameRR is sameData with equal TTLs.
func sameRR(a, b dns.RR) bool {
	return a.Header().Ttl == b.Header().Ttl && sameData(a, b)
}

// sameValue is sameData where TXT records compare their joined strings: the
// libdns view, in which "a" "b" and "ab" are one value.
func sameValue(a, b dns.RR) bool {
	ta, oka := a.(*dns.TXT)
	tb, okb := b.(*dns.TXT)
	if oka && okb {
		return a.Header().Class == b.Header().Class && strings.EqualFold(a.Header().Name, b.Header().Name) && txtValue(ta) == txtValue(tb)
	}
	return dns.IsDuplicate(a, b)
}

// same reports whether the record r handed in is the record old of the
// file: by its strings when it came with them, else by its value.
func (ed *editor) same(r, old dns.RR) bool {
	if ed.exact[r] {
		return sameData(r, old)
	}
	return sameValue(r, old)
}

// set makes recs (all of one owner and type) the whole RRset: members equal
// to an existing one keep their line, changed members take the place of the
// lines they replace, extra ones follow the RRset, left-over lines go.
func (ed *editor) set(recs []dns.RR) {
	h := recs[0].Header()
	old := ed.rrset(h.Name, h.Rrtype)
	matched := make([]bool, len(recs))
	var gone []int
	for _, i := range old {
		found := false
		for j, r := range recs {
			if !matched[j] && r.Header().Ttl == ed.pieces[i].want.Header().Ttl && ed.same(r, ed.pieces[i].want) {
				matched[j], found = true, true
				break
			}
		}
		if !found {
			gone = append(gone, i)
		}
	}
	// A line that repeats a record that stays (the same data twice, read
	// as one record: RFC 2181 §5) stays too: the file keeps its lines.
	kept := gone[:0]
	for _, i := range gone {
		dup := false
		for j, r := range recs {
			dup = dup || (matched[j] && sameData(r, ed.pieces[i].want))
		}
		if !dup {
			kept = append(kept, i)
		}
	}
	gone = kept
	var add []dns.RR
	for j, r := range recs {
		if !matched[j] {
			add = append(add, r)
		}
	}
	if len(gone) == 0 && len(add) == 0 {
		return
	}
	ed.changed = true
	// Replace in place, pairwise.
	n := min(len(gone), len(add))
	for k := 0; k < n; k++ {
		i := gone[k]
		ed.pieces[i] = ed.render(ed.pieces[i], add[k], true)
	}
	// Remove the lines left over, from the end so indices hold.
	for k := len(gone) - 1; k >= n; k-- {
		ed.remove(gone[k])
	}
	for _, r := range add[n:] {
		ed.insert(r)
	}
}

// insert adds one record line: after the last member of its RRset, else
// after the last record of its owner, else at the end of the file.
func (ed *editor) insert(rr dns.RR) {
	h := rr.Header()
	ed.changed = true
	if idx := ed.rrset(h.Name, h.Rrtype); len(idx) > 0 {
		at := idx[len(idx)-1]
		ed.insertAt(at+1, ed.render(ed.pieces[at], rr, false))
		return
	}
	if at := ed.lastOwned(h.Name); at >= 0 {
		ed.insertAt(at+1, ed.render(ed.pieces[at], rr, false))
		return
	}
	// At the end, modelled on the last record line, the owner written for
	// the $ORIGIN in effect there.
	last := len(ed.pieces) - 1
	tmpl := -1
	for i := last; i >= 0; i-- {
		if ed.pieces[i].kind == kindRR {
			tmpl = i
			break
		}
	}
	p := ed.render(ed.pieces[tmpl], rr, false)
	end := ed.pieces[last]
	if end.kind != kindRR || !strings.EqualFold(end.want.Header().Name, h.Name) {
		p = withOwner(p, ownerText(h.Name, end.origin))
	}
	p.origin, p.dirTTL, p.hasTTL = end.origin, end.dirTTL, end.hasTTL
	if !strings.HasSuffix(end.text, "\n") {
		ed.pieces[last].text += ed.zf.eol
	}
	ed.pieces = append(ed.pieces, p)
}

func (ed *editor) insertAt(i int, p piece) {
	prev := ed.pieces[i-1]
	if !strings.HasSuffix(prev.text, "\n") {
		ed.pieces[i-1].text += ed.zf.eol
	}
	p.origin, p.dirTTL, p.hasTTL = prev.origin, prev.dirTTL, prev.hasTTL
	ed.pieces = append(ed.pieces, piece{})
	copy(ed.pieces[i+1:], ed.pieces[i:])
	ed.pieces[i] = p
}

func (ed *editor) remove(i int) {
	ed.changed = true
	ed.pieces = append(ed.pieces[:i], ed.pieces[i+1:]...)
}

// render writes rr as a line modelled on the record line tmpl: the same
// owner field, class and spacing, the TTL written only where needed. With
// inPlace the line takes tmpl's place and keeps its comments.
func (ed *editor) render(tmpl piece, rr dns.RR, inPlace bool) piece {
	s := tmpl.text
	lx := lexEntry(s)
	f, _ := lx.fields(s)
	h := rr.Header()
	rdata := rdataText(rr)

	var b strings.Builder
	prefix := s[:f.typ.s]
	if strings.ContainsAny(prefix, "\r\n();\"") {
		prefix = "" // an odd layout: write a plain line
	}
	if prefix == "" {
		if inPlace && !f.hasOwner {
			b.WriteString("\t")
		} else {
			b.WriteString(ownerText(h.Name, tmpl.origin))
			b.WriteString("\t")
		}
		b.WriteString(strconv.FormatUint(uint64(h.Ttl), 10))
		b.WriteString("\tIN\t")
		b.WriteString(dns.TypeToString[h.Rrtype])
		b.WriteString("\t")
	} else {
		switch {
		case f.hasTTL:
			if v, _ := parseTTL(s[f.ttl.s:f.ttl.e]); v != h.Ttl {
				prefix = prefix[:f.ttl.s] + strconv.FormatUint(uint64(h.Ttl), 10) + prefix[f.ttl.e:]
			}
		case tmpl.want.Header().Ttl != h.Ttl:
			prefix = insertTTL(prefix, f, h.Ttl)
		}
		b.WriteString(prefix)
		typ := typeName(h.Rrtype)
		oldTyp := s[f.typ.s:f.typ.e]
		if strings.EqualFold(oldTyp, typ) {
			typ = oldTyp
		}
		b.WriteString(typ)
		ws := " "
		if f.rdata < len(lx.toks) {
			if w := s[f.typ.e:lx.toks[f.rdata].s]; w != "" && strings.Trim(w, " \t") == "" {
				ws = w
			}
		}
		if len(ws) > 1 && strings.Trim(ws, " ") == "" {
			ws = strings.Repeat(" ", max(1, len(oldTyp)+len(ws)-len(typ)))
		}
		b.WriteString(ws)
	}
	b.WriteString(rdata)
	if inPlace {
		var cs []string
		for _, c := range lx.comments {
			if c.s > f.typ.s {
				cs = append(cs, s[c.s:c.e])
			}
		}
		if len(cs) > 0 {
			b.WriteString(" ")
			b.WriteString(strings.Join(cs, " "))
		}
	}
	b.WriteString(ed.zf.eol)
	return piece{text: b.String(), kind: kindRR, orig: -1, want: rr, origin: tmpl.origin, dirTTL: tmpl.dirTTL, hasTTL: tmpl.hasTTL}
}

func typeName(t uint16) string {
	if s, ok := dns.TypeToString[t]; ok {
		return s
	}
	return "TYPE" + strconv.Itoa(int(t))
}

// insertTTL puts an explicit TTL into a line before its class and type.
func insertTTL(s string, f fields, ttl uint32) string {
	v := strconv.FormatUint(uint64(ttl), 10)
	if f.hasOwner {
		rest := s[f.owner.e:]
		if w := len(rest) - len(strings.TrimLeft(rest, " ")); w > len(v)+1 {
			// Keep the column of what follows.
			return s[:f.owner.e] + " " + v + rest[len(v)+1:]
		}
		return s[:f.owner.e] + " " + v + rest
	}
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return s[:i] + v + " " + s[i:]
}

// withOwner gives a line an explicit owner, keeping the column of what
// follows where the line is laid out with spaces.
func withOwner(p piece, owner string) piece {
	s := p.text
	lx := lexEntry(s)
	f, ok := lx.fields(s)
	if !ok {
		return p
	}
	if !f.hasOwner {
		p.text = owner + s
		if w := len(s) - len(strings.TrimLeft(s, " ")); w > 1 {
			p.text = owner + strings.Repeat(" ", max(1, w-len(owner))) + s[w:]
		} else if w == 1 {
			p.text = owner + s
		}
		return p
	}
	rest := s[f.owner.e:]
	w := len(rest) - len(strings.TrimLeft(rest, " "))
	if w > 1 && (len(rest) == w || rest[w] != '\t') {
		rest = strings.Repeat(" ", max(1, f.owner.e-f.owner.s+w-len(owner))) + rest[w:]
	}
	p.text = owner + rest
	return p
}

// bumpSerial rewrites the SOA serial in its line.
func (ed *editor) bumpSerial(now time.Time) error {
	for i, p := range ed.pieces {
		soa, ok := p.want.(*dns.SOA)
		if p.kind != kindRR || !ok || !strings.EqualFold(soa.Hdr.Name, ed.zf.zone) {
			continue
		}
		lx := lexEntry(p.text)
		f, ok := lx.fields(p.text)
		if !ok || f.rdata+2 >= len(lx.toks) {
			return errors.New("cannot find the SOA serial")
		}
		t := lx.toks[f.rdata+2]
		if v, err := strconv.ParseUint(p.text[t.s:t.e], 10, 32); err != nil || uint32(v) != soa.Serial {
			return errors.New("cannot find the SOA serial in its line")
		}
		next := nextSerial(soa.Serial, now)
		n := dns.Copy(soa).(*dns.SOA)
		n.Serial = next
		p.text = p.text[:t.s] + strconv.FormatUint(uint64(next), 10) + p.text[t.e:]
		p.want = n
		ed.pieces[i] = p
		return nil
	}
	return errors.New("no SOA record")
}

// text returns the edited file and its records, checked by parsing it
// again: every line must give the record it is meant to. A line whose owner
// or TTL came from a line now gone or changed (a blank owner, a TTL taken
// from the record before it) is given its own explicit owner or TTL, one
// line at a time. Errors name lines by number, never by their text.
func (ed *editor) text() (string, []dns.RR, error) {
	for range len(ed.pieces) + 2 {
		var b strings.Builder
		for _, p := range ed.pieces {
			b.WriteString(p.text)
		}
		out := b.String()
		parses.Add(1)
		rrs, err := parseRRs([]byte(out), ed.zf.origin)
		if err != nil {
			return "", nil, fmt.Errorf("the edited zone file would not parse (%w)", syntaxError(ed.zf.path, err))
		}
		j, fixed, line := 0, false, 1
		for i := range ed.pieces {
			p := &ed.pieces[i]
			if p.kind != kindRR {
				line += strings.Count(p.text, "\n")
				continue
			}
			if j >= len(rrs) {
				return "", nil, errors.New("the edited zone file has fewer records than lines")
			}
			got := rrs[j]
			j++
			if sameRR(got, p.want) {
				line += strings.Count(p.text, "\n")
				continue
			}
			lx := lexEntry(p.text)
			f, ok := lx.fields(p.text)
			switch {
			case ok && !f.hasOwner && !strings.EqualFold(got.Header().Name, p.want.Header().Name):
				*p = withOwner(*p, ownerText(p.want.Header().Name, p.origin))
			case ok && !f.hasTTL && got.Header().Ttl != p.want.Header().Ttl:
				p.text = insertTTL(p.text, f, p.want.Header().Ttl)
			default:
				return "", nil, fmt.Errorf("line %d of the edited zone file does not read back as the record it should hold", line)
			}
			fixed = true
			break
		}
		if !fixed {
			if j != len(rrs) {
				return "", nil, errors.New("the edited zone file has more records than lines")
			}
			return out, rrs, nil
		}
	}
	return "", nil, errors.New("the edited zone file does not settle")
}
