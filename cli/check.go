package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strconv"
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
	// As many idle sockets as lookups run at once (--parallel, 0 where the
	// command has no such flag: the resolver's default).
	cfg := resolver.Config{Timeout: c.Duration("dns-timeout"), ZoneDir: zoneDir, IdleSockets: c.Int("parallel")}
	// apply and rollback come back to every zone they asked about (to
	// write it): the zone files are read whole once, at the start, and
	// kept; the other commands read a file when a question falls into it.
	if c.Command != nil && (c.Command.Name == "apply" || c.Command.Name == "rollback") {
		cfg.KeepZones = true
	}
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

// DefaultCheckParallel is check's default --parallel, from the scale
// benchmark (bench/check.sh, 8 to 256 measured on two cores with the server
// on the same machine): 8 and 16 are up to a third slower than 32 to 128,
// which are within the noise of each other at 10,000 domains; at 50,000
// (a slower server) 128 is the fastest, 256 slower again. Against a remote
// resolver each query waits for the network, and more domains at once is
// what makes a run faster. 128 costs 3 MiB more than 64.
const DefaultCheckParallel = 128

// domainTimeoutFlag is --domain-timeout, the time the lookups of one domain
// may take (spfcheck.Checker.Timeout), for the commands that check records:
// check, plan, apply and doctor.
func domainTimeoutFlag() cli.Flag {
	return &cli.DurationFlag{Name: "domain-timeout", Value: spfcheck.DefaultTimeout, Usage: tr.T("dns.flag.domain-timeout", spfcheck.MaxQueries)}
}

// domainTimeout reads --domain-timeout: more than 0.
func domainTimeout(c *cli.Context) (time.Duration, error) {
	d := c.Duration("domain-timeout")
	if d <= 0 {
		return 0, cli.Exit(tr.T("dns.domain-timeout.bad", d), exitError)
	}
	return d, nil
}

// checkRun is what every target of one check run shares, worked out once:
// the flags, the include names, the commands suggested in messages.
type checkRun struct {
	Includes   []string
	IP         netip.Addr
	HasIP      bool
	Sender     string // --sender, "" when not given
	Helo       string // --helo, "" when not given
	DefaultExp string
	Format     string
	// NextFlags are the DNS flags of this run, for the commands suggested
	// in messages (so that they work as printed).
	NextFlags string
}

// checkArgs is one target of a run.
type checkArgs struct {
	*checkRun
	Target plan.Target
	Sender string
	Helo   string
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
			domainTimeoutFlag(),
			&cli.StringFlag{Name: "domains-file", Usage: tr.T("check.flag.domains-file")},
			&cli.StringFlag{Name: "config", EnvVars: []string{"SPFPATCH_CONFIG"}, Usage: tr.T("check.flag.config")},
			&cli.IntFlag{Name: "parallel", Value: DefaultCheckParallel, Usage: tr.T("check.flag.parallel")},
		),
		Action: runCheckAll,
	}
}

// newCheckRun reads the flags every target shares.
func newCheckRun(c *cli.Context) (*checkRun, error) {
	r := &checkRun{Format: c.String("format"), Sender: c.String("sender"), Helo: c.String("helo"),
		DefaultExp: c.String("default-explanation"), NextFlags: runFlags(c)}
	if err := checkFormat(r.Format); err != nil {
		return nil, err
	}
	for _, n := range c.StringSlice("include") {
		if strings.TrimSpace(n) == "" {
			continue
		}
		n, err := toASCII(n)
		if err != nil {
			return nil, err
		}
		r.Includes = append(r.Includes, n)
	}
	if s := c.String("ip"); s != "" {
		ip, err := netip.ParseAddr(s)
		if err != nil {
			return nil, cli.Exit(tr.T("check.bad-ip", s), exitError)
		}
		r.IP, r.HasIP = ip, true
	}
	return r, nil
}

