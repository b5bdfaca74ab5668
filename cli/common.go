package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"
	"golang.org/x/text/width"

	"github.com/spfpatch/spfpatch/internal/config"
	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/providers"
	"github.com/spfpatch/spfpatch/providers/cloudflare"
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

// useColor: colour only on a terminal, never with NO_COLOR set, and only
// where the console shows escape sequences as colours (on Windows 10 they
// have to be switched on first: enableColor, color_windows.go).
func useColor(w io.Writer) bool {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	return isTerminal(w) && enableColor(w)
}

// providerFlags returns --provider and one flag per non-secret provider
// setting of every registered provider (SPEC.md provider table). Secrets are
// read from the environment only, never from arguments.
func providerFlags() []cli.Flag {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "provider", EnvVars: []string{"SPFPATCH_PROVIDER"}, Usage: tr.T("cli.flag.provider", strings.Join(providers.Names(), ", "))},
	}
	seen := map[string]bool{"zone-dir": true, "nameserver": true}
	for _, info := range providers.List() {
		for _, s := range info.Settings {
			if s.Name == "" || s.Secret || seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			f := &cli.StringFlag{Name: s.Name, Usage: info.Name + ": " + settingUsage(s), Value: s.Default}
			if s.Env != "" {
				f.EnvVars = []string{s.Env}
			}
			flags = append(flags, f)
		}
	}
	return flags
}

// maxTTL is the largest TTL: RFC 2181 §8, 2^31 - 1 seconds.
const maxTTL = 1<<31 - 1

// parseTTL reads --ttl: seconds (3600, as in zone files and the README) or
// a Go duration (3600s, 1h), whole seconds from 1 to maxTTL.
func parseTTL(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 1 || n > maxTTL {
			return 0, cli.Exit(tr.T("flag.ttl", s, maxTTL), exitError)
		}
		d = time.Duration(n) * time.Second
	} else {
		d, err = time.ParseDuration(s)
		if err != nil || d < time.Second || d > maxTTL*time.Second || d%time.Second != 0 {
			return 0, cli.Exit(tr.T("flag.ttl", s, maxTTL), exitError)
		}
	}
	return d, nil
}

// checkInputFlags refuses flag values that cannot mean what they say before
// a command runs (every command's Before): --parallel below 1, a
// --dns-timeout of zero or less, a --ttl that is not a TTL, an empty or
// malformed --include or --remove-include (from the flag or
// SPFPATCH_INCLUDE). A value is never silently replaced by a default.
func checkInputFlags(c *cli.Context) error {
	defined := map[string]bool{}
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			defined[n] = true
		}
	}
	if defined["parallel"] && c.IsSet("parallel") && c.Int("parallel") < 1 {
		return cli.Exit(tr.T("flag.parallel", c.Int("parallel")), exitError)
	}
	// Each domain in flight holds its own memory and sockets: a huge value
	// (a typo, 20000000) would take the machine's memory, not speed it up
	// (the README's measurements found nothing faster past 128).
	if defined["parallel"] && c.IsSet("parallel") && c.Int("parallel") > MaxParallel {
		return cli.Exit(tr.T("flag.parallel.max", c.Int("parallel"), MaxParallel), exitError)
	}
	if defined["dns-timeout"] && c.IsSet("dns-timeout") && c.Duration("dns-timeout") <= 0 {
		return cli.Exit(tr.T("flag.dns-timeout", c.Duration("dns-timeout").String()), exitError)
	}
	if defined["ttl"] {
		if _, err := parseTTL(c.String("ttl")); err != nil {
			return err
		}
	}
	for _, name := range []string{"include", "remove-include"} {
		if !defined[name] || !c.IsSet(name) {
			continue
		}
		for _, n := range flagValues(c, name) {
			if _, err := toASCII(n); err != nil {
				return err
			}
		}
	}
	return nil
}

