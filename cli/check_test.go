package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/internal/realdns"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// End-to-end tests of spfpatch check through run(). Every DNS message goes to
// 127.0.0.1: the example zone files (--zone-dir), a UDP socket that never
// answers, a real NSD, or an in-process miekg/dns server.

// checkJSON is one line of `check --format json`.
type checkJSON struct {
	Domain       string     `json:"domain"`
	Target       string     `json:"target"`
	Record       string     `json:"record"`
	Status       string     `json:"status"`
	Lookups      int        `json:"lookups"`
	VoidLookups  int        `json:"void_lookups"`
	LimitOK      bool       `json:"limit_ok"`
	Tree         *treeJSON  `json:"tree"`
	Errors       []string   `json:"errors"`
	Warnings     []warnJSON `json:"warnings"`
	WithIncludes *afterJSON `json:"with_includes"`
	Result       *string    `json:"result"`
	Explanation  *string    `json:"explanation"`
	Mechanism    string     `json:"mechanism"`
	IP           string     `json:"ip"`
	Sender       string     `json:"sender"`
	Message      string     `json:"message"`
	keys         map[string]bool
}

type treeJSON struct {
	Term        string      `json:"term"`
	Domain      string      `json:"domain"`
	Record      string      `json:"record"`
	Cost        int         `json:"cost"`
	Lookups     int         `json:"lookups"`
	Void        bool        `json:"void"`
	VoidLookups int         `json:"void_lookups"`
	Note        string      `json:"note"`
	Error       string      `json:"error"`
	Children    []*treeJSON `json:"children"`
}

type warnJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

type afterJSON struct {
	Includes    []string `json:"includes"`
	Record      string   `json:"record"`
	Status      string   `json:"status"`
	Lookups     int      `json:"lookups"`
	VoidLookups int      `json:"void_lookups"`
	LimitOK     bool     `json:"limit_ok"`
	Errors      []string `json:"errors"`
}

// decodeCheck decodes the single JSON line of a check and asserts the keys
// SPEC.md requires of every check object.
func decodeCheck(t *testing.T, out string) checkJSON {
	t.Helper()
	if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
		t.Fatalf("want exactly one JSON line, got %q", out)
	}
	var c checkJSON
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	c.keys = map[string]bool{}
	for k := range raw {
		c.keys[k] = true
	}
	for _, k := range []string{"domain", "record", "status", "lookups", "void_lookups", "limit_ok", "tree", "errors", "warnings", "message"} {
		if !c.keys[k] {
			t.Errorf("JSON lacks %q: %s", k, out)
		}
	}
	for _, k := range []string{"errors", "warnings"} {
		if string(raw[k]) == "null" {
			t.Errorf("%q is null, want an array: %s", k, out)
		}
	}
	if c.Tree == nil || c.Tree.Term != c.Domain || c.Tree.Lookups != c.Lookups || c.Tree.VoidLookups != c.VoidLookups {
		t.Errorf("tree root does not match the totals: %s", out)
	}
	return c
}

// silentDNS is a UDP socket on 127.0.0.1 that reads queries and never answers.
type silentDNS struct {
	Addr     string
	received atomic.Int64
}

func newSilentDNS(t *testing.T) *silentDNS {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &silentDNS{Addr: pc.LocalAddr().String()}
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 65536)
		for {
			if _, _, err := pc.ReadFrom(buf); err != nil {
				return
			}
			s.received.Add(1)
		}
	}()
	t.Cleanup(func() { pc.Close(); <-done })
	return s
}

func (s *silentDNS) Received() int64 { return s.received.Load() }

// offline runs check on examples/zones with a nameserver that never answers:
// every name the examples use must resolve from the zone files.
func offline(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	t.Setenv("SPFPATCH_INCLUDE", "")
	t.Setenv("SPFPATCH_NAMESERVER", "")
	silent := newSilentDNS(t)
	start := time.Now()
	out, errOut, code := runCLI(t, append([]string{"check", "--zone-dir", "../examples/zones", "--nameserver", silent.Addr, "--dns-timeout", "300ms"}, args...)...)
	if n := silent.Received(); n != 0 {
		t.Errorf("%d queries went to the network; the example zones should answer everything offline", n)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("offline check took %v", d)
	}
	return out, errOut, code
}

