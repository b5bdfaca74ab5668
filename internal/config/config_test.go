package config

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func secrets(provider, setting string) bool {
	return setting == "CLOUDFLARE_API_TOKEN" || setting == "SPFPATCH_TSIG_SECRET"
}

const good = `# agency config
profiles:
  cf:
    provider: cloudflare
    settings:
      CLOUDFLARE_API_TOKEN: {env: AGENCY_CF_TOKEN}
  office:
    provider: rfc2136
    settings:
      rfc2136-server: 192.0.2.53:53
      rfc2136-key-name: agency-key
      SPFPATCH_TSIG_SECRET: {file: /etc/spfpatch/tsig.secret}
defaults:
  profile: cf
  include: e-shopsmail2.com
  wait: 2m
domains:
  - shop1.example
  - info@shop2.example
  - domain: shop3.example
    profile: office
    zone: example
    include: [e-shopsmail2.com, _spf.other.example]
    create: true
`

func TestParseGood(t *testing.T) {
	f, err := Parse("agency.yaml", []byte(good), secrets)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Profiles) != 2 || f.Profiles["cf"].Provider != "cloudflare" || f.Profiles["office"].Settings["rfc2136-server"].Literal != "192.0.2.53:53" {
		t.Fatalf("profiles %+v", f.Profiles)
	}
	if v := f.Profiles["cf"].Settings["CLOUDFLARE_API_TOKEN"]; v.Env != "AGENCY_CF_TOKEN" || !v.IsRef() {
		t.Fatalf("token ref %+v", v)
	}
	if f.Defaults.Profile != "cf" || f.Defaults.Wait != 2*time.Minute || len(f.Defaults.Includes) != 1 {
		t.Fatalf("defaults %+v", f.Defaults)
	}
	want := []Domain{{Target: "shop1.example", Line: 18}, {Target: "info@shop2.example", Line: 19}}
	if len(f.Domains) != 3 || f.Domains[0].Target != want[0].Target || f.Domains[0].Line != 18 || f.Domains[1].Line != 19 {
		t.Fatalf("domains %+v", f.Domains)
	}
	d := f.Domains[2]
	if d.Target != "shop3.example" || d.Profile != "office" || d.Zone != "example" || len(d.Includes) != 2 || d.Create == nil || !*d.Create || d.Line != 20 {
		t.Fatalf("domain 3 %+v", d)
	}
}

func TestResolve(t *testing.T) {
	t.Setenv("AGENCY_CF_TOKEN", "tok-123")
	v := Value{Env: "AGENCY_CF_TOKEN"}
	if s, err := v.Resolve(); err != nil || s != "tok-123" {
		t.Fatal(s, err)
	}
	if _, err := (Value{Env: "SPFPATCH_NOT_SET_ANYWHERE"}).Resolve(); err == nil {
		t.Fatal("unset env resolved")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		line       int
		msg        string
		usable     bool // the file still loads (only domain entries failed)
	}{
		{"inline secret", "profiles:\n  cf:\n    provider: cloudflare\n    settings:\n      CLOUDFLARE_API_TOKEN: abc123\n", 5, "is a secret", false},
		{"inline secret before provider", "profiles:\n  cf:\n    settings:\n      CLOUDFLARE_API_TOKEN: abc123\n    provider: cloudflare\n", 4, "is a secret", false},
		{"bad reference", "profiles:\n  cf:\n    provider: cloudflare\n    settings:\n      CLOUDFLARE_API_TOKEN: {envv: X}\n", 5, "{env: NAME}", false},
		{"profile without provider", "profiles:\n  cf:\n    settings: {}\n", 2, "provider: is missing", false},
		{"unknown top key", "profile:\n  x: 1\n", 1, "unknown key", false},
		{"undefined default profile", "defaults:\n  profile: nope\n", 2, "not defined", false},
		{"bad defaults key", "defaults:\n  inclde: x\n", 2, "defaults:", false},
		{"undefined domain profile", "domains:\n  - ok.example\n  - domain: shop.example\n    profile: nope\n", 3, "not defined", true},
		{"unknown domain key", "domains:\n  - ok.example\n  - domain: shop.example\n    zonee: x\n", 3, "domain entry", true},
		{"domain entry without domain", "domains:\n  - ok.example\n  - profile: x\n", 3, "without domain", true},
		{"not yaml", "domains: [\n", 1, "not valid YAML", false},
		{"domains not a list", "domains: shop.example\n", 1, "must be a list", false},
		{"empty file", "# nothing\n", 0, "the file is empty", false},
		{"top level not a mapping", "- shop.example\n", 1, "top level", false},
		{"profiles not a mapping", "profiles: [a]\n", 1, "profiles: must map", false},
		{"profile settings not a mapping", "profiles:\n  cf:\n    provider: cloudflare\n    settings: [a]\n", 4, "settings: must be a mapping", false},
		{"profile unknown key", "profiles:\n  cf:\n    provider: cloudflare\n    setings: {}\n", 4, "unknown key", false},
		{"empty domain entry", "domains:\n  - ok.example\n  -\n", 3, "empty domain entry", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse("agency.yaml", []byte(tc.yaml), secrets)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %q does not contain %q", err, tc.msg)
			}
			var es Errors
			var e *Error
			switch {
			case errors.As(err, &es):
				e = es[0]
			case errors.As(err, &e):
			}
			if e == nil || e.Line != tc.line || e.Path != "agency.yaml" {
				t.Fatalf("error %#v, want line %d", e, tc.line)
			}
			// Every problem has a code, and its English text is the code's.
			all := es
			if all == nil {
				all = Errors{e}
			}
			for _, e := range all {
				format, ok := Messages[e.Code]
				args := make([]any, len(e.Args))
				for i, a := range e.Args {
					args[i] = a
				}
				if !ok || fmt.Sprintf(format, args...) != e.Msg {
					t.Errorf("code %q args %q do not give %q", e.Code, e.Args, e.Msg)
				}
			}
			if !strings.HasPrefix(err.Error(), "agency.yaml:") {
				t.Fatalf("error %q does not name the file", err)
			}
			if tc.usable != (f != nil) {
				t.Fatalf("usable = %v, want %v", f != nil, tc.usable)
			}
			if tc.usable && (len(f.Domains) != 1 || f.Domains[0].Target != "ok.example") {
				t.Fatalf("the good domain was not kept: %+v", f.Domains)
			}
		})
	}
}
