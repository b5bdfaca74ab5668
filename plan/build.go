package plan

import (
	"context"
	"errors"
	"net"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// RecordStore is what plan needs of a DNS provider: read a zone's records
// and replace a whole (name, type) RRset (libdns semantics).
type RecordStore interface {
	libdns.RecordGetter
	libdns.RecordSetter
}

// RRsetGetter is implemented by stores that can read one name's records of
// one type without reading the whole zone (and by stores that cannot list a
// zone at all, such as the manual provider). name is relative to zone, "@"
// for the apex.
type RRsetGetter interface {
	GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error)
}

// NameProber is implemented by stores that can tell what ReadRRset needs
// of one name without reading the whole zone (Cloudflare and Route 53 list
// by name). name is relative to zone, "@" for the apex. ReadRRset uses it
// before RRsetGetter and GetRecords.
type NameProber interface {
	// NameRecords returns every record at name, of every type (an alias
	// record as an RR of its type whose data is the alias target).
	NameRecords(ctx context.Context, zone, name string) ([]libdns.Record, error)
	// HasBelow reports whether names below name have records (then name
	// exists as an empty non-terminal, RFC 8020).
	HasBelow(ctx context.Context, zone, name string) (bool, error)
	// WildcardFor returns the owner of the most specific wildcard, of any
	// type, that would answer for name ("*.sub" or "*", relative to
	// zone), or "" when none would.
	WildcardFor(ctx context.Context, zone, name string) (string, error)
}

// Backend is the provider a plan reads and writes through.
type Backend struct {
	Name    string // provider name
	Profile string // agency config profile, "" when none
	Store   RecordStore
	Manual  bool          // no API: apply prints the value to paste
	MinTTL  time.Duration // the provider's smallest TTL
	// NoLongTXT: the provider cannot write TXT values over 255 bytes safely;
	// such a change is refused when planned, not when applied.
	NoLongTXT bool
	// ZoneLock: other processes may write the store's zones (zone files),
	// so every write must be made under its LockZone (ZoneLocker); apply
	// refuses to write when Store does not offer it (a wrapper hiding it).
	ZoneLock bool
}

// DNS is what plan needs of the resolver besides lookup accounting: the SOA
// walk and CNAME detection. *resolver.Resolver satisfies it.
type DNS interface {
	FindZone(ctx context.Context, name string) (string, error)
	LookupCNAME(ctx context.Context, name string) (target string, ok bool, err error)
}

// DefaultTTL is the TTL of a created TXT record when none is given.
const DefaultTTL = time.Hour

// Config is the input of Build.
type Config struct {
	Backend  Backend
	Checker  *spfcheck.Checker
	DNS      DNS      // may be nil: then --zone or the provider's zone list is needed
	Includes []string // include targets to ensure, in order (A-labels)
	Removes  []string // include targets to remove
	Create   bool     // give a name with no SPF record a new one
	TTL      time.Duration
	Zone     string // the zone holding the targets, when known
	Parallel int    // targets handled at once; default 8
	// P is the language of the messages (the zero Printer is English).
	P i18n.Printer
}

// Build plans every target with one configuration, in input order.
func Build(ctx context.Context, cfg Config, targets []string) *Plan {
	jobs := make([]Job, len(targets))
	for i, t := range targets {
		jobs[i] = Job{Input: t, Config: &cfg}
	}
	return BuildJobs(ctx, jobs, cfg.Parallel)
}

// Job is one target with its own configuration (an agency config gives each
// domain its profile, zone and includes).
type Job struct {
	Input  string
	Config *Config
	// Err, when set, makes the job an error without any lookup (e.g. a bad
	// config entry), so it is still reported in order; Code is its code
	// (CodeBadTarget when empty).
	Err  error
	Code string
	// DuplicateOf, when set, names the earlier input for the same domain:
	// the job is reported as a no-op instead of planned twice.
	DuplicateOf string
}

