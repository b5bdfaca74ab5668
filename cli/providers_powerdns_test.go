package cli

// End-to-end tests of the powerdns provider through the CLI against a real
// PowerDNS server and its HTTP API (internal/realdns). Helpers rdns* are in
// providers_rfc2136_test.go.

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/realdns"
	"github.com/spfpatch/spfpatch/plan"
	_ "github.com/spfpatch/spfpatch/providers/powerdns"
)

// pdnsSnapshot lists the shop zone as the API holds it, one record a line
// (disabled records and comments included), SOA serial zeroed, sorted.
func pdnsSnapshot(t *testing.T, srv *realdns.Server) []string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.APIURL+"/api/v1/servers/localhost/zones/"+rdnsShop, nil)
	req.Header.Set("X-API-Key", srv.APIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var z struct {
		RRsets []struct {
			Name, Type string
			TTL        int
			Records    []struct {
				Content  string
				Disabled bool
			}
			Comments []struct{ Content string }
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&z); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET zone: HTTP %d, %v", resp.StatusCode, err)
	}
	var out []string
	for _, s := range z.RRsets {
		for _, r := range s.Records {
			c := r.Content
			if s.Type == "SOA" {
				f := strings.Fields(c)
				f[2] = "0"
				c = strings.Join(f, " ")
			}
			out = append(out, fmt.Sprintf("%s\t%d\t%s\t%s\tdisabled=%v", s.Name, s.TTL, s.Type, c, r.Disabled))
		}
		for _, c := range s.Comments {
			out = append(out, fmt.Sprintf("%s\t%s\tcomment %q", s.Name, s.Type, c.Content))
		}
	}
	slices.Sort(out)
	return out
}

// pdnsPatch changes the zone directly through the API (test set-up).
func pdnsPatch(t *testing.T, srv *realdns.Server, body string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPatch, srv.APIURL+"/api/v1/servers/localhost/zones/"+rdnsShop, strings.NewReader(body))
	req.Header.Set("X-API-Key", srv.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("PATCH: HTTP %d %s", resp.StatusCode, b)
	}
}

func pdnsFlags(srv *realdns.Server, api string) []string {
	return []string{"--provider", "powerdns", "--powerdns-url", api, "--nameserver", srv.Addr}
}

func TestPowerDNSEndToEnd(t *testing.T) {
	rdnsEnv(t)
	srv := realdns.StartPowerDNS(t, rdnsZones()...)
	// A disabled TXT record and a comment on the apex TXT RRset: neither
	// may be published, lost or changed.
	pdnsPatch(t, srv, `{"rrsets":[{"name":"example.test.","type":"TXT","ttl":300,"changetype":"REPLACE",
		"records":[{"content":"\"v=spf1 +ip4:192.0.2.0/24 ~all\"","disabled":false},
		           {"content":"\"google-site-verification=abc123\"","disabled":false},
		           {"content":"\"ms=part-one;\" \"part-two\"","disabled":false},
		           {"content":"\"old-disabled-verification\"","disabled":true}],
		"comments":[{"content":"managed by the shop","account":"admin"}]}]}`)
	t.Setenv("PDNS_API_KEY", srv.APIKey)
	r := &rdnsRun{t: t, common: pdnsFlags(srv, srv.APIURL)}
	rdnsFlow(t, r, srv.Addr, func() []string { return pdnsSnapshot(t, srv) })
	// On the wire the other records keep their strings; the disabled one is not served.
	got := rdnsTXT(t, srv.Addr, rdnsShop)
	if !slices.ContainsFunc(got, func(s []string) bool { return slices.Equal(s, []string{"ms=part-one;", "part-two"}) }) ||
		slices.ContainsFunc(got, func(s []string) bool { return s[0] == "old-disabled-verification" }) || len(got) != 3 {
		t.Fatalf("served %q", got)
	}
	r.noSecrets([]string{srv.APIKey}, os.Getenv("XDG_STATE_HOME"))
}

