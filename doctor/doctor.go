// Package doctor answers one question for a shop owner: will my shop's
// mail reach Gmail? It checks the sender domain (not free mail), the SPF
// record (one, valid, authorising the platform, within the lookup limits,
// and passing for the platform's servers), DMARC and MX, and gives for each
// problem the exact next step: a spfpatch command or the value to paste.
package doctor

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// Status of one check.
const (
	OK   = "ok"
	Warn = "warn"
	Fail = "fail"
	Info = "info"
)

// Check is one finding. ID and Status are language-neutral; Message and
// Next are in the report's language.
type Check struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Message string `json:"message"`
	Next    string `json:"next,omitempty"`    // what to do, in words
	Command string `json:"command,omitempty"` // the spfpatch command to run
	Name    string `json:"name,omitempty"`    // where to paste Value
	Value   string `json:"value,omitempty"`   // the exact TXT value to paste
}

// Report is the doctor's answer for one target.
type Report struct {
	Target    string  `json:"target"`
	Domain    string  `json:"domain"`
	Situation string  `json:"situation,omitempty"` // already-authorised, needs-include, no-spf-record, free-mail
	Verdict   string  `json:"verdict"`             // ok, ok-with-advice, action-needed, bad-target, dns-error
	Record    string  `json:"record,omitempty"`
	Lookups   int     `json:"lookups"`
	Checks    []Check `json:"checks"`
	Summary   string  `json:"summary"`

	again string // the flags and target to run doctor again with
}

// Config is what Run needs.
type Config struct {
	Checker  *spfcheck.Checker
	DNS      spfcheck.Resolver
	Includes []string // include targets the platform needs; default e-shopsmail2.com
	Provider string   // the user's provider, for the suggested commands ("" = unknown)
	// Flags are the run's other flags (--zone-dir, --nameserver ...), put in
	// the suggested commands so that they work as printed.
	Flags string
	P     i18n.Printer
}

func (r *Report) add(c Check) {
	switch {
	case c.Status == Fail:
		r.Verdict = "action-needed"
	case c.Status == Warn && c.Next != "" && r.Verdict == "ok":
		r.Verdict = "ok-with-advice"
	}
	r.Checks = append(r.Checks, c)
}

func providerFlag(p string) string {
	if p == "" {
		return "--provider manual"
	}
	return "--provider " + p
}

// cmdFlags are the flags of a suggested plan/apply command.
func (cfg Config) cmdFlags() string {
	if strings.Contains(cfg.Flags, "--provider") {
		return cfg.Flags
	}
	return strings.TrimSpace(providerFlag(cfg.Provider) + " " + cfg.Flags)
}

// doctorArgs are the flags and target of a suggested doctor command.
func (cfg Config) doctorArgs(target string) string {
	return strings.TrimSpace(cfg.Flags + " " + target)
}

