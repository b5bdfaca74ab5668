package cloudflare

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	cf "github.com/libdns/cloudflare"
	"github.com/libdns/libdns"
	"github.com/libdns/libdns/libdnstest"

	"github.com/spfpatch/spfpatch/internal/cffake"
	"github.com/spfpatch/spfpatch/providers"
)

const (
	token    = "cf-test-token-7a1c3e5b"
	zone     = "shop.test."
	oldSPF   = "v=spf1 ip4:192.0.2.0/24 ~all"
	newSPF   = "v=spf1 ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"
	verifier = "google-site-verification=abc123"
)

// sleeps records the waits of a client instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return nil
}

func (s *sleeps) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// setup starts a fake holding zone with an apex of two TXT records (a
// verification value and the SPF record), an A and an MX record, and
// returns it with a provider talking to it whose retries do not sleep.
func setup(t *testing.T) (*cffake.Server, *Provider, *sleeps) {
	t.Helper()
	f := cffake.Start(t)
	f.AddToken(token, cffake.ZoneRead|cffake.DNSEdit)
	f.AddZone("shop.test")
	prio := uint16(10)
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "@", Content: `"` + verifier + `"`, TTL: 3600})
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "@", Content: `"` + oldSPF + `"`, TTL: 3600})
	f.AddRecord("shop.test", cffake.Record{Type: "A", Name: "@", Content: "192.0.2.10", TTL: 1})
	f.AddRecord("shop.test", cffake.Record{Type: "MX", Name: "@", Content: "mx.shop.test", Priority: &prio, TTL: 300})
	p, s := open(t, f, nil)
	return f, p, s
}

func open(t *testing.T, f *cffake.Server, extra map[string]string) (*Provider, *sleeps) {
	t.Helper()
	settings := map[string]string{
		"CLOUDFLARE_API_TOKEN":        token,
		"SPFPATCH_CLOUDFLARE_API_URL": f.URL + "/client/v4",
		"SPFPATCH_CLOUDFLARE_RATE":    "1000",
	}
	for k, v := range extra {
		settings[k] = v
	}
	pp, err := New(providers.Env{Settings: settings})
	if err != nil {
		t.Fatal(err)
	}
	p := pp.(*Provider)
	s := &sleeps{}
	p.api.http.sleep = s.sleep
	return p, s
}

func txt(name, text string, ttl time.Duration) libdns.Record {
	return libdns.TXT{Name: name, TTL: ttl, Text: text}
}

// withoutTXT returns the records that are not TXT at the apex.
func withoutApexTXT(rs []cffake.Record) []cffake.Record {
	var out []cffake.Record
	for _, r := range rs {
		if !(r.Type == "TXT" && r.Name == "shop.test") {
			out = append(out, r)
		}
	}
	return out
}

func recordByContent(rs []cffake.Record, content string) *cffake.Record {
	for i := range rs {
		if rs[i].Content == content {
			return &rs[i]
		}
	}
	return nil
}

func writes(f *cffake.Server) int {
	return f.Count("POST", "") + f.Count("PATCH", "") + f.Count("PUT", "") + f.Count("DELETE", "")
}

// The adapter's own SetRecords fails with two TXT records at a name
// (provider.go:181-183); Safe over this package replaces only the SPF value.
func TestTwoTXTAtApex(t *testing.T) {
	f, p, _ := setup(t)
	ctx := context.Background()

	raw := &cf.Provider{APIToken: token, HTTPClient: p.api.http}
	if _, err := raw.SetRecords(ctx, "shop.test", []libdns.Record{txt("@", newSPF, time.Hour)}); err == nil || !strings.Contains(err.Error(), "more than 1 record") {
		t.Fatalf("libdns/cloudflare v0.2.2 SetRecords with two TXT at the apex: got %v, want its 'more than 1 record' error (has the adapter changed?)", err)
	}

	before := f.Records("shop.test")
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	after := f.Records("shop.test")
	if got, want := f.TXT("shop.test", "shop.test"), []string{`"` + verifier + `"`, `"` + newSPF + `"`}; !reflect.DeepEqual(got, want) {
		t.Fatalf("apex TXT = %q, want %q", got, want)
	}
	// The verification record is the very same record (id, times) and
	// nothing else changed.
	if b, a := recordByContent(before, `"`+verifier+`"`), recordByContent(after, `"`+verifier+`"`); !reflect.DeepEqual(b, a) {
		t.Errorf("verification record changed:\n%+v\n%+v", b, a)
	}
	if b, a := withoutApexTXT(before), withoutApexTXT(after); !reflect.DeepEqual(b, a) {
		t.Errorf("other records changed:\n%+v\n%+v", b, a)
	}
	if n := f.Count("PATCH", ""); n != 0 {
		t.Errorf("%d PATCH requests: the adapter's SetRecords was used", n)
	}
	// New value first, then the old one deleted: never without SPF.
	var order []string
	for _, r := range f.Requests() {
		if r.Method == "POST" || r.Method == "DELETE" {
			order = append(order, r.Method)
		}
	}
	if !reflect.DeepEqual(order, []string{"POST", "DELETE"}) {
		t.Errorf("writes %v, want POST then DELETE", order)
	}
	got, err := p.GetRRset(ctx, zone, "@", "TXT")
	if err != nil || len(got) != 2 {
		t.Fatalf("read back %v %v", got, err)
	}
}