func TestCheckExamplesText(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // substrings of stdout, in order
	}{
		{"shop", []string{"shop.example"}, []string{
			"shop.example  OK\n", `record: "v=spf1 +ip4:192.0.2.0/24 ~all"`, "lookups 0 of 10, void lookups 0 of 2",
			"the record is valid and uses 0 of 10 DNS lookups"}},
		{"busy with the include", []string{"--include", "e-shopsmail2.com", "busy.example"}, []string{
			"busy.example  OK\n",
			// the two character-strings joined with nothing between them
			`record: "v=spf1 a mx include:_spf.google.providers.example include:spf.outlook.providers.example include:sendgrid.providers.example -all"`,
			"lookups 9 of 10",
			"include:_spf.google.providers.example              4",
			"include:_netblocks3.google.providers.example     1",
			"with include:e-shopsmail2.com:",
			"lookups 9 -> 10 of 10 (ok)"}},
		{"full refused", []string{"--include", "e-shopsmail2.com", "full.example"}, []string{
			"full.example  OK\n", "lookups 10 of 10",
			"lookups 10 -> 11 of 10 (REFUSED: 11 DNS lookups, over the limit of 10; costliest: include:_spf.google.providers.example (4), include:spf.outlook.providers.example (2), a (1))"}},
		{"nospf", []string{"nospf.example"}, []string{
			"nospf.example  NONE\n", "lookups 0 of 10", "nospf.example has no SPF record", "spfpatch plan --create --provider manual --zone-dir ", " nospf.example"}},
		{"patched pass", []string{"--ip", "203.0.113.7", "--sender", "info@shop.example", "patched.example"}, []string{
			"patched.example  OK\n", "lookups 2 of 10", "void lookups 1 of 2 (for IPv4 senders 0, for IPv6 senders 1)", "mx", "(1 MX host(s), 1 without AAAA records: void lookups for IPv6 senders)",
			`check_host(203.0.113.7, info@shop.example): pass (matched "include:e-shopsmail2.com")`}},
		{"shop softfail", []string{"--ip", "203.0.113.7", "shop.example"}, []string{
			`check_host(203.0.113.7, postmaster@shop.example): softfail (matched "~all")`}},
		{"default explanation", []string{"--ip", "203.0.113.7", "--default-explanation", "%{i} may not send for %{d}: see https://help.example/spf", "busy.example"}, []string{
			`check_host(203.0.113.7, postmaster@busy.example): fail (matched "-all")`,
			"explanation: 203.0.113.7 may not send for busy.example: see https://help.example/spf"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := offline(t, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			rest := out
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("stdout lacks (after the previous match) %q:\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
			if tc.name == "shop" && strings.Contains(out, "lookup tree") {
				t.Errorf("a record with no lookups shows an empty lookup tree:\n%s", out)
			}
			if shown, fail := strings.Contains(out, "explanation:"), strings.Contains(out, "): fail"); shown != fail {
				t.Errorf("the explanation line should be shown for a fail and only then:\n%s", out)
			}
		})
	}
}

func TestCheckExamplesJSON(t *testing.T) {
	t.Run("shop", func(t *testing.T) {
		out, _, code := offline(t, "--format", "json", "shop.example")
		c := decodeCheck(t, out)
		if code != 0 || c.Domain != "shop.example" || c.Record != "v=spf1 +ip4:192.0.2.0/24 ~all" || c.Status != "ok" ||
			c.Lookups != 0 || c.VoidLookups != 0 || !c.LimitOK || len(c.Errors) != 0 {
			t.Fatalf("exit %d: %+v", code, c)
		}
		for _, k := range []string{"with_includes", "result", "explanation"} {
			if c.keys[k] {
				t.Errorf("%q present without --include/--ip: %s", k, out)
			}
		}
	})
	t.Run("busy 9 -> 10", func(t *testing.T) {
		out, _, code := offline(t, "--format", "json", "--include", "e-shopsmail2.com", "busy.example")
		c := decodeCheck(t, out)
		want := "v=spf1 a mx include:_spf.google.providers.example include:spf.outlook.providers.example include:sendgrid.providers.example -all"
		if code != 0 || c.Record != want || c.Status != "ok" || c.Lookups != 9 || !c.LimitOK {
			t.Fatalf("exit %d: %+v", code, c)
		}
		w := c.WithIncludes
		if w == nil || !reflect.DeepEqual(w.Includes, []string{"e-shopsmail2.com"}) || w.Lookups != 10 || !w.LimitOK || w.Status != "ok" ||
			w.Record != strings.TrimSuffix(want, "-all")+"include:e-shopsmail2.com -all" || len(w.Errors) != 0 {
			t.Fatalf("with_includes %+v", w)
		}
		// The tree: a, mx and three includes; google's costs 4 with three children.
		var costly []string
		for _, k := range c.Tree.Children {
			if k.Lookups > 0 {
				costly = append(costly, fmt.Sprintf("%s=%d", k.Term, k.Lookups))
			}
		}
		if got := strings.Join(costly, " "); got != "a=1 mx=1 include:_spf.google.providers.example=4 include:spf.outlook.providers.example=2 include:sendgrid.providers.example=1" {
			t.Fatalf("tree %s", got)
		}
		g := c.Tree.Children[2]
		if g.Cost != 1 || g.Domain != "_spf.google.providers.example" || len(g.Children) != 4 || g.Children[0].Lookups != 1 {
			t.Fatalf("google subtree %+v", g)
		}
	})
	t.Run("full 10 -> 11 refused", func(t *testing.T) {
		out, _, code := offline(t, "--format", "json", "--include", "e-shopsmail2.com", "full.example")
		c := decodeCheck(t, out)
		if code != 0 || c.Status != "ok" || c.Lookups != 10 || !c.LimitOK {
			t.Fatalf("exit %d: %+v", code, c)
		}
		w := c.WithIncludes
		if w == nil || w.Lookups != 11 || w.LimitOK || w.Status != "permerror" || len(w.Errors) != 1 {
			t.Fatalf("with_includes %+v", w)
		}
		for _, s := range []string{"11 DNS lookups", "limit of 10", "include:_spf.google.providers.example (4)", "include:spf.outlook.providers.example (2)"} {
			if !strings.Contains(w.Errors[0], s) {
				t.Errorf("refusal %q lacks %q", w.Errors[0], s)
			}
		}
	})
	t.Run("nospf", func(t *testing.T) {
		out, _, code := offline(t, "--format", "json", "--include", "e-shopsmail2.com", "nospf.example")
		c := decodeCheck(t, out)
		if code != 0 || c.Status != "none" || c.Record != "" || c.Lookups != 0 || !c.LimitOK || len(c.Errors) != 0 {
			t.Fatalf("exit %d: %+v", code, c)
		}
		if w := c.WithIncludes; w == nil || w.Record != "v=spf1 include:e-shopsmail2.com ~all" || w.Lookups != 1 || w.Status != "ok" {
			t.Fatalf("with_includes %+v", w)
		}
	})
	t.Run("name absent from its zone is none", func(t *testing.T) {
		out, _, code := offline(t, "--format", "json", "missing.shop.example")
		if c := decodeCheck(t, out); code != 0 || c.Status != "none" {
			t.Fatalf("exit %d: %+v", code, c)
		}
	})
	t.Run("patched pass", func(t *testing.T) {
		out, _, code := offline(t, "--format", "json", "--ip", "203.0.113.7", "--sender", "info@shop.example", "patched.example")
		c := decodeCheck(t, out)
		if code != 0 || c.Status != "ok" || c.Lookups != 2 || c.Result == nil || *c.Result != "pass" ||
			c.Explanation == nil || *c.Explanation != "" || c.Mechanism != "include:e-shopsmail2.com" ||
			c.IP != "203.0.113.7" || c.Sender != "info@shop.example" {
			t.Fatalf("exit %d: %s", code, out)
		}
	})
	t.Run("sender address target, IPv6", func(t *testing.T) {
		out, _, code := offline(t, "--format", "json", "--ip", "2001:db8:e5::25", "info@patched.example")
		c := decodeCheck(t, out)
		if code != 0 || c.Domain != "patched.example" || c.Target != "info@patched.example" || c.Sender != "info@patched.example" ||
			c.Result == nil || *c.Result != "pass" {
			t.Fatalf("exit %d: %s", code, out)
		}
	})
	t.Run("shop softfail and pass", func(t *testing.T) {
		out, _, code := offline(t, "--format", "json", "--ip", "203.0.113.7", "shop.example")
		c := decodeCheck(t, out)
		if code != 0 || c.Result == nil || *c.Result != "softfail" || c.Mechanism != "~all" || c.Explanation == nil || *c.Explanation != "" {
			t.Fatalf("exit %d: %s", code, out)
		}
		out, _, code = offline(t, "--format", "json", "--ip", "192.0.2.77", "shop.example")
		if c := decodeCheck(t, out); code != 0 || *c.Result != "pass" || c.Mechanism != "+ip4:192.0.2.0/24" {
			t.Fatalf("exit %d: %s", code, out)
		}
	})
	t.Run("fail with explanations", func(t *testing.T) {
		out, _, code := offline(t, "--format", "json", "--ip", "203.0.113.7", "busy.example")
		c := decodeCheck(t, out)
		if code != 0 || *c.Result != "fail" || c.Mechanism != "-all" ||
			*c.Explanation != "busy.example does not designate 203.0.113.7 as a permitted sender for postmaster@busy.example" {
			t.Fatalf("exit %d: %s", code, out)
		}
		out, _, code = offline(t, "--format", "json", "--ip", "203.0.113.7", "--sender", "orders@busy.example",
			"--default-explanation", "Mail from %{s} via %{i} is not allowed", "busy.example")
		c = decodeCheck(t, out)
		if code != 0 || *c.Result != "fail" || *c.Explanation != "Mail from orders@busy.example via 203.0.113.7 is not allowed" {
			t.Fatalf("exit %d: %s", code, out)
		}
	})
	t.Run("trailing dot and upper case", func(t *testing.T) {
		out, _, code := offline(t, "--format", "json", "BUSY.Example.")
		if c := decodeCheck(t, out); code != 0 || c.Domain != "busy.example" || c.Lookups != 9 {
			t.Fatalf("exit %d: %s", code, out)
		}
	})
}

func TestCheckUsageErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"no target", []string{}, []string{"check needs a TARGET"}},
		{"flag after the target", []string{"shop.example", "--format", "json"}, []string{"flags go before"}},
		{"bad ip", []string{"--ip", "203.0.113", "shop.example"}, []string{`--ip "203.0.113" is not an IP address`}},
		{"free-mail address", []string{"info@gmail.com"}, []string{"gmail.com", "belongs to the mail provider", "shop's own domain"}},
		{"free-mail domain", []string{"yahoo.co.jp"}, []string{"yahoo.co.jp", "shop's own domain"}},
		{"not a domain", []string{"localhost"}, []string{"at least one dot"}},
		{"url", []string{"https://shop.example/"}, []string{"not a URL"}},
		{"bad format", []string{"--format", "yaml", "shop.example"}, []string{"text or json"}},
		{"bad include", []string{"--include", "nodot", "shop.example"}, []string{"nodot"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := offline(t, tc.args...)
			if code != 1 || out != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 1 and nothing on stdout", code, out, errOut)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr %q lacks %q", errOut, s)
				}
			}
		})
	}
}

