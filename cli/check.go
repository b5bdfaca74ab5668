package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/config"
	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// dnsFlags are the resolver settings shared by every command that reads DNS.
func dnsFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "nameserver", EnvVars: []string{"SPFPATCH_NAMESERVER"}, Usage: tr.T("dns.flag.nameserver")},
		&cli.StringFlag{Name: "zone-dir", Usage: tr.T("dns.flag.zone-dir")},
		&cli.DurationFlag{Name: "dns-timeout", Value: 2 * time.Second, Usage: tr.T("dns.flag.dns-timeout")},
	}
}

func newResolver(c *cli.Context) (*resolver.Resolver, error) {
	return newResolverFor(c, "")
}

// newResolverFor is newResolver with a zone directory to answer from when
// --zone-dir is not given (an agency config's zonefile profile).
func newResolverFor(c *cli.Context, zoneDir string) (*resolver.Resolver, error) {
	if d := c.String("zone-dir"); d != "" {
		zoneDir = d
	}
	cfg := resolver.Config{Timeout: c.Duration("dns-timeout"), ZoneDir: zoneDir}
	if ns := c.String("nameserver"); ns != "" {
		cfg.Nameservers = strings.Split(ns, ",")
	}
	r, err := resolver.New(cfg)
	if err != nil {
		return nil, cli.Exit(dnsSetupError(cfg, err), exitError)
	}
	return r, nil
}

// dnsSetupError says which DNS setting resolver.New refused: a --nameserver
// that is not an address, a --zone-dir that is not a directory or cannot be
// read. The resolver's English reason stays inside. A message is used only
// if its English text is the resolver's error after "DNS setup: ", so the
// English output is what it was; otherwise the generic dns.setup.
func dnsSetupError(cfg resolver.Config, err error) string {
	if errors.Is(err, resolver.ErrNoSystemNameservers) {
		return tr.T("dns.setup.no-system-servers")
	}
	en := i18n.Printer{Lang: i18n.EN}
	try := func(key string, args ...any) (string, bool) {
		if en.T(key, args...) != en.T("dns.setup", err) {
			return "", false
		}
		return tr.T(key, args...), true
	}
	for _, ns := range cfg.Nameservers {
		if _, e := resolver.New(resolver.Config{Nameservers: []string{ns}}); e != nil {
			if inner := errors.Unwrap(e); inner != nil {
				if s, ok := try("dns.setup.nameserver", ns, inner); ok {
					return s
				}
			}
			break
		}
	}
	if dir := cfg.ZoneDir; dir != "" {
		if fi, e := os.Stat(dir); e == nil && !fi.IsDir() {
			if s, ok := try("dns.setup.zone-dir-not-dir", dir); ok {
				return s
			}
		}
		if inner := errors.Unwrap(err); inner != nil {
			if s, ok := try("dns.setup.zone-dir", inner); ok {
				return s
			}
		}
	}
	return tr.T("dns.setup", err)
}

type checkArgs struct {
	Target      plan.Target
	Includes    []string
	IP          netip.Addr
	HasIP       bool
	Sender      string
	Helo        string
	DefaultExp  string
	Format      string
	ExplicitInc bool
	// NextFlags are the DNS flags of this run, for the commands suggested
	// in messages (so that they work as printed).
	NextFlags string
}

func checkCommand() *cli.Command {
	flags := []cli.Flag{
		&cli.StringSliceFlag{Name: "include", EnvVars: []string{"SPFPATCH_INCLUDE"}, Usage: tr.T("check.flag.include")},
		&cli.StringFlag{Name: "ip", Usage: tr.T("check.flag.ip")},
		&cli.StringFlag{Name: "sender", Usage: tr.T("check.flag.sender")},
		&cli.StringFlag{Name: "helo", Usage: tr.T("check.flag.helo")},
		&cli.StringFlag{Name: "default-explanation", Usage: tr.T("check.flag.default-explanation")},
		formatFlag(),
	}
	return &cli.Command{
		Name:      "check",
		Usage:     tr.T("check.cmd.usage"),
		ArgsUsage: tr.T("check.cmd.args"),
		Flags: append(append(flags, dnsFlags()...),
			&cli.StringFlag{Name: "domains-file", Usage: tr.T("check.flag.domains-file")},
			&cli.StringFlag{Name: "config", EnvVars: []string{"SPFPATCH_CONFIG"}, Usage: tr.T("check.flag.config")},
			&cli.IntFlag{Name: "parallel", Value: 8, Usage: tr.T("check.flag.parallel")},
		),
		Action: runCheckAll,
	}
}