// Run examines one target: a domain or the shop's sender address.
func Run(ctx context.Context, cfg Config, input string) *Report {
	p := cfg.P
	incs := cfg.Includes
	if len(incs) == 0 {
		incs = []string{"e-shopsmail2.com"}
	}
	r := &Report{Target: input, Verdict: "ok", Checks: []Check{}, again: cfg.doctorArgs(input)}
	t, err := plan.ParseTarget(input)
	r.Domain = t.Domain
	if errors.Is(err, plan.ErrFreeMail) {
		r.Situation = "free-mail"
		r.add(Check{ID: "sender-domain", Status: Fail, Message: p.T("doctor.freemail", t.Domain), Next: p.T("doctor.freemail.next")})
		return r.finish(p)
	}
	if err != nil {
		r.add(Check{ID: "target", Status: Fail, Message: p.T("doctor.target.bad", input, plan.Localize(p, err))})
		r.Verdict, r.Summary = "bad-target", r.Checks[len(r.Checks)-1].Message
		return r
	}
	r.add(Check{ID: "sender-domain", Status: OK, Message: p.T("doctor.domain.ok", t.Domain)})

	// A CNAME's SPF record is the one at its target (SPEC.md rule 9).
	if cn, ok := cfg.DNS.(interface {
		LookupCNAME(ctx context.Context, name string) (string, bool, error)
	}); ok {
		if target, alias, err := cn.LookupCNAME(ctx, t.Domain); err == nil && alias {
			target = strings.TrimSuffix(target, ".")
			r.add(Check{ID: "cname", Status: Fail, Message: p.T("doctor.cname", t.Domain, target, target), Next: p.T("doctor.cname.next", target),
				Command: "spfpatch doctor " + cfg.doctorArgs(target)})
			return r.finish(p)
		}
	}

	// The SPF record.
	txts, err := cfg.DNS.LookupTXT(ctx, t.Domain)
	if err != nil && !isNotFound(err) {
		r.add(Check{ID: "spf", Status: Fail, Message: p.T("doctor.dns.error", err)})
		r.Verdict, r.Summary = "dns-error", p.T("doctor.verdict.dns", r.again)
		return r
	}
	idx, serr := spfedit.Select(txts)
	var me *spfedit.MultipleRecordsError
	switch {
	case errors.As(serr, &me):
		r.add(Check{ID: "spf", Status: Fail, Message: p.T("doctor.spf.multiple", t.Domain, len(me.Records), strings.Join(quoteAll(me.Records), ", ")),
			Next: p.T("doctor.spf.multiple.next")})
		return r.finish(p)
	case idx < 0:
		r.Situation = "no-spf-record"
		rec, _ := spfedit.New(incs...)
		r.add(Check{ID: "spf", Status: Fail, Message: p.T("doctor.spf.none", t.Domain),
			Next:    p.T("doctor.spf.none.next", t.Domain),
			Command: fmt.Sprintf("spfpatch apply --create %s %s", cfg.cmdFlags(), t.Domain),
			Name:    t.Domain, Value: rec.String()})
		r.dmarcAndMX(ctx, cfg, t.Domain)
		return r.finish(p)
	}
	r.Record = txts[idx]
	rec, err := spfedit.Parse(txts[idx])
	if err != nil {
		r.add(Check{ID: "spf", Status: Fail, Message: p.T("doctor.spf.syntax", t.Domain, err), Next: p.T("doctor.spf.syntax.next")})
		r.dmarcAndMX(ctx, cfg, t.Domain)
		return r.finish(p)
	}
	r.add(Check{ID: "spf", Status: OK, Message: p.T("doctor.spf.ok", t.Domain, txts[idx])})

	// Does it authorise the platform, and would adding it stay within the limits?
	edited := rec.Clone()
	for _, n := range incs {
		_, _ = edited.AddInclude(n)
	}
	missing := edited.String() != rec.String()
	rep := cfg.Checker.Account(ctx, t.Domain, nil)
	r.Lookups = rep.Lookups
	after := rep
	if missing {
		after = cfg.Checker.Account(ctx, t.Domain, edited)
	}
	over := after.Lookups > spfcheck.MaxLookups
	if missing {
		r.Situation = "needs-include"
		c := Check{ID: "include", Status: Fail, Message: p.T("doctor.include.missing", strings.Join(incs, ", "))}
		if over {
			c.Next = p.T("doctor.include.missing.first")
		} else {
			c.Next = p.T("doctor.include.missing.next", t.Domain)
			c.Command = fmt.Sprintf("spfpatch apply %s %s", cfg.cmdFlags(), t.Domain)
			c.Name, c.Value = t.Domain, edited.String()
		}
		r.add(c)
	} else {
		r.Situation = "already-authorised"
		r.add(Check{ID: "include", Status: OK, Message: p.T("doctor.include.ok", strings.Join(incs, ", "))})
	}
	for _, w := range rec.Lint(incs...) {
		if w.Code == spfedit.WarnIncludeNotPass || w.Code == spfedit.WarnAllPass {
			r.add(Check{ID: "lint-" + w.Code, Status: Warn, Message: p.T("doctor.lint."+w.Code, w.Term), Next: p.T("doctor.lint." + w.Code + ".next")})
		}
	}

	// Lookups now and after the change.
	switch {
	case rep.Status == "temperror":
		r.add(Check{ID: "lookups", Status: Warn, Message: p.T("doctor.dns.error", strings.Join(rep.Errors, "; "))})
	case over:
		r.add(Check{ID: "lookups", Status: Fail, Message: p.T("doctor.lookups.over", after.Lookups, strings.Join(after.Costliest(3), ", ")),
			Next: p.T("doctor.lookups.over.next")})
	case rep.Status == "permerror" || after.Status == "permerror":
		errs := append(append([]string{}, rep.Errors...), after.Errors...)
		r.add(Check{ID: "lookups", Status: Fail, Message: p.T("doctor.spf.broken", strings.Join(dedupe(errs), "; ")), Next: p.T("doctor.spf.syntax.next")})
	case missing:
		r.add(Check{ID: "lookups", Status: OK, Message: p.T("doctor.lookups.after", rep.Lookups, after.Lookups, spfcheck.MaxLookups-after.Lookups)})
	default:
		r.add(Check{ID: "lookups", Status: OK, Message: p.T("doctor.lookups.ok", rep.Lookups, spfcheck.MaxLookups-rep.Lookups)})
	}

	// Would the platform's servers pass today?
	if !missing {
		for _, inc := range incs {
			ip, ok := sampleIP(ctx, cfg.DNS, inc)
			if !ok {
				continue
			}
			sender := "postmaster@" + t.Domain
			if t.Sender != "" {
				sender = t.Sender
			}
			out := cfg.Checker.CheckHost(ctx, ip, t.Domain, sender, t.Domain)
			st := OK
			if out.Result != spfcheck.Pass {
				st = Fail
			}
			r.add(Check{ID: "platform-pass", Status: st, Message: p.T("doctor.pass", inc, ip, out.Result, sender)})
		}
	}
	r.dmarcAndMX(ctx, cfg, t.Domain)
	return r.finish(p)
}

