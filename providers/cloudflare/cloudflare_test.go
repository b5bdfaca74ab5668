package cloudflare

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/libdns/libdns"
	"github.com/libdns/libdns/libdnstest"

	"github.com/spfpatch/spfpatch/internal/cffake"
	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/providers"
)

const (
	token    = "cf-test-token-7a1c3e5b"
	zone     = "shop.test."
	oldSPF   = "v=spf1 ip4:192.0.2.0/24 ~all"
	newSPF   = "v=spf1 ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"
	verifier = "google-site-verification=abc123"
)

func ptr[T any](v T) *T { return &v }

// setup starts a fake holding zone shop.test with an apex of two TXT
// records (a verification value and the SPF record, each with a comment
// and tags), an A and an MX record, and returns it with a provider talking
// to it whose retries do not sleep.
func setup(t *testing.T) (*cffake.Server, *Provider) {
	t.Helper()
	f := cffake.Start(t)
	f.AddToken(token, cffake.ZoneRead|cffake.DNSEdit)
	f.AddZone("shop.test")
	prio := uint16(10)
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "@", Content: `"` + verifier + `"`, TTL: 3600, Comment: ptr("search console"), Tags: []string{"owner:seo"}})
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "@", Content: `"` + oldSPF + `"`, TTL: 3600, Comment: ptr("mail senders"), Tags: []string{"owner:mail", "ticket:42"}})
	f.AddRecord("shop.test", cffake.Record{Type: "A", Name: "@", Content: "192.0.2.10", TTL: 1})
	f.AddRecord("shop.test", cffake.Record{Type: "MX", Name: "@", Content: "mx.shop.test", Priority: &prio, TTL: 300})
	return f, open(t, f, nil)
}

func open(t *testing.T, f *cffake.Server, extra map[string]string) *Provider {
	t.Helper()
	p, err := openErr(f, extra, i18n.Printer{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func openErr(f *cffake.Server, extra map[string]string, pr i18n.Printer, budgets *providers.Budgets) (*Provider, error) {
	settings := map[string]string{
		"CLOUDFLARE_API_TOKEN":        token,
		"SPFPATCH_CLOUDFLARE_API_URL": f.URL + "/client/v4",
		"SPFPATCH_CLOUDFLARE_RATE":    "1000",
		"cloudflare-lockout-wait":     "0",
	}
	for k, v := range extra {
		settings[k] = v
	}
	pp, err := New(providers.Env{Settings: settings, P: pr, Budgets: budgets})
	if err != nil {
		return nil, err
	}
	p := pp.(*Provider)
	p.api.backoff = func(int) time.Duration { return 0 }
	return p, nil
}

func txt(name, text string, ttl time.Duration) libdns.Record {
	return libdns.TXT{Name: name, TTL: ttl, Text: text}
}

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

func spfRecords(f *cffake.Server, zoneName, name string) []string {
	var out []string
	for _, c := range f.TXT(zoneName, name) {
		if strings.HasPrefix(strings.Trim(c, `"`), "v=spf1") {
			out = append(out, c)
		}
	}
	return out
}

func writes(f *cffake.Server) int {
	return f.Count("POST", "") + f.Count("PATCH", "") + f.Count("PUT", "") + f.Count("DELETE", "")
}

// Issue 12 point 2: the change is one PATCH of the SPF record by id; the
// record keeps its id, comment and tags, the verification record is the
// very same record, nothing else changes, and there is no POST or DELETE
// (so never a moment with two SPF records).
func TestEditInPlace(t *testing.T) {
	f, p := setup(t)
	ctx := context.Background()
	before := f.Records("shop.test")
	oldRec := *recordByContent(before, `"`+oldSPF+`"`)
	if _, err := p.GetRRset(ctx, zone, "@", "TXT"); err != nil {
		t.Fatal(err)
	}
	f.ResetCounts()
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	reqs := f.Requests()
	if len(reqs) != 1 || reqs[0].Method != "PATCH" || reqs[0].Route != "/client/v4/zones/:zone/dns_records/:id" || !strings.HasSuffix(reqs[0].Path, oldRec.ID) {
		t.Fatalf("requests %+v, want one PATCH of record %s", reqs, oldRec.ID)
	}
	after := f.Records("shop.test")
	newRec := recordByContent(after, `"`+newSPF+`"`)
	if newRec == nil || newRec.ID != oldRec.ID || *newRec.Comment != "mail senders" || !reflect.DeepEqual(newRec.Tags, oldRec.Tags) || newRec.TTL != 3600 {
		t.Fatalf("SPF record after the change: %+v (before %+v)", newRec, oldRec)
	}
	if b, a := recordByContent(before, `"`+verifier+`"`), recordByContent(after, `"`+verifier+`"`); !reflect.DeepEqual(b, a) {
		t.Errorf("verification record changed:\n%+v\n%+v", b, a)
	}
	if !reflect.DeepEqual(withoutApexTXT(before), withoutApexTXT(after)) {
		t.Error("other records changed")
	}
	if got := spfRecords(f, "shop.test", "shop.test"); len(got) != 1 {
		t.Fatalf("SPF records %q", got)
	}
}

// Several changes at one name go in one batch request (one transaction):
// adding two values and removing one is POST /dns_records/batch, once.
func TestBatch(t *testing.T) {
	f, p := setup(t)
	ctx := context.Background()
	f.ResetCounts()
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", newSPF, time.Hour), txt("@", "second", time.Hour), txt("@", "third", time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if n, w := f.Count("POST", "/client/v4/zones/:zone/dns_records/batch"), writes(f); n != 1 || w != 1 {
		t.Fatalf("%d batch requests, %d writes; want one batch", n, w)
	}
	got := f.TXT("shop.test", "shop.test")
	want := []string{`"` + newSPF + `"`, `"second"`, `"third"`}
	if !sameSet(got, want) {
		t.Fatalf("apex %q, want %q", got, want)
	}
	// The SPF value was patched into the SPF record, the verification
	// value into "second" or "third": ids kept where values changed.
	if len(spfRecords(f, "shop.test", "shop.test")) != 1 {
		t.Fatal("two SPF records")
	}
}

// Issue 12 point 3: one read of one name costs one request whatever the
// size of the zone (GET dns_records?type=TXT&name.exact=NAME), and the
// write right after it needs no read of its own.
func TestOneReadPerName(t *testing.T) {
	for _, size := range []int{10, 1000, 10000} {
		f, p := setup(t)
		for i := 0; i < size; i++ {
			f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: fmt.Sprintf("h%05d", i), Content: `"v=spf1 -all"`, TTL: 300})
		}
		ctx := context.Background()
		if _, err := p.GetRRset(ctx, zone, "@", "TXT"); err != nil { // zone lookup + read
			t.Fatal(err)
		}
		f.ResetCounts()
		rs, err := p.GetRRset(ctx, zone, "@", "TXT")
		if err != nil || len(rs) != 2 {
			t.Fatalf("%v %v", rs, err)
		}
		if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
			t.Fatal(err)
		}
		reqs := f.Requests()
		if len(reqs) != 2 || reqs[0].Method != "GET" || !strings.Contains(reqs[0].Query, "name.exact=shop.test") || !strings.Contains(reqs[0].Query, "type=TXT") || reqs[1].Method != "PATCH" {
			t.Fatalf("zone of %d records: requests %+v", size, reqs)
		}
	}
}

