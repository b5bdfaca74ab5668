package cli

import (
	"os"
	"strings"
	"testing"
)

// The shop owners' section of both READMEs shows doctor's real Japanese
// output for its command, byte for byte.
func TestReadmeDoctorSample(t *testing.T) {
	const cmd = "spfpatch --lang ja doctor --zone-dir examples/zones info@shop.example\n```\n\n```\n"
	for _, file := range []string{"../README.md", "../README.ja.md"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		i := strings.Index(s, cmd)
		if i < 0 {
			t.Fatalf("%s lost the doctor sample", file)
		}
		want := s[i+len(cmd):]
		want = want[:strings.Index(want, "```")]
		out, errOut, code := runCLI(t, "--lang", "ja", "doctor", "--zone-dir", "../examples/zones", "info@shop.example")
		out = strings.ReplaceAll(out, "../examples/zones", "examples/zones")
		if code != exitOK || out != want {
			t.Fatalf("%s: exit %d, output:\n%s%s\nREADME shows:\n%s", file, code, out, errOut, want)
		}
	}
}
