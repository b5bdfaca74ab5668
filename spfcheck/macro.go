package spfcheck

import (
	"context"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/spfpatch/spfpatch/spfedit"
)

// macroEnv holds the values macros expand to (RFC 7208 §7.2).
type macroEnv struct {
	sender   string // <sender>, "local@domain"
	local    string
	oDomain  string
	domain   string // the current <domain>
	ip       netip.Addr
	helo     string
	receiver string
	now      func() time.Time
	ptr      func(ctx context.Context) string // validated domain of ip, lazily (%{p})
}

// ipDotted writes the i macro: dotted quad for IPv4, dot-separated nibbles
// for IPv6 (§7.3). The nibbles are upper case, as the RFC 7208 suite expects.
func ipDotted(ip netip.Addr) string {
	if ip.Is4() {
		return ip.String()
	}
	const hex = "0123456789ABCDEF"
	b := ip.As16()
	out := make([]byte, 0, 63)
	for i, x := range b {
		if i > 0 {
			out = append(out, '.')
		}
		out = append(out, hex[x>>4], '.', hex[x&0xf])
	}
	return string(out)
}

func (e *macroEnv) value(ctx context.Context, letter byte) (string, error) {
	switch letter {
	case 's':
		return e.sender, nil
	case 'l':
		return e.local, nil
	case 'o':
		return e.oDomain, nil
	case 'd':
		return e.domain, nil
	case 'i':
		return ipDotted(e.ip), nil
	case 'p':
		if e.ptr == nil {
			return "unknown", nil
		}
		return e.ptr(ctx), nil
	case 'v':
		if e.ip.Is4() {
			return "in-addr", nil
		}
		return "ip6", nil
	case 'h':
		return e.helo, nil
	case 'c':
		return e.ip.String(), nil
	case 'r':
		if e.receiver == "" {
			return "unknown", nil
		}
		return e.receiver, nil
	case 't':
		now := time.Now
		if e.now != nil {
			now = e.now
		}
		return strconv.FormatInt(now().Unix(), 10), nil
	}
	return "", newError(CodeMacroLetter, []string{fmt.Sprintf("%q", letter)}, nil, nil, "unknown macro letter %q", letter)
}

// expand expands a macro-string (§7.4). It does not truncate or strip dots;
// expandDomain does that for names.
func (e *macroEnv) expand(ctx context.Context, ms spfedit.MacroString) (string, error) {
	var b strings.Builder
	for _, m := range ms {
		if m.Letter == 0 {
			b.WriteString(m.Literal)
			continue
		}
		v, err := e.value(ctx, m.Letter)
		if err != nil {
			return "", err
		}
		v = transform(v, m)
		if m.Upper {
			v = urlEscape(v)
		}
		b.WriteString(v)
	}
	return b.String(), nil
}

// transform applies the delimiters, reversal and digit transformers (§7.3).
func transform(v string, m spfedit.MacroItem) string {
	if m.Digits == 0 && !m.Reverse && (m.Delims == "" || m.Delims == ".") {
		return v
	}
	delims := m.Delims
	if delims == "" {
		delims = "."
	}
	var parts []string
	start := 0
	for i := 0; i < len(v); i++ {
		if strings.IndexByte(delims, v[i]) >= 0 {
			parts = append(parts, v[start:i])
			start = i + 1
		}
	}
	parts = append(parts, v[start:])
	if m.Reverse {
		for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
			parts[i], parts[j] = parts[j], parts[i]
		}
	}
	if m.Digits > 0 && m.Digits < len(parts) {
		parts = parts[len(parts)-m.Digits:]
	}
	return strings.Join(parts, ".")
}

// urlEscape escapes every byte outside RFC 3986's unreserved set (§7.3).
func urlEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xf])
	}
	return b.String()
}

// domainSpec expands the domain-spec of term t (see expandDomain); a
// domain-spec without macros is used as it is, without parsing it again.
func (e *macroEnv) domainSpec(ctx context.Context, t spfedit.Term) (string, error) {
	if !t.HasMacros() {
		return trimDomain(t.Value), nil
	}
	return e.expandDomain(ctx, t.Macro())
}

// expandDomain expands a domain-spec into a name to query: a trailing dot is
// dropped and a name over 253 bytes loses labels on the left until it fits
// (§7.3).
func (e *macroEnv) expandDomain(ctx context.Context, ms spfedit.MacroString) (string, error) {
	s, err := e.expand(ctx, ms)
	if err != nil {
		return "", err
	}
	return trimDomain(s), nil
}

// trimDomain drops a trailing dot and, from a name over 253 bytes, labels on
// the left until it fits (§7.3).
func trimDomain(s string) string {
	s = strings.TrimSuffix(s, ".")
	for len(s) > 253 {
		i := strings.IndexByte(s, '.')
		if i < 0 {
			break
		}
		s = s[i+1:]
	}
	return s
}