// A name is one page however many records it holds (per_page up to
// 5,000,000 in the reference; pages of 100 made a name of 150 TXT records
// two requests), and the snapshots kept for writes are bounded when names
// are read and never written.
func TestNameOnePageAndSnapshotsBounded(t *testing.T) {
	f, p := setup(t)
	for i := 0; i < 150; i++ {
		f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "many", Content: fmt.Sprintf(`"token-%03d"`, i), TTL: 300})
	}
	ctx := context.Background()
	if _, err := p.zone(ctx, zone); err != nil {
		t.Fatal(err)
	}
	f.ResetCounts()
	rs, err := p.GetRRset(ctx, zone, "many", "TXT")
	if err != nil || len(rs) != 150 || f.Count("GET", "") != 1 {
		t.Fatalf("%d records, %v, %d requests", len(rs), err, f.Count("GET", ""))
	}
	old := maxSnaps
	maxSnaps = 40
	t.Cleanup(func() { maxSnaps = old })
	for i := 0; i < 100; i++ {
		if _, err := p.GetRRset(ctx, zone, fmt.Sprintf("n%05d", i), "TXT"); err != nil {
			t.Fatal(err)
		}
	}
	p.mu.Lock()
	n := len(p.snaps)
	p.mu.Unlock()
	if n > maxSnaps {
		t.Fatalf("%d snapshots kept", n)
	}
}

