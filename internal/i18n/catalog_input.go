package i18n

// Messages about input from the user and from files, refused before any
// lookup (issue 11): targets and include names that cannot be what they
// stand for, flag values out of range, the agency config file's limits and
// value types, and a domain that does not exist. Each names the value, what
// is wrong with it and the fix.
func init() {
	register(map[string]msgs{
		// Targets (plan.ParseTarget).
		"target.list": {
			EN: "invalid target %q: it holds more than one name; give one domain (or address) per argument or per line of --domains-file, without commas",
			JA: "対象 %q は使えません: 名前が 2 つ以上入っています。ドメイン(またはアドレス)は引数ごと、または --domains-file の 1 行ごとに 1 つずつ、カンマを使わずに指定してください",
		},
		"target.at-signs": {
			EN: "invalid target %q: it has %d @ signs; an address has one, as in info@shop.example.com (or give only the domain)",
			JA: "対象 %q は使えません: @ が %d 個あります。メールアドレスの @ は info@shop.example.com のように 1 つだけです(ドメイン名だけを指定してもかまいません)",
		},
		"target.wildcard": {
			EN: "invalid target %q: \"*\" stands for any name (a wildcard) and no mail is sent from it; give the shop's own domain, e.g. %s",
			JA: "対象 %q は使えません: 「*」は任意の名前を表すワイルドカードで、そこからメールは送られません。ショップ自身のドメイン名(例: %s)を指定してください",
		},
		"target.ip": {
			EN: "invalid target %q: %s is an IP address; SPF records are published at domain names: give the shop's domain, e.g. shop.example.com (an ip4:/ip6: term inside the record lists addresses)",
			JA: "対象 %q は使えません: %s は IP アドレスです。SPFレコードはドメイン名に設定するものです。ショップのドメイン名(例: shop.example.com)を指定してください(アドレスはレコードの中の ip4: / ip6: に書きます)",
		},
		"target.char": {
			EN: "invalid target %q: the character %q cannot be in a domain name (letters, digits and hyphens between dots; a Japanese name is fine); check the spelling",
			JA: "対象 %q は使えません: 文字 %q はドメイン名に使えません(ドットの間に使えるのは英字・数字・ハイフンで、日本語ドメイン名も使えます)。綴りを確認してください",
		},
		"target.idna-invalid": {
			EN: "invalid target %q: not a valid domain name (a label may not start or end with a hyphen, and an xn-- label must be a valid encoded name); check the spelling",
			JA: "対象 %q は正しいドメイン名ではありません(ラベルの先頭と末尾にハイフンは使えず、xn-- で始まるラベルは正しく符号化されている必要があります)。綴りを確認してください",
		},
		"target.too-long": {
			EN: "invalid target %q: %d characters long; a domain name has at most %d; check that it is one name",
			JA: "対象 %q は使えません: %d 文字あります。ドメイン名は最長 %d 文字です。1 つの名前になっているか確認してください",
		},

		// Include names (plan.ParseInclude): --include, --remove-include,
		// SPFPATCH_INCLUDE, check --include and include: in the config.
		"include.empty": {
			EN: "an include name is empty; give a domain name such as e-shopsmail2.com (or leave --include out for the default)",
			JA: "include 先の名前が空です。e-shopsmail2.com のようなドメイン名を指定してください(--include を省くと既定値を使います)",
		},
		"include.char": {
			EN: "include %q: the character %q cannot be in an include name; give one domain name such as _spf.example.com per --include",
			JA: "include 先 %q: 文字 %q は include 先の名前に使えません。--include 1 つにつき、_spf.example.com のようなドメイン名を 1 つ指定してください",
		},
		"include.macro": {
			EN: "include %q: macros (%%{...}) are for records written by hand; give a plain domain name",
			JA: "include 先 %q: マクロ(%%{...})はここでは使えません。マクロを含まないドメイン名を指定してください",
		},
		"include.prefix": {
			EN: "include %q: give only the name after \"include:\", e.g. --include %s",
			JA: "include 先 %q: 「include:」の後ろの名前だけを指定してください(例: --include %s)",
		},
		"include.idna-invalid": {
			EN: "include %q is not a valid domain name (a label may not start or end with a hyphen, and an xn-- label must be a valid encoded name); check the spelling",
			JA: "include 先 %q は正しいドメイン名ではありません(ラベルの先頭と末尾にハイフンは使えず、xn-- で始まるラベルは正しく符号化されている必要があります)。綴りを確認してください",
		},
		"include.too-long": {
			EN: "include %q: %d characters long; a domain name has at most %d",
			JA: "include 先 %q: %d 文字あります。ドメイン名は最長 %d 文字です",
		},
		"include.invalid": {
			EN: "include %q: %s",
			JA: "include 先 %q: %s",
		},

		// Flag values (cli checkInputFlags).
		"cli.flag.ttl-seconds": {
			EN: "TTL of a created record, in `SECONDS` (3600) or as a duration (1h); an existing RRset keeps its TTL",
			JA: "新しく作るレコードの TTL。秒数 `SECONDS`(3600)か期間(1h)で指定します。既存の TXT レコードは元の TTL のままです",
		},
		"flag.ttl": {
			EN: "--ttl %q: give the TTL in seconds (3600) or as a duration (3600s, 1h), in whole seconds from 1 to %d",
			JA: "--ttl %q は使えません: TTL は秒数(3600)か期間(3600s、1h)で、1 秒から %d 秒までの整数秒で指定してください",
		},
		"flag.parallel": {
			EN: "--parallel %d: give how many domains to handle at once, 1 or more (default 8)",
			JA: "--parallel %d は使えません: 同時に処理するドメインの数を 1 以上で指定してください(既定値 8)",
		},
		"flag.dns-timeout": {
			EN: "--dns-timeout %s: give how long to wait for one DNS answer, more than zero, e.g. 2s or 500ms (default 2s)",
			JA: "--dns-timeout %s は使えません: DNS の応答 1 回を待つ時間を 0 より大きい値で指定してください(例: 2s、500ms。既定値 2s)",
		},

		// The agency config file (package config): its limits, value types
		// and the settings it may not hold. The English texts are
		// config.Messages, word for word (TestConfigMessages).
		"config.too-large": {
			EN: "the file is %s bytes, over the limit of %s for a config file; keep long domain lists in a --domains-file (one domain a line)",
			JA: "ファイルが %s バイトあり、設定ファイルの上限 %s バイトを超えています。長いドメインの一覧は --domains-file(1 行に 1 ドメイン)に書いてください",
		},
		"config.alias": {
			EN: "aliases (*%s) are not allowed in a config file, because an alias can make a small file expand without limit; write the value out in full",
			JA: "設定ファイルではエイリアス(*%s)は使えません。エイリアスを使うと小さなファイルでも際限なく膨らむことがあるためです。値をそのまま書いてください",
		},
		"config.documents": {
			EN: "the file holds more than one YAML document (---); put profiles:, defaults: and domains: in one",
			JA: "ファイルに YAML の文書(---)が 2 つ以上あります。profiles:、defaults:、domains: は 1 つの文書にまとめてください",
		},
		"config.too-deep": {
			EN: "nested more than %s levels deep; a config file needs at most 5 (domains: - domain: ... include: [...])",
			JA: "入れ子が %s 段を超えています。設定ファイルの入れ子は最大 5 段です(domains: - domain: ... include: [...])",
		},
		"config.too-many-keys": {
			EN: "more than %s keys in one mapping; a config file lists its domains under domains: (one - entry each), or keep long lists in a --domains-file",
			JA: "1 つのマッピングにキーが %s 個を超えてあります。ドメインは domains: の下に「- 」で 1 つずつ並べるか、長い一覧は --domains-file に書いてください",
		},
		"config.interrupted": {
			EN: "reading the file was interrupted",
			JA: "ファイルの読み込みが中断されました",
		},
		"config.domain-key": {
			EN: "domain entry: unknown key %q (keys: domain, profile, zone, include, create)",
			JA: "ドメインの項目が正しくありません: 不明なキー %q があります(書けるキーは domain、profile、zone、include、create です)。綴りを確認してください",
		},
		"config.defaults-key": {
			EN: "defaults: unknown key %q (keys: profile, include, create, wait)",
			JA: "defaults: に不明なキー %q があります(書けるキーは profile、include、create、wait です)。綴りを確認してください",
		},
		"config.not-text": {
			EN: "%s: %s must be one value written as text, not %s",
			JA: "%s: %s には値を 1 つ、文字列で書いてください(%s は使えません)",
		},
		"config.not-names": {
			EN: "%s: include must be a name or a list of names, e.g. [e-shopsmail2.com, _spf.example.com], not %s",
			JA: "%s: include には名前を 1 つか、名前のリスト(例: [e-shopsmail2.com, _spf.example.com])を書いてください(%s は使えません)",
		},
		"config.not-bool": {
			EN: "%s: %s must be true or false, not %s",
			JA: "%s: %s には true か false を書いてください(%s は使えません)",
		},
		"config.not-duration": {
			EN: "%s: wait must be a duration such as 2m or 90s, not %s",
			JA: "%s: wait には 2m や 90s のような時間を書いてください(%s は使えません)",
		},
		"config.domain-list": {
			EN: "domains: each entry is a domain (- shop.example.com) or a mapping (- domain: shop.example.com), not %s",
			JA: "domains: の各項目はドメイン名(- shop.example.com)か「キー: 値」の形(- domain: shop.example.com)で書いてください(%s は使えません)",
		},
		"config.testing-only": {
			EN: "profile %s: setting %s is for testing only and cannot be set in a config file (it would send the API token elsewhere); set it in the environment of a test run instead",
			JA: "プロファイル %s: 設定 %s はテスト専用のため、設定ファイルには書けません(API トークンが別のサーバーに送られてしまいます)。テストで使う場合は環境変数で指定してください",
		},
		"config.include": {
			EN: "%s",
			JA: "%s",
		},

		// A CNAME whose target is not a domain name (plan): nothing to run
		// spfpatch on.
		"plan.cname.invalid": {
			EN: "%s is a CNAME (alias) for %q, which is not a valid domain name: receivers find no SPF record there; remove the CNAME or point it at the right name at your DNS host",
			JA: "%s は %q の CNAME(別名)ですが、その名前は正しいドメイン名ではありません。受信側はそこで SPFレコードを見つけられません。DNS の管理画面で CNAME を削除するか、正しい名前に向けてください",
		},

		// A target that does not exist (plan, apply, check).
		"plan.no-such-domain": {
			EN: "%s: the domain does not exist; check the spelling (zone %s has no record at this name or below it; no SPF record is created at a name that does not exist)",
			JA: "%s: このドメインは存在しません。綴りを確認してください(ゾーン %s には、この名前にもその下の名前にもレコードがありません。存在しない名前に SPFレコードは作りません)",
		},
		"plan.no-such-domain.dns": {
			EN: "%s: the domain does not exist (DNS answers NXDOMAIN); check the spelling (no SPF record is created at a name that does not exist)",
			JA: "%s: このドメインは存在しません(DNS の応答は NXDOMAIN です)。綴りを確認してください(存在しない名前に SPFレコードは作りません)",
		},
		"check.status.nxdomain": {
			EN: "%s does not exist (DNS answers NXDOMAIN): check the spelling; receivers find no SPF record for mail from it",
			JA: "%s は存在しません(DNS の応答は NXDOMAIN です)。綴りを確認してください。このドメインから送られたメールの SPFレコードは見つかりません",
		},
	})
}
