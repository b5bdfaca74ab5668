package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// Tests of the review of issue 10 (the guarded write path), through the
// CLI, on the zonefile provider.

// editJournal rewrites each intent of a journal through edit.
func editJournal(t *testing.T, path string, edit func(e map[string]any)) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var e map[string]any
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		if e["kind"] == "intent" {
			edit(e)
		}
		nb, _ := json.Marshal(e)
		out = append(out, string(nb))
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// setSPF sets the text of the SPF record of an RRset in a journal entry.
func setSPF(rrs any, text string) {
	for _, r := range rrs.([]any) {
		m := r.(map[string]any)
		if strings.HasPrefix(m["text"].(string), "v=spf1") {
			m["text"] = text
			m["strings"] = []any{text}
		}
	}
}

// Review point 1: rollback cannot be made to publish any SPF string by
// leaving the inputs out of a journal entry, and a rollback's own journal
// records them too (inverse), so undoing the rollback is bound the same
// way.
func TestRollbackJournalBoundByInputs(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := zoneCopy(t)
	orig := zoneRRs(t, dir)
	tmp := t.TempDir()
	journal := filepath.Join(tmp, "j.jsonl")
	if _, errOut, code := runCLI(t, append([]string{"apply", "--auto-approve", "--journal", journal}, zfArgs(dir, "shop.example")...)...); code != exitOK {
		t.Fatalf("apply: %d %s", code, errOut)
	}
	applied := zoneRRs(t, dir)
	good, _ := os.ReadFile(journal)

	// The repro: inputs deleted, before made +all.
	editJournal(t, journal, func(e map[string]any) {
		delete(e, "inputs")
		setSPF(e["before"], "v=spf1 +all")
	})
	out, errOut, code := runCLI(t, append([]string{"rollback", "--auto-approve", "--journal", filepath.Join(tmp, "x.jsonl")}, zfArgs(dir, journal)...)...)
	if code != exitError || strings.Contains(out, "+all\"\n") || !strings.Contains(out, "does not record what its change was made from") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !reflect.DeepEqual(zoneRRs(t, dir), applied) {
		t.Fatal("the zone changed")
	}

	// The real journal: restored, and the rollback's journal has inputs.
	_ = os.WriteFile(journal, good, 0o600)
	rb := filepath.Join(tmp, "rb.jsonl")
	out, errOut, code = runCLI(t, append([]string{"rollback", "--auto-approve", "--journal", rb}, zfArgs(dir, journal)...)...)
	if code != exitOK || !reflect.DeepEqual(zoneRRs(t, dir), orig) {
		t.Fatalf("rollback: exit %d\n%s%s", code, out, errOut)
	}
	b, _ := os.ReadFile(rb)
	if !strings.Contains(string(b), `"inputs":{"includes":["e-shopsmail2.com"],"ttl":3600,"inverse":true}`) {
		t.Fatalf("the rollback's journal:\n%s", b)
	}
	goodRB := b

	// Undoing the rollback: its entry, edited, is refused...
	for name, edit := range map[string]func(e map[string]any){
		"inputs deleted, before +all": func(e map[string]any) {
			delete(e, "inputs")
			setSPF(e["before"], "v=spf1 +all")
		},
		"before +all":  func(e map[string]any) { setSPF(e["before"], "v=spf1 +all") },
		"not inverse":  func(e map[string]any) { delete(e["inputs"].(map[string]any), "inverse") },
		"other inputs": func(e map[string]any) { e["inputs"].(map[string]any)["includes"] = []any{"sendgrid.net"} },
	} {
		_ = os.WriteFile(rb, goodRB, 0o600)
		editJournal(t, rb, edit)
		out, errOut, code := runCLI(t, append([]string{"rollback", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "x.jsonl")}, zfArgs(dir, rb)...)...)
		if code != exitError || !strings.Contains(out, "journal") {
			t.Errorf("%s: exit %d\n%s%s", name, code, out, errOut)
		}
		if !reflect.DeepEqual(zoneRRs(t, dir), orig) {
			t.Fatalf("%s: the zone changed", name)
		}
	}
	// ...and as written, it puts the apply's change back.
	_ = os.WriteFile(rb, goodRB, 0o600)
	out, errOut, code = runCLI(t, append([]string{"rollback", "--auto-approve", "--journal", filepath.Join(tmp, "rb2.jsonl")}, zfArgs(dir, rb)...)...)
	if code != exitOK || !strings.Contains(out, `restored and read back: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"`) || !reflect.DeepEqual(zoneRRs(t, dir), applied) {
		t.Fatalf("undo the rollback: exit %d\n%s%s", code, out, errOut)
	}
}

// editPlan rewrites the first change of a saved plan through edit.
func editPlan(t *testing.T, path string, edit func(c map[string]any)) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var sp map[string]any
	if err := json.Unmarshal(b, &sp); err != nil {
		t.Fatal(err)
	}
	edit(sp["changes"].([]any)[0].(map[string]any))
	b, _ = json.MarshalIndent(sp, "", "  ")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// replaceLine replaces a line of a zone file.
