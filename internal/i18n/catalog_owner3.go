package i18n

// Messages of the shop owner's second round (owner3): an SPF record stored
// wrongly refused by plan, the platform authorised through another name,
// a record that passes the platform but fails every other sender.
func init() {
	register(map[string]msgs{
		"plan.mangled": {
			EN: "%s: the TXT record %s is your SPF record stored wrongly: %s Receivers do not see it as an SPF record at all, and another SPF record added beside it would make two once it is corrected, so spfpatch writes nothing here. Edit that TXT record at your DNS host (do not add a new one), then run again. Its corrected value: %s",
			JA: "%s: TXT レコード %s は、書き方を誤って登録された SPFレコードです。%sこのままでは受信サーバーは SPFレコードとして扱いません。SPFレコードをもう 1 つ追加すると、このレコードを直したときに SPFレコードが 2 つになってしまうため、spfpatch はここには何も書き込みません。DNSレコード設定でこの TXT レコードを編集して(新しく追加はしないでください)、もう一度実行してください。直した値: %s",
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
		"doctor.include.indirect": {
			EN: "include:%s is not written in the SPF record itself, but %s includes it: %s's servers are authorised through it.",
			JA: "SPFレコードに include:%s は直接書かれていませんが、%s の先で読み込まれているため、%s のサーバーは許可されています。",
		},
		"doctor.pass.ok.broken": {
			EN: "Mail sent from a server of %s (%s) passes SPF authentication (pass): receivers stop at its include, before the broken part. But the SPF record as a whole is an error (permerror): the shop's other mail (from the rental server and other services) fails SPF authentication until it is corrected as above.",
			JA: "%s のサーバー(%s)から送ったメールは SPF 認証に成功します(pass)。受信サーバーは問題の箇所より前の include で判定を終えるためです。ただし、SPFレコード全体はエラー(permerror)なので、ショップのほかのメール(レンタルサーバやほかのサービスから送るメール)は、上記のとおり直すまで SPF 認証に失敗します。",
		},
		"doctor.verdict.broken.platform-passes": {
			EN: "Mail sent by %s passes SPF authentication, but the shop's other mail fails until the record is corrected.",
			JA: "%s から送るメールは SPF 認証に成功しますが、ショップのほかのメールは、レコードを直すまで SPF 認証に失敗します。",
		},
		"doctor.spf.split": {
			EN: "\"%s\" has a space around its \":\" (or \"=\"), so it is read as two broken terms and the whole SPF record fails (permerror).",
			JA: "「%s」の「:」(または「=」)の前後に空白が入っているため、2 つの誤った項目として読まれ、SPFレコード全体がエラー(permerror)になっています。",
		},
		"doctor.spf.split.next": {
			EN: "Remove the space: write \"%[2]s\" instead of \"%[1]s\".",
			JA: "空白を削除して、「%[1]s」を「%[2]s」と書いてください。",
		},
		// The follow-up hints, starting with the program as it was run
		// (./spfpatch, .\\spfpatch.exe), as doctor's commands do.
		"plan.saved.prog": {
			EN: "Saved the plan to %s. Apply exactly this with: %s apply %s",
			JA: "プランを %s に保存しました。この内容のとおりに適用するには %s apply %s を実行してください。",
		},
		"apply.journal.prog": {
			EN: "Journal: %s\nUndo with: %s rollback %s",
			JA: "ジャーナル: %s\n元に戻すには: %s rollback %s",
		},
		"rollback.journal.prog": {
			EN: "Journal of this rollback: %s\nUndo the rollback with: %s rollback %s",
			JA: "この rollback のジャーナル: %s\nrollback を取り消すには: %s rollback %s",
		},
		"doctor.spf.mangled.beside": {
			EN: "Beside the SPF record there is a TXT record that is an SPF record stored wrongly: %s. Receivers ignore it today, but once corrected it would be a second SPF record, and two make SPF authentication fail (permerror). spfpatch apply does not write at this domain while it is there.",
			JA: "SPFレコードとは別に、書き方を誤って登録された SPFレコードの TXT レコードがあります: %s。今は受信サーバーに無視されていますが、直すと SPFレコードが 2 つになり、SPF 認証がエラー(permerror)になります。このレコードがある間、spfpatch apply はこのドメインに書き込みません。",
		},
		"doctor.spf.mangled.beside.next": {
			EN: "Delete that TXT record at your DNS host (not the one that starts with v=spf1). If the servers it lists (%s) also send the shop's mail, add those terms to the SPF record instead of keeping a second record.",
			JA: "DNS の管理画面でその TXT レコードを削除してください(「v=spf1」で始まる TXT レコードは残します)。そこに書かれたサーバー(%s)からもショップのメールを送っている場合は、2 つ目のレコードとして残さず、その内容を SPFレコードに追記してください。",
		},
		"plan.char.full-width-space": {EN: "[full-width space]", JA: "[全角スペース]"},
		"plan.char.special-space":    {EN: "[special space]", JA: "[特殊な空白]"},
		"plan.char.invisible":        {EN: "[invisible character]", JA: "[見えない文字]"},
		"plan.mangled.no-space": {
			EN: "there is no space after v=spf1: put one half-width space after it.",
			JA: "「v=spf1」の後ろに半角スペースがありません。「v=spf1」の後ろに半角スペースを入れてください。",
		},
		"doctor.spf.nospace": {
			EN: "The record %s has no space after v=spf1, so receivers do not see it as an SPF record at all.",
			JA: "レコード「%s」は「v=spf1」の後ろに半角スペースがないため、受信サーバーは SPFレコードとして扱いません。",
		},
		"doctor.spf.nospace.next": {
			EN: "Put one half-width space after v=spf1.",
			JA: "「v=spf1」の後ろに半角スペースを 1 つ入れてください。",
		},
	})
}