// BuildJobs plans every job, parallel at a time, in input order; the result
// does not depend on the order they finish. A cancelled ctx stops starting
// new jobs; those are reported as errors.
func BuildJobs(ctx context.Context, jobs []Job, parallel int) *Plan {
	return BuildJobsNotify(ctx, jobs, parallel, nil)
}

// BuildJobsNotify is BuildJobs calling done (if not nil) for each change as
// it is planned, from one goroutine at a time, in completion order.
func BuildJobsNotify(ctx context.Context, jobs []Job, parallel int, done func(i int, c *Change)) *Plan {
	p := &Plan{Changes: make([]*Change, len(jobs))}
	var mu sync.Mutex
	notify := func(i int) {
		if done != nil {
			mu.Lock()
			done(i, p.Changes[i])
			mu.Unlock()
		}
	}
	if parallel <= 0 {
		parallel = 8
	}
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, j := range jobs {
		if j.DuplicateOf != "" {
			c := &Change{Target: Target{Input: j.Input}, Warnings: []spfedit.Warning{}, Action: NoOp, Code: CodeDuplicate}
			if t, err := ParseTarget(j.Input); err == nil {
				c.Target = t
			}
			if j.Config != nil {
				c.Provider = j.Config.Backend.Name
				c.Message = j.Config.P.T("plan.duplicate", j.Input, j.DuplicateOf)
			}
			p.Changes[i] = c
			notify(i)
			continue
		}
		if j.Err != nil || ctx.Err() != nil {
			c := &Change{Target: Target{Input: j.Input}, Warnings: []spfedit.Warning{}}
			var pr i18n.Printer
			if j.Config != nil {
				c.Provider = j.Config.Backend.Name
				pr = j.Config.P
			}
			if j.Err != nil {
				code := j.Code
				if code == "" {
					code = CodeBadTarget
				}
				p.Changes[i] = fail(c, code, Localize(pr, j.Err))
			} else {
				p.Changes[i] = fail(c, CodeInterrupted, pr.T("plan.interrupted", j.Input))
			}
			notify(i)
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			p.Changes[i] = BuildOne(ctx, *j.Config, j.Input)
			notify(i)
		}()
	}
	wg.Wait()
	return p
}

// fail makes c an error with a language-neutral code and a message for
// people (already in the run's language).
func fail(c *Change, code, msg string) *Change {
	c.Action, c.Code, c.Message = Error, code, msg
	return c
}

