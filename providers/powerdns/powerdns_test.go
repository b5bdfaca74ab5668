package powerdns

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/libdns/libdns"
	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/internal/realdns"
	"github.com/spfpatch/spfpatch/providers"
)

const zoneName = "example.test."

// long is a 300-byte SPF record.
var long = "v=spf1 " + strings.Repeat("include:_spf.a-rather-long-sender-name.example ", 6) + "ip4:192.0.2.0/24 ~all"

const testZone = `$ORIGIN example.test.
$TTL 300
@	IN SOA ns1.example.test. hostmaster.example.test. ( 1 3600 600 86400 300 )
@	IN NS  ns1
ns1	IN A   127.0.0.1
@	IN A   192.0.2.10
@	IN MX  10 mail
mail	IN A   192.0.2.25
@	IN TXT "v=spf1 +ip4:192.0.2.0/24 ~all"
@	IN TXT "google-site-verification=abc123"
@	IN TXT "ms=part-one;" "part-two"
@	IN TXT "quote\" back\\slash \195\169"
sub	IN TXT "sub text"
`

func start(t *testing.T) (*realdns.Server, *Provider) {
	t.Helper()
	srv := realdns.StartPowerDNS(t, realdns.Zone{Name: zoneName, Text: testZone})
	p, err := New(srv.APIURL, "", srv.APIKey)
	if err != nil {
		t.Fatal(err)
	}
	return srv, p
}

// wire returns the TXT records at name as the server serves them over DNS.
func wire(t *testing.T, srv *realdns.Server, name string) [][]string {
	t.Helper()
	m := new(dns.Msg)
	m.SetQuestion(name, dns.TypeTXT)
	c := &dns.Client{Net: "tcp", Timeout: 2 * time.Second}
	r, _, err := c.Exchange(m, srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, rr := range r.Answer {
		if tx, ok := rr.(*dns.TXT); ok {
			out = append(out, tx.Txt)
		}
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(strings.Join(a, "|"), strings.Join(b, "|")) })
	return out
}

// apiTXT returns the apex TXT RRset as the API holds it.
func apiTXT(t *testing.T, p *Provider, name string) rrsetJSON {
	t.Helper()
	z, err := p.getZone(context.Background(), zoneName)
	if err != nil {
		t.Fatal(err)
	}
	s := find(z, key{name, "TXT"})
	if s == nil {
		return rrsetJSON{}
	}
	out := *s
	slices.SortFunc(out.Records, func(a, b recordJSON) int { return strings.Compare(a.Content, b.Content) })
	return out
}

func texts(recs []libdns.Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.RR().Data)
	}
	slices.Sort(out)
	return out
}

