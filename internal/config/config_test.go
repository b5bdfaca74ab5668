package config

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
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

// The billion-laughs file of issue 11 (nested aliases, under 600 bytes)
// is refused at once, naming the line of the first alias, before anything
// is expanded; so is a merge key (<<: *x), which is an alias too.
func TestAliasesRefused(t *testing.T) {
	// Anchors and aliases inside one domain entry, which was decoded as a
	// whole: 9^6 copies of "lol" (this shape with 5 levels allocated 1.5 GB
	// before).
	var b strings.Builder
	b.WriteString("domains:\n  - domain: shop.example\n    x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&b, "    x%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("    include: *a6\n")
	if b.Len() > 600 {
		t.Fatalf("bomb of %d bytes", b.Len())
	}
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	start := time.Now()
	_, err := Parse("bomb.yaml", []byte(b.String()), secrets)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&ms1)
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeAlias || e.Line != 4 || e.Args[0] != "a0" {
		t.Fatalf("err = %#v", err)
	}
	if !strings.Contains(err.Error(), "bomb.yaml:4: aliases (*a0) are not allowed") {
		t.Errorf("message %q", err)
	}
	if alloc := ms1.TotalAlloc - ms0.TotalAlloc; alloc > 10<<20 {
		t.Errorf("refusing the bomb allocated %d bytes", alloc)
	}
	t.Logf("refused in %v", elapsed)

	_, err = Parse("merge.yaml", []byte("profiles:\n  base: &b {provider: zonefile}\n  other:\n    <<: *b\n"), secrets)
	if !errors.As(err, &e) || e.Code != CodeAlias || e.Line != 4 {
		t.Fatalf("merge key: %v", err)
	}
	// An anchor alone expands nothing: allowed.
	if _, err := Parse("anchor.yaml", []byte("domains:\n  - &x shop.example\n"), secrets); err != nil {
		t.Fatalf("anchor: %v", err)
	}
}

// A file over MaxFileSize is refused from its size, without parsing it;
// one just under is read.
func TestFileSizeLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	var b strings.Builder
	b.WriteString("domains:\n")
	for i := 0; b.Len() <= MaxFileSize; i++ {
		fmt.Fprintf(&b, "  - shop%07d.example\n", i)
	}
	if err := os.WriteFile(big, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(big, secrets)
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeTooLarge || e.Args[0] != strconv.Itoa(b.Len()) || e.Args[1] != strconv.Itoa(MaxFileSize) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "over the limit of 4194304 for a config file; keep long domain lists in a --domains-file") {
		t.Errorf("message %q", err)
	}
	if _, err := Parse("big.yaml", []byte(b.String()), secrets); !errors.As(err, &e) || e.Code != CodeTooLarge {
		t.Fatalf("Parse: %v", err)
	}
	s := b.String()[:MaxFileSize]
	s = s[:strings.LastIndexByte(s, '\n')+1]
	f, err := Parse("under.yaml", []byte(s), secrets)
	if err != nil || len(f.Domains) < 150000 {
		t.Fatalf("a file under the limit: %v, %d domains", err, len(f.Domains))
	}
}

// The shapes that make goccy/go-yaml's parser quadratic are refused from
// the tokens, in linear time: deep nesting (block and flow), a block
// mapping with more than MaxKeys keys, several documents.
func TestShapeLimits(t *testing.T) {
	manyKeys := "profiles:\n"
	for i := 0; i <= MaxKeys; i++ {
		manyKeys += fmt.Sprintf("  p%d: {provider: zonefile}\n", i)
	}
	tests := []struct {
		name, yaml string
		code       string
	}{
		{"flow nesting", "domains: " + strings.Repeat("[", 200000) + strings.Repeat("]", 200000) + "\n", CodeTooDeep},
		{"block nesting", "domains:\n" + strings.Repeat("- ", 200000) + "x\n", CodeTooDeep},
		{"indented nesting", "domains:\n" + func() string {
			s := ""
			for i := 0; i < 40; i++ {
				s += strings.Repeat(" ", i+1) + "k:\n"
			}
			return s
		}(), CodeTooDeep},
		{"many keys", manyKeys, CodeTooManyKeys},
		{"documents", strings.Repeat("---\ndomains: [a.example]\n", 50000), CodeDocuments},
		{"two documents", "domains: [a.example]\n---\ndomains: [b.example]\n", CodeDocuments},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse("x.yaml", []byte(tc.yaml), secrets)
			var e *Error
			if !errors.As(err, &e) || e.Code != tc.code {
				t.Fatalf("err = %v, want code %s", err, tc.code)
			}
			t.Logf("%d bytes refused in %v: %v", len(tc.yaml), time.Since(start), err)
		})
	}
	// Long lists of domain entries are not "keys of one mapping".
	var b strings.Builder
	b.WriteString("domains:\n")
	for i := 0; i < 5*MaxKeys; i++ {
		fmt.Fprintf(&b, "  - domain: shop%d.example\n    zone: example\n  - info@shop%d.example\n", i, i)
	}
	f, err := Parse("long.yaml", []byte(b.String()), secrets)
	if err != nil || len(f.Domains) != 10*MaxKeys {
		t.Fatalf("long list: %v, %d", err, len(f.Domains))
	}
}

