package realdns

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"
)

var (
	longA = strings.Repeat("a", 200)
	longB = strings.Repeat("b", 100) // longA+longB: one 300-byte TXT in two strings
)

// testZone has SOA, NS, A, MX and an apex TXT RRset of several records,
// one of them with two character-strings and one of 300 bytes.
var testZone = Zone{Name: "example.test.", Text: `$ORIGIN example.test.
$TTL 300
@	IN SOA ns1.example.test. hostmaster.example.test. ( 1 3600 600 86400 300 )
@	IN NS  ns1
ns1	IN A   127.0.0.1
@	IN A   192.0.2.1
@	IN MX  10 mail
mail	IN A   192.0.2.25
@	IN TXT "v=spf1 include:_spf.example.net -all"
@	IN TXT "google-site-verification=abc123"
@	IN TXT "first string" "second string"
@	IN TXT ( "` + longA + `"
		 "` + longB + `" )
`}

// secondZone has no $ORIGIN: names are relative to the zone's name.
var secondZone = Zone{Name: "other.test", Text: `$TTL 60
@	IN SOA ns1 hostmaster 7 3600 600 86400 60
@	IN NS  ns1
ns1	IN A   127.0.0.2
spf	IN TXT "v=spf1 -all"
`}

func wantApexTXT() [][]string {
	return sortTXT([][]string{
		{"v=spf1 include:_spf.example.net -all"},
		{"google-site-verification=abc123"},
		{"first string", "second string"},
		{longA, longB},
	})
}

func sortTXT(v [][]string) [][]string {
	slices.SortFunc(v, func(a, b []string) int { return strings.Compare(strings.Join(a, "\x00"), strings.Join(b, "\x00")) })
	return v
}

// query asks over TCP (the apex TXT RRset is larger than 512 bytes).
func query(t *testing.T, addr, name string, qtype uint16) *dns.Msg {
	t.Helper()
	m := new(dns.Msg)
	m.SetQuestion(name, qtype)
	m.RecursionDesired = false
	c := &dns.Client{Net: "tcp", Timeout: 2 * time.Second}
	r, _, err := c.Exchange(m, addr)
	if err != nil {
		t.Fatalf("%s %s @%s: %v", name, dns.TypeToString[qtype], addr, err)
	}
	if r.Rcode != dns.RcodeSuccess {
		t.Fatalf("%s %s @%s: rcode %s", name, dns.TypeToString[qtype], addr, dns.RcodeToString[r.Rcode])
	}
	if !r.Authoritative {
		t.Errorf("%s %s @%s: answer not authoritative", name, dns.TypeToString[qtype], addr)
	}
	return r
}

func txtOf(r *dns.Msg) [][]string {
	var got [][]string
	for _, rr := range r.Answer {
		if txt, ok := rr.(*dns.TXT); ok {
			got = append(got, txt.Txt)
		}
	}
	return sortTXT(got)
}

