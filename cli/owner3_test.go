package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/doctor"
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
		{"no space after v=spf1", `q IN TXT "v=spf1ip4:192.0.2.1 ~all"`, "no space after v=spf1", "半角スペースがありません"},
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

// A doctor run with another include (and its platform's name) suggests
// commands that keep them: the summary's doctor command, run as printed
// in a shell, finds the same missing include, and the apply command adds
// that include, not the default one.
func TestDoctorSuggestionsKeepTheIncludes(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	s := newDoctorShell(t)
	dir := copyDir(t, "../doctor/testdata/zones")
	loopbackOnly(t, dir)
	flags := " --zone-dir " + dir + " --nameserver 127.0.0.1:1 --dns-timeout 200ms --include sendgrid.providers.example --platform-name 'Send Grid'"
	out, errOut, _ := s.run("spfpatch doctor --format json" + flags + " patched.example")
	var r doctor.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s\n%s", err, out, errOut)
	}
	if r.Situation != doctor.SitNeedsInclude {
		t.Fatalf("situation %q", r.Situation)
	}
	for _, want := range []string{"--include sendgrid.providers.example", "--platform-name 'Send Grid'"} {
		if !strings.Contains(r.Again, want) {
			t.Errorf("summary command %q lacks %q", r.Again, want)
		}
	}
	again, _, _ := s.run(strings.Replace(r.Again, "spfpatch doctor ", "spfpatch doctor --format json ", 1))
	var r2 doctor.Report
	if err := json.Unmarshal([]byte(again), &r2); err != nil || r2.Situation != doctor.SitNeedsInclude || r2.Platform.Name != "Send Grid" {
		t.Fatalf("%s gives %q %q (%v)\n%s", r.Again, r2.Situation, r2.Platform.Name, err, again)
	}
	applied := false
	for _, c := range r.Checks {
		if c.Command == "" || !strings.Contains(c.Command, " apply ") {
			continue
		}
		applied = true
		if !strings.Contains(c.Command, "--include sendgrid.providers.example") || strings.Contains(c.Command, "--platform-name") {
			t.Errorf("apply command %q", c.Command)
		}
		// The apply command, planned: it adds the include doctor asks for.
		plan := strings.Replace(strings.Replace(c.Command, " apply ", " plan ", 1), " --wait=30m", "", 1)
		pout, perr, _ := s.run(plan)
		if !strings.Contains(pout, "include:sendgrid.providers.example ~all") {
			t.Errorf("%s:\n%s\n%s", plan, pout, perr)
		}
	}
	if !applied {
		t.Fatalf("no apply command: %+v", r.Checks)
	}
}

// The follow-up hints of plan and apply start with the program as it was
// run (./spfpatch from its folder), as doctor's commands do, and work as
// printed.
func TestHintsNameTheProgramAsRun(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	built := wpBuildBinary(t)
	dir := t.TempDir()
	b, err := os.ReadFile(built)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "spfpatch"), b, 0o755); err != nil {
		t.Fatal(err)
	}
	zones := zoneCopy(t)
	home := t.TempDir()
	run := func(line string) string {
		c := exec.Command("sh", "-c", line)
		c.Dir = dir
		c.Env = []string{"PATH=/usr/bin:/bin", "LANG=C", "HOME=" + home, "XDG_STATE_HOME=" + home, "NO_COLOR=1"}
		out, _ := c.CombinedOutput()
		return string(out)
	}
	out := run("./spfpatch plan --provider zonefile --zone-dir " + zones + " --nameserver 127.0.0.1:1 --out p.json shop.example")
	if !strings.Contains(out, "Apply exactly this with: ./spfpatch apply ") {
		t.Fatalf("plan:\n%s", out)
	}
	before := strings.Join(zoneRRs(t, zones), "\n")
	out = run("./spfpatch apply --provider zonefile --zone-dir " + zones + " --nameserver 127.0.0.1:1 --auto-approve --journal j.jsonl shop.example")
	i := strings.Index(out, "Undo with: ")
	if i < 0 || !strings.HasPrefix(out[i:], "Undo with: ./spfpatch rollback ") {
		t.Fatalf("apply:\n%s", out)
	}
	undo := strings.TrimSpace(strings.SplitN(out[i+len("Undo with: "):], "\n", 2)[0])
	out = run(strings.Replace(undo, " rollback ", " rollback --auto-approve ", 1))
	after := strings.Join(zoneRRs(t, zones), "\n")
	if !strings.Contains(out, "Undo the rollback with: ./spfpatch rollback ") || before != after {
		t.Fatalf("%s:\n%s", undo, out)
	}
}

// plan and apply show an IDN as people read it, with its A-label, as
// doctor does; JSON keeps the A-label only.
func TestPlanApplyShowIDN(t *testing.T) {
	dir := copyDir(t, "../doctor/testdata/zones")
	out, _, code := runCLI(t, append([]string{"plan"}, zfArgs(dir, "ショップ.jp")...)...)
	if code == exitError || !strings.Contains(out, "~ ショップ.jp (xn--xckya1d0c.jp)  TXT") {
		t.Fatalf("plan: %d\n%s", code, out)
	}
	out, _, _ = runCLI(t, append([]string{"--lang", "ja", "apply", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "j")}, zfArgs(dir, "xn--xckya1d0c.jp")...)...)
	if !strings.Contains(out, "  ショップ.jp(xn--xckya1d0c.jp): 書き込みました") {
		t.Fatalf("apply:\n%s", out)
	}
	out, _, _ = runCLI(t, append([]string{"plan", "--format", "json"}, zfArgs(dir, "ショップ.jp")...)...)
	if strings.Contains(out, `"name":"ショップ`) || !strings.Contains(out, `"name":"xn--xckya1d0c.jp."`) {
		t.Fatalf("json:\n%s", out)
	}
}

// The manual path's wait command and check's suggestion keep the run's
// includes too.
func TestManualAndCheckSuggestionsKeepTheIncludes(t *testing.T) {
	out, _, _ := runCLI(t, "apply", "--provider", "manual", "--zone-dir", "../examples/zones", "--nameserver", "127.0.0.1:1",
		"--include", "sendgrid.providers.example", "shop.example")
	if !strings.Contains(out, "--include sendgrid.providers.example --wait=30m shop.example") {
		t.Errorf("apply --provider manual:\n%s", out)
	}
	out, _, _ = runCLI(t, "check", "--zone-dir", "../examples/zones", "--nameserver", "127.0.0.1:1",
		"--include", "sendgrid.providers.example", "nospf.example")
	if !strings.Contains(out, "plan --create") || !strings.Contains(out, "--include sendgrid.providers.example nospf.example") {
		t.Errorf("check:\n%s", out)
	}
}
