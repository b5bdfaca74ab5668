package i18n

// Messages of the guarded write path (issue 10): the write guard of
// plan.Apply, journals, files spfpatch writes at a path the user names,
// zone files, and the rollback command's own texts.
func init() {
	register(map[string]msgs{
		// The write guard (plan/guard.go).
		"guard.no-spf": {
			EN: "%s: the live TXT records have no SPF record and the plan does not create one, so nothing was written",
			JA: "%s: 現在の TXT レコードに SPFレコードがなく、プランも新しく作るものではないため、何も書き込んでいません",
		},
		"guard.no-inputs": {
			EN: "%s: the change does not say what it was made from (includes, removes), so it cannot be checked against the live record; nothing was written: make the plan again",
			JA: "%s: この変更には、何をもとに作られたか(追加・削除する include)が記録されていないため、現在のレコードと照合できません。何も書き込んでいません。もう一度プランを作成してください。",
		},
		"guard.plan-changed": {
			EN: "%s: the plan file was changed after it was saved: its new record is not what its includes make of the live record, so nothing was written; make the plan again.\n%s",
			JA: "%s: 保存した後にプランファイルが書き換えられています(新しいレコードが、指定された include と現在のレコードから作られる内容と一致しません)。何も書き込んでいません。もう一度プランを作成してください。\n%s",
		},
		"guard.plan-inconsistent": {
			EN: "%s: the planned records are not what the includes make of the live record, so nothing was written; run plan again.\n%s",
			JA: "%s: プランのレコードが、指定された include と現在のレコードから作られる内容と一致しないため、何も書き込んでいません。もう一度 plan を実行してください。\n%s",
		},
		"guard.journal-changed": {
			EN: "%s: the journal entry does not hold together (edited by hand?): its record after the change is not what its includes make of its record before, so rollback will not use it.\n%s",
			JA: "%s: ジャーナルの記録のつじつまが合いません(手で書き換えられた可能性があります)。変更後のレコードが、変更前のレコードと include から作られる内容と一致しないため、rollback では使いません。\n%s",
		},
		"guard.journal-others": {
			EN: "%s: the journal's record before the change differs from the live TXT records in more than the SPF record, and rollback only puts back the SPF record, so it will not touch this name:\n%s",
			JA: "%s: ジャーナルに記録された変更前の内容と現在の TXT レコードが、SPFレコード以外の部分でも異なります。rollback が戻すのは SPFレコードだけなので、このドメインには触れません:\n%s",
		},
		"guard.not-only-spf": {
			EN: "%s: the write would change more than the one SPF record, so nothing was written:\n%s",
			JA: "%s: この書き込みでは SPFレコード以外も変わってしまうため、何も書き込んでいません:\n%s",
		},
		"guard.no-checker": {
			EN: "%s: the record's DNS lookups cannot be counted before writing, so nothing was written",
			JA: "%s: 書き込む前にレコードの DNS 参照回数を数えられないため、何も書き込んでいません",
		},
		"guard.over-limit": {
			EN: "%s: counted again just before writing, the record to write needs %d DNS lookups, over the limit of %d, so nothing was written. Costliest: %s. The records it includes have changed since it was planned: run plan again",
			JA: "%s: 書き込む直前に数え直したところ、書き込むレコードは DNS 参照が %d 回必要で、上限の %d 回を超えるため、何も書き込んでいません。参照回数の多い項目: %s。プランの作成後に、include 先のレコードが変わっています。もう一度 plan を実行してください。",
		},
		"guard.over-void-limit": {
			EN: "%s: counted again just before writing, the new record is over the limit of void lookups (names that do not exist), so nothing was written: %s",
			JA: "%s: 書き込む直前に数え直したところ、新しいレコードは存在しない名前への参照(void lookup)の上限を超えるため、何も書き込んでいません: %s",
		},
		"guard.permerror": {
			EN: "%s: counted again just before writing, the new record would be invalid (permerror), so nothing was written: %s",
			JA: "%s: 書き込む直前に確認したところ、新しいレコードは無効(permerror)になるため、何も書き込んでいません: %s",
		},
		"guard.temperror": {
			EN: "%s: the new record's DNS lookups could not be counted just before writing because a lookup failed, so nothing was written: %s; check the network or --nameserver and run again",
			JA: "%s: 書き込む直前に DNS の問い合わせに失敗し、新しいレコードの DNS 参照回数を数えられなかったため、何も書き込んでいません: %s。ネットワークまたは --nameserver を確認して、もう一度実行してください。",
		},
		"diff.from-inputs": {
			EN: "      expected          %s",
			JA: "      本来の内容:               %s",
		},
		"diff.in-plan": {
			EN: "      in the plan file  %s",
			JA: "      プランファイルの内容:     %s",
		},
		"diff.in-journal": {
			EN: "      in the journal    %s",
			JA: "      ジャーナルの内容:         %s",
		},
		"diff.to-write": {
			EN: "      to be written     %s",
			JA: "      書き込もうとした内容:     %s",
		},
		"apply.lock-failed": {
			EN: "%s: not written: %s",
			JA: "%s: 書き込んでいません: %s",
		},

		// Journals.
		"journal.not-journal": {
			EN: "%s exists and is not an spfpatch journal: refusing to write to it; give a new file name with --journal",
			JA: "%s はすでにあり、spfpatch のジャーナルではないため、書き込みません。--journal で新しいファイル名を指定してください。",
		},
		"journal.cut": {
			EN: "journal %s: its last line (line %d) was cut short, probably by a crash while it was being written; every complete line before it is used",
			JA: "ジャーナル %s: 最後の行(%d 行目)が途中で切れています(書き込み中に異常終了したためと思われます)。それより前の完全な行はすべて使います。",
		},
		"journal.cut.intent": {
			EN: "the cut line was the start of a change to %s, written before anything was sent to the provider: nothing was written for it",
			JA: "切れていた行は %s の変更の開始記録で、プロバイダーに何かを送る前に書かれるものです。このドメインには何も書き込まれていません。",
		},
		"journal.cut.intent-noname": {
			EN: "the cut line was the start of a change, written before anything was sent to the provider: nothing was written for it",
			JA: "切れていた行は変更の開始記録で、プロバイダーに何かを送る前に書かれるものです。この変更は書き込まれていません。",
		},
		"journal.cut.result": {
			EN: "the cut line was the result of a change: rollback reads the live record to see whether that change was written",
			JA: "切れていた行は変更結果の記録です。その変更が書き込まれたかどうかは、rollback が現在のレコードを読んで確かめます。",
		},
		"journal.cut.other": {
			EN: "the cut line cannot be read further",
			JA: "切れていた行の内容はこれ以上読み取れません",
		},

		// Files at a path the user names (--journal, --report, plan --out).
		"file.symlink": {
			EN: "%s is a symbolic link: spfpatch does not write through links; give the real file or a new name",
			JA: "%s はシンボリックリンクです。spfpatch はリンクを経由して書き込みません。実際のファイルか新しいファイル名を指定してください。",
		},
		"file.not-regular": {
			EN: "%s is not a regular file: refusing to write to it",
			JA: "%s は通常のファイルではないため、書き込みません",
		},
		"file.not-ours": {
			EN: "%s exists and is not an spfpatch %s: refusing to replace it; give a new file name",
			JA: "%s はすでにあり、spfpatch の %s ではないため、置き換えません。新しいファイル名を指定してください。",
		},
		"file.write-failed": {
			EN: "writing %s: %v",
			JA: "%s に書き込めませんでした: %v",
		},
		"file.kind.report": {
			EN: "report",
			JA: "レポート",
		},
		"file.kind.plan": {
			EN: "saved plan",
			JA: "保存したプラン",
		},
		"saved.too-big": {
			EN: "saved plan %s is larger than %d MiB",
			JA: "保存したプラン %s が %d MiB を超えています",
		},
		"cli.report-failed": {
			EN: "--report: %s",
			JA: "--report: %s",
		},

		// Zone files (providers/zonefile FileError; the English text is
		// also in providers/zonefile/errors.go, kept equal by a test).
		"zonefile.syntax": {
			EN: "zone file %s, line %d: not valid zone file syntax%s; the line is not shown, as files here may hold secrets",
			JA: "ゾーンファイル %s の %d 行目: ゾーンファイルの書式として正しくありません%s。秘密の情報が含まれている可能性があるため、行の内容は表示しません。",
		},
		"zonefile.no-soa": {
			EN: "zone file %s has no SOA record, so it is not a zone",
			JA: "ゾーンファイル %s には SOA レコードがないため、ゾーンではありません",
		},
		"zonefile.other-zone": {
			EN: "zone file %s holds zone %s, not %s",
			JA: "ゾーンファイル %s に入っているのはゾーン %s で、%s ではありません",
		},
		"zonefile.generate": {
			EN: "zone file %s, line %d: $GENERATE: spfpatch does not edit zone files that generate records; expand the $GENERATE line into records, or make the change by hand",
			JA: "ゾーンファイル %s の %d 行目: $GENERATE があります。spfpatch はレコードを自動生成するゾーンファイルは編集しません。$GENERATE の行を個々のレコードに展開するか、手作業で変更してください。",
		},
		"zonefile.include": {
			EN: "zone file %s, line %d: $INCLUDE: spfpatch does not follow or edit included files; put the SPF record in the zone file itself, or make the change by hand",
			JA: "ゾーンファイル %s の %d 行目: $INCLUDE があります。spfpatch は取り込まれたファイルを読んだり編集したりしません。SPFレコードをゾーンファイル本体に書くか、手作業で変更してください。",
		},
		"zonefile.cannot-edit": {
			EN: "zone file %s, line %d: spfpatch cannot match this line to the record it holds, so it does not edit this file; make the change by hand",
			JA: "ゾーンファイル %s の %d 行目: この行とレコードの対応が取れないため、spfpatch はこのファイルを編集しません。手作業で変更してください。",
		},
		"zonefile.too-big": {
			EN: "zone file %s is larger than %d MiB",
			JA: "ゾーンファイル %s が %d MiB を超えています",
		},
		"zonefile.read-only": {
			EN: "zone file %s is read-only (mode %s): spfpatch does not replace a file you could not write yourself; make it writable first if it should be changed",
			JA: "ゾーンファイル %s は読み取り専用です(モード %s)。spfpatch は、ご自身で書き込めないファイルは置き換えません。変更してよいファイルなら、先に書き込めるようにしてください。",
		},
		"zonefile.other-owner": {
			EN: "zone file %s belongs to user %d and group %d: its replacement would belong to you; run spfpatch as its owner (or root)",
			JA: "ゾーンファイル %s の所有者はユーザー %d、グループ %d です。置き換えると所有者があなたに変わってしまうため、そのファイルの所有者(または root)として spfpatch を実行してください。",
		},
		"zonefile.hard-links": {
			EN: "zone file %s has %d hard links: replacing it would break them; edit it by hand or remove the other links",
			JA: "ゾーンファイル %s にはハードリンクが %d 個あり、置き換えるとリンクが切れてしまいます。手作業で編集するか、ほかのリンクを削除してください。",
		},
		"zonefile.dir-read-only": {
			EN: "the directory of zone file %s is not writable, so the file cannot be replaced atomically",
			JA: "ゾーンファイル %s のディレクトリに書き込めないため、ファイルを安全に置き換えられません",
		},
		"zonefile.xattr": {
			EN: "zone file %s: its extended attribute %s (an ACL, a label) cannot be kept on the replacement (%s), so it was not replaced",
			JA: "ゾーンファイル %s: 拡張属性 %s(ACL やラベル)を置き換え後のファイルに引き継げないため(%s)、置き換えていません",
		},
		"zonefile.changed": {
			EN: "zone file %s was changed by another program while spfpatch held its lock; nothing was written",
			JA: "spfpatch がロックしている間に、ゾーンファイル %s がほかのプログラムによって変更されました。何も書き込んでいません。",
		},

		// spfpatch apply and rollback.
		"apply.report.written-differs": {
			EN: "  %s: written; read back, the provider holds %q (the plan showed %q)",
			JA: "  %s: 書き込みました。読み直すと、プロバイダーには %q が登録されています(プランの表示は %q)",
		},
		"apply.report.removed": {
			EN: "  %s: written and read back: no SPF record",
			JA: "  %s: 書き込みました(読み直して確認済み): SPFレコードなし",
		},
		"rollback.summary": {
			EN: "Rollback complete: %d restored, %d unchanged, %d failed.",
			JA: "rollback 完了: 元に戻した件数 %d 件、変更なし %d 件、失敗 %d 件。",
		},
		"rollback.report.restored": {
			EN: "  %s: restored and read back: %q",
			JA: "  %s: 元に戻しました(読み直して確認済み): %q",
		},
		"rollback.report.removed": {
			EN: "  %s: restored and read back: the SPF record the apply created is gone",
			JA: "  %s: 元に戻しました(読み直して確認済み): apply で作成した SPFレコードを削除しました",
		},
		"rollback.journal": {
			EN: "Journal of this rollback: %s\nUndo the rollback with: spfpatch rollback %s",
			JA: "この rollback のジャーナル: %s\nrollback を取り消すには: spfpatch rollback %s",
		},
		"rollback.no-terminal": {
			EN: "not asking for confirmation without a terminal: run rollback with --auto-approve",
			JA: "端末から実行されていないため、確認を求められません。rollback に --auto-approve を付けて実行してください。",
		},
		"rollback.interrupted-notice": {
			EN: "Interrupted: names not yet started were left alone; this rollback's journal says which were restored.",
			JA: "中断しました。まだ処理を始めていないドメインには触れていません。どのドメインを元に戻したかは、この rollback のジャーナルで確認できます。",
		},
	})
}
