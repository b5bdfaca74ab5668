package i18n

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spfpatch/spfpatch/spfcheck"
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

// Node returns the note and the error of a lookup-tree node in p's language
// ("" where the node has none), from NoteCode and ErrorCode; a node without
// codes gives its English Note and Error.
func (p Printer) Node(n *spfcheck.Node) (note, err string) {
	note, err = n.Note, n.Error
	if n.NoteCode != "" {
		if key := "spfcheck.note." + n.NoteCode; Has(key) {
			note = p.T(key, strs(n.NoteArgs)...)
		}
	}
	if n.ErrorCode != "" {
		err = p.checkCode(n.ErrorCode, n.ErrorArgs, n.Error)
	}
	return note, err
}

// Problem returns one of a Report's Problems in p's language: the path to
// the term in error, then what is wrong.
func (p Printer) Problem(pr spfcheck.Problem) string {
	msg := p.checkCode(pr.Code, pr.Args, "")
	if msg == "" {
		return pr.Message
	}
	if len(pr.Path) > 0 {
		return p.T("spfcheck.path", strings.Join(pr.Path, " > "), msg)
	}
	return msg
}

// Problems returns a Report's problems in p's language, one for each of its
// Errors.
func (p Printer) Problems(r *spfcheck.Report) []string {
	if len(r.Problems) != len(r.Errors) {
		return r.Errors
	}
	out := make([]string, len(r.Problems))
	for i, pr := range r.Problems {
		out[i] = p.Problem(pr)
	}
	return out
}

// CheckError returns an error of package spfcheck (CheckHost's Outcome.Err)
// in p's language: an *spfcheck.Error by its code, with the domains and terms
// put before it kept as they are; spfedit errors as SPFError; any other error
// as err.Error().
func (p Printer) CheckError(err error) string {
	if err == nil {
		return ""
	}
	var e *spfcheck.Error
	if errors.As(err, &e) {
		return p.wrapped(err, e, p.checkCode(e.Code, e.Args, e.Error()))
	}
	return p.SPFError(err)
}

// checkCode renders an spfcheck error code with its arguments; an unknown
// code or arguments that do not fit give fallback.
func (p Printer) checkCode(code string, args []string, fallback string) string {
	key := "spfcheck.error." + code
	if !Has(key) {
		return fallback
	}
	switch code {
	case spfcheck.CodeSyntax: // [domain, record]
		if len(args) != 2 {
			return fallback
		}
		_, err := spfedit.Parse(args[1])
		if err == nil {
			return fallback
		}
		return p.T(key, args[0], p.SPFError(err))
	case spfcheck.CodeMultipleRecords: // [domain, records...]
		if len(args) < 3 {
			return fallback
		}
		return p.T(key, args[0], p.SPFError(&spfedit.MultipleRecordsError{Records: args[1:]}))
	}
	if verbArgs(catalog[key][EN]) != len(args) {
		return fallback
	}
	return p.T(key, strs(args)...)
}

// verbArgs returns how many arguments format uses: its highest explicit
// index, or its number of verbs.
func verbArgs(format string) int {
	n, max := 0, 0
	for i := 0; i < len(format)-1; i++ {
		if format[i] != '%' {
			continue
		}
		if format[i+1] == '%' {
			i++
			continue
		}
		n++
		if format[i+1] == '[' {
			j := i + 2
			k := 0
			for j < len(format) && format[j] >= '0' && format[j] <= '9' {
				k = k*10 + int(format[j]-'0')
				j++
			}
			if k > max {
				max = k
			}
		}
	}
	if max > 0 {
		return max
	}
	return n
}