func TestLongValueRefused(t *testing.T) {
	f, p, _ := setup(t)
	long := "v=spf1 " + strings.Repeat("ip4:192.0.2.1 ", 21) + "~all" // 300 bytes
	if len(long) != 305 && len(long) < 300 {
		t.Fatalf("test value is %d bytes", len(long))
	}
	before := f.Records("shop.test")
	f.ResetCounts()
	_, err := p.SetRecords(context.Background(), zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", long, time.Hour)})
	if !errors.Is(err, providers.ErrUnsafe) || !strings.Contains(err.Error(), "bytes") || !strings.Contains(err.Error(), "over 255") {
		t.Fatalf("got %v, want ErrUnsafe naming the size", err)
	}
	if n := writes(f); n != 0 {
		t.Errorf("%d writes were sent for a refused value", n)
	}
	if !reflect.DeepEqual(before, f.Records("shop.test")) {
		t.Error("the store changed")
	}
}

// A value Cloudflare split server-side reads back as one string, is kept
// untouched when the SPF value beside it changes, and can be deleted.
func TestLongValueRead(t *testing.T) {
	f, p, _ := setup(t)
	ctx := context.Background()
	long := strings.Repeat("x", 300)
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "@", Content: `"` + long + `"`, TTL: 3600})
	stored := `"` + strings.Repeat("x", 255) + `" "` + strings.Repeat("x", 45) + `"`
	if got := f.TXT("shop.test", "shop.test"); !reflect.DeepEqual(got, []string{`"` + verifier + `"`, `"` + oldSPF + `"`, stored}) {
		t.Fatalf("the fake did not split: %q", got)
	}
	rs, err := p.GetRRset(ctx, zone, "@", "TXT")
	if err != nil || len(rs) != 3 || rs[0].RR().Data != long && rs[1].RR().Data != long && rs[2].RR().Data != long {
		t.Fatalf("got %v %v, want the 300 bytes joined", rs, err)
	}
	before := recordByContent(f.Records("shop.test"), stored)
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", long, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if after := recordByContent(f.Records("shop.test"), stored); !reflect.DeepEqual(before, after) {
		t.Fatalf("the long value changed: %+v -> %+v", before, after)
	}
	if _, err := p.DeleteRecords(ctx, zone, []libdns.Record{txt("@", long, 0)}); err != nil {
		t.Fatal(err)
	}
	if got := f.TXT("shop.test", "shop.test"); !reflect.DeepEqual(got, []string{`"` + verifier + `"`, `"` + newSPF + `"`}) {
		t.Fatalf("after deleting the long value: %q", got)
	}
}