// args makes the arguments of one target. A TARGET that is not a usable
// shop domain is a usage error, except with --ip: check_host() takes any
// sender or HELO name, and gives none for a malformed one (RFC 7208 §4.3).
func (r *checkRun) args(input string) (checkArgs, error) {
	a := checkArgs{checkRun: r, Sender: r.Sender, Helo: r.Helo}
	t, err := plan.ParseTarget(input)
	if err != nil {
		if !r.HasIP {
			return a, cli.Exit(plan.Localize(tr, err), exitError)
		}
		t = plan.Target{Input: input, Domain: strings.TrimSuffix(input, ".")}
		if i := strings.LastIndexByte(input, '@'); i >= 0 {
			t.Sender, t.Domain = input, strings.TrimSuffix(input[i+1:], ".")
		}
	}
	a.Target = t
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
	Includes     []string           `json:"includes"`
	Record       string             `json:"record"`
	Status       string             `json:"status"`
	Lookups      int                `json:"lookups"`
	VoidLookups  int                `json:"void_lookups"`
	VoidLookups4 int                `json:"void_lookups_ipv4"`
	VoidLookups6 int                `json:"void_lookups_ipv6"`
	LimitOK      bool               `json:"limit_ok"`
	Errors       []string           `json:"errors"`
	Problems     []spfcheck.Problem `json:"problems"`
}

// appendJSON appends r as one JSON line: what encoding/json gives for it
// (SetEscapeHTML(false)), written by hand because reflection was a sixth of
// the CPU time of checking thousands of domains (check_json_test.go holds
// the two to the same bytes).
func (r *checkResult) appendJSON(b []byte) []byte {
	b = append(b, '{')
	b = r.Report.AppendJSONFields(b)
	b = append(b, `,"target":`...)
	b = spfcheck.AppendJSONString(b, r.Target)
	if a := r.After; a != nil {
		b = append(b, `,"with_includes":{"includes":`...)
		b = spfcheck.AppendJSONStrings(b, a.Includes)
		b = append(b, `,"record":`...)
		b = spfcheck.AppendJSONString(b, a.Record)
		b = append(b, `,"status":`...)
		b = spfcheck.AppendJSONString(b, a.Status)
		b = strconv.AppendInt(append(b, `,"lookups":`...), int64(a.Lookups), 10)
		b = strconv.AppendInt(append(b, `,"void_lookups":`...), int64(a.VoidLookups), 10)
		b = strconv.AppendInt(append(b, `,"void_lookups_ipv4":`...), int64(a.VoidLookups4), 10)
		b = strconv.AppendInt(append(b, `,"void_lookups_ipv6":`...), int64(a.VoidLookups6), 10)
		b = strconv.AppendBool(append(b, `,"limit_ok":`...), a.LimitOK)
		b = append(b, `,"errors":`...)
		b = spfcheck.AppendJSONStrings(b, a.Errors)
		b = append(b, `,"problems":`...)
		b = spfcheck.AppendJSONProblems(b, a.Problems)
		b = append(b, '}')
	}
	if r.Result != nil {
		b = append(b, `,"result":`...)
		b = spfcheck.AppendJSONString(b, r.Result.String())
	}
	if r.Explanation != nil {
		b = append(b, `,"explanation":`...)
		b = spfcheck.AppendJSONString(b, *r.Explanation)
	}
	for _, f := range [...]struct{ key, v string }{{`,"mechanism":`, r.Mechanism}, {`,"ip":`, r.IP}, {`,"sender":`, r.Sender}} {
		if f.v != "" {
			b = append(b, f.key...)
			b = spfcheck.AppendJSONString(b, f.v)
		}
	}
	if r.NoSuchDomain {
		b = append(b, `,"no_such_domain":true`...)
	}
	b = append(b, `,"message":`...)
	b = spfcheck.AppendJSONString(b, r.Message)
	return append(b, '}', '\n')
}

