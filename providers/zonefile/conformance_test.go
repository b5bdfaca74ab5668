package zonefile

import (
	"strings"
	"testing"

	"github.com/libdns/libdns/libdnstest"
)

// TestConformance runs libdns's own provider test suite (libdnstest) against
// a zone file: it appends, sets and deletes A, AAAA, CAA, CNAME, HTTPS, MX,
// NS, SRV, SVCB and TXT records and checks each against GetRecords.
func TestConformance(t *testing.T) {
	dir := writeZones(t, map[string]string{"example.com.zone": `; a zone for libdnstest
$ORIGIN example.com.
$TTL 3600
@   IN SOA ns1 hostmaster 2026010100 3600 600 604800 300
@   IN NS  ns1
@   IN TXT "v=spf1 -all"
ns1 IN A   192.0.2.53
`})
	p := newProvider(t, dir)
	before := readFile(t, dir+"/example.com.zone")
	libdnstest.NewTestSuite(p, "example.com.").RunTests(t)

	// Every line that was there is as it was, but for the SOA serial. (The
	// suite's clean-up only deletes names starting with "test-", so its SRV
	// and SVCB records, named "_service._tcp.test-..." stay.)
	onlyBefore, _ := lineDiff(before, readFile(t, dir+"/example.com.zone"))
	if len(onlyBefore) != 1 || !strings.Contains(onlyBefore[0], " SOA ") {
		t.Errorf("lines changed besides the SOA: %q", onlyBefore)
	}
}
