package spfedit

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"
)

const versionTag = "v=spf1"

// IsSPF reports whether a TXT record (its character-strings already joined)
// is an SPF version 1 record: it starts with "v=spf1", in any case, followed by
// a space or the end (RFC 7208 §4.5). "v=spf10" and "spf2.0/pra" are not.
func IsSPF(txt string) bool {
	return len(txt) >= len(versionTag) && strings.EqualFold(txt[:len(versionTag)], versionTag) &&
		(len(txt) == len(versionTag) || txt[len(versionTag)] == ' ')
}

// JoinStrings joins the character-strings of one TXT record with nothing
// between them, as RFC 7208 §3.3 requires.
func JoinStrings(strs []string) string { return strings.Join(strs, "") }

// Select picks the SPF record among the TXT records at a name (each one's
// character-strings already joined), as RFC 7208 §4.5 says. It returns the
// index of the one SPF record, -1 and a nil error when there is none, and a
// *MultipleRecordsError naming all of them when there are two or more.
func Select(txts []string) (int, error) {
	idx := -1
	var found []string
	for i, t := range txts {
		if IsSPF(t) {
			if idx < 0 {
				idx = i
			}
			found = append(found, t)
		}
	}
	if len(found) > 1 {
		return -1, &MultipleRecordsError{Records: found}
	}
	return idx, nil
}

// Parse parses an SPF record. The record must start with the version tag
// (see IsSPF); every term must follow RFC 7208 §12. The error, if any, is a
// *SyntaxError naming the first offending term.
func Parse(s string) (*Record, error) {
	if !IsSPF(s) {
		e := &SyntaxError{Record: s, Err: ErrNotSPF}
		trimmed := strings.TrimLeft(s, " \t")
		lower := strings.ToLower(s)
		switch {
		case strings.HasPrefix(lower, versionTag) && len(s) > len(versionTag):
			// Something glued to v=spf1: name it (a full-width space is invisible).
			r, _ := utf8.DecodeRuneInString(s[len(versionTag):])
			c := fmt.Sprintf("%U", r)
			if r == '\u3000' {
				c += " (full-width space)"
			}
			e.Pos = len(versionTag)
			e.Hint, e.HintCode, e.HintArgs = fmt.Sprintf("the character %s follows \"v=spf1\": put an ASCII space there", c), HintAfterVersion, []string{c}
		case strings.HasPrefix(trimmed, `"`) || strings.HasPrefix(trimmed, "'") || strings.HasPrefix(trimmed, "\u201c") || strings.HasPrefix(trimmed, "\u201d"):
			e.Hint, e.HintCode = "remove the quotes around the record: give the text from v=spf1 to the end", HintQuoted
		case strings.HasPrefix(strings.ToLower(trimmed), versionTag):
			e.Hint, e.HintCode = "remove what stands before \"v=spf1\" or between it and the first space", HintBeforeVersion
		}
		return nil, e
	}
	// One allocation for the terms, with room for the include an edit
	// usually adds; the terms' texts are slices of s.
	// (Every term follows at least one space: their count bounds it.)
	r := &Record{version: s[:len(versionTag)], terms: make([]Term, 0, strings.Count(s[len(versionTag):], " ")+1)}
	// Terms are visible ASCII (RFC 7208 §12): checked once for the whole
	// record; only a record that fails is looked at term by term.
	visible := firstNonVisible(s, ' ') == len(s)
	i := len(versionTag)
	var haveRedirect, haveExp bool
	for i < len(s) {
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j == len(s) {
			r.trail = s[i:]
			break
		}
		k := len(s)
		if e := strings.IndexByte(s[j:], ' '); e >= 0 {
			k = j + e
		}
		// The term is parsed in its place in the slice, not copied there.
		r.terms = r.terms[:len(r.terms)+1]
		t := &r.terms[len(r.terms)-1]
		if err := parseTerm(t, s[j:k], j, visible); err != nil {
			err.Record = s
			return nil, err
		}
		switch t.Kind {
		case KindRedirect:
			if haveRedirect {
				return nil, &SyntaxError{Record: s, Term: t.Text, Pos: j, Err: ErrDuplicateModifier,
					Hint:     "a record may have only one redirect=; keep one and delete the other",
					HintCode: HintOneModifier, HintArgs: []string{"redirect"}}
			}
			haveRedirect = true
		case KindExp:
			if haveExp {
				return nil, &SyntaxError{Record: s, Term: t.Text, Pos: j, Err: ErrDuplicateModifier,
					Hint:     "a record may have only one exp=; keep one and delete the other",
					HintCode: HintOneModifier, HintArgs: []string{"exp"}}
			}
			haveExp = true
		}
		t.sep = s[i:j]
		i = k
	}
	return r, nil
}

