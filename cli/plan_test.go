package cli

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/miekg/dns"
)

// zoneCopy copies examples/zones to a temporary directory.
func zoneCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ents, err := os.ReadDir("../examples/zones")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join("../examples/zones", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// zoneRRs parses every zone file in dir and returns its RRs as text, with
// SOA serials zeroed, sorted.
func zoneRRs(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		zp := dns.NewZoneParser(f, "", e.Name())
		for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
			if soa, ok := rr.(*dns.SOA); ok {
				soa.Serial = 0
			}
			out = append(out, rr.String())
		}
		if err := zp.Err(); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		f.Close()
	}
	sort.Strings(out)
	return out
}

// withoutSPFAt drops the SPF TXT RR of one owner name.
func withoutSPFAt(rrs []string, owner string) []string {
	var out []string
	for _, r := range rrs {
		if strings.HasPrefix(r, owner+"\t") && strings.Contains(r, "\tTXT\t\"v=spf1") {
			continue
		}
		out = append(out, r)
	}
	return out
}

func zfArgs(dir string, args ...string) []string {
	return append([]string{"--provider", "zonefile", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms"}, args...)
}

func TestPlanApplyRollbackZonefile(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := zoneCopy(t)
	orig := zoneRRs(t, dir)
	journal := filepath.Join(t.TempDir(), "journal.jsonl")

	out, errOut, code := runCLI(t, append([]string{"plan", "--detailed-exitcode"}, zfArgs(dir, "shop.example", "patched.example")...)...)
	if code != exitPending || !strings.Contains(out, `+ "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"`) ||
		!strings.Contains(out, "Plan: 0 to create, 1 to change, 1 unchanged, 0 failed.") {
		t.Fatalf("plan: code %d\n%s\n%s", code, out, errOut)
	}
	if got := zoneRRs(t, dir); !reflect.DeepEqual(got, orig) {
		t.Fatal("plan changed the zone files")
	}

	out, errOut, code = runCLI(t, append([]string{"apply", "--auto-approve", "--journal", journal}, zfArgs(dir, "shop.example", "patched.example")...)...)
	if code != exitOK || !strings.Contains(out, "Apply complete: 1 written") {
		t.Fatalf("apply: code %d\n%s\n%s", code, out, errOut)
	}
	after := zoneRRs(t, dir)
	if !reflect.DeepEqual(withoutSPFAt(after, "shop.example."), withoutSPFAt(orig, "shop.example.")) {
		t.Fatalf("records other than the SPF string changed:\n%s", strings.Join(after, "\n"))
	}
	if !strings.Contains(strings.Join(after, "\n"), "shop.example.\t3600\tIN\tTXT\t\"v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all\"") {
		t.Fatalf("new record not in the zone:\n%s", strings.Join(after, "\n"))
	}

	_, _, code = runCLI(t, append([]string{"plan", "--detailed-exitcode"}, zfArgs(dir, "shop.example")...)...)
	if code != exitOK {
		t.Fatalf("plan after apply exits %d", code)
	}

	out, errOut, code = runCLI(t, append([]string{"rollback", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "rb.jsonl")}, zfArgs(dir, journal)...)...)
	if code != exitOK || !strings.Contains(out, "Rollback complete: 1 restored") || strings.Contains(out, "Apply complete") {
		t.Fatalf("rollback: code %d\n%s\n%s", code, out, errOut)
	}
	if got := zoneRRs(t, dir); !reflect.DeepEqual(got, orig) {
		t.Fatalf("rollback did not restore the zone:\n%s", strings.Join(got, "\n"))
	}
	out, _, code = runCLI(t, append([]string{"rollback", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "rb2.jsonl")}, zfArgs(dir, journal)...)...)
	if code != exitOK || !strings.Contains(out, "Nothing to roll back") {
		t.Fatalf("second rollback: %d %s", code, out)
	}
}

func TestPlanRefusals(t *testing.T) {
	dir := zoneCopy(t)
	two := "$ORIGIN two.example.\n$TTL 300\n@ IN SOA ns1 h 1 3600 600 86400 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n@ IN TXT \"v=spf1 -all\"\n@ IN TXT \"v=spf1 mx -all\"\nalias IN CNAME two.example.\n"
	if err := os.WriteFile(filepath.Join(dir, "two.example.zone"), []byte(two), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		target, want string
	}{
		{"full.example", "11 DNS lookups, over the limit of 10"},
		{"two.example", `2 SPF records where only one is allowed: "v=spf1 -all" and "v=spf1 mx -all"`},
		{"alias.two.example", "is a CNAME (alias) for two.example."},
		{"nospf.example", "--create"},
		{"info@yahoo.co.jp", "free-mail"},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			out, errOut, code := runCLI(t, append([]string{"apply", "--auto-approve", "--journal", filepath.Join(t.TempDir(), "j")}, zfArgs(dir, tc.target)...)...)
			if code != exitError || !strings.Contains(out, tc.want) {
				t.Fatalf("code %d, want 1 and %q in\n%s\n%s", code, tc.want, out, errOut)
			}
		})
	}
	b, _ := os.ReadFile(filepath.Join(dir, "two.example.zone"))
	if string(b) != two {
		t.Fatal("a refused change wrote the file")
	}
}

