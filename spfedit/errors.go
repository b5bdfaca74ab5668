package spfedit

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors, wrapped by *SyntaxError and *MultipleRecordsError; test
// for them with errors.Is.
var (
	ErrNotSPF             = errors.New("spfedit: not an SPF record (it must start with \"v=spf1\")")
	ErrUnknownMechanism   = errors.New("unknown mechanism")
	ErrMissingDomain      = errors.New("domain missing")
	ErrBadDomain          = errors.New("invalid domain")
	ErrBadIP              = errors.New("invalid IP address")
	ErrBadCIDR            = errors.New("invalid CIDR prefix length")
	ErrBadMacro           = errors.New("invalid macro")
	ErrBadQualifier       = errors.New("qualifier not allowed here")
	ErrDuplicateModifier  = errors.New("modifier appears more than once")
	ErrBadModifier        = errors.New("invalid modifier")
	ErrBadCharacter       = errors.New("character not allowed in an SPF record")
	ErrEmptyTerm          = errors.New("empty term")
	ErrMultipleRecords    = errors.New("spfedit: more than one SPF record")
	ErrUnexpectedArgument = errors.New("mechanism takes no argument")
)

// SyntaxError describes a term that does not follow RFC 7208 §12. Receivers
// treat a record with any such term as permerror.
type SyntaxError struct {
	Record string // the whole record
	Term   string // the offending term as written ("" for the version tag)
	Pos    int    // byte offset of Term in Record
	Err    error  // one of the Err* sentinels, possibly wrapped with detail
	Hint   string // what to write instead, when known
}

func (e *SyntaxError) Error() string {
	var b strings.Builder
	if e.Term == "" {
		fmt.Fprintf(&b, "SPF syntax error at byte %d: %v", e.Pos, e.Err)
	} else {
		fmt.Fprintf(&b, "SPF syntax error in term %q (byte %d): %v", e.Term, e.Pos, e.Err)
	}
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

func (e *SyntaxError) Unwrap() error { return e.Err }

// MultipleRecordsError is returned by Select when a name publishes more than
// one SPF record (RFC 7208 §4.5: permerror).
type MultipleRecordsError struct {
	Records []string
}

func (e *MultipleRecordsError) Error() string {
	q := make([]string, len(e.Records))
	for i, r := range e.Records {
		q[i] = fmt.Sprintf("%q", r)
	}
	return fmt.Sprintf("%d SPF records where only one is allowed: %s; merge them into one record and delete the others",
		len(e.Records), strings.Join(q, " and "))
}

func (e *MultipleRecordsError) Unwrap() error { return ErrMultipleRecords }
