package plan

import (
	"context"
	"errors"
	"net/netip"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/spfedit"
)

// Target is one domain to work on, as the user named it.
type Target struct {
	Input  string `json:"input"`            // as given: a domain or a sender address
	Domain string `json:"domain"`           // A-label form, lower case, no trailing dot
	Sender string `json:"sender,omitempty"` // the address, when one was given
}

// FQDN returns the domain with a trailing dot.
func (t Target) FQDN() string { return t.Domain + "." }

// ErrFreeMail is returned for a target at a free-mail provider.
var ErrFreeMail = errors.New("free-mail domain")

// ErrBadTarget is returned for a target that is not a domain or address.
var ErrBadTarget = errors.New("invalid target")

// ErrBadInclude is returned for an include name that is not a domain name.
var ErrBadInclude = errors.New("invalid include name")

// MaxNameLen is the longest domain name in text form, without the trailing
// dot (RFC 1035 §2.3.4: 255 octets on the wire).
const MaxNameLen = 253

// freeMail lists domains whose SPF record belongs to a mail provider. A shop
// that sends from such an address cannot fix SPF; it must send from its own
// domain.
var freeMail = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "yahoo.co.jp": true, "yahoo.com": true, "ymail.com": true,
	"icloud.com": true, "me.com": true, "mac.com": true, "outlook.com": true, "outlook.jp": true,
	"hotmail.com": true, "hotmail.co.jp": true, "live.com": true, "live.jp": true, "msn.com": true,
	"aol.com": true, "gmx.com": true, "gmx.net": true, "mail.com": true, "proton.me": true, "protonmail.com": true,
	"zoho.com": true, "yandex.com": true, "yandex.ru": true, "docomo.ne.jp": true, "ezweb.ne.jp": true,
	"au.com": true, "softbank.ne.jp": true, "i.softbank.jp": true, "nifty.com": true, "excite.co.jp": true,
}

// IsFreeMail reports whether domain (A-label, lower case) is a free-mail domain.
func IsFreeMail(domain string) bool { return freeMail[strings.TrimSuffix(domain, ".")] }

// ParseTarget turns a domain (IDN allowed, trailing dot optional) or a sender
// address into a Target. A target must be a name a shop can send mail from:
// a host name of letters, digits and hyphens (RFC 1123 §2.1; IDNs as
// A-labels), at most 253 characters, with at least one dot. Free-mail
// domains are refused with an explanation. Each kind of mistake has its
// own message, naming the value and the fix. The error is a *MsgError
// wrapping ErrBadTarget or ErrFreeMail: Localize (or its Text method) gives
// it in the user's language; no library's own text reaches it.
func ParseTarget(s string) (Target, error) {
	t := Target{Input: s}
	in := strings.TrimSpace(s)
	if in == "" {
		return t, msgErr(ErrBadTarget, "target.empty")
	}
	if !utf8.ValidString(in) {
		return t, msgErr(ErrBadTarget, "target.char", s, "\\x..")
	}
	// Two names on one line (a CSV line, a pasted list).
	if strings.ContainsAny(in, ",;") {
		return t, msgErr(ErrBadTarget, "target.list", s)
	}
	if strings.Contains(in, "://") || strings.ContainsAny(in, "/") {
		return t, msgErr(ErrBadTarget, "target.url", s)
	}
	if strings.ContainsAny(in, " \t\u3000") {
		return t, msgErr(ErrBadTarget, "target.space", s)
	}
	domain := in
	if n := strings.Count(in, "@"); n > 1 {
		return t, msgErr(ErrBadTarget, "target.at-signs", s, n)
	} else if n == 1 {
		i := strings.IndexByte(in, '@')
		t.Sender = in
		domain = in[i+1:]
		if i == 0 || domain == "" {
			return t, msgErr(ErrBadTarget, "target.address", s)
		}
	}
	domain = strings.TrimSuffix(domain, ".")
	if strings.HasPrefix(domain, "*") || strings.Contains(domain, ".*") {
		return t, msgErr(ErrBadTarget, "target.wildcard", s, strings.TrimPrefix(strings.TrimPrefix(domain, "*"), "."))
	}
	if ip, err := netip.ParseAddr(strings.Trim(domain, "[]")); err == nil {
		return t, msgErr(ErrBadTarget, "target.ip", s, ip.String())
	}
	if r, ok := badHostRune(domain); ok {
		return t, msgErr(ErrBadTarget, "target.char", s, string(r))
	}
	a, err := idna.Lookup.ToASCII(domain)
	if err != nil {
		// idna's own text ("idna: invalid label ...") is for programmers.
		return t, msgErr(ErrBadTarget, "target.idna-invalid", s)
	}
	a = strings.ToLower(a)
	if len(a) > MaxNameLen {
		return t, msgErr(ErrBadTarget, "target.too-long", s, len(a), MaxNameLen)
	}
	if !strings.Contains(a, ".") {
		return t, msgErr(ErrBadTarget, "target.no-dot", s)
	}
	for _, l := range strings.Split(a, ".") {
		if l == "" || len(l) > 63 {
			return t, msgErr(ErrBadTarget, "target.label", s)
		}
	}
	t.Domain = a
	if IsFreeMail(a) {
		return t, msgErr(ErrFreeMail, "target.free-mail", a)
	}
	return t, nil
}

