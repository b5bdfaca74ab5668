package spfedit

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

const shop = "e-shopsmail2.com"

func TestAddInclude(t *testing.T) {
	tests := []struct {
		name, in, want string
		changed        bool
	}{
		{"help-centre example", "v=spf1 +ip4:192.0.2.0/24 ~all", "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", true},
		{"before -all", "v=spf1 mx -all", "v=spf1 mx include:e-shopsmail2.com -all", true},
		{"before ?all", "v=spf1 a ?all", "v=spf1 a include:e-shopsmail2.com ?all", true},
		{"before bare all", "v=spf1 a all", "v=spf1 a include:e-shopsmail2.com all", true},
		{"before upper-case all", "V=SPF1 MX ~ALL", "V=SPF1 MX include:e-shopsmail2.com ~ALL", true},
		{"first all of two", "v=spf1 a ~all mx -all", "v=spf1 a include:e-shopsmail2.com ~all mx -all", true},
		{"only all", "v=spf1 -all", "v=spf1 include:e-shopsmail2.com -all", true},
		{"no all: after last mechanism", "v=spf1 a mx", "v=spf1 a mx include:e-shopsmail2.com", true},
		{"no all: before trailing modifiers", "v=spf1 a mx redirect=_spf.example.com", "v=spf1 a mx include:e-shopsmail2.com redirect=_spf.example.com", true},
		{"no all: modifier in the middle stays", "v=spf1 exp=e.example a foo=bar", "v=spf1 exp=e.example a include:e-shopsmail2.com foo=bar", true},
		{"redirect only", "v=spf1 redirect=_spf.example.com", "v=spf1 include:e-shopsmail2.com redirect=_spf.example.com", true},
		{"bare version", "v=spf1", "v=spf1 include:e-shopsmail2.com", true},
		{"extra spaces kept", "v=spf1   a    ~all  ", "v=spf1   a include:e-shopsmail2.com    ~all  ", true},
		{"all before exp modifier", "v=spf1 a -all exp=e.example", "v=spf1 a include:e-shopsmail2.com -all exp=e.example", true},
		{"already there", "v=spf1 include:e-shopsmail2.com ~all", "v=spf1 include:e-shopsmail2.com ~all", false},
		{"already there, other case", "v=spf1 INCLUDE:E-ShopsMail2.COM ~all", "v=spf1 INCLUDE:E-ShopsMail2.COM ~all", false},
		{"already there, trailing dot", "v=spf1 include:e-shopsmail2.com. ~all", "v=spf1 include:e-shopsmail2.com. ~all", false},
		{"already there with + qualifier", "v=spf1 +include:e-shopsmail2.com ~all", "v=spf1 +include:e-shopsmail2.com ~all", false},
		{"already there after all", "v=spf1 -all include:e-shopsmail2.com", "v=spf1 -all include:e-shopsmail2.com", false},
		{"similar name is not the same", "v=spf1 include:shopsmail2.com ~all", "v=spf1 include:shopsmail2.com include:e-shopsmail2.com ~all", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := MustParse(tc.in)
			changed, err := r.AddInclude(shop)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.String(); got != tc.want || changed != tc.changed {
				t.Fatalf("AddInclude(%q):\n got %q changed=%v\nwant %q changed=%v", tc.in, got, changed, tc.want, tc.changed)
			}
			// The edited record must itself parse to the same terms.
			re := MustParse(r.String())
			if !reflect.DeepEqual(re.terms, r.terms) || re.trail != r.trail {
				t.Errorf("edited record does not reparse to the same terms:\n%#v\n%#v", re.terms, r.terms)
			}
		})
	}
}

func TestAddIncludeRejectsBadNames(t *testing.T) {
	for _, bad := range []string{"", "localhost", "e-shopsmail2.com -all", "%{d}.example.com", "例え.jp"} {
		t.Run(bad, func(t *testing.T) {
			r := MustParse("v=spf1 -all")
			if _, err := r.AddInclude(bad); !errors.Is(err, ErrBadDomain) {
				t.Fatalf("AddInclude(%q) err = %v", bad, err)
			}
			if r.String() != "v=spf1 -all" {
				t.Fatalf("record changed on error: %q", r)
			}
		})
	}
}

func TestRemoveInclude(t *testing.T) {
	tests := []struct {
		name, in, target, want string
		n                      int
	}{
		{"one", "v=spf1 a include:old.example ~all", "old.example", "v=spf1 a ~all", 1},
		{"first term", "v=spf1 include:old.example -all", "old.example", "v=spf1 -all", 1},
		{"last term", "v=spf1 a include:old.example", "old.example", "v=spf1 a", 1},
		{"every copy, any qualifier and case", "v=spf1 include:old.example -INCLUDE:Old.Example. ~all", "old.example", "v=spf1 ~all", 2},
		{"absent", "v=spf1 a ~all", "old.example", "v=spf1 a ~all", 0},
		{"not a prefix match", "v=spf1 include:old.example.net ~all", "old.example", "v=spf1 include:old.example.net ~all", 0},
		{"spacing before other terms kept", "v=spf1  a   include:old.example  ~all ", "old.example", "v=spf1  a  ~all ", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := MustParse(tc.in)
			n := r.RemoveInclude(tc.target)
			if got := r.String(); got != tc.want || n != tc.n {
				t.Fatalf("got %q (%d removed), want %q (%d)", got, n, tc.want, tc.n)
			}
			for _, term := range r.Terms() {
				if got := r.String()[term.Pos : term.Pos+len(term.Text)]; got != term.Text {
					t.Errorf("term %q has stale Pos %d", term.Text, term.Pos)
				}
			}
		})
	}
}

