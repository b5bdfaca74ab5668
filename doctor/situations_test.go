package doctor

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// situation is one row of the review's table (shared/reviews/ja-review.md)
// and of the mistakes owners make after reading the help article: a zone
// in testdata/zones, and what doctor must conclude about it. Every row
// says, for the manual path, the kind of step (step), the panel's
// host-name field (host), the command that goes with the value (cmd) and
// the summary's situation sentence (summary): "-" where there is none, so
// that no row can leave a column out by accident.
type situation struct {
	target    string
	includes  []string // --include ("" = the default, e-shopsmail2.com)
	situation string
	verdict   string
	// next is the catalog key (and its arguments) the next step of the
	// first check that has one starts with, [NG] first, then [!].
	next     string
	nextArgs []any
	// The check that carries the value: the first [NG] with a value, else
	// the first [!] with one when nothing is [NG].
	step  string // its Edit: edit-spf, add, merge, edit-dmarc, add-dmarc; "-" = no value to enter
	host  string // its Host (the panel's host-name field); "-" with no value
	value string // its Value
	// cmd is what follows the value: "apply" (an apply command that plans
	// exactly this value), "doctor" (enter it, wait, check again with
	// doctor: the value is not what apply would write), "-" (no command).
	cmd string
	// summary is the catalog key of the summary's first line.
	summary string
	display string // Report.Display, when it matters
	dnsHost string // the DNS host found from NS
	command string // a part the suggested command must have
}

var plat = Platforms["e-shopsmail2.com"]

