package main

import (
	"context"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/config"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// dnsFlags are the resolver settings shared by every command that reads DNS.
func dnsFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "nameserver", EnvVars: []string{"SPFPATCH_NAMESERVER"}, Usage: "resolver `ADDR[:PORT]` for lookups (default: the system's resolv.conf)"},
		&cli.StringFlag{Name: "zone-dir", Usage: "`DIR` of RFC 1035 zone files; names in these zones resolve offline"},
		&cli.DurationFlag{Name: "dns-timeout", Value: 2 * time.Second, Usage: "timeout of one DNS query"},
	}
}

func newResolver(c *cli.Context) (*resolver.Resolver, error) {
	cfg := resolver.Config{Timeout: c.Duration("dns-timeout"), ZoneDir: c.String("zone-dir")}
	if ns := c.String("nameserver"); ns != "" {
		cfg.Nameservers = strings.Split(ns, ",")
	}
	r, err := resolver.New(cfg)
	if err != nil {
		return nil, cli.Exit(fmt.Sprintf("DNS setup: %v", err), exitError)
	}
	return r, nil
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
}

func checkCommand() *cli.Command {
	flags := []cli.Flag{
		&cli.StringSliceFlag{Name: "include", EnvVars: []string{"SPFPATCH_INCLUDE"}, Usage: "also show the totals after adding include `NAME` (repeatable)"},
		&cli.StringFlag{Name: "ip", Usage: "run check_host() for a connection from `IP`"},
		&cli.StringFlag{Name: "sender", Usage: "MAIL FROM `ADDRESS` for --ip (default: postmaster@TARGET, or the TARGET address)"},
		&cli.StringFlag{Name: "helo", Usage: "HELO `NAME` for --ip"},
		&cli.StringFlag{Name: "default-explanation", Usage: "explanation `TEXT` used when a failing record gives none (macros allowed)"},
		formatFlag(),
	}
	return &cli.Command{
		Name:      "check",
		Usage:     "count the record's DNS lookups against the limits; with --ip, the check_host() result",
		ArgsUsage: "TARGET...",
		Flags: append(append(flags, dnsFlags()...),
			&cli.StringFlag{Name: "domains-file", Usage: "`FILE` with one target a line (# comments)"},
			&cli.StringFlag{Name: "config", EnvVars: []string{"SPFPATCH_CONFIG"}, Usage: "agency config `FILE`: check its domains"},
			&cli.IntFlag{Name: "parallel", Value: 8, Usage: "domains checked at once"},
		),
		Action: runCheckAll,
	}
}

func checkArgsFrom(c *cli.Context, input string) (checkArgs, error) {
	a := checkArgs{Format: c.String("format"), Helo: c.String("helo"), DefaultExp: c.String("default-explanation")}
	if err := checkFormat(a.Format); err != nil {
		return a, err
	}
	t, err := plan.ParseTarget(input)
	if err != nil {
		return a, cli.Exit(err.Error(), exitError)
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
			return a, cli.Exit(fmt.Sprintf("--ip %q is not an IP address", s), exitError)
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

// checkResult is the JSON object of one checked domain (SPEC.md).
type checkResult struct {
	*spfcheck.Report
	Target      string           `json:"target"`
	After       *afterInclude    `json:"with_includes,omitempty"`
	Result      *spfcheck.Result `json:"result,omitempty"`
	Explanation *string          `json:"explanation,omitempty"`
	Mechanism   string           `json:"mechanism,omitempty"`
	IP          string           `json:"ip,omitempty"`
	Sender      string           `json:"sender,omitempty"`
	Message     string           `json:"message"`
}

type afterInclude struct {
	Includes    []string `json:"includes"`
	Record      string   `json:"record"`
	Status      string   `json:"status"`
	Lookups     int      `json:"lookups"`
	VoidLookups int      `json:"void_lookups"`
	LimitOK     bool     `json:"limit_ok"`
	Errors      []string `json:"errors"`
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
			return cli.Exit(err.Error(), exitError)
		}
		for _, d := range f.Domains {
			inputs = append(inputs, d.Target)
		}
	}
	switch {
	case len(inputs) == 0:
		return cli.Exit("check needs a TARGET: a domain (shop.example.com) or a sender address (info@shop.example.com); flags go before it", exitError)
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
			unresolved = append(unresolved, fmt.Sprintf("%s: cannot be resolved: %s", all[i].Target.Domain, out.Tree.Error))
		}
	}
	if len(unresolved) > 0 {
		return cli.Exit(strings.Join(unresolved, "\n"), exitError)
	}
	return nil
}