// MustParse is like Parse but panics on an error. It is meant for tests and
// for constants known to be valid.
func MustParse(s string) *Record {
	r, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return r
}

// mechanismKind returns the mechanism called name, in any case.
func mechanismKind(name string) (Kind, bool) {
	if len(name) == 0 || len(name) > 7 {
		return KindInvalid, false
	}
	var k uint64
	for i := 0; i < len(name); i++ {
		k = k<<8 | uint64(lower(name[i]))
	}
	return packedKind(k)
}

// lower lower-cases an ASCII letter.
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// packedKind returns the mechanism whose name, lower case, packed one byte
// after the other into an integer, is k.
func packedKind(k uint64) (Kind, bool) {
	switch k {
	case 'a':
		return KindA, true
	case 'm'<<8 | 'x':
		return KindMX, true
	case 'a'<<16 | 'l'<<8 | 'l':
		return KindAll, true
	case 'p'<<16 | 't'<<8 | 'r':
		return KindPTR, true
	case 'i'<<16 | 'p'<<8 | '4':
		return KindIP4, true
	case 'i'<<16 | 'p'<<8 | '6':
		return KindIP6, true
	case 'e'<<40 | 'x'<<32 | 'i'<<24 | 's'<<16 | 't'<<8 | 's':
		return KindExists, true
	case 'i'<<48 | 'n'<<40 | 'c'<<32 | 'l'<<24 | 'u'<<16 | 'd'<<8 | 'e':
		return KindInclude, true
	}
	return KindInvalid, false
}

// Common misspellings and the term the writer most likely meant.
var mechanismHints = map[string]hint{
	"ipv4": didYouMean("ip4"), "ip": {"did you mean ip4 or ip6?", HintIP4OrIP6, nil},
	"ipv6": didYouMean("ip6"), "inc": didYouMean("include"), "includes": didYouMean("include"),
	"inlcude": didYouMean("include"), "incude": didYouMean("include"), "inculde": didYouMean("include"),
	"redirect": {"did you mean redirect=DOMAIN (with =, not :)?", HintModifierEquals, []string{"redirect"}},
	"exp":      {"did you mean exp=DOMAIN (with =, not :)?", HintModifierEquals, []string{"exp"}},
	"exist":    didYouMean("exists"),
	"v":        {"did you mean a space-separated v=spf1 only at the start?", HintVersionSpaced, nil},
	"spf1":     {"did you mean v=spf1 only at the start?", HintVersionStart, nil},
	"v=spf1":   {"did you mean v=spf1 only once, at the start?", HintVersionOnce, nil},
}

// hint is a SyntaxError's Hint with its code and arguments.
type hint struct {
	text string
	code string
	args []string
}

var noHint hint

func didYouMean(m string) hint { return hint{"did you mean " + m + "?", HintDidYouMean, []string{m}} }

// firstNonVisible returns the index of the first byte of s outside
// low..'~' (low is '!' for a term, ' ' for a record: RFC 7208 §12 allows
// visible ASCII only), or len(s); eight bytes at a time.
func firstNonVisible(s string, low byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8] // one bounds check for the eight loads
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// A byte >= 0x80, a byte 0x7f (+1 reaches 0x80 in a byte under
		// 0x80, without a carry), or a byte under low.
		if x&highs != 0 || (x+ones)&highs != 0 || (x-uint64(low)*ones)&^x&highs != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < low || c > '~' {
			return i
		}
	}
	return i
}

// nameChar: the bytes of a mechanism or modifier name as Parse scans it.
var nameChar = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = isAlpha(byte(c)) || isDigit(byte(c)) || c == '-' || c == '_' || c == '.'
	}
	return t
}()

