package plan_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// Tests of the review of issue 10 (the guarded write path).

// Review point 1, at the choke point: a rollback change whose journal
// entry carries no inputs is refused by the guard itself, however it was
// made (not only by PlanRollback).
func TestGuardRefusesRestoreWithoutInputs(t *testing.T) {
	s := seed()
	cfg := config(s)
	j := journal(t)
	plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, plan.Build(context.Background(), cfg, []string{"shop.example.com"}))
	entries, err := plan.ReadJournal(j.Path)
	if err != nil {
		t.Fatal(err)
	}
	rb := plan.PlanRollback(context.Background(), i18n.Printer{}, cfg.Backend, entries)
	c := rb.Changes[0]
	if c.Action != plan.Update || c.Restore == nil || c.Restore.Inputs == nil {
		t.Fatalf("%+v", c)
	}
	// The change made by hand: inputs gone, "before" made +all.
	evil := *c
	r := *c.Restore
	r.Inputs = nil
	r.Before = append(plan.RRset(nil), r.Before...)
	r.Before[0].Text, r.Before[0].Strings = "v=spf1 +all", nil
	evil.Restore, evil.AfterSPF = &r, "v=spf1 +all"
	evil.After = append(plan.RRset{{Text: "v=spf1 +all", TTL: 300 * time.Second}}, c.After[1:]...)
	s.ResetCalls()
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, &plan.Plan{Changes: []*plan.Change{&evil}})
	if res[0].Status != plan.StatusNotTried || res[0].Code != plan.CodeJournalEdited || s.Calls(dnstest.MethodSetRecords) != 0 {
		t.Fatalf("%+v", res[0])
	}
	// Inputs kept, "before" +all: refused too (its "after" is not what
	// they make of it).
	r.Inputs = c.Restore.Inputs
	res = plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, &plan.Plan{Changes: []*plan.Change{&evil}})
	if res[0].Status != plan.StatusNotTried || res[0].Code != plan.CodeJournalEdited || s.Calls(dnstest.MethodSetRecords) != 0 {
		t.Fatalf("%+v", res[0])
	}
	// The real one is written, and its journal entry is the inverse.
	jr := journal(t)
	res = plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: jr}, rb)
	if res[0].Status != plan.StatusWritten {
		t.Fatalf("%+v", res[0])
	}
	back, _ := plan.ReadJournal(jr.Path)
	if in := back[0].Intent.Inputs; in == nil || !in.Inverse || len(in.Includes) != 1 {
		t.Fatalf("rollback intent inputs %+v", in)
	}
}

// Chained applies of one name in one journal must follow each other: an
// entry that starts from neither where the others ended nor where they
// started (the record was changed between the runs, or the journal was
// made up of consistent entries) cannot be rolled back.
func TestRollbackChainMustFollow(t *testing.T) {
	s := seed()
	cfg := config(s)
	j := journal(t)
	plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, plan.Build(context.Background(), cfg, []string{"shop.example.com"}))
	// Someone changes the record by hand; a second apply, in the same
	// journal, adds another include to that.
	_, _ = s.SetRecords(context.Background(), zone, []libdns.Record{
		libdns.TXT{Name: "shop", TTL: 300 * time.Second, Text: "v=spf1 mx include:e-shopsmail2.com ~all"},
		libdns.TXT{Name: "shop", TTL: 300 * time.Second, Text: "google-site-verification=abc123"},
		libdns.TXT{Name: "shop", TTL: 300 * time.Second, Text: "MS=ms999"},
	})
	cfg2 := cfg
	cfg2.Includes = []string{"other.example"}
	cfg2.Checker = &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(dnstest.Zone{TXT: map[string][]string{"e-shopsmail2.com": {"v=spf1 -all"}, "other.example": {"v=spf1 -all"}}})}
	if res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg2.Checker, Journal: j}, plan.Build(context.Background(), cfg2, []string{"shop.example.com"})); res[0].Status != plan.StatusWritten {
		t.Fatalf("%+v", res[0])
	}
	entries, _ := plan.ReadJournal(j.Path)
	rb := plan.PlanRollback(context.Background(), i18n.Printer{}, cfg.Backend, entries)
	if c := rb.Changes[0]; c.Action != plan.Error || c.Code != plan.CodeJournalEdited || !strings.Contains(c.Message, "do not follow each other") {
		t.Fatalf("%s %s %s", c.Action, c.Code, c.Message)
	}
}

