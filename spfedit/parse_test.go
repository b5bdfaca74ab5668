package spfedit

import (
	"errors"
	"net/netip"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// Records as large senders publish them, with the odd spellings seen in the
// wild: upper case, repeated and trailing spaces, macros, ip6, CIDR pairs and
// modifiers in odd places.
var realRecords = []string{
	"v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all",
	"v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ip4:66.249.80.0/20 ip4:72.14.192.0/18 ip4:74.125.0.0/16 ip4:108.177.8.0/21 ip4:173.194.0.0/16 ip4:209.85.128.0/17 ip4:216.58.192.0/19 ip4:216.239.32.0/19 ~all",
	"v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ip6:2607:f8b0:4000::/36 ip6:2800:3f0:4000::/36 ip6:2a00:1450:4000::/36 ip6:2c0f:fb50:4000::/36 ~all",
	"v=spf1 include:spf.protection.outlook.com -all",
	"v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip4:52.102.0.0/16 ip4:52.103.0.0/17 ip4:104.47.0.0/17 ip6:2a01:111:f400::/48 ip6:2a01:111:f403::/49 ip6:2a01:111:f403:8000::/51 ip6:2a01:111:f403:c000::/51 ip6:2a01:111:f403:f000::/52 -all",
	"v=spf1 include:amazonses.com ~all",
	"v=spf1 ip4:205.201.128.0/20 ip4:198.2.128.0/18 ip4:148.105.8.0/21 -all",
	"v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ip4:50.31.32.0/19 ip4:198.37.144.0/20 ip4:198.21.0.0/21 ip4:192.254.112.0/20 ip4:168.245.0.0/17 ip4:149.72.0.0/16 ip4:159.183.0.0/16 ~all",
	"v=spf1 exists:%{i}._spf.mta.salesforce.com -all",
	"v=spf1 include:%{ir}.%{v}.%{d}.spf.has.pphosted.com ~all",
	"v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} ~all",
	"v=spf1 redirect=_spf.facebook.com",
	"v=spf1 ip4:17.0.0.0/8 ip6:2620:149::/33 ip6:2a01:b740::/32 ip6:2a01:b747::/32 ~all",
	"V=SPF1   MX   A   IP4:192.0.2.1 ~ALL  ",
	"v=spf1 mx a:mail.example.jp/28 a:mail6.example.jp//64 a:dual.example.jp/24//48 -all",
	"v=spf1 exp=explain._spf.%{d} redirect=_spf.example.com",
	"v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all",
	"v=spf1 ?include:spf.example.net ip4:0.0.0.0/0 -ip6:::/0 ~all exp=exp.example.com",
	"v=spf1 a:%{d}.example.com ptr:%{d} +a//128 -ip4:192.0.2.255 ?ip6:::ffff:192.0.2.1 ~all",
	"v=spf1 include:sakura.ne.jp include:_spf.xserver.jp include:spf.lolipop.jp ~all",
	"v=spf1 a:macro%%percent%_%_space%-url-space.example.com -all",
	"v=spf1 exists:%{p}.%{h}.%{o}.%{s}.example.com",
	"v=spf1",
	"v=spf1 ",
}

func TestParseRoundTrip(t *testing.T) {
	for _, s := range realRecords {
		t.Run(s, func(t *testing.T) {
			r, err := Parse(s)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := r.String(); got != s {
				t.Fatalf("String() = %q, want %q", got, s)
			}
			for _, term := range r.Terms() {
				if s[term.Pos:term.Pos+len(term.Text)] != term.Text {
					t.Errorf("term %q: Pos %d points at %q", term.Text, term.Pos, s[term.Pos:])
				}
			}
		})
	}
}

func TestParseTerms(t *testing.T) {
	tests := []struct {
		name   string
		record string
		want   []Term // only the fields set here are compared (Text, Qualifier, Kind, Value, Prefix4, Prefix6)
	}{
		{"all qualifiers", "v=spf1 +all -all ~all ?all all", []Term{
			{Text: "+all", Qualifier: '+', Kind: KindAll, Prefix4: -1, Prefix6: -1},
			{Text: "-all", Qualifier: '-', Kind: KindAll, Prefix4: -1, Prefix6: -1},
			{Text: "~all", Qualifier: '~', Kind: KindAll, Prefix4: -1, Prefix6: -1},
			{Text: "?all", Qualifier: '?', Kind: KindAll, Prefix4: -1, Prefix6: -1},
			{Text: "all", Kind: KindAll, Prefix4: -1, Prefix6: -1},
		}},
		{"a and mx forms", "v=spf1 a a:x.example a/24 a//64 a:x.example/24//64 mx:m.example//0", []Term{
			{Text: "a", Kind: KindA, Prefix4: -1, Prefix6: -1},
			{Text: "a:x.example", Kind: KindA, Value: "x.example", Prefix4: -1, Prefix6: -1},
			{Text: "a/24", Kind: KindA, Prefix4: 24, Prefix6: -1},
			{Text: "a//64", Kind: KindA, Prefix4: -1, Prefix6: 64},
			{Text: "a:x.example/24//64", Kind: KindA, Value: "x.example", Prefix4: 24, Prefix6: 64},
			{Text: "mx:m.example//0", Kind: KindMX, Value: "m.example", Prefix4: -1, Prefix6: 0},
		}},
		{"ip networks", "v=spf1 ip4:192.0.2.1 ip4:192.0.2.0/24 ip4:0.0.0.0/0 ip6:2001:db8::/32 ip6:::1 ip6:::ffff:1.2.3.4/128", []Term{
			{Text: "ip4:192.0.2.1", Kind: KindIP4, Value: "192.0.2.1", Prefix4: -1, Prefix6: -1},
			{Text: "ip4:192.0.2.0/24", Kind: KindIP4, Value: "192.0.2.0", Prefix4: 24, Prefix6: -1},
			{Text: "ip4:0.0.0.0/0", Kind: KindIP4, Value: "0.0.0.0", Prefix4: 0, Prefix6: -1},
			{Text: "ip6:2001:db8::/32", Kind: KindIP6, Value: "2001:db8::", Prefix4: -1, Prefix6: 32},
			{Text: "ip6:::1", Kind: KindIP6, Value: "::1", Prefix4: -1, Prefix6: -1},
			{Text: "ip6:::ffff:1.2.3.4/128", Kind: KindIP6, Value: "::ffff:1.2.3.4", Prefix4: -1, Prefix6: 128},
		}},
		{"case-insensitive names", "v=spf1 INCLUDE:Foo.Example Ip4:1.2.3.4 PTR Exists:%{I}.x.example ReDiReCt=r.example EXP=e.example", []Term{
			{Text: "INCLUDE:Foo.Example", Kind: KindInclude, Value: "Foo.Example", Prefix4: -1, Prefix6: -1},
			{Text: "Ip4:1.2.3.4", Kind: KindIP4, Value: "1.2.3.4", Prefix4: -1, Prefix6: -1},
			{Text: "PTR", Kind: KindPTR, Prefix4: -1, Prefix6: -1},
			{Text: "Exists:%{I}.x.example", Kind: KindExists, Value: "%{I}.x.example", Prefix4: -1, Prefix6: -1},
			{Text: "ReDiReCt=r.example", Kind: KindRedirect, Value: "r.example", Prefix4: -1, Prefix6: -1},
			{Text: "EXP=e.example", Kind: KindExp, Value: "e.example", Prefix4: -1, Prefix6: -1},
		}},
		{"unknown modifiers kept", "v=spf1 foo=bar x-y_z.w=%{d} empty=", []Term{
			{Text: "foo=bar", Kind: KindUnknownModifier, Value: "bar", Prefix4: -1, Prefix6: -1},
			{Text: "x-y_z.w=%{d}", Kind: KindUnknownModifier, Value: "%{d}", Prefix4: -1, Prefix6: -1},
			{Text: "empty=", Kind: KindUnknownModifier, Value: "", Prefix4: -1, Prefix6: -1},
		}},
		{"domain ending in a macro or trailing dot", "v=spf1 include:%{d} exists:x.example. ptr:%{d}.%{o}", []Term{
			{Text: "include:%{d}", Kind: KindInclude, Value: "%{d}", Prefix4: -1, Prefix6: -1},
			{Text: "exists:x.example.", Kind: KindExists, Value: "x.example.", Prefix4: -1, Prefix6: -1},
			{Text: "ptr:%{d}.%{o}", Kind: KindPTR, Value: "%{d}.%{o}", Prefix4: -1, Prefix6: -1},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse(tc.record)
			if err != nil {
				t.Fatal(err)
			}
			if r.Len() != len(tc.want) {
				t.Fatalf("got %d terms, want %d", r.Len(), len(tc.want))
			}
			for i, w := range tc.want {
				g := r.Term(i)
				got := Term{Text: g.Text, Qualifier: g.Qualifier, Kind: g.Kind, Value: g.Value, Prefix4: g.Prefix4, Prefix6: g.Prefix6}
				if !reflect.DeepEqual(got, w) {
					t.Errorf("term %d:\n got %+v\nwant %+v", i, got, w)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name   string
		record string
		term   string
		err    error
	}{
		{"include without domain", "v=spf1 include: -all", "include:", ErrMissingDomain},
		{"include without colon", "v=spf1 include -all", "include", ErrMissingDomain},
		{"exists without domain", "v=spf1 exists", "exists", ErrMissingDomain},
		{"ip4 over 255", "v=spf1 ip4:300.1.1.1 -all", "ip4:300.1.1.1", ErrBadIP},
		{"ip4 leading zero", "v=spf1 ip4:01.2.3.4", "ip4:01.2.3.4", ErrBadIP},
		{"ip4 given an ip6", "v=spf1 ip4:2001:db8::1", "ip4:2001:db8::1", ErrBadIP},
		{"ip6 given an ip4", "v=spf1 ip6:1.2.3.4", "ip6:1.2.3.4", ErrBadIP},
		{"ip6 with zone", "v=spf1 ip6:fe80::1%eth0", "ip6:fe80::1%eth0", ErrBadIP},
		{"ip4 without address", "v=spf1 ip4", "ip4", ErrBadIP},
		{"ip4 /33", "v=spf1 ip4:1.2.3.4/33", "ip4:1.2.3.4/33", ErrBadCIDR},
		{"ip6 /129", "v=spf1 ip6:::1/129", "ip6:::1/129", ErrBadCIDR},
		{"a /33", "v=spf1 a/33", "a/33", ErrBadCIDR},
		{"a //129", "v=spf1 a//129", "a//129", ErrBadCIDR},
		{"cidr leading zero", "v=spf1 a/024", "a/024", ErrBadCIDR},
		{"empty cidr", "v=spf1 mx/", "mx/", ErrBadCIDR},
		{"ptr with cidr", "v=spf1 ptr/24", "ptr/24", ErrBadCIDR},
		{"two redirects", "v=spf1 redirect=a.example redirect=b.example", "redirect=b.example", ErrDuplicateModifier},
		{"two exps", "v=spf1 exp=a.example -all EXP=b.example", "EXP=b.example", ErrDuplicateModifier},
		{"unknown mechanism", "v=spf1 ipv4:1.2.3.4 -all", "ipv4:1.2.3.4", ErrUnknownMechanism},
		{"mechanism glued to text", "v=spf1 allx", "allx", ErrUnknownMechanism},
		{"all with argument", "v=spf1 all:foo.example", "all:foo.example", ErrUnexpectedArgument},
		{"bad macro letter", "v=spf1 exists:%{z}.example.com", "exists:%{z}.example.com", ErrBadMacro},
		{"c macro outside exp", "v=spf1 exists:%{c}.example.com", "exists:%{c}.example.com", ErrBadMacro},
		{"zero digit transformer", "v=spf1 exists:%{d0}.example.com", "exists:%{d0}.example.com", ErrBadMacro},
		{"unclosed macro", "v=spf1 exists:%{d.example.com", "exists:%{d.example.com", ErrBadMacro},
		{"lone percent", "v=spf1 a:foo%.example.com", "a:foo%.example.com", ErrBadMacro},
		{"bad delimiter", "v=spf1 exists:%{d*}.example.com", "exists:%{d*}.example.com", ErrBadMacro},
		{"domain without dot", "v=spf1 include:localhost", "include:localhost", ErrBadDomain},
		{"numeric top label", "v=spf1 a:foo.example.123", "a:foo.example.123", ErrBadDomain},
		{"top label ends with hyphen", "v=spf1 a:foo.example-", "a:foo.example-", ErrBadDomain},
		{"qualified modifier", "v=spf1 -redirect=a.example", "-redirect=a.example", ErrBadQualifier},
		{"redirect without domain", "v=spf1 redirect=", "redirect=", ErrMissingDomain},
		{"modifier name starting with digit", "v=spf1 1x=y", "1x=y", ErrBadModifier},
		{"bad char in unknown modifier", "v=spf1 foo=%x", "foo=%x", ErrBadMacro},
		{"full-width space", "v=spf1 a\u3000-all", "a\u3000-all", ErrBadCharacter},
		{"tab", "v=spf1 a\t-all", "a\t-all", ErrBadCharacter},
		{"newline", "v=spf1 a\n-all", "a\n-all", ErrBadCharacter},
		{"non-ascii domain", "v=spf1 include:例え.jp", "include:例え.jp", ErrBadCharacter},
		{"not spf", "v=spf10 -all", "", ErrNotSPF},
		{"spf2.0", "spf2.0/pra -all", "", ErrNotSPF},
		{"version glued to tab", "v=spf1\t-all", "", ErrNotSPF},
		{"empty", "", "", ErrNotSPF},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse(tc.record)
			if err == nil {
				t.Fatalf("Parse(%q) = %q, want error %v", tc.record, r, tc.err)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T %v is not a *SyntaxError", err, err)
			}
			if !errors.Is(err, tc.err) {
				t.Errorf("error %v does not wrap %v", err, tc.err)
			}
			if se.Term != tc.term {
				t.Errorf("Term = %q, want %q", se.Term, tc.term)
			}
			if tc.term != "" {
				if !strings.Contains(err.Error(), strconv.Quote(tc.term)) {
					t.Errorf("message %q does not name the term", err)
				}
				if tc.record[se.Pos:se.Pos+len(se.Term)] != se.Term {
					t.Errorf("Pos %d does not point at the term", se.Pos)
				}
			}
		})
	}
}

func TestSyntaxErrorHints(t *testing.T) {
	tests := []struct{ record, hint string }{
		{"v=spf1 ipv4:1.2.3.4", "did you mean ip4?"},
		{"v=spf1 redirect:x.example", "redirect=DOMAIN"},
		{"v=spf1 include:", "include:DOMAIN"},
		{"v=spf1 ip4:2001:db8::1", "write ip6:2001:db8::1"},
		{"v=spf1 a\u3000-all", "full-width"},
	}
	for _, tc := range tests {
		t.Run(tc.record, func(t *testing.T) {
			_, err := Parse(tc.record)
			if err == nil || !strings.Contains(err.Error(), tc.hint) {
				t.Fatalf("error %v, want a hint containing %q", err, tc.hint)
			}
		})
	}
}

func TestIsSPFAndSelect(t *testing.T) {
	tests := []struct {
		name  string
		txts  []string
		index int
		multi bool
	}{
		{"none", []string{"google-site-verification=abc", "MS=ms123"}, -1, false},
		{"one among others", []string{"google-site-verification=abc", "v=spf1 -all", "spf2.0/pra -all"}, 1, false},
		{"upper-case version", []string{"V=SPF1 -all"}, 0, false},
		{"bare version", []string{"v=spf1"}, 0, false},
		{"v=spf10 is not spf", []string{"v=spf10 -all", "v=spf1 a"}, 1, false},
		{"version glued to a term is not spf", []string{"v=spf1-all"}, -1, false},
		{"two records", []string{"v=spf1 a -all", "x", "v=spf1 mx -all"}, -1, true},
		{"leading space is not spf", []string{" v=spf1 -all"}, -1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i, err := Select(tc.txts)
			if tc.multi {
				var me *MultipleRecordsError
				if !errors.As(err, &me) || !errors.Is(err, ErrMultipleRecords) {
					t.Fatalf("err = %v, want *MultipleRecordsError", err)
				}
				for _, s := range tc.txts {
					if IsSPF(s) && !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not name %q", err, s)
					}
				}
				return
			}
			if err != nil || i != tc.index {
				t.Fatalf("Select = %d, %v; want %d, nil", i, err, tc.index)
			}
		})
	}
}

func TestJoinStrings(t *testing.T) {
	// RFC 7208 §3.3: joined with nothing in between, not a space.
	got := JoinStrings([]string{"v=spf1 ip4:192.0.2.1 ", "include:x.example", " -all"})
	if want := "v=spf1 ip4:192.0.2.1 include:x.example -all"; got != want {
		t.Fatalf("got %q want %q", got, want)
	}
	if JoinStrings(nil) != "" {
		t.Fatal("empty record not empty")
	}
}

func TestMacroString(t *testing.T) {
	tests := []struct {
		in      string
		explain bool
		want    MacroString
	}{
		{"%{d}", false, MacroString{{Letter: 'd'}}},
		{"%{ir}.%{v}._spf.%{d2}", false, MacroString{{Letter: 'i', Reverse: true}, {Literal: "."}, {Letter: 'v'}, {Literal: "._spf."}, {Letter: 'd', Digits: 2}}},
		{"%{L1r+-}", false, MacroString{{Letter: 'l', Upper: true, Digits: 1, Reverse: true, Delims: "+-"}}},
		{"a%%b%_c%-d", false, MacroString{{Literal: "a"}, {Literal: "%", Escape: true}, {Literal: "b"}, {Literal: " ", Escape: true}, {Literal: "c"}, {Literal: "%20", Escape: true}, {Literal: "d"}}},
		{"%{c} is not allowed %{r} at %{t}", true, MacroString{{Letter: 'c'}, {Literal: " is not allowed "}, {Letter: 'r'}, {Literal: " at "}, {Letter: 't'}}},
		{"%{d.-+,/_=}", false, MacroString{{Letter: 'd', Delims: ".-+,/_="}}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseMacroString(tc.in, tc.explain)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %#v\nwant %#v", got, tc.want)
			}
			if got.String() != tc.in {
				t.Errorf("String() = %q, want %q", got.String(), tc.in)
			}
		})
	}
	for _, bad := range []string{"%", "%x", "%{", "%{}", "%{q}", "%{d0}", "%{d*}", "a b"} {
		t.Run("bad "+bad, func(t *testing.T) {
			if _, err := ParseMacroString(bad, false); !errors.Is(err, ErrBadMacro) && !errors.Is(err, ErrBadCharacter) {
				t.Fatalf("ParseMacroString(%q) err = %v", bad, err)
			}
		})
	}
}

