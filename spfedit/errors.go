package spfedit

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors, wrapped by *SyntaxError and *MultipleRecordsError; test
// for them with errors.Is.
var (
	ErrNotSPF             = errors.New("not an SPF record (it must start with \"v=spf1\")")
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
	ErrUnexpectedText     = errors.New("unexpected text")
)

// SyntaxError describes a term that does not follow RFC 7208 §12. Receivers
// treat a record with any such term as permerror.
type SyntaxError struct {
	Record string // the whole record
	Term   string // the offending term as written ("" for the version tag)
	Pos    int    // byte offset of Term in Record
	Err    error  // one of the Err* sentinels, possibly wrapped with detail
	Hint   string // what to write instead, when known

	// The parts of the message, for showing it in another language without
	// parsing the English: Reason is the code of the precise reason ("" when
	// the sentinel alone says it, see ErrorCode) and Detail the values it
	// names (the address, the CIDR, the macro...); HintCode and HintArgs are
	// the same for Hint. Codes are stable: the Reason* and Hint* constants.
	Reason   string
	Detail   []string
	HintCode string
	HintArgs []string
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

// ErrorCode returns the stable code of the Err* sentinel err wraps, such as
// "bad-ip" for ErrBadIP, or "" when it wraps none.
func ErrorCode(err error) string {
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.code
		}
	}
	return ""
}

// ErrorCodes returns the code of every Err* sentinel, in declaration order.
func ErrorCodes() []string {
	out := make([]string, len(sentinels))
	for i, s := range sentinels {
		out[i] = s.code
	}
	return out
}

var sentinels = []struct {
	err  error
	code string
}{
	{ErrNotSPF, "not-spf"},
	{ErrUnknownMechanism, "unknown-mechanism"},
	{ErrMissingDomain, "missing-domain"},
	{ErrBadDomain, "bad-domain"},
	{ErrBadIP, "bad-ip"},
	{ErrBadCIDR, "bad-cidr"},
	{ErrBadMacro, "bad-macro"},
	{ErrBadQualifier, "bad-qualifier"},
	{ErrDuplicateModifier, "duplicate-modifier"},
	{ErrBadModifier, "bad-modifier"},
	{ErrBadCharacter, "bad-character"},
	{ErrEmptyTerm, "empty-term"},
	{ErrMultipleRecords, "multiple-records"},
	{ErrUnexpectedArgument, "unexpected-argument"},
	{ErrUnexpectedText, "unexpected-text"},
}

// ReasonError is a sentinel with the precise reason: Reason is its code and
// Detail the values the message names. Error gives the English message;
// errors.Is(err, sentinel) holds. Parse's *SyntaxError copies Reason and
// Detail; ValidateDomain and ParseMacroString return a *ReasonError
// (possibly wrapped).
type ReasonError struct {
	Err    error // the Err* sentinel
	Reason string
	Detail []string
	msg    string
}

func (e *ReasonError) Error() string { return e.msg }
func (e *ReasonError) Unwrap() error { return e.Err }

// reason builds a *ReasonError; format and args make the English message
// (format may use %w for the sentinel).
func reason(sentinel error, code string, detail []string, format string, args ...any) error {
	return &ReasonError{Err: sentinel, Reason: code, Detail: detail, msg: fmt.Errorf(format, args...).Error()}
}

