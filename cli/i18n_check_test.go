package cli

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// Tests of check in Japanese (--lang ja, LANG=ja_JP.UTF-8) and of its JSON,
// whose codes do not depend on the language.

// ckSetLang sets the locale variables for one test: lang "" clears them
// all. Afterwards the run's language is English again (tr and urfave/cli's
// help flags are globals that outlive a run).
func ckSetLang(t *testing.T, lang string) {
	t.Helper()
	t.Cleanup(func() {
		tr = i18n.Printer{Lang: i18n.EN}
		newApp(strings.NewReader(""), io.Discard, io.Discard)
	})
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", lang)
}

// ckHasKana reports whether s has hiragana or katakana: Japanese text, not
// only a Japanese domain name.
func ckHasKana(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// ckZones is examples/zones plus two broken shops: one with a syntax
// error, one whose include has no SPF record, with a ptr, a name that does
// not exist and +all.
func ckZones(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob("../examples/zones/*.zone")
	if err != nil || len(files) == 0 {
		t.Fatalf("example zones: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zone := func(name, txt string) {
		z := "$ORIGIN " + name + ".\n$TTL 3600\n" +
			"@ IN SOA ns1." + name + ". hostmaster." + name + ". ( 1 3600 600 604800 300 )\n" +
			"@ IN NS ns1." + name + ".\n" +
			"@ IN TXT \"" + txt + "\"\n" +
			"ns1 IN A 192.0.2.53\n"
		if err := os.WriteFile(filepath.Join(dir, name+".zone"), []byte(z), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zone("syntax.example", "v=spf1 ip4:300.0.0.1 ~all")
	zone("broken.example", "v=spf1 include:nospf.example a:gone.broken.example ptr +all")
	return dir
}

func ckOffline(t *testing.T, zones string, args ...string) (string, string, int) {
	t.Helper()
	t.Setenv("SPFPATCH_INCLUDE", "")
	t.Setenv("SPFPATCH_NAMESERVER", "")
	silent := newSilentDNS(t)
	pre := []string{"check", "--zone-dir", zones, "--nameserver", silent.Addr, "--dns-timeout", "300ms"}
	if len(args) > 0 && args[0] == "--lang" {
		pre = append(args[:2:2], pre...)
		args = args[2:]
	}
	out, errOut, code := runCLI(t, append(pre, args...)...)
	if n := silent.Received(); n != 0 {
		t.Errorf("%d queries went to the network", n)
	}
	return out, errOut, code
}

// ckInOrder fails unless every string of want is in s, in order.
func ckInOrder(t *testing.T, s string, want ...string) {
	t.Helper()
	rest := s
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("output lacks (after the previous match) %q:\n%s", w, s)
		}
		rest = rest[i+len(w):]
	}
}

func TestCheckI18nTextJapanese(t *testing.T) {
	zones := ckZones(t)
	tests := []struct {
		name string
		lang string // "flag": --lang ja; else the LANG value
		args []string
		want []string
	}{
		{"ok with the include", "flag", []string{"--include", "e-shopsmail2.com", "busy.example"}, []string{
			"busy.example  問題なし\n",
			`レコード: "v=spf1 a mx include:_spf.google.providers.example`,
			"DNS 参照 9 回(上限 10 回)、結果のない参照 2 回(上限 2 回)(IPv4 で送ってくるサーバーでは 0 回、IPv6 では 2 回)",
			"参照の内訳",
			"MX ホストが 1 個あり、そのうち 1 個には AAAA レコード(IPv6 アドレス)がありません",
			"include:_spf.google.providers.example              4",
			"include:e-shopsmail2.com を追加すると:",
			"DNS 参照 9 回 → 10 回(上限 10 回)(問題ありません)",
			"レコードは正しく、DNS 参照は上限 10 回のうち 9 回です"}},
		{"refused", "ja_JP.UTF-8", []string{"--include", "e-shopsmail2.com", "full.example"}, []string{
			"full.example  問題なし\n",
			"DNS 参照 10 回 → 11 回(上限 10 回)(追加できません: DNS 参照が 11 回あり、上限の 10 回を超えています。参照回数の多い項目: include:_spf.google.providers.example (4)"}},
		{"none", "flag", []string{"nospf.example"}, []string{
			"nospf.example  SPFレコードなし\n", "nospf.example には SPFレコードがありません", "spfpatch plan --create --provider manual --zone-dir ", " nospf.example"}},
		{"check_host", "ja_JP.UTF-8", []string{"--ip", "203.0.113.7", "--default-explanation", "%{i} may not send for %{d}", "busy.example"}, []string{
			`check_host(203.0.113.7, postmaster@busy.example) の結果: fail(一致した項目: "-all")`,
			"説明: 203.0.113.7 may not send for busy.example"}},
		{"syntax error", "flag", []string{"syntax.example"}, []string{
			"syntax.example  エラー(permerror)\n",
			`エラー: syntax.example: SPFレコードの項目 "ip4:300.0.0.1"(先頭から 7 バイトの位置)に誤りがあります: "300.0.0.1" は IPv4 アドレスではありません。`,
			"レコードが壊れています(permerror)"}},
		{"broken include, notes, warnings", "ja_JP.UTF-8", []string{"broken.example"}, []string{
			"broken.example  エラー(permerror)\n",
			"include:nospf.example", "エラー: nospf.example には SPFレコードがないため、この include は エラー(permerror)になります",
			"a:gone.broken.example", "(gone.broken.example には IP アドレスのレコードがありません(結果のない参照))",
			"ptr", "(送信元の IP アドレスによって変わるため、たどっていません)",
			"エラー: broken.example > include:nospf.example: nospf.example には SPFレコードがない",
			`警告: "ptr" は非推奨です`,
			`警告: "+all" では、インターネット上のどのサーバーでも`,
			"レコードが壊れています(permerror)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if tc.lang == "flag" {
				ckSetLang(t, "en_US.UTF-8")
				args = append([]string{"--lang", "ja"}, args...)
			} else {
				ckSetLang(t, tc.lang)
			}
			out, errOut, code := ckOffline(t, zones, args...)
			if code != 0 {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			ckInOrder(t, out, tc.want...)
			for _, en := range []string{"lookups", "record:", "error:", "warning:", "REFUSED", "with include", "explanation:", "matched", "spfcheck:", "has no SPF record", "not followed"} {
				if strings.Contains(out, en) {
					t.Errorf("Japanese output has the English %q:\n%s", en, out)
				}
			}
		})
	}
}

// The same runs in English keep the English texts.
func TestCheckI18nTextEnglishDefault(t *testing.T) {
	zones := ckZones(t)
	ckSetLang(t, "")
	out, _, code := ckOffline(t, zones, "broken.example")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	ckInOrder(t, out, "broken.example  PERMERROR\n",
		`  record: "v=spf1 include:nospf.example a:gone.broken.example ptr +all"`,
		"  lookups 3 of 10, void lookups 1 of 2 (for IPv4 senders 1, for IPv6 senders 1)\n",
		"  lookup tree (terms that cost lookups, with what they include):\n",
		"ERROR: nospf.example has no SPF record, so this include is a permerror",
		"(gone.broken.example has no address records (void lookup))",
		"(depends on the sending IP; not followed)",
		"  error: broken.example > include:nospf.example: nospf.example has no SPF record, so this include is a permerror\n",
		`  warning: "ptr" is deprecated (RFC 7208 §5.5)`,
		`  warning: "+all" lets every server on the internet send mail as this domain`,
		"  the record is broken (permerror): every receiver treats it as an error; fix the errors listed\n")
	if ckHasKana(out) {
		t.Errorf("English output has Japanese:\n%s", out)
	}
	out, _, _ = ckOffline(t, zones, "syntax.example")
	ckInOrder(t, out, `  error: syntax.example: SPF syntax error in term "ip4:300.0.0.1" (byte 7): invalid IP address: "300.0.0.1" is not an IPv4 address; an IPv4 address is four numbers from 0 to 255, e.g. ip4:192.0.2.1`+"\n")
}

// In JSON the codes, the values and the legacy English fields are the same
// in both languages; only the message fields follow the language.
func TestCheckI18nJSONCodesLanguageNeutral(t *testing.T) {
	zones := ckZones(t)
	for _, target := range []string{"broken.example", "syntax.example", "full.example", "nospf.example"} {
		t.Run(target, func(t *testing.T) {
			args := []string{"--format", "json", "--include", "e-shopsmail2.com", "--ip", "203.0.113.7", target}
			ckSetLang(t, "")
			enOut, _, code := ckOffline(t, zones, args...)
			if code != 0 {
				t.Fatalf("en exit %d", code)
			}
			ckSetLang(t, "ja_JP.UTF-8")
			jaOut, _, code := ckOffline(t, zones, args...)
			if code != 0 {
				t.Fatalf("ja exit %d", code)
			}
			decodeCheck(t, enOut)
			decodeCheck(t, jaOut)
			var en, ja map[string]any
			if err := json.Unmarshal([]byte(enOut), &en); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(jaOut), &ja); err != nil {
				t.Fatal(err)
			}
			enMsgs, jaMsgs := ckStripMessages(en), ckStripMessages(ja)
			if !reflect.DeepEqual(en, ja) {
				t.Errorf("JSON differs beyond the message fields:\nen %s\nja %s", enOut, jaOut)
			}
			if len(enMsgs) != len(jaMsgs) || len(enMsgs) == 0 {
				t.Fatalf("messages en %q ja %q", enMsgs, jaMsgs)
			}
			for i := range jaMsgs {
				if !ckHasKana(jaMsgs[i]) || ckHasKana(enMsgs[i]) {
					t.Errorf("message %d: en %q ja %q", i, enMsgs[i], jaMsgs[i])
				}
			}
			if ckHasKana(strings.Join(ckStrings(en), "\n")) {
				t.Errorf("Japanese outside the message fields: %s", jaOut)
			}
			if target != "nospf.example" {
				probs, _ := ja["problems"].([]any)
				errs, _ := ja["errors"].([]any)
				if len(probs) != len(errs) {
					t.Errorf("problems %v for errors %v", probs, errs)
				}
			}
		})
	}
}

// ckStripMessages removes the "message" fields (anywhere) from v and returns
// them in document order.
func ckStripMessages(v any) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			ckSort(keys)
			for _, k := range keys {
				if k == "message" {
					if s, ok := x[k].(string); ok {
						out = append(out, s)
					}
					delete(x, k)
					continue
				}
				walk(x[k])
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// ckStrings returns every string value left in v.
func ckStrings(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			out = append(out, ckStrings(e)...)
		}
	case []any:
		for _, e := range x {
			out = append(out, ckStrings(e)...)
		}
	case string:
		out = append(out, x)
	}
	return out
}

