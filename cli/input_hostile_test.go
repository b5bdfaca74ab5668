package cli

// Issue 11 item 2 outside doctor: what plan, apply, check and rollback
// print from DNS and from files never carries a terminal control to the
// terminal, and the commands they suggest, built from hostile names and
// file paths, run in a real sh as exactly the words they stand for.

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// hostileZone holds, from DNS, what a hostile zone can put in front of
// spfpatch: an explanation (exp=) with terminal escapes, a C1 control and a
// bidi override; an SPF record with an escape inside; a CNAME whose target
// is a shell command with an escape.
const hostileZone = `$ORIGIN hostile.example.
$TTL 3600
@      IN SOA   ns1 hostmaster ( 1 3600 600 604800 300 )
@      IN NS    ns1
ns1    IN A     192.0.2.53
@      IN TXT   "v=spf1 ip4:192.0.2.1 exp=why.hostile.example -all"
@      IN TXT   "x\027]0;PWNED\007\027[2J\194\155\&31m\226\128\174kept"
why    IN TXT   "denied \027]0;PWNED\007 \027[2J \194\155\&31m \226\128\174 evil"
bad    IN TXT   "v=spf1 ip4:192.0.2.1 \027[2J\226\128\174 -all"
alias  IN CNAME x\027[2J\$\(touch\032y\).example.
`

// rawControls are bytes and characters that must never reach output raw:
// ESC, BEL, the C1 CSI (U+009B) and the bidi override U+202E.
var rawControls = []string{"\x1b", "\x07", "\u009b", "\u202e"}

func noRawControls(t *testing.T, what, s string) {
	t.Helper()
	for _, c := range rawControls {
		if strings.Contains(s, c) {
			t.Errorf("%s carries %q raw:\n%q", what, c, s)
		}
	}
}

// hostileDirs makes a zone directory and a state directory whose names a
// shell would run (command substitution, back quotes, quotes and ;), with
// the example zones and hostile.example in the zone directory.
func hostileDirs(t *testing.T, marker string) (zones, state string) {
	t.Helper()
	base := t.TempDir()
	m := filepath.Base(marker) // relative: sh runs in the marker's directory
	evil := " $(touch " + m + ") `touch " + m + "` ';touch " + m + ";' \"$HOME\" *"
	zones = filepath.Join(base, "zones"+evil)
	state = filepath.Join(base, "state"+evil)
	if err := os.Mkdir(zones, 0o755); err != nil {
		t.Fatal(err)
	}
	src := zoneCopy(t)
	ents, _ := os.ReadDir(src)
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(zones, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(zones, "hostile.example.zone"), []byte(hostileZone), 0o644); err != nil {
		t.Fatal(err)
	}
	return zones, state
}

// suggested returns the command line after "spfpatch " on the output line
// that holds "spfpatch "+verb (the rest of that line).
func suggested(t *testing.T, out, verb string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if i := strings.Index(l, "spfpatch "+verb+" "); i >= 0 {
			return strings.TrimSpace(l[i+len("spfpatch "):])
		}
	}
	t.Fatalf("no suggested spfpatch %s command in:\n%s", verb, out)
	return ""
}

// runInSh runs "spfpatch ARGS" in a real sh, where spfpatch is a script
// that writes its arguments, and returns them. It fails the test if the
// marker file exists afterwards (something ran).
func runInSh(t *testing.T, args, marker string) []string {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	bin := t.TempDir()
	script := "#!/bin/sh\nfor a do printf '%s\\0' \"$a\"; done > \"$ARGV_FILE\"\n"
	if err := os.WriteFile(filepath.Join(bin, "spfpatch"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	argvFile := filepath.Join(t.TempDir(), "argv")
	cmd := exec.Command(sh, "-c", "spfpatch "+args)
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "ARGV_FILE="+argvFile)
	cmd.Dir = filepath.Dir(marker)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sh -c %q: %v\n%s", "spfpatch "+args, err, out)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatalf("running the suggested command %q ran a command from a name", args)
	}
	b, err := os.ReadFile(argvFile)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
}

