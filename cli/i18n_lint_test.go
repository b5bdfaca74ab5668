package cli

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// i18nPending lists the files of this package whose user-facing English
// literals are still being moved to the catalog: TestI18nLint only logs
// theirs. Every other file fails the test on one. Remove a file from here
// once it is clean (the test says so).
var i18nPending = map[string]bool{}

// letterRun is a run of three or more letters. One with a lower-case letter
// is a word that has to be translated; format-only literals ("%s\n",
// "  %s: %s\n", "[ok]  ") have none, and upper-case runs are placeholders
// or acronyms (TARGET, FILE, SPF), the same in every language.
var letterRun = regexp.MustCompile(`[A-Za-z]{3,}`)

func hasEnglishWord(s string) bool {
	for _, w := range letterRun.FindAllString(neutralTokens.ReplaceAllString(s, ""), -1) {
		if strings.ToUpper(w) != w {
			return true
		}
	}
	return false
}

// neutralTokens are stripped from a literal before looking for words: the
// program's name, --flag names and the fixed values of flags (formats,
// shells), which are typed as they are in every language.
var neutralTokens = regexp.MustCompile(`spfpatch|--[a-z][a-z0-9-]*|\b(text|json|markdown|bash|zsh|fish)\b`)

// userWriters are the writers whose output people read: fmt.Fprint* to
// one of these prints user-facing text.
func userWriter(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Ident:
		switch x.Name {
		case "w", "stdout", "stderr", "out", "errOut", "progress":
			return true
		}
	case *ast.SelectorExpr:
		switch x.Sel.Name {
		case "Writer", "ErrWriter", "w", "Stdout", "Stderr":
			return true
		}
	}
	return false
}

// i18nLint is what TestI18nLint finds in one file.
type i18nLint struct {
	english []string // user-facing literals with English words
	keys    []string // tr.T / p.T keys that the catalog lacks
}

// lintI18nFile returns the user-facing string literals of a file that hold
// English words instead of coming from the catalog (tr.T(...)), and the
// literal catalog keys that do not exist. User-facing: the message of
// cli.Exit; what fmt.Fprint* writes to c.App.Writer, c.App.ErrWriter, w,
// stdout, stderr...; fmt.Print*; errors.New and fmt.Errorf (run prints every
// error); the Usage, ArgsUsage, UsageText and Description of a cli value.
// Inside those, fmt.Sprint*, fmt.Errorf and errors.New are followed, other
// calls (tr.T, c.String("flag"), strings.Join...) are not.
func lintI18nFile(fset *token.FileSet, f *ast.File) i18nLint {
	var res i18nLint
	seen := map[token.Pos]bool{}
	var check func(e ast.Expr)
	check = func(e ast.Expr) {
		switch x := e.(type) {
		case *ast.BasicLit:
			if x.Kind != token.STRING || seen[x.Pos()] {
				return
			}
			seen[x.Pos()] = true
			s, err := strconv.Unquote(x.Value)
			if err != nil {
				s = x.Value
			}
			if hasEnglishWord(s) {
				res.english = append(res.english, fmt.Sprintf("%d: %s", fset.Position(x.Pos()).Line, x.Value))
			}
		case *ast.BinaryExpr:
			check(x.X)
			check(x.Y)
		case *ast.ParenExpr:
			check(x.X)
		case *ast.CallExpr:
			switch callName(x) {
			case "fmt.Sprintf", "fmt.Sprint", "fmt.Sprintln", "fmt.Errorf", "errors.New":
				for _, a := range x.Args {
					check(a)
				}
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CallExpr:
			name := callName(x)
			switch {
			case name == "cli.Exit" && len(x.Args) > 0:
				check(x.Args[0])
			case (name == "fmt.Fprint" || name == "fmt.Fprintf" || name == "fmt.Fprintln") && len(x.Args) > 0 && userWriter(x.Args[0]):
				for _, a := range x.Args[1:] {
					check(a)
				}
			case name == "fmt.Print" || name == "fmt.Printf" || name == "fmt.Println" || name == "fmt.Errorf" || name == "errors.New":
				for _, a := range x.Args {
					check(a)
				}
			}
			// A literal catalog key must exist.
			if sel, ok := x.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "T" && len(x.Args) > 0 {
				if lit, ok := x.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if key, err := strconv.Unquote(lit.Value); err == nil && !i18n.Has(key) {
						res.keys = append(res.keys, fmt.Sprintf("%d: %q", fset.Position(lit.Pos()).Line, key))
					}
				}
			}
		case *ast.CompositeLit:
			if !isCLIType(x.Type) {
				return true
			}
			for _, el := range x.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok && userField(k.Name) {
						check(kv.Value)
					}
				}
			}
		case *ast.AssignStmt:
			for i, l := range x.Lhs {
				if sel, ok := l.(*ast.SelectorExpr); ok && userField(sel.Sel.Name) && i < len(x.Rhs) {
					check(x.Rhs[i])
				}
			}
		}
		return true
	})
	return res
}

