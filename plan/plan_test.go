package plan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfcheck"
)

const zone = "example.com."

// seed is the zone every test starts from: shops in several situations,
// with other records and other TXT strings next to the SPF records.
func seed() *dnstest.Store {
	s := dnstest.NewStore()
	txt := func(name, text string) libdns.RR {
		return libdns.RR{Name: name, Type: "TXT", TTL: 300 * time.Second, Data: text}
	}
	s.Put(zone,
		libdns.RR{Name: "@", Type: "SOA", TTL: time.Hour, Data: "ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300"},
		libdns.RR{Name: "@", Type: "NS", TTL: time.Hour, Data: "ns1.example.com."},
		libdns.RR{Name: "shop", Type: "A", TTL: time.Hour, Data: "192.0.2.10"},
		libdns.RR{Name: "shop", Type: "MX", TTL: time.Hour, Data: "10 mail.example.com."},
		txt("shop", "v=spf1 +ip4:192.0.2.0/24 ~all"),
		txt("shop", "google-site-verification=abc123"),
		txt("shop", "MS=ms999"),
		txt("patched", "v=spf1 include:e-shopsmail2.com -all"),
		txt("nospf", "google-site-verification=zzz"),
		txt("two", "v=spf1 -all"),
		txt("two", "v=spf1 mx -all"),
		txt("broken", "v=spf1 ip4:300.1.1.1 -all"),
		txt("full", "v=spf1 exists:%{i}.a.example exists:%{i}.b.example exists:%{i}.c.example exists:%{i}.d.example exists:%{i}.e.example "+
			"exists:%{i}.f.example exists:%{i}.g.example exists:%{i}.h.example exists:%{i}.i.example exists:%{i}.j.example ~all"),
		libdns.RR{Name: "alias", Type: "CNAME", TTL: time.Hour, Data: "shop.example.com."},
		libdns.RR{Name: "web", Type: "A", TTL: time.Hour, Data: "192.0.2.80"},
	)
	return s
}

func platform() *dnstest.FakeResolver {
	return dnstest.NewFakeResolver(dnstest.Zone{TXT: map[string][]string{"e-shopsmail2.com": {"v=spf1 ip4:203.0.113.0/24 -all"}}})
}

func config(s *dnstest.Store) plan.Config {
	return plan.Config{
		Backend:  plan.Backend{Name: "memory", Store: s},
		Checker:  &spfcheck.Checker{Resolver: platform()},
		Includes: []string{"e-shopsmail2.com"},
		Zone:     zone,
	}
}