// checkServes asserts the answers for testZone and secondZone.
func checkServes(t *testing.T, s *Server) {
	t.Helper()
	if got := txtOf(query(t, s.Addr, "example.test.", dns.TypeTXT)); !reflect.DeepEqual(got, wantApexTXT()) {
		t.Errorf("apex TXT = %q, want %q\n%s", got, wantApexTXT(), s.Logs())
	}
	// The same over UDP with EDNS (no truncation).
	m := new(dns.Msg)
	m.SetQuestion("example.test.", dns.TypeTXT)
	m.SetEdns0(4096, false)
	r, _, err := (&dns.Client{Timeout: 2 * time.Second}).Exchange(m, s.Addr)
	if err != nil || r.Truncated {
		t.Errorf("UDP TXT: err %v, truncated %v", err, r != nil && r.Truncated)
	} else if got := txtOf(r); !reflect.DeepEqual(got, wantApexTXT()) {
		t.Errorf("UDP apex TXT = %q", got)
	}

	r = query(t, s.Addr, "example.test.", dns.TypeSOA)
	if len(r.Answer) != 1 {
		t.Fatalf("SOA answer: %v", r.Answer)
	}
	soa := r.Answer[0].(*dns.SOA)
	if soa.Ns != "ns1.example.test." || soa.Mbox != "hostmaster.example.test." || soa.Serial != 1 || soa.Minttl != 300 {
		t.Errorf("SOA = %v", soa)
	}
	r = query(t, s.Addr, "example.test.", dns.TypeNS)
	if len(r.Answer) != 1 || r.Answer[0].(*dns.NS).Ns != "ns1.example.test." {
		t.Errorf("NS = %v", r.Answer)
	}
	r = query(t, s.Addr, "example.test.", dns.TypeA)
	if len(r.Answer) != 1 || r.Answer[0].(*dns.A).A.String() != "192.0.2.1" || r.Answer[0].Header().Ttl != 300 {
		t.Errorf("A = %v", r.Answer)
	}
	r = query(t, s.Addr, "example.test.", dns.TypeMX)
	if len(r.Answer) != 1 || r.Answer[0].(*dns.MX).Mx != "mail.example.test." || r.Answer[0].(*dns.MX).Preference != 10 {
		t.Errorf("MX = %v", r.Answer)
	}
	r = query(t, s.Addr, "mail.example.test.", dns.TypeA)
	if len(r.Answer) != 1 || r.Answer[0].(*dns.A).A.String() != "192.0.2.25" {
		t.Errorf("mail A = %v", r.Answer)
	}
	// NXDOMAIN inside the zone.
	m = new(dns.Msg)
	m.SetQuestion("nope.example.test.", dns.TypeTXT)
	r, _, err = (&dns.Client{Timeout: 2 * time.Second}).Exchange(m, s.Addr)
	if err != nil || r.Rcode != dns.RcodeNameError {
		t.Errorf("nope.example.test.: err %v, msg %v", err, r)
	}
	// The second zone, written without $ORIGIN.
	if got := txtOf(query(t, s.Addr, "spf.other.test.", dns.TypeTXT)); !reflect.DeepEqual(got, [][]string{{"v=spf1 -all"}}) {
		t.Errorf("spf.other.test. TXT = %q", got)
	}
	r = query(t, s.Addr, "other.test.", dns.TypeSOA)
	if len(r.Answer) != 1 || r.Answer[0].(*dns.SOA).Serial != 7 {
		t.Errorf("other.test. SOA = %v", r.Answer)
	}
}

