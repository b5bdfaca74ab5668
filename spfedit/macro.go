package spfedit

import (
	"fmt"
	"strconv"
	"strings"
)

// MacroItem is one piece of a macro-string (RFC 7208 §7.1): literal text, or
// a macro-expand "%{" letter transformers delimiters "}".
type MacroItem struct {
	// Literal holds the text of a literal piece. The escapes "%%", "%_" and
	// "%-" are stored already expanded, as "%", " " and "%20", with Escape set.
	Literal string
	Escape  bool
	// Letter is the lower-case macro letter of a macro-expand, 0 for literals.
	Letter  byte
	Upper   bool   // the letter was written in upper case: URL-escape the value (§7.3)
	Digits  int    // keep this many right-hand parts; 0 = all (counted up to 1000)
	Reverse bool   // the r transformer
	Delims  string // the delimiters given, "" = "."

	digits string // the digits as written, when Digits does not write them back ("010", "99999")
	upperR bool   // the r transformer was written "R" (§7.1 allows either case)
}

func (m MacroItem) isLiteralText() bool { return m.Letter == 0 && !m.Escape }

// String writes the item back in macro syntax.
func (m MacroItem) String() string {
	if m.Letter == 0 {
		if m.Escape {
			switch m.Literal {
			case "%":
				return "%%"
			case " ":
				return "%_"
			default:
				return "%-"
			}
		}
		return m.Literal
	}
	var b strings.Builder
	b.WriteString("%{")
	l := m.Letter
	if m.Upper {
		l -= 'a' - 'A'
	}
	b.WriteByte(l)
	switch {
	case m.digits != "":
		b.WriteString(m.digits)
	case m.Digits > 0:
		fmt.Fprintf(&b, "%d", m.Digits)
	}
	switch {
	case m.Reverse && m.upperR:
		b.WriteByte('R')
	case m.Reverse:
		b.WriteByte('r')
	}
	b.WriteString(m.Delims)
	b.WriteByte('}')
	return b.String()
}

// MacroString is a parsed macro-string.
type MacroString []MacroItem

// HasMacros reports whether the string has any macro-expand with a letter
// (escapes do not count).
func (ms MacroString) HasMacros() bool {
	for _, m := range ms {
		if m.Letter != 0 {
			return true
		}
	}
	return false
}

// String writes the macro-string back in macro syntax.
func (ms MacroString) String() string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(m.String())
	}
	return b.String()
}

const macroLetters = "slodiphcrtv"

// ParseMacroString parses s as a macro-string (RFC 7208 §7.1, §12). With
// explain set it parses an explain-string instead: spaces are allowed and the
// letters c, r and t, which only explanations may use (§7.3).
func ParseMacroString(s string, explain bool) (MacroString, error) {
	var ms MacroString
	if _, err := scanMacroString(s, explain, &ms); err != nil {
		return nil, err
	}
	return ms, nil
}

// scanMacroString checks s as ParseMacroString does and, when ms is not nil,
// appends its pieces to *ms. It returns where the trailing literal text
// starts: len(s) when s ends with a macro-expand or an escape.
func scanMacroString(s string, explain bool, ms *MacroString) (int, error) {
	lit := func(text string) {
		if ms == nil {
			return
		}
		if n := len(*ms); n > 0 && (*ms)[n-1].isLiteralText() {
			(*ms)[n-1].Literal += text
			return
		}
		*ms = append(*ms, MacroItem{Literal: text})
	}
	add := func(m MacroItem) {
		if ms != nil {
			*ms = append(*ms, m)
		}
	}
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '%' {
			if c < 0x21 || c > 0x7e {
				if c == ' ' && explain {
					continue
				}
				return 0, reason(ErrBadCharacter, ReasonMacroBadByte, []string{fmt.Sprintf("0x%02x", c)}, "%w: byte 0x%02x", ErrBadCharacter, c)
			}
			continue
		}
		if i > start {
			lit(s[start:i])
		}
		if i+1 >= len(s) {
			return 0, reason(ErrBadMacro, ReasonLonePercent, []string{s}, "%w: %q ends with a lone %%; write %%%% for a percent sign", ErrBadMacro, s)
		}
		switch s[i+1] {
		case '%':
			add(MacroItem{Literal: "%", Escape: true})
			i++
		case '_':
			add(MacroItem{Literal: " ", Escape: true})
			i++
		case '-':
			add(MacroItem{Literal: "%20", Escape: true})
			i++
		case '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return 0, reason(ErrBadMacro, ReasonMacroUnclosed, []string{s[i:]}, "%w: %q has no closing }", ErrBadMacro, s[i:])
			}
			m, err := parseMacroExpand(s[i+2:i+end], explain)
			if err != nil {
				macro := s[i : i+end+1]
				return 0, reason(ErrBadMacro, err.Reason, append([]string{macro}, err.Detail...), "%w %q: %s", ErrBadMacro, macro, err)
			}
			add(m)
			i += end
		default:
			return 0, reason(ErrBadMacro, ReasonMacroAfterPercent, []string{s[i : i+2]},
				"%w %q: after %% only {, %%, _ or - may follow; write %%%% for a percent sign", ErrBadMacro, s[i:i+2])
		}
		start = i + 1
	}
	if start < len(s) {
		lit(s[start:])
	}
	return start, nil
}

// parseMacroExpand parses the inside of "%{...}": letter *DIGIT ["r"] *delimiter.
// The error's Detail lacks the macro itself, which the caller puts first.
func parseMacroExpand(body string, explain bool) (MacroItem, *ReasonError) {
	if body == "" {
		return MacroItem{}, macroErr(ReasonMacroNoLetter, nil, "no macro letter")
	}
	l := body[0]
	m := MacroItem{}
	if l >= 'A' && l <= 'Z' {
		m.Upper = true
		l += 'a' - 'A'
	}
	if strings.IndexByte(macroLetters, l) < 0 {
		return m, macroErr(ReasonMacroLetter, []string{fmt.Sprintf("%q", body[0])}, "unknown macro letter %q (valid: s l o d i p h v; c r t only in exp= text)", body[0])
	}
	if !explain && (l == 'c' || l == 'r' || l == 't') {
		return m, macroErr(ReasonMacroExplainOnly, []string{fmt.Sprintf("%q", body[0])}, "macro letter %q is allowed only in explanation text", body[0])
	}
	m.Letter = l
	i := 1
	for i < len(body) && isDigit(body[i]) {
		if m.Digits < 1000 {
			m.Digits = m.Digits*10 + int(body[i]-'0')
		}
		i++
	}
	if d := body[1:i]; d != "" && d != strconv.Itoa(m.Digits) {
		m.digits = d
	}
	if i > 1 && m.Digits == 0 {
		return m, macroErr(ReasonMacroZeroParts, nil, "the number of parts must not be zero")
	}
	if i < len(body) && (body[i] == 'r' || body[i] == 'R') {
		m.Reverse = true
		m.upperR = body[i] == 'R'
		i++
	}
	dstart := i
	for ; i < len(body); i++ {
		if strings.IndexByte(".-+,/_=", body[i]) < 0 {
			return m, macroErr(ReasonMacroDelimiter, []string{fmt.Sprintf("%q", body[i])}, "%q is not a delimiter (valid: . - + , / _ =)", body[i])
		}
	}
	m.Delims = body[dstart:]
	return m, nil
}

func macroErr(code string, detail []string, format string, args ...any) *ReasonError {
	return &ReasonError{Err: ErrBadMacro, Reason: code, Detail: detail, msg: fmt.Sprintf(format, args...)}
}
