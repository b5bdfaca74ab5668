package zonefile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/libdns/libdns"
	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/providers"
	"github.com/spfpatch/spfpatch/spfedit"
)

// fixedNow is the clock of the tests: serials in the examples (2026112501)
// are older than its date.
var fixedNow = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// copyExamples copies examples/zones into a new directory: the tests never
// write to examples/.
func copyExamples(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "examples", "zones")
	des, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, de := range des {
		b, err := os.ReadFile(filepath.Join(src, de.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, de.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// writeZones writes files into a new directory.
func writeZones(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newProvider(t *testing.T, dir string) *Provider {
	t.Helper()
	p, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	p.now = func() time.Time { return fixedNow }
	return p
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// parseFile parses a zone file with miekg/dns, independently of the code
// under test.
func parseFile(t *testing.T, path string) []dns.RR {
	t.Helper()
	rrs, err := parseRRs([]byte(readFile(t, path)), originFor(path))
	if err != nil {
		t.Fatalf("%s does not parse: %v", path, err)
	}
	return rrs
}

// dirNames lists a directory.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, de := range des {
		out = append(out, de.Name())
	}
	return out
}

// txtSet returns the TXT values of an RRset read with GetRRset.
func txtSet(t *testing.T, p *Provider, zone, name string) []string {
	t.Helper()
	recs, err := p.GetRRset(context.Background(), zone, name, "TXT")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range recs {
		out = append(out, r.RR().Data)
	}
	return out
}

// splitRRs separates the records of (owner, rrtype) and the SOA from the rest.
func splitRRs(rrs []dns.RR, owner string, rrtype uint16) (set []dns.RR, soa *dns.SOA, rest []string) {
	for _, rr := range rrs {
		h := rr.Header()
		switch {
		case h.Rrtype == dns.TypeSOA:
			soa = rr.(*dns.SOA)
		case h.Rrtype == rrtype && strings.EqualFold(h.Name, owner):
			set = append(set, rr)
		default:
			rest = append(rest, rr.String())
		}
	}
	return set, soa, rest
}

// lineDiff returns the lines of a that are not in b and those of b not in a,
// as multisets.
func lineDiff(a, b string) (onlyA, onlyB []string) {
	count := map[string]int{}
	for _, l := range strings.SplitAfter(a, "\n") {
		count[l]++
	}
	for _, l := range strings.SplitAfter(b, "\n") {
		if count[l] > 0 {
			count[l]--
		} else {
			onlyB = append(onlyB, l)
		}
	}
	for _, l := range strings.SplitAfter(a, "\n") {
		if count[l] > 0 {
			count[l]--
			onlyA = append(onlyA, l)
		}
	}
	return onlyA, onlyB
}

func TestGetRecords(t *testing.T) {
	p := newProvider(t, copyExamples(t))
	ctx := context.Background()
	recs, err := p.GetRecords(ctx, "shop.example.")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		rr := r.RR()
		got = append(got, fmt.Sprintf("%T %s %s %s %s", r, rr.Name, rr.TTL, rr.Type, rr.Data))
	}
	want := []string{
		"libdns.RR @ 1h0m0s SOA ns1.shop.example. hostmaster.shop.example. 2026112501 3600 600 604800 300",
		"libdns.NS @ 1h0m0s NS ns1.shop.example.",
		"libdns.Address @ 1h0m0s A 192.0.2.10",
		"libdns.MX @ 1h0m0s MX 10 mail.shop.example.",
		"libdns.TXT @ 1h0m0s TXT v=spf1 +ip4:192.0.2.0/24 ~all",
		"libdns.TXT @ 1h0m0s TXT google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ",
		"libdns.TXT @ 1h0m0s TXT MS=ms12345678",
		"libdns.Address ns1 1h0m0s A 192.0.2.53",
		"libdns.Address mail 1h0m0s A 192.0.2.25",
		"libdns.CNAME www 1h0m0s CNAME shop.example.",
		"libdns.TXT _dmarc 1h0m0s TXT v=DMARC1; p=none; rua=mailto:dmarc@shop.example",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GetRecords:\n got %q\nwant %q", got, want)
	}

	// A record of two strings reads as one value, the strings joined.
	busy := txtSet(t, p, "busy.example", "@")
	wantBusy := []string{
		"v=spf1 a mx include:_spf.google.providers.example include:spf.outlook.providers.example include:sendgrid.providers.example -all",
		"facebook-domain-verification=abcdefghijklmnopqrstuvwxyz0123",
	}
	if !reflect.DeepEqual(busy, wantBusy) {
		t.Errorf("busy.example TXT = %q, want %q", busy, wantBusy)
	}
}

func TestZoneNames(t *testing.T) {
	dir := copyExamples(t)
	// A file named for another zone than its SOA's is not that zone's file.
	if err := os.WriteFile(filepath.Join(dir, "other.db"), []byte("$ORIGIN alt.example.\n$TTL 60\n@ IN SOA ns1 h 7 1 1 1 1\n@ IN TXT \"alt\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "plain.example"), []byte("$TTL 60\n@ IN SOA ns1 h 7 1 1 1 1\n@ IN TXT \"plain\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "db-style.db"), []byte("$TTL 60\n@ IN SOA ns1 h 7 1 1 1 1\n@ IN TXT \"db\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := newProvider(t, dir)
	ctx := context.Background()
	tests := []struct {
		name, zone, want string
	}{
		{"trailing dot", "shop.example.", "MS=ms12345678"},
		{"no trailing dot", "shop.example", "MS=ms12345678"},
		{"upper case", "SHOP.Example.", "MS=ms12345678"},
		{".db file", "db-style", "db"},
		{"file without extension", "plain.example.", "plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := txtSet(t, p, tt.zone, "@")
			if got[len(got)-1] != tt.want {
				t.Errorf("apex TXT of %s = %q, want last %q", tt.zone, got, tt.want)
			}
		})
	}
	t.Run("unknown zone", func(t *testing.T) {
		_, err := p.GetRecords(ctx, "nowhere.example")
		if !errors.Is(err, ErrZoneNotFound) {
			t.Errorf("err = %v, want ErrZoneNotFound", err)
		}
	})
	t.Run("SOA of another zone", func(t *testing.T) {
		_, err := p.GetRecords(ctx, "alt.example")
		if !errors.Is(err, ErrZoneNotFound) {
			t.Errorf("alt.example: err = %v, want ErrZoneNotFound", err)
		}
		_, err = p.GetRecords(ctx, "other")
		var fe *FileError
		if !errors.As(err, &fe) || fe.Code != CodeZoneFile || !strings.Contains(err.Error(), "other.db holds zone alt.example., not other.") {
			t.Errorf("other: err = %v", err)
		}
	})
	t.Run("write without trailing dot", func(t *testing.T) {
		if _, err := p.SetRecords(ctx, "plain.example", []libdns.Record{libdns.TXT{Name: "@", Text: "changed"}}); err != nil {
			t.Fatal(err)
		}
		if got := txtSet(t, p, "plain.example.", ""); !reflect.DeepEqual(got, []string{"changed"}) {
			t.Errorf("after write: %q", got)
		}
	})
	t.Run("ListZones: from the file names, nothing read", func(t *testing.T) {
		// A file that is no zone at all is listed by its name but never
		// parsed (nothing is read to list).
		if err := os.WriteFile(filepath.Join(dir, "broken.zone"), []byte("@ IN SOA ns1 ( 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(filepath.Join(dir, "broken.zone"))
		zs, err := p.ListZones(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, z := range zs {
			got = append(got, z.Name)
		}
		want := []string{"broken.", "busy.example.", "db-style.", "e-shopsmail2.com.", "full.example.", "nospf.example.", "other.", "patched.example.", "plain.example.", "providers.example.", "shop.example."}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ListZones = %q, want %q", got, want)
		}
	})
}

// TestSetRecordsChangesOnlyTheRRset changes the SPF string of every example
// zone the way spfpatch does (the whole apex TXT RRset handed to SetRecords,
// one string changed) and checks, with an independent parse, that every other
// record is the same, that the SOA only has a new serial, and that every line
// of the file but the SPF line and the SOA line is kept byte for byte.
func TestSetRecordsChangesOnlyTheRRset(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		zone      string
		wantLines int // lines of the file that change, SOA included
	}{
		{"shop.example", 2},
		{"busy.example", 2},
		{"full.example", 2},
		{"patched.example", 1}, // already there: the edit is a no-op, nothing written
		{"nospf.example", 2},   // no SPF record yet: one line is added
		{"e-shopsmail2.com", 2},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			dir := copyExamples(t)
			p := newProvider(t, dir)
			path := filepath.Join(dir, tt.zone+".zone")
			beforeText := readFile(t, path)
			before := parseFile(t, path)

			cur, err := p.GetRRset(ctx, tt.zone, "@", "TXT")
			if err != nil {
				t.Fatal(err)
			}
			var next []libdns.Record
			var wantTXT []string
			found := false
			for _, r := range cur {
				txt := r.(TXT).TXT // the plain libdns view: strings cut anew
				if strings.HasPrefix(txt.Text, "v=spf1 ") {
					rec, err := spfedit.Parse(txt.Text)
					if err != nil {
						t.Fatal(err)
					}
					rec.AddInclude("e-shopsmail2.com")
					txt.Text = rec.String()
					found = true
				}
				next = append(next, txt)
				wantTXT = append(wantTXT, txt.Text)
			}
			if !found {
				next = append(next, libdns.TXT{Name: "@", Text: "v=spf1 include:e-shopsmail2.com ~all"})
				wantTXT = append(wantTXT, "v=spf1 include:e-shopsmail2.com ~all")
			}
			if _, err := p.SetRecords(ctx, tt.zone, next); err != nil {
				t.Fatal(err)
			}

			after := parseFile(t, path)
			apex := dns.Fqdn(tt.zone)
			_, soaBefore, restBefore := splitRRs(before, apex, dns.TypeTXT)
			setAfter, soaAfter, restAfter := splitRRs(after, apex, dns.TypeTXT)
			if !reflect.DeepEqual(restAfter, restBefore) {
				t.Errorf("other records changed:\nbefore %q\nafter  %q", restBefore, restAfter)
			}
			var gotTXT []string
			for _, rr := range setAfter {
				gotTXT = append(gotTXT, txtValue(rr.(*dns.TXT)))
			}
			if !reflect.DeepEqual(gotTXT, wantTXT) {
				t.Errorf("apex TXT = %q, want %q", gotTXT, wantTXT)
			}
			wantSerial := soaBefore.Serial
			if tt.wantLines > 1 {
				wantSerial = 2026120100
			}
			s := *soaBefore
			s.Serial = wantSerial
			if soaAfter.String() != s.String() {
				t.Errorf("SOA = %s, want %s", soaAfter, &s)
			}
			onlyBefore, onlyAfter := lineDiff(beforeText, readFile(t, path))
			if tt.wantLines == 1 {
				if len(onlyBefore)+len(onlyAfter) != 0 {
					t.Errorf("a no-op edit changed the file: -%q +%q", onlyBefore, onlyAfter)
				}
				return
			}
			if len(onlyAfter) != tt.wantLines || len(onlyBefore) > tt.wantLines {
				t.Errorf("lines changed: -%q +%q", onlyBefore, onlyAfter)
			}
			for _, l := range onlyBefore {
				if strings.HasPrefix(l, ";") {
					t.Errorf("comment line lost: %q", l)
				}
			}
			if got := dirNames(t, dir); len(got) != 7 {
				t.Errorf("files left in the directory: %q", got)
			}
		})
	}
}

func TestLayoutKept(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		file   string
		recs   []libdns.Record
		want   string
		serial uint32
	}{
		{
			name: "comment on the changed line and a multi-line SOA",
			file: `; header
$ORIGIN t.example.
$TTL 1h
@   IN  SOA ns1 hostmaster (
            41      ; serial
            3600    ; refresh
            600 604800 300 )
@   IN  TXT "v=spf1 -all"    ; our SPF
    IN  TXT "keep me"
www IN  A   192.0.2.1
`,
			recs: []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 include:e-shopsmail2.com -all"}, libdns.TXT{Name: "@", Text: "keep me"}},
			want: `; header
$ORIGIN t.example.
$TTL 1h
@   IN  SOA ns1 hostmaster (
            42      ; serial
            3600    ; refresh
            600 604800 300 )
@   IN  TXT "v=spf1 include:e-shopsmail2.com -all" ; our SPF
    IN  TXT "keep me"
www IN  A   192.0.2.1
`,
		},
		{
			name: "a blank owner after a removed line is made explicit; no $TTL, TTL kept",
			file: `$ORIGIN t.example.
@ 3600 IN SOA ns1 hostmaster 41 3600 600 604800 300
www 300 IN TXT "v=spf1 -all"
        IN TXT "other"
        IN A 192.0.2.1
`,
			recs: []libdns.Record{libdns.TXT{Name: "www", Text: "other", TTL: 300 * time.Second}},
			want: `$ORIGIN t.example.
@ 3600 IN SOA ns1 hostmaster 42 3600 600 604800 300
www 300 IN TXT "other"
        IN A 192.0.2.1
`,
		},
		{
			name: "new owner at the end, after a blank-owner line",
			file: `$ORIGIN t.example.
@ 3600 IN SOA ns1 hostmaster 41 3600 600 604800 300
www 300 IN TXT "v=spf1 -all"
        IN A 192.0.2.1
`,
			recs: []libdns.Record{libdns.TXT{Name: "x", Text: "y"}},
			want: `$ORIGIN t.example.
@ 3600 IN SOA ns1 hostmaster 42 3600 600 604800 300
www 300 IN TXT "v=spf1 -all"
        IN A 192.0.2.1
x       IN TXT "y"
`,
		},
		{
			name: "TTL change without $TTL: the next line keeps its inherited TTL",
			file: `$ORIGIN t.example.
@ 3600 IN SOA ns1 hostmaster 41 3600 600 604800 300
www 300 IN A 192.0.2.1
        IN AAAA 2001:db8::1
`,
			recs: []libdns.Record{libdns.Address{Name: "www", TTL: 60 * time.Second, IP: netip.MustParseAddr("192.0.2.2")}},
			want: `$ORIGIN t.example.
@ 3600 IN SOA ns1 hostmaster 42 3600 600 604800 300
www 60 IN A 192.0.2.2
        300 IN AAAA 2001:db8::1
`,
		},
		{
			name: "a record over several lines in parentheses becomes one line; its comments stay",
			file: `$ORIGIN t.example.
$TTL 300
@ IN SOA ns1 hostmaster 41 3600 600 604800 300
@ IN TXT ( "v=spf1 ip4:192.0.2.0/24 " ; ours
           "~all" )                   ; two strings
mail IN A 192.0.2.25
`,
			recs: []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"}},
			want: `$ORIGIN t.example.
$TTL 300
@ IN SOA ns1 hostmaster 42 3600 600 604800 300
@ IN TXT "v=spf1 ip4:192.0.2.0/24 include:e-shopsmail2.com ~all" ; ours ; two strings
mail IN A 192.0.2.25
`,
		},
		{
			name: "out-of-zone and other-class records at the same name are left alone",
			file: `$ORIGIN t.example.
$TTL 300
@ IN SOA ns1 hostmaster 41 3600 600 604800 300
@ IN TXT "v=spf1 -all"
@ CH TXT "chaos"
t.example.net. IN TXT "glue-ish"
`,
			recs: []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 ~all"}},
			want: `$ORIGIN t.example.
$TTL 300
@ IN SOA ns1 hostmaster 42 3600 600 604800 300
@ IN TXT "v=spf1 ~all"
@ CH TXT "chaos"
t.example.net. IN TXT "glue-ish"
`,
		},
		{
			name: "CRLF line endings stay",
			file: "$ORIGIN t.example.\r\n$TTL 300\r\n@ IN SOA ns1 hostmaster 41 3600 600 604800 300\r\n@ IN TXT \"a\"\r\n",
			recs: []libdns.Record{libdns.TXT{Name: "@", Text: "a"}, libdns.TXT{Name: "@", Text: "b"}},
			want: "$ORIGIN t.example.\r\n$TTL 300\r\n@ IN SOA ns1 hostmaster 42 3600 600 604800 300\r\n@ IN TXT \"a\"\r\n@ IN TXT \"b\"\r\n",
		},
		{
			name: "no newline at the end",
			file: "$ORIGIN t.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 41 3600 600 604800 300\n@ IN TXT \"a\"",
			recs: []libdns.Record{libdns.TXT{Name: "new", Text: "b"}},
			want: "$ORIGIN t.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 42 3600 600 604800 300\n@ IN TXT \"a\"\nnew IN TXT \"b\"\n",
		},
		{
			name: "second $ORIGIN: a new owner is written for the origin in effect",
			file: "$ORIGIN t.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 41 3600 600 604800 300\n$ORIGIN sub.t.example.\nwww IN A 192.0.2.1\n",
			recs: []libdns.Record{libdns.TXT{Name: "mail", Text: "m"}, libdns.TXT{Name: "x.sub", Text: "s"}},
			want: "$ORIGIN t.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 42 3600 600 604800 300\n$ORIGIN sub.t.example.\nwww IN A 192.0.2.1\nmail.t.example. IN TXT \"m\"\nx IN TXT \"s\"\n",
		},
		{
			name: "fully qualified record name",
			file: "$TTL 300\nt.example. IN SOA ns1 hostmaster 41 3600 600 604800 300\nwww.t.example. IN TXT \"a\"\n",
			recs: []libdns.Record{libdns.TXT{Name: "www.t.example.", Text: "b"}},
			want: "$TTL 300\nt.example. IN SOA ns1 hostmaster 42 3600 600 604800 300\nwww.t.example. IN TXT \"b\"\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeZones(t, map[string]string{"t.example.zone": tt.file})
			p := newProvider(t, dir)
			path := filepath.Join(dir, "t.example.zone")
			before := parseFile(t, path)
			if _, err := p.SetRecords(ctx, "t.example", tt.recs); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, path); got != tt.want {
				t.Errorf("file:\n%s\nwant:\n%s", got, tt.want)
			}
			// Every record not named in the input reads as before.
			touched := map[string]bool{}
			for _, r := range tt.recs {
				rr := r.RR()
				owner, _ := absOwner(rr.Name, "t.example.")
				touched[strings.ToLower(owner)+" "+rr.Type] = true
			}
			var keep []string
			for _, rr := range before {
				if !touched[strings.ToLower(rr.Header().Name)+" "+dns.TypeToString[rr.Header().Rrtype]] && rr.Header().Rrtype != dns.TypeSOA {
					keep = append(keep, rr.String())
				}
			}
			after := map[string]bool{}
			for _, rr := range parseFile(t, path) {
				after[rr.String()] = true
			}
			for _, k := range keep {
				if !after[k] {
					t.Errorf("record %s changed or went", k)
				}
			}
		})
	}
}