func TestPlanCreate(t *testing.T) {
	dir := zoneCopy(t)
	out, _, code := runCLI(t, append([]string{"apply", "--auto-approve", "--create", "--journal", filepath.Join(t.TempDir(), "j")}, zfArgs(dir, "nospf.example")...)...)
	if code != exitOK || !strings.Contains(out, "1 written") {
		t.Fatalf("%d\n%s", code, out)
	}
	if got := strings.Join(zoneRRs(t, dir), "\n"); !strings.Contains(got, "nospf.example.\t3600\tIN\tTXT\t\"v=spf1 include:e-shopsmail2.com ~all\"") ||
		!strings.Contains(got, "google-site-verification=nospf-verification-token") {
		t.Fatalf("zone now:\n%s", got)
	}
}

func TestApplyConfirmation(t *testing.T) {
	old := isTerminal
	t.Cleanup(func() { isTerminal = old })
	dir := zoneCopy(t)
	orig := zoneRRs(t, dir)

	// No terminal, no --auto-approve: refused, nothing written.
	isTerminal = func(any) bool { return false }
	_, errOut, code := runCLI(t, append([]string{"apply", "--journal", filepath.Join(t.TempDir(), "j")}, zfArgs(dir, "shop.example")...)...)
	if code != exitError || !strings.Contains(errOut, "--auto-approve") {
		t.Fatalf("%d %s", code, errOut)
	}
	// A terminal, answered "no".
	isTerminal = func(any) bool { return true }
	_, errOut, code = runWithInput(t, "no\n", append([]string{"apply", "--journal", filepath.Join(t.TempDir(), "j")}, zfArgs(dir, "shop.example")...)...)
	if code != exitError || !strings.Contains(errOut, "cancelled") {
		t.Fatalf("%d %s", code, errOut)
	}
	if !reflect.DeepEqual(zoneRRs(t, dir), orig) {
		t.Fatal("written after no")
	}
	// A terminal, answered "yes".
	out, errOut, code := runWithInput(t, "yes\n", append([]string{"apply", "--journal", filepath.Join(t.TempDir(), "j")}, zfArgs(dir, "shop.example")...)...)
	if code != exitOK || !strings.Contains(out, "1 written") || !strings.Contains(errOut, "Only 'yes' will be accepted") {
		t.Fatalf("%d %s %s", code, out, errOut)
	}
}

func TestSavedPlanRefusesStale(t *testing.T) {
	dir := zoneCopy(t)
	planFile := filepath.Join(t.TempDir(), "plan.json")
	_, _, code := runCLI(t, append([]string{"plan", "--out", planFile}, zfArgs(dir, "shop.example", "busy.example")...)...)
	if code != exitOK {
		t.Fatalf("plan --out: %d", code)
	}
	// Someone changes busy.example's record after the plan was saved.
	p := filepath.Join(dir, "busy.example.zone")
	b, _ := os.ReadFile(p)
	_ = os.WriteFile(p, []byte(strings.Replace(string(b), "-all\"", "~all\"", 1)), 0o644)

	out, errOut, code := runCLI(t, append([]string{"apply", "--plan", planFile, "--journal", filepath.Join(t.TempDir(), "j")}, zfArgs(dir)...)...)
	if code != exitError || !strings.Contains(out, "1 written") || !strings.Contains(out, "drift") || !strings.Contains(out, `live now "v=spf1 a mx`) {
		t.Fatalf("%d\n%s\n%s", code, out, errOut)
	}
	if got := strings.Join(zoneRRs(t, dir), "\n"); !strings.Contains(got, "include:e-shopsmail2.com ~all") || strings.Contains(got, "sendgrid.providers.example include:e-shopsmail2.com") {
		t.Fatalf("stale change applied or fresh one not:\n%s", got)
	}
	// A saved plan for another provider is refused.
	_, errOut, code = runCLI(t, "apply", "--provider", "manual", "--plan", planFile)
	if code != exitError || !strings.Contains(errOut, "made for provider zonefile") {
		t.Fatalf("%d %s", code, errOut)
	}
}

