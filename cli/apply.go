package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfcheck"
)

func applyCommand() *cli.Command {
	flags := append(planFlags(),
		&cli.StringFlag{Name: "plan", Usage: tr.T("apply.flag.plan")},
		&cli.BoolFlag{Name: "auto-approve", Usage: tr.T("cli.flag.auto-approve")},
		&cli.StringFlag{Name: "journal", Usage: tr.T("apply.flag.journal")},
		&cli.StringFlag{Name: "report", Usage: tr.T("cli.flag.report")},
		&cli.DurationFlag{Name: "wait", Usage: tr.T("apply.flag.wait")},
	)
	return &cli.Command{
		Name:      "apply",
		Usage:     tr.T("apply.cmd.usage"),
		ArgsUsage: tr.T("apply.cmd.args"),
		Flags:     flags,
		Action:    runApply,
	}
}

// applyOutput is one JSON line of apply: the change and what happened.
// Status is the language-neutral journal status; Error the message for
// people, in the run's language.
type applyOutput struct {
	*plan.Change
	Status    string     `json:"status"`
	Holds     plan.RRset `json:"holds,omitempty"`
	Error     string     `json:"error,omitempty"`
	ErrorCode string     `json:"error_code,omitempty"`
}

// appendJSON appends the change's fields, then status, holds and error, as
// one JSON object (plan.Change.AppendJSON, then the rest as their tags say).
func (o applyOutput) appendJSON(b []byte) []byte {
	b = o.Change.AppendJSON(b)
	b = b[:len(b)-1] // the change's closing brace
	b = spfcheck.AppendJSONString(append(b, `,"status":`...), o.Status)
	if len(o.Holds) > 0 {
		b = o.Holds.AppendJSON(append(b, `,"holds":`...))
	}
	if o.Error != "" {
		b = spfcheck.AppendJSONString(append(b, `,"error":`...), o.Error)
	}
	if o.ErrorCode != "" {
		b = spfcheck.AppendJSONString(append(b, `,"error_code":`...), o.ErrorCode)
	}
	return append(b, '}')
}

// MarshalJSON writes appendJSON's object. (The embedded Change's own
// MarshalJSON would otherwise be promoted and drop status, holds and
// error.)
func (o applyOutput) MarshalJSON() ([]byte, error) { return o.appendJSON(nil), nil }

