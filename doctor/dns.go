package doctor

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// dmarcAndMX adds the DMARC and MX checks.
func (d *run) dmarcAndMX(ctx context.Context) {
	p, r, domain := d.p, d.r, d.domain
	policy, where, raw, err := lookupDMARC(ctx, d.cfg.DNS, domain)
	name := "_dmarc." + domain
	value := "v=DMARC1; p=none"
	switch {
	case err != nil && !plan.IsNotFound(err):
		r.add(Check{ID: "dmarc", Status: Warn, Message: dnsErrorText(p, err), Next: p.T("doctor.dns.error.next")})
	case raw == "":
		r.add(Check{ID: "dmarc", Status: Warn, Message: p.T("doctor.dmarc.none", r.Display),
			Next: p.T("doctor.dmarc.none.next", name), Edit: EditAddDM, Name: name, Host: dmarcHost(d.hostField()), Value: value})
	case policy == "":
		where = strings.TrimSuffix(where, ".")
		c := Check{ID: "dmarc", Status: Warn, Message: p.T("doctor.dmarc.invalid", termsafe.Line(where), termsafe.Line(raw)),
			Next: p.T("doctor.dmarc.invalid.next", termsafe.Line(where)), Edit: EditDMARC, Name: where, Value: dmarcFixed(raw)}
		if where == name {
			c.Host = dmarcHost(d.hostField())
		}
		r.add(c)
	default:
		r.add(Check{ID: "dmarc", Status: OK, Message: p.T("doctor.dmarc.ok", termsafe.Line(strings.TrimSuffix(where, ".")), policy)})
	}
	mxs, err := d.cfg.DNS.LookupMX(ctx, domain)
	switch {
	case err != nil && !plan.IsNotFound(err):
		r.add(Check{ID: "mx", Status: Warn, Message: dnsErrorText(p, err), Next: p.T("doctor.dns.error.next")})
	case len(mxs) == 0 || len(mxs) == 1 && strings.TrimSuffix(mxs[0].Host, ".") == "":
		r.add(Check{ID: "mx", Status: Warn, Message: p.T("doctor.mx.none", r.Display), Next: p.T("doctor.mx.none.next")})
	default:
		r.add(Check{ID: "mx", Status: OK, Message: p.T("doctor.mx.ok", r.Display, len(mxs))})
	}
}

func dmarcHost(h string) string {
	if h == "@" {
		return "_dmarc"
	}
	return "_dmarc." + h
}

// dmarcFixed is a DMARC record without a valid policy with p=none put in
// its place (right after v=DMARC1, where RFC 7489 §6.4 wants it).
func dmarcFixed(raw string) string {
	var tags []string
	for _, t := range strings.Split(raw, ";") {
		t = strings.TrimSpace(t)
		k, _, _ := strings.Cut(t, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if t == "" || k == "v" || k == "p" {
			continue
		}
		tags = append(tags, t)
	}
	return strings.Join(append([]string{"v=DMARC1", "p=none"}, tags...), "; ")
}

// lookupDMARC finds the DMARC record at _dmarc.domain, else at the
// organisational domain (RFC 7489 §6.6.3). It returns the policy (p=), the
// name it was found at and the record.
func lookupDMARC(ctx context.Context, dns spfcheck.Resolver, domain string) (policy, where, raw string, err error) {
	names := []string{"_dmarc." + domain}
	if org, e := publicsuffix.EffectiveTLDPlusOne(domain); e == nil && org != domain {
		names = append(names, "_dmarc."+org)
	}
	for _, n := range names {
		txts, e := dns.LookupTXT(ctx, n)
		if e != nil {
			if !plan.IsNotFound(e) {
				return "", n, "", e
			}
			err = e
			continue
		}
		for _, t := range txts {
			if !strings.HasPrefix(strings.ToLower(strings.TrimSpace(t)), "v=dmarc1") {
				continue
			}
			for _, tag := range strings.Split(t, ";") {
				k, v, ok := strings.Cut(strings.TrimSpace(tag), "=")
				if ok && strings.EqualFold(strings.TrimSpace(k), "p") {
					v = strings.ToLower(strings.TrimSpace(v))
					if v == "none" || v == "quarantine" || v == "reject" {
						return v, n, t, nil
					}
				}
			}
			return "", n, t, nil
		}
	}
	return "", "", "", err
}

// sampleIP returns an address the include target's servers send from, to
// test whether the platform's mail would pass. It reads the target's SPF
// record and, where that lists no address itself, follows its includes,
// redirect= and a/mx terms, as check_host() would, within the lookup
// budget (RFC 7208 §4.6.4): platforms often publish only nested includes.
func sampleIP(ctx context.Context, dns spfcheck.Resolver, include string) (netip.Addr, bool) {
	budget := spfcheck.MaxLookups
	queue := []string{strings.ToLower(strings.TrimSuffix(include, "."))}
	seen := map[string]bool{}
	for len(queue) > 0 && budget > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		budget--
		txts, err := dns.LookupTXT(ctx, name)
		if err != nil {
			continue
		}
		i, err := spfedit.Select(txts)
		if err != nil || i < 0 {
			continue
		}
		rec, err := spfedit.Parse(txts[i])
		if err != nil {
			continue
		}
		terms := rec.Terms()
		if a := rec.All(); a >= 0 {
			terms = terms[:a] // nothing after all is evaluated
		}
		// The record's own addresses first, then its names.
		for _, t := range terms {
			if (t.Kind == spfedit.KindIP4 || t.Kind == spfedit.KindIP6) && t.Qualifier.Result() == "pass" {
				a := t.Prefix().Addr()
				if t.Prefix().Bits() < a.BitLen() {
					a = a.Next()
				}
				return a, true
			}
		}
		for _, t := range terms {
			if t.Qualifier.Result() != "pass" || budget <= 0 {
				continue
			}
			target := t.TargetName()
			if strings.Contains(target, "%") { // a macro: depends on the sender
				continue
			}
			switch t.Kind {
			case spfedit.KindInclude:
				queue = append(queue, target)
			case spfedit.KindA:
				if target == "" {
					target = name
				}
				budget--
				if a, ok := firstAddr(ctx, dns, target); ok {
					return a, true
				}
			case spfedit.KindMX:
				if target == "" {
					target = name
				}
				budget--
				mxs, err := dns.LookupMX(ctx, target)
				if err != nil {
					continue
				}
				for _, mx := range mxs {
					if h := strings.TrimSuffix(mx.Host, "."); h != "" {
						if a, ok := firstAddr(ctx, dns, h); ok {
							return a, true
						}
						break
					}
				}
			}
		}
		if t, ok := rec.Redirect(); ok && rec.All() < 0 && !strings.Contains(t.TargetName(), "%") {
			queue = append(queue, t.TargetName())
		}
	}
	return netip.Addr{}, false
}

