package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// Every command, run in Japanese, prints no English sentence and no Go
// formatting (\u3000, %!, 1h0m0s): the help of each command, doctor on
// every situation of the review, check, plan, apply with the manual
// provider, edit on the records owners mistype, providers. A problem is
// reported with the command line and the line printed, so it is easy to
// find the message (and its catalog key) to fix.
func TestJapaneseOutputLint(t *testing.T) {
	zones, _ := filepath.Glob("../doctor/testdata/zones/*.zone")
	var runs [][]string
	runs = append(runs, []string{"--help"}, []string{"providers"})
	for _, cmd := range []string{"plan", "apply", "check", "doctor", "edit", "rollback", "providers", "completion", "man"} {
		runs = append(runs, []string{cmd, "--help"})
	}
	dns := []string{"--zone-dir", "../doctor/testdata/zones", "--nameserver", "127.0.0.1:1", "--dns-timeout", "200ms"}
	targets := []string{"info@shop.example", "www.shop.example", "foo@gmail.com", "info@shpo.example", "ショップ.jp", "https://shop.example/"}
	for _, z := range zones {
		name := strings.TrimSuffix(filepath.Base(z), ".zone")
		if strings.Count(name, ".") >= 1 && !strings.Contains(name, "xserver.jp") && name != "example" {
			targets = append(targets, name)
		}
	}
	for _, target := range targets {
		runs = append(runs, append(append([]string{"doctor"}, dns...), target))
	}
	for _, target := range []string{"shop.example", "full.example", "nospf.example", "two.example", "syntax.example", "zenkaku.example", "brokeninc.example", "eleven.example"} {
		runs = append(runs,
			append(append([]string{"check"}, dns...), target),
			append(append([]string{"plan"}, dns...), target),
			append(append([]string{"apply", "--provider", "manual"}, dns...), target))
	}
	for _, rec := range []string{"v=spf1 +ip4:192.0.2.0/24 ~all", "v=spf1 include:e-shopsmail2.com\u3000~all", "v=spf1 ipv4:192.0.2.1 ~all",
		`"v=spf1 ~all"`, "ｖ＝ｓｐｆ１ ~all", "v=spf1 ~all include:e-shopsmail2.com", "v=spf1 +all"} {
		runs = append(runs, []string{"edit", rec})
	}
	// The second review of issue 14: doctor with DNS down, apply --wait,
	// rollback, plan --create with the manual provider, check --ip.
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	work := copyDir(t, "../doctor/testdata/zones")
	loopbackOnly(t, work)
	wdns := []string{"--zone-dir", work, "--nameserver", "127.0.0.1:1", "--dns-timeout", "200ms"}
	journal := filepath.Join(t.TempDir(), "apply.jsonl")
	runs = append(runs,
		[]string{"doctor", "--nameserver", "127.0.0.1:1", "--dns-timeout", "200ms", "shop.example"},
		append(append([]string{"apply", "--provider", "manual", "--wait", "1s"}, wdns...), "shop.example"),
		append(append([]string{"plan", "--create", "--provider", "manual"}, wdns...), "nospf.example"),
		append(append([]string{"check", "--ip", "203.0.113.5"}, dns...), "shop.example"),
		append(append([]string{"check", "--ip", "203.0.113.5"}, dns...), "patched.example"),
		append(append([]string{"apply", "--provider", "zonefile", "--auto-approve", "--journal", journal}, wdns...), "shop.example"),
		append(append([]string{"rollback", "--provider", "zonefile", "--auto-approve"}, wdns...), journal),
	)
	bad := 0
	for _, args := range runs {
		out, errOut, _ := runI18n(t, "", append([]string{"--lang", "ja"}, args...)...)
		// The runs added for the second review did what they are for.
		for prefix, want := range map[string]string{
			"doctor --nameserver": "接続できませんでした", "apply --provider manual --wait": "現在公開中の SPFレコード",
			"rollback --provider": "元に戻しました", "plan --create": "新しく追加", "check --ip": "の結果",
		} {
			if strings.HasPrefix(strings.Join(args, " "), prefix) && !strings.Contains(out+errOut, want) {
				t.Errorf("spfpatch --lang ja %s: no %q in\n%s%s", strings.Join(args, " "), want, out, errOut)
			}
		}
		for _, p := range append(i18n.LintJapanese(out+"\n"+errOut), quotedDefaults(out+"\n"+errOut)...) {
			bad++
			if bad <= 60 {
				t.Errorf("spfpatch --lang ja %s\n    %s", strings.Join(args, " "), p)
			}
		}
	}
	if bad > 60 {
		t.Errorf("... %d problems in all", bad)
	}
	_ = os.Getenv
}

// quotedDefault is a default value shown Go-quoted, as urfave/cli v2 shows
// a string flag's default without DefaultText: (既定値: "6m").
var quotedDefault = regexp.MustCompile(`(既定値|default):? *"[^"]*"`)

// quotedDefaults reports each line of help with a Go-quoted default.
func quotedDefaults(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if m := quotedDefault.FindString(line); m != "" {
			out = append(out, "Go-quoted default "+m+": "+line)
		}
	}
	return out
}

// The lint catches a quoted default, in Japanese and English help, and
// the help of every command has none.
func TestHelpDefaultsUnquoted(t *testing.T) {
	if len(quotedDefaults(`   --ttl SECONDS  新しく作るレコードの TTL(既定値: "3600")`)) != 1 || len(quotedDefaults(`(default: "6m")`)) != 1 ||
		len(quotedDefaults(`(既定値: 3600)`)) != 0 {
		t.Fatal("quotedDefaults does not tell them apart")
	}
	for _, lang := range []string{"en", "ja"} {
		for _, cmd := range []string{"plan", "apply", "check", "doctor", "edit", "rollback"} {
			out, errOut, _ := runI18n(t, "", "--lang", lang, cmd, "--help")
			if p := quotedDefaults(out + errOut); len(p) > 0 {
				t.Errorf("%s %s --help: %s", lang, cmd, strings.Join(p, "\n"))
			}
		}
	}
	out, _, _ := runI18n(t, "", "--lang", "ja", "apply", "--help")
	if !strings.Contains(out, "(既定値: 3600)") || !strings.Contains(out, "(既定値: 6 分)") {
		t.Errorf("apply --help:\n%s", out)
	}
}