// Reason codes, for SyntaxError.Reason and ReasonError.Reason. Each names
// the Detail values it has, in order.
const (
	ReasonBadByte           = "bad-byte"            // [byte "0x09", offset in the term]
	ReasonBadRune           = "bad-rune"            // [code point "U+3000", the character quoted, offset in the term]
	ReasonMacroBadByte      = "macro-bad-byte"      // [byte "0x09"]
	ReasonModifierName      = "modifier-name"       // []
	ReasonMissingAfter      = "missing-after"       // [what it follows: "include", "redirect=", "a:"]
	ReasonUnknownName       = "unknown-name"        // [the name]
	ReasonArgument          = "argument"            // [the argument]
	ReasonPTRPrefix         = "ptr-prefix"          // []
	ReasonCIDRText          = "cidr-text"           // [the text]
	ReasonCIDRTooLong       = "cidr-too-long"       // [length, maximum]
	ReasonNoAddress         = "no-address"          // [ip4 or ip6]
	ReasonNotIPv4           = "not-ipv4"            // [the address]
	ReasonNotIPv6           = "not-ipv6"            // [the address]
	ReasonNoDot             = "no-dot"              // [the domain]
	ReasonTopLabel          = "top-label"           // [the domain, its last label]
	ReasonEmptyName         = "empty-name"          // []
	ReasonDomainMacro       = "domain-macro"        // [the domain]
	ReasonDomainTooLong     = "domain-too-long"     // [the domain]
	ReasonDomainLabel       = "domain-label"        // [the domain]
	ReasonDomainIDN         = "domain-idn"          // [the domain]
	ReasonDomainChar        = "domain-char"         // [the domain, the character quoted]
	ReasonDomainForm        = "domain-form"         // [the domain]
	ReasonLonePercent       = "lone-percent"        // [the macro-string]
	ReasonMacroUnclosed     = "macro-unclosed"      // [the text from %{]
	ReasonMacroNoLetter     = "macro-no-letter"     // [the macro]
	ReasonMacroLetter       = "macro-letter"        // [the macro, the letter quoted]
	ReasonMacroExplainOnly  = "macro-explain-only"  // [the macro, the letter quoted]
	ReasonMacroZeroParts    = "macro-zero-parts"    // [the macro]
	ReasonMacroDelimiter    = "macro-delimiter"     // [the macro, the character quoted]
	ReasonMacroAfterPercent = "macro-after-percent" // [the two characters]
	ReasonAfterMechanism    = "after-mechanism"     // [the text, the mechanism name as written]
)

// Hint codes, for SyntaxError.HintCode. Each names the HintArgs it has.
const (
	HintBeforeVersion     = "before-version"     // []
	HintAfterVersion      = "after-version"      // [the character, e.g. "U+3000 (full-width space)"]
	HintQuoted            = "quoted"             // []
	HintOneModifier       = "one-modifier"       // [redirect or exp]
	HintASCIIOnly         = "ascii-only"         // []
	HintModifierQualifier = "modifier-qualifier" // []
	HintWriteModifier     = "write-modifier"     // [redirect or exp]
	HintNoColonStart      = "no-colon-start"     // []
	HintMechanisms        = "mechanisms"         // []
	HintDidYouMean        = "did-you-mean"       // [the mechanism]
	HintIP4OrIP6          = "ip4-or-ip6"         // []
	HintModifierEquals    = "modifier-equals"    // [redirect or exp]
	HintVersionStart      = "version-start"      // []
	HintVersionSpaced     = "version-spaced"     // []
	HintVersionOnce       = "version-once"       // []
	HintAllAlone          = "all-alone"          // []
	HintWriteDomain       = "write-domain"       // [include or exists]
	HintOptionalDomain    = "optional-domain"    // [ptr, a or mx]
	HintDualCIDR          = "dual-cidr"          // []
	HintWriteAddress      = "write-address"      // [ip4 or ip6]
	HintIPv4Form          = "ipv4-form"          // []
	HintIPv6Form          = "ipv6-form"          // []
	HintWriteIP4          = "write-ip4"          // [the address]
	HintWriteIP6          = "write-ip6"          // [the address]
	HintCIDRMax           = "cidr-max"           // [maximum]
	HintSeparator         = "separator"          // [the separator written, the terms to write]
	HintSpaceBetween      = "space-between"      // [the terms to write]
	HintRemoveText        = "remove-text"        // [the text to remove, the term to write]
)

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
