package cli

import (
	"os"
	"strings"
	"testing"
)

// The shop owners' section of both READMEs shows doctor's real Japanese
// output for its command, byte for byte.
func TestReadmeDoctorSample(t *testing.T) {
	// As a shop owner runs it from the unzipped folder (or a clone): the
	// commands doctor suggests then start the same way.
	const cmd = "./spfpatch --lang ja doctor --zone-dir examples/zones info@shop.example\n```\n\n```\n"
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
		// In this test process the program is not ./spfpatch: doctor
		// says plain spfpatch (TestProgramName holds what ./spfpatch gives).
		out = strings.ReplaceAll(out, "           spfpatch apply ", "           ./spfpatch apply ")
		out = strings.ReplaceAll(out, ": spfpatch doctor ", ": ./spfpatch doctor ")
		if code != exitOK || out != want {
			t.Fatalf("%s: exit %d, output:\n%s%s\nREADME shows:\n%s", file, code, out, errOut, want)
		}
	}
}

// The download step links the releases page in both READMEs (a shop owner
// cannot guess where "the releases page" is).
func TestReadmeReleasesLink(t *testing.T) {
	for file, step := range map[string]string{"../README.md": "**1. Download.**", "../README.ja.md": "**1. ダウンロード**"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		i := strings.Index(s, step)
		if i < 0 {
			t.Fatalf("%s: no download step", file)
		}
		para := s[i:]
		para = para[:strings.Index(para, "\n\n")]
		if !strings.Contains(para, "(https://github.com/spfpatch/spfpatch/releases)") {
			t.Errorf("%s: the download step has no link to the releases page:\n%s", file, para)
		}
	}
}
