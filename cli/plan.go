package cli

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/plan"
)

func planCommand() *cli.Command {
	flags := append(planFlags(),
		&cli.StringFlag{Name: "out", Usage: tr.T("plan.flag.out")},
		&cli.BoolFlag{Name: "detailed-exitcode", Usage: tr.T("plan.flag.detailed-exitcode")},
		&cli.StringFlag{Name: "report", Usage: tr.T("cli.flag.report")},
	)
	return &cli.Command{
		Name:      "plan",
		Usage:     tr.T("plan.cmd.usage"),
		ArgsUsage: tr.T("plan.cmd.args"),
		Flags:     flags,
		Action:    runPlan,
	}
}

// buildPlan plans every job of the run. With several targets in text mode
// it prints a line per domain as it finishes, and a progress bar on stderr
// when stderr is a terminal.
func buildPlan(c *cli.Context, s *session) (*plan.Plan, error) {
	jobs, err := s.jobs(c)
	if err != nil {
		return nil, err
	}
	text := c.String("format") == "text"
	prog := newProgress(c.App.ErrWriter, len(jobs), tr.T("progress.plan"))
	done := func(i int, ch *plan.Change) {
		if text && len(jobs) > 1 {
			prog.clear()
			fmt.Fprintln(c.App.Writer, oneLine(ch))
		}
		prog.step()
	}
	p := plan.BuildJobsNotify(c.Context, jobs, c.Int("parallel"), done)
	prog.finish()
	if text && len(jobs) > 1 {
		fmt.Fprintln(c.App.Writer)
	}
	return p, nil
}

// oneLine is the status line of one planned domain.
func oneLine(ch *plan.Change) string {
	name := ch.Target.Domain
	if name == "" {
		name = ch.Target.Input
	}
	word := map[plan.Action]string{plan.NoOp: "status.unchanged", plan.Create: "status.create", plan.Update: "status.update", plan.Error: "status.error"}[ch.Action]
	if ch.Action == plan.Error && ch.Code != plan.CodeProvider && ch.Code != plan.CodeDNS && ch.Code != plan.CodeNoZone && ch.Code != plan.CodeInterrupted {
		word = "status.refused"
	}
	line := fmt.Sprintf("  %s %-40s %s", ch.Action.Symbol(), termsafe.Line(name), tr.T(word))
	if ch.Action == plan.Error {
		line += refusedReason(ch.Code)
	}
	return line
}

func runPlan(c *cli.Context) error {
	if err := checkFormat(c.String("format")); err != nil {
		return err
	}
	if c.NArg() == 0 && c.String("domains-file") == "" && c.String("config") == "" && (!c.IsSet("plan") || c.Command.Name != "apply") {
		return cli.Exit(tr.T("cli.need-target", c.Command.Name), exitError)
	}
	s, err := openSession(c, true)
	if err != nil {
		return err
	}
	p, err := buildPlan(c, s)
	if err != nil {
		return err
	}
	if err := showPlan(c, p); err != nil {
		return err
	}
	if err := writeReport(c, p, nil); err != nil {
		return err
	}
	if out := c.String("out"); out != "" {
		provider := s.backend.Name
		if err := plan.Save(out, provider, p); err != nil {
			return cli.Exit(plan.Localize(tr, err), exitError)
		}
		if c.String("format") == "text" {
			fmt.Fprintln(c.App.ErrWriter, tr.T("plan.saved.prog", termsafe.Line(out), thisProgram(), suggestion(c, "--plan", out)))
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

// showPlan prints the plan: JSON Lines, or text (with several targets, only
// the changes and errors in full; unchanged names were listed already).
func showPlan(c *cli.Context, p *plan.Plan) error {
	if c.String("format") == "json" {
		return plan.WriteJSONLines(c.App.Writer, p)
	}
	o := plan.RenderOptions{Color: useColor(c.App.Writer), P: tr}
	for _, ch := range p.Changes {
		if len(p.Changes) > 1 && ch.Action == plan.NoOp {
			continue
		}
		plan.RenderChange(c.App.Writer, ch, o)
	}
	plan.RenderSummary(c.App.Writer, p.Summary(), o)
	return nil
}
