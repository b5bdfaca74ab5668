package plan_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// editSaved rewrites a saved plan file through edit.
func editSaved(t *testing.T, path string, edit func(c map[string]any)) {
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

// Issue 10 point 1: a saved plan edited by hand is refused at apply, with
// the difference shown, and nothing is written or journaled.
func TestSavedPlanEditedIsRefused(t *testing.T) {
	for name, edit := range map[string]func(c map[string]any){
		"after replaced by +all": func(c map[string]any) {
			c["after"] = []any{map[string]any{"text": "v=spf1 +all", "ttl": 60}}
		},
		"after_spf and after changed together": func(c map[string]any) {
			for _, r := range c["after"].([]any) {
				m := r.(map[string]any)
				if strings.HasPrefix(m["text"].(string), "v=spf1") {
					m["text"] = "v=spf1 +ip4:192.0.2.0/24 include:evil.example ~all"
					delete(m, "strings")
				}
			}
			c["after_spf"] = "v=spf1 +ip4:192.0.2.0/24 include:evil.example ~all"
		},
		"a verification record dropped": func(c map[string]any) {
			var keep []any
			for _, r := range c["after"].([]any) {
				if !strings.HasPrefix(r.(map[string]any)["text"].(string), "google") {
					keep = append(keep, r)
				}
			}
			c["after"] = keep
		},
		"only the text shown changed": func(c map[string]any) {
			c["after_spf"] = "v=spf1 ~all"
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := seed()
			before := s.Records(zone)
			cfg := config(s)
			p := plan.Build(context.Background(), cfg, []string{"shop.example.com"})
			path := filepath.Join(t.TempDir(), "plan.json")
			if err := plan.Save(path, "memory", p); err != nil {
				t.Fatal(err)
			}
			editSaved(t, path, edit)
			// Load finds it (against the RRset the plan was made from):
			// the change is an error, never shown as a value to write.
			sp, err := plan.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if c := sp.Changes[0]; c.Action != plan.Error || c.Code != plan.CodePlanEdited || !strings.Contains(c.Message, "the plan file was changed after it was saved") {
				t.Fatalf("loaded: %s %s %s", c.Action, c.Code, c.Message)
			}
			// The guard finds it too, for a change that did not go
			// through Load's check (the choke point does not rely on it).
			b, _ := os.ReadFile(path)
			var raw struct{ Changes []*plan.Change }
			if err := json.Unmarshal(b, &raw); err != nil {
				t.Fatal(err)
			}
			raw.Changes[0].FromFile = true
			s.ResetCalls()
			j := journal(t)
			res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, &plan.Plan{Changes: sp.Changes})
			if !res[0].Failed() {
				t.Fatalf("%+v", res[0])
			}
			res = plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, &plan.Plan{Changes: raw.Changes})
			if res[0].Status != plan.StatusNotTried || res[0].Code != plan.CodePlanEdited ||
				!strings.Contains(res[0].Error, "the plan file was changed after it was saved") ||
				!strings.Contains(res[0].Error, "      expected          \"") {
				t.Fatalf("%+v", res[0])
			}
			if strings.Contains(name, "+all") && !strings.Contains(res[0].Error, `in the plan file  "v=spf1 +all" (TTL 60)`) {
				t.Fatalf("the difference is not shown: %s", res[0].Error)
			}
			if s.Calls(dnstest.MethodSetRecords) != 0 || s.Calls(dnstest.MethodDeleteRecords) != 0 {
				t.Fatal("written")
			}
			if got := s.Records(zone); canonical(got)[0] != canonical(before)[0] || len(got) != len(before) {
				t.Fatal("the zone changed")
			}
			if entries, _ := plan.ReadJournal(j.Path); len(entries) != 0 {
				t.Fatalf("journaled: %+v", entries)
			}
		})
	}
}

