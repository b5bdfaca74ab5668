package i18n

// Messages of the second scale branch (issue 13 review): the lookup tree's
// notes for an included domain not shown again and for MX hosts without
// addresses, and check's interrupted notice.
func init() {
	register(map[string]msgs{
		"spfcheck.note.shown-above": {
			EN: "%s: its terms are shown above",
			JA: "%s の中身は上に表示しています",
		},
		"spfcheck.note.mx-hosts-no-a": {
			EN: "%s MX host(s), %s without A records: void lookups for IPv4 senders",
			JA: "MX ホストが %s 個あり、そのうち %s 個には A レコード(IPv4 アドレス)がありません。IPv4 で送ってくるサーバーにとっては結果のない参照です",
		},
		"spfcheck.note.mx-hosts-no-aaaa": {
			EN: "%s MX host(s), %s without AAAA records: void lookups for IPv6 senders",
			JA: "MX ホストが %s 個あり、そのうち %s 個には AAAA レコード(IPv6 アドレス)がありません。IPv6 で送ってくるサーバーにとっては結果のない参照です",
		},
		"spfcheck.note.mx-hosts-void": {
			EN: "%s MX host(s), %s without A records, %s without AAAA records: void lookups for IPv4 and for IPv6 senders",
			JA: "MX ホストが %s 個あり、A レコード(IPv4 アドレス)のないものが %s 個、AAAA レコード(IPv6 アドレス)のないものが %s 個あります。それぞれ IPv4、IPv6 で送ってくるサーバーにとっては結果のない参照です",
		},
		"spfcheck.note.tree-full": {
			EN: "%s: its terms are not shown (the tree shows at most %s terms)",
			JA: "%s の中身は表示していません(表示は最大 %s 項目まで)",
		},
	})
}

func init() {
	register(map[string]msgs{
		"check.interrupted-notice": {
			EN: "Interrupted: the first %d targets were checked and their results written; the others were not checked.",
			JA: "中断しました。最初の %d 件を確認して結果を出力しました。残りは確認していません。",
		},
	})
}
