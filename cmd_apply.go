package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfcheck"
)

func applyCommand() *cli.Command {
	flags := append(planFlags(),
		&cli.StringFlag{Name: "plan", Usage: "apply the saved plan `FILE` (made by plan --out), refusing names that changed since"},
		&cli.BoolFlag{Name: "auto-approve", Usage: "do not ask for confirmation"},
		&cli.StringFlag{Name: "journal", Usage: "journal `FILE` (default: a new file under $XDG_STATE_HOME/spfpatch)"},
		&cli.StringFlag{Name: "report", Usage: "also write every domain's result as one JSON document to `FILE`"},
		&cli.DurationFlag{Name: "wait", Usage: "after writing, poll the zone's nameservers for up to `DURATION` (--wait alone: 2m) until they serve the new record"},
	)
	return &cli.Command{
		Name:      "apply",
		Usage:     "make the change: only the SPF TXT string, nothing else",
		ArgsUsage: "TARGET... | --plan FILE",
		Flags:     flags,
		Action:    runApply,
	}
}

// applyOutput is one JSON line of apply: the change and what happened.
type applyOutput struct {
	*plan.Change
	Status string     `json:"status"`
	Holds  plan.RRset `json:"holds,omitempty"`
	Error  string     `json:"error,omitempty"`
}

func runApply(c *cli.Context) error {
	if err := checkFormat(c.String("format")); err != nil {
		return err
	}
	s, err := openSession(c, true)
	if err != nil {
		return err
	}
	var p *plan.Plan
	recheck := false
	saved := c.String("plan") != ""
	if saved {
		if c.NArg() > 0 || c.String("domains-file") != "" {
			return cli.Exit("give either targets or --plan FILE, not both", exitError)
		}
		sp, err := plan.Load(c.String("plan"))
		if err != nil {
			return cli.Exit(err.Error(), exitError)
		}
		for _, ch := range sp.Changes {
			if !ch.Action.Pending() {
				continue
			}
			b, _, err := s.backendFor(ch.Profile)
			switch {
			case err != nil:
				return cli.Exit(fmt.Sprintf("the saved plan needs profile %q: %v", ch.Profile, err), exitError)
			case b.Name != ch.Provider:
				return cli.Exit(fmt.Sprintf("the saved plan was made for provider %s, not %s: run with --provider %s", ch.Provider, b.Name, ch.Provider), exitError)
			}
		}
		p, recheck = &plan.Plan{Changes: sp.Changes}, true
	} else {
		if p, err = buildPlan(c, s); err != nil {
			return err
		}
	}
	text := c.String("format") == "text"
	if text {
		if err := showPlan(c, p); err != nil {
			return err
		}
	}
	if !p.Pending() {
		if !text {
			if err := plan.WriteJSONLines(c.App.Writer, p); err != nil {
				return err
			}
		} else {
			fmt.Fprintln(c.App.Writer, "No changes to apply.")
		}
		if err := writeReport(c, p, nil); err != nil {
			return err
		}
		if p.Failed() {
			return cli.Exit("", exitError)
		}
		return nil
	}
	writes := false // anything to write through an API (not only manual pastes)
	for _, ch := range p.Changes {
		if b, _, err := s.backendFor(ch.Profile); err == nil && ch.Action.Pending() && !b.Manual {
			writes = true
		}
	}
	if writes && !saved && !c.Bool("auto-approve") {
		ok, err := confirm(c, "Do you want to make these changes? spfpatch will write exactly the records shown above.")
		if err != nil {
			return err
		}
		if !ok {
			return cli.Exit("Apply cancelled: nothing was written.", exitError)
		}
		recheck = true // time has passed: refuse anything changed meanwhile
	}
	var journal *plan.Journal
	if writes {
		path := c.String("journal")
		if path == "" {
			dir, err := plan.DefaultJournalDir()
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			path = plan.NewJournalPath(dir, "apply")
		}
		journal, err = plan.CreateJournal(path, "apply", s.backend.Name)
		if err != nil {
			return cli.Exit(fmt.Sprintf("%v: nothing was written", err), exitError)
		}
		defer journal.Close()
	}
	results := plan.Apply(c.Context, plan.ApplyConfig{Backend: s.backend, Backends: s.backends(), Journal: journal, Recheck: recheck, Parallel: c.Int("parallel")}, p)
	failed := reportApplied(c, results, journal)
	if err := writeReport(c, p, results); err != nil {
		return err
	}
	if c.IsSet("wait") {
		if waitFailed := waitAndRecheck(c, s, results); waitFailed {
			failed = true
		}
	}
	if c.Context.Err() != nil {
		fmt.Fprintf(c.App.ErrWriter, "Interrupted: names not yet started were left alone; the journal says which were written.\n")
	}
	if failed || p.Failed() {
		return cli.Exit("", exitError)
	}
	return nil
}

