//go:build unix

package zonefile

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/libdns/libdns"
)

// Issue 10 review, point 5: a FIFO (or a link) where the sweep of stale
// temporary files looks for a zone file is never opened: the sweep does
// not hang (with the zone's lock held), and leaves such names alone.
func TestSweepNeverOpensFIFOs(t *testing.T) {
	dir := copyExamples(t)
	evil := filepath.Join(dir, "evil")
	if err := mkfifo(evil); err != nil {
		t.Skip(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "busy.example.zone"), link); err != nil {
		t.Fatal(err)
	}
	temps := []string{".evil.spfpatch-x", ".evil.spfpatch-tmp", ".evil.spfpatch-123", ".link.spfpatch-tmp"}
	for _, n := range temps {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// A FIFO named as a temporary file is not removed either.
	if err := mkfifo(filepath.Join(dir, ".shop.example.zone.spfpatch-9")); err != nil {
		t.Fatal(err)
	}
	p := newProvider(t, dir)
	done := make(chan error, 1)
	go func() {
		_, err := p.SetRecords(context.Background(), "shop.example", []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 ~all"}})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		// Unblock the open that hangs, so the test binary can end.
		go func() {
			if f, err := os.OpenFile(evil, os.O_WRONLY, 0); err == nil {
				f.Close()
			}
		}()
		t.Fatal("the write hangs: the sweep opened the FIFO")
	}
	for _, n := range append(temps, ".shop.example.zone.spfpatch-9") {
		if _, err := os.Lstat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	if got := readFile(t, filepath.Join(dir, "shop.example.zone")); !strings.Contains(got, `"v=spf1 ~all"`) {
		t.Fatalf("not written:\n%s", got)
	}
}

// Issue 10 review, point 6: in a set-group-ID directory (Debian's
// /etc/bind is root:bind 2755) a new file takes the directory's group; the
// replacement of a zone file still gets the file's own group.
func TestGroupKeptInSetgidDir(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give directories away")
	}
	dir := copyExamples(t)
	const dirGID = 65534
	if err := os.Chown(dir, 0, dirGID); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "shop.example.zone")
	if err := os.Chown(path, 0, 0); err != nil {
		t.Fatal(err)
	}
	p := newProvider(t, dir)
	if _, err := p.SetRecords(context.Background(), "shop.example", []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 ~all"}}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 0 || st.Gid != 0 || fi.Mode().Perm() != 0o644 {
		t.Errorf("owner %d:%d mode %v, want 0:0 0644", st.Uid, st.Gid, fi.Mode().Perm())
	}
}

// Issue 10 review, point 10: a record written twice in a file is one
// record of the zone (RFC 2181 §5): read once, and a write that keeps it
// keeps both lines.
func TestDuplicateRecordReadOnce(t *testing.T) {
	const text = "$ORIGIN dup.example.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n" +
		"@ IN TXT \"v=spf1 -all\"\n@ IN TXT \"dup\"\n@ IN TXT \"dup\"\n"
	dir := writeZones(t, map[string]string{"dup.example.zone": text})
	p := newProvider(t, dir)
	ctx := context.Background()
	recs, err := p.GetRRset(ctx, "dup.example", "@", "TXT")
	if err != nil || len(recs) != 2 {
		t.Fatalf("%d records %v", len(recs), err)
	}
	all, _ := p.GetRecords(ctx, "dup.example")
	n := 0
	for _, r := range all {
		if r.RR().Data == "dup" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("GetRecords: %d dup records", n)
	}
	if _, err := p.SetRecords(ctx, "dup.example", []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 mx -all"}, recs[1]}); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(strings.Replace(text, "1 3600", "2 3600", 1), `"v=spf1 -all"`, `"v=spf1 mx -all"`, 1)
	if got := readFile(t, filepath.Join(dir, "dup.example.zone")); got != want {
		t.Fatalf("file:\n%s\nwant:\n%s", got, want)
	}
	// Dropping the record drops both of its lines.
	if _, err := p.SetRecords(ctx, "dup.example", []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 mx -all"}}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "dup.example.zone")); strings.Contains(got, "dup\"") {
		t.Fatalf("file:\n%s", got)
	}
}
