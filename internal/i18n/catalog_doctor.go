package i18n

// Messages of `spfpatch doctor` and the help article's three situations.
func init() {
	register(map[string]msgs{
		"doctor.title": {
			EN: "Will mail from %s reach Gmail?",
			JA: "%s からのメールは Gmail に届きますか?",
		},
		"doctor.target.bad": {
			EN: "%q is not a domain or an e-mail address: %v",
			JA: "%q はドメイン名でもメールアドレスでもありません: %v",
		},
		"doctor.domain.ok": {
			EN: "The sender domain %s is your own domain (not free mail).",
			JA: "送信元ドメイン %s は独自ドメインです(フリーメールではありません)。",
		},
		"doctor.freemail": {
			EN: "%s is a free-mail domain: its SPF record belongs to the mail provider, so it cannot authorise your shop's mail, and Gmail may reject order mail sent from the platform with this address.",
			JA: "%s はフリーメールのドメインです。SPF レコードはメール事業者のものなので、ショップのメールを許可できません。この差出人アドレスでプラットフォームから送った注文メールは Gmail に拒否されることがあります。",
		},
		"doctor.freemail.next": {
			EN: "Send the shop's mail from an address at your own domain (for example info@your-shop.example): set it as the sender address in the shop's settings, then run spfpatch doctor with that address.",
			JA: "ショップのメールは独自ドメインのアドレス(例: info@your-shop.example)から送ってください。ショップ管理画面で差出人アドレスを変更し、そのアドレスで spfpatch doctor をもう一度実行してください。",
		},
		"doctor.cname": {
			EN: "%s is an alias (CNAME) for %s: receivers use the SPF record at %s, so that is the one to fix.",
			JA: "%s は %s の別名(CNAME)です。受信側は %s の SPF レコードを使うので、修正するのはそちらです。",
		},
		"doctor.cname.next": {
			EN: "Run doctor on %s.",
			JA: "%s に対して doctor を実行してください。",
		},
		"doctor.dns.error": {
			EN: "A DNS lookup failed: %v. Try again in a few minutes, or check the network and --nameserver.",
			JA: "DNS の問い合わせに失敗しました: %v。数分後にもう一度試すか、ネットワークと --nameserver を確認してください。",
		},
		"doctor.spf.none": {
			EN: "%s has no SPF record, so receivers cannot tell which servers may send its mail.",
			JA: "%s には SPF レコードがありません。受信側はどのサーバーがこのドメインのメールを送ってよいか判断できません。",
		},
		"doctor.spf.none.next": {
			EN: "Add a TXT record at %s with the value below (in your DNS host's control panel, or with the command below).",
			JA: "%s に下記の値の TXT レコードを追加してください(DNS ホスティングの管理画面で設定するか、下記のコマンドを実行します)。",
		},
		"doctor.spf.multiple": {
			EN: "%s publishes %d SPF records (%s); receivers treat that as a permanent error and SPF fails for all mail.",
			JA: "%s には SPF レコードが %d 個あります(%s)。受信側はこれを恒久的なエラーとみなし、すべてのメールで SPF が失敗します。",
		},
		"doctor.spf.multiple.next": {
			EN: "Merge them into one record (one v=spf1 with all the terms, one all at the end) and delete the others at your DNS host, then run doctor again.",
			JA: "1 つのレコードにまとめてください(v=spf1 は 1 回、必要な項目をすべて並べ、最後に all を 1 つ)。残りは DNS ホスティングで削除し、もう一度 doctor を実行してください。",
		},
		"doctor.spf.syntax": {
			EN: "The SPF record of %s is invalid: %v",
			JA: "%s の SPF レコードに誤りがあります: %v",
		},
		"doctor.spf.syntax.next": {
			EN: "Correct that term at your DNS host (spfpatch edit 'RECORD' shows the problem offline), then run doctor again.",
			JA: "DNS ホスティングでその部分を修正してください(spfpatch edit 'レコード' でオフラインで確認できます)。その後もう一度 doctor を実行してください。",
		},
		"doctor.spf.broken": {
			EN: "The SPF record does not work: %s",
			JA: "SPF レコードが正しく機能していません: %s",
		},
		"doctor.spf.ok": {
			EN: "%s has one valid SPF record: %q",
			JA: "%s には正しい SPF レコードが 1 つあります: %q",
		},
		"doctor.include.missing": {
			EN: "The record does not authorise %s, so order mail sent by the shop platform fails SPF and Gmail may reject it.",
			JA: "このレコードは %s を許可していません。そのため、ショッププラットフォームから送信する注文メールは SPF に失敗し、Gmail に拒否されることがあります。",
		},
		"doctor.include.missing.next": {
			EN: "Change the TXT record at %s to the value below: spfpatch can do it through your DNS provider (command below), or paste it in your DNS host's control panel.",
			JA: "%s の TXT レコードを下記の値に変更してください。DNS 事業者の API があれば spfpatch が変更できます(下記のコマンド)。なければ DNS ホスティングの管理画面に貼り付けてください。",
		},
		"doctor.include.missing.first": {
			EN: "Adding it now would take the record over the lookup limit: first make room (see below), then run doctor again for the value to use.",
			JA: "このまま追加すると DNS 参照回数の上限を超えます。まず下記のとおり参照回数を減らし、その後もう一度 doctor を実行して設定する値を確認してください。",
		},
		"doctor.include.ok": {
			EN: "The record authorises %s.",
			JA: "このレコードは %s を許可しています。",
		},
		"doctor.lint.include-not-pass": {
			EN: "%q has a qualifier, so the platform's mail does not pass.",
			JA: "%q に限定子が付いているため、プラットフォームのメールは SPF に合格しません。",
		},
		"doctor.lint.include-not-pass.next": {
			EN: "Remove the -, ~ or ? in front of the include at your DNS host.",
			JA: "DNS ホスティングで include の前の -、~、? を削除してください。",
		},
		"doctor.lint.all-pass": {
			EN: "%q lets every server on the internet send mail as your domain.",
			JA: "%q はインターネット上のすべてのサーバーにあなたのドメインとしての送信を許可してしまいます。",
		},
		"doctor.lint.all-pass.next": {
			EN: "Replace it with ~all.",
			JA: "~all に置き換えてください。",
		},
		"doctor.lookups.ok": {
			EN: "It uses %d of 10 DNS lookups (%d to spare).",
			JA: "DNS 参照回数は 10 回中 %d 回です(残り %d 回)。",
		},
		"doctor.lookups.after": {
			EN: "It uses %d of 10 DNS lookups now and will use %d after the change (%d to spare).",
			JA: "DNS 参照回数は現在 10 回中 %d 回、変更後は %d 回になります(残り %d 回)。",
		},
		"doctor.lookups.over": {
			EN: "With the platform's include the record would need %d DNS lookups, over the limit of 10: every receiver would reject it. Costliest: %s.",
			JA: "プラットフォームの include を加えると DNS 参照が %d 回になり、上限の 10 回を超えます。すべての受信側でエラーになります。参照回数が多い項目: %s。",
		},
		"doctor.lookups.over.next": {
			EN: "Remove includes of services you no longer use, or ask your mail provider for a flatter record; then run doctor again.",
			JA: "使っていないサービスの include を削除するか、メール事業者に参照回数の少ないレコードを確認してください。その後もう一度 doctor を実行してください。",
		},
		"doctor.pass": {
			EN: "Mail from the platform (%s, server %s) gets SPF %s for %s.",
			JA: "プラットフォーム(%s、サーバー %s)からのメールの SPF 判定は %s です(差出人 %s)。",
		},
		"doctor.dmarc.none": {
			EN: "%s has no DMARC record. Gmail asks bulk senders for one; start with a policy that changes nothing and sends you reports.",
			JA: "%s には DMARC レコードがありません。Gmail は大量送信者に DMARC を求めています。まずは何も変えずにレポートだけ受け取る設定から始めましょう。",
		},
		"doctor.dmarc.none.next": {
			EN: "Add a TXT record at %s with the value below (change the reporting address if you like).",
			JA: "%s に下記の値の TXT レコードを追加してください(レポートの宛先は変更してかまいません)。",
		},
		"doctor.dmarc.invalid": {
			EN: "The DMARC record at %s has no valid policy (p=none, quarantine or reject): %q",
			JA: "%s の DMARC レコードに有効なポリシー(p=none、quarantine、reject)がありません: %q",
		},
		"doctor.dmarc.ok": {
			EN: "DMARC record found at %s: policy %s.",
			JA: "%s に DMARC レコードがあります: ポリシー %s。",
		},
		"doctor.mx.none": {
			EN: "%s has no MX record: replies and bounce messages cannot reach the shop, and some receivers distrust such senders.",
			JA: "%s には MX レコードがありません。返信やエラー通知がショップに届かず、このような送信元を信用しない受信側もあります。",
		},
		"doctor.mx.none.next": {
			EN: "Ask your mail host which MX records to add for your domain.",
			JA: "独自ドメインに設定する MX レコードをメールサービスの提供元に確認してください。",
		},
		"doctor.mx.ok": {
			EN: "%s has %d MX record(s): replies and bounces can reach the shop.",
			JA: "%s には MX レコードが %d 個あります。返信やエラー通知はショップに届きます。",
		},
		"doctor.verdict.ok": {
			EN: "Mail from your shop should pass SPF at Gmail.",
			JA: "ショップのメールは Gmail で SPF に合格するはずです。",
		},
		"doctor.verdict.dns": {
			EN: "The SPF record could not be read, so nothing else was checked. Try again in a few minutes, or check the network and --nameserver, then run spfpatch doctor %s again.",
			JA: "SPF レコードを読み取れなかったため、ほかの確認はしていません。数分後にもう一度試すか、ネットワークと --nameserver を確認してから、spfpatch doctor %s をもう一度実行してください。",
		},
		"doctor.verdict.fix-marked": {
			EN: "Fix what is marked [NG] above, then run spfpatch doctor %s again.",
			JA: "上の [NG] の項目を直してから、spfpatch doctor %s をもう一度実行してください。",
		},
		"doctor.verdict.advice": {
			EN: "The steps marked -> above are recommended as well.",
			JA: "上の -> の手順も行うことをおすすめします。",
		},
		"doctor.verdict.action": {
			EN: "Do the steps marked -> above, then run spfpatch doctor %s again.",
			JA: "上の -> の手順を行ってから、spfpatch doctor %s をもう一度実行してください。",
		},
		"doctor.label.next": {
			EN: "->",
			JA: "->",
		},
		"doctor.label.command": {
			EN: "command:",
			JA: "コマンド:",
		},
		"doctor.label.value": {
			EN: "TXT value at %s:",
			JA: "%s の TXT の値:",
		},
		"situation.already-authorised": {
			EN: "Situation 1 of the help article: the record is already right.",
			JA: "ヘルプ記事のケース 1: レコードはすでに正しく設定されています。",
		},
		"situation.needs-include": {
			EN: "Situation 2 of the help article: your domain's DNS is managed elsewhere and its SPF record needs the platform's include.",
			JA: "ヘルプ記事のケース 2: ドメインの DNS は他社で管理されており、SPF レコードにプラットフォームの include を追加する必要があります。",
		},
		"situation.no-spf-record": {
			EN: "Situation 3 of the help article: the domain has no SPF record at all.",
			JA: "ヘルプ記事のケース 3: ドメインに SPF レコードがまったくありません。",
		},
		"situation.free-mail": {
			EN: "The sender address is at a free-mail provider.",
			JA: "差出人アドレスがフリーメールです。",
		},
	})
}
