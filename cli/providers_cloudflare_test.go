package cli

import (
	"net"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/cffake"
	"github.com/spfpatch/spfpatch/plan"
)

// End-to-end tests of the cloudflare provider through run(), against
// internal/cffake on 127.0.0.1. Lookup accounting reads examples/zones
// (--zone-dir); any other DNS query would go to a socket that never
// answers, and the tests check that none does. providers_route53_test.go
// shares provRun and provQuietDNS.

const (
	provOldSPF   = "v=spf1 ip4:192.0.2.0/24 ~all"
	provNewSPF   = "v=spf1 ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"
	provVerifier = "google-site-verification=abc123"
	cfToken      = "cf-cli-token-5d8e2a9f41"
	cfZoneToken  = "cf-cli-zone-token-77b3c0"
)

// provQuietDNS is a UDP socket that counts and never answers DNS queries.
type provQuietDNS struct {
	addr string
	n    atomic.Int64
}

// newProvQuietDNS starts one; with strict, a query fails the test.
func newProvQuietDNS(t *testing.T, strict bool) *provQuietDNS {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	q := &provQuietDNS{addr: pc.LocalAddr().String()}
	go func() {
		buf := make([]byte, 2048)
		for {
			if _, _, err := pc.ReadFrom(buf); err != nil {
				return
			}
			q.n.Add(1)
		}
	}()
	t.Cleanup(func() {
		pc.Close()
		if n := q.n.Load(); strict && n != 0 {
			t.Errorf("%d DNS queries went to the network; everything should resolve from examples/zones", n)
		}
	})
	return q
}

// provRun runs the CLI with a provider's flags and keeps everything it
// printed, to check later that no secret appears.
type provRun struct {
	t        *testing.T
	dir      string   // journals
	provider []string // --provider and its settings: every command
	dns      []string // --zone-dir, --nameserver: every command
	seen     []string
}

func newProvRun(t *testing.T, provider ...string) *provRun {
	t.Helper()
	t.Setenv("SPFPATCH_INCLUDE", "")
	t.Setenv("SPFPATCH_NAMESERVER", "")
	t.Setenv("SPFPATCH_PROVIDER", "")
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	q := newProvQuietDNS(t, true)
	return &provRun{t: t, dir: t.TempDir(), provider: provider,
		dns: []string{"--zone-dir", "../examples/zones", "--nameserver", q.addr, "--dns-timeout", "300ms"}}
}

// cli runs `spfpatch CMD [provider and DNS flags] ARGS...` and checks the exit code.
func (r *provRun) cli(want int, cmd string, args ...string) string {
	r.t.Helper()
	full := append(append(append([]string{cmd}, r.provider...), r.dns...), args...)
	out, errOut, code := runCLI(r.t, full...)
	r.seen = append(r.seen, out, errOut)
	if code != want {
		r.t.Fatalf("spfpatch %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(full, " "), code, want, out, errOut)
	}
	return out + errOut
}

// noSecrets fails if a secret appears in any output or any journal.
func (r *provRun) noSecrets(secrets ...string) {
	r.t.Helper()
	texts := append([]string(nil), r.seen...)
	_ = filepath.WalkDir(r.dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			b, _ := os.ReadFile(p)
			texts = append(texts, string(b))
		}
		return nil
	})
	for _, s := range secrets {
		for _, x := range texts {
			if strings.Contains(x, s) {
				r.t.Fatalf("a secret appears in output or a journal:\n%s", x)
			}
		}
	}
}

func (r *provRun) journal(name string) []plan.JournalChange {
	r.t.Helper()
	j, err := plan.ReadJournal(filepath.Join(r.dir, name))
	if err != nil {
		r.t.Fatal(err)
	}
	return j
}