func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseTerm parses the term text at byte pos of its record into *t (a
// zero Term). visible: the record has no byte outside ' '..'~'.
func parseTerm(t *Term, text string, pos int, visible bool) *SyntaxError {
	t.Text, t.Pos, t.Prefix4, t.Prefix6 = text, pos, -1, -1
	fail := func(err error, h hint) *SyntaxError {
		e := &SyntaxError{Term: text, Pos: pos, Err: err, Hint: h.text, HintCode: h.code, HintArgs: h.args}
		var re *ReasonError
		if errors.As(err, &re) {
			e.Reason, e.Detail = re.Reason, re.Detail
		}
		return e
	}
	start := len(text)
	if !visible {
		start = firstNonVisible(text, '!')
	}
	for i := start; i < len(text); i++ {
		if c := text[i]; c-0x21 > 0x7e-0x21 { // outside '!'..'~'
			off := strconv.Itoa(i)
			err := reason(ErrBadCharacter, ReasonBadByte, []string{fmt.Sprintf("0x%02x", c), off},
				"%w: byte 0x%02x at offset %d of the term", ErrBadCharacter, c, i)
			if r, size := utf8.DecodeRuneInString(text[i:]); r != utf8.RuneError || size > 1 {
				err = reason(ErrBadCharacter, ReasonBadRune, []string{fmt.Sprintf("%U", r), fmt.Sprintf("%q", r), off},
					"%w: %U %q at offset %d of the term", ErrBadCharacter, r, r, i)
			}
			return fail(err, hint{"retype the term in plain ASCII: full-width (zenkaku) letters, spaces and quotes, tabs and line breaks are not allowed", HintASCIIOnly, nil})
		}
	}
	rest := text
	if q := Qualifier(rest[0]); q == QualifierPass || q == QualifierFail || q == QualifierSoftFail || q == QualifierNeutral {
		t.Qualifier = q
		rest = rest[1:]
	}
	// The name, packed in lower case as it is scanned (mechanism names
	// are at most 7 bytes).
	n, packed := 0, uint64(0)
	for n < len(rest) && nameChar[rest[n]] {
		if n < 8 {
			packed = packed<<8 | uint64(lower(rest[n]))
		}
		n++
	}
	t.Name, rest = rest[:n], rest[n:]

	// Modifier: name "=" value (RFC 7208 §6, §12).
	if strings.HasPrefix(rest, "=") {
		if t.Qualifier != QualifierNone {
			return fail(ErrBadQualifier, hint{"modifiers such as redirect= and exp= take no +, -, ~ or ? in front", HintModifierQualifier, nil})
		}
		if t.Name == "" || !isAlpha(t.Name[0]) {
			return fail(reason(ErrBadModifier, ReasonModifierName, nil, "%w: the name before '=' must start with a letter", ErrBadModifier), noHint)
		}
		t.Value, t.HasValue = rest[1:], true
		switch {
		case strings.EqualFold(t.Name, "redirect"), strings.EqualFold(t.Name, "exp"):
			lname := "redirect"
			t.Kind = KindRedirect
			if len(t.Name) == 3 {
				t.Kind, lname = KindExp, "exp"
			}
			if t.Value == "" {
				return fail(reason(ErrMissingDomain, ReasonMissingAfter, []string{lname + "="}, "%w after %s=", ErrMissingDomain, lname),
					hint{"write " + lname + "=DOMAIN", HintWriteModifier, []string{lname}})
			}
			if err := checkDomainSpec(t.Value); err != nil {
				return fail(err, noHint)
			}
			return nil
		default:
			t.Kind = KindUnknownModifier
			if _, err := scanMacroString(t.Value, false, nil); err != nil {
				return fail(err, noHint)
			}
		}
		return nil
	}

	kind, ok := KindInvalid, false
	if n <= 7 {
		kind, ok = packedKind(packed)
	}
	switch {
	case ok && rest != "" && rest[0] != ':' && rest[0] != '/':
		// "~all]", "mx,", "a;": a mechanism with something glued to it.
		return fail(afterMechanism(text, t.Name, rest))
	case !ok:
		// "-all." or "mx-": the name characters after a mechanism.
		if m := strings.TrimRight(t.Name, "-_."); m != "" && m != t.Name {
			if _, known := mechanismKind(m); known {
				return fail(afterMechanism(text, m, t.Name[len(m):]+rest))
			}
		}
		if t.Name == "" && strings.HasPrefix(rest, ":") {
			return fail(ErrUnknownMechanism, hint{"a term cannot start with ':'", HintNoColonStart, nil})
		}
		lname := strings.ToLower(t.Name)
		h := hint{"the mechanisms are all, include, a, mx, ptr, ip4, ip6 and exists", HintMechanisms, nil}
		if mh, ok := mechanismHints[lname]; ok {
			h = mh
		}
		name := t.Name
		if rest != "" && rest[0] != ':' && rest[0] != '/' {
			name = rest
			if t.Name != "" {
				name = t.Name + rest
			}
		}
		if i := strings.IndexAny(name, ":/="); i >= 0 {
			name = name[:i]
		}
		return fail(reason(ErrUnknownMechanism, ReasonUnknownName, []string{name}, "%w %q", ErrUnknownMechanism, name), h)
	}
	t.Kind = kind
	lname := kind.String()
	switch kind {
	case KindAll:
		if rest != "" {
			return fail(reason(ErrUnexpectedArgument, ReasonArgument, []string{rest}, "%w: %q", ErrUnexpectedArgument, rest),
				hint{"write just \"all\" with its qualifier, e.g. ~all", HintAllAlone, nil})
		}
	case KindInclude, KindExists:
		if !strings.HasPrefix(rest, ":") || len(rest) == 1 {
			return fail(reason(ErrMissingDomain, ReasonMissingAfter, []string{lname}, "%w after %s", ErrMissingDomain, lname),
				hint{"write " + lname + ":DOMAIN, e.g. " + lname + ":_spf.example.com", HintWriteDomain, []string{lname}})
		}
		t.Value, t.HasValue = rest[1:], true
		if err := checkDomainSpec(t.Value); err != nil {
			return fail(err, noHint)
		}
	case KindPTR:
		if strings.HasPrefix(rest, "/") {
			return fail(reason(ErrBadCIDR, ReasonPTRPrefix, nil, "%w: ptr takes no prefix length", ErrBadCIDR), noHint)
		}
		if rest != "" {
			if len(rest) == 1 {
				return fail(reason(ErrMissingDomain, ReasonMissingAfter, []string{"ptr:"}, "%w after ptr:", ErrMissingDomain),
					hint{"write ptr or ptr:DOMAIN", HintOptionalDomain, []string{"ptr"}})
			}
			t.Value, t.HasValue = rest[1:], true
			if err := checkDomainSpec(t.Value); err != nil {
				return fail(err, noHint)
			}
		}
	case KindA, KindMX:
		spec, p4, p6, err := splitDualCIDR(rest)
		if err != nil {
			return fail(err, hint{"IPv4 lengths are /0 to /32 and IPv6 lengths //0 to //128, without leading zeros", HintDualCIDR, nil})
		}
		t.Prefix4, t.Prefix6 = p4, p6
		if spec != "" {
			if spec == ":" {
				return fail(reason(ErrMissingDomain, ReasonMissingAfter, []string{lname + ":"}, "%w after %s:", ErrMissingDomain, lname),
					hint{"write " + lname + " or " + lname + ":DOMAIN", HintOptionalDomain, []string{lname}})
			}
			if spec[0] != ':' {
				return fail(reason(ErrUnexpectedArgument, ReasonArgument, []string{spec}, "%w: %q", ErrUnexpectedArgument, spec), noHint)
			}
			t.Value, t.HasValue = spec[1:], true
			if err := checkDomainSpec(t.Value); err != nil {
				return fail(err, noHint)
			}
		}
	case KindIP4, KindIP6:
		if !strings.HasPrefix(rest, ":") || len(rest) == 1 {
			return fail(reason(ErrBadIP, ReasonNoAddress, []string{lname}, "%w: %s needs an address", ErrBadIP, lname),
				hint{"write " + lname + ":ADDRESS or " + lname + ":ADDRESS/LENGTH", HintWriteAddress, []string{lname}})
		}
		val := rest[1:]
		addr, cidr, hasCIDR := strings.Cut(val, "/")
		t.Value, t.HasValue = addr, true
		a, err := parseAddr(addr, kind == KindIP4)
		if err != nil || a.Zone() != "" || (kind == KindIP4) != a.Is4() {
			if kind == KindIP4 {
				h := hint{"an IPv4 address is four numbers from 0 to 255, e.g. ip4:192.0.2.1", HintIPv4Form, nil}
				if err == nil && a.Is6() {
					h = hint{"this is an IPv6 address: write ip6:" + addr, HintWriteIP6, []string{addr}}
				}
				return fail(reason(ErrBadIP, ReasonNotIPv4, []string{addr}, "%w: %q is not an IPv4 address", ErrBadIP, addr), h)
			}
			h := hint{"write an IPv6 address such as ip6:2001:db8::1", HintIPv6Form, nil}
			if err == nil && a.Is4() {
				h = hint{"this is an IPv4 address: write ip4:" + addr, HintWriteIP4, []string{addr}}
			}
			return fail(reason(ErrBadIP, ReasonNotIPv6, []string{addr}, "%w: %q is not an IPv6 address", ErrBadIP, addr), h)
		}
		t.Addr = a
		if hasCIDR {
			max := 32
			if kind == KindIP6 {
				max = 128
			}
			n, err := parseCIDR(cidr, max)
			if err != nil {
				return fail(err, hint{fmt.Sprintf("the length after / is 0 to %d, without leading zeros", max), HintCIDRMax, []string{strconv.Itoa(max)}})
			}
			if kind == KindIP4 {
				t.Prefix4 = n
			} else {
				t.Prefix6 = n
			}
		}
	}
	return nil
}

// afterMechanism is the error of a term whose mechanism name (as written)
// is followed by text no mechanism takes: "~all]", "mx,", "a;mx". It says
// what is wrong with the term as written and gives the term to write.
func afterMechanism(text, name, junk string) (error, hint) {
	err := reason(ErrUnexpectedText, ReasonAfterMechanism, []string{junk, name},
		"%w: %q after the mechanism %q", ErrUnexpectedText, junk, name)
	head := text[:len(text)-len(junk)] // the qualifier and the name
	switch junk[0] {
	case ',', ';':
		// Terms separated by commas or semicolons instead of spaces.
		fixed := strings.Join(strings.FieldsFunc(head+" "+junk, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }), " ")
		return err, hint{fmt.Sprintf("terms are separated by spaces, not %q: write %q", junk[:1], fixed), HintSeparator, []string{junk[:1], fixed}}
	case '+', '-', '~', '?':
		// The next term glued on without a space: "a~all".
		fixed := head + " " + junk
		return err, hint{fmt.Sprintf("put a space between the terms: write %q", fixed), HintSpaceBetween, []string{fixed}}
	}
	return err, hint{fmt.Sprintf("remove %q: write %q", junk, head), HintRemoveText, []string{junk, head}}
}