func TestBuild(t *testing.T) {
	tests := []struct {
		target    string
		create    bool
		action    plan.Action
		code      string
		msgHas    string
		afterSPF  string
		lookups   [2]int
		situation string
	}{
		{"shop.example.com", false, plan.Update, "", "", "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", [2]int{0, 1}, "needs-include"},
		{"info@Shop.Example.com.", false, plan.Update, "", "", "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", [2]int{0, 1}, "needs-include"},
		{"patched.example.com", false, plan.NoOp, "", "", "v=spf1 include:e-shopsmail2.com -all", [2]int{1, 1}, "already-authorised"},
		{"nospf.example.com", false, plan.Error, plan.CodeNoSPF, "--create", "", [2]int{}, "no-spf-record"},
		{"nospf.example.com", true, plan.Create, "", "", "v=spf1 include:e-shopsmail2.com ~all", [2]int{0, 1}, "no-spf-record"},
		{"web.example.com", true, plan.Create, "", "", "v=spf1 include:e-shopsmail2.com ~all", [2]int{0, 1}, "no-spf-record"},
		{"new.example.com", true, plan.Error, plan.CodeNoSuchDomain, "the domain does not exist; check the spelling", "", [2]int{}, ""},
		{"two.example.com", false, plan.Error, plan.CodeMultipleSPF, `"v=spf1 mx -all"`, "", [2]int{}, ""},
		{"broken.example.com", false, plan.Error, plan.CodeSyntax, `"ip4:300.1.1.1"`, "", [2]int{}, ""},
		{"full.example.com", false, plan.Error, plan.CodeOverLimit, "11 DNS lookups", "", [2]int{10, 11}, "needs-include"},
		{"alias.example.com", false, plan.Error, plan.CodeCNAME, "shop.example.com", "", [2]int{}, ""},
		{"shop@gmail.com", false, plan.Error, plan.CodeFreeMail, "own domain", "", [2]int{}, ""},
		{"other.example.net", false, plan.Error, plan.CodeNoZone, "does not contain", "", [2]int{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			cfg := config(seed())
			cfg.Create = tc.create
			c := plan.BuildOne(context.Background(), cfg, tc.target)
			if c.Action != tc.action || c.Code != tc.code || !strings.Contains(c.Message, tc.msgHas) || c.Situation != tc.situation {
				t.Fatalf("action %s code %q situation %q message %q\nwant %s %q %q containing %q", c.Action, c.Code, c.Situation, c.Message, tc.action, tc.code, tc.situation, tc.msgHas)
			}
			if tc.afterSPF != "" && c.AfterSPF != tc.afterSPF {
				t.Errorf("after %q, want %q", c.AfterSPF, tc.afterSPF)
			}
			if tc.lookups != [2]int{} && (c.LookupsBefore != tc.lookups[0] || c.LookupsAfter != tc.lookups[1]) {
				t.Errorf("lookups %d -> %d, want %v", c.LookupsBefore, c.LookupsAfter, tc.lookups)
			}
			if c.Action == plan.Error && tc.code == plan.CodeOverLimit && !strings.Contains(c.Message, "exists:%{i}.a.example (1)") {
				t.Errorf("over-limit message does not name the costliest terms: %s", c.Message)
			}
		})
	}
}