// provFlow is the round trip every API provider must pass: plan, apply,
// plan again (no-op), rollback, rollback again (no-op). apex returns the
// provider's TXT texts at the apex, sorted; others returns everything
// else the provider holds (compared before and after each step).
func provFlow(t *testing.T, r *provRun, zoneFlags []string, apex func() []string, others func() any, writes func() int) {
	t.Helper()
	target := "shop.test"
	wantBefore := []string{provVerifier, provOldSPF}
	wantAfter := []string{provVerifier, provNewSPF}
	sort.Strings(wantBefore)
	sort.Strings(wantAfter)
	if got := apex(); !reflect.DeepEqual(got, wantBefore) {
		t.Fatalf("set-up: apex TXT %q", got)
	}
	base := others()

	out := r.cli(exitPending, "plan", append(zoneFlags, "--detailed-exitcode", target)...)
	if !strings.Contains(out, provNewSPF) || !strings.Contains(out, provOldSPF) {
		t.Fatalf("plan does not show before and after:\n%s", out)
	}
	if n := writes(); n != 0 {
		t.Fatalf("plan made %d writes", n)
	}

	out = r.cli(exitOK, "apply", append(zoneFlags, "--auto-approve", "--journal", filepath.Join(r.dir, "apply.jsonl"), target)...)
	if !strings.Contains(out, "written") {
		t.Fatalf("apply:\n%s", out)
	}
	if got := apex(); !reflect.DeepEqual(got, wantAfter) {
		t.Fatalf("after apply: apex TXT %q, want %q", got, wantAfter)
	}
	if got := others(); !reflect.DeepEqual(got, base) {
		t.Fatalf("apply changed other records:\nbefore %+v\nafter  %+v", base, got)
	}
	j := r.journal("apply.jsonl")
	if len(j) != 1 || j[0].Result == nil || j[0].Result.Status != plan.StatusWritten {
		t.Fatalf("journal %+v", j)
	}

	written := writes()
	out = r.cli(exitOK, "plan", append(zoneFlags, "--detailed-exitcode", target)...)
	if writes() != written {
		t.Fatal("the second plan wrote")
	}

	r.cli(exitOK, "rollback", "--auto-approve", "--journal", filepath.Join(r.dir, "rollback.jsonl"), filepath.Join(r.dir, "apply.jsonl"))
	if got := apex(); !reflect.DeepEqual(got, wantBefore) {
		t.Fatalf("after rollback: apex TXT %q, want %q", got, wantBefore)
	}
	if got := others(); !reflect.DeepEqual(got, base) {
		t.Fatalf("rollback changed other records:\nbefore %+v\nafter  %+v", base, got)
	}

	written = writes()
	out = r.cli(exitOK, "rollback", "--auto-approve", "--journal", filepath.Join(r.dir, "rollback2.jsonl"), filepath.Join(r.dir, "apply.jsonl"))
	if !strings.Contains(out, "Nothing to roll back") || writes() != written {
		t.Fatalf("second rollback was not a no-op (%d writes):\n%s", writes()-written, out)
	}
}

// cfSetup starts a Cloudflare fake with zone shop.test: at the apex a
// verification TXT and the SPF record (libdns/cloudflare's own SetRecords
// fails on such an apex), A and MX; more names, seven records in all, and
// pages of two records.
func cfSetup(t *testing.T) (*cffake.Server, *provRun) {
	t.Helper()
	f := cffake.Start(t)
	f.AddToken(cfToken, cffake.DNSEdit)
	f.AddToken(cfZoneToken, cffake.ZoneRead)
	f.AddZone("shop.test")
	f.AddZone("other.test")
	prio := uint16(10)
	for _, r := range []cffake.Record{
		{Type: "TXT", Name: "@", Content: `"` + provVerifier + `"`, TTL: 3600},
		{Type: "TXT", Name: "@", Content: `"` + provOldSPF + `"`, TTL: 3600},
		{Type: "A", Name: "@", Content: "192.0.2.10", TTL: 1},
		{Type: "MX", Name: "@", Content: "mx.shop.test", Priority: &prio, TTL: 300},
		{Type: "TXT", Name: "_dmarc", Content: `"v=DMARC1; p=none"`, TTL: 300},
		{Type: "TXT", Name: "www", Content: `"` + provOldSPF + `"`, TTL: 300},
		{Type: "CNAME", Name: "shop", Content: "shops.example.net", TTL: 1},
	} {
		f.AddRecord("shop.test", r)
	}
	f.MaxPerPage = 2
	t.Setenv("CLOUDFLARE_API_TOKEN", cfToken)
	t.Setenv("CLOUDFLARE_ZONE_TOKEN", cfZoneToken)
	t.Setenv("SPFPATCH_CLOUDFLARE_API_URL", f.URL+"/client/v4")
	t.Setenv("SPFPATCH_CLOUDFLARE_RATE", "1000")
	t.Setenv("SPFPATCH_CLOUDFLARE_LOCKOUT_WAIT", "0")
	t.Setenv("SPFPATCH_CLOUDFLARE_ZONE_ID", "")
	return f, newProvRun(t, "--provider", "cloudflare")
}

