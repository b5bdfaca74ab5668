package resolver_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/resolver"
)

// Issue 10 review, point 9: a zone file rewritten into one that cannot be
// read alone (it no longer parses, or now holds another zone) is not
// answered from its old parse: lookups see the change.
func TestZoneDirRewriteNotServedStale(t *testing.T) {
	for name, tc := range map[string]struct {
		text        string
		other       string // a name the new file answers
		otherAnswer []string
	}{
		"broken":     {text: "@ 300 IN SOA ns hostmaster 2 2 3 4 5\n@ 300 IN TXT \"v=spf1 -all\"\nwww IN A not-an-address\n"},
		"other zone": {text: "$ORIGIN other.test.\n@ 300 IN SOA ns hostmaster 2 2 3 4 5\n@ 300 IN TXT \"moved\"\n", other: "other.test", otherAnswer: []string{"moved"}},
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeZones(t, map[string]string{
				"example.com.zone": "@ 300 IN SOA ns hostmaster 1 2 3 4 5\n@ 300 IN TXT \"v=spf1 -all\"\n",
			})
			path := filepath.Join(dir, "example.com.zone")
			r := newResolver(t, resolver.Config{ZoneDir: dir, Timeout: 100 * time.Millisecond}, silentAddr(t))
			ctx := context.Background()
			if got, err := r.LookupTXT(ctx, "example.com"); err != nil || !reflect.DeepEqual(got, []string{"v=spf1 -all"}) {
				t.Fatalf("%q %v", got, err)
			}
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			for i := range 3 { // and stays seen
				if got, err := r.LookupTXT(ctx, "example.com"); err == nil {
					t.Fatalf("lookup %d: %q from the old parse of a file that changed", i, got)
				}
			}
			// Mended: seen at once too.
			if err := os.WriteFile(path, []byte("@ 300 IN SOA ns hostmaster 3 2 3 4 5\n@ 300 IN TXT \"v=spf1 mx -all\"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if got, err := r.LookupTXT(ctx, "example.com"); err != nil || !reflect.DeepEqual(got, []string{"v=spf1 mx -all"}) {
				t.Fatalf("mended: %q %v", got, err)
			}
			if tc.other != "" {
				if err := os.WriteFile(filepath.Join(dir, "other.test.zone"), []byte(tc.text), 0o644); err != nil {
					t.Fatal(err)
				}
				if got, err := r.LookupTXT(ctx, tc.other); err != nil || !reflect.DeepEqual(got, tc.otherAnswer) {
					t.Fatalf("%s: %q %v", tc.other, got, err)
				}
			}
		})
	}
}
