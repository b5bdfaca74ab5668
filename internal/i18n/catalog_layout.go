package i18n

// Messages of the CLI's layout and first contact: the progress display.
func init() {
	register(map[string]msgs{
		"progress.plan": {
			EN: "planning",
			JA: "確認中",
		},
		"progress.unit": {
			EN: "domains",
			JA: "件",
		},
	})
}
