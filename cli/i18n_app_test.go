package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/providers"
)

// japanese matches a Japanese character (kana or kanji).
var japanese = regexp.MustCompile(`[\p{Hiragana}\p{Katakana}\p{Han}]`)

// runI18n runs the CLI like runCLI, with LC_ALL, LC_MESSAGES and LANG set
// (env: LANG's value, "" for none), and puts the language back to English
// afterwards: tr and urfave/cli's help globals outlive a run.
func runI18n(t *testing.T, lang string, args ...string) (string, string, int) {
	t.Helper()
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", lang)
	t.Cleanup(resetLang)
	return runCLI(t, args...)
}

func resetLang() {
	tr = i18n.Printer{Lang: i18n.EN}
	newApp(strings.NewReader(""), io.Discard, io.Discard)
	cli.MarkdownDocTemplate = enManTemplate
}

// The urfave/cli words that must not survive in Japanese help.
var (
	cliEnglish  = []string{"[global options]", "[command options]", "[arguments...]", "show help", "print the version"}
	cliHeadings = regexp.MustCompile(`(?m)^(NAME|USAGE|VERSION|DESCRIPTION|CATEGORY|COMMANDS|GLOBAL OPTIONS|OPTIONS):$`)
)

// placeholder is urfave/cli's English default placeholder in a flag line.
var placeholder = regexp.MustCompile(`--[a-z0-9-]+ value\b`)

// myFlagUsages are the English usages of what app.go, doctor.go,
// providers.go and completion.go define: flags, commands' Usage and
// ArgsUsage, urfave/cli's --help and --version.
func myFlagUsages(t *testing.T) []string {
	t.Helper()
	tr = i18n.Printer{Lang: i18n.EN}
	defer resetLang()
	app := newApp(strings.NewReader(""), io.Discard, io.Discard)
	var out []string
	usage := func(f cli.Flag) {
		if df, ok := f.(cli.DocGenerationFlag); ok {
			_, u := unquoteUsage(df.GetUsage())
			out = append(out, u)
		}
	}
	for _, f := range app.Flags {
		usage(f)
	}
	usage(cli.HelpFlag)
	usage(cli.VersionFlag)
	out = append(out, app.Usage, app.Description)
	for _, c := range app.Commands {
		switch c.Name {
		case "doctor", "providers", "completion", "man":
			out = append(out, c.Usage)
			if c.ArgsUsage != "" && c.ArgsUsage != "bash|zsh|fish" {
				out = append(out, c.ArgsUsage)
			}
		}
		if c.Name == "doctor" {
			for _, f := range c.Flags {
				if n := f.Names()[0]; n == "include" || n == "provider" {
					usage(f)
				}
			}
		}
	}
	return out
}

func TestI18nHelpJapanese(t *testing.T) {
	mine := myFlagUsages(t)
	if len(mine) < 12 {
		t.Fatalf("found only %d usages: %q", len(mine), mine)
	}
	for _, args := range [][]string{
		{"--lang", "ja", "--help"},
		{"--lang", "ja", "plan", "--help"},
		{"--lang", "ja", "doctor", "--help"},
		{"--lang", "ja", "help", "doctor"},
		{"--lang", "ja", "providers", "--help"},
		{"--lang", "ja", "completion", "--help"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, errOut, code := runI18n(t, "", args...)
			if code != 0 || errOut != "" || !japanese.MatchString(out) {
				t.Fatalf("code %d, stderr %q, stdout:\n%s", code, errOut, out)
			}
			if (args[2] == "plan" || args[2] == "doctor") && !strings.Contains(out, "(既定値: ") {
				t.Errorf("no Japanese default value in:\n%s", out)
			}
			if m := cliHeadings.FindString(out); m != "" {
				t.Errorf("English heading %q in:\n%s", m, out)
			}
			if m := placeholder.FindString(out); m != "" {
				t.Errorf("English placeholder %q in:\n%s", m, out)
			}
			for _, w := range append(append([]string{}, cliEnglish...), mine...) {
				if strings.Contains(out, w) {
					t.Errorf("untranslated %q in:\n%s", w, out)
				}
			}
		})
	}
}

