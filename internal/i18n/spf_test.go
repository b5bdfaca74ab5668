package i18n

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/spfedit"
)

// spfeditConsts returns the values of spfedit's string constants whose
// names start with prefix, read from its source so that a new code cannot be
// forgotten here.
func spfeditConsts(t *testing.T, prefix string) []string {
	t.Helper()
	return pkgConsts(t, "spfedit", prefix)
}

// pkgConsts returns the values of the string constants of package dir
// (spfedit or spfcheck) whose names start with prefix.
func pkgConsts(t *testing.T, dir, prefix string) []string {
	t.Helper()
	files, err := filepath.Glob("../../" + dir + "/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("%s sources: %v", dir, err)
	}
	var out []string
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, s := range gd.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if !strings.HasPrefix(n.Name, prefix) || i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						v, _ := strconv.Unquote(lit.Value)
						out = append(out, v)
					}
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %s* constants in %s", prefix, dir)
	}
	return out
}

// spfeditErrVars returns the names of spfedit's Err* variables.
func spfeditErrVars(t *testing.T) []string {
	t.Helper()
	af, err := parser.ParseFile(token.NewFileSet(), "../../spfedit/errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(af, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok {
			for _, id := range vs.Names {
				if strings.HasPrefix(id.Name, "Err") {
					out = append(out, id.Name)
				}
			}
		}
		return true
	})
	return out
}

var (
	en = Printer{EN}
	ja = Printer{JA}
)