func TestValidateDomain(t *testing.T) {
	for _, ok := range []string{"e-shopsmail2.com", "e-shopsmail2.com.", "_spf.example.jp", "xn--r8jz45g.jp", "a.b-c"} {
		if err := ValidateDomain(ok); err != nil {
			t.Errorf("ValidateDomain(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "localhost", "a..b", "x.123", "%{d}.example.com", "例え.jp", "a b.com", strings.Repeat("a", 64) + ".com"} {
		if err := ValidateDomain(bad); !errors.Is(err, ErrBadDomain) {
			t.Errorf("ValidateDomain(%q) = %v, want ErrBadDomain", bad, err)
		}
	}
}

func TestTermPrefix(t *testing.T) {
	r := MustParse("v=spf1 ip4:192.0.2.77/24 ip6:2001:db8::1 ip4:10.0.0.1")
	want := []string{"192.0.2.0/24", "2001:db8::1/128", "10.0.0.1/32"}
	for i, w := range want {
		if got := r.Term(i).Prefix().String(); got != w {
			t.Errorf("term %d prefix %s want %s", i, got, w)
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("MustParse of a bad record did not panic")
		}
	}()
	MustParse("v=spf1 ip4:999.0.0.1")
}

// A mechanism with something glued to it is reported as what it is, with
// the term to write (issue 13: "~all]" was `unknown mechanism "all"`).
func TestParseTextAfterMechanism(t *testing.T) {
	tests := []struct {
		record, term, msg string
	}{
		{"v=spf1 include:spf.example.com ~all]", "~all]",
			`SPF syntax error in term "~all]" (byte 31): unexpected text: "]" after the mechanism "all"; remove "]": write "~all"`},
		{"v=spf1 mx, a -all", "mx,",
			`SPF syntax error in term "mx," (byte 7): unexpected text: "," after the mechanism "mx"; terms are separated by spaces, not ",": write "mx"`},
		{"v=spf1 a; -all", "a;",
			`SPF syntax error in term "a;" (byte 7): unexpected text: ";" after the mechanism "a"; terms are separated by spaces, not ";": write "a"`},
		{"v=spf1 mx,a:b.example;-all", "mx,a:b.example;-all",
			`SPF syntax error in term "mx,a:b.example;-all" (byte 7): unexpected text: ",a:b.example;-all" after the mechanism "mx"; terms are separated by spaces, not ",": write "mx a:b.example -all"`},
		{"v=spf1 a~all", "a~all",
			`SPF syntax error in term "a~all" (byte 7): unexpected text: "~all" after the mechanism "a"; put a space between the terms: write "a ~all"`},
		{"v=spf1 -all.", "-all.",
			`SPF syntax error in term "-all." (byte 7): unexpected text: "." after the mechanism "all"; remove ".": write "-all"`},
		{"v=spf1 +MX]", "+MX]",
			`SPF syntax error in term "+MX]" (byte 7): unexpected text: "]" after the mechanism "MX"; remove "]": write "+MX"`},
	}
	for _, tc := range tests {
		t.Run(tc.record, func(t *testing.T) {
			_, err := Parse(tc.record)
			var se *SyntaxError
			if !errors.As(err, &se) || !errors.Is(err, ErrUnexpectedText) || se.Reason != ReasonAfterMechanism {
				t.Fatalf("Parse(%q) = %v, want an unexpected-text syntax error", tc.record, err)
			}
			if se.Term != tc.term || err.Error() != tc.msg {
				t.Errorf("term %q, message\n %s\nwant term %q,\n %s", se.Term, err, tc.term, tc.msg)
			}
			if strings.Contains(err.Error(), "unknown mechanism") {
				t.Errorf("still says unknown mechanism: %v", err)
			}
			if len(se.HintArgs) > 0 {
				fixed := se.HintArgs[len(se.HintArgs)-1]
				if _, err := Parse("v=spf1 " + fixed); err != nil {
					t.Errorf("the suggested %q does not parse: %v", fixed, err)
				}
			}
		})
	}
}

// Parse + AddInclude + String of a 10-term record makes at most 4
// allocations: the record, its terms, the include's text and the result.
func TestParseAddIncludeAllocs(t *testing.T) {
	n := testing.AllocsPerRun(200, func() {
		r, _ := Parse(benchRecord10)
		if _, err := r.AddInclude("e-shopsmail2.com"); err != nil {
			t.Fatal(err)
		}
		_ = r.String()
	})
	if n > 4 {
		t.Fatalf("%v allocations, want at most 4", n)
	}
	if got := MustParse(benchRecord10).Len(); got != 10 {
		t.Fatalf("benchRecord10 has %d terms", got)
	}
}

// parseAddr's quick path for dotted quads agrees with netip.ParseAddr.
func TestParseAddrQuickPath(t *testing.T) {
	for _, s := range []string{"192.0.2.1", "0.0.0.0", "255.255.255.255", "256.0.0.1", "01.2.3.4", "1.02.3.4", "1.2.3", "1.2.3.4.5",
		"1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4 ", "1.2.3.-4", "10.0.0.00", "100.200.300.4", "::1", "::ffff:1.2.3.4", "1.2.3.4%eth0", "", "9999.1.1.1"} {
		want, werr := netip.ParseAddr(s)
		got, gerr := parseAddr(s, true)
		if got != want || (gerr == nil) != (werr == nil) {
			t.Errorf("%q: %v %v, netip gives %v %v", s, got, gerr, want, werr)
		}
	}
}
