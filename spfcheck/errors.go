package spfcheck

import (
	"fmt"
	"strconv"
)

// Error is an error of check_host() or of Account, with a stable Code and the
// values its message names (Args), so that it can be shown in another
// language: Error gives the English message. errors.Is finds the Err*
// sentinel it stands for, if any, and errors.As the spfedit error it comes
// from (for CodeSyntax and CodeMultipleRecords).
type Error struct {
	Code string
	Args []string
	err  error // the Err* sentinel, or nil
	from error // the spfedit or DNS error it comes from, or nil
	msg  string
}

func (e *Error) Error() string { return e.msg }

// Unwrap returns the sentinel and the error e comes from.
func (e *Error) Unwrap() []error {
	var out []error
	for _, x := range []error{e.err, e.from} {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}

// newError builds an *Error whose English message is format and args (%w
// allowed, for the sentinel).
func newError(code string, codeArgs []string, sentinel, from error, format string, args ...any) *Error {
	return &Error{Code: code, Args: codeArgs, err: sentinel, from: from, msg: fmt.Errorf(format, args...).Error()}
}

// Error codes: Error.Code, Node.ErrorCode and Problem.Code. Each names its
// Args, in order.
const (
	CodeInvalidDomain      = "invalid-domain"        // check_host: [domain]
	CodeNoRecord           = "no-record"             // Node: the name has no SPF record; []
	CodeNoRecordAt         = "no-record-at"          // check_host: [domain]
	CodeDNS                = "dns"                   // [query type, name, the resolver's error]
	CodeDNSMX              = "dns-mx"                // Account: [name, the resolver's error]
	CodeDNSAddress         = "dns-address"           // Account: [name, the resolver's error]
	CodeMultipleRecords    = "multiple-records"      // [domain, each record...]
	CodeSyntax             = "syntax"                // [domain, the record]; parse it for the *spfedit.SyntaxError
	CodeLoop               = "loop"                  // Account: [target, the path "a > b > a"]
	CodeTargetNoRecord     = "target-no-record"      // Account: [target, include or redirect]
	CodeIncludeNoRecord    = "include-no-record"     // check_host: [target]
	CodeRedirectNoRecord   = "redirect-no-record"    // check_host: []
	CodeTooManyMX          = "too-many-mx"           // Account: [name, count, 10]
	CodeMXLimit            = "mx-limit"              // check_host: [name, count]
	CodeLookupLimit        = "lookup-limit"          // check_host: []
	CodeVoidLookupLimit    = "void-lookup-limit"     // check_host: []
	CodeMacroLetter        = "macro-letter"          // [the letter, quoted]
	CodeTooManyLookups     = "too-many-lookups"      // Report: [lookups, 10, the costliest terms "term (N), ..."]
	CodeTooManyVoidLookups = "too-many-void-lookups" // Report: [void lookups (the worse family), 2, for IPv4 senders, for IPv6 senders]
	CodeQueryBudget        = "query-budget"          // Report: [MaxQueries, lookups counted, void lookups counted]
	CodeDeadline           = "deadline"              // Report: [the time per domain, lookups counted, void lookups counted]
	CodeInterrupted        = "interrupted"           // Report: [lookups counted, void lookups counted]
	CodeMoreProblems       = "more-problems"         // Report: [problems left out, past MaxTreeProblems]
)

// Note codes: Node.NoteCode. Each names its Args, in order.
const (
	NoteRedirectIgnored = "redirect-ignored"    // []
	NoteAfterAll        = "after-all"           // []
	NotePTR             = "ptr-not-followed"    // []
	NoteMacros          = "macros-not-followed" // []
	NoteInvalidDomain   = "invalid-domain"      // [name]
	NoteNoMX            = "no-mx"               // [name]
	NoteMXHosts         = "mx-hosts"            // [count]: every MX host has A and AAAA records
	NoteMXNoA           = "mx-hosts-no-a"       // [count, hosts without A]: void lookups for IPv4 senders
	NoteMXNoAAAA        = "mx-hosts-no-aaaa"    // [count, hosts without AAAA]: void lookups for IPv6 senders
	NoteMXVoid          = "mx-hosts-void"       // [count, hosts without A, hosts without AAAA]: void lookups for both
	NoteNoAddress       = "no-address"          // [name]: no A and no AAAA records
	NoteNoA             = "no-a"                // [name]: no A records (void for IPv4 senders)
	NoteNoAAAA          = "no-aaaa"             // [name]: no AAAA records (void for IPv6 senders)
	NotePastLimit       = "past-limit"          // []: not looked up, the record is over a limit already
	NoteBudget          = "budget-used-up"      // [MaxQueries]: not looked up
	NoteDeadline        = "deadline"            // [the time per domain]: not looked up
	NoteInterrupted     = "interrupted"         // []: not looked up
	NoteMoreTerms       = "more-terms"          // [terms, their lookups]: terms past MaxTreeNodes
	NoteTooDeep         = "too-deep"            // [target]: an include or redirect not followed, past the limits
	NoteShownAbove      = "shown-above"         // [domain]: an included domain whose subtree the tree shows already
	NoteTreeFull        = "tree-full"           // [domain, MaxTreeNodes]: an included domain's subtree not shown, the tree is full
)

// Problem is one error of a Report: Code (see the Code* constants) and Args
// say what it is, Path the terms from the domain down to the one in error
// (empty for the limits), Message the English text (what Report.Errors has).
type Problem struct {
	Code    string   `json:"code"`
	Args    []string `json:"args,omitempty"`
	Path    []string `json:"path,omitempty"`
	Message string   `json:"message"`
}

func itoa(n int) string { return strconv.Itoa(n) }
