package spfedit

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzParse checks properties, not only the absence of panics:
//   - a parsed record prints back exactly as its input;
//   - Parse(r.String()) gives the same terms;
//   - AddInclude followed by RemoveInclude gives back the original bytes;
//   - AddInclude twice equals AddInclude once, and the result parses;
//   - Split never makes strings over 255 bytes and joins back to the input;
//   - each term's Macro (built on demand from what Parse only checked)
//     writes back its Value.
func FuzzParse(f *testing.F) {
	for _, s := range realRecords {
		f.Add(s)
	}
	seeds := []string{
		"v=spf1 +ip4:192.0.2.0/24 ~all",               // the help-centre example
		"v=spf1 a:x.example/24//64 mx//0 -all",        // dual CIDR
		"v=spf1 exists:%{l1r+-}.%{ir}.%{v}._spf.%{d}", // macros with transformers
		"v=spf1 exists:%{iR}.%{L1R+-}.x.example",      // the r transformer in upper case
		"v=spf1 redirect=a.example exp=%{d}.example",  // modifiers only
		"v=spf1 foo=%%%_%- -all",                      // escapes in an unknown modifier
		"v=spf1 ip6:::ffff:1.2.3.4/128 ip4:0.0.0.0/0", // odd addresses
		"v=spf1 include:e-shopsmail2.com -all",        // already patched
		"v=spf1 -all include:e-shopsmail2.com",        // patched after all
		"v=spf1 ip4:300.1.1.1",                        // invalid
		"V=SPF1   MX  ~ALL   ",                        // case and spaces
		"v=spf1 a/33 redirect=x.example redirect=y.example",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Parse(s)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("Parse(%q) error %T is not a *SyntaxError", s, err)
			}
			return
		}
		if got := r.String(); got != s {
			t.Fatalf("String() = %q, want %q", got, s)
		}
		r2, err := Parse(r.String())
		if err != nil || !reflect.DeepEqual(r2, r) {
			t.Fatalf("reparse differs: %v", err)
		}
		for i := 0; i < r.Len(); i++ {
			term := r.Term(i)
			switch term.Kind {
			case KindInclude, KindExists, KindA, KindMX, KindPTR, KindRedirect, KindExp, KindUnknownModifier:
				if ms := term.Macro(); term.HasValue && ms.String() != term.Value {
					t.Fatalf("term %q: Macro() writes back %q, not %q", term.Text, ms.String(), term.Value)
				}
			}
		}
		r.Lint(shop)
		had := r.HasInclude(shop)
		once := r.Clone()
		if _, err := once.AddInclude(shop); err != nil {
			t.Fatal(err)
		}
		twice := once.Clone()
		if changed, _ := twice.AddInclude(shop); changed || twice.String() != once.String() {
			t.Fatalf("second AddInclude changed %q to %q", once, twice)
		}
		if _, err := Parse(once.String()); err != nil {
			t.Fatalf("edited record %q does not parse: %v", once, err)
		}
		if !had {
			back := once.Clone()
			if back.RemoveInclude(shop) != 1 || back.String() != s {
				t.Fatalf("add then remove gave %q, want %q", back, s)
			}
		}
		for _, max := range []int{255, 17} {
			parts := SplitN(once.String(), max)
			if strings.Join(parts, "") != once.String() {
				t.Fatalf("SplitN does not join back")
			}
			for _, p := range parts {
				if len(p) > max || p == "" {
					t.Fatalf("SplitN part %q of %d bytes (max %d)", p, len(p), max)
				}
			}
		}
	})
}

// Crashers and surprises found while fuzzing are kept here as named cases.
func TestFuzzRegressions(t *testing.T) {
	for _, s := range []string{
		"v=spf1 %",
		"v=spf1 a:%{",
		"v=spf1 =",
		"v=spf1 :",
		"v=spf1 +",
		"v=spf1 a//",
		"v=spf1 a:/",
		"v=spf1 ip4:/",
		"v=spf1 exists:%{d99999999999999999999}.x.example",
	} {
		t.Run(s, func(t *testing.T) {
			r, err := Parse(s)
			if err == nil && r.String() != s {
				t.Fatalf("round trip %q", r)
			}
		})
	}
}

// Found by FuzzParse: digits a macro-expand writes beyond what Digits keeps
// (over 1000, leading zeros) are written back as they were; so is the case
// of the r transformer ("%{iR}" was written back "%{ir}").
func TestMacroDigitsWriteBack(t *testing.T) {
	for _, v := range []string{"%{l10000}.x.example", "%{d02}.x.example", "%{i5r}.%{d1}.x.example", "%{iR}.x.example", "%{D2R-}.%{ir}.x.example"} {
		r := MustParse("v=spf1 exists:" + v)
		if got := r.Term(0).Macro().String(); got != v {
			t.Errorf("%q written back as %q", v, got)
		}
	}
}