// A zone id from the API that is not an identifier is refused before it is
// put in a path.
func TestZoneIDChecked(t *testing.T) {
	var other atomic.Int64
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/client/v4/zones" {
			other.Add(1)
		}
		_, _ = io.WriteString(w, `{"success":true,"errors":[],"result":[{"id":"../../accounts/x?a=b","name":"shop.test","status":"active","type":"full"}],"result_info":{"page":1,"per_page":50,"count":1,"total_count":1,"total_pages":1}}`)
	}))
	t.Cleanup(api.Close)
	pp, err := New(providers.Env{Settings: map[string]string{"CLOUDFLARE_API_TOKEN": token, "SPFPATCH_CLOUDFLARE_API_URL": api.URL + "/client/v4", "SPFPATCH_CLOUDFLARE_RATE": "1000"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = pp.(*Provider).GetRRset(context.Background(), zone, "@", "TXT")
	if !errors.Is(err, ErrZone) || !strings.Contains(err.Error(), "not an id") || other.Load() != 0 {
		t.Fatalf("got %v, %d requests to other paths", err, other.Load())
	}
}

// Issue 12 review, finding A: plan.NameProber at Cloudflare, each answer
// one request of the documented filters whatever the size of the zone: a
// name's records of every type (name.exact, no type), whether names below
// it have records (name.endswith=.NAME, per_page=1), the most specific
// wildcard of any type covering it (name.exact=*.PARENT, one a label, most
// specific first). An answer that ignored its filter is an error, not a
// guess.
func TestNameProber(t *testing.T) {
	f, p := setup(t)
	var fill []cffake.Record
	for i := 0; i < 5000; i++ {
		fill = append(fill, cffake.Record{Type: "A", Name: fmt.Sprintf("h%04d", i), Content: "192.0.2.1", TTL: 300})
	}
	fill = append(fill,
		cffake.Record{Type: "CNAME", Name: "alias", Content: "shop.test", TTL: 300},
		cffake.Record{Type: "A", Name: "*.w", Content: "192.0.2.9", TTL: 300},
		cffake.Record{Type: "MX", Name: "*", Content: "mx.shop.test", Priority: ptr(uint16(10)), TTL: 300},
		cffake.Record{Type: "A", Name: "a.ent", Content: "192.0.2.8", TTL: 300},
		cffake.Record{Type: "A", Name: "xent", Content: "192.0.2.7", TTL: 300}, // ends with "ent", not ".ent"
	)
	f.AddRecords("shop.test", fill)
	ctx := context.Background()
	if _, err := p.zone(ctx, zone); err != nil {
		t.Fatal(err)
	}
	last := func(n int) []string {
		reqs := f.Requests()
		var out []string
		for _, r := range reqs[len(reqs)-n:] {
			q, _ := url.QueryUnescape(r.Query)
			out = append(out, q)
		}
		return out
	}
	f.ResetCounts()
	recs, err := p.NameRecords(ctx, zone, "@")
	if err != nil || len(recs) != 4 || len(f.Requests()) != 1 || !strings.Contains(last(1)[0], "name.exact=shop.test") || strings.Contains(last(1)[0], "type=") {
		t.Fatalf("apex: %d records, %v, %q", len(recs), err, last(1))
	}
	if recs, err = p.NameRecords(ctx, zone, "alias"); err != nil || len(recs) != 1 || recs[0].RR().Type != "CNAME" {
		t.Fatalf("alias: %+v %v", recs, err)
	}
	for name, want := range map[string]bool{"ent": true, "nothing": false, "h0001": false} {
		f.ResetCounts()
		if below, err := p.HasBelow(ctx, zone, name); err != nil || below != want || len(f.Requests()) != 1 ||
			!strings.Contains(last(1)[0], "name.endswith=."+name+".shop.test") || !strings.Contains(last(1)[0], "per_page=1") {
			t.Errorf("HasBelow(%s) = %v, %v: %q", name, below, err, last(len(f.Requests())))
		}
	}
	for name, tc := range map[string]struct {
		want string
		reqs int
	}{"x.w": {"*.w", 1}, "x.y.w": {"*.w", 2}, "nothing": {"*", 1}, "a.b": {"*", 2}} {
		f.ResetCounts()
		if w, err := p.WildcardFor(ctx, zone, name); err != nil || w != tc.want || len(f.Requests()) != tc.reqs ||
			!strings.Contains(last(1)[0], "name.exact="+tc.want+".shop.test") {
			t.Errorf("WildcardFor(%s) = %q, %v after %q", name, w, err, last(len(f.Requests())))
		}
	}
	// An API that ignored the suffix filter.
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/client/v4/zones" {
			_, _ = io.WriteString(w, `{"success":true,"errors":[],"result":[{"id":"0123abcd","name":"shop.test","status":"active","type":"full"}],"result_info":{"page":1,"per_page":50,"count":1,"total_count":1,"total_pages":1}}`)
			return
		}
		_, _ = io.WriteString(w, `{"success":true,"errors":[],"result":[{"id":"r1","type":"A","name":"elsewhere.shop.test","content":"192.0.2.1","ttl":1}],"result_info":{"page":1,"per_page":1,"count":1,"total_count":9,"total_pages":9}}`)
	}))
	t.Cleanup(api.Close)
	pp, err := New(providers.Env{Settings: map[string]string{"CLOUDFLARE_API_TOKEN": token, "SPFPATCH_CLOUDFLARE_API_URL": api.URL + "/client/v4", "SPFPATCH_CLOUDFLARE_RATE": "1000"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pp.(*Provider).HasBelow(ctx, zone, "ent"); err == nil || !strings.Contains(err.Error(), "leaves out") {
		t.Fatalf("an answer that ignored its filter: %v", err)
	}
}

// Issue 12 point 5: a record removed by someone else between two pages of
// a read shifts Cloudflare's offset pages and would hide the SPF record;
// the change of total_count is seen and the name read again, so the write
// edits the SPF record instead of adding a second one.
func TestPagingChangeSeen(t *testing.T) {
	f, p := setup(t)
	ctx := context.Background()
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "@", Content: `"a-first"`, TTL: 3600})
	f.MaxPerPage = 2
	if _, err := p.zone(ctx, zone); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	f.AfterRequest = func(n int) {
		once.Do(func() {
			// Someone else deletes a record listed on the first page.
			for _, r := range f.Records("shop.test") {
				if r.Content == `"a-first"` {
					f.DeleteRecord("shop.test", r.ID)
				}
			}
		})
	}
	rs, err := p.GetRRset(ctx, zone, "@", "TXT")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, r := range rs {
		texts = append(texts, r.RR().Data)
	}
	if !sameSet(texts, []string{verifier, oldSPF}) {
		t.Fatalf("read %q, want the verification and SPF values", texts)
	}
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if got := spfRecords(f, "shop.test", "shop.test"); len(got) != 1 || got[0] != `"`+newSPF+`"` {
		t.Fatalf("SPF records %q", got)
	}
}

// A name's read whose pages keep changing is an error, not a partial list.
func TestPagingKeepsChanging(t *testing.T) {
	f, p := setup(t)
	ctx := context.Background()
	f.MaxPerPage = 1
	if _, err := p.zone(ctx, zone); err != nil {
		t.Fatal(err)
	}
	n := 0
	f.AfterRequest = func(int) {
		n++
		f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "@", Content: fmt.Sprintf(`"x%d"`, n), TTL: 3600})
	}
	if _, err := p.GetRRset(ctx, zone, "@", "TXT"); err == nil || !strings.Contains(err.Error(), "kept changing") {
		t.Fatalf("got %v", err)
	}
}

