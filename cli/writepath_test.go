package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/plan"
)

// Issue 10 point 1, through the CLI: apply --plan of a plan file edited by
// hand writes nothing and says so; it never prints the plan's value as
// "written and read back".
func TestApplyEditedPlanFile(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := zoneCopy(t)
	orig := zoneRRs(t, dir)
	planFile := filepath.Join(t.TempDir(), "p.json")
	if _, _, code := runCLI(t, append([]string{"plan", "--out", planFile}, zfArgs(dir, "shop.example")...)...); code != exitOK {
		t.Fatal(code)
	}
	b, _ := os.ReadFile(planFile)
	var sp map[string]any
	_ = json.Unmarshal(b, &sp)
	sp["changes"].([]any)[0].(map[string]any)["after"] = []any{map[string]any{"text": "v=spf1 +all", "ttl": 60}}
	b, _ = json.Marshal(sp)
	_ = os.WriteFile(planFile, b, 0o600)
	out, errOut, code := runCLI(t, append([]string{"apply", "--plan", planFile}, zfArgs(dir)...)...)
	if code != exitError || !strings.Contains(out, "the plan file was changed after it was saved") || strings.Contains(out, "written and read back") ||
		!strings.Contains(out, "\n            in the plan file  \"v=spf1 +all\" (TTL 60)\n") || strings.Contains(out, `\n`) {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !reflect.DeepEqual(zoneRRs(t, dir), orig) {
		t.Fatal("the zone changed")
	}
}

const tokExample = `$ORIGIN tok.example.
$TTL 300
@ IN SOA ns1 hostmaster 1 3600 600 86400 300
@ IN NS ns1
ns1 IN A 192.0.2.1
@ IN TXT "v=spf1 -all"
@ IN TXT "token=abc"
@ IN TXT "token=" "abc"
`

// Issue 10 point 4, through the CLI: apply and rollback keep both TXT
// records whose joined texts are equal, each with its strings.
func TestTwoRecordsSameJoinedText(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := zoneCopy(t)
	path := filepath.Join(dir, "tok.example.zone")
	if err := os.WriteFile(path, []byte(tokExample), 0o644); err != nil {
		t.Fatal(err)
	}
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	out, errOut, code := runCLI(t, append([]string{"apply", "--auto-approve", "--journal", journal}, zfArgs(dir, "tok.example")...)...)
	b, _ := os.ReadFile(path)
	want := strings.Replace(strings.Replace(tokExample, "1 3600", "2 3600", 1), `"v=spf1 -all"`, `"v=spf1 include:e-shopsmail2.com -all"`, 1)
	if code != exitOK || string(b) != want {
		t.Fatalf("apply: exit %d\n%s%s\nfile:\n%s", code, out, errOut, b)
	}
	out, errOut, code = runCLI(t, append([]string{"rollback", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "rb.jsonl")}, zfArgs(dir, journal)...)...)
	b, _ = os.ReadFile(path)
	if code != exitOK || string(b) != strings.Replace(tokExample, "1 3600", "3 3600", 1) {
		t.Fatalf("rollback: exit %d\n%s%s\nfile:\n%s", code, out, errOut, b)
	}
}

