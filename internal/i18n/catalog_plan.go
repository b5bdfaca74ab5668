package i18n

// Messages of package plan (targets, planning, applying, rolling back,
// saved plans, journals, waiting, the text rendering of a plan) and of the
// plan, apply and rollback commands. The English texts are the ones
// spfpatch printed before it spoke Japanese; scripts should use the codes in
// the JSON output, never these texts.
func init() {
	register(map[string]msgs{
		// Targets (plan.ParseTarget).
		"target.empty": {
			EN: "invalid target: empty; give a domain such as shop.example.com or an address such as info@shop.example.com",
			JA: "対象が空です。shop.example.com のようなドメイン名か、info@shop.example.com のようなメールアドレスを指定してください。",
		},
		"target.address": {
			EN: "invalid target %q: an address needs a name before and a domain after the @",
			JA: "%q は正しいメールアドレスではありません。@ の前に名前、@ の後ろにドメイン名が必要です。",
		},
		"target.space": {
			EN: "invalid target %q: it contains a space; give one domain (or address) per argument or line",
			JA: "対象 %q は使えません: スペースが含まれています。ドメイン(またはアドレス)は引数や行ごとに 1 つずつ指定してください",
		},
		"target.label": {
			EN: "invalid target %q: a part between dots is empty or longer than 63 characters",
			JA: "対象 %q は使えません: ドットとドットの間が空か、63 文字を超えています",
		},
		"target.url": {
			EN: "invalid target %q: give only the domain (shop.example.com), not a URL",
			JA: "%q は指定できません。URL ではなく、ドメイン名だけ(例: shop.example.com)を指定してください。",
		},
		"target.idna": {
			EN: "invalid target %q: %v",
			JA: "%q は正しいドメイン名ではありません: %v",
		},
		"target.no-dot": {
			EN: "invalid target %q: a domain has at least one dot, e.g. shop.example.com",
			JA: "%q は正しいドメイン名ではありません。ドメイン名にはドット(.)が少なくとも 1 つ入ります(例: shop.example.com)。",
		},
		"target.free-mail": {
			EN: "free-mail domain %s: its SPF record belongs to the mail provider and cannot be changed by you; " +
				"send the shop's mail from an address at the shop's own domain (e.g. info@your-shop.example) and run spfpatch on that domain",
			JA: "%s はフリーメールのドメインです。SPFレコードはメールサービスのもので、ご自身では変更できません。" +
				"ショップのメールは独自ドメインのアドレス(例: info@your-shop.example)から送信し、そのドメインに対して spfpatch を実行してください。",
		},

		// Planning (plan.Build).
		"plan.interrupted": {
			EN: "%s: not planned: the run was interrupted",
			JA: "%s: 実行が中断されたため、確認していません。",
		},
		"plan.no-zone": {
			EN: "%s: cannot find the DNS zone that holds it: %s; give it with --zone",
			JA: "%s: このドメインを含む DNS ゾーンが見つかりません(%s)。--zone でゾーンを指定してください。",
		},
		"plan.zone.not-containing": {
			EN: "--zone %s does not contain %s",
			JA: "--zone %s に %s は含まれていません",
		},
		"plan.zone.list-failed": {
			EN: "listing the provider's zones: %v",
			JA: "プロバイダーのゾーン一覧を取得できませんでした: %v",
		},
		"plan.zone.none-contains": {
			EN: "none of the provider's %d zones contains it",
			JA: "プロバイダーにある %d 個のゾーンのどれにも含まれていません",
		},
		"plan.zone.no-soa": {
			EN: "no SOA record found and the provider cannot list zones",
			JA: "SOA レコードが見つからず、プロバイダーからゾーン一覧も取得できません",
		},
		"plan.read-failed": {
			EN: "%s: reading the TXT records through %s failed: %v",
			JA: "%s: %s から TXT レコードを読み取れませんでした: %v",
		},
		"plan.cname": {
			EN: "%s is a CNAME (alias) for %s: its SPF record is the one at %s; run spfpatch on %s instead",
			JA: "%s は %s の CNAME(別名)です。使われる SPFレコードは %s のものなので、代わりに %s に対して spfpatch を実行してください。",
		},
		"plan.wildcard": {
			EN: "%s has no records of its own; its TXT answer comes from the wildcard %s: " +
				"creating a record here would change what the wildcard answers for it; add the record at %s by hand if that is intended",
			JA: "%s には独自のレコードがなく、TXT の応答はワイルドカード %s から返されています。" +
				"ここにレコードを作ると、このドメインに対するワイルドカードの応答が変わってしまいます。それで問題なければ、%s のレコードを DNS の管理画面で手作業で追加してください。",
		},
		"plan.multiple-spf": {
			EN: "%s publishes %s. Receivers treat two SPF records as a permanent error (RFC 7208 §4.5); run spfpatch again after merging them",
			JA: "%s: %s。受信側は SPFレコードが 2 つ以上あるとエラー(permerror)とみなします(RFC 7208 §4.5)。まとめた後で、もう一度 spfpatch を実行してください。",
		},
		"plan.no-spf": {
			EN: "%s has no SPF record. Run again with --create to publish %q, or add that TXT record at your DNS host",
			JA: "%s には SPFレコードがありません。--create を付けてもう一度実行すると %q を登録します。DNS の管理画面でこの TXT レコードを追加してもかまいません。",
		},
		"plan.no-spf.no-include": {
			EN: "%s has no SPF record and there is no include to create one with; give --include NAME",
			JA: "%s には SPFレコードがなく、作成に使う include も指定されていません。--include NAME で指定してください。",
		},
		"plan.syntax": {
			EN: "%s: %s",
			JA: "%s: %s。",
		},
		"plan.syntax.current": {
			EN: "%s: the current SPF record %q is invalid: %s. Every receiver treats it as an error; fix that term at your DNS host first",
			JA: "%s: 現在の SPFレコード %q に誤りがあります: %s。どの受信側もこれをエラーとして扱います。まず DNS の管理画面でその部分を修正してください。",
		},
		"plan.duplicate": {
			EN: "%s: the same domain as %s, which is planned once",
			JA: "%s: %s と同じドメインのため、1 回だけ処理します",
		},
		"plan.already-over-limit": {
			EN: "%s: the record already needs %d DNS lookups, over the limit of %d, so every receiver rejects it (permerror) today. Costliest: %s. Remove an include you no longer use, or replace a/mx/include terms by ip4:/ip6: ranges, then run again",
			JA: "%s: このレコードはすでに DNS 参照が %d 回必要で、上限の %d 回を超えているため、現在どの受信側でも SPF がエラー(permerror)になっています。参照回数の多い項目: %s。使っていない include を削除するか、a / mx / include を ip4: / ip6: のアドレス範囲に置き換えてから、もう一度実行してください。",
		},
		"plan.include-ineffective": {
			EN: "%s: the record has %q, but it does not authorise the platform: an include after all is never evaluated, and one with -, ~ or ? does not pass. spfpatch does not reorder your terms on its own; set the record to %q at your DNS host (or with --remove-include and --include), then run again",
			JA: "%s: レコードに %q はありますが、メール配信サービスを許可できていません。all より後ろの include は評価されず、-、~、? の付いた include では SPF 認証に成功しません。spfpatch は項目の並びを勝手に変えません。DNS の管理画面でレコードを %q に設定してから(または --remove-include と --include を使って)、もう一度実行してください。",
		},
		"plan.over-limit": {
			EN: "%s: with this change the record needs %d DNS lookups, over the limit of %d, and every receiver would reject it (permerror). " +
				"Costliest: %s. Remove an include you no longer use, or replace a/mx/include terms by ip4:/ip6: ranges, then run again",
			JA: "%s: この変更を加えると DNS 参照が %d 回必要になり、上限の %d 回を超えるため、どの受信側でも SPF がエラー(permerror)になります。" +
				"参照回数の多い項目: %s。使っていない include を削除するか、a / mx / include を ip4: / ip6: のアドレス範囲に置き換えてから、もう一度実行してください。",
		},
		"plan.over-void-limit": {
			EN: "%s: the record would make %d void lookups (names that do not exist, or have no address of the sender's IP version), over the limit of %d; remove those terms, or list the servers with ip4: and ip6: instead: %s",
			JA: "%s: このレコードでは結果のない参照(void lookup: 存在しない名前や、送信元と同じ種類の IP アドレスがない名前の参照)が %d 回発生し、上限の %d 回を超えます。その項目を削除するか、代わりに ip4: と ip6: でサーバーを書いてください: %s",
		},
		"plan.permerror": {
			EN: "%s: the record would be invalid (permerror): %s",
			JA: "%s: 変更後のレコードは無効になります(permerror): %s",
		},
		"plan.temperror": {
			EN: "%s: cannot count the record's DNS lookups because a lookup failed: %s; check the network or --nameserver and run again",
			JA: "%s: DNS の問い合わせに失敗したため、レコードの DNS 参照回数を数えられません: %s。ネットワークまたは --nameserver を確認して、もう一度実行してください。",
		},

		"plan.problems.sep": {
			EN: "; ",
			JA: "。",
		},

		// Text rendering of a plan (plan.Render).
		"render.zone-provider": {
			EN: "(zone %s, provider %s)",
			JA: "(ゾーン %s、プロバイダー %s)",
		},
		"render.error": {
			EN: "error:",
			JA: "エラー:",
		},
		"render.warning": {
			EN: "warning:",
			JA: "警告:",
		},
		"render.already": {
			EN: "already authorises %s; nothing to change (lookups %d of %d)",
			JA: "すでに %s を許可しています。変更は不要です(DNS 参照 %d 回、上限 %d 回)",
		},
		"render.includes-asked": {
			EN: "the includes asked for",
			JA: "指定された include",
		},
		"render.lookups": {
			EN: "lookups %d -> %d of %d",
			JA: "DNS 参照 %d 回 -> %d 回(上限 %d 回)",
		},
		"render.rollback-remove": {
			EN: "the SPF record created by the apply is removed",
			JA: "apply で作成した SPFレコードを削除します",
		},
		"render.new-record": {
			EN: "new record, TTL %d; lookups %d of %d",
			JA: "新しいレコード、TTL %d 秒、DNS 参照 %d 回(上限 %d 回)",
		},
		"render.others-kept": {
			EN: "%d other TXT record(s) at this name kept as they are",
			JA: "この名前にあるほかの TXT レコード %d 件はそのまま残します",
		},
		"render.manual": {
			EN: "your DNS host has no API: in its control panel (\"DNS record settings\"), edit the TXT record of %s that starts with \"v=spf1\" and change its value to (do not add a second SPF record; leave the other TXT records as they are):",
			JA: "ご利用の DNS サービスには API がありません。DNS の管理画面(「DNSレコード設定」など)で、%s の「v=spf1」で始まる TXT レコードを編集し、値を次のとおりに書き換えてください(SPFレコードを新しく追加しないでください。ほかの TXT レコードはそのまま残してください):",
		},
		"render.manual.create": {
			EN: "your DNS host has no API: in its control panel (\"DNS record settings\"), add one new TXT record at %s with this value (change none of the existing TXT records):",
			JA: "ご利用の DNS サービスには API がありません。DNS の管理画面(「DNSレコード設定」など)で、%s に TXT レコードを 1 件新しく追加し、値に次のとおり入力してください(既存の TXT レコードは変更しないでください):",
		},
		"render.manual.fields": {
			EN: "(host name: @ or blank for the domain itself; type: TXT. The change takes from a few tens of minutes up to about 72 hours to show; apply --provider manual --wait watches for it.)",
			JA: "(ホスト名: ドメインそのものなら @ または空欄、種別: TXT。反映まで数十分〜最大 72 時間ほどかかることがあります。apply --provider manual --wait で反映を確認できます)",
		},
		"render.summary": {
			EN: "Plan: %d to create, %d to change, %d unchanged, %d failed.",
			JA: "プラン: 作成 %d 件、変更 %d 件、変更なし %d 件、失敗 %d 件。",
		},

		// Applying (plan.Apply).
		"apply.interrupted": {
			EN: "%s: not written: the run was interrupted before this name",
			JA: "%s: このドメインの処理を始める前に実行が中断されたため、書き込んでいません。",
		},
		"apply.reread-failed": {
			EN: "%s: re-reading the TXT records before writing failed: %v",
			JA: "%s: 書き込む前の TXT レコードの再確認に失敗しました: %v",
		},
		"apply.drift": {
			EN: "%s: the TXT records changed since the plan was made (drift), so nothing was written; run plan again.\n%s",
			JA: "%s: プランの作成後に TXT レコードが変更されたため(drift)、何も書き込んでいません。もう一度 plan を実行してください。\n%s",
		},
		"apply.no-journal": {
			EN: "no journal: refusing to write",
			JA: "ジャーナルがないため、書き込みを行いません",
		},
		"apply.journal-failed": {
			EN: "%s: cannot write the journal, so nothing was written: %s",
			JA: "%s: ジャーナルに記録できなかったため、何も書き込んでいません: %s",
		},
		"apply.cannot-delete": {
			EN: "provider %s cannot delete records; delete the TXT record %q at %s by hand",
			JA: "プロバイダー %s ではレコードを削除できません。TXT レコード %q を %s から手作業で削除してください",
		},
		"apply.readback-failed": {
			EN: "%s: reading the records back after the write failed: %v (write error: %s); check the name at your provider",
			JA: "%s: 書き込み後にレコードを読み直せませんでした: %v(書き込み時のエラー: %s)。プロバイダーの管理画面でこのドメインのレコードを確認してください。",
		},
		"apply.no-error": {
			EN: "none",
			JA: "なし",
		},
		"apply.error-but-written": {
			EN: "the provider reported an error (%s) but holds the new record",
			JA: "プロバイダーはエラー(%s)を返しましたが、新しいレコードは登録されています",
		},
		"apply.old-kept": {
			EN: "%s: the write failed and the old record is still in place: %s",
			JA: "%s: 書き込みに失敗しました。元のレコードはそのまま残っています: %s",
		},
		"apply.unknown": {
			EN: "%s: the write failed and the provider now holds neither exactly the old nor exactly the new TXT records (see below; the journal has both): %s\n%s",
			JA: "%s: 書き込みに失敗し、プロバイダーの TXT レコードは元の状態とも変更後の状態とも一致しません(下記を参照。ジャーナルに両方が記録されています): %s\n%s",
		},
		"plan.long-txt": {
			EN: "%s: the new record would be %d bytes, and the %s provider cannot write TXT values over 255 bytes safely; shorten the record (move senders into an include) or make the change in the provider's console",
			JA: "%s: 新しいレコードは %d バイトになりますが、%s プロバイダーは 255 バイトを超える TXT を安全に書き込めません。レコードを短くする(送信元を include にまとめる)か、プロバイダーの管理画面で変更してください",
		},
		"apply.mismatch": {
			EN: "%s: the provider accepted the write but holds something else:\n%s",
			JA: "%s: プロバイダーは書き込みを受け付けましたが、登録されている内容が異なります:\n%s",
		},
		"apply.journal-result-failed": {
			EN: "written, but recording it in the journal failed: %s",
			JA: "書き込みましたが、ジャーナルへの記録に失敗しました: %s",
		},
		"diff.expected": {
			EN: "      expected %s",
			JA: "      期待した内容: %s",
		},
		"diff.live": {
			EN: "      live now %s",
			JA: "      現在の内容:   %s",
		},
		"diff.ttl-only": {
			EN: "      (same texts; the TTLs differ)",
			JA: "      (内容は同じで、TTL だけが異なります)",
		},

		// Rolling back (plan.PlanRollback).
		"rollback.profile-unknown": {
			EN: "%s was written through profile %q, which the configuration does not define; run rollback with the same --config",
			JA: "%s はプロファイル %q を使って書き込まれましたが、設定ファイルにそのプロファイルがありません。apply のときと同じ --config を指定して rollback を実行してください。",
		},
		"rollback.other-provider": {
			EN: "%s was written through provider %s, not %s; run rollback with --provider %s",
			JA: "%s はプロバイダー %s で書き込まれました(%s ではありません)。--provider %s を指定して rollback を実行してください。",
		},
		"rollback.nothing-written": {
			EN: "nothing was written here (%s)",
			JA: "ここには何も書き込まれていません(%s)",
		},
		"rollback.read-failed": {
			EN: "%s: reading the TXT records failed: %v",
			JA: "%s: TXT レコードを読み取れませんでした: %v",
		},
		"rollback.already-restored": {
			EN: "already as before the change",
			JA: "すでに変更前の状態に戻っています",
		},
		"rollback.drift": {
			EN: "%s: the TXT records changed since this journal was written, so rollback will not touch them:\n%s",
			JA: "%s: このジャーナルが書かれた後に TXT レコードが変更されているため、rollback では変更しません:\n%s",
		},

		// Saved plans and journals.
		"saved.save-failed": {
			EN: "saving the plan: %v",
			JA: "プランを保存できませんでした: %v",
		},
		"saved.read-failed": {
			EN: "reading the saved plan: %v",
			JA: "保存したプランを読み込めませんでした: %v",
		},
		"saved.invalid": {
			EN: "saved plan %s is not valid: %v",
			JA: "保存したプラン %s の形式が正しくありません: %v",
		},
		"saved.version": {
			EN: "saved plan %s has format version %d; this spfpatch reads version %d: make the plan again",
			JA: "保存したプラン %s の形式はバージョン %d ですが、この spfpatch が読めるのはバージョン %d です。もう一度プランを作成してください。",
		},
		"saved.change-empty": {
			EN: "saved plan %s: change %d is empty",
			JA: "保存したプラン %s: %d 番目の変更が空です",
		},
		"saved.change-incomplete": {
			EN: "saved plan %s: change %d (%s) is incomplete",
			JA: "保存したプラン %s: %d 番目の変更(%s)の内容が不足しています",
		},
		"saved.unknown-action": {
			EN: "plan: unknown action %q",
			JA: "plan: %q という操作はありません",
		},
		"journal.no-home": {
			EN: "no home directory for the journal (give --journal FILE): %v",
			JA: "ジャーナルを置くホームディレクトリがありません(--journal FILE で指定してください): %v",
		},
		"journal.error": {
			EN: "journal: %v",
			JA: "ジャーナル: %v",
		},
		"journal.file-error": {
			EN: "journal %s: %v",
			JA: "ジャーナル %s: %v",
		},
		"journal.bad-line": {
			EN: "journal %s line %d: %v",
			JA: "ジャーナル %s の %d 行目を読み取れません: %v",
		},
		"journal.unknown-result": {
			EN: "journal %s line %d: result for unknown change %d",
			JA: "ジャーナル %s の %d 行目: 記録にない変更 %d の結果があります",
		},
		"journal.empty": {
			EN: "journal %s is empty",
			JA: "ジャーナル %s は空です",
		},

		// Waiting for the nameservers (plan.Wait, apply --wait).
		"wait.no-ns": {
			EN: "cannot find the nameservers of %s: %v",
			JA: "%s のネームサーバーが見つかりません: %v",
		},
		"wait.no-ns.empty": {
			EN: "cannot find the nameservers of %s",
			JA: "%s のネームサーバーが見つかりません",
		},
		"wait.progress": {
			EN: "  waiting for %s: %d of %d nameservers serve the new record",
			JA: "  %s の反映を待っています: 新しいレコードを返しているネームサーバーは %d 台です(全 %d 台)",
		},
		"wait.timeout": {
			EN: "time is up: %s; check again later with spfpatch doctor",
			JA: "時間切れです: %s。しばらくしてから spfpatch doctor で確認してください。",
		},

		// Flags and messages shared by plan, apply and rollback (cli_common.go).
		"cli.flag.provider": {
			EN: "DNS provider `NAME`: %s (see spfpatch providers)",
			JA: "DNS サービスの名前 `NAME`: %s(詳しくは spfpatch providers)",
		},
		"cli.flag.zone": {
			EN: "the `ZONE` that holds the targets (default: found by an SOA walk, or the provider's zone list)",
			JA: "対象を含むゾーン `ZONE`(省略時は SOA レコードをたどるか、プロバイダーのゾーン一覧から探します)",
		},
		"cli.flag.ttl": {
			EN: "TTL of a created record (an existing RRset keeps its TTL)",
			JA: "新しく作成するレコードの TTL(既存のレコードは今の TTL のままです)",
		},
		"cli.flag.domains-file": {
			EN: "`FILE` with one target a line (# comments)",
			JA: "対象を 1 行に 1 つずつ書いたファイル `FILE`(# 以降はコメント)",
		},
		"cli.flag.config": {
			EN: "agency config `FILE` (YAML): provider profiles, defaults and domains",
			JA: "代理店向けの設定ファイル `FILE`(YAML): プロバイダーのプロファイル、既定値、ドメイン一覧",
		},
		"cli.flag.parallel": {
			EN: "domains handled at once",
			JA: "同時に処理するドメインの数",
		},
		"cli.flag.report": {
			EN: "also write every domain's result as one JSON document to `FILE`",
			JA: "すべてのドメインの結果を 1 つの JSON ドキュメントとしてファイル `FILE` にも書き出します",
		},
		"cli.flag.auto-approve": {
			EN: "do not ask for confirmation",
			JA: "確認せずに実行します",
		},
		"cli.need-provider": {
			EN: "choose a DNS provider with --provider NAME (or SPFPATCH_PROVIDER): %s.\n" +
				"If your DNS host has no API (Onamae.com, Xserver, Sakura Internet, Muumuu Domain, Lolipop and the like), use --provider manual: spfpatch shows the value to paste in its control panel.",
			JA: "--provider NAME(または環境変数 SPFPATCH_PROVIDER)で DNS サービスを選んでください: %s。\n" +
				"お名前.com・エックスサーバー・さくらインターネット・ムームードメイン・ロリポップ!など、API のない DNS サービスは --provider manual を指定してください。管理画面に入力する値を spfpatch が表示します。",
		},
		"cli.unknown-provider": {
			EN: "unknown provider %q; the providers are %s. For DNS services set in a control panel (Onamae.com, Xserver, Sakura Internet, Muumuu Domain, Lolipop and the like), use --provider manual.",
			JA: "%q というプロバイダーはありません。使えるプロバイダー: %s。お名前.com・エックスサーバー・さくらインターネット・ムームードメイン・ロリポップ!など、管理画面で設定する DNS サービスは --provider manual を指定してください。",
		},
		"cli.profile.unknown-provider": {
			EN: "profile %s: unknown provider %q; the providers are %s",
			JA: "プロファイル %s: %q というプロバイダーはありません。使えるプロバイダー: %s",
		},
		"cli.profile.setting": {
			EN: "profile %s: setting %s: %v",
			JA: "プロファイル %s: 設定 %s: %v",
		},
		"cli.profile.error": {
			EN: "profile %s: %v",
			JA: "プロファイル %s: %v",
		},
		"cli.no-provider": {
			EN: "no provider: give --provider, or a profile in the config file",
			JA: "プロバイダーが指定されていません。--provider を指定するか、設定ファイルでプロファイルを指定してください",
		},
		"cli.profile.undefined": {
			EN: "profile %q is not defined",
			JA: "プロファイル %q は定義されていません",
		},
		"cli.need-target": {
			EN: "%s needs at least one TARGET: a domain (shop.example.com) or the shop's sender address (info@shop.example.com)",
			JA: "%s には TARGET を 1 つ以上指定してください: ドメイン名(shop.example.com)またはショップの送信元メールアドレス(info@shop.example.com)",
		},
		"cli.flag-after-targets": {
			EN: "%q looks like a flag after the targets: flags go before the targets (spfpatch %s [flags] TARGET...)",
			JA: "%q は対象の後ろに書かれたオプションのようです。オプションは対象より前に書いてください(spfpatch %s [オプション] TARGET...)",
		},
		"cli.confirm.no-terminal": {
			EN: "not asking for confirmation without a terminal: run with --auto-approve, or apply a saved plan (plan --out FILE, then apply --plan FILE)",
			JA: "端末から実行されていないため、確認を求められません。--auto-approve を付けて実行するか、保存したプランを適用してください(plan --out FILE の後に apply --plan FILE)。",
		},
		"cli.confirm.only-yes": {
			EN: "Only 'yes' will be accepted to approve.",
			JA: "実行するには yes または はい と入力してください(それ以外は取り消しになります)。",
		},
		"cli.confirm.enter": {
			EN: "Enter a value: ",
			JA: "入力してください: ",
		},

		// spfpatch plan.
		"plan.cmd.usage": {
			EN: "show what would change; changes nothing",
			JA: "変更内容を表示します(何も変更しません)",
		},
		"plan.cmd.args": {
			EN: "TARGET...",
			JA: "TARGET...(ドメイン名または送信元メールアドレス)",
		},
		"plan.flag.out": {
			EN: "save the plan to `FILE` for apply --plan",
			JA: "apply --plan で使えるように、プランをファイル `FILE` に保存します",
		},
		"plan.flag.detailed-exitcode": {
			EN: "exit 2 when changes are pending (0 none, 1 error)",
			JA: "変更がある場合は終了コード 2 で終了します(変更なしは 0、エラーは 1)",
		},
		"plan.saved": {
			EN: "Saved the plan to %s. Apply exactly this with: spfpatch apply %s",
			JA: "プランを %s に保存しました。この内容のとおりに適用するには spfpatch apply %s を実行してください。",
		},
		"status.unchanged": {
			EN: "unchanged",
			JA: "変更なし",
		},
		"status.create": {
			EN: "create",
			JA: "作成",
		},
		"status.update": {
			EN: "update",
			JA: "変更",
		},
		"status.error": {
			EN: "error",
			JA: "エラー",
		},
		"status.refused": {
			EN: "refused",
			JA: "変更できません",
		},

		// spfpatch apply.
		"apply.cmd.usage": {
			EN: "make the change: only the SPF TXT string, nothing else",
			JA: "変更を実行します(変えるのは SPF の TXT 文字列だけで、ほかには触れません)",
		},
		"apply.cmd.args": {
			EN: "TARGET... | --plan FILE",
			JA: "TARGET...(ドメイン名または送信元メールアドレス) | --plan FILE",
		},
		"apply.flag.plan": {
			EN: "apply the saved plan `FILE` (made by plan --out), refusing names that changed since",
			JA: "保存したプラン `FILE`(plan --out で作成)を適用します。保存後に変更された名前には書き込みません",
		},
		"apply.flag.journal": {
			EN: "journal `FILE` (default: a new file under $XDG_STATE_HOME/spfpatch)",
			JA: "ジャーナルファイル `FILE`(省略時は $XDG_STATE_HOME/spfpatch に新しいファイルを作ります)",
		},
		"apply.flag.wait": {
			EN: "after writing, poll the zone's nameservers for up to `DURATION` (--wait alone: 2m) until they serve the new record",
			JA: "書き込んだ後、ゾーンのネームサーバーが新しいレコードを返すまで最大 `DURATION` 待ちます(--wait だけなら 2m)",
		},
		"apply.targets-and-plan": {
			EN: "give either targets or --plan FILE, not both",
			JA: "対象か --plan FILE のどちらか一方だけを指定してください",
		},
		"apply.saved.profile": {
			EN: "the saved plan needs profile %q: %v",
			JA: "保存したプランにはプロファイル %q が必要です: %v",
		},
		"apply.saved.provider": {
			EN: "the saved plan was made for provider %s, not %s: run with --provider %s",
			JA: "保存したプランはプロバイダー %s 用に作成されたものです(%s ではありません)。--provider %s を指定して実行してください。",
		},
		"apply.no-changes": {
			EN: "No changes to apply.",
			JA: "適用する変更はありません。",
		},
		"apply.confirm": {
			EN: "Do you want to make these changes? spfpatch will write exactly the records shown above.",
			JA: "この変更を実行しますか? spfpatch は上に表示したとおりのレコードを書き込みます。",
		},
		"apply.cancelled": {
			EN: "Apply cancelled: nothing was written.",
			JA: "apply を取り消しました。何も書き込んでいません。",
		},
		"apply.journal-create-failed": {
			EN: "%s: nothing was written",
			JA: "%s: 何も書き込んでいません",
		},
		"apply.interrupted-notice": {
			EN: "Interrupted: names not yet started were left alone; the journal says which were written.",
			JA: "中断しました。まだ処理を始めていないドメインには触れていません。どのドメインに書き込んだかはジャーナルで確認できます。",
		},
		"apply.report.written": {
			EN: "  %s: written and read back: %q",
			JA: "  %s: 書き込みました(読み直して確認済み): %q",
		},
		"apply.report.manual": {
			EN: "  %s: set the TXT record in your DNS host's control panel to the value shown above, then run spfpatch apply --provider manual --wait %s",
			JA: "  %s: DNS の管理画面で TXT レコードを上に表示した値に設定してから、spfpatch apply --provider manual --wait %s を実行してください",
		},
		"apply.report.not-changed": {
			EN: "  %s: not changed: %s",
			JA: "  %s: 変更していません: %s",
		},
		"apply.report.failed": {
			EN: "  %s: %s: %s",
			JA: "  %s: %s: %s",
		},
		"apply.status.old-kept": {
			EN: "OLD-KEPT",
			JA: "書き込み失敗(元のレコードのまま)",
		},
		"apply.status.unknown": {
			EN: "UNKNOWN",
			JA: "書き込み失敗(状態不明)",
		},
		"apply.status.mismatch": {
			EN: "MISMATCH",
			JA: "内容の不一致",
		},
		"apply.status.not-tried": {
			EN: "NOT-TRIED",
			JA: "書き込みを中止",
		},
		"apply.summary": {
			EN: "Apply complete: %d written, %d to paste by hand, %d unchanged, %d failed.",
			JA: "apply 完了: 書き込み %d 件、手作業で貼り付け %d 件、変更なし %d 件、失敗 %d 件。",
		},
		"apply.journal": {
			EN: "Journal: %s\nUndo with: spfpatch rollback %s",
			JA: "ジャーナル: %s\n元に戻すには: spfpatch rollback %s",
		},
		"apply.wait.offline": {
			EN: "  zone files are not served by spfpatch: nothing to poll; checking the files",
			JA: "  ゾーンファイルは spfpatch が配信しているものではないため、ネームサーバーには問い合わせず、ファイルを確認します",
		},
		"apply.wait.live": {
			EN: "  %s: live record %q: %s, %d of %d lookups",
			JA: "  %s: 公開中のレコード %q: %s、DNS 参照 %d 回(上限 %d 回)",
		},

		// spfpatch rollback.
		"rollback.cmd.usage": {
			EN: "undo an apply from its journal, only where nobody changed the record since",
			JA: "ジャーナルをもとに apply を元に戻します(その後だれも変更していないレコードだけ)",
		},
		"rollback.cmd.args": {
			EN: "JOURNAL",
			JA: "JOURNAL(ジャーナルファイル)",
		},
		"rollback.flag.journal": {
			EN: "journal `FILE` of the rollback itself (default: a new file under $XDG_STATE_HOME/spfpatch)",
			JA: "rollback 自体のジャーナルファイル `FILE`(省略時は $XDG_STATE_HOME/spfpatch に新しいファイルを作ります)",
		},
		"rollback.flag.config": {
			EN: "the agency config `FILE` the apply used (its profiles)",
			JA: "apply で使った代理店向けの設定ファイル `FILE`(そのプロファイルを使います)",
		},
		"rollback.one-journal": {
			EN: "rollback takes one JOURNAL file (apply prints its path)",
			JA: "rollback にはジャーナルファイル(JOURNAL)を 1 つ指定してください(パスは apply の実行時に表示されます)",
		},
		"rollback.nothing": {
			EN: "Nothing to roll back.",
			JA: "元に戻すものはありません。",
		},
		"rollback.confirm": {
			EN: "Do you want to restore these records as they were before the apply?",
			JA: "これらのレコードを apply の前の状態に戻しますか?",
		},
		"rollback.cancelled": {
			EN: "Rollback cancelled: nothing was written.",
			JA: "rollback を取り消しました。何も書き込んでいません。",
		},
	})
}
