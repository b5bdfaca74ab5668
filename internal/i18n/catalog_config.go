package i18n

// Messages of the agency configuration file (package config, rendered by
// Printer.ConfigError): "config.<Code>", with the Error's Args. The English
// texts are config.Messages, word for word (TestConfigMessages). Also the
// CLI's messages about the other inputs it reads before a run: the
// --domains-file and the DNS settings (--nameserver, --zone-dir).
func init() {
	register(map[string]msgs{
		"config.read": {
			EN: "%s",
			JA: "設定ファイルを読み込めません: %s。ファイルのパスと読み取り権限を確認してください",
		},
		"config.yaml": {
			EN: "not valid YAML: %s",
			JA: "YAML として読み取れません: %s。インデント、括弧、引用符の対応を確認してください",
		},
		"config.empty": {
			EN: "the file is empty",
			JA: "ファイルが空です。profiles:、defaults:、domains: を書いてください",
		},
		"config.top-level": {
			EN: "the top level must be a mapping with profiles:, defaults: and domains:",
			JA: "ファイルの一番上の階層は、profiles:、defaults:、domains: を「キー: 値」の形で並べてください",
		},
		"config.unknown-key": {
			EN: "unknown key %q: the keys are profiles, defaults and domains",
			JA: "不明なキー %q があります。一番上の階層に書けるキーは profiles、defaults、domains です。綴りを確認してください",
		},
		"config.defaults-profile": {
			EN: "defaults.profile %q is not defined under profiles:",
			JA: "defaults.profile のプロファイル %q が profiles: に定義されていません。profiles: に定義するか、名前の綴りを確認してください",
		},
		"config.domain-profile": {
			EN: "%s: profile %q is not defined under profiles:",
			JA: "%s: プロファイル %q が profiles: に定義されていません。profiles: に定義するか、名前の綴りを確認してください",
		},
		"config.profiles": {
			EN: "profiles: must map profile names to {provider: ..., settings: {...}}",
			JA: "profiles: には、プロファイル名ごとに {provider: ..., settings: {...}} を書いてください",
		},
		"config.profile": {
			EN: "profile %s: must be a mapping with provider: and settings:",
			JA: "プロファイル %s: provider: と settings: を「キー: 値」の形で書いてください",
		},
		"config.settings": {
			EN: "profile %s: settings: must be a mapping",
			JA: "プロファイル %s: settings: には「設定名: 値」を並べてください",
		},
		"config.reference": {
			EN: "profile %s: setting %s: a reference is {env: NAME} or {file: PATH}",
			JA: "プロファイル %s: 設定 %s の参照の書き方が正しくありません。{env: NAME}(環境変数)か {file: PATH}(ファイル)のどちらか 1 つで書いてください",
		},
		"config.profile-key": {
			EN: "profile %s: unknown key %q (use provider: and settings:)",
			JA: "プロファイル %s: 不明なキー %q があります。プロファイルに書けるのは provider: と settings: です",
		},
		"config.no-provider": {
			EN: "profile %s: provider: is missing",
			JA: "プロファイル %s: provider: がありません。使う DNS サービスの名前を provider: に書いてください",
		},
		"config.inline-secret": {
			EN: "profile %s: setting %s is a secret and must not be written in the file; use {env: VARIABLE} or {file: PATH}",
			JA: "プロファイル %s: 設定 %s は秘密情報なので、ファイルに直接書くことはできません。{env: VARIABLE}(環境変数)か {file: PATH}(ファイル)で指定してください",
		},
		"config.defaults": {
			EN: "defaults: %s (keys: profile, include, create, wait)",
			JA: "defaults: の内容が正しくありません: %s(書けるキーは profile、include、create、wait です)",
		},
		"config.domains": {
			EN: "domains: must be a list of domains (or of {domain: ..., profile: ..., zone: ..., include: [...]})",
			JA: "domains: はドメインのリスト(または {domain: ..., profile: ..., zone: ..., include: [...]} のリスト)にしてください",
		},
		"config.domain-entry": {
			EN: "domain entry: %s (keys: domain, profile, zone, include, create)",
			JA: "ドメインの項目が正しくありません: %s(書けるキーは domain、profile、zone、include、create です)",
		},
		"config.domain-without-domain": {
			EN: "domain entry without domain:",
			JA: "ドメインの項目に domain: がありません。domain: に対象のドメイン名を書いてください",
		},
		"config.domain-empty": {
			EN: "empty domain entry",
			JA: "ドメインの項目が空です。ドメイン名を書くか、その行を削除してください",
		},

		// --domains-file (plan, apply, check): the operating system's error
		// stays as detail.
		"cli.domains-file.open": {
			EN: "--domains-file: %v",
			JA: "--domains-file のファイルを開けません: %v。ファイルのパスと読み取り権限を確認してください",
		},
		"cli.domains-file.read": {
			EN: "--domains-file %s: %v",
			JA: "--domains-file %s を最後まで読み込めません: %v。1 行に 1 つずつ TARGET を書いたテキストファイルを指定してください",
		},

		// DNS settings refused before any lookup (every command that reads
		// DNS). The English texts are "DNS setup: " and the resolver's error.
		"dns.setup.nameserver": {
			EN: "DNS setup: resolver: nameserver %q: %v",
			JA: "--nameserver %q は DNS サーバーのアドレスとして使えません: %v。IP アドレス、IP:PORT、[IPv6]:PORT のいずれかで指定してください(複数のときはカンマで区切ります)",
		},
		"dns.setup.zone-dir-not-dir": {
			EN: "DNS setup: resolver: zone dir %s: not a directory",
			JA: "--zone-dir %s はディレクトリではありません。ゾーンファイルを置いたディレクトリを指定してください",
		},
		"dns.setup.zone-dir": {
			EN: "DNS setup: resolver: zone dir: %v",
			JA: "--zone-dir のディレクトリを読み込めません: %v。ディレクトリのパスと読み取り権限を確認してください",
		},
	})
}
