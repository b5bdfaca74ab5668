package doctor

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// situation is one row of the review's table (shared/reviews/ja-review.md):
// a zone in testdata/zones, and what doctor must conclude about it.
type situation struct {
	target    string
	situation string
	verdict   string
	// next is the catalog key (and its arguments) of the next step of the
	// first check that has one, [NG] first, then [!].
	next     string
	nextArgs []any
	value    string // the corrected value that check carries ("" = none)
	command  string // a part the suggested command must have
	display  string // Report.Display, when it matters
	host     string // the DNS host found from NS
}

var plat = Platforms["e-shopsmail2.com"]

var situations = []situation{
	{target: "info@shop.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		value: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", command: "spfpatch apply --provider manual --wait=30m", host: "onamae"},
	{target: "patched.example", situation: SitAuthorised, verdict: VerdictOK, host: "sakura"},
	{target: "nospf.example", situation: SitNoRecord, verdict: VerdictAction, next: "doctor.spf.none.next", nextArgs: []any{"e-shopsカートS", "include:e-shopsmail2.com"},
		value: "v=spf1 include:e-shopsmail2.com ~all", command: "spfpatch apply --create --provider manual"},
	{target: "busy.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		value: "v=spf1 a mx include:_spf.google.providers.example include:spf.outlook.providers.example include:sendgrid.providers.example include:e-shopsmail2.com -all"},
	{target: "full.example", situation: SitWouldExceed, verdict: VerdictAction, next: "doctor.include.missing.first"},
	{target: "eleven.example", situation: SitOverLimit, verdict: VerdictAction, next: "doctor.lookups.over.next"},
	{target: "two.example", situation: SitMultiple, verdict: VerdictAction, next: "doctor.spf.multiple.next", nextArgs: []any{2},
		value: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"},
	{target: "www.shop.example", situation: SitCNAME, verdict: VerdictAction, next: "doctor.cname.next", nextArgs: []any{"shop.example"},
		command: "spfpatch doctor --zone-dir testdata/zones shop.example"},
	{target: "afterall.example", situation: SitAfterAll, verdict: VerdictAction, next: "doctor.include.after-all.next", nextArgs: []any{"e-shopsmail2.com", "~all"},
		value: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"},
	{target: "softinc.example", situation: SitQualifier, verdict: VerdictAction, next: "doctor.include.qualifier.next", nextArgs: []any{"~", "~include:e-shopsmail2.com", "e-shopsmail2.com"},
		value: "v=spf1 include:e-shopsmail2.com ~all"},
	{target: "plusall.example", situation: SitAllPass, verdict: VerdictAction, next: "doctor.all.pass.next", nextArgs: []any{"+all"},
		value: "v=spf1 include:e-shopsmail2.com ~all"},
	{target: "syntax.example", situation: SitSyntax, verdict: VerdictAction, next: "doctor.spf.typo.next", nextArgs: []any{"ip4"},
		value: "v=spf1 ip4:192.0.2.1 include:e-shopsmail2.com ~all"},
	{target: "zenkaku.example", situation: SitFullWidth, verdict: VerdictAction, next: "doctor.spf.fullwidth.next",
		value: "v=spf1 include:e-shopsmail2.com ~all"},
	{target: "quoted.example", situation: SitQuoted, verdict: VerdictAction, next: "doctor.spf.quoted.next",
		value: "v=spf1 include:e-shopsmail2.com ~all"},
	{target: "brokeninc.example", situation: SitBrokenInclude, verdict: VerdictAction, next: "doctor.include.broken.next", nextArgs: []any{"_spf.nowhere.example"},
		value: "v=spf1 include:e-shopsmail2.com ~all"},
	{target: "noall.example", situation: SitAuthorised, verdict: VerdictAdvice, next: "doctor.all.none.next",
		value: "v=spf1 ip4:192.0.2.1 include:e-shopsmail2.com ~all"},
	{target: "redirect.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		value: "v=spf1 include:e-shopsmail2.com redirect=_spf.redirect.example"},
	{target: "hardfail.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		value: "v=spf1 ip4:192.0.2.1 include:e-shopsmail2.com -all"},
	{target: "xserver.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		value: "v=spf1 +a:sv1234.xserver.jp +mx include:spf.sender.xserver.jp include:e-shopsmail2.com ~all", host: "xserver"},
	{target: "dmarcbad.example", situation: SitAuthorised, verdict: VerdictAdvice, next: "doctor.dmarc.invalid.next", nextArgs: []any{"_dmarc.dmarcbad.example"},
		value: "v=DMARC1; p=none; rua=mailto:d@dmarcbad.example"},
	{target: "foo@gmail.com", situation: SitFreeMail, verdict: VerdictAction, next: "doctor.freemail.next"},
	{target: "info@yahoo.co.jp", situation: SitFreeMail, verdict: VerdictAction, next: "doctor.freemail.next"},
	{target: "info@shpo.example", situation: SitNXDomain, verdict: VerdictAction, next: "doctor.nxdomain.next"},
	{target: "ショップ.jp", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		value: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", display: "ショップ.jp"},
	{target: "cf.example", situation: SitNeedsInclude, verdict: VerdictAction, next: "doctor.include.missing.next", nextArgs: []any{"e-shopsmail2.com"},
		value: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", command: "spfpatch apply --provider cloudflare --zone-dir testdata/zones cf.example", host: "cloudflare"},
	{target: "shop.invalid", situation: SitDNSError, verdict: VerdictDNSError, next: "doctor.dns.error.next"},
	{target: "https://shop.example/", situation: SitBadTarget, verdict: VerdictBadTarget, next: "doctor.target.next"},
}

// testResolver answers from testdata/zones; any other name goes to a
// closed port on loopback and fails at once.
func testResolver(t *testing.T) *resolver.Resolver {
	t.Helper()
	res, err := resolver.New(resolver.Config{ZoneDir: "testdata/zones", Nameservers: []string{"127.0.0.1:1"}, Timeout: 200 * time.Millisecond, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Close() })
	return res
}

// goFormatting is what must never reach a shop owner: Go escapes and
// formatting failures.
var goFormatting = regexp.MustCompile(`\\u[0-9a-fA-F]{4}|%!|\b\d+h\d+m\d+s\b|\b\d+m\d+s\b`)

func TestSituations(t *testing.T) {
	if len(situations) < 20 {
		t.Fatalf("%d situations, the review has 20", len(situations))
	}
	for _, lang := range i18n.Langs {
		p := i18n.Printer{Lang: lang}
		for _, sc := range situations {
			t.Run(string(lang)+"/"+sc.target, func(t *testing.T) {
				res := testResolver(t)
				r := Run(context.Background(), Config{Checker: &spfcheck.Checker{Resolver: res}, DNS: res, P: p, Flags: "--zone-dir testdata/zones"}, sc.target)
				if r.Situation != sc.situation || r.Verdict != sc.verdict {
					t.Fatalf("situation %q verdict %q, want %q %q\n%s", r.Situation, r.Verdict, sc.situation, sc.verdict, dump(r))
				}
				// The next step of the first check that has one.
				var first *Check
				for _, st := range []string{Fail, Warn} {
					for i := range r.Checks {
						if r.Checks[i].Status == st && r.Checks[i].Next != "" && first == nil {
							first = &r.Checks[i]
						}
					}
				}
				if sc.next != "" {
					pl := plat.For(string(lang))
					args := sc.nextArgs
					if sc.next == "doctor.freemail.next" {
						args = []any{pl.Name, pl.AdminPath}
					}
					if sc.next == "doctor.spf.none.next" {
						args = []any{pl.Name, "include:e-shopsmail2.com"}
					}
					want := p.T(sc.next, args...)
					if first == nil || !strings.HasPrefix(first.Next, want) {
						t.Fatalf("next step:\n got %+v\nwant %q\n%s", first, want, dump(r))
					}
					if sc.value != "" && first.Value != sc.value {
						t.Errorf("value %q, want %q", first.Value, sc.value)
					}
				}
				if sc.command != "" && !strings.Contains(dump(r), sc.command) {
					t.Errorf("no command with %q\n%s", sc.command, dump(r))
				}
				if sc.display != "" && !strings.Contains(r.Display, sc.display) {
					t.Errorf("display %q", r.Display)
				}
				if sc.host != "" && (r.DNSHost == nil || r.DNSHost.ID != sc.host) {
					t.Errorf("DNS host %+v, want %s", r.DNSHost, sc.host)
				}
				checkInvariants(t, p, r)
			})
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
		}
	}
	if failed != (r.Verdict == VerdictAction || r.Verdict == VerdictBadTarget || r.Verdict == VerdictDNSError) {
		t.Errorf("verdict %s with failed=%v", r.Verdict, failed)
	}
	noWork := p.T("situation.already-authorised.article", p.T("doctor.article", plat.Article, plat.For(string(p.Lang)).Title), plat.For(string(p.Lang)).OwnServer)
	says := strings.Contains(r.Summary, noWork)
	if says != (r.Situation == SitAuthorised) {
		t.Errorf("summary says no work %v, situation %s", says, r.Situation)
	}
	if r.Situation == SitAuthorised && (failed || !r.passOK) {
		t.Errorf("no work needed while failed=%v pass=%v", failed, r.passOK)
	}
	if p.Lang == i18n.JA && strings.Contains(r.Summary, "ケース") {
		t.Errorf("summary cites a case the article does not have: %s", r.Summary)
	}
}

func dump(r *Report) string {
	var b strings.Builder
	for _, c := range r.Checks {
		b.WriteString("[" + c.Status + "] " + c.ID + " " + c.Situation + ": " + c.Message + "\n   -> " + c.Next + "\n   value: " + c.Value + "\n   command: " + c.Command + "\n")
	}
	return b.String() + r.Summary
}