// Review point 3: with the manual provider, apply checks the value to
// paste as it checks a write: against the record read now, its lookups
// counted now.
func TestManualValueGuarded(t *testing.T) {
	s := seed()
	cfg := config(s)
	cfg.Backend.Manual = true
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	c := p.Changes[0]
	if c.Action != plan.Update {
		t.Fatalf("%+v", c)
	}
	good := *c
	// An edited value is refused.
	c.AfterSPF = "v=spf1 +all"
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker}, p)
	if res[0].Status != plan.StatusNotTried || !strings.Contains(res[0].Error, `"v=spf1 +all"`) {
		t.Fatalf("%+v", res[0])
	}
	// Over the limit now (e-shopsmail2.com grew): refused.
	big := dnstest.Zone{TXT: map[string][]string{}}
	spf := "v=spf1"
	for i := 1; i <= 10; i++ {
		spf += fmt.Sprintf(" include:l%d.example", i)
		big.TXT[fmt.Sprintf("l%d.example", i)] = []string{"v=spf1 -all"}
	}
	big.TXT["e-shopsmail2.com"] = []string{spf + " -all"}
	c2 := good
	res = plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(big)}}, &plan.Plan{Changes: []*plan.Change{&c2}})
	if res[0].Status != plan.StatusNotTried || res[0].Code != plan.CodeOverLimit {
		t.Fatalf("%+v", res[0])
	}
	// As planned: the value to paste, counted.
	c3 := good
	res = plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker}, &plan.Plan{Changes: []*plan.Change{&c3}})
	if res[0].Status != plan.StatusManual || c3.AfterSPF != "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all" || c3.LookupsAfter != 1 {
		t.Fatalf("%+v %+v", res[0], c3)
	}
}

// Review point 7: a saved plan is shown as what will be written: its
// strings, warnings and the record before are made again from its inputs,
// its lookup counts are not taken from the file, and its inputs are shown.
func TestSavedPlanShownFromInputs(t *testing.T) {
	s := seed()
	cfg := config(s)
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := plan.Save(path, "memory", p); err != nil {
		t.Fatal(err)
	}
	editSaved(t, path, func(c map[string]any) {
		c["after_strings"] = []any{"v=spf1 +all"}
		c["before_spf"] = "v=spf1 include:e-shopsmail2.com ~all"
		c["lookups_after"] = 2
		c["warnings"] = []any{}
	})
	sp, err := plan.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	plan.RecountLookups(context.Background(), cfg.Checker, sp.Changes)
	var b bytes.Buffer
	plan.Render(&b, &plan.Plan{Changes: sp.Changes}, plan.RenderOptions{})
	out := b.String()
	for _, want := range []string{`- "v=spf1 +ip4:192.0.2.0/24 ~all"`, `+ "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"`, "lookups 0 -> 1 of 10",
		"made from the plan file's inputs: +include:e-shopsmail2.com"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "+all") {
		t.Errorf("shows the file's strings:\n%s", out)
	}
	// Inputs changed with a matching "after": shown as what is written.
	editSaved(t, path, func(c map[string]any) {
		c["inputs"].(map[string]any)["includes"] = []any{"sendgrid.net"}
		for _, r := range c["after"].([]any) {
			m := r.(map[string]any)
			if strings.HasPrefix(m["text"].(string), "v=spf1") {
				m["text"] = "v=spf1 +ip4:192.0.2.0/24 include:sendgrid.net ~all"
				delete(m, "strings")
			}
		}
		c["after_spf"] = "v=spf1 +ip4:192.0.2.0/24 include:sendgrid.net ~all"
	})
	sp, err = plan.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	plan.Render(&b, &plan.Plan{Changes: sp.Changes}, plan.RenderOptions{})
	if out := b.String(); !strings.Contains(out, "include:sendgrid.net ~all") || strings.Contains(out, "e-shopsmail2") || !strings.Contains(out, "+include:sendgrid.net") {
		t.Errorf("%s", out)
	}
}