// LANG, LC_MESSAGES and LC_ALL choose Japanese too; --lang wins; English
// help keeps urfave/cli's own words.
func TestI18nLanguageChoice(t *testing.T) {
	out, _, _ := runI18n(t, "ja_JP.UTF-8", "--help")
	if !strings.Contains(out, "グローバルオプション:") || !strings.Contains(out, "ヘルプを表示します") {
		t.Fatalf("LANG=ja_JP.UTF-8:\n%s", out)
	}
	out, _, _ = runI18n(t, "ja_JP.UTF-8", "--lang", "en", "--help")
	for _, w := range []string{"NAME:", "USAGE:", "GLOBAL OPTIONS:", "--help, -h     show help", "--lang en|ja   message language", "spfpatch [global options] command [command options]"} {
		if !strings.Contains(out, w) || japanese.MatchString(out) {
			t.Fatalf("--lang en lacks %q or has Japanese:\n%s", w, out)
		}
	}
	t.Setenv("LC_MESSAGES", "ja_JP.UTF-8")
	var o, e bytes.Buffer
	run([]string{"spfpatch", "--version"}, strings.NewReader(""), &o, &e)
	if o.String() != "spfpatch バージョン "+Version+"\n" {
		t.Fatalf("LC_MESSAGES=ja: %q", o.String())
	}
	resetLang()
}

func TestI18nAppErrors(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string
		stdout string
	}{
		{[]string{"--lang", "ja", "nosuch"}, exitError, `spfpatch: エラー: "nosuch" というコマンドはありません。`, ""},
		{[]string{"--lang", "en", "nosuch"}, exitError, `spfpatch: unknown command "nosuch"; the commands are plan, apply, check, doctor`, ""},
		{[]string{"--lang", "ja", "doctor", "--bogus", "x"}, exitError, "spfpatch: エラー: --bogus というオプションはありません", "使い方が正しくありません: --bogus というオプションはありません\n\n名前:"},
		{[]string{"--lang", "en", "doctor", "--bogus", "x"}, exitError, "spfpatch: flag provided but not defined: --bogus", "Incorrect Usage: flag provided but not defined: --bogus\n\nNAME:"},
		{[]string{"--lang", "ja", "--bogus"}, exitError, "--bogus というオプションはありません", "グローバルオプション:"},
		{[]string{"--lang", "ja", "doctor", "--dns-timeout", "soon", "x"}, exitError, `--dns-timeout の値 "soon" が正しくありません`, ""},
		{[]string{"--lang", "ja", "doctor", "--include"}, exitError, "オプション --include には値が必要です", ""},
		{[]string{"--lang", "ja", "doctor"}, exitError, "spfpatch: エラー: 確認したい送信元メールアドレス(例: info@your-shop.example)かドメイン名を 1 つ指定してください", ""},
		{[]string{"--lang", "ja", "completion", "tcsh"}, exitError, "completion にはシェルを 1 つ(bash、zsh、fish のいずれか)指定してください", ""},
		{[]string{"--lang", "ja"}, 0, "", "使い方:\n   spfpatch [グローバルオプション] コマンド [コマンドオプション]"},
		{[]string{"--lang", "ja", "--version"}, 0, "", "spfpatch バージョン " + Version + "\n"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, errOut, code := runI18n(t, "", tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.stderr) || !strings.Contains(out, tc.stdout) {
				t.Fatalf("code %d, stderr %q, stdout:\n%s\nwant code %d, stderr containing %q, stdout containing %q", code, errOut, out, tc.code, tc.stderr, tc.stdout)
			}
		})
	}
}

