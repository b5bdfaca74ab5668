package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/plan"
)

func rollbackCommand() *cli.Command {
	flags := append(providerFlags(), dnsFlags()...)
	flags = append(flags,
		&cli.BoolFlag{Name: "auto-approve", Usage: "do not ask for confirmation"},
		&cli.StringFlag{Name: "journal", Usage: "journal `FILE` of the rollback itself (default: a new file under $XDG_STATE_HOME/spfpatch)"},
		&cli.IntFlag{Name: "parallel", Value: 8, Usage: "domains handled at once"},
		&cli.StringFlag{Name: "config", EnvVars: []string{"SPFPATCH_CONFIG"}, Usage: "the agency config `FILE` the apply used (its profiles)"},
		formatFlag(),
	)
	return &cli.Command{
		Name:      "rollback",
		Usage:     "undo an apply from its journal, only where nobody changed the record since",
		ArgsUsage: "JOURNAL",
		Flags:     flags,
		Action:    runRollback,
	}
}

func runRollback(c *cli.Context) error {
	if err := checkFormat(c.String("format")); err != nil {
		return err
	}
	if c.NArg() != 1 {
		return cli.Exit("rollback takes one JOURNAL file (apply prints its path)", exitError)
	}
	entries, err := plan.ReadJournal(c.Args().First())
	if err != nil {
		return cli.Exit(err.Error(), exitError)
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
	p := plan.PlanRollbackWith(c.Context, func(profile string) (plan.Backend, bool) {
		b, _, err := s.backendFor(profile)
		return b, err == nil
	}, entries)
	text := c.String("format") == "text"
	if text {
		plan.Render(c.App.Writer, p, plan.RenderOptions{Color: useColor(c.App.Writer)})
	}
	if !p.Pending() {
		if !text {
			if err := plan.WriteJSONLines(c.App.Writer, p); err != nil {
				return err
			}
		} else {
			fmt.Fprintln(c.App.Writer, "Nothing to roll back.")
		}
		if p.Failed() {
			return cli.Exit("", exitError)
		}
		return nil
	}
	if !c.Bool("auto-approve") {
		ok, err := confirm(c, "Do you want to restore these records as they were before the apply?")
		if err != nil {
			return err
		}
		if !ok {
			return cli.Exit("Rollback cancelled: nothing was written.", exitError)
		}
	}
	path := c.String("journal")
	if path == "" {
		dir, err := plan.DefaultJournalDir()
		if err != nil {
			return cli.Exit(err.Error(), exitError)
		}
		path = plan.NewJournalPath(dir, "rollback")
	}
	journal, err := plan.CreateJournal(path, "rollback", s.backend.Name)
	if err != nil {
		return cli.Exit(fmt.Sprintf("%v: nothing was written", err), exitError)
	}
	defer journal.Close()
	results := plan.Apply(c.Context, plan.ApplyConfig{Backend: s.backend, Backends: s.backends(), Journal: journal, Recheck: !c.Bool("auto-approve"), Parallel: c.Int("parallel")}, p)
	if reportApplied(c, results, journal) || p.Failed() {
		return cli.Exit("", exitError)
	}
	return nil
}