func checkArgsFrom(c *cli.Context, input string) (checkArgs, error) {
	a := checkArgs{Format: c.String("format"), Helo: c.String("helo"), DefaultExp: c.String("default-explanation"), NextFlags: runFlags(c)}
	if err := checkFormat(a.Format); err != nil {
		return a, err
	}
	t, err := plan.ParseTarget(input)
	if err != nil {
		return a, cli.Exit(plan.Localize(tr, err), exitError)
	}
	a.Target = t
	for _, n := range c.StringSlice("include") {
		if strings.TrimSpace(n) == "" {
			continue
		}
		n, err := toASCII(n)
		if err != nil {
			return a, err
		}
		a.Includes = append(a.Includes, n)
	}
	if s := c.String("ip"); s != "" {
		ip, err := netip.ParseAddr(s)
		if err != nil {
			return a, cli.Exit(tr.T("check.bad-ip", s), exitError)
		}
		a.IP, a.HasIP = ip, true
	}
	a.Sender = c.String("sender")
	if a.Sender == "" {
		a.Sender = t.Sender
	}
	if a.Sender == "" {
		a.Sender = "postmaster@" + t.Domain
	}
	if a.Helo == "" {
		a.Helo = t.Domain
	}
	return a, nil
}

// checkResult is the JSON object of one checked domain (SPEC.md). The codes
// (status, result, problems[].code, warnings[].code, the tree's note_code
// and error_code) are the same in every language; message,
// problems[].message and warnings[].message are in the run's language;
// errors and the tree's note and error stay English.
type checkResult struct {
	*spfcheck.Report
	Target      string           `json:"target"`
	After       *afterInclude    `json:"with_includes,omitempty"`
	Result      *spfcheck.Result `json:"result,omitempty"`
	Explanation *string          `json:"explanation,omitempty"`
	Mechanism   string           `json:"mechanism,omitempty"`
	IP          string           `json:"ip,omitempty"`
	Sender      string           `json:"sender,omitempty"`
	// NoSuchDomain: DNS says the domain does not exist (NXDOMAIN), e.g. a typo.
	NoSuchDomain bool   `json:"no_such_domain,omitempty"`
	Message      string `json:"message"`
}

type afterInclude struct {
	Includes    []string           `json:"includes"`
	Record      string             `json:"record"`
	Status      string             `json:"status"`
	Lookups     int                `json:"lookups"`
	VoidLookups int                `json:"void_lookups"`
	LimitOK     bool               `json:"limit_ok"`
	Errors      []string           `json:"errors"`
	Problems    []spfcheck.Problem `json:"problems"`
}

// newAfterInclude is the with_includes object of the report ar.
func newAfterInclude(includes []string, ar *spfcheck.Report) *afterInclude {
	return &afterInclude{Includes: includes, Record: ar.Record, Status: ar.Status, Lookups: ar.Lookups,
		VoidLookups: ar.VoidLookups, LimitOK: ar.LimitOK, Errors: ar.Errors, Problems: localProblems(ar)}
}

// localProblems returns the report's problems with their messages in the
// run's language (the report's own stay English).
func localProblems(r *spfcheck.Report) []spfcheck.Problem {
	out := make([]spfcheck.Problem, len(r.Problems))
	for i, p := range r.Problems {
		p.Message = tr.Problem(p)
		out[i] = p
	}
	return out
}

// localWarnings returns the warnings with their messages in the run's language.
func localWarnings(ws []spfedit.Warning) []spfedit.Warning {
	out := make([]spfedit.Warning, len(ws))
	for i, w := range ws {
		w.Message = tr.Warning(w)
		out[i] = w
	}
	return out
}

