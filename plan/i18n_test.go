package plan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/plan"
)

var ja = i18n.Printer{Lang: i18n.JA}

// jaTargets covers every kind of line a plan shows: update, no-op, create,
// a lint warning, and refusals (two SPF records, over the lookup limit,
// free mail).
var jaTargets = []string{"shop.example.com", "patched.example.com", "nospf.example.com", "open.example.com",
	"two.example.com", "full.example.com", "info@gmail.com"}

func jaSeed() *dnstest.Store {
	s := seed()
	s.Put(zone, libdns.RR{Name: "open", Type: "TXT", TTL: 300 * time.Second, Data: "v=spf1 +all"})
	return s
}

// The whole text of a plan in Japanese. The lint warning's own text belongs
// to the i18n SPF catalog: it is checked to be the Japanese rendering of the
// warning, not its wording.
func TestRenderTextJA(t *testing.T) {
	cfg := config(jaSeed())
	cfg.P, cfg.Create = ja, true
	p := plan.Build(context.Background(), cfg, jaTargets)
	warn := p.Changes[3].Warnings
	if len(warn) != 1 || warn[0].Code != "all-pass" {
		t.Fatalf("open.example.com warnings %+v", warn)
	}
	wtext := ja.Warning(warn[0])
	if wtext == warn[0].Message || !hasJapanese(wtext) {
		t.Fatalf("warning not in Japanese: %q", wtext)
	}
	var b bytes.Buffer
	plan.Render(&b, p, plan.RenderOptions{P: ja})
	want := `  ~ shop.example.com.  TXT  (ゾーン example.com.、プロバイダー memory)
      - "v=spf1 +ip4:192.0.2.0/24 ~all"
      + "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"
        DNS 参照 0 回 -> 1 回(上限 10 回)
        この名前にあるほかの TXT レコード 2 件はそのまま残します
    patched.example.com.  TXT  (ゾーン example.com.、プロバイダー memory)
      = "v=spf1 include:e-shopsmail2.com -all"
        すでに include:e-shopsmail2.com を許可しています。変更は不要です(DNS 参照 1 回、上限 10 回)
  + nospf.example.com.  TXT  (ゾーン example.com.、プロバイダー memory)
      + "v=spf1 include:e-shopsmail2.com ~all"
        新しいレコード、TTL 300 秒、DNS 参照 1 回(上限 10 回)
        この名前にあるほかの TXT レコード 1 件はそのまま残します
  ~ open.example.com.  TXT  (ゾーン example.com.、プロバイダー memory)
      - "v=spf1 +all"
      + "v=spf1 include:e-shopsmail2.com +all"
        DNS 参照 0 回 -> 1 回(上限 10 回)
        警告: ` + wtext + `
  ! two.example.com.  TXT  (ゾーン example.com.、プロバイダー memory)
      エラー: two.example.com: SPFレコードが 2 個ありますが、1 つのドメインに置けるのは 1 つだけです: "v=spf1 -all"、"v=spf1 mx -all"。1 つのレコードにまとめて、残りは削除してください。受信側は SPFレコードが 2 つ以上あるとエラー(permerror)とみなします(RFC 7208 §4.5)。まとめた後で、もう一度 spfpatch を実行してください。
  ! full.example.com.  TXT  (ゾーン example.com.、プロバイダー memory)
      エラー: full.example.com: この変更を加えると DNS 参照が 11 回必要になり、上限の 10 回を超えるため、どの受信側でも SPF がエラー(permerror)になります。参照回数の多い項目: exists:%{i}.a.example (1), exists:%{i}.b.example (1), exists:%{i}.c.example (1)。使っていない include を削除するか、a / mx / include を ip4: / ip6: のアドレス範囲に置き換えてから、もう一度実行してください。
  ! info@gmail.com  TXT
      エラー: gmail.com はフリーメールのドメインです。SPFレコードはメールサービスのもので、ご自身では変更できません。ショップのメールは独自ドメインのアドレス(例: info@your-shop.example)から送信し、そのドメインに対して spfpatch を実行してください。
プラン: 作成 1 件、変更 2 件、変更なし 1 件、失敗 3 件。
`
	if b.String() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", b.String(), want)
	}

	// No DNS API: the paste instructions.
	cfg.Backend.Manual = true
	p = plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	b.Reset()
	plan.Render(&b, p, plan.RenderOptions{P: ja})
	if !strings.HasSuffix(b.String(), `
        ご利用の DNS サービスには API がありません。DNS の管理画面(「DNSレコード設定」など)で、shop.example.com の「v=spf1」で始まる TXT レコードを編集し、値を次のとおりに書き換えてください(SPFレコードを新しく追加しないでください。ほかの TXT レコードはそのまま残してください):
          v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all
        (ホスト名: ドメインそのものなら @ または空欄、種別: TXT。反映まで数十分〜最大 72 時間ほどかかることがあります。apply --provider manual --wait で反映を確認できます)
プラン: 作成 0 件、変更 1 件、変更なし 0 件、失敗 0 件。
`) {
		t.Fatalf("manual:\n%s", b.String())
	}
	// No record yet (--create): add one, do not edit.
	cfg.Create = true
	p = plan.Build(context.Background(), cfg, []string{"nospf.example.com"})
	b.Reset()
	plan.Render(&b, p, plan.RenderOptions{P: ja})
	if p.Changes[0].Action != plan.Create || !strings.Contains(b.String(), "nospf.example.com に TXT レコードを 1 件新しく追加し") {
		t.Fatalf("manual create:\n%s", b.String())
	}
}