func TestRetryAfter(t *testing.T) {
	t.Run("429 then success", func(t *testing.T) {
		f, p, s := setup(t)
		f.Fail(cffake.Fault{Method: "GET", Path: "/dns_records", Status: 429, RetryAfter: "3", Times: 2})
		rs, err := p.GetRecords(context.Background(), zone)
		if err != nil || len(rs) != 4 {
			t.Fatalf("%v %v", rs, err)
		}
		if got := s.got(); !reflect.DeepEqual(got, []time.Duration{3 * time.Second, 3 * time.Second}) {
			t.Errorf("waits %v, want Retry-After honoured twice", got)
		}
	})
	t.Run("endless 429 gives up", func(t *testing.T) {
		f, p, s := setup(t)
		f.Fail(cffake.Fault{Status: 429, RetryAfter: "1", Times: -1})
		_, err := p.GetRecords(context.Background(), zone)
		if !errors.Is(err, ErrRateLimited) || !strings.Contains(err.Error(), "after 4 attempts") {
			t.Fatalf("got %v", err)
		}
		if n := len(f.Requests()); n != MaxAttempts {
			t.Errorf("%d requests, want %d", n, MaxAttempts)
		}
		if n := len(s.got()); n != MaxAttempts-1 {
			t.Errorf("%d waits", n)
		}
	})
	t.Run("Retry-After over the cap gives up at once", func(t *testing.T) {
		f, p, s := setup(t)
		f.Fail(cffake.Fault{Status: 429, RetryAfter: "300", Times: -1})
		_, err := p.GetRecords(context.Background(), zone)
		if !errors.Is(err, ErrRateLimited) || !strings.Contains(err.Error(), "5m0s") {
			t.Fatalf("got %v", err)
		}
		if n := len(f.Requests()); n != 1 || len(s.got()) != 0 {
			t.Errorf("%d requests, %d waits", n, len(s.got()))
		}
	})
	t.Run("5xx on GET retried with backoff", func(t *testing.T) {
		f, p, s := setup(t)
		f.Fail(cffake.Fault{Method: "GET", Status: 502, Body: "<html>bad gateway</html>", Times: 2})
		if _, err := p.GetRecords(context.Background(), zone); err != nil {
			t.Fatal(err)
		}
		if got := s.got(); !reflect.DeepEqual(got, []time.Duration{time.Second, 2 * time.Second}) {
			t.Errorf("waits %v", got)
		}
	})
	t.Run("5xx on POST not retried", func(t *testing.T) {
		f, p, _ := setup(t)
		f.Fail(cffake.Fault{Method: "POST", Status: 500, Times: 1})
		before := f.Records("shop.test")
		_, err := p.SetRecords(context.Background(), zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)})
		if err == nil || !strings.Contains(err.Error(), "nothing was removed") {
			t.Fatalf("got %v", err)
		}
		if f.Count("POST", "") != 1 || !reflect.DeepEqual(before, f.Records("shop.test")) {
			t.Errorf("POST retried or store changed")
		}
	})
}

// A delete that fails after the append leaves both values, never none,
// and says so.
func TestDeleteFailureKeepsBoth(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault cffake.Fault
		want  string
	}{
		// DELETE itself fails (5xx, retried, then given up).
		{"delete fails", cffake.Fault{Method: "DELETE", Status: 500, Times: -1}, "still HTTP 500"},
		// The adapter's lookup before the DELETE fails: v0.2.2 ignores that
		// error and reports success; the re-read catches it.
		{"lookup error swallowed", cffake.Fault{Method: "GET", Query: "content.contains", Status: 400, Times: -1}, "still holds"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, p, _ := setup(t)
			f.Fail(tc.fault)
			_, err := p.SetRecords(context.Background(), zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)})
			if err == nil || !strings.Contains(err.Error(), "removing the old one failed") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a failed removal mentioning %q", err, tc.want)
			}
			want := []string{`"` + verifier + `"`, `"` + newSPF + `"`, `"` + oldSPF + `"`}
			if got := f.TXT("shop.test", "shop.test"); !reflect.DeepEqual(got, want) {
				t.Errorf("apex TXT %q, want old and new kept: %q", got, want)
			}
		})
	}
}

func TestPaging(t *testing.T) {
	f, p, _ := setup(t)
	f.MaxPerPage = 2
	f.AddRecord("shop.test", cffake.Record{Type: "A", Name: "www", Content: "192.0.2.11", TTL: 300})
	f.AddRecord("shop.test", cffake.Record{Type: "A", Name: "shop", Content: "192.0.2.12", TTL: 300})
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "_dmarc", Content: `"v=DMARC1; p=none"`, TTL: 300})
	f.ResetCounts()
	rs, err := p.GetRecords(context.Background(), zone)
	if err != nil || len(rs) != 7 {
		t.Fatalf("%d records, %v; want 7", len(rs), err)
	}
	if n := f.Count("GET", "/client/v4/zones/:zone/dns_records"); n != 4 {
		t.Errorf("%d pages read, want 4 (7 records, 2 a page)", n)
	}
	for _, r := range f.Requests() {
		if r.Status != 200 {
			t.Errorf("%s %s?%s: %d", r.Method, r.Path, r.Query, r.Status)
		}
	}
	// Writes still work with small pages.
	if _, err := p.SetRecords(context.Background(), zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
}

