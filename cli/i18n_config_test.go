package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeConfig writes an agency config file and returns its path.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "agency.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A config with a secret written inline and an unknown key cannot be used:
// both problems are said in Japanese with --lang ja, each after its file and
// line, by plan and by check; in English the text is what it always was.
func TestI18nConfigFatal(t *testing.T) {
	path := writeConfig(t, "profiles:\n  cf:\n    provider: cloudflare\n    settings:\n      CLOUDFLARE_API_TOKEN: abc123\nprofile: typo\n")
	ja := []string{
		path + ":5: プロファイル cf: 設定 CLOUDFLARE_API_TOKEN は秘密情報なので、ファイルに直接書くことはできません。{env: VARIABLE}(環境変数)か {file: PATH}(ファイル)で指定してください\n",
		path + ":6: 不明なキー \"profile\" があります。一番上の階層に書けるキーは profiles、defaults、domains です。綴りを確認してください\n",
	}
	en := "spfpatch: " + path + ":5: profile cf: setting CLOUDFLARE_API_TOKEN is a secret and must not be written in the file; use {env: VARIABLE} or {file: PATH}\n" +
		path + ":6: unknown key \"profile\": the keys are profiles, defaults and domains\n"
	for _, cmd := range []string{"plan", "check"} {
		t.Run(cmd, func(t *testing.T) {
			out, errOut, code := runI18n(t, "", "--lang", "ja", cmd, "--config", path, "shop.example")
			if code != exitError || out != "" {
				t.Fatalf("code %d, stdout %q", code, out)
			}
			for _, w := range ja {
				if !strings.Contains(errOut, w) {
					t.Errorf("no %q in:\n%s", w, errOut)
				}
			}
			if strings.Contains(errOut, "secret and must not") || strings.Contains(errOut, "unknown key") {
				t.Errorf("English left in:\n%s", errOut)
			}
			out, errOut, code = runI18n(t, "", cmd, "--config", path, "shop.example")
			if code != exitError || out != "" || errOut != en {
				t.Errorf("English: code %d, stdout %q, stderr\n%q\nwant\n%q", code, out, errOut, en)
			}
		})
	}
}

// Bad domain entries (an undefined profile, an unknown key) become failed
// plan entries with code config-error; their message is Japanese with
// --lang ja, after the file and line, in text and JSON; English by default.
func TestI18nConfigEntries(t *testing.T) {
	dir := t.TempDir()
	path := writeConfig(t, "profiles:\n  files:\n    provider: zonefile\n    settings:\n      zone-dir: "+dir+
		"\ndefaults:\n  profile: files\ndomains:\n  - domain: a.example\n    profile: nope\n  - domain: b.example\n    zonee: typo\n")
	args := []string{"plan", "--config", path, "--nameserver", "127.0.0.1:1", "--dns-timeout", "100ms"}
	ja := []string{
		path + ":9: a.example: プロファイル \"nope\" が profiles: に定義されていません。profiles: に定義するか、名前の綴りを確認してください",
		path + ":11: ドメインの項目が正しくありません: ",
		"(書けるキーは domain、profile、zone、include、create です)",
	}
	en := []string{
		path + ":9: a.example: profile \"nope\" is not defined under profiles:\n",
		path + ":11: domain entry: ",
		` (keys: domain, profile, zone, include, create)` + "\n",
	}
	out, errOut, code := runI18n(t, "", append([]string{"--lang", "ja"}, args...)...)
	if code != exitError {
		t.Fatalf("code %d\n%s\n%s", code, out, errOut)
	}
	for _, w := range ja {
		if !strings.Contains(out, w) {
			t.Errorf("no %q in:\n%s", w, out)
		}
	}
	if strings.Contains(out, "not defined under") || strings.Contains(out, "domain entry:") {
		t.Errorf("English left in:\n%s", out)
	}
	out, _, _ = runI18n(t, "", append([]string{"--lang", "ja"}, append(args, "--format", "json")...)...)
	if !strings.Contains(out, `"code": "config-error"`) && !strings.Contains(out, `"code":"config-error"`) {
		t.Errorf("no config-error code in:\n%s", out)
	}
	if !strings.Contains(out, "プロファイル \\\"nope\\\" が profiles: に定義されていません") {
		t.Errorf("JSON message not Japanese:\n%s", out)
	}
	out, errOut, code = runI18n(t, "", args...)
	if code != exitError {
		t.Fatalf("code %d\n%s\n%s", code, out, errOut)
	}
	for _, w := range en {
		if !strings.Contains(out, w) {
			t.Errorf("English: no %q in:\n%s", w, out)
		}
	}
}

