package plan

import (
	"errors"
	"strings"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/spfedit"
)

// MsgError is an error whose text is a message of the i18n catalog: Error
// is the English text, Text the text in a printer's language. Errors among
// Args are rendered in the same language.
type MsgError struct {
	Key  string
	Args []any
	Err  error // wrapped, for errors.Is and errors.As; may be nil
}

// msgErr returns a *MsgError for key, wrapping err.
func msgErr(err error, key string, args ...any) error {
	return &MsgError{Key: key, Args: args, Err: err}
}

func (e *MsgError) Error() string { return e.Text(i18n.Printer{}) }

// Unwrap returns the wrapped error.
func (e *MsgError) Unwrap() error { return e.Err }

// Text returns the message in p's language.
func (e *MsgError) Text(p i18n.Printer) string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		if err, ok := a.(error); ok {
			args[i] = Localize(p, err)
		} else {
			args[i] = a
		}
	}
	return p.T(e.Key, args...)
}

// Localize returns err's text in p's language: a *MsgError is rendered
// from the catalog, an SPF syntax or multiple-record error by the i18n
// package; any other error (a provider's, the operating system's) keeps
// its own text.
func Localize(p i18n.Printer, err error) string {
	if err == nil {
		return ""
	}
	if m, ok := err.(*MsgError); ok {
		return m.Text(p)
	}
	var ce CodedError
	if errors.As(err, &ce) && i18n.Has(ce.MessageKey()) {
		return p.T(ce.MessageKey(), ce.MessageArgs()...)
	}
	return spfErrText(p, err)
}

// spfErrText renders an spfedit error in p's language (any other error as
// its own text), without a closing full stop: the plan's messages go on
// after it.
func spfErrText(p i18n.Printer, err error) string {
	return strings.TrimSuffix(strings.TrimSuffix(p.SPFError(err), "。"), ".")
}

// warningText renders an SPF lint warning in p's language.
func warningText(p i18n.Printer, w spfedit.Warning) string { return p.Warning(w) }