// Review point 4, in the journal: a file whose last line was cut gets a
// newline before the next run's lines; a journal written before that (a
// cut line with the next begin line on it) is read as two lines; a cut
// line in the middle is reported and the lines after it used.
func TestJournalLinesAfterACut(t *testing.T) {
	s := seed()
	cfg := config(s)
	path := filepath.Join(t.TempDir(), "j.jsonl")
	j, err := plan.CreateJournal(path, "apply", "memory")
	if err != nil {
		t.Fatal(err)
	}
	plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, plan.Build(context.Background(), cfg, []string{"shop.example.com"}))
	j.Close()
	full, _ := os.ReadFile(path)
	cut := full[:len(full)-30]
	_ = os.WriteFile(path, cut, 0o600)
	j2, err := plan.CreateJournal(path, "apply", "memory")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Create = true
	plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j2}, plan.Build(context.Background(), cfg, []string{"nospf.example.com"}))
	j2.Close()
	b, _ := os.ReadFile(path)
	if !bytes.HasPrefix(b, append(append([]byte{}, cut...), []byte("\n{\"kind\":\"begin\"")...)) {
		t.Fatalf("the second run's begin line is not on a line of its own:\n%s", b)
	}
	jc, err := plan.LoadJournal(path)
	if err != nil || len(jc.Changes) != 2 || len(jc.Cuts) != 1 || jc.Cuts[0].Line != 3 || jc.Cuts[0].Kind != "result" {
		t.Fatalf("%+v %v", jc, err)
	}
	// The same journal as a run before the fix wrote it: glued.
	glued := bytes.Replace(b, append(append([]byte{}, cut...), '\n'), cut, 1)
	_ = os.WriteFile(path, glued, 0o600)
	jc, err = plan.LoadJournal(path)
	if err != nil || len(jc.Changes) != 2 || len(jc.Cuts) != 1 {
		t.Fatalf("glued: %+v %v", jc, err)
	}
	rb := plan.PlanRollback(context.Background(), i18n.Printer{}, cfg.Backend, jc.Changes)
	if rb.Failed() || rb.Summary().Update != 2 {
		t.Fatalf("%+v", rb.Summary())
	}
	// A bad line followed by a line of its own run: damage, not a crash.
	lines := bytes.SplitAfter(full, []byte("\n"))
	bad := append(append(append([]byte{}, lines[0]...), lines[1][:40]...), '\n')
	bad = append(bad, lines[2]...)
	_ = os.WriteFile(path, bad, 0o600)
	if _, err := plan.LoadJournal(path); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("%v", err)
	}
}

// Review point 8: runs that share a new journal, started at once, are
// all let in (the head is read under the lock; an empty file is one being
// created), and an empty file left by a crash is taken as new.
func TestNewJournalSharedAtOnce(t *testing.T) {
	for round := range 20 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("j%d.jsonl", round))
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() {
				j, err := plan.CreateJournal(path, "apply", "memory")
				if err != nil {
					errs <- err
					return
				}
				j.Close()
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("round %d: %v", round, err)
		}
		if b, _ := os.ReadFile(path); bytes.Count(b, []byte(`"kind":"begin"`)) != 8 || bytes.Count(b, []byte("\n")) != 8 {
			t.Fatalf("round %d:\n%s", round, b)
		}
	}
	empty := filepath.Join(t.TempDir(), "empty.jsonl")
	_ = os.WriteFile(empty, nil, 0o600)
	j, err := plan.CreateJournal(empty, "apply", "memory")
	if err != nil {
		t.Fatal(err)
	}
	j.Close()
	if jc, err := plan.LoadJournal(empty); err != nil || len(jc.Changes) != 0 {
		t.Fatalf("%v", err)
	}
}

// hidden wraps a store, hiding its methods but those of plan.RecordStore.
type hidden struct{ plan.RecordStore }

// lockingStore is a store that says its zones must be locked.
type lockingStore struct{ *dnstest.Store }

func (lockingStore) LockZone(ctx context.Context, zone string) (context.Context, func(), error) {
	return ctx, func() {}, nil
}

// syncFailing is a store whose end-of-run sync fails.
type syncFailing struct{ *dnstest.Store }

func (syncFailing) SyncWrites() error { return errors.New("EIO on the directory") }

// Review nits: a backend whose zone lock is hidden by a wrapper is not
// written unlocked (fail closed); a failed sync at the end of the run is
// reported, not dropped (point 11).
func TestLockHiddenAndSyncErrors(t *testing.T) {
	s := seed()
	cfg := config(s)
	b := plan.Backend{Name: "zonefile", Store: hidden{lockingStore{s}}, ZoneLock: true}
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: b, Checker: cfg.Checker, Journal: journal(t)}, plan.Build(context.Background(), cfg, []string{"shop.example.com"}))
	if res[0].Status != plan.StatusNotTried || !strings.Contains(res[0].Error, "zone lock cannot be taken") || s.Calls(dnstest.MethodSetRecords) != 0 {
		t.Fatalf("%+v", res[0])
	}
	b = plan.Backend{Name: "zonefile", Store: lockingStore{s}, ZoneLock: true}
	if res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: b, Checker: cfg.Checker, Journal: journal(t)}, plan.Build(context.Background(), cfg, []string{"shop.example.com"})); res[0].Status != plan.StatusWritten {
		t.Fatalf("%+v", res[0])
	}
	b = plan.Backend{Name: "memory", Store: syncFailing{s}}
	cfg.Create = true
	out, err := plan.ApplyRun(context.Background(), plan.ApplyConfig{Backend: b, Checker: cfg.Checker, Journal: journal(t)}, plan.Build(context.Background(), cfg, []string{"nospf.example.com"}))
	if out[0].Status != plan.StatusWritten || err == nil || !strings.Contains(err.Error(), "EIO on the directory") {
		t.Fatalf("%+v %v", out[0], err)
	}
}