// spf300 is a 300-byte SPF record.
var spf300 = func() string {
	s := "v=spf1"
	for i := 0; len(s) < 280; i++ {
		s += fmt.Sprintf(" ip4:198.51.100.%d", i)
	}
	s += " include:e-shopsmail2.com ~all"
	return s[:0] + s
}()

func TestTXTValues(t *testing.T) {
	ctx := context.Background()
	if len(spf300) < 300 || len(spf300) > 320 {
		t.Fatalf("spf300 is %d bytes", len(spf300))
	}
	tests := []struct {
		name        string
		text        string
		wantStrings []string // the character-strings in the file, as octets
	}{
		{"300 bytes: two strings cut between terms", spf300, spfedit.Split(spf300)},
		{"exactly 255 bytes: one string", strings.Repeat("a", 255), []string{strings.Repeat("a", 255)}},
		{"256 bytes without spaces: cut inside", strings.Repeat("b", 256), []string{strings.Repeat("b", 255), "b"}},
		{"quotes and backslashes", `v=spf1 exp=%{d}"x" \ \\ \" end`, []string{`v=spf1 exp=%{d}"x" \ \\ \" end`}},
		{"zone file specials", `; not a comment ( ) $ORIGIN @ "`, []string{`; not a comment ( ) $ORIGIN @ "`}},
		{"control and non-ASCII bytes", "tab\there nul\x00 del\x7f caf\xc3\xa9 \xff", []string{"tab\there nul\x00 del\x7f caf\xc3\xa9 \xff"}},
		{"digits after a backslash", `\065\`, []string{`\065\`}},
		{"empty", "", []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyExamples(t)
			p := newProvider(t, dir)
			recs := []libdns.Record{libdns.TXT{Name: "@", Text: tt.text}, libdns.TXT{Name: "@", Text: "MS=ms12345678"}}
			if _, err := p.SetRecords(ctx, "shop.example.", recs); err != nil {
				t.Fatal(err)
			}
			// Read back through the provider: joined, byte for byte.
			if got := txtSet(t, p, "shop.example.", "@"); !reflect.DeepEqual(got, []string{tt.text, "MS=ms12345678"}) {
				t.Errorf("read back %q", got)
			}
			// Read back with miekg/dns: the strings as written.
			set, _, _ := splitRRs(parseFile(t, filepath.Join(dir, "shop.example.zone")), "shop.example.", dns.TypeTXT)
			got := txtStrings(set[0].(*dns.TXT))
			if !reflect.DeepEqual(got, tt.wantStrings) {
				t.Errorf("strings in the file = %q, want %q", got, tt.wantStrings)
			}
			for _, s := range got {
				if len(s) > 255 {
					t.Errorf("string of %d bytes", len(s))
				}
			}
		})
	}
}

func TestLongRecordSplitBetweenTerms(t *testing.T) {
	dir := copyExamples(t)
	p := newProvider(t, dir)
	if _, err := p.SetRecords(context.Background(), "nospf.example", []libdns.Record{libdns.TXT{Name: "@", Text: spf300}}); err != nil {
		t.Fatal(err)
	}
	set, _, _ := splitRRs(parseFile(t, filepath.Join(dir, "nospf.example.zone")), "nospf.example.", dns.TypeTXT)
	if len(set) != 1 {
		t.Fatalf("apex TXT RRset has %d records", len(set))
	}
	ss := txtStrings(set[0].(*dns.TXT))
	if len(ss) != 2 {
		t.Fatalf("written as %d strings: %q", len(ss), ss)
	}
	if !strings.HasSuffix(ss[0], " ") || strings.HasPrefix(ss[1], " ") || len(ss[0]) > 255 {
		t.Errorf("not cut after a term's space: %q | %q", ss[0], ss[1])
	}
	if ss[0]+ss[1] != spf300 {
		t.Errorf("joined strings differ from the value")
	}
	if got := txtSet(t, p, "nospf.example", "@"); !reflect.DeepEqual(got, []string{spf300}) {
		t.Errorf("read back %q", got)
	}
}

func TestNextSerial(t *testing.T) {
	now := time.Date(2026, 12, 1, 23, 59, 0, 0, time.UTC)
	tests := []struct {
		name string
		old  uint32
		want uint32
	}{
		{"older date: today's first", 2026112501, 2026120100},
		{"today: next", 2026120100, 2026120101},
		{"today, twice", 2026120107, 2026120108},
		{"future date: next", 2027010100, 2027010101},
		{"today's 99th: still next", 2026120199, 2026120200},
		{"counter", 41, 42},
		{"zero", 0, 1},
		{"unix time", 1764547200, 1764547201},
		{"not a date (month 13)", 2026130101, 2026130102},
		{"RFC 1982 wrap", 4294967295, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextSerial(tt.old, now); got != tt.want {
				t.Errorf("nextSerial(%d) = %d, want %d", tt.old, got, tt.want)
			}
			if !serialLess(tt.old, tt.want) {
				t.Errorf("%d is not greater than %d in RFC 1982 terms", tt.want, tt.old)
			}
		})
	}
}

func TestAppendAndDelete(t *testing.T) {
	ctx := context.Background()
	file := "$ORIGIN t.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 604800 300\n@ IN TXT \"v=spf1 -all\"\n  IN TXT \"second\" ; note\nwww IN A 192.0.2.1\n"
	tests := []struct {
		name      string
		do        func(p *Provider) ([]libdns.Record, error)
		wantFile  string
		wantCount int
	}{
		{
			name: "append to an RRset",
			do: func(p *Provider) ([]libdns.Record, error) {
				return p.AppendRecords(ctx, "t.example", []libdns.Record{libdns.TXT{Name: "@", Text: "third"}})
			},
			wantFile:  "$ORIGIN t.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 2 3600 600 604800 300\n@ IN TXT \"v=spf1 -all\"\n  IN TXT \"second\" ; note\n  IN TXT \"third\"\nwww IN A 192.0.2.1\n",
			wantCount: 1,
		},
		{
			name: "append what is there: nothing written",
			do: func(p *Provider) ([]libdns.Record, error) {
				return p.AppendRecords(ctx, "t.example", []libdns.Record{libdns.TXT{Name: "@", Text: "second"}})
			},
			wantFile:  file,
			wantCount: 1,
		},
		{
			name: "delete by value: the blank owner after it still reads right",
			do: func(p *Provider) ([]libdns.Record, error) {
				return p.DeleteRecords(ctx, "t.example", []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 -all"}})
			},
			wantFile:  "$ORIGIN t.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 2 3600 600 604800 300\n  IN TXT \"second\" ; note\nwww IN A 192.0.2.1\n",
			wantCount: 1,
		},
		{
			name: "delete with a wrong TTL: nothing",
			do: func(p *Provider) ([]libdns.Record, error) {
				return p.DeleteRecords(ctx, "t.example", []libdns.Record{libdns.TXT{Name: "@", TTL: time.Minute, Text: "second"}})
			},
			wantFile: file,
		},
		{
			name: "delete by name and type",
			do: func(p *Provider) ([]libdns.Record, error) {
				return p.DeleteRecords(ctx, "t.example", []libdns.Record{libdns.RR{Name: "@", Type: "TXT"}})
			},
			wantFile:  "$ORIGIN t.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 2 3600 600 604800 300\nwww IN A 192.0.2.1\n",
			wantCount: 2,
		},
		{
			name: "delete by name never takes the SOA",
			do: func(p *Provider) ([]libdns.Record, error) {
				return p.DeleteRecords(ctx, "t.example", []libdns.Record{libdns.RR{Name: "@"}})
			},
			wantFile:  "$ORIGIN t.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 2 3600 600 604800 300\nwww IN A 192.0.2.1\n",
			wantCount: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeZones(t, map[string]string{"t.example.zone": file})
			p := newProvider(t, dir)
			got, err := tt.do(p)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.wantCount {
				t.Errorf("returned %d records, want %d: %v", len(got), tt.wantCount, got)
			}
			if f := readFile(t, filepath.Join(dir, "t.example.zone")); f != tt.wantFile {
				t.Errorf("file:\n%s\nwant:\n%s", f, tt.wantFile)
			}
		})
	}
}

func TestRefused(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		file string
		recs []libdns.Record
		want string
	}{
		{"SOA", "$TTL 1\n@ IN SOA ns1 h 1 1 1 1 1\n", []libdns.Record{libdns.RR{Name: "@", Type: "SOA", Data: "ns1 h 2 1 1 1 1"}}, "SOA"},
		{"name outside the zone", "$TTL 1\n@ IN SOA ns1 h 1 1 1 1 1\n", []libdns.Record{libdns.TXT{Name: "www.other.example.", Text: "x"}}, "not in zone"},
		{"bad data", "$TTL 1\n@ IN SOA ns1 h 1 1 1 1 1\n", []libdns.Record{libdns.RR{Name: "@", Type: "A", Data: "not-an-ip"}}, "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeZones(t, map[string]string{"t.example": tt.file})
			p := newProvider(t, dir)
			if _, err := p.GetRecords(ctx, "t.example"); err != nil {
				t.Fatalf("reading: %v", err)
			}
			_, err := p.SetRecords(ctx, "t.example", tt.recs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tt.want)
			}
			if got := readFile(t, filepath.Join(dir, "t.example")); got != tt.file {
				t.Errorf("file changed:\n%s", got)
			}
		})
	}
}

func TestNoOpWritesNothing(t *testing.T) {
	dir := copyExamples(t)
	p := newProvider(t, dir)
	path := filepath.Join(dir, "shop.example.zone")
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	recs, err := p.GetRRset(context.Background(), "shop.example", "@", "TXT")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.SetRecords(context.Background(), "shop.example", recs); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(old) {
		t.Errorf("the file was rewritten")
	}
}

// TestConcurrentWrites: writes to one zone from many goroutines, through
// two Providers, are serialised, none lost, the serial bumped once for each.
func TestConcurrentWrites(t *testing.T) {
	dir := writeZones(t, map[string]string{"t.example.zone": "$ORIGIN t.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 100 3600 600 604800 300\n"})
	ps := []*Provider{newProvider(t, dir), newProvider(t, dir)} // two providers, one file
	const n = 16
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := ps[i%2].SetRecords(context.Background(), "t.example", []libdns.Record{libdns.TXT{Name: fmt.Sprintf("n%02d", i), Text: "v"}})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	rrs := parseFile(t, filepath.Join(dir, "t.example.zone"))
	var names []string
	for _, rr := range rrs[1:] {
		names = append(names, rr.Header().Name)
	}
	sort.Strings(names)
	if len(names) != n {
		t.Errorf("%d records, want %d: %q", len(names), n, names)
	}
	if s := rrs[0].(*dns.SOA).Serial; s != 100+n {
		t.Errorf("serial %d, want %d", s, 100+n)
	}
	if got := dirNames(t, dir); !reflect.DeepEqual(got, []string{"t.example.zone"}) {
		t.Errorf("files left: %q", got)
	}
}

// TestChangedOnDisk: a file changed by someone else between read and write
// is read again and the edit made on the new text, keeping their change.
func TestChangedOnDisk(t *testing.T) {
	ctx := context.Background()
	t.Run("changed once: redone on the new text", func(t *testing.T) {
		dir := copyExamples(t)
		p := newProvider(t, dir)
		path := filepath.Join(dir, "shop.example.zone")
		calls := 0
		p.beforeCommit = func(string) {
			calls++
			if calls == 1 {
				f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				fmt.Fprintln(f, "theirs  IN A    192.0.2.99")
				f.Close()
			}
		}
		if _, err := p.SetRecords(ctx, "shop.example", []libdns.Record{libdns.TXT{Name: "ours", Text: "x"}}); err != nil {
			t.Fatal(err)
		}
		if calls != 2 {
			t.Errorf("edit made %d times, want 2", calls)
		}
		text := readFile(t, path)
		if !strings.Contains(text, "theirs  IN A    192.0.2.99\n") || !strings.Contains(text, `ours`) {
			t.Errorf("a change was lost:\n%s", text)
		}
		if !strings.Contains(text, " 2026120100 ") {
			t.Errorf("serial not bumped once:\n%s", text)
		}
	})
	t.Run("keeps changing: refused", func(t *testing.T) {
		dir := copyExamples(t)
		p := newProvider(t, dir)
		path := filepath.Join(dir, "shop.example.zone")
		calls := 0
		p.beforeCommit = func(string) {
			calls++
			f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(f, "; edit %d\n", calls)
			f.Close()
		}
		_, err := p.SetRecords(ctx, "shop.example", []libdns.Record{libdns.TXT{Name: "ours", Text: "x"}})
		if !errors.Is(err, ErrConcurrentChange) {
			t.Fatalf("err = %v, want ErrConcurrentChange", err)
		}
		if text := readFile(t, path); strings.Contains(text, "ours") || !strings.HasSuffix(text, fmt.Sprintf("; edit %d\n", calls)) {
			t.Errorf("file:\n%s", text)
		}
	})
}

// TestAtomicReplace: a write that fails at any step leaves the original file
// and no temporary file; a successful one keeps the file's mode.
func TestAtomicReplace(t *testing.T) {
	ctx := context.Background()
	recs := []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 include:e-shopsmail2.com ~all"}}
	for _, step := range []string{"write", "sync", "rename"} {
		t.Run("fails at "+step, func(t *testing.T) {
			dir := copyExamples(t)
			p := newProvider(t, dir)
			p.fault = func(s string) error {
				if s == step {
					return errors.New("injected " + s + " failure")
				}
				return nil
			}
			path := filepath.Join(dir, "shop.example.zone")
			before := readFile(t, path)
			names := dirNames(t, dir)
			_, err := p.SetRecords(ctx, "shop.example", recs)
			if err == nil || !strings.Contains(err.Error(), "injected") {
				t.Fatalf("err = %v", err)
			}
			if readFile(t, path) != before {
				t.Error("the original file changed")
			}
			if got := dirNames(t, dir); !reflect.DeepEqual(got, names) {
				t.Errorf("files now %q, were %q", got, names)
			}
		})
	}
	t.Run("read-only directory", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes to read-only directories")
		}
		dir := copyExamples(t)
		p := newProvider(t, dir)
		path := filepath.Join(dir, "shop.example.zone")
		before := readFile(t, path)
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o755)
		if _, err := p.SetRecords(ctx, "shop.example", recs); err == nil {
			t.Fatal("no error")
		}
		if readFile(t, path) != before {
			t.Error("the original file changed")
		}
	})
	t.Run("mode kept, symbolic link followed", func(t *testing.T) {
		dir := copyExamples(t)
		real := t.TempDir()
		path := filepath.Join(real, "shop.example.zone")
		if err := os.Rename(filepath.Join(dir, "shop.example.zone"), path); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(path, filepath.Join(dir, "shop.example.zone")); err != nil {
			t.Skip("no symbolic links:", err)
		}
		if err := os.Chmod(path, 0o640); err != nil {
			t.Fatal(err)
		}
		p := newProvider(t, dir)
		if _, err := p.SetRecords(ctx, "shop.example", recs); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Lstat(filepath.Join(dir, "shop.example.zone"))
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
		}
		fi, err = os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o640 {
			t.Errorf("mode %v, want 0640 (%v)", fi.Mode(), err)
		}
		if !strings.Contains(readFile(t, path), "include:e-shopsmail2.com") {
			t.Error("not written through the link")
		}
		if got := dirNames(t, real); !reflect.DeepEqual(got, []string{"shop.example.zone"}) {
			t.Errorf("files left: %q", got)
		}
	})
}

func TestContextCancelled(t *testing.T) {
	dir := copyExamples(t)
	p := newProvider(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.GetRecords(ctx, "shop.example"); !errors.Is(err, context.Canceled) {
		t.Errorf("GetRecords: %v", err)
	}
	before := readFile(t, filepath.Join(dir, "shop.example.zone"))
	if _, err := p.SetRecords(ctx, "shop.example", []libdns.Record{libdns.TXT{Name: "x", Text: "y"}}); !errors.Is(err, context.Canceled) {
		t.Errorf("SetRecords: %v", err)
	}
	if readFile(t, filepath.Join(dir, "shop.example.zone")) != before {
		t.Error("file changed")
	}
}

func TestGetRRset(t *testing.T) {
	p := newProvider(t, copyExamples(t))
	ctx := context.Background()
	tests := []struct {
		name, zone, owner, rrtype string
		want                      []string
	}{
		{"apex by @", "shop.example", "@", "TXT", []string{"v=spf1 +ip4:192.0.2.0/24 ~all", "google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ", "MS=ms12345678"}},
		{"apex by empty name", "shop.example.", "", "txt", []string{"v=spf1 +ip4:192.0.2.0/24 ~all", "google-site-verification=rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ", "MS=ms12345678"}},
		{"relative name", "shop.example", "_dmarc", "TXT", []string{"v=DMARC1; p=none; rua=mailto:dmarc@shop.example"}},
		{"fully qualified name", "shop.example", "_DMARC.shop.example.", "TXT", []string{"v=DMARC1; p=none; rua=mailto:dmarc@shop.example"}},
		{"no such name", "shop.example", "nothing", "TXT", nil},
		{"other type", "shop.example", "www", "CNAME", []string{"shop.example."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := p.GetRRset(ctx, tt.zone, tt.owner, tt.rrtype)
			if err != nil {
				t.Fatal(err)
			}
			if recs == nil {
				t.Error("nil slice for an RRset")
			}
			var got []string
			for _, r := range recs {
				got = append(got, r.RR().Data)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRegistered(t *testing.T) {
	info, ok := providers.Lookup("zonefile")
	if !ok {
		t.Fatal("zonefile is not registered")
	}
	c := info.Caps
	if !c.AtomicReplace || !c.ExactDelete || !c.LongTXT || !c.Offline || !c.ListZones || c.Manual {
		t.Errorf("caps %+v", c)
	}
	if len(info.Settings) != 1 || info.Settings[0].Name != "zone-dir" || info.Settings[0].Env != "SPFPATCH_ZONE_DIR" || !info.Settings[0].Required {
		t.Errorf("settings %+v", info.Settings)
	}
	if _, _, err := providers.Open("zonefile", providers.Env{}); err == nil || !strings.Contains(err.Error(), "--zone-dir") {
		t.Errorf("Open without a directory: %v", err)
	}
	dir := copyExamples(t)
	prov, _, err := providers.Open("zonefile", providers.Env{Settings: map[string]string{"zone-dir": dir}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := prov.GetRecords(context.Background(), "shop.example"); err != nil {
		t.Error(err)
	}
	var _ interface {
		libdns.RecordGetter
		libdns.RecordSetter
		libdns.RecordAppender
		libdns.RecordDeleter
		libdns.ZoneLister
	} = (*Provider)(nil)
	_ = bytes.MinRead
}

func TestGetRecordsSkipsOtherClassesAndOutOfZone(t *testing.T) {
	dir := writeZones(t, map[string]string{"t.example": "$ORIGIN t.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 1 1 1 1\n@ IN TXT \"in\"\n@ CH TXT \"chaos\"\nt.example.net. IN TXT \"out\"\n"})
	recs, err := newProvider(t, dir).GetRecords(context.Background(), "t.example")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.RR().Type+" "+r.RR().Data)
	}
	want := []string{"SOA ns1.t.example. hostmaster.t.example. 1 1 1 1 1", "TXT in"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestRandomEdits makes random writes to a zone file laid out in every way
// the parser allows (blank owners, TTLs inherited without $TTL, relative
// $ORIGIN, parentheses, comments) and checks after each, with an
// independent parse, that the file holds exactly what a model of the libdns
// contract says.
func TestRandomEdits(t *testing.T) {
	const file = `; odd but valid
$ORIGIN t.example.
@ 3600 IN SOA ns1 hostmaster ( 7 ; serial
  3600 600 604800 300 )
  IN NS ns1
  IN TXT "v=spf1 -all"
a 300 IN A 192.0.2.1
  IN TXT "a1" ; comment
  IN TXT ( "a2"
    "more" )
$ORIGIN sub
b IN A 192.0.2.2
  600 IN TXT "b1"
c.t.example. IN AAAA 2001:db8::1
$TTL 120
d IN TXT "d1"
  IN A 192.0.2.4
`
	dir := writeZones(t, map[string]string{"t.example.zone": file})
	p := newProvider(t, dir)
	path := filepath.Join(dir, "t.example.zone")
	ctx := context.Background()

	// The model: every record but the SOA, as miekg prints it.
	model := map[string]bool{}
	for _, rr := range parseFile(t, path) {
		if rr.Header().Rrtype != dns.TypeSOA {
			model[rr.String()] = true
		}
	}
	canon := func(name string, ttl int, typ, data string) string {
		owner, _ := absOwner(name, "t.example.")
		if typ == "TXT" {
			data = quoteTXT(data)
		}
		rr, err := dns.NewRR(fmt.Sprintf("%s %d IN %s %s", owner, ttl, typ, data))
		if err != nil {
			t.Fatal(err)
		}
		return rr.String()
	}
	names := []string{"@", "a", "b.sub", "c", "d.sub", "new", "x.sub"}
	seed := uint64(1)
	rnd := func(n int) int { // a fixed sequence: the test is the same every run
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % n
	}
	for step := range 120 {
		name := names[rnd(len(names))]
		typ := []string{"TXT", "A"}[rnd(2)]
		ttl := []int{60, 300, 3600}[rnd(3)]
		var recs []libdns.Record
		var want []string
		for k := range rnd(3) + 1 {
			if typ == "TXT" {
				v := fmt.Sprintf(`v%d-%d "q" \ ;`, step, k)
				recs = append(recs, libdns.TXT{Name: name, TTL: time.Duration(ttl) * time.Second, Text: v})
				want = append(want, canon(name, ttl, typ, v))
			} else {
				ip := fmt.Sprintf("198.51.100.%d", rnd(5)+k*10)
				recs = append(recs, libdns.RR{Name: name, TTL: time.Duration(ttl) * time.Second, Type: "A", Data: ip})
				want = append(want, canon(name, ttl, typ, ip))
			}
		}
		owner, _ := absOwner(name, "t.example.")
		var op string
		var err error
		switch rnd(3) {
		case 0:
			op = "set"
			_, err = p.SetRecords(ctx, "t.example", recs)
			for k := range model {
				rr, _ := dns.NewRR(k)
				if strings.EqualFold(rr.Header().Name, owner) && dns.TypeToString[rr.Header().Rrtype] == typ {
					delete(model, k)
				}
			}
			for _, w := range want {
				model[w] = true
			}
		case 1:
			op = "append"
			_, err = p.AppendRecords(ctx, "t.example", recs)
			for _, w := range want {
				// A value already there (whatever its TTL) is not added again.
				nw, _ := dns.NewRR(w)
				there := false
				for k := range model {
					rr, _ := dns.NewRR(k)
					there = there || dns.IsDuplicate(rr, nw)
				}
				if !there {
					model[w] = true
				}
			}
		default:
			op = "delete"
			_, err = p.DeleteRecords(ctx, "t.example", []libdns.Record{libdns.RR{Name: name, Type: typ}})
			for k := range model {
				rr, _ := dns.NewRR(k)
				if strings.EqualFold(rr.Header().Name, owner) && dns.TypeToString[rr.Header().Rrtype] == typ {
					delete(model, k)
				}
			}
		}
		if err != nil {
			t.Fatalf("step %d %s %s %s: %v", step, op, name, typ, err)
		}
		got := map[string]bool{}
		for _, rr := range parseFile(t, path) {
			if rr.Header().Rrtype != dns.TypeSOA {
				got[rr.String()] = true
			}
		}
		if !reflect.DeepEqual(got, model) {
			var extra, missing []string
			for k := range got {
				if !model[k] {
					extra = append(extra, k)
				}
			}
			for k := range model {
				if !got[k] {
					missing = append(missing, k)
				}
			}
			t.Fatalf("step %d %s %s %s: file has extra %q, lacks %q\n%s", step, op, name, typ, extra, missing, readFile(t, path))
		}
	}
	if !strings.HasPrefix(readFile(t, path), "; odd but valid\n$ORIGIN t.example.\n") {
		t.Error("the head of the file changed")
	}
}
