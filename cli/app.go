// Package cli holds spfpatch's commands: one file per command (plan, apply,
// check, doctor, edit, rollback, providers, completion, man), each turning
// its flags into calls of plan/, doctor/, spfcheck/ and providers/. main.go
// only calls Run.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
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

// Version is the program's version, printed by --version; main sets it from
// the value stamped at build time (-ldflags "-X main.version=...").
var Version = "dev"

// tr renders user-facing text in the language of this run (--lang, else
// LC_ALL, LC_MESSAGES, LANG). run sets it before the app is built, so help
// text is translated too.
var tr = i18n.Printer{Lang: i18n.EN}

// langFromArgs finds --lang anywhere on the command line (before a "--"):
// before the command, as the global flag it is, or after it, where people
// naturally write it (spfpatch doctor --lang ja ...). It returns the last
// value given and the arguments with every --lang moved to the front, so
// that urfave/cli, which knows it only as a global flag, accepts it. The
// value is read by i18n.ParseLang: ja, jp, ja_JP.UTF-8, en ...
func langFromArgs(args []string) (string, []string) {
	if len(args) == 0 {
		return "", args
	}
	lang, found := "", false
	rest := []string{args[0]}
	for i := 1; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			rest = append(rest, args[i:]...)
			i = len(args)
		case a == "--lang" || a == "-lang":
			if i+1 < len(args) {
				lang, found = args[i+1], true
				i++
			} else {
				rest = append(rest, a) // a usage error: --lang needs a value
			}
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
			_, lang, _ = strings.Cut(a, "=")
			found = true
		default:
			rest = append(rest, a)
		}
	}
	if !found {
		return "", args
	}
	out := append([]string{args[0], "--lang", lang}, rest[1:]...)
	return lang, out
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	// urfave/cli's built-in --help and --version flags are package globals:
	// give them this run's language (run sets tr before building the app).
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: tr.T("app.flag.help"), DisableDefaultText: true}
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: tr.T("app.flag.version"), DisableDefaultText: true}
	cli.FlagStringer = helpFlagLine
	cli.VersionPrinter = func(c *cli.Context) {
		fmt.Fprintln(c.App.Writer, tr.T("app.version", c.App.Name, c.App.Version))
	}
	app := &cli.App{
		Name:        "spfpatch",
		Usage:       tr.T("app.usage"),
		Version:     Version,
		Description: tr.T("app.description", defaultInclude),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: tr.T("app.flag.lang")},
		},
		Reader:                stdin,
		Writer:                stdout,
		ErrWriter:             stderr,
		EnableBashCompletion:  true,
		HideHelpCommand:       true,
		CustomAppHelpTemplate: appHelpTemplate(),
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
		// With no command, the help; an unknown command is a usage error
		// (exit 1), in this run's language.
		Action:         appAction,
		OnUsageError:   usageError(nil),
		ExitErrHandler: func(c *cli.Context, err error) {},
	}
	for _, cmd := range app.Commands {
		localizeCommand(cmd)
	}
	return app
}

// The help templates of urfave/cli, taken before anything changes them; the
// headings and the usage line's words are put in this run's language.
var (
	enAppHelpTemplate        = cli.AppHelpTemplate
	enCommandHelpTemplate    = cli.CommandHelpTemplate
	enSubcommandHelpTemplate = cli.SubcommandHelpTemplate
)

// usageLineTemplate is urfave/cli's (unexported) usageTemplate, spelled out so
// that its words can be translated.
const usageLineTemplate = `{{if .UsageText}}{{wrap .UsageText 3}}{{else}}{{.HelpName}}{{if .VisibleFlags}} [command options]{{end}}{{if .ArgsUsage}} {{.ArgsUsage}}{{else}}{{if .Args}} [arguments...]{{end}}{{end}}{{end}}`

func helpWords() *strings.Replacer {
	return strings.NewReplacer(
		"NAME:", tr.T("help.name"),
		"USAGE:", tr.T("help.usage"),
		"VERSION:", tr.T("help.version"),
		"DESCRIPTION:", tr.T("help.description"),
		"CATEGORY:", tr.T("help.category"),
		"COMMANDS:", tr.T("help.commands"),
		"GLOBAL OPTIONS:", tr.T("help.global-options"),
		"OPTIONS:", tr.T("help.options"),
		"[global options]", tr.T("help.usage.global-options"),
		" command [command options]", tr.T("help.usage.command"),
		"[command options]", tr.T("help.usage.options"),
		"[arguments...]", tr.T("help.usage.arguments"),
	)
}

func appHelpTemplate() string { return helpWords().Replace(enAppHelpTemplate) }

func commandHelpTemplate(subcommands bool) string {
	t := enCommandHelpTemplate
	if subcommands {
		t = enSubcommandHelpTemplate
	}
	t = strings.ReplaceAll(t, `{{template "usageTemplate" .}}`, usageLineTemplate)
	return helpWords().Replace(t)
}

// localizeCommand gives a command (and its subcommands) the translated help
// template and usage errors.
func localizeCommand(cmd *cli.Command) {
	if cmd.CustomHelpTemplate == "" {
		cmd.CustomHelpTemplate = commandHelpTemplate(len(cmd.Subcommands) > 0)
	}
	if cmd.OnUsageError == nil {
		cmd.OnUsageError = usageError(cmd)
	}
	if cmd.BashComplete == nil {
		cmd.BashComplete = completeCommand(cmd)
	}
	if cmd.Before == nil {
		cmd.Before = checkInputFlags
	}
	plainDefaults(cmd.Flags) // helpdefaults.go
	for _, sub := range cmd.Subcommands {
		localizeCommand(sub)
	}
}

