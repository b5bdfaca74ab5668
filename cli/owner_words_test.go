package cli

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// Japanese output says check's status, a refused name's reason and the
// record apply --wait sees in words; English keeps the codes it had.
func TestOwnerWords(t *testing.T) {
	t.Cleanup(resetLang)
	ch := &plan.Change{AfterSPF: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"}
	old := &spfcheck.Report{Record: "v=spf1 +ip4:192.0.2.0/24 ~all", Status: "ok"}
	now := &spfcheck.Report{Record: ch.AfterSPF, Status: "ok", Lookups: 1}
	tr = i18n.Printer{Lang: i18n.JA}
	for got, want := range map[string]string{
		statusWord("permerror"):                                "エラー(permerror)",
		statusWord("none"):                                     "SPFレコードなし",
		statusWord("ok"):                                       "問題なし",
		statusWord("temperror"):                                "DNS 問い合わせ失敗",
		refusedReason("no-spf-record"):                         "(SPFレコードがありません)",
		liveRecordLine("shop.example", ch, old):                "  shop.example: 現在公開中の SPFレコード: v=spf1 +ip4:192.0.2.0/24 ~all(include:e-shopsmail2.com はまだ含まれていません)",
		liveRecordLine("shop.example", ch, now):                "  shop.example: 現在公開中の SPFレコード: v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all(問題なし、DNS 参照 1 回/上限 10 回)",
		liveRecordLine("shop.example", ch, &spfcheck.Report{}): "  shop.example: 公開中の SPFレコードはまだありません",
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
		if p := i18n.LintJapanese(got); len(p) > 0 {
			t.Errorf("lint: %v", p)
		}
	}
	tr = i18n.Printer{Lang: i18n.EN}
	if statusWord("permerror") != "PERMERROR" || refusedReason("no-spf-record") != " (no-spf-record)" {
		t.Error("English output changed")
	}
}

// apply --provider manual without --wait ends with the command that waits,
// with this run's flags; under --wait that line is left out.
func TestManualApplyLine(t *testing.T) {
	dir := copyDir(t, "../doctor/testdata/zones")
	out, _, _ := runI18n(t, "ja_JP.UTF-8", "apply", "--provider", "manual", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "shop.example")
	want := "次のコマンドを実行してください: spfpatch apply --provider manual --zone-dir " + dir + " --nameserver 127.0.0.1:1 --wait=30m shop.example"
	if !strings.Contains(out, want) {
		t.Errorf("no %q in\n%s", want, out)
	}
	if !strings.Contains(out, "このドメインのほかの TXT レコード(1 件)は変更しないでください") || strings.Contains(out, "この名前にある") {
		t.Errorf("the other TXT records:\n%s", out)
	}
}

// --lang with a language spfpatch does not have says so on stderr (in
// English, the language shown), instead of silently showing English.
func TestUnknownLang(t *testing.T) {
	out, errOut, code := runI18n(t, "", "--lang", "xx", "edit", "v=spf1 ~all")
	if code != exitOK || !strings.Contains(errOut, `there is no language "xx": showing English (--lang ja for Japanese`) || !strings.Contains(out, "include:e-shopsmail2.com") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	_, errOut, _ = runI18n(t, "", "--lang", "jp", "edit", "v=spf1 ~all")
	if errOut != "" {
		t.Fatalf("jp is Japanese: %q", errOut)
	}
}

// No DNS server on this computer (Windows with no active adapter): both
// languages say to run with --nameserver 1.1.1.1.
func TestNoSystemNameservers(t *testing.T) {
	t.Cleanup(resetLang)
	tr = i18n.Printer{Lang: i18n.JA}
	if got := dnsSetupError(resolver.Config{}, fmt.Errorf("x: %w", resolver.ErrNoSystemNameservers)); got != "このパソコンの DNS サーバーが見つかりません。--nameserver 1.1.1.1 を付けて実行してください。" {
		t.Errorf("%q", got)
	}
	tr = i18n.Printer{Lang: i18n.EN}
	if got := dnsSetupError(resolver.Config{}, resolver.ErrNoSystemNameservers); !strings.Contains(got, "--nameserver 1.1.1.1") {
		t.Errorf("%q", got)
	}
}