func runApply(c *cli.Context) error {
	if err := checkFormat(c.String("format")); err != nil {
		return err
	}
	if c.NArg() == 0 && c.String("domains-file") == "" && c.String("config") == "" && (!c.IsSet("plan") || c.Command.Name != "apply") {
		return cli.Exit(tr.T("cli.need-target", c.Command.Name), exitError)
	}
	// --report is checked before anything is written, not after.
	if err := checkReportPath(c); err != nil {
		return err
	}
	s, err := openSession(c, true)
	if err != nil {
		return err
	}
	// What is read while planning is written next: a store that can keep
	// what it read (the zonefile provider's parses) keeps it all.
	for _, b := range append([]plan.Backend{s.backend}, plan.BackendList(s.backends())...) {
		if k, ok := b.Store.(interface{ KeepParses() }); ok {
			k.KeepParses()
		}
	}
	var p *plan.Plan
	saved := c.String("plan") != ""
	if saved {
		if c.NArg() > 0 || c.String("domains-file") != "" {
			return cli.Exit(tr.T("apply.targets-and-plan"), exitError)
		}
		sp, err := plan.LoadWith(c.String("plan"), tr)
		if err != nil {
			return cli.Exit(plan.Localize(tr, err), exitError)
		}
		// Shown as counted now, not as the file has them.
		plan.RecountLookups(c.Context, s.checker, sp.Changes)
		for _, ch := range sp.Changes {
			if !ch.Action.Pending() {
				continue
			}
			b, _, err := s.backendFor(ch.Profile)
			switch {
			case err != nil:
				return cli.Exit(tr.T("apply.saved.profile", ch.Profile, err), exitError)
			case b.Name != ch.Provider:
				return cli.Exit(tr.T("apply.saved.provider", ch.Provider, b.Name, ch.Provider), exitError)
			}
		}
		p = &plan.Plan{Changes: sp.Changes}
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
			// The same shape as any apply: a line per domain with its
			// status, then {"summary": {"written", ...}}.
			results, _ := plan.ApplyRun(c.Context, plan.ApplyConfig{Backend: s.backend, Backends: s.backends(), Checker: s.checker, P: tr}, p)
			reportApplied(c, results, nil)
			if err := writeReport(c, p, results); err != nil {
				return err
			}
		} else {
			fmt.Fprintln(c.App.Writer, tr.T("apply.no-changes"))
			if err := writeReport(c, p, nil); err != nil {
				return err
			}
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
	// A saved plan is not confirmed again (as terraform apply PLANFILE): it
	// is what was reviewed when it was saved, and the write guard refuses
	// it where the file was changed since or the live records differ.
	if writes && !saved && !c.Bool("auto-approve") {
		ok, err := confirm(c, tr.T("apply.confirm"))
		if err != nil {
			return err
		}
		if !ok {
			return cli.Exit(tr.T("apply.cancelled"), exitError)
		}
	}
	var journal *plan.Journal
	if writes {
		path := c.String("journal")
		if path == "" {
			dir, err := plan.DefaultJournalDir()
			if err != nil {
				return cli.Exit(plan.Localize(tr, err), exitError)
			}
			path = plan.NewJournalPath(dir, "apply")
		}
		journal, err = plan.CreateJournal(path, "apply", s.backend.Name)
		if err != nil {
			return cli.Exit(tr.T("apply.journal-create-failed", plan.Localize(tr, err)), exitError)
		}
		defer journal.Close()
	}
	results, endErr := plan.ApplyRun(c.Context, plan.ApplyConfig{Backend: s.backend, Backends: s.backends(), Journal: journal, Checker: s.checker, Parallel: c.Int("parallel"), P: tr}, p)
	failed := reportApplied(c, results, journal)
	if endErr != nil {
		fmt.Fprintln(c.App.ErrWriter, termsafe.Lines(plan.Localize(tr, endErr)))
		failed = true
	}
	if err := writeReport(c, p, results); err != nil {
		return err
	}
	if c.IsSet("wait") {
		if waitFailed := waitAndRecheck(c, s, results); waitFailed {
			failed = true
		}
	}
	if c.Context.Err() != nil {
		fmt.Fprintln(c.App.ErrWriter, tr.T("apply.interrupted-notice"))
	}
	if failed || p.Failed() {
		return cli.Exit("", exitError)
	}
	return nil
}

// checkReportPath refuses, before anything is written, a --report path
// that writeReport would refuse after the writes.
func checkReportPath(c *cli.Context) error {
	if path := c.String("report"); path != "" {
		if err := plan.CheckOwnFile(path, tr.T("file.kind.report"), plan.HasPrefix(reportHead)); err != nil {
			return cli.Exit(tr.T("cli.report-failed", plan.Localize(tr, err)), exitError)
		}
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
			out[i] = applyOutput{Change: a.Change, Status: a.Status, Holds: a.Holds, Error: a.Error, ErrorCode: a.Code}
		}
		doc.Results = out
	} else {
		doc.Results = p.Changes
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	// A new file (0600), or an earlier report replaced; never through a
	// symbolic link, never over a file that is not a report.
	if err := plan.WriteOwnFile(path, append(b, '\n'), tr.T("file.kind.report"), plan.HasPrefix(reportHead)); err != nil {
		return cli.Exit(tr.T("cli.report-failed", plan.Localize(tr, err)), exitError)
	}
	return nil
}

// reportHead is how every --report file starts (json.MarshalIndent of its
// document, "results" first).
const reportHead = "{\n  \"results\": "

func reportApplied(c *cli.Context, results []*plan.Applied, journal *plan.Journal) (failed bool) {
	return reportResults(c, results, journal, false)
}

// reportResults prints what apply (or, rollback true, a rollback) did: a
// line per name, the summary and the journal with the command that undoes
// it. A written name shows the SPF record the provider returned on the
// read-back after the write.
func reportResults(c *cli.Context, results []*plan.Applied, journal *plan.Journal, rollback bool) (failed bool) {
	// One write per 64 KiB, not per line (10,000 lines at scale).
	bw := bufio.NewWriterSize(c.App.Writer, 64<<10)
	defer bw.Flush()
	w := bw
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
	jw := termsafe.JSONWriter(w)
	var line []byte
	enc := json.NewEncoder(jw)
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
			line = append(applyOutput{Change: a.Change, Status: a.Status, Holds: a.Holds, Error: a.Error, ErrorCode: a.Code}.appendJSON(line[:0]), '\n')
			_, _ = jw.Write(line)
			continue
		}
		name := strings.TrimSuffix(a.Change.Name, ".")
		if name == "" {
			name = a.Change.Target.Input
		}
		shown := plan.DisplayName(tr, name) // ショップ.jp (xn--...), safe for the terminal
		switch a.Status {
		case plan.StatusWritten:
			fmt.Fprintln(w, writtenLine(shown, a, rollback))
		case plan.StatusManual:
			if !c.IsSet("wait") { // under --wait, the wait follows
				// The value as checked against the record read over DNS
				// just now (plan.Apply's guard), not as the plan file has it.
				fmt.Fprintln(w, tr.T("apply.report.manual-value", shown, a.Change.LookupsAfter, spfcheck.MaxLookups,
					termsafe.Line(a.Change.AfterSPF), manualWaitCommand(c, name)))
			}
		case plan.StatusUnchanged:
			if a.Change.Action == plan.Error {
				fmt.Fprintln(w, tr.T("apply.report.not-changed", shown, lines(a.Change.Message)))
			}
		default:
			fmt.Fprintln(w, tr.T("apply.report.failed", shown, statusLabel(a.Status), lines(a.Error)))
		}
	}
	if c.String("format") == "json" {
		_ = enc.Encode(map[string]any{"summary": sum})
		return failed
	}
	if rollback {
		fmt.Fprintln(w, tr.T("rollback.summary", sum.Written, sum.Unchanged, sum.Failed))
	} else {
		fmt.Fprintln(w, tr.T("apply.summary", sum.Written, sum.Manual, sum.Unchanged, sum.Failed))
	}
	touched := 0 // names the provider may have changed
	for _, a := range results {
		if a.Status == plan.StatusWritten || a.Status == plan.StatusUnknown || a.Status == plan.StatusMismatch {
			touched++
		}
	}
	if journal != nil && touched > 0 {
		key := "apply.journal.prog"
		if rollback {
			key = "rollback.journal.prog"
		}
		// The program as it was run (./spfpatch), as doctor's commands.
		fmt.Fprintln(w, tr.T(key, termsafe.Line(journal.Path), thisProgram(), suggestion(c, "", journal.Path)))
	}
	return failed
}