// A --domains-file that cannot be opened or read is said in Japanese with
// --lang ja (the operating system's error inside); English as before.
func TestI18nDomainsFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "domains.txt")
	dir := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		ja, en   string
		jaDetail string
	}{
		{"missing", []string{"plan", "--provider", "zonefile", "--zone-dir", dir, "--domains-file", missing},
			"spfpatch: エラー: --domains-file のファイルを開けません: open " + missing + ": ",
			"spfpatch: --domains-file: open " + missing + ": no such file or directory\n",
			"。ファイルのパスと読み取り権限を確認してください\n"},
		{"missing, check", []string{"check", "--domains-file", missing},
			"spfpatch: エラー: --domains-file のファイルを開けません: open " + missing + ": ",
			"spfpatch: --domains-file: open " + missing + ": no such file or directory\n",
			"。ファイルのパスと読み取り権限を確認してください\n"},
		{"a directory", []string{"check", "--domains-file", dir},
			"spfpatch: エラー: --domains-file " + dir + " を最後まで読み込めません: read " + dir + ": ",
			"spfpatch: --domains-file " + dir + ": read " + dir + ": is a directory\n",
			"。1 行に 1 つずつ TARGET を書いたテキストファイルを指定してください\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runI18n(t, "", append([]string{"--lang", "ja"}, tc.args...)...)
			if code != exitError || out != "" || !strings.HasPrefix(errOut, tc.ja) || !strings.HasSuffix(errOut, tc.jaDetail) {
				t.Errorf("ja: code %d, stdout %q, stderr %q", code, out, errOut)
			}
			out, errOut, code = runI18n(t, "", tc.args...)
			if code != exitError || out != "" || errOut != tc.en {
				t.Errorf("en: code %d, stdout %q, stderr %q, want %q", code, out, errOut, tc.en)
			}
		})
	}
}

// A DNS setting the resolver refuses is named in Japanese with --lang ja
// (the resolver's reason inside): a bad --nameserver, a --zone-dir that is
// missing or not a directory. English as before: "DNS setup: " and the
// resolver's error.
func TestI18nDNSSetup(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "zones")
	file := writeConfig(t, "not a directory\n")
	tests := []struct {
		name   string
		args   []string
		ja, en string
	}{
		{"bad nameserver", []string{"check", "--nameserver", "192.0.2.1,bad addr!", "shop.example"},
			"spfpatch: エラー: --nameserver \"bad addr!\" は DNS サーバーのアドレスとして使えません: not an IP address, IP:PORT or [IPv6]:PORT。IP アドレス、IP:PORT、[IPv6]:PORT のいずれかで指定してください(複数のときはカンマで区切ります)\n",
			"spfpatch: DNS setup: resolver: nameserver \"bad addr!\": not an IP address, IP:PORT or [IPv6]:PORT\n"},
		{"bad nameserver, plan", []string{"plan", "--provider", "zonefile", "--zone-dir", t.TempDir(), "--nameserver", "192.0.2.1:0", "shop.example"},
			"spfpatch: エラー: --nameserver \"192.0.2.1:0\" は DNS サーバーのアドレスとして使えません: port 0。IP アドレス、IP:PORT、[IPv6]:PORT のいずれかで指定してください(複数のときはカンマで区切ります)\n",
			"spfpatch: DNS setup: resolver: nameserver \"192.0.2.1:0\": port 0\n"},
		{"missing zone dir", []string{"check", "--zone-dir", missing, "shop.example"},
			"spfpatch: エラー: --zone-dir のディレクトリを読み込めません: stat " + missing + ": no such file or directory。ディレクトリのパスと読み取り権限を確認してください\n",
			"spfpatch: DNS setup: resolver: zone dir: stat " + missing + ": no such file or directory\n"},
		{"zone dir is a file", []string{"doctor", "--zone-dir", file, "shop.example"},
			"spfpatch: エラー: --zone-dir " + file + " はディレクトリではありません。ゾーンファイルを置いたディレクトリを指定してください\n",
			"spfpatch: DNS setup: resolver: zone dir " + file + ": not a directory\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runI18n(t, "", append([]string{"--lang", "ja"}, tc.args...)...)
			if code != exitError || out != "" || errOut != tc.ja {
				t.Errorf("ja: code %d, stdout %q, stderr\n%q\nwant\n%q", code, out, errOut, tc.ja)
			}
			out, errOut, code = runI18n(t, "", tc.args...)
			if code != exitError || out != "" || errOut != tc.en {
				t.Errorf("en: code %d, stdout %q, stderr\n%q\nwant\n%q", code, out, errOut, tc.en)
			}
		})
	}
}