// checkUpdateAndAXFR asserts that a TSIG UPDATE adding a TXT is served, that a
// TSIG AXFR works and that unsigned UPDATE and AXFR are refused.
func checkUpdateAndAXFR(t *testing.T, s *Server) {
	t.Helper()
	if s.TSIGName != "spfpatch-key" || s.TSIGAlg != "hmac-sha256" || s.TSIGSecret != TSIGSecret {
		t.Fatalf("TSIG fields: %q %q %q", s.TSIGName, s.TSIGAlg, s.TSIGSecret)
	}
	keyName := dns.Fqdn(s.TSIGName)
	added, err := dns.NewRR(`example.test. 300 IN TXT "added by update" "` + strings.Repeat("x", 255) + `"`)
	if err != nil {
		t.Fatal(err)
	}

	// Unsigned UPDATE: refused.
	u := new(dns.Msg)
	u.SetUpdate("example.test.")
	u.Insert([]dns.RR{added})
	r, _, err := (&dns.Client{Net: "tcp", Timeout: 3 * time.Second}).Exchange(u, s.Addr)
	if err != nil {
		t.Fatalf("unsigned UPDATE: %v", err)
	}
	if r.Rcode != dns.RcodeRefused && r.Rcode != dns.RcodeNotAuth {
		t.Errorf("unsigned UPDATE: rcode %s, want REFUSED or NOTAUTH", dns.RcodeToString[r.Rcode])
	}

	// Signed UPDATE.
	u = new(dns.Msg)
	u.SetUpdate("example.test.")
	u.Insert([]dns.RR{added})
	u.SetTsig(keyName, dns.HmacSHA256, 300, time.Now().Unix())
	c := &dns.Client{Net: "tcp", Timeout: 3 * time.Second, TsigSecret: s.TsigSecret()}
	r, _, err = c.Exchange(u, s.Addr)
	if err != nil {
		t.Fatalf("TSIG UPDATE: %v\n%s", err, s.Logs())
	}
	if r.Rcode != dns.RcodeSuccess {
		t.Fatalf("TSIG UPDATE: rcode %s\n%s", dns.RcodeToString[r.Rcode], s.Logs())
	}
	want := sortTXT(append(wantApexTXT(), []string{"added by update", strings.Repeat("x", 255)}))
	var got [][]string
	for i := 0; i < 50; i++ { // Knot applies updates asynchronously
		if got = txtOf(query(t, s.Addr, "example.test.", dns.TypeTXT)); reflect.DeepEqual(got, want) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after UPDATE: apex TXT = %q, want %q", got, want)
	}

	// Signed AXFR: the whole zone, SOA first and last, with the new record.
	m := new(dns.Msg)
	m.SetAxfr("example.test.")
	m.SetTsig(keyName, dns.HmacSHA256, 300, time.Now().Unix())
	tr := &dns.Transfer{TsigSecret: s.TsigSecret()}
	env, err := tr.In(m, s.Addr)
	if err != nil {
		t.Fatalf("TSIG AXFR: %v", err)
	}
	var rrs []dns.RR
	for e := range env {
		if e.Error != nil {
			t.Fatalf("TSIG AXFR: %v\n%s", e.Error, s.Logs())
		}
		rrs = append(rrs, e.RR...)
	}
	if len(rrs) < 2 || rrs[0].Header().Rrtype != dns.TypeSOA || rrs[len(rrs)-1].Header().Rrtype != dns.TypeSOA {
		t.Fatalf("TSIG AXFR: not framed by SOA: %v", rrs)
	}
	var axfrTXT [][]string
	types := map[string]int{}
	for _, rr := range rrs[1 : len(rrs)-1] {
		types[dns.TypeToString[rr.Header().Rrtype]]++
		if txt, ok := rr.(*dns.TXT); ok && rr.Header().Name == "example.test." {
			axfrTXT = append(axfrTXT, txt.Txt)
		}
	}
	if !reflect.DeepEqual(sortTXT(axfrTXT), want) {
		t.Errorf("AXFR apex TXT = %q", axfrTXT)
	}
	if types["NS"] != 1 || types["A"] != 3 || types["MX"] != 1 || types["SOA"] != 0 {
		t.Errorf("AXFR record types = %v", types)
	}
	if soa := rrs[0].(*dns.SOA); soa.Serial <= 1 {
		t.Errorf("serial after UPDATE = %d, want > 1", soa.Serial)
	}

	// Unsigned AXFR: refused.
	m = new(dns.Msg)
	m.SetAxfr("example.test.")
	env, err = (&dns.Transfer{}).In(m, s.Addr)
	refused := err != nil
	if err == nil {
		for e := range env {
			if e.Error != nil {
				refused = true
			} else if len(e.RR) > 0 && !refused {
				t.Errorf("unsigned AXFR returned records: %v", e.RR)
				refused = true // report once
			}
		}
	}
	if !refused {
		t.Errorf("unsigned AXFR was not refused")
	}
}

func TestBIND(t *testing.T) {
	t.Parallel()
	s := StartBIND(t, testZone, secondZone)
	if s.Kind != KindBIND || s.Addr != "127.0.0.1:"+strconv.Itoa(s.Port) {
		t.Errorf("server = %+v", s)
	}
	checkServes(t, s)
	checkUpdateAndAXFR(t, s)
}

func TestKnot(t *testing.T) {
	t.Parallel()
	s := StartKnot(t, testZone, secondZone)
	checkServes(t, s)
	checkUpdateAndAXFR(t, s)
}

func TestNSD(t *testing.T) {
	t.Parallel()
	s := StartNSD(t, testZone, secondZone)
	checkServes(t, s)
	if s.TSIGName != "" || s.TsigSecret() != nil || s.APIURL != "" {
		t.Errorf("NSD has no key and no API: %+v", s)
	}
}

