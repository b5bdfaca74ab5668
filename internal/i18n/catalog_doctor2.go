package i18n

// Messages added by the second pass on issue 14 (the shop owner's doctor),
// outside doctor's own catalog: the DNS servers of a Windows PC, check's
// status words, the plan summary's reasons, apply --wait's live record.
func init() {
	register(map[string]msgs{
		"app.lang.unknown": {
			EN: "spfpatch: there is no language %q: showing English (--lang ja for Japanese, --lang en for English).",
			JA: "spfpatch: 言語 %q はありません。英語で表示します(日本語は --lang ja、英語は --lang en)。",
		},
		"dns.setup.no-system-servers": {
			EN: "No DNS server was found on this computer. Run again with --nameserver 1.1.1.1 added.",
			JA: "このパソコンの DNS サーバーが見つかりません。--nameserver 1.1.1.1 を付けて実行してください。",
		},
		// check's status word in text output (JSON keeps the codes).
		"check.status.word.ok": {
			EN: "OK",
			JA: "問題なし",
		},
		"check.status.word.none": {
			EN: "NONE",
			JA: "SPFレコードなし",
		},
		"check.status.word.permerror": {
			EN: "PERMERROR",
			JA: "エラー(permerror)",
		},
		"check.status.word.temperror": {
			EN: "TEMPERROR",
			JA: "DNS 問い合わせ失敗",
		},

		// The reason of a refused name in plan's summary (JSON keeps the code).
		"plan.code.paren": {
			EN: " (%s)",
			JA: "(%s)",
		},
		"plan.code.bad-target":           {EN: "not a domain or an address", JA: "ドメイン名でもメールアドレスでもありません"},
		"plan.code.free-mail":            {EN: "free mail", JA: "フリーメールのドメインです"},
		"plan.code.no-zone":              {EN: "zone not found", JA: "DNS ゾーンが見つかりません"},
		"plan.code.provider-error":       {EN: "provider error", JA: "DNS サービスとの通信に失敗しました"},
		"plan.code.cname":                {EN: "an alias (CNAME)", JA: "別名(CNAME)です"},
		"plan.code.wildcard":             {EN: "a wildcard answers", JA: "ワイルドカードの記録が応答しています"},
		"plan.code.no-spf-record":        {EN: "no SPF record", JA: "SPFレコードがありません"},
		"plan.code.multiple-spf-records": {EN: "several SPF records", JA: "SPFレコードが複数あります"},
		"plan.code.syntax-error":         {EN: "SPF record with an error", JA: "SPFレコードに誤りがあります"},
		"plan.code.over-limit":           {EN: "over the lookup limit", JA: "DNS 参照回数が上限を超えます"},
		"plan.code.broken-include":       {EN: "an include is broken", JA: "include 先に問題があります"},
		"plan.code.dns-error":            {EN: "DNS lookup failed", JA: "DNS の問い合わせに失敗しました"},
		"plan.code.drift":                {EN: "changed since", JA: "その後に変更されています"},
		"plan.code.include-ineffective":  {EN: "include not effective", JA: "include が効いていません"},
		"plan.code.unsafe-for-provider":  {EN: "unsafe for this provider", JA: "この DNS サービスでは安全に変更できません"},
		"plan.code.no-such-domain":       {EN: "no such domain", JA: "ドメインが存在しません"},
		"plan.code.duplicate":            {EN: "given twice", JA: "同じドメインが 2 回指定されています"},
		"plan.code.config-error":         {EN: "config error", JA: "設定ファイルの誤り"},
		"plan.code.interrupted":          {EN: "interrupted", JA: "中断しました"},

		// apply --wait: the record DNS serves once the wait is over.
		"apply.wait.live.new": {
			EN: "  %s: the SPF record now published: %s (%s, %d of %d lookups)",
			JA: "  %s: 現在公開中の SPFレコード: %s(%s、DNS 参照 %d 回/上限 %d 回)",
		},
		"apply.wait.live.old": {
			EN: "  %s: the SPF record now published: %s (%s is not in it yet)",
			JA: "  %s: 現在公開中の SPFレコード: %s(%s はまだ含まれていません)",
		},
		"apply.wait.live.other": {
			EN: "  %s: the SPF record now published: %s (not yet the value shown above)",
			JA: "  %s: 現在公開中の SPFレコード: %s(まだ上に表示した値になっていません)",
		},
		"apply.wait.live.none": {
			EN: "  %s: no SPF record is published yet",
			JA: "  %s: 公開中の SPFレコードはまだありません",
		},
		"apply.report.manual.cmd": {
			EN: "  %s: set the TXT record in your DNS panel to the value shown above, then run: %s",
			JA: "  %s: DNS の管理画面で TXT レコードを上に表示した値に設定してから、次のコマンドを実行してください: %s",
		},
		"render.others-kept.manual": {
			EN: "leave the other %d TXT record(s) of this domain unchanged",
			JA: "このドメインのほかの TXT レコード(%d 件)は変更しないでください",
		},
	})
}
