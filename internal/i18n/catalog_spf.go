package i18n

// Messages of packages spfedit and spfcheck, rendered by spf.go: lint
// warnings ("lint.<code>"), syntax errors ("spf.err.<sentinel code>",
// "spf.reason.<reason code>", "spf.hint.<hint code>" and the sentences
// "spf.syntax.*"). The English texts are exactly spfedit's own messages.
func init() {
	register(map[string]msgs{
		// Lint warnings (spfedit.Warn*), with Warning.Args.
		"lint.all-pass": {
			EN: "%q lets every server on the internet send mail as this domain; use ~all (or -all once every sender is listed)",
			JA: "%q では、インターネット上のどのサーバーでもこのドメインのメールを送れてしまいます。~all を使ってください(送信元をすべて書き終えたら -all にできます)。",
		},
		"lint.all-neutral": {
			EN: "%q gives no protection against forged mail; use ~all (or -all once every sender is listed)",
			JA: "%q ではなりすましメールを防げません。~all を使ってください(送信元をすべて書き終えたら -all にできます)。",
		},
		"lint.ptr-deprecated": {
			EN: "%q is deprecated (RFC 7208 §5.5): it is slow and many receivers ignore it; list the servers with ip4:, ip6: or a instead",
			JA: "%q は非推奨です(RFC 7208 §5.5)。処理が遅く、多くの受信側は無視します。代わりに ip4:、ip6: または a で送信サーバーを指定してください。",
		},
		"lint.include-not-pass": {
			EN: "%[1]q has the qualifier %[2]q, so mail from %[3]s's servers gets %[4]s; remove the %[2]q",
			JA: "%[1]q には記号 %[2]q が付いているため、%[3]s のサーバーから送ったメールの判定は %[4]s になります。%[2]q を外してください。",
		},
		"lint.redirect-ignored": {
			EN: "%[1]q is ignored because the record has %[2]q (RFC 7208 §6.1); remove one of them",
			JA: "レコードに %[2]q があるため、%[1]q は無視されます(RFC 7208 §6.1)。どちらか一方を削除してください。",
		},
		"lint.after-all": {
			EN: "%[1]q comes after %[2]q and is never evaluated; move it before %[2]q",
			JA: "%[1]q は %[2]q より後ろにあるため、評価されません。%[2]q より前に移してください。",
		},
		"lint.duplicate-term": {
			EN: "%q appears more than once; delete the repeat",
			JA: "%q が 2 回以上書かれています。重複している方を削除してください。",
		},
		"lint.term-too-long": {
			EN: "term %[2]q is %[3]s bytes, more than fits in one 255-byte TXT string; shorten it",
			JA: "項目 %[2]q は %[3]s バイトあり、TXT レコードの 1 つの文字列(255 バイトまで)に収まりません。短くしてください。",
		},
		"lint.record-too-long": {
			EN: "the record is %s bytes, over the %s that RFC 7208 §3.4 recommends so the answer fits one UDP packet; move some servers into an include",
			JA: "レコードが %s バイトあり、RFC 7208 §3.4 が推奨する %s バイトを超えています(DNS の応答を UDP パケット 1 つに収めるための目安です)。一部のサーバーを include 先に移してください。",
		},

		// Syntax-error sentences: term, byte offset, reason; then the hint.
		"spf.syntax.term": {
			EN: "SPF syntax error in term %q (byte %d): %s",
			JA: "SPFレコードの項目 %q(先頭から %d バイトの位置)に誤りがあります: %s",
		},
		"spf.syntax.at": {
			EN: "SPF syntax error at byte %d: %s",
			JA: "SPFレコードの先頭から %d バイトの位置に誤りがあります: %s",
		},
		"spf.syntax.end": {
			EN: "%s",
			JA: "%s。",
		},
		"spf.syntax.hint": {
			EN: "%s; %s",
			JA: "%s。%s",
		},
		"spf.multiple": {
			EN: "%d SPF records where only one is allowed: %s; merge them into one record and delete the others",
			JA: "SPFレコードが %d 個ありますが、1 つのドメインに置けるのは 1 つだけです: %s。1 つのレコードにまとめて、残りは削除してください。",
		},
		"spf.multiple.and": {
			EN: " and ",
			JA: "、",
		},
		"spf.include-target": {
			EN: "include target: %s",
			JA: "include 先のドメイン名: %s",
		},

		// Reasons by sentinel (spfedit.ErrorCode), when nothing more precise is known.
		"spf.err.not-spf": {
			EN: "not an SPF record (it must start with \"v=spf1\")",
			JA: "SPFレコードではありません(SPFレコードは \"v=spf1\" で始まります)",
		},
		"spf.err.unknown-mechanism": {
			EN: "unknown mechanism",
			JA: "SPF のメカニズムではありません",
		},
		"spf.err.missing-domain": {
			EN: "domain missing",
			JA: "ドメイン名がありません",
		},
		"spf.err.bad-domain": {
			EN: "invalid domain",
			JA: "ドメイン名が正しくありません",
		},
		"spf.err.bad-ip": {
			EN: "invalid IP address",
			JA: "IP アドレスが正しくありません",
		},
		"spf.err.bad-cidr": {
			EN: "invalid CIDR prefix length",
			JA: "プレフィックス長(/ の後の数字)が正しくありません",
		},
		"spf.err.bad-macro": {
			EN: "invalid macro",
			JA: "マクロが正しくありません",
		},
		"spf.err.bad-qualifier": {
			EN: "qualifier not allowed here",
			JA: "ここには記号(+ - ~ ?)を付けられません",
		},
		"spf.err.duplicate-modifier": {
			EN: "modifier appears more than once",
			JA: "同じ修飾子が 2 回以上書かれています",
		},
		"spf.err.bad-modifier": {
			EN: "invalid modifier",
			JA: "修飾子の書き方が正しくありません",
		},
		"spf.err.bad-character": {
			EN: "character not allowed in an SPF record",
			JA: "SPFレコードに使えない文字があります",
		},
		"spf.err.empty-term": {
			EN: "empty term",
			JA: "空の項目があります",
		},
		"spf.err.multiple-records": {
			EN: "spfedit: more than one SPF record",
			JA: "SPFレコードが複数あります",
		},
		"spf.err.unexpected-argument": {
			EN: "mechanism takes no argument",
			JA: "このメカニズムには引数を付けられません",
		},
		"spf.err.unexpected-text": {
			EN: "unexpected text",
			JA: "余分な文字があります",
		},

		// Precise reasons (spfedit.Reason*), with SyntaxError.Detail.
		"spf.reason.bad-byte": {
			EN: "character not allowed in an SPF record: byte %s at offset %s of the term",
			JA: "SPFレコードに使えない文字(バイト %s)が項目の先頭から %s バイトの位置にあります",
		},
		"spf.reason.bad-rune": {
			EN: "character not allowed in an SPF record: %s %s at offset %s of the term",
			JA: "SPFレコードに使えない文字 %s %s が項目の先頭から %s バイトの位置にあります",
		},
		"spf.reason.macro-bad-byte": {
			EN: "character not allowed in an SPF record: byte %s",
			JA: "SPFレコードに使えない文字(バイト %s)があります",
		},
		"spf.reason.modifier-name": {
			EN: "invalid modifier: the name before '=' must start with a letter",
			JA: "修飾子の書き方が正しくありません: '=' の前の名前は英字で始める必要があります",
		},
		"spf.reason.missing-after": {
			EN: "domain missing after %s",
			JA: "%s の後にドメイン名がありません",
		},
		"spf.reason.unknown-name": {
			EN: "unknown mechanism %q",
			JA: "%q は SPF のメカニズムではありません",
		},
		"spf.reason.argument": {
			EN: "mechanism takes no argument: %q",
			JA: "このメカニズムには引数を付けられません: %q",
		},
		"spf.reason.ptr-prefix": {
			EN: "invalid CIDR prefix length: ptr takes no prefix length",
			JA: "ptr にはプレフィックス長(/ の後の数字)を付けられません",
		},
		"spf.reason.cidr-text": {
			EN: "invalid CIDR prefix length: %q",
			JA: "プレフィックス長(/ の後の数字)が正しくありません: %q",
		},
		"spf.reason.cidr-too-long": {
			EN: "invalid CIDR prefix length: /%s is more than %s",
			JA: "プレフィックス長 /%s は上限の %s を超えています",
		},
		"spf.reason.no-address": {
			EN: "invalid IP address: %s needs an address",
			JA: "%s の後に IP アドレスがありません",
		},
		"spf.reason.not-ipv4": {
			EN: "invalid IP address: %q is not an IPv4 address",
			JA: "%q は IPv4 アドレスではありません",
		},
		"spf.reason.not-ipv6": {
			EN: "invalid IP address: %q is not an IPv6 address",
			JA: "%q は IPv6 アドレスではありません",
		},
		"spf.reason.no-dot": {
			EN: "invalid domain %q: a domain needs at least one dot, e.g. example.com",
			JA: "ドメイン名 %q が正しくありません: ドメイン名にはドット(.)が 1 つ以上必要です(例: example.com)",
		},
		"spf.reason.top-label": {
			EN: "invalid domain %q: the last label %q must be letters, digits and hyphens with at least one letter",
			JA: "ドメイン名 %q が正しくありません: 最後の部分 %q は英字・数字・ハイフンで書き、英字を 1 文字以上含める必要があります",
		},
		"spf.reason.empty-name": {
			EN: "invalid domain: empty name",
			JA: "ドメイン名が空です",
		},
		"spf.reason.domain-macro": {
			EN: "invalid domain %q: macros are not allowed here",
			JA: "ドメイン名 %q が正しくありません: ここではマクロ(%%{...})は使えません",
		},
		"spf.reason.domain-too-long": {
			EN: "invalid domain %q: longer than 253 bytes",
			JA: "ドメイン名 %q が 253 バイトを超えています",
		},
		"spf.reason.domain-label": {
			EN: "invalid domain %q: empty label or label over 63 bytes",
			JA: "ドメイン名 %q に、空の部分か 63 バイトを超える部分があります(ドットの間が空か長すぎます)",
		},
		"spf.reason.domain-idn": {
			EN: "invalid domain %q: convert an internationalised name to its xn-- form first",
			JA: "ドメイン名 %q に英数字以外の文字があります: 日本語ドメイン名は先に xn-- で始まる形(Punycode)に変換してください",
		},
		"spf.reason.domain-char": {
			EN: "invalid domain %q: character %s not allowed",
			JA: "ドメイン名 %q に使えない文字 %s があります",
		},
		"spf.reason.domain-form": {
			EN: "invalid domain %q: a domain needs at least one dot and a last label with a letter, e.g. example.com",
			JA: "ドメイン名 %q が正しくありません: ドット(.)を 1 つ以上含み、最後の部分に英字を含める必要があります(例: example.com)",
		},
		"spf.reason.lone-percent": {
			EN: "invalid macro: %q ends with a lone %%; write %%%% for a percent sign",
			JA: "マクロが正しくありません: %q は %% 1 文字で終わっています。%% という文字そのものは %%%% と書いてください",
		},
		"spf.reason.macro-unclosed": {
			EN: "invalid macro: %q has no closing }",
			JA: "マクロが正しくありません: %q に閉じる } がありません",
		},
		"spf.reason.macro-no-letter": {
			EN: "invalid macro %q: no macro letter",
			JA: "マクロ %q にマクロ文字がありません",
		},
		"spf.reason.macro-letter": {
			EN: "invalid macro %q: unknown macro letter %s (valid: s l o d i p h v; c r t only in exp= text)",
			JA: "マクロ %q の文字 %s は使えません(使えるのは s l o d i p h v。c r t は exp= の説明文の中だけ)",
		},
		"spf.reason.macro-explain-only": {
			EN: "invalid macro %q: macro letter %s is allowed only in explanation text",
			JA: "マクロ %q の文字 %s は説明文(exp=)の中でしか使えません",
		},
		"spf.reason.macro-zero-parts": {
			EN: "invalid macro %q: the number of parts must not be zero",
			JA: "マクロ %q で、取り出す部分の数に 0 は指定できません",
		},
		"spf.reason.macro-delimiter": {
			EN: "invalid macro %q: %s is not a delimiter (valid: . - + , / _ =)",
			JA: "マクロ %q の %s は区切り文字として使えません(使えるのは . - + , / _ =)",
		},
		"spf.reason.macro-after-percent": {
			EN: "invalid macro %q: after %% only {, %%, _ or - may follow; write %%%% for a percent sign",
			JA: "マクロ %q が正しくありません: %% の後に続けられるのは {、%%、_、- だけです。%% という文字そのものは %%%% と書いてください",
		},
		"spf.reason.after-mechanism": {
			EN: "unexpected text: %q after the mechanism %[2]q",
			JA: "メカニズム %[2]q の後に余分な文字 %[1]q があります",
		},

		// Hints (spfedit.Hint*), with SyntaxError.HintArgs.
		"spf.hint.after-version": {
			EN: "the character %s follows \"v=spf1\": put an ASCII space there",
			JA: "\"v=spf1\" の直後に文字 %s があります。半角スペースに置き換えてください。",
		},
		"spf.hint.quoted": {
			EN: "remove the quotes around the record: give the text from v=spf1 to the end",
			JA: "レコードを囲む引用符を取り除き、v=spf1 から最後までの文字列だけを指定してください。",
		},
		"spf.hint.before-version": {
			EN: "remove what stands before \"v=spf1\" or between it and the first space",
			JA: "\"v=spf1\" の前にある文字、または \"v=spf1\" と最初のスペースの間にある文字を削除してください。",
		},
		"spf.hint.one-modifier": {
			EN: "a record may have only one %[1]s=; keep one and delete the other",
			JA: "%[1]s= は 1 つのレコードに 1 つしか書けません。1 つを残して、もう一方を削除してください。",
		},
		"spf.hint.ascii-only": {
			EN: "retype the term in plain ASCII: full-width (zenkaku) letters, spaces and quotes, tabs and line breaks are not allowed",
			JA: "この項目を半角英数字で入力し直してください。全角の文字・スペース・引用符、タブ、改行は使えません。",
		},
		"spf.hint.modifier-qualifier": {
			EN: "modifiers such as redirect= and exp= take no +, -, ~ or ? in front",
			JA: "redirect= や exp= などの修飾子の前には +、-、~、? を付けられません。",
		},
		"spf.hint.write-modifier": {
			EN: "write %s=DOMAIN",
			JA: "%s=ドメイン名 の形で書いてください。",
		},
		"spf.hint.no-colon-start": {
			EN: "a term cannot start with ':'",
			JA: "項目を ':' で始めることはできません。",
		},
		"spf.hint.mechanisms": {
			EN: "the mechanisms are all, include, a, mx, ptr, ip4, ip6 and exists",
			JA: "使えるメカニズムは all、include、a、mx、ptr、ip4、ip6、exists です。",
		},
		"spf.hint.did-you-mean": {
			EN: "did you mean %s?",
			JA: "%s の書き間違いかもしれません",
		},
		"spf.hint.ip4-or-ip6": {
			EN: "did you mean ip4 or ip6?",
			JA: "ip4 または ip6 の書き間違いかもしれません",
		},
		"spf.hint.modifier-equals": {
			EN: "did you mean %s=DOMAIN (with =, not :)?",
			JA: "%s=ドメイン名 の書き間違いかもしれません(: ではなく = を使います)",
		},
		"spf.hint.version-spaced": {
			EN: "did you mean a space-separated v=spf1 only at the start?",
			JA: "v=spf1 はレコードの先頭に 1 回だけ書き、後ろにスペースを空けます。",
		},
		"spf.hint.version-start": {
			EN: "did you mean v=spf1 only at the start?",
			JA: "v=spf1 はレコードの先頭にだけ書きます。",
		},
		"spf.hint.version-once": {
			EN: "did you mean v=spf1 only once, at the start?",
			JA: "v=spf1 はレコードの先頭に 1 回だけ書きます。",
		},
		"spf.hint.all-alone": {
			EN: "write just \"all\" with its qualifier, e.g. ~all",
			JA: "\"all\" には記号だけを付けて書いてください(例: ~all)。",
		},
		"spf.hint.write-domain": {
			EN: "write %[1]s:DOMAIN, e.g. %[1]s:_spf.example.com",
			JA: "%[1]s:ドメイン名 の形で書いてください(例: %[1]s:_spf.example.com)。",
		},
		"spf.hint.optional-domain": {
			EN: "write %[1]s or %[1]s:DOMAIN",
			JA: "%[1]s だけを書くか、%[1]s:ドメイン名 の形で書いてください。",
		},
		"spf.hint.dual-cidr": {
			EN: "IPv4 lengths are /0 to /32 and IPv6 lengths //0 to //128, without leading zeros",
			JA: "プレフィックス長は IPv4 が /0〜/32、IPv6 が //0〜//128 で、先頭に 0 を付けずに書きます。",
		},
		"spf.hint.write-address": {
			EN: "write %[1]s:ADDRESS or %[1]s:ADDRESS/LENGTH",
			JA: "%[1]s:アドレス または %[1]s:アドレス/長さ の形で書いてください。",
		},
		"spf.hint.ipv4-form": {
			EN: "an IPv4 address is four numbers from 0 to 255, e.g. ip4:192.0.2.1",
			JA: "IPv4 アドレスは 0〜255 の数字 4 つをドットで区切って書きます(例: ip4:192.0.2.1)。",
		},
		"spf.hint.ipv6-form": {
			EN: "write an IPv6 address such as ip6:2001:db8::1",
			JA: "ip6:2001:db8::1 のように IPv6 アドレスを書いてください。",
		},
		"spf.hint.write-ip4": {
			EN: "this is an IPv4 address: write ip4:%s",
			JA: "これは IPv4 アドレスです。ip4:%s と書いてください。",
		},
		"spf.hint.write-ip6": {
			EN: "this is an IPv6 address: write ip6:%s",
			JA: "これは IPv6 アドレスです。ip6:%s と書いてください。",
		},
		"spf.hint.cidr-max": {
			EN: "the length after / is 0 to %s, without leading zeros",
			JA: "/ の後の長さは 0〜%s で、先頭に 0 を付けずに書きます。",
		},
		"spf.hint.separator": {
			EN: "terms are separated by spaces, not %q: write %q",
			JA: "項目の区切りは %q ではなく半角スペースです。%q と書いてください。",
		},
		"spf.hint.space-between": {
			EN: "put a space between the terms: write %q",
			JA: "項目の間に半角スペースを入れて %q と書いてください。",
		},
		"spf.hint.remove-text": {
			EN: "remove %q: write %q",
			JA: "%q を削除して %q と書いてください。",
		},
	})
}
