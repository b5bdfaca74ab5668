package cli

// Issue 11 items 3, 9, 10 and 11 through the CLI: a hostile config file,
// include names with underscores, careless flag values and targets, and a
// domain that does not exist; each refused with its own message, in
// English and Japanese.

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/realdns"
)

// inputZones is a zone directory with the examples and a platform zone
// whose SPF record lives at an underscore name, as Google's and
// Salesforce's do.
func inputZones(t *testing.T) string {
	t.Helper()
	dir := zoneCopy(t)
	z := `$ORIGIN platform.example.
$TTL 3600
@      IN SOA ns1 hostmaster ( 1 3600 600 604800 300 )
@      IN NS  ns1
ns1    IN A   192.0.2.53
_spf   IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
`
	if err := os.WriteFile(filepath.Join(dir, "platform.example.zone"), []byte(z), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Item 3: the 588-byte alias bomb of the issue is refused at once with a
// clear message (it took over 6 GB and died), and so is a file over the
// size limit.
func TestConfigBombAndSize(t *testing.T) {
	rdnsEnv(t)
	// The shape that expands: anchors and aliases inside one domain entry
	// (decoded as a whole), 9^6 copies of "lol" from 7 short lines.
	var b strings.Builder
	b.WriteString("profiles:\n  files: {provider: zonefile, settings: {zone-dir: /nonexistent}}\ndefaults:\n  profile: files\n")
	b.WriteString("domains:\n  - domain: shop.example\n    x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&b, "    x%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("    include: *a6\n")
	if b.Len() > 600 {
		t.Fatalf("bomb of %d bytes", b.Len())
	}
	path := writeConfig(t, b.String())
	start := time.Now()
	out, errOut, code := runI18n(t, "", "plan", "--config", path, "--nameserver", "127.0.0.1:1")
	if code != exitError || out != "" || !strings.Contains(errOut, path+":8: aliases (*a0) are not allowed in a config file") {
		t.Fatalf("exit %d\nstdout %q\nstderr %q", code, out, errOut)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	_, errOut, _ = runI18n(t, "", "--lang", "ja", "check", "--config", path, "--nameserver", "127.0.0.1:1")
	mustContain(t, "ja bomb", errOut, "設定ファイルではエイリアス(*a0)は使えません")

	big := filepath.Join(t.TempDir(), "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("domains:\n")
	for i := 0; i < 300000; i++ {
		fmt.Fprintf(f, "  - shop%06d.example\n", i)
	}
	f.Close()
	_, errOut, code = runI18n(t, "", "plan", "--config", big)
	if code != exitError || !strings.Contains(errOut, "over the limit of 4194304 for a config file; keep long domain lists in a --domains-file") {
		t.Fatalf("big file: exit %d, %q", code, errOut)
	}
}

func errorsAs(err error, target **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	if ok {
		*target = e
	}
	return ok
}

// Item 3 and item 7: a config that sets the testing-only Cloudflare API URL
// is refused with its line, in English and Japanese, without repeating the
// URL; YAML type errors are said with the key and what to write, never as
// Go unmarshal text.
func TestConfigTestingOnlyAndTypes(t *testing.T) {
	rdnsEnv(t)
	path := writeConfig(t, "profiles:\n  cf:\n    provider: cloudflare\n    settings:\n      CLOUDFLARE_API_TOKEN: {env: T}\n"+
		"      SPFPATCH_CLOUDFLARE_API_URL: http://192.0.2.66:8080/client/v4\ndomains:\n  - shop.example\n")
	_, errOut, code := runI18n(t, "", "plan", "--config", path, "--nameserver", "127.0.0.1:1")
	if code != exitError || !strings.Contains(errOut, path+":6: profile cf: setting SPFPATCH_CLOUDFLARE_API_URL is for testing only and cannot be set in a config file") ||
		strings.Contains(errOut, "192.0.2.66") {
		t.Fatalf("exit %d: %q", code, errOut)
	}
	_, errOut, _ = runI18n(t, "", "--lang", "ja", "plan", "--config", path, "--nameserver", "127.0.0.1:1")
	mustContain(t, "ja testing-only", errOut, "設定 SPFPATCH_CLOUDFLARE_API_URL はテスト専用のため、設定ファイルには書けません")

	dir := inputZones(t)
	path = writeConfig(t, "profiles:\n  files:\n    provider: zonefile\n    settings:\n      zone-dir: "+dir+"\ndefaults:\n  profile: files\n"+
		"domains:\n  - domain: shop.example\n    create: yes please\n  - domain: [a.example, b.example]\n  - domain: nospf.example\n    include: {a: b}\n"+
		"  - a.example,b.example\n  - domain: patched.example\n    include: [\"_spf.platform.example\", \"bad name.example\"]\n")
	for _, lang := range []string{"en", "ja"} {
		out, errOut, code := runI18n(t, "", "--lang", lang, "plan", "--config", path, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms")
		if code != exitError {
			t.Fatalf("%s: exit %d\n%s\n%s", lang, code, out, errOut)
		}
		for _, bad := range []string{"unmarshal", "cannot decode", "interface {}", "Go struct", "idna"} {
			if strings.Contains(out+errOut, bad) {
				t.Errorf("%s: raw decoder text %q in:\n%s", lang, bad, out)
			}
		}
		want := map[string][]string{
			"en": {
				path + `:9: shop.example: create must be true or false, not "yes please"`,
				path + `:11: domains: domain must be one value written as text, not [...]`,
				path + `:12: nospf.example: include must be a name or a list of names`,
				`invalid target "a.example,b.example": it holds more than one name`,
				path + `:15: include "bad name.example": the character " " cannot be in an include name`,
			},
			"ja": {
				path + `:9: shop.example: create には true か false を書いてください("yes please" は使えません)`,
				path + `:11: domains: domain には値を 1 つ、文字列で書いてください([...] は使えません)`,
				path + `:12: nospf.example: include には名前を 1 つか、名前のリスト`,
				`対象 "a.example,b.example" は使えません: 名前が 2 つ以上入っています`,
				path + `:15: include 先 "bad name.example": 文字 " " は include 先の名前に使えません`,
			},
		}[lang]
		mustContain(t, lang+" type errors", out, want...)
	}
}

// Item 9: underscore include names (_spf.google.com) are names like any
// other, from --include, --remove-include, SPFPATCH_INCLUDE, check
// --include and the config.
func TestIncludeUnderscoreNames(t *testing.T) {
	rdnsEnv(t)
	dir := inputZones(t)
	zf := []string{"--provider", "zonefile", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms"}
	want := `"v=spf1 +ip4:192.0.2.0/24 include:_spf.platform.example ~all"`

	out, errOut, code := runCLI(t, append(append([]string{"plan"}, zf...), "--include", "_spf.platform.example", "shop.example")...)
	if code != 0 || !strings.Contains(out, want) {
		t.Fatalf("--include: exit %d\n%s\n%s", code, out, errOut)
	}
	t.Setenv("SPFPATCH_INCLUDE", "_SPF.Platform.example")
	out, errOut, code = runCLI(t, append(append([]string{"plan"}, zf...), "shop.example")...)
	if code != 0 || !strings.Contains(out, want) {
		t.Fatalf("SPFPATCH_INCLUDE: exit %d\n%s\n%s", code, out, errOut)
	}
	out, errOut, code = runCLI(t, "check", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms", "--format", "json", "shop.example")
	var c struct {
		With struct {
			Record string `json:"record"`
		} `json:"with_includes"`
	}
	if err := json.Unmarshal([]byte(out), &c); code != 0 || err != nil || c.With.Record != strings.Trim(want, `"`) {
		t.Fatalf("check with SPFPATCH_INCLUDE: exit %d %v\n%s\n%s", code, err, out, errOut)
	}
	t.Setenv("SPFPATCH_INCLUDE", "")
	out, errOut, code = runCLI(t, "check", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms", "--include", "_spf.platform.example", "shop.example")
	if code != 0 || !strings.Contains(out, "include:_spf.platform.example") {
		t.Fatalf("check --include: exit %d\n%s\n%s", code, out, errOut)
	}
	out, errOut, code = runCLI(t, "edit", "--remove-include", "_spf.google.com", "--include", "e-shopsmail2.com", "v=spf1 include:_spf.google.com ~all")
	if code != 0 || strings.TrimSpace(out) != "v=spf1 include:e-shopsmail2.com ~all" {
		t.Fatalf("edit --remove-include: exit %d %q %q", code, out, errOut)
	}
	path := writeConfig(t, "profiles:\n  files:\n    provider: zonefile\n    settings:\n      zone-dir: "+dir+"\ndefaults:\n  profile: files\n  include: _spf.platform.example\ndomains:\n  - shop.example\n")
	out, errOut, code = runCLI(t, "plan", "--config", path, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms")
	if code != 0 || !strings.Contains(out, want) {
		t.Fatalf("config include: exit %d\n%s\n%s", code, out, errOut)
	}
}

// Item 10: careless values each get their own message (the value, what is
// wrong, the fix), in English and Japanese; none is silently replaced by a
// default, and no library's text shows.
func TestCarelessValues(t *testing.T) {
	rdnsEnv(t)
	dir := inputZones(t)
	zf := []string{"--provider", "zonefile", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms"}
	plan := func(args ...string) []string { return append(append([]string{"plan"}, zf...), args...) }
	long := strings.Repeat("a", 60) + "." + strings.Repeat("b", 60) + "." + strings.Repeat("c", 60) + "." + strings.Repeat("d", 60) + ".shop.example"
	csv := filepath.Join(t.TempDir(), "domains.txt")
	os.WriteFile(csv, []byte("shop.example\na.example,b.example\n"), 0o600)
	tests := []struct {
		name   string
		args   []string
		en, ja string
	}{
		{"parallel 0", plan("--parallel", "0", "shop.example"), "--parallel 0: give how many domains to handle at once, 1 or more", "--parallel 0 は使えません"},
		{"parallel -1", plan("--parallel", "-1", "shop.example"), "--parallel -1: give how many domains", "--parallel -1 は使えません"},
		{"check parallel 0", []string{"check", "--parallel", "0", "shop.example"}, "--parallel 0: give how many domains", "--parallel 0 は使えません"},
		{"parallel too many", plan("--parallel", "20000000", "shop.example"), "--parallel 20000000: at most 1024 domains at once", "--parallel 20000000 は使えません: 同時に処理するドメインの数は 1024 まで"},
		{"check parallel too many", []string{"check", "--parallel", "1025", "shop.example"}, "--parallel 1025: at most 1024", "--parallel 1025 は使えません"},
		{"dns-timeout 0", plan("--dns-timeout", "0", "shop.example"), "--dns-timeout 0s: give how long to wait for one DNS answer, more than zero", "--dns-timeout 0s は使えません"},
		{"dns-timeout -1s", []string{"check", "--dns-timeout", "-1s", "shop.example"}, "--dns-timeout -1s: give how long", "--dns-timeout -1s は使えません"},
		{"empty include", plan("--include", "", "shop.example"), "an include name is empty", "include 先の名前が空です"},
		{"empty check include", []string{"check", "--include", "", "shop.example"}, "an include name is empty", "include 先の名前が空です"},
		{"include list item empty", plan("--include", "e-shopsmail2.com,", "shop.example"), "an include name is empty", "include 先の名前が空です"},
		{"ttl 0", plan("--ttl", "0", "--create", "nospf.example"), `--ttl "0": give the TTL in seconds (3600) or as a duration (3600s, 1h)`, `--ttl "0" は使えません`},
		{"ttl soon", plan("--ttl", "soon", "--create", "nospf.example"), `--ttl "soon": give the TTL in seconds`, `--ttl "soon" は使えません`},
		{"ttl fraction", plan("--ttl", "1.5s", "--create", "nospf.example"), `--ttl "1.5s": give the TTL in seconds`, `--ttl "1.5s" は使えません`},
		{"too long", plan(long), "characters long; a domain name has at most 253", "ドメイン名は最長 253 文字です"},
		{"two @", plan("a@b@shop.example"), `invalid target "a@b@shop.example": it has 2 @ signs`, `対象 "a@b@shop.example" は使えません: @ が 2 個あります`},
		{"wildcard", plan("*.wild.example"), `invalid target "*.wild.example": "*" stands for any name (a wildcard)`, `「*」は任意の名前を表すワイルドカード`},
		{"IP address", plan("192.0.2.1"), `invalid target "192.0.2.1": 192.0.2.1 is an IP address`, `192.0.2.1 は IP アドレスです`},
		{"CSV line", plan("--domains-file", csv), `invalid target "a.example,b.example": it holds more than one name`, `名前が 2 つ以上入っています`},
		{"underscore target", plan("_dmarc.shop.example"), `the character "_" cannot be in a domain name`, `文字 "_" はドメイン名に使えません`},
		{"bad include", plan("--include", "include:_spf.google.com", "shop.example"), `give only the name after "include:", e.g. --include _spf.google.com`, "「include:」の後ろの名前だけを指定してください"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, lang := range []string{"en", "ja"} {
				out, errOut, code := runI18n(t, "", append([]string{"--lang", lang}, tc.args...)...)
				all := out + errOut
				want := map[string]string{"en": tc.en, "ja": tc.ja}[lang]
				if code != exitError || !strings.Contains(all, want) {
					t.Fatalf("%s: exit %d, want 1 and %q in:\n%s", lang, code, want, all)
				}
				for _, bad := range []string{"idna", "disallowed rune", "none of the provider's", "Incorrect Usage"} {
					if strings.Contains(all, bad) {
						t.Errorf("%s: %q in:\n%s", lang, bad, all)
					}
				}
			}
		})
	}
	// --ttl in seconds, as the README writes it, and as a duration.
	for ttl, want := range map[string]string{"3600": "TTL 3600", "90": "TTL 90", "1h": "TTL 3600", "300s": "TTL 300"} {
		out, errOut, code := runCLI(t, plan("--ttl", ttl, "--create", "mail.shop.example")...)
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("--ttl %s: exit %d\n%s\n%s", ttl, code, out, errOut)
		}
	}
	// An empty SPFPATCH_INCLUDE is not set: the default include.
	t.Setenv("SPFPATCH_INCLUDE", "")
	if out, _, code := runCLI(t, plan("shop.example")...); code != 0 || !strings.Contains(out, "include:e-shopsmail2.com") {
		t.Fatalf("empty SPFPATCH_INCLUDE: %d %s", code, out)
	}
}

// Item 11: a name that does not exist is said so by plan, apply (--create
// too, which creates nothing) and check, through a provider that lists the
// zone and over DNS (NXDOMAIN) through the manual provider.
func TestNameDoesNotExist(t *testing.T) {
	rdnsEnv(t)
	dir := inputZones(t)
	before := zoneRRs(t, dir)
	zf := []string{"--provider", "zonefile", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms"}
	for _, args := range [][]string{
		append(append([]string{"plan"}, zf...), "shpo.shop.example"),
		append(append([]string{"plan"}, zf...), "--create", "shpo.shop.example"),
		append(append([]string{"apply", "--auto-approve"}, zf...), "--create", "shpo.shop.example"),
	} {
		out, errOut, code := runI18n(t, "", args...)
		if code != exitError || !strings.Contains(out, "shpo.shop.example: the domain does not exist; check the spelling") ||
			strings.Contains(out, "has no SPF record") || strings.Contains(out, "to create") && !strings.Contains(out, "0 to create") {
			t.Fatalf("%q: exit %d\n%s\n%s", args, code, out, errOut)
		}
	}
	out, _, _ := runI18n(t, "", append(append([]string{"plan", "--format", "json"}, zf...), "--create", "shpo.shop.example")...)
	if !strings.Contains(out, `"code":"no-such-domain"`) {
		t.Fatalf("JSON: %s", out)
	}
	out, _, _ = runI18n(t, "", append(append([]string{"--lang", "ja", "plan"}, zf...), "--create", "shpo.shop.example")...)
	mustContain(t, "ja", out, "shpo.shop.example: このドメインは存在しません。綴りを確認してください")
	if got := zoneRRs(t, dir); strings.Join(got, "\n") != strings.Join(before, "\n") {
		t.Fatalf("the zone changed")
	}
	// A name with records below it (an empty non-terminal) exists.
	os.WriteFile(filepath.Join(dir, "shop.example.zone"), append(mustRead(t, filepath.Join(dir, "shop.example.zone")), []byte("_dmarc.mail IN TXT \"v=DMARC1; p=none\"\n")...), 0o644)
	if out, errOut, code := runCLI(t, append(append([]string{"plan"}, zf...), "--create", "mail.shop.example")...); code != 0 || !strings.Contains(out, "+ mail.shop.example.") {
		t.Fatalf("an empty non-terminal: exit %d\n%s\n%s", code, out, errOut)
	}

	// Over DNS: the manual provider and check ask a real (in-process)
	// authoritative server, which answers NXDOMAIN.
	addr := serveZones(t, realdns.Zone{Name: "shop.example.", Text: string(mustRead(t, filepath.Join(dir, "shop.example.zone")))},
		realdns.Zone{Name: "e-shopsmail2.com.", Text: string(mustRead(t, filepath.Join(dir, "e-shopsmail2.com.zone")))})
	out, errOut, code := runI18n(t, "", "plan", "--provider", "manual", "--nameserver", addr, "--create", "shpo.shop.example")
	if code != exitError || !strings.Contains(out, "shpo.shop.example: the domain does not exist (DNS answers NXDOMAIN); check the spelling") {
		t.Fatalf("manual: exit %d\n%s\n%s", code, out, errOut)
	}
	out, errOut, code = runI18n(t, "", "check", "--nameserver", addr, "shpo.shop.example")
	if code != 0 || !strings.Contains(out, "shpo.shop.example does not exist (DNS answers NXDOMAIN): check the spelling") || strings.Contains(out, "plan --create") {
		t.Fatalf("check: exit %d\n%s\n%s", code, out, errOut)
	}
	out, _, _ = runI18n(t, "", "check", "--nameserver", addr, "--format", "json", "shpo.shop.example")
	if !strings.Contains(out, `"status":"none"`) || !strings.Contains(out, `"no_such_domain":true`) {
		t.Fatalf("check JSON: %s", out)
	}
	out, _, _ = runI18n(t, "", "--lang", "ja", "check", "--nameserver", addr, "shpo.shop.example")
	mustContain(t, "ja check", out, "shpo.shop.example は存在しません(DNS の応答は NXDOMAIN です)。綴りを確認してください")
	// A name that exists without SPF keeps its own advice.
	out, _, _ = runI18n(t, "", "check", "--nameserver", addr, "--format", "json", "mail.shop.example")
	if strings.Contains(out, "no_such_domain") || !strings.Contains(out, "has no SPF record") {
		t.Fatalf("an existing name: %s", out)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
