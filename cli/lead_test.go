package cli

import (
	"strings"
	"testing"
)

// check shows an IDN as doctor, plan and apply do (issue 14 item 6): the
// Unicode name with its A-label in text, the A-label alone in JSON.
func TestCheckShowsIDN(t *testing.T) {
	out, _, code := runCLI(t, "check", "--zone-dir", "../doctor/testdata/zones", "--nameserver", "127.0.0.1:1", "ショップ.jp")
	if code == exitError || !strings.HasPrefix(out, "ショップ.jp (xn--xckya1d0c.jp)  ") {
		t.Fatalf("check: %d\n%s", code, out)
	}
	out, _, _ = runCLI(t, "check", "--format", "json", "--zone-dir", "../doctor/testdata/zones", "--nameserver", "127.0.0.1:1", "ショップ.jp")
	if strings.Contains(out, `"domain":"ショップ`) || !strings.Contains(out, `"domain":"xn--xckya1d0c.jp"`) {
		t.Fatalf("check json:\n%s", out)
	}
}

// A record's own error names its domain once, in English and Japanese.
func TestCheckErrorNamesTheDomainOnce(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		out, _, _ := runCLI(t, "--lang", lang, "check", "--zone-dir", "../doctor/testdata/zones", "--nameserver", "127.0.0.1:1", "syntax.example", "two.example")
		if strings.Contains(out, "syntax.example: syntax.example") || strings.Contains(out, "two.example: two.example") || strings.Contains(out, "spfcheck:") {
			t.Errorf("%s:\n%s", lang, out)
		}
	}
}