func TestPlanJSONLines(t *testing.T) {
	dir := zoneCopy(t)
	out, _, code := runCLI(t, append([]string{"plan", "--format", "json"}, zfArgs(dir, "shop.example", "full.example", "patched.example")...)...)
	if code != exitError {
		t.Fatalf("code %d", code)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	var lines []map[string]any
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 4 || lines[0]["action"] != "update" || lines[1]["code"] != "over-limit" || lines[2]["action"] != "no-op" || lines[3]["summary"] == nil {
		t.Fatalf("%v", lines)
	}
}

func TestManualProvider(t *testing.T) {
	dir := zoneCopy(t)
	// manual reads over DNS; --zone-dir answers those names offline.
	out, errOut, code := runCLI(t, "apply", "--provider", "manual", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms", "shop.example")
	if code != exitOK || !strings.Contains(out, "control panel") || !strings.Contains(out, "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all") {
		t.Fatalf("%d\n%s\n%s", code, out, errOut)
	}
}

func TestProvidersCommand(t *testing.T) {
	out, _, code := runCLI(t, "providers")
	for _, want := range []string{"zonefile", "manual", "rfc2136", "--zone-dir"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("providers output lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runCLI(t, "providers", "--format", "json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) < 3 {
		t.Fatalf("%v %s", err, out)
	}
}

// The manual provider reads over DNS, which follows CNAMEs and wildcards:
// both are still refused (SPEC.md rule 9).
func TestManualProviderRefusesAliasAndWildcard(t *testing.T) {
	dir := zoneCopy(t)
	w := "$ORIGIN wild.example.\n$TTL 300\n@ IN SOA ns1 h 1 3600 600 86400 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n*.shops IN TXT \"v=spf1 -all\"\nown.shops IN TXT \"v=spf1 mx -all\"\n"
	if err := os.WriteFile(filepath.Join(dir, "wild.example.zone"), []byte(w), 0o644); err != nil {
		t.Fatal(err)
	}
	for target, want := range map[string]string{
		"www.shop.example":       "is a CNAME (alias) for shop.example.",
		"x.shops.wild.example":   "*.shops.wild.example.",
		"own.shops.wild.example": "", // its own record: planned
	} {
		out, errOut, code := runCLI(t, "plan", "--provider", "manual", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms", target)
		if want == "" {
			if code != exitOK || !strings.Contains(out, "include:e-shopsmail2.com") {
				t.Errorf("%s: %d\n%s%s", target, code, out, errOut)
			}
			continue
		}
		if code != exitError || !strings.Contains(out, want) {
			t.Errorf("%s: code %d, want 1 and %q:\n%s%s", target, code, want, out, errOut)
		}
	}
}

// The undo command apply prints works as printed.
func TestPrintedUndoCommandWorks(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := zoneCopy(t)
	orig := zoneRRs(t, dir)
	out, _, code := runCLI(t, append([]string{"apply", "--auto-approve"}, zfArgs(dir, "shop.example")...)...)
	if code != exitOK {
		t.Fatalf("%d %s", code, out)
	}
	i := strings.Index(out, "Undo with: spfpatch ")
	if i < 0 {
		t.Fatalf("no undo line:\n%s", out)
	}
	line := strings.TrimSpace(strings.SplitN(out[i+len("Undo with: spfpatch "):], "\n", 2)[0])
	args := strings.Fields(line)
	// Append --auto-approve before the journal path (flags go before arguments).
	args = append(append(args[:len(args)-1:len(args)-1], "--auto-approve"), args[len(args)-1])
	if out, errOut, code := runCLI(t, args...); code != exitOK {
		t.Fatalf("printed undo %q: %d\n%s%s", line, code, out, errOut)
	}
	if !reflect.DeepEqual(zoneRRs(t, dir), orig) {
		t.Fatal("the printed undo command did not restore the zone")
	}
}

// The same domain several times (address, case, trailing dot) is planned and
// written once; the repeats are no-ops, not failures.
func TestDuplicateTargets(t *testing.T) {
	dir := zoneCopy(t)
	out, errOut, code := runCLI(t, append([]string{"apply", "--auto-approve", "--format", "json", "--journal", filepath.Join(t.TempDir(), "j")},
		zfArgs(dir, "shop.example", "info@shop.example", "SHOP.example.", "busy.example")...)...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if n := strings.Count(out, `"status":"written"`); n != 2 || strings.Count(out, `"code":"duplicate"`) != 2 {
		t.Fatalf("%d written:\n%s", n, out)
	}
}

// A saved plan applied again after it was applied is a no-op, not drift.
func TestSavedPlanAppliedTwice(t *testing.T) {
	dir := zoneCopy(t)
	planFile := filepath.Join(t.TempDir(), "plan.json")
	if _, _, code := runCLI(t, append([]string{"plan", "--out", planFile}, zfArgs(dir, "shop.example")...)...); code != exitOK {
		t.Fatal(code)
	}
	for i := 0; i < 2; i++ {
		out, errOut, code := runCLI(t, append([]string{"apply", "--plan", planFile, "--journal", filepath.Join(t.TempDir(), "j")}, zfArgs(dir)...)...)
		if code != exitOK {
			t.Fatalf("run %d: exit %d\n%s%s", i+1, code, out, errOut)
		}
	}
}

// A --domains-file line that is not a domain, one starting with "-" too,
// is refused as a target, never dropped silently; the other lines are
// still planned.
func TestDomainsFileDashLine(t *testing.T) {
	file := filepath.Join(t.TempDir(), "domains.txt")
	if err := os.WriteFile(file, []byte("shop.example\n-bogus   # a typo\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "plan", "--provider", "zonefile", "--zone-dir", "../examples/zones", "--format", "json", "--domains-file", file)
	if code != exitError || !strings.Contains(out, `"input":"-bogus"`) || !strings.Contains(out, `"input":"shop.example"`) || !strings.Contains(out, `"update":1`) {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}