func TestPowerDNS(t *testing.T) {
	t.Parallel()
	s := StartPowerDNS(t, testZone, secondZone)
	checkServes(t, s)

	req, err := http.NewRequest(http.MethodGet, s.APIURL+"/api/v1/servers/localhost/zones/example.test.", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-API-Key", s.APIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET zone: HTTP %d: %s", resp.StatusCode, body)
	}
	var zone struct {
		Name   string
		Kind   string
		RRsets []struct {
			Name, Type string
			TTL        int
			Records    []struct {
				Content  string
				Disabled bool
			}
		}
	}
	if err := json.Unmarshal(body, &zone); err != nil {
		t.Fatalf("zone JSON: %v\n%s", err, body)
	}
	if zone.Name != "example.test." {
		t.Errorf("zone name %q", zone.Name)
	}
	var contents []string
	for _, rs := range zone.RRsets {
		if rs.Name == "example.test." && rs.Type == "TXT" {
			if rs.TTL != 300 {
				t.Errorf("TXT TTL %d", rs.TTL)
			}
			for _, r := range rs.Records {
				contents = append(contents, r.Content)
			}
		}
	}
	slices.Sort(contents)
	want := []string{
		`"` + longA + `" "` + longB + `"`,
		`"first string" "second string"`,
		`"google-site-verification=abc123"`,
		`"v=spf1 include:_spf.example.net -all"`,
	}
	if !reflect.DeepEqual(contents, want) {
		t.Errorf("API apex TXT contents:\n got %q\nwant %q", contents, want)
	}

	if zone.Kind != "Native" {
		t.Errorf("zone kind %q, want Native", zone.Kind)
	}

	// An RRset REPLACE over the API is served at once (caches are off).
	patch := `{"rrsets":[{"name":"example.test.","type":"TXT","ttl":600,"changetype":"REPLACE","records":[` +
		`{"content":"\"v=spf1 -all\"","disabled":false},` +
		`{"content":"\"first string\" \"second string\"","disabled":false}]}]}`
	req, _ = http.NewRequest(http.MethodPatch, s.APIURL+"/api/v1/servers/localhost/zones/example.test.", strings.NewReader(patch))
	req.Header.Set("X-API-Key", s.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp3, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp3.Body)
	resp3.Body.Close()
	if resp3.StatusCode != http.StatusNoContent {
		t.Fatalf("PATCH: HTTP %d: %s", resp3.StatusCode, body)
	}
	r := query(t, s.Addr, "example.test.", dns.TypeTXT)
	if got, want := txtOf(r), sortTXT([][]string{{"v=spf1 -all"}, {"first string", "second string"}}); !reflect.DeepEqual(got, want) {
		t.Errorf("after PATCH: TXT = %q, want %q", got, want)
	}
	if len(r.Answer) > 0 && r.Answer[0].Header().Ttl != 600 {
		t.Errorf("after PATCH: TTL %d", r.Answer[0].Header().Ttl)
	}

	// Without the key: 401.
	resp2, err := http.Get(s.APIURL + "/api/v1/servers/localhost/zones")
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusUnauthorized {
		t.Errorf("API without key: HTTP %d, want 401", resp2.StatusCode)
	}
}

// TestParallelSameKind starts two NSD servers at once: separate ports and dirs.
func TestParallelSameKind(t *testing.T) {
	t.Parallel()
	a := StartNSD(t, testZone)
	b := StartNSD(t, secondZone)
	if a.Addr == b.Addr || a.Dir == b.Dir {
		t.Fatalf("two servers share %s / %s", a.Addr, a.Dir)
	}
	query(t, a.Addr, "example.test.", dns.TypeSOA)
	query(t, b.Addr, "other.test.", dns.TypeSOA)
}

// occupy holds 127.0.0.1:port for TCP and UDP until the test ends.
func occupy(t *testing.T) int {
	t.Helper()
	for i := 0; i < 20; i++ {
		l, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		u, err := net.ListenPacket("udp4", "127.0.0.1:"+strconv.Itoa(port))
		if err != nil {
			l.Close()
			continue
		}
		t.Cleanup(func() { l.Close(); u.Close() })
		return port
	}
	t.Fatal("cannot occupy a port")
	return 0
}

