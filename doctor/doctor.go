// Package doctor answers one question for a shop owner: will the shop's
// mail reach Gmail? It reads the sender domain's DNS, decides once, from the
// checks, what the situation is, and gives for every problem its own next
// step in the help article's words, with the exact value to paste.
//
// The verdict is computed from the checks and nothing else: "no work
// needed" (situation already-authorised) only when the platform's own
// sending address gets pass from check_host() on the live record and no
// check failed. Every failed check has its own next step; where doctor can
// correct the record (an include after all or with ~, quotes, full-width
// characters, a misspelt mechanism, two SPF records, +all) the step carries
// the corrected record.
//
// Everything read from DNS is printed through termsafe.Line and every word
// of a suggested command goes through termsafe.Arg, after the names in it
// were checked to be plain host names.
package doctor

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"regexp"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/resolver"
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

// Verdicts.
const (
	VerdictOK         = "ok"             // the platform's mail passes; nothing to do
	VerdictAdvice     = "ok-with-advice" // passes; [!] steps recommended
	VerdictAction     = "action-needed"  // something is [NG]: do its step
	VerdictUnverified = "unverified"     // nothing wrong found, but the platform's pass could not be tested
	VerdictBadTarget  = "bad-target"
	VerdictDNSError   = "dns-error"
)

// Situation codes (Report.Situation, Check.Situation): language-neutral.
const (
	SitAuthorised    = "already-authorised" // include effective, platform passes: no work
	SitNeedsInclude  = "needs-include"      // the article's 他社レンタルサーバ case: add the include
	SitNoRecord      = "no-spf-record"      // no SPF record: add one (new TXT record)
	SitFreeMail      = "free-mail"          // the sender address is free mail
	SitAfterAll      = "include-after-all"  // include written after all
	SitQualifier     = "include-qualifier"  // ~include, -include, ?include
	SitAllPass       = "all-pass"           // +all: anyone may send
	SitSyntax        = "syntax-error"       // a misspelt or broken term
	SitFullWidth     = "full-width"         // full-width characters in the record
	SitQuoted        = "quoted-record"      // the record stored with its quotes
	SitMultiple      = "multiple-records"   // two or more SPF records
	SitOverLimit     = "over-limit"         // over 10 lookups already
	SitWouldExceed   = "would-exceed-limit" // adding the include would pass 10 lookups
	SitBrokenInclude = "broken-include"     // an include or redirect target is broken
	SitNotPassing    = "not-passing"        // the platform's mail does not pass, no other reason found
	SitNotVerified   = "not-verified"       // could not test the platform's mail
	SitCNAME         = "cname"              // the domain is an alias
	SitNXDomain      = "nxdomain"           // the domain does not exist (a typo?)
	SitDNSError      = "dns-error"
	SitBadTarget     = "bad-target"
)

// How a check's Value is to be entered (Check.Edit).
const (
	EditSPF   = "edit-spf"   // edit the TXT record that starts with v=spf1
	EditAdd   = "add"        // add one new TXT record
	EditMerge = "merge"      // edit one SPF record to the value, delete the others
	EditDMARC = "edit-dmarc" // edit the existing DMARC record
	EditAddDM = "add-dmarc"  // add a DMARC record
)

// Check is one finding. ID, Status, Situation and Edit are language-neutral;
// Message and Next are in the report's language.
type Check struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	Situation string `json:"situation,omitempty"` // what a failed check means
	Message   string `json:"message"`
	Next      string `json:"next,omitempty"`    // what to do, in words
	Command   string `json:"command,omitempty"` // a spfpatch command, safe to paste
	Edit      string `json:"edit,omitempty"`    // how to enter Value: edit-spf, add, merge, edit-dmarc, add-dmarc
	Name      string `json:"name,omitempty"`    // the DNS name the record lives at
	Host      string `json:"host,omitempty"`    // what goes in the panel's host-name field: "@" for the domain itself
	Value     string `json:"value,omitempty"`   // the exact TXT value to enter
}

