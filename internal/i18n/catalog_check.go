package i18n

// Messages of `spfpatch check` and `spfpatch edit`, and of the flags they
// share with other commands (dnsFlags, includeFlags, formatFlag). Flag
// placeholders (`NAME`, `FILE`...) stay ASCII in every language.
func init() {
	register(map[string]msgs{
		// Shared flags.
		"dns.flag.nameserver": {
			EN: "resolver `ADDR[:PORT]` for lookups (default: the system's resolv.conf)",
			JA: "DNS の問い合わせに使うリゾルバー `ADDR[:PORT]`(省略時はシステムの resolv.conf)",
		},
		"dns.flag.zone-dir": {
			EN: "`DIR` of RFC 1035 zone files; names in these zones resolve offline",
			JA: "RFC 1035 形式のゾーンファイルを置いたディレクトリ `DIR`。これらのゾーンの名前はネットワークを使わずに解決します",
		},
		"dns.flag.dns-timeout": {
			EN: "timeout of one DNS query",
			JA: "DNS の問い合わせ 1 回あたりのタイムアウト",
		},
		"dns.flag.domain-timeout": {
			EN: "time the lookups of one domain may take (and at most %d DNS queries); past it the domain's result is temperror",
			JA: "1 つのドメインの DNS 参照にかけてよい時間(問い合わせは最大 %d 回)。超えるとそのドメインの結果は temperror になります",
		},
		"dns.domain-timeout.bad": {
			EN: "--domain-timeout %v: give a time over 0, e.g. 20s",
			JA: "--domain-timeout %v は使えません: 0 より長い時間を指定してください(例: 20s)",
		},
		"dns.setup": {
			EN: "DNS setup: %v",
			JA: "DNS の設定に誤りがあります: %v",
		},
		"edit.flag.include": {
			EN: "include `NAME` to ensure (repeatable; default %s)",
			JA: "レコードに含める include 先 `NAME`(複数指定できます。既定値 %s)",
		},
		"edit.flag.remove-include": {
			EN: "include `NAME` to remove (repeatable)",
			JA: "レコードから取り除く include 先 `NAME`(複数指定できます)",
		},
		"edit.flag.create": {
			EN: "give a name with no SPF record \"v=spf1 include:NAME ~all\"",
			JA: "SPFレコードのない名前には \"v=spf1 include:NAME ~all\" を新しく作ります",
		},
		"edit.flag.format": {
			EN: "output `FORMAT`: text or json",
			JA: "出力形式 `FORMAT`: text または json",
		},
		"edit.bad-format": {
			EN: "--format %q: use text or json",
			JA: "--format %q は使えません: text か json を指定してください",
		},
		"edit.include.idna": {
			EN: "include %q is not a valid domain name: %v",
			JA: "include 先 %q は正しいドメイン名ではありません: %v",
		},
		"edit.include.invalid": {
			EN: "include %q: %s",
			JA: "include 先 %q: %s",
		},

		// spfpatch edit.
		"edit.cmd.usage": {
			EN: "print an SPF record with the include added (offline: no DNS, no provider)",
			JA: "include を追加した SPFレコードを表示します(オフライン: DNS も DNS サービスも使いません)",
		},
		"edit.cmd.args": {
			EN: "RECORD",
			JA: "RECORD",
		},
		"edit.no-record": {
			EN: "edit needs the current record as one argument, in quotes, e.g.\n  spfpatch edit 'v=spf1 +ip4:192.0.2.0/24 ~all'\n(or --create with no record to make a new one)",
			JA: "edit には今のレコードを 1 つの引数として、引用符で囲んで指定してください。例:\n  spfpatch edit 'v=spf1 +ip4:192.0.2.0/24 ~all'\n(新しく作る場合は、レコードを指定せずに --create を付けます)",
		},
		"edit.too-many-args": {
			EN: "edit takes one RECORD argument, got %d: put the whole record in quotes, and flags before it",
			JA: "edit に指定できる RECORD は 1 つですが、%d 個あります: レコード全体を引用符で囲み、オプションはその前に書いてください",
		},
		"edit.warning": {
			EN: "warning: %s",
			JA: "警告: %s",
		},

		// spfpatch check.
		"check.cmd.usage": {
			EN: "count the record's DNS lookups against the limits; with --ip, the check_host() result",
			JA: "レコードの DNS 参照回数を上限と比べて数えます。--ip を付けると check_host() の結果も表示します",
		},
		"check.cmd.args": {
			EN: "TARGET...",
			JA: "TARGET...",
		},
		"check.flag.include": {
			EN: "also show the totals after adding include `NAME` (repeatable)",
			JA: "include 先 `NAME` を追加した後の回数も表示します(複数指定できます)",
		},
		"check.flag.ip": {
			EN: "run check_host() for a connection from `IP`",
			JA: "`IP` からの接続として check_host() を実行します",
		},
		"check.flag.sender": {
			EN: "MAIL FROM `ADDRESS` for --ip (default: postmaster@TARGET, or the TARGET address)",
			JA: "--ip で使う MAIL FROM のアドレス `ADDRESS`(省略時は postmaster@TARGET。TARGET がアドレスならそのアドレス)",
		},
		"check.flag.helo": {
			EN: "HELO `NAME` for --ip",
			JA: "--ip で使う HELO 名 `NAME`",
		},
		"check.flag.default-explanation": {
			EN: "explanation `TEXT` used when a failing record gives none (macros allowed)",
			JA: "fail になったレコードが説明を持たないときに使う説明文 `TEXT`(マクロを使えます)",
		},
		"check.flag.domains-file": {
			EN: "`FILE` with one target a line (# comments)",
			JA: "1 行に 1 つ TARGET を書いたファイル `FILE`(# 以降はコメント)",
		},
		"check.flag.config": {
			EN: "agency config `FILE`: check its domains",
			JA: "代理店向け設定ファイル `FILE`: そこにあるドメインを確認します",
		},
		"check.flag.parallel": {
			EN: "domains checked at once",
			JA: "同時に確認するドメインの数",
		},
		"check.bad-ip": {
			EN: "--ip %q is not an IP address",
			JA: "--ip %q は IP アドレスではありません",
		},
		"check.no-target": {
			EN: "check needs a TARGET: a domain (shop.example.com) or a sender address (info@shop.example.com); flags go before it",
			JA: "check には TARGET を指定してください: ドメイン(shop.example.com)か送信元メールアドレス(info@shop.example.com)です。オプションはその前に書きます",
		},
		"check.unresolved": {
			EN: "%s: cannot be resolved: %s",
			JA: "%s: 名前解決できません: %s",
		},
		"check.unresolved.more": {
			EN: "and %d more domains that cannot be resolved",
			JA: "ほかに名前解決できないドメインが %d 個あります",
		},
		"check.status.invalid-domain": {
			EN: "%q is not a valid domain name (RFC 7208 §4.3): check_host() gives none for it without asking DNS",
			JA: "%q は正しいドメイン名ではありません(RFC 7208 §4.3)。check_host() は DNS に問い合わせずに none を返します",
		},
		"check.status.ok": {
			EN: "the record is valid and uses %d of %d DNS lookups",
			JA: "レコードは正しく、DNS 参照は上限 %[2]d 回のうち %[1]d 回です",
		},
		"check.status.permerror": {
			EN: "the record is broken (permerror): every receiver treats it as an error; fix the errors listed",
			JA: "レコードが壊れています(permerror)。どの受信側もエラーとして扱います。上に挙げたエラーを直してください",
		},
		"check.status.temperror": {
			EN: "a DNS lookup failed (temperror): try again later, or check the nameserver",
			JA: "DNS の問い合わせに失敗しました(temperror)。しばらくしてからもう一度試すか、ネームサーバーを確認してください",
		},
		"check.text.record": {
			EN: "record: %q",
			JA: "レコード: %q",
		},
		"check.text.lookups": {
			EN: "lookups %d of %d, void lookups %d of %d (for IPv4 senders %d, for IPv6 senders %d)",
			JA: "DNS 参照 %d 回(上限 %d 回)、結果のない参照 %d 回(上限 %d 回)(IPv4 で送ってくるサーバーでは %d 回、IPv6 では %d 回)",
		},
		"check.text.tree": {
			EN: "lookup tree (terms that cost lookups, with what they include):",
			JA: "参照の内訳(DNS 参照が必要な項目と、その参照先):",
		},
		"check.text.tree.error": {
			EN: "ERROR: %s",
			JA: "エラー: %s",
		},
		"check.text.error": {
			EN: "error: %s",
			JA: "エラー: %s",
		},
		"check.text.warning": {
			EN: "warning: %s",
			JA: "警告: %s",
		},
		"check.text.with": {
			EN: "with include:%s: %q",
			JA: "include:%s を追加すると: %q",
		},
		"check.text.with.include-sep": {
			EN: " include:",
			JA: " include:",
		},
		"check.text.with.lookups": {
			EN: "lookups %d -> %d of %d (%s)",
			JA: "DNS 参照 %d 回 → %d 回(上限 %d 回)(%s)",
		},
		"check.text.with.ok": {
			EN: "ok",
			JA: "問題ありません",
		},
		"check.text.with.refused": {
			EN: "REFUSED: %s",
			JA: "追加できません: %s",
		},
		"check.text.result": {
			EN: "check_host(%s, %s): %s",
			JA: "check_host(%s, %s) の結果: %s",
		},
		"check.text.matched": {
			EN: " (matched %q)",
			JA: "(一致した項目: %q)",
		},
		"check.text.explanation": {
			EN: "explanation: %s",
			JA: "説明: %s",
		},
	})
}