// Issue 12 point 1, at the provider: a 502 after the PATCH landed, a cut
// connection before or after it, a lockout: the name ends with exactly one
// SPF record, the new one when the write was made (read back), else the
// old one, and SetRecords says which.
func TestWriteFaults(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fault   cffake.Fault
		wantNew bool
		wantErr bool
	}{
		{"502 after the write landed", cffake.Fault{Method: "PATCH", Mode: cffake.AfterApply, Status: 502, Body: "<html>bad gateway</html>"}, true, false},
		{"502 before", cffake.Fault{Method: "PATCH", Status: 502, Body: "<html>bad gateway</html>"}, true, false},
		{"cut before", cffake.Fault{Method: "PATCH", Mode: cffake.Cut}, true, false},
		{"cut after", cffake.Fault{Method: "PATCH", Mode: cffake.CutAfterApply}, true, false},
		{"lockout", cffake.Fault{Method: "PATCH", Mode: cffake.Lockout}, false, true},
		{"502 every time", cffake.Fault{Method: "PATCH", Status: 502, Times: -1}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, p := setup(t)
			ctx := context.Background()
			if _, err := p.GetRRset(ctx, zone, "@", "TXT"); err != nil {
				t.Fatal(err)
			}
			f.Fail(tc.fault)
			_, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)})
			if (err != nil) != tc.wantErr {
				t.Fatalf("SetRecords: %v", err)
			}
			want := `"` + oldSPF + `"`
			if tc.wantNew {
				want = `"` + newSPF + `"`
			}
			if got := spfRecords(f, "shop.test", "shop.test"); len(got) != 1 || got[0] != want {
				t.Fatalf("SPF records %q, want only %s", got, want)
			}
			if n := f.Count("PATCH", ""); n > WriteAttempts {
				t.Fatalf("%d PATCH requests", n)
			}
		})
	}
}

// Fault injection at every request of a write that goes as one batch (the
// SPF record patched, another value removed, one added: no flow of plan
// makes one, since only the SPF string changes, but SetRecords does): a
// 502 after the batch was applied, a 429 lockout, a connection cut before
// or after: the name ends with exactly one SPF record, and its TXT records
// are either all as before or all as asked (one transaction), every other
// record untouched.
func TestBatchFaults(t *testing.T) {
	kinds := []struct {
		name  string
		fault cffake.Fault
	}{
		{"502 after the request was handled", cffake.Fault{Mode: cffake.AfterApply, Status: 502, Body: "<html>bad gateway</html>"}},
		{"429 lockout", cffake.Fault{Mode: cffake.Lockout}},
		{"cut before handling", cffake.Fault{Mode: cffake.Cut}},
		{"cut after handling", cffake.Fault{Mode: cffake.CutAfterApply}},
	}
	want := []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour), txt("@", "added", time.Hour)}
	wantTXT := []string{`"` + verifier + `"`, `"` + newSPF + `"`, `"added"`}
	prepare := func(t *testing.T) (*cffake.Server, *Provider) {
		f, p := setup(t)
		f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "@", Content: `"goes-away"`, TTL: 3600})
		f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "also-goes", Content: `"x"`, TTL: 3600})
		return f, p
	}
	// The requests of a clean write: read, batch.
	f, p := prepare(t)
	ctx := context.Background()
	if _, err := p.zone(ctx, zone); err != nil {
		t.Fatal(err)
	}
	f.ResetCounts()
	if _, err := p.SetRecords(ctx, zone, want); err != nil {
		t.Fatal(err)
	}
	n := len(f.Requests())
	if f.Count("POST", "/client/v4/zones/:zone/dns_records/batch") != 1 || n != 2 {
		t.Fatalf("a clean write: %+v", f.Requests())
	}
	for _, k := range kinds {
		for at := 1; at <= n; at++ {
			f, p := prepare(t)
			if _, err := p.zone(ctx, zone); err != nil {
				t.Fatal(err)
			}
			before := f.TXT("shop.test", "shop.test")
			others := withoutApexTXT(f.Records("shop.test"))
			f.ResetCounts()
			fault := k.fault
			fault.At = at
			f.Fail(fault)
			_, err := p.SetRecords(ctx, zone, want)
			got := f.TXT("shop.test", "shop.test")
			if spf := spfRecords(f, "shop.test", "shop.test"); len(spf) != 1 {
				t.Fatalf("%s at request %d: SPF records %q", k.name, at, spf)
			}
			if !sameSet(got, before) && !sameSet(got, wantTXT) {
				t.Fatalf("%s at request %d: apex TXT %q is neither as before nor as asked", k.name, at, got)
			}
			if sameSet(got, before) == (err == nil) {
				t.Fatalf("%s at request %d: apex %q, error %v", k.name, at, got, err)
			}
			if !reflect.DeepEqual(withoutApexTXT(f.Records("shop.test")), others) {
				t.Fatalf("%s at request %d: other records changed", k.name, at)
			}
		}
	}
}

// Issue 12 point 4: one budget per token for the whole run (every profile
// that uses the token), never more than 1,200 requests in any 300 s, and a
// 429 is a lockout: nothing is sent until it ends.
func TestSharedBudget(t *testing.T) {
	f, _ := setup(t)
	bs := providers.NewBudgets()
	a, err := openErr(f, nil, i18n.Printer{}, bs)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := openErr(f, map[string]string{"cloudflare-zone-id": ""}, i18n.Printer{}, bs)
	c, _ := openErr(f, map[string]string{"CLOUDFLARE_API_TOKEN": "other-token"}, i18n.Printer{}, bs)
	if a.Budget() != b.Budget() || a.Budget() == c.Budget() || bs.Len() != 2 {
		t.Fatalf("budgets: a %p b %p c %p, %d in all", a.Budget(), b.Budget(), c.Budget(), bs.Len())
	}
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		_, _ = a.GetRRset(ctx, zone, "@", "TXT")
		_, _ = b.GetRRset(ctx, zone, "@", "TXT")
	}
	if got, want := a.Budget().Sent(), len(f.Requests()); got != want {
		t.Fatalf("the shared budget counted %d requests, the fake got %d", got, want)
	}
}

