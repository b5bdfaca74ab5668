package cli

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/plan"
)

func rollbackCommand() *cli.Command {
	flags := append(providerFlags(), dnsFlags()...)
	flags = append(flags,
		&cli.BoolFlag{Name: "auto-approve", Usage: tr.T("cli.flag.auto-approve")},
		&cli.StringFlag{Name: "journal", Usage: tr.T("rollback.flag.journal")},
		&cli.IntFlag{Name: "parallel", Value: 8, Usage: tr.T("cli.flag.parallel")},
		&cli.StringFlag{Name: "config", EnvVars: []string{"SPFPATCH_CONFIG"}, Usage: tr.T("rollback.flag.config")},
		formatFlag(),
	)
	return &cli.Command{
		Name:      "rollback",
		Usage:     tr.T("rollback.cmd.usage"),
		ArgsUsage: tr.T("rollback.cmd.args"),
		Flags:     flags,
		Action:    runRollback,
	}
}

func runRollback(c *cli.Context) error {
	if err := checkFormat(c.String("format")); err != nil {
		return err
	}
	if c.NArg() != 1 {
		return cli.Exit(tr.T("rollback.one-journal"), exitError)
	}
	entries, err := plan.ReadJournal(c.Args().First())
	if err != nil {
		return cli.Exit(plan.Localize(tr, err), exitError)
	}
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
		if p.Failed() {
			return cli.Exit("", exitError)
		}
		return nil
	}
	if !c.Bool("auto-approve") {
		ok, err := confirm(c, tr.T("rollback.confirm"))
		if err != nil {
			return err
		}
		if !ok {
			return cli.Exit(tr.T("rollback.cancelled"), exitError)
		}
	}
	path := c.String("journal")
	if path == "" {
		dir, err := plan.DefaultJournalDir()
		if err != nil {
			return cli.Exit(plan.Localize(tr, err), exitError)
		}
		path = plan.NewJournalPath(dir, "rollback")
	}
	journal, err := plan.CreateJournal(path, "rollback", s.backend.Name)
	if err != nil {
		return cli.Exit(tr.T("apply.journal-create-failed", plan.Localize(tr, err)), exitError)
	}
	defer journal.Close()
	results := plan.Apply(c.Context, plan.ApplyConfig{Backend: s.backend, Backends: s.backends(), Journal: journal, Parallel: c.Int("parallel"), P: tr}, p)
	if reportApplied(c, results, journal) || p.Failed() {
		return cli.Exit("", exitError)
	}
	return nil
}
