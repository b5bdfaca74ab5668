package cli

import (
	"bufio"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// jaRun runs spfpatch in Japanese, chosen by --lang ja or by LANG.
type jaRun struct {
	t    *testing.T
	flag bool // --lang ja; else LANG=ja_JP.UTF-8
}

func newJARun(t *testing.T, flag bool) jaRun {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("SPFPATCH_PROVIDER", "")
	if flag {
		t.Setenv("LANG", "en_US.UTF-8") // --lang wins over the locale
	} else {
		t.Setenv("LANG", "ja_JP.UTF-8")
	}
	return jaRun{t: t, flag: flag}
}

func (r jaRun) args(args ...string) []string {
	if r.flag {
		return append([]string{"--lang", "ja"}, args...)
	}
	return args
}

func (r jaRun) cli(args ...string) (string, string, int) {
	r.t.Helper()
	return runCLI(r.t, r.args(args...)...)
}

func (r jaRun) input(in string, args ...string) (string, string, int) {
	r.t.Helper()
	return runWithInput(r.t, in, r.args(args...)...)
}

func mustContain(t *testing.T, what, s string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, s)
		}
	}
}

func mustNotContain(t *testing.T, what, s string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(s, b) {
			t.Errorf("%s has English %q:\n%s", what, b, s)
		}
	}
}

// English texts of plan, apply and rollback that must not show in a
// Japanese run.
var englishPlanTexts = []string{"lookups", "Plan:", "error:", "warning:", "refused", "unchanged", "other TXT record",
	"already authorises", "new record", "Apply complete", "written and read back", "Journal:", "Undo with", "Nothing to roll back",
	"free-mail domain", "over the limit", "Only 'yes'", "Enter a value", "cancelled", "(zone ", "provider zonefile)"}

// plan, apply and rollback in Japanese, by --lang ja and by LANG: a change,
// the refusals (over the lookup limit, free mail), the summary, the
// confirmation prompt and its refusal, the apply report and the rollback.
func TestI18nPlanApplyRollbackJA(t *testing.T) {
	for _, flag := range []bool{true, false} {
		name := "LANG"
		if flag {
			name = "--lang"
		}
		t.Run(name, func(t *testing.T) {
			r := newJARun(t, flag)
			t.Setenv("XDG_STATE_HOME", t.TempDir())
			dir := zoneCopy(t)
			orig := zoneRRs(t, dir)

			out, errOut, code := r.cli(append([]string{"plan"}, zfArgs(dir, "shop.example", "patched.example", "full.example", "info@yahoo.co.jp")...)...)
			if code != exitError {
				t.Fatalf("plan: exit %d\n%s\n%s", code, out, errOut)
			}
			mustContain(t, "plan", out,
				"  ~ shop.example                             変更\n",
				"    patched.example                          変更なし\n",
				"  ! full.example                             変更できません(DNS 参照回数が上限を超えます)\n",
				"  ! yahoo.co.jp                              変更できません(フリーメールのドメインです)\n",
				"  ~ shop.example.  TXT  (ゾーン shop.example.、プロバイダー zonefile)\n",
				`      + "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"`,
				"        DNS 参照 0 回 -> 1 回(上限 10 回)\n",
				"        この名前にあるほかの TXT レコード 2 件はそのまま残します\n",
				"      エラー: full.example: この変更を加えると DNS 参照が 11 回必要になり、上限の 10 回を超えるため、どの受信側でも SPF がエラー(permerror)になります。",
				"      エラー: yahoo.co.jp はフリーメールのドメインです。SPFレコードはメールサービスのもので、ご自身では変更できません。",
				"\nプラン: 作成 0 件、変更 1 件、変更なし 1 件、失敗 2 件。\n")
			mustNotContain(t, "plan", out, englishPlanTexts...)

			// No terminal and no --auto-approve: refused.
			old := isTerminal
			t.Cleanup(func() { isTerminal = old })
			isTerminal = func(any) bool { return false }
			_, errOut, code = r.cli(append([]string{"apply", "--journal", filepath.Join(t.TempDir(), "j")}, zfArgs(dir, "shop.example")...)...)
			if code != exitError {
				t.Fatalf("apply without a terminal: exit %d", code)
			}
			mustContain(t, "apply without a terminal", errOut, "端末から実行されていないため、確認を求められません。--auto-approve を付けて実行するか")
			// A terminal, answered "no".
			isTerminal = func(any) bool { return true }
			_, errOut, code = r.input("no\n", append([]string{"apply", "--journal", filepath.Join(t.TempDir(), "j")}, zfArgs(dir, "shop.example")...)...)
			if code != exitError {
				t.Fatalf("apply answered no: exit %d", code)
			}
			mustContain(t, "apply answered no", errOut,
				"\nこの変更を実行しますか? spfpatch は上に表示したとおりのレコードを書き込みます。\n  実行するには yes または はい と入力してください(それ以外は取り消しになります)。\n\n  入力してください: ",
				"apply を取り消しました。何も書き込んでいません。")
			mustNotContain(t, "apply answered no", errOut, englishPlanTexts...)
			isTerminal = old
			if !reflect.DeepEqual(zoneRRs(t, dir), orig) {
				t.Fatal("written without a yes")
			}

			// Apply.
			journal := filepath.Join(t.TempDir(), "journal.jsonl")
			out, errOut, code = r.cli(append([]string{"apply", "--auto-approve", "--journal", journal}, zfArgs(dir, "shop.example", "full.example")...)...)
			if code != exitError { // full.example is refused
				t.Fatalf("apply: exit %d\n%s\n%s", code, out, errOut)
			}
			mustContain(t, "apply", out,
				`  shop.example: 書き込みました(読み直して確認済み): "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"`,
				"  full.example: 変更していません: full.example: この変更を加えると DNS 参照が 11 回必要になり",
				"\napply 完了: 書き込み 1 件、手作業で貼り付け 0 件、変更なし 0 件、失敗 1 件。\n",
				"ジャーナル: "+journal+"\n元に戻すには: spfpatch rollback --provider zonefile --zone-dir "+dir+" --nameserver 127.0.0.1:1 "+journal+"\n")
			mustNotContain(t, "apply", out, englishPlanTexts...)

			// Rollback, then again: nothing to do.
			out, errOut, code = r.cli(append([]string{"rollback", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "rb.jsonl")}, zfArgs(dir, journal)...)...)
			if code != exitOK {
				t.Fatalf("rollback: exit %d\n%s\n%s", code, out, errOut)
			}
			mustContain(t, "rollback", out, "プラン: 作成 0 件、変更 1 件、変更なし 0 件、失敗 0 件。", "rollback 完了: 元に戻した件数 1 件", "元に戻しました(読み直して確認済み)")
			if !reflect.DeepEqual(zoneRRs(t, dir), orig) {
				t.Fatal("rollback did not restore the zone")
			}
			out, _, code = r.cli(append([]string{"rollback", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "rb2.jsonl")}, zfArgs(dir, journal)...)...)
			mustContain(t, "second rollback", out, "すでに変更前の状態に戻っています", "元に戻すものはありません。")
			mustNotContain(t, "second rollback", out, englishPlanTexts...)
			if code != exitOK {
				t.Fatalf("second rollback: exit %d", code)
			}
			_, errOut, _ = r.cli("rollback")
			mustContain(t, "rollback without a journal", errOut, "rollback にはジャーナルファイル(JOURNAL)を 1 つ指定してください")
		})
	}
}