func TestRealPowerDNS(t *testing.T) {
	srv, p := start(t)
	ctx := context.Background()
	s := p.Safe()

	// A disabled record and a comment, which must survive every write.
	if err := p.do(ctx, http.MethodPatch, p.zonePath(zoneName), map[string]any{"rrsets": []map[string]any{{
		"name": zoneName, "type": "TXT", "changetype": "REPLACE", "ttl": 300,
		"records":  []recordJSON{{Content: `"v=spf1 +ip4:192.0.2.0/24 ~all"`}, {Content: `"google-site-verification=abc123"`}, {Content: `"ms=part-one;" "part-two"`}, {Content: `"quote\" back\\slash \195\169"`}, {Content: `"disabled=1"`, Disabled: true}},
		"comments": []map[string]string{{"content": "keep me", "account": "admin"}},
	}}}, nil); err != nil {
		t.Fatal(err)
	}

	apex, err := s.GetRRset(ctx, zoneName, "@", "TXT")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"google-site-verification=abc123", "ms=part-one;part-two", "quote\" back\\slash é", "v=spf1 +ip4:192.0.2.0/24 ~all"}
	if got := texts(apex); !slices.Equal(got, want) {
		t.Fatalf("apex TXT read as %q, want %q (the disabled record must not be read)", got, want)
	}
	beforeAPI := apiTXT(t, p, zoneName)
	beforeWire := wire(t, srv, zoneName)

	set := func(spf string) {
		t.Helper()
		var recs []libdns.Record
		for _, r := range apex {
			rr := r.RR()
			if strings.HasPrefix(rr.Data, "v=spf1") {
				rr.Data = spf
			}
			recs = append(recs, libdns.TXT{Name: "@", TTL: rr.TTL, Text: rr.Data})
		}
		if _, err := s.SetRecords(ctx, zoneName, recs); err != nil {
			t.Fatal(err)
		}
	}
	others := func(rs rrsetJSON) []recordJSON {
		var out []recordJSON
		for _, r := range rs.Records {
			if !strings.Contains(r.Content, "v=spf1") {
				out = append(out, r)
			}
		}
		return out
	}

	set("v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all")
	after := apiTXT(t, p, zoneName)
	if !slices.Equal(others(after), others(beforeAPI)) || after.TTL != 300 {
		t.Errorf("the other records changed in the API:\n got %+v\nwant %+v", after, beforeAPI)
	}
	if !slices.Contains(after.Records, recordJSON{Content: `"v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"`}) {
		t.Errorf("SPF not written: %+v", after.Records)
	}
	var comments int
	var raw struct {
		RRsets []struct {
			Name, Type string
			Comments   []struct{ Content string }
		} `json:"rrsets"`
	}
	if err := p.do(ctx, http.MethodGet, p.zonePath(zoneName), nil, &raw); err != nil {
		t.Fatal(err)
	}
	for _, r := range raw.RRsets {
		if r.Type == "TXT" && r.Name == zoneName {
			for _, c := range r.Comments {
				if c.Content == "keep me" {
					comments++
				}
			}
		}
	}
	if comments != 1 {
		t.Errorf("the RRset comment was lost: %+v", raw.RRsets)
	}

	// On the wire: the other records keep their strings, the disabled one
	// is not served.
	got := wire(t, srv, zoneName)
	for _, w := range beforeWire {
		if !strings.HasPrefix(w[0], "v=spf1") && !slices.ContainsFunc(got, func(g []string) bool { return slices.Equal(g, w) }) {
			t.Errorf("record %q changed on the wire: now %q", w, got)
		}
	}
	if slices.ContainsFunc(got, func(g []string) bool { return g[0] == "disabled=1" }) || len(got) != 4 {
		t.Errorf("served %q", got)
	}

	// 300 bytes: two strings cut between terms, in the API and on the wire.
	set(long)
	if api := apiTXT(t, p, zoneName); !slices.ContainsFunc(api.Records, func(r recordJSON) bool {
		return strings.HasPrefix(r.Content, `"v=spf1 `) && strings.Count(r.Content, `" "`) == 1
	}) {
		t.Errorf("long record held by the API as %+v", api.Records)
	}
	n := 0
	for _, w := range wire(t, srv, zoneName) {
		if !strings.HasPrefix(w[0], "v=spf1") {
			continue
		}
		n++
		if len(w) != 2 || strings.Join(w, "") != long || !strings.HasSuffix(w[0], " ") || len(w[0]) > 255 {
			t.Errorf("long record served as %q", w)
		}
	}
	if n != 1 {
		t.Errorf("%d SPF records served", n)
	}
	apex2, _ := s.GetRRset(ctx, zoneName, "@", "TXT")
	if !slices.Contains(texts(apex2), long) {
		t.Errorf("long record read back as %q", texts(apex2))
	}

	// Back: the API holds exactly what it held, disabled record included.
	set("v=spf1 +ip4:192.0.2.0/24 ~all")
	if got := apiTXT(t, p, zoneName); !slices.Equal(got.Records, beforeAPI.Records) || got.TTL != beforeAPI.TTL {
		t.Errorf("after the round trip the API holds\n%+v\nwant\n%+v", got, beforeAPI)
	}
	if got := wire(t, srv, zoneName); !slices.EqualFunc(got, beforeWire, slices.Equal) {
		t.Errorf("after the round trip the server serves %q, want %q", got, beforeWire)
	}

	// A backslash round-trips (libdns/powerdns would lose it).
	if _, err := s.SetRecords(ctx, zoneName, []libdns.Record{libdns.TXT{Name: "bs", TTL: time.Minute, Text: `v=spf1 exp=a\b -all`}}); err != nil {
		t.Fatal(err)
	}
	if w := wire(t, srv, "bs."+zoneName); len(w) != 1 || w[0][0] != `v=spf1 exp=a\\b -all` {
		t.Errorf("backslash served as %q", w)
	}
	if got, _ := s.GetRRset(ctx, zoneName, "bs", "TXT"); len(got) != 1 || got[0].RR().Data != `v=spf1 exp=a\b -all` || got[0].RR().TTL != time.Minute {
		t.Errorf("backslash read back as %v", got)
	}
	// Exact delete (Safe maps the text to PowerDNS's content).
	del, err := s.DeleteRecords(ctx, zoneName, []libdns.Record{libdns.TXT{Name: "bs", Text: `v=spf1 exp=a\b -all`}})
	if err != nil || len(del) != 1 {
		t.Fatalf("deleted %v, %v", del, err)
	}
	if w := wire(t, srv, "bs."+zoneName); len(w) != 0 {
		t.Errorf("still served: %q", w)
	}
	// Setting the RRset as it is sends nothing.
	apex, _ = s.GetRRset(ctx, zoneName, "@", "TXT")
	if _, err := s.SetRecords(ctx, zoneName, apex); err != nil {
		t.Fatal(err)
	}
}

