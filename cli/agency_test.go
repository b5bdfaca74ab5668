package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/cffake"
)

// An agency run over two providers (a Cloudflare account, through the
// strict API fake, and zone files) with injected failures: every other
// domain is applied, the failed ones are reported, the exit code is 1, a
// rerun finishes the rest and changes nothing else; the request budget
// holds under --parallel 32; a bad config entry is reported with its file
// and line while the other domains still run.
func TestAgencyTwoProvidersWithFailures(t *testing.T) {
	const (
		token = "agency-cf-token-5d8e"
		rate  = 40 // requests a second for this test (burst twice that)
		nCF   = 16
		nZF   = 8
	)
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("AGENCY_CF_TOKEN", token)
	f := cffake.Start(t)
	// Testing only, and so never in a config file: the API fake's URL.
	t.Setenv("SPFPATCH_CLOUDFLARE_API_URL", f.URL+"/client/v4")
	f.AddToken(token, cffake.ZoneRead|cffake.DNSEdit)
	f.AddZone("cf.example")
	for i := 1; i <= nCF; i++ {
		name := fmt.Sprintf("shop%02d", i)
		f.AddRecord("cf.example", cffake.Record{Type: "TXT", Name: name, Content: fmt.Sprintf(`"v=spf1 ip4:192.0.2.%d ~all"`, i), TTL: 3600})
		f.AddRecord("cf.example", cffake.Record{Type: "TXT", Name: name, Content: fmt.Sprintf(`"google-site-verification=cf%02d"`, i), TTL: 3600})
		f.AddRecord("cf.example", cffake.Record{Type: "A", Name: name, Content: fmt.Sprintf("192.0.2.%d", i), TTL: 1})
	}
	cfBefore := f.Records("cf.example")

	dir := zoneCopy(t) // e-shopsmail2.com and friends resolve offline from here
	var zf strings.Builder
	zf.WriteString("$ORIGIN zf.example.\n$TTL 3600\n@ IN SOA ns1 hostmaster 2026112501 3600 600 604800 300\n@ IN NS ns1\nns1 IN A 198.51.100.53\n")
	for i := 1; i <= nZF; i++ {
		fmt.Fprintf(&zf, "shop%02d IN TXT \"v=spf1 mx ~all\"\nshop%02d IN TXT \"MS=zf%02d\"\nshop%02d IN MX 10 mail\n", i, i, i, i)
	}
	zf.WriteString("mail IN A 198.51.100.25\n")
	if err := os.WriteFile(filepath.Join(dir, "zf.example.zone"), []byte(zf.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	zfBefore := zoneRRs(t, dir)

	var cfg strings.Builder
	fmt.Fprintf(&cfg, "profiles:\n  cf:\n    provider: cloudflare\n    settings:\n      CLOUDFLARE_API_TOKEN: {env: AGENCY_CF_TOKEN}\n"+
		"      SPFPATCH_CLOUDFLARE_RATE: %d\n"+
		"  files:\n    provider: zonefile\n    settings:\n      zone-dir: %s\ndefaults:\n  profile: cf\n  include: e-shopsmail2.com\ndomains:\n",
		rate, dir)
	for i := 1; i <= nCF; i++ {
		fmt.Fprintf(&cfg, "  - domain: shop%02d.cf.example\n    zone: cf.example\n", i)
	}
	for i := 1; i <= nZF; i++ {
		fmt.Fprintf(&cfg, "  - domain: info@shop%02d.zf.example\n    profile: files\n", i)
	}
	cfg.WriteString("  - domain: bad.example\n    zonee: typo\n") // a bad entry
	badLine := strings.Count(cfg.String(), "\n") - 1
	cfgPath := filepath.Join(t.TempDir(), "agency.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg.String()), 0o600); err != nil {
		t.Fatal(err)
	}

	// Two Cloudflare names fail: one with HTTP 500 on every call, one with
	// 429 (Retry-After: 0) on every call; retries are bounded.
	f.Fail(cffake.Fault{Name: "shop03.cf.example", Status: 500, Times: -1})
	f.Fail(cffake.Fault{Name: "shop07.cf.example", Status: 429, RetryAfter: "0", Times: -1})

	args := []string{"apply", "--config", cfgPath, "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms",
		"--auto-approve", "--parallel", "32", "--format", "json", "--journal", filepath.Join(t.TempDir(), "j1.jsonl")}
	start := time.Now()
	out, errOut, code := runCLI(t, args...)
	t.Logf("first run: %s, %d requests, max %d in any second", time.Since(start), len(f.Requests()), f.MaxInWindow(time.Second))
	if code != exitError {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, errOut)
	}
	status := jsonStatuses(t, out)
	if testing.Verbose() {
		t.Logf("first run output:\n%s\n%s", out, errOut)
	}
	for i := 1; i <= nCF; i++ {
		name := fmt.Sprintf("shop%02d.cf.example", i)
		want := "written"
		if i == 3 || i == 7 {
			want = "failed"
		}
		if got := status[name]; got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
	for i := 1; i <= nZF; i++ {
		if got := status[fmt.Sprintf("shop%02d.zf.example", i)]; got != "written" {
			t.Errorf("shop%02d.zf.example: %s", i, got)
		}
	}
	if !strings.Contains(out, fmt.Sprintf("%s:%d", cfgPath, badLine)) {
		t.Errorf("the bad config entry is not reported with its file and line %d:\n%s", badLine, out)
	}
	// The request budget held: no second saw more than rate + burst requests.
	if m := f.MaxInWindow(time.Second); m > 3*rate {
		t.Errorf("%d requests in one second, budget %d/s with a burst of %d", m, rate, 2*rate)
	}

	// Nothing but the SPF strings changed, and not at the failed names.
	checkCF := func(done map[int]bool) {
		t.Helper()
		now := f.Records("cf.example")
		if len(now) != len(cfBefore) {
			t.Fatalf("%d records now, %d before", len(now), len(cfBefore))
		}
		for _, r := range now {
			var n int
			fmt.Sscanf(r.Name, "shop%02d.cf.example", &n)
			wantContent := ""
			for _, b := range cfBefore {
				if b.Name == r.Name && b.Type == r.Type && (r.Type != "TXT" || strings.Contains(b.Content, "verification") == strings.Contains(r.Content, "verification")) {
					wantContent = b.Content
				}
			}
			if r.Type == "TXT" && strings.Contains(r.Content, "v=spf1") && done[n] {
				wantContent = fmt.Sprintf(`"v=spf1 ip4:192.0.2.%d include:e-shopsmail2.com ~all"`, n)
			}
			if r.Content != wantContent {
				t.Errorf("%s %s = %s, want %s", r.Name, r.Type, r.Content, wantContent)
			}
		}
	}
	done := map[int]bool{}
	for i := 1; i <= nCF; i++ {
		done[i] = i != 3 && i != 7
	}
	checkCF(done)
	zfAfter := zoneRRs(t, dir)
	if !reflect.DeepEqual(withoutSPF(zfAfter), withoutSPF(zfBefore)) {
		t.Fatal("zone-file records other than SPF strings changed")
	}

	// Rerun with the faults gone: only the two failed names change.
	f.ClearFaults()
	f.ResetCounts()
	args[len(args)-1] = filepath.Join(t.TempDir(), "j2.jsonl")
	out, errOut, code = runCLI(t, args...)
	if code != exitError { // the bad config entry still fails the run
		t.Fatalf("rerun exit %d\n%s\n%s", code, out, errOut)
	}
	status = jsonStatuses(t, out)
	written := 0
	for name, st := range status {
		if st == "written" {
			written++
			if name != "shop03.cf.example" && name != "shop07.cf.example" {
				t.Errorf("rerun wrote %s again", name)
			}
		}
	}
	if written != 2 {
		t.Fatalf("rerun wrote %d names, want 2: %v", written, status)
	}
	for i := range done {
		done[i] = true
	}
	checkCF(done)
	if writes := f.Count("POST", "") + f.Count("DELETE", "") + f.Count("PATCH", "") + f.Count("PUT", ""); writes != 2 || f.Count("PATCH", "") != 2 {
		t.Errorf("rerun made %d write requests, want 2 (one PATCH for each of two names)", writes)
	}
	if !reflect.DeepEqual(withoutSPF(zoneRRs(t, dir)), withoutSPF(zfBefore)) {
		t.Fatal("rerun changed zone files")
	}
	if strings.Contains(out+errOut, token) {
		t.Fatal("the token appears in the output")
	}
}

// jsonStatuses maps each domain of apply's JSON Lines to "written",
// "unchanged" or "failed".
func jsonStatuses(t *testing.T, out string) map[string]string {
	t.Helper()
	res := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var m struct {
			Target struct {
				Domain string `json:"domain"`
			} `json:"target"`
			Status  string          `json:"status"`
			Action  string          `json:"action"`
			Summary json.RawMessage `json:"summary"`
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not JSON: %q: %v", sc.Text(), err)
		}
		if m.Summary != nil || m.Target.Domain == "" {
			continue
		}
		switch {
		case m.Status == "written":
			res[m.Target.Domain] = "written"
		case m.Status == "unchanged" && m.Action != "error":
			res[m.Target.Domain] = "unchanged"
		default:
			res[m.Target.Domain] = "failed"
		}
	}
	return res
}

func withoutSPF(rrs []string) []string {
	var out []string
	for _, r := range rrs {
		if strings.Contains(r, "\"v=spf1") {
			continue
		}
		out = append(out, r)
	}
	return out
}
