package termsafe

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"v=spf1 include:e-shopsmail2.com ~all", "v=spf1 include:e-shopsmail2.com ~all"},
		{"ショップ.jp", "ショップ.jp"},
		{"a\x1b]0;pwned\x07b", `a\x1b]0;pwned\ab`},
		{"x\x1b[2Jy", `x\x1b[2Jy`},
		{"evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"c1\u009bm", `c1\u009bm`},
		{"line\nbreak\r", `line\nbreak\r`},
		{"tab\tkept", "tab\tkept"},
		{"del\x7f", `del\x7f`},
	}
	for _, tc := range tests {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Line("a\tb"); got != `a\tb` {
		t.Errorf("Line: %q", got)
	}
}

func TestArg(t *testing.T) {
	tests := []struct{ in, want string }{
		{"shop.example", "shop.example"},
		{"_spf.google.com", "_spf.google.com"},
		{"/tmp/j.jsonl", "/tmp/j.jsonl"},
		{"", "''"},
		{"a b", "'a b'"},
		{"it's", `'it'\''s'`},
		{"$(touch x)", "'$(touch x)'"},
		{"-rf", "'-rf'"},
		{"@splat", "'@splat'"},
		{"x;y", "'x;y'"},
		{"a\x1bb", `'a\x1bb'`},
		{"v=spf1 include:%{d}.x ~all", "'v=spf1 include:%{d}.x ~all'"},
	}
	for _, tc := range tests {
		if got := Arg(tc.in); got != tc.want {
			t.Errorf("Arg(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if !IsPlain("shop.example") || IsPlain("a b") || IsPlain("") {
		t.Error("IsPlain")
	}
}

// A command built from hostile values runs, in a real POSIX shell, as the
// words it was built from: nothing is executed, nothing split.
func TestCommandInShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	marker := filepath.Join(dir, "pwned")
	hostile := []string{
		"$(touch " + marker + ")",
		"`touch " + marker + "`",
		"x; touch " + marker,
		"x' ; touch " + marker + " ; '",
		"a\nb",
		"x && touch " + marker,
		"*",
		"~",
		"-n",
	}
	for _, h := range hostile {
		line := "printf '%s\\n' " + Command(h)
		out, err := exec.Command(sh, "-c", line).Output()
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if _, err := os.Stat(marker); err == nil {
			t.Fatalf("running %q created the marker", line)
		}
		want := Line(h)
		if got := strings.TrimSuffix(string(out), "\n"); got != want {
			t.Errorf("%q printed %q, want %q", line, got, want)
		}
	}
}