// newAfterInclude is the with_includes object of the report ar.
func newAfterInclude(includes []string, ar *spfcheck.Report) *afterInclude {
	return &afterInclude{Includes: includes, Record: ar.Record, Status: ar.Status, Lookups: ar.Lookups,
		VoidLookups: ar.VoidLookups, VoidLookups4: ar.VoidLookups4, VoidLookups6: ar.VoidLookups6,
		LimitOK: ar.LimitOK, Errors: ar.Errors, Problems: localProblems(ar)}
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
// domains) with one resolver and one checker, --parallel at a time, and
// writes each result, in input order, as soon as it and those before it
// are done; then it is dropped, so memory does not grow with the number of
// targets. Exit 1 when a target is unusable or cannot be resolved at all;
// whatever the SPF results, 0 otherwise.
func runCheckAll(c *cli.Context) error {
	run, err := newCheckRun(c)
	if err != nil {
		return err
	}
	timeout, err := domainTimeout(c)
	if err != nil {
		return err
	}
	src, err := openTargets(c)
	if err != nil {
		return err
	}
	defer src.close()
	first, ok := src.peek(0)
	switch _, more := src.peek(1); {
	case !ok && src.err != nil:
		return src.err
	case !ok:
		return cli.Exit(tr.T("check.no-target"), exitError)
	case !more:
		// One target: a usage error is the command's error.
		if _, err := run.args(first); err != nil {
			return err
		}
	}
	res, err := newResolver(c)
	if err != nil {
		return err
	}
	defer res.Close()
	checker := &spfcheck.Checker{Resolver: res, DefaultExplanation: run.DefaultExp, Timeout: timeout}
	par := c.Int("parallel")
	if par <= 0 {
		par = DefaultCheckParallel
	}
	if _, more := src.peek(1); more {
		defer tuneGCForCheck()()
	}
	if err := streamChecks(c, checker, run, src, par); err != nil {
		return err
	}
	return src.err
}

// targetSource gives a check run's targets in order: the arguments, the
// lines of --domains-file, read as they are needed (not all held in memory
// at once), then the domains of --config.
type targetSource struct {
	args, cfg []string
	file      *os.File
	path      string
	sc        *bufio.Scanner
	ahead     []string // peeked, not yet taken
	err       error    // reading --domains-file failed
	total     int      // the number of targets, -1 when not known (for the progress)
}

// openTargets opens the targets of a run: the file's open error and a flag
// after the targets are usage errors at once, as are the config's errors.
func openTargets(c *cli.Context) (*targetSource, error) {
	s := &targetSource{args: c.Args().Slice()}
	for _, t := range s.args {
		if strings.HasPrefix(t, "-") {
			return nil, cli.Exit(tr.T("cli.flag-after-targets", t, c.Command.Name), exitError)
		}
	}
	if path := c.String("config"); path != "" {
		f, err := config.Load(path, isSecretSetting)
		if f == nil {
			return nil, cli.Exit(tr.ConfigError(err), exitError)
		}
		for _, d := range f.Domains {
			s.cfg = append(s.cfg, d.Target)
		}
	}
	if path := c.String("domains-file"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, cli.Exit(tr.T("cli.domains-file.open", err), exitError)
		}
		s.file, s.path, s.sc = f, path, bufio.NewScanner(f)
	}
	s.total = len(s.args) + len(s.cfg)
	if s.sc != nil && isTerminal(c.App.ErrWriter) {
		// The file's targets are counted only where a progress is shown.
		if n := countLines(s.path); n >= 0 {
			s.total += n
		} else {
			s.total = -1
		}
	}
	return s, nil
}

// countLines counts the targets of a --domains-file (lines with something
// besides a comment), or -1 when it is not a regular file (a pipe, read as
// the run goes: its length is not known). Nothing is kept.
func countLines(path string) int {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return -1
	}
	f, err := os.Open(path)
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) != "" {
			n++
		}
	}
	if sc.Err() != nil {
		return -1
	}
	return n
}

func (s *targetSource) close() {
	if s.file != nil {
		s.file.Close()
	}
}

// read returns the next target not yet read.
func (s *targetSource) read() (string, bool) {
	if len(s.args) > 0 {
		t := s.args[0]
		s.args = s.args[1:]
		return t, true
	}
	for s.sc != nil && s.sc.Scan() {
		line := s.sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		// A line that is not a domain ("-x" too) is refused as a target,
		// never dropped silently.
		if line = strings.TrimSpace(line); line != "" {
			return line, true
		}
	}
	if s.sc != nil {
		if err := s.sc.Err(); err != nil && s.err == nil {
			s.err = cli.Exit(tr.T("cli.domains-file.read", s.path, err), exitError)
		}
		s.sc = nil
	}
	if len(s.cfg) > 0 {
		t := s.cfg[0]
		s.cfg = s.cfg[1:]
		return t, true
	}
	return "", false
}

