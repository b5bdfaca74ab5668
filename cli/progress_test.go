package cli

import (
	"bytes"
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