// A domain whose TXT lookup times out cannot be checked at all: exit 1,
// promptly, with the reason, in both formats.
func TestCheckUnresolvableExits1(t *testing.T) {
	t.Setenv("SPFPATCH_INCLUDE", "")
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			silent := newSilentDNS(t)
			start := time.Now()
			out, errOut, code := runCLI(t, "check", "--zone-dir", "../examples/zones", "--nameserver", silent.Addr,
				"--dns-timeout", "300ms", "--format", format, "--include", "e-shopsmail2.com", "unknown-shop.test")
			d := time.Since(start)
			if code != 1 {
				t.Fatalf("exit %d, want 1; stdout %q stderr %q", code, out, errOut)
			}
			if d > 2*time.Second {
				t.Errorf("took %v with a 300ms timeout", d)
			}
			if d < 300*time.Millisecond {
				t.Errorf("took %v: did it wait for the nameserver at all?", d)
			}
			if silent.Received() < 1 {
				t.Errorf("the nameserver got no query")
			}
			if !strings.Contains(errOut, "unknown-shop.test: cannot be resolved") || !strings.Contains(errOut, silent.Addr) {
				t.Errorf("stderr %q", errOut)
			}
			if format == "json" {
				c := decodeCheck(t, out)
				if c.Status != "temperror" || c.Record != "" || len(c.Errors) == 0 || c.WithIncludes != nil {
					t.Errorf("%+v", c)
				}
			} else if !strings.Contains(out, "unknown-shop.test  TEMPERROR") {
				t.Errorf("stdout %q", out)
			}
		})
	}
}

