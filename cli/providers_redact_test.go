package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// A password is looked for in a URL's authority only: an @ in the path is
// not one; a URL that does not parse is read the careful way, so that no
// password is ever shown.
func TestRedactURLAuthorityOnly(t *testing.T) {
	for in, want := range map[string]string{
		"https://h:8081/p@x":                "",
		"https://h:8081/api/v1?x=a:b@c":     "",
		"https://user@h/p@x":                "",
		"https://user:pw@h:8081/p@x":        "https://user:xxxxx@h:8081/p@x",
		"http://u:p@ss@127.0.0.1:8081/":     "http://u:xxxxx@127.0.0.1:8081/",
		"http://u:pa ss@127.0.0.1:8081/a@b": "http://u:xxxxx@b", // does not parse: careful, up to the last @
		"http://u:pa/ss@127.0.0.1:8081":     "http://u:xxxxx@127.0.0.1:8081",
		"http://127.0.0.1:8081":             "",
	} {
		got, secret := redactURL(in)
		switch {
		case want == "" && (secret || got != in):
			t.Errorf("redactURL(%q) = %q, %v: no password there", in, got, secret)
		case want != "" && (!secret || got != want):
			t.Errorf("redactURL(%q) = %q, %v, want %q", in, got, secret, want)
		}
	}
}

// A --powerdns-url flag with a password is shown as user:xxxxx@ in a
// suggested command, which cannot work as printed: a note (once a run, in
// the run's language) says to set SPFPATCH_POWERDNS_URL instead. From the
// environment, the flag is left out and nothing needs saying.
func TestURLPasswordHint(t *testing.T) {
	run := func(args ...string) (flags, stderr string) {
		var errOut bytes.Buffer
		app := &cli.App{
			Name: "spfpatch", Writer: &bytes.Buffer{}, ErrWriter: &errOut,
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "provider"},
				&cli.StringFlag{Name: "powerdns-url", EnvVars: []string{"SPFPATCH_POWERDNS_URL"}},
			},
			Action: func(c *cli.Context) error {
				flags = runFlags(c)
				_ = runFlags(c) // a second suggested command: no second note
				return nil
			},
		}
		if err := app.Run(append([]string{"spfpatch"}, args...)); err != nil {
			t.Fatal(err)
		}
		return flags, errOut.String()
	}
	t.Setenv("SPFPATCH_POWERDNS_URL", "")
	flags, note := run("--provider", "powerdns", "--powerdns-url", "https://admin:pw-9x@pdns.example/")
	if !strings.Contains(flags, "--powerdns-url https://admin:xxxxx@pdns.example/") || strings.Contains(flags+note, "pw-9x") {
		t.Fatalf("flags %q", flags)
	}
	if strings.Count(note, "SPFPATCH_POWERDNS_URL") != 1 || !strings.Contains(note, "xxxxx") {
		t.Fatalf("note %q", note)
	}
	t.Setenv("SPFPATCH_POWERDNS_URL", "https://admin:pw-9x@pdns.example/")
	if flags, note := run("--provider", "powerdns"); strings.Contains(flags, "powerdns-url") || note != "" {
		t.Fatalf("from the environment: flags %q, note %q", flags, note)
	}
	t.Setenv("SPFPATCH_POWERDNS_URL", "")
	if _, note := run("--provider", "powerdns", "--powerdns-url", "https://pdns.example/p@x"); note != "" {
		t.Fatalf("no password, yet %q", note)
	}
	tr = i18n.Printer{Lang: i18n.JA}
	t.Cleanup(func() { tr = i18n.Printer{Lang: i18n.EN} })
	if _, note := run("--provider", "powerdns", "--powerdns-url", "https://admin:pw-9x@pdns.example/"); !strings.Contains(note, "環境変数 SPFPATCH_POWERDNS_URL") {
		t.Fatalf("ja note %q", note)
	}
}
