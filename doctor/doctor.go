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
	"strings"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
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
	SitAuthorised    = "already-authorised"   // include effective, platform passes: no work
	SitNeedsInclude  = "needs-include"        // the article's 他社レンタルサーバ case: add the include
	SitNoRecord      = "no-spf-record"        // no SPF record: add one (new TXT record)
	SitFreeMail      = "free-mail"            // the sender address is free mail
	SitAfterAll      = "include-after-all"    // include written after all
	SitQualifier     = "include-qualifier"    // ~include, -include, ?include
	SitAllPass       = "all-pass"             // +all: anyone may send
	SitSyntax        = "syntax-error"         // a misspelt or broken term
	SitFullWidth     = "full-width"           // full-width characters (or 〜) in the record
	SitInvisible     = "invisible-characters" // no-break or zero-width spaces in the record
	SitQuoted        = "quoted-record"        // the record stored with its quotes
	SitMultiple      = "multiple-records"     // two or more SPF records
	SitOverLimit     = "over-limit"           // over 10 lookups already
	SitWouldExceed   = "would-exceed-limit"   // adding the include would pass 10 lookups
	SitBrokenInclude = "broken-include"       // an include or redirect target is broken
	SitNotPassing    = "not-passing"          // the platform's mail does not pass, no other reason found
	SitNotVerified   = "not-verified"         // could not test the platform's mail
	SitCNAME         = "cname"                // the domain is an alias
	SitNXDomain      = "nxdomain"             // the domain does not exist (a typo?)
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
	edits      bool // an [NG] step changes DNS: say how long it takes to show
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
	// Program is how the user started spfpatch, for the suggested commands
	// ("spfpatch" when empty; .\spfpatch.exe on Windows from the current
	// folder, see cli's programName).
	Program string
	// Flags are the run's other flags (--zone-dir, --nameserver ...), already
	// quoted, put in the suggested commands so that they work as printed.
	Flags string
	// DoctorFlags are flags only the doctor command takes
	// (--platform-name), already quoted: put in the doctor commands only.
	DoctorFlags string
	P           i18n.Printer
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
	// A copy: the caller's slice is not changed.
	incs := make([]string, 0, len(cfg.Includes))
	for _, inc := range cfg.Includes {
		incs = append(incs, strings.ToLower(strings.TrimSuffix(inc, ".")))
	}
	if len(incs) == 0 {
		incs = []string{"e-shopsmail2.com"}
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
		r.Again = d.doctorCommand(commandTarget(t))
	}
	switch {
	case errors.Is(err, plan.ErrFreeMail):
		d.freeMail(t)
		return d.finish()
	case err != nil:
		r.add(Check{ID: "target", Status: Fail, Situation: SitBadTarget, Message: termsafe.Line(plan.Localize(p, err)), Next: p.T("doctor.target.next")})
		r.Verdict, r.Situation = VerdictBadTarget, SitBadTarget
		r.Summary = p.T("doctor.verdict.bad-target")
		return r
	}
	d.domain = t.Domain
	d.sender = t.Sender
	domainOK := Check{ID: "sender-domain", Status: OK, Message: p.T("doctor.domain.ok", r.Display)}

	// A CNAME's SPF record is the one at its target (SPEC.md rule 9):
	// doctor is run there.
	if cn, ok := cfg.DNS.(interface {
		LookupCNAME(ctx context.Context, name string) (string, bool, error)
	}); ok {
		if target, alias, err := cn.LookupCNAME(ctx, t.Domain); err == nil && alias {
			r.add(domainOK)
			d.cname(strings.ToLower(strings.TrimSuffix(target, ".")))
			return d.finish()
		}
	}

	// The SPF record.
	txts, err := cfg.DNS.LookupTXT(ctx, t.Domain)
	if err != nil && isNXDomain(err) {
		// A typo: the domain is not "your own domain", and there is no DNS
		// host to name.
		next := p.T("doctor.nxdomain.next")
		r.add(Check{ID: "domain", Status: Fail, Situation: SitNXDomain, Message: p.T("doctor.nxdomain", r.Display), Next: next})
		return d.finish()
	}
	if err != nil && !plan.IsNotFound(err) {
		r.add(Check{ID: "spf", Status: Fail, Situation: SitDNSError, Message: dnsErrorText(p, err), Next: p.T("doctor.dns.error.next")})
		r.Verdict, r.Situation = VerdictDNSError, SitDNSError
		r.Summary = p.T("doctor.verdict.dns", r.Again)
		return r
	}
	r.add(domainOK)
	d.findHost(ctx)
	d.spf(ctx, txts)
	d.dmarcAndMX(ctx)
	return d.finish()
}

