package resolver_test

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/resolver"
)

const exampleZone = `$TTL 300
@          IN SOA   ns1 hostmaster 1 7200 3600 1209600 300
@          IN NS    ns1
@          IN TXT   "v=spf1 -all"
@          IN MX    10 mx
ns1        IN A     192.0.2.1
mx         IN A     192.0.2.2
www        IN CNAME @
chain      IN CNAME www
alias      IN CNAME target.other.test.
*.wild     IN TXT   "wild"
*.wild     IN A     192.0.2.9
exact.wild IN TXT   "exact"
a.b.ent    IN TXT   "deep"
spaced\032name IN TXT "spaced"
sub        IN NS    ns.sub
ns.sub     IN A     192.0.2.53
elsewhere.example.net. IN TXT "out of zone, ignored"
`

// writeZones writes files into a new directory and returns it.
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

func TestZoneDir(t *testing.T) {
	dir := writeZones(t, map[string]string{
		"example.com.zone":    exampleZone,
		"other.test.db":       "$ORIGIN other.test.\n@ 300 IN SOA ns hostmaster 1 2 3 4 5\ntarget 300 IN TXT \"in other\"\n",
		"misc.zone":           "realname.test. 300 IN SOA ns.realname.test. h.realname.test. 1 2 3 4 5\nrealname.test. 300 IN TXT \"named by its SOA\"\n",
		"nosoa.example":       "$TTL 60\n@ IN TXT \"no soa\"\n",
		"broken.example.zone": "@ IN SOA ns hostmaster 1 2 3 4 5\n@ IN TXT \"unterminated\n",
		".hidden.test.zone":   "@ 300 IN SOA ns hostmaster 1 2 3 4 5\n@ IN TXT \"hidden\"\n",
	})
	exampleFile := "zone file " + filepath.Join(dir, "example.com.zone")
	r := newResolver(t, resolver.Config{ZoneDir: dir, Timeout: 200 * time.Millisecond}, silentAddr(t))
	ctx := context.Background()

	txt := func(name string) (any, error) { return r.LookupTXT(ctx, name) }
	ip4 := func(name string) (any, error) { return r.LookupNetIP(ctx, "ip4", name) }
	tests := []struct {
		name     string
		lookup   func(string) (any, error)
		qname    string
		want     any
		sentinel error  // for a failure
		server   string // the error's Server, when set
	}{
		{"apex TXT", txt, "example.com", []string{"v=spf1 -all"}, nil, ""},
		{"case folded", txt, "EXAMPLE.Com.", []string{"v=spf1 -all"}, nil, ""},
		{"MX", func(n string) (any, error) {
			mx, err := r.LookupMX(ctx, n)
			if err != nil {
				return nil, err
			}
			return *mx[0], nil
		}, "example.com", net.MX{Host: "mx.example.com.", Pref: 10}, nil, ""},
		{"NS", func(n string) (any, error) { return r.LookupNS(ctx, n) }, "example.com", []string{"ns1.example.com."}, nil, ""},
		{"NXDOMAIN", txt, "nope.example.com", nil, resolver.ErrNXDOMAIN, exampleFile},
		{"NODATA", func(n string) (any, error) { return r.LookupNetIP(ctx, "ip6", n) }, "example.com", nil, resolver.ErrNODATA, exampleFile},
		{"empty non-terminal is NODATA", txt, "b.ent.example.com", nil, resolver.ErrNODATA, exampleFile},
		{"below an empty non-terminal", txt, "a.b.ent.example.com", []string{"deep"}, nil, ""},
		{"wildcard TXT", txt, "anything.wild.example.com", []string{"wild"}, nil, ""},
		{"wildcard two labels down", txt, "x.y.wild.example.com", []string{"wild"}, nil, ""},
		{"wildcard A", ip4, "foo.wild.example.com", []netip.Addr{netip.MustParseAddr("192.0.2.9")}, nil, ""},
		{"wildcard without the type", func(n string) (any, error) { return r.LookupMX(ctx, n) }, "foo.wild.example.com", nil, resolver.ErrNODATA, exampleFile},
		{"existing name beats wildcard", txt, "exact.wild.example.com", []string{"exact"}, nil, ""},
		{"no wildcard for an existing name's other types", ip4, "exact.wild.example.com", nil, resolver.ErrNODATA, exampleFile},
		{"no wildcard at the parent", txt, "wild.example.com", nil, resolver.ErrNODATA, exampleFile},
		{"CNAME followed", txt, "www.example.com", []string{"v=spf1 -all"}, nil, ""},
		{"CNAME chain", txt, "chain.example.com", []string{"v=spf1 -all"}, nil, ""},
		{"CNAME into another file", txt, "alias.example.com", []string{"in other"}, nil, ""},
		{"escaped owner", txt, "spaced name.example.com", []string{"spaced"}, nil, ""},
		{"zone named by its SOA", txt, "realname.test", []string{"named by its SOA"}, nil, ""},
		{"zone without SOA", txt, "nosoa.example", []string{"no soa"}, nil, ""},
		{"NXDOMAIN without SOA", txt, "x.nosoa.example", nil, resolver.ErrNXDOMAIN, ""},
		{"CNAME", func(n string) (any, error) {
			target, ok, err := r.LookupCNAME(ctx, n)
			return []any{target, ok}, err
		}, "www.example.com", []any{"example.com.", true}, nil, ""},
		{"FindZone", func(n string) (any, error) { return r.FindZone(ctx, n) }, "a.b.c.example.com", "example.com.", nil, ""},
		{"FindZone in another file", func(n string) (any, error) { return r.FindZone(ctx, n) }, "target.other.test", "other.test.", nil, ""},
		{"FindZone of a zone named by its SOA", func(n string) (any, error) { return r.FindZone(ctx, n) }, "x.realname.test", "realname.test.", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.lookup(tt.qname)
			if tt.sentinel != nil {
				de := asDNSError(t, err)
				if !errors.Is(err, tt.sentinel) || !de.IsNotFound || de.IsTemporary {
					t.Errorf("err = %v, want not found %v", err, tt.sentinel)
				}
				if tt.server != "" && de.Server != tt.server {
					t.Errorf("Server = %q, want %q", de.Server, tt.server)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
	if s := r.Stats(); s.Sent != 0 || s.Offline == 0 {
		t.Errorf("Stats = %+v: offline answers must not touch the network", s)
	}

	t.Run("unparsable file", func(t *testing.T) {
		_, err := r.LookupTXT(ctx, "broken.example")
		de := asDNSError(t, err)
		if !de.IsTemporary || de.IsNotFound || !strings.Contains(err.Error(), "broken.example.zone") {
			t.Errorf("err = %v, want temporary naming the file", err)
		}
		if err := r.ReloadZones(); err == nil || !strings.Contains(err.Error(), "broken.example.zone") {
			t.Errorf("ReloadZones = %v, want the parse error", err)
		}
	})
	networkBound := []struct{ name, qname string }{
		{"hidden file ignored", "hidden.test"},
		{"out-of-zone record ignored", "elsewhere.example.net"},
		{"delegation in the file", "sub.example.com"},
		{"below a delegation", "x.sub.example.com"},
		{"outside every zone", "example.org"},
	}
	for _, tt := range networkBound {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := r.LookupTXT(ctx, tt.qname)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			if de := asDNSError(t, err); !de.IsTemporary || !de.IsTimeout {
				t.Errorf("err = %v, want a timeout from the unreachable nameserver", err)
			}
		})
	}
}

func TestZoneDirReload(t *testing.T) {
	dir := writeZones(t, map[string]string{
		"example.com.zone": "@ 300 IN SOA ns hostmaster 1 2 3 4 5\n@ 300 IN TXT \"v=spf1 -all\"\n",
	})
	path := filepath.Join(dir, "example.com.zone")
	r := newResolver(t, resolver.Config{ZoneDir: dir, Timeout: 100 * time.Millisecond}, silentAddr(t))
	ctx := context.Background()
	expect := func(t *testing.T, name string, want ...string) {
		t.Helper()
		got, err := r.LookupTXT(ctx, name)
		if want == nil {
			if err == nil {
				t.Fatalf("LookupTXT(%s) = %q, want an error", name, got)
			}
			return
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("LookupTXT(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
	write := func(t *testing.T, p, text string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	expect(t, "example.com", "v=spf1 -all")
	t.Run("rewrite in place", func(t *testing.T) {
		write(t, path, "@ 300 IN SOA ns hostmaster 2 2 3 4 5\n@ 300 IN TXT \"v=spf1 include:e-shopsmail2.com -all\"\n")
		expect(t, "example.com", "v=spf1 include:e-shopsmail2.com -all")
	})
	t.Run("atomic rename", func(t *testing.T) {
		tmp := filepath.Join(dir, ".example.com.zone.tmp")
		write(t, tmp, "@ 300 IN SOA ns hostmaster 3 2 3 4 5\n@ 300 IN TXT \"v=spf1 ~all\"\n")
		if err := os.Rename(tmp, path); err != nil {
			t.Fatal(err)
		}
		expect(t, "example.com", "v=spf1 ~all")
	})
	t.Run("same size and mtime needs Forget", func(t *testing.T) {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		write(t, path, "@ 300 IN SOA ns hostmaster 3 2 3 4 5\n@ 300 IN TXT \"v=spf1 -all\"\n")
		if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
			t.Fatal(err)
		}
		expect(t, "example.com", "v=spf1 ~all") // same stamp: the old data stays
		r.Forget("www.example.com")
		expect(t, "example.com", "v=spf1 -all")
	})
	t.Run("new file", func(t *testing.T) {
		write(t, filepath.Join(dir, "new.test.zone"), "@ 300 IN SOA ns hostmaster 1 2 3 4 5\n@ 300 IN TXT \"new\"\n")
		expect(t, "new.test", "new")
	})
	t.Run("removed file", func(t *testing.T) {
		if err := os.Remove(filepath.Join(dir, "new.test.zone")); err != nil {
			t.Fatal(err)
		}
		expect(t, "new.test") // now asked of the unreachable nameserver
	})
	t.Run("Flush", func(t *testing.T) {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		write(t, path, "@ 300 IN SOA ns hostmaster 3 2 3 4 5\n@ 300 IN TXT \"v=spf1 +all\"\n")
		if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
			t.Fatal(err)
		}
		r.Flush()
		expect(t, "example.com", "v=spf1 +all")
	})
	t.Run("concurrent readers during rewrites", func(t *testing.T) {
		var wg sync.WaitGroup
		stop := make(chan struct{})
		for range 8 {
			wg.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					got, err := r.LookupTXT(ctx, "example.com")
					if err == nil && (len(got) != 1 || !strings.HasPrefix(got[0], "v=spf1")) {
						t.Errorf("got %q", got)
					}
				}
			})
		}
		for i := range 20 {
			tmp := filepath.Join(dir, ".swap")
			write(t, tmp, "@ 300 IN SOA ns hostmaster 4 2 3 4 5\n@ 300 IN TXT \"v=spf1 ip4:192.0.2."+strings.Repeat("1", i%3+1)+" -all\"\n")
			if err := os.Rename(tmp, path); err != nil {
				t.Fatal(err)
			}
		}
		close(stop)
		wg.Wait()
		expect(t, "example.com", "v=spf1 ip4:192.0.2."+strings.Repeat("1", 19%3+1)+" -all")
	})
	if s := r.Stats(); s.Sent != 2 {
		t.Errorf("Sent = %d, want 2 (the removed zone's name, asked twice)", s.Sent)
	}
}
