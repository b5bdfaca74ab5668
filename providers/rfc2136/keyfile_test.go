package rfc2136

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/providers"
)

const secret = "c3BmcGF0Y2gtdGVzdC1rZXktZG8tbm90LXVzZSEhISE="

func writeFile(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "tsig.key")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestParseKeyFile(t *testing.T) {
	tests := []struct {
		name, text, choose string
		want               Key
		err                string
	}{
		{name: "tsig-keygen output", text: "key \"spfpatch-key\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + secret + "\";\n};\n",
			want: Key{"spfpatch-key", "hmac-sha256", secret}},
		{name: "one line, unquoted name, comments", text: "# made by hand\n/* block\ncomment */ key shop.example. { // the key\n secret \"" + secret + "\"; algorithm HMAC-SHA512; };",
			want: Key{"shop.example.", "HMAC-SHA512", secret}},
		{name: "other statements skipped", text: "options { directory \"/x\"; };\nkey \"a\" { algorithm hmac-sha1; secret \"" + secret + "\"; };",
			want: Key{"a", "hmac-sha1", secret}},
		{name: "choose among several", choose: "b", text: "key a { algorithm hmac-sha256; secret \"" + secret + "\"; };\nkey b { algorithm hmac-sha384; secret \"" + secret + "\"; };",
			want: Key{"b", "hmac-sha384", secret}},
		{name: "several without a choice", text: "key a { algorithm hmac-sha256; secret \"x\"; };\nkey b { algorithm hmac-sha256; secret \"y\"; };", err: "has 2 keys"},
		{name: "chosen key missing", choose: "c", text: "key a { algorithm hmac-sha256; secret \"x\"; };", err: `no key named "c" (it has a)`},
		{name: "no secret", text: "key a { algorithm hmac-sha256; };", err: "needs both algorithm and secret"},
		{name: "missing semicolon", text: "key a { algorithm hmac-sha256 secret \"" + secret + "\"; };", err: "line 1: expected \";\" after the algorithm value"},
		{name: "unknown field does not echo", text: "key a {\n algorithm hmac-sha256;\n " + secret + " x; };", err: "line 3: unknown key field"},
		{name: "dnssec-keygen private file", text: "Private-key-format: v1.3\nAlgorithm: 163 (HMAC_SHA256)\nKey: " + secret + "\n", err: "dnssec-keygen .private"},
		{name: "empty", text: "", err: "has no key"},
		{name: "unterminated string", text: "key a { secret \"" + secret, err: "unterminated quoted string"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, err := ParseKeyFile(writeFile(t, tc.text), tc.choose)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("got %v, want an error containing %q", err, tc.err)
				}
				if strings.Contains(err.Error(), secret) {
					t.Fatalf("error shows the secret: %v", err)
				}
				return
			}
			if err != nil || k != tc.want {
				t.Fatalf("got %+v, %v; want %+v", k, err, tc.want)
			}
		})
	}
}

