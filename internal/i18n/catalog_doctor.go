package i18n

// Messages of `spfpatch doctor`, in the help article's words (see
// glossary.go): SPFレコード, 追記, DNSレコード設定, 送信元メールアドレス,
// SPF 認証に成功/失敗, 未達; the platform by its name (カートS), the
// article's own headings for the situations.
func init() {
	register(map[string]msgs{
		"doctor.title": {
			EN: "Will mail from %s reach Gmail?",
			JA: "%s から送るメールが Gmail に届くかを確認します",
		},
		"doctor.idn": {
			EN: "%s (%s)",
			JA: "%s(%s)",
		},
		"doctor.list.sep": {
			EN: ", ",
			JA: "、",
		},
		"doctor.target.next": {
			EN: "Give the sender address you want to check (for example info@your-shop.example) or a domain name.",
			JA: "確認したい送信元メールアドレス(例: info@your-shop.example)かドメイン名を 1 つ指定してください。",
		},
		"doctor.verdict.bad-target": {
			EN: "Nothing was checked. Run spfpatch doctor again with a sender address or a domain name.",
			JA: "確認は行っていません。送信元メールアドレスかドメイン名を指定して、spfpatch doctor をもう一度実行してください。",
		},
		"doctor.domain.ok": {
			EN: "The sender domain %s is your own domain (not free mail).",
			JA: "送信元メールアドレスのドメイン %s は独自ドメインです(フリーメールではありません)。",
		},
		"doctor.freemail": {
			EN: "%[1]s is a free-mail domain: its SPF record is managed by the company running the mail service, so the servers of %[2]s cannot be added to it, and mail sent by %[2]s from this address often does not reach Gmail.",
			JA: "%[1]s はフリーメールのドメインです。SPFレコードはメールサービスの運営会社が管理しているため、%[2]s の送信サーバーを追加できません。このアドレスを送信元にしたままでは、%[2]s から送るメールが Gmail で未達になりやすくなります。",
		},
		"doctor.freemail.next": {
			EN: "In the %[1]s admin screen (%[2]s), register an address at your own domain as the sender address (\"メール送信用\")%[3]s. Then run spfpatch doctor with that address.",
			JA: "%[1]sの「%[2]s」で、送信用メールアドレスの「メール送信用」に独自ドメインのメールアドレスを登録してください%[3]s。その後、そのアドレスで spfpatch doctor を実行してください。",
		},
		"doctor.freemail.next.generic": {
			EN: "Send the shop's mail from an address at your own domain (for example info@your-shop.example): set it as the sender address in the shop's admin screen, then run spfpatch doctor with that address.",
			JA: "ショップの管理画面で、送信元メールアドレスを独自ドメインのメールアドレス(例: info@your-shop.example)に変更してください。その後、そのアドレスで spfpatch doctor を実行してください。",
		},
		"doctor.cname": {
			EN: "%s is an alias (CNAME) of %s: receivers use the SPF record of %[2]s, so that is where it is set.",
			JA: "%s は %s の別名(CNAME)です。受信サーバーは別名の先(%[2]s)の SPFレコードを見るため、設定するのは別名の先です。",
		},
		"doctor.cname.next": {
			EN: "Run doctor on %s (command below).",
			JA: "%s に対して doctor を実行してください(下記のコマンド)。",
		},
		"doctor.cname.next.unsafe": {
			EN: "The alias points to a name that is not a plain domain name: ask whoever manages the domain's DNS to check it.",
			JA: "別名の先が通常のドメイン名ではありません。ドメインの DNS を管理している方に確認してください。",
		},
		"doctor.nxdomain": {
			EN: "The domain %s was not found in DNS.",
			JA: "%s というドメインは DNS に見つかりません。",
		},
		"doctor.nxdomain.next": {
			EN: "Check the spelling of the domain name (a letter missing or swapped is the usual cause). If it is right, check at the company you registered the domain with that it has not expired.",
			JA: "ドメイン名の綴りを確認してください(1 文字抜けている、入れ替わっているなどがよくある原因です)。正しい場合は、ドメインを取得した会社の管理画面で、ドメインの期限が切れていないか確認してください。",
		},
		"doctor.dns.error.next": {
			EN: "Check the internet connection and run doctor again in a few minutes.",
			JA: "インターネット接続を確認し、数分後にもう一度実行してください。",
		},
		"doctor.verdict.dns": {
			EN: "The SPF record could not be read, so nothing else was checked. Check the internet connection, then run again in a few minutes: %s",
			JA: "SPFレコードを読み取れなかったため、ほかの確認は行っていません。インターネット接続を確認し、数分後に次のコマンドでもう一度実行してください: %s",
		},
		"doctor.spf.multiple": {
			EN: "%d SPF records are registered: %s. A domain may have only one, so none of them works: SPF authentication always fails (permerror).",
			JA: "SPFレコードが %d つ登録されています(%s)。SPFレコードは 1 つのドメインに 1 つしか置けないため、今はどれも無効になり、SPF 認証が必ず失敗します(エラー: permerror)。",
		},
		"doctor.spf.multiple.next": {
			EN: "Of the %d TXT records starting with \"v=spf1\", change one to the value below and delete the others. Leave the other TXT records (google-site-verification and the like) as they are.",
			JA: "「v=spf1」で始まる %d つの TXT レコードのうち 1 つを下記の値に書き換え、残りは削除してください。google-site-verification などほかの TXT レコードはそのまま残してください。",
		},
		"doctor.spf.multiple.next.manual": {
			EN: "Merge the %d records into one (one v=spf1, every server of each, one all at the end) and delete the rest; ask your rental server which values to keep.",
			JA: "%d つのSPFレコードを 1 つにまとめ(v=spf1 は 1 回、それぞれの記述をすべて並べ、最後に all を 1 つ)、残りは削除してください。残す記述はご利用中のレンタルサーバへご確認ください。",
		},
		"doctor.spf.quoted": {
			EN: "The SPF record is stored with its quotes (\"): %s. With the quotes, receivers do not see it as an SPF record at all.",
			JA: "SPFレコードが引用符(\")ごと登録されています: %s。引用符が付いていると、受信サーバーはSPFレコードとして扱いません。",
		},
		"doctor.spf.quoted.next": {
			EN: "Edit this TXT record and remove the \" at its start and end (most panels need no quotes). Do not add a new TXT record.",
			JA: "この TXT レコードを編集し、先頭と末尾の \" を削除してください(多くの管理画面では \" は不要です)。TXT レコードを新しく追加しないでください。",
		},
		"doctor.spf.quoted.next.manual": {
			EN: "Edit this TXT record: remove the \" at its start and end, and correct what else is wrong (spfpatch edit shows it offline).",
			JA: "この TXT レコードを編集し、先頭と末尾の \" を削除したうえで、ほかの誤りも直してください(spfpatch edit で確認できます)。",
		},
		"doctor.spf.none": {
			EN: "%s has no SPF record, so mail sent by %s gets no SPF pass and often does not reach Gmail.",
			JA: "%s には SPFレコードがありません。このままでは、%s から送るメールが SPF 認証に成功せず、Gmail で未達になりやすくなります。",
		},
		"doctor.spf.none.next": {
			EN: "Add one new TXT record with the value below; do not change the existing TXT records. If this domain also sends mail from a rental server (or another service), its servers must be in the record too: take the SPF value your rental server gives and add %[2]s to it instead (with the value of %[1]s alone, mail from the rental server fails SPF).",
			JA: "TXT レコードを 1 件新しく追加し、値に下記を入力してください(既存の TXT レコードは変更しないでください)。※ レンタルサーバなど、ほかのサーバーからもこのドメインでメールを送っている場合は、そのサーバーの記述も必要です。その場合は、ご利用中のレンタルサーバが案内している SPFレコードの値に %[2]s を追記した値を登録してください(%[1]s の記述だけでは、レンタルサーバから送るメールが SPF 認証に失敗します)。",
		},
		"doctor.spf.typo": {
			EN: "\"%s\" is misspelt (it should start with \"%s:\"). One misspelt term makes the whole SPF record fail (permerror).",
			JA: "「%s」は書き間違いです(正しくは「%s:」で始まります)。書き間違いが 1 つあると、SPFレコード全体がエラー(permerror)になります。",
		},
		"doctor.spf.typo.next": {
			EN: "Correct \"%s\" to start with \"%s:\".",
			JA: "「%s」を「%s:」で始まるように直してください。",
		},
		"doctor.spf.syntax": {
			EN: "The SPF record has an error, so the whole record fails (permerror): %s",
			JA: "SPFレコードに誤りがあるため、SPFレコード全体がエラー(permerror)になっています: %s",
		},
		"doctor.spf.syntax.next": {
			EN: "Correct that part of the record in the DNS panel, then run doctor again.",
			JA: "DNS の管理画面で、SPFレコードのその部分を直してください。その後もう一度 doctor を実行してください。",
		},
		"doctor.spf.syntax.more": {
			EN: "Once that is corrected, this is left to correct in the DNS panel: %s; then run doctor again.",
			JA: "それを直しても、次の誤りが残ります: %s。DNS の管理画面でその部分も直してから、もう一度 doctor を実行してください。",
		},
		"doctor.value.above": {
			EN: "The corrected value above fixes this too.",
			JA: "上の書き換え後の値には、この修正も含まれています。",
		},
		"doctor.include.missing": {
			EN: "The SPF record does not contain include:%s, so mail sent by %s fails SPF authentication and may not reach Gmail.",
			JA: "SPFレコードに include:%s が書かれていません。このままでは、%s から送るメールが SPF 認証に失敗し、Gmail で未達になることがあります。",
		},
		"doctor.include.missing.hardfail": {
			EN: "The SPF record does not contain include:%s, and it ends with -all: mail sent by %s fails SPF authentication and is being refused.",
			JA: "SPFレコードに include:%s が書かれていません。最後が「-all」のため、%s から送るメールは SPF 認証に失敗し、受信を拒否されています(未達)。",
		},
		"doctor.include.missing.next": {
			EN: "In the DNS panel, edit the TXT record that starts with \"v=spf1\" and change it to the value below (include:%s added before the all). Do not add a new TXT record (two SPF records are an error), and leave the other TXT records (google-site-verification and the like) as they are.",
			JA: "DNS の管理画面で「v=spf1」で始まる TXT レコードを編集し、値を下記に書き換えてください(include:%s を all の前に追記した値です)。TXT レコードを新しく追加しないでください(SPFレコードが 2 つになるとエラーになります)。google-site-verification などほかの TXT レコードはそのまま残してください。",
		},
		"doctor.include.after-all": {
			EN: "include:%s is written after \"%s\", so it has no effect (SPF ignores everything after all).",
			JA: "include:%s が「%s」より後ろに書かれているため、効いていません(SPF では all より後ろの記述は無視されます)。",
		},
		"doctor.include.after-all.next": {
			EN: "Move include:%s before \"%s\".",
			JA: "include:%s を「%s」の前に移動してください。",
		},
		"doctor.include.qualifier": {
			EN: "The include has the sign \"%s\" in front of it, so mail sent by %s does not pass SPF authentication (%s).",
			JA: "include の前に記号「%s」が付いているため、%s から送るメールが SPF 認証に成功しません(%s)。",
		},
		"doctor.include.qualifier.next": {
			EN: "Delete the \"%s\" of \"%s\" (write include:%s).",
			JA: "「%[2]s」の「%[1]s」を削除してください(include:%[3]s と書きます)。",
		},
		"doctor.include.missing.first": {
			EN: "Adding it now would take the record over the limit of 10 DNS lookups: first make room (see below), then run doctor again for the value to enter.",
			JA: "このまま追記すると DNS 参照回数が上限の 10 回を超えます。先に下記の [NG] の項目のとおり参照回数を減らし、その後もう一度 doctor を実行すると、登録する値を案内します。",
		},
		"doctor.include.ok": {
			EN: "include:%s is written in the right place (before all).",
			JA: "include:%s は正しい位置(all より前)に書かれています。",
		},
		"doctor.all.pass": {
			EN: "The record ends with \"%s\": any server in the world may send mail as this domain, so it gives no protection against forged mail.",
			JA: "SPFレコードの最後が「%s」のため、世界中のどのサーバーからでもこのドメインを名乗ってメールを送れてしまいます(なりすましメールを防げません)。",
		},
		"doctor.all.pass.next": {
			EN: "Change \"%s\" to \"~all\".",
			JA: "「%s」を「~all」に書き換えてください。",
		},
		"doctor.all.none": {
			EN: "The SPF record has no \"~all\" at its end, so it gives no protection against forged mail.",
			JA: "SPFレコードの最後に「~all」がないため、なりすましメールを防げません。",
		},
		"doctor.all.none.next": {
			EN: "Add \"~all\" at the end.",
			JA: "最後に「~all」を追記してください。",
		},
		"doctor.result.pass":      {EN: "pass: authentication succeeds", JA: "pass: 認証成功"},
		"doctor.result.fail":      {EN: "fail: authentication fails, the mail may be refused", JA: "fail: 認証失敗。受信を拒否されることがあります"},
		"doctor.result.softfail":  {EN: "softfail: treated as failed, the mail often goes to spam", JA: "softfail: 失敗扱い。迷惑メールになりやすくなります"},
		"doctor.result.neutral":   {EN: "neutral: no judgement", JA: "neutral: 判定なし"},
		"doctor.result.none":      {EN: "none: no SPF record", JA: "none: SPFレコードなし"},
		"doctor.result.permerror": {EN: "permerror: an error in the SPF record", JA: "permerror: SPFレコードの誤りによるエラー"},
		"doctor.result.temperror": {EN: "temperror: a DNS lookup failed", JA: "temperror: DNS の問い合わせに失敗"},
		"doctor.lookups.ok": {
			EN: "DNS lookups: %d (the limit is 10).",
			JA: "DNS 参照回数: %d 回(上限 10 回)。",
		},
		"doctor.lookups.after": {
			EN: "DNS lookups: %d now, %d with the corrected record (the limit is 10).",
			JA: "DNS 参照回数: 現在 %d 回 → 書き換え後 %d 回(上限 10 回)。",
		},
		"doctor.lookups.dns": {
			EN: "The DNS lookups could not all be counted: %s",
			JA: "DNS 参照回数を数えきれませんでした: %s",
		},
		"doctor.lookups.over.now": {
			EN: "The SPF record already needs %d DNS lookups, over the limit of 10: every receiver returns an error (permerror) for it. Costliest: %s.",
			JA: "このSPFレコードは現在すでに DNS 参照が %d 回必要で、上限の 10 回を超えています。このままでは、どの受信サーバーでも SPF 認証がエラー(permerror)になります。参照回数が多い記述: %s。",
		},
		"doctor.lookups.over.after": {
			EN: "With %s added, the record would need %d DNS lookups, over the limit of 10: SPF authentication would fail with an error (permerror). Costliest: %s.",
			JA: "%s を追記すると DNS 参照が %d 回になり、上限の 10 回を超えます(SPF 認証がエラー(permerror)になります)。参照回数が多い記述: %s。",
		},
		"doctor.lookups.over.next": {
			EN: "Delete the include of services you no longer use (a mail service you used before, for example), or ask each service how to need fewer SPF DNS lookups; then run doctor again to check.",
			JA: "使っていないサービス(例: 以前使っていたメール配信サービス)の include を削除するか、各サービスに「SPF の DNS 参照回数を減らす方法」を問い合わせてください。その後もう一度 doctor を実行して確認してください。",
		},
		"doctor.cost": {
			EN: "%s (%s)",
			JA: "%s(%s 回)",
		},
		"doctor.cost.service": {
			EN: "%s [%s] (%s)",
			JA: "%s[%s](%s 回)",
		},
		"doctor.include.broken": {
			EN: "The include target %s has no SPF record, so the whole SPF record fails (permerror).",
			JA: "include 先「%s」に SPFレコードがないため、SPFレコード全体がエラー(permerror)になっています。",
		},
		"doctor.include.broken.next": {
			EN: "If you use that service, ask it for the right value; if you do not, delete include:%s.",
			JA: "このサービスを使っている場合は、サービスの運営会社に正しい値を確認してください。使っていない場合は include:%s を削除します。",
		},
		"doctor.include.broken.next.ask": {
			EN: "Ask the company behind %s to publish its SPF record, or for the right value to include.",
			JA: "「%s」のサービスの運営会社に、SPFレコードの公開、または正しい include の値を確認してください。",
		},
		"doctor.spf.broken": {
			EN: "The SPF record does not work (SPF authentication fails with an error, permerror): %s",
			JA: "SPFレコードが正しく機能していません(SPF 認証がエラー(permerror)になります): %s",
		},
		"doctor.spf.broken.next": {
			EN: "Correct or delete the part named above, then run doctor again.",
			JA: "上に示した部分を直すか削除してから、もう一度 doctor を実行してください。",
		},
		"doctor.pass.ok": {
			EN: "Mail sent from a server of %s (%s) passes SPF authentication (pass).",
			JA: "%s のサーバー(%s)から送ったメールは SPF 認証に成功します(pass)。",
		},
		"doctor.pass.fail": {
			EN: "Mail sent from a server of %s (%s) does not pass SPF authentication: %s.",
			JA: "%s のサーバー(%s)から送ったメールは SPF 認証に成功しません(%s)。",
		},
		"doctor.pass.fail.next.above": {
			EN: "The steps above for the items marked [NG] fix this.",
			JA: "上の [NG] の項目の手順を行うと解消します。",
		},
		"doctor.pass.fail.next": {
			EN: "Check the SPF record for a term before include:%s that refuses the servers of %s (such as -ip4: with their addresses), and remove it.",
			JA: "SPFレコードの include:%s より前に、%s のサーバーを拒否する記述(そのアドレスを含む -ip4: など)がないか確認し、あれば削除してください。",
		},
		"doctor.pass.untested": {
			EN: "Could not test whether mail from %s passes: its SPF record lists no address to test with.",
			JA: "%s のSPFレコードに確認用のアドレスがないため、SPF 認証に成功するかを確認できませんでした。",
		},
		"doctor.pass.untested.next": {
			EN: "Send a test order mail to a Gmail address and check \"SPF: PASS\" under \"Show original\".",
			JA: "Gmail のアドレスにテストの注文メールを送り、「メッセージのソースを表示」で「SPF: PASS」となっているか確認してください。",
		},
		"doctor.dmarc.none": {
			EN: "%s has no DMARC record. Gmail requires one from senders of 5,000 or more mails a day to Gmail, and recommends it to everyone.",
			JA: "%s には DMARC レコードがありません。1 日 5,000 通以上 Gmail 宛てに送る送信者には DMARC が必須です(それ以下でも設定をおすすめします)。",
		},
		"doctor.dmarc.none.next": {
			EN: "Add one new TXT record at %s with the value below (p=none changes nothing for your mail). To receive reports, add rua=mailto: with an address that really receives mail.",
			JA: "%s に TXT レコードを 1 件新しく追加し、値に下記を入力してください(p=none はメールの扱いを変えません)。レポートを受け取る場合は、実際に受信できるアドレスを rua=mailto: で追記してください。",
		},
		"doctor.dmarc.invalid": {
			EN: "The DMARC record at %s has no valid policy (p=none / p=quarantine / p=reject): %s",
			JA: "%s の DMARC レコードに有効なポリシー(p=none / p=quarantine / p=reject)がありません: %s",
		},
		"doctor.dmarc.invalid.next": {
			EN: "Edit the existing DMARC record at %s and change it to the value below (do not add a second one).",
			JA: "%s の既存の DMARC レコードを、下記の値に書き換えてください(DMARC レコードを新しく追加しないでください)。",
		},
		"doctor.dmarc.ok": {
			EN: "DMARC record found at %s: policy %s.",
			JA: "%s に DMARC レコードがあります(ポリシー: %s)。",
		},
		"doctor.mx.none": {
			EN: "%s has no MX record: replies and bounce messages cannot reach the shop, and some receivers distrust such senders.",
			JA: "%s には MX レコードがありません。返信やエラー通知がショップに届かず、このような送信元を信用しない受信サーバーもあります。",
		},
		"doctor.mx.none.next": {
			EN: "Ask your rental server which MX records to set for your domain.",
			JA: "独自ドメインに設定する MX レコードを、ご利用中のレンタルサーバへご確認ください。",
		},
		"doctor.mx.ok": {
			EN: "%s has %d MX record(s): replies and bounces can reach the shop.",
			JA: "%s には MX レコードが %d 件あります。返信やエラー通知はショップに届きます。",
		},
		"doctor.host": {
			EN: "This domain's DNS is managed at %s. Where to edit the records: %s.",
			JA: "このドメインの DNS は%sで管理されています。DNS レコードの設定画面: %s。",
		},
		"doctor.host.help": {
			EN: "Help for TXT records: %s",
			JA: "TXT レコードの設定方法: %s",
		},
		"doctor.host.manual": {
			EN: "spfpatch does not support this DNS service's API, so enter the value yourself in its panel (spfpatch's --provider manual shows it and checks it).",
			JA: "spfpatch はこの DNS サービスの API に対応していないため、値はご自身で管理画面に入力してください(spfpatch では --provider manual を指定します)。",
		},
		"doctor.host.unknown": {
			EN: "The records are edited in the DNS panel of the company that manages this domain's DNS (often called \"DNS record settings\" at the registrar or the rental server).",
			JA: "DNS レコードは、このドメインの DNS を管理している会社の管理画面(ドメインを取得した会社やレンタルサーバの「DNSレコード設定」など)で設定します。",
		},
		"doctor.host.unknown.ns": {
			EN: "The records are edited in the DNS panel of the company that runs these nameservers: %s (often called \"DNS record settings\" at the registrar or the rental server).",
			JA: "DNS レコードは、次のネームサーバーを運用している会社の管理画面(ドメインを取得した会社やレンタルサーバの「DNSレコード設定」など)で設定します: %s。",
		},
		"doctor.command.manual": {
			EN: "After entering it, the command below waits until DNS serves the new value and checks it (it changes nothing itself).",
			JA: "入力した後、下記のコマンドを実行すると、反映されるまで待って確認します(spfpatch は何も書き換えません)。",
		},
		"doctor.command.api": {
			EN: "spfpatch can also make this change through the %s API with the command below (it shows the change and asks before writing).",
			JA: "下記のコマンドで、%s の API から自動で書き換えることもできます(書き換える前に内容を表示し、確認します)。",
		},
		"doctor.propagation.usual": {
			EN: "from a few tens of minutes up to about 72 hours",
			JA: "数十分〜最大 72 時間ほど",
		},
		"doctor.verdict.ok": {
			EN: "Mail sent by %s should pass SPF authentication at Gmail.",
			JA: "%s から送るメールは、Gmail で SPF 認証に成功するはずです。",
		},
		"doctor.verdict.advice": {
			EN: "The steps marked -> on the items marked [!] are recommended as well.",
			JA: "[!] の項目の手順(->)も行うことをおすすめします。",
		},
		"doctor.verdict.unverified": {
			EN: "No problem was found, but whether the platform's mail passes could not be tested: follow the step marked [!].",
			JA: "問題は見つかりませんでしたが、SPF 認証に成功するかは確認できませんでした。[!] の項目の手順で確認してください。",
		},
		"doctor.verdict.propagation": {
			EN: "A change in DNS takes %s to show everywhere.",
			JA: "DNS の変更が反映されるまで、%sかかることがあります。",
		},
		"doctor.verdict.action": {
			EN: "Do the steps (->) of the items marked [NG]; once the change shows, check again with: %s",
			JA: "[NG] の項目の手順(->)を行い、変更が反映されてから、次のコマンドでもう一度確認してください: %s",
		},
		"doctor.verdict.recheck": {
			EN: "Do the steps (->) of the items marked [NG], then check again with: %s",
			JA: "[NG] の項目の手順(->)を行ってから、次のコマンドでもう一度確認してください: %s",
		},
		"doctor.verdict.freemail": {
			EN: "Once the shop sends from an address at your own domain, run spfpatch doctor with that address.",
			JA: "送信元メールアドレスを独自ドメインのアドレスに変更したら、そのアドレスで spfpatch doctor を実行してください。",
		},
		"doctor.article": {
			EN: "the help article %s \"%s\"",
			JA: "ヘルプ記事 %s「%s」",
		},
		"situation.already-authorised.article": {
			EN: "As in %s, section \"%s\": the SPF record is set already, and no more work is needed on your side.",
			JA: "%sの「%s」と同じく、SPFレコードは設定済みです。ショップ様側での追加の作業は不要です。",
		},
		"situation.already-authorised": {
			EN: "The SPF record is set already; no more work is needed.",
			JA: "SPFレコードは設定済みです。追加の作業は不要です。",
		},
		"situation.needs-include.article": {
			EN: "This is the case of %s, section \"%s\": add %s to the SPF record.",
			JA: "%sの「%s」に当たります。SPFレコードに %s を追記してください。",
		},
		"situation.needs-include": {
			EN: "Add %s to the SPF record.",
			JA: "SPFレコードに %s を追記してください。",
		},
		"situation.no-spf-record.article": {
			EN: "The domain has no SPF record at all (the help article does not cover this case): as in its section \"%s\", register an SPF record that contains %s.",
			JA: "このドメインには SPFレコードがありません(ヘルプ記事にはない状況です)。記事の「%s」と同じく、%s を含むSPFレコードを登録してください。",
		},
		"situation.no-spf-record": {
			EN: "The domain has no SPF record: register one that contains %s.",
			JA: "このドメインには SPFレコードがありません。%s を含むSPFレコードを登録してください。",
		},
		"situation.free-mail.article": {
			EN: "This is the case of %s, section \"%s\".",
			JA: "%sの「%s」に当たります。",
		},
		"situation.free-mail": {
			EN: "The sender address is a free-mail address.",
			JA: "送信元メールアドレスがフリーメールのアドレスです。",
		},
		"situation.include-after-all": {
			EN: "%s is in the SPF record, but written after all, so it has no effect.",
			JA: "SPFレコードに %s は書かれていますが、all より後ろのため効いていません。",
		},
		"situation.include-qualifier": {
			EN: "%s is in the SPF record, but with a sign in front of it, so it has no effect.",
			JA: "SPFレコードに %s は書かれていますが、前に記号が付いているため効いていません。",
		},
		"situation.all-pass": {
			EN: "The SPF record ends with +all: anyone can send mail as this domain.",
			JA: "SPFレコードの最後が「+all」のため、誰でもこのドメインを名乗ってメールを送れる状態です。",
		},
		"situation.syntax-error": {
			EN: "The SPF record has a writing error, so the whole record fails (permerror).",
			JA: "SPFレコードに書き間違いがあるため、SPFレコード全体がエラー(permerror)になっています。",
		},
		"situation.full-width": {
			EN: "The SPF record contains full-width characters, so the whole record fails (permerror).",
			JA: "SPFレコードに全角文字が入っているため、SPFレコード全体がエラー(permerror)になっています。",
		},
		"situation.invisible-characters": {
			EN: "The SPF record contains invisible characters, so the whole record fails (permerror).",
			JA: "SPFレコードに見えない文字が入っているため、SPFレコード全体がエラー(permerror)になっています。",
		},
		"situation.quoted-record": {
			EN: "The SPF record is stored with its quotes, so receivers do not see it as an SPF record.",
			JA: "SPFレコードが引用符(\")ごと登録されているため、SPFレコードとして認識されていません。",
		},
		"situation.multiple-records": {
			EN: "Two or more SPF records are registered, so none of them works.",
			JA: "SPFレコードが 2 つ以上登録されているため、どれも無効になっています。",
		},
		"situation.over-limit": {
			EN: "The SPF record needs more than 10 DNS lookups, so SPF authentication fails with an error.",
			JA: "SPFレコードの DNS 参照回数が上限の 10 回を超えているため、SPF 認証がエラーになります。",
		},
		"situation.would-exceed-limit": {
			EN: "Adding the include would take the SPF record over 10 DNS lookups: make room first.",
			JA: "include を追記すると DNS 参照回数が上限の 10 回を超えるため、先に参照回数を減らす必要があります。",
		},
		"situation.broken-include": {
			EN: "Something the SPF record refers to is broken, so SPF authentication fails with an error (permerror).",
			JA: "SPFレコードが参照している先に問題があるため、SPF 認証がエラー(permerror)になっています。",
		},
		"situation.not-passing": {
			EN: "The platform's mail does not pass SPF authentication.",
			JA: "SPF 認証に成功していません。",
		},
		"situation.not-verified": {
			EN: "No problem found in the SPF record, but its effect could not be tested.",
			JA: "SPFレコードに問題は見つかりませんでしたが、効果を確認できませんでした。",
		},
		"situation.cname": {
			EN: "%s is an alias (CNAME): the SPF record is set at the name it points to.",
			JA: "%s は別名(CNAME)のため、SPFレコードは別名の先で設定します。",
		},
		"situation.nxdomain": {
			EN: "The domain %s does not exist in DNS: check the spelling.",
			JA: "%s というドメインは DNS に見つかりません。ドメイン名の綴りを確認してください。",
		},
		"situation.dns-error": {
			EN: "DNS could not be read.",
			JA: "DNS を読み取れませんでした。",
		},
		"situation.bad-target": {
			EN: "The target is not a sender address or a domain.",
			JA: "指定された値は送信元メールアドレスでもドメイン名でもありません。",
		},
		"doctor.char.quoted": {
			EN: "\"%s\"",
			JA: "「%s」",
		},

		// Text output labels.
		"doctor.label.next": {
			EN: "->",
			JA: "->",
		},
		"doctor.label.command": {
			EN: "command:",
			JA: "コマンド:",
		},
		"doctor.label.where": {
			EN: "at %s",
			JA: "%s の DNS レコード",
		},
		"doctor.label.edit.edit-spf":   {EN: "edit the TXT record that starts with \"v=spf1\":", JA: "「v=spf1」で始まる TXT レコードを編集:"},
		"doctor.label.edit.add":        {EN: "add one new TXT record:", JA: "TXT レコードを 1 件新しく追加:"},
		"doctor.label.edit.merge":      {EN: "change one SPF record to this value, delete the others:", JA: "SPFレコードの 1 つをこの値に書き換え、残りを削除:"},
		"doctor.label.edit.edit-dmarc": {EN: "edit the existing DMARC record:", JA: "既存の DMARC レコードを編集:"},
		"doctor.label.edit.add-dmarc":  {EN: "add one new TXT record:", JA: "TXT レコードを 1 件新しく追加:"},
		"doctor.field.host":            {EN: "host name", JA: "ホスト名"},
		"doctor.field.type":            {EN: "type", JA: "種別"},
		"doctor.field.value":           {EN: "value", JA: "値"},
		"doctor.field.apex": {
			EN: "%s (or leave it blank)",
			JA: "%s(または空欄)",
		},
		"doctor.cmd.flag.platform-name": {
			EN: "the platform's name as you know it `NAME` (default: known from the include, e.g. e-shops Cart S)",
			JA: "メール配信サービスの名前 `NAME`(既定値: include から判断。例: e-shopsカートS)",
		},
		"doctor.provider.unknown": {
			EN: "unknown provider %q; the providers are %s.",
			JA: "%q というプロバイダーはありません。使えるプロバイダー: %s。",
		},
		"doctor.provider.manual-host": {
			EN: "%s has no API that spfpatch can use: use --provider manual (spfpatch shows the value to enter in its panel and checks it).",
			JA: "%s には spfpatch から使える API がないため、--provider manual を指定してください(管理画面に入力する値を表示し、反映を確認します)。",
		},
		"cli.confirm.cancelled": {
			EN: "Cancelled: nothing was written.",
			JA: "取り消しました。何も書き込んでいません。",
		},
		"manual.hosts": {
			EN: "For DNS services set in a control panel (Onamae.com, Xserver, Sakura Internet, Muumuu Domain, Lolipop and the like), use --provider manual.",
			JA: "お名前.com・エックスサーバー・さくらインターネット・ムームードメイン・ロリポップ!など、管理画面で設定する DNS サービスは --provider manual を指定してください。",
		},
		// Second pass (issue 14 review): values checked against the
		// limits, the command only where it works, characters owners paste.
		"doctor.spf.one": {
			EN: "Exactly one SPF record is registered: %s",
			JA: "SPFレコードは 1 つだけ登録されています: %s",
		},
		"doctor.quote": {
			EN: "\"%s\"",
			JA: "「%s」",
		},
		"doctor.value.below": {
			EN: "Change the TXT record that starts with \"v=spf1\" to the value below.",
			JA: "「v=spf1」で始まる TXT レコードを、下記の値に書き換えてください。",
		},
		"doctor.value.over": {
			EN: "But the corrected value would need %d DNS lookups, over the limit of 10, so it cannot be entered as it is: first make room as the item marked [NG] below says.",
			JA: "ただし、直した後の値は DNS 参照回数が %d 回になり、上限の 10 回を超えるため、そのままでは登録できません。先に下記の [NG] の項目のとおり参照回数を減らしてください。",
		},
		"doctor.value.over.void": {
			EN: "But the corrected value would make %d void lookups (names that do not exist), over the limit of 2: first correct what the item marked [NG] below names.",
			JA: "ただし、直した後の値は結果のない参照(存在しない名前の参照)が %d 回になり、上限の 2 回を超えます。先に下記の [NG] の項目の部分を直してください。",
		},
		"doctor.value.over.above": {
			EN: "The corrected value is over the lookup limit: first make room as the item marked [NG] below says.",
			JA: "直した後の値は DNS 参照回数の上限を超えるため、先に下記の [NG] の項目のとおり参照回数を減らしてください。",
		},
		"doctor.spf.multiple.over": {
			EN: "The records have to be merged into one, but the merged value would need %d DNS lookups, over the limit of 10: first make room as the item marked [NG] below says, then run doctor again for the merged value.",
			JA: "SPFレコードを 1 つにまとめる必要がありますが、まとめた値は DNS 参照回数が %d 回になり、上限の 10 回を超えます。先に下記の [NG] の項目のとおり参照回数を減らし、その後もう一度 doctor を実行すると、まとめた値を案内します。",
		},
		"doctor.include.missing.next.noall": {
			EN: "In the DNS panel, edit the TXT record that starts with \"v=spf1\" and change it to the value below (include:%s added). Do not add a new TXT record (two SPF records are an error), and leave the other TXT records (google-site-verification and the like) as they are.",
			JA: "DNS の管理画面で「v=spf1」で始まる TXT レコードを編集し、値を下記に書き換えてください(include:%s を追記した値です)。TXT レコードを新しく追加しないでください(SPFレコードが 2 つになるとエラーになります)。google-site-verification などほかの TXT レコードはそのまま残してください。",
		},
		"doctor.lookups.over.fixed": {
			EN: "The corrected record would need %d DNS lookups, over the limit of 10: SPF authentication would fail with an error (permerror). Costliest: %s.",
			JA: "直した後の値は DNS 参照が %d 回必要で、上限の 10 回を超えます(このまま登録すると SPF 認証がエラー(permerror)になります)。参照回数が多い記述: %s。",
		},
		"doctor.lookups.over.next.value": {
			EN: "Delete the include of services you no longer use (a mail service you used before, for example), or ask each service how to need fewer SPF DNS lookups; then run doctor again for the value to enter.",
			JA: "使っていないサービス(例: 以前使っていたメール配信サービス)の include を削除するか、各サービスに「SPF の DNS 参照回数を減らす方法」を問い合わせてください。その後もう一度 doctor を実行すると、登録する値を案内します。",
		},
		"doctor.lookups.void": {
			EN: "The SPF record makes %d void lookups (names that do not exist or have no records), over the limit of 2, so SPF authentication fails with an error (permerror): %s.",
			JA: "SPFレコードに、結果のない参照(存在しない名前やレコードのない名前の参照)が %d 回あり、上限の 2 回を超えているため、SPF 認証がエラー(permerror)になります: %s。",
		},
		"doctor.lookups.void.next": {
			EN: "Delete the terms that refer to names that do not exist (named above), then run doctor again.",
			JA: "存在しない名前を参照している記述(上に示したもの)を削除してから、もう一度 doctor を実行してください。",
		},
		"doctor.command.recheck": {
			EN: "Once the value is entered, wait until the change shows (%s), then check with: %s",
			JA: "値を入力したら、反映されるまで(%s)待ってから、次のコマンドで確認してください: %s",
		},
		"doctor.spf.chars.permerror": {
			EN: "SPF records allow only half-width (ASCII) letters, digits and signs, so the whole record fails (permerror).",
			JA: "SPFレコードでは半角の英数字と記号しか使えないため、SPFレコード全体がエラー(permerror)になっています。",
		},
		"doctor.char.full-width": {
			EN: "It contains full-width (zenkaku) characters (%s).",
			JA: "全角文字(%s)が入っています。",
		},
		"doctor.char.ideographic-space": {
			EN: "It contains a full-width space.",
			JA: "全角スペースが入っています。",
		},
		"doctor.char.full-width-tilde": {
			EN: "It contains \"～\" (a full-width tilde).",
			JA: "「～」(全角のチルダ)が入っています。",
		},
		"doctor.char.wave-dash": {
			EN: "It contains \"〜\" (a wave dash).",
			JA: "「〜」(波ダッシュ)が入っています。",
		},
		"doctor.char.nbsp": {
			EN: "It contains an invisible space character (a no-break space).",
			JA: "見えない空白文字(ノーブレークスペース)が入っています。",
		},
		"doctor.char.space": {
			EN: "It contains a special space character that is not an ordinary space.",
			JA: "通常の半角スペースではない、特殊な空白文字が入っています。",
		},
		"doctor.char.zero-width": {
			EN: "It contains an invisible character (a zero-width space).",
			JA: "見えない文字(ゼロ幅スペース)が入っています。",
		},
		"doctor.char.bom": {
			EN: "It contains an invisible character (a byte order mark, U+FEFF).",
			JA: "見えない文字(バイトオーダーマーク)が入っています。",
		},
		"doctor.char.invisible": {
			EN: "It contains an invisible character (a zero-width joiner or the like).",
			JA: "見えない文字(ゼロ幅の制御文字)が入っています。",
		},
		"doctor.char.next.full-width": {
			EN: "Retype the full-width characters as half-width ones.",
			JA: "全角の文字は半角に直してください。",
		},
		"doctor.char.next.space": {
			EN: "Make every space an ordinary half-width space.",
			JA: "空白はすべて半角スペースに直してください。",
		},
		"doctor.char.next.invisible": {
			EN: "Delete the invisible characters.",
			JA: "見えない文字は削除してください。",
		},
		"doctor.char.next.full-width-tilde": {
			EN: "Write \"～\" (full-width tilde) as the half-width \"~\".",
			JA: "「～」(全角のチルダ)は半角の「~」に直してください。",
		},
		"doctor.char.next.wave-dash": {
			EN: "Write \"〜\" (wave dash) as the half-width \"~\".",
			JA: "「〜」(波ダッシュ)は半角の「~」に直してください。",
		},
		"doctor.char.next.paste": {
			EN: "Such characters cannot be seen on screen: clear the whole value in the panel, then paste the value below.",
			JA: "これらの文字は画面では見分けられないため、管理画面の入力欄の値をいったんすべて消してから、下記の値を貼り付けてください。",
		},
		"doctor.syntax.term": {
			EN: "the part \"%s\" (%s)",
			JA: "「%s」の部分(%s)",
		},
		"doctor.syntax.start": {
			EN: "its start, \"v=spf1\" (%s)",
			JA: "先頭の「v=spf1」の部分(%s)",
		},
		"doctor.syntax.unknown": {
			EN: "the record cannot be read",
			JA: "SPFレコードとして読み取れません",
		},
		"doctor.syntax.reason.other": {
			EN: "not valid in an SPF record",
			JA: "SPFレコードの書き方として正しくありません",
		},
		"doctor.freemail.login.gmail": {
			EN: " (your login ID may stay a Gmail address)",
			JA: "(ログインIDはGmailのままで大丈夫です)",
		},
		"doctor.freemail.login.other": {
			EN: " (your login ID may stay as it is)",
			JA: "(ログインIDは今のままで大丈夫です)",
		},
		"situation.free-mail.other.article": {
			EN: "The sender address is a free-mail address (%s): as in %s, section \"%s\", use an address at your own domain.",
			JA: "送信元メールアドレスがフリーメール(%s)のアドレスです。%sの「%s」と同じ対応をおすすめします。",
		},
		"doctor.verdict.cname": {
			EN: "Check %s with: %s",
			JA: "次のコマンドで %s を確認してください: %s",
		},
		"doctor.verdict.nxdomain.address": {
			EN: "Run spfpatch doctor again with the address spelt correctly.",
			JA: "綴りを直したアドレスで、もう一度 spfpatch doctor を実行してください。",
		},
		"doctor.verdict.nxdomain.domain": {
			EN: "Run spfpatch doctor again with the domain name spelt correctly.",
			JA: "綴りを直したドメイン名で、もう一度 spfpatch doctor を実行してください。",
		},
		"doctor.host.unverified": {
			EN: "(The screen's names may have changed.)",
			JA: "(画面の名前は変わっている場合があります)",
		},
		"doctor.host.help.overview": {
			EN: "About the panel (not a TXT how-to): %s",
			JA: "管理画面の説明ページ(TXT レコードの入力手順のページではありません): %s",
		},
		"doctor.dns.timeout": {
			EN: "The DNS server (%s) did not answer in time.",
			JA: "DNS サーバー(%s)から時間内に応答がありませんでした。",
		},
		"doctor.dns.timeout.noserver": {
			EN: "The DNS server did not answer in time.",
			JA: "DNS サーバーから時間内に応答がありませんでした。",
		},
		"doctor.dns.refused": {
			EN: "The DNS server (%s) refused the connection.",
			JA: "DNS サーバー(%s)に接続できませんでした(接続を拒否されました)。",
		},
		"doctor.dns.refused.noserver": {
			EN: "The DNS server refused the connection.",
			JA: "DNS サーバーに接続できませんでした(接続を拒否されました)。",
		},
		"doctor.dns.unreachable": {
			EN: "The DNS server (%s) cannot be reached: this computer may not be connected to the network.",
			JA: "DNS サーバー(%s)に接続できませんでした。このパソコンがネットワークにつながっていない可能性があります。",
		},
		"doctor.dns.unreachable.noserver": {
			EN: "The DNS server cannot be reached: this computer may not be connected to the network.",
			JA: "DNS サーバーに接続できませんでした。このパソコンがネットワークにつながっていない可能性があります。",
		},
		"doctor.dns.server": {
			EN: "The DNS server (%s) answered with an error.",
			JA: "DNS サーバー(%s)がエラーを返しました。",
		},
		"doctor.dns.server.noserver": {
			EN: "The DNS server answered with an error.",
			JA: "DNS サーバーがエラーを返しました。",
		},
		"doctor.dns.failed": {
			EN: "The DNS lookup through %s failed.",
			JA: "DNS サーバー(%s)への問い合わせに失敗しました。",
		},
		"doctor.dns.failed.noserver": {
			EN: "The DNS lookup failed.",
			JA: "DNS の問い合わせに失敗しました。",
		},
	})
}