// The desired RRset is the live one with only the SPF string replaced.
func TestBuildKeepsOtherStrings(t *testing.T) {
	c := plan.BuildOne(context.Background(), config(seed()), "shop.example.com")
	want := plan.RRset{
		{Text: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", TTL: 300 * time.Second},
		{Text: "google-site-verification=abc123", TTL: 300 * time.Second},
		{Text: "MS=ms999", TTL: 300 * time.Second},
	}
	if !c.After.Equal(want) || len(c.After) != 3 {
		t.Fatalf("after %+v", c.After)
	}
	if c.Fingerprint != c.Before.Fingerprint() || c.Zone != zone || c.Name != "shop.example.com." {
		t.Fatalf("change %+v", c)
	}
}

func TestBuildFindsZone(t *testing.T) {
	cfg := config(seed())
	cfg.Zone = ""
	c := plan.BuildOne(context.Background(), cfg, "shop.example.com") // the store lists its zones
	if c.Zone != zone || c.Action != plan.Update {
		t.Fatalf("zone %q action %s %s", c.Zone, c.Action, c.Message)
	}
}

func TestBuildPlanOrderAndSummary(t *testing.T) {
	cfg := config(seed())
	cfg.Parallel = 4
	targets := []string{"shop.example.com", "patched.example.com", "two.example.com", "nospf.example.com", "broken.example.com"}
	p := plan.Build(context.Background(), cfg, targets)
	for i, c := range p.Changes {
		if c.Target.Input != targets[i] {
			t.Fatalf("change %d is %q", i, c.Target.Input)
		}
	}
	if s := p.Summary(); s != (plan.Summary{Update: 1, Unchanged: 1, Failed: 3}) {
		t.Fatalf("summary %+v", s)
	}
	if !p.Pending() || !p.Failed() {
		t.Fatal("pending/failed")
	}
}

func nonSPF(rrs []libdns.RR) []string {
	var out []string
	for _, r := range rrs {
		if r.Type == "TXT" && strings.HasPrefix(r.Data, "v=spf1") {
			out = append(out, r.Name+" SPF")
			continue
		}
		out = append(out, r.Name+" "+r.Type+" "+r.TTL.String()+" "+r.Data)
	}
	sort.Strings(out)
	return out
}

func journal(t *testing.T) *plan.Journal {
	t.Helper()
	j, err := plan.CreateJournal(filepath.Join(t.TempDir(), "j.jsonl"), "apply", "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	return j
}

func TestApply(t *testing.T) {
	s := seed()
	before := s.Records(zone)
	cfg := config(s)
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com", "patched.example.com"})
	s.ResetCalls()
	j := journal(t)
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, p)
	if res[0].Status != plan.StatusWritten || res[1].Status != plan.StatusUnchanged || res[0].Failed() || res[1].Failed() {
		t.Fatalf("results %+v %+v", res[0], res[1])
	}
	// For the one changed name: one read just before the write (drift), one
	// write, one read back; nothing for the unchanged name.
	if s.Calls(dnstest.MethodSetRecords) != 1 || s.Calls(dnstest.MethodGetRRset) != 2 || s.Calls(dnstest.MethodGetRecords) != 0 {
		t.Fatalf("calls: set %d getrrset %d getrecords %d", s.Calls(dnstest.MethodSetRecords), s.Calls(dnstest.MethodGetRRset), s.Calls(dnstest.MethodGetRecords))
	}
	after := s.Records(zone)
	if !reflect.DeepEqual(nonSPF(before), nonSPF(after)) {
		t.Fatalf("records other than the SPF string changed:\n%v\n%v", nonSPF(before), nonSPF(after))
	}
	got := ""
	for _, r := range after {
		if r.Name == "shop" && strings.HasPrefix(r.Data, "v=spf1") {
			got = r.Data
		}
	}
	if got != "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all" {
		t.Fatalf("SPF now %q", got)
	}
	// The journal has the intent and the result.
	entries, err := plan.ReadJournal(j.Path)
	if err != nil || len(entries) != 1 || entries[0].Result == nil || entries[0].Result.Status != plan.StatusWritten ||
		!entries[0].Intent.Before.Equal(p.Changes[0].Before) || !entries[0].Intent.After.Equal(p.Changes[0].After) {
		t.Fatalf("journal %+v %v", entries, err)
	}
	// Plan again: nothing to do.
	if p2 := plan.Build(context.Background(), cfg, []string{"shop.example.com"}); p2.Pending() {
		t.Fatalf("second plan still pending: %+v", p2.Changes[0])
	}
}

func TestApplyWriteFailureKeepsOldRecord(t *testing.T) {
	s := seed()
	cfg := config(s)
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	s.FailNext(dnstest.MethodSetRecords, errors.New("HTTP 500 from provider"))
	j := journal(t)
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, p)
	if res[0].Status != plan.StatusOldKept || !res[0].Failed() || !strings.Contains(res[0].Error, "old record is still in place") {
		t.Fatalf("%+v", res[0])
	}
	if !res[0].Holds.SameTexts(p.Changes[0].Before) {
		t.Fatalf("holds %+v", res[0].Holds)
	}
	entries, _ := plan.ReadJournal(j.Path)
	if entries[0].Result == nil || entries[0].Result.Status != plan.StatusOldKept {
		t.Fatalf("journal %+v", entries[0].Result)
	}
}

// A provider that writes and then reports an error: the journal must say
// the new record is there.
func TestApplyErrorAfterWrite(t *testing.T) {
	s := seed()
	cfg := config(s)
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	inner := cfg.Backend.Store
	cfg.Backend.Store = lyingStore{inner}
	j := journal(t)
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, p)
	if res[0].Status != plan.StatusWritten || !strings.Contains(res[0].Error, "holds the new record") {
		t.Fatalf("%+v", res[0])
	}
	entries, _ := plan.ReadJournal(j.Path)
	if entries[0].Result.Status != plan.StatusWritten {
		t.Fatalf("journal %+v", entries[0].Result)
	}
}

