package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/cffake"
	"github.com/spfpatch/spfpatch/plan"
)

// cfSPFs returns the SPF values at the apex of shop.test.
func cfSPFs(f *cffake.Server) []string {
	var out []string
	for _, v := range cfApex(f)() {
		if strings.HasPrefix(v, "v=spf1") {
			out = append(out, v)
		}
	}
	return out
}

// Issue 12, done when: a fault at every request of a Cloudflare apply — a
// 502 after the write landed, a 429 lockout, a connection cut before or
// after the request was handled — ends every time with exactly one SPF
// record at the name and every other record as it was, and rollback (once
// the lockout is over) restores the old SPF record. The table of outcomes
// is logged (go test -run TestCloudflareFaultInjection -v ./cli/).
func TestCloudflareFaultInjection(t *testing.T) {
	// The requests of one clean apply.
	f, r := cfSetup(t)
	r.cli(exitOK, "apply", "--zone", "shop.test", "--auto-approve", "--journal", filepath.Join(r.dir, "clean.jsonl"), "shop.test")
	var routes []string
	for _, q := range f.Requests() {
		routes = append(routes, q.Method+" "+strings.TrimPrefix(q.Route, "/client/v4"))
	}
	if len(routes) != 5 {
		t.Fatalf("a clean apply sent %d requests: %q", len(routes), routes)
	}
	kinds := []struct {
		name  string
		fault cffake.Fault
	}{
		{"502 after the request was handled", cffake.Fault{Mode: cffake.AfterApply, Status: 502, Body: "<html><h1>502 Bad Gateway</h1></html>"}},
		{"429 lockout (5 minutes)", cffake.Fault{Mode: cffake.Lockout}},
		{"connection cut before handling", cffake.Fault{Mode: cffake.Cut}},
		{"connection cut after handling", cffake.Fault{Mode: cffake.CutAfterApply}},
	}
	var table []string
	runs, oneSPF, restored := 0, 0, 0
	for _, k := range kinds {
		for at := 1; at <= len(routes); at++ {
			f, r := cfSetup(t)
			before := cfApex(f)()
			others := cfOthers(f)()
			f.ResetCounts()
			fault := k.fault
			fault.At = at
			f.Fail(fault)
			journal := filepath.Join(r.dir, "apply.jsonl")
			out, errOut, code := runCLI(t, append(append(append([]string{"apply"}, r.provider...), r.dns...),
				"--zone", "shop.test", "--auto-approve", "--journal", journal, "shop.test")...)
			r.seen = append(r.seen, out, errOut)
			runs++
			spfs := cfSPFs(f)
			if len(spfs) != 1 {
				t.Fatalf("%s at request %d (%s): the apex holds %d SPF records %q\n%s\n%s", k.name, at, routes[at-1], len(spfs), spfs, out, errOut)
			}
			oneSPF++
			if got := cfOthers(f)(); !reflect.DeepEqual(got, others) {
				t.Fatalf("%s at request %d: other records changed", k.name, at)
			}
			status := "(no journal)"
			if j, err := plan.ReadJournal(journal); err == nil && len(j) == 1 && j[0].Result != nil {
				status = j[0].Result.Status
			}
			// The fault is over: no more faults, the lockout has ended.
			f.ClearFaults()
			f.Advance(6 * time.Minute)
			rb := "not needed (nothing written)"
			if _, err := os.Stat(journal); err == nil {
				patches := f.Count("PATCH", "")
				rout, rerr, rcode := runCLI(t, append(append(append([]string{"rollback"}, r.provider...), r.dns...),
					"--auto-approve", "--journal", filepath.Join(r.dir, "rollback.jsonl"), journal)...)
				r.seen = append(r.seen, rout, rerr)
				if rcode != exitOK {
					t.Fatalf("%s at request %d: rollback exit %d\n%s\n%s", k.name, at, rcode, rout, rerr)
				}
				rb = "nothing to roll back"
				if f.Count("PATCH", "") > patches {
					rb = "restored (one PATCH)"
				}
			}
			if got := cfApex(f)(); !reflect.DeepEqual(got, before) {
				t.Fatalf("%s at request %d: after rollback the apex holds %q, want %q", k.name, at, got, before)
			}
			restored++
			table = append(table, fmt.Sprintf("%-36s request %d %-32s apply exit %d, journal %-13s SPF records 1, rollback: %s",
				k.name, at, routes[at-1], code, status, rb))
		}
	}
	r.noSecrets(cfToken, cfZoneToken)
	t.Logf("fault injection: %d runs, %d ended with exactly one SPF record, %d back at the old records after rollback\n%s",
		runs, oneSPF, restored, strings.Join(table, "\n"))
}

