package rfc2136

import (
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/miekg/dns"
)

// Key is a TSIG key (RFC 8945). Its String method never shows the secret.
type Key struct {
	Name      string // key name, e.g. "spfpatch-key" (with or without the trailing dot)
	Algorithm string // e.g. "hmac-sha256"
	Secret    string // base64
}

// String names the key without its secret.
func (k Key) String() string {
	return fmt.Sprintf("TSIG key %q (%s)", strings.TrimSuffix(k.Name, "."), k.Algorithm)
}

// GoString is String, so %#v does not show the secret either.
func (k Key) GoString() string { return k.String() }

// algorithms maps the names BIND, Knot and nsupdate use to miekg/dns's.
// HMAC-MD5 is not supported by miekg/dns (and deprecated by RFC 8945 §6).
var algorithms = map[string]string{
	"hmac-sha1":   dns.HmacSHA1,
	"hmac-sha224": dns.HmacSHA224,
	"hmac-sha256": dns.HmacSHA256,
	"hmac-sha384": dns.HmacSHA384,
	"hmac-sha512": dns.HmacSHA512,
}

// canonicalAlg returns the algorithm's name as written in BIND key files
// ("hmac-sha256"), accepting upper case and a trailing dot.
func canonicalAlg(alg string) (string, error) {
	a := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(alg)), ".")
	if _, ok := algorithms[a]; ok {
		return a, nil
	}
	if strings.HasPrefix(a, "hmac-md5") {
		return "", fmt.Errorf("TSIG algorithm %s is not supported (RFC 8945 deprecates HMAC-MD5): make an hmac-sha256 key with tsig-keygen", alg)
	}
	return "", fmt.Errorf("unknown TSIG algorithm %q: use one of hmac-sha256, hmac-sha512, hmac-sha384, hmac-sha224, hmac-sha1", alg)
}

// check validates the key and returns it with its name and algorithm in
// canonical form. Errors never contain the secret.
func (k Key) check() (Key, error) {
	if strings.TrimSpace(k.Name) == "" {
		return k, errors.New("the TSIG key has no name")
	}
	name := strings.ToLower(dns.Fqdn(strings.TrimSpace(k.Name)))
	if _, ok := dns.IsDomainName(name); !ok {
		return k, fmt.Errorf("TSIG key name %q is not a valid DNS name", k.Name)
	}
	alg, err := canonicalAlg(k.Algorithm)
	if err != nil {
		return k, err
	}
	if k.Secret == "" {
		return k, fmt.Errorf("TSIG key %q has an empty secret", k.Name)
	}
	raw, err := base64.StdEncoding.DecodeString(k.Secret)
	if err != nil || len(raw) == 0 {
		// Not %v of err: keep even fragments of the secret out of messages.
		return k, fmt.Errorf("the secret of TSIG key %q is not valid base64 (copy the secret \"...\" value of the key file, as tsig-keygen prints it)", k.Name)
	}
	return Key{Name: name, Algorithm: alg, Secret: k.Secret}, nil
}

// ParseKeyFile reads a BIND key file, as written by tsig-keygen and read by
// named.conf include and nsupdate -k:
//
//	key "spfpatch-key" {
//		algorithm hmac-sha256;
//		secret "c3BmcGF0Y2gtdGVzdC1rZXktZG8tbm90LXVzZSEhISE=";
//	};
//
// Comments (#, //, /* */) are allowed. A file with several keys needs name
// to choose one; otherwise name may be empty. Errors name the file and line
// but never quote the file's text, so a secret cannot leak into them.
func ParseKeyFile(path, name string) (Key, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Key{}, fmt.Errorf("TSIG key file: %w", err)
	}
	keys, err := parseKeys(string(data))
	if err != nil {
		return Key{}, fmt.Errorf("TSIG key file %s: %w", path, err)
	}
	if len(keys) == 0 {
		if strings.Contains(string(data), "Private-key-format") {
			return Key{}, fmt.Errorf("TSIG key file %s is a dnssec-keygen .private file; give the BIND key file (key \"name\" { algorithm ...; secret \"...\"; };) that tsig-keygen prints", path)
		}
		return Key{}, fmt.Errorf("TSIG key file %s has no key \"name\" { algorithm ...; secret \"...\"; }; statement", path)
	}
	if name != "" {
		want := strings.ToLower(dns.Fqdn(name))
		for _, k := range keys {
			if strings.ToLower(dns.Fqdn(k.Name)) == want {
				return k, nil
			}
		}
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = k.Name
		}
		return Key{}, fmt.Errorf("TSIG key file %s has no key named %q (it has %s)", path, name, strings.Join(names, ", "))
	}
	if len(keys) > 1 {
		return Key{}, fmt.Errorf("TSIG key file %s has %d keys: choose one with --rfc2136-key-name", path, len(keys))
	}
	return keys[0], nil
}