// Issue 12 review, finding B: a write answered 429 was not made. With the
// default wait of 6 minutes, the write waits for the lockout to end, but
// Ctrl-C (the run's interrupt) ends that wait at once although the write
// runs under context.WithoutCancel: nothing more is sent, the name is not
// changed, and the error says so (providers.NotWrittenError).
func TestLockoutWaitInterrupted(t *testing.T) {
	f, _ := setup(t)
	stop := make(chan struct{})
	pp, err := New(providers.Env{Interrupt: stop, Settings: map[string]string{
		"CLOUDFLARE_API_TOKEN": token, "SPFPATCH_CLOUDFLARE_API_URL": f.URL + "/client/v4", "SPFPATCH_CLOUDFLARE_RATE": "1000",
	}})
	if err != nil {
		t.Fatal(err)
	}
	p := pp.(*Provider)
	if p.Budget().MaxWait != DefaultLockoutWait {
		t.Fatalf("wait %v", p.Budget().MaxWait)
	}
	ctx := context.WithoutCancel(context.Background())
	if _, err := p.GetRRset(ctx, zone, "@", "TXT"); err != nil {
		t.Fatal(err)
	}
	f.Fail(cffake.Fault{Method: "PATCH", Mode: cffake.Lockout})
	f.ResetCounts()
	time.AfterFunc(200*time.Millisecond, func() { close(stop) })
	done := make(chan error, 1)
	go func() {
		_, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)})
		done <- err
	}()
	select {
	case err := <-done:
		var nw *providers.NotWrittenError
		var le *providers.LockoutError
		if !errors.As(err, &nw) || !errors.As(err, &le) || nw.NotWritten() != providers.CodeProvider {
			t.Fatalf("got %v, want the lockout as not written", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the write still waits for the lockout after Ctrl-C")
	}
	if got := spfRecords(f, "shop.test", "shop.test"); len(got) != 1 || got[0] != `"`+oldSPF+`"` || len(f.Requests()) != 1 {
		t.Fatalf("SPF records %q after %d requests", got, len(f.Requests()))
	}
}

func TestLockout(t *testing.T) {
	f, p := setup(t)
	ctx := context.Background()
	if _, err := p.GetRRset(ctx, zone, "@", "TXT"); err != nil {
		t.Fatal(err)
	}
	f.Fail(cffake.Fault{Method: "PATCH", Mode: cffake.Lockout})
	f.ResetCounts()
	_, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)})
	var le *providers.LockoutError
	if !errors.As(err, &le) || le.Until.Sub(time.Now()) < 4*time.Minute {
		t.Fatalf("got %v, want a lockout of about five minutes", err)
	}
	if n := len(f.Requests()); n != 1 {
		t.Fatalf("%d requests, want the one PATCH: no read while locked out", n)
	}
	// Nothing at all is sent while locked out: reads fail at once.
	if _, err := p.GetRRset(ctx, zone, "@", "TXT"); !errors.As(err, &le) {
		t.Fatalf("read while locked out: %v", err)
	}
	if n := len(f.Requests()); n != 1 {
		t.Fatalf("%d requests after the lockout", n)
	}
	if got := spfRecords(f, "shop.test", "shop.test"); len(got) != 1 || got[0] != `"`+oldSPF+`"` {
		t.Fatalf("SPF %q", got)
	}
}

// With a lockout shorter than --cloudflare-lockout-wait the run waits,
// says why and until when (once), and then writes.
func TestLockoutWait(t *testing.T) {
	f, _ := setup(t)
	f.LockoutFor = 1500 * time.Millisecond
	var notes []string
	var mu sync.Mutex
	pp, err := New(providers.Env{Settings: map[string]string{
		"CLOUDFLARE_API_TOKEN": token, "SPFPATCH_CLOUDFLARE_API_URL": f.URL + "/client/v4", "SPFPATCH_CLOUDFLARE_RATE": "1000",
		"cloudflare-lockout-wait": "10s",
	}, Notify: func(s string) { mu.Lock(); notes = append(notes, s); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	p := pp.(*Provider)
	ctx := context.Background()
	if _, err := p.GetRRset(ctx, zone, "@", "TXT"); err != nil {
		t.Fatal(err)
	}
	f.Fail(cffake.Fault{Method: "PATCH", Mode: cffake.Lockout})
	start := time.Now()
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < time.Second {
		t.Fatalf("wrote after %v: did not wait for the lockout", d)
	}
	if got := spfRecords(f, "shop.test", "shop.test"); len(got) != 1 || got[0] != `"`+newSPF+`"` {
		t.Fatalf("SPF %q", got)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "HTTP 429") || !strings.Contains(notes[0], "Waiting") || !strings.Contains(notes[0], "--cloudflare-lockout-wait") {
		t.Fatalf("notes %q", notes)
	}
}

// Issue 12 point 6: zones are looked up once per run; two zones of one
// name and zones that are not active are refused with what to do;
// --cloudflare-zone-id picks one; the zone list is read once.
func TestZones(t *testing.T) {
	f := cffake.Start(t)
	f.AddToken(token, cffake.ZoneRead|cffake.DNSEdit)
	f.AddZoneWith(cffake.Zone{Name: "twice.test", AccountID: "acc-a", AccountName: "Agency A"})
	second := f.AddZoneWith(cffake.Zone{Name: "twice.test", AccountID: "acc-b", AccountName: "Agency B"})
	f.AddZoneWith(cffake.Zone{Name: "pending.test", Status: "pending"})
	f.AddZoneWith(cffake.Zone{Name: "moved.test", Status: "moved"})
	f.AddZoneWith(cffake.Zone{Name: "partial.test", Type: "partial"})
	f.AddZoneWith(cffake.Zone{Name: "secondary.test", Type: "secondary"})
	f.AddZone("shop.test")
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "www", Content: `"` + oldSPF + `"`})
	p := open(t, f, nil)
	ctx := context.Background()
	for name, want := range map[string][]string{
		"twice.test.":     {"2 Cloudflare zones are named twice.test", "Agency A", "Agency B", second, "--cloudflare-zone-id"},
		"pending.test.":   {"is pending", "name servers"},
		"moved.test.":     {"is moved"},
		"partial.test.":   {"partial (CNAME) setup", "another provider"},
		"secondary.test.": {"secondary zone", "primary"},
		"absent.test.":    {"no Cloudflare zone named absent.test is visible", "Zone:Read"},
	} {
		_, err := p.GetRRset(ctx, name, "@", "TXT")
		if !errors.Is(err, ErrZone) {
			t.Fatalf("%s: %v", name, err)
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q lacks %q", name, err, w)
			}
		}
	}
	// Looked up once per run, refusals included.
	f.ResetCounts()
	_, _ = p.GetRRset(ctx, "twice.test.", "@", "TXT")
	_, _ = p.GetRRset(ctx, zone, "@", "TXT")
	_, _ = p.GetRRset(ctx, zone, "www", "TXT")
	if n := f.Count("GET", "/client/v4/zones"); n != 1 {
		t.Fatalf("%d zone lookups for one new zone", n)
	}
	// The zone id setting picks one of two and is checked against the name.
	pz := open(t, f, map[string]string{"cloudflare-zone-id": second})
	f.ResetCounts()
	if _, err := pz.GetRRset(ctx, "twice.test.", "@", "TXT"); err != nil {
		t.Fatal(err)
	}
	if _, err := pz.GetRRset(ctx, "twice.test.", "www", "TXT"); err != nil {
		t.Fatal(err)
	}
	if n := f.Count("GET", "/client/v4/zones/:zone"); n != 1 {
		t.Fatalf("%d zone-id lookups", n)
	}
	if _, err := pz.GetRRset(ctx, zone, "@", "TXT"); err == nil || !strings.Contains(err.Error(), "is the zone twice.test, not shop.test") {
		t.Fatalf("zone id of another zone: %v", err)
	}
	if _, err := openErr(f, map[string]string{"cloudflare-zone-id": "../x"}, i18n.Printer{}, nil); err == nil {
		t.Fatal("a zone id with a path accepted")
	}
	// The zone list is read once, all pages, and then serves the lookups.
	pl := open(t, f, nil)
	f.ResetCounts()
	for i := 0; i < 3; i++ {
		zs, err := pl.ListZones(ctx)
		if err != nil || len(zs) != 6 {
			t.Fatalf("%v %v", zs, err)
		}
	}
	if _, err := pl.GetRRset(ctx, zone, "www", "TXT"); err != nil {
		t.Fatal(err)
	}
	if n := f.Count("GET", "/client/v4/zones"); n != 1 {
		t.Fatalf("%d zone list requests", n)
	}
}