// runCheckAll checks every target (arguments, --domains-file, --config
// domains) with one resolver and one checker, in parallel, and prints the
// results in input order. Exit 1 when a target is unusable or cannot be
// resolved at all; whatever the SPF results, 0 otherwise.
func runCheckAll(c *cli.Context) error {
	if err := checkFormat(c.String("format")); err != nil {
		return err
	}
	inputs, err := targetList(c, false)
	if err != nil {
		return err
	}
	if path := c.String("config"); path != "" {
		f, err := config.Load(path, isSecretSetting)
		if f == nil {
			return cli.Exit(tr.ConfigError(err), exitError)
		}
		for _, d := range f.Domains {
			inputs = append(inputs, d.Target)
		}
	}
	switch {
	case len(inputs) == 0:
		return cli.Exit(tr.T("check.no-target"), exitError)
	case len(inputs) == 1:
		a, err := checkArgsFrom(c, inputs[0])
		if err != nil {
			return err
		}
		return runCheck(c, []checkArgs{a})
	}
	var all []checkArgs
	var bad []string
	for _, in := range inputs {
		a, err := checkArgsFrom(c, in)
		if err != nil {
			bad = append(bad, err.Error())
			fmt.Fprintf(c.App.ErrWriter, "spfpatch: %v\n", err)
			continue
		}
		all = append(all, a)
	}
	err = runCheck(c, all)
	if len(bad) > 0 && err == nil {
		return cli.Exit("", exitError)
	}
	return err
}

func runCheck(c *cli.Context, all []checkArgs) error {
	res, err := newResolver(c)
	if err != nil {
		return err
	}
	ctx := c.Context
	checker := &spfcheck.Checker{Resolver: res}
	if len(all) > 0 {
		checker.DefaultExplanation = all[0].DefaultExp
	}
	outs := make([]checkResult, len(all))
	par := c.Int("parallel")
	if par <= 0 {
		par = 8
	}
	sem := make(chan struct{}, par)
	var wg sync.WaitGroup
	for i, a := range all {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			outs[i] = checkDomain(ctx, checker, a)
		}()
	}
	wg.Wait()
	var unresolved []string
	for i, out := range outs {
		if all[i].Format == "json" {
			if err := writeJSON(c, out); err != nil {
				return err
			}
		} else {
			if i > 0 {
				fmt.Fprintln(c.App.Writer)
			}
			renderCheck(c.App.Writer, out)
		}
		if out.Status == "temperror" && out.Tree != nil && out.Tree.Error != "" && out.Record == "" {
			_, why := tr.Node(out.Tree)
			unresolved = append(unresolved, tr.T("check.unresolved", all[i].Target.Domain, why))
		}
	}
	if len(unresolved) > 0 {
		return cli.Exit(strings.Join(unresolved, "\n"), exitError)
	}
	return nil
}

func checkDomain(ctx context.Context, checker *spfcheck.Checker, a checkArgs) checkResult {
	rep := checker.Account(ctx, a.Target.Domain, nil)
	// The report is this run's own: its problems and warnings may take the
	// run's language (Errors and the shared tree stay English).
	rep.Problems = localProblems(rep)
	rep.Warnings = localWarnings(rep.Warnings)
	out := checkResult{Report: rep, Target: a.Target.Input}
	out.Message = statusMessage(rep, a.NextFlags)
	if rep.Status == "none" {
		if exists, err := nameExists(ctx, checker.Resolver, a.Target.Domain); err == nil && !exists {
			out.NoSuchDomain = true
			out.Message = tr.T("check.status.nxdomain", termsafe.Line(a.Target.Domain))
		}
	}
	if len(a.Includes) > 0 && rep.Record != "" && rep.Status != "none" {
		if rec, err := spfedit.Parse(rep.Record); err == nil {
			for _, n := range a.Includes {
				_, _ = rec.AddInclude(n)
			}
			out.After = newAfterInclude(a.Includes, checker.Account(ctx, a.Target.Domain, rec))
		}
	} else if len(a.Includes) > 0 && rep.Status == "none" {
		if rec, err := spfedit.New(a.Includes...); err == nil {
			out.After = newAfterInclude(a.Includes, checker.Account(ctx, a.Target.Domain, rec))
		}
	}
	if a.HasIP {
		o := checker.CheckHost(ctx, a.IP, a.Target.Domain, a.Sender, a.Helo)
		out.Result, out.Mechanism = &o.Result, o.Mechanism
		out.IP, out.Sender = a.IP.String(), a.Sender
		// SPEC.md: with --ip the object always has an explanation ("" unless fail).
		exp := o.Explanation
		out.Explanation = &exp
	}
	return out
}