// firstAddr is the first IPv4 address of host, else its first IPv6 one.
func firstAddr(ctx context.Context, dns spfcheck.Resolver, host string) (netip.Addr, bool) {
	for _, network := range []string{"ip4", "ip6"} {
		if as, err := dns.LookupNetIP(ctx, network, host); err == nil && len(as) > 0 {
			return as[0].Unmap(), true
		}
	}
	return netip.Addr{}, false
}

// costliest lists the terms that cost most lookups, "term (N 回)", naming
// the service behind a well-known include.
func costliest(p i18n.Printer, rep *spfcheck.Report) string {
	var out []string
	for _, s := range rep.Costliest(3) {
		term, n := s, ""
		if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
			term, n = s[:i], s[i+2:len(s)-1]
		}
		item := p.T("doctor.cost", termsafe.Line(term), n)
		if svc := serviceOf(term); svc != "" {
			item = p.T("doctor.cost.service", termsafe.Line(term), svc, n)
		}
		out = append(out, item)
	}
	return strings.Join(out, p.T("doctor.list.sep"))
}

// serviceOf names the mail service behind a well-known include, so that
// owners recognise it.
func serviceOf(term string) string {
	t := strings.ToLower(term)
	for _, s := range []struct{ suffix, name string }{
		{"_spf.google.com", "Google Workspace"}, {"spf.protection.outlook.com", "Microsoft 365"},
		{"sendgrid.net", "SendGrid"}, {"servers.mcsv.net", "Mailchimp"}, {"amazonses.com", "Amazon SES"},
		{"spf.sender.xserver.jp", "エックスサーバー"}, {"_spf.heteml.jp", "ヘテムル"}, {"e-shopsmail2.com", "e-shopsカートS"},
	} {
		if strings.HasSuffix(t, s.suffix) {
			return s.name
		}
	}
	return ""
}

// isNXDomain reports whether err says the name does not exist at all (not
// only that it has no records of the type).
func isNXDomain(err error) bool {
	if errors.Is(err, resolver.ErrNXDOMAIN) {
		return true
	}
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound && de.Err == "no such host"
}

// dnsErrorText says in the owner's words why DNS could not be read, and
// which server was asked: a timeout, a refused or unreachable server, an
// error answer. The resolver's English detail is not shown.
func dnsErrorText(p i18n.Printer, err error) string {
	var de *net.DNSError
	server := ""
	if errors.As(err, &de) {
		server = de.Server
	}
	msg := strings.ToLower(err.Error())
	key := "doctor.dns.failed"
	switch {
	case de != nil && de.IsTimeout:
		key = "doctor.dns.timeout"
	case strings.Contains(msg, "connection refused"):
		key = "doctor.dns.refused"
	case strings.Contains(msg, "network is unreachable") || strings.Contains(msg, "no route to host") || strings.Contains(msg, "host is down"):
		key = "doctor.dns.unreachable"
	case errors.Is(err, resolver.ErrServer):
		key = "doctor.dns.server"
	}
	if server == "" {
		return p.T(key + ".noserver")
	}
	return p.T(key, termsafe.Line(server))
}