// planFlags are shared by plan and apply.
func planFlags() []cli.Flag {
	fs := append(includeFlags(), providerFlags()...)
	fs = append(fs,
		&cli.StringFlag{Name: "zone", Usage: tr.T("cli.flag.zone")},
		&cli.StringFlag{Name: "ttl", Value: strconv.Itoa(int(plan.DefaultTTL / time.Second)), Usage: tr.T("cli.flag.ttl-seconds")},
		&cli.StringFlag{Name: "domains-file", Usage: tr.T("cli.flag.domains-file")},
		&cli.StringFlag{Name: "config", EnvVars: []string{"SPFPATCH_CONFIG"}, Usage: tr.T("cli.flag.config")},
		&cli.IntFlag{Name: "parallel", Value: 8, Usage: tr.T("cli.flag.parallel")},
		formatFlag(),
		domainTimeoutFlag(),
	)
	return append(fs, dnsFlags()...)
}

// session is what plan, apply, check and rollback share: one resolver
// (one DNS cache for the whole run), one checker, and the backends: the
// one the flags describe and one per agency-config profile.
type session struct {
	res      *resolver.Resolver
	checker  *spfcheck.Checker
	backend  plan.Backend // from --provider and its flags
	info     providers.Info
	hasFlags bool // backend is set
	cfg      *config.File
	cfgErrs  config.Errors // bad domain entries: reported, the rest still runs
	profiles map[string]profileBackend
	// budgets: one API request budget per provider and credential, shared
	// by the flags' backend and every profile that uses the same token.
	budgets *providers.Budgets
}

type profileBackend struct {
	backend plan.Backend
	info    providers.Info
	err     error
}

// openSession sets up the run. needBackend: the command writes or reads
// through a provider (plan, apply, rollback), not only DNS (check).
func openSession(c *cli.Context, needBackend bool) (*session, error) {
	s := &session{profiles: map[string]profileBackend{}, budgets: providers.NewBudgets()}
	if path := c.String("config"); path != "" {
		f, err := config.LoadContext(c.Context, path, configRules())
		var errs config.Errors
		switch {
		case f == nil:
			return nil, cli.Exit(tr.ConfigError(err), exitError)
		case errors.As(err, &errs):
			s.cfgErrs = errs
		}
		s.cfg = f
	}
	res, err := newResolverFor(c, profileZoneDir(s.cfg))
	if err != nil {
		return nil, err
	}
	s.res, s.checker = res, &spfcheck.Checker{Resolver: res}
	if c.IsSet("domain-timeout") {
		if s.checker.Timeout, err = domainTimeout(c); err != nil {
			return nil, err
		}
	}
	if s.cfg != nil {
		for name, p := range s.cfg.Profiles {
			s.profiles[name] = openProfile(res, name, p, s.providerEnv(c))
		}
	}
	if !needBackend {
		return s, nil
	}
	name := c.String("provider")
	if name == "" && c.String("zone-dir") != "" && s.cfg == nil {
		name = "zonefile"
	}
	if name == "" {
		if s.cfg != nil {
			return s, nil // every domain takes its profile
		}
		return nil, cli.Exit(tr.T("cli.need-provider", strings.Join(providers.Names(), ", ")), exitError)
	}
	info, ok := providers.Lookup(name)
	if !ok {
		return nil, cli.Exit(tr.T("cli.unknown-provider", name, strings.Join(providers.Names(), ", ")), exitError)
	}
	env := s.providerEnv(c)
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
			env.Settings[key] = flagString(c, st.Name)
		}
	}
	p, info, err := providers.Open(name, env)
	if err != nil {
		return nil, cli.Exit(err.Error(), exitError)
	}
	s.info, s.hasFlags = info, true
	_, zoneLock := p.(plan.ZoneLocker) // seen before any wrapper could hide it
	s.backend = plan.Backend{Name: name, Store: p, Manual: info.Caps.Manual, MinTTL: info.Caps.MinTTL, NoLongTXT: !info.Caps.LongTXT, ZoneLock: zoneLock}
	return s, nil
}