func userField(name string) bool {
	return name == "Usage" || name == "ArgsUsage" || name == "UsageText" || name == "Description"
}

// isCLIType: cli.Something (a flag, a command, the app).
func isCLIType(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == "cli"
}

// callName is "pkg.Func" for a call of a package function, else "".
func callName(c *ast.CallExpr) string {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return ""
	}
	return id.Name + "." + sel.Sel.Name
}

// Every user-facing text of the CLI comes from the catalog, so it exists in
// English and Japanese: no English literal where the user reads it.
func TestI18nLint(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	n := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		n++
		res := lintI18nFile(fset, f)
		for _, k := range res.keys {
			t.Errorf("%s:%s: no such message in the catalog", name, k)
		}
		switch {
		case len(res.english) == 0 && i18nPending[name]:
			t.Errorf("%s has no English literal left: remove it from i18nPending", name)
		case len(res.english) == 0:
		case i18nPending[name]:
			t.Logf("%s: %d user-facing literal(s) still in English (pending):\n  %s", name, len(res.english), strings.Join(res.english, "\n  "))
		default:
			t.Errorf("%s: user-facing literal(s) in English; put them in the catalog (internal/i18n) and use tr.T:\n  %s", name, strings.Join(res.english, "\n  "))
		}
	}
	if n < 5 {
		t.Fatalf("only %d files parsed", n)
	}
}

// The lint finds what it should and leaves format strings, flag names and
// catalog calls alone.
func TestI18nLintCatches(t *testing.T) {
	src := `package main
func f(c *cli.Context, w io.Writer) error {
	fmt.Fprintf(c.App.Writer, "%s: %s\n", a, b)
	fmt.Fprintf(w, "  %-48s %s%s\n", a, b, c)
	fmt.Fprintln(c.App.ErrWriter, "warning: "+x)
	fmt.Fprintf(&buf, "not user-facing %s", x)
	_ = c.String("format")
	_ = &cli.StringFlag{Name: "zone-dir", Usage: tr.T("app.flag.help")}
	_ = &cli.Command{Name: "doctor", Usage: "checks your SPF", ArgsUsage: "TARGET"}
	f.Usage = "lookups " + tr.T("app.usage")
	fmt.Fprintln(w, tr.T("no.such.key"))
	if x {
		return fmt.Errorf("provider %s: %w", name, err)
	}
	return cli.Exit(fmt.Sprintf("unknown provider %q", x)+" --provider", exitError)
}`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	res := lintI18nFile(fset, f)
	want := []string{`5: "warning: "`, `9: "checks your SPF"`, `10: "lookups "`, `13: "provider %s: %w"`, `15: "unknown provider %q"`}
	if strings.Join(res.english, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", res.english, want)
	}
	if len(res.keys) != 1 || res.keys[0] != `11: "no.such.key"` {
		t.Errorf("keys %q", res.keys)
	}
}