func (r *Report) finish(p i18n.Printer) *Report {
	if r.Situation != "" {
		r.Summary = p.T("situation." + r.Situation)
	}
	switch r.Verdict {
	case "ok":
		r.Summary = strings.TrimSpace(r.Summary + "\n" + p.T("doctor.verdict.ok"))
	case "ok-with-advice":
		r.Summary = strings.TrimSpace(r.Summary + "\n" + p.T("doctor.verdict.ok") + "\n" + p.T("doctor.verdict.advice"))
	default:
		steps := false
		for _, c := range r.Checks {
			steps = steps || c.Next != ""
		}
		key := "doctor.verdict.action"
		if !steps {
			key = "doctor.verdict.fix-marked"
		}
		r.Summary = strings.TrimSpace(r.Summary + "\n" + p.T(key, r.again))
	}
	return r
}

func (r *Report) dmarcAndMX(ctx context.Context, cfg Config, domain string) {
	p := cfg.P
	policy, where, raw, err := lookupDMARC(ctx, cfg.DNS, domain)
	value := fmt.Sprintf("v=DMARC1; p=none; rua=mailto:dmarc-reports@%s", domain)
	switch {
	case err != nil && !isNotFound(err):
		r.add(Check{ID: "dmarc", Status: Warn, Message: p.T("doctor.dns.error", err)})
	case raw == "":
		r.add(Check{ID: "dmarc", Status: Warn, Message: p.T("doctor.dmarc.none", domain), Next: p.T("doctor.dmarc.none.next", "_dmarc."+domain),
			Name: "_dmarc." + domain, Value: value})
	case policy == "":
		r.add(Check{ID: "dmarc", Status: Warn, Message: p.T("doctor.dmarc.invalid", where, raw), Next: p.T("doctor.dmarc.none.next", "_dmarc."+domain),
			Name: "_dmarc." + domain, Value: value})
	default:
		r.add(Check{ID: "dmarc", Status: OK, Message: p.T("doctor.dmarc.ok", where, policy)})
	}
	mxs, err := cfg.DNS.LookupMX(ctx, domain)
	switch {
	case err != nil && !isNotFound(err):
		r.add(Check{ID: "mx", Status: Warn, Message: p.T("doctor.dns.error", err)})
	case len(mxs) == 0 || len(mxs) == 1 && strings.TrimSuffix(mxs[0].Host, ".") == "":
		r.add(Check{ID: "mx", Status: Warn, Message: p.T("doctor.mx.none", domain), Next: p.T("doctor.mx.none.next")})
	default:
		r.add(Check{ID: "mx", Status: OK, Message: p.T("doctor.mx.ok", domain, len(mxs))})
	}
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
			if !isNotFound(e) {
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

// sampleIP returns an address that the include target's own record lists,
// to test whether the platform's mail would pass.
func sampleIP(ctx context.Context, dns spfcheck.Resolver, include string) (netip.Addr, bool) {
	txts, err := dns.LookupTXT(ctx, include)
	if err != nil {
		return netip.Addr{}, false
	}
	i, err := spfedit.Select(txts)
	if err != nil || i < 0 {
		return netip.Addr{}, false
	}
	rec, err := spfedit.Parse(txts[i])
	if err != nil {
		return netip.Addr{}, false
	}
	for _, t := range rec.Terms() {
		if (t.Kind == spfedit.KindIP4 || t.Kind == spfedit.KindIP6) && t.Qualifier.Result() == "pass" {
			a := t.Prefix().Addr()
			if t.Prefix().Bits() < a.BitLen() {
				a = a.Next()
			}
			return a, true
		}
	}
	return netip.Addr{}, false
}

func isNotFound(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