type lyingStore struct{ plan.RecordStore }

func (l lyingStore) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	if _, err := l.RecordStore.SetRecords(ctx, zone, recs); err != nil {
		return nil, err
	}
	return nil, errors.New("timeout waiting for the provider's answer")
}

func (l lyingStore) GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error) {
	return l.RecordStore.(plan.RRsetGetter).GetRRset(ctx, zone, name, rrtype)
}

// A provider that accepts the write but stores something else.
type mangler struct{ plan.RecordStore }

func (m mangler) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	var out []libdns.Record
	for _, r := range recs {
		rr := r.RR()
		rr.Data = `"` + rr.Data + `"`
		out = append(out, rr)
	}
	return m.RecordStore.SetRecords(ctx, zone, out)
}

func TestApplyVerifiesReadBack(t *testing.T) {
	s := seed()
	cfg := config(s)
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	cfg.Backend.Store = mangler{cfg.Backend.Store}
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, p)
	if res[0].Status != plan.StatusMismatch || !strings.Contains(res[0].Error, "live now") {
		t.Fatalf("%+v", res[0])
	}
}

func TestApplyRefusesDrift(t *testing.T) {
	s := seed()
	cfg := config(s)
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	// Someone edits the record between plan and apply.
	_, _ = s.AppendRecords(context.Background(), zone, []libdns.Record{libdns.TXT{Name: "shop", TTL: 300 * time.Second, Text: "new-verification=1"}})
	s.ResetCalls()
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, p)
	if res[0].Status != plan.StatusNotTried || !strings.Contains(res[0].Error, "drift") || !strings.Contains(res[0].Error, "new-verification=1") {
		t.Fatalf("%+v", res[0])
	}
	if s.Calls(dnstest.MethodSetRecords) != 0 {
		t.Fatal("wrote despite drift")
	}
}

func TestApplyWithoutJournalRefuses(t *testing.T) {
	cfg := config(seed())
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker}, p)
	if res[0].Status != plan.StatusNotTried {
		t.Fatalf("%+v", res[0])
	}
}

func TestSavedPlan(t *testing.T) {
	s := seed()
	cfg := config(s)
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com", "nospf.example.com"})
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := plan.Save(path, "memory", p); err != nil {
		t.Fatal(err)
	}
	sp, err := plan.Load(path)
	if err != nil || sp.Provider != "memory" || len(sp.Changes) != 2 {
		t.Fatalf("%+v %v", sp, err)
	}
	if !sp.Changes[0].After.Equal(p.Changes[0].After) || sp.Changes[0].Fingerprint != p.Changes[0].Fingerprint || sp.Changes[0].Action != plan.Update {
		t.Fatalf("saved change differs: %+v", sp.Changes[0])
	}
	// Stale: the record changed after the plan was saved.
	_, _ = s.SetRecords(context.Background(), zone, []libdns.Record{libdns.TXT{Name: "shop", TTL: 300 * time.Second, Text: "v=spf1 mx ~all"}})
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, &plan.Plan{Changes: sp.Changes})
	if res[0].Status != plan.StatusNotTried || !strings.Contains(res[0].Error, "v=spf1 mx ~all") {
		t.Fatalf("%+v", res[0])
	}
	// A broken file is refused with a clear message.
	_ = os.WriteFile(path, []byte(`{"version": 9}`), 0o600)
	if _, err := plan.Load(path); err == nil || !strings.Contains(err.Error(), "version 9") {
		t.Fatalf("load: %v", err)
	}
}