func cfApex(f *cffake.Server) func() []string {
	return func() []string {
		var out []string
		for _, c := range f.TXT("shop.test", "shop.test") {
			out = append(out, strings.Trim(c, `"`))
		}
		sort.Strings(out)
		return out
	}
}

// cfOthers is every record but the apex SPF record (ids and times
// included): the verification record must stay the very same record.
func cfOthers(f *cffake.Server) func() any {
	return func() any {
		var out []cffake.Record
		for _, z := range []string{"shop.test", "other.test"} {
			for _, r := range f.Records(z) {
				if !(r.Name == "shop.test" && r.Type == "TXT" && strings.HasPrefix(r.Content, `"v=spf1`)) {
					out = append(out, r)
				}
			}
		}
		return out
	}
}

func cfWrites(f *cffake.Server) func() int {
	return func() int {
		return f.Count("POST", "") + f.Count("PATCH", "") + f.Count("PUT", "") + f.Count("DELETE", "")
	}
}

func TestCloudflareEndToEnd(t *testing.T) {
	f, r := cfSetup(t)
	provFlow(t, r, []string{"--zone", "shop.test"}, cfApex(f), cfOthers(f), cfWrites(f))
	// Every write was one PATCH of the SPF record (apply, then rollback):
	// never a POST or DELETE, so never two SPF records.
	if p, w := f.Count("PATCH", ""), cfWrites(f)(); p != 2 || w != 2 {
		t.Errorf("%d PATCH requests, %d writes; want the apply's and the rollback's PATCH only", p, w)
	}
	// Names are read one at a time, never the whole zone.
	for _, q := range f.Requests() {
		if q.Route == "/client/v4/zones/:zone/dns_records" && q.Method == "GET" && !strings.Contains(q.Query, "name.exact=") {
			t.Errorf("a whole-zone read: %s?%s", q.Path, q.Query)
		}
	}
	r.noSecrets(cfToken, cfZoneToken)
}

// Without --zone the zone comes from the provider's zone list (all pages).
func TestCloudflareZoneFromList(t *testing.T) {
	f, r := cfSetup(t)
	f.AddZone("a.test")
	f.AddZone("b.test")
	// The SOA walk asks the nameserver first, which never answers.
	r.dns = []string{"--zone-dir", "../examples/zones", "--nameserver", newProvQuietDNS(t, false).addr, "--dns-timeout", "100ms"}
	out := r.cli(exitPending, "plan", "--detailed-exitcode", "shop.test", "www.shop.test")
	if !strings.Contains(out, "zone shop.test.") {
		t.Fatalf("%s", out)
	}
	// Issue 12 point 6: the zone list is read once for the run, not once
	// per target, and no zone is looked up by name after it.
	// Four zones in pages of two: one listing is two requests.
	if n := f.Count("GET", "/client/v4/zones"); n != 2 {
		t.Errorf("%d zone list requests for two targets, want one listing (2 pages)", n)
	}
	r.noSecrets(cfToken, cfZoneToken)
}