// badHostRune returns the first ASCII character of a domain that cannot be
// in a host name: not a letter, digit, hyphen or dot. Non-ASCII letters are
// left to IDNA.
func badHostRune(domain string) (rune, bool) {
	for _, r := range domain {
		switch {
		case r >= utf8.RuneSelf:
			if r < 0xa0 { // C1 controls
				return r, true
			}
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.':
		default:
			return r, true
		}
	}
	return 0, false
}

// includeIDNA maps an include name as a lookup does (full-width letters,
// upper case, IDNs to A-labels) but, unlike a host name, lets through the
// underscore labels SPF include names use (_spf.google.com): RFC 7208
// domain-spec allows any visible character but "%" outside macros.
var includeIDNA = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.StrictDomainName(false))

// ParseInclude checks an include target given as an option or in the
// agency config and returns it in A-label form, lower case, without a
// trailing dot. Any name an include: term can carry without macros is
// accepted (RFC 7208 §5.2 and §8.1 domain-spec: underscores and other
// labels of service names included); an empty value, a macro, a label over
// 63 or a name over 253 characters, a character no record may hold, and a
// name without a dot and a letter in its last label are refused, each
// with its own message. The error is a *MsgError wrapping ErrBadInclude.
func ParseInclude(name string) (string, error) {
	n := strings.TrimSpace(name)
	if n == "" {
		return "", msgErr(ErrBadInclude, "include.empty")
	}
	if !utf8.ValidString(n) {
		return "", msgErr(ErrBadInclude, "include.char", name, "\\x..")
	}
	if strings.Contains(n, "%") {
		return "", msgErr(ErrBadInclude, "include.macro", name)
	}
	if strings.HasPrefix(strings.ToLower(n), "include:") {
		return "", msgErr(ErrBadInclude, "include.prefix", name, n[len("include:"):])
	}
	for _, r := range n {
		if r <= ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u3000' || r == '"' || r == ',' || r == ';' || r == '@' || r == '/' || r == '*' {
			return "", msgErr(ErrBadInclude, "include.char", name, string(r))
		}
	}
	a, err := includeIDNA.ToASCII(strings.TrimSuffix(n, "."))
	if err != nil {
		return "", msgErr(ErrBadInclude, "include.idna-invalid", name)
	}
	a = strings.ToLower(a)
	if len(a) > MaxNameLen {
		return "", msgErr(ErrBadInclude, "include.too-long", name, len(a), MaxNameLen)
	}
	if err := spfedit.ValidateDomain(a); err != nil {
		return "", msgErr(ErrBadInclude, "include.invalid", name, err)
	}
	return a, nil
}

// cnameMessage says that domain is an alias of target (from DNS or the
// provider: not trusted). Only a target that is a domain name (the rules of
// ParseInclude: underscore labels allowed) is named as the place to run
// spfpatch on; any other is shown escaped, with the advice to fix the alias.
func cnameMessage(p i18n.Printer, domain, target string) string {
	name, err := ParseInclude(target)
	if err != nil {
		return p.T("plan.cname.invalid", domain, termsafe.Line(target))
	}
	return p.T("plan.cname", domain, name+".", name+".", name)
}

// CodeNoSuchDomain is the code of a target that does not exist: no record
// at the name or below it in its zone, or NXDOMAIN over DNS.
const CodeNoSuchDomain = "no-such-domain"

// NameChecker is implemented by a DNS (Config.DNS) that tells a name that
// does not exist (NXDOMAIN) from one without the asked records. exists is
// false only for a definite NXDOMAIN at the name itself (not at a CNAME
// target); a failed lookup is an error, which plan treats as "exists".
type NameChecker interface {
	NameExists(ctx context.Context, name string) (exists bool, err error)
}

// missingOverDNS reports whether DNS says domain does not exist.
func missingOverDNS(ctx context.Context, cfg Config, domain string) bool {
	nc, ok := cfg.DNS.(NameChecker)
	if !ok || cfg.DNS == nil {
		return false
	}
	exists, err := nc.NameExists(ctx, domain)
	return err == nil && !exists
}

// noSuchName returns the message for a target with no TXT record that does
// not exist at all, else "". The provider's view decides when it showed the
// whole zone (no record at the name or below it; the apex always exists);
// otherwise (the manual provider) DNS does.
func noSuchName(ctx context.Context, cfg Config, p i18n.Printer, domain, zone string, live Live) string {
	switch {
	case len(live.TXT) > 0 || live.Exists || live.Below || live.CNAME != "" || live.Wildcard != "":
		return ""
	case strings.EqualFold(domain+".", zone):
		return ""
	case live.Listed:
		return p.T("plan.no-such-domain", domain, zone)
	case missingOverDNS(ctx, cfg, domain):
		return p.T("plan.no-such-domain.dns", domain)
	}
	return ""
}