// BuildOne plans one target.
func BuildOne(ctx context.Context, cfg Config, input string) *Change {
	c := &Change{Provider: cfg.Backend.Name, Profile: cfg.Backend.Profile, Warnings: []spfedit.Warning{}}
	p := cfg.P
	t, err := ParseTarget(input)
	c.Target = t
	if err != nil {
		code := CodeBadTarget
		if errors.Is(err, ErrFreeMail) {
			code = CodeFreeMail
		}
		return fail(c, code, Localize(p, err))
	}
	c.Name = t.FQDN()
	zone, err := findZone(ctx, cfg, t.Domain)
	if err != nil {
		if missingOverDNS(ctx, cfg, t.Domain) {
			return fail(c, CodeNoSuchDomain, p.T("plan.no-such-domain.dns", t.Domain))
		}
		return fail(c, CodeNoZone, p.T("plan.no-zone", t.Domain, Localize(p, err)))
	}
	c.Zone = zone

	live, err := ReadRRset(ctx, cfg.Backend.Store, zone, c.Name)
	if err != nil {
		return fail(c, readErrCode(err), p.T("plan.read-failed", t.Domain, cfg.Backend.Name, Localize(p, err)))
	}
	c.Before = live.TXT
	c.Fingerprint = live.TXT.Fingerprint()
	// SPEC.md data-safety rule 9: the SPF record of a CNAME lives at its target.
	if live.CNAME != "" {
		return fail(c, CodeCNAME, cnameMessage(p, t.Domain, live.CNAME))
	}
	// A manual store reads over DNS, which follows CNAMEs: always ask.
	if cfg.DNS != nil && (len(live.TXT) == 0 || cfg.Backend.Manual) {
		if target, ok, err := cfg.DNS.LookupCNAME(ctx, t.Domain); err == nil && ok {
			return fail(c, CodeCNAME, cnameMessage(p, t.Domain, target))
		}
	}
	if cfg.Backend.Manual && cfg.Checker != nil && c.Name != zone {
		// Over DNS a wildcard answer looks like the name's own: ask for a
		// name beside it that cannot exist.
		if w := wildcardOverDNS(ctx, cfg.Checker.Resolver, c.Name, live.TXT.Texts()); w != "" {
			live.Wildcard = w
		}
	}
	if live.Wildcard != "" && (len(live.TXT) == 0 && !live.Exists || cfg.Backend.Manual) {
		return fail(c, CodeWildcard, p.T("plan.wildcard", t.Domain, live.Wildcard, t.Domain))
	}

	texts := live.TXT.Texts()
	idx, err := spfedit.Select(texts)
	if err != nil {
		if hc := finishHalfDone(ctx, cfg, c, texts); hc != nil { // halfdone.go
			return hc
		}
		return fail(c, CodeMultipleSPF, p.T("plan.multiple-spf", t.Domain, spfErrText(p, err)))
	}
	// An SPF record stored wrongly (quotes, a full-width space...) is no
	// SPF record to receivers (RFC 7208 §4.5), but it is the owner's:
	// creating one beside it, or changing another, would leave two once it
	// is corrected. The owner corrects that record first.
	if m, ok := spfedit.FindMangled(texts); ok {
		return fail(c, CodeMangledSPF, mangledMessage(p, t.Domain, m))
	}
	var before, after *spfedit.Record
	if idx < 0 {
		// A typo is not a name without SPF: never plan a record there.
		if msg := noSuchName(ctx, cfg, p, t.Domain, zone, live); msg != "" {
			return fail(c, CodeNoSuchDomain, msg)
		}
		if !cfg.Create {
			c.Situation = "no-spf-record"
			rec, _ := spfedit.New(cfg.Includes...)
			return fail(c, CodeNoSPF, p.T("plan.no-spf", t.Domain, rec.String()))
		}
		if len(cfg.Includes) == 0 {
			return fail(c, CodeNoSPF, p.T("plan.no-spf.no-include", t.Domain))
		}
		after, err = spfedit.New(cfg.Includes...)
		if err != nil {
			return fail(c, CodeSyntax, p.T("plan.syntax", t.Domain, spfErrText(p, err)))
		}
		c.Situation = "no-spf-record"
	} else {
		before, err = spfedit.Parse(texts[idx])
		if err != nil {
			return fail(c, CodeSyntax, p.T("plan.syntax.current", t.Domain, texts[idx], spfErrText(p, err)))
		}
		c.BeforeSPF = before.String()
		after = before.Clone()
		for _, n := range cfg.Removes {
			after.RemoveInclude(n)
		}
		for _, n := range cfg.Includes {
			if _, err := after.AddInclude(n); err != nil {
				return fail(c, CodeSyntax, p.T("plan.syntax", t.Domain, spfErrText(p, err)))
			}
		}
		c.Situation = "needs-include"
		if after.String() == before.String() {
			c.Situation = "already-authorised"
			// Present is not enough: an include after all is never evaluated,
			// and one with -, ~ or ? does not let the platform's mail pass.
			if fixed, bad := effectiveIncludes(before, cfg.Includes); bad != "" {
				c.Situation = "needs-include"
				return fail(c, CodeIneffective, p.T("plan.include-ineffective", t.Domain, bad, fixed))
			}
		}
	}
	c.AfterSPF = after.String()
	c.AfterStrings = spfedit.Split(c.AfterSPF)
	if len(c.AfterSPF) > spfedit.MaxStringLen && cfg.Backend.NoLongTXT && c.AfterSPF != c.BeforeSPF {
		return fail(c, CodeUnsafe, p.T("plan.long-txt", t.Domain, len(c.AfterSPF), cfg.Backend.Name))
	}
	c.Warnings = append(c.Warnings, after.Lint(cfg.Includes...)...)

	// Lookup accounting of the record as it is and as it would be.
	if cfg.Checker != nil {
		// One budget and deadline for the domain (--domain-timeout): both
		// accountings share them.
		actx, cancel := cfg.Checker.WithDomain(ctx)
		defer cancel()
		if before != nil {
			rb := cfg.Checker.Account(actx, t.Domain, before)
			c.LookupsBefore, c.VoidBefore = rb.Lookups, rb.VoidLookups
		}
		ra := cfg.Checker.Account(actx, t.Domain, after)
		c.LookupsAfter, c.VoidAfter = ra.Lookups, ra.VoidLookups
		// SPEC.md data-safety rule 4.
		if code, msg := limitRefusal(p, t.Domain, ra, c.AfterSPF == c.BeforeSPF); code != "" {
			return fail(c, code, msg)
		}
	}

	// The desired RRset: the SPF record replaced in place, every other
	// record exactly as read (SPEC.md data-safety rules 1 and 8).
	if idx >= 0 && c.AfterSPF == c.BeforeSPF {
		c.After = append(RRset(nil), c.Before...)
		c.Action = NoOp
		return c
	}
	c.After = append(RRset(nil), c.Before...)
	c.Inputs = NewInputs(cfg) // apply computes the SPF string again with them (guard.go)
	if idx >= 0 {
		c.After[idx] = TXT{Text: c.AfterSPF, TTL: c.Before[idx].TTL}
		c.Action = Update
	} else {
		ttl := cfg.TTL
		if ttl <= 0 {
			ttl = DefaultTTL
		}
		if len(c.Before) > 0 && c.Before[0].TTL > 0 {
			ttl = c.Before[0].TTL // the RRset keeps one TTL
		}
		if ttl < cfg.Backend.MinTTL {
			ttl = cfg.Backend.MinTTL
		}
		c.After = append(c.After, TXT{Text: c.AfterSPF, TTL: ttl})
		c.Action = Create
	}
	if cfg.Backend.Manual {
		c.Code = CodeManual
	}
	return c
}