func replaceLine(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Review point 2: at write time, under the lock, a name that became a
// CNAME, one answered only by a wildcard now, or one that no longer exists
// gets no record created; a saved plan whose name is outside its zone, or
// not its target's, is refused.
func TestApplyPlanNameChecks(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	for name, tc := range map[string]struct {
		old, new string // the zone file edit after the plan
		edit     func(c map[string]any)
		want     string
	}{
		"now a CNAME": {old: "mail    IN A    192.0.2.25", new: "mail IN CNAME mx.example.net.", want: "is a CNAME (alias) for mx.example.net"},
		"now gone":    {old: "mail    IN A    192.0.2.25\n", new: "", want: "the domain does not exist"},
		"now only a wildcard": {old: "mail    IN A    192.0.2.25", new: "*       IN A    192.0.2.25",
			want: "its TXT answer comes from the wildcard *.shop.example."},
		"outside the zone": {edit: func(c map[string]any) { c["name"] = "busy.example." }, want: "is not in its zone shop.example."},
		"another target": {edit: func(c map[string]any) {
			c["target"].(map[string]any)["domain"] = "www.shop.example"
		}, want: "or not the name of its target www.shop.example"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := zoneCopy(t)
			planFile := filepath.Join(t.TempDir(), "pc.json")
			if _, errOut, code := runCLI(t, append([]string{"plan", "--create", "--out", planFile}, zfArgs(dir, "mail.shop.example")...)...); code != exitOK {
				t.Fatalf("plan: %d %s", code, errOut)
			}
			if tc.old != "" {
				replaceLine(t, filepath.Join(dir, "shop.example.zone"), tc.old, tc.new)
			}
			if tc.edit != nil {
				editPlan(t, planFile, tc.edit)
			}
			before := zoneRRs(t, dir)
			out, errOut, code := runCLI(t, append([]string{"apply", "--plan", planFile}, zfArgs(dir)...)...)
			if code != exitError || !strings.Contains(out+errOut, tc.want) || strings.Contains(out, "written and read back") {
				t.Fatalf("exit %d\n%s%s", code, out, errOut)
			}
			if !reflect.DeepEqual(zoneRRs(t, dir), before) {
				t.Fatal("the zone changed")
			}
		})
	}
}

// Review point 3: apply --plan with the manual provider checks the value
// to paste as a write is checked: an edited value is never shown to paste,
// and the value shown is the one computed from the record read over DNS,
// its lookups counted now.
func TestManualSavedPlanChecked(t *testing.T) {
	dir := zoneCopy(t)
	manual := []string{"--provider", "manual", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms"}
	planFile := filepath.Join(t.TempDir(), "p.json")
	if _, errOut, code := runCLI(t, append(append([]string{"plan", "--out", planFile}, manual...), "shop.example")...); code != exitOK {
		t.Fatalf("plan: %d %s", code, errOut)
	}
	good, _ := os.ReadFile(planFile)
	for name, edit := range map[string]func(c map[string]any){
		"after_spf": func(c map[string]any) { c["after_spf"] = "v=spf1 +all" },
		"after_strings": func(c map[string]any) {
			c["after_strings"] = []any{"v=spf1 +all"}
		},
		"after, after_spf and after_strings": func(c map[string]any) {
			c["after_spf"], c["after_strings"] = "v=spf1 +all", []any{"v=spf1 +all"}
			setSPF(c["after"], "v=spf1 +all")
		},
	} {
		_ = os.WriteFile(planFile, good, 0o600)
		editPlan(t, planFile, edit)
		out, errOut, code := runCLI(t, append([]string{"apply", "--plan", planFile}, manual...)...)
		if name == "after_strings" {
			// Not a value: made again from after_spf when the plan is read.
			if code != exitOK || strings.Contains(out, `"v=spf1 +all"`) || strings.Contains(out, "\n          v=spf1 +all") {
				t.Errorf("%s: exit %d\n%s%s", name, code, out, errOut)
			}
			continue
		}
		if code != exitError || strings.Contains(out, "\n      v=spf1 +all\n") || strings.Contains(out, "\n          v=spf1 +all") ||
			strings.Contains(out, "DNS panel to") || !strings.Contains(out, "the plan file was changed after it was saved") {
			t.Errorf("%s: exit %d\n%s%s", name, code, out, errOut)
		}
	}
	_ = os.WriteFile(planFile, good, 0o600)
	out, errOut, code := runCLI(t, append([]string{"apply", "--plan", planFile}, manual...)...)
	if code != exitOK || !strings.Contains(out, "checked against the record read over DNS just now (lookups 1 of 10)") ||
		!strings.Contains(out, "\n      v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all\n") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}

// Review point 4: after a journal line cut by a crash, the next run
// appending to the same journal starts on a line of its own, and rollback
// of the journal restores what both runs wrote.
func TestAppendAfterCutJournalLine(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := zoneCopy(t)
	orig := zoneRRs(t, dir)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	if _, errOut, code := runCLI(t, append([]string{"apply", "--auto-approve", "--journal", journal}, zfArgs(dir, "shop.example")...)...); code != exitOK {
		t.Fatalf("apply: %d %s", code, errOut)
	}
	b, _ := os.ReadFile(journal)
	_ = os.WriteFile(journal, b[:len(b)-40], 0o600) // the result, cut
	if _, errOut, code := runCLI(t, append([]string{"apply", "--auto-approve", "--journal", journal}, zfArgs(dir, "busy.example")...)...); code != exitOK {
		t.Fatalf("second apply: %d %s", code, errOut)
	}
	out, errOut, code := runCLI(t, append([]string{"rollback", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "rb.jsonl")}, zfArgs(dir, journal)...)...)
	if code != exitOK || !strings.Contains(out, "Rollback complete: 2 restored") || !strings.Contains(errOut, "line 3 was cut short") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !reflect.DeepEqual(zoneRRs(t, dir), orig) {
		t.Fatal("not restored")
	}
}

