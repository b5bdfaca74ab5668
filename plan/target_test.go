package plan

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/spfedit"
)

func TestParseTarget(t *testing.T) {
	tests := []struct {
		in, domain, sender string
		err                error
	}{
		{"shop.example.com", "shop.example.com", "", nil},
		{"Shop.Example.COM.", "shop.example.com", "", nil},
		{"info@shop.example.com", "shop.example.com", "info@shop.example.com", nil},
		{"  info@Shop.Example.com ", "shop.example.com", "info@Shop.Example.com", nil},
		{"例え.jp", "xn--r8jz45g.jp", "", nil},
		{"注文@例え.jp", "xn--r8jz45g.jp", "注文@例え.jp", nil},
		{"shop@gmail.com", "gmail.com", "shop@gmail.com", ErrFreeMail},
		{"yahoo.co.jp", "yahoo.co.jp", "", ErrFreeMail},
		{"ICLOUD.COM.", "icloud.com", "", ErrFreeMail},
		{"", "", "", ErrBadTarget},
		{"@shop.example.com", "", "", ErrBadTarget},
		{"info@", "", "", ErrBadTarget},
		{"localhost", "", "", ErrBadTarget},
		{"https://shop.example.com/", "", "", ErrBadTarget},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseTarget(tc.in)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if tc.err == nil && (got.Domain != tc.domain || got.Sender != tc.sender) {
				t.Fatalf("got %+v", got)
			}
			if tc.err == ErrFreeMail && got.Domain != tc.domain {
				t.Fatalf("free-mail domain %q", got.Domain)
			}
		})
	}
}

// A change read from outside (a saved plan, a journal, a provider) is
// rendered without any terminal control: names, zone, provider, message,
// warnings and the value to paste are escaped.
func TestRenderEscapesHostileText(t *testing.T) {
	esc := "\x1b]0;PWNED\x07\x1b[2J\u009b31m\u202e"
	changes := []*Change{
		{Name: "a" + esc + ".example.", Zone: "z" + esc + ".", Provider: "p" + esc, Action: Error, Message: "m" + esc},
		{Name: "b" + esc + ".example.", Zone: "example.", Action: Update, Code: CodeManual, BeforeSPF: "v=spf1 " + esc + " ~all",
			AfterSPF: "v=spf1 include:x" + esc + " ~all", AfterStrings: []string{"v=spf1 include:x" + esc + " ~all"},
			Before: RRset{{Text: "v=spf1 " + esc + " ~all"}}, After: RRset{{Text: "v=spf1 include:x" + esc + " ~all"}},
			Warnings: []spfedit.Warning{{Code: "x", Message: "w" + esc}}, Message: "h" + esc},
		{Name: "c.example.", Zone: "example.", Action: NoOp, Rollback: true, Message: "r" + esc, AfterSPF: "v=spf1 " + esc + " -all"},
	}
	for _, color := range []bool{false, true} {
		var b bytes.Buffer
		Render(&b, &Plan{Changes: changes}, RenderOptions{Color: color})
		s := b.String()
		if color {
			// Our own colours are the only escapes: drop them, then look.
			for _, c := range []string{ansiReset, ansiRed, ansiGreen, ansiYellow, ansiBold} {
				s = strings.ReplaceAll(s, c, "")
			}
		}
		for _, c := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
			if strings.Contains(s, c) {
				t.Fatalf("color %v: %q reaches the output:\n%q", color, c, s)
			}
		}
		if !strings.Contains(s, `a\x1b]0;PWNED\a\x1b[2J\u009b31m\u202e.example.`) {
			t.Fatalf("the name is not shown escaped:\n%s", s)
		}
	}
	var b bytes.Buffer
	if err := WriteJSONLines(&b, &Plan{Changes: changes}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\x07\u009b\u202e") {
		t.Fatalf("raw control in JSON: %q", b.String())
	}
}