func TestHostileNamesOutputAndSuggestedCommands(t *testing.T) {
	rdnsEnv(t)
	t.Setenv("SPFPATCH_ZONE_DIR", "")
	marker := filepath.Join(t.TempDir(), "PWNED")
	zones, state := hostileDirs(t, marker)
	t.Setenv("XDG_STATE_HOME", state)
	common := []string{"--provider", "zonefile", "--zone-dir", zones, "--nameserver", "127.0.0.1:1"}
	with := func(cmd string, args ...string) []string {
		return append(append([]string{cmd}, common...), append([]string{"--dns-timeout", "300ms"}, args...)...)
	}

	// check: the record and the explanation come from DNS.
	out, errOut, _ := runCLI(t, "check", "--zone-dir", zones, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms",
		"--ip", "198.51.100.7", "hostile.example")
	noRawControls(t, "check --ip", out+errOut)
	out, errOut, _ = runCLI(t, "check", "--zone-dir", zones, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms", "bad.hostile.example")
	noRawControls(t, "check of a record with an escape", out+errOut)
	out, errOut, _ = runCLI(t, "check", "--zone-dir", zones, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms", "--format", "json",
		"--ip", "198.51.100.7", "hostile.example")
	noRawControls(t, "check JSON", out+errOut)

	// plan: refusals that quote what DNS holds, in text and JSON.
	out, errOut, _ = runCLI(t, with("plan", "bad.hostile.example", "alias.hostile.example")...)
	noRawControls(t, "plan", out+errOut)
	mustNotContain(t, "plan of a CNAME to a non-name", out, "run spfpatch on")
	out, errOut, _ = runCLI(t, with("plan", "--format", "json", "bad.hostile.example", "alias.hostile.example")...)
	noRawControls(t, "plan JSON", out+errOut)

	// plan --out: the command to apply exactly this plan.
	planFile := filepath.Join(state, "plan $(touch PWNED) 'x'.json")
	if err := os.MkdirAll(state, 0o700); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, with("plan", "--out", planFile, "hostile.example")...)
	if code != 0 {
		t.Fatalf("plan --out: exit %d\n%s\n%s", code, out, errOut)
	}
	noRawControls(t, "plan --out", out+errOut)
	argv := runInSh(t, suggested(t, errOut, "apply"), marker)
	want := append(append([]string{"apply"}, common...), "--plan", planFile)
	if !slices.Equal(argv, want) {
		t.Fatalf("the suggested apply runs as\n%q\nwant\n%q", argv, want)
	}
	// It works as printed.
	out, errOut, code = runCLI(t, argv...)
	if code != 0 || !strings.Contains(out, "include:e-shopsmail2.com") {
		t.Fatalf("the printed apply: exit %d\n%s\n%s", code, out, errOut)
	}
	noRawControls(t, "apply", out+errOut)

	// The undo command names the journal, under the hostile state directory.
	undo := suggested(t, out, "rollback")
	argv = runInSh(t, undo, marker)
	if len(argv) != len(common)+2 || argv[0] != "rollback" || !slices.Equal(argv[1:len(argv)-1], common) ||
		!strings.HasPrefix(argv[len(argv)-1], filepath.Join(state, "spfpatch")+string(filepath.Separator)) {
		t.Fatalf("the suggested rollback runs as %q", argv)
	}
	out, errOut, code = runCLI(t, append([]string{"rollback", "--auto-approve"}, argv[1:]...)...)
	if code != 0 {
		t.Fatalf("the printed rollback: exit %d\n%s\n%s", code, out, errOut)
	}
	noRawControls(t, "rollback", out+errOut)
	zf, _ := os.ReadFile(filepath.Join(zones, "hostile.example.zone"))
	if strings.Contains(string(zf), "e-shopsmail2.com") {
		t.Fatalf("rollback left the include:\n%s", zf)
	}

	// check's next step for a name without SPF: plan --create with this
	// run's DNS flags.
	out, _, _ = runCLI(t, "check", "--zone-dir", zones, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms", "nospf.example")
	argv = runInSh(t, suggested(t, out, "plan"), marker)
	want = []string{"plan", "--create", "--provider", "manual", "--zone-dir", zones, "--nameserver", "127.0.0.1:1", "nospf.example"}
	if !slices.Equal(argv, want) {
		t.Fatalf("check's suggested plan runs as\n%q\nwant\n%q", argv, want)
	}

	// A file name with terminal escapes in it: shown escaped, and the
	// command quoted so that running it runs nothing.
	escFile := filepath.Join(state, "p\x1b]0;PWNED\x07\x1b[2J`touch PWNED`.json")
	out, errOut, code = runCLI(t, with("plan", "--out", escFile, "hostile.example")...)
	if code != 0 {
		t.Fatalf("plan --out: exit %d\n%s\n%s", code, out, errOut)
	}
	noRawControls(t, "plan --out with escapes in the file name", out+errOut)
	runInSh(t, suggested(t, errOut, "apply"), marker)
}