func findZone(ctx context.Context, cfg Config, domain string) (string, error) {
	if cfg.Zone != "" {
		z := strings.ToLower(strings.TrimSuffix(cfg.Zone, ".")) + "."
		if d := domain + "."; d != z && !strings.HasSuffix(d, "."+z) {
			return "", msgErr(nil, "plan.zone.not-containing", cfg.Zone, domain)
		}
		return z, nil
	}
	var walkErr error
	if cfg.DNS != nil {
		z, err := cfg.DNS.FindZone(ctx, domain)
		if err == nil && z != "" {
			return strings.ToLower(strings.TrimSuffix(z, ".")) + ".", nil
		}
		walkErr = err
	}
	if zl, ok := cfg.Backend.Store.(libdns.ZoneLister); ok {
		zones, err := zl.ListZones(ctx)
		if err != nil {
			return "", msgErr(err, "plan.zone.list-failed", err)
		}
		best := ""
		d := domain + "."
		for _, z := range zones {
			zn := strings.ToLower(strings.TrimSuffix(z.Name, ".")) + "."
			if (d == zn || strings.HasSuffix(d, "."+zn)) && len(zn) > len(best) {
				best = zn
			}
		}
		if best != "" {
			return best, nil
		}
		return "", msgErr(nil, "plan.zone.none-contains", len(zones))
	}
	if walkErr != nil {
		return "", walkErr
	}
	return "", msgErr(nil, "plan.zone.no-soa")
}

// Live is what ReadRRset finds at a name.
type Live struct {
	TXT      RRset
	CNAME    string // the CNAME target, if the name is an alias
	Exists   bool   // the name has records of some type
	Wildcard string // a wildcard owner covering the name, when the store shows one
	// Listed: the store said whether the name exists and has names below
	// it (the whole zone was read, or a NameProber asked).
	Listed bool
	// Below: names under this one have records (it exists as an empty
	// non-terminal, RFC 8020).
	Below bool
}