func checkDomain(ctx context.Context, checker *spfcheck.Checker, a checkArgs) checkResult {
	rep := checker.Account(ctx, a.Target.Domain, nil)
	out := checkResult{Report: rep, Target: a.Target.Input}
	out.Message = statusMessage(rep)
	if len(a.Includes) > 0 && rep.Record != "" && rep.Status != "none" {
		if rec, err := spfedit.Parse(rep.Record); err == nil {
			for _, n := range a.Includes {
				_, _ = rec.AddInclude(n)
			}
			ar := checker.Account(ctx, a.Target.Domain, rec)
			out.After = &afterInclude{Includes: a.Includes, Record: ar.Record, Status: ar.Status, Lookups: ar.Lookups,
				VoidLookups: ar.VoidLookups, LimitOK: ar.LimitOK, Errors: ar.Errors}
		}
	} else if len(a.Includes) > 0 && rep.Status == "none" {
		if rec, err := spfedit.New(a.Includes...); err == nil {
			ar := checker.Account(ctx, a.Target.Domain, rec)
			out.After = &afterInclude{Includes: a.Includes, Record: ar.Record, Status: ar.Status, Lookups: ar.Lookups,
				VoidLookups: ar.VoidLookups, LimitOK: ar.LimitOK, Errors: ar.Errors}
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

func statusMessage(rep *spfcheck.Report) string {
	switch rep.Status {
	case "none":
		return rep.Domain + " has no SPF record: receivers cannot tell which servers may send its mail; run spfpatch plan --create " + rep.Domain
	case "ok":
		return fmt.Sprintf("the record is valid and uses %d of %d DNS lookups", rep.Lookups, spfcheck.MaxLookups)
	case "permerror":
		return "the record is broken (permerror): every receiver treats it as an error; fix the errors listed"
	default:
		return "a DNS lookup failed (temperror): try again later, or check the nameserver"
	}
}

func renderCheck(w io.Writer, r checkResult) {
	fmt.Fprintf(w, "%s  %s\n", r.Domain, strings.ToUpper(r.Status))
	if r.Record != "" {
		fmt.Fprintf(w, "  record: %q\n", r.Record)
	}
	fmt.Fprintf(w, "  lookups %d of %d, void lookups %d of %d\n", r.Lookups, spfcheck.MaxLookups, r.VoidLookups, spfcheck.MaxVoidLookups)
	if r.Tree != nil && anyShown(r.Tree.Children) {
		fmt.Fprintln(w, "  lookup tree (terms that cost lookups, with what they include):")
		renderTree(w, r.Tree.Children, 2)
	}
	for _, e := range r.Errors {
		fmt.Fprintf(w, "  error: %s\n", e)
	}
	for _, wn := range r.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", wn.Message)
	}
	if r.After != nil {
		verdict := "ok"
		if !r.After.LimitOK || r.After.Status != "ok" {
			verdict = "REFUSED: " + strings.Join(r.After.Errors, "; ")
		}
		fmt.Fprintf(w, "  with include:%s: %q\n    lookups %d -> %d of %d (%s)\n", strings.Join(r.After.Includes, " include:"),
			r.After.Record, r.Lookups, r.After.Lookups, spfcheck.MaxLookups, verdict)
	}
	if r.Result != nil {
		fmt.Fprintf(w, "  check_host(%s, %s): %s", r.IP, r.Sender, *r.Result)
		if r.Mechanism != "" {
			fmt.Fprintf(w, " (matched %q)", r.Mechanism)
		}
		fmt.Fprintln(w)
		if r.Explanation != nil && *r.Explanation != "" {
			fmt.Fprintf(w, "  explanation: %s\n", *r.Explanation)
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
		label := strings.Repeat("  ", depth) + n.Term
		extra := ""
		if n.Note != "" {
			extra = "  (" + n.Note + ")"
		}
		if n.Error != "" {
			extra += "  ERROR: " + n.Error
		}
		fmt.Fprintf(w, "%-52s %3d%s\n", label, n.Lookups, extra)
		renderTree(w, n.Children, depth+1)
	}
}
