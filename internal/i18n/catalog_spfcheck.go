package i18n

// Messages of package spfcheck (lookup accounting and check_host()),
// rendered by spf.go: "spfcheck.note.<code>" for Node.NoteCode,
// "spfcheck.error.<code>" for Node.ErrorCode, Problem.Code and Error.Code.
// The English texts are exactly spfcheck's own messages.
func init() {
	register(map[string]msgs{
		"spfcheck.path": {
			EN: "%s: %s",
			JA: "%s: %s",
		},

		// Notes on lookup-tree nodes.
		"spfcheck.note.redirect-ignored": {
			EN: "ignored: the record has all (RFC 7208 §6.1)",
			JA: "無視されます: レコードに all があります(RFC 7208 §6.1)",
		},
		"spfcheck.note.after-all": {
			EN: "never evaluated: it comes after all",
			JA: "評価されません: all より後ろにあります",
		},
		"spfcheck.note.ptr-not-followed": {
			EN: "depends on the sending IP; not followed",
			JA: "送信元の IP アドレスによって変わるため、たどっていません",
		},
		"spfcheck.note.macros-not-followed": {
			EN: "depends on the sender or sending IP (macros); not followed",
			JA: "送信元メールアドレスや送信元の IP アドレスによって変わるため(マクロ)、たどっていません",
		},
		"spfcheck.note.invalid-domain": {
			EN: "invalid domain %s",
			JA: "ドメイン名 %s が正しくありません",
		},
		"spfcheck.note.no-mx": {
			EN: "%s has no MX records (void lookup)",
			JA: "%s には MX レコードがありません(結果のない参照)",
		},
		"spfcheck.note.mx-hosts": {
			EN: "%s MX host(s); their address lookups do not count toward the 10",
			JA: "MX ホストが %s 個あります。それらのアドレスの参照は 10 回の上限に数えません",
		},
		"spfcheck.note.no-address": {
			EN: "%s has no address records (void lookup)",
			JA: "%s には IP アドレスのレコードがありません(結果のない参照)",
		},
		"spfcheck.note.no-a": {
			EN: "%s has no A records: a void lookup for IPv4 senders",
			JA: "%s には A レコード(IPv4 アドレス)がありません。IPv4 で送ってくるサーバーにとっては結果のない参照です",
		},
		"spfcheck.note.no-aaaa": {
			EN: "%s has no AAAA records: a void lookup for IPv6 senders",
			JA: "%s には AAAA レコード(IPv6 アドレス)がありません。IPv6 で送ってくるサーバーにとっては結果のない参照です",
		},
		"spfcheck.note.past-limit": {
			EN: "not looked up: the record is over the RFC 7208 limits already",
			JA: "問い合わせていません: このレコードはすでに RFC 7208 の上限を超えています",
		},
		"spfcheck.note.budget-used-up": {
			EN: "not looked up: the budget of %s queries for this domain is used up",
			JA: "問い合わせていません: このドメインに使える DNS の問い合わせ(%s 回)を使い切りました",
		},
		"spfcheck.note.deadline": {
			EN: "not looked up: this domain took longer than %s",
			JA: "問い合わせていません: このドメインの確認が %s を超えました",
		},
		"spfcheck.note.interrupted": {
			EN: "not looked up: interrupted",
			JA: "問い合わせていません: 中断されました",
		},
		"spfcheck.note.more-terms": {
			EN: "%s more terms not shown (%s lookups)",
			JA: "ほかに %s 個の項目があります(表示は省略。DNS 参照 %s 回)",
		},
		"spfcheck.note.too-deep": {
			EN: "not followed: %s is past the 10-lookup limit already",
			JA: "たどりませんでした: %s の時点で DNS 参照はすでに上限の 10 回を超えています",
		},

		// Errors of the accounting and of check_host().
		"spfcheck.error.invalid-domain": {
			EN: "invalid domain name: %q",
			JA: "ドメイン名 %q が正しくありません",
		},
		"spfcheck.error.no-record": {
			EN: "no SPF record",
			JA: "SPFレコードがありません",
		},
		"spfcheck.error.no-record-at": {
			EN: "no SPF record at %s",
			JA: "%s には SPFレコードがありません",
		},
		"spfcheck.error.dns": {
			EN: "DNS lookup failed: %[1]s %[2]s: %[3]s",
			JA: "DNS の問い合わせ(%[2]s の %[1]s レコード)に失敗しました: %[3]s",
		},
		"spfcheck.error.dns-mx": {
			EN: "MX %s: %s",
			JA: "%s の MX レコードの問い合わせに失敗しました: %s",
		},
		"spfcheck.error.dns-address": {
			EN: "%s: %s",
			JA: "%s の IP アドレスの問い合わせに失敗しました: %s",
		},
		"spfcheck.error.multiple-records": {
			EN: "%s: more than one SPF record (RFC 7208 §4.5): %s",
			JA: "%s: %s",
		},
		"spfcheck.error.syntax": {
			EN: "%s: %s",
			JA: "%s: %s",
		},
		"spfcheck.error.loop": {
			EN: "include or redirect loop: %s is already being evaluated (%s)",
			JA: "include または redirect がループしています: %s はすでに評価中です(%s)",
		},
		"spfcheck.error.target-no-record": {
			EN: "%s has no SPF record, so this %s is a permerror",
			JA: "%s には SPFレコードがないため、この %s は エラー(permerror)になります",
		},
		"spfcheck.error.include-no-record": {
			EN: "included domain has no SPF record (RFC 7208 §5.2: permerror): %s",
			JA: "include 先のドメインに SPFレコードがありません(RFC 7208 §5.2: permerror): %s",
		},
		"spfcheck.error.redirect-no-record": {
			EN: "redirect= target has no SPF record (RFC 7208 §6.1: permerror)",
			JA: "redirect= 先のドメインに SPFレコードがありません(RFC 7208 §6.1: permerror)",
		},
		"spfcheck.error.too-many-mx": {
			EN: "%s has %s MX records; more than %s is a permerror (RFC 7208 §4.6.4)",
			JA: "%s には MX レコードが %s 個あります。%s 個を超えると エラー(permerror)になります(RFC 7208 §4.6.4)",
		},
		"spfcheck.error.mx-limit": {
			EN: "more than 10 MX records (RFC 7208 §4.6.4): %s has %s",
			JA: "MX レコードが 10 個を超えています(RFC 7208 §4.6.4): %s には %s 個あります",
		},
		"spfcheck.error.lookup-limit": {
			EN: "more than 10 DNS lookups (RFC 7208 §4.6.4)",
			JA: "DNS 参照が 10 回を超えました(RFC 7208 §4.6.4)",
		},
		"spfcheck.error.void-lookup-limit": {
			EN: "more than 2 void lookups (RFC 7208 §4.6.4)",
			JA: "結果のない DNS 参照が 2 回を超えました(RFC 7208 §4.6.4)",
		},
		"spfcheck.error.macro-letter": {
			EN: "unknown macro letter %s",
			JA: "マクロ文字 %s は使えません",
		},
		"spfcheck.error.too-many-lookups": {
			EN: "%s DNS lookups, over the limit of %s; costliest: %s",
			JA: "DNS 参照が %s 回あり、上限の %s 回を超えています。参照回数の多い項目: %s",
		},
		"spfcheck.error.too-many-void-lookups": {
			EN: "%s void lookups (names that do not exist or have no records), over the limit of %s (for IPv4 senders %s, for IPv6 senders %s)",
			JA: "結果のない DNS 参照(存在しない名前や、レコードのない名前の参照)が %s 回あり、上限の %s 回を超えています(IPv4 で送ってくるサーバーでは %s 回、IPv6 で送ってくるサーバーでは %s 回)",
		},
		"spfcheck.error.query-budget": {
			EN: "stopped: the budget of %s DNS queries for this domain is used up; counted so far: %s lookups, %s void lookups",
			JA: "途中で止めました: このドメインに使える DNS の問い合わせ(%s 回)を使い切りました。それまでに数えた DNS 参照は %s 回、結果のない参照は %s 回です",
		},
		"spfcheck.error.deadline": {
			EN: "stopped: this domain took longer than %s (--domain-timeout); counted so far: %s lookups, %s void lookups",
			JA: "途中で止めました: このドメインの確認が %s を超えました(--domain-timeout で変えられます)。それまでに数えた DNS 参照は %s 回、結果のない参照は %s 回です",
		},
		"spfcheck.error.interrupted": {
			EN: "interrupted; counted so far: %s lookups, %s void lookups",
			JA: "中断されました。それまでに数えた DNS 参照は %s 回、結果のない参照は %s 回です",
		},
		"spfcheck.error.more-problems": {
			EN: "and %s more problems in the terms (see the tree)",
			JA: "ほかにも %s 件の問題があります(ツリーを見てください)",
		},
	})
}