// The zero Printer is English: a Config without P renders what spfpatch
// always printed (TestRenderText has the whole block).
func TestRenderZeroPrinterIsEnglish(t *testing.T) {
	p := plan.Build(context.Background(), config(jaSeed()), jaTargets)
	var b bytes.Buffer
	plan.Render(&b, p, plan.RenderOptions{})
	if hasJapanese(b.String()) || !strings.Contains(b.String(), "Plan: 0 to create, 2 to change, 1 unchanged, 4 failed.") {
		t.Fatalf("%s", b.String())
	}
}

// JSON is language-neutral: the same plan in English and Japanese differs
// only in the "message" values (and the warnings' rendering is not in the
// JSON at all: they carry their code).
func TestJSONSameCodesInBothLanguages(t *testing.T) {
	lines := func(p i18n.Printer) []map[string]any {
		cfg := config(jaSeed())
		cfg.P, cfg.Create = p, true
		var b bytes.Buffer
		if err := plan.WriteJSONLines(&b, plan.Build(context.Background(), cfg, jaTargets)); err != nil {
			t.Fatal(err)
		}
		var out []map[string]any
		for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatal(err)
			}
			out = append(out, m)
		}
		return out
	}
	en, jp := lines(i18n.Printer{}), lines(ja)
	if len(en) != len(jaTargets)+1 || len(jp) != len(en) {
		t.Fatalf("%d and %d lines", len(en), len(jp))
	}
	codes := 0
	for i := range en {
		if en[i]["code"] != nil {
			codes++
			if hasJapanese(en[i]["message"].(string)) || !hasJapanese(jp[i]["message"].(string)) {
				t.Errorf("line %d messages: %q / %q", i, en[i]["message"], jp[i]["message"])
			}
		}
		delete(en[i], "message")
		delete(jp[i], "message")
		if !reflect.DeepEqual(en[i], jp[i]) {
			t.Errorf("line %d differs beyond the message:\n%v\n%v", i, en[i], jp[i])
		}
	}
	if codes != 3 {
		t.Errorf("%d lines with a code, want 3", codes)
	}
}

// Build's refusals in Japanese, with the SPF and lookup problems rendered by
// the i18n SPF catalog; in English the lookup problem is the report's own.
func TestBuildMessagesJA(t *testing.T) {
	cfg := config(seed())
	cfg.P = ja
	cfg.Includes = []string{"missing.example"}
	for target, want := range map[string]string{
		"shop.example.com":   "shop.example.com: 変更後のレコードは無効になります(permerror): shop.example.com > include:missing.example: ",
		"broken.example.com": `broken.example.com: 現在の SPFレコード "v=spf1 ip4:300.1.1.1 -all" に誤りがあります: `,
		"nospf.example.com":  `nospf.example.com には SPFレコードがありません。--create を付けてもう一度実行すると "v=spf1 include:missing.example ~all" を登録します。`,
		"alias.example.com":  "alias.example.com は shop.example.com. の CNAME(別名)です。",
		"localhost":          `"localhost" は正しいドメイン名ではありません。`,
	} {
		c := plan.BuildOne(context.Background(), cfg, target)
		if c.Action != plan.Error || !strings.HasPrefix(c.Message, want) || strings.Contains(c.Message, " is ") || strings.Contains(c.Message, " has ") {
			t.Errorf("%s: %s %q\nwant it to start with %q, in Japanese", target, c.Code, c.Message, want)
		}
	}
	cfg.P = i18n.Printer{}
	c := plan.BuildOne(context.Background(), cfg, "shop.example.com")
	if want := "shop.example.com: the record would be invalid (permerror): shop.example.com > include:missing.example: missing.example has no SPF record, so this include is a permerror"; c.Message != want {
		t.Errorf("English: %q\nwant %q", c.Message, want)
	}
}

