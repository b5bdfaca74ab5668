package plan

import (
	"errors"
	"strings"

	"golang.org/x/net/idna"
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
// address into a Target. Free-mail domains are refused with an explanation.
// The error is a *MsgError wrapping ErrBadTarget or ErrFreeMail: Localize
// (or its Text method) gives it in the user's language.
func ParseTarget(s string) (Target, error) {
	t := Target{Input: s}
	in := strings.TrimSpace(s)
	if in == "" {
		return t, msgErr(ErrBadTarget, "target.empty")
	}
	domain := in
	if i := strings.LastIndexByte(in, '@'); i >= 0 {
		t.Sender = in
		domain = in[i+1:]
		if i == 0 || domain == "" {
			return t, msgErr(ErrBadTarget, "target.address", s)
		}
	}
	if strings.Contains(domain, "://") || strings.ContainsAny(domain, "/") {
		return t, msgErr(ErrBadTarget, "target.url", s)
	}
	if strings.ContainsAny(in, " \t") {
		return t, msgErr(ErrBadTarget, "target.space", s)
	}
	domain = strings.TrimSuffix(domain, ".")
	a, err := idna.Lookup.ToASCII(domain)
	if err != nil {
		return t, msgErr(ErrBadTarget, "target.idna", s, err)
	}
	a = strings.ToLower(a)
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