// peek returns the i-th target after those taken, without taking it.
func (s *targetSource) peek(i int) (string, bool) {
	for len(s.ahead) <= i {
		t, ok := s.read()
		if !ok {
			return "", false
		}
		s.ahead = append(s.ahead, t)
	}
	return s.ahead[i], true
}

// next takes the next target.
func (s *targetSource) next() (string, bool) {
	if len(s.ahead) > 0 {
		t := s.ahead[0]
		s.ahead = s.ahead[1:]
		return t, true
	}
	return s.read()
}

// checkOutput is what one target gives, ready to print: the result
// encoded by the worker that checked it (a JSON line, or the text block),
// or a usage error.
type checkOutput struct {
	out []byte
	err error
	// unresolved is the line of the final error for a domain that could
	// not be resolved at all, "" for the others.
	unresolved string
	// interrupted: the run was interrupted before the check ended; the
	// result is not a finished one and is not printed.
	interrupted bool
}

// maxUnresolvedShown bounds the lines of the final error listing the
// domains that could not be resolved.
const maxUnresolvedShown = 50

// maxPendingBytes bounds the results checked but not yet written (their
// bytes, plus pendingOverhead each): a slow domain holds back the output
// of those after it, not the work on them, until this much waits. A result
// is a few KiB (at most about 2 MiB for a hostile domain, see spfcheck), so
// this is thousands of domains of work behind one slow one, in bounded
// memory.
const (
	maxPendingBytes = 32 << 20
	pendingOverhead = 256
)

// checkStream holds the results done but not yet written, by input index.
type checkStream struct {
	mu      sync.Mutex
	done    map[int]checkOutput
	pending int           // bytes of done, with pendingOverhead each
	max     int           // the bound on pending (maxPendingBytes)
	total   int           // the number of jobs started, -1 while still starting
	ready   chan struct{} // a result is in, or total is set (for the writer)
	space   chan struct{} // a result was taken (for the feeder)
}

func newCheckStream(max int) *checkStream {
	return &checkStream{done: map[int]checkOutput{}, total: -1, max: max, ready: make(chan struct{}, 1), space: make(chan struct{}, 1)}
}

func notify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

func (s *checkStream) put(i int, out checkOutput) {
	s.mu.Lock()
	s.done[i] = out
	s.pending += len(out.out) + pendingOverhead
	s.mu.Unlock()
	notify(s.ready)
}

func (s *checkStream) setTotal(n int) {
	s.mu.Lock()
	s.total = n
	s.mu.Unlock()
	notify(s.ready)
}

// take waits for result i and takes it; false when no job i was started.
// Only the writer calls it.
func (s *checkStream) take(i int) (checkOutput, bool) {
	for {
		s.mu.Lock()
		if out, ok := s.done[i]; ok {
			delete(s.done, i)
			s.pending -= len(out.out) + pendingOverhead
			s.mu.Unlock()
			notify(s.space)
			return out, true
		}
		if s.total >= 0 && i >= s.total {
			s.mu.Unlock()
			return checkOutput{}, false
		}
		s.mu.Unlock()
		<-s.ready
	}
}

// waitSpace waits until the results waiting are under s.max bytes;
// false when ctx ends first. Only the feeder calls it.
func (s *checkStream) waitSpace(ctx context.Context) bool {
	for {
		s.mu.Lock()
		ok := s.pending < s.max
		s.mu.Unlock()
		if ok {
			return ctx.Err() == nil
		}
		select {
		case <-s.space:
		case <-ctx.Done():
			return false
		}
	}
}

