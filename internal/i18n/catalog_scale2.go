package i18n

// Messages of the second scale branch (issue 13 review): the lookup tree's
// notes for an included domain not shown again.
func init() {
	register(map[string]msgs{
		"spfcheck.note.shown-above": {
			EN: "%s: its terms are shown above",
			JA: "%s の中身は上に表示しています",
		},
		"spfcheck.note.tree-full": {
			EN: "%s: its terms are not shown (the tree shows at most %s terms)",
			JA: "%s の中身は表示していません(表示は最大 %s 項目まで)",
		},
	})
}

func init() {
	register(map[string]msgs{
		"check.interrupted-notice": {
			EN: "Interrupted: the first %d targets were checked and their results written; the others were not checked.",
			JA: "中断しました。最初の %d 件を確認して結果を出力しました。残りは確認していません。",
		},
	})
}