// Review point 10: a zone file with a TXT record written twice is changed
// (written, not MISMATCH) and rolled back, its other lines kept.
func TestDuplicateTXTLine(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := zoneCopy(t)
	path := filepath.Join(dir, "shop.example.zone")
	replaceLine(t, path, `@       IN TXT  "MS=ms12345678"`, "@       IN TXT  \"dup\"\n@       IN TXT  \"dup\"")
	orig, _ := os.ReadFile(path)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	out, errOut, code := runCLI(t, append([]string{"apply", "--auto-approve", "--journal", journal}, zfArgs(dir, "shop.example")...)...)
	if code != exitOK || !strings.Contains(out, "written and read back") {
		t.Fatalf("apply: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code = runCLI(t, append([]string{"rollback", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "rb.jsonl")}, zfArgs(dir, journal)...)...)
	if code != exitOK || !strings.Contains(out, "Rollback complete: 1 restored") {
		t.Fatalf("rollback: exit %d\n%s%s", code, out, errOut)
	}
	got, _ := os.ReadFile(path)
	serial := regexp.MustCompile(`\( \d+ `) // the SOA serial, bumped by each write
	if a, b := serial.ReplaceAllString(string(got), "( N "), serial.ReplaceAllString(string(orig), "( N "); a != b {
		t.Fatalf("file:\n%s\nwant:\n%s", got, orig)
	}
}

// Review point 15: plan --out replaces an earlier saved plan, never another
// program's JSON file that starts the same way (a Terraform state).
func TestPlanOutNeverReplacesOtherJSON(t *testing.T) {
	dir := zoneCopy(t)
	tf := filepath.Join(t.TempDir(), "terraform.tfstate")
	state := "{\n  \"version\": 4,\n  \"terraform_version\": \"1.9.0\",\n  \"serial\": 3,\n  \"resources\": []\n}\n"
	_ = os.WriteFile(tf, []byte(state), 0o600)
	_, errOut, code := runCLI(t, append([]string{"plan", "--out", tf}, zfArgs(dir, "shop.example")...)...)
	if b, _ := os.ReadFile(tf); code != exitError || string(b) != state || !strings.Contains(errOut, "is not an spfpatch saved plan") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// An earlier plan, of this version or the one before "kind".
	planFile := filepath.Join(t.TempDir(), "p.json")
	if _, errOut, code := runCLI(t, append([]string{"plan", "--out", planFile}, zfArgs(dir, "shop.example")...)...); code != exitOK {
		t.Fatalf("%d %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, append([]string{"plan", "--out", planFile}, zfArgs(dir, "shop.example")...)...); code != exitOK {
		t.Fatalf("again: %d %s", code, errOut)
	}
	// A plan saved before "kind" was added.
	old := "{\n  \"version\": 2,\n  \"created\": \"2026-01-01T00:00:00Z\",\n  \"provider\": \"zonefile\",\n  \"changes\": []\n}\n"
	_ = os.WriteFile(planFile, []byte(old), 0o600)
	if _, errOut, code := runCLI(t, append([]string{"plan", "--out", planFile}, zfArgs(dir, "shop.example")...)...); code != exitOK {
		t.Fatalf("over a plan saved before kind: %d %s", code, errOut)
	}
}

// Review nit: --report is checked before anything is written.
func TestReportCheckedBeforeWriting(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := zoneCopy(t)
	orig := zoneRRs(t, dir)
	other := filepath.Join(t.TempDir(), "notes.txt")
	_ = os.WriteFile(other, []byte("my notes\n"), 0o600)
	for _, report := range []string{other, filepath.Join(t.TempDir(), "no-such-dir", "r.json")} {
		_, errOut, code := runCLI(t, append([]string{"apply", "--auto-approve", "--report", report}, zfArgs(dir, "shop.example")...)...)
		if code != exitError || !strings.Contains(errOut, "--report") {
			t.Fatalf("%s: exit %d: %s", report, code, errOut)
		}
		if !reflect.DeepEqual(zoneRRs(t, dir), orig) {
			t.Fatalf("%s: written before the report was refused", report)
		}
	}
}