// streamChecks checks the targets of src, par at a time, and writes the
// results in input order through one buffered writer. Each worker encodes
// its own results; those done while an earlier one is still being checked
// wait, up to maxPendingBytes, so that one slow domain does not hold back
// the work on the others. On an interrupt (Ctrl-C, SIGTERM, SIGHUP) no new
// target is started, the results are written up to the first one the
// interrupt cut short, a notice says how many, and the exit code is 1.
func streamChecks(c *cli.Context, checker *spfcheck.Checker, run *checkRun, src *targetSource, par int) error {
	ctx, cancel := context.WithCancel(c.Context)
	defer cancel()
	s := newCheckStream(maxPendingBytes)
	type job struct {
		i     int
		input string
	}
	jobs := make(chan job, par)
	var wg sync.WaitGroup
	for range par {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var scratch checkScratch
			for j := range jobs {
				s.put(j.i, scratch.check(ctx, checker, run, j.input))
			}
		}()
	}
	fed := make(chan struct{})
	go func() {
		defer close(fed)
		n := 0
		defer func() {
			s.setTotal(n)
			close(jobs)
		}()
		for s.waitSpace(ctx) {
			in, ok := src.next()
			if !ok {
				return
			}
			select {
			case jobs <- job{n, in}:
				n++
			case <-ctx.Done():
				return
			}
		}
	}()

	w := bufio.NewWriterSize(c.App.Writer, 64<<10)
	tty := isTerminal(c.App.Writer) // a person reading: show each result at once
	prog := newProgress(c.App.ErrWriter, src.total, tr.T("progress.check"))
	defer prog.finish()
	var unresolved []string
	moreUnresolved, bad, printed := 0, 0, 0
	var werr error
	for i := 0; ; i++ {
		out, ok := s.take(i)
		if !ok || out.interrupted {
			break
		}
		prog.step()
		if tty {
			prog.clear() // the result goes to the same terminal
		}
		if out.err != nil {
			bad++
			_ = w.Flush()
			fmt.Fprintf(c.App.ErrWriter, "spfpatch: %v\n", out.err)
			continue
		}
		if run.Format != "json" && printed > 0 {
			_ = w.WriteByte('\n')
		}
		if _, werr = w.Write(out.out); werr == nil && tty {
			werr = w.Flush()
		}
		putOutBuf(out.out) // written (or copied into w's buffer): reusable
		if werr != nil {
			break // the output is gone: stop
		}
		printed++
		if out.unresolved != "" {
			if len(unresolved) < maxUnresolvedShown {
				unresolved = append(unresolved, out.unresolved)
			} else {
				moreUnresolved++
			}
		}
	}
	cancel()
	wg.Wait()
	<-fed
	if err := w.Flush(); werr == nil {
		werr = err
	}
	if werr != nil {
		return werr
	}
	interrupted := c.Context.Err() != nil
	if interrupted {
		prog.clear()
		fmt.Fprintln(c.App.ErrWriter, tr.T("check.interrupted-notice", printed+bad))
	}
	if len(unresolved) > 0 {
		if moreUnresolved > 0 {
			unresolved = append(unresolved, tr.T("check.unresolved.more", moreUnresolved))
		}
		return cli.Exit(strings.Join(unresolved, "\n"), exitError)
	}
	if bad > 0 || interrupted {
		return cli.Exit("", exitError)
	}
	return nil
}

// checkScratch is one worker's buffers, reused from target to target.
type checkScratch struct {
	text bytes.Buffer
}

// outBufs holds the buffers of encoded results: the writer gives each
// back once written, so that the output (a few KB a domain) is not
// allocated anew for every domain.
var outBufs = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledOut: a buffer grown beyond this (a huge record) is left to the
// collector rather than kept.
const maxPooledOut = 64 << 10

func getOutBuf() []byte { return (*outBufs.Get().(*[]byte))[:0] }

func putOutBuf(b []byte) {
	if cap(b) == 0 || cap(b) > maxPooledOut {
		return
	}
	outBufs.Put(&b)
}

