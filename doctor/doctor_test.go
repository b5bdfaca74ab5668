package doctor

import (
	"context"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/spfcheck"
)

func zone() dnstest.Zone {
	return dnstest.Zone{
		TXT: map[string][]string{
			"e-shopsmail2.com":       {"v=spf1 ip4:203.0.113.0/24 -all"},
			"right.example":          {"v=spf1 include:e-shopsmail2.com ~all", "google-site-verification=x"},
			"_dmarc.right.example":   {"v=DMARC1; p=quarantine; rua=mailto:d@right.example"},
			"missing.example":        {"v=spf1 +ip4:192.0.2.0/24 ~all"},
			"two.example":            {"v=spf1 -all", "v=spf1 mx -all"},
			"broken.example":         {"v=spf1 ip4:300.1.1.1 -all"},
			"minus.example":          {"v=spf1 -include:e-shopsmail2.com ~all"},
			"_dmarc.sub.org.example": {"v=DMARC1; p=bogus"},
		},
		MX:     map[string][]string{"right.example": {"mx.right.example"}, "missing.example": {"mx.missing.example"}},
		Exists: map[string]bool{"nospf.example": true, "sub.org.example": true},
	}
}

func TestDoctor(t *testing.T) {
	tests := []struct {
		target, situation, verdict string
		statuses                   map[string]string // check id -> status
		value                      string            // the value to paste, if any
	}{
		{"info@right.example", "already-authorised", "ok", map[string]string{"spf": OK, "include": OK, "platform-pass": OK, "dmarc": OK, "mx": OK}, ""},
		{"info@missing.example", "needs-include", "action-needed", map[string]string{"include": Fail, "dmarc": Warn}, "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"},
		{"nospf.example", "no-spf-record", "action-needed", map[string]string{"spf": Fail, "mx": Warn}, "v=spf1 include:e-shopsmail2.com ~all"},
		{"two.example", "multiple-records", "action-needed", map[string]string{"spf": Fail}, "v=spf1 mx include:e-shopsmail2.com -all"},
		{"broken.example", "syntax-error", "action-needed", map[string]string{"spf": Fail}, ""},
		{"minus.example", "include-qualifier", "action-needed", map[string]string{"include": Fail}, "v=spf1 include:e-shopsmail2.com ~all"},
		{"shop@gmail.com", "free-mail", "action-needed", map[string]string{"sender-domain": Fail}, ""},
		{"sub.org.example", "no-spf-record", "action-needed", map[string]string{"dmarc": Warn}, "v=spf1 include:e-shopsmail2.com ~all"},
	}
	for _, lang := range i18n.Langs {
		for _, tc := range tests {
			t.Run(string(lang)+"/"+tc.target, func(t *testing.T) {
				res := dnstest.NewFakeResolver(zone())
				r := Run(context.Background(), Config{Checker: &spfcheck.Checker{Resolver: res}, DNS: res, P: i18n.Printer{Lang: lang}}, tc.target)
				if r.Situation != tc.situation || r.Verdict != tc.verdict {
					t.Fatalf("situation %q verdict %q, want %q %q\n%+v", r.Situation, r.Verdict, tc.situation, tc.verdict, r.Checks)
				}
				got := map[string]string{}
				value := ""
				for _, c := range r.Checks {
					got[c.ID] = c.Status
					if c.ID == "spf" || c.ID == "include" {
						value += c.Value
					}
					if c.Message == "" || strings.HasPrefix(c.Message, "doctor.") {
						t.Errorf("check %s has no translated message: %q", c.ID, c.Message)
					}
					if c.Status == Fail && c.Next == "" {
						t.Errorf("failed check %s says nothing about what to do", c.ID)
					}
				}
				for id, st := range tc.statuses {
					if got[id] != st {
						t.Errorf("check %s = %q, want %q", id, got[id], st)
					}
				}
				if value != tc.value {
					t.Errorf("value to paste %q, want %q", value, tc.value)
				}
				if r.Summary == "" {
					t.Error("no summary")
				}
			})
		}
	}
}

// Run does not change the caller's include list (it lowercases a copy).
func TestRunKeepsIncludes(t *testing.T) {
	res := dnstest.NewFakeResolver(zone())
	incs := []string{"E-SHOPSMAIL2.COM."}
	r := Run(context.Background(), Config{Checker: &spfcheck.Checker{Resolver: res}, DNS: res, P: i18n.Printer{Lang: i18n.EN}, Includes: incs}, "right.example")
	if incs[0] != "E-SHOPSMAIL2.COM." {
		t.Errorf("the caller's includes were changed: %q", incs)
	}
	if r.Situation != SitAuthorised {
		t.Errorf("situation %s", r.Situation)
	}
}
