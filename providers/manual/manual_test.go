package manual

import (
	"context"
	"errors"
	"net"
	"reflect"
	"strings"
	"testing"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/providers"
)

// fakeTXT answers LookupTXTStrings from a map keyed by fully qualified name.
type fakeTXT struct {
	recs  map[string][][]string
	errs  map[string]error
	asked []string
}

func (f *fakeTXT) LookupTXTStrings(ctx context.Context, name string) ([][]string, error) {
	f.asked = append(f.asked, name)
	if err, ok := f.errs[name]; ok {
		return nil, err
	}
	if r, ok := f.recs[name]; ok {
		return r, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
}

func TestGetRRset(t *testing.T) {
	servfail := &net.DNSError{Err: "server misbehaving", Name: "down.shop.example.", IsTemporary: true}
	f := &fakeTXT{
		recs: map[string][][]string{
			"shop.example.":        {{"v=spf1 ", "include:e-shopsmail2.com ~all"}, {"MS=ms12345678"}},
			"_dmarc.shop.example.": {{"v=DMARC1; p=none"}},
			"empty.shop.example.":  {{}},
		},
		errs: map[string]error{
			"nodata.shop.example.": &net.DNSError{Err: "no records of this type", Name: "nodata.shop.example.", IsNotFound: true},
			"down.shop.example.":   servfail,
		},
	}
	p, err := New(f)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, zone, owner, rrtype string
		want                      []libdns.Record
		wantAsk                   string
		wantErr                   error
	}{
		{"apex, strings joined", "shop.example.", "@", "TXT", []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 include:e-shopsmail2.com ~all"}, libdns.TXT{Name: "@", Text: "MS=ms12345678"}}, "shop.example.", nil},
		{"apex by empty name, zone without dot", "shop.example", "", "txt", []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 include:e-shopsmail2.com ~all"}, libdns.TXT{Name: "@", Text: "MS=ms12345678"}}, "shop.example.", nil},
		{"relative name", "shop.example.", "_dmarc", "TXT", []libdns.Record{libdns.TXT{Name: "_dmarc", Text: "v=DMARC1; p=none"}}, "_dmarc.shop.example.", nil},
		{"record without strings", "shop.example.", "empty", "TXT", []libdns.Record{libdns.TXT{Name: "empty", Text: ""}}, "empty.shop.example.", nil},
		{"NXDOMAIN: empty", "shop.example.", "nothing", "TXT", []libdns.Record{}, "nothing.shop.example.", nil},
		{"NODATA: empty", "shop.example.", "nodata", "TXT", []libdns.Record{}, "nodata.shop.example.", nil},
		{"temporary failure returned", "shop.example.", "down", "TXT", nil, "down.shop.example.", servfail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.asked = nil
			got, err := p.GetRRset(context.Background(), tt.zone, tt.owner, tt.rrtype)
			if tt.wantErr != nil {
				var de *net.DNSError
				if !errors.Is(err, tt.wantErr) || !errors.As(err, &de) || !de.IsTemporary {
					t.Errorf("err = %v, want %v", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
			if !reflect.DeepEqual(f.asked, []string{tt.wantAsk}) {
				t.Errorf("asked %q, want %q", f.asked, tt.wantAsk)
			}
		})
	}
	t.Run("only TXT", func(t *testing.T) {
		if _, err := p.GetRRset(context.Background(), "shop.example.", "@", "A"); err == nil {
			t.Error("no error")
		}
	})
}

func TestNoListNoWrite(t *testing.T) {
	p, err := New(&fakeTXT{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := p.GetRecords(ctx, "shop.example."); !errors.Is(err, ErrCannotList) {
		t.Errorf("GetRecords: %v", err)
	}
	got, err := p.SetRecords(ctx, "shop.example.", []libdns.Record{
		libdns.TXT{Name: "@", Text: "v=spf1 include:e-shopsmail2.com ~all"},
		libdns.TXT{Name: "@", Text: "MS=ms12345678"},
	})
	if !errors.Is(err, ErrManual) || got != nil {
		t.Fatalf("SetRecords = %v, %v; want ErrManual", got, err)
	}
	if !strings.Contains(err.Error(), "paste the value in your DNS host's control panel") || !strings.Contains(err.Error(), "@ TXT") {
		t.Errorf("message %q", err)
	}
}

func TestRegistered(t *testing.T) {
	info, ok := providers.Lookup("manual")
	if !ok {
		t.Fatal("manual is not registered")
	}
	if !info.Caps.Manual || !info.Caps.LongTXT || info.Caps.TXTRead != "read over DNS" || len(info.Settings) != 0 {
		t.Errorf("info %+v", info)
	}
	if _, _, err := providers.Open("manual", providers.Env{}); err == nil {
		t.Error("opened without a resolver")
	}
	prov, _, err := providers.Open("manual", providers.Env{DNS: &fakeTXT{}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := prov.(interface {
		GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error)
	}); !ok {
		t.Error("no GetRRset")
	}
}
