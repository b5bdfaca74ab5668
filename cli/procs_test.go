package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/miekg/dns"
)

// Helpers of the tests that run the real spfpatch binary in many processes
// (concurrency, crash, signals).

// wpBuildBinary builds spfpatch into a temporary directory (the Go build
// cache makes every build after the first one quick).
func wpBuildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the spfpatch binary: not with -short")
	}
	// SPFPATCH_TEST_BINARY runs these tests against another build (to see
	// them fail on an older one).
	if b := os.Getenv("SPFPATCH_TEST_BINARY"); b != "" {
		return b
	}
	bin := filepath.Join(t.TempDir(), "spfpatch")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/spfpatch/spfpatch")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// wpShopZone is the zone file text of generated shop i: an SPF record without
// the platform's include, a verification string, and other records.
func wpShopZone(i int) string {
	return fmt.Sprintf(`; generated shop %[1]d
$ORIGIN s%05[1]d.example.
$TTL 3600
@	IN SOA	ns1 hostmaster ( 2026010101 3600 600 604800 300 )
@	IN NS	ns1
@	IN MX	10 mail
@	IN TXT	"v=spf1 mx ~all"
@	IN TXT	"google-site-verification=token%05[1]d"
ns1	IN A	192.0.2.1
mail	IN A	192.0.2.2
www	IN CNAME	@
`, i)
}

// wpShopName is the domain of generated shop i.
func wpShopName(i int) string { return fmt.Sprintf("s%05d.example", i) }

// wpWriteShops writes n generated shop zones and the platform's zone into a
// new directory, and a domains file listing the shops.
func wpWriteShops(t *testing.T, n int) (dir, domains string) {
	t.Helper()
	dir = t.TempDir()
	b, err := os.ReadFile("../examples/zones/e-shopsmail2.com.zone")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "e-shopsmail2.com.zone"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	var list strings.Builder
	for i := 1; i <= n; i++ {
		if err := os.WriteFile(filepath.Join(dir, wpShopName(i)+".zone"), []byte(wpShopZone(i)), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&list, wpShopName(i))
	}
	domains = filepath.Join(t.TempDir(), "domains.txt")
	if err := os.WriteFile(domains, []byte(list.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, domains
}

// wpParseZone parses a zone file independently of the code under test and
// returns its records as text (SOA serial zeroed, sorted) and the serial.
func wpParseZone(path string) (rrs []string, serial uint32, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	zp := dns.NewZoneParser(bytes.NewReader(data), "", "")
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		if soa, ok := rr.(*dns.SOA); ok {
			serial = soa.Serial
			soa.Serial = 0
		}
		rrs = append(rrs, rr.String())
	}
	if err := zp.Err(); err != nil {
		return nil, 0, err
	}
	sort.Strings(rrs)
	return rrs, serial, nil
}

// wpTempFiles lists the spfpatch temporary files in dir.
func wpTempFiles(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, de := range des {
		if strings.Contains(de.Name(), ".spfpatch-") {
			out = append(out, de.Name())
		}
	}
	return out
}