// profileZoneDir is the zone directory of the config's zonefile profiles,
// for lookups when --zone-dir is not given: names in the zones a profile
// writes must resolve from the same files it writes, as with --zone-dir
// (otherwise a plan counts lookups against other data than it changes).
// With profiles naming different directories, none is used (the resolver
// answers from one directory); "" when there is none.
func profileZoneDir(f *config.File) string {
	if f == nil {
		return ""
	}
	dir := ""
	for _, p := range f.Profiles {
		if p.Provider != "zonefile" {
			continue
		}
		v, ok := p.Settings["zone-dir"]
		if !ok {
			continue
		}
		d, err := v.Resolve()
		if err != nil || d == "" || (dir != "" && filepath.Clean(d) != filepath.Clean(dir)) {
			return ""
		}
		dir = d
	}
	return dir
}

// includeGiven reports whether --include (or SPFPATCH_INCLUDE, when not
// empty) was given: then it wins over the config's includes.
func includeGiven(c *cli.Context) bool { return len(flagValues(c, "include")) > 0 }

// flagString reads a flag the command may not define (rollback and check
// share fewer flags than plan).
func flagString(c *cli.Context, name string) string {
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if n == name {
				return c.String(name)
			}
		}
	}
	return ""
}

// isSecretSetting tells the config loader which settings must be references.
func isSecretSetting(provider, setting string) bool {
	info, ok := providers.Lookup(provider)
	if !ok {
		return false
	}
	for _, st := range info.Settings {
		if st.Secret && (setting == st.Name || setting == st.Env) {
			return true
		}
	}
	return false
}

// isTestingOnlySetting: settings that exist for tests of spfpatch itself
// and may never come from a config file, which is shared and copied: the
// Cloudflare API base URL would send the account's token to that server.
func isTestingOnlySetting(provider, setting string) bool {
	return provider == "cloudflare" && (setting == cloudflare.SettingAPIURL.Env || setting == cloudflare.SettingAPIURL.Name && setting != "")
}

// configRules are the checks of an agency config file that need the
// providers and the include-name rules.
func configRules() config.Rules {
	return config.Rules{
		Secret:      isSecretSetting,
		TestingOnly: isTestingOnlySetting,
		Include: func(name string) (string, string) {
			a, err := plan.ParseInclude(name)
			if err != nil {
				return "", plan.Localize(tr, err)
			}
			return a, ""
		},
	}
}

// providerEnv is the Env every provider of the session is opened with
// (settings still empty): the run's resolver and language, the shared
// request budgets, progress notes on standard error, and the run's
// interruption (Ctrl-C ends a provider's wait for a lockout, even in a
// write that runs on to its read-back).
func (s *session) providerEnv(c *cli.Context) providers.Env {
	errOut := c.App.ErrWriter
	return providers.Env{Settings: map[string]string{}, DNS: s.res, P: tr, Budgets: s.budgets,
		Notify: func(msg string) { fmt.Fprintln(errOut, msg) }, Interrupt: c.Context.Done()}
}