func TestRollback(t *testing.T) {
	s := seed()
	original := s.Records(zone)
	cfg := config(s)
	cfg.Create = true
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com", "nospf.example.com", "patched.example.com"})
	j := journal(t)
	plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, p)
	entries, err := plan.ReadJournal(j.Path)
	if err != nil || len(entries) != 2 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	rb := plan.PlanRollback(context.Background(), i18n.Printer{}, cfg.Backend, entries)
	if s := rb.Summary(); s.Update != 2 {
		t.Fatalf("rollback plan %+v", s)
	}
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, rb)
	for _, r := range res {
		if r.Failed() {
			t.Fatalf("rollback failed: %+v", r)
		}
	}
	if got := s.Records(zone); !reflect.DeepEqual(canonical(got), canonical(original)) {
		t.Fatalf("rollback did not restore the zone:\n%v\n%v", canonical(got), canonical(original))
	}
	// Idempotent.
	again := plan.PlanRollback(context.Background(), i18n.Printer{}, cfg.Backend, entries)
	if again.Pending() || again.Failed() {
		t.Fatalf("second rollback: %+v", again.Summary())
	}
	// Drift: someone changed the record after the apply; rollback refuses it.
	p = plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	j2 := journal(t)
	plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j2}, p)
	_, _ = s.SetRecords(context.Background(), zone, []libdns.Record{libdns.TXT{Name: "shop", TTL: 300 * time.Second, Text: "v=spf1 -all"}})
	entries, _ = plan.ReadJournal(j2.Path)
	if d := plan.PlanRollback(context.Background(), i18n.Printer{}, cfg.Backend, entries); d.Changes[0].Code != plan.CodeDrift {
		t.Fatalf("drift not refused: %+v", d.Changes[0])
	}
}

func canonical(rrs []libdns.RR) []string {
	var out []string
	for _, r := range rrs {
		out = append(out, r.Name+" "+r.Type+" "+r.Data)
	}
	sort.Strings(out)
	return out
}

func TestRenderText(t *testing.T) {
	cfg := config(seed())
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com", "patched.example.com", "two.example.com"})
	var b bytes.Buffer
	plan.Render(&b, p, plan.RenderOptions{})
	want := `  ~ shop.example.com.  TXT  (zone example.com., provider memory)
      - "v=spf1 +ip4:192.0.2.0/24 ~all"
      + "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"
        lookups 0 -> 1 of 10
        2 other TXT record(s) at this name kept as they are
    patched.example.com.  TXT  (zone example.com., provider memory)
      = "v=spf1 include:e-shopsmail2.com -all"
        already authorises include:e-shopsmail2.com; nothing to change (lookups 1 of 10)
  ! two.example.com.  TXT  (zone example.com., provider memory)
      error: two.example.com publishes 2 SPF records where only one is allowed: "v=spf1 -all" and "v=spf1 mx -all"; merge them into one record and delete the others. Receivers treat two SPF records as a permanent error (RFC 7208 §4.5); run spfpatch again after merging them
Plan: 0 to create, 1 to change, 1 unchanged, 1 failed.
`
	if b.String() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	plan.Render(&b, p, plan.RenderOptions{Color: true})
	if !strings.Contains(b.String(), "\x1b[") {
		t.Fatal("no colour with Color set")
	}
}

func TestJSONLines(t *testing.T) {
	cfg := config(seed())
	p := plan.Build(context.Background(), cfg, []string{"shop.example.com", "two.example.com"})
	var b bytes.Buffer
	if err := plan.WriteJSONLines(&b, p); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	var c map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &c); err != nil {
		t.Fatal(err)
	}
	if c["action"] != "update" || c["zone"] != zone || c["before_spf"] != "v=spf1 +ip4:192.0.2.0/24 ~all" || c["lookups_after"] != 1.0 {
		t.Fatalf("%v", c)
	}
	var e map[string]any
	_ = json.Unmarshal([]byte(lines[1]), &e)
	if e["action"] != "error" || e["code"] != plan.CodeMultipleSPF || e["message"] == "" {
		t.Fatalf("%v", e)
	}
	var sum map[string]map[string]int
	if err := json.Unmarshal([]byte(lines[2]), &sum); err != nil || sum["summary"]["update"] != 1 || sum["summary"]["failed"] != 1 {
		t.Fatalf("%s %v", lines[2], err)
	}
}

