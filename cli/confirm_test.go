package cli

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// はい approves as yes does (ｙｅｓ from a Japanese input method too); any
// other answer cancels, said as a notice, not as an error.
func TestConfirmAnswers(t *testing.T) {
	old := isTerminal
	t.Cleanup(func() { isTerminal = old })
	isTerminal = func(any) bool { return true }
	for _, tc := range []struct {
		answer string
		ok     bool
	}{
		{"はい\n", true}, {"yes\n", true}, {"ｙｅｓ\n", true}, {" YES \n", true}, {"ハイ\n", true}, {"ﾊｲ\n", true},
		{"no\n", false}, {"いいえ\n", false}, {"y\n", false}, {"\n", false},
	} {
		t.Run(strings.TrimSpace(tc.answer), func(t *testing.T) {
			dir := zoneCopy(t)
			orig := zoneRRs(t, dir)
			args := append([]string{"--lang", "ja", "apply", "--journal", filepath.Join(t.TempDir(), "j")}, zfArgs(dir, "shop.example")...)
			out, errOut, code := runWithInput(t, tc.answer, args...)
			if tc.ok {
				if code != exitOK || reflect.DeepEqual(zoneRRs(t, dir), orig) {
					t.Fatalf("%q did not approve: exit %d\n%s\n%s", tc.answer, code, out, errOut)
				}
				return
			}
			if code != exitError || !reflect.DeepEqual(zoneRRs(t, dir), orig) {
				t.Fatalf("%q: exit %d, or written", tc.answer, code)
			}
			if !strings.Contains(errOut, "apply を取り消しました。何も書き込んでいません。") || strings.Contains(errOut, "エラー") {
				t.Fatalf("%q: the cancel must be a notice, not an error:\n%s", tc.answer, errOut)
			}
		})
	}
}

// --lang is accepted anywhere before "--", and jp means Japanese.
func TestLangAnywhere(t *testing.T) {
	for _, args := range [][]string{
		{"--lang", "ja", "doctor", "--zone-dir", "../examples/zones", "patched.example"},
		{"doctor", "--lang", "ja", "--zone-dir", "../examples/zones", "patched.example"},
		{"doctor", "--zone-dir", "../examples/zones", "--lang=jp", "patched.example"},
		{"--lang", "jp", "doctor", "--zone-dir", "../examples/zones", "patched.example"},
	} {
		out, errOut, code := runCLI(t, args...)
		if code != exitOK || !strings.Contains(out, "から送るメールが Gmail に届くかを確認します") {
			t.Errorf("%q: exit %d\n%s\n%s", args, code, out, errOut)
		}
	}
	if lang, rest := langFromArgs([]string{"spfpatch", "edit", "--", "--lang", "ja"}); lang != "" || len(rest) != 5 {
		t.Errorf("--lang after -- is an argument: %q %q", lang, rest)
	}
}

// A DNS host without an API typed as the provider is told to use manual,
// in doctor and in plan.
func TestProviderManualSuggestion(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--lang", "ja", "doctor", "--provider", "onamae", "shop.example"}, "お名前.com には spfpatch から使える API がないため、--provider manual を指定してください"},
		{[]string{"--lang", "ja", "doctor", "--provider", "nosuch", "shop.example"}, "管理画面で設定する DNS サービスは --provider manual を指定してください"},
		{[]string{"--lang", "ja", "plan", "--provider", "onamae", "shop.example"}, "ムームードメイン・ロリポップ!など、管理画面で設定する DNS サービスは --provider manual を指定してください"},
		{[]string{"--lang", "en", "plan", "--provider", "xserver", "shop.example"}, "use --provider manual"},
	} {
		_, errOut, code := runCLI(t, tc.args...)
		if code != exitError || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d\n%s", tc.args, code, errOut)
		}
	}
}