// Issue 12 point 7: a record Cloudflare locks (Email Routing's SPF record,
// meta.read_only; or the older locked flag) is refused before anything is
// sent, with what to do.
func TestLockedRecord(t *testing.T) {
	for _, mark := range []cffake.Record{{Meta: cffake.Meta{ReadOnly: true, EmailRouting: true, AutoAdded: true}}, {Locked: true}} {
		f := cffake.Start(t)
		f.AddToken(token, cffake.ZoneRead|cffake.DNSEdit)
		f.AddZone("shop.test")
		r := mark
		r.Type, r.Name, r.Content, r.TTL = "TXT", "@", `"v=spf1 include:_spf.mx.cloudflare.net ~all"`, 1
		f.AddRecord("shop.test", r)
		p := open(t, f, nil)
		ctx := context.Background()
		f.ResetCounts()
		_, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", "v=spf1 include:_spf.mx.cloudflare.net include:e-shopsmail2.com ~all", time.Second)})
		if !errors.Is(err, ErrLocked) || !errors.Is(err, providers.ErrUnsafe) || !strings.Contains(err.Error(), "Email Routing") || !strings.Contains(err.Error(), "unlock") {
			t.Fatalf("got %v", err)
		}
		if writes(f) != 0 {
			t.Fatal("a write was sent")
		}
		ja, _ := openErr(f, nil, i18n.Printer{Lang: i18n.JA}, nil)
		if _, err := ja.SetRecords(ctx, zone, []libdns.Record{txt("@", "v=spf1 -all", time.Second)}); err == nil || !strings.Contains(err.Error(), "ロック") {
			t.Fatalf("ja: %v", err)
		}
	}
}

// Texts from outside are bounded at a rune boundary: a Japanese API
// message or locked record cut to its bound shows no broken UTF-8 (which
// would print as \x escapes).
func TestMessagesCutAtRuneBoundary(t *testing.T) {
	long := strings.Repeat("日本語のメッセージ", 40)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		_, _ = fmt.Fprintf(w, `{"success":false,"errors":[{"code":1004,"message":%q}]}`, long)
	}))
	t.Cleanup(api.Close)
	pp, err := New(providers.Env{Settings: map[string]string{"CLOUDFLARE_API_TOKEN": token, "SPFPATCH_CLOUDFLARE_API_URL": api.URL + "/client/v4", "SPFPATCH_CLOUDFLARE_RATE": "1000"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = pp.(*Provider).ListZones(context.Background())
	if err == nil || !strings.Contains(err.Error(), "日本語") || strings.Contains(err.Error(), `\x`) || !utf8.ValidString(err.Error()) {
		t.Fatalf("API message: %q", err)
	}
	f := cffake.Start(t)
	f.AddToken(token, cffake.ZoneRead|cffake.DNSEdit)
	f.AddZone("shop.test")
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "@", Content: `"v=spf1 ` + strings.Repeat("あ", 80) + ` ~all"`, TTL: 1, Meta: cffake.Meta{ReadOnly: true}})
	_, err = open(t, f, nil).SetRecords(context.Background(), zone, []libdns.Record{txt("@", newSPF, time.Hour)})
	if !errors.Is(err, ErrLocked) || strings.Contains(err.Error(), `\x`) || !utf8.ValidString(err.Error()) {
		t.Fatalf("locked record: %q", err)
	}
}

