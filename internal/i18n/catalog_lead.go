package i18n

// Messages of the lead's last round: check's suggestion names the program
// as it was run (./spfpatch from a clone), as plan's and apply's hints do;
// the upper bound of --parallel; doctor's last line when it has no command
// to give.
func init() {
	register(map[string]msgs{
		"doctor.verdict.steps": {
			EN: "Do the steps (->) of the items marked [NG].",
			JA: "[NG] の項目の手順(->)を行ってください。",
		},
		"flag.parallel.max": {
			EN: "--parallel %d: at most %d domains at once (each domain in flight holds its own memory and sockets)",
			JA: "--parallel %d は使えません: 同時に処理するドメインの数は %d までです(処理中のドメインは 1 件ごとにメモリーとソケットを使います)",
		},
		"check.status.none.prog": {
			EN: "%s has no SPF record: receivers cannot tell which servers may send its mail; run %s plan --create %s",
			JA: "%s には SPFレコードがありません。受信側はどのサーバーがこのドメインのメールを送ってよいか判断できません。%s plan --create %s を実行してください",
		},
	})
}
