package termsafe

import (
	"bytes"
	"encoding/json"
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

func TestLines(t *testing.T) {
	in := "agency.yaml:3: a\x1b[2J\nagency.yaml:4: \u202eb\tc"
	want := "agency.yaml:3: a\\x1b[2J\nagency.yaml:4: \\u202eb\tc"
	if got := Lines(in); got != want {
		t.Fatalf("Lines = %q, want %q", got, want)
	}
	if got := Lines("one \x07 line"); got != `one \a line` {
		t.Fatalf("one line: %q", got)
	}
}

// JSON through JSONWriter decodes to the same values, and carries no raw
// C1 or bidi control, whatever the write boundaries.
func TestJSONWriter(t *testing.T) {
	v := map[string]string{"record": "v=spf1 \u009b31m \u202eevil\x7f ショップ \x1b[2J ~all"}
	var want bytes.Buffer
	if err := json.NewEncoder(&want).Encode(v); err != nil {
		t.Fatal(err)
	}
	for step := 1; step <= want.Len(); step++ {
		var out bytes.Buffer
		w := JSONWriter(&out)
		b := want.Bytes()
		for i := 0; i < len(b); i += step {
			end := min(i+step, len(b))
			if n, err := w.Write(b[i:end]); err != nil || n != end-i {
				t.Fatalf("write: %d %v", n, err)
			}
		}
		s := out.String()
		if strings.ContainsAny(s, "\u009b\u202e\x7f\x1b") {
			t.Fatalf("step %d: raw control in %q", step, s)
		}
		var got map[string]string
		if err := json.Unmarshal(out.Bytes(), &got); err != nil || got["record"] != v["record"] {
			t.Fatalf("step %d: %q decodes to %q, %v", step, s, got["record"], err)
		}
		if !strings.Contains(s, "ショップ") {
			t.Fatalf("step %d: printable text escaped: %q", step, s)
		}
	}
}
