package i18n

// Messages of the guarded write path's review mends (issue 10, second
// round): rollback journals bound by their inputs, names checked again
// under the lock, the manual provider's value checked like a write, cut
// journal lines in the middle of a journal, the end of a run's durability.
func init() {
	register(map[string]msgs{
		"guard.journal-no-inputs": {
			EN: "%s: the journal entry does not record what its change was made from (its includes), so nothing binds the record it would put back; rollback will not use it (the journal was edited by hand, or written by an older spfpatch): restore this name by hand",
			JA: "%s: ジャーナルの記録に、変更のもとになった内容(include)が記録されていないため、元に戻すレコードが正しいか確かめられません。rollback ではこの記録を使いません(ジャーナルが手で書き換えられたか、古い spfpatch で書かれたものです)。このドメインは手作業で元に戻してください。",
		},
		"guard.journal-changed.rollback": {
			EN: "%s: the journal entry of a rollback does not hold together (edited by hand?): the record it replaced is not what its includes make of the record it put back, so rollback will not use it.\n%s",
			JA: "%s: rollback のジャーナルの記録のつじつまが合いません(手で書き換えられた可能性があります)。置き換える前のレコードが、元に戻したレコードと include から作られる内容と一致しないため、rollback では使いません。\n%s",
		},
		"guard.name-not-in-zone": {
			EN: "%s is not a name of zone %s, or not the name of its target %s: the change was edited by hand; nothing was written",
			JA: "%s はゾーン %s の名前ではないか、対象のドメイン %s の名前と一致しません。変更が手で書き換えられています。何も書き込んでいません。",
		},
		"apply.lock-hidden": {
			EN: "%s: not written: the %s provider's zone lock cannot be taken through the way it is called, and its files are not written without it",
			JA: "%s: 書き込んでいません。%s プロバイダーのゾーンのロックを取得できないため、ロックなしではファイルに書き込みません。",
		},
		"apply.sync-failed": {
			EN: "the changes were written, but putting them on disk for good failed (%v): after a crash of the system some may be lost; run check, or apply again",
			JA: "変更は書き込みましたが、ディスクへの確定に失敗しました(%v)。システムが異常終了すると一部が失われる可能性があります。check で確認するか、もう一度 apply を実行してください。",
		},
		"apply.journal-flush-failed": {
			EN: "the journal's last lines could not be put on disk (%s): it may not say what was written; run check to see the live records",
			JA: "ジャーナルの最後の行をディスクに書き込めませんでした(%s)。書き込んだ内容が記録されていない可能性があります。check で現在のレコードを確認してください。",
		},
		"apply.end-failed": {
			EN: "%s; and %s",
			JA: "%s。また、%s",
		},
		"apply.report.manual-value": {
			EN: "  %s: checked against the record read over DNS just now (lookups %d of %d): set the TXT record in your DNS panel to\n      %s\n    then run: %s",
			JA: "  %s: DNS で読み直した現在のレコードと照合しました(DNS 参照 %d 回、上限 %d 回)。DNS の管理画面で TXT レコードを次の値に設定してください:\n      %s\n    その後、次のコマンドを実行してください: %s",
		},
		"saved.bad-name": {
			EN: "saved plan %s, change %d: the name %s is not in its zone %s, or not the name of its target %s (the file was edited by hand); make the plan again",
			JA: "保存したプラン %s の %d 番目の変更: 名前 %s がゾーン %s に含まれないか、対象のドメイン %s と一致しません(ファイルが手で書き換えられています)。もう一度プランを作成してください。",
		},
		"file.symlink-read": {
			EN: "%s is a symbolic link: spfpatch does not read its plan and journal files through links; give the real file",
			JA: "%s はシンボリックリンクです。spfpatch はプランやジャーナルのファイルをリンク経由では読みません。実際のファイルを指定してください。",
		},
		"render.inputs": {
			EN: "made from the plan file's inputs: %s (what is written is computed from these and the live record)",
			JA: "プランファイルに記録された指定: %s(書き込む内容は、この指定と現在のレコードから計算します)",
		},
		"render.inputs.none": {
			EN: "none",
			JA: "なし",
		},
		"rollback.not-chained": {
			EN: "%s: the journal's changes of this name do not follow each other (the record was changed between the runs that wrote them), so no one record can be put back; restore it by hand",
			JA: "%s: このドメインに対するジャーナルの変更記録がつながっていません(記録した実行の間にレコードが変更されています)。どの時点に戻すか決められないため、手作業で元に戻してください。",
		},
		"rollback.mixed": {
			EN: "%s: the journal holds both an apply and a rollback of this name, and the record is at neither end: restore it by hand",
			JA: "%s: ジャーナルにこのドメインの apply と rollback の両方が記録されており、現在のレコードはどちらの結果とも一致しません。手作業で元に戻してください。",
		},
		"journal.cut.middle": {
			EN: "journal %s: line %d was cut short by a crash while it was being written; the runs after it went on below it, and every complete line is used",
			JA: "ジャーナル %s: %d 行目が、書き込み中の異常終了で途中で切れています。その後の実行はその下に続けて記録しており、完全な行はすべて使います。",
		},
	})
}
