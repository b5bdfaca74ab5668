package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/plan"
)

func planCommand() *cli.Command {
	flags := append(planFlags(),
		&cli.StringFlag{Name: "out", Usage: "save the plan to `FILE` for apply --plan"},
		&cli.BoolFlag{Name: "detailed-exitcode", Usage: "exit 2 when changes are pending (0 none, 1 error)"},
	)
	return &cli.Command{
		Name:      "plan",
		Usage:     "show what would change; changes nothing",
		ArgsUsage: "TARGET...",
		Flags:     flags,
		Action:    runPlan,
	}
}

func runPlan(c *cli.Context) error {
	if err := checkFormat(c.String("format")); err != nil {
		return err
	}
	ts, err := targets(c)
	if err != nil {
		return err
	}
	s, err := openSession(c)
	if err != nil {
		return err
	}
	cfg, err := s.config(c)
	if err != nil {
		return err
	}
	p := plan.Build(c.Context, cfg, ts)
	if err := showPlan(c, p); err != nil {
		return err
	}
	if out := c.String("out"); out != "" {
		if err := plan.Save(out, s.backend.Name, p); err != nil {
			return cli.Exit(err.Error(), exitError)
		}
		if c.String("format") == "text" {
			fmt.Fprintf(c.App.ErrWriter, "Saved the plan to %s. Apply exactly this with: spfpatch apply --provider %s --plan %s\n", out, s.backend.Name, out)
		}
	}
	switch {
	case p.Failed():
		return cli.Exit("", exitError)
	case p.Pending() && c.Bool("detailed-exitcode"):
		return cli.Exit("", exitPending)
	}
	return nil
}

func showPlan(c *cli.Context, p *plan.Plan) error {
	if c.String("format") == "json" {
		return plan.WriteJSONLines(c.App.Writer, p)
	}
	plan.Render(c.App.Writer, p, plan.RenderOptions{Color: useColor(c.App.Writer)})
	return nil
}