// Issue 10 point 5, through the CLI: --journal at a zone file is refused
// and the file kept; --report is written 0600 and not through a link.
func TestJournalAndReportFiles(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := zoneCopy(t)
	orig := zoneRRs(t, dir)
	zf := filepath.Join(dir, "busy.example.zone")
	before, _ := os.ReadFile(zf)
	_, errOut, code := runCLI(t, append([]string{"apply", "--auto-approve", "--journal", zf}, zfArgs(dir, "shop.example")...)...)
	if after, _ := os.ReadFile(zf); code != exitError || string(after) != string(before) || !strings.Contains(errOut, "is not an spfpatch journal") {
		t.Fatalf("exit %d, file kept %v: %s", code, string(after) == string(before), errOut)
	}
	if !reflect.DeepEqual(zoneRRs(t, dir), orig) {
		t.Fatal("written without a journal")
	}
	report := filepath.Join(t.TempDir(), "report.json")
	if _, errOut, code := runCLI(t, append([]string{"plan", "--report", report}, zfArgs(dir, "patched.example")...)...); code != exitOK {
		t.Fatalf("%d %s", code, errOut)
	}
	if fi, err := os.Stat(report); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("report: %v %v", fi.Mode(), err)
	}
	// Written again over the earlier report: fine.
	if _, errOut, code := runCLI(t, append([]string{"plan", "--report", report}, zfArgs(dir, "patched.example")...)...); code != exitOK {
		t.Fatalf("%d %s", code, errOut)
	}
	link := filepath.Join(t.TempDir(), "link.json")
	if err := os.Symlink(zf, link); err != nil {
		t.Skip(err)
	}
	_, errOut, code = runCLI(t, append([]string{"plan", "--report", link}, zfArgs(dir, "patched.example")...)...)
	if after, _ := os.ReadFile(zf); code != exitError || string(after) != string(before) || !strings.Contains(errOut, "symbolic link") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

// Issue 10 point 7, through the CLI: rollback of a journal whose last line
// was cut uses every complete line and says what the cut line was.
func TestRollbackCutJournal(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := zoneCopy(t)
	orig := zoneRRs(t, dir)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	if _, _, code := runCLI(t, append([]string{"apply", "--auto-approve", "--journal", journal}, zfArgs(dir, "shop.example", "busy.example")...)...); code != exitOK {
		t.Fatal(code)
	}
	b, _ := os.ReadFile(journal)
	b = b[:len(b)-40] // the last result, cut
	_ = os.WriteFile(journal, b, 0o600)
	out, errOut, code := runCLI(t, append([]string{"rollback", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "rb.jsonl")}, zfArgs(dir, journal)...)...)
	if code != exitOK || !strings.Contains(errOut, "its last line (line 5) was cut short") || !strings.Contains(errOut, "the result of a change") ||
		!strings.Contains(out, "Rollback complete: 2 restored") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !reflect.DeepEqual(zoneRRs(t, dir), orig) {
		t.Fatal("not restored")
	}
}

// Issue 10 point 9 and issue 11 point 8, through the CLI: $GENERATE and
// $INCLUDE are refused by plan with their own codes and messages; a zone
// file with a bad line is named with its line and its own code; nothing of
// a file's content (a token kept beside the zones) is printed.
func TestPlanRefusesZoneFilesItCannotEdit(t *testing.T) {
	dir := zoneCopy(t)
	for name, text := range map[string]string{
		"gen.example.zone": "$ORIGIN gen.example.\n$TTL 300\n@ IN SOA ns1 h 1 3600 600 86400 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n@ IN TXT \"v=spf1 -all\"\n$GENERATE 1-3 host$ A 192.0.2.$\n",
		"inc.example.zone": "$ORIGIN inc.example.\n$TTL 300\n@ IN SOA ns1 h 1 3600 600 86400 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n@ IN TXT \"v=spf1 -all\"\n$INCLUDE other.inc\n",
		"bad.example.zone": "$ORIGIN bad.example.\n$TTL 300\n@ IN SOA ns1 h 1 3600 600 86400 300\n@ IN TXT \"v=spf1 -all\"\nwww IN A SECRET-IN-ZONE\n",
		"cloudflare.token": "cf_api_token SECRET-TOKEN-123 x\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := runCLI(t, append([]string{"plan", "--format", "json"}, zfArgs(dir, "gen.example", "inc.example", "bad.example", "shop.example")...)...)
	if code != exitError || strings.Contains(out+errOut, "SECRET") || strings.Contains(out, "cannot find the DNS zone") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		lines = append(lines, m)
	}
	for i, want := range []struct{ code, msg string }{
		{"zone-file-unsupported", "line 7: $GENERATE"},
		{"zone-file-unsupported", "line 7: $INCLUDE"},
		{"zone-file-error", "bad.example.zone, line 5: not valid zone file syntax"},
		{"", ""},
	} {
		if lines[i]["code"] != nil && want.code == "" || want.code != "" && (lines[i]["code"] != want.code || !strings.Contains(lines[i]["message"].(string), want.msg)) {
			t.Errorf("%d: %v, want %+v", i, lines[i], want)
		}
	}
	if lines[3]["action"] != "update" {
		t.Errorf("shop.example: %v", lines[3])
	}
}

