package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfedit"
)

// editArgs are the inputs of `spfpatch edit`.
type editArgs struct {
	Includes []string
	Removes  []string
	Create   bool
	Format   string
	Record   string
}

// includeFlags are shared by every command that edits records.
func includeFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "include", EnvVars: []string{"SPFPATCH_INCLUDE"}, Usage: tr.T("edit.flag.include", defaultInclude)},
		&cli.StringSliceFlag{Name: "remove-include", Usage: tr.T("edit.flag.remove-include")},
		&cli.BoolFlag{Name: "create", Usage: tr.T("edit.flag.create")},
	}
}

func formatFlag() cli.Flag {
	return &cli.StringFlag{Name: "format", Value: "text", Usage: tr.T("edit.flag.format")}
}

func editCommand() *cli.Command {
	return &cli.Command{
		Name:      "edit",
		Usage:     tr.T("edit.cmd.usage"),
		ArgsUsage: tr.T("edit.cmd.args"),
		Flags:     append(includeFlags(), formatFlag()),
		Action: func(c *cli.Context) error {
			a, err := editArgsFrom(c)
			if err != nil {
				return err
			}
			return runEdit(c, a)
		},
	}
}

func editArgsFrom(c *cli.Context) (editArgs, error) {
	a := editArgs{Create: c.Bool("create"), Format: c.String("format")}
	if err := checkFormat(a.Format); err != nil {
		return a, err
	}
	var err error
	if a.Includes, a.Removes, err = includeLists(c); err != nil {
		return a, err
	}
	switch c.NArg() {
	case 1:
		a.Record = c.Args().First()
	case 0:
		if !a.Create {
			return a, cli.Exit(tr.T("edit.no-record"), exitError)
		}
	default:
		return a, cli.Exit(tr.T("edit.too-many-args", c.NArg()), exitError)
	}
	return a, nil
}

func checkFormat(f string) error {
	if f != "text" && f != "json" {
		return cli.Exit(tr.T("edit.bad-format", f), exitError)
	}
	return nil
}

// includeLists returns the include targets to ensure and to remove, in A-label
// form. With --remove-include and no --include, nothing is added. An empty
// value (an empty --include, or an empty item of a comma list) is refused, not
// replaced by the default.
func includeLists(c *cli.Context) (add, remove []string, err error) {
	for _, n := range flagValues(c, "remove-include") {
		a, err := toASCII(n)
		if err != nil {
			return nil, nil, err
		}
		remove = append(remove, a)
	}
	for _, n := range flagValues(c, "include") {
		a, err := toASCII(n)
		if err != nil {
			return nil, nil, err
		}
		add = append(add, a)
	}
	if len(add) == 0 && len(remove) == 0 {
		add = []string{defaultInclude}
	}
	return add, remove, nil
}

// flagValues returns a repeatable flag's values. An environment variable
// set to nothing (SPFPATCH_INCLUDE=) counts as not set, as shells and
// scripts use it; an empty value given as a flag (an empty --include) is kept,
// and refused by toASCII.
func flagValues(c *cli.Context, name string) []string {
	vs := c.StringSlice(name)
	if len(vs) != 1 || vs[0] != "" {
		return vs
	}
	for _, f := range c.Command.Flags {
		ef, ok := f.(interface{ GetEnvVars() []string })
		if !ok || !slices.Contains(f.Names(), name) {
			continue
		}
		for _, e := range ef.GetEnvVars() {
			if v, set := os.LookupEnv(e); set && v == "" {
				return nil
			}
		}
	}
	return vs
}

// toASCII checks an include name from a flag or the environment and
// returns it in A-label form (plan.ParseInclude: underscore labels such as
// _spf.google.com are names like any other).
func toASCII(name string) (string, error) {
	a, err := plan.ParseInclude(name)
	if err != nil {
		return "", cli.Exit(plan.Localize(tr, err), exitError)
	}
	return a, nil
}

// editResult is the JSON object of edit. warnings[].code and error_code
// (the spfedit code of the error's reason, e.g. "bad-ip") are the same in
// every language; warnings[].message and error are in the run's language.
type editResult struct {
	Before    *string           `json:"before"`
	After     *string           `json:"after"`
	Changed   bool              `json:"changed"`
	Warnings  []spfedit.Warning `json:"warnings"`
	Error     *string           `json:"error"`
	ErrorCode string            `json:"error_code,omitempty"`
}

// editRecord applies the edits to one record text. An empty text with create
// set makes a new record.
func editRecord(text string, add, remove []string, create bool) (before, after *spfedit.Record, err error) {
	if strings.TrimSpace(text) == "" && create {
		after, err = spfedit.New(add...)
		return nil, after, err
	}
	before, err = spfedit.Parse(text)
	if err != nil {
		return nil, nil, err
	}
	after = before.Clone()
	for _, n := range remove {
		after.RemoveInclude(n)
	}
	for _, n := range add {
		if _, err := after.AddInclude(n); err != nil {
			return before, nil, err
		}
	}
	return before, after, nil
}

func runEdit(c *cli.Context, a editArgs) error {
	before, after, err := editRecord(a.Record, a.Includes, a.Removes, a.Create)
	res := editResult{Warnings: []spfedit.Warning{}}
	if before != nil || a.Record != "" {
		s := a.Record
		res.Before = &s
	}
	if err != nil {
		msg := tr.SPFError(err)
		res.Error = &msg
		res.ErrorCode = spfedit.ErrorCode(err)
		if a.Format == "json" {
			if err := writeJSON(c, res); err != nil {
				return err
			}
			return cli.Exit("", exitError)
		}
		return cli.Exit(msg, exitError)
	}
	s := after.String()
	res.After = &s
	res.Changed = before == nil || s != before.String()
	res.Warnings = append(res.Warnings, localWarnings(after.Lint(a.Includes...))...)
	if a.Format == "json" {
		return writeJSON(c, res)
	}
	fmt.Fprintln(c.App.Writer, s)
	for _, w := range res.Warnings {
		fmt.Fprintln(c.App.ErrWriter, tr.T("edit.warning", w.Message))
	}
	return nil
}

func writeJSON(c *cli.Context, v any) error {
	enc := json.NewEncoder(termsafe.JSONWriter(c.App.Writer))
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
