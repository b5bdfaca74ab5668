package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/net/idna"

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
		&cli.StringSliceFlag{Name: "include", EnvVars: []string{"SPFPATCH_INCLUDE"}, Usage: "include `NAME` to ensure (repeatable; default " + defaultInclude + ")"},
		&cli.StringSliceFlag{Name: "remove-include", Usage: "include `NAME` to remove (repeatable)"},
		&cli.BoolFlag{Name: "create", Usage: "give a name with no SPF record \"v=spf1 include:NAME ~all\""},
	}
}

func formatFlag() cli.Flag {
	return &cli.StringFlag{Name: "format", Value: "text", Usage: "output `FORMAT`: text or json"}
}

func editCommand() *cli.Command {
	return &cli.Command{
		Name:      "edit",
		Usage:     "print an SPF record with the include added (offline: no DNS, no provider)",
		ArgsUsage: "RECORD",
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
			return a, cli.Exit("edit needs the current record as one argument, in quotes, e.g.\n  spfpatch edit 'v=spf1 +ip4:192.0.2.0/24 ~all'\n(or --create with no record to make a new one)", exitError)
		}
	default:
		return a, cli.Exit(fmt.Sprintf("edit takes one RECORD argument, got %d: put the whole record in quotes, and flags before it", c.NArg()), exitError)
	}
	return a, nil
}

func checkFormat(f string) error {
	if f != "text" && f != "json" {
		return cli.Exit(fmt.Sprintf("--format %q: use text or json", f), exitError)
	}
	return nil
}

// includeLists returns the include targets to ensure and to remove, in A-label
// form. With --remove-include and no --include, nothing is added.
func includeLists(c *cli.Context) (add, remove []string, err error) {
	for _, n := range c.StringSlice("remove-include") {
		a, err := toASCII(n)
		if err != nil {
			return nil, nil, err
		}
		remove = append(remove, a)
	}
	for _, n := range c.StringSlice("include") {
		if strings.TrimSpace(n) != "" {
			add = append(add, n)
		}
	}
	if len(add) == 0 && len(remove) == 0 {
		add = []string{defaultInclude}
	}
	for i, n := range add {
		if add[i], err = toASCII(strings.TrimSpace(n)); err != nil {
			return nil, nil, err
		}
	}
	return add, remove, nil
}

func toASCII(name string) (string, error) {
	a, err := idna.Lookup.ToASCII(strings.TrimSpace(name))
	if err != nil {
		return "", cli.Exit(fmt.Sprintf("include %q is not a valid domain name: %v", name, err), exitError)
	}
	if err := spfedit.ValidateDomain(a); err != nil {
		return "", cli.Exit(fmt.Sprintf("include %q: %v", name, err), exitError)
	}
	return a, nil
}

type editResult struct {
	Before   *string           `json:"before"`
	After    *string           `json:"after"`
	Changed  bool              `json:"changed"`
	Warnings []spfedit.Warning `json:"warnings"`
	Error    *string           `json:"error"`
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
		msg := err.Error()
		res.Error = &msg
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
	res.Warnings = append(res.Warnings, after.Lint(a.Includes...)...)
	if a.Format == "json" {
		return writeJSON(c, res)
	}
	fmt.Fprintln(c.App.Writer, s)
	for _, w := range res.Warnings {
		fmt.Fprintln(c.App.ErrWriter, "warning:", w.Message)
	}
	return nil
}

func writeJSON(c *cli.Context, v any) error {
	enc := json.NewEncoder(c.App.Writer)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