func TestErrorsHideTheKey(t *testing.T) {
	srv, _ := start(t)
	ctx := context.Background()
	const wrong = "wrong-api-key-for-spfpatch-tests"
	p, err := New(srv.APIURL+"/", "localhost", wrong)
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Safe().GetRecords(ctx, zoneName)
	if !errors.Is(err, ErrAuth) || strings.Contains(err.Error(), wrong) {
		t.Fatalf("wrong key: %v", err)
	}
	_, err = p.Safe().SetRecords(ctx, zoneName, []libdns.Record{libdns.TXT{Name: "@", Text: "v=spf1 -all"}})
	if !errors.Is(err, ErrAuth) || strings.Contains(err.Error(), wrong) {
		t.Fatalf("wrong key, write: %v", err)
	}
	good, _ := New(srv.APIURL+"/api/v1", "localhost", srv.APIKey)
	if _, err := good.GetRecords(ctx, "nope.test"); err == nil || !strings.Contains(err.Error(), "no zone nope.test.") || strings.Contains(err.Error(), srv.APIKey) {
		t.Fatalf("unknown zone: %v", err)
	}
	other, _ := New(srv.APIURL, "other", srv.APIKey)
	if _, err := other.GetRecords(ctx, zoneName); err == nil || !strings.Contains(err.Error(), `server id "other"`) {
		t.Fatalf("unknown server id: %v", err)
	}
	// A record PowerDNS refuses: HTTP 422 with its message.
	_, err = good.SetRecords(ctx, zoneName, []libdns.Record{libdns.RR{Name: "x", Type: "A", TTL: time.Minute, Data: "not-an-address"}})
	if err == nil || !strings.Contains(err.Error(), "HTTP 422") {
		t.Fatalf("bad content: %v", err)
	}
}