// ---- against a real authoritative server ----

// The data served: two zones, the shop's record including through the
// partner's zone.
const shopZone = `$ORIGIN shop.test.
$TTL 300
@        IN SOA  ns1.shop.test. hostmaster.shop.test. ( 2026112501 3600 600 604800 300 )
@        IN NS   ns1.shop.test.
ns1      IN A    127.0.0.1
@        IN A    192.0.2.10
@        IN MX   10 mx1.shop.test.
@        IN MX   20 mx2.shop.test.
@        IN MX   30 mx3.shop.test.
mx1      IN A    192.0.2.21
mx2      IN A    192.0.2.22
mx3      IN AAAA 2001:db8:5::23
; the apex TXT RRset: verification strings around the SPF record
@        IN TXT  "google-site-verification=Zq3vT0k-8s0b9X1yLrJpQm4NcWd7EaFhU2gIiOoSsKk"
@        IN TXT  "v=spf1 mx include:_spf.shop.test include:spf.partner.test ~all"
@        IN TXT  "MS=ms44556677"
_spf     IN TXT  "v=spf1 ip4:198.51.100.0/24 include:spf.partner.test -all"
void     IN TXT  "v=spf1 a:gone.shop.test exists:txtonly.shop.test ip4:192.0.2.1 -all"
txtonly  IN TXT  "not an spf record"
voids3   IN TXT  "v=spf1 a:gone1.shop.test a:gone2.shop.test mx:gone3.shop.test ip4:192.0.2.1 -all"
loop     IN TXT  "v=spf1 include:loop.partner.test -all"
over     IN TXT  "v=spf1 mx:shop.test a:shop.test include:_spf.shop.test include:spf.partner.test a:mx1.shop.test a:mx2.shop.test a:mx1.shop.test/24 include:long.shop.test ~all"
long     IN TXT  "v=spf1 ip4:192.0.2.0/28 ip4:192.0.2.16/28 ip4:192.0.2.32/28 ip4:192.0.2.48/28 ip4:192.0.2.64/28 ip4:192.0.2.80/28 ip4:192.0.2.96/28 ip4:192.0.2.112/28 ip4:192.0.2.128/28 ip4:192.0.2.144/28 " "ip4:198.51.100.0/28 ip4:198.51.100.16/28 ip4:198.51.100.32/28 ip6:2001:db8:2::/48 include:spf.partner.test ~all"
two      IN TXT  "v=spf1 ip4:192.0.2.0/24 -all"
two      IN TXT  "v=spf1 include:spf.partner.test -all"
refused  IN TXT  "v=spf1 ip4:192.0.2.0/24 include:spf.elsewhere.test ~all"
`