// Report is the doctor's answer for one target.
type Report struct {
	Target    string   `json:"target"`
	Domain    string   `json:"domain"`
	Display   string   `json:"display,omitempty"` // the domain for people: ショップ.jp (xn--...)
	Situation string   `json:"situation,omitempty"`
	Verdict   string   `json:"verdict"`
	Record    string   `json:"record,omitempty"` // the SPF record as published
	Fixed     string   `json:"fixed,omitempty"`  // the record to publish instead, when doctor can say
	Lookups   int      `json:"lookups"`
	Platform  Platform `json:"platform"`
	Zone      string   `json:"zone,omitempty"`
	DNSHost   *Host    `json:"dns_host,omitempty"`
	Checks    []Check  `json:"checks"`
	Summary   string   `json:"summary"`
	// Again is the doctor command to run once the steps are done.
	Again string `json:"again,omitempty"`

	passOK     bool // every include's sample address got pass on live data
	passTested bool
	edits      bool // a step changes DNS: say how long it takes to show
	valueShown bool // the corrected record was given once already
}

// Config is what Run needs.
type Config struct {
	Checker  *spfcheck.Checker
	DNS      spfcheck.Resolver
	Includes []string // include targets the platform needs; default e-shopsmail2.com
	// PlatformName overrides the platform's name (--platform-name).
	PlatformName string
	Provider     string // the user's --provider ("" = not given)
	// Flags are the run's other flags (--zone-dir, --nameserver ...), already
	// quoted, put in the suggested commands so that they work as printed.
	Flags string
	P     i18n.Printer
}

func (r *Report) add(c Check) { r.Checks = append(r.Checks, c) }

func (r *Report) failed() bool {
	for _, c := range r.Checks {
		if c.Status == Fail {
			return true
		}
	}
	return false
}

// Run examines one target: a domain or the shop's sender address.
func Run(ctx context.Context, cfg Config, input string) *Report {
	p := cfg.P
	incs := cfg.Includes
	if len(incs) == 0 {
		incs = []string{"e-shopsmail2.com"}
	}
	for i := range incs {
		incs[i] = strings.ToLower(strings.TrimSuffix(incs[i], "."))
	}
	plat := PlatformFor(incs, cfg.PlatformName).For(string(p.Lang))
	r := &Report{Target: input, Checks: []Check{}, Platform: plat}
	d := &run{cfg: cfg, p: p, r: r, incs: incs, plat: plat}
	t, err := plan.ParseTarget(input)
	r.Domain = t.Domain
	if t.Domain != "" {
		r.Display = display(p, t.Domain)
	}
	if err == nil || errors.Is(err, plan.ErrFreeMail) {
		r.Again = d.doctorCommand(input)
	}
	switch {
	case errors.Is(err, plan.ErrFreeMail):
		msg := p.T("doctor.freemail", termsafe.Line(t.Domain), plat.Name)
		next := p.T("doctor.freemail.next.generic")
		if plat.AdminPath != "" {
			next = p.T("doctor.freemail.next", plat.Name, plat.AdminPath)
		}
		r.add(Check{ID: "sender-domain", Status: Fail, Situation: SitFreeMail, Message: msg, Next: next})
		return d.finish()
	case err != nil:
		r.add(Check{ID: "target", Status: Fail, Situation: SitBadTarget, Message: termsafe.Line(plan.Localize(p, err)), Next: p.T("doctor.target.next")})
		r.Verdict, r.Situation = VerdictBadTarget, SitBadTarget
		r.Summary = p.T("doctor.verdict.bad-target")
		return r
	}
	d.domain = t.Domain
	d.sender = t.Sender
	r.add(Check{ID: "sender-domain", Status: OK, Message: p.T("doctor.domain.ok", r.Display)})
	d.findHost(ctx)

	// A CNAME's SPF record is the one at its target (SPEC.md rule 9).
	if cn, ok := cfg.DNS.(interface {
		LookupCNAME(ctx context.Context, name string) (string, bool, error)
	}); ok {
		if target, alias, err := cn.LookupCNAME(ctx, t.Domain); err == nil && alias {
			target = strings.ToLower(strings.TrimSuffix(target, "."))
			c := Check{ID: "cname", Status: Fail, Situation: SitCNAME,
				Message: p.T("doctor.cname", r.Display, termsafe.Line(target))}
			if plainName(target) {
				c.Next = p.T("doctor.cname.next", target)
				c.Command = d.doctorCommand(target)
				r.Again = c.Command
			} else {
				c.Next = p.T("doctor.cname.next.unsafe")
			}
			r.add(c)
			return d.finish()
		}
	}

	// The SPF record.
	txts, err := cfg.DNS.LookupTXT(ctx, t.Domain)
	if err != nil && isNXDomain(err) {
		r.add(Check{ID: "domain", Status: Fail, Situation: SitNXDomain, Message: p.T("doctor.nxdomain", r.Display), Next: p.T("doctor.nxdomain.next")})
		return d.finish()
	}
	if err != nil && !isNotFound(err) {
		r.add(Check{ID: "spf", Status: Fail, Situation: SitDNSError, Message: p.T("doctor.dns.error", termsafe.Line(err.Error())), Next: p.T("doctor.dns.error.next")})
		r.Verdict, r.Situation = VerdictDNSError, SitDNSError
		r.Summary = p.T("doctor.verdict.dns", r.Again)
		return r
	}
	d.spf(ctx, txts)
	d.dmarcAndMX(ctx)
	return d.finish()
}

