package cli

// Issue 11 item 7: a password inside --powerdns-url never reaches output,
// files or errors, in particular the suggested "Apply exactly this with"
// and "Undo with" commands.

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/realdns"
	_ "github.com/spfpatch/spfpatch/providers/powerdns"
)

// basicAuthProxy is a reverse proxy on 127.0.0.1 in front of the PowerDNS
// API that wants HTTP basic authentication (the reason a URL carries a
// password), and refuses anything else with 401.
func basicAuthProxy(t *testing.T, api, user, pass string) string {
	t.Helper()
	u, _ := url.Parse(api)
	rp := httputil.NewSingleHostReverseProxy(u)
	px := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gu, gp, ok := r.BasicAuth(); !ok || gu != user || gp != pass {
			w.Header().Set("WWW-Authenticate", `Basic realm="pdns"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		r.Header.Del("Authorization")
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(px.Close)
	return px.URL
}

func TestPowerDNSURLPasswordNeverShown(t *testing.T) {
	rdnsEnv(t)
	srv := realdns.StartPowerDNS(t, rdnsZones()...)
	t.Setenv("PDNS_API_KEY", srv.APIKey)
	const user, pass = "spfpatch", "pw-Secr3t-9f4e"
	px := basicAuthProxy(t, srv.APIURL, user, pass)
	withPass := strings.Replace(px, "http://", "http://"+user+":"+pass+"@", 1)
	files := t.TempDir()

	for _, from := range []string{"flag", "env"} {
		t.Run(from, func(t *testing.T) {
			r := &rdnsRun{t: t, common: []string{"--provider", "powerdns", "--nameserver", srv.Addr}}
			if from == "flag" {
				r.common = append(r.common, "--powerdns-url", withPass)
			} else {
				t.Setenv("SPFPATCH_POWERDNS_URL", withPass)
			}
			planFile := filepath.Join(files, from+"-plan.json")
			out := r.cli(0, "plan", "--out", planFile, "--report", filepath.Join(files, from+"-plan-report.json"), "example.test")
			apply := suggested(t, out, "apply")
			switch from {
			case "flag":
				// Given on the command line: shown, with the password hidden.
				if !strings.Contains(apply, "--powerdns-url "+strings.Replace(px, "http://", "http://"+user+":xxxxx@", 1)) {
					t.Fatalf("suggested apply %q", apply)
				}
			case "env":
				// From SPFPATCH_POWERDNS_URL: left to it, the command works as printed.
				if strings.Contains(apply, "--powerdns-url") {
					t.Fatalf("suggested apply %q", apply)
				}
				out = r.cli(0, strings.Fields(apply)...)
				mustContain(t, "the printed apply", out, "Undo with: spfpatch rollback")
				undo := suggested(t, out, "rollback")
				if strings.Contains(undo, "--powerdns-url") {
					t.Fatalf("suggested rollback %q", undo)
				}
				r.cli(0, append([]string{"rollback", "--auto-approve"}, strings.Fields(undo)[1:]...)...)
			}
			// apply with a report and a journal; the JSON lines too.
			journal := filepath.Join(files, from+"-journal.jsonl")
			out = r.cli(0, "apply", "--auto-approve", "--journal", journal, "--report", filepath.Join(files, from+"-apply-report.json"), "example.test")
			mustContain(t, "apply", out, "Undo with: spfpatch rollback")
			r.cli(0, "rollback", "--auto-approve", "--format", "json", journal)
			// A wrong password and an unreachable server: errors.
			bad := strings.Replace(withPass, pass, pass+"-wrong", 1)
			if from == "flag" {
				r.common[len(r.common)-1] = bad
			} else {
				t.Setenv("SPFPATCH_POWERDNS_URL", bad)
			}
			r.cli(1, "plan", "example.test")
			closed := "http://" + user + ":" + pass + "@127.0.0.1:1"
			if from == "flag" {
				r.common[len(r.common)-1] = closed
			} else {
				t.Setenv("SPFPATCH_POWERDNS_URL", closed)
			}
			r.cli(1, "apply", "--auto-approve", "example.test")
			r.cli(1, "plan", "--format", "json", "example.test")
			r.noSecrets([]string{pass}, files, os.Getenv("XDG_STATE_HOME"))
		})
	}
}