// Issue 10 point 1, rollback: a journal edited by hand (its "after" made
// +all, or its "before" without the verification records) is refused.
func TestEditedJournalIsRefused(t *testing.T) {
	for name, edit := range map[string]func(e map[string]any){
		"before made +all": func(e map[string]any) {
			for _, r := range e["before"].([]any) {
				m := r.(map[string]any)
				if strings.HasPrefix(m["text"].(string), "v=spf1") {
					m["text"] = "v=spf1 +all"
				}
			}
		},
		"before without the other records": func(e map[string]any) {
			var keep []any
			for _, r := range e["before"].([]any) {
				if strings.HasPrefix(r.(map[string]any)["text"].(string), "v=spf1") {
					keep = append(keep, r)
				}
			}
			e["before"] = keep
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := seed()
			cfg := config(s)
			j := journal(t)
			plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, plan.Build(context.Background(), cfg, []string{"shop.example.com"}))
			j.Close()
			b, _ := os.ReadFile(j.Path)
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
			if err := os.WriteFile(j.Path, []byte(strings.Join(out, "\n")+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			entries, err := plan.ReadJournal(j.Path)
			if err != nil {
				t.Fatal(err)
			}
			rb := plan.PlanRollback(context.Background(), i18n.Printer{}, cfg.Backend, entries)
			if rb.Changes[0].Action != plan.Error || rb.Changes[0].Code != plan.CodeJournalEdited {
				t.Fatalf("%+v", rb.Changes[0])
			}
		})
	}
}

// Issue 10 point 2: apply --plan counts the lookups again when it writes:
// a plan saved at 10 lookups is refused once an include it uses grew.
func TestSavedPlanRecountsLookups(t *testing.T) {
	zoneData := func(leaves int) dnstest.Zone {
		z := dnstest.Zone{TXT: map[string][]string{"e-shopsmail2.com": {"v=spf1 ip4:203.0.113.0/24 -all"}}}
		big := "v=spf1"
		for i := 1; i <= leaves; i++ {
			big += fmt.Sprintf(" include:leaf%d.example", i)
			z.TXT[fmt.Sprintf("leaf%d.example", i)] = []string{"v=spf1 ip4:198.51.100.0/24 -all"}
		}
		z.TXT["big.example"] = []string{big + " -all"}
		return z
	}
	s := seed()
	s.Put(zone, libdns.RR{Name: "nine", Type: "TXT", TTL: 300 * time.Second, Data: "v=spf1 include:big.example ~all"})
	cfg := config(s)
	cfg.Checker = &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(zoneData(8))} // 1 + 8 = 9 lookups
	p := plan.Build(context.Background(), cfg, []string{"nine.example.com"})
	if c := p.Changes[0]; c.Action != plan.Update || c.LookupsAfter != 10 {
		t.Fatalf("plan: %+v", c)
	}
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := plan.Save(path, "memory", p); err != nil {
		t.Fatal(err)
	}
	sp, err := plan.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	// A new process, after big.example grew by one include: live DNS now.
	grown := &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(zoneData(9))}
	s.ResetCalls()
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: grown, Journal: journal(t)}, &plan.Plan{Changes: sp.Changes})
	if res[0].Status != plan.StatusNotTried || res[0].Code != plan.CodeOverLimit || !strings.Contains(res[0].Error, "needs 11 DNS lookups") {
		t.Fatalf("%+v", res[0])
	}
	if s.Calls(dnstest.MethodSetRecords) != 0 {
		t.Fatal("written at 11 lookups")
	}
	// Unchanged includes: the same saved plan is written.
	res = plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(zoneData(8))}, Journal: journal(t)}, &plan.Plan{Changes: sp.Changes})
	if res[0].Status != plan.StatusWritten {
		t.Fatalf("%+v", res[0])
	}
}

// The guard itself: a store that would be handed more than the SPF string
// (a change whose after drops a record, even with a consistent after_spf,
// built in this process) is refused.
func TestGuardRefusesMoreThanSPF(t *testing.T) {
	s := seed()
	cfg := config(s)
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	c := p.Changes[0]
	c.After = c.After[:1] // the SPF record only: the verification records would go
	s.ResetCalls()
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, p)
	if res[0].Status != plan.StatusNotTried || !strings.Contains(res[0].Error, "google-site-verification=abc123") || s.Calls(dnstest.MethodSetRecords) != 0 {
		t.Fatalf("%+v", res[0])
	}
	// No lookup accounting possible: nothing written either.
	p = plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	res = plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Journal: journal(t)}, p)
	if res[0].Status != plan.StatusNotTried || s.Calls(dnstest.MethodSetRecords) != 0 {
		t.Fatalf("%+v", res[0])
	}
}

