package i18n

// Messages of the API providers (providers/, providers/cloudflare,
// providers/route53, providers/powerdns): request budgets and lockouts,
// Cloudflare's zones, records and authorisation errors, and the provider
// descriptions shown by `spfpatch providers` (their English is in the
// provider packages; keep both in step: TestProviderTextsTranslated).
func init() {
	register(map[string]msgs{
		// Request budgets (providers/budget.go).
		"providers.budget.wait": {
			EN: "waiting for the %s API request budget",
			JA: "%s API のリクエスト上限の空きを待っています",
		},
		"providers.lockout.wait": {
			EN: "%s has blocked this API user for going over its limit (%s, HTTP 429); nothing is sent until %s. Waiting (at most %s, set with %s)…",
			JA: "%s が上限(%s)を超えたとしてこの API ユーザーを一時的にブロックしました(HTTP 429)。%s までは何も送りません。待機しています(最長 %s、%s で変更できます)…",
		},
		"providers.lockout.stop": {
			EN: "%s has blocked this API user for going over its limit (%s, HTTP 429) until %s; this name was not changed. Run spfpatch again after that time, or let it wait longer with %s",
			JA: "%s が上限(%s)を超えたとしてこの API ユーザーを %s までブロックしています(HTTP 429)。この名前は変更していません。その時刻を過ぎてから spfpatch をもう一度実行するか、%s で待つ時間を延ばしてください",
		},

		// Cloudflare: settings and the request budget.
		"cloudflare.limit": {
			EN: "1,200 requests per 5 minutes",
			JA: "5 分あたり 1,200 回のリクエスト",
		},
		"cloudflare.no-token": {
			EN: "set CLOUDFLARE_API_TOKEN to an API token with DNS:Edit (Zone → DNS → Edit) and Zone:Read (Zone → Zone → Read) on the shop's zone",
			JA: "CLOUDFLARE_API_TOKEN に、ショップのゾーンに対する DNS:Edit(Zone → DNS → Edit)と Zone:Read(Zone → Zone → Read)の権限を持つ API トークンを設定してください",
		},
		"cloudflare.bad-rate": {
			EN: "SPFPATCH_CLOUDFLARE_RATE %q is not a number of requests per second between 0 and 1000",
			JA: "SPFPATCH_CLOUDFLARE_RATE の %q は、0 より大きく 1000 以下の 1 秒あたりのリクエスト数ではありません",
		},
		"cloudflare.bad-wait": {
			EN: "--cloudflare-lockout-wait %q is not a duration such as 6m or 0",
			JA: "--cloudflare-lockout-wait の %q は、6m や 0 のような時間の指定ではありません",
		},
		"cloudflare.bad-zone-id": {
			EN: "--cloudflare-zone-id %q is not a Cloudflare zone id (32 letters and digits, shown on the zone's Overview page)",
			JA: "--cloudflare-zone-id の %q は Cloudflare のゾーン ID(ゾーンの「概要」ページに表示される 32 文字の英数字)ではありません",
		},
		"cloudflare.api-url.bad": {
			EN: "SPFPATCH_CLOUDFLARE_API_URL %s is not an http(s) URL without a user, query or fragment",
			JA: "SPFPATCH_CLOUDFLARE_API_URL の %s は、ユーザー名・クエリ・「#」以降を含まない http(s) の URL ではありません",
		},
		"cloudflare.api-url.http": {
			EN: "SPFPATCH_CLOUDFLARE_API_URL %s: plain http is allowed only to 127.0.0.1, ::1 or localhost (the token would travel in clear)",
			JA: "SPFPATCH_CLOUDFLARE_API_URL %s: 暗号化されない http は 127.0.0.1、::1、localhost に対してだけ使えます(トークンが平文で送られてしまうため)",
		},

		// Cloudflare: transport.
		"cloudflare.http.status": {
			EN: "Cloudflare API %s %s: HTTP %d %s",
			JA: "Cloudflare API %s %s: HTTP %d %s",
		},
		"cloudflare.http.failed": {
			EN: "Cloudflare API %s %s: no answer: %v",
			JA: "Cloudflare API %s %s: 応答がありません: %v",
		},
		"cloudflare.http.unused": {
			EN: "Cloudflare API %s %s: %v",
			JA: "Cloudflare API %s %s: %v",
		},
		"cloudflare.http.429": {
			EN: "Cloudflare API %s %s: HTTP 429 Too Many Requests: the API user is blocked until %s and the request was not processed",
			JA: "Cloudflare API %s %s: HTTP 429 Too Many Requests: API ユーザーは %s までブロックされており、リクエストは処理されていません",
		},
		"cloudflare.http.too-big": {
			EN: "the answer is over %d MB; not read",
			JA: "応答が %d MB を超えているため読み込みません",
		},
		"cloudflare.http.redirect": {
			EN: "redirected (HTTP %d) to %s; not followed (the token goes only to the Cloudflare API)",
			JA: "HTTP %d で %s へリダイレクトされましたが、たどっていません(トークンは Cloudflare API にだけ送ります)",
		},
		"cloudflare.http.not-json": {
			EN: "HTTP %d with an answer that is not Cloudflare's JSON",
			JA: "HTTP %d で、Cloudflare の JSON ではない応答が返りました",
		},
		"cloudflare.api.refused": {
			EN: "Cloudflare API %s %s refused the request (%s)",
			JA: "Cloudflare API %s %s がリクエストを拒否しました(%s)",
		},
		"cloudflare.api.bad-answer": {
			EN: "Cloudflare API %s: the answer is not the JSON expected: %v",
			JA: "Cloudflare API %s: 応答が想定した JSON ではありません: %v",
		},
		"cloudflare.api.no-paging": {
			EN: "Cloudflare's list of records in zone %s has no result_info, so spfpatch cannot tell whether it read every page",
			JA: "ゾーン %s のレコード一覧に result_info がないため、すべてのページを読んだか spfpatch には判断できません",
		},
		"cloudflare.api.bad-id": {
			EN: "Cloudflare returned the record id %q, which is not an id; nothing was sent",
			JA: "Cloudflare が ID として不正な値 %q を返しました。何も送っていません",
		},
		"cloudflare.read.changing": {
			EN: "the records of zone %s kept changing while spfpatch read them page by page (three tries); run again when nobody else is editing the zone",
			JA: "ゾーン %s のレコードが、spfpatch がページごとに読んでいる間に変わり続けました(3 回試行)。ほかの人がゾーンを編集していないときにもう一度実行してください",
		},

		// Cloudflare: authorisation. The first %s is the setting that
		// holds the token (CLOUDFLARE_API_TOKEN or CLOUDFLARE_ZONE_TOKEN).
		"cloudflare.auth.format": {
			EN: "Cloudflare refused %s as malformed (%s): it must be an API token (My Profile → API Tokens), not the Global API Key, with no quotes, spaces or line break around it",
			JA: "Cloudflare は %s の形式が正しくないとして拒否しました(%s)。Global API Key ではなく API トークン(マイプロフィール → API トークン)を、引用符・空白・改行を付けずに設定してください",
		},
		"cloudflare.auth.invalid": {
			EN: "Cloudflare does not accept %s (%s): the token is wrong, expired or revoked, or its Client IP Address Filtering does not allow this computer; check or roll it in My Profile → API Tokens",
			JA: "Cloudflare は %s を受け付けません(%s)。トークンが間違っている、期限切れ・取り消し済み、またはクライアント IP アドレスのフィルタリングでこのコンピューターが許可されていません。マイプロフィール → API トークンで確認するか、ロール(再発行)してください",
		},
		"cloudflare.auth.zone-read": {
			EN: "%s may not look up the zone %s (%s): the token needs the permission Zone:Read (Zone → Zone → Read), and its Zone Resources must include %s (a specific zone or all zones)",
			JA: "%s ではゾーン %s を検索できません(%s)。トークンには Zone:Read(Zone → Zone → Read)の権限が必要で、ゾーンリソースに %s(特定のゾーン、またはすべてのゾーン)を含める必要があります",
		},
		"cloudflare.auth.dns-read": {
			EN: "%s may not read the DNS records of zone %s (%s): the token needs the permission DNS:Edit (Zone → DNS → Edit; DNS:Read is enough for plan), and its Zone Resources must include %s",
			JA: "%s ではゾーン %s の DNS レコードを読めません(%s)。トークンには DNS:Edit(Zone → DNS → Edit。plan だけなら DNS:Read でも可)の権限が必要で、ゾーンリソースに %s を含める必要があります",
		},
		"cloudflare.auth.dns-edit": {
			EN: "%s may not change the DNS records of zone %s (%s): the token needs the permission DNS:Edit (Zone → DNS → Edit), and its Zone Resources must include %s; nothing was changed",
			JA: "%s ではゾーン %s の DNS レコードを変更できません(%s)。トークンには DNS:Edit(Zone → DNS → Edit)の権限が必要で、ゾーンリソースに %s を含める必要があります。何も変更していません",
		},

		// Cloudflare: zones.
		"cloudflare.zone.none": {
			EN: "no Cloudflare zone named %s is visible to %s: the zone is in another Cloudflare account, or the token lacks Zone:Read on it (its Zone Resources must include %s)",
			JA: "%s という名前の Cloudflare ゾーンが %s から見えません。ゾーンが別の Cloudflare アカウントにあるか、トークンにそのゾーンの Zone:Read 権限がありません(ゾーンリソースに %s を含める必要があります)",
		},
		"cloudflare.zone.entry": {
			EN: "id %s (%s, account %s)",
			JA: "ID %s(%s、アカウント %s)",
		},
		"cloudflare.zone.several": {
			EN: "%d Cloudflare zones are named %s (%s): give the one whose name servers the domain uses with --cloudflare-zone-id",
			JA: "%d 個の Cloudflare ゾーンが %s という名前です(%s)。ドメインが実際に使っているネームサーバーのゾーンを --cloudflare-zone-id で指定してください",
		},
		"cloudflare.zone.pending": {
			EN: "the Cloudflare zone %s is %s: Cloudflare does not serve it yet (the domain's name servers at the registrar are not Cloudflare's), so a change there would not reach mail receivers; change the record at the DNS host the domain uses now",
			JA: "Cloudflare ゾーン %s の状態は %s です。まだ Cloudflare がこのゾーンを配信していない(レジストラのネームサーバーが Cloudflare になっていない)ため、ここを変更してもメールの受信側には届きません。いまドメインが使っている DNS サーバーでレコードを変更してください",
		},
		"cloudflare.zone.moved": {
			EN: "the Cloudflare zone %s is moved: the domain's name servers no longer point to Cloudflare, so a change there would not reach mail receivers; change the record at the DNS host the domain uses now",
			JA: "Cloudflare ゾーン %s の状態は moved です。ドメインのネームサーバーがもう Cloudflare を指していないため、ここを変更してもメールの受信側には届きません。いまドメインが使っている DNS サーバーでレコードを変更してください",
		},
		"cloudflare.zone.partial": {
			EN: "the Cloudflare zone %s is a partial (CNAME) setup: its DNS is hosted at another provider, whose records are what mail receivers see; change the SPF record there",
			JA: "Cloudflare ゾーン %s は部分的(CNAME)セットアップです。DNS は別の DNS サービスで管理されていて、メールの受信側が見るのはそちらのレコードです。SPFレコードはそちらで変更してください",
		},
		"cloudflare.zone.secondary": {
			EN: "the Cloudflare zone %s is a secondary zone: its records come from the primary DNS server by zone transfer; change the SPF record at the primary",
			JA: "Cloudflare ゾーン %s はセカンダリゾーンです。レコードはプライマリの DNS サーバーからゾーン転送で取得されています。SPFレコードはプライマリで変更してください",
		},
		"cloudflare.zone.status": {
			EN: "the Cloudflare zone %s is %s, not active; spfpatch changes only active zones",
			JA: "Cloudflare ゾーン %s の状態は %s で、active(有効)ではありません。spfpatch は有効なゾーンだけを変更します",
		},
		"cloudflare.zone.id-unknown": {
			EN: "--cloudflare-zone-id %s: no such zone is visible to the token (%s); check the id on the zone's Overview page and that the token's Zone Resources include the zone",
			JA: "--cloudflare-zone-id %s: トークンから見えるゾーンにこの ID はありません(%s)。ゾーンの「概要」ページで ID を確認し、トークンのゾーンリソースにそのゾーンが含まれているか確認してください",
		},
		"cloudflare.zone.id-other": {
			EN: "--cloudflare-zone-id %s is the zone %s, not %s",
			JA: "--cloudflare-zone-id %s はゾーン %s のもので、%s のものではありません",
		},

		// Cloudflare: writes.
		"cloudflare.locked": {
			EN: "the %s record of %s (%s) is locked by Cloudflare: Email Routing added it and does not let it be changed. In the Cloudflare dashboard, open the zone's Email → Email Routing → Settings and unlock the DNS records (or disable Email Routing if you do not use it), then run spfpatch again; nothing was changed",
			JA: "%[2]s の %[1]s レコード(%[3]s)は Cloudflare によってロックされています。Email Routing(メールルーティング)が追加したレコードで、変更できません。Cloudflare ダッシュボードでゾーンの「メール → Email Routing → 設定」を開いて DNS レコードのロックを解除し(Email Routing を使っていなければ無効にし)、spfpatch をもう一度実行してください。何も変更していません",
		},
		"cloudflare.write.verify-failed": {
			EN: "and reading %s back to see whether the change was made failed too: %v",
			JA: "変更されたかを確かめるための %s の読み直しにも失敗しました: %v",
		},
		"cloudflare.write.gave-up": {
			EN: "%s still does not hold the new value after %d tries; nothing more was sent",
			JA: "%[2]d 回試しましたが %[1]s はまだ新しい値になっていません。これ以上は送っていません",
		},
		"cloudflare.write.changed": {
			EN: "read back, %s now holds neither the records spfpatch read before writing nor the new ones (someone else changed it); nothing more was sent",
			JA: "読み直すと、%s には spfpatch が書き込み前に読んだレコードも新しいレコードもありません(ほかの誰かが変更しました)。これ以上は送っていません",
		},

		// Route 53 (providers/route53).
		"route53.redirect": {
			EN: "redirected (HTTP %d) to %s; not followed (the AWS credentials go only to the Route 53 endpoint)",
			JA: "HTTP %d で %s へリダイレクトされましたが、たどっていません(AWS の認証情報は Route 53 のエンドポイントにだけ送ります)",
		},
		"route53.too-big": {
			EN: "the answer is over %d MB; not read",
			JA: "応答が %d MB を超えているため読み込みません",
		},
		"route53.endpoint.bad": {
			EN: "the Route 53 endpoint %s is not an http(s) URL without a user name, query or fragment",
			JA: "Route 53 のエンドポイント %s は、ユーザー名・クエリ・「#」以降を含まない http(s) の URL ではありません",
		},
		"route53.endpoint.http": {
			EN: "the Route 53 endpoint %s (AWS_ENDPOINT_URL_ROUTE_53, AWS_ENDPOINT_URL or endpoint_url in the AWS config file): plain http is allowed only to 127.0.0.1, ::1 or localhost, because the credentials would travel in clear; use https",
			JA: "Route 53 のエンドポイント %s(AWS_ENDPOINT_URL_ROUTE_53、AWS_ENDPOINT_URL、または AWS 設定ファイルの endpoint_url): 認証情報が平文で送られてしまうため、暗号化されない http は 127.0.0.1、::1、localhost に対してだけ使えます。https を使ってください",
		},
		"route53.access-denied": {
			EN: "AWS refused route53:%s (AccessDenied): the IAM user or role of these credentials needs the permission route53:%s on the hosted zone (spfpatch needs route53:ListHostedZonesByName, route53:GetHostedZone, route53:ListHostedZones, route53:ListResourceRecordSets and route53:ChangeResourceRecordSets)",
			JA: "AWS が route53:%s を拒否しました(AccessDenied)。この認証情報の IAM ユーザーまたはロールに、ホストゾーンに対する route53:%s の権限が必要です(spfpatch には route53:ListHostedZonesByName、route53:GetHostedZone、route53:ListHostedZones、route53:ListResourceRecordSets、route53:ChangeResourceRecordSets が必要です)",
		},
		"route53.expired-token": {
			EN: "the AWS session token has expired (ExpiredToken): get new temporary credentials (aws sso login for SSO, or your credential process) and run again; nothing was changed by this request",
			JA: "AWS のセッショントークンの有効期限が切れています(ExpiredToken)。新しい一時的な認証情報を取得して(SSO の場合はもう一度サインインし、credential_process の場合はそれをもう一度実行して)、もう一度実行してください。このリクエストでは何も変更していません",
		},

		// Two SPF records at a name, one of them ours (plan/halfdone.go).
		"plan.half-done": {
			EN: "%s holds two SPF records, the old one and the new one with this change already made (an earlier change left half-done); applying removes the old one",
			JA: "%s には SPFレコードが 2 つあります。古いものと、この変更をすでに反映した新しいものです(以前の変更が途中で止まっています)。適用すると古いほうを削除します",
		},
		"rollback.half-done": {
			EN: "%s holds both the old SPF record and the one the journal's change added (a change left half-done); rolling back removes the added one",
			JA: "%s には古い SPFレコードと、ジャーナルの変更が追加したレコードの両方があります(途中で止まった変更)。ロールバックすると追加したほうを削除します",
		},

		// Cloudflare in `spfpatch providers` (English in providers/cloudflare).
		"provider.cloudflare.txtread": {
			EN: "quoted strings decoded (\\\" \\\\ \\DDD) and joined",
			JA: "引用符で囲まれた文字列をデコード(\\\" \\\\ \\DDD)して連結",
		},
		"setting.CLOUDFLARE_API_TOKEN": {
			EN: "an API token with DNS:Edit (Zone → DNS → Edit) on the zones, and Zone:Read (Zone → Zone → Read) unless CLOUDFLARE_ZONE_TOKEN is given; its Zone Resources must include every zone spfpatch changes",
			JA: "対象ゾーンの DNS:Edit(Zone → DNS → Edit)権限と、CLOUDFLARE_ZONE_TOKEN を指定しない場合は Zone:Read(Zone → Zone → Read)権限も持つ API トークン。ゾーンリソースには spfpatch が変更するすべてのゾーンを含めてください",
		},
		"setting.CLOUDFLARE_ZONE_TOKEN": {
			EN: "optional token with Zone:Read, used only to look zones up",
			JA: "Zone:Read 権限を持つトークン(任意)。ゾーンの検索にだけ使います",
		},
		"setting.cloudflare-zone-id": {
			EN: "the zone's id (Overview page of the zone, API section), when its name matches two zones or the token may not list zones",
			JA: "ゾーン ID(ゾーンの「概要」ページの API 欄)。同じ名前のゾーンが 2 つある場合や、トークンでゾーンを一覧できない場合に指定します",
		},
		"setting.SPFPATCH_CLOUDFLARE_RATE": {
			EN: "API requests per second spfpatch may spend; whatever it is, never more than 1,200 in any 5 minutes (Cloudflare's limit per user)",
			JA: "spfpatch が使ってよい 1 秒あたりの API リクエスト数。どの値でも、どの 5 分間にも 1,200 回(Cloudflare のユーザーごとの上限)を超えては送りません",
		},
		"setting.cloudflare-lockout-wait": {
			EN: "how long to wait when Cloudflare blocks the user for 5 minutes (HTTP 429) before stopping; 0 stops at once",
			JA: "Cloudflare がユーザーを 5 分間ブロックしたとき(HTTP 429)に、止めるまで待つ時間。0 ならすぐに止めます",
		},
		"setting.SPFPATCH_CLOUDFLARE_API_URL": {
			EN: "testing only: send API requests to this base URL instead of https://api.cloudflare.com/client/v4 (http only to loopback)",
			JA: "テスト専用: API リクエストを https://api.cloudflare.com/client/v4 ではなくこのベース URL に送ります(http はループバックのみ)",
		},
		"provider.cloudflare.note.1": {
			EN: "a change is one PATCH of the SPF record by id: the record keeps its id, comment and tags, and there is never a moment with two SPF records; several changes at one name go in one batch request, applied in one transaction",
			JA: "変更は SPFレコードを ID で指定した 1 回の PATCH です。レコードの ID・コメント・タグはそのまま残り、SPFレコードが 2 つになる瞬間はありません。同じ名前で複数の変更が必要なときは 1 回のバッチリクエストにまとめ、1 つのトランザクションで適用されます",
		},
		"provider.cloudflare.note.2": {
			EN: "requests per changed name, whatever the size of the zone: 4 for a changed SPF record, and for a new one at a name that has other records (plan's read of the name, the re-read before writing, the PATCH or POST, the read-back); a name with no records at all is read with 1 more request per label below the zone (a wildcard that would answer for it) and 1 more (names below it), in plan and again in the re-read; plus one zone lookup per zone and run (none for zones found in a zone list the run already read)",
			JA: "変更する名前 1 つあたりのリクエスト数は、ゾーンの大きさにかかわらず、SPFレコードを変更する場合と、ほかのレコードがある名前に新しく作る場合は 4 回です(plan での名前の読み取り、書き込み直前の読み直し、PATCH または POST、書き込み後の読み戻し)。レコードがまったくない名前では、plan と読み直しのそれぞれで、ゾーンより下のラベル 1 つにつき 1 回(その名前に応答するワイルドカードの確認)と、さらに 1 回(その下の名前の確認)多く読み取ります。これに加えて、実行ごとにゾーン 1 つにつき 1 回のゾーン検索(その実行ですでに読んだゾーン一覧にあるゾーンは検索しません)",
		},
		"provider.cloudflare.note.3": {
			EN: "records Cloudflare locks (Email Routing's MX and SPF records) are not changed: unlock them in Email Routing's settings first",
			JA: "Cloudflare がロックしているレコード(Email Routing の MX・SPFレコード)は変更しません。先に Email Routing の設定でロックを解除してください",
		},
		"provider.cloudflare.note.4": {
			EN: "at most SPFPATCH_CLOUDFLARE_RATE requests a second (default 3) and never more than 1,200 in any 5 minutes, shared by every profile that uses the same token; after an HTTP 429 nothing is sent until the lockout ends: the run waits up to --cloudflare-lockout-wait (default 6m), else stops and lists the names not written",
			JA: "リクエストは 1 秒あたり SPFPATCH_CLOUDFLARE_RATE 回まで(既定値 3)、どの 5 分間にも 1,200 回を超えません。同じトークンを使うすべてのプロファイルでこの上限を共有します。HTTP 429 を受けたらブロックが解けるまで何も送りません。--cloudflare-lockout-wait(既定値 6 分)まで待ち、それより長ければ止めて、書き込まなかった名前を一覧にします",
		},
		"provider.cloudflare.note.5": {
			EN: "a zone whose name matches two zones, that is not active (pending, moved), or whose records Cloudflare does not serve (a partial or secondary setup) is refused; --cloudflare-zone-id picks one of two",
			JA: "同じ名前のゾーンが 2 つある場合、有効(active)でないゾーン(pending、moved)、Cloudflare がレコードを配信していないゾーン(部分的セットアップ、セカンダリ)は拒否します。同じ名前の 2 つのゾーンは --cloudflare-zone-id でどちらかを指定できます",
		},
		"provider.cloudflare.note.6": {
			EN: "TTL 1 means automatic (300 s) at Cloudflare and is kept as 1; otherwise the minimum TTL is 60 s (30 s on Enterprise)",
			JA: "Cloudflare では TTL 1 は「自動」(300 秒)を意味し、1 のまま保持します。それ以外の最小 TTL は 60 秒(Enterprise プランでは 30 秒)です",
		},
	})
}