// run is one doctor run's state.
type run struct {
	cfg          Config
	p            i18n.Printer
	r            *Report
	incs         []string
	plat         Platform
	domain       string
	sender       string
	host         *Host
	nameservers  []string
	brokenRecord bool
}

// spf examines the TXT records at the domain: which one is the SPF record,
// whether it parses, holds the includes where they work, stays within the
// limits, and gives pass for the platform's servers.
func (d *run) spf(ctx context.Context, txts []string) {
	p, r := d.p, d.r
	var spfs, quoted []string
	for _, t := range txts {
		switch {
		case spfedit.IsSPF(t):
			spfs = append(spfs, t)
		case looksQuotedSPF(t):
			quoted = append(quoted, t)
		}
	}
	incText := d.includeText()
	switch {
	case len(spfs) >= 2:
		q := make([]string, len(spfs))
		for i, s := range spfs {
			q[i] = "「" + termsafe.Line(s) + "」"
		}
		c := Check{ID: "spf", Status: Fail, Situation: SitMultiple, Message: p.T("doctor.spf.multiple", len(spfs), strings.Join(q, p.T("doctor.list.sep"))), Name: d.domain, Host: d.hostField()}
		var fixedTexts []string
		for _, s := range spfs {
			f, _, err := repair(s)
			if err != nil {
				fixedTexts = nil
				break
			}
			fixedTexts = append(fixedTexts, f)
		}
		if m, err := merge(fixedTexts); fixedTexts != nil && err == nil {
			fixed := softenAll(ensure(m, d.incs))
			c.Next, c.Edit, c.Value = p.T("doctor.spf.multiple.next", len(spfs)), EditMerge, fixed.String()
			r.Fixed = c.Value
			r.valueShown = true
			r.edits = true
			d.apiCommand(&c)
		} else {
			c.Next = p.T("doctor.spf.multiple.next.manual", len(spfs))
		}
		r.add(c)
		return
	case len(spfs) == 0 && len(quoted) > 0:
		r.Record = quoted[0]
		fixedText, fixes, err := repair(quoted[0])
		c := Check{ID: "spf", Status: Fail, Situation: SitQuoted, Message: p.T("doctor.spf.quoted", termsafe.Line(quoted[0])), Name: d.domain, Host: d.hostField()}
		if err != nil {
			c.Next = p.T("doctor.spf.quoted.next.manual")
			r.add(c)
			return
		}
		_ = fixes
		rec, _ := spfedit.Parse(fixedText)
		c.Next = p.T("doctor.spf.quoted.next")
		d.withValue(&c, rec)
		r.add(c)
		d.brokenRecord = true
		d.examine(ctx, rec)
		return
	case len(spfs) == 0:
		rec, _ := spfedit.New(d.incs...)
		c := Check{ID: "spf", Status: Fail, Situation: SitNoRecord, Message: p.T("doctor.spf.none", r.Display, d.plat.Name),
			Next: p.T("doctor.spf.none.next", d.plat.Name, incText), Edit: EditAdd, Name: d.domain, Host: d.hostField(), Value: rec.String()}
		r.Fixed, r.valueShown, r.edits = c.Value, true, true
		d.apiCommand(&c)
		r.add(c)
		return
	}
	live := spfs[0]
	r.Record = live
	rec, err := spfedit.Parse(live)
	if err != nil {
		fixedText, fixes, rerr := repair(live)
		c := Check{ID: "spf", Status: Fail, Name: d.domain, Host: d.hostField()}
		var se *spfedit.SyntaxError
		switch {
		case contains(fixes, FixFullWidth):
			c.Situation = SitFullWidth
			c.Message = p.T("doctor.spf.fullwidth", fullWidthChars(p, live))
			c.Next = p.T("doctor.spf.fullwidth.next")
		case contains(fixes, FixTypo) && errors.As(err, &se) && len(se.HintArgs) == 1:
			c.Situation = SitSyntax
			c.Message = p.T("doctor.spf.typo", termsafe.Line(se.Term), se.HintArgs[0])
			c.Next = p.T("doctor.spf.typo.next", se.HintArgs[0])
		default:
			c.Situation = SitSyntax
			c.Message = p.T("doctor.spf.syntax", termsafe.Line(p.SPFError(err)))
			c.Next = p.T("doctor.spf.syntax.next")
		}
		if rerr != nil {
			if c.Situation != SitSyntax || len(fixes) > 0 {
				c.Next = d.join(c.Next, p.T("doctor.spf.syntax.more", termsafe.Line(p.SPFError(rerr))))
			}
			r.add(c)
			return
		}
		rec, _ = spfedit.Parse(fixedText)
		d.withValue(&c, rec)
		r.add(c)
		d.brokenRecord = true
		d.examine(ctx, rec)
		return
	}
	r.add(Check{ID: "spf", Status: OK, Message: p.T("doctor.spf.ok", termsafe.Line(live))})
	d.examine(ctx, rec)
}

