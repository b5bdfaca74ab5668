package cli

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/plan"
)

// rollbackIgnored are the flags rollback takes only so that a script can
// pass the same provider flags to plan, apply and rollback: they describe
// what to plan, and a rollback plans from its journal. They are hidden from
// its help.
var rollbackIgnored = map[string]bool{
	"include": true, "remove-include": true, "create": true, "zone": true, "ttl": true, "domains-file": true,
}

func rollbackCommand() *cli.Command {
	var flags []cli.Flag
	for _, f := range planFlags() {
		if rollbackIgnored[f.Names()[0]] {
			hide(f)
		}
		flags = append(flags, f)
	}
	flags = append(flags,
		&cli.BoolFlag{Name: "auto-approve", Usage: tr.T("cli.flag.auto-approve")},
		&cli.StringFlag{Name: "journal", Usage: tr.T("rollback.flag.journal")},
		&cli.StringFlag{Name: "report", Usage: tr.T("cli.flag.report")},
	)
	return &cli.Command{
		Name:      "rollback",
		Usage:     tr.T("rollback.cmd.usage"),
		ArgsUsage: tr.T("rollback.cmd.args"),
		Flags:     flags,
		Action:    runRollback,
	}
}

// hide hides a flag from help.
func hide(f cli.Flag) {
	switch x := f.(type) {
	case *cli.StringFlag:
		x.Hidden = true
	case *cli.StringSliceFlag:
		x.Hidden = true
	case *cli.BoolFlag:
		x.Hidden = true
	case *cli.DurationFlag:
		x.Hidden = true
	case *cli.IntFlag:
		x.Hidden = true
	}
}

func runRollback(c *cli.Context) error {
	if err := checkFormat(c.String("format")); err != nil {
		return err
	}
	if c.NArg() != 1 {
		return cli.Exit(tr.T("rollback.one-journal"), exitError)
	}
	path := c.Args().First()
	if err := checkReportPath(c); err != nil {
		return err
	}
	jc, err := plan.LoadJournal(path)
	if err != nil {
		return cli.Exit(plan.Localize(tr, err), exitError)
	}
	for i, cut := range jc.Cuts {
		// Every complete line is used; say what each cut one was.
		if i == len(jc.Cuts)-1 && cut.Line == jc.Lines {
			fmt.Fprintln(c.App.ErrWriter, termsafe.Text(tr.T("journal.cut", path, cut.Line)))
		} else {
			fmt.Fprintln(c.App.ErrWriter, termsafe.Text(tr.T("journal.cut.middle", path, cut.Line)))
		}
		switch {
		case cut.Kind == plan.EntryIntent && cut.Name != "":
			fmt.Fprintln(c.App.ErrWriter, "  "+termsafe.Text(tr.T("journal.cut.intent", cut.Name)))
		case cut.Kind == plan.EntryIntent:
			fmt.Fprintln(c.App.ErrWriter, "  "+tr.T("journal.cut.intent-noname"))
		case cut.Kind == plan.EntryResult:
			fmt.Fprintln(c.App.ErrWriter, "  "+tr.T("journal.cut.result"))
		default:
			fmt.Fprintln(c.App.ErrWriter, "  "+tr.T("journal.cut.other"))
		}
	}
	entries := jc.Changes
	profiles := false
	for _, e := range entries {
		profiles = profiles || e.Intent.Profile != ""
	}
	if !c.IsSet("provider") && !profiles && len(entries) > 0 && entries[0].Intent.Provider != "" {
		_ = c.Set("provider", entries[0].Intent.Provider)
	}
	s, err := openSession(c, !profiles || c.IsSet("provider"))
	if err != nil {
		return err
	}
	p := plan.PlanRollbackWith(c.Context, tr, func(profile string) (plan.Backend, bool) {
		b, _, err := s.backendFor(profile)
		return b, err == nil
	}, entries)
	text := c.String("format") == "text"
	if text {
		plan.Render(c.App.Writer, p, plan.RenderOptions{Color: useColor(c.App.Writer), P: tr})
	}
	if !p.Pending() {
		if !text {
			if err := plan.WriteJSONLines(c.App.Writer, p); err != nil {
				return err
			}
		} else {
			fmt.Fprintln(c.App.Writer, tr.T("rollback.nothing"))
		}
		if err := writeReport(c, p, nil); err != nil {
			return err
		}
		if p.Failed() {
			return cli.Exit("", exitError)
		}
		return nil
	}
	if !c.Bool("auto-approve") {
		if !isTerminal(c.App.Reader) {
			return cli.Exit(tr.T("rollback.no-terminal"), exitError)
		}
		ok, err := confirm(c, tr.T("rollback.confirm"))
		if err != nil {
			return err
		}
		if !ok {
			return cli.Exit(tr.T("rollback.cancelled"), exitError)
		}
	}
	jpath := c.String("journal")
	if jpath == "" {
		dir, err := plan.DefaultJournalDir()
		if err != nil {
			return cli.Exit(plan.Localize(tr, err), exitError)
		}
		jpath = plan.NewJournalPath(dir, "rollback")
	}
	journal, err := plan.CreateJournal(jpath, "rollback", s.backend.Name)
	if err != nil {
		return cli.Exit(tr.T("apply.journal-create-failed", plan.Localize(tr, err)), exitError)
	}
	defer journal.Close()
	results, endErr := plan.ApplyRun(c.Context, plan.ApplyConfig{Backend: s.backend, Backends: s.backends(), Journal: journal, Checker: s.checker, Parallel: c.Int("parallel"), P: tr}, p)
	failed := reportResults(c, results, journal, true)
	if endErr != nil {
		fmt.Fprintln(c.App.ErrWriter, termsafe.Lines(plan.Localize(tr, endErr)))
		failed = true
	}
	if err := writeReport(c, p, results); err != nil {
		return err
	}
	if c.Context.Err() != nil {
		fmt.Fprintln(c.App.ErrWriter, tr.T("rollback.interrupted-notice"))
	}
	if failed || p.Failed() {
		return cli.Exit("", exitError)
	}
	return nil
}