// Issue 12 point 8: every authorisation failure names what is missing:
// the token's form, a token Cloudflare does not accept, Zone:Read for the
// zone lookup, DNS:Edit for writes, and the zone the token's Zone
// Resources must include; in English and Japanese. The token never
// appears.
func TestAuthErrors(t *testing.T) {
	f := cffake.Start(t)
	f.AddZone("shop.test")
	f.AddZone("other.test")
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "@", Content: `"` + oldSPF + `"`, TTL: 300})
	f.AddScopedToken("read-only-dns", cffake.Token{Perms: cffake.ZoneRead | cffake.DNSRead})
	f.AddScopedToken("no-zone-read", cffake.Token{Perms: cffake.DNSEdit})
	f.AddScopedToken("other-zone-only", cffake.Token{Perms: cffake.ZoneRead | cffake.DNSEdit, Zones: []string{"other.test"}})
	shopID := ""
	for _, r := range f.Records("shop.test") {
		shopID = r.ZoneID
	}
	ctx := context.Background()
	for _, tc := range []struct {
		token, zoneID string
		write         bool
		en, ja        []string
		status        string
	}{
		{token: "has space", en: []string{"malformed", "HTTP 400", "6003", "6111", "not the Global API Key"}, ja: []string{"形式が正しくない"}},
		{token: "unknown-token", en: []string{"does not accept CLOUDFLARE_API_TOKEN", "HTTP 403", "9109"}, ja: []string{"受け付けません"}},
		{token: "no-zone-read", en: []string{"may not look up the zone shop.test", "Zone:Read", "Zone Resources must include shop.test"}, ja: []string{"Zone:Read", "ゾーンリソース"}},
		{token: "no-zone-read", zoneID: shopID, write: true, en: []string{"may not look up the zone shop.test", "Zone:Read"}, ja: []string{"Zone:Read"}},
		{token: "read-only-dns", write: true, en: []string{"may not change the DNS records of zone shop.test", "DNS:Edit", "HTTP 403", "10000", "Zone Resources must include shop.test"}, ja: []string{"DNS:Edit", "変更できません"}},
		{token: "other-zone-only", en: []string{"no Cloudflare zone named shop.test is visible", "Zone Resources must include shop.test"}, ja: []string{"ゾーンリソース"}},
		{token: "other-zone-only", zoneID: shopID, en: []string{"may not look up the zone shop.test", "Zone Resources must include shop.test"}, ja: []string{"ゾーンリソース"}},
	} {
		for lang, wants := range map[i18n.Lang][]string{i18n.EN: tc.en, i18n.JA: tc.ja} {
			extra := map[string]string{"CLOUDFLARE_API_TOKEN": tc.token, "cloudflare-zone-id": tc.zoneID}
			p, err := openErr(f, extra, i18n.Printer{Lang: lang}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.write {
				_, err = p.SetRecords(ctx, zone, []libdns.Record{txt("@", newSPF, time.Hour)})
			} else {
				_, err = p.GetRRset(ctx, zone, "@", "TXT")
			}
			if err == nil {
				t.Fatalf("%s: no error", tc.token)
			}
			for _, w := range wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%s (%s, write %v): %q lacks %q", tc.token, lang, tc.write, err, w)
				}
			}
			if strings.Contains(err.Error(), tc.token) && tc.token != "has space" {
				t.Errorf("the token appears: %q", err)
			}
		}
	}
}