// pdnsProxy is a reverse proxy on 127.0.0.1 in front of the API that passes
// GETs through and, for PATCH, either answers HTTP 500 without passing it on
// ("refuse"), or passes it on and answers 502 ("lose-answer").
func pdnsProxy(t *testing.T, api, mode string) string {
	t.Helper()
	u, _ := url.Parse(api)
	rp := httputil.NewSingleHostReverseProxy(u)
	px := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPatch {
			rp.ServeHTTP(w, r)
			return
		}
		if mode == "lose-answer" {
			rw := httptest.NewRecorder()
			rp.ServeHTTP(rw, r)
			if rw.Code != http.StatusNoContent {
				t.Errorf("PATCH through the proxy: HTTP %d %s", rw.Code, rw.Body)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		if mode == "lose-answer" {
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, `{"error": "upstream timed out"}`)
			return
		}
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"error": "Hosting backend failure"}`)
	}))
	t.Cleanup(px.Close)
	return px.URL
}

func TestPowerDNSFailures(t *testing.T) {
	rdnsEnv(t)
	srv := realdns.StartPowerDNS(t, rdnsZones()...)
	dir := t.TempDir()
	orig := pdnsSnapshot(t, srv)
	const wrong = "wrong-powerdns-api-key-0123456789"

	// A wrong key: a clear error, nothing written.
	t.Setenv("PDNS_API_KEY", wrong)
	r := &rdnsRun{t: t, common: pdnsFlags(srv, srv.APIURL)}
	out := r.cli(1, "apply", "--auto-approve", "--journal", filepath.Join(dir, "wrong.jsonl"), "example.test")
	if !strings.Contains(out, "refused the API key") || !strings.Contains(out, "PDNS_API_KEY") {
		t.Fatalf("wrong key:\n%s", out)
	}
	// No key at all.
	os.Unsetenv("PDNS_API_KEY")
	out = r.cli(1, "plan", "example.test")
	if !strings.Contains(out, "PDNS_API_KEY") {
		t.Fatalf("no key:\n%s", out)
	}

	// PowerDNS refuses the PATCH: the old record stays; the journal says so.
	t.Setenv("PDNS_API_KEY", srv.APIKey)
	r.common = pdnsFlags(srv, pdnsProxy(t, srv.APIURL, "refuse"))
	jr := filepath.Join(dir, "refused.jsonl")
	out = r.cli(1, "apply", "--auto-approve", "--journal", jr, "example.test")
	if !strings.Contains(out, "HTTP 500: Hosting backend failure") || !strings.Contains(out, "old record is still in place") {
		t.Fatalf("refused PATCH:\n%s", out)
	}
	if got := pdnsSnapshot(t, srv); !slices.Equal(got, orig) {
		t.Fatalf("a refused PATCH changed the zone")
	}
	if js := rdnsJournal(t, jr); len(js) != 1 || js[0].Result == nil || js[0].Result.Status != plan.StatusOldKept {
		t.Fatalf("journal of the refused PATCH: %+v", js)
	}

	// The PATCH is applied but the answer is an error: the new record is in
	// place, and the journal says so.
	r.common = pdnsFlags(srv, pdnsProxy(t, srv.APIURL, "lose-answer"))
	jl := filepath.Join(dir, "lost.jsonl")
	r.cli(0, "apply", "--auto-approve", "--journal", jl, "example.test")
	if got := rdnsSPF(t, srv.Addr); !slices.Equal(got, []string{rdnsNewSPF}) {
		t.Fatalf("served %q", got)
	}
	js := rdnsJournal(t, jl)
	if len(js) != 1 || js[0].Result == nil || js[0].Result.Status != plan.StatusWritten || !strings.Contains(js[0].Result.Error, "HTTP 502") {
		t.Fatalf("journal of the lost answer: %+v", js)
	}
	r.common = pdnsFlags(srv, srv.APIURL)
	r.cli(0, "rollback", "--auto-approve", "--journal", filepath.Join(dir, "rb.jsonl"), jl)
	if got := pdnsSnapshot(t, srv); !slices.Equal(got, orig) {
		t.Fatalf("after rollback:\n%q\nwant\n%q", got, orig)
	}
	r.noSecrets([]string{srv.APIKey, wrong}, dir, os.Getenv("XDG_STATE_HOME"))
}

// TestProvidersListsRFC2136AndPowerDNS: spfpatch providers shows both, with
// their settings and capabilities, secrets as environment variables only.
func TestProvidersListsRFC2136AndPowerDNS(t *testing.T) {
	out, errOut, code := runCLI(t, "providers")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"rfc2136: ", "--rfc2136-server, $SPFPATCH_RFC2136_SERVER", "--rfc2136-key-name, $SPFPATCH_TSIG_KEY_NAME", "--rfc2136-key-alg",
		"(default hmac-sha256)", "--rfc2136-key-file", "$SPFPATCH_TSIG_SECRET", "(secret: environment or file only)",
		"powerdns: ", "--powerdns-url, $SPFPATCH_POWERDNS_URL", "--powerdns-server-id", "(default localhost)", "$PDNS_API_KEY",
		"atomic RRset replace; exact-value delete; long TXT ok",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("spfpatch providers lacks %q:\n%s", want, out)
		}
	}
	out, _, code = runCLI(t, "providers", "--format", "json")
	var list []struct {
		Name         string
		Capabilities struct {
			AtomicReplace, ExactDelete, LongTXT, ZoneTrailingDot bool
		}
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 {
		t.Fatalf("providers --format json: %v\n%s", err, out)
	}
	found := 0
	for _, p := range list {
		if p.Name == "rfc2136" || p.Name == "powerdns" {
			found++
			if c := p.Capabilities; !c.AtomicReplace || !c.ExactDelete || !c.LongTXT || !c.ZoneTrailingDot {
				t.Errorf("%s capabilities %+v", p.Name, c)
			}
		}
	}
	if found != 2 {
		t.Errorf("providers JSON lists %d of rfc2136 and powerdns:\n%s", found, out)
	}
}