// ReadRRset reads the TXT RRset at name (an FQDN) in zone, and whether the
// name is a CNAME, through the store.
func ReadRRset(ctx context.Context, store RecordStore, zone, name string) (Live, error) {
	var live Live
	rel := libdns.RelativeName(strings.ToLower(name), strings.ToLower(zone))
	if rel == "" {
		rel = "@"
	}
	if pr, ok := store.(NameProber); ok {
		return probeName(ctx, pr, zone, rel)
	}
	if g, ok := store.(RRsetGetter); ok {
		txts, err := g.GetRRset(ctx, zone, rel, "TXT")
		if err != nil {
			return live, err
		}
		for _, r := range txts {
			live.TXT = append(live.TXT, txtOf(r))
		}
		live.Exists = len(live.TXT) > 0
		if live.Exists {
			// A CNAME cannot share its name with other data (RFC 1034
			// §3.6.2), and a name with records of its own is not covered
			// by a wildcard (RFC 4592): nothing more to ask.
			return live, nil
		}
		// No TXT: a record will be created. What else is at the name, and
		// does a wildcard of any type cover it? One read of the zone where
		// the store can list it.
		if recs, err := store.GetRecords(ctx, zone); err == nil {
			scanZone(&live, recs, rel, zone, false)
			return live, nil
		}
		// Stores that cannot list a zone (manual): ask by RRset.
		if cn, err := g.GetRRset(ctx, zone, rel, "CNAME"); err == nil && len(cn) > 0 {
			live.CNAME = cn[0].RR().Data
		}
		if live.CNAME == "" && rel != "@" {
			labels := strings.Split(rel, ".")
			for i := 1; i <= len(labels); i++ {
				cand := strings.Join(append([]string{"*"}, labels[i:]...), ".")
				if w, err := g.GetRRset(ctx, zone, cand, "TXT"); err == nil && len(w) > 0 {
					live.Wildcard = libdns.AbsoluteName(cand, zone)
					break
				}
			}
		}
		return live, nil
	}
	recs, err := store.GetRecords(ctx, zone)
	if err != nil {
		return live, err
	}
	scanZone(&live, recs, rel, zone, true)
	return live, nil
}

// probeName is ReadRRset through a NameProber: the name's records of every
// type (one request at Cloudflare and Route 53, whatever the size of the
// zone); when it has none, the wildcard that would answer for it, and
// whether names below it have records (a few more, one a label at most).
// Exists, Below, CNAME and Wildcard mean what scanZone finds in a whole
// zone, so the same refusals follow (a CNAME, a name only a wildcard
// answers for, a name that does not exist).
func probeName(ctx context.Context, pr NameProber, zone, rel string) (Live, error) {
	live := Live{Listed: true}
	recs, err := pr.NameRecords(ctx, zone, rel)
	if err != nil {
		return live, err
	}
	for _, r := range recs {
		rr := r.RR()
		live.Exists = true
		switch rr.Type {
		case "TXT":
			live.TXT = append(live.TXT, txtOf(r))
		case "CNAME":
			live.CNAME = rr.Data
		}
	}
	if live.Exists || rel == "@" {
		// A name with records of its own is not covered by a wildcard
		// (RFC 4592), and the apex always exists.
		return live, nil
	}
	w, err := pr.WildcardFor(ctx, zone, rel)
	if err != nil {
		return live, err
	}
	if w != "" {
		live.Wildcard = libdns.AbsoluteName(w, zone)
		return live, nil // refused as a wildcard's name whatever is below
	}
	live.Below, err = pr.HasBelow(ctx, zone, rel)
	return live, err
}

