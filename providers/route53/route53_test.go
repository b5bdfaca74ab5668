package route53

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/libdns/libdns"
	"github.com/libdns/libdns/libdnstest"
	r53 "github.com/libdns/route53"

	"golang.org/x/time/rate"

	"github.com/spfpatch/spfpatch/internal/r53fake"
	"github.com/spfpatch/spfpatch/providers"
	"github.com/spfpatch/spfpatch/spfedit"
)

// Tests run without the request budget (the conformance suite alone makes
// hundreds of requests); TestBudgetPerRequest puts it back.
func TestMain(m *testing.M) {
	requestRate = rate.Inf
	os.Exit(m.Run())
}

const (
	keyID    = "AKIDSPFPATCHTEST"
	secret   = "r53-test-secret-4f9d2b7e1c"
	zone     = "shop.test."
	oldSPF   = "v=spf1 ip4:192.0.2.0/24 ~all"
	newSPF   = "v=spf1 ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"
	verifier = "google-site-verification=abc123"
)

// awsEnv points the standard AWS chain at f, with static test keys and
// config files that exist but name no profile we use.
func awsEnv(t *testing.T, f *r53fake.Server) {
	t.Helper()
	dir := t.TempDir()
	cfgFile := filepath.Join(dir, "config")
	if err := os.WriteFile(cfgFile, []byte("[profile other]\nregion = eu-west-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE":             cfgFile,
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_ACCESS_KEY_ID":           keyID,
		"AWS_SECRET_ACCESS_KEY":       secret,
		"AWS_SESSION_TOKEN":           "",
		"AWS_PROFILE":                 "",
		"AWS_DEFAULT_PROFILE":         "",
		"AWS_REGION":                  "us-east-1",
		"AWS_ENDPOINT_URL":            "",
		"AWS_ENDPOINT_URL_ROUTE_53":   f.URL,
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
}

// env builds the provider's settings from the environment, as the CLI does.
func env(extra map[string]string) providers.Env {
	e := providers.Env{Settings: map[string]string{}}
	info, _ := providers.Lookup("route53")
	for _, s := range info.Settings {
		key := s.Name
		if key == "" {
			key = s.Env
		}
		e.Settings[key] = os.Getenv(s.Env)
	}
	for k, v := range extra {
		e.Settings[k] = v
	}
	return e
}

// setup starts a fake with shop.test: two TXT values at the apex, an A
// and an MX record; the fake verifies SigV4 signatures.
func setup(t *testing.T) (*r53fake.Server, string, *Provider) {
	t.Helper()
	f := r53fake.Start(t, keyID, secret)
	id := f.AddZone("shop.test", false)
	f.AddRRSet(id, r53fake.RRSet{Name: "shop.test", Type: "TXT", TTL: 3600, Values: []string{`"` + verifier + `"`, `"` + oldSPF + `"`}})
	f.AddRRSet(id, r53fake.RRSet{Name: "shop.test", Type: "A", TTL: 300, Values: []string{"192.0.2.10"}})
	f.AddRRSet(id, r53fake.RRSet{Name: "shop.test", Type: "MX", TTL: 300, Values: []string{"10 mx.shop.test."}})
	awsEnv(t, f)
	p, err := New(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	return f, id, p.(*Provider)
}

func txt(name, text string, ttl time.Duration) libdns.Record {
	return libdns.TXT{Name: name, TTL: ttl, Text: text}
}

func without(sets []r53fake.RRSet, name, typ string) []r53fake.RRSet {
	var out []r53fake.RRSet
	for _, s := range sets {
		if s.Name != name || s.Type != typ {
			out = append(out, s)
		}
	}
	return out
}

// Regression test for the version in go.mod: libdns/route53 v1.6.0 and
// v1.6.1 send one UPSERT per record, so SetRecords([verification, spf])
// leaves only the last value and this test fails with them. v1.6.2
// UPSERTs the RRset whole, in one change batch.
func TestAdapterKeepsOtherTXTValues(t *testing.T) {
	f, id, _ := setup(t)
	ctx := context.Background()
	raw := &r53.Provider{HostedZoneID: id, MaxRetries: MaxAttempts}
	before := f.Sets(id)
	if _, err := raw.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if got, want := f.Values(id, "shop.test.", "TXT"), []string{`"` + verifier + `"`, `"` + newSPF + `"`}; !reflect.DeepEqual(got, want) {
		t.Fatalf("apex TXT %q, want %q (is go.mod still at libdns/route53 v1.6.2?)", got, want)
	}
	if n := f.Count("ChangeResourceRecordSets"); n != 1 {
		t.Errorf("%d change batches, want 1", n)
	}
	if !reflect.DeepEqual(without(before, "shop.test.", "TXT"), without(f.Sets(id), "shop.test.", "TXT")) {
		t.Error("other RRsets changed")
	}
}

func TestSetRecordsReplacesOnlySPF(t *testing.T) {
	f, id, p := setup(t)
	ctx := context.Background()
	before := f.Sets(id)
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if got, want := f.Values(id, "shop.test.", "TXT"), []string{`"` + verifier + `"`, `"` + newSPF + `"`}; !reflect.DeepEqual(got, want) {
		t.Fatalf("apex TXT %q, want %q", got, want)
	}
	if !reflect.DeepEqual(without(before, "shop.test.", "TXT"), without(f.Sets(id), "shop.test.", "TXT")) {
		t.Error("other RRsets changed")
	}
	rs, err := p.GetRRset(ctx, zone, "@", "TXT")
	if err != nil || len(rs) != 2 || rs[0].RR().TTL != time.Hour {
		t.Fatalf("%v %v", rs, err)
	}
}

// libdns/route53's own read trims every leading and trailing quote
// (quote.go:71); the reader here does not, so a value that starts and ends
// with a double quote stays exactly as it was when the SPF value changes.
func TestQuotedValueKept(t *testing.T) {
	f, id, p := setup(t)
	ctx := context.Background()
	f.AddRRSet(id, r53fake.RRSet{Name: "q.shop.test", Type: "TXT", TTL: 300, Values: []string{`"\"quoted\""`, `"` + oldSPF + `"`}})
	raw := &r53.Provider{HostedZoneID: id}
	rrs, _ := raw.GetRecords(ctx, zone)
	for _, r := range rrs {
		if rr := r.RR(); rr.Name == "q" && strings.Contains(rr.Data, "quoted") && rr.Data != "quoted" {
			t.Logf("libdns/route53 now reads %q: the adapter changed", rr.Data)
		}
	}
	rs, err := p.GetRRset(ctx, zone, "q", "TXT")
	if err != nil || len(rs) != 2 || rs[0].RR().Data != `"quoted"` {
		t.Fatalf("read %v %v, want the quotes kept", rs, err)
	}
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("q", `"quoted"`, 300*time.Second), txt("q", newSPF, 300*time.Second)}); err != nil {
		t.Fatal(err)
	}
	if got, want := f.Values(id, "q.shop.test.", "TXT"), []string{`"\"quoted\""`, `"` + newSPF + `"`}; !reflect.DeepEqual(got, want) {
		t.Fatalf("stored %q, want %q", got, want)
	}
}

func TestLongValue(t *testing.T) {
	f, id, p := setup(t)
	ctx := context.Background()
	long := "v=spf1 " + strings.Repeat("ip4:192.0.2.1 ", 21) + "include:e-shopsmail2.com ~all"
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", long, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	vals := f.Values(id, "shop.test.", "TXT")
	if len(vals) != 2 || !strings.Contains(vals[1], `" "`) {
		t.Fatalf("stored %q: want the long value as two strings", vals)
	}
	rs, err := p.GetRRset(ctx, zone, "@", "TXT")
	if err != nil || len(rs) != 2 || rs[1].RR().Data != long {
		t.Fatalf("read back %v %v", rs, err)
	}
}

func TestDecodeTXT(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{`"v=spf1 -all"`, "v=spf1 -all", true},
		{`"aaa" "bbb"`, "aaabbb", true},
		{`"say \"hi\""`, `say "hi"`, true},
		{`"\"quoted\""`, `"quoted"`, true},
		{`"back\\slash"`, `back\slash`, true},
		{`"ex\344mple"`, "ex\xe4mple", true},
		{`"a\" \"b"`, `a" "b`, true},
		{`""`, "", true},
		{`unquoted`, "", false},
		{`"open`, "", false},
		// Adjacent strings, as Route 53 returns values stored that way
		// (issue 12 point 9).
		{`"a""b"`, "ab", true},
		{`"v=spf1 ip4:192.0.2.0/24 ""include:_spf.example ~all"`, "v=spf1 ip4:192.0.2.0/24 include:_spf.example ~all", true},
		{`"a" "b""c"`, "abc", true},
		{`"a"b`, "", false},
		{`"a" b`, "", false},
	} {
		got, err := DecodeTXT(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("DecodeTXT(%q) = %q, %v; want %q ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestPaging(t *testing.T) {
	f, id, p := setup(t)
	f.MaxItems = 2
	for _, n := range []string{"www", "mail", "_dmarc", "a.b"} {
		f.AddRRSet(id, r53fake.RRSet{Name: n + ".shop.test", Type: "TXT", TTL: 300, Values: []string{`"` + n + `"`}})
	}
	// 9 RRsets: NS, SOA, TXT (2 values), A, MX and 4 more.
	before := f.Count("ListResourceRecordSets")
	rs, err := p.GetRecords(context.Background(), zone)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 4+1+2+1+1+4 {
		t.Errorf("%d records", len(rs))
	}
	if n := f.Count("ListResourceRecordSets") - before; n != 5 {
		t.Errorf("%d pages, want 5 (9 RRsets, 2 a page)", n)
	}
	// and a write in the middle of a paged zone
	if _, err := p.SetRecords(context.Background(), zone, []libdns.Record{txt("mail", "mail", 300*time.Second), txt("mail", newSPF, 300*time.Second)}); err != nil {
		t.Fatal(err)
	}
	if got := f.Values(id, "mail.shop.test.", "TXT"); len(got) != 2 {
		t.Fatalf("%q", got)
	}
}

func TestBadProfile(t *testing.T) {
	f := r53fake.Start(t, keyID, secret)
	awsEnv(t, f)
	t.Setenv("AWS_PROFILE", "no-such-profile")
	_, err := New(env(nil))
	if err == nil || !strings.Contains(err.Error(), "no-such-profile") || !strings.Contains(err.Error(), "AWS configuration") {
		t.Fatalf("got %v", err)
	}
	if strings.Contains(err.Error(), secret) {
		t.Fatal("secret in the error")
	}
	if n := f.Count(""); n != 0 {
		t.Errorf("%d requests", n)
	}
}

func TestNoCredentials(t *testing.T) {
	f := r53fake.Start(t, keyID, secret)
	awsEnv(t, f)
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	_, err := New(env(nil))
	if err == nil || !strings.Contains(err.Error(), "no usable AWS credentials") {
		t.Fatalf("got %v", err)
	}
}

func TestWrongKeysRefused(t *testing.T) {
	f, _, _ := setup(t)
	t.Setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
	p, err := New(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.GetRecords(context.Background(), zone)
	if err == nil || !strings.Contains(err.Error(), "SignatureDoesNotMatch") || strings.Contains(err.Error(), "not-the-secret") {
		t.Fatalf("got %v", err)
	}
	_ = f
}

func TestThrottling(t *testing.T) {
	t.Run("then success", func(t *testing.T) {
		f, id, p := setup(t)
		f.Fail(r53fake.Fault{Op: "ChangeResourceRecordSets", Status: 400, Code: "Throttling", Times: 1})
		f.Fail(r53fake.Fault{Op: "ListResourceRecordSets", Status: 503, Code: "ServiceUnavailable", Times: 1})
		if _, err := p.SetRecords(context.Background(), zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if got := f.Values(id, "shop.test.", "TXT"); len(got) != 2 || got[1] != `"`+newSPF+`"` {
			t.Fatalf("%q", got)
		}
		if n := f.Count("ChangeResourceRecordSets"); n != 2 {
			t.Errorf("%d change calls, want 2 (one throttled)", n)
		}
	})
	t.Run("429 on the zone lookup", func(t *testing.T) {
		f, _, p := setup(t)
		f.Fail(r53fake.Fault{Op: "ListHostedZonesByName", Status: 429, Code: "Throttling", Times: 1})
		if _, err := p.GetRecords(context.Background(), zone); err != nil {
			t.Fatal(err)
		}
		if n := f.Count("ListHostedZonesByName"); n != 2 {
			t.Errorf("%d lookups, want 2", n)
		}
	})
	// Endless throttling is not tested here: the SDK's standard retryer
	// backs off up to 20 s between its 5 attempts (the adapter builds it
	// with no way to shorten that), so it would take about 15 s.
}

func TestInvalidChangeBatchMessages(t *testing.T) {
	_, _, p := setup(t)
	_, err := p.api.SetRecords(context.Background(), zone, []libdns.Record{txt("@", "same", time.Hour), txt("@", "same", time.Hour)})
	var e interface{ Unwrap() error }
	if err == nil || !strings.Contains(err.Error(), "Duplicate Resource Record") || !errors.As(err, &e) {
		t.Fatalf("got %v", err)
	}
}

func TestDeleteExact(t *testing.T) {
	f, id, p := setup(t)
	ctx := context.Background()
	f.AddRRSet(id, r53fake.RRSet{Name: "d.shop.test", Type: "TXT", TTL: 123, Values: []string{`"one" "more"`, `"two"`}})
	// One of two values: the other stays.
	if _, err := p.DeleteRecords(ctx, zone, []libdns.Record{txt("d", "two", 0)}); err != nil {
		t.Fatal(err)
	}
	// The value that stays keeps its two character-strings exactly.
	if got := f.Values(id, "d.shop.test.", "TXT"); !reflect.DeepEqual(got, []string{`"one" "more"`}) {
		t.Fatalf("%q", got)
	}
	// The last value: a DELETE of the RRset exactly as stored (TTL 123).
	f.AddRRSet(id, r53fake.RRSet{Name: "e.shop.test", Type: "TXT", TTL: 123, Values: []string{`"one" "more"`}})
	if _, err := p.DeleteRecords(ctx, zone, []libdns.Record{txt("e", "onemore", 0)}); err != nil {
		t.Fatal(err)
	}
	if got := f.Values(id, "e.shop.test.", "TXT"); got != nil {
		t.Fatalf("%q", got)
	}
	// A value that is not there: nothing happens.
	before := f.Count("ChangeResourceRecordSets")
	if _, err := p.DeleteRecords(ctx, zone, []libdns.Record{txt("@", "absent", 0)}); err != nil || f.Count("ChangeResourceRecordSets") != before {
		t.Fatalf("%v", err)
	}
}

func TestZoneLookup(t *testing.T) {
	ctx := context.Background()
	t.Run("public beats private", func(t *testing.T) {
		f := r53fake.Start(t, keyID, secret)
		f.AddZone("shop.test", true)
		pub := f.AddZone("shop.test", false)
		f.AddZone("other.test", false)
		awsEnv(t, f)
		p, err := New(env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if id, err := p.(*Provider).api.zoneID(ctx, "shop.test"); err != nil || id != pub {
			t.Fatalf("%s %v, want %s", id, err, pub)
		}
	})
	t.Run("two public zones", func(t *testing.T) {
		f := r53fake.Start(t, keyID, secret)
		f.AddZone("shop.test", false)
		f.AddZone("shop.test", false)
		awsEnv(t, f)
		p, _ := New(env(nil))
		if _, err := p.GetRecords(ctx, zone); err == nil || !strings.Contains(err.Error(), "--route53-hosted-zone-id") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("hosted zone id of another zone", func(t *testing.T) {
		f := r53fake.Start(t, keyID, secret)
		f.AddZone("shop.test", false)
		other := f.AddZone("other.test", false)
		awsEnv(t, f)
		p, _ := New(env(map[string]string{"route53-hosted-zone-id": other}))
		if _, err := p.GetRecords(ctx, zone); err == nil || !strings.Contains(err.Error(), "other.test.") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("no zone", func(t *testing.T) {
		f := r53fake.Start(t, keyID, secret)
		f.AddZone("other.test", false)
		awsEnv(t, f)
		p, _ := New(env(nil))
		if _, err := p.GetRecords(ctx, zone); err == nil || !strings.Contains(err.Error(), "HostedZoneNotFound") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("list zones pages and skips private", func(t *testing.T) {
		f := r53fake.Start(t, keyID, secret)
		f.MaxItems = 1
		f.AddZone("b.test", false)
		f.AddZone("a.test", false)
		f.AddZone("p.test", true)
		awsEnv(t, f)
		p, _ := New(env(nil))
		zs, err := p.(*Provider).ListZones(ctx)
		if err != nil || !reflect.DeepEqual(zs, []libdns.Zone{{Name: "a.test."}, {Name: "b.test."}}) {
			t.Fatalf("%v %v", zs, err)
		}
	})
}

// libdns's conformance suite (libdnstest, libdns v1.2.0-alpha.1) against
// the provider and the fake, every record type, pages of 3.
func TestLibdnsConformance(t *testing.T) {
	f := r53fake.Start(t, keyID, secret)
	f.AddZone("example.com", false)
	f.MaxItems = 3
	awsEnv(t, f)
	p, err := New(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	libdnstest.NewTestSuite(p.(*Provider), "example.com.").RunTests(t)
}

const twoStrings = `"google-site-" "verification=abc123"` // one value, two strings

// The verification value stored as two character-strings keeps them
// exactly when the SPF value beside it changes, and the rollback (the old
// RRset written back) restores the store byte for byte. libdns/route53's
// write would send it back as one string.
func TestOtherValueKeepsItsStrings(t *testing.T) {
	f, id, p := setup(t)
	ctx := context.Background()
	f.PutRRSet(id, r53fake.RRSet{Name: "shop.test", Type: "TXT", TTL: 3600, Values: []string{twoStrings, `"` + oldSPF + `"`}})
	before := f.Sets(id)
	rs, err := p.GetRRset(ctx, zone, "@", "TXT")
	if err != nil || len(rs) != 2 || rs[0].RR().Data != verifier {
		t.Fatalf("%v %v", rs, err)
	}
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if got, want := f.Values(id, "shop.test.", "TXT"), []string{twoStrings, `"` + newSPF + `"`}; !reflect.DeepEqual(got, want) {
		t.Fatalf("stored %q, want %q", got, want)
	}
	// rollback: the journal's "before" texts
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", oldSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if after := f.Sets(id); !reflect.DeepEqual(before, after) {
		t.Fatalf("after rollback\n%+v\nwant\n%+v", after, before)
	}
	// Appending and deleting keep it too.
	if _, err := p.AppendRecords(ctx, zone, []libdns.Record{txt("@", "extra", time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.DeleteRecords(ctx, zone, []libdns.Record{txt("@", "extra", 0)}); err != nil {
		t.Fatal(err)
	}
	if after := f.Sets(id); !reflect.DeepEqual(before, after) {
		t.Fatalf("after append and delete\n%+v\nwant\n%+v", after, before)
	}
}

// A 290-byte SPF value is stored as strings split between terms, exactly
// as spfedit.Split (what plan shows) splits it, not every 255 bytes.
func TestLongSPFSplitBetweenTerms(t *testing.T) {
	f, id, p := setup(t)
	ctx := context.Background()
	long := "v=spf1"
	for i := 0; len(long) < 290-len(" include:e-shopsmail2.com ~all"); i++ {
		long += fmt.Sprintf(" ip4:198.51.%d.%d", 100+i%10, i)
	}
	long += " include:e-shopsmail2.com ~all"
	if len(long) < 285 || len(long) > 300 {
		t.Fatalf("test value is %d bytes", len(long))
	}
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", long, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	vals := f.Values(id, "shop.test.", "TXT")
	if len(vals) != 2 || vals[0] != `"`+verifier+`"` {
		t.Fatalf("stored %q", vals)
	}
	strs, err := r53fake.ParseStrings(vals[1])
	if err != nil {
		t.Fatal(err)
	}
	want := spfedit.Split(long)
	if len(strs) != len(want) || len(want) < 2 {
		t.Fatalf("stored %d strings %q, want %q", len(strs), strs, want)
	}
	for i := range strs {
		if string(strs[i]) != want[i] || len(strs[i]) > 255 {
			t.Fatalf("string %d is %q, want %q", i, strs[i], want[i])
		}
		if i < len(strs)-1 && !strings.HasSuffix(want[i], " ") {
			t.Fatalf("string %d %q does not end between terms", i, want[i])
		}
	}
	if rs, err := p.GetRRset(ctx, zone, "@", "TXT"); err != nil || len(rs) != 2 || rs[1].RR().Data != long {
		t.Fatalf("read back %v %v", rs, err)
	}
}

func TestEncodeTXT(t *testing.T) {
	for in, want := range map[string]string{
		"v=spf1 -all":        `"v=spf1 -all"`,
		`say "hi" \ ok`:      `"say \"hi\" \\ ok"`,
		"ex\xe4mple\x01\x7f": `"ex\344mple\001\177"`,
		"":                   `""`,
	} {
		got := EncodeTXT(in)
		if got != want {
			t.Errorf("EncodeTXT(%q) = %q, want %q", in, got, want)
		}
		if back, err := DecodeTXT(got); err != nil || back != in {
			t.Errorf("DecodeTXT(EncodeTXT(%q)) = %q, %v", in, back, err)
		}
	}
}

// A record libdns cannot parse is read as a plain RR; the zone read and
// a write at that name still work.
func TestUnparsableRecordKept(t *testing.T) {
	f, id, p := setup(t)
	ctx := context.Background()
	f.AddRRSet(id, r53fake.RRSet{Name: "shop.test", Type: "SVCB", TTL: 300, Values: []string{"0 svc.example.com."}})
	if _, err := (libdns.RR{Name: "@", Type: "SVCB", Data: "0 svc.example.com."}).Parse(); err == nil {
		t.Log("libdns now parses this SVCB value")
	}
	rs, err := p.GetRecords(ctx, zone)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rs {
		rr := r.RR()
		found = found || rr.Type == "SVCB" && rr.Data == "0 svc.example.com." && rr.Name == "@"
	}
	if !found {
		t.Fatalf("no SVCB in %v", rs)
	}
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if got := f.Values(id, "shop.test.", "SVCB"); !reflect.DeepEqual(got, []string{"0 svc.example.com."}) {
		t.Fatalf("%q", got)
	}
}

// An endpoint that accepts connections and never answers makes a read
// fail within the call deadline instead of hanging.
func TestSilentEndpointTimesOut(t *testing.T) {
	f, _, _ := setup(t)
	_ = f
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	oldCall, oldHTTP := callTimeout, httpTimeout
	callTimeout, httpTimeout = 300*time.Millisecond, time.Hour
	t.Cleanup(func() { callTimeout, httpTimeout = oldCall, oldHTTP })
	t.Setenv("AWS_ENDPOINT_URL_ROUTE_53", "http://"+ln.Addr().String())
	p, err := New(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	// Under WithoutCancel, as apply writes.
	_, err = p.GetRecords(context.WithoutCancel(context.Background()), zone)
	if err == nil || !strings.Contains(err.Error(), "did not answer within") {
		t.Fatalf("got %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("took %s", d)
	}
}

// Every HTTP request takes a token of the provider's bucket (5/s, burst
// 5): 20 concurrent GetRRset calls make 21 requests (one zone lookup, one
// one-name listing each) and no second of them holds more than 10.
func TestBudgetPerRequest(t *testing.T) {
	requestRate = RequestsPerSecond
	t.Cleanup(func() { requestRate = rate.Inf })
	f, _, p := setup(t)
	for _, n := range []string{"www", "mail", "_dmarc", "a.b"} {
		f.AddRRSet(f.Snapshot()[0].ID, r53fake.RRSet{Name: n + ".shop.test", Type: "TXT", TTL: 300, Values: []string{`"` + n + `"`}})
	}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() {
			rs, err := p.GetRRset(context.Background(), zone, "@", "TXT")
			if err == nil && len(rs) != 2 {
				err = fmt.Errorf("%d records", len(rs))
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := f.Count("ListHostedZonesByName"); n != 1 {
		t.Errorf("%d zone lookups, want 1", n)
	}
	for _, r := range f.Requests() {
		if r.Op == "ListResourceRecordSets" && !strings.Contains(r.Query, "name=shop.test") {
			t.Errorf("listing %q: not one name", r.Query)
		}
	}
	if n := f.Count(""); n != 21 {
		t.Errorf("%d requests, want 21", n)
	}
	if m := f.MaxInWindow(time.Second); m > RequestsPerSecond+Burst {
		t.Errorf("%d requests within a second, budget %d/s burst %d", m, RequestsPerSecond, Burst)
	}
	if m := f.MaxInWindow(time.Second); m < RequestsPerSecond {
		t.Errorf("only %d requests within a second", m)
	}
}
