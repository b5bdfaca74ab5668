package cli

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/providers"
)

func providersCommand() *cli.Command {
	return &cli.Command{
		Name:   "providers",
		Usage:  tr.T("providers.cmd.usage"),
		Flags:  []cli.Flag{&cli.StringFlag{Name: "format", Value: "text", Usage: tr.T("providers.flag.format")}},
		Action: runProviders,
	}
}

type providerJSON struct {
	Name         string                 `json:"name"`
	Description  string                 `json:"description"`
	Settings     []providers.Setting    `json:"settings"`
	Capabilities providers.Capabilities `json:"capabilities"`
}

func runProviders(c *cli.Context) error {
	list := providers.List()
	switch c.String("format") {
	case "markdown":
		fmt.Fprint(c.App.Writer, providersMarkdown(list))
		return nil
	case "text", "json":
	default:
		return cli.Exit(tr.T("providers.bad-format", c.String("format")), exitError)
	}
	if c.String("format") == "json" {
		out := make([]providerJSON, 0, len(list))
		for _, p := range list {
			out = append(out, providerJSON{p.Name, p.Description, p.Settings, p.Caps})
		}
		return writeJSON(c, out)
	}
	w := c.App.Writer
	for _, p := range list {
		fmt.Fprintf(w, "%s: %s\n", p.Name, providerText("provider."+p.Name+".description", p.Description))
		for _, s := range p.Settings {
			var where []string
			if s.Name != "" && !s.Secret {
				where = append(where, "--"+s.Name)
			}
			if s.Env != "" {
				where = append(where, "$"+s.Env)
			}
			extra := ""
			if s.Secret {
				extra += tr.T("providers.secret")
			}
			if s.Required {
				extra += tr.T("providers.required")
			}
			if s.Default != "" {
				extra += tr.T("providers.default", s.Default)
			}
			_, usage := unquoteUsage(settingUsage(s))
			fmt.Fprintf(w, "    %-48s %s%s\n", strings.Join(where, ", "), usage, extra)
		}
		fmt.Fprintf(w, "    %s\n", tr.T("providers.capabilities", capsLine(p.Name, p.Caps)))
		for i, n := range p.Caps.Notes {
			fmt.Fprintf(w, "    %s\n", tr.T("providers.note", providerText(fmt.Sprintf("provider.%s.note.%d", p.Name, i+1), n)))
		}
	}
	return nil
}

// providerText returns a provider's English text (its description, a note)
// in this run's language: the catalog's translation under key, when the
// catalog has one for exactly this English text; else the English as is, so
// a provider whose text changed never shows an outdated translation.
// TestProviderTextsTranslated checks that every one has its translation.
func providerText(key, en string) string {
	if !i18n.Has(key) || (i18n.Printer{Lang: i18n.EN}).T(key) != en {
		return en
	}
	return tr.T(key)
}

// settingKey is the catalog key of a provider setting's usage:
// "setting." and its flag name, or its environment variable if it has none.
func settingKey(s providers.Setting) string {
	if s.Name != "" {
		return "setting." + s.Name
	}
	return "setting." + s.Env
}

// settingUsage is a provider setting's usage in this run's language (with
// its `PLACEHOLDER` quotes, as a flag's Usage).
func settingUsage(s providers.Setting) string { return providerText(settingKey(s), s.Usage) }

func capsLine(name string, c providers.Capabilities) string {
	yn := func(b bool, yes, no string) string {
		if b {
			return tr.T(yes)
		}
		return tr.T(no)
	}
	parts := []string{
		yn(c.AtomicReplace, "providers.caps.atomic", "providers.caps.no-atomic"),
		yn(c.ExactDelete, "providers.caps.exact-delete", "providers.caps.no-exact-delete"),
		yn(c.LongTXT, "providers.caps.long-txt", "providers.caps.no-long-txt"),
	}
	if c.TXTRead != "" {
		parts = append(parts, tr.T("providers.caps.txt-read", providerText("provider."+name+".txtread", c.TXTRead)))
	}
	if c.MinTTL > 0 {
		parts = append(parts, tr.T("providers.caps.min-ttl", tr.Duration(c.MinTTL)))
	}
	if c.Manual {
		parts = append(parts, tr.T("providers.caps.manual"))
	}
	if c.Offline {
		parts = append(parts, tr.T("providers.caps.offline"))
	}
	return strings.Join(parts, tr.T("providers.caps.separator"))
}

// providersMarkdown is the README's provider table, generated from the
// registry (TestReadmeProviderTable keeps the README in step with it).
func providersMarkdown(list []providers.Info) string {
	var b strings.Builder
	yn := func(v bool) string {
		if v {
			return tr.T("providers.md.yes")
		}
		return tr.T("providers.md.no")
	}
	cell := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", "\\|"), "\n", " ") }
	fmt.Fprintf(&b, "| %s |\n| --- | --- | --- | --- | --- | --- |\n", tr.T("providers.md.header"))
	for _, p := range list {
		var settings []string
		for _, s := range p.Settings {
			var where []string
			if s.Name != "" && !s.Secret {
				where = append(where, "`--"+s.Name+"`")
			}
			if s.Env != "" {
				where = append(where, "`"+s.Env+"`")
			}
			flags := ""
			if s.Secret {
				flags += tr.T("providers.md.secret")
			}
			if s.Required {
				flags += tr.T("providers.md.required")
			}
			settings = append(settings, strings.Join(where, " / ")+flags)
		}
		if len(settings) == 0 {
			settings = []string{tr.T("providers.md.none")}
		}
		var notes []string
		for i, n := range p.Caps.Notes {
			notes = append(notes, providerText(fmt.Sprintf("provider.%s.note.%d", p.Name, i+1), n))
		}
		if p.Caps.Manual {
			notes = append([]string{tr.T("providers.caps.manual")}, notes...)
		}
		if p.Caps.Offline {
			notes = append([]string{tr.T("providers.caps.offline")}, notes...)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", p.Name, cell(strings.Join(settings, "<br>")),
			yn(p.Caps.AtomicReplace), yn(p.Caps.ExactDelete), yn(p.Caps.LongTXT), cell(strings.Join(notes, "<br>")))
	}
	return b.String()
}
