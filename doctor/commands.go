package doctor

import (
	"regexp"
	"strings"

	"golang.org/x/net/idna"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
)

// apiCommand adds to a check whose Value is to be entered the command that
// enters it: through the provider's API when the user named one or the
// DNS host has one, else --provider manual, which prints the value and
// waits until DNS serves it. Only called where apply plans exactly the
// check's value (applyWorks).
func (d *run) apiCommand(c *Check) {
	prov := d.cfg.Provider
	if prov == "" && d.host != nil {
		prov = d.host.Provider
	}
	if !plainName(prov + ".x") {
		prov = ""
	}
	words := []string{d.program(), "apply"}
	if c.Edit == EditAdd {
		words = append(words, "--create")
	}
	flags := d.cfg.Flags
	switch {
	case prov == "" || prov == "manual":
		if !strings.Contains(flags, "--provider") {
			words = append(words, "--provider", "manual")
		}
		words = append(words, "--wait=30m")
		c.Next = d.join(c.Next, d.p.T("doctor.command.manual"))
	default:
		if !strings.Contains(flags, "--provider") {
			words = append(words, "--provider", prov)
		}
		c.Next = d.join(c.Next, d.p.T("doctor.command.api", prov))
	}
	c.Command = joinCommand(words, flags, d.domain)
}

// doctorCommand is the doctor command for target with this run's flags.
func (d *run) doctorCommand(target string) string {
	return joinCommand([]string{d.program(), "doctor"}, strings.TrimSpace(d.cfg.Flags+" "+d.cfg.DoctorFlags), target)
}

// program is how the suggested commands start: the way the user started
// spfpatch (Config.Program, already checked to be safe to print), else
// "spfpatch".
func (d *run) program() string {
	if p := d.cfg.Program; p != "" && SafeProgram(p) {
		return p
	}
	return "spfpatch"
}

// programRE: a program path that needs no quoting in sh, PowerShell and
// cmd.exe (letters, digits and . _ - / \ :).
var programRE = regexp.MustCompile(`^[A-Za-z0-9._\\/:-]+$`)

// SafeProgram reports whether a program path can start a suggested command
// as it is: no quoting needed in sh, PowerShell and cmd.exe, nothing that
// would reach the terminal raw.
func SafeProgram(p string) bool { return programRE.MatchString(p) }

// joinCommand builds a command line: the fixed words (spfpatch, the
// command, literal flags and checked provider names) as they are, the
// run's flags as the CLI quoted them, and the target through termsafe.Arg.
func joinCommand(words []string, flags, target string) string {
	s := strings.Join(words, " ")
	if f := strings.TrimSpace(flags); f != "" {
		s += " " + f
	}
	return s + " " + termsafe.Arg(target)
}

var plainNameRE = regexp.MustCompile(`^[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))+$`)

// plainName reports whether name is a host name made of letters, digits,
// hyphens and underscores only (A-labels included): a name that may be put
// in a suggested command.
func plainName(name string) bool {
	return len(name) <= 253 && plainNameRE.MatchString(strings.ToLower(name))
}

// display is the domain as people read it: an IDN in Unicode with its
// A-label, e.g. ショップ.jp (xn--...).
func display(p i18n.Printer, domain string) string {
	u, err := idna.Display.ToUnicode(domain)
	if err != nil || u == domain {
		return termsafe.Line(domain)
	}
	return p.T("doctor.idn", termsafe.Line(u), termsafe.Line(domain))
}