// parseAddr parses an IP address; the dotted quad of an ip4 term without
// netip's general parser (the quick path of most records), anything else
// with it.
func parseAddr(s string, v4 bool) (netip.Addr, error) {
	if v4 {
		var b [4]byte
		n, part, digits := 0, 0, 0
		ok := true
		for i := 0; i < len(s) && ok; i++ {
			switch c := s[i]; {
			case c >= '0' && c <= '9':
				if digits > 0 && part == 0 { // a leading zero
					ok = false
				}
				part, digits = part*10+int(c-'0'), digits+1
				ok = ok && part <= 255
			case c == '.' && digits > 0 && n < 3:
				b[n], n, part, digits = byte(part), n+1, 0, 0
			default:
				ok = false
			}
		}
		if ok && n == 3 && digits > 0 {
			b[3] = byte(part)
			return netip.AddrFrom4(b), nil
		}
	}
	return netip.ParseAddr(s)
}

// splitDualCIDR splits "[:domain-spec][/n][//n]" into its parts.
func splitDualCIDR(s string) (spec string, p4, p6 int, err error) {
	p4, p6 = -1, -1
	if i := strings.LastIndex(s, "//"); i >= 0 && allDigits(s[i+2:]) {
		if p6, err = parseCIDR(s[i+2:], 128); err != nil {
			return "", -1, -1, err
		}
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '/'); i >= 0 && allDigits(s[i+1:]) && !strings.HasSuffix(s[:i], "/") {
		if p4, err = parseCIDR(s[i+1:], 32); err != nil {
			return "", -1, -1, err
		}
		s = s[:i]
	}
	if !strings.HasPrefix(s, ":") && strings.Contains(s, "/") {
		return "", -1, -1, reason(ErrBadCIDR, ReasonCIDRText, []string{s}, "%w: %q", ErrBadCIDR, s)
	}
	return s, p4, p6, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// parseCIDR parses a prefix length as RFC 7208 §12 writes it: "0" or a
// number without a leading zero, at most max.
func parseCIDR(s string, max int) (int, error) {
	if s == "" || !allDigits(s) || (len(s) > 1 && s[0] == '0') || len(s) > 3 {
		return 0, reason(ErrBadCIDR, ReasonCIDRText, []string{"/" + s}, "%w: %q", ErrBadCIDR, "/"+s)
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	if n > max {
		return 0, reason(ErrBadCIDR, ReasonCIDRTooLong, []string{strconv.Itoa(n), strconv.Itoa(max)}, "%w: /%d is more than %d", ErrBadCIDR, n, max)
	}
	return n, nil
}

// parseDomainSpec parses a domain-spec (RFC 7208 §12): a macro-string that
// ends in a macro-expand or in "." toplabel with an optional trailing dot.
func parseDomainSpec(s string) (MacroString, error) {
	var ms MacroString
	tail, err := scanMacroString(s, false, &ms)
	if err != nil {
		return nil, err
	}
	if err := checkDomainEnd(s, tail); err != nil {
		return nil, err
	}
	return ms, nil
}

// checkDomainSpec is parseDomainSpec without building the macro-string: it
// allocates nothing for a valid domain-spec.
func checkDomainSpec(s string) error {
	if strings.IndexByte(s, '%') < 0 {
		// No macro: parseTerm has checked the bytes already.
		return checkDomainEnd(s, 0)
	}
	tail, err := scanMacroString(s, false, nil)
	if err != nil {
		return err
	}
	return checkDomainEnd(s, tail)
}

// checkDomainEnd checks the end of a domain-spec whose trailing literal text
// starts at s[tail:] (tail is len(s) when it ends with a macro-expand or an
// escape, which is allowed).
func checkDomainEnd(s string, tail int) error {
	if s != "" && tail >= len(s) {
		return nil
	}
	last := strings.TrimSuffix(s[tail:], ".")
	dot := strings.LastIndexByte(last, '.')
	if dot < 0 {
		return reason(ErrBadDomain, ReasonNoDot, []string{s}, "%w %q: a domain needs at least one dot, e.g. example.com", ErrBadDomain, s)
	}
	if !isTopLabel(last[dot+1:]) {
		return reason(ErrBadDomain, ReasonTopLabel, []string{s, last[dot+1:]},
			"%w %q: the last label %q must be letters, digits and hyphens with at least one letter", ErrBadDomain, s, last[dot+1:])
	}
	return nil
}

// isTopLabel: ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
func isTopLabel(l string) bool {
	if l == "" {
		return false
	}
	alpha, hyphen := false, false
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case isAlpha(c):
			alpha = true
		case isDigit(c):
		case c == '-':
			hyphen = true
		default:
			return false
		}
	}
	if hyphen {
		return l[0] != '-' && l[len(l)-1] != '-'
	}
	return alpha
}