// check checks one target and encodes its result.
func (sc *checkScratch) check(ctx context.Context, checker *spfcheck.Checker, run *checkRun, input string) checkOutput {
	a, err := run.args(input)
	if err != nil {
		return checkOutput{err: err}
	}
	r := checkDomain(ctx, checker, a)
	if ctx.Err() != nil {
		return checkOutput{interrupted: true}
	}
	var out checkOutput
	if run.Format == "json" {
		out.out = r.appendJSON(getOutBuf())
	} else {
		sc.text.Reset()
		renderCheck(&sc.text, r)
		out.out = append(getOutBuf(), sc.text.Bytes()...)
	}
	if r.Status == "temperror" && r.Tree != nil && r.Tree.Error != "" && r.Record == "" {
		_, why := tr.Node(r.Tree)
		out.unresolved = tr.T("check.unresolved", termsafe.Line(r.Domain), termsafe.Line(why))
	}
	return out
}

// checkDomain checks one target within its own budget and time
// (spfcheck.Checker.WithDomain): the record as published, with the
// includes, and check_host() with --ip.
func checkDomain(ctx context.Context, checker *spfcheck.Checker, a checkArgs) checkResult {
	ctx, cancel := checker.WithDomain(ctx)
	defer cancel()
	rep := checker.Account(ctx, a.Target.Domain, nil)
	// The report is this run's own: its problems and warnings may take the
	// run's language (Errors and the shared tree stay English).
	rep.Problems = localProblems(rep)
	rep.Warnings = localWarnings(rep.Warnings)
	out := checkResult{Report: rep, Target: a.Target.Input}
	out.Message = statusMessage(rep, a.NextFlags)
	if rep.Status == "none" && spfcheck.ValidDomain(a.Target.Domain) { // a malformed name is not asked (RFC 7208 §4.3)
		if exists, err := nameExists(ctx, checker.Resolver, a.Target.Domain); err == nil && !exists {
			out.NoSuchDomain = true
			out.Message = tr.T("check.status.nxdomain", termsafe.Line(a.Target.Domain))
		}
	}
	if len(a.Includes) > 0 && rep.Record != "" && rep.Status != "none" {
		// The record as parsed for the accounting, not parsed again.
		if rec := rep.Parsed(); rec != nil {
			for _, n := range a.Includes {
				_, _ = rec.AddInclude(n)
			}
			out.After = newAfterInclude(a.Includes, checker.Account(ctx, a.Target.Domain, rec))
		}
	} else if len(a.Includes) > 0 && rep.Status == "none" && spfcheck.ValidDomain(a.Target.Domain) {
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
		if !spfcheck.ValidDomain(rep.Domain) {
			return tr.T("check.status.invalid-domain", rep.Domain)
		}
		// --provider manual works for any host: it prints the value to paste.
		if !strings.Contains(flags, "--provider") {
			flags = strings.TrimSpace("--provider manual " + flags)
		}
		return tr.T("check.status.none.prog", termsafe.Line(rep.Domain), thisProgram(), strings.TrimSpace(flags+" "+termsafe.Arg(rep.Domain)))
	case "ok":
		return tr.T("check.status.ok", rep.Lookups, spfcheck.MaxLookups)
	case "permerror":
		return tr.T("check.status.permerror")
	default:
		return tr.T("check.status.temperror")
	}
}

func renderCheck(w io.Writer, r checkResult) {
	fmt.Fprintf(w, "%s  %s\n", plan.DisplayName(tr, r.Domain), statusWord(r.Status))
	if r.Record != "" {
		fmt.Fprintf(w, "  %s\n", tr.T("check.text.record", termsafe.Line(r.Record)))
	}
	fmt.Fprintf(w, "  %s\n", tr.T("check.text.lookups", r.Lookups, spfcheck.MaxLookups, r.VoidLookups, spfcheck.MaxVoidLookups, r.VoidLookups4, r.VoidLookups6))
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
		fmt.Fprintf(w, "  %s\n    %s\n", tr.T("check.text.with", termsafe.Line(strings.Join(r.After.Includes, tr.T("check.text.with.include-sep"))), termsafe.Line(r.After.Record)),
			tr.T("check.text.with.lookups", r.Lookups, r.After.Lookups, spfcheck.MaxLookups, verdict))
	}
	if r.Result != nil {
		line := tr.T("check.text.result", r.IP, termsafe.Line(r.Sender), *r.Result)
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