func TestAddThenRemoveGivesOriginal(t *testing.T) {
	for _, s := range realRecords {
		t.Run(s, func(t *testing.T) {
			r := MustParse(s)
			if r.HasInclude(shop) {
				t.Skip("already has the include")
			}
			if _, err := r.AddInclude(shop); err != nil {
				t.Fatal(err)
			}
			if r.RemoveInclude(shop) != 1 || r.String() != s {
				t.Fatalf("add then remove = %q, want %q", r, s)
			}
		})
	}
}

func TestNew(t *testing.T) {
	r, err := New(shop)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.String(), "v=spf1 include:e-shopsmail2.com ~all"; got != want {
		t.Fatalf("New = %q, want %q", got, want)
	}
	r, err = New(shop, "_spf.example.jp")
	if err != nil || r.String() != "v=spf1 include:e-shopsmail2.com include:_spf.example.jp ~all" {
		t.Fatalf("New(2) = %q, %v", r, err)
	}
	if _, err := New("bad name"); err == nil {
		t.Fatal("New accepted a bad name")
	}
}

func TestCloneIsIndependent(t *testing.T) {
	r := MustParse("v=spf1 a -all")
	c := r.Clone()
	if _, err := c.AddInclude(shop); err != nil {
		t.Fatal(err)
	}
	if r.String() != "v=spf1 a -all" {
		t.Fatalf("original changed: %q", r)
	}
}

func TestLint(t *testing.T) {
	tests := []struct {
		name   string
		record string
		want   []string // warning codes, in order
	}{
		{"clean", "v=spf1 include:e-shopsmail2.com ~all", nil},
		{"plus all", "v=spf1 a +all", []string{WarnAllPass}},
		{"bare all", "v=spf1 a all", []string{WarnAllPass}},
		{"neutral all", "v=spf1 a ?all", []string{WarnAllNeutral}},
		{"ptr", "v=spf1 ptr -all", []string{WarnPTR}},
		{"ptr with domain", "v=spf1 ptr:example.com -all", []string{WarnPTR}},
		{"after all", "v=spf1 -all a", []string{WarnAfterAll}},
		{"modifier after all is fine", "v=spf1 -all exp=e.example", nil},
		{"redirect ignored", "v=spf1 a -all redirect=r.example", []string{WarnRedirectIgnored}},
		{"include with minus", "v=spf1 -include:e-shopsmail2.com ~all", []string{WarnIncludeNotPass}},
		{"include with tilde", "v=spf1 ~include:E-SHOPSMAIL2.COM. ~all", []string{WarnIncludeNotPass}},
		{"include with question", "v=spf1 ?include:e-shopsmail2.com ~all", []string{WarnIncludeNotPass}},
		{"other include with minus is fine", "v=spf1 -include:other.example ~all", nil},
		{"duplicate", "v=spf1 a mx A -all", []string{WarnDuplicate}},
		{"duplicate with other qualifier", "v=spf1 ip4:192.0.2.1 -ip4:192.0.2.1 -all", []string{WarnDuplicate}},
		{"long record", "v=spf1" + strings.Repeat(" ip4:192.0.2.1", 0) + strings.Repeat(" include:_spf.provider-number-xx.example.com", 11) + " -all", []string{WarnDuplicate, WarnDuplicate, WarnDuplicate, WarnDuplicate, WarnDuplicate, WarnDuplicate, WarnDuplicate, WarnDuplicate, WarnDuplicate, WarnDuplicate, WarnRecordTooLong}},
		{"long term", "v=spf1 include:" + strings.Repeat("a", 60) + "." + strings.Repeat("b", 60) + "." + strings.Repeat("c", 60) + "." + strings.Repeat("d", 60) + ".example.com -all", []string{WarnTermTooLong}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ws := MustParse(tc.record).Lint(shop)
			var got []string
			for _, w := range ws {
				got = append(got, w.Code)
				if w.Message == "" {
					t.Errorf("warning %s has no message", w.Code)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("codes %v, want %v (%v)", got, tc.want, ws)
			}
		})
	}
}

func TestSplit(t *testing.T) {
	long := "v=spf1"
	for i := 0; i < 20; i++ {
		long += " ip4:192.0.2." + string(rune('0'+i%10)) + "/32"
	}
	long += " -all"
	tests := []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"fits", "v=spf1 -all", 255, []string{"v=spf1 -all"}},
		{"exactly max", strings.Repeat("x", 10), 10, []string{strings.Repeat("x", 10)}},
		{"between terms", "v=spf1 a mx -all", 10, []string{"v=spf1 a ", "mx -all"}},
		{"term longer than max", "v=spf1 abcdefghijkl", 8, []string{"v=spf1 ", "abcdefgh", "ijkl"}},
		{"no spaces", strings.Repeat("y", 25), 10, []string{strings.Repeat("y", 10), strings.Repeat("y", 10), "yyyyy"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := SplitN(tc.in, tc.max)
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("SplitN(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
			}
		})
	}
	t.Run("real 300-byte record at 255", func(t *testing.T) {
		rec := "v=spf1 " + strings.Repeat("ip4:192.0.2.128/25 ", 15) + "include:e-shopsmail2.com ~all"
		parts := Split(rec)
		if len(parts) != 2 || JoinStrings(parts) != rec {
			t.Fatalf("Split = %q", parts)
		}
		for _, p := range parts {
			if len(p) > MaxStringLen {
				t.Errorf("part of %d bytes", len(p))
			}
		}
		if !strings.HasSuffix(parts[0], " ") {
			t.Errorf("first part %q does not end between terms", parts[0])
		}
	})
}
