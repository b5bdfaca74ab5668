package i18n

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spfpatch/spfpatch/spfedit"
)

// Rendering of the messages of packages spfedit and spfcheck, which know no
// language: they give codes and the values the message names, and the
// English text for compatibility; these methods build the text in p's
// language from the codes. The catalog is in catalog_spf.go.

// Warning returns the lint warning w in p's language, built from its Code
// and Args. A warning without Args (built elsewhere) or with an unknown code
// gives its Message.
func (p Printer) Warning(w spfedit.Warning) string {
	key := "lint." + w.Code
	if w.Args == nil || !Has(key) {
		return w.Message
	}
	return p.T(key, strs(w.Args)...)
}

// SPFError returns err in p's language when it is, or wraps, a
// *spfedit.SyntaxError, a *spfedit.MultipleRecordsError or a
// *spfedit.ReasonError (what ValidateDomain and ParseMacroString return):
// the term, its byte offset, the reason and the hint. Text a caller wrapped
// around it is kept as it is, except for the known wrappers of spfedit
// itself. Any other error gives err.Error().
func (p Printer) SPFError(err error) string {
	if err == nil {
		return ""
	}
	var se *spfedit.SyntaxError
	if errors.As(err, &se) {
		return p.wrapped(err, se, p.syntax(se))
	}
	var me *spfedit.MultipleRecordsError
	if errors.As(err, &me) {
		return p.wrapped(err, me, p.multiple(me))
	}
	var re *spfedit.ReasonError
	if errors.As(err, &re) {
		return p.wrapped(err, re, p.reason(re, re.Reason, re.Detail))
	}
	return err.Error()
}

// Prefixes spfedit itself puts before an error, and their messages.
var spfWrappers = map[string]string{
	"include target: ": "spf.include-target",
}

// wrapped puts back the text err adds around inner (as "what: inner").
func (p Printer) wrapped(err, inner error, msg string) string {
	full, in := err.Error(), inner.Error()
	if full == in {
		return msg
	}
	prefix, ok := strings.CutSuffix(full, in)
	if !ok {
		return full
	}
	if key, ok := spfWrappers[prefix]; ok {
		return p.T(key, msg)
	}
	return prefix + msg
}

func (p Printer) syntax(e *spfedit.SyntaxError) string {
	why := p.reason(e.Err, e.Reason, e.Detail)
	var s string
	if e.Term == "" {
		s = p.T("spf.syntax.at", e.Pos, why)
	} else {
		s = p.T("spf.syntax.term", e.Term, e.Pos, why)
	}
	if e.Hint == "" {
		return p.T("spf.syntax.end", s)
	}
	h := e.Hint
	if key := "spf.hint." + e.HintCode; e.HintCode != "" && Has(key) {
		h = p.T(key, strs(e.HintArgs)...)
	}
	return p.T("spf.syntax.hint", s, h)
}

// reason renders the reason of a syntax error: by its reason code when it
// has one, else by its sentinel, else (an error spfedit did not make) as is.
func (p Printer) reason(err error, code string, detail []string) string {
	if code != "" {
		if key := "spf.reason." + code; Has(key) {
			return p.T(key, strs(detail)...)
		}
	} else if c := spfedit.ErrorCode(err); c != "" && isBare(err) {
		return p.T("spf.err." + c)
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// isBare reports whether err is a sentinel itself, not one wrapped with more text.
func isBare(err error) bool { return errors.Unwrap(err) == nil }

func (p Printer) multiple(e *spfedit.MultipleRecordsError) string {
	q := make([]string, len(e.Records))
	for i, r := range e.Records {
		q[i] = fmt.Sprintf("%q", r)
	}
	return p.T("spf.multiple", len(e.Records), strings.Join(q, p.T("spf.multiple.and")))
}

// strs converts message values to fmt arguments.
func strs(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
