package doctor

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// cnameResolver is a fake resolver whose names are all aliases of target.
type cnameResolver struct {
	*dnstest.FakeResolver
	target string
}

func (c cnameResolver) LookupCNAME(ctx context.Context, name string) (string, bool, error) {
	if name == "www.shop.example" {
		return c.target, true, nil
	}
	return "", false, nil
}

// hostile are names and texts an attacker controlling DNS (or a pasted
// target) could hand doctor, each of which would run "touch PWNED" if
// pasted unquoted into a shell.
var hostile = []string{
	"x.example; touch PWNED", "$(touch PWNED).example", "`touch PWNED`.example", "x.example\ntouch PWNED",
	"'; touch PWNED; '.example", "x.example && touch PWNED", "x.example | touch PWNED", "\x1b]0;touch PWNED\x07.example",
	// A right-to-left override that reorders what the reader sees, and the
	// C1 control CSI (U+009B, and the raw byte 0x9b), which some terminals
	// take as ESC [.
	"x.example\u202e;touch PWNED", "\u009b2J;touch PWNED.example", "\x9b2J;touch PWNED.example",
}

// Every command doctor suggests (text and JSON), built from hostile names
// in DNS and on the command line, runs in a real sh without running
// anything else: the names are validated, then quoted (termsafe.Arg).
func TestSuggestedCommandsHostile(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh: " + err.Error())
	}
	bin := t.TempDir()
	// A stand-in spfpatch that only records its arguments.
	stub := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$SPFPATCH_ARGS\"\n"
	if err := os.WriteFile(filepath.Join(bin, "spfpatch"), []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, h := range hostile {
		zone := dnstest.Zone{TXT: map[string][]string{
			"e-shopsmail2.com": {"v=spf1 ip4:203.0.113.0/24 -all"},
			"shop.example":     {"v=spf1 include:" + h + " ~all", "v=spf1 " + h},
		}}
		res := cnameResolver{dnstest.NewFakeResolver(zone), h}
		for _, target := range []string{"www.shop.example", "shop.example", h, "info@" + h} {
			for _, lang := range i18n.Langs {
				r := Run(context.Background(), Config{Checker: &spfcheck.Checker{Resolver: res}, DNS: res, P: i18n.Printer{Lang: lang},
					Flags: "--zone-dir '/tmp/a b'"}, target)
				js, _ := json.Marshal(r)
				var back Report
				_ = json.Unmarshal(js, &back)
				if strings.HasSuffix(strings.TrimSpace(r.Summary), ":") {
					t.Errorf("%q: the summary ends with no command: %q", h, r.Summary)
				}
				cmds := []string{r.Again, back.Again}
				for _, c := range append(r.Checks, back.Checks...) {
					cmds = append(cmds, c.Command)
					for _, s := range []string{c.Message, c.Next, c.Value} {
						if strings.ContainsAny(s, "\x1b\x07\u202e\u009b") || !utf8.ValidString(s) {
							t.Errorf("%q: a terminal control reaches the output: %q", h, s)
						}
					}
				}
				for _, cmd := range cmds {
					if cmd == "" {
						continue
					}
					if !strings.HasPrefix(cmd, "spfpatch ") || strings.ContainsAny(cmd, "\n\x1b") {
						t.Errorf("%q: command %q", h, cmd)
						continue
					}
					dir := t.TempDir()
					args := filepath.Join(dir, "args")
					run := exec.Command(sh, "-c", cmd)
					run.Dir = dir
					run.Env = []string{"PATH=" + bin, "SPFPATCH_ARGS=" + args}
					if out, err := run.CombinedOutput(); err != nil {
						t.Errorf("%q: %q failed: %v %s", h, cmd, err, out)
					}
					if _, err := os.Stat(filepath.Join(dir, "PWNED")); err == nil {
						t.Fatalf("%q: running %q ran touch", h, cmd)
					}
					got, _ := os.ReadFile(args)
					if !strings.Contains(string(got), "/tmp/a b\n") {
						t.Errorf("%q: %q: the flags did not arrive as one word: %q", h, cmd, got)
					}
					ran++
				}
			}
		}
	}
	if ran < 10 {
		t.Fatalf("only %d commands ran", ran)
	}
}
