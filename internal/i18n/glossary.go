package i18n

// Term is one concept of the glossary: the one Japanese word spfpatch
// uses for it (the help article's word where the article has one), and
// the words it must not use instead.
type Term struct {
	Concept string   // in English
	JA      string   // the word to use
	Avoid   []string // words for the same concept that must not appear in Japanese text
	Except  []string // longer words holding an Avoid word that are fine (フラグメント, a URL fragment)
	Note    string
}

// Glossary fixes the Japanese words, so that one concept has one word. The
// words are those of the help article the shop owner has just read
// (shared/seed: e-shopsカートS help article No:11487) and of the DNS panels
// (お名前.com and エックスサーバー call the screen 「DNSレコード設定」).
// TestGlossary checks every Japanese message against Avoid.
var Glossary = []Term{
	{Concept: "SPF record", JA: "SPFレコード", Avoid: []string{"SPF レコード"}, Note: "the article's spelling, without a space"},
	{Concept: "to add the include to the record", JA: "追記", Note: "the article: SPFレコードの記述部分へ追記してください"},
	{Concept: "where DNS records are edited", JA: "DNSレコード設定 / DNS の管理画面", Avoid: []string{"DNS ホスティング", "DNSホスティング"}},
	{Concept: "the company running the domain's DNS", JA: "DNS サービス", Avoid: []string{"DNS 事業者", "DNS事業者", "DNS プロバイダー", "DNSプロバイダー"},
		Note: "プロバイダー only for the names given to --provider"},
	{Concept: "the company hosting the shop's mail", JA: "レンタルサーバ / メールサービス", Avoid: []string{"メール事業者", "メールサービスの提供元"}},
	{Concept: "sender (From) address", JA: "送信元メールアドレス", Avoid: []string{"差出人"}, Note: "the article: 送信元メールアドレス(From)"},
	{Concept: "the platform", JA: "e-shopsカートS (its name)", Avoid: []string{"ショッププラットフォーム", "メールプラットフォーム"},
		Note: "named by Platform.Name; メール配信サービス where no name is known"},
	{Concept: "SPF result pass / fail", JA: "SPF 認証に成功 / 失敗", Avoid: []string{"SPF に合格", "合格しません", "合格するはず"}},
	{Concept: "permerror", JA: "エラー(permerror)", Avoid: []string{"恒久的なエラー"}},
	{Concept: "mail not delivered", JA: "未達"},
	{Concept: "no work needed", JA: "作業は不要"},
	{Concept: "a command-line switch", JA: "オプション", Avoid: []string{"フラグ"}, Except: []string{"フラグメント"}},
	{Concept: "agency", JA: "代理店", Avoid: []string{"代行業者"}},
	{Concept: "qualifier", JA: "include の前の記号(~ など)", Avoid: []string{"限定子"}, Note: "修飾子 is the modifier (redirect=, exp=), another concept"},
	{Concept: "the article's sections", JA: "the article's own headings", Avoid: []string{"ケース 1", "ケース 2", "ケース 3", "ケース1", "ケース2", "ケース3"},
		Note: "the article has no numbered cases"},
	{Concept: "unknown (key)", JA: "不明な", Avoid: []string{"知らないキー"}},
}
