package i18n

// Messages added by the second pass on issue 14 (the shop owner's doctor),
// outside doctor's own catalog: the DNS servers of a Windows PC, check's
// status words, the plan summary's reasons, apply --wait's live record.
func init() {
	register(map[string]msgs{
		"dns.setup.no-system-servers": {
			EN: "No DNS server was found on this computer. Run again with --nameserver 1.1.1.1 added.",
			JA: "このパソコンの DNS サーバーが見つかりません。--nameserver 1.1.1.1 を付けて実行してください。",
		},
	})
}