// openProfile builds a profile's backend from base (providerEnv). A secret
// not in the profile falls back to the provider's usual environment
// variable.
func openProfile(res *resolver.Resolver, name string, p *config.Profile, base providers.Env) profileBackend {
	info, ok := providers.Lookup(p.Provider)
	if !ok {
		return profileBackend{err: errors.New(tr.T("cli.profile.unknown-provider", name, p.Provider, strings.Join(providers.Names(), ", ")))}
	}
	env := base
	env.Settings, env.DNS = map[string]string{}, res
	for _, st := range info.Settings {
		key := st.Name
		if key == "" {
			key = st.Env
		}
		v, ok := p.Settings[st.Name]
		if !ok || st.Name == "" {
			v, ok = p.Settings[st.Env]
		}
		switch {
		case ok:
			s, err := v.Resolve()
			if err != nil {
				return profileBackend{err: errors.New(tr.T("cli.profile.setting", name, key, err))}
			}
			env.Settings[key] = s
		case st.Env != "":
			env.Settings[key] = os.Getenv(st.Env)
		}
	}
	pr, info, err := providers.Open(p.Provider, env)
	if err != nil {
		return profileBackend{err: errors.New(tr.T("cli.profile.error", name, err))}
	}
	_, zoneLock := pr.(plan.ZoneLocker) // seen before any wrapper could hide it
	return profileBackend{info: info, backend: plan.Backend{Name: p.Provider, Profile: name, Store: pr, Manual: info.Caps.Manual, MinTTL: info.Caps.MinTTL, NoLongTXT: !info.Caps.LongTXT, ZoneLock: zoneLock}}
}

// backends returns every profile backend that opened, by profile name.
func (s *session) backends() map[string]plan.Backend {
	out := map[string]plan.Backend{}
	for n, p := range s.profiles {
		if p.err == nil {
			out[n] = p.backend
		}
	}
	return out
}

// backendFor returns the backend of a profile ("" = the default).
func (s *session) backendFor(profile string) (plan.Backend, providers.Info, error) {
	if profile == "" && s.hasFlags {
		return s.backend, s.info, nil
	}
	if profile == "" && s.cfg != nil {
		profile = s.cfg.Defaults.Profile
	}
	if profile == "" {
		return plan.Backend{}, providers.Info{}, errors.New(tr.T("cli.no-provider"))
	}
	p, ok := s.profiles[profile]
	if !ok {
		return plan.Backend{}, providers.Info{}, errors.New(tr.T("cli.profile.undefined", profile))
	}
	return p.backend, p.info, p.err
}

// jobs turns the config's domains, the arguments and --domains-file into
// plan jobs, each with its own backend, includes, zone and create setting.
func (s *session) jobs(c *cli.Context) ([]plan.Job, error) {
	base, err := s.config(c)
	if err != nil {
		return nil, err
	}
	// Config entries, good and bad, in the file's order.
	type lineJob struct {
		line int
		job  plan.Job
	}
	var cj []lineJob
	for _, e := range s.cfgErrs {
		cj = append(cj, lineJob{e.Line, plan.Job{Input: fmt.Sprintf("%s:%d", e.Path, e.Line), Err: &localizedError{tr.ConfigError(e), e}, Code: plan.CodeConfig}})
	}
	if s.cfg != nil {
		for _, d := range s.cfg.Domains {
			cfg := base
			profile := d.Profile
			if profile == "" {
				profile = s.cfg.Defaults.Profile
			}
			b, _, err := s.backendFor(profile)
			if err != nil {
				cj = append(cj, lineJob{d.Line, plan.Job{Input: d.Target, Config: &cfg, Code: plan.CodeConfig,
					Err: fmt.Errorf("%s:%d: %s: %v", s.cfg.Path, d.Line, d.Target, err)}})
				continue
			}
			cfg.Backend = b
			if d.Zone != "" {
				cfg.Zone = d.Zone
			}
			switch {
			case len(d.Includes) > 0:
				cfg.Includes = d.Includes
			case !includeGiven(c) && len(s.cfg.Defaults.Includes) > 0:
				cfg.Includes = s.cfg.Defaults.Includes
			}
			if d.Create != nil {
				cfg.Create = *d.Create
			} else if !c.IsSet("create") {
				cfg.Create = s.cfg.Defaults.Create
			}
			cj = append(cj, lineJob{d.Line, plan.Job{Input: d.Target, Config: &cfg}})
		}
	}
	sort.SliceStable(cj, func(a, b int) bool { return cj[a].line < cj[b].line })
	var jobs []plan.Job
	for _, j := range cj {
		jobs = append(jobs, j.job)
	}
	ts, err := targetList(c, s.cfg == nil)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		cfg := base
		b, _, err := s.backendFor("")
		if err != nil {
			jobs = append(jobs, plan.Job{Input: t, Config: &cfg, Err: fmt.Errorf("%s: %v", t, err)})
			continue
		}
		cfg.Backend = b
		if s.cfg != nil && !includeGiven(c) && len(s.cfg.Defaults.Includes) > 0 {
			cfg.Includes = s.cfg.Defaults.Includes
		}
		jobs = append(jobs, plan.Job{Input: t, Config: &cfg})
	}
	if len(jobs) == 0 {
		return nil, cli.Exit(tr.T("cli.need-target", c.Command.Name), exitError)
	}
	// The same domain twice (an address and its domain, other case, a
	// trailing dot) is planned once: two writes would race as drift.
	first := map[string]string{}
	for i, j := range jobs {
		if j.Err != nil {
			continue
		}
		if t, err := plan.ParseTarget(j.Input); err == nil {
			if prev, ok := first[t.Domain]; ok {
				jobs[i].DuplicateOf = prev
				continue
			}
			first[t.Domain] = j.Input
		}
	}
	return jobs, nil
}