const partnerZone = `$ORIGIN partner.test.
$TTL 300
@        IN SOA  ns1.partner.test. hostmaster.partner.test. ( 2026112501 3600 600 604800 300 )
@        IN NS   ns1.partner.test.
ns1      IN A    127.0.0.1
spf      IN TXT  "v=spf1 include:_nb.partner.test ~all"
_nb      IN TXT  "v=spf1 ip4:203.0.113.0/25 ip6:2001:db8:77::/48 -all"
loop     IN TXT  "v=spf1 include:loop.shop.test ~all"
`

func testZones() []realdns.Zone {
	return []realdns.Zone{{Name: "shop.test.", Text: shopZone}, {Name: "partner.test.", Text: partnerZone}}
}

// serveZones answers authoritatively for zones from an in-process miekg/dns
// server on 127.0.0.1 (UDP and TCP): the records of the asked type, NODATA
// and NXDOMAIN with the SOA, REFUSED outside the zones, as NSD does.
func serveZones(t *testing.T, zones ...realdns.Zone) string {
	t.Helper()
	type zone struct {
		origin string
		soa    dns.RR
		rrs    map[string][]dns.RR // owner (lower case, FQDN) -> records
	}
	var zs []*zone
	for _, z := range zones {
		zz := &zone{origin: strings.ToLower(dns.Fqdn(z.Name)), rrs: map[string][]dns.RR{}}
		zp := dns.NewZoneParser(strings.NewReader(z.Text), zz.origin, "")
		for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
			owner := strings.ToLower(rr.Header().Name)
			zz.rrs[owner] = append(zz.rrs[owner], rr)
			if rr.Header().Rrtype == dns.TypeSOA {
				zz.soa = rr
			}
		}
		if err := zp.Err(); err != nil {
			t.Fatalf("zone %s: %v", z.Name, err)
		}
		zs = append(zs, zz)
	}
	handler := dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(req)
		if len(req.Question) != 1 {
			m.Rcode = dns.RcodeFormatError
			_ = w.WriteMsg(m)
			return
		}
		q := req.Question[0]
		name := strings.ToLower(q.Name)
		var z *zone
		for _, c := range zs {
			if dns.IsSubDomain(c.origin, name) && (z == nil || len(c.origin) > len(z.origin)) {
				z = c
			}
		}
		if z == nil {
			m.Rcode = dns.RcodeRefused
			_ = w.WriteMsg(m)
			return
		}
		m.Authoritative = true
		for _, rr := range z.rrs[name] {
			if rr.Header().Rrtype == q.Qtype {
				m.Answer = append(m.Answer, dns.Copy(rr))
			}
		}
		if len(m.Answer) == 0 {
			exists := len(z.rrs[name]) > 0
			for owner := range z.rrs {
				exists = exists || strings.HasSuffix(owner, "."+name)
			}
			if !exists {
				m.Rcode = dns.RcodeNameError
			}
			m.Ns = []dns.RR{dns.Copy(z.soa)}
		}
		dnstest.WriteMsg(w, req, m)
	})
	return dnstest.ServeDNS(t, handler)
}