// Review point 13: a refusal of several lines is rendered a line at a
// time, indented, never with a literal \n.
func TestRenderMultiLineMessage(t *testing.T) {
	c := &plan.Change{Name: "x.example.com.", Action: plan.Error, Message: "x.example.com: refused:\n      expected \"a\"\n      in the plan file \"b\x1b[31m\""}
	var b bytes.Buffer
	plan.RenderChange(&b, c, plan.RenderOptions{})
	want := "  ! x.example.com.  TXT\n      error: x.example.com: refused:\n            expected \"a\"\n            in the plan file \"b\\x1b[31m\"\n"
	if b.String() != want {
		t.Fatalf("%q\nwant\n%q", b.String(), want)
	}
}

// Review nits: saved plans and journals are not read through a symbolic
// link; temporary files of plan --out and --report that a killed run left
// are swept once an hour old (only those named as spfpatch names them);
// a new journal directory is made with its parents.
func TestOwnFilesLinksAndTemps(t *testing.T) {
	s := seed()
	cfg := config(s)
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.json")
	if err := plan.Save(path, "memory", plan.Build(context.Background(), cfg, []string{"shop.example.com"})); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(path, link); err != nil {
		t.Skip(err)
	}
	if _, err := plan.Load(link); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("plan through a link: %v", err)
	}
	j := journal(t)
	jlink := filepath.Join(dir, "j.jsonl")
	_ = os.Symlink(j.Path, jlink)
	if _, err := plan.LoadJournal(jlink); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("journal through a link: %v", err)
	}
	old := time.Now().Add(-2 * time.Hour)
	for _, n := range []string{".plan.json.spfpatch-w123", ".plan.json.spfpatch-w456", ".plan.json.spfpatch-wx", ".other.json.spfpatch-w1"} {
		_ = os.WriteFile(filepath.Join(dir, n), []byte("half"), 0o600)
		if n != ".plan.json.spfpatch-w456" {
			_ = os.Chtimes(filepath.Join(dir, n), old, old)
		}
	}
	if err := plan.Save(path, "memory", plan.Build(context.Background(), cfg, []string{"shop.example.com"})); err != nil {
		t.Fatal(err)
	}
	var left []string
	des, _ := os.ReadDir(dir)
	for _, de := range des {
		if strings.Contains(de.Name(), ".spfpatch-") {
			left = append(left, de.Name())
		}
	}
	if want := []string{".other.json.spfpatch-w1", ".plan.json.spfpatch-w456", ".plan.json.spfpatch-wx"}; strings.Join(left, " ") != strings.Join(want, " ") {
		t.Fatalf("left %q, want %q", left, want)
	}
	deep := filepath.Join(t.TempDir(), "a", "b", "j.jsonl")
	jd, err := plan.CreateJournal(deep, "apply", "memory")
	if err != nil {
		t.Fatal(err)
	}
	jd.Close()
	if fi, err := os.Stat(filepath.Dir(deep)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("%v %v", fi.Mode(), err)
	}
}

// A saved plan that creates a record under a provider's smallest TTL
// (--ttl 30 where the provider takes 60 at least) is not taken for an
// edited one when it is read.
func TestSavedPlanCreateAtMinTTL(t *testing.T) {
	s := seed()
	cfg := config(s)
	cfg.Create, cfg.TTL = true, 30*time.Second
	cfg.Backend.MinTTL = time.Minute
	p := plan.Build(context.Background(), cfg, []string{"web.example.com"})
	if c := p.Changes[0]; c.Action != plan.Create || c.After[0].TTL != time.Minute {
		t.Fatalf("%+v", c)
	}
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := plan.Save(path, "memory", p); err != nil {
		t.Fatal(err)
	}
	sp, err := plan.Load(path)
	if err != nil || sp.Changes[0].Action != plan.Create {
		t.Fatalf("%+v %v", sp.Changes[0], err)
	}
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, &plan.Plan{Changes: sp.Changes})
	if res[0].Status != plan.StatusWritten {
		t.Fatalf("%+v", res[0])
	}
}

// The manual provider reads over DNS, without TTLs: a record to create
// beside other TXT records is not taken for a change of their TTL.
func TestManualCreateBesideOtherTXT(t *testing.T) {
	s := seed()
	s.Put(zone, libdns.RR{Name: "bare", Type: "TXT", TTL: 0, Data: "google-site-verification=zzz"})
	cfg := config(s)
	cfg.Backend.Manual, cfg.Create = true, true
	p := plan.Build(context.Background(), cfg, []string{"bare.example.com"})
	if c := p.Changes[0]; c.Action != plan.Create {
		t.Fatalf("%+v", c)
	}
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker}, p)
	if res[0].Status != plan.StatusManual {
		t.Fatalf("%+v", res[0])
	}
}
