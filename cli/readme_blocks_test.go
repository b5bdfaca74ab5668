package cli

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// A block of a README, as the reader sees it.
type readmeBlock struct {
	line     int    // line of the opening fence, from 1
	lang     string // the fence's info string: sh, console, text, yaml...
	body     string
	skip     string // <!-- readme-test: skip REASON --> before it
	exit     int    // <!-- readme-test: exit N --> before it (sh blocks)
	output   *readmeBlock
	isOutput bool
}

var readmeDirective = regexp.MustCompile(`^<!-- readme-test: (skip|exit) (.+?) -->$`)

// readmeBlocks returns the fenced blocks of a README. A ```text block right
// after a ```sh block (nothing but blank lines between) is that block's
// output.
func readmeBlocks(t *testing.T, s string) []*readmeBlock {
	t.Helper()
	var (
		out      []*readmeBlock
		cur      *readmeBlock
		body     []string
		skip     string
		exit     int
		sinceEnd = -1 // non-blank lines since the last block ended
	)
	for i, line := range strings.Split(s, "\n") {
		if cur != nil {
			if strings.HasPrefix(line, "```") {
				cur.body = strings.Join(body, "\n")
				if len(body) > 0 {
					cur.body += "\n"
				}
				if n := len(out); cur.lang == "text" && n > 0 && out[n-1].lang == "sh" && out[n-1].output == nil && sinceEnd == 0 {
					out[n-1].output, cur.isOutput = cur, true
				}
				out = append(out, cur)
				cur, body, sinceEnd = nil, nil, 0
				continue
			}
			body = append(body, line)
			continue
		}
		if strings.HasPrefix(line, "```") {
			cur = &readmeBlock{line: i + 1, lang: strings.TrimSpace(strings.TrimPrefix(line, "```")), skip: skip, exit: exit}
			skip, exit = "", 0
			continue
		}
		if m := readmeDirective.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			if m[1] == "skip" {
				skip = m[2]
			} else {
				n, err := strconv.Atoi(m[2])
				if err != nil {
					t.Fatalf("line %d: bad exit directive %q", i+1, line)
				}
				exit = n
			}
			continue
		}
		if strings.TrimSpace(line) != "" && sinceEnd >= 0 {
			sinceEnd++
		}
	}
	if cur != nil {
		t.Fatalf("line %d: code block never closed", cur.line)
	}
	return out
}

// readmeMatch compares output with what the README shows; "…" in the
// README stands for any text within one line (a temporary path, a time).
func readmeMatch(want, got string) bool {
	if !strings.Contains(want, "…") {
		return want == got
	}
	parts := strings.Split(want, "…")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile(`^` + strings.Join(parts, `[^\n]*`) + `$`).MatchString(got)
}

// copyTree copies the repository (without .git and built binaries) to dir,
// so that the README's commands run as a reader runs them in a fresh clone.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if rel == ".git" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() || rel == "spfpatch" || rel == "spfpatch.exe" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// readmeEnv is a reader's shell: English, no colour, a home of its own, no
// provider credentials; Go's caches stay where they are so that go build
// needs no network.
func readmeEnv(t *testing.T, home string) []string {
	t.Helper()
	goenv := map[string]string{}
	out, err := exec.Command("go", "env", "GOPATH", "GOMODCACHE", "GOCACHE", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	vals := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, k := range []string{"GOPATH", "GOMODCACHE", "GOCACHE", "GOROOT"} {
		if i < len(vals) {
			goenv[k] = vals[i]
		}
	}
	env := []string{
		"HOME=" + home, "PATH=" + os.Getenv("PATH"), "NO_COLOR=1", "TERM=dumb",
		"GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOPROXY=off",
	}
	if v := os.Getenv("TMPDIR"); v != "" {
		env = append(env, "TMPDIR="+v)
	}
	for k, v := range goenv {
		env = append(env, k+"="+v)
	}
	return env
}

// Every command block of both READMEs runs, in order, in a fresh copy of
// the repository, and prints what the README shows:
//   - a ```sh block runs as one bash script (set -e) and must exit 0 (or
//     the N of a <!-- readme-test: exit N --> line before it); a ```text
//     block right after it is its output (stdout and stderr);
//   - in a ```console block, each "$ " line is a command and the lines up
//     to the next "$ " are its output;
//   - <!-- readme-test: skip REASON --> before a block leaves it out (the
//     test suite itself, an account the test does not have).
func TestReadmeBlocks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs every README command")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash: cannot run the README's commands")
	}
	for _, file := range []string{"README.md", "README.ja.md"} {
		t.Run(file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", file))
			if err != nil {
				t.Fatal(err)
			}
			root := t.TempDir()
			clone := filepath.Join(root, "spfpatch")
			home := filepath.Join(root, "home")
			if err := os.MkdirAll(home, 0o700); err != nil {
				t.Fatal(err)
			}
			copyTree(t, "..", clone)
			env := readmeEnv(t, home)
			runs := 0
			for _, blk := range readmeBlocks(t, string(b)) {
				if blk.isOutput || (blk.lang != "sh" && blk.lang != "console") {
					continue
				}
				where := file + ":" + strconv.Itoa(blk.line)
				if blk.skip != "" {
					t.Logf("%s: skipped: %s", where, blk.skip)
					continue
				}
				runs++
				if blk.lang == "sh" {
					out, code := runReadmeScript(t, bash, clone, env, blk.body, true)
					if code != blk.exit {
						t.Fatalf("%s: exit %d, want %d\n%s\noutput:\n%s", where, code, blk.exit, blk.body, out)
					}
					if blk.output != nil && !readmeMatch(blk.output.body, out) {
						t.Errorf("%s: output differs\ncommands:\n%s\ngot:\n%s\nREADME shows:\n%s", where, blk.body, out, blk.output.body)
					}
					continue
				}
				cmd, want := "", ""
				flush := func() {
					if cmd == "" {
						return
					}
					out, _ := runReadmeScript(t, bash, clone, env, cmd, false)
					// A blank line may separate one command's output from the
					// next "$ " line.
					want = strings.TrimRight(want, "\n") + "\n"
					if strings.TrimRight(out, "\n") == "" {
						want = strings.TrimRight(want, "\n")
					}
					if !readmeMatch(want, out) {
						t.Errorf("%s: $ %s\ngot:\n%s\nREADME shows:\n%s", where, cmd, out, want)
					}
				}
				for _, line := range strings.SplitAfter(blk.body, "\n") {
					if c, ok := strings.CutPrefix(line, "$ "); ok {
						flush()
						cmd, want = c, ""
						continue
					}
					want += line
				}
				flush()
			}
			if runs == 0 {
				t.Fatal("no command block ran")
			}
		})
	}
}

// runReadmeScript runs script with bash in dir; errexit: stop at the first
// failing command (a ```sh block), else run on as an interactive shell does
// (a ```console line).
func runReadmeScript(t *testing.T, bash, dir string, env []string, script string, errexit bool) (string, int) {
	t.Helper()
	args := []string{"-o", "pipefail", "-c", script}
	if errexit {
		args = append([]string{"-e"}, args...)
	}
	cmd := exec.Command(bash, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	return out.String(), code
}
