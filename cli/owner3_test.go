package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An SPF record stored wrongly (quotes, a full-width space, a tab, a
// no-break space) is no SPF record to receivers, but plan must not create a
// second one beside it nor change another: it refuses with the corrected
// value, and apply writes nothing (the zone file stays byte for byte).
func TestMangledSPFRefusedByPlanAndApply(t *testing.T) {
	for _, tc := range []struct{ name, zoneLine, shownEN, shownJA string }{
		{"quotes", `q IN TXT "\"v=spf1 ip4:192.0.2.1 ~all\""`, `"v=spf1 ip4:192.0.2.1 ~all"`, `先頭と末尾の " を削除`},
		{"full-width space", "q IN TXT \"v=spf1\u3000ip4:192.0.2.1 ~all\"", "[full-width space]", "[全角スペース]"},
		{"full-width letters", "q IN TXT \"ｖ＝ｓｐｆ１ ip4:192.0.2.1 ~all\"", "full-width", "全角"},
		{"no-break space", "q IN TXT \"v=spf1\u00a0ip4:192.0.2.1 ~all\"", "[special space]", "半角スペース"},
		{"curly quotes", "q IN TXT \"“v=spf1 ip4:192.0.2.1 ~all”\"", "v=spf1 ip4:192.0.2.1 ~all", "引用符"},
		{"valid beside it", "q IN TXT \"v=spf1 mx -all\"\nq IN TXT \"\\\"v=spf1 ip4:192.0.2.1 ~all\\\"\"", `"v=spf1 ip4:192.0.2.1 ~all"`, `先頭と末尾の " を削除`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := zoneCopy(t)
			zf := filepath.Join(dir, "shop.example.zone")
			f, err := os.OpenFile(zf, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteString(tc.zoneLine + "\n"); err != nil {
				t.Fatal(err)
			}
			f.Close()
			before, _ := os.ReadFile(zf)
			out, _, code := runCLI(t, append([]string{"plan", "--create"}, zfArgs(dir, "q.shop.example")...)...)
			if code == exitOK || !strings.Contains(out, "stored wrongly") || !strings.Contains(out, tc.shownEN) ||
				!strings.Contains(out, "Its corrected value: v=spf1 ") || !strings.Contains(out, "do not add a new one") {
				t.Fatalf("plan: %d\n%s", code, out)
			}
			out, _, code = runCLI(t, append([]string{"--lang", "ja", "apply", "--create", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "j")}, zfArgs(dir, "q.shop.example")...)...)
			if code == exitOK || !strings.Contains(out, "書き方を誤って登録された SPFレコード") || !strings.Contains(out, tc.shownJA) ||
				!strings.Contains(out, "直した値: v=spf1 ") {
				t.Fatalf("apply: %d\n%s", code, out)
			}
			after, _ := os.ReadFile(zf)
			if !bytes.Equal(before, after) {
				t.Fatalf("the zone file changed:\n%s", after)
			}
		})
	}
}