// Saved plans, the choice of provider and the help text in Japanese.
func TestI18nSavedPlanAndHelpJA(t *testing.T) {
	r := newJARun(t, false)
	dir := zoneCopy(t)
	planFile := filepath.Join(t.TempDir(), "plan.json")
	_, errOut, code := r.cli(append([]string{"plan", "--out", planFile}, zfArgs(dir, "shop.example")...)...)
	if code != exitOK {
		t.Fatalf("plan --out: %d %s", code, errOut)
	}
	mustContain(t, "plan --out", errOut, "プランを "+planFile+" に保存しました。この内容のとおりに適用するには spfpatch apply --provider zonefile --zone-dir "+dir+" --nameserver 127.0.0.1:1 --plan "+planFile+" を実行してください")
	_, errOut, code = r.cli("apply", "--provider", "manual", "--plan", planFile)
	if code != exitError {
		t.Fatalf("apply --plan for another provider: %d", code)
	}
	mustContain(t, "apply --plan", errOut, "保存したプランはプロバイダー zonefile 用に作成されたものです(manual ではありません)。--provider zonefile を指定して実行してください。")
	_, errOut, _ = r.cli("plan", "shop.example")
	mustContain(t, "plan without a provider", errOut, "--provider NAME(または環境変数 SPFPATCH_PROVIDER)で DNS サービスを選んでください: ")
	_, errOut, _ = r.cli(append([]string{"plan"}, zfArgs(dir)...)...)
	mustContain(t, "plan without a target", errOut, "plan には TARGET を 1 つ以上指定してください")

	for cmd, want := range map[string][]string{
		"plan":     {"変更内容を表示します(何も変更しません)", "TARGET...(ドメイン名または送信元メールアドレス)", "同時に処理するドメインの数", "DNS サービスの名前 NAME: ", "apply --plan で使えるように"},
		"apply":    {"変更を実行します", "確認せずに実行します", "ネームサーバーが新しいレコードを返すまで最大 DURATION 待ちます"},
		"rollback": {"ジャーナルをもとに apply を元に戻します", "JOURNAL(ジャーナルファイル)", "rollback 自体のジャーナルファイル FILE"},
	} {
		out, _, _ := r.cli(cmd, "--help")
		mustContain(t, cmd+" --help", out, want...)
		mustNotContain(t, cmd+" --help", out, "domains handled at once", "do not ask for confirmation", "show what would change",
			"PowerDNS server id", "TSIG key name") // provider settings come from the catalog too
	}
}

