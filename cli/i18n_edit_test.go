package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// Tests of edit in Japanese (LANG=ja_JP.UTF-8, --lang ja) and of its JSON.

type editJSON struct {
	Before   *string `json:"before"`
	After    *string `json:"after"`
	Changed  bool    `json:"changed"`
	Warnings []struct {
		Code    string `json:"code"`
		Term    string `json:"term"`
		Pos     int    `json:"pos"`
		Message string `json:"message"`
	} `json:"warnings"`
	Error     *string `json:"error"`
	ErrorCode string  `json:"error_code"`
}

func TestEditI18nJapanese(t *testing.T) {
	tests := []struct {
		name   string
		lang   string // "flag": --lang ja; else the LANG value
		args   []string
		stdout string
		code   int
		stderr []string
	}{
		{"warnings", "ja_JP.UTF-8", []string{"v=spf1 ptr +all"}, "v=spf1 ptr include:e-shopsmail2.com +all\n", 0, []string{
			`警告: "ptr" は非推奨です(RFC 7208 §5.5)`, `警告: "+all" では、インターネット上のどのサーバーでもこのドメインのメールを送れてしまいます`}},
		{"after all", "flag", []string{"v=spf1 -all a"}, "v=spf1 include:e-shopsmail2.com -all a\n", 0, []string{
			`警告: "a" は "-all" より後ろにあるため、評価されません。"-all" より前に移してください。`}},
		{"qualified include", "ja_JP.UTF-8", []string{"v=spf1 ~include:e-shopsmail2.com -all"}, "v=spf1 ~include:e-shopsmail2.com -all\n", 0, []string{
			`"~include:e-shopsmail2.com" には記号 "~" が付いているため、e-shopsmail2.com のサーバーから送ったメールの判定は softfail になります。"~" を外してください。`}},
		{"syntax error", "ja_JP.UTF-8", []string{"v=spf1 ip4:300.1.1.1 ~all"}, "", 1, []string{
			`SPFレコードの項目 "ip4:300.1.1.1"(先頭から 7 バイトの位置)に誤りがあります: "300.1.1.1" は IPv4 アドレスではありません。IPv4 アドレスは 0〜255 の数字 4 つをドットで区切って書きます`}},
		{"misspelt mechanism", "flag", []string{"v=spf1 ipv4:192.0.2.1 ~all"}, "", 1, []string{
			`"ipv4" は SPF のメカニズムではありません。ip4 の書き間違いかもしれません`}},
		{"full-width space", "ja_JP.UTF-8", []string{"v=spf1 a\u3000~all"}, "", 1, []string{
			"U+3000", "半角英数字で入力し直してください"}},
		{"not spf", "ja_JP.UTF-8", []string{"google-site-verification=x"}, "", 1, []string{
			`SPFレコードではありません(SPFレコードは "v=spf1" で始まります)`}},
		{"missing record", "ja_JP.UTF-8", nil, "", 1, []string{
			"edit には今のレコードを 1 つの引数として", "spfpatch edit 'v=spf1 +ip4:192.0.2.0/24 ~all'", "--create"}},
		{"two records", "flag", []string{"v=spf1", "-all"}, "", 1, []string{"edit に指定できる RECORD は 1 つですが、2 個あります"}},
		{"bad include", "ja_JP.UTF-8", []string{"--include", "localhost", "v=spf1 -all"}, "", 1, []string{
			`include 先 "localhost": ドメイン名 "localhost" が正しくありません`}},
		{"bad format", "flag", []string{"--format", "yaml", "v=spf1 -all"}, "", 1, []string{`--format "yaml" は使えません: text か json を指定してください`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SPFPATCH_INCLUDE", "")
			args := append([]string{"edit"}, tc.args...)
			if tc.lang == "flag" {
				ckSetLang(t, "en_US.UTF-8")
				args = append([]string{"--lang", "ja"}, args...)
			} else {
				ckSetLang(t, tc.lang)
			}
			out, errOut, code := runCLI(t, args...)
			if out != tc.stdout || code != tc.code {
				t.Fatalf("stdout %q, exit %d, stderr %q; want stdout %q, exit %d", out, code, errOut, tc.stdout, tc.code)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			for _, en := range []string{"warning:", "SPF syntax error", "did you mean", "retype", "is deprecated", "edit needs", "use text or json"} {
				if strings.Contains(errOut, en) {
					t.Errorf("Japanese stderr has the English %q:\n%s", en, errOut)
				}
			}
		})
	}
}

// English stays the default, word for word.
func TestEditI18nEnglishDefault(t *testing.T) {
	ckSetLang(t, "")
	t.Setenv("SPFPATCH_INCLUDE", "")
	_, errOut, _ := runCLI(t, "edit", "v=spf1 ptr +all")
	want := "warning: \"ptr\" is deprecated (RFC 7208 §5.5): it is slow and many receivers ignore it; list the servers with ip4:, ip6: or a instead\n" +
		"warning: \"+all\" lets every server on the internet send mail as this domain; use ~all (or -all once every sender is listed)\n"
	if errOut != want {
		t.Errorf("stderr\n%q\nwant\n%q", errOut, want)
	}
	_, errOut, _ = runCLI(t, "edit", "v=spf1 ipv4:192.0.2.1 ~all")
	if want := "SPF syntax error in term \"ipv4:192.0.2.1\" (byte 7): unknown mechanism \"ipv4\"; did you mean ip4?"; !strings.Contains(errOut, want) || ckHasKana(errOut) {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}

// In JSON the codes and records are the same in both languages; warnings'
// messages and the error follow the language; error_code names the reason.
func TestEditI18nJSON(t *testing.T) {
	t.Setenv("SPFPATCH_INCLUDE", "")
	run := func(lang string, args ...string) (editJSON, int) {
		t.Helper()
		ckSetLang(t, lang)
		out, _, code := runCLI(t, append([]string{"edit", "--format", "json"}, args...)...)
		var r editJSON
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%v: %q", err, out)
		}
		return r, code
	}
	for _, rec := range []string{"v=spf1 ?all ptr", "v=spf1 ip6:192.0.2.1 -all", "v=spf1 include: -all", "v=spf1 redirect=a.example redirect=b.example"} {
		t.Run(rec, func(t *testing.T) {
			en, enCode := run("", rec)
			ja, jaCode := run("ja_JP.UTF-8", rec)
			if enCode != jaCode || en.Changed != ja.Changed || (en.After == nil) != (ja.After == nil) ||
				(en.After != nil && *en.After != *ja.After) || *en.Before != *ja.Before || en.ErrorCode != ja.ErrorCode ||
				len(en.Warnings) != len(ja.Warnings) || (en.Error == nil) != (ja.Error == nil) {
				t.Fatalf("en %+v\nja %+v", en, ja)
			}
			for i := range en.Warnings {
				e, j := en.Warnings[i], ja.Warnings[i]
				if e.Code != j.Code || e.Term != j.Term || e.Pos != j.Pos || ckHasKana(e.Message) || !ckHasKana(j.Message) || !strings.Contains(j.Message, j.Term) {
					t.Errorf("warning en %+v ja %+v", e, j)
				}
			}
			if en.Error != nil {
				if en.ErrorCode == "" || ckHasKana(*en.Error) || !ckHasKana(*ja.Error) {
					t.Errorf("error en %q (%s) ja %q", *en.Error, en.ErrorCode, *ja.Error)
				}
			}
		})
	}
	r, _ := run("ja_JP.UTF-8", "v=spf1 ip6:192.0.2.1 -all")
	if r.ErrorCode != "bad-ip" || !strings.Contains(*r.Error, "ip4:192.0.2.1 と書いてください") {
		t.Errorf("%s %q", r.ErrorCode, *r.Error)
	}
	r, _ = run("", "v=spf1 include: -all")
	if r.ErrorCode != "missing-domain" || *r.Error != `SPF syntax error in term "include:" (byte 7): domain missing after include; write include:DOMAIN, e.g. include:_spf.example.com` {
		t.Errorf("%s %q", r.ErrorCode, *r.Error)
	}
}

// The help of edit, with the flags it shares with plan and apply, is in
// Japanese.
func TestEditI18nHelpJapanese(t *testing.T) {
	ckSetLang(t, "ja_JP.UTF-8")
	out, _, code := runCLI(t, "edit", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, s := range []string{"include を追加した SPFレコードを表示します", "レコードに含める include 先", "レコードから取り除く include 先",
		"SPFレコードのない名前には", "出力形式", "e-shopsmail2.com"} {
		if !strings.Contains(out, s) {
			t.Errorf("help lacks %q:\n%s", s, out)
		}
	}
	for _, en := range []string{"print an SPF record", "to ensure", "to remove", "output"} {
		if strings.Contains(out, en) {
			t.Errorf("help has the English %q:\n%s", en, out)
		}
	}
}