// Issue 12, done when: requests per changed name for zones of 10, 1,000
// and 10,000 records (goal: at most 4, constant). Printed with
// go test -run TestCloudflareRequestsPerChangedName -v ./cli/.
func TestCloudflareRequestsPerChangedName(t *testing.T) {
	var lines []string
	counts := map[int]int{}
	for _, size := range []int{10, 1000, 10000} {
		f, r := cfSetup(t)
		f.MaxPerPage = 0
		for n := len(f.Records("shop.test")); n < size; n++ {
			f.AddRecord("shop.test", cffake.Record{Type: "A", Name: fmt.Sprintf("h%05d", n), Content: "192.0.2.1", TTL: 300})
		}
		if n := len(f.Records("shop.test")); n != size {
			t.Fatalf("%d records", n)
		}
		f.ResetCounts()
		r.cli(exitOK, "apply", "--zone", "shop.test", "--auto-approve", "--journal", filepath.Join(r.dir, "apply.jsonl"), "shop.test")
		perName, lookups := 0, 0
		for _, q := range f.Requests() {
			if q.Route == "/client/v4/zones" || q.Route == "/client/v4/zones/:zone" {
				lookups++
			} else {
				perName++
			}
		}
		counts[size] = perName
		lines = append(lines, fmt.Sprintf("zone of %5d records: %d requests for the changed name (+%d zone lookup for the run)", size, perName, lookups))
		if perName > 4 || lookups != 1 {
			t.Errorf("zone of %d records: %d requests per changed name, %d zone lookups", size, perName, lookups)
		}
	}
	if counts[10] != counts[10000] {
		t.Errorf("not constant: %v", counts)
	}
	t.Logf("requests per changed name (apply: plan's read, re-read, PATCH, read-back):\n%s", strings.Join(lines, "\n"))
}

// Issue 12 point 4 through the CLI: two agency profiles that use the same
// token share one budget. When Cloudflare locks the user out (HTTP 429),
// no request at all is sent afterwards, by either profile; the run stops
// with the names not yet written reported as not tried, saying until when.
func TestCloudflareSharedLockout(t *testing.T) {
	const tok = "shared-agency-token-91"
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("AGENCY_TOKEN", tok)
	t.Setenv("SPFPATCH_CLOUDFLARE_LOCKOUT_WAIT", "0")
	f := cffake.Start(t)
	// The testing-only API URL comes from the environment (a config file
	// may not set it).
	t.Setenv("SPFPATCH_CLOUDFLARE_API_URL", f.URL+"/client/v4")
	f.AddToken(tok, cffake.ZoneRead|cffake.DNSEdit)
	for _, z := range []string{"a.test", "b.test"} {
		f.AddZone(z)
		for i := 1; i <= 3; i++ {
			f.AddRecord(z, cffake.Record{Type: "TXT", Name: fmt.Sprintf("s%d", i), Content: `"v=spf1 ip4:192.0.2.1 ~all"`, TTL: 300})
		}
	}
	var cfg strings.Builder
	for _, p := range []string{"one", "two"} {
		fmt.Fprintf(&cfg, "%s  %s:\n    provider: cloudflare\n    settings:\n      CLOUDFLARE_API_TOKEN: {env: AGENCY_TOKEN}\n      SPFPATCH_CLOUDFLARE_RATE: 1000\n",
			map[string]string{"one": "profiles:\n", "two": ""}[p], p)
	}
	cfg.WriteString("defaults:\n  include: e-shopsmail2.com\ndomains:\n")
	for _, p := range []struct{ profile, zone string }{{"one", "a.test"}, {"two", "b.test"}} {
		for i := 1; i <= 3; i++ {
			fmt.Fprintf(&cfg, "  - domain: s%d.%s\n    zone: %s\n    profile: %s\n", i, p.zone, p.zone, p.profile)
		}
	}
	path := filepath.Join(t.TempDir(), "agency.yaml")
	if err := os.WriteFile(path, []byte(cfg.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	// The first write is refused with the lockout.
	f.Fail(cffake.Fault{Method: "PATCH", Mode: cffake.Lockout})
	out, errOut, code := runCLI(t, "apply", "--config", path, "--zone-dir", zoneCopy(t), "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms",
		"--auto-approve", "--parallel", "1", "--format", "json", "--journal", filepath.Join(t.TempDir(), "j.jsonl"))
	if code != exitError {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	reqs := f.Requests()
	last := reqs[len(reqs)-1]
	if last.Method != "PATCH" || last.Status != 429 {
		t.Fatalf("requests went on after the lockout: last %+v\n%s\n%s", last, out, errOut)
	}
	notTried, lockedOut := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m struct {
			Status string `json:"status"`
			Error  string `json:"error"`
		}
		if json.Unmarshal([]byte(line), &m) == nil && m.Status == plan.StatusNotTried {
			notTried++
			if strings.Contains(m.Error, "blocked this API user") && strings.Contains(m.Error, "--cloudflare-lockout-wait") {
				lockedOut++
			}
		}
	}
	if notTried != 5 || lockedOut != 5 {
		t.Fatalf("%d names not tried (%d saying why), want the 5 after the lockout\n%s", notTried, lockedOut, out)
	}
	for _, z := range []string{"a.test", "b.test"} {
		for _, r := range f.Records(z) {
			if strings.Contains(r.Content, "e-shopsmail2.com") {
				t.Fatalf("%s was written", r.Name)
			}
		}
	}
	if strings.Contains(out+errOut, tok) {
		t.Fatal("the token appears")
	}
}

// Issue 12 points 7 and 8 through the CLI: Email Routing's locked SPF
// record and a token without the permission are refused with what to do,
// in the run's language.
func TestCloudflareRefusals(t *testing.T) {
	f, r := cfSetup(t)
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "routed", TTL: 1, Content: `"v=spf1 ip4:192.0.2.7 ~all"`,
		Meta: cffake.Meta{ReadOnly: true, EmailRouting: true}})
	before := f.Records("shop.test")
	out := r.cli(exitError, "apply", "--zone", "shop.test", "--auto-approve", "--journal", filepath.Join(r.dir, "apply.jsonl"), "routed.shop.test")
	if !strings.Contains(out, "Email Routing") || !strings.Contains(out, "unlock") {
		t.Fatalf("%s", out)
	}
	if !reflect.DeepEqual(before, f.Records("shop.test")) {
		t.Fatal("the locked record changed")
	}
	f.AddToken("dns-read-only", cffake.ZoneRead|cffake.DNSRead)
	t.Setenv("CLOUDFLARE_API_TOKEN", "dns-read-only")
	t.Setenv("CLOUDFLARE_ZONE_TOKEN", "")
	t.Setenv("LC_ALL", "ja_JP.UTF-8")
	out = r.cli(exitError, "apply", "--zone", "shop.test", "--auto-approve", "--journal", filepath.Join(r.dir, "apply2.jsonl"), "shop.test")
	if !strings.Contains(out, "DNS:Edit") || !strings.Contains(out, "ゾーンリソース") {
		t.Fatalf("%s", out)
	}
	t.Setenv("LC_ALL", "")
	f.AddToken("no-zone-read", cffake.DNSEdit)
	t.Setenv("CLOUDFLARE_API_TOKEN", "no-zone-read")
	out = r.cli(exitError, "plan", "--zone", "shop.test", "shop.test")
	if !strings.Contains(out, "Zone:Read") || !strings.Contains(out, "Zone Resources must include shop.test") {
		t.Fatalf("%s", out)
	}
	r.noSecrets(cfToken, cfZoneToken, "dns-read-only", "no-zone-read")
}