// withValue puts the corrected record (rec with the includes in place and
// +all softened) on c, or, when it was given already, says so.
func (d *run) withValue(c *Check, rec *spfedit.Record) {
	r := d.r
	fixed := d.corrected(rec)
	r.Fixed = fixed.String()
	r.edits = true
	if r.valueShown {
		c.Next = d.join(c.Next, d.p.T("doctor.value.above"))
		return
	}
	r.valueShown = true
	c.Edit, c.Name, c.Host, c.Value = EditSPF, d.domain, d.hostField(), fixed.String()
	if !d.brokenRecord {
		d.apiCommand(c)
	}
}

// join puts two sentences together: with a space in English, without one
// after a Japanese full stop.
func (d *run) join(a, b string) string {
	if a == "" {
		return b
	}
	if d.p.Lang == i18n.JA {
		return a + b
	}
	return a + " " + b
}

// examine checks a parsed SPF record: includes, all, lookups, the targets
// it includes and, on live data, whether the platform's mail passes.
func (d *run) examine(ctx context.Context, rec *spfedit.Record) {
	p, r := d.p, d.r
	fixed := d.corrected(rec)
	now := d.cfg.Checker.Account(ctx, d.domain, rec)
	after := now
	changed := fixed.String() != rec.String()
	if changed {
		after = d.cfg.Checker.Account(ctx, d.domain, fixed)
	}
	r.Lookups = now.Lookups
	// Adding the include would pass the limit: no value to paste yet.
	noRoom := now.Lookups <= spfcheck.MaxLookups && after.Lookups > spfcheck.MaxLookups
	allOK := true
	for _, inc := range d.incs {
		st, term := placement(rec, inc)
		if st != "ok" {
			allOK = false
		}
		switch st {
		case "missing":
			key := "doctor.include.missing"
			if i := rec.All(); i >= 0 && rec.Term(i).Qualifier == spfedit.QualifierFail {
				key = "doctor.include.missing.hardfail"
			}
			c := Check{ID: "include", Status: Fail, Situation: SitNeedsInclude, Message: p.T(key, inc, d.plat.Name)}
			if noRoom {
				c.Situation = SitWouldExceed
				c.Next = p.T("doctor.include.missing.first")
			} else {
				c.Next = p.T("doctor.include.missing.next", inc)
				d.withValue(&c, rec)
			}
			r.add(c)
		case "after-all":
			all := rec.Term(rec.All()).Text
			c := Check{ID: "include", Status: Fail, Situation: SitAfterAll, Message: p.T("doctor.include.after-all", inc, all),
				Next: p.T("doctor.include.after-all.next", inc, all)}
			d.withValue(&c, rec)
			r.add(c)
		case "qualifier":
			q := term[:1]
			res := spfedit.Qualifier(q[0]).Result()
			c := Check{ID: "include", Status: Fail, Situation: SitQualifier,
				Message: p.T("doctor.include.qualifier", q, d.plat.Name, p.T("doctor.result."+res)),
				Next:    p.T("doctor.include.qualifier.next", q, termsafe.Line(term), inc)}
			d.withValue(&c, rec)
			r.add(c)
		default:
			r.add(Check{ID: "include", Status: OK, Message: p.T("doctor.include.ok", inc)})
		}
	}
	if i := rec.All(); i >= 0 {
		t := rec.Term(i)
		if t.Qualifier == spfedit.QualifierNone || t.Qualifier == spfedit.QualifierPass {
			c := Check{ID: "all", Status: Fail, Situation: SitAllPass, Message: p.T("doctor.all.pass", termsafe.Line(t.Text)), Next: p.T("doctor.all.pass.next", termsafe.Line(t.Text))}
			d.withValue(&c, rec)
			r.add(c)
		}
	} else if _, ok := rec.Redirect(); !ok {
		c := Check{ID: "all", Status: Warn, Message: p.T("doctor.all.none"), Next: p.T("doctor.all.none.next")}
		d.withValue(&c, rec)
		r.add(c)
	}

	switch {
	case now.Status == "temperror" || after.Status == "temperror":
		r.add(Check{ID: "lookups", Status: Warn, Message: p.T("doctor.lookups.dns", termsafe.Line(strings.Join(p.Problems(after), "; "))), Next: p.T("doctor.dns.error.next")})
	case now.Lookups > spfcheck.MaxLookups:
		r.add(Check{ID: "lookups", Status: Fail, Situation: SitOverLimit, Message: p.T("doctor.lookups.over.now", now.Lookups, costliest(p, now)), Next: p.T("doctor.lookups.over.next")})
	case noRoom:
		r.add(Check{ID: "lookups", Status: Fail, Situation: SitWouldExceed, Message: p.T("doctor.lookups.over.after", d.includeText(), after.Lookups, costliest(p, after)), Next: p.T("doctor.lookups.over.next")})
	case after.Status == "permerror":
		d.broken(after, fixed)
	case changed:
		r.add(Check{ID: "lookups", Status: OK, Message: p.T("doctor.lookups.after", now.Lookups, after.Lookups)})
	default:
		r.add(Check{ID: "lookups", Status: OK, Message: p.T("doctor.lookups.ok", now.Lookups)})
	}

	// Would the platform's servers pass today, on the live record? Only
	// asked when the record as published holds every include in place:
	// otherwise the [NG] above says already why they do not.
	if d.brokenRecord || !allOK {
		return
	}
	r.passTested, r.passOK = true, true
	for _, inc := range d.incs {
		ip, ok := sampleIP(ctx, d.cfg.DNS, inc)
		if !ok {
			r.passTested, r.passOK = false, false
			r.add(Check{ID: "platform-pass", Status: Warn, Situation: SitNotVerified, Message: p.T("doctor.pass.untested", inc), Next: p.T("doctor.pass.untested.next")})
			continue
		}
		sender := "postmaster@" + d.domain
		if d.sender != "" {
			sender = d.sender
		}
		out := d.cfg.Checker.CheckHost(ctx, ip, d.domain, sender, d.domain)
		if out.Result == spfcheck.Pass {
			r.add(Check{ID: "platform-pass", Status: OK, Message: p.T("doctor.pass.ok", d.plat.Name, ip)})
			continue
		}
		r.passOK = false
		next := p.T("doctor.pass.fail.next.above")
		if !r.failed() {
			next = p.T("doctor.pass.fail.next", inc, d.plat.Name)
		}
		r.add(Check{ID: "platform-pass", Status: Fail, Situation: SitNotPassing, Message: p.T("doctor.pass.fail", d.plat.Name, ip, p.T("doctor.result."+out.Result.String())), Next: next})
	}
}

