package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/doctor"
	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/providers"
	"github.com/spfpatch/spfpatch/spfcheck"
)

func doctorCommand() *cli.Command {
	flags := []cli.Flag{
		&cli.StringSliceFlag{Name: "include", EnvVars: []string{"SPFPATCH_INCLUDE"}, Usage: tr.T("doctor.cmd.flag.include", defaultInclude)},
		&cli.StringFlag{Name: "platform-name", Usage: tr.T("doctor.cmd.flag.platform-name")},
		&cli.StringFlag{Name: "provider", EnvVars: []string{"SPFPATCH_PROVIDER"}, Usage: tr.T("doctor.cmd.flag.provider")},
		formatFlag(),
	}
	return &cli.Command{
		Name:      "doctor",
		Usage:     tr.T("doctor.cmd.usage"),
		ArgsUsage: tr.T("doctor.cmd.args"),
		Flags:     append(append(flags, dnsFlags()...), domainTimeoutFlag()),
		Action:    runDoctor,
	}
}

// checkDoctorProvider refuses a --provider that is not one: the name of a
// DNS host without an API (onamae, xserver ...) is told to use manual.
func checkDoctorProvider(name string) error {
	if name == "" {
		return nil
	}
	if _, ok := providers.Lookup(name); ok {
		return nil
	}
	if id, ok := doctor.ManualHostNames[strings.ToLower(name)]; ok {
		if h := doctor.HostByID(id); h != nil {
			return cli.Exit(tr.T("doctor.provider.manual-host", h.DisplayName(string(tr.Lang))), exitError)
		}
	}
	return cli.Exit(tr.T("doctor.provider.unknown", name, strings.Join(providers.Names(), ", "))+"\n"+tr.T("manual.hosts"), exitError)
}

func runDoctor(c *cli.Context) error {
	if err := checkFormat(c.String("format")); err != nil {
		return err
	}
	if c.NArg() != 1 {
		return cli.Exit(tr.T("doctor.cmd.one-target"), exitError)
	}
	if err := checkDoctorProvider(c.String("provider")); err != nil {
		return err
	}
	var incs []string
	for _, n := range c.StringSlice("include") {
		if strings.TrimSpace(n) == "" {
			continue
		}
		a, err := toASCII(n)
		if err != nil {
			return err
		}
		incs = append(incs, a)
	}
	if len(incs) == 0 {
		incs = []string{defaultInclude}
	}
	res, err := newResolver(c)
	if err != nil {
		return err
	}
	p := tr
	rep := doctor.Run(c.Context, doctor.Config{
		Checker: &spfcheck.Checker{Resolver: res, Timeout: c.Duration("domain-timeout")}, DNS: res, Includes: incs, PlatformName: c.String("platform-name"),
		Provider: c.String("provider"), Flags: runFlags(c), DoctorFlags: doctorOnlyFlags(c), Program: thisProgram(), P: p,
	}, c.Args().First())
	if c.String("format") == "json" {
		if err := writeJSON(c, rep); err != nil {
			return err
		}
	} else {
		renderDoctor(c.App.Writer, rep, p, useColor(c.App.Writer))
	}
	// Findings are not errors (exit 0, as check); a TARGET that is not a
	// domain or an address, or a record that could not be read, exits 1.
	if rep.Verdict == doctor.VerdictBadTarget || rep.Verdict == doctor.VerdictDNSError {
		return cli.Exit("", exitError)
	}
	return nil
}

// doctorOnlyFlags are the flags of this run that only doctor takes, for
// the doctor commands it suggests: --platform-name, one shell word.
func doctorOnlyFlags(c *cli.Context) string {
	if v := c.String("platform-name"); c.IsSet("platform-name") && v != "" {
		return "--platform-name " + termsafe.Arg(v)
	}
	return ""
}

// renderDoctor writes the report for people: one line per check with its
// next step, the record to enter in the panel's own field names, the
// command, then the summary.
func renderDoctor(w io.Writer, r *doctor.Report, p i18n.Printer, color bool) {
	mark := map[string]string{doctor.OK: "[ok]  ", doctor.Warn: "[!]   ", doctor.Fail: "[NG]  ", doctor.Info: "[i]   "}
	paint := map[string]string{doctor.OK: "\x1b[32m", doctor.Warn: "\x1b[33m", doctor.Fail: "\x1b[31m"}
	title := r.Display
	if title == "" || r.Target != r.Domain {
		title = termsafe.Line(r.Target)
	}
	fmt.Fprintln(w, p.T("doctor.title", title))
	fmt.Fprintln(w)
	fh, ft, fv := p.T("doctor.field.host"), p.T("doctor.field.type"), p.T("doctor.field.value")
	if h := r.DNSHost; h != nil && h.FieldHost != "" {
		fh, ft, fv = h.FieldHost, h.FieldType, h.FieldValue
	}
	for _, ch := range r.Checks {
		m := mark[ch.Status]
		if color && paint[ch.Status] != "" {
			m = paint[ch.Status] + m + "\x1b[0m"
		}
		fmt.Fprintf(w, "%s%s\n", m, ch.Message)
		if ch.Next != "" {
			fmt.Fprintf(w, "      %s %s\n", p.T("doctor.label.next"), ch.Next)
		}
		if ch.Value != "" {
			if ch.Edit != "" {
				fmt.Fprintf(w, "         %s\n", p.T("doctor.label.edit."+ch.Edit))
			}
			host := ch.Host
			if host == "@" {
				host = p.T("doctor.field.apex", "@")
			}
			if host != "" {
				fmt.Fprintf(w, "           %s: %s   %s: TXT\n", fh, host, ft)
			}
			fmt.Fprintf(w, "           %s: %s\n", fv, termsafe.Line(ch.Value))
		}
		if ch.Command != "" {
			fmt.Fprintf(w, "         %s\n           %s\n", p.T("doctor.label.command"), ch.Command)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, r.Summary)
}