// Issue 10 point 4, in plan: TXT records are compared one for one, so two
// records whose joined texts are equal stay two records, and a difference
// in strings is a difference.
func TestRRsetsKeepRecords(t *testing.T) {
	a := plan.RRset{{Text: "token=abc", TTL: time.Minute, Strings: []string{"token=abc"}}, {Text: "token=abc", TTL: time.Minute, Strings: []string{"token=", "abc"}}}
	b := plan.RRset{{Text: "token=abc", TTL: time.Minute, Strings: []string{"token=", "abc"}}, {Text: "token=abc", TTL: time.Minute, Strings: []string{"token=abc"}}}
	one := plan.RRset{{Text: "token=abc", TTL: time.Minute, Strings: []string{"token=abc"}}}
	two := plan.RRset{{Text: "token=abc", TTL: time.Minute, Strings: []string{"token=abc"}}, {Text: "token=abc", TTL: time.Minute, Strings: []string{"token=abc"}}}
	if !a.Equal(b) || a.Fingerprint() != b.Fingerprint() {
		t.Error("order matters")
	}
	if a.Equal(one) || a.SameTexts(one) || a.Equal(two) || a.SameTexts(two) || a.Fingerprint() == two.Fingerprint() {
		t.Error("records merged by joined text")
	}
	if d := plan.DiffRRsets(i18n.Printer{}, a, two); !strings.Contains(d, `"token=" "abc" (TTL 60)`) {
		t.Errorf("diff does not show the strings:\n%s", d)
	}
	// Saved and read back, the strings stay.
	var back plan.RRset
	raw, _ := json.Marshal(a)
	if err := json.Unmarshal(raw, &back); err != nil || !back.Equal(a) {
		t.Fatalf("%s -> %+v %v", raw, back, err)
	}
	if err := json.Unmarshal([]byte(`[{"text":"ab","ttl":1,"strings":["a","c"]}]`), &back); err == nil {
		t.Error("strings that do not make the text accepted")
	}
}

