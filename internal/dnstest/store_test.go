package dnstest

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/libdns/libdns"
	"github.com/libdns/libdns/libdnstest"
)

const hour = time.Hour

// seed is a zone like examples/zones/shop.example.zone.
func seed() *Store {
	s := NewStore()
	s.Put("shop.example.",
		libdns.RR{Name: "@", TTL: hour, Type: "A", Data: "192.0.2.10"},
		libdns.RR{Name: "@", TTL: hour, Type: "TXT", Data: "v=spf1 +ip4:192.0.2.0/24 ~all"},
		libdns.RR{Name: "@", TTL: hour, Type: "TXT", Data: "google-site-verification=abc"},
		libdns.RR{Name: "@", TTL: hour, Type: "MX", Data: "10 mail.shop.example."},
		libdns.RR{Name: "www", TTL: hour, Type: "CNAME", Data: "shop.example."},
		libdns.RR{Name: "_dmarc", TTL: hour, Type: "TXT", Data: "v=DMARC1; p=none"},
	)
	return s
}

func TestStoreConformance(t *testing.T) {
	s := NewStore()
	s.Put("example.com.")
	libdnstest.NewTestSuite(s, "example.com.").RunTests(t)
}

// TestStoreSetRecords checks SetRecords against the libdns contract: the
// input is the whole RRset of each (name, type) in it, nothing else moves.
func TestStoreSetRecords(t *testing.T) {
	spf := libdns.TXT{Name: "@", TTL: hour, Text: "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"}
	verif := libdns.TXT{Name: "@", TTL: hour, Text: "google-site-verification=abc"}
	tests := []struct {
		name string
		in   []libdns.Record
		want []libdns.RR
	}{
		{
			name: "one string of the apex TXT RRset changed",
			in:   []libdns.Record{spf, verif},
			want: []libdns.RR{
				{Name: "@", TTL: hour, Type: "A", Data: "192.0.2.10"},
				{Name: "@", TTL: hour, Type: "TXT", Data: spf.Text},
				{Name: "@", TTL: hour, Type: "TXT", Data: "google-site-verification=abc"},
				{Name: "@", TTL: hour, Type: "MX", Data: "10 mail.shop.example."},
				{Name: "www", TTL: hour, Type: "CNAME", Data: "shop.example."},
				{Name: "_dmarc", TTL: hour, Type: "TXT", Data: "v=DMARC1; p=none"},
			},
		},
		{
			name: "a one-record input drops the other members of its RRset only",
			in:   []libdns.Record{spf},
			want: []libdns.RR{
				{Name: "@", TTL: hour, Type: "A", Data: "192.0.2.10"},
				{Name: "@", TTL: hour, Type: "TXT", Data: spf.Text},
				{Name: "@", TTL: hour, Type: "MX", Data: "10 mail.shop.example."},
				{Name: "www", TTL: hour, Type: "CNAME", Data: "shop.example."},
				{Name: "_dmarc", TTL: hour, Type: "TXT", Data: "v=DMARC1; p=none"},
			},
		},
		{
			name: "two RRsets, one new; names normalised; duplicates kept once",
			in: []libdns.Record{
				libdns.TXT{Name: "_DMARC", TTL: hour, Text: "v=DMARC1; p=reject"},
				libdns.TXT{Name: "new.shop.example.", TTL: 5 * time.Minute, Text: "x"},
				libdns.TXT{Name: "new", TTL: 5 * time.Minute, Text: "x"},
			},
			want: []libdns.RR{
				{Name: "@", TTL: hour, Type: "A", Data: "192.0.2.10"},
				{Name: "@", TTL: hour, Type: "TXT", Data: "v=spf1 +ip4:192.0.2.0/24 ~all"},
				{Name: "@", TTL: hour, Type: "TXT", Data: "google-site-verification=abc"},
				{Name: "@", TTL: hour, Type: "MX", Data: "10 mail.shop.example."},
				{Name: "www", TTL: hour, Type: "CNAME", Data: "shop.example."},
				{Name: "_dmarc", TTL: hour, Type: "TXT", Data: "v=DMARC1; p=reject"},
				{Name: "new", TTL: 5 * time.Minute, Type: "TXT", Data: "x"},
			},
		},
		{
			name: "empty input changes nothing",
			in:   nil,
			want: seed().Records("shop.example"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := seed()
			if _, err := s.SetRecords(context.Background(), "shop.example", tt.in); err != nil {
				t.Fatal(err)
			}
			if got := s.Records("SHOP.example."); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("records:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestStoreTypedAndCopied(t *testing.T) {
	s := seed()
	ctx := context.Background()
	recs, err := s.GetRecords(ctx, "shop.example")
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, r := range recs {
		types = append(types, fmt.Sprintf("%T", r))
	}
	want := []string{"libdns.Address", "libdns.TXT", "libdns.TXT", "libdns.MX", "libdns.CNAME", "libdns.TXT"}
	if !reflect.DeepEqual(types, want) {
		t.Errorf("types %q, want %q", types, want)
	}
	// Changing what came out, or what went in, does not reach the store.
	recs[1] = libdns.TXT{Name: "@", Text: "changed"}
	in := []libdns.Record{libdns.ServiceBinding{Name: "svc", Scheme: "https", Priority: 1, Target: ".", TTL: hour, Params: libdns.SvcParams{"alpn": {"h2"}}}}
	if _, err := s.SetRecords(ctx, "shop.example", in); err != nil {
		t.Fatal(err)
	}
	in[0].(libdns.ServiceBinding).Params["alpn"][0] = "changed"
	got, err := s.GetRRset(ctx, "shop.example", "svc", "HTTPS")
	if err != nil || len(got) != 1 {
		t.Fatalf("GetRRset = %v, %v", got, err)
	}
	if a := got[0].(libdns.ServiceBinding).Params["alpn"][0]; a != "h2" {
		t.Errorf("the input's map is shared: alpn %q", a)
	}
	got[0].(libdns.ServiceBinding).Params["alpn"][0] = "changed again"
	again, _ := s.GetRRset(ctx, "shop.example", "svc", "HTTPS")
	if a := again[0].(libdns.ServiceBinding).Params["alpn"][0]; a != "h2" {
		t.Errorf("the output's map is shared: alpn %q", a)
	}
	txt, _ := s.GetRRset(ctx, "shop.example", "@", "TXT")
	if txt[0].(libdns.TXT).Text != "v=spf1 +ip4:192.0.2.0/24 ~all" {
		t.Errorf("changing GetRecords' output changed the store")
	}
	snap := s.Records("shop.example")
	snap[0].Data = "192.0.2.99"
	if s.Records("shop.example")[0].Data != "192.0.2.10" {
		t.Error("Records returns the store's own slice")
	}
}

func TestStoreGetRRset(t *testing.T) {
	s := seed()
	ctx := context.Background()
	tests := []struct {
		name, owner, rrtype string
		want                int
	}{
		{"apex by @", "@", "TXT", 2},
		{"apex by empty name", "", "txt", 2},
		{"relative", "_dmarc", "TXT", 1},
		{"fully qualified", "_dmarc.shop.example.", "TXT", 1},
		{"none", "nothing", "TXT", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.GetRRset(ctx, "shop.example.", tt.owner, tt.rrtype)
			if err != nil {
				t.Fatal(err)
			}
			if got == nil || len(got) != tt.want {
				t.Errorf("got %v, want %d records", got, tt.want)
			}
		})
	}
	if _, err := s.GetRRset(ctx, "other.example", "@", "TXT"); !errors.Is(err, ErrNoZone) {
		t.Errorf("unknown zone: %v", err)
	}
}

func TestStoreAppendDelete(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		do       func(s *Store) ([]libdns.Record, error)
		returned int
		wantTXT  int // apex TXT records after
		wantAll  int // records after
	}{
		{"append new", func(s *Store) ([]libdns.Record, error) {
			return s.AppendRecords(ctx, "shop.example", []libdns.Record{libdns.TXT{Name: "@", TTL: hour, Text: "third"}})
		}, 1, 3, 7},
		{"append existing: not twice", func(s *Store) ([]libdns.Record, error) {
			return s.AppendRecords(ctx, "shop.example", []libdns.Record{libdns.TXT{Name: "@", TTL: hour, Text: "google-site-verification=abc"}})
		}, 1, 2, 6},
		{"delete exact", func(s *Store) ([]libdns.Record, error) {
			return s.DeleteRecords(ctx, "shop.example", []libdns.Record{libdns.TXT{Name: "@", TTL: hour, Text: "google-site-verification=abc"}})
		}, 1, 1, 5},
		{"delete with another TTL: nothing", func(s *Store) ([]libdns.Record, error) {
			return s.DeleteRecords(ctx, "shop.example", []libdns.Record{libdns.TXT{Name: "@", TTL: time.Minute, Text: "google-site-verification=abc"}})
		}, 0, 2, 6},
		{"delete with another value: nothing", func(s *Store) ([]libdns.Record, error) {
			return s.DeleteRecords(ctx, "shop.example", []libdns.Record{libdns.TXT{Name: "@", Text: "google-site-verification=xyz"}})
		}, 0, 2, 6},
		{"delete by name and type", func(s *Store) ([]libdns.Record, error) {
			return s.DeleteRecords(ctx, "shop.example", []libdns.Record{libdns.RR{Name: "@", Type: "TXT"}})
		}, 2, 0, 4},
		{"delete by name", func(s *Store) ([]libdns.Record, error) {
			return s.DeleteRecords(ctx, "shop.example", []libdns.Record{libdns.RR{Name: "@"}})
		}, 4, 0, 2},
		{"delete a value written differently", func(s *Store) ([]libdns.Record, error) {
			return s.DeleteRecords(ctx, "shop.example", []libdns.Record{libdns.RR{Name: "@", Type: "MX", Data: "10  mail.shop.example."}})
		}, 1, 2, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := seed()
			got, err := tt.do(s)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.returned {
				t.Errorf("returned %d, want %d: %v", len(got), tt.returned, got)
			}
			txt, _ := s.GetRRset(ctx, "shop.example", "@", "TXT")
			if len(txt) != tt.wantTXT || len(s.Records("shop.example")) != tt.wantAll {
				t.Errorf("after: %d apex TXT, %d records: %v", len(txt), len(s.Records("shop.example")), s.Records("shop.example"))
			}
		})
	}
}

func TestStoreFaults(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("boom")
	spf := []libdns.Record{libdns.TXT{Name: "@", TTL: hour, Text: "v=spf1 include:e-shopsmail2.com ~all"}}
	write := func(s *Store) error { _, err := s.SetRecords(ctx, "shop.example", spf); return err }
	tests := []struct {
		name    string
		arm     func(s *Store)
		act     func(s *Store) error
		wantErr error
	}{
		{"FailNext fails the next write", func(s *Store) { s.FailNext(MethodSetRecords, boom) }, write, boom},
		{"FailNext fails a read", func(s *Store) { s.FailNext(MethodGetRecords, boom) }, func(s *Store) error {
			_, err := s.GetRecords(ctx, "shop.example")
			return err
		}, boom},
		{"FailNext of another method: no effect", func(s *Store) { s.FailNext(MethodAppendRecords, boom) }, write, nil},
		{"FailFor the apex, relative", func(s *Store) { s.FailFor("@", boom) }, write, boom},
		{"FailFor the apex, fully qualified", func(s *Store) { s.FailFor("shop.example.", boom) }, write, boom},
		{"FailFor another name: no effect", func(s *Store) { s.FailFor("www", boom) }, write, nil},
		{"FailFor cleared", func(s *Store) { s.FailFor("@", boom); s.FailFor("@", nil) }, write, nil},
		{"FailFor a name among several", func(s *Store) { s.FailFor("_dmarc", boom) }, func(s *Store) error {
			_, err := s.SetRecords(ctx, "shop.example", append(spf, libdns.TXT{Name: "_dmarc", Text: "v=DMARC1; p=reject"}))
			return err
		}, boom},
		{"hook fails the write", func(s *Store) {
			s.SetHook(func(method, zone string, recs []libdns.Record) error {
				if method == MethodSetRecords && zone == "shop.example." && len(recs) == 1 {
					return boom
				}
				return nil
			})
		}, write, boom},
		{"unknown zone", func(s *Store) {}, func(s *Store) error {
			_, err := s.SetRecords(ctx, "other.example", spf)
			return err
		}, ErrNoZone},
		{"cancelled context", func(s *Store) {}, func(s *Store) error {
			c, cancel := context.WithCancel(ctx)
			cancel()
			_, err := s.SetRecords(c, "shop.example", spf)
			return err
		}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := seed()
			before := s.Records("shop.example")
			tt.arm(s)
			err := tt.act(s)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil && !reflect.DeepEqual(s.Records("shop.example"), before) {
				t.Errorf("a failed write changed the zone")
			}
			if err == nil && reflect.DeepEqual(s.Records("shop.example"), before) {
				t.Errorf("the write did nothing")
			}
		})
	}
	t.Run("FailNext is used once, and queues", func(t *testing.T) {
		s := seed()
		s.FailNext(MethodSetRecords, boom)
		s.FailNext(MethodSetRecords, boom)
		got := []error{write(s), write(s), write(s)}
		if !errors.Is(got[0], boom) || !errors.Is(got[1], boom) || got[2] != nil {
			t.Errorf("errors %v", got)
		}
	})
	t.Run("hook fails the second write: halfway", func(t *testing.T) {
		s := seed()
		n := 0
		s.SetHook(func(method, zone string, recs []libdns.Record) error {
			n++
			if n == 2 {
				return boom
			}
			return nil
		})
		err1 := write(s)
		_, err2 := s.SetRecords(ctx, "shop.example", []libdns.Record{libdns.TXT{Name: "_dmarc", Text: "v=DMARC1; p=reject"}})
		if err1 != nil || !errors.Is(err2, boom) {
			t.Fatalf("errors %v, %v", err1, err2)
		}
		txt, _ := s.GetRRset(ctx, "shop.example", "@", "TXT")
		dmarc, _ := s.GetRRset(ctx, "shop.example", "_dmarc", "TXT")
		if len(txt) != 1 || dmarc[0].(libdns.TXT).Text != "v=DMARC1; p=none" {
			t.Errorf("apex %v, _dmarc %v", txt, dmarc)
		}
	})
	t.Run("hook may change the store: drift under the write", func(t *testing.T) {
		s := seed()
		s.SetHook(func(method, zone string, recs []libdns.Record) error {
			s.Put(zone, libdns.RR{Name: "@", TTL: hour, Type: "TXT", Data: "added by someone else"})
			return nil
		})
		if err := write(s); err != nil {
			t.Fatal(err)
		}
		txt, _ := s.GetRRset(ctx, "shop.example", "@", "TXT")
		if len(txt) != 1 {
			t.Errorf("SetRecords did not replace the whole RRset: %v", txt)
		}
	})
}

