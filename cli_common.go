package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/providers"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// isTerminal reports whether r or w is a terminal. Tests replace it.
var isTerminal = func(f any) bool {
	if fd, ok := f.(interface{ Fd() uintptr }); ok {
		return term.IsTerminal(int(fd.Fd()))
	}
	return false
}

// useColor: colour only on a terminal, and never with NO_COLOR set.
func useColor(w io.Writer) bool {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	return isTerminal(w)
}

// providerFlags returns --provider and one flag per non-secret provider
// setting of every registered provider (SPEC.md provider table). Secrets are
// read from the environment only, never from arguments.
func providerFlags() []cli.Flag {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "provider", EnvVars: []string{"SPFPATCH_PROVIDER"}, Usage: "DNS provider `NAME`: " + strings.Join(providers.Names(), ", ") + " (see spfpatch providers)"},
	}
	seen := map[string]bool{"zone-dir": true, "nameserver": true}
	for _, info := range providers.List() {
		for _, s := range info.Settings {
			if s.Name == "" || s.Secret || seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			f := &cli.StringFlag{Name: s.Name, Usage: info.Name + ": " + s.Usage, Value: s.Default}
			if s.Env != "" {
				f.EnvVars = []string{s.Env}
			}
			flags = append(flags, f)
		}
	}
	return flags
}

// planFlags are shared by plan and apply.
func planFlags() []cli.Flag {
	fs := append(includeFlags(), providerFlags()...)
	fs = append(fs,
		&cli.StringFlag{Name: "zone", Usage: "the `ZONE` that holds the targets (default: found by an SOA walk, or the provider's zone list)"},
		&cli.DurationFlag{Name: "ttl", Value: plan.DefaultTTL, Usage: "TTL of a created record (an existing RRset keeps its TTL)"},
		&cli.StringFlag{Name: "domains-file", Usage: "`FILE` with one target a line (# comments)"},
		&cli.IntFlag{Name: "parallel", Value: 8, Usage: "domains handled at once"},
		formatFlag(),
	)
	return append(fs, dnsFlags()...)
}

// session is what plan, apply and rollback share: the resolver, the
// checker and the backend of one run.
type session struct {
	res     *resolver.Resolver
	checker *spfcheck.Checker
	backend plan.Backend
	info    providers.Info
}

func openSession(c *cli.Context) (*session, error) {
	res, err := newResolver(c)
	if err != nil {
		return nil, err
	}
	s := &session{res: res, checker: &spfcheck.Checker{Resolver: res}}
	name := c.String("provider")
	if name == "" {
		if c.String("zone-dir") != "" {
			name = "zonefile"
		} else {
			return nil, cli.Exit("choose a DNS provider with --provider NAME (or SPFPATCH_PROVIDER): "+strings.Join(providers.Names(), ", ")+
				".\nIf your DNS host has no API, use --provider manual: spfpatch shows the value to paste in its control panel.", exitError)
		}
	}
	info, ok := providers.Lookup(name)
	if !ok {
		return nil, cli.Exit(fmt.Sprintf("unknown provider %q; the providers are %s", name, strings.Join(providers.Names(), ", ")), exitError)
	}
	env := providers.Env{Settings: map[string]string{}, DNS: res}
	for _, st := range info.Settings {
		key := st.Name
		switch {
		case st.Secret || st.Name == "":
			// Secrets come only from the environment (SPEC.md rule 6).
			if key == "" {
				key = st.Env
			}
			env.Settings[key] = os.Getenv(st.Env)
		default:
			// The flag carries its env var and default too.
			env.Settings[key] = c.String(st.Name)
		}
	}
	p, info, err := providers.Open(name, env)
	if err != nil {
		return nil, cli.Exit(err.Error(), exitError)
	}
	s.info = info
	s.backend = plan.Backend{Name: name, Store: p, Manual: info.Caps.Manual, MinTTL: info.Caps.MinTTL}
	return s, nil
}

func (s *session) config(c *cli.Context) (plan.Config, error) {
	add, remove, err := includeLists(c)
	if err != nil {
		return plan.Config{}, err
	}
	return plan.Config{
		Backend: s.backend, Checker: s.checker, DNS: s.res,
		Includes: add, Removes: remove, Create: c.Bool("create"), TTL: c.Duration("ttl"),
		Zone: c.String("zone"), Parallel: c.Int("parallel"),
	}, nil
}

// targets returns the command's targets: arguments, then --domains-file lines.
func targets(c *cli.Context) ([]string, error) {
	out := append([]string(nil), c.Args().Slice()...)
	if path := c.String("domains-file"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, cli.Exit(fmt.Sprintf("--domains-file: %v", err), exitError)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if i := strings.IndexByte(line, '#'); i >= 0 {
				line = line[:i]
			}
			if line = strings.TrimSpace(line); line != "" {
				out = append(out, line)
			}
		}
		if err := sc.Err(); err != nil {
			return nil, cli.Exit(fmt.Sprintf("--domains-file %s: %v", path, err), exitError)
		}
	}
	for _, t := range out {
		if strings.HasPrefix(t, "-") {
			return nil, cli.Exit(fmt.Sprintf("%q looks like a flag after the targets: put flags before the targets (spfpatch %s [flags] TARGET...)", t, c.Command.Name), exitError)
		}
	}
	if len(out) == 0 {
		return nil, cli.Exit(fmt.Sprintf("%s needs at least one TARGET: a domain (shop.example.com) or the shop's sender address (info@shop.example.com)", c.Command.Name), exitError)
	}
	return out, nil
}

// confirm asks the user to type yes. It refuses without a terminal.
func confirm(c *cli.Context, question string) (bool, error) {
	if !isTerminal(c.App.Reader) {
		return false, cli.Exit("not asking for confirmation without a terminal: run with --auto-approve, or apply a saved plan (plan --out FILE, then apply --plan FILE)", exitError)
	}
	fmt.Fprintf(c.App.ErrWriter, "\n%s\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ", question)
	line, _ := bufio.NewReader(c.App.Reader).ReadString('\n')
	return strings.TrimSpace(line) == "yes", nil
}