func (s *session) config(c *cli.Context) (plan.Config, error) {
	add, remove, err := includeLists(c)
	if err != nil {
		return plan.Config{}, err
	}
	ttl, err := parseTTL(c.String("ttl"))
	if err != nil {
		return plan.Config{}, err
	}
	return plan.Config{
		Backend: s.backend, Checker: s.checker, DNS: planDNS{s.res},
		Includes: add, Removes: remove, Create: c.Bool("create"), TTL: ttl,
		Zone: c.String("zone"), Parallel: c.Int("parallel"), P: tr,
	}, nil
}

// targetList returns the command's targets: arguments, then --domains-file
// lines. required: at least one is needed.
func targetList(c *cli.Context, required bool) ([]string, error) {
	out := append([]string(nil), c.Args().Slice()...)
	for _, t := range out {
		if strings.HasPrefix(t, "-") {
			return nil, cli.Exit(tr.T("cli.flag-after-targets", t, c.Command.Name), exitError)
		}
	}
	// Lines of the file are targets whatever they start with: one that is
	// not a domain (a "-" line too) is refused by ParseTarget with the
	// others still planned, never dropped silently.
	if path := c.String("domains-file"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, cli.Exit(tr.T("cli.domains-file.open", err), exitError)
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
			return nil, cli.Exit(tr.T("cli.domains-file.read", path, err), exitError)
		}
	}
	if len(out) == 0 && required {
		return nil, cli.Exit(tr.T("cli.need-target", c.Command.Name), exitError)
	}
	return out, nil
}

// runFlags is the provider selection of this run as flags (--provider,
// --zone-dir, --config, --zone, --nameserver and the provider settings
// given as flags), so that a printed follow-up command works as printed.
// Each value is one shell word (termsafe.Arg: a hostile file name cannot
// run anything). Secrets are never flags; a password inside a URL setting
// (--powerdns-url https://user:PASSWORD@host) is never shown: when the
// value came from its environment variable the flag is left out (the
// command still works in that environment), otherwise the password is
// written as xxxxx and a note says to use the environment variable.
//
// The include flags (--include, --remove-include) of the run come after
// them (includeArgs): a suggested plan, apply or doctor command without
// them would plan the default include and find nothing to do.
func runFlags(c *cli.Context) string {
	return strings.TrimSpace(selectionArgs(c) + " " + includeArgs(c))
}

