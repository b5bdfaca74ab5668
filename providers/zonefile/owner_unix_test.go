//go:build unix

package zonefile

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/libdns/libdns"
)

// TestOwnerKept: a zone file owned by the name server's user stays so when
// root rewrites it.
func TestOwnerKept(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give files away")
	}
	dir := copyExamples(t)
	path := filepath.Join(dir, "shop.example.zone")
	if err := os.Chown(path, 4321, 4322); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
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
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != 4321 || st.Gid != 4322 || fi.Mode().Perm() != 0o640 {
		t.Errorf("owner %d:%d mode %v, want 4321:4322 0640", st.Uid, st.Gid, fi.Mode().Perm())
	}
}