func TestKeyFromEnv(t *testing.T) {
	file := writeFile(t, "key \"file-key\" { algorithm hmac-sha512; secret \""+secret+"\"; };")
	env := func(kv ...string) providers.Env {
		e := providers.Env{Settings: map[string]string{}}
		for i := 0; i < len(kv); i += 2 {
			e.Settings[kv[i]] = kv[i+1]
		}
		return e
	}
	tests := []struct {
		name string
		env  providers.Env
		want Key
		err  string
	}{
		{"name and secret", env("rfc2136-key-name", "k", "SPFPATCH_TSIG_SECRET", secret), Key{"k.", "hmac-sha256", secret}, ""},
		{"explicit algorithm", env("rfc2136-key-name", "k", "rfc2136-key-alg", "HMAC-SHA384.", "SPFPATCH_TSIG_SECRET", secret), Key{"k.", "hmac-sha384", secret}, ""},
		{"key file", env("rfc2136-key-file", file), Key{"file-key.", "hmac-sha512", secret}, ""},
		{"key file with default algorithm flag", env("rfc2136-key-file", file, "rfc2136-key-alg", "hmac-sha256"), Key{"file-key.", "hmac-sha512", secret}, ""},
		{"key file with matching name", env("rfc2136-key-file", file, "rfc2136-key-name", "FILE-KEY"), Key{"file-key.", "hmac-sha512", secret}, ""},
		{"key file with other name", env("rfc2136-key-file", file, "rfc2136-key-name", "x"), Key{}, `no key named "x"`},
		{"key file contradicting algorithm", env("rfc2136-key-file", file, "rfc2136-key-alg", "hmac-sha1"), Key{}, "contradicts"},
		{"key file and secret", env("rfc2136-key-file", file, "SPFPATCH_TSIG_SECRET", secret), Key{}, "one way only"},
		{"missing key file", env("rfc2136-key-file", file+".nope"), Key{}, "no such file"},
		{"nothing", env(), Key{}, "needs a TSIG key"},
		{"secret without name", env("SPFPATCH_TSIG_SECRET", secret), Key{}, "key name is not"},
		{"name without secret", env("rfc2136-key-name", "k"), Key{}, "has no secret"},
		{"bad base64", env("rfc2136-key-name", "k", "SPFPATCH_TSIG_SECRET", "not base64!"+secret), Key{}, "not valid base64"},
		{"md5", env("rfc2136-key-name", "k", "rfc2136-key-alg", "hmac-md5", "SPFPATCH_TSIG_SECRET", secret), Key{}, "HMAC-MD5"},
		{"unknown algorithm", env("rfc2136-key-name", "k", "rfc2136-key-alg", "sha256", "SPFPATCH_TSIG_SECRET", secret), Key{}, "unknown TSIG algorithm"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, err := keyFromEnv(tc.env)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || strings.Contains(err.Error(), secret) {
					t.Fatalf("got %v, want an error containing %q and not the secret", err, tc.err)
				}
				return
			}
			if err != nil || k != tc.want {
				t.Fatalf("got %+v, %v; want %+v", k, err, tc.want)
			}
		})
	}
}

func TestNormServer(t *testing.T) {
	for in, want := range map[string]string{
		"127.0.0.1:5353": "127.0.0.1:5353",
		"127.0.0.1":      "127.0.0.1:53",
		"ns1.example":    "ns1.example:53",
		"[::1]:53":       "[::1]:53",
		"::1":            "[::1]:53",
	} {
		if got, err := normServer(in); err != nil || got != want {
			t.Errorf("normServer(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", " ", "http://x"} {
		if _, err := normServer(bad); err == nil {
			t.Errorf("normServer(%q) accepted", bad)
		}
	}
}

func TestTXTCodec(t *testing.T) {
	for _, raw := range []string{"", "v=spf1 -all", `quote" back\slash`, "é ü 日本", "\x00\x1f\x7f\xff", `\065`} {
		enc := encodeTXT(raw)
		if got := decodeTXT(enc); got != raw {
			t.Errorf("decodeTXT(encodeTXT(%q)) = %q (encoded %q)", raw, got, enc)
		}
	}
	// The forms miekg/dns unpacks from the wire.
	for in, want := range map[string]string{
		`quote\" back\\slash \195\169`: "quote\" back\\slash é",
		`plain`:                        "plain",
		`\059semi`:                     ";semi",
	} {
		if got := decodeTXT(in); got != want {
			t.Errorf("decodeTXT(%q) = %q, want %q", in, got, want)
		}
	}
	// Long values are cut between terms, at most 255 bytes a string.
	rr := newTXT("example.test.", 300, long)
	if len(rr.Txt) != 2 || decodeTXT(strings.Join(rr.Txt, "")) != long || len(rr.Txt[0]) > 255 {
		t.Errorf("newTXT(long) = %q", rr.Txt)
	}
}