// Apply's error texts in Japanese: drift (with the diff labels), a failed
// write, a mismatch; the status stays the code.
func TestApplyJA(t *testing.T) {
	s := seed()
	cfg := config(s)
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	_, _ = s.AppendRecords(context.Background(), zone, []libdns.Record{libdns.TXT{Name: "shop", TTL: 300 * time.Second, Text: "new-verification=1"}})
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t), P: ja}, p)
	want := "shop.example.com: プランの作成後に TXT レコードが変更されたため(drift)、何も書き込んでいません。もう一度 plan を実行してください。\n" +
		`      現在の内容:   "new-verification=1"`
	if res[0].Status != plan.StatusNotTried || res[0].Error != want {
		t.Fatalf("status %s error:\n%s\nwant:\n%s", res[0].Status, res[0].Error, want)
	}

	s = seed()
	cfg = config(s)
	p = plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	s.FailNext(dnstest.MethodSetRecords, errors.New("HTTP 500 from provider"))
	res = plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t), P: ja}, p)
	if res[0].Status != plan.StatusOldKept || res[0].Error != "shop.example.com: 書き込みに失敗しました。元のレコードはそのまま残っています: HTTP 500 from provider" {
		t.Fatalf("%+v", res[0])
	}

	cfg.Backend.Store = mangler{cfg.Backend.Store}
	res = plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t), P: ja}, p)
	if res[0].Status != plan.StatusMismatch || !strings.HasPrefix(res[0].Error, "shop.example.com: プロバイダーは書き込みを受け付けましたが、登録されている内容が異なります:\n      期待した内容: ") {
		t.Fatalf("%+v", res[0])
	}

	res = plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, P: ja}, p)
	if res[0].Error != "ジャーナルがないため、書き込みを行いません" {
		t.Fatalf("%+v", res[0])
	}
}

func TestRollbackJA(t *testing.T) {
	s := seed()
	cfg := config(s)
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com", "patched.example.com"})
	j := journal(t)
	plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, p)
	entries, err := plan.ReadJournal(j.Path)
	if err != nil {
		t.Fatal(err)
	}
	rb := plan.PlanRollback(context.Background(), ja, cfg.Backend, entries)
	var b bytes.Buffer
	plan.Render(&b, rb, plan.RenderOptions{P: ja})
	if !strings.HasSuffix(b.String(), "プラン: 作成 0 件、変更 1 件、変更なし 0 件、失敗 0 件。\n") {
		t.Fatalf("%s", b.String())
	}
	plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, rb)
	again := plan.PlanRollback(context.Background(), ja, cfg.Backend, entries)
	if again.Changes[0].Message != "すでに変更前の状態に戻っています" {
		t.Fatalf("%+v", again.Changes[0])
	}
	_, _ = s.SetRecords(context.Background(), zone, []libdns.Record{libdns.TXT{Name: "shop", TTL: 300 * time.Second, Text: "v=spf1 -all"}})
	p = plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	j2 := journal(t)
	plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j2}, p)
	_, _ = s.SetRecords(context.Background(), zone, []libdns.Record{libdns.TXT{Name: "shop", TTL: 300 * time.Second, Text: "v=spf1 mx -all"}})
	entries, _ = plan.ReadJournal(j2.Path)
	d := plan.PlanRollback(context.Background(), ja, cfg.Backend, entries).Changes[0]
	if d.Code != plan.CodeDrift || !strings.HasPrefix(d.Message, "shop.example.com: このジャーナルが書かれた後に TXT レコードが変更されているため、rollback では変更しません:\n") {
		t.Fatalf("%+v", d)
	}
}

