package route53

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/r53fake"
	"github.com/spfpatch/spfpatch/providers"
)

// Issue 12 review, finding G: a TXT value someone adds between spfpatch's
// read and its write is kept, and the write is refused as drift (nothing
// written), for a change of the SPF record, a created record and a
// removed one. An UPSERT built from the read dropped the added value.
func TestConditionalWriteKeepsConcurrentValue(t *testing.T) {
	ctx := context.Background()
	added := `"added-by-someone-else=1"`
	for _, tc := range []struct {
		name   string
		target string // relative
		before []string
		write  func(p *Provider) error
	}{
		{"change", "@", []string{`"` + verifier + `"`, `"` + oldSPF + `"`}, func(p *Provider) error {
			_, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)})
			return err
		}},
		{"create", "new", nil, func(p *Provider) error {
			_, err := p.SetRecords(ctx, zone, []libdns.Record{txt("new", newSPF, time.Hour)})
			return err
		}},
		{"remove (the rollback of a create)", "gone", []string{`"` + newSPF + `"`}, func(p *Provider) error {
			_, err := p.DeleteRecords(ctx, zone, []libdns.Record{txt("gone", newSPF, 0)})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, id, p := setup(t)
			fq := absName(tc.target, zone)
			f.AddRRSet(id, r53fake.RRSet{Name: "new.shop.test", Type: "A", TTL: 300, Values: []string{"192.0.2.20"}})
			if tc.name != "change" && tc.before != nil {
				f.AddRRSet(id, r53fake.RRSet{Name: fq, Type: "TXT", TTL: 300, Values: tc.before})
			}
			// plan's re-read, just before the write.
			if _, err := p.NameRecords(ctx, zone, tc.target); err != nil {
				t.Fatal(err)
			}
			want := append(append([]string(nil), tc.before...), added)
			f.BeforeChange = func() {
				f.PutRRSet(id, r53fake.RRSet{Name: fq, Type: "TXT", TTL: 300, Values: want})
				f.BeforeChange = nil
			}
			err := tc.write(p)
			var nw *providers.NotWrittenError
			if !errors.As(err, &nw) || nw.NotWritten() != providers.CodeDrift || !strings.Contains(err.Error(), "changed after spfpatch read them") {
				t.Fatalf("got %v, want a refusal as drift", err)
			}
			if got := f.Values(id, fq, "TXT"); !sameValues(got, want) {
				t.Fatalf("%s holds %q, want %q (the value added meanwhile kept)", fq, got, want)
			}
		})
	}
	// In Japanese too.
	f, id, p := setup(t)
	p.api.p = i18n.Printer{Lang: i18n.JA}
	if _, err := p.NameRecords(ctx, zone, "@"); err != nil {
		t.Fatal(err)
	}
	f.BeforeChange = func() {
		f.PutRRSet(id, r53fake.RRSet{Name: zone, Type: "TXT", TTL: 3600, Values: []string{`"x"`}})
		f.BeforeChange = nil
	}
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", newSPF, time.Hour)}); err == nil || !strings.Contains(err.Error(), "読み込んだ後に") {
		t.Fatalf("ja: %v", err)
	}
}

// Without a change meanwhile the conditional write costs one request after
// the read (the read is the write's condition), keeps every other value
// byte for byte, and a second write of the same RRset sends nothing.
func TestConditionalWriteOneRequest(t *testing.T) {
	ctx := context.Background()
	f, id, p := setup(t)
	if _, err := p.NameRecords(ctx, zone, "@"); err != nil {
		t.Fatal(err)
	}
	n := len(f.Requests())
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	reqs := f.Requests()[n:]
	if len(reqs) != 1 || reqs[0].Op != "ChangeResourceRecordSets" {
		t.Fatalf("requests after the read: %+v", reqs)
	}
	if got := f.Values(id, zone, "TXT"); !reflect.DeepEqual(got, []string{`"` + verifier + `"`, `"` + newSPF + `"`}) {
		t.Fatalf("apex %q", got)
	}
	if _, err := p.NameRecords(ctx, zone, "@"); err != nil {
		t.Fatal(err)
	}
	before := f.Count("ChangeResourceRecordSets")
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil || f.Count("ChangeResourceRecordSets") != before {
		t.Fatalf("a write of what is there: %v, %d changes", err, f.Count("ChangeResourceRecordSets")-before)
	}
}

// plan.NameProber at Route 53: a name's records of every type (an alias
// as its target), whether names below it have records, and the most
// specific wildcard of any type covering it, each a ListResourceRecordSets
// of one name, however big the zone.
func TestNameProber(t *testing.T) {
	ctx := context.Background()
	f, id, p := setup(t)
	for i := 0; i < 1000; i++ {
		f.AddRRSet(id, r53fake.RRSet{Name: fmt.Sprintf("h%04d.shop.test", i), Type: "A", TTL: 300, Values: []string{"192.0.2.1"}})
	}
	for _, s := range []r53fake.RRSet{
		{Name: "alias.shop.test", Type: "CNAME", TTL: 300, Values: []string{"shop.test."}},
		{Name: "*.w.shop.test", Type: "A", TTL: 300, Values: []string{"192.0.2.9"}},
		{Name: "*.shop.test", Type: "MX", TTL: 300, Values: []string{"10 mx.shop.test."}},
		{Name: "a.ent.shop.test", Type: "A", TTL: 300, Values: []string{"192.0.2.8"}},
		{Name: "ent-b.shop.test", Type: "A", TTL: 300, Values: []string{"192.0.2.7"}}, // '-' sorts before '.': not below ent
	} {
		f.AddRRSet(id, s)
	}
	if _, err := p.NameRecords(ctx, zone, "@"); err != nil { // the zone lookup
		t.Fatal(err)
	}
	count := func(fn func()) int {
		n := f.Count("")
		fn()
		return f.Count("") - n
	}
	var recs []libdns.Record
	var err error
	if n := count(func() { recs, err = p.NameRecords(ctx, zone, "@") }); err != nil || n != 1 || len(recs) != 9 { // NS (4 values), SOA, TXT (2), A, MX
		t.Fatalf("apex: %d records, %v, %d requests", len(recs), err, n)
	}
	if recs, err = p.NameRecords(ctx, zone, "alias"); err != nil || len(recs) != 1 || recs[0].RR().Type != "CNAME" || recs[0].RR().Data != "shop.test." {
		t.Fatalf("alias: %+v %v", recs, err)
	}
	for name, want := range map[string]bool{"ent": true, "nothing": false, "h0001": false} {
		var below bool
		if n := count(func() { below, err = p.HasBelow(ctx, zone, name) }); err != nil || below != want || n != 1 {
			t.Errorf("HasBelow(%s) = %v, %v after %d requests", name, below, err, n)
		}
	}
	for name, want := range map[string]string{"x.w": "*.w", "x.y.w": "*.w", "nothing": "*", "a.b": "*"} {
		var w string
		if n := count(func() { w, err = p.WildcardFor(ctx, zone, name) }); err != nil || w != want || n > strings.Count(name, ".")+1 {
			t.Errorf("WildcardFor(%s) = %q, %v after %d requests", name, w, err, n)
		}
	}
}

func sameValues(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}
