package doctor

import (
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// Every line agrees with one verdict: a broken include after the
// platform's is permerror for the shop's other mail, though check_host()
// gives the platform's address pass (it stops at the first match). No line
// says [ok] about the pass alone; the summary says both.
func TestBrokenIncludeAfterThePlatformsSaysBoth(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.JA} {
		p := i18n.Printer{Lang: lang}
		r := runSituation(t, p, situation{target: "brokenafter.example"})
		var pass *Check
		for i := range r.Checks {
			if r.Checks[i].ID == "platform-pass" {
				pass = &r.Checks[i]
			}
		}
		if pass == nil || pass.Status != Warn || !strings.Contains(pass.Message, "permerror") {
			t.Fatalf("%s: platform-pass %+v", lang, pass)
		}
		if r.Verdict != VerdictAction || r.Situation != SitBrokenInclude || r.Fixed != "v=spf1 include:e-shopsmail2.com ~all" {
			t.Fatalf("%s: %s %s %q", lang, r.Verdict, r.Situation, r.Fixed)
		}
		if want := p.T("doctor.verdict.broken.platform-passes", r.Platform.Name); !strings.Contains(r.Summary, want) {
			t.Fatalf("%s: summary %q lacks %q", lang, r.Summary, want)
		}
	}
}

// The platform authorised through another name (an include of a record
// that includes it, a redirect=): check_host() passes, nothing is [NG],
// the include check names the term it passes through.
func TestIndirectInclude(t *testing.T) {
	for target, via := range map[string]string{"indirect.example": "include:_spf.indirect.example", "redirplat.example": "redirect=e-shopsmail2.com"} {
		for _, lang := range []i18n.Lang{i18n.EN, i18n.JA} {
			p := i18n.Printer{Lang: lang}
			r := runSituation(t, p, situation{target: target})
			if r.Verdict != VerdictOK || r.Situation != SitAuthorised || r.Fixed != "" {
				t.Fatalf("%s %s: %s %s %q\n%+v", target, lang, r.Verdict, r.Situation, r.Fixed, r.Checks)
			}
			found := false
			for _, c := range r.Checks {
				if c.ID == "include" && c.Status == OK && c.Message == p.T("doctor.include.indirect", "e-shopsmail2.com", via, r.Platform.Name) {
					found = true
				}
			}
			if !found {
				t.Fatalf("%s %s: %+v", target, lang, r.Checks)
			}
		}
	}
}

// A space around the ":" or "=" of a term (a paste mistake) is joined in
// the corrected value; a record without one is left as it is.
func TestRepairJoinsSplitTerms(t *testing.T) {
	for in, want := range map[string]string{
		"v=spf1 include: e-shopsmail2.com ~all":                   "v=spf1 include:e-shopsmail2.com ~all",
		"v=spf1 include :e-shopsmail2.com ~all":                   "v=spf1 include:e-shopsmail2.com ~all",
		"v=spf1 include : e-shopsmail2.com ~all":                  "v=spf1 include:e-shopsmail2.com ~all",
		"v=spf1 ip4: 192.0.2.1 include: x.example -all":           "v=spf1 ip4:192.0.2.1 include:x.example -all",
		"v=spf1 redirect= _spf.example.com":                       "v=spf1 redirect=_spf.example.com",
		"v=spf1 +ip4:192.0.2.0/24 include: e-shopsmail2.com ~all": "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all",
	} {
		fx := repair(in)
		if fx.Err != nil || fx.Text != want || !fx.has(FixSplit) || len(fx.Split) == 0 {
			t.Errorf("%q: %q %v %+v", in, fx.Text, fx.Err, fx.Split)
		}
	}
	if fx := repair("v=spf1 a mx include:e-shopsmail2.com ~all"); fx.has(FixSplit) || fx.Text != "v=spf1 a mx include:e-shopsmail2.com ~all" {
		t.Errorf("%+v", fx)
	}
}

// A record that copies a part of the platform's addresses passes its
// sample address, but the platform is not included: doctor still asks for
// the include (found in review: it said "no more work is needed").
func TestCopiedAddressesAreNotAnInclude(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.JA} {
		p := i18n.Printer{Lang: lang}
		r := runSituation(t, p, situation{target: "copyplat.example"})
		if r.Verdict == VerdictOK || r.Situation == SitAuthorised || r.Fixed != "v=spf1 include:_spf.copyplat.example include:e-shopsmail2.com ~all" {
			t.Fatalf("%s: %s %s %q\n%+v", lang, r.Verdict, r.Situation, r.Fixed, r.Checks)
		}
	}
}