// TXT values of any length: written as strings of at most 255 bytes split
// between SPF terms (several quoted strings, which Cloudflare keeps), read
// back joined; escapes round-trip; values Cloudflare stored with several
// strings are read joined and kept untouched when the SPF value changes.
func TestTXTValues(t *testing.T) {
	f, p := setup(t)
	ctx := context.Background()
	var terms []string
	for i := range 30 {
		terms = append(terms, fmt.Sprintf("ip4:198.51.100.%d", i+1))
	}
	long := "v=spf1 " + strings.Join(terms, " ") + " ~all"
	if len(long) < 400 {
		t.Fatalf("%d bytes", len(long))
	}
	f.AddRecord("shop.test", cffake.Record{Type: "TXT", Name: "multi", Content: `"verif=" "abc123"`, TTL: 300})
	for i, v := range []string{long, `say "hi" there`, `back\slash`, "日本語の確認コード", `a" "b`, strings.Repeat("y", 255)} {
		name := fmt.Sprintf("rt%d", i)
		if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt(name, v, time.Hour)}); err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		rs, err := p.GetRRset(ctx, zone, name, "TXT")
		if err != nil || len(rs) != 1 || rs[0].RR().Data != v {
			t.Fatalf("%q read back as %v %v", v, rs, err)
		}
		if _, err := p.DeleteRecords(ctx, zone, rs); err != nil {
			t.Fatalf("%q: delete: %v", v, err)
		}
		if got := f.TXT("shop.test", name+".shop.test"); len(got) != 0 {
			t.Fatalf("%q not deleted: %q", v, got)
		}
	}
	stored := f.TXT("shop.test", "multi.shop.test")
	rs, err := p.GetRRset(ctx, zone, "multi", "TXT")
	if err != nil || len(rs) != 1 || rs[0].RR().Data != "verif=abc123" {
		t.Fatalf("%v %v", rs, err)
	}
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("multi", "verif=abc123", 300*time.Second), txt("multi", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if got := f.TXT("shop.test", "multi.shop.test"); !sameSet(got, append(stored, `"`+newSPF+`"`)) {
		t.Fatalf("multi: %q", got)
	}
	// A long SPF value is split between terms, every string within 255 bytes.
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("long", long, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	c := f.TXT("shop.test", "long.shop.test")[0]
	strs, err := cffake.ParseStrings(c)
	if err != nil || len(strs) < 2 {
		t.Fatalf("%q %v", c, err)
	}
	for _, s := range strs[:len(strs)-1] {
		if len(s) > 255 || !strings.HasSuffix(string(s), " ") && !strings.HasPrefix(string(strs[1]), " ") {
			t.Fatalf("not split between terms: %q", c)
		}
	}
}

// Issue 11 item 4: the client sends the token only to the API: a redirect
// is not followed (the other server never sees the token), answers are
// bounded in size, and a silent endpoint cannot hold a request past the
// request timeout; plain http only to loopback.
func TestClientBounds(t *testing.T) {
	var leaked atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked.Add(1)
		}
		w.WriteHeader(200)
	}))
	t.Cleanup(other.Close)
	var mode, silentHits atomic.Int64
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch mode.Load() {
		case 0: // redirect
			http.Redirect(w, r, other.URL+"/client/v4/zones", http.StatusTemporaryRedirect)
		case 1: // endless body
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"success":true,"result":[`)
			for i := 0; i < 1<<20; i++ {
				if _, err := io.WriteString(w, `{"id":"x","name":"shop.test","status":"active"},`); err != nil {
					return
				}
			}
		case 2: // silent
			silentHits.Add(1)
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		}
	}))
	t.Cleanup(api.Close)
	pp, err := New(providers.Env{Settings: map[string]string{
		"CLOUDFLARE_API_TOKEN": token, "SPFPATCH_CLOUDFLARE_API_URL": api.URL + "/client/v4", "SPFPATCH_CLOUDFLARE_RATE": "1000", "cloudflare-lockout-wait": "0",
	}})
	if err != nil {
		t.Fatal(err)
	}
	p := pp.(*Provider)
	p.api.backoff = func(int) time.Duration { return 0 }
	ctx := context.Background()
	_, err = p.ListZones(ctx)
	if err == nil || !strings.Contains(err.Error(), "not followed") || leaked.Load() != 0 {
		t.Fatalf("redirect: %v, %d requests with the token reached the other server", err, leaked.Load())
	}
	mode.Store(1)
	p.listed = nil
	p.api.http.MaxBody = 1 << 20
	if _, err := p.ListZones(ctx); err == nil || !strings.Contains(err.Error(), "over 1 MB") {
		t.Fatalf("endless body: %v", err)
	}
	mode.Store(2)
	p.api.timeout = 200 * time.Millisecond
	start := time.Now()
	if _, err := p.ListZones(ctx); err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("silent endpoint: %v", err)
	}
	if d := time.Since(start); d > time.Second || silentHits.Load() != 1 {
		t.Fatalf("a silent endpoint held the run %v over %d requests (one request, one timeout)", d, silentHits.Load())
	}
	for _, u := range []string{"http://192.0.2.1/client/v4", "http://api.example/client/v4", "ftp://127.0.0.1/", "https://user:pw@api.example/"} {
		if _, err := New(providers.Env{Settings: map[string]string{"CLOUDFLARE_API_TOKEN": token, "SPFPATCH_CLOUDFLARE_API_URL": u}}); err == nil || strings.Contains(err.Error(), "pw@") {
			t.Errorf("%s: %v", u, err)
		}
	}
	// The real client never follows redirects.
	if newHTTPClient(i18n.Printer{}).FollowsRedirects() {
		t.Fatal("redirects followed")
	}
}

// An API message that echoes the token is shown without it, even when the
// message is cut to its bound (the token is scrubbed first).
func TestTokenScrubbed(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		msg := strings.Repeat("x", 190) + " bad token " + strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		_, _ = fmt.Fprintf(w, `{"success":false,"errors":[{"code":1004,"message":%q}]}`, msg)
	}))
	t.Cleanup(api.Close)
	pp, err := New(providers.Env{Settings: map[string]string{"CLOUDFLARE_API_TOKEN": token, "SPFPATCH_CLOUDFLARE_API_URL": api.URL, "SPFPATCH_CLOUDFLARE_RATE": "1000"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = pp.(*Provider).ListZones(context.Background())
	if err == nil || strings.Contains(err.Error(), token[:10]) {
		t.Fatalf("%v", err)
	}
}

// libdns's conformance suite (libdnstest, libdns v1.2.0-alpha.1) against
// the provider and the fake; the fake does not model the structured data
// of CAA, SRV, HTTPS and SVCB.
func TestLibdnsConformance(t *testing.T) {
	f := cffake.Start(t)
	f.AddToken(token, cffake.ZoneRead|cffake.DNSEdit)
	f.AddZone("example.com")
	f.MaxPerPage = 3
	p := open(t, f, nil)
	ts := libdnstest.NewTestSuite(p, "example.com.")
	ts.SkipRRTypes = map[string]bool{"CAA": true, "SRV": true, "HTTPS": true, "SVCB": true}
	if err := ts.AttemptZoneCleanup(); err != nil {
		t.Fatal(err)
	}
	t.Run("ListZones", ts.TestListZones)
	t.Run("GetRecords", ts.TestGetRecords)
	t.Run("AppendRecords", ts.TestAppendRecords)
	t.Run("SetRecords", ts.TestSetRecords)
	t.Run("DeleteRecords", ts.TestDeleteRecords)
}

// SetRecords contract for TXT (libdns.go: the input becomes the whole
// (name, type) RRset; other names and types are untouched).
func TestSetRecordsContract(t *testing.T) {
	f, p := setup(t)
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