// lines is termsafe.Line for a message of several lines (a refusal with the
// records that differ, one a line): each line is made safe, the line
// breaks of the message are kept.
func lines(s string) string {
	parts := strings.Split(s, "\n")
	for i, p := range parts {
		parts[i] = termsafe.Line(p)
	}
	return strings.Join(parts, "\n")
}

// writtenLine is the line of a written name: the SPF record as the provider
// returned it on the read-back, and the plan's when that differs.
// name is already made safe for the terminal (plan.DisplayName).
func writtenLine(name string, a *plan.Applied, rollback bool) string {
	got := a.Holds.SPF()
	switch {
	case got == "" && rollback:
		return tr.T("rollback.report.removed", name)
	case got == "":
		return tr.T("apply.report.removed", name)
	case got != a.Change.AfterSPF:
		return tr.T("apply.report.written-differs", name, termsafe.Line(got), termsafe.Line(a.Change.AfterSPF))
	case rollback:
		return tr.T("rollback.report.restored", name, termsafe.Line(got))
	}
	return tr.T("apply.report.written", name, termsafe.Line(got))
}

// statusLabel names a failed apply status (a journal status code) for
// people: the code in capitals in English.
func statusLabel(status string) string {
	if key := "apply.status." + status; i18n.Has(key) {
		return tr.T(key)
	}
	return strings.ToUpper(status)
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
		fmt.Fprintln(progress, tr.T("apply.wait.offline"))
	} else {
		// One name after the other, with the count of names served so far
		// (and the time spent) on a terminal's stderr.
		bar := newProgress(progress, len(changes), tr.T("progress.wait"))
		bar.redraw()
		var results []plan.WaitResult
		for _, ch := range changes {
			results = append(results, plan.Wait(ctx, tr, s.res, []*plan.Change{ch}, above{progress, bar})...)
			bar.step()
		}
		bar.finish()
		for _, r := range results {
			if !r.Done {
				failed = true
				fmt.Fprintf(c.App.Writer, "  %s: %s\n", termsafe.Line(strings.TrimSuffix(r.Name, ".")), termsafe.Line(r.Error))
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
		fmt.Fprintln(c.App.Writer, liveRecordLine(ch.Target.Domain, ch, rep))
	}
	return failed
}