// commandTarget is the target as a suggested command takes it: the
// domain in its A-label form (xn--...), so that the command needs no
// quotes in PowerShell or cmd.exe and reads the same in any code page.
func commandTarget(t plan.Target) string {
	if t.Domain == "" {
		return t.Input
	}
	if t.Sender != "" {
		if local, _, ok := strings.Cut(t.Sender, "@"); ok {
			return local + "@" + t.Domain
		}
	}
	return t.Domain
}

// freeMail is the check of a sender address at a free-mail service, in the
// help article's words: Gmail's own, or the same advice for the others.
func (d *run) freeMail(t plan.Target) {
	p, plat := d.p, d.plat
	gmail := t.Domain == "gmail.com" || t.Domain == "googlemail.com"
	msg := p.T("doctor.freemail", termsafe.Line(t.Domain), plat.Name)
	login := p.T("doctor.freemail.login.other")
	if gmail {
		login = p.T("doctor.freemail.login.gmail")
	}
	next := p.T("doctor.freemail.next.generic")
	if plat.AdminPath != "" {
		next = p.T("doctor.freemail.next", plat.Name, plat.AdminPath, login)
	}
	d.gmail = gmail
	d.r.add(Check{ID: "sender-domain", Status: Fail, Situation: SitFreeMail, Message: msg, Next: next})
}

// cname is the check of a domain that is an alias: the SPF record that
// counts is the target's, so doctor is to be run there. With a plain
// target name that is a step, not a failure ([i]); a target that cannot
// be put in a command is [NG]: whoever manages DNS has to look.
func (d *run) cname(target string) {
	p, r := d.p, d.r
	c := Check{ID: "cname", Status: Info, Situation: SitCNAME, Message: p.T("doctor.cname", r.Display, termsafe.Line(target))}
	if plainName(target) {
		c.Next = p.T("doctor.cname.next", display(p, target))
		c.Command = d.doctorCommand(target)
		r.Again = c.Command
		d.cnameTarget = target
	} else {
		c.Status = Fail
		c.Next = p.T("doctor.cname.next.unsafe")
		r.Again = ""
	}
	r.add(c)
}

// run is one doctor run's state.
type run struct {
	cfg         Config
	p           i18n.Printer
	r           *Report
	incs        []string
	plat        Platform
	domain      string
	sender      string
	host        *Host
	nameservers []string
	// brokenRecord: the published record is not one SPF record that
	// parses (two records, quotes, characters, a typo): apply cannot start
	// from it, so no apply command is suggested.
	brokenRecord bool
	// live is the one published SPF record, when it parses.
	live *spfedit.Record
	// valueOver: the corrected value is over the lookup limits, so it was
	// not given; the lookups check says what to do first.
	valueOver   bool
	cnameTarget string
	// indirect are the includes the live record authorises through another
	// record (check_host() passes), each with the term it passes through.
	indirect map[string]string
	// livePermerror: the record as published is permerror for senders
	// other than the platform (a broken include after the platform's).
	livePermerror bool
	// noApply: plan refuses to write at this name (an SPF record stored
	// wrongly beside the SPF record): no apply command is suggested.
	noApply bool
	gmail   bool // the free-mail address is a Gmail address
}

