package i18n

// Messages of the review fixes to issue 12 (branch prov2): a write the
// provider refused before making it (plan/notwritten.go), Route 53's
// conditional writes, Cloudflare's checks of what the API returns, and the
// note on a URL setting whose password a suggested command hides
// (cli/common.go runFlags).
func init() {
	register(map[string]msgs{
		"cli.url-password-hint": {
			EN: "note: the suggested commands show the password in --%[1]s as xxxxx, so they do not work as printed; set %[2]s to the URL with its password instead of giving --%[1]s (a password on the command line is also visible to other users of this computer)",
			JA: "注意: 提案するコマンドでは --%[1]s のパスワードを xxxxx と表示しているため、そのままでは動きません。--%[1]s を使わずに、パスワードを含む URL を環境変数 %[2]s に設定してください(コマンドラインに書いたパスワードは、このコンピューターの他のユーザーからも見えます)",
		},
		"apply.not-written": {
			EN: "%s: not written (this run changed nothing there): %s",
			JA: "%s: 書き込んでいません(この実行では何も変更していません): %s",
		},
		"cloudflare.api.bad-zone-id": {
			EN: "Cloudflare returned the zone id %q for %s, which is not an id; nothing was sent to that zone",
			JA: "Cloudflare が %[2]s のゾーン ID として不正な値 %[1]q を返しました。このゾーンには何も送っていません",
		},
		"cloudflare.api.filter-ignored": {
			EN: "Cloudflare API, zone %s: the answer holds the record %s, which its filter %s leaves out; nothing is concluded from it",
			JA: "Cloudflare API(ゾーン %s): 応答に、フィルター %[3]s に当てはまらないレコード %[2]s が含まれています。この応答からは何も判断しません",
		},
		"route53.changed": {
			EN: "the %s records of %s changed after spfpatch read them (someone else changed them meanwhile); Route 53 refused the conditional change, so nothing was written and their values are as the other writer left them. Run spfpatch plan again to see them (Route 53: %s)",
			JA: "%[2]s の %[1]s レコードが、spfpatch が読み込んだ後に(他の誰かによって)変更されました。Route 53 が条件付きの変更を拒否したため何も書き込んでおらず、レコードは相手が変更したままです。spfpatch plan をもう一度実行して確認してください(Route 53: %[3]s)",
		},
	})
}