// includeArgs are the run's --include and --remove-include values as
// flags, each name in its A-label form (plan.ParseInclude) and one shell
// word; "" when the run uses the default include only.
func includeArgs(c *cli.Context) string {
	var b strings.Builder
	for _, n := range []string{"include", "remove-include"} {
		if !c.IsSet(n) {
			continue
		}
		var names []string
		for _, v := range c.StringSlice(n) {
			if strings.TrimSpace(v) == "" {
				continue
			}
			a, err := plan.ParseInclude(v)
			if err != nil {
				continue // refused already by the command that read it
			}
			names = append(names, a)
		}
		if n == "include" && len(names) == 1 && names[0] == defaultInclude {
			continue
		}
		for _, a := range names {
			fmt.Fprintf(&b, " --%s %s", n, termsafe.Arg(a))
		}
	}
	return strings.TrimSpace(b.String())
}

// selectionArgs is runFlags without the include flags: what a command that
// takes its includes from a file (apply --plan, rollback) needs.
func selectionArgs(c *cli.Context) string {
	names := []string{"config", "provider", "zone-dir", "nameserver"}
	for _, info := range providers.List() {
		for _, st := range info.Settings {
			if st.Name != "" && !st.Secret && st.Name != "zone-dir" {
				names = append(names, st.Name)
			}
		}
	}
	var b strings.Builder
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] || !c.IsSet(n) {
			continue
		}
		seen[n] = true
		v := c.String(n)
		if v == "" {
			continue // set to nothing (an empty environment variable): the default
		}
		if shown, secret := redactURL(v); secret {
			if fromEnv(c, n, v) {
				continue
			}
			v = shown
			passwordHint(c, n)
		}
		fmt.Fprintf(&b, " --%s %s", n, termsafe.Arg(v))
	}
	return strings.TrimSpace(b.String())
}