// corrected is rec with the includes in place, +all softened and a missing
// all added (unless a redirect= stands for it).
func (d *run) corrected(rec *spfedit.Record) *spfedit.Record {
	fixed := softenAll(ensure(rec, d.incs))
	if fixed.All() < 0 {
		if _, ok := fixed.Redirect(); !ok {
			if f, err := spfedit.Parse(fixed.String() + " ~all"); err == nil {
				fixed = f
			}
		}
	}
	return fixed
}

// broken reports a record that fails with permerror for a reason beyond
// its own text: an include or redirect target without an SPF record, a
// loop, a syntax error in an included record, too many void lookups.
func (d *run) broken(rep *spfcheck.Report, rec *spfedit.Record) {
	p, r := d.p, d.r
	for _, pr := range rep.Problems {
		if pr.Code == spfcheck.CodeTargetNoRecord && len(pr.Args) >= 1 {
			target := strings.TrimSuffix(pr.Args[0], ".")
			c := Check{ID: "include-target", Status: Fail, Situation: SitBrokenInclude,
				Message: p.T("doctor.include.broken", termsafe.Line(target))}
			if !contains(d.incs, strings.ToLower(target)) {
				without := rec.Clone()
				if without.RemoveInclude(target) > 0 {
					c.Next = p.T("doctor.include.broken.next", termsafe.Line(target))
					c.Edit, c.Name, c.Host, c.Value = EditSPF, d.domain, d.hostField(), without.String()
					r.edits = true
					r.add(c)
					return
				}
			}
			c.Next = p.T("doctor.include.broken.next.ask", termsafe.Line(target))
			r.add(c)
			return
		}
	}
	r.add(Check{ID: "lookups", Status: Fail, Situation: SitBrokenInclude, Message: p.T("doctor.spf.broken", termsafe.Line(strings.Join(p.Problems(rep), "; "))), Next: p.T("doctor.spf.broken.next")})
}