// Issue 10 point 10: apply --plan does not ask for confirmation, even on
// a terminal (the saved plan is what was reviewed; as terraform apply
// PLANFILE); apply without it does.
func TestApplySavedPlanDoesNotAsk(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	old := isTerminal
	t.Cleanup(func() { isTerminal = old })
	isTerminal = func(any) bool { return true }
	dir := zoneCopy(t)
	planFile := filepath.Join(t.TempDir(), "p.json")
	if _, _, code := runCLI(t, append([]string{"plan", "--out", planFile}, zfArgs(dir, "shop.example")...)...); code != exitOK {
		t.Fatal(code)
	}
	out, errOut, code := runWithInput(t, "", append([]string{"apply", "--plan", planFile}, zfArgs(dir)...)...)
	if code != exitOK || strings.Contains(errOut, "yes") || !strings.Contains(out, "shop.example: written and read back") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}

// Issue 15 point 4: rollback takes the provider flags of plan and apply
// (and ignores those that do not apply to it), and speaks of rollback.
func TestRollbackFlagsAndWords(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := zoneCopy(t)
	orig := zoneRRs(t, dir)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	same := []string{"--zone", "shop.example", "--include", "e-shopsmail2.com", "--ttl", "3600", "--parallel", "4"}
	if _, errOut, code := runCLI(t, append(append([]string{"apply", "--auto-approve", "--journal", journal}, same...), zfArgs(dir, "shop.example")...)...); code != exitOK {
		t.Fatalf("apply: %d %s", code, errOut)
	}
	// Without a terminal and --auto-approve: refused, in rollback's words.
	old := isTerminal
	t.Cleanup(func() { isTerminal = old })
	isTerminal = func(any) bool { return false }
	_, errOut, code := runCLI(t, append(append([]string{"rollback"}, same...), zfArgs(dir, journal)...)...)
	if code != exitError || !strings.Contains(errOut, "run rollback with --auto-approve") || strings.Contains(errOut, "plan --out") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	out, errOut, code := runCLI(t, append(append([]string{"rollback", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "rb.jsonl")}, same...), zfArgs(dir, journal)...)...)
	if code != exitOK || !strings.Contains(out, "Rollback complete: 1 restored, 0 unchanged, 0 failed.") || strings.Contains(out, "Apply complete") ||
		!strings.Contains(out, "shop.example: restored and read back") || !strings.Contains(out, "Undo the rollback with: spfpatch rollback") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !reflect.DeepEqual(zoneRRs(t, dir), orig) {
		t.Fatal("not restored")
	}
	out, _, _ = runCLI(t, "rollback", "--help")
	if strings.Contains(out, "--include") || !strings.Contains(out, "--zone-dir") {
		t.Errorf("rollback help:\n%s", out)
	}
}

// "written and read back" shows what the provider returned on the
// read-back, and says so when it differs from the plan.
func TestWrittenLineShowsTheReadBack(t *testing.T) {
	c := &plan.Change{AfterSPF: "v=spf1 include:e-shopsmail2.com ~all"}
	a := &plan.Applied{Change: c, Status: plan.StatusWritten, Holds: plan.RRset{{Text: "v=spf1 include:e-shopsmail2.com ~all", TTL: time.Hour}}}
	if got := writtenLine("x.example", a, false); got != `  x.example: written and read back: "v=spf1 include:e-shopsmail2.com ~all"` {
		t.Error(got)
	}
	a.Holds = plan.RRset{{Text: "v=spf1 +all", TTL: time.Hour}, {Text: "other", TTL: time.Hour}}
	if got := writtenLine("x.example", a, false); !strings.Contains(got, `read back, the provider holds "v=spf1 +all" (the plan showed "v=spf1 include:e-shopsmail2.com ~all")`) {
		t.Error(got)
	}
}