type token struct {
	text   string
	quoted bool
	line   int
}

// tokenize splits named.conf syntax into words, quoted strings and the
// punctuation { } ;, dropping comments.
func tokenize(s string) ([]token, error) {
	var out []token
	line := 1
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#' || c == '/' && i+1 < len(s) && s[i+1] == '/':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return nil, fmt.Errorf("line %d: unterminated /* comment", line)
			}
			line += strings.Count(s[i:i+2+end+2], "\n")
			i += 2 + end + 2
		case c == '{' || c == '}' || c == ';':
			out = append(out, token{text: string(c), line: line})
			i++
		case c == '"':
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("line %d: unterminated quoted string", line)
			}
			out = append(out, token{text: s[i+1 : i+1+end], quoted: true, line: line})
			line += strings.Count(s[i+1:i+1+end], "\n")
			i += end + 2
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\r\n{};\"#", rune(s[j])) {
				j++
			}
			out = append(out, token{text: s[i:j], line: line})
			i = j
		}
	}
	return out, nil
}

// parseKeys parses the key statements of a key file. Other statements
// (options { ... }; etc.) are skipped.
func parseKeys(s string) ([]Key, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	var keys []Key
	i := 0
	expect := func(text, after string) error {
		if i >= len(toks) {
			return fmt.Errorf("end of file: expected %q after %s", text, after)
		}
		if toks[i].text != text || toks[i].quoted {
			return fmt.Errorf("line %d: expected %q after %s", toks[i].line, text, after)
		}
		i++
		return nil
	}
	for i < len(toks) {
		t := toks[i]
		if t.quoted || !strings.EqualFold(t.text, "key") {
			// Skip a statement we do not need, braces balanced.
			depth := 0
			for ; i < len(toks); i++ {
				switch toks[i].text {
				case "{":
					depth++
				case "}":
					depth--
				}
				if toks[i].text == ";" && !toks[i].quoted && depth <= 0 {
					i++
					break
				}
			}
			continue
		}
		i++
		if i >= len(toks) || toks[i].text == "{" && !toks[i].quoted {
			return nil, fmt.Errorf("line %d: key statement without a name", t.line)
		}
		k := Key{Name: toks[i].text}
		i++
		if err := expect("{", "the key name"); err != nil {
			return nil, err
		}
		for i < len(toks) && !(toks[i].text == "}" && !toks[i].quoted) {
			field := toks[i]
			i++
			if i >= len(toks) {
				return nil, fmt.Errorf("line %d: key field without a value", field.line)
			}
			val := toks[i]
			i++
			switch strings.ToLower(field.text) {
			case "algorithm":
				k.Algorithm = val.text
			case "secret":
				k.Secret = val.text
			default:
				// Not quoting the word: it could be a misplaced secret.
				return nil, fmt.Errorf("line %d: unknown key field (expected algorithm or secret)", field.line)
			}
			if err := expect(";", "the "+strings.ToLower(field.text)+" value"); err != nil {
				return nil, err
			}
		}
		if err := expect("}", "the key's fields"); err != nil {
			return nil, err
		}
		if err := expect(";", "}"); err != nil {
			return nil, err
		}
		if k.Algorithm == "" || k.Secret == "" {
			return nil, fmt.Errorf("line %d: key %q needs both algorithm and secret", t.line, k.Name)
		}
		keys = append(keys, k)
	}
	return keys, nil
}