// TestPortTaken: a port from the environment that is taken gives an error
// naming the port and the variable, for every kind, both from the pre-check
// and (skipPortCheck) from the server's own failure to bind.
func TestPortTaken(t *testing.T) {
	cases := []struct {
		kind, env string
		start     func(testing.TB, ...Zone) *Server
	}{
		{KindNSD, EnvNSDPort, StartNSD},
		{KindBIND, EnvBINDPort, StartBIND},
		{KindKnot, EnvKnotPort, StartKnot},
		{KindPowerDNS, EnvPDNSPort, StartPowerDNS},
		{KindPowerDNS, EnvPDNSAPIPort, StartPowerDNS},
	}
	for _, tc := range cases {
		for _, skip := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/%s/skipPortCheck=%v", tc.kind, tc.env, skip), func(t *testing.T) {
				for _, b := range kinds[tc.kind].bins {
					requireOrSkip(t, b.name, b.pkg)
				}
				port := occupy(t)
				t.Setenv(tc.env, strconv.Itoa(port))
				t0 := time.Now()
				s, err := start(t, tc.kind, []Zone{testZone}, startOptions{skipPortCheck: skip})
				if err == nil {
					t.Fatalf("started on a taken port: %+v\n%s", s, s.Logs())
				}
				var pe *PortInUseError
				if !errors.As(err, &pe) {
					t.Fatalf("error is not a PortInUseError: %v", err)
				}
				msg := err.Error()
				for _, want := range []string{strconv.Itoa(port), tc.env, "in use"} {
					if !strings.Contains(msg, want) {
						t.Errorf("error lacks %q:\n%s", want, msg)
					}
				}
				if d := time.Since(t0); d > 10*time.Second {
					t.Errorf("took %v to notice", d)
				}
				t.Logf("%v: %s", time.Since(t0).Round(time.Millisecond), msg)
			})
		}
	}
}

// TestPortTakenBySameKind: a second server of the same kind on the port of a
// running one fails (a server that sets SO_REUSEPORT could otherwise share
// the port with the first and answer half the queries).
func TestPortTakenBySameKind(t *testing.T) {
	for _, k := range []string{KindNSD, KindBIND, KindKnot, KindPowerDNS} {
		t.Run(k, func(t *testing.T) {
			first := mustStart(t, k, []Zone{testZone})
			t.Setenv(kinds[k].portEnv, strconv.Itoa(first.Port))
			s, err := start(t, k, []Zone{secondZone}, startOptions{skipPortCheck: true})
			if err == nil {
				t.Fatalf("second %s started on the port of the first: %s\n%s", k, s.Addr, s.Logs())
			}
			var pe *PortInUseError
			if !errors.As(err, &pe) || pe.Port != first.Port {
				t.Fatalf("want a PortInUseError for port %d, got %v", first.Port, err)
			}
			query(t, first.Addr, "example.test.", dns.TypeSOA)
		})
	}
}

func TestRequireOrSkip(t *testing.T) {
	if _, err := lookBin("surely-not-a-binary-realdns"); err == nil {
		t.Fatal("lookBin found a missing binary")
	}
	t.Run("skip", func(t *testing.T) {
		t.Setenv(EnvRequireServers, "")
		ft := &fakeTB{TB: t}
		runTB(ft, func() { requireOrSkip(ft, "surely-not-a-binary-realdns", "nothing") })
		if !ft.skipped || ft.failed || !strings.Contains(ft.msg, "apt-get install nothing") || !strings.Contains(ft.msg, EnvRequireServers+"=1") {
			t.Errorf("skipped %v failed %v msg %q", ft.skipped, ft.failed, ft.msg)
		}
	})
	t.Run("require", func(t *testing.T) {
		t.Setenv(EnvRequireServers, "1")
		ft := &fakeTB{TB: t}
		runTB(ft, func() { requireOrSkip(ft, "surely-not-a-binary-realdns", "nothing") })
		if ft.skipped || !ft.failed || !strings.Contains(ft.msg, "surely-not-a-binary-realdns not installed") {
			t.Errorf("skipped %v failed %v msg %q", ft.skipped, ft.failed, ft.msg)
		}
	})
}

// fakeTB records Skipf/Fatalf instead of ending the test.
type fakeTB struct {
	testing.TB
	skipped, failed bool
	msg             string
}

type stopTB struct{}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Skipf(format string, args ...any) {
	f.skipped, f.msg = true, fmt.Sprintf(format, args...)
	panic(stopTB{})
}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed, f.msg = true, fmt.Sprintf(format, args...)
	panic(stopTB{})
}

func runTB(_ *fakeTB, f func()) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stopTB); !ok {
				panic(r)
			}
		}
	}()
	f()
}
