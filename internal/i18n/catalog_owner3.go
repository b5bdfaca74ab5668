package i18n

// Messages of the shop owner's second round (owner3): an SPF record stored
// wrongly refused by plan, the platform authorised through another name,
// a record that passes the platform but fails every other sender.
func init() {
	register(map[string]msgs{
		"plan.mangled": {
			EN: "%s: the TXT record %s is your SPF record stored wrongly: %s Receivers do not see it as an SPF record at all, and another SPF record added beside it would make two once it is corrected, so spfpatch writes nothing here. Edit that TXT record at your DNS host (do not add a new one), then run again. Its corrected value: %s",
			JA: "%s: TXT レコード %s は、書き方を誤って登録された SPFレコードです。%sこのままでは受信サーバーは SPFレコードとして扱いません。SPFレコードをもう1つ追加すると、このレコードを直したときに SPFレコードが 2 つになってしまうため、spfpatch はここには何も書き込みません。DNSレコード設定でこの TXT レコードを編集して(新しく追加はしないでください)、もう一度実行してください。直した値: %s",
		},
		"plan.mangled.quotes": {
			EN: "it is stored with its quotes (\"): remove the \" at its start and end.",
			JA: "引用符(\")ごと登録されています。先頭と末尾の \" を削除してください。",
		},
		"plan.mangled.full-width": {
			EN: "it contains full-width (zenkaku) characters or a full-width space: use half-width letters and half-width spaces.",
			JA: "全角の文字または全角スペースが入っています。半角の英数字と半角スペースに直してください。",
		},
		"plan.mangled.spaces": {
			EN: "it contains a space that is not an ordinary half-width space (or an invisible character): use ordinary half-width spaces.",
			JA: "通常の半角スペースではない空白(または見えない文字)が入っています。空白はすべて半角スペースに直してください。",
		},
	})
}