func statusMessage(rep *spfcheck.Report, flags string) string {
	switch rep.Status {
	case "none":
		// --provider manual works for any host: it prints the value to paste.
		if !strings.Contains(flags, "--provider") {
			flags = strings.TrimSpace("--provider manual " + flags)
		}
		return tr.T("check.status.none", termsafe.Line(rep.Domain), strings.TrimSpace(flags+" "+termsafe.Arg(rep.Domain)))
	case "ok":
		return tr.T("check.status.ok", rep.Lookups, spfcheck.MaxLookups)
	case "permerror":
		return tr.T("check.status.permerror")
	default:
		return tr.T("check.status.temperror")
	}
}

func renderCheck(w io.Writer, r checkResult) {
	fmt.Fprintf(w, "%s  %s\n", termsafe.Line(r.Domain), statusWord(r.Status))
	if r.Record != "" {
		fmt.Fprintf(w, "  %s\n", tr.T("check.text.record", termsafe.Line(r.Record)))
	}
	fmt.Fprintf(w, "  %s\n", tr.T("check.text.lookups", r.Lookups, spfcheck.MaxLookups, r.VoidLookups, spfcheck.MaxVoidLookups))
	if r.Tree != nil && anyShown(r.Tree.Children) {
		fmt.Fprintf(w, "  %s\n", tr.T("check.text.tree"))
		renderTree(w, r.Tree.Children, 2)
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "  %s\n", tr.T("check.text.error", termsafe.Line(p.Message)))
	}
	for _, wn := range r.Warnings {
		fmt.Fprintf(w, "  %s\n", tr.T("check.text.warning", termsafe.Line(wn.Message)))
	}
	if r.After != nil {
		verdict := tr.T("check.text.with.ok")
		if !r.After.LimitOK || r.After.Status != "ok" {
			msgs := make([]string, len(r.After.Problems))
			for i, p := range r.After.Problems {
				msgs[i] = p.Message
			}
			verdict = tr.T("check.text.with.refused", termsafe.Line(strings.Join(msgs, "; ")))
		}
		fmt.Fprintf(w, "  %s\n    %s\n", tr.T("check.text.with", strings.Join(r.After.Includes, tr.T("check.text.with.include-sep")), termsafe.Line(r.After.Record)),
			tr.T("check.text.with.lookups", r.Lookups, r.After.Lookups, spfcheck.MaxLookups, verdict))
	}
	if r.Result != nil {
		line := tr.T("check.text.result", r.IP, r.Sender, *r.Result)
		if r.Mechanism != "" {
			line += tr.T("check.text.matched", termsafe.Line(r.Mechanism))
		}
		fmt.Fprintf(w, "  %s\n", line)
		if r.Explanation != nil && *r.Explanation != "" {
			fmt.Fprintf(w, "  %s\n", tr.T("check.text.explanation", termsafe.Line(*r.Explanation)))
		}
	}
	fmt.Fprintf(w, "  %s\n", r.Message)
}

// anyShown reports whether renderTree prints any of nodes.
func anyShown(nodes []*spfcheck.Node) bool {
	for _, n := range nodes {
		if n.Lookups != 0 || n.Error != "" || n.Note != "" {
			return true
		}
	}
	return false
}

func renderTree(w io.Writer, nodes []*spfcheck.Node, depth int) {
	for _, n := range nodes {
		if n.Lookups == 0 && n.Error == "" && n.Note == "" {
			continue // ip4, ip6, all and modifiers cost nothing
		}
		label := strings.Repeat("  ", depth) + termsafe.Line(n.Term)
		note, nerr := tr.Node(n)
		extra := ""
		if note != "" {
			extra = "  (" + termsafe.Line(note) + ")"
		}
		if nerr != "" {
			extra += "  " + tr.T("check.text.tree.error", termsafe.Line(nerr))
		}
		fmt.Fprintf(w, "%-52s %3d%s\n", label, n.Lookups, extra)
		renderTree(w, n.Children, depth+1)
	}
}