// suggestion returns the arguments of a suggested spfpatch command: this
// run's provider flags (selectionArgs), then own (spfpatch's own words, such as
// "--plan"), then value, one shell word (termsafe.Arg). A file name that
// starts with "-" is written ./-name, so that it is not taken for a flag.
func suggestion(c *cli.Context, own, value string) string {
	if strings.HasPrefix(value, "-") {
		value = "./" + value
	}
	var parts []string
	// The includes come from the file (a saved plan, a journal).
	for _, p := range []string{selectionArgs(c), own, termsafe.Arg(value)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// suggestTarget returns a domain for a suggested command: the validated
// domain when name is one (plan.ParseTarget), else name quoted and escaped
// (a name from a saved plan or a journal file is not trusted).
func suggestTarget(name string) string {
	if t, err := plan.ParseTarget(name); err == nil {
		return termsafe.Arg(t.Domain)
	}
	return termsafe.Arg(name)
}

// redactURL returns a URL with the password of its user information
// replaced by xxxxx, and whether it had one. Only the authority can hold a
// password: "https://h:8081/p@x" has none. A URL that does not parse (a
// password with a space or a "/" in it) is read the careful way: everything
// between the first ":" after "scheme://" and the last "@" is the password,
// so that none is ever shown.
func redactURL(v string) (string, bool) {
	i := strings.Index(v, "://")
	if i < 0 {
		return v, false
	}
	rest := v[i+3:]
	if u, err := url.Parse(v); err == nil {
		if _, ok := u.User.Password(); !ok {
			return v, false
		}
		if end := strings.IndexAny(rest, "/?#"); end >= 0 {
			rest = rest[:end] // the authority
		}
	}
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return v, false
	}
	colon := strings.IndexByte(rest[:at], ':')
	if colon < 0 {
		return v, false
	}
	return v[:i+3] + rest[:colon] + ":xxxxx" + v[i+3+at:], true
}

// passwordHint says once per run, on standard error, that a suggested
// command shows the password of flag as xxxxx and so does not work as
// printed: the URL belongs in the flag's environment variable.
func passwordHint(c *cli.Context, flag string) {
	key := "spfpatch.password-hint." + flag
	if c.App.Metadata == nil {
		c.App.Metadata = map[string]any{}
	}
	if c.App.Metadata[key] != nil {
		return
	}
	c.App.Metadata[key] = true
	env := ""
	for _, info := range providers.List() {
		for _, st := range info.Settings {
			if st.Name == flag {
				env = st.Env
			}
		}
	}
	if env != "" {
		fmt.Fprintln(c.App.ErrWriter, tr.T("cli.url-password-hint", flag, env))
	}
}

// fromEnv reports whether flag name has value v from its environment
// variable.
func fromEnv(c *cli.Context, name, v string) bool {
	for _, f := range c.Command.Flags {
		ef, ok := f.(interface{ GetEnvVars() []string })
		if !ok || !slices.Contains(f.Names(), name) {
			continue
		}
		for _, e := range ef.GetEnvVars() {
			if ev, ok := os.LookupEnv(e); ok && ev == v {
				return true
			}
		}
	}
	return false
}

// planDNS is the resolver as plan sees it, telling a name that does not
// exist (NXDOMAIN) from one without TXT records (plan.NameChecker).
type planDNS struct{ *resolver.Resolver }

func (d planDNS) NameExists(ctx context.Context, name string) (bool, error) {
	return nameExists(ctx, d.Resolver, name)
}

// nameExists asks DNS whether name exists: false only for NXDOMAIN at the
// name itself. An alias whose target does not exist is a name that exists
// (its CNAME is the problem, and plan says so). The TXT lookup is the one
// lookup accounting makes anyway, answered from the resolver's cache.
func nameExists(ctx context.Context, r spfcheck.Resolver, name string) (bool, error) {
	_, err := r.LookupTXT(ctx, name)
	switch {
	case err == nil, errors.Is(err, resolver.ErrNODATA):
		return true, nil
	case !errors.Is(err, resolver.ErrNXDOMAIN):
		return true, err
	}
	if cr, ok := r.(interface {
		LookupCNAME(ctx context.Context, name string) (string, bool, error)
	}); ok {
		if _, alias, err := cr.LookupCNAME(ctx, name); err != nil || alias {
			return true, err
		}
	}
	return false, nil
}

// localizedError is an error already in the run's language (a plan job's
// Err is printed as its text), wrapping the original for errors.As.
type localizedError struct {
	text string
	err  error
}

func (e *localizedError) Error() string { return e.text }
func (e *localizedError) Unwrap() error { return e.err }

// confirm asks the user to type yes (or はい: full-width letters and any
// case are accepted). It refuses without a terminal. Any other answer
// cancels: the cancel is said as a notice, not as an error (no
// "error:" before it), and the returned error only carries the exit code,
// 1, so that a script does not go on as if the change had been made.
func confirm(c *cli.Context, question string) (bool, error) {
	if !isTerminal(c.App.Reader) {
		return false, cli.Exit(tr.T("cli.confirm.no-terminal"), exitError)
	}
	fmt.Fprintf(c.App.ErrWriter, "\n%s\n  %s\n\n  %s", question, tr.T("cli.confirm.only-yes"), tr.T("cli.confirm.enter"))
	line, _ := bufio.NewReader(c.App.Reader).ReadString('\n')
	if isYes(line) {
		return true, nil
	}
	key := "cli.confirm.cancelled"
	if c.Command != nil && i18n.Has(c.Command.Name+".cancelled") {
		key = c.Command.Name + ".cancelled"
	}
	fmt.Fprintf(c.App.ErrWriter, "\n%s\n", tr.T(key))
	return false, cli.Exit("", exitError)
}

// isYes reports whether an answer approves: yes, はい or ハイ, in any case
// and width (ｙｅｓ typed with the Japanese input method on, ﾊｲ in
// half-width kana, count).
func isYes(answer string) bool {
	a := strings.ToLower(strings.TrimSpace(width.Fold.String(answer)))
	return a == "yes" || a == "はい" || a == "ハイ"
}

// MaxParallel is the most domains --parallel lets a run handle at once.
const MaxParallel = 1024
