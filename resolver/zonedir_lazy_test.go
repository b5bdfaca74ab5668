package resolver

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
)

// reads counts, per file name, the reads of zone files in one directory:
// whole and only up to the SOA.
type reads struct {
	mu           sync.Mutex
	dir          string
	whole, sniff map[string]int
}

func countReads(t *testing.T, dir string) *reads {
	t.Helper()
	c := &reads{dir: dir, whole: map[string]int{}, sniff: map[string]int{}}
	h := func(path string, whole bool) {
		if filepath.Dir(path) != dir {
			return
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if whole {
			c.whole[filepath.Base(path)]++
		} else {
			c.sniff[filepath.Base(path)]++
		}
	}
	parseHook.Store(&h)
	t.Cleanup(func() { parseHook.Store(nil) })
	return c
}

func (c *reads) wholeReads() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := make(map[string]int, len(c.whole))
	for k, v := range c.whole {
		m[k] = v
	}
	return m
}

// offlineResolver is a resolver over dir whose nameserver never answers.
func offlineResolver(t *testing.T, dir string) *Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	r, err := New(Config{ZoneDir: dir, Nameservers: []string{pc.LocalAddr().String()}, Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// writeDir writes files into a new directory (writeZones of the external
// tests, which this package's tests cannot call).
func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// addShops adds n shop zone files sNN.example.zone, each with the TXT
// record "shop N", to files, and returns the shop domains in order.
func addShops(files map[string]string, n int) []string {
	var names []string
	for i := range n {
		files[fmt.Sprintf("s%02d.example.zone", i)] = fmt.Sprintf("@ 300 IN SOA ns h 1 2 3 4 5\n@ 300 IN TXT \"shop %d\"\n", i)
		names = append(names, fmt.Sprintf("s%02d.example", i))
	}
	return names
}

// Issue 13 (zonefile): a zone file is read whole only when a question falls
// into its zone; the listing reads a file named for its zone only up to its
// SOA. Files whose names do not tell their zone are read whole at the
// listing, so every zone is where it was (names in a zone whose file is
// named otherwise, a zone inside another held by a file named otherwise),
// and the parses kept are bounded: one dropped is read again when needed.
func TestZoneDirReadsFilesWhenNeeded(t *testing.T) {
	files := map[string]string{
		"example.com.zone": "$TTL 300\n@ IN SOA ns h 1 2 3 4 5\n@ IN TXT \"v=spf1 -all\"\nwww IN TXT \"www\"\ndeep IN TXT \"shadowed by sub.zone\"\n",
		"other.test.db":    "$ORIGIN other.test.\n@ 300 IN SOA ns h 1 2 3 4 5\ntarget 300 IN TXT \"in other\"\n",
		// Named otherwise: read whole at the listing.
		"misc.zone":      "realname.test. 300 IN SOA ns.realname.test. h.realname.test. 1 2 3 4 5\nrealname.test. 300 IN TXT \"named by its SOA\"\n",
		"db.example.net": "$ORIGIN example.net.\n@ 300 IN SOA ns h 1 2 3 4 5\nmail 300 IN TXT \"bind style\"\n",
		"sub.zone":       "$ORIGIN deep.example.com.\n@ 300 IN SOA ns h 1 2 3 4 5\n@ 300 IN TXT \"from sub.zone\"\nx 300 IN TXT \"x from sub.zone\"\n",
		// Broken after its SOA: found by its name, its error seen when asked.
		"broken.example.zone": "@ 300 IN SOA ns h 1 2 3 4 5\n@ IN TXT \"unterminated\n",
	}
	addShops(files, 20)
	dir := writeDir(t, files)
	c := countReads(t, dir)
	r := offlineResolver(t, dir)
	ctx := context.Background()

	wantWhole := map[string]int{"misc.zone": 1, "db.example.net": 1, "sub.zone": 1}
	if got := c.wholeReads(); !reflect.DeepEqual(got, wantWhole) {
		t.Fatalf("read whole at start: %v, want %v", got, wantWhole)
	}
	c.mu.Lock()
	sniffed := len(c.sniff)
	c.mu.Unlock()
	if want := len(files) - len(wantWhole); sniffed != want {
		t.Fatalf("%d files read up to their SOA, want %d", sniffed, want)
	}

	expect := func(t *testing.T, name string, want ...string) {
		t.Helper()
		got, err := r.LookupTXT(ctx, name)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("LookupTXT(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
	answers := []struct {
		name string
		want []string
	}{
		{"example.com", []string{"v=spf1 -all"}},
		{"www.example.com", []string{"www"}},
		{"deep.example.com", []string{"from sub.zone"}},
		{"x.deep.example.com", []string{"x from sub.zone"}},
		{"target.other.test", []string{"in other"}},
		{"realname.test", []string{"named by its SOA"}},
		{"mail.example.net", []string{"bind style"}},
		{"s07.example", []string{"shop 7"}},
	}
	expect(t, "s03.example", "shop 3")
	wantWhole["s03.example.zone"] = 1
	if got := c.wholeReads(); !reflect.DeepEqual(got, wantWhole) {
		t.Fatalf("after one lookup, read whole: %v, want %v", got, wantWhole)
	}
	for _, a := range answers {
		expect(t, a.name, a.want...)
	}
	for _, a := range answers { // again: from the parses kept
		expect(t, a.name, a.want...)
	}
	wantWhole["example.com.zone"] = 1
	wantWhole["other.test.db"] = 1
	wantWhole["s07.example.zone"] = 1
	if got := c.wholeReads(); !reflect.DeepEqual(got, wantWhole) {
		t.Fatalf("read whole: %v, want %v (each once, only those asked about)", got, wantWhole)
	}
	_, err := r.LookupTXT(ctx, "broken.example")
	var de *net.DNSError
	if !errors.As(err, &de) || !de.IsTemporary || !strings.Contains(err.Error(), "broken.example.zone, line 2") {
		t.Fatalf("broken file: %v", err)
	}

	// A cache of one parse: every file is read again when needed, and the
	// answers are the same.
	r.zones.cache.mu.Lock()
	r.zones.cache.budget, r.zones.cache.limit = 1, 1
	r.zones.cache.mu.Unlock()
	before := c.wholeReads()
	expect(t, "s11.example", "shop 11") // a new parse: the others are dropped
	for range 2 {
		for _, a := range answers {
			expect(t, a.name, a.want...)
		}
	}
	after := c.wholeReads()
	for _, f := range []string{"example.com.zone", "misc.zone", "sub.zone", "s07.example.zone"} {
		if after[f] <= before[f] {
			t.Errorf("%s not read again with a cache of one (reads %d then %d)", f, before[f], after[f])
		}
	}
	r.zones.cache.mu.Lock()
	kept := len(r.zones.cache.queue)
	r.zones.cache.mu.Unlock()
	if kept > 1 {
		t.Errorf("%d parses kept over a budget of 1 byte, want 1", kept)
	}
	if s := r.Stats(); s.Sent != 0 {
		t.Errorf("Sent = %d, want 0", s.Sent)
	}

	// Allowed to grow: the zones asked about again (their parses made
	// again after being dropped) are kept from then on.
	r.zones.cache.mu.Lock()
	r.zones.cache.limit = 1 << 20
	r.zones.cache.mu.Unlock()
	for _, a := range answers {
		expect(t, a.name, a.want...)
	}
	before = c.wholeReads()
	for _, a := range answers {
		expect(t, a.name, a.want...)
	}
	if after := c.wholeReads(); !reflect.DeepEqual(after, before) {
		t.Errorf("read again after the cache grew: %v, then %v", before, after)
	}
}

// KeepZones keeps every parse made, whatever the budget: each file is read
// whole once.
func TestZoneDirKeepZones(t *testing.T) {
	files := map[string]string{}
	names := addShops(files, 30)
	dir := writeDir(t, files)
	c := countReads(t, dir)
	r := offlineResolver(t, dir)
	r.zones.cache.mu.Lock()
	r.zones.cache.budget, r.zones.cache.limit = 1, 1
	r.zones.cache.mu.Unlock()
	r.KeepZones()
	ctx := context.Background()
	for pass := range 3 {
		for i, n := range names {
			got, err := r.LookupTXT(ctx, n)
			if want := []string{fmt.Sprintf("shop %d", i)}; err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("pass %d: LookupTXT(%s) = %q, %v; want %q", pass, n, got, err, want)
			}
		}
	}
	for f, n := range c.wholeReads() {
		if n != 1 {
			t.Errorf("%s read whole %d times, want once", f, n)
		}
	}
	if got := len(c.wholeReads()); got != len(files) {
		t.Errorf("%d files read whole, want %d", got, len(files))
	}
}

// A zone defined by two files is still found so when neither was read
// whole (the listing reads every file up to its SOA): a backup copy
// beside a zone file fails its names, as when every file was read whole.
func TestZoneDirDuplicateFoundWithoutReadingWhole(t *testing.T) {
	zone := "@ 300 IN SOA ns h 1 2 3 4 5\n@ 300 IN TXT \"v=spf1 -all\"\n"
	dir := writeDir(t, map[string]string{
		"shop.example.zone":      zone,
		"shop.example.zone.orig": "$ORIGIN shop.example.\n" + zone,
	})
	r := offlineResolver(t, dir)
	_, err := r.LookupTXT(context.Background(), "shop.example")
	if err == nil || !strings.Contains(err.Error(), "zone shop.example. is defined by both") {
		t.Fatalf("err = %v, want the zone defined twice", err)
	}
}

// A file rewritten after the listing and before it is first read whole,
// keeping its size and time, to hold another zone: the zone moves, and
// its old zone is no longer answered from it.
func TestZoneDirChangedBeforeFirstRead(t *testing.T) {
	dir := writeDir(t, map[string]string{
		"example.com.zone": "$ORIGIN example.com.\n@ 300 IN SOA ns h 1 2 3 4 5\n@ 300 IN TXT \"old\"\n",
	})
	path := filepath.Join(dir, "example.com.zone")
	c := countReads(t, dir)
	r := offlineResolver(t, dir)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("$ORIGIN examplx.com.\n@ 300 IN SOA ns h 1 2 3 4 5\n@ 300 IN TXT \"new\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if got, err := r.LookupTXT(ctx, "example.com"); err == nil {
		t.Fatalf("example.com = %q from a file that holds another zone now", got)
	}
	if got, err := r.LookupTXT(ctx, "examplx.com"); err != nil || !reflect.DeepEqual(got, []string{"new"}) {
		t.Fatalf("examplx.com = %q, %v", got, err)
	}
	if got := c.wholeReads()["example.com.zone"]; got < 2 {
		t.Errorf("read whole %d times, want the failed read and the read at the listing", got)
	}
}

// Config.KeepZones (apply): every file is read whole once, when the
// directory is listed, never up to its SOA first; lookups read nothing more.
func TestZoneDirConfigKeepZones(t *testing.T) {
	files := map[string]string{}
	names := addShops(files, 30)
	dir := writeDir(t, files)
	c := countReads(t, dir)
	r, err := New(Config{ZoneDir: dir, KeepZones: true, Nameservers: []string{"127.0.0.1:1"}, Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(c.wholeReads()); got != len(files) {
		t.Errorf("%d files read whole at the start, want %d", got, len(files))
	}
	ctx := context.Background()
	for pass := range 2 {
		for i, n := range names {
			got, err := r.LookupTXT(ctx, n)
			if want := []string{fmt.Sprintf("shop %d", i)}; err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("pass %d: LookupTXT(%s) = %q, %v; want %q", pass, n, got, err, want)
			}
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for f, n := range c.whole {
		if n != 1 {
			t.Errorf("%s read whole %d times, want once", f, n)
		}
	}
	if len(c.sniff) != 0 {
		t.Errorf("files read up to their SOA: %v, want none", c.sniff)
	}
}