// A name with no records of its own under a wildcard TXT is refused, also
// through a store that reads one RRset at a time.
func TestBuildRefusesWildcardOnlyName(t *testing.T) {
	s := seed()
	s.Put(zone, libdns.RR{Name: "*.shops", Type: "TXT", TTL: time.Hour, Data: "v=spf1 -all"})
	cfg := config(s)
	cfg.Create = true
	c := plan.BuildOne(context.Background(), cfg, "new.shops.example.com")
	if c.Action != plan.Error || c.Code != plan.CodeWildcard || !strings.Contains(c.Message, "*.shops.example.com.") {
		t.Fatalf("%s %s %s", c.Action, c.Code, c.Message)
	}
	// Not covered by the wildcard: created as usual.
	if c := plan.BuildOne(context.Background(), cfg, "web.example.com"); c.Action != plan.Create {
		t.Fatalf("%s %s", c.Action, c.Message)
	}
}

// A provider that cannot write long TXT values: refused when planned.
func TestBuildRefusesLongValueForProvider(t *testing.T) {
	s := seed()
	long := "v=spf1 " + strings.Repeat("ip4:198.51.100.0/24 ", 12) + "~all"
	s.Put(zone, libdns.RR{Name: "long", Type: "TXT", TTL: time.Hour, Data: long})
	cfg := config(s)
	cfg.Backend.NoLongTXT = true
	c := plan.BuildOne(context.Background(), cfg, "long.example.com")
	if c.Action != plan.Error || c.Code != plan.CodeUnsafe || !strings.Contains(c.Message, "255 bytes") {
		t.Fatalf("%s %s %s", c.Action, c.Code, c.Message)
	}
	cfg.Backend.NoLongTXT = false
	if c := plan.BuildOne(context.Background(), cfg, "long.example.com"); c.Action != plan.Update || len(c.AfterStrings) != 2 {
		t.Fatalf("%s %s %q", c.Action, c.Message, c.AfterStrings)
	}
}

// Ctrl-C: a cancelled run starts nothing new; names not started are
// reported as such and nothing is written or journaled for them.
func TestInterruptedRun(t *testing.T) {
	s := seed()
	cfg := config(s)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := plan.BuildJobs(ctx, []plan.Job{{Input: "shop.example.com", Config: &cfg}}, 1)
	if c := p.Changes[0]; c.Action != plan.Error || c.Code != plan.CodeInterrupted {
		t.Fatalf("%s %s", c.Action, c.Code)
	}
	p = plan.Build(context.Background(), cfg, []string{"shop.example.com"})
	j := journal(t)
	s.ResetCalls()
	res := plan.Apply(ctx, plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, p)
	if res[0].Status != plan.StatusNotTried || !res[0].Failed() || s.Calls(dnstest.MethodSetRecords) != 0 {
		t.Fatalf("%+v", res[0])
	}
	if entries, _ := plan.ReadJournal(j.Path); len(entries) != 0 {
		t.Fatalf("journal has %d changes", len(entries))
	}
}

// TXT records may hold any bytes: saved plans and journals keep them.
func TestTXTJSONKeepsEveryByte(t *testing.T) {
	in := plan.RRset{{Text: "semi\x9b\xff", TTL: time.Minute}, {Text: "v=spf1 -all", TTL: time.Minute}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "text_base64") || !strings.Contains(string(b), `"text":"v=spf1 -all"`) {
		t.Fatalf("%s", b)
	}
	var out plan.RRset
	if err := json.Unmarshal(b, &out); err != nil || !reflect.DeepEqual(out, in) {
		t.Fatalf("%q %v", out, err)
	}
}

