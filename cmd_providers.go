package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/providers"
)

func providersCommand() *cli.Command {
	return &cli.Command{
		Name:   "providers",
		Usage:  "list the DNS providers, their settings and what their APIs can do safely",
		Flags:  []cli.Flag{formatFlag()},
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
	if err := checkFormat(c.String("format")); err != nil {
		return err
	}
	list := providers.List()
	if c.String("format") == "json" {
		out := make([]providerJSON, 0, len(list))
		for _, p := range list {
			out = append(out, providerJSON{p.Name, p.Description, p.Settings, p.Caps})
		}
		return writeJSON(c, out)
	}
	w := c.App.Writer
	for _, p := range list {
		fmt.Fprintf(w, "%s: %s\n", p.Name, p.Description)
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
				extra += " (secret: environment or file only)"
			}
			if s.Required {
				extra += " (required)"
			}
			if s.Default != "" {
				extra += " (default " + s.Default + ")"
			}
			fmt.Fprintf(w, "    %-48s %s%s\n", strings.Join(where, ", "), s.Usage, extra)
		}
		fmt.Fprintf(w, "    capabilities: %s\n", capsLine(p.Caps))
		for _, n := range p.Caps.Notes {
			fmt.Fprintf(w, "    note: %s\n", n)
		}
	}
	return nil
}

func capsLine(c providers.Capabilities) string {
	yn := func(b bool, yes, no string) string {
		if b {
			return yes
		}
		return no
	}
	parts := []string{
		yn(c.AtomicReplace, "atomic RRset replace", "no atomic replace"),
		yn(c.ExactDelete, "exact-value delete", "no exact delete"),
		yn(c.LongTXT, "long TXT ok", "long TXT refused"),
	}
	if c.TXTRead != "" {
		parts = append(parts, "TXT read: "+c.TXTRead)
	}
	if c.MinTTL > 0 {
		parts = append(parts, fmt.Sprintf("min TTL %s", c.MinTTL))
	}
	if c.Manual {
		parts = append(parts, "manual (no API)")
	}
	if c.Offline {
		parts = append(parts, "offline")
	}
	return strings.Join(parts, "; ")
}
