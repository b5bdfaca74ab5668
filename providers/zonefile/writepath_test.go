package zonefile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

const tokZone = `$ORIGIN tok.example.
$TTL 300
@ IN SOA ns1 hostmaster 1 3600 600 86400 300
@ IN NS ns1
ns1 IN A 192.0.2.1
@ IN TXT "v=spf1 -all"
@ IN TXT "token=abc"
@ IN TXT "token=" "abc"
`

// Issue 10 point 4: TXT records are kept as records. GetRRset gives each
// record's strings; a write handed the records with their strings (as
// plan does) keeps two records whose joined texts are equal, and changes
// only the one SPF line.
func TestTXTRecordsKeptWithTheirStrings(t *testing.T) {
	dir := writeZones(t, map[string]string{"tok.example.zone": tokZone})
	p := newProvider(t, dir)
	ctx := context.Background()
	recs, err := p.GetRRset(ctx, "tok.example", "@", "TXT")
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	var next []libdns.Record
	for _, r := range recs {
		txt := r.(TXT)
		got = append(got, txt.Strings)
		if strings.HasPrefix(txt.Text, "v=spf1") {
			next = append(next, libdns.TXT{Name: "@", TTL: txt.TTL, Text: "v=spf1 include:e-shopsmail2.com -all"})
			continue
		}
		next = append(next, txt)
	}
	if want := [][]string{{"v=spf1 -all"}, {"token=abc"}, {"token=", "abc"}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("strings %q, want %q", got, want)
	}
	if _, err := p.SetRecords(ctx, "tok.example", next); err != nil {
		t.Fatal(err)
	}
	text := readFile(t, filepath.Join(dir, "tok.example.zone"))
	if want := strings.Replace(strings.Replace(tokZone, "1 3600", "2 3600", 1), `"v=spf1 -all"`, `"v=spf1 include:e-shopsmail2.com -all"`, 1); text != want {
		t.Fatalf("file:\n%s\nwant:\n%s", text, want)
	}
	// Deleting one of the two by its strings leaves the other.
	if _, err := p.DeleteRecords(ctx, "tok.example", []libdns.Record{TXT{TXT: libdns.TXT{Name: "@", Text: "token=abc"}, Strings: []string{"token=", "abc"}}}); err != nil {
		t.Fatal(err)
	}
	if text := readFile(t, filepath.Join(dir, "tok.example.zone")); !strings.Contains(text, "@ IN TXT \"token=abc\"\n") || strings.Contains(text, `"token=" "abc"`) {
		t.Fatalf("file:\n%s", text)
	}
}