func ckSort(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestCheckI18nUsageErrorsJapanese(t *testing.T) {
	tests := []struct {
		args   []string
		stderr []string
	}{
		{[]string{}, []string{"check には TARGET を指定してください"}},
		{[]string{"--ip", "203.0.113", "shop.example"}, []string{`--ip "203.0.113" は IP アドレスではありません`}},
		{[]string{"--format", "yaml", "shop.example"}, []string{`--format "yaml" は使えません`}},
		{[]string{"--include", "nodot", "shop.example"}, []string{`include 先 "nodot": ドメイン名 "nodot" が正しくありません`}},
		{[]string{"localhost"}, nil},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			ckSetLang(t, "ja_JP.UTF-8")
			out, errOut, code := offline(t, tc.args...)
			if code != 1 || out != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
			}
			if !ckHasKana(errOut) {
				t.Errorf("stderr not in Japanese: %q", errOut)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr %q lacks %q", errOut, s)
				}
			}
		})
	}
}

func TestCheckI18nUnresolvableJapanese(t *testing.T) {
	ckSetLang(t, "ja_JP.UTF-8")
	t.Setenv("SPFPATCH_INCLUDE", "")
	silent := newSilentDNS(t)
	_, errOut, code := runCLI(t, "check", "--zone-dir", "../examples/zones", "--nameserver", silent.Addr,
		"--dns-timeout", "300ms", "unknown-shop.test")
	if code != 1 || !strings.Contains(errOut, "unknown-shop.test: 名前解決できません: DNS の問い合わせ(unknown-shop.test の TXT レコード)に失敗しました") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// The help of check, with the flags it shares with plan and apply, is in
// Japanese.
func TestCheckI18nHelpJapanese(t *testing.T) {
	ckSetLang(t, "")
	out, _, code := runCLI(t, "--lang", "ja", "check", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, s := range []string{
		"レコードの DNS 参照回数を上限と比べて数えます",                         // the command's usage
		"`IP` からの接続として", "include 先 `NAME` を追加した後の回数も表示します", // its own flags
		"出力形式", "DNS の問い合わせに使うリゾルバー", "ゾーンファイル", "タイムアウト", // formatFlag, dnsFlags
		"同時に確認するドメインの数",
	} {
		if !strings.Contains(strings.ReplaceAll(out, "`", ""), strings.ReplaceAll(s, "`", "")) {
			t.Errorf("help lacks %q:\n%s", s, out)
		}
	}
	for _, en := range []string{"count the record", "timeout of one DNS query", "output FORMAT", "domains checked at once"} {
		if strings.Contains(out, en) {
			t.Errorf("help has the English %q", en)
		}
	}
}