func hasJapanese(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30ff || r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func checkRendered(t *testing.T, what, s string) {
	t.Helper()
	if strings.Contains(s, "%!") || strings.Contains(s, "spf.") && strings.Contains(s, "spf.reason.") {
		t.Errorf("%s: badly formatted: %q", what, s)
	}
}

// Every lint code has both languages; English is Lint's own message and
// Japanese names the term.
func TestWarningMessages(t *testing.T) {
	records := []struct {
		rec      string
		includes []string
	}{
		{"v=spf1 +all", nil},
		{"v=spf1 ?all", nil},
		{"v=spf1 ptr ptr:example.com ~all", nil},
		{"v=spf1 -all a", nil},
		{"v=spf1 redirect=_spf.example.com -all", nil},
		{"v=spf1 ~include:e-shopsmail2.com -all", []string{"e-shopsmail2.com"}},
		{"v=spf1 a a -all", nil},
		{"v=spf1 exists:" + strings.Repeat("x", 260) + ".example.com -all", nil},
		{"v=spf1 " + strings.Repeat("ip4:192.0.2.1 ", 40) + "-all", nil},
	}
	seen := map[string]bool{}
	for _, r := range records {
		for _, w := range spfedit.MustParse(r.rec).Lint(r.includes...) {
			seen[w.Code] = true
			if got := en.Warning(w); got != w.Message {
				t.Errorf("%s: English\n got %q\nwant %q", w.Code, got, w.Message)
			}
			j := ja.Warning(w)
			checkRendered(t, w.Code, j)
			if !hasJapanese(j) {
				t.Errorf("%s: Japanese %q has no Japanese", w.Code, j)
			}
			term := w.Term
			if w.Code == spfedit.WarnTermTooLong {
				term = term[:37]
			}
			if term != "" && !strings.Contains(j, term) {
				t.Errorf("%s: Japanese %q does not name the term %q", w.Code, j, term)
			}
			if w.Code == spfedit.WarnRecordTooLong && !strings.Contains(j, "450") {
				t.Errorf("%s: Japanese %q does not give the limit", w.Code, j)
			}
		}
	}
	for _, c := range spfeditConsts(t, "Warn") {
		if !Has("lint." + c) {
			t.Errorf("no message lint.%s", c)
		}
		if !seen[c] {
			t.Errorf("warning %s not exercised by this test", c)
		}
	}
	// A warning without Args (not made by Lint) keeps its message.
	if got := ja.Warning(spfedit.Warning{Code: spfedit.WarnAllPass, Message: "m"}); got != "m" {
		t.Errorf("warning without args: %q", got)
	}
}

// Records with a syntax error that, together, give every reason and hint code.
var badRecords = []string{
	"\"v=spf1 -all\"", "v=spf1\u3000ip4:192.0.2.1 ~all", "v=spf1 a\u3000-all", "v=spf1 a\t-all", "v=spf1 a\xff", "v=spf1 a:foo.example.com%", "v=spf1 include:例え.jp",
	"v=spf1 1x=y", "v=spf1 redirect=", "v=spf1 exp=", "v=spf1 include:", "v=spf1 exists",
	"v=spf1 ptr:", "v=spf1 a:", "v=spf1 mx:", "v=spf1 ipv4:1.2.3.4", "v=spf1 ip:1.2.3.4", "v=spf1 ipv6:::1",
	"v=spf1 inc:x.example", "v=spf1 includes:x.example", "v=spf1 inlcude:x.example", "v=spf1 exist:x.example",
	"v=spf1 redirect:x.example", "v=spf1 exp:x.example", "v=spf1 v -all", "v=spf1 spf1",
	"v=spf1 foo:bar", "v=spf1 :x.example", "v=spf1 all:foo.example", "v=spf1 a/33", "v=spf1 a//129",
	"v=spf1 a/024", "v=spf1 mx/x/24", "v=spf1 ax", "v=spf1 ptr/24",
	"v=spf1 ip4", "v=spf1 ip6:", "v=spf1 ip4:999.0.0.1", "v=spf1 ip4:2001:db8::1", "v=spf1 ip6:192.0.2.1",
	"v=spf1 ip6:zz", "v=spf1 ip4:192.0.2.1/33", "v=spf1 ip6:2001:db8::/129", "v=spf1 ip4:192.0.2.1/01",
	"v=spf1 include:localhost", "v=spf1 a:foo.example.123", "v=spf1 a:foo%.example.com",
	"v=spf1 exists:%{d.example.com", "v=spf1 exists:%{}.example.com", "v=spf1 exists:%{z}.example.com",
	"v=spf1 exists:%{c}.example.com", "v=spf1 exists:%{d0}.example.com", "v=spf1 exists:%{d*}.example.com",
	"v=spf1 foo=%x", "v=spf1 -redirect=a.example", "v=spf1 redirect=a.example redirect=b.example",
	"v=spf1 exp=a.example EXP=b.example", "v=spf10 -all", " v=spf1 -all", "", "spf2.0/pra -all",
	"v=spf1 include:spf.example.com ~all]", "v=spf1 mx, a -all", "v=spf1 a;mx -all", "v=spf1 a~all", "v=spf1 -all.",
}

// Every syntax error renders in both languages: English is exactly Error(),
// Japanese names the term and its offset.
func TestSyntaxErrorMessages(t *testing.T) {
	reasons, hints := map[string]bool{}, map[string]bool{}
	for _, rec := range badRecords {
		_, err := spfedit.Parse(rec)
		var se *spfedit.SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("Parse(%q) = %v, want a syntax error", rec, err)
		}
		reasons[se.Reason] = true
		hints[se.HintCode] = true
		if got := en.SPFError(err); got != err.Error() {
			t.Errorf("%q: English\n got %q\nwant %q", rec, got, err.Error())
		}
		j := ja.SPFError(err)
		checkRendered(t, rec, j)
		if !hasJapanese(j) || strings.Contains(j, "did you mean") || strings.Contains(j, "invalid") {
			t.Errorf("%q: Japanese %q", rec, j)
		}
		// A full-width space is named, not escaped (readableArgs).
		if se.Term != "" && !strings.Contains(j, strconv.Quote(strings.ReplaceAll(se.Term, "\u3000", "[全角スペース]"))) {
			t.Errorf("%q: Japanese %q does not name the term", rec, j)
		}
		if !strings.Contains(j, fmt.Sprintf("%d バイト", se.Pos)) {
			t.Errorf("%q: Japanese %q does not give the offset %d", rec, j, se.Pos)
		}
		for _, a := range se.HintArgs {
			if !strings.Contains(j, a) {
				t.Errorf("%q: Japanese %q lacks the hint's %q", rec, j, a)
			}
		}
		// Wrapped, the caller's text stays in front.
		w := fmt.Errorf("TXT at example.com: %w", err)
		if got := en.SPFError(w); got != w.Error() {
			t.Errorf("wrapped English %q", got)
		}
		if got := ja.SPFError(w); got != "TXT at example.com: "+j {
			t.Errorf("wrapped Japanese %q", got)
		}
	}
	for _, c := range spfeditConsts(t, "Reason") {
		if !Has("spf.reason." + c) {
			t.Errorf("no message spf.reason.%s", c)
		}
		if !reasons[c] && !strings.HasPrefix(c, "domain-") && c != spfedit.ReasonEmptyName && c != spfedit.ReasonMacroBadByte {
			t.Errorf("reason %s not exercised by a bad record", c)
		}
	}
	for _, c := range spfeditConsts(t, "Hint") {
		if !Has("spf.hint." + c) {
			t.Errorf("no message spf.hint.%s", c)
		}
		if !hints[c] && c != spfedit.HintVersionOnce { // unreachable: "v=spf1" parses as a modifier
			t.Errorf("hint %s not exercised by a bad record", c)
		}
	}
}

