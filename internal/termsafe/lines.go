package termsafe

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Lines is Text for a message of several lines: each line through Text,
// the line breaks (\n) kept. For the last line of defence, where a whole
// message is printed (errors on stderr): its parts from outside were made
// safe where they were put in, and anything missed is escaped here.
func Lines(s string) string {
	if !strings.Contains(s, "\n") {
		return Text(s)
	}
	parts := strings.Split(s, "\n")
	for i, p := range parts {
		parts[i] = Text(p)
	}
	return strings.Join(parts, "\n")
}

// JSONWriter returns a writer for JSON text going to w (JSON Lines on a
// terminal): every character Text would escape is written as its JSON
// \uXXXX escape instead. encoding/json escapes C0 controls itself, but
// leaves DEL, the C1 controls (U+0080-U+009F, which terminals may take as
// escape sequences) and the bidi controls as they are. Such characters can
// only occur inside JSON strings, where the escape means the same
// character, so the document a program decodes does not change. A rune
// split between two writes is kept until the next one.
func JSONWriter(w io.Writer) io.Writer { return &jsonWriter{w: w} }

type jsonWriter struct {
	w    io.Writer
	part []byte // the start of a rune cut by the end of the last write
}

func (j *jsonWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(j.part) > 0 {
		p = append(j.part, p...)
		j.part = nil
	}
	var out []byte
	start := 0 // p[start:i] is copied unchanged
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf {
			if c == 0x7f {
				out = append(append(out, p[start:i]...), `\u007f`...)
				start = i + 1
			}
			i++
			continue
		}
		if !utf8.FullRune(p[i:]) {
			j.part = append([]byte(nil), p[i:]...)
			p = p[:i]
			break
		}
		r, size := utf8.DecodeRune(p[i:])
		if r != utf8.RuneError && unsafeRune(r) {
			out = append(append(out, p[start:i]...), fmt.Sprintf(`\u%04x`, r)...)
			start = i + size
		}
		i += size
	}
	if out == nil {
		if _, err := j.w.Write(p); err != nil {
			return 0, err
		}
		return n, nil
	}
	out = append(out, p[start:]...)
	if _, err := j.w.Write(out); err != nil {
		return 0, err
	}
	return n, nil
}