// finish computes the verdict and the situation from the checks, once, and
// writes the summary from them.
func (d *run) finish() *Report {
	p, r := d.p, d.r
	failed := r.failed()
	advice := false
	for _, c := range r.Checks {
		if c.Status == Warn && c.Next != "" {
			advice = true
		}
	}
	switch {
	case failed:
		r.Verdict = VerdictAction
	case !r.passOK:
		r.Verdict = VerdictUnverified
	case advice:
		r.Verdict = VerdictAdvice
	default:
		r.Verdict = VerdictOK
	}
	r.Situation = ""
	for _, c := range r.Checks {
		if c.Status == Fail && c.Situation != "" {
			r.Situation = c.Situation
			break
		}
	}
	if r.Situation == "" {
		if r.passOK {
			r.Situation = SitAuthorised
		} else {
			r.Situation = SitNotVerified
		}
	}
	if d.host != nil || (r.edits && d.domain != "") {
		d.addHostCheck()
	}
	var lines []string
	lines = append(lines, d.situationText())
	switch r.Verdict {
	case VerdictOK:
		lines = append(lines, p.T("doctor.verdict.ok", d.plat.Name))
	case VerdictAdvice:
		lines = append(lines, p.T("doctor.verdict.ok", d.plat.Name), p.T("doctor.verdict.advice"))
	case VerdictUnverified:
		lines = append(lines, p.T("doctor.verdict.unverified"))
	default:
		switch {
		case r.Situation == SitFreeMail:
			r.Again = ""
			lines = append(lines, p.T("doctor.verdict.freemail"))
		case r.edits:
			lines = append(lines, p.T("doctor.verdict.propagation", d.propagation()), p.T("doctor.verdict.action", r.Again))
		default:
			lines = append(lines, p.T("doctor.verdict.recheck", r.Again))
		}
	}
	r.Summary = strings.Join(lines, "\n")
	return r
}