// Errors plan returns (targets, saved plans, journals) keep their English
// Error() and their sentinels, and Localize gives them in Japanese.
func TestLocalizeErrors(t *testing.T) {
	_, err := plan.ParseTarget("shop@gmail.com")
	if !errors.Is(err, plan.ErrFreeMail) ||
		err.Error() != "free-mail domain gmail.com: its SPF record belongs to the mail provider and cannot be changed by you; "+
			"send the shop's mail from an address at the shop's own domain (e.g. info@your-shop.example) and run spfpatch on that domain" {
		t.Fatalf("English: %v", err)
	}
	if got := plan.Localize(ja, err); !strings.HasPrefix(got, "gmail.com はフリーメールのドメインです。") {
		t.Fatalf("Japanese: %s", got)
	}
	_, err = plan.ParseTarget("https://shop.example.com/")
	if !errors.Is(err, plan.ErrBadTarget) || err.Error() != `invalid target "https://shop.example.com/": give only the domain (shop.example.com), not a URL` {
		t.Fatalf("English: %v", err)
	}
	if got := plan.Localize(ja, err); got != `"https://shop.example.com/" は指定できません。URL ではなく、ドメイン名だけ(例: shop.example.com)を指定してください。` {
		t.Fatalf("Japanese: %s", got)
	}

	path := filepath.Join(t.TempDir(), "plan.json")
	_ = os.WriteFile(path, []byte(`{"version": 9}`), 0o600)
	_, err = plan.Load(path)
	if got := plan.Localize(ja, err); got != "保存したプラン "+path+" の形式はバージョン 9 ですが、この spfpatch が読めるのはバージョン 2 です。もう一度プランを作成してください。" {
		t.Fatalf("Japanese: %s", got)
	}
	_, err = plan.Load(filepath.Join(t.TempDir(), "missing.json"))
	if !errors.Is(err, os.ErrNotExist) || !strings.HasPrefix(plan.Localize(ja, err), "保存したプランを読み込めませんでした: ") {
		t.Fatalf("%v / %s", err, plan.Localize(ja, err))
	}
	empty := filepath.Join(t.TempDir(), "j.jsonl")
	_ = os.WriteFile(empty, nil, 0o600)
	_, err = plan.ReadJournal(empty)
	if got := plan.Localize(ja, err); got != "ジャーナル "+empty+" は空です" {
		t.Fatalf("Japanese: %s", got)
	}
	// Any other error keeps its text.
	if got := plan.Localize(ja, errors.New("HTTP 500")); got != "HTTP 500" {
		t.Fatal(got)
	}
}

// A nameserver poller that serves the new record from the second round.
type slowNS struct{ rounds int }

func (s *slowNS) LookupNS(ctx context.Context, zone string) ([]string, error) {
	return []string{"ns1.example.com.", "ns2.example.com."}, nil
}

func (s *slowNS) LookupTXTAt(ctx context.Context, server, name string) ([]string, error) {
	s.rounds++
	if s.rounds <= 2 {
		return nil, nil
	}
	return []string{"v=spf1 include:e-shopsmail2.com ~all"}, nil
}

func TestWaitJA(t *testing.T) {
	old := plan.PollInterval
	plan.PollInterval = time.Millisecond
	t.Cleanup(func() { plan.PollInterval = old })
	c := &plan.Change{Name: "shop.example.com.", Zone: zone, AfterSPF: "v=spf1 include:e-shopsmail2.com ~all"}
	var b bytes.Buffer
	res := plan.Wait(context.Background(), ja, &slowNS{}, []*plan.Change{c}, &b)
	want := "  shop.example.com の反映を待っています: 新しいレコードを返しているネームサーバーは 0 台です(全 2 台)。まだ古い値を返しているもの: ns1.example.com, ns2.example.com\n" +
		"  shop.example.com の反映を待っています: 新しいレコードを返しているネームサーバーは 2 台です(全 2 台)\n"
	if !res[0].Done || b.String() != want {
		t.Fatalf("%+v\n%s", res[0], b.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res = plan.Wait(ctx, ja, &slowNS{rounds: -100}, []*plan.Change{c}, nil)
	if res[0].Done || res[0].Error != "時間切れです: ns1.example.com, ns2.example.com はまだ古い値を返しています。しばらくしてから spfpatch doctor で確認してください。" {
		t.Fatalf("%+v", res[0])
	}
}

// hasJapanese reports whether s has kana or kanji.
func hasJapanese(s string) bool {
	for _, r := range s {
		if (r >= 0x3040 && r <= 0x30ff) || (r >= 0x4e00 && r <= 0x9fff) {
			return true
		}
	}
	return false
}