// Issue 10 point 5: --journal creates a new file O_EXCL 0600, appends only
// to a journal, never through a symbolic link; saved plans and reports
// (WriteOwnFile) likewise.
func TestPrivateFiles(t *testing.T) {
	dir := t.TempDir()
	zoneFile := filepath.Join(dir, "shop.example.zone")
	const zoneText = "$ORIGIN shop.example.\n@ IN SOA ns1 h 1 2 3 4 5\n"
	if err := os.WriteFile(zoneFile, []byte(zoneText), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(zoneFile, link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	dangling := filepath.Join(dir, "dangling")
	_ = os.Symlink(filepath.Join(dir, "nothing-yet"), dangling)

	for _, path := range []string{zoneFile, link, dangling} {
		if j, err := plan.CreateJournal(path, "apply", "zonefile"); err == nil {
			j.Close()
			t.Errorf("journal at %s accepted", path)
		}
		if err := plan.Save(path, "zonefile", &plan.Plan{}); err == nil {
			t.Errorf("saved plan at %s accepted", path)
		}
		if err := plan.WriteOwnFile(path, []byte("{}\n"), "report", plan.HasPrefix("{\n  \"results\": ")); err == nil {
			t.Errorf("report at %s accepted", path)
		}
	}
	if b, _ := os.ReadFile(zoneFile); string(b) != zoneText {
		t.Fatalf("the zone file changed:\n%s", b)
	}
	if _, err := os.Lstat(filepath.Join(dir, "nothing-yet")); err == nil {
		t.Fatal("a file was created through the dangling link")
	}
	// A FIFO is refused, not waited on.
	fifo := filepath.Join(dir, "fifo")
	if mkfifo(fifo) == nil {
		done := make(chan error, 1)
		go func() { _, err := plan.CreateJournal(fifo, "apply", "zonefile"); done <- err }()
		select {
		case err := <-done:
			if err == nil {
				t.Error("journal on a FIFO accepted")
			}
		case <-time.After(5 * time.Second):
			t.Fatal("blocked on a FIFO")
		}
	}
	// New files are 0600; a journal is appended to, a plan replaced.
	jp := filepath.Join(dir, "j.jsonl")
	for i := 0; i < 2; i++ {
		j, err := plan.CreateJournal(jp, "apply", "zonefile")
		if err != nil {
			t.Fatalf("run %d: %v", i+1, err)
		}
		j.Close()
	}
	if fi, _ := os.Stat(jp); fi.Mode().Perm() != 0o600 {
		t.Errorf("journal mode %v", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(jp); strings.Count(string(b), `"kind":"begin"`) != 2 {
		t.Errorf("journal:\n%s", b)
	}
	pp := filepath.Join(dir, "plan.json")
	for i := 0; i < 2; i++ {
		if err := plan.Save(pp, "zonefile", &plan.Plan{}); err != nil {
			t.Fatalf("save %d: %v", i+1, err)
		}
	}
	if fi, _ := os.Stat(pp); fi.Mode().Perm() != 0o600 {
		t.Errorf("plan mode %v", fi.Mode().Perm())
	}
}

// Issue 10 point 7: a journal whose last line was cut by a crash is used
// up to that line; what the cut line was about is reported.
func TestCutJournal(t *testing.T) {
	s := seed()
	cfg := config(s)
	cfg.Create = true
	j := journal(t)
	plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j},
		plan.Build(context.Background(), cfg, []string{"shop.example.com", "nospf.example.com"}))
	j.Close()
	full, _ := os.ReadFile(j.Path)
	lines := strings.SplitAfter(strings.TrimSuffix(string(full), "\n"), "\n")
	// begin, intent, result, intent, result (the order of the two names
	// may vary): cut the last line, then cut an intent.
	last := lines[len(lines)-1]
	for _, tc := range []struct {
		name, text, kind string
		changes          int
	}{
		{"result cut", strings.Join(lines[:len(lines)-1], "") + last[:len(last)/2], "result", 2},
		{"intent cut", strings.Join(lines[:len(lines)-2], "") + lines[len(lines)-2][:strings.Index(lines[len(lines)-2], `"before"`)], "intent", 1},
		{"zeros after a crash", string(full) + strings.Repeat("\x00", 300), "", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "j.jsonl")
			if err := os.WriteFile(path, []byte(tc.text), 0o600); err != nil {
				t.Fatal(err)
			}
			jc, err := plan.LoadJournal(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(jc.Changes) != tc.changes || (tc.kind != "" && (len(jc.Cuts) != 1 || jc.Cuts[0].Kind != tc.kind)) {
				t.Fatalf("%d changes, cut %+v", len(jc.Changes), jc.Cuts)
			}
			if tc.kind == "intent" && !strings.HasSuffix(jc.Cuts[0].Name, ".example.com.") {
				t.Errorf("cut intent's name %q", jc.Cuts[0].Name)
			}
			rb := plan.PlanRollback(context.Background(), i18n.Printer{}, cfg.Backend, jc.Changes)
			if rb.Failed() || rb.Summary().Update != len(jc.Changes) {
				t.Fatalf("%+v", rb.Summary())
			}
		})
	}
	// A bad line that is not the last one is an error.
	path := filepath.Join(t.TempDir(), "j.jsonl")
	_ = os.WriteFile(path, []byte(lines[0]+"{not json\n"+strings.Join(lines[1:], "")), 0o600)
	if _, err := plan.LoadJournal(path); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("%v", err)
	}
}

// Journals several runs share: results pair with their run's intents.
func TestSharedJournalRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.jsonl")
	a, err := plan.CreateJournal(path, "apply", "memory")
	if err != nil {
		t.Fatal(err)
	}
	b, err := plan.CreateJournal(path, "apply", "memory")
	if err != nil {
		t.Fatal(err)
	}
	ca := &plan.Change{Name: "a.example.com.", Zone: zone}
	cb := &plan.Change{Name: "b.example.com.", Zone: zone}
	ida, _ := a.Intent(ca, nil, nil)
	idb, _ := b.Intent(cb, nil, nil) // both id 1, interleaved
	_ = b.Result(idb, plan.StatusOldKept, nil, nil)
	_ = a.Result(ida, plan.StatusWritten, nil, nil)
	a.Close()
	b.Close()
	entries, err := plan.ReadJournal(path)
	if err != nil || len(entries) != 2 {
		t.Fatalf("%+v %v", entries, err)
	}
	for _, e := range entries {
		want := map[string]string{"a.example.com.": plan.StatusWritten, "b.example.com.": plan.StatusOldKept}[e.Intent.Name]
		if e.Result == nil || e.Result.Status != want {
			t.Errorf("%s: %+v", e.Intent.Name, e.Result)
		}
	}
}
