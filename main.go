// Command spfpatch adds a mail platform's include to a shop domain's SPF
// record, safely, through the domain's DNS provider. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/i18n"
	_ "github.com/spfpatch/spfpatch/providers/all" // registers every provider
)

// Exit codes (SPEC.md): 0 success and nothing to change, 1 error, 2 success
// with changes pending (plan --detailed-exitcode).
const (
	exitOK      = 0
	exitError   = 1
	exitPending = 2
)

// defaultInclude is the platform's SPF include that the help-centre article
// asks shops to add.
const defaultInclude = "e-shopsmail2.com"

var version = "dev"

// tr renders user-facing text in the language of this run (--lang, else
// LC_ALL, LC_MESSAGES, LANG). run sets it before the app is built, so help
// text is translated too.
var tr = i18n.Printer{Lang: i18n.EN}

// langFromArgs finds a global --lang before the command name.
func langFromArgs(args []string) string {
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--lang" || a == "-lang":
			if i+1 < len(args) {
				return args[i+1]
			}
		case strings.HasPrefix(a, "--lang="):
			return strings.TrimPrefix(a, "--lang=")
		case !strings.HasPrefix(a, "-"):
			return ""
		}
	}
	return ""
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:    "spfpatch",
		Usage:   "add your mail platform's include to your domain's SPF record, safely",
		Version: version,
		Description: "Gmail rejects a shop's order mail when the shop's domain publishes an SPF record that does not\n" +
			"authorise the platform's sending servers. spfpatch adds include:" + defaultInclude + " (or the\n" +
			"includes you name) before the record's all, through your DNS provider, and nothing else.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: "message language: en or ja (default: from LC_ALL, LC_MESSAGES or LANG)"},
		},
		Reader:               stdin,
		Writer:               stdout,
		ErrWriter:            stderr,
		EnableBashCompletion: true,
		HideHelpCommand:      true,
		Commands: []*cli.Command{
			planCommand(),
			applyCommand(),
			checkCommand(),
			doctorCommand(),
			editCommand(),
			rollbackCommand(),
			providersCommand(),
			completionCommand(),
			manCommand(),
		},
		ExitErrHandler: func(c *cli.Context, err error) {},
	}
	return app
}

// run executes the CLI and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	tr = i18n.Printer{Lang: i18n.Detect(langFromArgs(args), os.Getenv)}
	app := newApp(stdin, stdout, stderr)
	args = expandWait(args)
	// Ctrl-C stops starting new work; what is in flight finishes, and the
	// journal says which names were written. A second Ctrl-C kills.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	err := app.RunContext(ctx, args)
	if err == nil {
		return exitOK
	}
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(stderr, "spfpatch:", msg)
		}
		return ec.ExitCode()
	}
	fmt.Fprintln(stderr, "spfpatch:", err)
	return exitError
}

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// expandWait lets `apply --wait` stand alone, as SPEC.md writes it
// (--wait[=2m]): urfave/cli has no optional flag values.
func expandWait(args []string) []string {
	out := append([]string(nil), args...)
	for i, a := range out {
		if a == "--" {
			break
		}
		if a == "--wait" || a == "-wait" {
			next := ""
			if i+1 < len(out) {
				next = out[i+1]
			}
			if _, err := time.ParseDuration(next); err != nil {
				out[i] = "--wait=2m"
			}
		}
	}
	return out
}