// The reasons ValidateDomain and ParseMacroString give outside a record.
func TestReasonErrors(t *testing.T) {
	errs := []error{spfedit.ValidateDomain(""), spfedit.ValidateDomain("%{d}.example.com"),
		spfedit.ValidateDomain(strings.Repeat("a.", 130) + "com"), spfedit.ValidateDomain("a..b"),
		spfedit.ValidateDomain("例え.jp"), spfedit.ValidateDomain("a b.com"), spfedit.ValidateDomain("x.123")}
	_, err := spfedit.ParseMacroString("a\tb", false)
	errs = append(errs, err)
	_, err = spfedit.New("shop.例え.jp")
	errs = append(errs, err)
	for _, err := range errs {
		var re *spfedit.ReasonError
		if !errors.As(err, &re) || re.Reason == "" {
			t.Fatalf("%v: no reason", err)
		}
		if got := en.SPFError(err); got != err.Error() {
			t.Errorf("English\n got %q\nwant %q", got, err.Error())
		}
		j := ja.SPFError(err)
		checkRendered(t, re.Reason, j)
		if !hasJapanese(j) || strings.Contains(j, "invalid") || strings.Contains(j, "include target") {
			t.Errorf("%s: Japanese %q", re.Reason, j)
		}
		for _, d := range re.Detail {
			if !strings.Contains(j, d) {
				t.Errorf("%s: Japanese %q lacks %q", re.Reason, j, d)
			}
		}
	}
}

// Every sentinel has a message in both languages; English is its Error().
func TestSentinelMessages(t *testing.T) {
	codes := spfedit.ErrorCodes()
	if vars := spfeditErrVars(t); len(vars) != len(codes) {
		t.Fatalf("spfedit has %d Err* sentinels (%v) but %d codes", len(vars), vars, len(codes))
	}
	for _, c := range codes {
		if !Has("spf.err." + c) {
			t.Errorf("no message spf.err.%s", c)
		}
	}
	for _, s := range []error{spfedit.ErrNotSPF, spfedit.ErrUnknownMechanism, spfedit.ErrMissingDomain,
		spfedit.ErrBadDomain, spfedit.ErrBadIP, spfedit.ErrBadCIDR, spfedit.ErrBadMacro, spfedit.ErrBadQualifier,
		spfedit.ErrDuplicateModifier, spfedit.ErrBadModifier, spfedit.ErrBadCharacter, spfedit.ErrEmptyTerm,
		spfedit.ErrMultipleRecords, spfedit.ErrUnexpectedArgument, spfedit.ErrUnexpectedText} {
		c := spfedit.ErrorCode(s)
		if c == "" {
			t.Errorf("%v has no code", s)
			continue
		}
		if got := en.T("spf.err." + c); got != s.Error() {
			t.Errorf("spf.err.%s English %q, want %q", c, got, s.Error())
		}
		se := &spfedit.SyntaxError{Term: "x:y", Pos: 7, Err: s}
		if got := en.SPFError(se); got != se.Error() {
			t.Errorf("English %q, want %q", got, se.Error())
		}
		if j := ja.SPFError(se); !hasJapanese(j) || !strings.Contains(j, `"x:y"`) || !strings.Contains(j, "7") {
			t.Errorf("%s: Japanese %q", c, j)
		}
	}
	me := &spfedit.MultipleRecordsError{Records: []string{"v=spf1 a -all", "v=spf1 mx -all"}}
	if got := en.SPFError(me); got != me.Error() {
		t.Errorf("English %q, want %q", got, me.Error())
	}
	if j := ja.SPFError(me); !strings.Contains(j, `"v=spf1 a -all"、"v=spf1 mx -all"`) || !strings.Contains(j, "2 個") {
		t.Errorf("Japanese %q", j)
	}
	if got := ja.SPFError(errors.New("other")); got != "other" {
		t.Errorf("other error: %q", got)
	}
}