// JSON output is the same in English and Japanese but for the message
// texts: codes, actions, statuses and field names do not change.
func TestI18nJSONSameCodes(t *testing.T) {
	run := func(lang string, args ...string) []map[string]any {
		t.Helper()
		t.Setenv("LANG", "")
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		if lang == "LANG=ja" {
			t.Setenv("LANG", "ja_JP.UTF-8")
		} else {
			args = append([]string{"--lang", lang}, args...)
		}
		out, _, code := runCLI(t, args...)
		if code != exitError {
			t.Fatalf("%s: exit %d\n%s", lang, code, out)
		}
		var lines []map[string]any
		sc := bufio.NewScanner(strings.NewReader(out))
		for sc.Scan() {
			var m map[string]any
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				t.Fatalf("%s: line %q: %v", lang, sc.Text(), err)
			}
			lines = append(lines, m)
		}
		return lines
	}
	targets := []string{"shop.example", "full.example", "patched.example", "nospf.example", "info@yahoo.co.jp"}
	for _, cmd := range []string{"plan", "apply"} {
		t.Run(cmd, func(t *testing.T) {
			var sets [][]map[string]any
			for _, lang := range []string{"en", "ja", "LANG=ja"} {
				dir := zoneCopy(t)
				args := []string{cmd, "--format", "json"}
				if cmd == "apply" {
					args = append(args, "--auto-approve", "--journal", filepath.Join(t.TempDir(), "j"))
				}
				sets = append(sets, run(lang, append(args, zfArgs(dir, targets...)...)...))
			}
			en := sets[0]
			codes := 0
			for i, l := range en {
				if c, ok := l["code"].(string); ok && c != "" {
					codes++
					if jm, _ := sets[1][i]["message"].(string); !hasKana(jm) || hasKana(l["message"].(string)) {
						t.Errorf("line %d: messages %q / %q", i, l["message"], jm)
					}
				}
			}
			if codes != 3 {
				t.Errorf("%d lines with a code, want 3 (over-limit, no-spf-record, free-mail)", codes)
			}
			if cmd == "apply" {
				// Each line has its status code; a refused change its
				// message again as the error, in the run's language.
				for i, l := range en[:len(en)-1] {
					want := "unchanged"
					if l["target"].(map[string]any)["input"] == "shop.example" {
						want = "written"
					}
					if l["status"] != want || sets[1][i]["status"] != want {
						t.Errorf("line %d: status %v / %v, want %s", i, l["status"], sets[1][i]["status"], want)
					}
					if l["code"] != nil && (l["error"] != l["message"] || !hasKana(sets[1][i]["error"].(string))) {
						t.Errorf("line %d: error %q / %q", i, l["error"], sets[1][i]["error"])
					}
				}
			}
			for _, s := range sets {
				for _, l := range s {
					delete(l, "message")
					delete(l, "error")
					if sum, ok := l["summary"].(map[string]any); ok {
						delete(sum, "journal")
					}
				}
			}
			for k := 1; k < len(sets); k++ {
				if !reflect.DeepEqual(en, sets[k]) {
					t.Errorf("JSON differs beyond the messages:\n%v\n%v", en, sets[k])
				}
			}
		})
	}
}

func hasKana(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30ff {
			return true
		}
	}
	return false
}

// Every message key the plan package and the plan, apply and rollback
// commands name is in the catalog (in both languages: TestCatalogComplete in
// internal/i18n checks that), so no message shows up as its bare key.
func TestI18nPlanKeysExist(t *testing.T) {
	files, _ := filepath.Glob("../plan/*.go")
	files = append(files, "plan.go", "apply.go", "rollback.go", "common.go")
	key := regexp.MustCompile(`^(target|plan|render|apply|diff|rollback|saved|journal|wait|cli|status)\.[a-z0-9-]+(\.[a-z0-9-]+)*$`)
	n := 0
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(nd ast.Node) bool {
			lit, ok := nd.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !key.MatchString(s) || strings.HasSuffix(s, ".go") {
				return true
			}
			n++
			if !i18n.Has(s) {
				t.Errorf("%s: message %q is not in the catalog", fset.Position(lit.Pos()), s)
			}
			return true
		})
	}
	if n < 100 {
		t.Fatalf("found only %d message keys: is the pattern right?", n)
	}
	// The dynamic keys.
	for _, st := range []string{"old-kept", "unknown", "mismatch", "not-tried"} {
		if !i18n.Has("apply.status." + st) {
			t.Errorf("no label for status %s", st)
		}
	}
}
