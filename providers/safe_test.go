package providers_test

import (
	"context"
	"errors"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/providers"
)

const zone = "example.com."

func seeded() *dnstest.Store {
	s := dnstest.NewStore()
	s.Put(zone,
		libdns.RR{Name: "@", Type: "TXT", TTL: 300 * time.Second, Data: "v=spf1 ip4:192.0.2.1 -all"},
		libdns.RR{Name: "@", Type: "TXT", TTL: 300 * time.Second, Data: "google-site-verification=abc"},
		libdns.RR{Name: "@", Type: "MX", TTL: 300 * time.Second, Data: "10 mail.example.com."},
		libdns.RR{Name: "www", Type: "TXT", TTL: 300 * time.Second, Data: "v=spf1 -all"},
	)
	return s
}

func texts(s *dnstest.Store, name string) []string {
	var out []string
	for _, r := range s.Records(zone) {
		if r.Name == name && r.Type == "TXT" {
			out = append(out, r.Data)
		}
	}
	sort.Strings(out)
	return out
}

func want(ttl time.Duration, ts ...string) []libdns.Record {
	var out []libdns.Record
	for _, t := range ts {
		out = append(out, libdns.TXT{Name: "@", TTL: ttl, Text: t})
	}
	return out
}

const newSPF = "v=spf1 ip4:192.0.2.1 include:e-shopsmail2.com -all"

func TestSafeStrategies(t *testing.T) {
	for _, atomic := range []bool{true, false} {
		t.Run(map[bool]string{true: "atomic", false: "append-then-delete"}[atomic], func(t *testing.T) {
			s := seeded()
			var mu sync.Mutex
			var order []string
			s.SetHook(func(method, z string, recs []libdns.Record) error {
				mu.Lock()
				defer mu.Unlock()
				order = append(order, method)
				if method == dnstest.MethodDeleteRecords {
					// Never a moment without an SPF record: the new one is there already.
					found := false
					for _, r := range s.Records(zone) {
						found = found || r.Name == "@" && r.Data == newSPF
					}
					if !found {
						t.Error("deleting the old SPF record before the new one exists")
					}
				}
				return nil
			})
			safe := &providers.Safe{Name: "test", Inner: s, Caps: providers.Capabilities{AtomicReplace: atomic, LongTXT: true}}
			_, err := safe.SetRecords(context.Background(), zone, want(300*time.Second, newSPF, "google-site-verification=abc"))
			if err != nil {
				t.Fatal(err)
			}
			if got := texts(s, "@"); strings.Join(got, "|") != "google-site-verification=abc|"+newSPF {
				t.Fatalf("apex TXT now %q", got)
			}
			if got := texts(s, "www"); len(got) != 1 || got[0] != "v=spf1 -all" {
				t.Fatalf("other name touched: %q", got)
			}
			wantOrder := []string{dnstest.MethodSetRecords}
			if !atomic {
				wantOrder = []string{dnstest.MethodAppendRecords, dnstest.MethodDeleteRecords}
			}
			if strings.Join(order, ",") != strings.Join(wantOrder, ",") {
				t.Fatalf("calls %v, want %v", order, wantOrder)
			}
		})
	}
}

func TestSafeRefusesLongValueWhenUnsafe(t *testing.T) {
	s := seeded()
	safe := &providers.Safe{Name: "test", Inner: s, Caps: providers.Capabilities{AtomicReplace: true}}
	long := "v=spf1 " + strings.Repeat("ip4:192.0.2.1 ", 20) + "-all"
	s.ResetCalls()
	_, err := safe.SetRecords(context.Background(), zone, want(300*time.Second, long, "google-site-verification=abc"))
	if !errors.Is(err, providers.ErrUnsafe) || !strings.Contains(err.Error(), "bytes") {
		t.Fatalf("err %v", err)
	}
	if s.Calls(dnstest.MethodSetRecords)+s.Calls(dnstest.MethodAppendRecords)+s.Calls(dnstest.MethodDeleteRecords) != 0 {
		t.Fatal("wrote despite the refusal")
	}
}