func TestStoreCalls(t *testing.T) {
	s := seed()
	ctx := context.Background()
	s.FailNext(MethodGetRecords, errors.New("x"))
	for range 3 {
		s.GetRecords(ctx, "shop.example")
	}
	s.SetRecords(ctx, "shop.example", []libdns.Record{libdns.TXT{Name: "a", Text: "b"}})
	s.ListZones(ctx)
	if s.Calls(MethodGetRecords) != 3 || s.Calls(MethodSetRecords) != 1 || s.Calls(MethodListZones) != 1 || s.Calls(MethodDeleteRecords) != 0 {
		t.Errorf("calls: get %d set %d list %d delete %d", s.Calls(MethodGetRecords), s.Calls(MethodSetRecords), s.Calls(MethodListZones), s.Calls(MethodDeleteRecords))
	}
	s.ResetCalls()
	if s.Calls(MethodGetRecords) != 0 {
		t.Error("ResetCalls did not reset")
	}
	s.Put("b.example")
	zs, _ := s.ListZones(ctx)
	if !reflect.DeepEqual(zs, []libdns.Zone{{Name: "b.example."}, {Name: "shop.example."}}) {
		t.Errorf("ListZones %v", zs)
	}
}

// TestStoreConcurrent: concurrent writes and reads, none lost (run with -race).
func TestStoreConcurrent(t *testing.T) {
	s := seed()
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			ip := netip.AddrFrom4([4]byte{192, 0, 2, byte(i)})
			if _, err := s.AppendRecords(ctx, "shop.example", []libdns.Record{libdns.Address{Name: "many", TTL: hour, IP: ip}}); err != nil {
				t.Error(err)
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := s.GetRecords(ctx, "shop.example"); err != nil {
				t.Error(err)
			}
			s.Calls(MethodGetRecords)
		}()
	}
	wg.Wait()
	got, _ := s.GetRRset(ctx, "shop.example", "many", "A")
	if len(got) != 32 {
		t.Errorf("%d records, want 32", len(got))
	}
}