var situations = []situation{
	{target: "info@shop.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		step: EditSPF, host: "@", value: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", cmd: "apply",
		summary: "situation.needs-include.article", dnsHost: "onamae", command: "spfpatch apply --provider manual --wait=30m"},
	{target: "patched.example", situation: SitAuthorised, verdict: VerdictOK, step: "-", host: "-", cmd: "-",
		summary: "situation.already-authorised.article", dnsHost: "sakura"},
	{target: "nospf.example", situation: SitNoRecord, verdict: VerdictAction, next: "doctor.spf.none.next", nextArgs: []any{"e-shopsカートS", "include:e-shopsmail2.com"},
		step: EditAdd, host: "@", value: "v=spf1 include:e-shopsmail2.com ~all", cmd: "apply",
		summary: "situation.no-spf-record.article", command: "spfpatch apply --create --provider manual"},
	{target: "busy.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		step: EditSPF, host: "@", value: "v=spf1 a mx include:_spf.google.providers.example include:spf.outlook.providers.example include:sendgrid.providers.example include:e-shopsmail2.com -all", cmd: "apply",
		summary: "situation.needs-include.article"},
	{target: "full.example", situation: SitWouldExceed, verdict: VerdictAction, next: "doctor.include.missing.first",
		step: "-", host: "-", cmd: "-", summary: "situation.would-exceed-limit"},
	{target: "eleven.example", situation: SitOverLimit, verdict: VerdictAction, next: "doctor.lookups.over.next",
		step: "-", host: "-", cmd: "-", summary: "situation.over-limit"},
	{target: "two.example", situation: SitMultiple, verdict: VerdictAction, next: "doctor.spf.multiple.next", nextArgs: []any{2},
		step: EditMerge, host: "@", value: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", cmd: "doctor",
		summary: "situation.multiple-records"},
	// Two records whose merged value needs 11 lookups: no value, room first.
	{target: "twofull.example", situation: SitMultiple, verdict: VerdictAction, next: "doctor.spf.multiple.over", nextArgs: []any{11},
		step: "-", host: "-", cmd: "-", summary: "situation.multiple-records"},
	// An alias: not a failure, the step is to run doctor on the target.
	{target: "www.shop.example", situation: SitCNAME, verdict: VerdictUnverified, next: "doctor.cname.next", nextArgs: []any{"shop.example"},
		step: "-", host: "-", cmd: "-", summary: "situation.cname", command: "spfpatch doctor --zone-dir testdata/zones shop.example"},
	{target: "afterall.example", situation: SitAfterAll, verdict: VerdictAction, next: "doctor.include.after-all.next", nextArgs: []any{"e-shopsmail2.com", "~all"},
		step: EditSPF, host: "@", value: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", cmd: "doctor",
		summary: "situation.include-after-all"},
	{target: "softinc.example", situation: SitQualifier, verdict: VerdictAction, next: "doctor.include.qualifier.next", nextArgs: []any{"~", "~include:e-shopsmail2.com", "e-shopsmail2.com"},
		step: EditSPF, host: "@", value: "v=spf1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.include-qualifier"},
	{target: "plusall.example", situation: SitAllPass, verdict: VerdictAction, next: "doctor.all.pass.next", nextArgs: []any{"+all"},
		step: EditSPF, host: "@", value: "v=spf1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.all-pass"},
	// The include missing and +all: doctor's value softens +all, which
	// apply would not write, so no apply command.
	{target: "plusmissing.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		step: EditSPF, host: "@", value: "v=spf1 ip4:192.0.2.1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.needs-include.article"},
	{target: "syntax.example", situation: SitSyntax, verdict: VerdictAction, next: "doctor.spf.typo.next", nextArgs: []any{"ipv4:192.0.2.1", "ip4"},
		step: EditSPF, host: "@", value: "v=spf1 ip4:192.0.2.1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.syntax-error"},
	{target: "zenkaku.example", situation: SitFullWidth, verdict: VerdictAction, next: "doctor.char.next.space",
		step: EditSPF, host: "@", value: "v=spf1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.full-width"},
	{target: "nbsp.example", situation: SitInvisible, verdict: VerdictAction, next: "doctor.char.next.space",
		step: EditSPF, host: "@", value: "v=spf1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.invisible-characters"},
	{target: "zwsp.example", situation: SitInvisible, verdict: VerdictAction, next: "doctor.char.next.invisible",
		step: EditSPF, host: "@", value: "v=spf1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.invisible-characters"},
	{target: "wavedash.example", situation: SitFullWidth, verdict: VerdictAction, next: "doctor.char.next.wave-dash",
		step: EditSPF, host: "@", value: "v=spf1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.full-width"},
	{target: "tilde.example", situation: SitFullWidth, verdict: VerdictAction, next: "doctor.char.next.full-width-tilde",
		step: EditSPF, host: "@", value: "v=spf1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.full-width"},
	{target: "quoted.example", situation: SitQuoted, verdict: VerdictAction, next: "doctor.spf.quoted.next",
		step: EditSPF, host: "@", value: "v=spf1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.quoted-record"},
	// Quoted, and 11 lookups once unquoted: no value, room first.
	{target: "quotedfull.example", situation: SitQuoted, verdict: VerdictAction, next: "doctor.spf.quoted.next",
		step: "-", host: "-", cmd: "-", summary: "situation.quoted-record"},
	{target: "brokeninc.example", situation: SitBrokenInclude, verdict: VerdictAction, next: "doctor.include.broken.next", nextArgs: []any{"_spf.nowhere.example"},
		step: EditSPF, host: "@", value: "v=spf1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.broken-include"},
	// The platform authorised through another record (check_host() passes
	// on live data): nothing to add.
	{target: "indirect.example", situation: SitAuthorised, verdict: VerdictOK, step: "-", host: "-", cmd: "-",
		summary: "situation.already-authorised.article"},
	{target: "redirplat.example", situation: SitAuthorised, verdict: VerdictOK, step: "-", host: "-", cmd: "-",
		summary: "situation.already-authorised.article"},
	// A broken include after the platform's: the platform passes, the rest
	// is permerror.
	{target: "brokenafter.example", situation: SitBrokenInclude, verdict: VerdictAction, next: "doctor.include.broken.next", nextArgs: []any{"_spf.nowhere.example"},
		step: EditSPF, host: "@", value: "v=spf1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.broken-include"},
	// A space pasted after "include:": the corrected value joins it.
	{target: "spacecolon.example", situation: SitSyntax, verdict: VerdictAction, next: "doctor.spf.split.next", nextArgs: []any{"include: e-shopsmail2.com", "include:e-shopsmail2.com"},
		step: EditSPF, host: "@", value: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.syntax-error"},
	// An SPF record stored with quotes beside the SPF record: plan refuses
	// to write there (plan/mangled.go), doctor says to delete it.
	{target: "quotedbeside.example", situation: SitQuoted, verdict: VerdictAction, next: "doctor.spf.mangled.beside.next", nextArgs: []any{"v=spf1 ip4:198.51.100.1 ~all"},
		step: "-", host: "-", cmd: "-", summary: "situation.quoted-record"},
	// No space after v=spf1: not an SPF record to receivers; corrected.
	{target: "nospace.example", situation: SitSyntax, verdict: VerdictAction, next: "doctor.spf.nospace.next",
		step: EditSPF, host: "@", value: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.syntax-error"},
	{target: "noall.example", situation: SitAuthorised, verdict: VerdictAdvice, next: "doctor.all.none.next",
		step: EditSPF, host: "@", value: "v=spf1 ip4:192.0.2.1 include:e-shopsmail2.com ~all", cmd: "doctor", summary: "situation.already-authorised.article"},
	{target: "redirect.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next.noall", nextArgs: []any{"e-shopsmail2.com"},
		step: EditSPF, host: "@", value: "v=spf1 include:e-shopsmail2.com redirect=_spf.redirect.example", cmd: "apply", summary: "situation.needs-include.article"},
	{target: "hardfail.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		step: EditSPF, host: "@", value: "v=spf1 ip4:192.0.2.1 include:e-shopsmail2.com -all", cmd: "apply", summary: "situation.needs-include.article"},
	{target: "xserver.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		step: EditSPF, host: "@", value: "v=spf1 +a:sv1234.xserver.jp +mx include:spf.sender.xserver.jp include:e-shopsmail2.com ~all", cmd: "apply",
		summary: "situation.needs-include.article", dnsHost: "xserver"},
	{target: "dmarcbad.example", situation: SitAuthorised, verdict: VerdictAdvice, next: "doctor.dmarc.invalid.next", nextArgs: []any{"_dmarc.dmarcbad.example"},
		step: EditDMARC, host: "_dmarc", value: "v=DMARC1; p=none; rua=mailto:d@dmarcbad.example", cmd: "-", summary: "situation.already-authorised.article"},
	// The include effective, and repeated after all: no work (plan agrees, agree_test.go).
	{target: "dupafter.example", situation: SitAuthorised, verdict: VerdictAdvice, next: "doctor.dmarc.none.next", nextArgs: []any{"_dmarc.dupafter.example"},
		step: EditAddDM, host: "_dmarc", value: "v=DMARC1; p=none", cmd: "-", summary: "situation.already-authorised.article"},
	// A platform whose record lists no address itself (nested include, a:).
	{target: "nestedshop.example", includes: []string{"nestedplat.example"}, situation: SitAuthorised, verdict: VerdictAdvice, next: "doctor.dmarc.none.next", nextArgs: []any{"_dmarc.nestedshop.example"},
		step: EditAddDM, host: "_dmarc", value: "v=DMARC1; p=none", cmd: "-", summary: "situation.already-authorised"},
	{target: "foo@gmail.com", situation: SitFreeMail, verdict: VerdictAction, next: "doctor.freemail.next",
		step: "-", host: "-", cmd: "-", summary: "situation.free-mail.article"},
	{target: "info@yahoo.co.jp", situation: SitFreeMail, verdict: VerdictAction, next: "doctor.freemail.next",
		step: "-", host: "-", cmd: "-", summary: "situation.free-mail.other.article"},
	{target: "info@shpo.example", situation: SitNXDomain, verdict: VerdictAction, next: "doctor.nxdomain.next",
		step: "-", host: "-", cmd: "-", summary: "situation.nxdomain"},
	{target: "ショップ.jp", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		step: EditSPF, host: "@", value: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", cmd: "apply",
		summary: "situation.needs-include.article", display: "ショップ.jp", command: "xn--xckya1d0c.jp"},
	{target: "cf.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		step: EditSPF, host: "@", value: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", cmd: "apply",
		summary: "situation.needs-include.article", dnsHost: "cloudflare", command: "spfpatch apply --provider cloudflare --zone-dir testdata/zones cf.example"},
	{target: "shop.invalid", situation: SitDNSError, verdict: VerdictDNSError, next: "doctor.dns.error.next",
		step: "-", host: "-", cmd: "-", summary: "doctor.verdict.dns"},
	{target: "https://shop.example/", situation: SitBadTarget, verdict: VerdictBadTarget, next: "doctor.target.next",
		step: "-", host: "-", cmd: "-", summary: "doctor.verdict.bad-target"},
}

// testResolver answers from testdata/zones; any other name goes to a
// closed port on loopback and fails at once.
func testResolver(t testing.TB) *resolver.Resolver {
	t.Helper()
	return testResolverAt(t, "testdata/zones")
}

func testResolverAt(t testing.TB, dir string) *resolver.Resolver {
	t.Helper()
	res, err := resolver.New(resolver.Config{ZoneDir: dir, Nameservers: []string{"127.0.0.1:1"}, Timeout: 200 * time.Millisecond, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Close() })
	return res
}

// runSituation runs doctor on a row's target in lang.
func runSituation(t testing.TB, p i18n.Printer, sc situation) *Report {
	res := testResolver(t)
	return Run(context.Background(), Config{Checker: &spfcheck.Checker{Resolver: res}, DNS: res, P: p, Includes: sc.includes, Flags: "--zone-dir testdata/zones"}, sc.target)
}

// goFormatting is what must never reach a shop owner: Go escapes and
// formatting failures.
var goFormatting = regexp.MustCompile(`\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|%!|\b\d+h\d+m\d+s\b|\b\d+m\d+s\b`)

func TestSituations(t *testing.T) {
	if len(situations) < 20 {
		t.Fatalf("%d situations, the review has 20", len(situations))
	}
	for _, lang := range i18n.Langs {
		p := i18n.Printer{Lang: lang}
		for _, sc := range situations {
			t.Run(string(lang)+"/"+sc.target, func(t *testing.T) {
				r := runSituation(t, p, sc)
				for _, problem := range checkRow(p, sc, r) {
					t.Error(problem)
				}
				if t.Failed() {
					t.Log(dump(r))
				}
				checkInvariants(t, p, r)
			})
		}
	}
}

// valueCheck is the check that carries the value to enter: the first [NG]
// with a value, else (nothing [NG]) the first [!] with one.
func valueCheck(r *Report) *Check {
	failed := r.failed()
	for i := range r.Checks {
		c := &r.Checks[i]
		if c.Value == "" {
			continue
		}
		if c.Status == Fail || (!failed && c.Status == Warn) {
			return c
		}
	}
	return nil
}

// checkRow compares a report with its row and returns what differs.
func checkRow(p i18n.Printer, sc situation, r *Report) []string {
	var bad []string
	add := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	if r.Situation != sc.situation || r.Verdict != sc.verdict {
		add("situation %q verdict %q, want %q %q", r.Situation, r.Verdict, sc.situation, sc.verdict)
	}
	if sc.step == "" || sc.host == "" || sc.cmd == "" || sc.summary == "" {
		add("row %s leaves a column out: step %q host %q cmd %q summary %q", sc.target, sc.step, sc.host, sc.cmd, sc.summary)
	}
	// The next step of the first check that has one.
	var first *Check
	for _, st := range []string{Fail, Warn, Info} {
		for i := range r.Checks {
			if r.Checks[i].Status == st && r.Checks[i].Next != "" && first == nil {
				first = &r.Checks[i]
			}
		}
	}
	if sc.next != "" {
		pl := plat.For(string(p.Lang))
		args := sc.nextArgs
		switch sc.next {
		case "doctor.freemail.next":
			login := p.T("doctor.freemail.login.other")
			if strings.HasSuffix(sc.target, "@gmail.com") {
				login = p.T("doctor.freemail.login.gmail")
			}
			args = []any{pl.Name, pl.AdminPath, login}
		case "doctor.spf.none.next":
			args = []any{pl.Name, "include:e-shopsmail2.com"}
		}
		want := p.T(sc.next, args...)
		if first == nil || !strings.HasPrefix(first.Next, want) {
			add("next step:\n got %+v\nwant %q", first, want)
		}
	}
	// The manual path: the kind of step, the host-name field, the value
	// and the command that goes with it.
	vc := valueCheck(r)
	switch {
	case sc.step == "-" && vc != nil:
		add("a value is given (%s %q), the row has none", vc.Edit, vc.Value)
	case sc.step != "-" && vc == nil:
		add("no value is given, want %s %q", sc.step, sc.value)
	case vc != nil:
		if vc.Edit != sc.step {
			add("step %q, want %q", vc.Edit, sc.step)
		}
		if vc.Host != sc.host {
			add("host-name field %q, want %q", vc.Host, sc.host)
		}
		if vc.Value != sc.value {
			add("value %q, want %q", vc.Value, sc.value)
		}
		switch sc.cmd {
		case "apply":
			if !strings.Contains(vc.Command, " apply ") {
				add("no apply command with the value: %q", vc.Command)
			}
		case "doctor":
			if vc.Command != "" || r.Again == "" || !strings.Contains(vc.Next, r.Again) {
				add("the value is not followed by the doctor command (command %q, next %q)", vc.Command, vc.Next)
			}
		case "-":
			if vc.Command != "" {
				add("a command %q with the value", vc.Command)
			}
		}
	}
	// The summary's situation sentence.
	line, _, _ := strings.Cut(r.Summary, "\n")
	if re := formatRE(p.T(sc.summary)); !re.MatchString(line) {
		add("summary %q is not %s (%q)", line, sc.summary, p.T(sc.summary))
	}
	if sc.command != "" && !strings.Contains(dump(r), sc.command) {
		add("no command with %q", sc.command)
	}
	if sc.display != "" && !strings.Contains(r.Display, sc.display) {
		add("display %q", r.Display)
	}
	if sc.dnsHost != "" && (r.DNSHost == nil || r.DNSHost.ID != sc.dnsHost) {
		add("DNS host %+v, want %s", r.DNSHost, sc.dnsHost)
	}
	return bad
}

var fmtVerbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)

// formatRE matches what a catalog text gives with any arguments.
func formatRE(format string) *regexp.Regexp {
	parts := fmtVerbRE.Split(format, -1)
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile("^" + strings.Join(parts, "(.+?)") + "$")
}

// The table fails on what the manual path needs: each mutation of a
// correct report (a step of the wrong kind, the wrong host-name field,
// another summary, a command that does not work) is caught.
func TestSituationTableCatchesMutations(t *testing.T) {
	p := i18n.Printer{Lang: i18n.JA}
	row := func(target string) situation {
		for _, sc := range situations {
			if sc.target == target {
				return sc
			}
		}
		t.Fatalf("no row %s", target)
		return situation{}
	}
	mutations := []struct {
		name   string
		target string
		mutate func(r *Report)
	}{
		{"two records told to add a new TXT record", "two.example", func(r *Report) { valueCheck(r).Edit = EditAdd }},
		{"no SPF record told to edit one", "nospf.example", func(r *Report) { valueCheck(r).Edit = EditSPF }},
		{"the host-name field of a subdomain", "info@shop.example", func(r *Report) { valueCheck(r).Host = "www" }},
		{"the summary of another situation", "afterall.example", func(r *Report) {
			_, rest, _ := strings.Cut(r.Summary, "\n")
			r.Summary = p.T("situation.already-authorised.article", "x", "y") + "\n" + rest
		}},
		{"an apply command where apply refuses", "two.example", func(r *Report) { valueCheck(r).Command = "spfpatch apply --provider manual --wait=30m two.example" }},
		{"no apply command where apply works", "info@shop.example", func(r *Report) { valueCheck(r).Command = "" }},
		{"a value over the limit offered", "twofull.example", func(r *Report) {
			r.Checks[1].Value, r.Checks[1].Edit, r.Checks[1].Host = "v=spf1 ~all", EditMerge, "@"
		}},
	}
	for _, m := range mutations {
		sc := row(m.target)
		r := runSituation(t, p, sc)
		if bad := checkRow(p, sc, r); len(bad) > 0 {
			t.Fatalf("%s: the row fails before the mutation: %v", m.target, bad)
		}
		m.mutate(r)
		if bad := checkRow(p, sc, r); len(bad) == 0 {
			t.Errorf("mutation %q of %s is not caught", m.name, m.target)
		}
	}
}

// checkInvariants: doctor never contradicts itself.
func checkInvariants(t *testing.T, p i18n.Printer, r *Report) {
	t.Helper()
	failed := false
	for _, c := range r.Checks {
		if c.Status == Fail {
			failed = true
			if c.Next == "" {
				t.Errorf("[NG] %s has no next step", c.ID)
			}
			if c.Situation == "" {
				t.Errorf("[NG] %s has no situation", c.ID)
			}
		}
		for _, s := range []string{c.Message, c.Next, c.Value} {
			if goFormatting.MatchString(s) || strings.HasPrefix(s, "doctor.") {
				t.Errorf("check %s: Go formatting or a message key: %q", c.ID, s)
			}
			if strings.ContainsAny(s, "\u00a0\u200b\ufeff") {
				t.Errorf("check %s: an invisible character reaches the owner: %q", c.ID, s)
			}
			if p.Lang == i18n.JA && (strings.Contains(s, "バイト") || strings.Contains(s, "byte")) {
				t.Errorf("check %s: a byte offset: %q", c.ID, s)
			}
		}
		// Point 4: an [ok] about the record says only what is true
		// whatever the later checks find.
		if c.ID == "spf" && c.Status == OK && !formatRE(p.T("doctor.spf.one")).MatchString(c.Message) {
			t.Errorf("[ok] spf says more than that one record is registered: %q", c.Message)
		}
		// Point 3: every value offered is within the lookup limits.
		if c.Value != "" && (c.Edit == EditSPF || c.Edit == EditAdd || c.Edit == EditMerge) {
			rec, err := spfedit.Parse(c.Value)
			if err != nil {
				t.Errorf("check %s offers a value that does not parse: %q: %v", c.ID, c.Value, err)
				continue
			}
			res := testResolver(t)
			rep := (&spfcheck.Checker{Resolver: res}).Account(context.Background(), r.Domain, rec)
			if rep.Lookups > spfcheck.MaxLookups || rep.VoidLookups > spfcheck.MaxVoidLookups {
				t.Errorf("check %s offers %q: %d lookups, %d void lookups", c.ID, c.Value, rep.Lookups, rep.VoidLookups)
			}
		}
	}
	if failed != (r.Verdict == VerdictAction || r.Verdict == VerdictBadTarget || r.Verdict == VerdictDNSError) {
		t.Errorf("verdict %s with failed=%v", r.Verdict, failed)
	}
	noWork := p.T("situation.already-authorised.article", p.T("doctor.article", plat.Article, plat.For(string(p.Lang)).Title), plat.For(string(p.Lang)).OwnServer)
	says := strings.Contains(r.Summary, noWork) || strings.Contains(r.Summary, p.T("situation.already-authorised"))
	if says != (r.Situation == SitAuthorised) {
		t.Errorf("summary says no work %v, situation %s", says, r.Situation)
	}
	if r.Situation == SitAuthorised && (failed || !r.passOK) {
		t.Errorf("no work needed while failed=%v pass=%v", failed, r.passOK)
	}
	// Point 10: every [NG] whose step is a DNS edit says how long the
	// change takes to show.
	for _, c := range r.Checks {
		if c.Status == Fail && dnsEdit[c.Situation] && !strings.Contains(r.Summary, p.T("doctor.verdict.propagation", "")[:8]) {
			t.Errorf("[NG] %s (%s) is a DNS edit, but the summary does not say how long it takes: %s", c.ID, c.Situation, r.Summary)
		}
	}
	// Point 11: a domain that does not exist is not "your own domain", has
	// no DNS host, and is not rerun as typed.
	if r.Situation == SitNXDomain {
		for _, c := range r.Checks {
			if c.ID == "sender-domain" || c.ID == "dns-host" {
				t.Errorf("nxdomain: %s: %s", c.ID, c.Message)
			}
		}
		if !strings.Contains(r.Summary, p.T("doctor.verdict.nxdomain.address")) || r.Again != "" {
			t.Errorf("nxdomain summary: %q (again %q)", r.Summary, r.Again)
		}
	}
	// Point 12: free mail other than Gmail is not told Gmail's or Google's
	// words.
	if r.Situation == SitFreeMail && !strings.Contains(r.Target, "gmail") {
		for _, s := range messages(r) {
			if strings.Contains(s, "Google") || strings.Contains(s, "Gmailのまま") {
				t.Errorf("free mail %s: %q", r.Target, s)
			}
		}
	}
	// Point 8: suggested commands are ASCII (an IDN in its xn-- form), so
	// they need no quotes and survive any code page in PowerShell or cmd.exe.
	for _, cmd := range append([]string{r.Again}, commands(r)...) {
		for _, c := range cmd {
			if c >= 0x80 {
				t.Errorf("command %q is not ASCII", cmd)
				break
			}
		}
	}
	if p.Lang == i18n.JA && strings.Contains(r.Summary, "ケース") {
		t.Errorf("summary cites a case the article does not have: %s", r.Summary)
	}
	if p.Lang == i18n.EN {
		for _, s := range append([]string{r.Summary}, messages(r)...) {
			if strings.ContainsAny(s, "「」") {
				t.Errorf("English output with Japanese brackets: %q", s)
			}
		}
	}
}

func commands(r *Report) []string {
	var out []string
	for _, c := range r.Checks {
		out = append(out, c.Command)
	}
	return out
}

func messages(r *Report) []string {
	var out []string
	for _, c := range r.Checks {
		out = append(out, c.Message, c.Next)
	}
	return out
}

func dump(r *Report) string {
	var b strings.Builder
	for _, c := range r.Checks {
		b.WriteString("[" + c.Status + "] " + c.ID + " " + c.Situation + ": " + c.Message + "\n   -> " + c.Next + "\n   " + c.Edit + " host " + c.Host + " value: " + c.Value + "\n   command: " + c.Command + "\n")
	}
	return b.String() + r.Summary
}
