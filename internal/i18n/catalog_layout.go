package i18n

// Messages of the CLI's layout and first contact: the progress display.
func init() {
	register(map[string]msgs{
		"progress.plan": {
			EN: "planning",
			JA: "確認中",
		},
		"progress.check": {
			EN: "checking",
			JA: "チェック中",
		},
		"progress.wait": {
			EN: "waiting",
			JA: "反映待ち",
		},
		"progress.unit": {
			EN: "domains",
			JA: "件",
		},
	})
}