// A value over 255 bytes is written as strings of at most 255 bytes split
// between SPF terms, and read back as one value.
func TestCloudflareLongValue(t *testing.T) {
	f, r := cfSetup(t)
	var terms []string
	for i := range 13 {
		terms = append(terms, "ip4:198.51.100."+strconv.Itoa(i+1))
	}
	long := "v=spf1 " + strings.Join(terms, " ") + " ~all"
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "long", Content: `"` + long + `"`, TTL: 300})
	r.cli(exitOK, "apply", "--zone", "shop.test", "--auto-approve", "--journal", filepath.Join(r.dir, "apply.jsonl"), "long.shop.test")
	got := f.TXT("shop.test", "long.shop.test")
	want := "v=spf1 " + strings.Join(terms, " ") + " include:e-shopsmail2.com ~all"
	if len(got) != 1 {
		t.Fatalf("stored %q", got)
	}
	strs, err := cffake.ParseStrings(got[0])
	joined := ""
	for _, s := range strs {
		joined += string(s)
		if len(s) > 255 {
			t.Fatalf("a string of %d bytes: %q", len(s), got[0])
		}
	}
	if err != nil || len(strs) != 2 || joined != want || !strings.HasSuffix(string(strs[0]), " ") {
		t.Fatalf("stored %q (%v), want %q split after a term", got[0], err, want)
	}
	r.cli(exitOK, "plan", "--zone", "shop.test", "--detailed-exitcode", "long.shop.test")
	r.noSecrets(cfToken, cfZoneToken)
}

func TestCloudflareRateLimited(t *testing.T) {
	t.Run("lockout of 1 s, waited for", func(t *testing.T) {
		f, r := cfSetup(t)
		t.Setenv("SPFPATCH_CLOUDFLARE_LOCKOUT_WAIT", "10s")
		f.LockoutFor = time.Second
		f.Fail(cffake.Fault{Method: "PATCH", Mode: cffake.Lockout})
		out := r.cli(exitOK, "apply", "--zone", "shop.test", "--auto-approve", "--journal", filepath.Join(r.dir, "apply.jsonl"), "shop.test")
		if got := cfApex(f)(); !reflect.DeepEqual(got, []string{provVerifier, provNewSPF}) {
			t.Fatalf("apex %q", got)
		}
		var patches []cffake.Request
		for _, q := range f.Requests() {
			if q.Method == "PATCH" {
				patches = append(patches, q)
			}
		}
		if len(patches) != 2 || patches[1].Time.Sub(patches[0].Time) < 900*time.Millisecond {
			t.Fatalf("PATCH requests %+v: the second must wait for the lockout", patches)
		}
		if !strings.Contains(out, "HTTP 429") || !strings.Contains(out, "Waiting") {
			t.Fatalf("the wait is not explained:\n%s", out)
		}
		r.noSecrets(cfToken, cfZoneToken)
	})
	t.Run("endless 429 gives up", func(t *testing.T) {
		f, r := cfSetup(t)
		f.Fail(cffake.Fault{Status: 429, RetryAfter: "0", Times: -1})
		out := r.cli(exitError, "plan", "--zone", "shop.test", "shop.test")
		if !strings.Contains(out, "HTTP 429") {
			t.Fatalf("no clear error:\n%s", out)
		}
		if n := len(f.Requests()); n != 4 {
			t.Errorf("%d requests, want 4", n)
		}
		r.noSecrets(cfToken, cfZoneToken)
	})
}

func TestCloudflareMissingToken(t *testing.T) {
	_, r := cfSetup(t)
	t.Setenv("CLOUDFLARE_API_TOKEN", "")
	out := r.cli(exitError, "plan", "--zone", "shop.test", "shop.test")
	if !strings.Contains(out, "CLOUDFLARE_API_TOKEN") {
		t.Fatalf("%s", out)
	}
}
