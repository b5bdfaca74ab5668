package i18n

// Messages of the application itself (main.go): its usage, description,
// global flags, errors and urfave/cli's help words; the doctor, providers,
// completion and man commands; and the Japanese text of every registered DNS
// provider's description, settings and notes (keys "provider.NAME.…" and
// "setting.NAME-OR-ENV"; their English is the provider's own text, and a
// test checks that it still matches).
func init() {
	register(map[string]msgs{
		// The app.
		"app.usage": {
			EN: "add your mail platform's include to your domain's SPF record, safely",
			JA: "ドメインの SPFレコードに、メール配信サービスの include を安全に追加します",
		},
		"app.description": {
			EN: "Gmail rejects a shop's order mail when the shop's domain publishes an SPF record that does not\n" +
				"authorise the platform's sending servers. spfpatch adds include:%s (or the\n" +
				"includes you name) before the record's all, through your DNS provider, and nothing else.",
			JA: "ショップのドメインの SPFレコードがメール配信サービスの送信サーバーを許可していないと、\n" +
				"Gmail はショップの注文メールを拒否します。spfpatch は DNS サービスを通じて、レコードの all の前に\n" +
				"include:%s(または指定した include)を追加します。それ以外は何も変更しません。",
		},
		"app.flag.lang": {
			EN: "message language: `en|ja` (default: from LC_ALL, LC_MESSAGES or LANG)",
			JA: "メッセージの言語: `en|ja`(指定しなければ LC_ALL、LC_MESSAGES、LANG から決めます)",
		},
		"app.flag.help": {
			EN: "show help",
			JA: "ヘルプを表示します",
		},
		"app.flag.version": {
			EN: "print the version",
			JA: "バージョンを表示します",
		},
		"app.version": {
			EN: "%s version %s",
			JA: "%s バージョン %s",
		},
		"app.error": {
			EN: "spfpatch: %s",
			JA: "spfpatch: エラー: %s",
		},
		"app.unknown-command": {
			EN: "unknown command %q; the commands are %s (see spfpatch --help)",
			JA: "%q というコマンドはありません。使えるコマンドは %s です(説明は spfpatch --help で表示されます)",
		},
		"app.usage-error": {
			EN: "Incorrect Usage: %s",
			JA: "使い方が正しくありません: %s",
		},
		"app.flag.undefined": {
			EN: "flag provided but not defined: %s",
			JA: "%s というオプションはありません",
		},
		"app.flag.needs-value": {
			EN: "flag needs an argument: %s",
			JA: "オプション %s には値が必要です",
		},
		"app.flag.invalid": {
			EN: "invalid value %s for flag %s",
			JA: "%[2]s の値 %[1]s が正しくありません",
		},

		// urfave/cli's help: headings, the usage line, flag lines.
		"help.name":                  {EN: "NAME:", JA: "名前:"},
		"help.usage":                 {EN: "USAGE:", JA: "使い方:"},
		"help.version":               {EN: "VERSION:", JA: "バージョン:"},
		"help.description":           {EN: "DESCRIPTION:", JA: "説明:"},
		"help.category":              {EN: "CATEGORY:", JA: "分類:"},
		"help.commands":              {EN: "COMMANDS:", JA: "コマンド:"},
		"help.global-options":        {EN: "GLOBAL OPTIONS:", JA: "グローバルオプション:"},
		"help.options":               {EN: "OPTIONS:", JA: "オプション:"},
		"help.usage.global-options":  {EN: "[global options]", JA: "[グローバルオプション]"},
		"help.usage.command":         {EN: " command [command options]", JA: " コマンド [コマンドオプション]"},
		"help.usage.options":         {EN: "[command options]", JA: "[オプション]"},
		"help.usage.arguments":       {EN: "[arguments...]", JA: "[引数...]"},
		"help.flag.value":            {EN: "value", JA: "VALUE"}, // placeholders stay ASCII (NAME, FILE...): help columns count characters, not display width
		"help.flag.default":          {EN: " (default: %s)", JA: "(既定値: %s)"},
		"man.name":                   {EN: "# NAME", JA: "# 名前"},
		"man.synopsis":               {EN: "# SYNOPSIS", JA: "# 書式"},
		"man.description":            {EN: "# DESCRIPTION", JA: "# 説明"},
		"man.usage":                  {EN: "**Usage**:", JA: "**使い方**:"},
		"man.usage.line":             {EN: "[GLOBAL OPTIONS] command [COMMAND OPTIONS] [ARGUMENTS...]", JA: "[グローバルオプション] コマンド [コマンドオプション] [引数...]"},
		"man.global-options":         {EN: "# GLOBAL OPTIONS", JA: "# グローバルオプション"},
		"man.commands":               {EN: "# COMMANDS", JA: "# コマンド"},
		"man.default":                {EN: " (default: ", JA: "(既定値: "},
		"completion.args":            {EN: "bash|zsh|fish", JA: "bash|zsh|fish"},
		"providers.caps.separator":   {EN: "; ", JA: " / "},
		"providers.caps.offline":     {EN: "offline", JA: "オフライン"},
		"providers.caps.manual":      {EN: "manual (no API)", JA: "手動(API なし)"},
		"providers.caps.min-ttl":     {EN: "min TTL %s", JA: "最小 TTL %s"},
		"providers.caps.txt-read":    {EN: "TXT read: %s", JA: "TXT の読み取り: %s"},
		"providers.caps.long-txt":    {EN: "long TXT ok", JA: "長い TXT に対応"},
		"providers.caps.no-long-txt": {EN: "long TXT refused", JA: "長い TXT は拒否"},

		// spfpatch doctor.
		"doctor.cmd.usage": {
			EN: "will my shop's mail reach Gmail? checks SPF, DMARC and MX and says what to do",
			JA: "ショップのメールが Gmail に届くかを診断し、必要な対応を案内します(SPF・DMARC・MX)",
		},
		"doctor.cmd.args": {
			EN: "TARGET (your shop's sender address or domain)",
			JA: "TARGET(確認したい送信元メールアドレスまたはドメイン名)",
		},
		"doctor.cmd.flag.include": {
			EN: "include `NAME` the platform needs (default %s)",
			JA: "メール配信サービスに必要な include 先 `NAME`(既定値 %s)",
		},
		"doctor.cmd.flag.provider": {
			EN: "your DNS provider `NAME`, for the commands suggested (Onamae.com, Xserver, Sakura Internet, Muumuu Domain, Lolipop and other hosts without an API: manual)",
			JA: "お使いの DNS サービスのプロバイダー名 `NAME`(案内するコマンドに使います。お名前.com・エックスサーバー・さくらインターネット・ムームードメイン・ロリポップ!など API のない DNS サービスは manual)",
		},
		"doctor.cmd.one-target": {
			EN: "doctor takes one TARGET: the sender address you want to check (for example info@your-shop.example) or a domain name",
			JA: "確認したい送信元メールアドレス(例: info@your-shop.example)かドメイン名を 1 つ指定してください",
		},

		// spfpatch providers.
		"providers.cmd.usage": {
			EN: "list the DNS providers, their settings and what their APIs can do safely",
			JA: "DNS サービスの一覧と、それぞれの設定、API で安全にできることを表示します",
		},
		"providers.secret":       {EN: " (secret: environment or file only)", JA: "(秘密情報: 環境変数かファイルからのみ)"},
		"providers.required":     {EN: " (required)", JA: "(必須)"},
		"providers.default":      {EN: " (default %s)", JA: "(既定値 %s)"},
		"providers.capabilities": {EN: "capabilities: %s", JA: "API でできること: %s"},
		"providers.note":         {EN: "note: %s", JA: "注意: %s"},
		"providers.flag.format": {
			EN: "output `FORMAT`: text, json, or markdown (the README's provider table)",
			JA: "出力 `FORMAT`: text、json、または markdown(README のプロバイダー表)",
		},
		"providers.bad-format": {
			EN: "--format %q: use text, json or markdown",
			JA: "--format %q は使えません: text、json、markdown のいずれかを指定してください",
		},
		"providers.md.header": {
			EN: "provider | settings (flag / environment) | atomic RRset replace | exact-value delete | TXT over 255 bytes | caveats",
			JA: "プロバイダー | 設定(オプション / 環境変数) | RRset のアトミック置換 | 値を指定した削除 | 255 バイトを超える TXT | 注意点",
		},
		"providers.md.yes": {
			EN: "yes",
			JA: "可",
		},
		"providers.md.no": {
			EN: "no",
			JA: "不可",
		},
		"providers.md.secret": {
			EN: " (secret: environment or file only)",
			JA: "(秘密情報: 環境変数かファイルのみ)",
		},
		"providers.md.required": {
			EN: " (required)",
			JA: "(必須)",
		},
		"providers.md.none": {
			EN: "none",
			JA: "なし",
		},
		"providers.caps.atomic": {
			EN: "atomic RRset replace",
			JA: "RRset をアトミックに置換",
		},
		"providers.caps.no-atomic": {
			EN: "no atomic replace",
			JA: "アトミックな置換なし",
		},
		"providers.caps.exact-delete": {
			EN: "exact-value delete",
			JA: "値を指定した削除",
		},
		"providers.caps.no-exact-delete": {
			EN: "no exact delete",
			JA: "値を指定した削除なし",
		},

		// spfpatch completion and man.
		"completion.cmd.usage": {
			EN: "print the shell completion script for bash, zsh or fish",
			JA: "bash、zsh、fish 用のシェル補完スクリプトを表示します",
		},
		"completion.one-shell": {
			EN: "completion takes one shell: bash, zsh or fish, e.g.\n  spfpatch completion bash > /etc/bash_completion.d/spfpatch",
			JA: "completion にはシェルを 1 つ(bash、zsh、fish のいずれか)指定してください。例:\n  spfpatch completion bash > /etc/bash_completion.d/spfpatch",
		},
		"man.cmd.usage": {
			EN: "print the manual page (roff), generated from the command definitions",
			JA: "コマンドの定義から生成したマニュアルページ(roff 形式)を表示します",
		},

		// The DNS providers (their English is in providers/*; keep both in step).
		"provider.cloudflare.description": {
			EN: "Cloudflare DNS (API token from the environment)",
			JA: "Cloudflare DNS(API トークンは環境変数から)",
		},
		"provider.manual.description": {
			EN: "no API: reads the record over DNS and prints the value to paste in your DNS host's control panel",
			JA: "API なし: DNS でレコードを読み取り、DNS の管理画面に貼り付ける値を表示します",
		},
		"provider.manual.txtread": {
			EN: "read over DNS",
			JA: "DNS で読み取り",
		},
		"provider.manual.note.1": {
			EN: "values over 255 bytes must be entered as the host's panel expects: some take one long value, some want several quoted strings",
			JA: "255 バイトを超える値は、管理画面が求める形で入力してください。1 つの長い値で受け付けるところもあれば、引用符で囲んだ複数の文字列を求めるところもあります",
		},
		"provider.manual.note.2": {
			EN: "reads go through the resolver, so a change shows only once caches expire (apply --wait)",
			JA: "読み取りはリゾルバー経由のため、変更はキャッシュの期限が切れてから反映されて見えます(apply --wait)",
		},
		"provider.powerdns.description": {
			EN: "PowerDNS Authoritative Server HTTP API",
			JA: "PowerDNS Authoritative Server の HTTP API",
		},
		"provider.powerdns.txtread": {
			EN: "quoted presentation (\"a\" \"b\", \\\" \\\\ \\DDD); unquoted, strings joined",
			JA: "引用符付きの表示形式(\"a\" \"b\"、\\\" \\\\ \\DDD)。引用符を外し、文字列を連結",
		},
		"setting.powerdns-url": {
			EN: "PowerDNS API URL, e.g. http://127.0.0.1:8081 (the webserver-address and webserver-port of pdns.conf)",
			JA: "PowerDNS API の URL。例: http://127.0.0.1:8081(pdns.conf の webserver-address と webserver-port)",
		},
		"setting.powerdns-server-id": {
			EN: "PowerDNS server id",
			JA: "PowerDNS のサーバー ID",
		},
		"setting.PDNS_API_KEY": {
			EN: "PowerDNS API key (the api-key of pdns.conf)",
			JA: "PowerDNS の API キー(pdns.conf の api-key)",
		},
		"provider.powerdns.note.1": {
			EN: "one PATCH (REPLACE of the name's TXT RRset) per write; records that stay are sent back exactly as PowerDNS holds them",
			JA: "書き込みごとに PATCH(その名前の TXT RRset の REPLACE)を 1 回送ります。残すレコードは PowerDNS が保持しているとおりに送り返します",
		},
		"provider.powerdns.note.2": {
			EN: "disabled records are not read and stay disabled; RRset comments are kept",
			JA: "無効にしてあるレコードは読み取らず、無効のまま残ります。RRset のコメントも保持します",
		},
		"provider.powerdns.note.3": {
			EN: "the API has no conditional write: a change made by someone else between spfpatch's read and its write (milliseconds) is overwritten",
			JA: "この API には条件付きの書き込みがありません。spfpatch が読み取ってから書き込むまで(数ミリ秒)の間に他の人が行った変更は上書きされます",
		},
		"provider.powerdns.note.4": {
			EN: "Native and Master zones; change a Slave zone at its primary",
			JA: "Native と Master のゾーンに対応します。Slave のゾーンはプライマリで変更してください",
		},
		"provider.rfc2136.description": {
			EN: "dynamic DNS UPDATE (RFC 2136) with a TSIG key: BIND, Knot, PowerDNS dnsupdate and other primaries",
			JA: "TSIG キーを使った DNS の動的更新(RFC 2136): BIND、Knot、PowerDNS の dnsupdate などのプライマリサーバー",
		},
		"provider.rfc2136.txtread": {
			EN: "presentation escapes (\\\" \\\\ \\DDD), strings joined; decoded",
			JA: "表示形式のエスケープ(\\\" \\\\ \\DDD)、文字列を連結。デコードして扱います",
		},
		"setting.rfc2136-server": {
			EN: "primary name server ADDR:PORT that accepts UPDATE and AXFR (TCP)",
			JA: "UPDATE と AXFR(TCP)を受け付けるプライマリネームサーバーの ADDR:PORT",
		},
		"setting.rfc2136-key-name": {
			EN: "TSIG key name (or from --rfc2136-key-file)",
			JA: "TSIG キーの名前(または --rfc2136-key-file から)",
		},
		"setting.rfc2136-key-alg": {
			EN: "TSIG algorithm: hmac-sha256, hmac-sha512, hmac-sha384, hmac-sha224 or hmac-sha1",
			JA: "TSIG のアルゴリズム: hmac-sha256、hmac-sha512、hmac-sha384、hmac-sha224、hmac-sha1 のいずれか",
		},
		"setting.rfc2136-key-file": {
			EN: "BIND key file (key \"name\" { algorithm ...; secret \"...\"; };) with the TSIG key",
			JA: "TSIG キーを記した BIND のキーファイル(key \"name\" { algorithm ...; secret \"...\"; };)",
		},
		"setting.SPFPATCH_TSIG_SECRET": {
			EN: "TSIG secret, base64 (or from --rfc2136-key-file)",
			JA: "TSIG のシークレット、base64 形式(または --rfc2136-key-file から)",
		},
		"provider.rfc2136.note.1": {
			EN: "reads the zone by AXFR: the TSIG key must be allowed to transfer it (BIND allow-transfer { key NAME; }; Knot acl action transfer)",
			JA: "ゾーンは AXFR で読み取ります。TSIG キーにゾーン転送を許可してください(BIND は allow-transfer { key NAME; };、Knot は acl の action transfer)",
		},
		"provider.rfc2136.note.2": {
			EN: "one UPDATE per name, conditional on the TXT RRset being as read (RFC 2136 §2.4.2): deletes only the old SPF record and adds the new one; other TXT records keep their exact character-strings",
			JA: "名前ごとに 1 回の UPDATE を、TXT RRset が読み取ったときのままであることを条件に送ります(RFC 2136 §2.4.2)。古い SPFレコードだけを削除して新しいものを追加し、他の TXT レコードの文字列はそのまま保ちます",
		},
		"provider.rfc2136.note.3": {
			EN: "HMAC-MD5 keys are not supported",
			JA: "HMAC-MD5 のキーには対応していません",
		},
		"provider.route53.description": {
			EN: "Amazon Route 53 (standard AWS credential chain)",
			JA: "Amazon Route 53(AWS の標準の認証情報チェーンを使用)",
		},
		"provider.route53.txtread": {
			EN: "exact: spfpatch decodes Route 53's quoted strings and \\ooo escapes itself and joins the strings",
			JA: "正確: Route 53 の引用符付き文字列と \\ooo エスケープを spfpatch 自身がデコードし、文字列を連結します",
		},
		"setting.route53-hosted-zone-id": {
			EN: "hosted zone ID (Z…) to write to, instead of looking the zone up by name",
			JA: "書き込み先のホストゾーン ID(Z…)。名前でゾーンを探す代わりに使います",
		},
		"setting.AWS_ACCESS_KEY_ID": {
			EN: "AWS access key id (or use AWS_PROFILE)",
			JA: "AWS のアクセスキー ID(または AWS_PROFILE を使用)",
		},
		"setting.AWS_SECRET_ACCESS_KEY": {
			EN: "AWS secret access key",
			JA: "AWS のシークレットアクセスキー",
		},
		"setting.AWS_SESSION_TOKEN": {
			EN: "AWS session token of temporary credentials",
			JA: "一時的な認証情報の AWS セッショントークン",
		},
		"setting.AWS_PROFILE": {
			EN: "profile in ~/.aws/config and ~/.aws/credentials",
			JA: "~/.aws/config と ~/.aws/credentials のプロファイル",
		},
		"setting.AWS_REGION": {
			EN: "AWS region for signing (default us-east-1; Route 53 is global)",
			JA: "署名に使う AWS リージョン(既定値 us-east-1。Route 53 はリージョンに依存しません)",
		},
		"setting.AWS_ENDPOINT_URL_ROUTE_53": {
			EN: "Route 53 API endpoint URL (testing, or a proxy)",
			JA: "Route 53 API のエンドポイント URL(テスト用、またはプロキシ経由の場合)",
		},
		"provider.route53.note.1": {
			EN: "writes use the AWS SDK directly: every TXT value that stays is sent back exactly as Route 53 stored it",
			JA: "書き込みは AWS SDK を直接使います: 残す TXT の値はすべて、Route 53 に保存されていたとおりそのまま送り返します",
		},
		"provider.route53.note.2": {
			EN: "a write is conditional: one change batch that DELETEs the TXT RRset exactly as it was read just before and CREATEs the new one; Route 53 applies it atomically and refuses it when anyone changed the RRset meanwhile, so a value someone else adds is never dropped: nothing is written and the name is reported as drift",
			JA: "書き込みは条件付きです: 直前に読み取ったとおりの TXT RRset を DELETE し、新しい RRset を CREATE する 1 つの変更バッチを送ります。Route 53 はこれをアトミックに適用し、その間に誰かが RRset を変更していれば拒否します。そのため、他の人が追加した値を消してしまうことはありません。この場合は何も書き込まず、その名前をドリフト(drift)として報告します",
		},
		"provider.route53.note.3": {
			EN: "values over 255 bytes are split into strings between SPF terms; every HTTP request counts against Route 53's 5 requests a second",
			JA: "255 バイトを超える値は SPF の項目の区切りで複数の文字列に分割します。HTTP リクエストはすべて Route 53 の毎秒 5 回の上限に数えます",
		},
		"provider.route53.note.4": {
			EN: "private hosted zones are ignored when a public zone has the same name; two public zones of one name need --route53-hosted-zone-id",
			JA: "同じ名前のパブリックゾーンがある場合、プライベートホストゾーンは無視します。同じ名前のパブリックゾーンが 2 つある場合は --route53-hosted-zone-id が必要です",
		},
		"provider.route53.note.5": {
			EN: "TXT RRsets with a routing policy (weighted, latency, geo…) or alias records are not changed",
			JA: "ルーティングポリシー(加重、レイテンシー、位置情報など)付きの TXT RRset と、エイリアスレコードは変更しません",
		},
		"provider.route53.note.6": {
			EN: "requests per changed name, whatever the size of the zone: 4 (plan's read of the name, the re-read before writing, the change batch, the read-back; a read is one ListResourceRecordSets from the name); a name with no records at all is read with 1 more request per label below the zone (a wildcard that would answer for it) and 1 more (names below it), in plan and again in the re-read; plus one zone lookup per zone and run",
			JA: "変更する名前 1 つあたりのリクエスト数は、ゾーンの大きさにかかわらず 4 回です(plan での名前の読み取り、書き込み直前の読み直し、変更バッチ、書き込み後の読み戻し。読み取りはその名前からの ListResourceRecordSets 1 回)。レコードがまったくない名前では、plan と読み直しのそれぞれで、ゾーンより下のラベル 1 つにつき 1 回(その名前に応答するワイルドカードの確認)と、さらに 1 回(その下の名前の確認)多く読み取ります。これに加えて、実行ごとにゾーン 1 つにつき 1 回のゾーン検索",
		},
		"provider.zonefile.description": {
			EN: "RFC 1035 zone files in a directory (BIND, NSD, Knot): edits the file in place, bumps the SOA serial",
			JA: "ディレクトリ内の RFC 1035 ゾーンファイル(BIND、NSD、Knot): ファイルを直接編集し、SOA のシリアル番号を上げます",
		},
		"provider.zonefile.txtread": {
			EN: "unquoted, strings joined",
			JA: "引用符を外し、文字列を連結",
		},
		"setting.zone-dir": {
			EN: "the directory of RFC 1035 zone files",
			JA: "RFC 1035 ゾーンファイルのディレクトリ",
		},
		"provider.zonefile.note.1": {
			EN: "reload the name server after a change (rndc reload, nsd-control reload, knotc zone-reload)",
			JA: "変更後はネームサーバーに再読み込みさせてください(rndc reload、nsd-control reload、knotc zone-reload)",
		},
	})
}