// dnsEdit are the situations whose step is a change in DNS: the summary
// says how long such a change takes to show.
var dnsEdit = map[string]bool{
	SitNeedsInclude: true, SitNoRecord: true, SitAfterAll: true, SitQualifier: true, SitAllPass: true,
	SitSyntax: true, SitFullWidth: true, SitInvisible: true, SitQuoted: true, SitMultiple: true,
	SitOverLimit: true, SitWouldExceed: true, SitBrokenInclude: true, SitNotPassing: true,
}

// finish computes the verdict and the situation from the checks, once, and
// writes the summary from them.
func (d *run) finish() *Report {
	p, r := d.p, d.r
	failed := r.failed()
	advice := false
	r.edits = false
	for _, c := range r.Checks {
		if c.Status == Warn && c.Next != "" {
			advice = true
		}
		if c.Status == Fail && dnsEdit[c.Situation] {
			r.edits = true
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
		switch {
		case d.cnameTarget != "":
			r.Situation = SitCNAME
		case r.passOK:
			r.Situation = SitAuthorised
		default:
			r.Situation = SitNotVerified
		}
	}
	if d.host != nil || (r.edits && d.domain != "") {
		d.addHostCheck()
	}
	var lines []string
	lines = append(lines, d.situationText())
	if r.Verdict == VerdictAction && d.livePermerror && r.passTested && r.passOK {
		// The platform's own mail passes (check_host() stops at its
		// include), the record is permerror for everything else.
		lines = append(lines, p.T("doctor.verdict.broken.platform-passes", d.plat.Name))
	}
	switch {
	case r.Situation == SitCNAME && d.cnameTarget != "":
		lines = append(lines, p.T("doctor.verdict.cname", display(p, d.cnameTarget), r.Again))
	case r.Verdict == VerdictOK:
		lines = append(lines, p.T("doctor.verdict.ok", d.plat.Name))
	case r.Verdict == VerdictAdvice:
		lines = append(lines, p.T("doctor.verdict.ok", d.plat.Name), p.T("doctor.verdict.advice"))
	case r.Verdict == VerdictUnverified:
		lines = append(lines, p.T("doctor.verdict.unverified"))
	case r.Situation == SitFreeMail:
		r.Again = ""
		lines = append(lines, p.T("doctor.verdict.freemail"))
	case r.Situation == SitNXDomain:
		// The same command would find the same typo: the owner corrects
		// the spelling first.
		r.Again = ""
		key := "doctor.verdict.nxdomain.domain"
		if d.sender != "" {
			key = "doctor.verdict.nxdomain.address"
		}
		lines = append(lines, p.T(key))
	case r.edits:
		lines = append(lines, p.T("doctor.verdict.propagation", d.propagation()), p.T("doctor.verdict.action", r.Again))
	case r.Again == "":
		// No command to give (an alias to a name that is not a plain
		// domain name): the [NG] step says who to ask.
		lines = append(lines, p.T("doctor.verdict.steps"))
	default:
		lines = append(lines, p.T("doctor.verdict.recheck", r.Again))
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
		switch {
		case art != "" && d.gmail:
			return p.T("situation.free-mail.article", art, d.plat.FreeMail)
		case art != "":
			return p.T("situation.free-mail.other.article", termsafe.Line(r.Domain), art, d.plat.FreeMail)
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

// join puts sentences together: with a space in English, without one
// after a Japanese full stop (but with one after a URL or any other text
// ending in ASCII, so that a link is not glued to the next sentence).
// Empty ones are left out.
func (d *run) join(parts ...string) string {
	var b strings.Builder
	for _, s := range parts {
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			prev := b.String()
			if d.p.Lang != i18n.JA || prev[len(prev)-1] < 0x80 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

// overLimit reports whether an accounted record needs more DNS lookups, or
// more void lookups, than receivers allow (RFC 7208 §4.6.4).
func overLimit(rep *spfcheck.Report) bool {
	return rep != nil && (rep.Lookups > spfcheck.MaxLookups || rep.VoidLookups > spfcheck.MaxVoidLookups)
}