// situationText is the summary's first line: the situation in the help
// article's own headings when the platform has an article.
func (d *run) situationText() string {
	p, r := d.p, d.r
	inc := d.includeText()
	art := ""
	if d.plat.Article != "" {
		art = p.T("doctor.article", d.plat.Article, d.plat.Title)
	}
	switch r.Situation {
	case SitAuthorised:
		if art != "" {
			return p.T("situation.already-authorised.article", art, d.plat.OwnServer)
		}
		return p.T("situation.already-authorised")
	case SitNeedsInclude:
		if art != "" {
			return p.T("situation.needs-include.article", art, d.plat.OtherServer, inc)
		}
		return p.T("situation.needs-include", inc)
	case SitNoRecord:
		if art != "" {
			return p.T("situation.no-spf-record.article", d.plat.OtherServer, inc)
		}
		return p.T("situation.no-spf-record", inc)
	case SitFreeMail:
		if art != "" {
			return p.T("situation.free-mail.article", art, d.plat.FreeMail)
		}
		return p.T("situation.free-mail")
	case SitCNAME:
		return p.T("situation.cname", r.Display)
	case SitNXDomain:
		return p.T("situation.nxdomain", r.Display)
	case SitAfterAll, SitQualifier:
		return p.T("situation."+r.Situation, inc)
	default:
		return p.T("situation." + r.Situation)
	}
}

// includeText is the include terms the platform needs, as written in a record.
func (d *run) includeText() string {
	var s []string
	for _, inc := range d.incs {
		s = append(s, "include:"+inc)
	}
	return strings.Join(s, " ")
}

// propagation is how long a DNS change takes to show, as the host says, or
// the usual range.
func (d *run) propagation() string {
	if d.host != nil && d.host.Propagation != "" {
		if d.p.Lang == i18n.JA {
			return d.host.Propagation
		}
		return d.host.PropagationEN
	}
	return d.p.T("doctor.propagation.usual")
}

// findHost reads the zone's nameservers and names the DNS service.
func (d *run) findHost(ctx context.Context) {
	nl, ok := d.cfg.DNS.(nsLookup)
	if !ok {
		return
	}
	zone, err := nl.FindZone(ctx, d.domain)
	if err != nil || zone == "" {
		return
	}
	d.r.Zone = strings.TrimSuffix(zone, ".")
	ns, err := nl.LookupNS(ctx, zone)
	if err != nil {
		return
	}
	d.host = HostByNS(ns)
	d.r.DNSHost = d.host
	d.nameservers = ns
}

// hostField is what the panel's host-name field takes for the domain: "@"
// for the zone's apex (or left blank), else the labels below the zone.
func (d *run) hostField() string {
	z := d.r.Zone
	if z == "" || z == d.domain {
		return "@"
	}
	if rel, ok := strings.CutSuffix(d.domain, "."+z); ok {
		return rel
	}
	return "@"
}

// addHostCheck says where the DNS records are edited: the service found
// from the nameservers, its panel and its help page; or, unknown, where to
// look.
func (d *run) addHostCheck() {
	p, r := d.p, d.r
	if d.host == nil {
		ns := make([]string, 0, len(d.nameservers))
		for _, n := range d.nameservers {
			ns = append(ns, termsafe.Line(strings.TrimSuffix(n, ".")))
		}
		msg := p.T("doctor.host.unknown")
		if len(ns) > 0 {
			msg = p.T("doctor.host.unknown.ns", strings.Join(ns, ", "))
		}
		r.add(Check{ID: "dns-host", Status: Info, Message: msg})
		return
	}
	h := d.host
	panel := h.Panel
	if p.Lang != i18n.JA && h.PanelEN != "" {
		panel = h.PanelEN
	}
	msg := p.T("doctor.host", h.DisplayName(string(p.Lang)), panel)
	if h.Help != "" {
		msg += " " + p.T("doctor.host.help", h.Help)
	}
	if h.Provider == "" {
		msg += " " + p.T("doctor.host.manual")
	}
	r.add(Check{ID: "dns-host", Status: Info, Message: msg})
}