// Loading stops when the run's context ends (SIGTERM, Ctrl-C), whatever
// the parser is doing.
func TestLoadContextCancelled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "agency.yaml")
	var b strings.Builder
	b.WriteString("domains:\n")
	for i := 0; b.Len() < MaxFileSize-100; i++ {
		fmt.Fprintf(&b, "  - domain: shop%07d.example\n    zone: example\n", i)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	_, err := LoadContext(ctx, path, Rules{Secret: secrets})
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeInterrupted {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("returned after %v", d)
	}
}

// Values of the wrong type are said with the key, the domain (or
// defaults) and what to write, never as Go unmarshal text.
func TestTypeErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		line       int
		code, msg  string
	}{
		{"create not bool", "domains:\n  - domain: shop.example\n    create: yes please\n", 2, CodeNotBool, `shop.example: create must be true or false, not "yes please"`},
		{"create a list", "domains:\n  - domain: shop.example\n    create: [true]\n", 2, CodeNotBool, `shop.example: create must be true or false, not [...]`},
		{"domain a list", "domains:\n  - domain: [a.example, b.example]\n", 2, CodeNotText, `domains: domain must be one value written as text, not [...]`},
		{"zone a mapping", "domains:\n  - domain: shop.example\n    zone: {name: example}\n", 2, CodeNotText, `shop.example: zone must be one value written as text, not {...}`},
		{"include a mapping", "domains:\n  - domain: shop.example\n    include: {a: b}\n", 2, CodeNotNames, `shop.example: include must be a name or a list of names`},
		{"include nested list", "domains:\n  - domain: shop.example\n    include: [[a.example]]\n", 2, CodeNotNames, `not [...]`},
		{"entry a list", "domains:\n  - [a.example, b.example]\n", 2, CodeDomainList, `domains: each entry is a domain (- shop.example.com) or a mapping`},
		{"defaults create", "defaults:\n  create: 1\n", 2, CodeNotBool, `defaults: create must be true or false, not "1"`},
		{"defaults wait", "defaults:\n  wait: soon\n", 2, CodeNotDuration, `defaults: wait must be a duration such as 2m or 90s, not "soon"`},
		{"defaults a list", "defaults: [a]\n", 1, CodeNotText, `defaults: defaults must be one value written as text, not [...]`},
		{"defaults unknown key", "defaults:\n  inclde: x\n", 2, CodeDefaultsKey, `defaults: unknown key "inclde" (keys: profile, include, create, wait)`},
		{"provider a list", "profiles:\n  p:\n    provider: [zonefile]\n", 3, CodeNotText, `p: provider must be one value written as text, not [...]`},
		{"setting a list", "profiles:\n  p:\n    provider: zonefile\n    settings:\n      zone-dir: [a, b]\n", 5, CodeNotText, `p: zone-dir must be one value written as text, not [...]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("agency.yaml", []byte(tc.yaml), secrets)
			var es Errors
			var e *Error
			switch {
			case errors.As(err, &es):
				e = es[0]
			case errors.As(err, &e):
			}
			if e == nil || e.Code != tc.code || e.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
				t.Fatalf("got %#v (%v), want %s at line %d with %q", e, err, tc.code, tc.line, tc.msg)
			}
			for _, bad := range []string{"unmarshal", "cannot", "interface {}", "Go struct", "[2:", "[3:"} {
				if strings.Contains(err.Error(), bad) {
					t.Errorf("raw decoder text %q in %q", bad, err)
				}
			}
		})
	}
	// The right types still read, wait in seconds too.
	f, err := Parse("agency.yaml", []byte("defaults:\n  wait: 120\n  create: false\ndomains:\n  - domain: shop.example\n    create: true\n    include: _spf.google.com\n"), secrets)
	if err != nil || f.Defaults.Wait != 2*time.Minute || len(f.Domains) != 1 || !*f.Domains[0].Create || f.Domains[0].Includes[0] != "_spf.google.com" {
		t.Fatalf("%v %+v", err, f)
	}
}

// The Cloudflare API base URL, a testing-only setting, may not be set in a
// file; the include names of defaults and domains go through
// Rules.Include, their problems said at the entry's line.
func TestRules(t *testing.T) {
	rules := Rules{
		Secret:      secrets,
		TestingOnly: func(provider, setting string) bool { return setting == "SPFPATCH_CLOUDFLARE_API_URL" },
		Include: func(name string) (string, string) {
			if strings.Contains(name, " ") {
				return "", "include " + strconv.Quote(name) + ": a space"
			}
			return strings.ToLower(name), ""
		},
	}
	_, err := ParseWith("agency.yaml", []byte("profiles:\n  cf:\n    provider: cloudflare\n    settings:\n      CLOUDFLARE_API_TOKEN: {env: T}\n      SPFPATCH_CLOUDFLARE_API_URL: http://192.0.2.66:8080/client/v4\n"), rules)
	var es Errors
	if !errors.As(err, &es) || es[0].Code != CodeTestingOnly || es[0].Line != 6 || !strings.Contains(err.Error(), "agency.yaml:6: profile cf: setting SPFPATCH_CLOUDFLARE_API_URL is for testing only") {
		t.Fatalf("testing-only: %v", err)
	}
	if strings.Contains(err.Error(), "192.0.2.66") {
		t.Errorf("the URL is repeated: %v", err)
	}
	f, err := ParseWith("agency.yaml", []byte("defaults:\n  include: [_SPF.Google.com]\ndomains:\n  - ok.example\n  - domain: bad.example\n    include: [a b.example]\n"), rules)
	if !errors.As(err, &es) || len(es) != 1 || es[0].Code != CodeInclude || es[0].Line != 5 || es[0].Msg != `include "a b.example": a space` {
		t.Fatalf("domain include: %v", err)
	}
	if f == nil || len(f.Domains) != 1 || f.Defaults.Includes[0] != "_spf.google.com" {
		t.Fatalf("%+v", f)
	}
	_, err = ParseWith("agency.yaml", []byte("defaults:\n  include: [a b.example]\n"), rules)
	if !errors.As(err, &es) || es[0].Code != CodeInclude || es[0].Line != 2 {
		t.Fatalf("defaults include: %v", err)
	}
}

// Values from the file reach messages escaped for a terminal.
func TestErrorsEscaped(t *testing.T) {
	_, err := Parse("agency.yaml", []byte("domains:\n  - domain: \"a\\e[2Jb.example\"\n    zonee: x\n    create: \"\\e]0;pwn\\a\"\n"), secrets)
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\x07") {
		t.Fatalf("raw escapes in %q", err)
	}
	if !strings.Contains(err.Error(), `\x1b`) {
		t.Fatalf("escape not shown: %q", err)
	}
}

// BenchmarkParseLargest parses a config of MaxFileSize bytes of domain
// entries: the most a file can cost.
func BenchmarkParseLargest(b *testing.B) {
	var s strings.Builder
	s.WriteString("defaults:\n  include: e-shopsmail2.com\ndomains:\n")
	for i := 0; ; i++ {
		line := fmt.Sprintf("  - domain: shop%07d.example.com\n    zone: example.com\n", i)
		if s.Len()+len(line) > MaxFileSize {
			break
		}
		s.WriteString(line)
	}
	data := []byte(s.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("big.yaml", data, nil); err != nil {
			b.Fatal(err)
		}
	}
}
