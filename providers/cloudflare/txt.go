package cloudflare

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// NormalizeTXT turns a TXT value as libdns/cloudflare v0.2.2 returns it
// into the raw text. The adapter strips one pair of outer quotes and
// nothing else (client.go:205-210), so Cloudflare's content
// `"v=spf1 … " "…rest"` (a value over 255 bytes, split server-side) comes
// back as `v=spf1 … " "…rest` and `"a\"b"` as `a\"b`. Putting the outer
// quotes back and reading the result as RFC 1035 character-strings joins
// the strings and decodes \X and \DDD escapes. Content Cloudflare stored
// without quotes (older records) has no `" "` or escapes in practice and
// comes out unchanged; anything that does not parse is returned as is.
func NormalizeTXT(s string) string {
	strs, err := parseStrings(`"` + s + `"`)
	if err != nil {
		return s
	}
	return strings.Join(strs, "")
}

// CheckTXT refuses TXT text that libdns/cloudflare v0.2.2 would write
// wrongly. It quotes with Go's %q unless the text already starts or ends
// with `"` (client.go:212-217): such text would be sent unquoted, and
// control characters or invalid UTF-8 would be sent as Go escapes (\x07,
// \u2028) that are not zone-file escapes.
func CheckTXT(text string) error {
	if strings.HasPrefix(text, `"`) || strings.HasSuffix(text, `"`) {
		return fmt.Errorf("the TXT value %q starts or ends with a double quote, which libdns/cloudflare v0.2.2 would send unquoted", text)
	}
	// %q must escape nothing but `"` and `\`, which zone syntax reads the same way.
	if fmt.Sprintf("%q", text) != `"`+zoneEscaper.Replace(text)+`"` {
		bad := "invalid UTF-8"
		if utf8.ValidString(text) {
			for _, r := range text {
				if !strconv.IsPrint(r) {
					bad = fmt.Sprintf("the character %U", r)
					break
				}
			}
		}
		return fmt.Errorf("the TXT value %q contains %s, which libdns/cloudflare v0.2.2 would send as a Go escape that Cloudflare does not read back the same", text, bad)
	}
	return nil
}

// parseStrings parses white-space separated quoted character-strings
// (RFC 1035 §5.1: \X is X, \DDD is the byte with decimal value DDD).
func parseStrings(s string) ([]string, error) {
	var out []string
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == len(s) {
			return out, nil
		}
		if s[i] != '"' {
			return nil, fmt.Errorf("expected a quote at byte %d", i)
		}
		i++
		var b strings.Builder
		closed := false
		for i < len(s) && !closed {
			switch c := s[i]; {
			case c == '"':
				closed = true
				i++
			case c == '\\' && i+3 < len(s) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]):
				n, _ := strconv.Atoi(s[i+1 : i+4])
				if n > 255 {
					return nil, fmt.Errorf("escape \\%s out of range", s[i+1:i+4])
				}
				b.WriteByte(byte(n))
				i += 4
			case c == '\\' && i+1 < len(s):
				b.WriteByte(s[i+1])
				i += 2
			case c == '\\':
				return nil, fmt.Errorf("dangling backslash")
			default:
				b.WriteByte(c)
				i++
			}
		}
		if !closed {
			return nil, fmt.Errorf("unterminated string")
		}
		if i < len(s) && s[i] != ' ' && s[i] != '\t' {
			return nil, fmt.Errorf("expected white space at byte %d", i)
		}
		out = append(out, b.String())
	}
}

var zoneEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
