package i18n

// Messages of apply --wait (plan.Wait) telling apart a nameserver that
// still serves the old value from one that does not answer, and the
// fallback to the ordinary resolver's view.
func init() {
	register(map[string]msgs{
		"wait.progress.old": {
			EN: "; still the old value: %s",
			JA: "。まだ古い値を返しているもの: %s",
		},
		"wait.progress.silent": {
			EN: "; not answering: %s",
			JA: "。応答しないもの: %s",
		},
		"wait.fallback.seen": {
			EN: "  %s: no authoritative nameserver answers (%s; port 53 may be blocked on this network), so the ordinary DNS resolver was asked instead: it serves the new record.",
			JA: "  %s: 権威ネームサーバー(%s)から応答がないため(このネットワークではポート 53 がふさがれている可能性があります)、通常の DNS サーバー経由で確認しました: 新しいレコードが見えています。",
		},
		"wait.fallback.not-yet": {
			EN: "  %s: no authoritative nameserver answers (%s; port 53 may be blocked on this network); watching through the ordinary DNS resolver instead, which does not serve the new record yet.",
			JA: "  %s: 権威ネームサーバー(%s)から応答がないため(このネットワークではポート 53 がふさがれている可能性があります)、通常の DNS サーバー経由で確認しています。まだ新しいレコードは見えていません。",
		},
		"wait.timeout.old": {
			EN: "%s still serve the old value",
			JA: "%s はまだ古い値を返しています",
		},
		"wait.timeout.silent": {
			EN: "%s do not answer (port 53 may be blocked on this network)",
			JA: "%s から応答がありません(このネットワークではポート 53 がふさがれている可能性があります)",
		},
		"wait.timeout.silent.view": {
			EN: "%s do not answer (port 53 may be blocked on this network), and the ordinary DNS resolver does not serve the new record yet",
			JA: "%s から応答がなく(このネットワークではポート 53 がふさがれている可能性があります)、通常の DNS サーバー経由でもまだ新しいレコードは見えていません",
		},
		"wait.and": {
			EN: "; ",
			JA: "。",
		},
	})
}