func TestNoServerAndRedirects(t *testing.T) {
	const k = "redirect-test-api-key"
	// The key must not follow a redirect to another host.
	var leaked bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked = leaked || r.Header.Get("X-API-Key") != ""
	}))
	defer other.Close()
	redir := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusFound)
	}))
	defer redir.Close()
	p, _ := New(redir.URL, "", k)
	_, err := p.GetRecords(context.Background(), zoneName)
	if err == nil || !strings.Contains(err.Error(), "redirected") || leaked || strings.Contains(err.Error(), k) {
		t.Fatalf("redirect: %v (key sent on: %v)", err, leaked)
	}
	// A server error echoing the key is scrubbed.
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"error": "backend failed for key %s"}`, r.Header.Get("X-API-Key"))
	}))
	defer echo.Close()
	p, _ = New(echo.URL, "", k)
	_, err = p.GetRecords(context.Background(), zoneName)
	if err == nil || !strings.Contains(err.Error(), "HTTP 500: backend failed") || strings.Contains(err.Error(), k) {
		t.Fatalf("echo: %v", err)
	}
	p, _ = New("http://127.0.0.1:1", "", k)
	if _, err = p.GetRecords(context.Background(), zoneName); err == nil || strings.Contains(err.Error(), k) {
		t.Fatalf("no server: %v", err)
	}
}

func TestNew(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:8081":             "http://127.0.0.1:8081/api/v1",
		"http://127.0.0.1:8081/":            "http://127.0.0.1:8081/api/v1",
		" https://pdns.example/api/v1/ ":    "https://pdns.example/api/v1",
		"http://admin:pw@127.0.0.1:8081":    "http://admin:xxxxx@127.0.0.1:8081/api/v1",
		"http://127.0.0.1:8081/pdns/api/v1": "http://127.0.0.1:8081/pdns/api/v1",
	} {
		p, err := New(in, "", "k")
		if err != nil || p.base.Redacted() != want {
			t.Errorf("New(%q): %v %v, want %s", in, p, err, want)
		}
	}
	for _, bad := range []string{"", "127.0.0.1:8081", "ftp://x", "http://", "http://x/?a=b", "http://a:pw@%zz"} {
		if _, err := New(bad, "", "k"); err == nil || strings.Contains(err.Error(), "pw") {
			t.Errorf("New(%q) = %v", bad, err)
		}
	}
	if _, err := New("https://x", "", ""); err == nil || !strings.Contains(err.Error(), "PDNS_API_KEY") {
		t.Errorf("no key: %v", err)
	}
	p, _ := New("https://x", "", "very-secret-key")
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{p, p.Safe(), *p.Safe()} {
			if s := fmt.Sprintf(f, v); strings.Contains(s, "very-secret-key") {
				t.Errorf("%s of %T shows the key: %s", f, v, s)
			}
		}
	}
}

// The API key travels in a header: plain http is accepted only to a
// loopback address.
func TestNewRefusesCleartextToOtherHosts(t *testing.T) {
	for _, bad := range []string{"http://192.0.2.1:8081", "http://pdns.example", "http://10.0.0.1/api/v1", "http://[2001:db8::1]:8081", "HTTP://pdns.example"} {
		_, err := New(bad, "", "k")
		if err == nil || !strings.Contains(err.Error(), "https://") || !strings.Contains(err.Error(), "clear") {
			t.Errorf("New(%q) = %v, want a refusal asking for https", bad, err)
		}
	}
	for _, ok := range []string{"http://127.0.0.1:8081", "http://127.0.0.2:8081", "http://[::1]:8081", "http://localhost:8081", "https://192.0.2.1:8081", "https://pdns.example"} {
		if _, err := New(ok, "", "k"); err != nil {
			t.Errorf("New(%q): %v", ok, err)
		}
	}
}

func TestTXTCodec(t *testing.T) {
	for in, want := range map[string]string{
		`"v=spf1 -all"`:                  "v=spf1 -all",
		`"ms=part-one;" "part-two"`:      "ms=part-one;part-two",
		`"quote\" back\\slash \195\169"`: "quote\" back\\slash é",
		`"utf8 é"`:                       "utf8 é",
		`""`:                             "",
		`unquoted`:                       "unquoted",
		`"unterminated`:                  `"unterminated`,
		`"a" junk`:                       `"a" junk`,
	} {
		if got := unquoteTXT(in); got != want {
			t.Errorf("unquoteTXT(%q) = %q, want %q", in, got, want)
		}
	}
	for _, raw := range []string{"", "v=spf1 -all", `a\b "c"`, "é\x00\x7f", long} {
		if got := unquoteTXT(quoteTXT(raw)); got != raw {
			t.Errorf("round trip of %q: %q via %q", raw, got, quoteTXT(raw))
		}
	}
}

func TestRegistered(t *testing.T) {
	info, ok := providers.Lookup("powerdns")
	if !ok || !info.Caps.AtomicReplace || !info.Caps.LongTXT || !info.Caps.ZoneTrailingDot {
		t.Fatalf("registry: %+v", info)
	}
	var names []string
	for _, s := range info.Settings {
		names = append(names, s.Name+"/"+s.Env)
	}
	if want := []string{"powerdns-url/SPFPATCH_POWERDNS_URL", "powerdns-server-id/", "/PDNS_API_KEY"}; !slices.Equal(names, want) {
		t.Errorf("settings %q, want %q", names, want)
	}
}

// Issue 11 item 5: an error body that echoes the key where the 400-byte cut
// falls shows no part of the key (it is scrubbed before the cut), and
// control characters in it do not reach the terminal; an answer over the
// size bound is refused, not read.
func TestKeyScrubbedBeforeCut(t *testing.T) {
	const k = "pdns-api-key-0123456789abcdef"
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"error": %q}`, strings.Repeat("x", 385)+" key "+r.Header.Get("X-API-Key")+" \x1b[31m")
	}))
	defer echo.Close()
	p, _ := New(echo.URL, "", k)
	_, err := p.GetRecords(context.Background(), zoneName)
	if err == nil {
		t.Fatal("no error")
	}
	for n := 6; n <= len(k); n++ {
		if strings.Contains(err.Error(), k[:n]) {
			t.Fatalf("%d characters of the key show: %v", n, err)
		}
	}
	if strings.Contains(err.Error(), "\x1b") {
		t.Fatalf("an escape sequence reaches the terminal: %q", err)
	}
	big := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"name":"` + strings.Repeat("a", 2<<20) + `"}`))
	}))
	defer big.Close()
	old := maxBody
	maxBody = 1 << 20
	defer func() { maxBody = old }()
	p, _ = New(big.URL, "", k)
	if _, err := p.GetRecords(context.Background(), zoneName); err == nil || !strings.Contains(err.Error(), "over 1 MB") {
		t.Fatalf("big answer: %v", err)
	}
}