// realCase is one name checked against every source of the same data.
type realCase struct {
	name        string
	ip          string // empty: accounting only
	status      string
	lookups     int
	voids       int
	limitOK     bool
	result      string // with ip
	mechanism   string
	record      string // "" to skip the check
	errContains string // a substring of the errors
}

const longRecord = "v=spf1 ip4:192.0.2.0/28 ip4:192.0.2.16/28 ip4:192.0.2.32/28 ip4:192.0.2.48/28 ip4:192.0.2.64/28 ip4:192.0.2.80/28 ip4:192.0.2.96/28 ip4:192.0.2.112/28 ip4:192.0.2.128/28 ip4:192.0.2.144/28 " +
	"ip4:198.51.100.0/28 ip4:198.51.100.16/28 ip4:198.51.100.32/28 ip6:2001:db8:2::/48 include:spf.partner.test ~all"

var realCases = []realCase{
	{name: "shop.test", status: "ok", lookups: 6, voids: 2, limitOK: true, record: "v=spf1 mx include:_spf.shop.test include:spf.partner.test ~all"},
	{name: "shop.test", ip: "192.0.2.22", status: "ok", lookups: 6, voids: 2, limitOK: true, result: "pass", mechanism: "mx"},
	{name: "shop.test", ip: "2001:db8:5::23", status: "ok", lookups: 6, voids: 2, limitOK: true, result: "pass", mechanism: "mx"},
	{name: "shop.test", ip: "198.51.100.7", status: "ok", lookups: 6, voids: 2, limitOK: true, result: "pass", mechanism: "include:_spf.shop.test"},
	{name: "shop.test", ip: "203.0.113.9", status: "ok", lookups: 6, voids: 2, limitOK: true, result: "pass", mechanism: "include:_spf.shop.test"},
	{name: "shop.test", ip: "192.0.2.99", status: "ok", lookups: 6, voids: 2, limitOK: true, result: "softfail", mechanism: "~all"},
	{name: "void.shop.test", ip: "192.0.2.1", status: "ok", lookups: 2, voids: 2, limitOK: true, result: "pass", mechanism: "ip4:192.0.2.1"},
	{name: "voids3.shop.test", ip: "192.0.2.1", status: "permerror", lookups: 3, voids: 3, result: "permerror", mechanism: "mx:gone3.shop.test", errContains: "3 void lookups"},
	{name: "loop.shop.test", ip: "192.0.2.99", status: "permerror", lookups: 2, limitOK: true, result: "permerror", mechanism: "include:loop.partner.test", errContains: "loop.shop.test"},
	{name: "over.shop.test", ip: "10.9.9.9", status: "permerror", lookups: 13, voids: 3, result: "permerror", mechanism: "include:long.shop.test", errContains: "13 DNS lookups"}, // a: hosts without AAAA: void for IPv6 senders
	{name: "long.shop.test", ip: "2001:db8:2::1", status: "ok", lookups: 2, limitOK: true, result: "pass", mechanism: "ip6:2001:db8:2::/48", record: longRecord},
	{name: "long.shop.test", ip: "203.0.113.100", status: "ok", lookups: 2, limitOK: true, result: "pass", mechanism: "include:spf.partner.test"},
	{name: "two.shop.test", ip: "192.0.2.1", status: "permerror", limitOK: true, result: "permerror", errContains: "two.shop.test"},
	{name: "txtonly.shop.test", ip: "192.0.2.1", status: "none", limitOK: true, result: "none"},
	{name: "gone.shop.test", status: "none", limitOK: true},
	{name: "refused.shop.test", ip: "10.9.9.9", status: "temperror", lookups: 1, limitOK: true, result: "temperror", mechanism: "include:spf.elsewhere.test", errContains: "spf.elsewhere.test"},
}