// Wildcards of any type count; a name with records of its own is not covered.
func TestBuildWildcardOfAnyType(t *testing.T) {
	s := seed()
	s.Put(zone,
		libdns.RR{Name: "*.w2", Type: "A", TTL: time.Hour, Data: "192.0.2.9"},
		libdns.RR{Name: "*.w", Type: "TXT", TTL: time.Hour, Data: "v=spf1 -all"},
		libdns.RR{Name: "x.w", Type: "A", TTL: time.Hour, Data: "192.0.2.8"},
	)
	cfg := config(s)
	cfg.Create = true
	if c := plan.BuildOne(context.Background(), cfg, "y.w2.example.com"); c.Code != plan.CodeWildcard {
		t.Fatalf("A wildcard: %s %s", c.Action, c.Message)
	}
	if c := plan.BuildOne(context.Background(), cfg, "x.w.example.com"); c.Action != plan.Create {
		t.Fatalf("own record under a TXT wildcard: %s %s", c.Action, c.Message)
	}
}

// Two applies appended to one journal: one rollback restores the state
// before the first.
func TestRollbackChainedApplies(t *testing.T) {
	s := seed()
	original := canonical(s.Records(zone))
	cfg := config(s)
	j := journal(t)
	plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, plan.Build(context.Background(), cfg, []string{"shop.example.com"}))
	cfg2 := cfg
	cfg2.Includes = []string{"other.example"}
	other := dnstest.NewFakeResolver(dnstest.Zone{TXT: map[string][]string{"e-shopsmail2.com": {"v=spf1 ip4:203.0.113.0/24 -all"}, "other.example": {"v=spf1 -all"}}})
	cfg2.Checker = &spfcheck.Checker{Resolver: other}
	res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg2.Checker, Journal: j}, plan.Build(context.Background(), cfg2, []string{"shop.example.com"}))
	if res[0].Status != plan.StatusWritten {
		t.Fatalf("second apply %+v", res[0])
	}
	entries, _ := plan.ReadJournal(j.Path)
	if len(entries) != 2 {
		t.Fatalf("%d entries", len(entries))
	}
	rb := plan.PlanRollback(context.Background(), i18n.Printer{}, cfg.Backend, entries)
	if len(rb.Changes) != 1 || rb.Changes[0].Action != plan.Update {
		t.Fatalf("%+v", rb.Changes)
	}
	plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: journal(t)}, rb)
	if got := canonical(s.Records(zone)); !reflect.DeepEqual(got, original) {
		t.Fatalf("not restored:\n%v\n%v", got, original)
	}
}

// An include that is there but never passes is not "already authorised".
func TestBuildIneffectiveInclude(t *testing.T) {
	for rec, fixed := range map[string]string{
		"v=spf1 mx ~all include:e-shopsmail2.com":  "v=spf1 mx include:e-shopsmail2.com ~all",
		"v=spf1 mx ~include:e-shopsmail2.com -all": "v=spf1 mx include:e-shopsmail2.com -all",
	} {
		s := seed()
		s.Put(zone, libdns.RR{Name: "odd", Type: "TXT", TTL: time.Hour, Data: rec})
		cfg := config(s)
		c := plan.BuildOne(context.Background(), cfg, "odd.example.com")
		if c.Action != plan.Error || c.Code != plan.CodeIneffective || !strings.Contains(c.Message, fixed) {
			t.Fatalf("%q: %s %s %s", rec, c.Action, c.Code, c.Message)
		}
		// The fix the message suggests works.
		cfg.Removes = []string{"e-shopsmail2.com"}
		if c := plan.BuildOne(context.Background(), cfg, "odd.example.com"); c.Action != plan.Update || c.AfterSPF != fixed {
			t.Fatalf("%q: %s %q", rec, c.Action, c.AfterSPF)
		}
	}
}
