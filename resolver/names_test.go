package resolver

import (
	"errors"
	"strings"
	"testing"

	"github.com/miekg/dns"
)

func TestCanonName(t *testing.T) {
	tests := []struct {
		name, in, want string
		err            error
	}{
		{"plain", "example.com", "example.com.", nil},
		{"trailing dot", "example.com.", "example.com.", nil},
		{"case kept", "Example.COM", "Example.COM.", nil},
		{"root", ".", ".", nil},
		{"space escaped", "a b.example", `a\ b.example.`, nil},
		{"backslash is a byte", `a\b.example`, `a\\b.example.`, nil},
		{"backslash digits are bytes", `\065.example`, `\\065.example.`, nil},
		{"specials", `"@;().example`, `\"\@\;\(\).example.`, nil},
		{"control and high bytes", "a\x00\x7f.example", `a\000\127.example.`, nil},
		{"invalid UTF-8 kept", "caf\xe9.example", `caf\233.example.`, nil},
		{"IDN", "bücher.example", "xn--bcher-kva.example.", nil},
		{"IDN mapped", "BÜCHER.example.", "xn--bcher-kva.example.", nil},
		{"empty", "", "", errEmptyLabel},
		{"empty label", "a..b", "", errEmptyLabel},
		{"leading dot", ".a", "", errEmptyLabel},
		{"label too long", strings.Repeat("x", 64) + ".example", "", errLongLabel},
		{"label of 63", strings.Repeat("x", 63) + ".example", strings.Repeat("x", 63) + ".example.", nil},
		{"name too long", strings.Repeat("abc.", 63) + "ab", "", errLongName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := canonName(tt.in)
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("canonName(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
			}
			if err != nil {
				return
			}
			// The form is the one miekg/dns unpacks, so it survives a round
			// trip through the wire unchanged.
			buf := make([]byte, 300)
			off, err := dns.PackDomainName(got, buf, 0, nil, false)
			if err != nil {
				t.Fatalf("PackDomainName(%q): %v", got, err)
			}
			back, _, err := dns.UnpackDomainName(buf[:off], 0)
			if err != nil || back != got {
				t.Errorf("wire round trip %q -> %q, %v", got, back, err)
			}
		})
	}
}

func TestRawNameAndNormalize(t *testing.T) {
	tests := []struct{ name, in, raw, norm string }{
		{"plain", "mx.example.", "mx.example.", "mx.example."},
		{"no trailing dot", "mx.example", "mx.example.", "mx.example."},
		{"root", ".", ".", "."},
		{"escaped space", `a\ b.example.`, "a b.example.", `a\ b.example.`},
		{"decimal escape", `a\032b.example.`, "a b.example.", `a\ b.example.`},
		{"needless escape", `\a.example.`, "a.example.", "a.example."},
		{"high byte", `caf\233.example.`, "caf\xe9.example.", `caf\233.example.`},
		{"dot in a label", `a\.b.example.`, `a\.b.example.`, `a\.b.example.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rawName(tt.in); got != tt.raw {
				t.Errorf("rawName(%q) = %q, want %q", tt.in, got, tt.raw)
			}
			if got := normalize(tt.in); got != tt.norm {
				t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.norm)
			}
		})
	}
}

func TestDecodeTXT(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "v=spf1 -all", "v=spf1 -all"},
		{"quote", `a\"b`, `a"b`},
		{"backslash", `a\\b`, `a\b`},
		{"decimal", `\233\000\255`, "\xe9\x00\xff"},
		{"decimal at end", `x\009`, "x\t"},
		{"trailing backslash kept", `x\`, `x\`},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decodeTXT(tt.in); got != tt.want {
				t.Errorf("decodeTXT(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParentAndSubdomain(t *testing.T) {
	tests := []struct{ in, parent string }{
		{"a.b.example.", "b.example."},
		{"example.", "."},
		{`a\.b.example.`, "example."},
		{`a\\.example.`, "example."},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got, ok := parentName(tt.in); !ok || got != tt.parent {
				t.Errorf("parentName(%q) = %q, %v; want %q", tt.in, got, ok, tt.parent)
			}
			if !isSubdomain(tt.parent, tt.in) || !isSubdomain(".", tt.in) || isSubdomain(tt.in, tt.parent) {
				t.Errorf("isSubdomain wrong for %q under %q", tt.in, tt.parent)
			}
		})
	}
	if _, ok := parentName("."); ok {
		t.Error("the root has a parent")
	}
	if isSubdomain("ample.", "example.") {
		t.Error("isSubdomain matched inside a label")
	}
}