// Every registered provider's description, TXT reading, settings and notes
// have a Japanese text, under a key whose English is the provider's current
// text: a new provider, or a changed sentence, fails here until the catalog
// (internal/i18n/catalog_app.go) has it.
func TestI18nProviderTexts(t *testing.T) {
	en := i18n.Printer{Lang: i18n.EN}
	check := func(key, text string) {
		t.Helper()
		switch {
		case !i18n.Has(key):
			t.Errorf("no catalog entry %q for %q", key, text)
		case en.T(key) != text:
			t.Errorf("catalog entry %q is for an older English text:\n  catalog:  %q\n  provider: %q", key, en.T(key), text)
		}
	}
	list := providers.List()
	if len(list) < 6 {
		t.Fatalf("only %d providers registered", len(list))
	}
	for _, p := range list {
		check("provider."+p.Name+".description", p.Description)
		if p.Caps.TXTRead != "" {
			check("provider."+p.Name+".txtread", p.Caps.TXTRead)
		}
		for _, s := range p.Settings {
			check(settingKey(s), s.Usage)
		}
		for i, n := range p.Caps.Notes {
			check(fmt.Sprintf("provider.%s.note.%d", p.Name, i+1), n)
		}
	}
}

func TestI18nProvidersJapanese(t *testing.T) {
	out, _, code := runI18n(t, "", "--lang", "ja", "providers")
	if code != 0 {
		t.Fatalf("code %d", code)
	}
	for _, p := range providers.List() {
		if !strings.Contains(out, p.Name+": "+(i18n.Printer{Lang: i18n.JA}).T("provider."+p.Name+".description")+"\n") {
			t.Errorf("no Japanese description of %s:\n%s", p.Name, out)
		}
		for _, n := range p.Caps.Notes {
			if strings.Contains(out, n) {
				t.Errorf("English note of %s: %q", p.Name, n)
			}
		}
		for _, s := range p.Settings {
			if strings.Contains(out, s.Usage) {
				t.Errorf("English usage of %s's %s: %q", p.Name, settingKey(s), s.Usage)
			}
		}
	}
	for _, w := range []string{"capabilities:", "note:", "(required)", "(secret:", "(default", "atomic", "offline"} {
		if strings.Contains(out, w) {
			t.Errorf("untranslated %q in:\n%s", w, out)
		}
	}
	for _, w := range []string{"API でできること: RRset をアトミックに置換 / ", "(秘密情報: 環境変数かファイルからのみ)(必須)", "注意: ", "(既定値 hmac-sha256)", " / オフライン\n"} {
		if !strings.Contains(out, w) {
			t.Errorf("no %q in:\n%s", w, out)
		}
	}
	// English text is the providers' own; JSON is the same in both languages.
	enOut, _, _ := runI18n(t, "", "--lang", "en", "providers")
	for _, p := range providers.List() {
		if !strings.Contains(enOut, p.Name+": "+p.Description+"\n") {
			t.Errorf("English description of %s missing:\n%s", p.Name, enOut)
		}
	}
	if strings.Contains(enOut, "`") || !strings.Contains(enOut, "capabilities: atomic RRset replace; exact-value delete; long TXT ok; ") {
		t.Errorf("English output:\n%s", enOut)
	}
	jaJSON, _, _ := runI18n(t, "", "--lang", "ja", "providers", "--format", "json")
	enJSON, _, _ := runI18n(t, "", "--lang", "en", "providers", "--format", "json")
	if jaJSON != enJSON || japanese.MatchString(jaJSON) {
		t.Errorf("JSON differs between languages:\n%s\n%s", jaJSON, enJSON)
	}
}

// A changed English text never shows an outdated translation.
func TestI18nProviderTextFallback(t *testing.T) {
	defer resetLang()
	tr = i18n.Printer{Lang: i18n.JA}
	if got := providerText("provider.zonefile.description", "something new"); got != "something new" {
		t.Fatalf("stale translation shown: %q", got)
	}
	if got := providerText("provider.nosuch.description", "x"); got != "x" {
		t.Fatalf("%q", got)
	}
	if got := providerText("setting.zone-dir", "the directory of RFC 1035 zone files"); got != "RFC 1035 ゾーンファイルのディレクトリ" {
		t.Fatalf("%q", got)
	}
}