func TestListZones(t *testing.T) {
	f, p, _ := setup(t)
	f.MaxPerPage = 2
	f.AddZone("b.test")
	f.AddZone("c.test")
	zs, err := p.ListZones(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []libdns.Zone{{Name: "shop.test."}, {Name: "b.test."}, {Name: "c.test."}}
	if !reflect.DeepEqual(zs, want) {
		t.Fatalf("%v, want %v (all pages)", zs, want)
	}
}

func TestTokens(t *testing.T) {
	t.Run("zone token reads zones, API token edits", func(t *testing.T) {
		f := cffake.Start(t)
		f.AddToken(token, cffake.DNSEdit)
		f.AddToken("cf-zone-token-99", cffake.ZoneRead)
		f.AddZone("shop.test")
		p, _ := open(t, f, map[string]string{"CLOUDFLARE_ZONE_TOKEN": "cf-zone-token-99"})
		if _, err := p.AppendRecords(context.Background(), zone, []libdns.Record{txt("@", newSPF, 0)}); err != nil {
			t.Fatal(err)
		}
		if got := f.Records("shop.test"); len(got) != 1 || got[0].TTL != 1 {
			t.Errorf("%+v: TTL 0 should be stored as 1 (automatic)", got)
		}
	})
	t.Run("bad token", func(t *testing.T) {
		f := cffake.Start(t)
		f.AddZone("shop.test")
		p, _ := open(t, f, nil)
		_, err := p.GetRecords(context.Background(), zone)
		if err == nil || !strings.Contains(err.Error(), "401") || strings.Contains(err.Error(), token) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("missing token", func(t *testing.T) {
		_, err := New(providers.Env{Settings: map[string]string{}})
		if err == nil || !strings.Contains(err.Error(), "CLOUDFLARE_API_TOKEN") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestClientRefusesOtherHosts(t *testing.T) {
	c, err := newClient("", 4)
	if err != nil {
		t.Fatal(err)
	}
	if c.limiter.Limit() != 4 || c.limiter.Burst() != 8 {
		t.Errorf("default budget %v/s burst %d, want 4/s burst 8", c.limiter.Limit(), c.limiter.Burst())
	}
	req, _ := http.NewRequest("GET", "https://evil.example/client/v4/zones", nil)
	if _, err := c.Do(req); err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("got %v", err)
	}
	for _, base := range []string{"http://192.0.2.1/client/v4", "ftp://127.0.0.1/", "not a url"} {
		if _, err := newClient(base, 4); err == nil {
			t.Errorf("%s accepted", base)
		}
	}
}

// The budget holds: with 50 requests a second (burst 100), 150 requests
// never exceed 100+50 in any second.
func TestRequestBudget(t *testing.T) {
	f := cffake.Start(t)
	f.AddToken(token, cffake.ZoneRead|cffake.DNSEdit)
	f.AddZone("shop.test")
	p, _ := open(t, f, map[string]string{"SPFPATCH_CLOUDFLARE_RATE": "50"})
	start := time.Now()
	for range 150 {
		req, _ := http.NewRequest("GET", apiBase+"/zones", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := p.api.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("150 requests took %v: the budget is not applied", d)
	}
	if n := f.MaxInWindow(time.Second); n > 151 {
		t.Errorf("%d requests in one second, budget 150", n)
	}
}

// An API answer without result_info makes v0.2.2 panic (provider.go:63);
// here it is an error.
func TestMissingResultInfo(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/client/v4/zones" {
			_, _ = w.Write([]byte(`{"success":true,"errors":[],"result":[{"id":"z1","name":"shop.test"}],"result_info":{"page":1,"per_page":20,"count":1,"total_count":1}}`))
			return
		}
		_, _ = w.Write([]byte(`{"success":true,"errors":[],"result":[]}`))
	}))
	defer srv.Close()
	pp, err := New(providers.Env{Settings: map[string]string{"CLOUDFLARE_API_TOKEN": token, "SPFPATCH_CLOUDFLARE_API_URL": srv.URL + "/client/v4", "SPFPATCH_CLOUDFLARE_RATE": "1000"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = pp.GetRecords(context.Background(), zone)
	if err == nil || !strings.Contains(err.Error(), "unexpected API answer") {
		t.Fatalf("got %v", err)
	}
}

func TestNormalizeTXT(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"v=spf1 -all", "v=spf1 -all"},
		{`aaa" "bbb`, "aaabbb"},
		{`aaa"  "bbb`, "aaabbb"},
		{`say \"hi\"`, `say "hi"`},
		{`back\\slash`, `back\slash`},
		{`\065\066`, "AB"},
		{`a\" \"b`, `a" "b`},
		{`unbalanced " quote`, `unbalanced " quote`},
	} {
		if got := NormalizeTXT(tc.in); got != tc.want {
			t.Errorf("NormalizeTXT(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCheckTXT(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{newSPF, true},
		{`say "hi" there`, true},
		{`back\slash`, true},
		{"日本語の確認コード", true},
		{`"starts with a quote`, false},
		{`ends with a quote"`, false},
		{"tab\there", false},
		{"bell\a", false},
		{"nbsp\u00a0here", false},
		{"bad \xff utf-8", false},
	} {
		if err := CheckTXT(tc.in); (err == nil) != tc.ok {
			t.Errorf("CheckTXT(%q) = %v, want ok %v", tc.in, err, tc.ok)
		}
	}
}

// Every value CheckTXT accepts round-trips through the adapter and the fake.
func TestRoundTrip(t *testing.T) {
	f, p, _ := setup(t)
	ctx := context.Background()
	for i, v := range []string{`say "hi" there`, `back\slash`, "日本語の確認コード", `a" "b`, strings.Repeat("y", 255)} {
		name := "rt" + string(rune('a'+i))
		if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt(name, v, time.Hour)}); err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		rs, err := p.GetRRset(ctx, zone, name, "TXT")
		if err != nil || len(rs) != 1 || rs[0].RR().Data != v {
			t.Fatalf("%q read back as %v %v", v, rs, err)
		}
		// and it can be deleted again
		if _, err := p.DeleteRecords(ctx, zone, rs); err != nil {
			t.Fatalf("%q: delete: %v", v, err)
		}
		if got := f.TXT("shop.test", name+".shop.test"); len(got) != 0 {
			t.Fatalf("%q not deleted: %q", v, got)
		}
	}
}

// libdns's conformance suite (libdnstest, libdns v1.2.0-alpha.1) against
// the provider and the fake. Its SetRecords case replaces a CNAME, which
// append-new-then-delete-old cannot do at Cloudflare (one CNAME per name,
// error 81053), so that case is replaced by TestSetRecordsContract; the
// fake does not model the structured data of CAA, SRV, HTTPS and SVCB.
func TestLibdnsConformance(t *testing.T) {
	f := cffake.Start(t)
	f.AddToken(token, cffake.ZoneRead|cffake.DNSEdit)
	f.AddZone("example.com")
	f.MaxPerPage = 3
	p, _ := open(t, f, nil)
	ts := libdnstest.NewTestSuite(p, "example.com.")
	ts.SkipRRTypes = map[string]bool{"CAA": true, "SRV": true, "HTTPS": true, "SVCB": true}
	if err := ts.AttemptZoneCleanup(); err != nil {
		t.Fatal(err)
	}
	t.Run("ListZones", ts.TestListZones)
	t.Run("GetRecords", ts.TestGetRecords)
	t.Run("AppendRecords", ts.TestAppendRecords)
	t.Run("DeleteRecords", ts.TestDeleteRecords)
}

// SetRecords contract for TXT (libdns.go: the input becomes the whole
// (name, type) RRset; other names and types are untouched).
func TestSetRecordsContract(t *testing.T) {
	f, p, _ := setup(t)
	ctx := context.Background()
	others := withoutApexTXT(f.Records("shop.test"))
	steps := [][]string{
		{verifier, newSPF},          // replace one of two
		{newSPF},                    // remove one
		{newSPF, "second", "third"}, // add two
		{"third"},                   // shrink to one other value
	}
	for _, want := range steps {
		var recs []libdns.Record
		for _, v := range want {
			recs = append(recs, txt("@", v, time.Hour))
		}
		if _, err := p.SetRecords(ctx, zone, recs); err != nil {
			t.Fatal(err)
		}
		rs, err := p.GetRRset(ctx, zone, "@", "TXT")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rs {
			got = append(got, r.RR().Data)
		}
		if !sameSet(got, want) {
			t.Fatalf("after SetRecords(%q): %q", want, got)
		}
		if !reflect.DeepEqual(others, withoutApexTXT(f.Records("shop.test"))) {
			t.Fatalf("other records changed")
		}
	}
	// Setting the same RRset again writes nothing.
	f.ResetCounts()
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", "third", time.Hour)}); err != nil || writes(f) != 0 {
		t.Fatalf("no-op set: %v, %d writes", err, writes(f))
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}