// scanZone fills live from a whole zone: the TXT records at rel (when
// withTXT), whether rel has records of any type, its CNAME, and the most
// specific wildcard of any type that would answer for it.
func scanZone(live *Live, recs []libdns.Record, rel, zone string, withTXT bool) {
	wildBest := ""
	live.Listed = true
	for _, r := range recs {
		rr := r.RR()
		n := strings.ToLower(rr.Name)
		if n == "" {
			n = "@"
		}
		if rel == "@" || strings.HasSuffix(n, "."+rel) {
			live.Below = true
		}
		if n != rel {
			if strings.HasPrefix(n, "*") && covers(n, rel) && len(n) > len(wildBest) {
				wildBest = n
			}
			continue
		}
		live.Exists = true
		switch rr.Type {
		case "TXT":
			if withTXT {
				live.TXT = append(live.TXT, txtOf(r))
			}
		case "CNAME":
			live.CNAME = rr.Data
		}
	}
	if wildBest != "" {
		live.Wildcard = libdns.AbsoluteName(wildBest, zone)
	}
}

// covers reports whether the wildcard owner w ("*" or "*.sub", relative)
// would answer for the relative name n.
func covers(w, n string) bool {
	if n == "@" {
		return false
	}
	if w == "*" {
		return true
	}
	return strings.HasSuffix(n, strings.TrimPrefix(w, "*"))
}

// toLibdns turns an RRset into the libdns records for name in zone.
func toLibdns(zone, name string, s RRset) []libdns.Record {
	rel := libdns.RelativeName(strings.ToLower(name), strings.ToLower(zone))
	if rel == "" {
		rel = "@"
	}
	out := make([]libdns.Record, len(s))
	for i, t := range s {
		rec := libdns.TXT{Name: rel, TTL: t.TTL, Text: t.Text}
		if t.Strings != nil {
			// Kept as the record it is: a store that can write strings
			// (TXTStrings) writes these, not the text cut anew.
			out[i] = txtRecord{TXT: rec, strs: t.Strings}
			continue
		}
		out[i] = rec
	}
	return out
}

// isNotFound reports whether err is a DNS not-found answer.
func isNotFound(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound
}

// problems lists the lookup accounting's problems in p's language.
func problems(p i18n.Printer, r *spfcheck.Report) string {
	return strings.Join(p.Problems(r), p.T("plan.problems.sep"))
}

// wildcardOverDNS asks for TXT and A records at a made-up name beside name
// (one that cannot exist on its own). When a wildcard answers there and the
// name has no TXT, or the same TXT, the name's answer is the wildcard's: it
// returns the wildcard owner ("*.parent."), else "".
func wildcardOverDNS(ctx context.Context, r spfcheck.Resolver, name string, txts []string) string {
	i := strings.IndexByte(name, '.')
	if i < 0 || i+1 >= len(name) {
		return ""
	}
	parent := name[i+1:]
	// A fixed label no real zone uses, so that the names under one parent
	// share one (cached) probe.
	probe := "_spfpatch-no-such-name." + parent
	wild, err := r.LookupTXT(ctx, probe)
	if err != nil || len(wild) == 0 {
		if len(txts) > 0 {
			return ""
		}
		if addrs, err := r.LookupNetIP(ctx, "ip4", probe); err != nil || len(addrs) == 0 {
			return ""
		}
		return "*." + parent
	}
	if len(txts) > 0 {
		a, b := append([]string(nil), wild...), append([]string(nil), txts...)
		sort.Strings(a)
		sort.Strings(b)
		if strings.Join(a, "\x00") != strings.Join(b, "\x00") {
			return ""
		}
	}
	return "*." + parent
}

// effectiveIncludes checks that each wanted include, where present, would
// be evaluated and pass (spfedit.IncludeAt, shared with doctor). It returns
// the first one that would not, and the record with such includes made
// effective (spfedit.MakeIncludeEffective: moved before all, no qualifier).
func effectiveIncludes(rec *spfedit.Record, includes []string) (fixed, bad string) {
	f := rec.Clone()
	for _, n := range includes {
		st, i := rec.IncludeAt(n)
		if st != spfedit.IncludeQualified && st != spfedit.IncludeAfterAll {
			continue
		}
		if bad == "" {
			bad = rec.Term(i).Text
		}
		_, _ = f.MakeIncludeEffective(n)
	}
	if bad == "" {
		return "", ""
	}
	return f.String(), bad
}