// writeReport writes --report FILE: one JSON document with every domain's
// full result and the summary.
func writeReport(c *cli.Context, p *plan.Plan, results []*plan.Applied) error {
	path := c.String("report")
	if path == "" {
		return nil
	}
	doc := struct {
		Results any          `json:"results"`
		Summary plan.Summary `json:"summary"`
	}{Summary: p.Summary()}
	if results != nil {
		out := make([]applyOutput, len(results))
		for i, a := range results {
			out[i] = applyOutput{Change: a.Change, Status: a.Status, Holds: a.Holds, Error: a.Error}
		}
		doc.Results = out
	} else {
		doc.Results = p.Changes
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return cli.Exit(fmt.Sprintf("--report: %v", err), exitError)
	}
	return nil
}

func reportApplied(c *cli.Context, results []*plan.Applied, journal *plan.Journal) (failed bool) {
	w := c.App.Writer
	var sum struct {
		Written   int    `json:"written"`
		Manual    int    `json:"manual"`
		Unchanged int    `json:"unchanged"`
		Failed    int    `json:"failed"`
		Journal   string `json:"journal,omitempty"`
	}
	if journal != nil {
		sum.Journal = journal.Path
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if c.String("format") == "text" {
		fmt.Fprintln(w)
	}
	for _, a := range results {
		switch {
		case a.Failed():
			sum.Failed++
			failed = true
		case a.Status == plan.StatusWritten:
			sum.Written++
		case a.Status == plan.StatusManual:
			sum.Manual++
		default:
			sum.Unchanged++
		}
		if c.String("format") == "json" {
			_ = enc.Encode(applyOutput{Change: a.Change, Status: a.Status, Holds: a.Holds, Error: a.Error})
			continue
		}
		name := strings.TrimSuffix(a.Change.Name, ".")
		if name == "" {
			name = a.Change.Target.Input
		}
		switch a.Status {
		case plan.StatusWritten:
			fmt.Fprintf(w, "  %s: written and read back: %q\n", name, a.Change.AfterSPF)
		case plan.StatusManual:
			fmt.Fprintf(w, "  %s: set the TXT record in your DNS host's control panel to the value shown above, then run spfpatch apply --provider manual --wait %s\n", name, name)
		case plan.StatusUnchanged:
			if a.Change.Action == plan.Error {
				fmt.Fprintf(w, "  %s: not changed: %s\n", name, a.Change.Message)
			}
		default:
			fmt.Fprintf(w, "  %s: %s: %s\n", name, strings.ToUpper(a.Status), a.Error)
		}
	}
	if c.String("format") == "json" {
		_ = enc.Encode(map[string]any{"summary": sum})
		return failed
	}
	fmt.Fprintf(w, "Apply complete: %d written, %d to paste by hand, %d unchanged, %d failed.\n", sum.Written, sum.Manual, sum.Unchanged, sum.Failed)
	if journal != nil && sum.Written+sum.Failed > 0 {
		fmt.Fprintf(w, "Journal: %s\nUndo with: spfpatch rollback %s\n", journal.Path, journal.Path)
	}
	return failed
}

// waitAndRecheck polls the nameservers of the written (or hand-pasted)
// names, then counts lookups on the live data.
func waitAndRecheck(c *cli.Context, s *session, results []*plan.Applied) (failed bool) {
	var changes []*plan.Change
	for _, a := range results {
		if a.Status == plan.StatusWritten || a.Status == plan.StatusManual {
			changes = append(changes, a.Change)
		}
	}
	if len(changes) == 0 {
		return false
	}
	d := c.Duration("wait")
	if d <= 0 {
		d = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(c.Context, d)
	defer cancel()
	progress := io.Writer(c.App.ErrWriter)
	if s.info.Caps.Offline {
		fmt.Fprintln(progress, "  zone files are not served by spfpatch: nothing to poll; checking the files")
	} else {
		for _, r := range plan.Wait(ctx, s.res, changes, progress) {
			if !r.Done {
				failed = true
				fmt.Fprintf(c.App.Writer, "  %s: %s\n", strings.TrimSuffix(r.Name, "."), r.Error)
			}
		}
	}
	// Lookup accounting on live data, with nothing cached from before.
	s.res.Flush()
	checker := &spfcheck.Checker{Resolver: s.res}
	for _, ch := range changes {
		rep := checker.Account(c.Context, ch.Target.Domain, nil)
		ok := rep.Record == ch.AfterSPF && rep.Status == "ok"
		if !ok {
			failed = true
		}
		fmt.Fprintf(c.App.Writer, "  %s: live record %q: %s, %d of %d lookups\n", ch.Target.Domain, rep.Record, rep.Status, rep.Lookups, spfcheck.MaxLookups)
	}
	return failed
}
