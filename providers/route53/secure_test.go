package route53

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/r53fake"
	"github.com/spfpatch/spfpatch/providers"
)

// Issue 12 point 9: Route 53 returns values stored as adjacent strings
// ("abc""def"). They are read, a change beside them sends them back byte
// for byte, and a zone holding them can be read whole (rolling back a
// created record).
func TestAdjacentStrings(t *testing.T) {
	f, id, p := setup(t)
	adjVerifier := `"google-site-""verification=abc123"`
	adjSPF := `"v=spf1 ip4:192.0.2.0/24 ""~all"`
	f.PutRRSet(id, r53fake.RRSet{Name: "shop.test", Type: "TXT", TTL: 3600, Values: []string{adjVerifier, adjSPF}})
	f.AddRRSet(id, r53fake.RRSet{Name: "other.shop.test", Type: "TXT", TTL: 300, Values: []string{`"a""b"`}})
	ctx := context.Background()
	rs, err := p.GetRRset(ctx, zone, "@", "TXT")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rs {
		got = append(got, r.RR().Data)
	}
	if !reflect.DeepEqual(got, []string{verifier, oldSPF}) {
		t.Fatalf("read %q", got)
	}
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if vals := f.Values(id, "shop.test.", "TXT"); !reflect.DeepEqual(vals, []string{adjVerifier, `"` + newSPF + `"`}) {
		t.Fatalf("stored %q: the verification value must be sent back as it was", vals)
	}
	all, err := p.GetRecords(ctx, zone)
	if err != nil {
		t.Fatalf("the whole zone: %v", err)
	}
	// A created record is rolled back (deleted) in a zone with adjacent strings.
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("new", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.DeleteRecords(ctx, zone, []libdns.Record{txt("new", newSPF, time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 || f.Values(id, "new.shop.test.", "TXT") != nil {
		t.Fatal("not deleted")
	}
}

// Issue 12 point 9: RRsets with a routing policy are listed page by page
// with NextRecordIdentifier; a read of a name behind them pages through.
func TestNextRecordIdentifier(t *testing.T) {
	f, id, p := setup(t)
	f.MaxItems = 1
	for _, w := range []string{"a", "b", "c"} {
		f.AddRRSet(id, r53fake.RRSet{Name: "weighted.shop.test", Type: "TXT", SetIdentifier: w, TTL: 60, Values: []string{`"` + w + `"`}})
	}
	f.AddRRSet(id, r53fake.RRSet{Name: "weighted.shop.test", Type: "TXT2", TTL: 60, Values: []string{`"x"`}})
	ctx := context.Background()
	recs, err := p.GetRecords(ctx, zone)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range recs {
		if r.RR().Name == "weighted" {
			n++
		}
	}
	if n != 4 {
		t.Fatalf("%d records at weighted, want 4: %v", n, recs)
	}
	sawID := false
	for _, r := range f.Requests() {
		sawID = sawID || strings.Contains(r.Query, "identifier=")
	}
	if !sawID {
		t.Fatal("no request carried the identifier")
	}
	// Such an RRset is not changed.
	if _, err := p.SetRecords(ctx, zone, []libdns.Record{txt("weighted", "x", time.Minute)}); !errors.Is(err, providers.ErrUnsafe) {
		t.Fatalf("got %v", err)
	}
}

// The ASCII order of Route 53's listing, labels reversed with a trailing
// dot ("test.shop.a-b." before "test.shop.a.", which label-by-label order
// puts the other way round): a one-name read finds each name whatever
// sorts around it.
func TestASCIIOrder(t *testing.T) {
	f, id, p := setup(t)
	f.MaxItems = 1
	for _, n := range []string{"a", "a-b", "a.b", "a0"} {
		f.AddRRSet(id, r53fake.RRSet{Name: n + ".shop.test", Type: "TXT", TTL: 60, Values: []string{`"` + n + `"`}})
	}
	var order []string
	for _, s := range f.Sets(id) {
		order = append(order, s.Name)
	}
	// Keys test.shop.a-b. < test.shop.a. < test.shop.a0. < test.shop.b.a.
	want := []string{"shop.test.", "shop.test.", "shop.test.", "shop.test.", "shop.test.", "a-b.shop.test.", "a.shop.test.", "a0.shop.test.", "a.b.shop.test."}
	if !reflect.DeepEqual(order, want) {
		t.Fatalf("order %q, want %q", order, want)
	}
	for _, n := range []string{"a", "a-b", "a.b", "a0"} {
		rs, err := p.GetRRset(context.Background(), zone, n, "TXT")
		if err != nil || len(rs) != 1 || rs[0].RR().Data != n {
			t.Fatalf("%s: %v %v", n, rs, err)
		}
	}
}

// AccessDenied names the IAM permission; ExpiredToken says to renew the
// session; neither shows a secret.
func TestAccessDeniedAndExpired(t *testing.T) {
	f, _, p := setup(t)
	ctx := context.Background()
	f.Deny("ChangeResourceRecordSets")
	_, err := p.SetRecords(ctx, zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)})
	if err == nil || !strings.Contains(err.Error(), "route53:ChangeResourceRecordSets") || !strings.Contains(err.Error(), "IAM") {
		t.Fatalf("got %v", err)
	}
	f2 := r53fake.Start(t, keyID, "")
	f2.AddZone("shop.test", false)
	awsEnv(t, f2)
	t.Setenv("AWS_SESSION_TOKEN", "expired-session-token-0123456789")
	f2.Expire("expired-session-token-0123456789")
	p2, err := New(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	_, err = p2.(*Provider).GetRRset(ctx, zone, "@", "TXT")
	if err == nil || !strings.Contains(err.Error(), "expired") || strings.Contains(err.Error(), "expired-session-token") {
		t.Fatalf("got %v", err)
	}
}

// Issue 11 item 6: a secret from any source of the AWS chain never shows
// in an error — environment, shared credentials file, SSO, credential
// process — even when Route 53 echoes it (a SignatureDoesNotMatch message
// quotes the canonical request, session token included) or the source's
// own error quotes it (a credential process whose output does not parse).
func TestCredentialSourcesRedacted(t *testing.T) {
	const (
		wrongSecret = "wrong-secret-key-from-the-source-5e1f"
		token       = "SESSIONTOKEN-from-the-source-9a8b7c6d5e4f"
	)
	home := t.TempDir()
	setupSource := func(t *testing.T) *r53fake.Server {
		f := r53fake.Start(t, keyID, secret) // signatures are checked: the wrong secret fails
		f.AddZone("shop.test", false)
		awsEnv(t, f)
		t.Setenv("HOME", home)
		t.Setenv("AWS_ACCESS_KEY_ID", "")
		t.Setenv("AWS_SECRET_ACCESS_KEY", "")
		t.Setenv("AWS_SESSION_TOKEN", "")
		return f
	}
	check := func(t *testing.T, f *r53fake.Server, secrets ...string) {
		t.Helper()
		pp, err := New(env(nil))
		if err == nil {
			_, err = pp.(*Provider).GetRRset(context.Background(), zone, "@", "TXT")
		}
		if err == nil {
			t.Fatal("no error")
		}
		for _, s := range secrets {
			if strings.Contains(err.Error(), s) {
				t.Fatalf("a secret shows: %v", err)
			}
		}
		if f != nil && !strings.Contains(err.Error(), "SignatureDoesNotMatch") {
			t.Fatalf("not the error expected: %v", err)
		}
	}
	write := func(t *testing.T, name, text string) string {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte(text), 0o700); err != nil {
			t.Fatal(err)
		}
		return path
	}
	t.Run("environment", func(t *testing.T) {
		f := setupSource(t)
		t.Setenv("AWS_ACCESS_KEY_ID", keyID)
		t.Setenv("AWS_SECRET_ACCESS_KEY", wrongSecret)
		t.Setenv("AWS_SESSION_TOKEN", token)
		check(t, f, wrongSecret, token)
	})
	t.Run("shared credentials file", func(t *testing.T) {
		f := setupSource(t)
		t.Setenv("AWS_SHARED_CREDENTIALS_FILE", write(t, "credentials", fmt.Sprintf("[shop]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\n", keyID, wrongSecret, token)))
		t.Setenv("AWS_PROFILE", "shop")
		check(t, f, wrongSecret, token)
	})
	t.Run("SSO", func(t *testing.T) {
		f := setupSource(t)
		const startURL = "https://shop-agency.awsapps.com/start"
		const accessToken = "sso-access-token-from-the-cache-77aa"
		var asked atomic.Int64
		sso := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/federation/credentials" || r.Header.Get("X-Amz-Sso_bearer_token") != accessToken {
				http.Error(w, `{"message":"no"}`, 401)
				return
			}
			asked.Add(1)
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"roleCredentials":{"accessKeyId":%q,"secretAccessKey":%q,"sessionToken":%q,"expiration":%d}}`,
				keyID, wrongSecret, token, time.Now().Add(time.Hour).UnixMilli())
		}))
		t.Cleanup(sso.Close)
		sum := sha1.Sum([]byte(startURL))
		cache := filepath.Join(home, ".aws", "sso", "cache")
		if err := os.MkdirAll(cache, 0o700); err != nil {
			t.Fatal(err)
		}
		tok, _ := json.Marshal(map[string]string{"accessToken": accessToken, "expiresAt": time.Now().Add(time.Hour).UTC().Format(time.RFC3339), "region": "us-east-1", "startUrl": startURL})
		if err := os.WriteFile(filepath.Join(cache, hex.EncodeToString(sum[:])+".json"), tok, 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv("AWS_CONFIG_FILE", write(t, "config", fmt.Sprintf("[profile sso]\nsso_start_url = %s\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = DNSAdmin\nregion = us-east-1\n", startURL)))
		t.Setenv("AWS_PROFILE", "sso")
		t.Setenv("AWS_ENDPOINT_URL_SSO", sso.URL)
		check(t, f, wrongSecret, token, accessToken)
		if asked.Load() == 0 {
			t.Fatal("the SSO portal was not asked: the test did not use SSO")
		}
	})
	t.Run("credential process", func(t *testing.T) {
		f := setupSource(t)
		script := write(t, "creds.sh", fmt.Sprintf("#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"%s\", \"SecretAccessKey\": \"%s\", \"SessionToken\": \"%s\"}'\n", keyID, wrongSecret, token))
		t.Setenv("AWS_CONFIG_FILE", write(t, "config", "[profile proc]\ncredential_process = "+script+"\nregion = us-east-1\n"))
		t.Setenv("AWS_PROFILE", "proc")
		check(t, f, wrongSecret, token)
	})
	t.Run("credential process output that does not parse", func(t *testing.T) {
		setupSource(t)
		script := write(t, "creds.sh", fmt.Sprintf("#!/bin/sh\necho 'warning: old version'\necho '{\"Version\": 1, \"AccessKeyId\": \"%s\", \"SecretAccessKey\": \"%s\", \"SessionToken\": \"%s\"}'\n", keyID, wrongSecret, token))
		t.Setenv("AWS_CONFIG_FILE", write(t, "config", "[profile proc]\ncredential_process = "+script+"\nregion = us-east-1\n"))
		t.Setenv("AWS_PROFILE", "proc")
		check(t, nil, wrongSecret, token)
	})
}

// Issue 11 item 6: the endpoint override sends credentials only over https
// (plain http only to loopback), whichever setting names it; issue 11 item
// 4 for this provider: no redirect is followed (the other server never
// sees the credentials), answers are bounded.
func TestEndpointAndHTTPClient(t *testing.T) {
	f, _, _ := setup(t)
	for _, tc := range []struct{ env, value string }{
		{"AWS_ENDPOINT_URL_ROUTE_53", "http://192.0.2.1:8080"},
		{"AWS_ENDPOINT_URL_ROUTE_53", "http://route53.example"},
		{"AWS_ENDPOINT_URL", "http://proxy.example"},
	} {
		t.Run(tc.value, func(t *testing.T) {
			awsEnv(t, f)
			if tc.env == "AWS_ENDPOINT_URL" {
				t.Setenv("AWS_ENDPOINT_URL_ROUTE_53", "")
				os.Unsetenv("AWS_ENDPOINT_URL_ROUTE_53")
			}
			t.Setenv(tc.env, tc.value)
			if _, err := New(env(nil)); err == nil || !strings.Contains(err.Error(), "http") {
				t.Fatalf("got %v", err)
			}
		})
	}
	t.Run("endpoint_url in the config file", func(t *testing.T) {
		awsEnv(t, f)
		os.Unsetenv("AWS_ENDPOINT_URL_ROUTE_53")
		cfg := filepath.Join(t.TempDir(), "config")
		_ = os.WriteFile(cfg, []byte("[profile ep]\nregion = us-east-1\nendpoint_url = http://r53.example\n"), 0o600)
		t.Setenv("AWS_CONFIG_FILE", cfg)
		t.Setenv("AWS_PROFILE", "ep")
		if _, err := New(env(nil)); err == nil {
			t.Fatal("http endpoint from the config file accepted")
		}
	})
	var leaked atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" || r.Header.Get("X-Amz-Security-Token") != "" {
			leaked.Add(1)
		}
		w.WriteHeader(200)
	}))
	t.Cleanup(other.Close)
	var mode atomic.Int64
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if mode.Load() == 0 {
			http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		_, _ = io.WriteString(w, "<ListHostedZonesResponse>")
		for i := 0; i < 1<<20; i++ {
			if _, err := io.WriteString(w, "<HostedZones><HostedZone><Id>/hostedzone/Z1</Id><Name>x.</Name></HostedZone></HostedZones>"); err != nil {
				return
			}
		}
	}))
	t.Cleanup(api.Close)
	awsEnv(t, f)
	t.Setenv("AWS_SESSION_TOKEN", "session-token-not-for-others-4411")
	t.Setenv("AWS_ENDPOINT_URL_ROUTE_53", api.URL)
	p, err := New(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.(*Provider).ListZones(context.Background())
	if err == nil || !strings.Contains(err.Error(), "not followed") || leaked.Load() != 0 {
		t.Fatalf("redirect: %v; %d requests with credentials reached the other server", err, leaked.Load())
	}
	mode.Store(1)
	p.(*Provider).api.http.MaxBody = 1 << 20
	if _, err := p.(*Provider).ListZones(context.Background()); err == nil || !strings.Contains(err.Error(), "over 1 MB") {
		t.Fatalf("endless answer: %v", err)
	}
}