// apiCommand adds to a check whose Value is to be entered the command that
// enters it: through the provider's API when the user named one or the
// DNS host has one, else --provider manual, which prints the value and
// waits until DNS serves it.
func (d *run) apiCommand(c *Check) {
	if !plainName(d.domain) {
		return
	}
	prov := d.cfg.Provider
	if prov == "" && d.host != nil {
		prov = d.host.Provider
	}
	if !plainName(prov + ".x") {
		prov = ""
	}
	words := []string{"spfpatch", "apply"}
	if c.Edit == EditAdd {
		words = append(words, "--create")
	}
	flags := d.cfg.Flags
	switch {
	case prov == "" || prov == "manual":
		if !strings.Contains(flags, "--provider") {
			words = append(words, "--provider", "manual")
		}
		words = append(words, "--wait=30m")
		c.Next = d.join(c.Next, d.p.T("doctor.command.manual"))
	default:
		if !strings.Contains(flags, "--provider") {
			words = append(words, "--provider", prov)
		}
		c.Next = d.join(c.Next, d.p.T("doctor.command.api", prov))
	}
	c.Command = joinCommand(words, flags, d.domain)
}

// doctorCommand is the doctor command for target with this run's flags.
func (d *run) doctorCommand(target string) string {
	return joinCommand([]string{"spfpatch", "doctor"}, d.cfg.Flags, target)
}

// joinCommand builds a command line: the fixed words (spfpatch, the
// command, literal flags and checked provider names) as they are, the
// run's flags as the CLI quoted them, and the target through termsafe.Arg.
func joinCommand(words []string, flags, target string) string {
	s := strings.Join(words, " ")
	if f := strings.TrimSpace(flags); f != "" {
		s += " " + f
	}
	return s + " " + termsafe.Arg(target)
}

var plainNameRE = regexp.MustCompile(`^[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))+$`)

// plainName reports whether name is a host name made of letters, digits,
// hyphens and underscores only (A-labels included): a name that may be put
// in a suggested command.
func plainName(name string) bool {
	return len(name) <= 253 && plainNameRE.MatchString(strings.ToLower(name))
}

// display is the domain as people read it: an IDN in Unicode with its
// A-label, e.g. ショップ.jp (xn--...).
func display(p i18n.Printer, domain string) string {
	u, err := idna.Display.ToUnicode(domain)
	if err != nil || u == domain {
		return termsafe.Line(domain)
	}
	return p.T("doctor.idn", termsafe.Line(u), termsafe.Line(domain))
}

// dmarcAndMX adds the DMARC and MX checks.
func (d *run) dmarcAndMX(ctx context.Context) {
	p, r, domain := d.p, d.r, d.domain
	policy, where, raw, err := lookupDMARC(ctx, d.cfg.DNS, domain)
	name := "_dmarc." + domain
	value := "v=DMARC1; p=none"
	switch {
	case err != nil && !isNotFound(err):
		r.add(Check{ID: "dmarc", Status: Warn, Message: p.T("doctor.dns.error", termsafe.Line(err.Error())), Next: p.T("doctor.dns.error.next")})
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
	case err != nil && !isNotFound(err):
		r.add(Check{ID: "mx", Status: Warn, Message: p.T("doctor.dns.error", termsafe.Line(err.Error())), Next: p.T("doctor.dns.error.next")})
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

// fullWidthChars names the full-width characters of a record for people:
// 全角スペース, or the characters themselves in 「」.
func fullWidthChars(p i18n.Printer, s string) string {
	var names []string
	seen := map[rune]bool{}
	for _, r := range s {
		if r < 0x80 || seen[r] {
			continue
		}
		seen[r] = true
		if r == 0x3000 {
			names = append(names, p.T("doctor.char.ideographic-space"))
			continue
		}
		names = append(names, p.T("doctor.char.quoted", termsafe.Line(string(r))))
		if len(names) == 5 {
			break
		}
	}
	return strings.Join(names, p.T("doctor.list.sep"))
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func isNotFound(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound
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
