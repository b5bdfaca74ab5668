package txtcodec

import (
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/spfedit"
)

// long is an SPF value over 255 bytes, so it takes two strings.
var long = "v=spf1 " + strings.Repeat("include:_spf.provider-with-a-long-name.example ", 6) + "~all"

func TestDecode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{`quote\" back\\slash \195\169`, "quote\" back\\slash é"},
		{`\059semi`, ";semi"},
		{`\065`, "A"},
		{`\0655`, "A5"},
		{`\06`, "06"},        // too few digits: the backslash escapes '0'
		{`\06x`, "06x"},      // likewise
		{`\x`, "x"},          // any other escaped character stands for itself
		{`end\`, `end\`},     // a lone backslash at the end is kept
		{`\\`, `\`},          // an escaped backslash
		{`\\065`, `\065`},    // ... does not start \DDD
		{`\300`, "\x2c"},     // over 255: wraps modulo 256, as miekg/dns packs it
		{`\256`, "\x00"},     // likewise
		{`\255`, "\xff"},     // the largest octet
		{"utf8 é", "utf8 é"}, // octets outside ASCII pass through
	} {
		if got := Decode(tc.in); got != tc.want {
			t.Errorf("Decode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestUnquote(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{`"v=spf1 -all"`, "v=spf1 -all", true},
		{`"ms=part-one;" "part-two"`, "ms=part-one;part-two", true},
		{"\"a\"\t\"b\"", "ab", true},
		{`"a""b"`, "ab", true},
		{` "a" `, "a", true},
		{"\n\"a\"\n", "a", true},
		{`"quote\" back\\slash \195\169"`, "quote\" back\\slash é", true},
		{`"\065" "\06"`, "A06", true},
		{`"utf8 é"`, "utf8 é", true},
		{`""`, "", true},
		{`"" ""`, "", true},
		{``, "", false},
		{`   `, "", false},
		{`unquoted`, "", false},
		{`"unterminated`, "", false},
		{`"escaped close\"`, "", false},
		{`"lone backslash\`, "", false},
		{`"a" junk`, "", false},
		{`"a"junk`, "", false},
		{"\"a\"\n\"b\"", "", false}, // only spaces and tabs between strings
	} {
		got, ok := Unquote(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Unquote(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestEscapeQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"v=spf1 -all", "v=spf1 -all"},
		{`quote" back\slash`, `quote\" back\\slash`},
		{"é", `\195\169`},
		{"\x00\x1f\x7f\xff", `\000\031\127\255`},
		{" ~", " ~"},
		{`\065`, `\\065`},
	} {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got, want := Quote(tc.in), `"`+tc.want+`"`; got != want {
			t.Errorf("Quote(%q) = %q, want %q", tc.in, got, want)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", []string{""}},
		{"v=spf1 -all", []string{"v=spf1 -all"}},
		{`a"b`, []string{`a\"b`}},
	} {
		got := EscapeSplit(tc.in)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("EscapeSplit(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if q, want := QuoteSplit(tc.in), `"`+strings.Join(tc.want, `" "`)+`"`; q != want {
			t.Errorf("QuoteSplit(%q) = %q, want %q", tc.in, q, want)
		}
	}
	// Long values are cut between terms, at most 255 octets a string.
	parts := EscapeSplit(long)
	if len(parts) != 2 || len(parts[0]) > 255 || !strings.HasSuffix(parts[0], " ") {
		t.Errorf("EscapeSplit(long) = %q", parts)
	}
	if q := QuoteSplit(long); q != `"`+parts[0]+`" "`+parts[1]+`"` {
		t.Errorf("QuoteSplit(long) = %q", q)
	}
}

// FuzzRoundTrip: whatever the octets, encoding then decoding gives them
// back, every encoded string is ASCII, and a split string's octets fit the
// 255-octet limit.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"", "v=spf1 -all", `quote" back\slash`, "é ü 日本", "\x00\x1f\x7f\xff", `\065`, `end\`, long, strings.Repeat("x", 600)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := Decode(Escape(s)); got != s {
			t.Fatalf("Decode(Escape(%q)) = %q", s, got)
		}
		if got, ok := Unquote(Quote(s)); !ok || got != s {
			t.Fatalf("Unquote(Quote(%q)) = %q, %v", s, got, ok)
		}
		if got, ok := Unquote(QuoteSplit(s)); !ok || got != s {
			t.Fatalf("Unquote(QuoteSplit(%q)) = %q, %v", s, got, ok)
		}
		parts := EscapeSplit(s)
		var joined strings.Builder
		for i, p := range parts {
			d := Decode(p)
			if len(d) > spfedit.MaxStringLen {
				t.Fatalf("EscapeSplit(%q)[%d] holds %d octets", s, i, len(d))
			}
			for j := 0; j < len(p); j++ {
				if p[j] < ' ' || p[j] > '~' {
					t.Fatalf("EscapeSplit(%q)[%d] = %q: not printable ASCII", s, i, p)
				}
			}
			joined.WriteString(d)
		}
		if joined.String() != s {
			t.Fatalf("EscapeSplit(%q) decodes to %q", s, joined.String())
		}
		// Arbitrary input decodes without panicking.
		_ = Decode(s)
		_, _ = Unquote(s)
	})
}
