package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/idna"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/internal/txtcodec"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// RenderOptions control the text output.
type RenderOptions struct {
	Color bool         // ANSI colours (only on a terminal, never with NO_COLOR)
	P     i18n.Printer // the language of the labels (the zero Printer is English)
}

const (
	ansiReset  = "\x1b[0m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiBold   = "\x1b[1m"
)

func paint(on bool, color, s string) string {
	if !on {
		return s
	}
	return color + s + ansiReset
}

// DisplayName is a DNS name for people, made safe for the terminal: an
// IDN in Unicode with its A-label, as doctor shows it (ショップ.jp
// (xn--xckya1d0c.jp)); any other name as it is. JSON keeps the A-label.
func DisplayName(p i18n.Printer, name string) string {
	if !strings.Contains(strings.ToLower(name), "xn--") {
		return termsafe.Line(name)
	}
	u, err := idna.Display.ToUnicode(name)
	if err != nil || u == name {
		return termsafe.Line(name)
	}
	u, name = strings.TrimSuffix(u, "."), strings.TrimSuffix(name, ".")
	return p.T("doctor.idn", termsafe.Line(u), termsafe.Line(name))
}

// quoteStrings writes character-strings as a zone file does: "a" "b".
func quoteStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quoteTXT(s)
	}
	return strings.Join(q, " ")
}

// quoteTXT quotes one string with zone-file escapes.
func quoteTXT(s string) string { return txtcodec.Quote(s) }

// RenderChange writes one change in the plan's text form. Everything in a
// change may come from outside (DNS answers, a provider's API, a saved
// plan or journal file): names, messages and warnings are printed through
// termsafe.Line, record texts quoted with zone-file escapes, so no
// terminal control reaches the terminal.
func RenderChange(w io.Writer, c *Change, o RenderOptions) {
	p := o.P
	name := c.Name
	if name == "" {
		name = c.Target.Input
	}
	name = DisplayName(p, name)
	sym := c.Action.Symbol()
	color := ""
	switch c.Action {
	case Create:
		color = ansiGreen
	case Update:
		color = ansiYellow
	case Error:
		color = ansiRed
	}
	head := fmt.Sprintf("  %s %s  TXT", sym, name)
	if c.Zone != "" {
		head += "  " + p.T("render.zone-provider", termsafe.Line(c.Zone), termsafe.Line(c.Provider))
	}
	fmt.Fprintln(w, paint(o.Color && color != "", color, head))
	switch c.Action {
	case Error:
		fmt.Fprintf(w, "      %s %s\n", paint(o.Color, ansiRed+ansiBold, p.T("render.error")), msgLines(c.Message, "      "))
		return
	case NoOp:
		if c.AfterSPF != "" {
			fmt.Fprintf(w, "      = %s\n", quoteTXT(c.AfterSPF))
		}
		if c.Rollback {
			fmt.Fprintf(w, "        %s\n", msgLines(c.Message, "        "))
			break
		}
		fmt.Fprintln(w, "        "+p.T("render.already", termsafe.Line(strings.Join(includesOf(p, c), ", ")), c.LookupsAfter, spfcheck.MaxLookups))
	case Update:
		if c.BeforeSPF != "" {
			fmt.Fprintln(w, paint(o.Color, ansiRed, "      - "+quoteTXT(c.BeforeSPF)))
		}
		if c.AfterSPF != "" {
			fmt.Fprintln(w, paint(o.Color, ansiGreen, "      + "+quoteStrings(c.AfterStrings)))
		}
		if !c.Rollback {
			fmt.Fprintln(w, "        "+p.T("render.lookups", c.LookupsBefore, c.LookupsAfter, spfcheck.MaxLookups))
		} else if c.AfterSPF == "" {
			fmt.Fprintln(w, "        "+p.T("render.rollback-remove"))
		}
		if c.Message != "" { // a change that finishes or undoes a half-done one (halfdone.go)
			fmt.Fprintln(w, "        "+msgLines(c.Message, "        "))
		}
	case Create:
		fmt.Fprintln(w, paint(o.Color, ansiGreen, "      + "+quoteStrings(c.AfterStrings)))
		fmt.Fprintln(w, "        "+p.T("render.new-record", int64(c.After[len(c.After)-1].TTL.Seconds()), c.LookupsAfter, spfcheck.MaxLookups))
	}
	if c.FromFile && c.Action.Pending() && c.Inputs != nil {
		// What apply computes the record from (guard.go), as the plan file
		// has it: what is written is made from this, never from the
		// record shown above as the file has it.
		fmt.Fprintln(w, "        "+p.T("render.inputs", termsafe.Line(inputsText(p, c.Inputs))))
	}
	if others := len(c.Before) - boolInt(c.BeforeSPF != ""); c.Action.Pending() && others > 0 {
		key := "render.others-kept"
		if c.Code == CodeManual { // the owner edits the panel: what not to touch
			key = "render.others-kept.manual"
		}
		fmt.Fprintln(w, "        "+p.T(key, others))
	}
	for _, wn := range c.Warnings {
		fmt.Fprintf(w, "        %s %s\n", paint(o.Color, ansiYellow, p.T("render.warning")), termsafe.Line(warningText(p, wn)))
	}
	if c.Code == CodeManual && c.Action.Pending() {
		key := "render.manual" // edit the record that starts with v=spf1
		if c.Action == Create {
			key = "render.manual.create" // add one, only when none exists
		}
		fmt.Fprintln(w, "        "+p.T(key, termsafe.Line(strings.TrimSuffix(c.Name, "."))))
		fmt.Fprintf(w, "          %s\n", termsafe.Line(c.AfterSPF))
		fmt.Fprintln(w, "        "+p.T("render.manual.fields"))
	}
}

