// Package spfcheck evaluates SPF records (RFC 7208): the static lookup
// accounting a tool needs before it changes a record (Account), and the
// check_host() function a receiver runs for one connection (CheckHost).
//
// It reads DNS only through the Resolver interface, which *net.Resolver and
// the project's resolver package satisfy, and parses records with spfedit.
//
// Notable divergences and choices:
//   - Type SPF (99) records are never queried (RFC 7208 §3.1, §4.4).
//   - %{p} is expanded with at most 10 PTR names; its lookups do not count
//     toward the 10-lookup limit (§4.6.4 does not list them).
//   - %{r} (the receiving host) is "unknown" unless Checker.Receiver is set.
//   - A null MX (RFC 7505) answer gives no address to match and is not a void
//     lookup.
//   - Void lookups of MX hosts. RFC 7208 §4.6.4 asks to "limit the number of
//     'terms' for which DNS queries return either a positive answer (RCODE 0)
//     with an answer count of 0, or a 'Name Error' (RCODE 3) answer", and
//     does not say whether the address lookups an mx term makes for its
//     hosts are such queries. pyspf (python3-spf, behind Postfix's
//     policyd-spf) counts every query that finds nothing, so each MX host
//     without an address of the sender's family is one void lookup; and it
//     looks up every host before matching any. check_host() here does the
//     same, so that `v=spf1 mx:m.example -all`, whose three MX hosts have
//     only AAAA records, is permerror for an IPv4 sender, as pyspf says.
//     Account counts them per family likewise: it asks the A and the AAAA
//     records of each MX host (at most MaxMXNames, within the domain's
//     budget, stopping where the record goes over the void limit).
//   - A name that cannot exist (an empty label, a label over 63 octets, over
//     253 octets: RFC 1035 §2.3.4) in an a, mx or exists term, or as an MX
//     host, is not queried and counts as a void lookup, as the NXDOMAIN any
//     query for it would get. pyspf skips such names without counting them.
//   - Account is a static, IP-independent walk: terms whose domain depends on
//     the sender (macros other than %{d}, ptr; %{v} too, "in-addr" or "ip6"
//     by the sender's family) are counted but not followed; terms after the
//     first all and a redirect= beside an all are never evaluated and cost
//     nothing. Void lookups are counted per address family, as check_host()
//     meets them for an IPv4 and an IPv6 sender (an a term with only AAAA
//     records is void for IPv4 senders); the limit is judged on the worse.
//   - The work on one domain is bounded (WithDomain): MaxQueries queries and
//     Checker.Timeout (default 20 s, RFC 7208 §4.6.4's "at least 20
//     seconds"); past RFC 7208's limits Account counts a, mx and exists
//     without a lookup. A domain cut short is temperror (permerror when what
//     was counted is already over a limit). The lookup tree shows at most
//     MaxTreeNodes terms (subtrees of included domains reused from the
//     Checker's cache count as if built anew; an included domain met again
//     in the tree, or whose subtree no longer fits, is shown without its
//     terms, with a note, its lookups counted every time) and
//     MaxTreeProblems problems; it cuts an included record's text at
//     MaxTreeRecordText bytes and its terms at MaxTreeTermText.
package spfcheck

import (
	"errors"
	"strings"
)

// Result is a check_host() result (RFC 7208 §2.6).
type Result int

// The seven results. The zero value is None.
const (
	None Result = iota
	Neutral
	Pass
	Fail
	SoftFail
	TempError
	PermError
)

var resultNames = [...]string{"none", "neutral", "pass", "fail", "softfail", "temperror", "permerror"}

func (r Result) String() string {
	if r < 0 || int(r) >= len(resultNames) {
		return "invalid"
	}
	return resultNames[r]
}

// MarshalText makes a Result a JSON string.
func (r Result) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// ParseResult parses a result name, case-insensitively.
func ParseResult(s string) (Result, bool) {
	for i, n := range resultNames {
		if strings.EqualFold(s, n) {
			return Result(i), true
		}
	}
	return None, false
}

func qualifierResult(q byte) Result {
	switch q {
	case '-':
		return Fail
	case '~':
		return SoftFail
	case '?':
		return Neutral
	default:
		return Pass
	}
}

// Sentinel errors for the conditions callers branch on; test with errors.Is.
// Their texts are shown to people inside the messages that wrap them, so
// they carry no Go package prefix.
var (
	ErrLookupLimit      = errors.New("more than 10 DNS lookups (RFC 7208 §4.6.4)")
	ErrVoidLookupLimit  = errors.New("more than 2 void lookups (RFC 7208 §4.6.4)")
	ErrMXLimit          = errors.New("more than 10 MX records (RFC 7208 §4.6.4)")
	ErrLoop             = errors.New("include or redirect loop")
	ErrNoRecord         = errors.New("no SPF record")
	ErrIncludeNoRecord  = errors.New("included domain has no SPF record (RFC 7208 §5.2: permerror)")
	ErrRedirectNoRecord = errors.New("redirect= target has no SPF record (RFC 7208 §6.1: permerror)")
	ErrMultipleRecords  = errors.New("more than one SPF record (RFC 7208 §4.5)")
	ErrSyntax           = errors.New("syntax error")
	ErrDNS              = errors.New("DNS lookup failed")
	ErrInvalidDomain    = errors.New("invalid domain name")
)