func TestI18nDoctorJapanese(t *testing.T) {
	args := []string{"doctor", "--zone-dir", "../examples/zones", "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms", "info@shop.example"}
	out, errOut, code := runI18n(t, "", append([]string{"--lang", "ja"}, args...)...)
	if code != 0 || !strings.Contains(out, "info@shop.example から送るメールが Gmail に届くかを確認します") || !strings.Contains(out, "コマンド:") {
		t.Fatalf("code %d, stderr %q:\n%s", code, errOut, out)
	}
	// JSON: the same checks, ids and statuses in both languages.
	type check struct{ ID, Status string }
	ids := func(lang string) []check {
		out, _, _ := runI18n(t, "", append([]string{"--lang", lang}, append(args[:1:1], append([]string{"--format", "json"}, args[1:]...)...)...)...)
		var r struct{ Checks []check }
		if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Checks) == 0 {
			t.Fatalf("%s: %v %s", lang, err, out)
		}
		return r.Checks
	}
	if ja, en := ids("ja"), ids("en"); fmt.Sprint(ja) != fmt.Sprint(en) {
		t.Fatalf("JSON checks differ:\n%v\n%v", ja, en)
	}
}

func TestI18nManJapanese(t *testing.T) {
	out, _, code := runI18n(t, "", "--lang", "ja", "man")
	if code != 0 || !strings.Contains(out, ".SH 名前") || !strings.Contains(out, ".SH コマンド") || strings.Contains(out, "(default:") || strings.Contains(out, "[value]") ||
		!strings.Contains(out, "ヘルプを表示します") {
		t.Fatalf("code %d:\n%s", code, out)
	}
	out, _, _ = runI18n(t, "", "--lang", "en", "man")
	if !strings.Contains(out, ".SH NAME") || !strings.Contains(out, "(default: ") || japanese.MatchString(out) {
		t.Fatalf("English man page:\n%s", out)
	}
}

// The README's Japanese translation keeps the structure of the English one:
// the same number of "## " and "### " headings, and the same code blocks,
// byte for byte, in the same order. When README.md changes, this fails
// until README.ja.md follows.
func TestI18nReadmeJA(t *testing.T) {
	en, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	ja, err := os.ReadFile("../README.ja.md")
	if err != nil {
		t.Fatal(err)
	}
	enH2, enH3, enCode := readmeStructure(string(en))
	jaH2, jaH3, jaCode := readmeStructure(string(ja))
	if enH2 != jaH2 || enH3 != jaH3 {
		t.Errorf("headings: README.md has %d \"## \" and %d \"### \", README.ja.md %d and %d", enH2, enH3, jaH2, jaH3)
	}
	if len(enCode) != len(jaCode) {
		t.Errorf("README.md has %d code blocks, README.ja.md %d", len(enCode), len(jaCode))
	}
	for i := 0; i < len(enCode) && i < len(jaCode); i++ {
		if enCode[i] != jaCode[i] {
			t.Errorf("code block %d differs:\nREADME.md:\n%s\nREADME.ja.md:\n%s", i+1, enCode[i], jaCode[i])
			break
		}
	}
	head := strings.Join(strings.SplitN(string(ja), "\n", 12), "\n")
	if !strings.Contains(head, "(README.md)") {
		t.Errorf("README.ja.md has no link to README.md near the top")
	}
	if !strings.Contains(string(en), "(README.ja.md)") {
		t.Errorf("README.md has no link to README.ja.md")
	}
}

// readmeStructure counts the "## " and "### " headings outside code blocks
// and returns the fenced code blocks (fence lines included).
func readmeStructure(s string) (h2, h3 int, code []string) {
	var block []string
	in := false
	for _, line := range strings.Split(s, "\n") {
		fence := strings.HasPrefix(line, "```")
		switch {
		case in:
			block = append(block, line)
			if fence {
				code = append(code, strings.Join(block, "\n"))
				block, in = nil, false
			}
		case fence:
			block, in = []string{line}, true
		case strings.HasPrefix(line, "### "):
			h3++
		case strings.HasPrefix(line, "## "):
			h2++
		}
	}
	if in {
		code = append(code, strings.Join(block, "\n"))
	}
	return h2, h3, code
}
