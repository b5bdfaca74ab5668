package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"net/netip"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/realdns"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// check's hand-written JSON lines are encoding/json's, byte for byte, for
// every kind of result: each realCase with and without --ip and --include,
// a malformed name with --ip, names that do not resolve.
func TestCheckJSONLineMatchesEncodingJSON(t *testing.T) {
	addr := serveZones(t, append(testZones(), realdns.Zone{Name: "v6.test.", Text: v6Zone})...)
	res, err := resolver.New(resolver.Config{Nameservers: []string{addr}, Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ck := &spfcheck.Checker{Resolver: res, DefaultExplanation: "see <https://example.com/?a=1&b=2> \u2028"}
	names := []string{"shop.v6.test", "nxdomain.shop.test", "[192.0.2.1]"}
	for _, c := range realCases {
		names = append(names, c.name)
	}
	n := 0
	for _, name := range names {
		for _, run := range []*checkRun{
			{Format: "json"},
			{Format: "json", Includes: []string{"e-shopsmail2.com", "_spf.partner.test"}, IP: netip.MustParseAddr("10.9.9.9"), HasIP: true},
			{Format: "json", IP: netip.MustParseAddr("2001:db8::2"), HasIP: true, Sender: "\"odd\"@x"},
		} {
			a, err := run.args(name)
			if err != nil {
				continue
			}
			r := checkDomain(context.Background(), ck, a)
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
			if got := r.appendJSON(nil); !bytes.Equal(got, buf.Bytes()) {
				t.Errorf("%s:\n got %s\nwant %s", name, got, buf.Bytes())
			}
			n++
		}
	}
	if n < 40 {
		t.Fatalf("only %d results compared", n)
	}
}