// msgLines is termsafe.Line for a message of several lines (a refusal with
// the records that differ, one a line): each line made safe, the lines
// after the first indented by indent.
func msgLines(s, indent string) string {
	parts := strings.Split(s, "\n")
	for i, l := range parts {
		parts[i] = termsafe.Line(l)
	}
	return strings.Join(parts, "\n"+indent)
}

// inputsText lists what a change is made from: the includes to add and to
// remove, and whether a record is created.
func inputsText(p i18n.Printer, in *Inputs) string {
	var parts []string
	for _, n := range in.Includes {
		parts = append(parts, "+include:"+n)
	}
	for _, n := range in.Removes {
		parts = append(parts, "-include:"+n)
	}
	if in.Create {
		parts = append(parts, "--create")
	}
	if len(parts) == 0 {
		return p.T("render.inputs.none")
	}
	return strings.Join(parts, " ")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func includesOf(p i18n.Printer, c *Change) []string {
	var out []string
	for _, f := range strings.Fields(c.AfterSPF) {
		l := strings.ToLower(strings.TrimLeft(f, "+"))
		if strings.HasPrefix(l, "include:") {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return []string{p.T("render.includes-asked")}
	}
	return out
}

// RenderSummary writes the closing line of a plan.
func RenderSummary(w io.Writer, s Summary, o RenderOptions) {
	fmt.Fprintln(w, o.P.T("render.summary", s.Create, s.Update, s.Unchanged, s.Failed))
}

// Render writes the whole plan as text.
func Render(w io.Writer, p *Plan, o RenderOptions) {
	for _, c := range p.Changes {
		RenderChange(w, c, o)
	}
	RenderSummary(w, p.Summary(), o)
}

// WriteJSONLines writes one JSON object per change, in order, then a
// {"summary": ...} line (SPEC.md). Control characters JSON leaves as they
// are are written as \u escapes (termsafe.JSONWriter).
func WriteJSONLines(w io.Writer, p *Plan) error {
	tw := termsafe.JSONWriter(w)
	var line []byte
	for _, c := range p.Changes {
		line = append(c.AppendJSON(line[:0]), '\n')
		if _, err := tw.Write(line); err != nil {
			return err
		}
	}
	enc := json.NewEncoder(tw)
	enc.SetEscapeHTML(false)
	return enc.Encode(map[string]Summary{"summary": p.Summary()})
}