func deref(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// flatTree is the tree as comparable lines; errors only as "error" (their
// text names the server that answered).
func flatTree(n *treeJSON, depth int, out *[]string) {
	if n == nil {
		return
	}
	e := ""
	if n.Error != "" {
		e = " error"
	}
	*out = append(*out, fmt.Sprintf("%*s%s cost=%d lookups=%d void=%v voids=%d domain=%s%s",
		2*depth, "", n.Term, n.Cost, n.Lookups, n.Void, n.VoidLookups, n.Domain, e))
	for _, k := range n.Children {
		flatTree(k, depth+1, out)
	}
}

// summary is what must agree between the sources.
type summary struct {
	Domain, Record, Status string
	Lookups, Voids         int
	LimitOK                bool
	NErrors                int
	Result, Mechanism, Exp string
	Tree                   string
}

func summarise(c checkJSON) summary {
	var lines []string
	flatTree(c.Tree, 0, &lines)
	s := summary{Domain: c.Domain, Record: c.Record, Status: c.Status, Lookups: c.Lookups, Voids: c.VoidLookups,
		LimitOK: c.LimitOK, NErrors: len(c.Errors), Mechanism: c.Mechanism, Tree: strings.Join(lines, "\n")}
	if c.Result != nil {
		s.Result = *c.Result
	}
	if c.Explanation != nil {
		s.Exp = *c.Explanation
	}
	return s
}

// libraryCheck runs the library directly (no CLI) against addr.
func libraryCheck(t *testing.T, addr string, tc realCase) checkJSON {
	t.Helper()
	res, err := resolver.New(resolver.Config{Nameservers: []string{addr}, Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ck := &spfcheck.Checker{Resolver: res}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rep := ck.Account(ctx, tc.name, nil)
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var c checkJSON
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	if tc.ip != "" {
		o := ck.CheckHost(ctx, netip.MustParseAddr(tc.ip), tc.name, "postmaster@"+tc.name, tc.name)
		r := o.Result.String()
		c.Result, c.Explanation, c.Mechanism = &r, &o.Explanation, o.Mechanism
	}
	return c
}

func cliArgs(tc realCase, extra ...string) []string {
	args := append([]string{"check"}, extra...)
	args = append(args, "--dns-timeout", "300ms", "--format", "json")
	if tc.ip != "" {
		args = append(args, "--ip", tc.ip)
	}
	return append(args, tc.name)
}

func TestCheckAgainstRealServer(t *testing.T) {
	t.Setenv("SPFPATCH_INCLUDE", "")
	t.Setenv("SPFPATCH_NAMESERVER", "")
	srv := realdns.StartNSD(t, testZones()...)
	mem := serveZones(t, testZones()...)
	zoneDir := t.TempDir()
	for _, z := range testZones() {
		if err := os.WriteFile(filepath.Join(zoneDir, strings.TrimSuffix(z.Name, ".")+".zone"), []byte(z.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range realCases {
		t.Run(tc.name+"/"+tc.ip, func(t *testing.T) {
			start := time.Now()
			out, errOut, code := runCLI(t, cliArgs(tc, "--nameserver", srv.Addr)...)
			d := time.Since(start)
			if code != 0 {
				t.Fatalf("exit %d; stderr %q; nsd log:\n%s", code, errOut, srv.Logs())
			}
			if d > 2*time.Second {
				t.Errorf("took %v against a local server", d)
			}
			real := decodeCheck(t, out)
			// The expected values, so agreement below is not agreement on nonsense.
			if real.Domain != tc.name || real.Status != tc.status || real.Lookups != tc.lookups || real.VoidLookups != tc.voids || real.LimitOK != tc.limitOK {
				t.Errorf("NSD: status %s lookups %d voids %d limit_ok %v; want %s %d %d %v\n%s",
					real.Status, real.Lookups, real.VoidLookups, real.LimitOK, tc.status, tc.lookups, tc.voids, tc.limitOK, out)
			}
			if tc.record != "" && real.Record != tc.record {
				t.Errorf("record %q\nwant   %q", real.Record, tc.record)
			}
			if tc.ip != "" && (real.Result == nil || *real.Result != tc.result || real.Mechanism != tc.mechanism) {
				t.Errorf("NSD: result %s mechanism %q; want %s %q", deref(real.Result), real.Mechanism, tc.result, tc.mechanism)
			}
			if tc.errContains != "" && !strings.Contains(strings.Join(real.Errors, "\n"), tc.errContains) {
				t.Errorf("errors %q lack %q", real.Errors, tc.errContains)
			}
			if tc.name == "refused.shop.test" {
				if !strings.Contains(strings.Join(real.Errors, "\n"), "REFUSED") {
					t.Errorf("errors %q do not say REFUSED", real.Errors)
				}
				if d > time.Second {
					t.Errorf("REFUSED took %v: it should not wait for a timeout", d)
				}
			}
			got := summarise(real)

			lib := summarise(libraryCheck(t, mem, tc))
			lib.Domain = got.Domain
			if lib != got {
				t.Errorf("CLI against NSD and library against miekg differ:\nCLI: %+v\nlib: %+v", got, lib)
			}

			out, errOut, code = runCLI(t, cliArgs(tc, "--zone-dir", zoneDir, "--nameserver", mem)...)
			if code != 0 {
				t.Fatalf("zone-dir: exit %d; stderr %q", code, errOut)
			}
			if zd := summarise(decodeCheck(t, out)); zd != got {
				t.Errorf("CLI against NSD and CLI on --zone-dir differ:\nNSD:      %+v\nzone-dir: %+v", got, zd)
			}
		})
	}

	t.Run("the apex TXT RRset holds three strings", func(t *testing.T) {
		res, err := resolver.New(resolver.Config{Nameservers: []string{srv.Addr}, Timeout: 300 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		txts, err := res.LookupTXT(context.Background(), "shop.test")
		if err != nil || len(txts) != 3 {
			t.Fatalf("%q %v", txts, err)
		}
		long, err := res.LookupTXT(context.Background(), "long.shop.test")
		if err != nil || len(long) != 1 || long[0] != longRecord || len(longRecord) != 300 {
			t.Fatalf("%d bytes %q %v", len(longRecord), long, err)
		}
	})

	t.Run("a zone the server does not serve exits 1 at once", func(t *testing.T) {
		start := time.Now()
		out, errOut, code := runCLI(t, "check", "--nameserver", srv.Addr, "--dns-timeout", "300ms", "--format", "json", "shop.elsewhere.test")
		if code != 1 || !strings.Contains(errOut, "cannot be resolved") || !strings.Contains(errOut, "REFUSED") {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		if c := decodeCheck(t, out); c.Status != "temperror" {
			t.Errorf("%+v", c)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %v", d)
		}
	})

	t.Run("a nameserver that never answers exits 1 within the timeout", func(t *testing.T) {
		silent := newSilentDNS(t)
		start := time.Now()
		_, errOut, code := runCLI(t, "check", "--nameserver", silent.Addr, "--dns-timeout", "300ms", "shop.test")
		d := time.Since(start)
		if code != 1 || !strings.Contains(errOut, "shop.test: cannot be resolved") || !strings.Contains(errOut, "timeout") {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		// 300ms per attempt, one retry (resolver.DefaultRetries).
		if d > 2*time.Second {
			t.Errorf("took %v", d)
		}
	})
}

// The JSON output is one line per target even for the biggest record here.
func TestCheckJSONIsOneLine(t *testing.T) {
	out, _, _ := offline(t, "--format", "json", "--include", "e-shopsmail2.com", "--ip", "203.0.113.7", "full.example")
	if !json.Valid(bytes.TrimSpace([]byte(out))) || strings.Count(out, "\n") != 1 {
		t.Fatalf("%q", out)
	}
}

// Issue 13 review item 3: what check prints of its input (--sender, --helo,
// the targets, a --domains-file line) never carries a terminal control to
// the terminal, in text or in the final errors.
func TestCheckHostileInputPrintedSafely(t *testing.T) {
	t.Setenv("SPFPATCH_INCLUDE", "")
	t.Setenv("SPFPATCH_NAMESERVER", "")
	zones, _ := hostileDirs(t, filepath.Join(t.TempDir(), "marker"))
	esc := "\x1b]0;pwned\x07\x1b[31mred\u202e"
	list := filepath.Join(t.TempDir(), "domains.txt")
	if err := os.WriteFile(list, []byte("x"+esc+"\nexample.com\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--ip", "192.0.2.1", "--sender", "x.." + esc, "hostile.example"},
		{"--ip", "192.0.2.1", "--sender", "x@" + esc, "--helo", esc, "hostile.example"},
		{"--ip", "192.0.2.1", "x.." + esc},
		{"--ip", "192.0.2.1", "a@x.." + esc},
		{"--ip", "192.0.2.1", "x" + esc + ".example"},
		{"x" + esc + ".example", "hostile.example"},
		{"--domains-file", list},
		{"--format", "json", "--ip", "192.0.2.1", "--sender", "x.." + esc, "x.." + esc},
	} {
		all := append([]string{"check", "--zone-dir", zones, "--nameserver", "127.0.0.1:1", "--dns-timeout", "200ms", "--domain-timeout", "1s"}, args...)
		for _, lang := range []string{"en", "ja"} {
			out, errOut, _ := runCLI(t, append([]string{"--lang", lang}, all...)...)
			if args[0] == "--format" {
				// JSON escapes the C0 controls (encoding/json's bytes);
				// the text on stderr is still checked whole.
				noRawControls(t, lang+" check "+strings.Join(args, " "), strings.ReplaceAll(out, "‮", "")+errOut)
				continue
			}
			noRawControls(t, lang+" check "+strings.Join(args, " "), out+errOut)
		}
	}
}
