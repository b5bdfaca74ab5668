package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// On a terminal the bar shows the label, the count, the rate and the time
// left, and is gone at the end; elsewhere nothing is drawn.
func TestProgress(t *testing.T) {
	old := isTerminal
	t.Cleanup(func() { isTerminal = old })

	isTerminal = func(any) bool { return false }
	var none bytes.Buffer
	p := newProgress(&none, 5, "planning")
	p.step()
	p.finish()
	if none.Len() != 0 {
		t.Fatalf("drew on a non-terminal: %q", none.String())
	}

	isTerminal = func(any) bool { return true }
	var b bytes.Buffer
	p = newProgress(&b, 3, "planning")
	p.step()
	got := b.String()
	for _, w := range []string{"planning", "1/3", "domains/s", "]"} {
		if !strings.Contains(got, w) {
			t.Errorf("bar lacks %q: %q", w, got)
		}
	}
	p.clear()
	p.step()
	p.step()
	p.finish()
	if !strings.HasSuffix(b.String(), "\r") && !strings.HasSuffix(b.String(), "\x1b[K") && !strings.HasSuffix(b.String(), "\r\x1b[K") {
		t.Errorf("bar not cleared at the end: %q", b.String()[max(0, b.Len()-40):])
	}

	var one bytes.Buffer
	p = newProgress(&one, 1, "planning")
	p.step()
	p.finish()
	if one.Len() != 0 {
		t.Fatalf("drew for a single domain: %q", one.String())
	}
}

// check over many domains shows its progress on a terminal's stderr (the
// results go to a file): the count of the --domains-file's targets.
func TestCheckProgress(t *testing.T) {
	file := filepath.Join(t.TempDir(), "domains.txt")
	var lines []string
	for i := range 12 {
		lines = append(lines, fmt.Sprintf("d%d.shop.example", i))
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n# a comment\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	old := isTerminal
	t.Cleanup(func() { isTerminal = old })
	isTerminal = func(f any) bool { return f == any(&errb) }
	code := run([]string{"spfpatch", "check", "--zone-dir", "../examples/zones", "--nameserver", "127.0.0.1:1", "--dns-timeout", "100ms",
		"--format", "json", "--domains-file", file}, strings.NewReader(""), &out, &errb)
	if n := strings.Count(out.String(), "\n"); n != 12 {
		t.Fatalf("exit %d, %d results:\n%s", code, n, out.String())
	}
	if !strings.Contains(errb.String(), "checking") || !strings.Contains(errb.String(), "/12") {
		t.Fatalf("no progress of 12 on stderr: %q", errb.String())
	}
}

// Lines printed while a bar is shown (apply --wait's rounds) go above it:
// the bar is removed, the line written, the bar drawn again.
func TestProgressAbove(t *testing.T) {
	old := isTerminal
	t.Cleanup(func() { isTerminal = old })
	isTerminal = func(any) bool { return true }
	var b bytes.Buffer
	p := newProgress(&b, 3, "waiting")
	p.redraw()
	fmt.Fprintln(above{&b, p}, "shop.example: 1 of 2 nameservers serve the new record")
	s := b.String()
	i := strings.Index(s, "shop.example: 1 of 2")
	if i < 0 || !strings.Contains(s[:i], "0/3") || !strings.Contains(s[i:], "0/3") {
		t.Fatalf("bar not drawn before and after the line: %q", s)
	}
	p.step()
	p.finish()
}