// Each way a target cannot be a shop's domain has its own message (key),
// naming the value; no library's own text (idna) reaches it.
func TestParseTargetRefusals(t *testing.T) {
	long := strings.Repeat("a", 60) + "." + strings.Repeat("b", 60) + "." + strings.Repeat("c", 60) + "." + strings.Repeat("d", 60) + ".shop.example"
	tests := []struct{ in, key string }{
		{"a.example,b.example", "target.list"},
		{"a.example;b.example", "target.list"},
		{"a@b@shop.example", "target.at-signs"},
		{"*.wild.example", "target.wildcard"},
		{"shop.*.example", "target.wildcard"},
		{"192.0.2.1", "target.ip"},
		{"2001:db8::1", "target.ip"},
		{"info@[192.0.2.1]", "target.ip"},
		{"_dmarc.shop.example", "target.char"},
		{"shop!.example", "target.char"},
		{"xn--zz.example", "target.idna-invalid"},
		{"-shop.example", "target.idna-invalid"},
		{long, "target.too-long"},
		{"shop example", "target.space"},
		{"shop\u3000example", "target.space"},
		{"localhost", "target.no-dot"},
		{"https://shop.example/", "target.url"},
		{"", "target.empty"},
		{"info@", "target.address"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			_, err := ParseTarget(tc.in)
			var m *MsgError
			if !errors.As(err, &m) || m.Key != tc.key || !errors.Is(err, ErrBadTarget) {
				t.Fatalf("err = %v, want key %s", err, tc.key)
			}
			if strings.Contains(err.Error(), "idna") || strings.Contains(err.Error(), "disallowed rune") {
				t.Fatalf("library text in %q", err)
			}
			if q := strings.Trim(strconv.Quote(tc.in), `"`); tc.in != "" && !strings.Contains(err.Error(), q[:min(len(q), 20)]) {
				t.Fatalf("%q does not name the value", err)
			}
		})
	}
	if len(long) <= MaxNameLen {
		t.Fatalf("the long name has %d characters", len(long))
	}
	// The longest name that is still one.
	ok := strings.Repeat("a", 63) + "." + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 53) + ".example"
	if len(ok) != MaxNameLen {
		t.Fatalf("%d", len(ok))
	}
	if _, err := ParseTarget(ok); err != nil {
		t.Fatal(err)
	}
}

// Include names: any domain name an include: term can name (RFC 7208
// domain-spec without macros): underscores, upper case, IDNs and a trailing
// dot are fine; each mistake has its own message.
func TestParseInclude(t *testing.T) {
	good := map[string]string{
		"_spf.google.com":            "_spf.google.com",
		"_SPF.Salesforce.com.":       "_spf.salesforce.com",
		" e-shopsmail2.com ":         "e-shopsmail2.com",
		"_spf.ショップ.jp":               "_spf.xn--xckya1d0c.jp",
		"spf.protection.outlook.com": "spf.protection.outlook.com",
	}
	for in, want := range good {
		if got, err := ParseInclude(in); err != nil || got != want {
			t.Errorf("ParseInclude(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := map[string]string{
		"":                                   "include.empty",
		"  ":                                 "include.empty",
		"%{d}._spf.example.com":              "include.macro",
		"include:_spf.google.com":            "include.prefix",
		"a.example,b.example":                "include.char",
		"a b.example":                        "include.char",
		"*.example.com":                      "include.char",
		"info@example.com":                   "include.char",
		"xn--zz.example":                     "include.idna-invalid",
		"localhost":                          "include.invalid",
		"a..example":                         "include.invalid",
		strings.Repeat("a", 64) + ".example": "include.invalid",
		strings.Repeat("abcdefghi.", 26) + "example": "include.too-long",
	}
	for in, key := range bad {
		_, err := ParseInclude(in)
		var m *MsgError
		if !errors.As(err, &m) || m.Key != key || !errors.Is(err, ErrBadInclude) {
			t.Errorf("ParseInclude(%q): %v, want %s", in, err, key)
		}
		if err != nil && strings.Contains(err.Error(), "idna:") {
			t.Errorf("library text in %q", err)
		}
	}
}
