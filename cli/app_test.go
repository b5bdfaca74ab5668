package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command line in-process and returns stdout, stderr and the exit code.
func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"spfpatch"}, args...), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestEditCommand(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		stdout  string
		stderr  string // substring
		code    int
		envIncl string
	}{
		{"help-centre example", []string{"edit", "v=spf1 +ip4:192.0.2.0/24 ~all"}, "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all\n", "", 0, ""},
		{"already patched", []string{"edit", "v=spf1 include:e-shopsmail2.com -all"}, "v=spf1 include:e-shopsmail2.com -all\n", "", 0, ""},
		{"several includes in order", []string{"edit", "--include", "a.example", "--include", "b.example", "v=spf1 mx -all"}, "v=spf1 mx include:a.example include:b.example -all\n", "", 0, ""},
		{"include from env", []string{"edit", "v=spf1 -all"}, "v=spf1 include:env.example -all\n", "", 0, "env.example"},
		{"remove only does not add the default", []string{"edit", "--remove-include", "old.example", "v=spf1 include:old.example -all"}, "v=spf1 -all\n", "", 0, ""},
		{"replace", []string{"edit", "--remove-include", "old.example", "--include", "e-shopsmail2.com", "v=spf1 include:old.example -all"}, "v=spf1 include:e-shopsmail2.com -all\n", "", 0, ""},
		{"create", []string{"edit", "--create"}, "v=spf1 include:e-shopsmail2.com ~all\n", "", 0, ""},
		{"IDN include", []string{"edit", "--include", "例え.jp", "v=spf1 -all"}, "v=spf1 include:xn--r8jz45g.jp -all\n", "", 0, ""},
		{"warnings on stderr", []string{"edit", "v=spf1 ptr +all"}, "v=spf1 ptr include:e-shopsmail2.com +all\n", "warning:", 0, ""},
		{"syntax error names the term", []string{"edit", "v=spf1 ip4:300.1.1.1 ~all"}, "", `"ip4:300.1.1.1"`, 1, ""},
		{"not spf", []string{"edit", "google-site-verification=x"}, "", "v=spf1", 1, ""},
		{"missing record", []string{"edit"}, "", "spfpatch edit 'v=spf1", 1, ""},
		{"bad include", []string{"edit", "--include", "localhost", "v=spf1 -all"}, "", "localhost", 1, ""},
		{"bad format", []string{"edit", "--format", "yaml", "v=spf1 -all"}, "", "text or json", 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SPFPATCH_INCLUDE", tc.envIncl)
			out, errOut, code := runCLI(t, tc.args...)
			if out != tc.stdout || code != tc.code || !strings.Contains(errOut, tc.stderr) {
				t.Fatalf("stdout %q, stderr %q, code %d\nwant stdout %q, stderr containing %q, code %d", out, errOut, code, tc.stdout, tc.stderr, tc.code)
			}
		})
	}
}

func TestEditJSON(t *testing.T) {
	type result struct {
		Before   *string          `json:"before"`
		After    *string          `json:"after"`
		Changed  bool             `json:"changed"`
		Warnings []map[string]any `json:"warnings"`
		Error    *string          `json:"error"`
	}
	out, _, code := runCLI(t, "edit", "--format", "json", "v=spf1 ?all")
	var r result
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 {
		t.Fatalf("%v %d %q", err, code, out)
	}
	if *r.Before != "v=spf1 ?all" || *r.After != "v=spf1 include:e-shopsmail2.com ?all" || !r.Changed || r.Error != nil ||
		len(r.Warnings) != 1 || r.Warnings[0]["code"] != "all-neutral" {
		t.Fatalf("unexpected %+v", r)
	}
	out, _, code = runCLI(t, "edit", "--format", "json", "v=spf1 include:e-shopsmail2.com -all")
	r = result{}
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 || r.Changed || r.Warnings == nil {
		t.Fatalf("no-op: %v %d %q", err, code, out)
	}
	out, _, code = runCLI(t, "edit", "--format", "json", "v=spf1 include: -all")
	r = result{}
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 1 || r.Error == nil || r.After != nil || !strings.Contains(*r.Error, "include:") {
		t.Fatalf("error: %v %d %q", err, code, out)
	}
}

// runWithInput is runCLI with text on standard input.
func runWithInput(t *testing.T, input string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"spfpatch"}, args...), strings.NewReader(input), &out, &errb)
	return out.String(), errb.String(), code
}

func TestCompletionAndMan(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"completion", "bash"}, []string{"complete -o bashdefault", "--generate-bash-completion"}},
		{[]string{"completion", "zsh"}, []string{"#compdef spfpatch", "--generate-bash-completion"}},
		{[]string{"completion", "fish"}, []string{"complete -c spfpatch", "plan", "rollback"}},
		{[]string{"man"}, []string{".TH spfpatch 1", "plan", "--detailed-exitcode", "--auto-approve"}},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, errOut, code := runCLI(t, tc.args...)
			for _, w := range tc.want {
				if code != 0 || !strings.Contains(out, w) {
					t.Fatalf("code %d, output lacks %q:\n%s\n%s", code, w, out, errOut)
				}
			}
		})
	}
	if _, errOut, code := runCLI(t, "completion", "tcsh"); code != exitError || !strings.Contains(errOut, "bash, zsh or fish") {
		t.Fatalf("%d %s", code, errOut)
	}
}

// Completion candidates come from urfave/cli, which reads os.Args: test
// them on the built binary, as a shell would run it.
func TestCompletionCandidates(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "spfpatch")
	if out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--generate-bash-completion"}, []string{"plan\n", "apply\n", "doctor\n", "rollback\n"}},
		{[]string{"apply", "--auto", "--generate-bash-completion"}, []string{"--auto-approve"}},
		{[]string{"plan", "--prov", "--generate-bash-completion"}, []string{"--provider"}},
		{[]string{"plan", "--provider", "--generate-bash-completion"}, []string{"cloudflare\n", "zonefile\n", "manual\n"}},
		{[]string{"rollback", "--format", "--generate-bash-completion"}, []string{"text\njson\n"}},
		{[]string{"providers", "--format", "--generate-bash-completion"}, []string{"markdown\n"}},
		{[]string{"completion", "--generate-bash-completion"}, []string{"bash\nzsh\nfish\n"}},
	}
	// After a flag whose value is a path, nothing is offered (the shell
	// completes file names), not the flag itself again.
	if out, err := exec.Command(bin, "plan", "--zone-dir", "--generate-bash-completion").Output(); err != nil || len(out) != 0 {
		t.Fatalf("--zone-dir: %v %q", err, out)
	}
	for _, tc := range tests {
		out, err := exec.Command(bin, tc.args...).Output()
		for _, w := range tc.want {
			if err != nil || !strings.Contains(string(out), w) {
				t.Fatalf("%v: %v, output lacks %q:\n%s", tc.args, err, w, out)
			}
		}
	}
}

// Tests expect English unless they choose a language themselves: a
// developer's or CI's Japanese locale must not change their results.
func TestMain(m *testing.M) {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		os.Unsetenv(v)
	}
	os.Exit(m.Run())
}