// ValidateDomain checks that name is a plain domain name usable as an
// include target: ASCII, no macros, at least two labels, labels of at most
// 63 bytes, a top label that is not all digits. A trailing dot is allowed.
func ValidateDomain(name string) error {
	if name == "" {
		return reason(ErrBadDomain, ReasonEmptyName, nil, "%w: empty name", ErrBadDomain)
	}
	if strings.ContainsAny(name, "%") {
		return reason(ErrBadDomain, ReasonDomainMacro, []string{name}, "%w %q: macros are not allowed here", ErrBadDomain, name)
	}
	n := strings.TrimSuffix(name, ".")
	if len(n) > 253 {
		return reason(ErrBadDomain, ReasonDomainTooLong, []string{name}, "%w %q: longer than 253 bytes", ErrBadDomain, name)
	}
	labels, last := 0, ""
	for rest := n; ; {
		l, after, more := strings.Cut(rest, ".")
		labels, last = labels+1, l
		if l == "" || len(l) > 63 {
			return reason(ErrBadDomain, ReasonDomainLabel, []string{name}, "%w %q: empty label or label over 63 bytes", ErrBadDomain, name)
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !isAlpha(c) && !isDigit(c) && c != '-' && c != '_' {
				if c >= 0x80 {
					return reason(ErrBadDomain, ReasonDomainIDN, []string{name}, "%w %q: convert an internationalised name to its xn-- form first", ErrBadDomain, name)
				}
				return reason(ErrBadDomain, ReasonDomainChar, []string{name, fmt.Sprintf("%q", c)}, "%w %q: character %q not allowed", ErrBadDomain, name, c)
			}
		}
		if !more {
			break
		}
		rest = after
	}
	if labels < 2 || !isTopLabel(last) {
		return reason(ErrBadDomain, ReasonDomainForm, []string{name}, "%w %q: a domain needs at least one dot and a last label with a letter, e.g. example.com", ErrBadDomain, name)
	}
	return nil
}
