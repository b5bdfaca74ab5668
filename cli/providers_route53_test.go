package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/r53fake"
	"github.com/spfpatch/spfpatch/providers/route53"
)

// End-to-end tests of the route53 provider through run(), against
// internal/r53fake on 127.0.0.1 (AWS_ENDPOINT_URL_ROUTE_53), which checks
// the SigV4 signature of every request. Helpers: providers_cloudflare_test.go.

const (
	r53KeyID   = "AKIDSPFPATCHCLI"
	r53Secret  = "r53-cli-secret-0e6b8d3a59"
	r53Session = "r53-cli-session-c4f1a7"
)

// r53Setup starts a Route 53 fake with the public zone shop.test (apex:
// a verification TXT and the SPF record in one RRset, A, MX; more names),
// a private zone of the same name, and pages of two RRsets.
func r53Setup(t *testing.T) (*r53fake.Server, string, *provRun) {
	t.Helper()
	f := r53fake.Start(t, r53KeyID, r53Secret)
	f.AddZone("shop.test", true) // private: must not be picked
	id := f.AddZone("shop.test", false)
	for _, s := range []r53fake.RRSet{
		{Name: "shop.test", Type: "TXT", TTL: 3600, Values: []string{`"` + provVerifier + `"`, `"` + provOldSPF + `"`}},
		{Name: "shop.test", Type: "A", TTL: 300, Values: []string{"192.0.2.10"}},
		{Name: "shop.test", Type: "MX", TTL: 300, Values: []string{"10 mx.shop.test."}},
		{Name: "_dmarc.shop.test", Type: "TXT", TTL: 300, Values: []string{`"v=DMARC1; p=none"`}},
		{Name: "www.shop.test", Type: "TXT", TTL: 300, Values: []string{`"` + provOldSPF + `"`}},
		{Name: "*.shop.test", Type: "A", TTL: 60, Values: []string{"192.0.2.11"}},
	} {
		f.AddRRSet(id, s)
	}
	f.MaxItems = 2
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config")
	if err := os.WriteFile(cfg, []byte("[profile other]\nregion = eu-west-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE":                 cfg,
		"AWS_SHARED_CREDENTIALS_FILE":     filepath.Join(dir, "credentials"),
		"AWS_ACCESS_KEY_ID":               r53KeyID,
		"AWS_SECRET_ACCESS_KEY":           r53Secret,
		"AWS_SESSION_TOKEN":               r53Session,
		"AWS_PROFILE":                     "",
		"AWS_DEFAULT_PROFILE":             "",
		"AWS_REGION":                      "us-east-1",
		"AWS_ENDPOINT_URL":                "",
		"AWS_ENDPOINT_URL_ROUTE_53":       f.URL,
		"AWS_EC2_METADATA_DISABLED":       "true",
		"SPFPATCH_ROUTE53_HOSTED_ZONE_ID": "",
	} {
		t.Setenv(k, v)
	}
	return f, id, newProvRun(t, "--provider", "route53")
}

func r53Apex(f *r53fake.Server, id string) func() []string {
	return func() []string {
		var out []string
		for _, v := range f.Values(id, "shop.test.", "TXT") {
			text, err := route53.DecodeTXT(v)
			if err != nil {
				text = "UNDECODABLE " + v
			}
			out = append(out, text)
		}
		sort.Strings(out)
		return out
	}
}

// r53Others is every zone with the apex TXT RRset left out.
func r53Others(f *r53fake.Server) func() any {
	return func() any {
		zs := f.Snapshot()
		for i := range zs {
			var keep []r53fake.RRSet
			for _, s := range zs[i].Sets {
				if !(s.Name == "shop.test." && s.Type == "TXT") {
					keep = append(keep, s)
				}
			}
			zs[i].Sets = keep
		}
		return zs
	}
}

func r53Writes(f *r53fake.Server) func() int {
	return func() int { return f.Count("ChangeResourceRecordSets") }
}

// The apex keeps its verification value: with libdns/route53 v1.6.0 or
// v1.6.1 in go.mod this test fails, as they UPSERT one value at a time and
// only the last value would remain (notes/providers.md §6).
func TestRoute53EndToEnd(t *testing.T) {
	f, id, r := r53Setup(t)
	before := f.Snapshot()
	provFlow(t, r, []string{"--zone", "shop.test"}, r53Apex(f, id), r53Others(f), r53Writes(f))
	// The rollback restored the RRset exactly: same TTL, same values in the
	// same order, as stored before.
	if !reflect.DeepEqual(before, f.Snapshot()) {
		t.Fatalf("after rollback the store differs:\n%+v\n%+v", before, f.Snapshot())
	}
	// apply and rollback: one change batch each.
	if n := f.Count("ChangeResourceRecordSets"); n != 2 {
		t.Errorf("%d change batches, want 2", n)
	}
	r.noSecrets(r53Secret, r53Session)
}

func TestRoute53HostedZoneIDAndList(t *testing.T) {
	f, id, r := r53Setup(t)
	// --route53-hosted-zone-id: no zone lookup by name.
	r.cli(exitPending, "plan", "--zone", "shop.test", "--route53-hosted-zone-id", id, "--detailed-exitcode", "shop.test")
	if n := f.Count("ListHostedZonesByName"); n != 0 {
		t.Errorf("%d lookups by name", n)
	}
	// Without --zone: the provider's list of public zones (paged).
	r.dns = []string{"--zone-dir", "../examples/zones", "--nameserver", newProvQuietDNS(t, false).addr, "--dns-timeout", "100ms"}
	out := r.cli(exitPending, "plan", "--detailed-exitcode", "shop.test")
	if !strings.Contains(out, "zone shop.test.") {
		t.Fatalf("%s", out)
	}
	r.noSecrets(r53Secret, r53Session)
}

// libdns/route53 log.Fatalf's when the AWS configuration cannot be
// loaded; through spfpatch it is an error message and exit code 1 (this
// test runs the CLI in-process: a log.Fatalf would end the test binary).
func TestRoute53BadProfile(t *testing.T) {
	f, _, r := r53Setup(t)
	t.Setenv("AWS_PROFILE", "shop-typo")
	out := r.cli(exitError, "plan", "--zone", "shop.test", "shop.test")
	if !strings.Contains(out, `profile "shop-typo"`) || !strings.Contains(out, "AWS configuration") {
		t.Fatalf("no clear error:\n%s", out)
	}
	if n := f.Count(""); n != 0 {
		t.Errorf("%d requests", n)
	}
	r.noSecrets(r53Secret, r53Session)
}

func TestRoute53Throttled(t *testing.T) {
	f, id, r := r53Setup(t)
	f.Fail(r53fake.Fault{Op: "ChangeResourceRecordSets", Status: 400, Code: "Throttling", Times: 1})
	f.Fail(r53fake.Fault{Op: "ListResourceRecordSets", Status: 500, Code: "InternalFailure", Times: 1})
	r.cli(exitOK, "apply", "--zone", "shop.test", "--auto-approve", "--journal", filepath.Join(r.dir, "apply.jsonl"), "shop.test")
	if got := r53Apex(f, id)(); !reflect.DeepEqual(got, []string{provVerifier, provNewSPF}) {
		t.Fatalf("apex %q", got)
	}
	if n := f.Count("ChangeResourceRecordSets"); n != 2 {
		t.Errorf("%d change calls, want 2 (one throttled)", n)
	}
	r.noSecrets(r53Secret, r53Session)
}

// A long SPF record is written as 255-byte strings and read back whole.
func TestRoute53LongRecord(t *testing.T) {
	f, id, r := r53Setup(t)
	var terms []string
	for i := range 13 {
		terms = append(terms, "ip4:198.51.100."+strconv.Itoa(i+1))
	}
	long := "v=spf1 " + strings.Join(terms, " ") + " ~all" // 236 bytes; 261 with the include
	f.AddRRSet(id, r53fake.RRSet{Name: "long.shop.test", Type: "TXT", TTL: 300, Values: []string{`"` + long + `"`}})
	r.cli(exitOK, "apply", "--zone", "shop.test", "--auto-approve", "--journal", filepath.Join(r.dir, "apply.jsonl"), "long.shop.test")
	vals := f.Values(id, "long.shop.test.", "TXT")
	if len(vals) != 1 || !strings.Contains(vals[0], `" "`) {
		t.Fatalf("stored %q", vals)
	}
	got, _ := route53.DecodeTXT(vals[0])
	if want := strings.TrimSuffix(long, "~all") + "include:e-shopsmail2.com ~all"; got != want {
		t.Fatalf("stored %q, want %q", got, want)
	}
	r.noSecrets(r53Secret, r53Session)
}

// The apex verification value is stored as two character-strings: apply
// sends it back with exactly those strings (only the SPF value is new),
// and rollback restores the store byte for byte.
func TestRoute53ExactStrings(t *testing.T) {
	f, id, r := r53Setup(t)
	twoStrings := `"` + provVerifier[:12] + `" "` + provVerifier[12:] + `"`
	f.PutRRSet(id, r53fake.RRSet{Name: "shop.test", Type: "TXT", TTL: 3600, Values: []string{twoStrings, `"` + provOldSPF + `"`}})
	before := f.Snapshot()
	provFlow(t, r, []string{"--zone", "shop.test"}, r53Apex(f, id), r53Others(f), r53Writes(f))
	if !reflect.DeepEqual(before, f.Snapshot()) {
		t.Fatalf("after rollback the store differs:\n%+v\n%+v", before, f.Snapshot())
	}
	r.cli(exitOK, "apply", "--zone", "shop.test", "--auto-approve", "--journal", filepath.Join(r.dir, "again.jsonl"), "shop.test")
	if got, want := f.Values(id, "shop.test.", "TXT"), []string{twoStrings, `"` + provNewSPF + `"`}; !reflect.DeepEqual(got, want) {
		t.Fatalf("stored %q, want %q", got, want)
	}
	r.noSecrets(r53Secret, r53Session)
}

// Issue 12 point 9: values Route 53 holds as adjacent strings ("abc""def",
// as the AWS CDK and the console leave long values): plan, apply and
// rollback of the SPF record work, the verification value is sent back
// byte for byte, and rolling back a created record works in a zone that
// holds such a value elsewhere.
func TestRoute53AdjacentStrings(t *testing.T) {
	f, id, r := r53Setup(t)
	adjacent := `"` + provVerifier[:12] + `""` + provVerifier[12:] + `"`
	f.PutRRSet(id, r53fake.RRSet{Name: "shop.test", Type: "TXT", TTL: 3600, Values: []string{adjacent, `"v=spf1 ip4:192.0.2.0/24 ""~all"`}})
	provFlow(t, r, []string{"--zone", "shop.test"}, r53Apex(f, id), r53Others(f), r53Writes(f))
	// The verification value never changed, byte for byte; the SPF value
	// is back as its text (the journal keeps texts, not string splits).
	if got := f.Values(id, "shop.test.", "TXT"); len(got) != 2 || got[0] != adjacent || got[1] != `"`+provOldSPF+`"` {
		t.Fatalf("after rollback: %q", got)
	}
	// A record created where there was none (plan reads the whole zone
	// then) is rolled back by deleting it (which reads the zone too), in a
	// zone that holds adjacent strings elsewhere.
	other := f.AddZone("other.test", false)
	// other.test is not in examples/zones: plan's CNAME check asks a
	// nameserver that never answers (and goes on).
	r.dns = []string{"--zone-dir", "../examples/zones", "--nameserver", newProvQuietDNS(t, false).addr, "--dns-timeout", "100ms"}
	f.AddRRSet(other, r53fake.RRSet{Name: "other.test", Type: "TXT", TTL: 300, Values: []string{`"ms=""12345"`}})
	// The name exists (an A record): no record is created at a name that
	// does not exist (issue 11 item 11).
	f.AddRRSet(other, r53fake.RRSet{Name: "new.other.test", Type: "A", TTL: 300, Values: []string{"192.0.2.80"}})
	r.cli(exitOK, "apply", "--zone", "other.test", "--create", "--auto-approve", "--journal", filepath.Join(r.dir, "create.jsonl"), "new.other.test")
	if f.Values(other, "new.other.test.", "TXT") == nil {
		t.Fatal("not created")
	}
	r.cli(exitOK, "rollback", "--auto-approve", "--journal", filepath.Join(r.dir, "rb-create.jsonl"), filepath.Join(r.dir, "create.jsonl"))
	if f.Values(other, "new.other.test.", "TXT") != nil {
		t.Fatal("the created record is still there")
	}
	r.noSecrets(r53Secret, r53Session)
}

// Issue 12 review, finding G, through the CLI: a TXT value someone adds at
// the name between apply's re-read and its write is kept (Route 53 refuses
// the change batch whose DELETE no longer matches), and apply reports the
// name as not written, as drift, saying why; the journal agrees and
// rollback has nothing to undo.
func TestRoute53ConcurrentValueKept(t *testing.T) {
	f, id, r := r53Setup(t)
	added := `"added-meanwhile=1"`
	f.BeforeChange = func() {
		f.PutRRSet(id, r53fake.RRSet{Name: "shop.test", Type: "TXT", TTL: 3600, Values: []string{`"` + provVerifier + `"`, `"` + provOldSPF + `"`, added}})
		f.BeforeChange = nil
	}
	journal := filepath.Join(r.dir, "apply.jsonl")
	out := r.cli(exitError, "apply", "--zone", "shop.test", "--auto-approve", "--journal", journal, "shop.test")
	if !strings.Contains(out, "changed after spfpatch read them") || !strings.Contains(out, "nothing was written") {
		t.Fatalf("apply does not say why:\n%s", out)
	}
	if got := f.Values(id, "shop.test.", "TXT"); !reflect.DeepEqual(got, []string{`"` + provVerifier + `"`, `"` + provOldSPF + `"`, added}) {
		t.Fatalf("apex %q: the value added meanwhile must be kept, the SPF record unchanged", got)
	}
	j := r.journal("apply.jsonl")
	if len(j) != 1 || j[0].Result == nil || j[0].Result.Status != "not-tried" {
		t.Fatalf("journal %+v", j)
	}
	out = r.cli(exitOK, "rollback", "--auto-approve", "--journal", filepath.Join(r.dir, "rollback.jsonl"), journal)
	if !strings.Contains(out, "Nothing to roll back") {
		t.Fatalf("rollback:\n%s", out)
	}
	// Run again: planned from what is there now, the value added kept.
	r.cli(exitOK, "apply", "--zone", "shop.test", "--auto-approve", "--journal", filepath.Join(r.dir, "apply2.jsonl"), "shop.test")
	if got := f.Values(id, "shop.test.", "TXT"); !reflect.DeepEqual(got, []string{`"` + provVerifier + `"`, `"` + provNewSPF + `"`, added}) {
		t.Fatalf("apex after the second apply %q", got)
	}
	r.noSecrets(r53Secret, r53Session)
}

// Issue 12 review, finding A, for Route 53: requests per changed name,
// constant in the size of the zone: 4 for an update and for a record
// created at a name with other records (plan's read, the re-read, the
// change batch, the read-back), 8 at a name with no records of its own
// (one label: the wildcard and the names below it, in plan and in the
// re-read). Printed with go test -run TestRoute53RequestsPerChangedName -v ./cli/.
func TestRoute53RequestsPerChangedName(t *testing.T) {
	var lines []string
	for _, tc := range []struct {
		name, zone, target string
		create             bool
		want, rollback     int // the rollback's requests count its zone lookup
	}{
		{"update", "shop.test", "shop.test", false, 4, 0},
		{"create at a name with other records", "shop.example", "mail.shop.example", true, 4, 5},
		{"create at a name with no records of its own", "shop.example", "ent.shop.example", true, 8, 7},
	} {
		counts := map[int]bool{}
		for _, size := range []int{10, 1000, 10000} {
			f, id, r := r53Setup(t)
			f.MaxItems = 0
			if tc.zone == "shop.example" {
				id = f.AddZone("shop.example", false)
				f.AddRRSets(id,
					r53fake.RRSet{Name: "shop.example", Type: "TXT", TTL: 3600, Values: []string{`"v=spf1 +ip4:192.0.2.0/24 ~all"`}},
					r53fake.RRSet{Name: "mail.shop.example", Type: "A", TTL: 3600, Values: []string{"192.0.2.25"}},
					r53fake.RRSet{Name: "a.ent.shop.example", Type: "A", TTL: 3600, Values: []string{"192.0.2.26"}},
				)
			}
			n := 0
			for _, z := range f.Snapshot() {
				if z.ID == id {
					n = len(z.Sets)
				}
			}
			var fill []r53fake.RRSet
			for ; n < size; n++ {
				fill = append(fill, r53fake.RRSet{Name: fmt.Sprintf("h%05d.%s", n, tc.zone), Type: "A", TTL: 300, Values: []string{"192.0.2.1"}})
			}
			f.AddRRSets(id, fill...)
			before := len(f.Requests())
			args := []string{"--zone", tc.zone, "--auto-approve", "--journal", filepath.Join(r.dir, "apply.jsonl"), tc.target}
			if tc.create {
				args = append([]string{"--create"}, args...)
			}
			r.cli(exitOK, "apply", args...)
			perName, lookups := 0, 0
			for _, q := range f.Requests()[before:] {
				if q.Op == "ListHostedZonesByName" {
					lookups++
				} else {
					perName++
				}
			}
			counts[perName] = true
			lines = append(lines, fmt.Sprintf("%-45s zone of %5d RRsets: %d requests for the changed name (+%d zone lookup)", tc.name, size, perName, lookups))
			if perName != tc.want || lookups != 1 {
				t.Errorf("%s, %d RRsets: %d requests (want %d), %d zone lookups", tc.name, size, perName, tc.want, lookups)
			}
			if tc.create {
				// Its rollback: a zone lookup, the rollback's read, the
				// re-read, the change batch that deletes it, the read-back
				// (of a name without records again: 2 more).
				before = len(f.Requests())
				r.cli(exitOK, "rollback", "--auto-approve", "--journal", filepath.Join(r.dir, "rollback.jsonl"), filepath.Join(r.dir, "apply.jsonl"))
				n := len(f.Requests()) - before
				lines = append(lines, fmt.Sprintf("%-45s zone of %5d RRsets: its rollback %d requests (a zone lookup included)", tc.name, size, n))
				if n != tc.rollback {
					t.Errorf("%s, %d RRsets: its rollback took %d requests, want %d", tc.name, size, n, tc.rollback)
				}
				if got := f.Values(id, tc.target+".", "TXT"); got != nil {
					t.Errorf("after the rollback %s holds %q", tc.target, got)
				}
			}
		}
		if len(counts) != 1 {
			t.Errorf("%s: not constant: %v", tc.name, counts)
		}
	}
	t.Logf("Route 53, requests per changed name:\n%s", strings.Join(lines, "\n"))
}
