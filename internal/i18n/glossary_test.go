package i18n

import (
	"strings"
	"testing"
)

// Every Japanese message uses the glossary's words: a word of Avoid is
// reported with the message key and its text, so it is easy to fix.
func TestGlossary(t *testing.T) {
	for _, k := range Keys() {
		ja := catalog[k][JA]
		for _, term := range Glossary {
			text := ja
			for _, e := range term.Except {
				text = strings.ReplaceAll(text, e, "")
			}
			for _, w := range term.Avoid {
				if strings.Contains(text, w) {
					t.Errorf("%s: %q: use %q for %s, not %q", k, ja, term.JA, term.Concept, w)
				}
			}
		}
	}
}

// Japanese catalog texts never hold English sentences or Go formatting.
func TestCatalogJapaneseLint(t *testing.T) {
	for _, k := range Keys() {
		ja := catalog[k][JA]
		for _, p := range LintJapanese(ja) {
			t.Errorf("%s: %s", k, p)
		}
	}
}

func TestLintJapaneseCatches(t *testing.T) {
	for _, bad := range []string{
		`SPF レコードに誤りがあります: SPF syntax error in term "ipv4:1" (byte 7): unknown mechanism`,
		`文字 U+3000 '\u3000' は使えません`,
		`(既定値: 1h0m0s)`,
		`%!s(MISSING)`,
		`_spf.nowhere.example has no SPF record, so this include is a permerror`,
		// The second review of issue 14.
		`two.example  PERMERROR`,
		`! nospf.example                            変更できません (no-spf-record)`,
		`  shop.example: 公開中のレコード "v=spf1 ~all": ok、DNS 参照 0 回(上限 10 回)`,
		`ip4 の書き間違いではありませんか?。`,
		`--create   SPF レコードがなければ作成します (既定値: false)`,
		`Record name: @`,
		`このドメインの DNS は Route 53 (Record name, Value) で管理されています`,
	} {
		if len(LintJapanese(bad)) == 0 {
			t.Errorf("not caught: %s", bad)
		}
	}
	for _, good := range []string{
		`値: v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all`,
		`spfpatch apply --provider manual --wait=30m shop.example`,
		`e-shopsカートS のサーバー(203.0.113.1)から送ったメールは SPF 認証に成功します(pass)。`,
		`Cloudflare または Amazon Route 53 をお使いの場合`,
		`[ok]  SPFレコードは 1 つだけ登録されています: v=spf1 include:e-shopsmail2.com ~all`,
		`[NG]  SPFレコードが 2 つ登録されています(「v=spf1 ~all」、「v=spf1 -all」)。SPF 認証がエラー(permerror)になります。`,
		`spfpatch doctor --zone-dir testdata/zones --nameserver 127.0.0.1:1 two.example`,
		`two.example  エラー(permerror)`,
		`DNS の TXT レコード(google-site-verification など)、TTL 3600 秒、JSON、IDN、CNAME、NS、SOA、URL、HTTPS、AWS`,
		`お名前.com Navi > ドメイン設定 > TYPE: TXT、VALUE: v=spf1 ~all`,
	} {
		if p := LintJapanese(good); len(p) > 0 {
			t.Errorf("false alarm: %v", p)
		}
	}
}
