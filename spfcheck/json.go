package spfcheck

import (
	"strconv"
	"unicode/utf8"

	"github.com/spfpatch/spfpatch/spfedit"
)

// The JSON of the lookup tree is written by hand: it is most of what
// `check --format json` prints, and encoding/json's reflection was a sixth
// of that command's CPU time over thousands of domains. The output is
// byte for byte what encoding/json gives for these types (with
// SetEscapeHTML(false)); json_test.go holds them to it.

// AppendJSON appends n as a JSON object, as encoding/json marshals it
// without HTML escaping.
func (n *Node) AppendJSON(b []byte) []byte {
	if n == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"term":`...)
	b = AppendJSONString(b, n.Term)
	if n.Domain != "" {
		b = append(b, `,"domain":`...)
		b = AppendJSONString(b, n.Domain)
	}
	if n.Record != "" {
		b = append(b, `,"record":`...)
		b = AppendJSONString(b, n.Record)
	}
	b = appendInt(b, `,"cost":`, n.Cost)
	b = appendInt(b, `,"lookups":`, n.Lookups)
	if n.Void {
		b = append(b, `,"void":true`...)
	}
	if n.VoidLookups != 0 {
		b = appendInt(b, `,"void_lookups":`, n.VoidLookups)
	}
	if n.VoidLookups4 != 0 {
		b = appendInt(b, `,"void_lookups_ipv4":`, n.VoidLookups4)
	}
	if n.VoidLookups6 != 0 {
		b = appendInt(b, `,"void_lookups_ipv6":`, n.VoidLookups6)
	}
	if n.Note != "" {
		b = append(b, `,"note":`...)
		b = AppendJSONString(b, n.Note)
	}
	if n.NoteCode != "" {
		b = append(b, `,"note_code":`...)
		b = AppendJSONString(b, n.NoteCode)
	}
	if len(n.NoteArgs) > 0 {
		b = append(b, `,"note_args":`...)
		b = AppendJSONStrings(b, n.NoteArgs)
	}
	if n.Error != "" {
		b = append(b, `,"error":`...)
		b = AppendJSONString(b, n.Error)
	}
	if n.ErrorCode != "" {
		b = append(b, `,"error_code":`...)
		b = AppendJSONString(b, n.ErrorCode)
	}
	if len(n.ErrorArgs) > 0 {
		b = append(b, `,"error_args":`...)
		b = AppendJSONStrings(b, n.ErrorArgs)
	}
	if len(n.Children) > 0 {
		b = append(b, `,"children":[`...)
		for i, k := range n.Children {
			if i > 0 {
				b = append(b, ',')
			}
			b = k.AppendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// AppendJSON appends p as a JSON object.
func (p Problem) AppendJSON(b []byte) []byte {
	b = append(b, `{"code":`...)
	b = AppendJSONString(b, p.Code)
	if len(p.Args) > 0 {
		b = append(b, `,"args":`...)
		b = AppendJSONStrings(b, p.Args)
	}
	if len(p.Path) > 0 {
		b = append(b, `,"path":`...)
		b = AppendJSONStrings(b, p.Path)
	}
	b = append(b, `,"message":`...)
	b = AppendJSONString(b, p.Message)
	return append(b, '}')
}

// AppendJSONProblems appends ps as a JSON array (null when nil).
func AppendJSONProblems(b []byte, ps []Problem) []byte {
	if ps == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = p.AppendJSON(b)
	}
	return append(b, ']')
}

// AppendJSONWarnings appends ws as a JSON array (null when nil).
func AppendJSONWarnings(b []byte, ws []spfedit.Warning) []byte {
	if ws == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, w := range ws {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"code":`...)
		b = AppendJSONString(b, w.Code)
		if w.Term != "" {
			b = append(b, `,"term":`...)
			b = AppendJSONString(b, w.Term)
		}
		b = appendInt(b, `,"pos":`, w.Pos)
		b = append(b, `,"message":`...)
		b = AppendJSONString(b, w.Message)
		b = append(b, '}')
	}
	return append(b, ']')
}

// AppendJSONFields appends r's fields, without the braces, so that a
// caller can add its own after them (as encoding/json does with an
// embedded *Report).
func (r *Report) AppendJSONFields(b []byte) []byte {
	b = append(b, `"domain":`...)
	b = AppendJSONString(b, r.Domain)
	b = append(b, `,"record":`...)
	b = AppendJSONString(b, r.Record)
	b = append(b, `,"status":`...)
	b = AppendJSONString(b, r.Status)
	b = appendInt(b, `,"lookups":`, r.Lookups)
	b = appendInt(b, `,"void_lookups":`, r.VoidLookups)
	b = appendInt(b, `,"void_lookups_ipv4":`, r.VoidLookups4)
	b = appendInt(b, `,"void_lookups_ipv6":`, r.VoidLookups6)
	b = appendBool(b, `,"limit_ok":`, r.LimitOK)
	b = append(b, `,"tree":`...)
	b = r.Tree.AppendJSON(b)
	b = append(b, `,"errors":`...)
	b = AppendJSONStrings(b, r.Errors)
	b = append(b, `,"problems":`...)
	b = AppendJSONProblems(b, r.Problems)
	b = append(b, `,"warnings":`...)
	return AppendJSONWarnings(b, r.Warnings)
}

func appendInt(b []byte, key string, v int) []byte {
	return strconv.AppendInt(append(b, key...), int64(v), 10)
}

func appendBool(b []byte, key string, v bool) []byte {
	return strconv.AppendBool(append(b, key...), v)
}

// AppendJSONStrings appends ss as a JSON array of strings (null when nil).
func AppendJSONStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendJSONString(b, s)
	}
	return append(b, ']')
}

// jsonSafe: the ASCII bytes a JSON string holds as they are.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// AppendJSONString appends s as a JSON string the way encoding/json writes
// it without HTML escaping: '"', '\\' and control characters escaped
// (\b \f \n \r \t, others \u00XX), invalid UTF-8 as \ufffd, U+2028 and
// U+2029 escaped.
func AppendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