// Two SPF records at the name, one of them ours (left by an earlier
// version's add-then-delete, when the delete failed): the next apply
// finishes the change and rollback undoes it, each with one request,
// instead of refusing the name.
func TestCloudflareHalfDoneRepaired(t *testing.T) {
	t.Run("apply finishes", func(t *testing.T) {
		f, r := cfSetup(t)
		f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "@", Content: `"` + provNewSPF + `"`, TTL: 3600})
		out := r.cli(exitPending, "plan", "--zone", "shop.test", "--detailed-exitcode", "shop.test")
		if !strings.Contains(out, "two SPF records") {
			t.Fatalf("plan does not say what it repairs:\n%s", out)
		}
		f.ResetCounts()
		r.cli(exitOK, "apply", "--zone", "shop.test", "--auto-approve", "--journal", filepath.Join(r.dir, "apply.jsonl"), "shop.test")
		want := []string{provVerifier, provNewSPF}
		sort.Strings(want)
		if got := cfApex(f)(); !reflect.DeepEqual(got, want) {
			t.Fatalf("apex %q, want %q", got, want)
		}
		if d, w := f.Count("DELETE", ""), cfWrites(f)(); d != 1 || w != 1 {
			t.Fatalf("%d deletes, %d writes", d, w)
		}
	})
	t.Run("rollback undoes", func(t *testing.T) {
		f, r := cfSetup(t)
		r.cli(exitOK, "apply", "--zone", "shop.test", "--auto-approve", "--journal", filepath.Join(r.dir, "apply.jsonl"), "shop.test")
		// As the add-then-delete left it: the old value back beside the new.
		f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "@", Content: `"` + provOldSPF + `"`, TTL: 3600})
		f.ResetCounts()
		out := r.cli(exitOK, "rollback", "--auto-approve", "--journal", filepath.Join(r.dir, "rollback.jsonl"), filepath.Join(r.dir, "apply.jsonl"))
		want := []string{provVerifier, provOldSPF}
		sort.Strings(want)
		if got := cfApex(f)(); !reflect.DeepEqual(got, want) {
			t.Fatalf("apex %q, want %q\n%s", got, want, out)
		}
		if d, w := f.Count("DELETE", ""), cfWrites(f)(); d != 1 || w != 1 {
			t.Fatalf("%d deletes, %d writes", d, w)
		}
	})
}