// helpFlagLine is urfave/cli's flag line in help (its stringifyFlag), with
// the default placeholder and "(default: ...)" in this run's language.
func helpFlagLine(f cli.Flag) string {
	df, ok := f.(cli.DocGenerationFlag)
	if !ok {
		return ""
	}
	placeholder, usage := unquoteUsage(df.GetUsage())
	if df.TakesValue() && placeholder == "" {
		placeholder = tr.T("help.flag.value")
	}
	if bf, ok := f.(*cli.BoolFlag); !ok || !bf.DisableDefaultText {
		s := df.GetDefaultText()
		if d, ok := f.(*cli.DurationFlag); ok && d.Value > 0 {
			s = tr.Duration(d.Value) // not 1h0m0s in Japanese help
		}
		// In Japanese, no "(既定値: false)" or "(既定値: 0s)": an option
		// that is off or has no time unless given says nothing.
		if tr.Lang == i18n.JA {
			if b, ok := f.(*cli.BoolFlag); ok && !b.Value {
				s = ""
			}
			if d, ok := f.(*cli.DurationFlag); ok && d.Value == 0 {
				s = ""
			}
		}
		if s != "" {
			usage += tr.T("help.flag.default", s)
		}
	}
	var names []string
	for _, n := range df.Names() {
		if n == "" {
			continue
		}
		dash := "--"
		if len(n) == 1 {
			dash = "-"
		}
		if placeholder != "" {
			n += " " + placeholder
		}
		names = append(names, dash+n)
	}
	pn := strings.Join(names, ", ")
	if sf, ok := f.(cli.DocGenerationSliceFlag); ok && sf.IsSliceFlag() {
		pn += " [ " + pn + " ]"
	}
	return cli.FlagEnvHinter(df.GetEnvVars(), pn+"\t"+strings.TrimSpace(usage))
}

// unquoteUsage returns the first `quoted` word of a usage (the flag's
// placeholder) and the usage without the back quotes.
func unquoteUsage(usage string) (string, string) {
	i := strings.IndexByte(usage, '`')
	if i < 0 {
		return "", usage
	}
	j := strings.IndexByte(usage[i+1:], '`')
	if j < 0 {
		return "", usage
	}
	name := usage[i+1 : i+1+j]
	return name, usage[:i] + name + usage[i+2+j:]
}

// appAction runs when no command is named: the help, or a usage error for
// an unknown command. `spfpatch help [COMMAND]` shows the help too.
func appAction(c *cli.Context) error {
	args := c.Args()
	if !args.Present() {
		return cli.ShowAppHelp(c)
	}
	name := args.First()
	if name == "help" || name == "h" {
		if args.Len() == 1 {
			return cli.ShowAppHelp(c)
		}
		name = args.Get(1)
		if c.App.Command(name) != nil {
			return cli.ShowCommandHelp(c, name)
		}
	}
	var names []string
	for _, cmd := range c.App.VisibleCommands() {
		names = append(names, cmd.Name)
	}
	return cli.Exit(tr.T("app.unknown-command", name, strings.Join(names, ", ")), exitError)
}

// usageError reports a flag error (an unknown flag, a missing or bad value)
// in this run's language, then the help of the command (cmd nil: the app).
func usageError(cmd *cli.Command) cli.OnUsageErrorFunc {
	return func(c *cli.Context, err error, _ bool) error {
		msg := usageErrorText(err)
		fmt.Fprintf(c.App.Writer, "%s\n\n", tr.T("app.usage-error", msg))
		if cmd == nil {
			_ = cli.ShowAppHelp(c)
		} else {
			cli.HelpPrinter(c.App.Writer, cmd.CustomHelpTemplate, cmd)
		}
		return errors.New(msg)
	}
}

// flagErrors are the errors of Go's flag package that urfave/cli passes on.
var flagErrors = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^flag provided but not defined: -+(\S+)$`), "app.flag.undefined"},
	{regexp.MustCompile(`^flag needs an argument: -+(\S+)$`), "app.flag.needs-value"},
	{regexp.MustCompile(`^invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?-+(\S+?):`), "app.flag.invalid"},
}

func usageErrorText(err error) string {
	s := err.Error()
	for _, fe := range flagErrors {
		m := fe.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		name := m[len(m)-1]
		if len(name) > 1 {
			name = "--" + name
		} else {
			name = "-" + name
		}
		if len(m) == 3 {
			return tr.T(fe.key, m[1], name)
		}
		return tr.T(fe.key, name)
	}
	return s
}

// Run executes the command line (args[0] is the program name) and returns
// the process exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(args, stdin, stdout, stderr)
}

// run executes the CLI and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	lang, args := langFromArgs(args)
	tr = i18n.Printer{Lang: i18n.Detect(lang, os.Getenv)}
	if _, known := i18n.ParseLang(lang); lang != "" && !known {
		// Not silently English: say which languages there are.
		fmt.Fprintln(stderr, tr.T("app.lang.unknown", termsafe.Line(lang)))
	}
	app := newApp(stdin, stdout, stderr)
	args = expandWait(args)
	// Ctrl-C, SIGTERM and SIGHUP (a dropped SSH session) stop starting new
	// work; what is in flight finishes, and the journal says which names
	// were written. A second signal kills.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
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
			fmt.Fprintln(stderr, tr.T("app.error", termsafe.Lines(msg)))
		}
		return ec.ExitCode()
	}
	fmt.Fprintln(stderr, tr.T("app.error", termsafe.Lines(err.Error())))
	return exitError
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