// An unrelated long value already at the name does not block the change.
func TestSafeChecksOnlyNewValues(t *testing.T) {
	s := seeded()
	long := "verification=" + strings.Repeat("x", 300)
	s.Put(zone, libdns.RR{Name: "@", Type: "TXT", TTL: 300 * time.Second, Data: long})
	safe := &providers.Safe{Name: "test", Inner: s, Caps: providers.Capabilities{AtomicReplace: true},
		Check: func(text string) error {
			if strings.Contains(text, `\`) {
				return errors.New("backslash")
			}
			return nil
		}}
	if _, err := safe.SetRecords(context.Background(), zone, want(300*time.Second, newSPF, "google-site-verification=abc", long)); err != nil {
		t.Fatal(err)
	}
	if _, err := safe.SetRecords(context.Background(), zone, want(300*time.Second, `v=spf1 a:x\y.example -all`)); !errors.Is(err, providers.ErrUnsafe) {
		t.Fatalf("check hook not applied to a new value: %v", err)
	}
}

func fastRetries(t *testing.T) {
	t.Helper()
	old := providers.DeletePause
	providers.DeletePause = 10 * time.Millisecond
	t.Cleanup(func() { providers.DeletePause = old })
}

const oldSPF = "v=spf1 ip4:192.0.2.1 -all"

// A delete that fails once is retried: the change completes.
func TestSafeDeleteRetried(t *testing.T) {
	fastRetries(t)
	s := seeded()
	s.FailNext(dnstest.MethodDeleteRecords, errors.New("HTTP 500"))
	safe := &providers.Safe{Name: "test", Inner: s, Caps: providers.Capabilities{LongTXT: true}}
	if _, err := safe.SetRecords(context.Background(), zone, want(300*time.Second, newSPF, "google-site-verification=abc")); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(texts(s, "@"), "|"); got != "google-site-verification=abc|"+newSPF {
		t.Fatalf("apex now %q", got)
	}
	if n := s.Calls(dnstest.MethodDeleteRecords); n != 2 {
		t.Fatalf("%d deletes, want 2", n)
	}
}

// The old value cannot be deleted at all: the new one is deleted again, so
// the name holds exactly its old records (never two SPF records), and the
// error says so.
func TestSafeDeleteFailureRestoresOld(t *testing.T) {
	fastRetries(t)
	s := seeded()
	before := s.Records(zone)
	s.SetHook(func(method, z string, recs []libdns.Record) error {
		for _, r := range recs {
			if method == dnstest.MethodDeleteRecords && r.RR().Data == oldSPF {
				return errors.New("HTTP 500")
			}
		}
		return nil
	})
	safe := &providers.Safe{Name: "test", Inner: s, Caps: providers.Capabilities{LongTXT: true}}
	_, err := safe.SetRecords(context.Background(), zone, want(300*time.Second, newSPF, "google-site-verification=abc"))
	if err == nil || !strings.Contains(err.Error(), "removing the old one") || !strings.Contains(err.Error(), "the new value was removed again") ||
		!strings.Contains(err.Error(), "HTTP 500") {
		t.Fatalf("err %v", err)
	}
	if got := strings.Join(texts(s, "@"), "|"); got != "google-site-verification=abc|"+oldSPF {
		t.Fatalf("apex now %q, want the old state", got)
	}
	if after := s.Records(zone); !sameRRs(before, after) {
		t.Fatalf("zone changed:\n%v\n%v", before, after)
	}
	// 3 tries for the old value, then 1 for the new one.
	if n := s.Calls(dnstest.MethodDeleteRecords); n != providers.DeleteTries+1 {
		t.Fatalf("%d deletes", n)
	}
}

// Neither the old nor the new value can be deleted: the error names the
// exact value to delete by hand.
func TestSafeDeleteAndRollbackFail(t *testing.T) {
	fastRetries(t)
	s := seeded()
	s.SetHook(func(method, z string, recs []libdns.Record) error {
		if method == dnstest.MethodDeleteRecords {
			return errors.New("HTTP 500")
		}
		return nil
	})
	safe := &providers.Safe{Name: "test", Inner: s, Caps: providers.Capabilities{LongTXT: true}}
	_, err := safe.SetRecords(context.Background(), zone, want(300*time.Second, newSPF, "google-site-verification=abc"))
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, w := range []string{`delete the TXT record "` + oldSPF + `" at example.com by hand`, `or delete "` + newSPF + `"`, "now holds both"} {
		if !strings.Contains(msg, w) {
			t.Errorf("error lacks %q:\n%s", w, msg)
		}
	}
	if got := strings.Join(texts(s, "@"), "|"); got != "google-site-verification=abc|"+oldSPF+"|"+newSPF {
		t.Fatalf("apex now %q", got)
	}
}

func sameRRs(a, b []libdns.RR) bool {
	key := func(rs []libdns.RR) string {
		var k []string
		for _, r := range rs {
			k = append(k, r.Name+" "+r.Type+" "+r.TTL.String()+" "+r.Data)
		}
		sort.Strings(k)
		return strings.Join(k, "\n")
	}
	return key(a) == key(b)
}

// Reads are normalised and deletes get the adapter's own form back.
func TestSafeNormalisesReads(t *testing.T) {
	s := dnstest.NewStore()
	s.Put(zone, libdns.RR{Name: "@", Type: "TXT", TTL: time.Minute, Data: `"v=spf1 -all"`})
	safe := &providers.Safe{Name: "test", Inner: s, Caps: providers.Capabilities{},
		NormalizeTXT: func(v string) string { return strings.Trim(v, `"`) }}
	recs, err := safe.GetRRset(context.Background(), zone, "@", "TXT")
	if err != nil || len(recs) != 1 || recs[0].RR().Data != "v=spf1 -all" {
		t.Fatalf("%v %v", recs, err)
	}
	if _, err := safe.SetRecords(context.Background(), zone, want(time.Minute, "v=spf1 mx -all")); err != nil {
		t.Fatal(err)
	}
	if got := texts(s, "@"); len(got) != 1 || got[0] != "v=spf1 mx -all" {
		t.Fatalf("apex now %q (the quoted old value must have been deleted)", got)
	}
}