// Issue 10 point 9 and issue 11 point 8: $GENERATE and $INCLUDE are refused
// when the file is read, each with its own error naming the line; a file
// that does not parse is named with its line, never its content; files
// that hold no zone asked for are never read.
func TestZoneFilesReadOnlyWhenNeeded(t *testing.T) {
	dir := copyExamples(t)
	files := map[string]string{
		"gen.example.zone": "$ORIGIN gen.example.\n$TTL 300\n@ IN SOA ns1 h 1 1 1 1 1\n@ IN TXT \"v=spf1 -all\"\n$GENERATE 1-3 host$ A 192.0.2.$\n",
		"inc.example.zone": "$ORIGIN inc.example.\n$TTL 300\n@ IN SOA ns1 h 1 1 1 1 1\n; a comment\n@ IN TXT \"v=spf1 -all\"\n$include other.inc\n",
		"bad.example.zone": "$ORIGIN bad.example.\n$TTL 300\n@ IN SOA ns1 h 1 1 1 1 1\nwww IN A SECRET-IN-ZONE\n",
		"secret.token":     "cf_api_token SECRET-TOKEN-123 x\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A FIFO holds no zone: opening it would block, so reading it would hang
	// this test.
	if err := mkfifo(filepath.Join(dir, "pipe.example.zone")); err != nil {
		t.Skip("no FIFOs:", err)
	}
	p := newProvider(t, dir)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		if got := txtSet(t, p, "shop.example", "@"); len(got) != 3 {
			t.Errorf("shop.example: %q", got)
		}
		if _, err := p.ListZones(ctx); err != nil {
			t.Errorf("ListZones: %v", err)
		}
		for _, tc := range []struct {
			zone, code, key, want string
			line                  int
		}{
			{"gen.example", CodeUnsupported, "zonefile.generate", "$GENERATE", 5},
			{"inc.example", CodeUnsupported, "zonefile.include", "$INCLUDE", 6},
			{"bad.example", CodeZoneFile, "zonefile.syntax", "not valid zone file syntax", 4},
		} {
			_, err := p.GetRRset(ctx, tc.zone, "@", "TXT")
			var fe *FileError
			if !errors.As(err, &fe) || fe.Code != tc.code || fe.Key != tc.key || !strings.Contains(err.Error(), tc.want) ||
				fe.Args[1] != tc.line || !strings.Contains(err.Error(), tc.zone+".zone") {
				t.Errorf("%s: %v (%+v)", tc.zone, err, fe)
			}
			if err != nil && strings.Contains(err.Error(), "SECRET") {
				t.Errorf("%s: the error quotes the file: %v", tc.zone, err)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("a file holding no zone asked for was opened (the FIFO blocked)")
	}
}

// The English texts of FileError are the catalog's.
func TestFileErrorTextsAreTheCatalogs(t *testing.T) {
	for key, en := range englishText {
		if !i18n.Has(key) {
			t.Errorf("%s: not in the catalog", key)
			continue
		}
		args := make([]any, strings.Count(en, "%"))
		for i := range args {
			args[i] = "X"
		}
		if got := (i18n.Printer{}).T(key, args...); !strings.HasPrefix(got, strings.SplitN(en, "%", 2)[0]) {
			t.Errorf("%s: catalog %q, provider %q", key, got, en)
		}
		if (i18n.Printer{}).T(key) == "" {
			t.Errorf("%s: empty", key)
		}
	}
}

// Issue 13: a file is parsed once a run (and again only when it changed),
// once more for each write; LockZone and the read-back after a write do not
// parse.
func TestParsedOncePerRun(t *testing.T) {
	dir := copyExamples(t)
	p := newProvider(t, dir)
	p.KeepParses()
	ctx := context.Background()
	n0 := parses.Load()
	for range 3 {
		for _, z := range []string{"shop.example", "busy.example", "patched.example"} {
			if _, err := p.GetRRset(ctx, z, "@", "TXT"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := parses.Load() - n0; n != 3 {
		t.Fatalf("3 files read three times: %d parses, want 3", n)
	}
	lctx, unlock, err := p.LockZone(ctx, "shop.example")
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := p.GetRRset(lctx, "shop.example", "@", "TXT")
	if _, err := p.SetRecords(lctx, "shop.example", append(recs[1:], libdns.TXT{Name: "@", Text: "v=spf1 include:e-shopsmail2.com ~all"})); err != nil {
		t.Fatal(err)
	}
	back, _ := p.GetRRset(lctx, "shop.example", "@", "TXT")
	unlock()
	if n := parses.Load() - n0; n != 4 {
		t.Fatalf("after one write: %d parses, want 4", n)
	}
	if len(back) != 3 {
		t.Fatalf("read back %v", back)
	}
	// Changed on disk by someone else: parsed again, once.
	path := filepath.Join(dir, "busy.example.zone")
	if err := os.WriteFile(path, append([]byte(readFile(t, path)), "x IN A 192.0.2.9\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := p.GetRRset(ctx, "busy.example", "@", "TXT"); err != nil {
			t.Fatal(err)
		}
	}
	if n := parses.Load() - n0; n != 5 {
		t.Fatalf("after a change on disk: %d parses, want 5", n)
	}
}

// Issue 10 point 6: a zone file the user could not write (0444, even for
// root), or one with another hard link, is not replaced; nothing changes.
func TestUnsafeFilesRefused(t *testing.T) {
	ctx := context.Background()
	recs := []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 include:e-shopsmail2.com ~all"}}
	t.Run("read-only", func(t *testing.T) {
		dir := copyExamples(t)
		path := filepath.Join(dir, "shop.example.zone")
		before := readFile(t, path)
		if err := os.Chmod(path, 0o444); err != nil {
			t.Fatal(err)
		}
		_, err := newProvider(t, dir).SetRecords(ctx, "shop.example", recs)
		var fe *FileError
		if !errors.As(err, &fe) || fe.Key != "zonefile.read-only" || fe.Code != CodeUnsafe {
			t.Fatalf("err = %v", err)
		}
		fi, _ := os.Stat(path)
		if readFile(t, path) != before || fi.Mode().Perm() != 0o444 {
			t.Fatal("the file changed")
		}
	})
	t.Run("hard link", func(t *testing.T) {
		dir := copyExamples(t)
		path := filepath.Join(dir, "shop.example.zone")
		before := readFile(t, path)
		other := filepath.Join(t.TempDir(), "copy")
		if err := os.Link(path, other); err != nil {
			t.Skip("no hard links:", err)
		}
		_, err := newProvider(t, dir).SetRecords(ctx, "shop.example", recs)
		var fe *FileError
		if !errors.As(err, &fe) || fe.Key != "zonefile.hard-links" {
			t.Fatalf("err = %v", err)
		}
		a, _ := os.Stat(path)
		b, _ := os.Stat(other)
		if readFile(t, path) != before || !os.SameFile(a, b) {
			t.Fatal("the file or its link changed")
		}
	})
}

// Issue 10 point 6: the replacement keeps the file's mode and extended
// attributes (a user attribute, a POSIX ACL).
func TestAttributesKept(t *testing.T) {
	dir := copyExamples(t)
	path := filepath.Join(dir, "shop.example.zone")
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	attrs := setTestXattrs(t, path)
	p := newProvider(t, dir)
	if _, err := p.SetRecords(context.Background(), "shop.example", []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 ~all"}}); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if got := readFile(t, path); !strings.Contains(got, `"v=spf1 ~all"`) {
		t.Fatalf("not written:\n%s", got)
	}
	if want := os.FileMode(0o640); attrs["system.posix_acl_access"] == nil && fi.Mode().Perm() != want {
		t.Errorf("mode %v, want %v", fi.Mode().Perm(), want)
	}
	for name, val := range attrs {
		if got := getTestXattr(t, path, name); !reflect.DeepEqual(got, val) {
			t.Errorf("%s = %q, want %q", name, got, val)
		}
	}
}

// Issue 10 point 8: temporary files left by killed runs are removed once
// their zone file's lock is held; one whose file another holder has locked
// stays. Only spfpatch's own names are swept (.NAME.spfpatch-tmp, and
// earlier versions' .NAME.spfpatch-DIGITS), and one whose zone file is gone
// only once it is an hour old (issue 10 review, nit 16).
func TestStaleTemporaryFilesSwept(t *testing.T) {
	dir := copyExamples(t)
	stale := []string{".shop.example.zone.spfpatch-1234567", ".shop.example.zone.spfpatch-tmp", ".nospf.example.zone.spfpatch-7654321", ".gone.example.zone.spfpatch-tmp"}
	keep := []string{
		".busy.example.zone.spfpatch-tmp",     // another run is writing busy.example
		".nospf.example.zone.spfpatch-AbCd12", // not a name spfpatch gives
		".fresh.example.zone.spfpatch-tmp",    // its zone file is gone, but it is new
		".notes.txt.spfpatch-x",               // not ours
	}
	other := newProvider(t, dir) // another run, writing busy.example now
	_, ounlock, err := other.LockZone(context.Background(), "busy.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range append(stale, keep...) {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("half a zone"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(filepath.Join(dir, ".gone.example.zone.spfpatch-tmp"), old, old); err != nil {
		t.Fatal(err)
	}
	p := newProvider(t, dir)
	_, unlock, err := p.LockZone(context.Background(), "shop.example")
	if err != nil {
		t.Fatal(err)
	}
	unlock()
	ounlock()
	var left []string
	for _, n := range dirNames(t, dir) {
		if strings.Contains(n, ".spfpatch-") {
			left = append(left, n)
		}
	}
	sort.Strings(keep)
	if !reflect.DeepEqual(left, keep) {
		t.Fatalf("left %q, want %q", left, keep)
	}
}

// Writers of one file wait for each other's lock (flock, as separate
// processes would) and lose nothing; the journal's barrier runs before
// the rename, and a failing one leaves the file as it was.
func TestLockAndBarrier(t *testing.T) {
	dir := copyExamples(t)
	path := filepath.Join(dir, "shop.example.zone")
	a, b := newProvider(t, dir), newProvider(t, dir)
	ctx := context.Background()
	actx, unlock, err := a.LockZone(ctx, "shop.example")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	bDone := make(chan error, 1)
	go func() {
		defer wg.Done()
		_, err := b.SetRecords(ctx, "shop.example", []libdns.Record{libdns.TXT{Name: "b", Text: "from b"}})
		bDone <- err
	}()
	select {
	case err := <-bDone:
		t.Fatalf("b wrote while a held the lock: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	var barrierRan bool
	bctx := a.WithCommitBarrier(actx, func() error {
		barrierRan = true
		if strings.Contains(readFile(t, path), "from a") {
			t.Error("renamed before the barrier")
		}
		return nil
	})
	if _, err := a.SetRecords(bctx, "shop.example", []libdns.Record{libdns.TXT{Name: "a", Text: "from a"}}); err != nil || !barrierRan {
		t.Fatalf("%v, barrier ran %v", err, barrierRan)
	}
	unlock()
	wg.Wait()
	if err := <-bDone; err != nil {
		t.Fatal(err)
	}
	if text := readFile(t, path); !strings.Contains(text, "from a") || !strings.Contains(text, "from b") {
		t.Fatalf("a write was lost:\n%s", text)
	}
	// A failing barrier: no rename, no temporary file.
	before := readFile(t, path)
	actx, unlock, _ = a.LockZone(ctx, "shop.example")
	_, err = a.SetRecords(a.WithCommitBarrier(actx, func() error { return errors.New("journal full") }), "shop.example",
		[]libdns.Record{libdns.TXT{Name: "c", Text: "from c"}})
	unlock()
	if err == nil || readFile(t, path) != before {
		t.Fatalf("err %v; file changed: %v", err, readFile(t, path) != before)
	}
	for _, n := range dirNames(t, dir) {
		if strings.Contains(n, ".spfpatch-") {
			t.Errorf("temporary file left: %s", n)
		}
	}
}

// A program that rewrites the file without the lock, while spfpatch holds
// it, makes the write under LockZone fail rather than overwrite its change.
func TestChangedUnderTheLockRefused(t *testing.T) {
	dir := copyExamples(t)
	path := filepath.Join(dir, "shop.example.zone")
	p := newProvider(t, dir)
	p.beforeCommit = func(string) {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("theirs IN A 192.0.2.99\n")
		f.Close()
	}
	lctx, unlock, err := p.LockZone(context.Background(), "shop.example")
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.SetRecords(lctx, "shop.example", []libdns.Record{libdns.TXT{Name: "ours", Text: "x"}})
	unlock()
	if !errors.Is(err, ErrConcurrentChange) {
		t.Fatalf("err = %v", err)
	}
	if text := readFile(t, path); strings.Contains(text, "ours") || !strings.Contains(text, "theirs") {
		t.Fatalf("file:\n%s", text)
	}
}
