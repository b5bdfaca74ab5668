package plan

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// The write guard: every write goes through guard, whatever produced the
// change (a plan made in this run, a saved plan file, a journal being rolled
// back). Under the zone's lock, against the RRset just re-read, it computes
// the RRset to write itself, from the live RRset and what the change was
// made from (its Inputs, or the journal entry it restores), and refuses the
// change when:
//   - the change's "after" is not exactly that RRset (a saved plan or a
//     journal edited by hand: the difference is shown);
//   - that RRset differs from the live one in anything but the one SPF
//     string (every other TXT record, its strings and TTL, stay as read);
//   - the SPF record it writes fails the lookup accounting now, on live DNS
//     (RFC 7208 §4.6.4: 10 lookups, 2 void lookups; a broken include).
// The RRset handed to the provider is the one guard computed, never a
// change's "after" as read from a file.

// Inputs are what a change was computed from: the includes to ensure and to
// remove, whether a name without an SPF record gets one, and the TTL asked
// for a new record. Saved plans and journals carry them so that apply and
// rollback can compute the SPF string again from the live record.
type Inputs struct {
	Includes []string `json:"includes"`
	Removes  []string `json:"removes,omitempty"`
	Create   bool     `json:"create,omitempty"`
	// TTL of a created record, in seconds (0: the default); the RRset's own
	// TTL wins when it has records.
	TTL int64 `json:"ttl,omitempty"`
	// Inverse marks the inputs of a change that undid them (a rollback's
	// journal entry): the entry's "before" is what they make of its
	// "after" (chain.go).
	Inverse bool `json:"inverse,omitempty"`
	// Then are the inputs of the changes made after this one, in order,
	// when a rollback undoes several applies of one name at once.
	Then []*Inputs `json:"then,omitempty"`
}

// NewInputs returns the Inputs of a plan configuration.
func NewInputs(cfg Config) *Inputs {
	return &Inputs{
		Includes: append([]string{}, cfg.Includes...),
		Removes:  append([]string(nil), cfg.Removes...),
		Create:   cfg.Create,
		TTL:      int64(cfg.TTL / time.Second),
	}
}

// Restore is what a rollback change restores: the journal entry's before
// and after RRsets and the inputs the apply had (required: see chain.go).
type Restore struct {
	Before RRset   `json:"before"`
	After  RRset   `json:"after"`
	Inputs *Inputs `json:"inputs,omitempty"`
}

// ZoneLocker is implemented by stores whose data other processes may change
// too (the zonefile provider): LockZone waits until no other spfpatch
// process (and no other goroutine) holds the zone, and returns a context
// under which the store's reads and writes of that zone know the lock is
// theirs, and the function that releases it. Apply holds it from the
// re-read before a write to the read-back after it.
type ZoneLocker interface {
	LockZone(ctx context.Context, zone string) (context.Context, func(), error)
}

// WriteSyncer is implemented by stores that leave part of their writes'
// durability to one call at the end of a run: the zonefile provider syncs
// each new zone file before renaming it over the old one, and the
// directories of those renames once, in SyncWrites.
type WriteSyncer interface {
	SyncWrites() error
}

// CommitBarrierer is implemented by stores that make a write visible in one
// step (the zonefile provider's rename): WithCommitBarrier returns a context
// under which a write calls barrier just before that step, and does not
// take the step when barrier fails. Apply passes the function that puts the
// write's journal intent on disk.
type CommitBarrierer interface {
	WithCommitBarrier(ctx context.Context, barrier func() error) context.Context
}

// GuardError is a write the guard refused. Code is a Change code.
type GuardError struct {
	Code string
	Msg  string // in the run's language
}

func (e *GuardError) Error() string { return e.Msg }

func refuse(code, msg string) error { return &GuardError{Code: code, Msg: msg} }

// Codes of the guard's refusals.
const (
	// CodePlanEdited: a saved plan's "after" is not what its inputs make
	// of the live record.
	CodePlanEdited = "plan-file-changed"
	// CodeJournalEdited: a journal entry does not hold together (its
	// "after" is not what its inputs make of its "before", or its "before"
	// differs from the live RRset in more than the SPF record).
	CodeJournalEdited = "journal-changed"
	// CodeNotOnlySPF: the RRset to write differs from the live one in more
	// than the SPF string.
	CodeNotOnlySPF = "not-only-spf"
)

// spfIndex returns the index of the one SPF record of s, -1 when there is
// none, or an error for two.
func spfIndex(s RRset) (int, error) { return spfedit.Select(s.Texts()) }

// desiredSPF is the SPF string the inputs make of an RRset (Build's rule):
// its SPF record with the removes taken out and the includes added, or a new
// record when there is none and Create is set. idx is the SPF record's index
// in s, -1 when a record is created.
func desiredSPF(p i18n.Printer, domain string, s RRset, in *Inputs) (spf string, idx int, err error) {
	idx, err = spfIndex(s)
	if err != nil {
		return "", 0, refuse(CodeMultipleSPF, p.T("plan.multiple-spf", domain, spfErrText(p, err)))
	}
	if idx < 0 {
		if !in.Create || len(in.Includes) == 0 {
			return "", -1, refuse(CodeNoSPF, p.T("guard.no-spf", domain))
		}
		rec, err := spfedit.New(in.Includes...)
		if err != nil {
			return "", -1, refuse(CodeSyntax, p.T("plan.syntax", domain, spfErrText(p, err)))
		}
		return rec.String(), -1, nil
	}
	rec, err := spfedit.Parse(s[idx].Text)
	if err != nil {
		return "", idx, refuse(CodeSyntax, p.T("plan.syntax.current", domain, s[idx].Text, spfErrText(p, err)))
	}
	for _, n := range in.Removes {
		rec.RemoveInclude(n)
	}
	for _, n := range in.Includes {
		if _, err := rec.AddInclude(n); err != nil {
			return "", idx, refuse(CodeSyntax, p.T("plan.syntax", domain, spfErrText(p, err)))
		}
	}
	return rec.String(), idx, nil
}

// withSPF returns live with its SPF record's text replaced by spf (idx >= 0,
// the TTL kept), removed (spf ""), or a new record of TTL ttl appended
// (idx < 0).
func withSPF(live RRset, idx int, spf string, ttl time.Duration) RRset {
	return withSPFRecord(live, idx, TXT{Text: spf, TTL: ttl})
}

// withSPFRecord is withSPF with the SPF record given whole (its strings
// too, when known): a replaced record keeps the live one's TTL.
func withSPFRecord(live RRset, idx int, rec TXT) RRset {
	out := make(RRset, 0, len(live)+1)
	for i, t := range live {
		if i != idx {
			out = append(out, t)
			continue
		}
		if rec.Text != "" {
			rec.TTL = t.TTL
			out = append(out, rec)
		}
	}
	if idx < 0 && rec.Text != "" {
		out = append(out, rec)
	}
	return out
}

// createTTL is the TTL of a created SPF record (Build's rule): the RRset's
// TTL when it has records, else the TTL asked for or the default, never
// under the provider's minimum.
func createTTL(live RRset, in *Inputs, minTTL time.Duration) time.Duration {
	ttl := DefaultTTL
	if in != nil && in.TTL > 0 {
		ttl = time.Duration(in.TTL) * time.Second
	}
	if len(live) > 0 && live[0].TTL > 0 {
		ttl = live[0].TTL
	}
	if ttl < minTTL {
		ttl = minTTL
	}
	return ttl
}

// restoreRRset is the RRset a rollback writes: live with its SPF record
// replaced by the journal's "before" SPF record (or removed, or added), and
// nothing else. It refuses a journal entry that does not hold together: its
// "before" must equal live in everything but the SPF record, and its
// "after" must be what its inputs make of its "before".
func restoreRRset(p i18n.Printer, domain string, live RRset, r *Restore) (RRset, error) {
	bIdx, err := spfIndex(r.Before)
	if err != nil {
		return nil, refuse(CodeJournalEdited, p.T("guard.journal-changed", domain, spfErrText(p, err)))
	}
	lIdx, err := spfIndex(live)
	if err != nil {
		return nil, refuse(CodeMultipleSPF, p.T("plan.multiple-spf", domain, spfErrText(p, err)))
	}
	if err := entryHolds(p, domain, r.Before, r.After, r.Inputs); err != nil {
		return nil, err
	}
	// Everything but the SPF record: the journal's "before" and live agree.
	others := func(s RRset, idx int) RRset { return withSPF(s, idx, "", 0) }
	if a, b := matchRRsets(others(r.Before, bIdx), others(live, lIdx), false); len(a) > 0 || len(b) > 0 {
		return nil, refuse(CodeJournalEdited, p.T("guard.journal-others", domain, diffLines(p, a, b, "diff.in-journal", "diff.live")))
	}
	// The SPF record goes back as it was, its strings too.
	var rec TXT
	if bIdx >= 0 {
		rec = r.Before[bIdx]
		if len(live) > 0 && lIdx < 0 {
			rec.TTL = live[0].TTL // the RRset keeps one TTL
		}
	}
	return withSPFRecord(live, lIdx, rec), nil
}

// counted is the lookup accounting of one SPF string, made before the
// zone's lock was taken (applyOne): guard uses it when the string it
// computes under the lock is that one, and counts again otherwise.
type counted struct {
	spf string
	r   *spfcheck.Report
}

// nameFits refuses a write that the name, as just re-read under the lock,
// no longer allows: a name outside the change's zone or other than its
// target's, a CNAME (no other data may stand beside it, RFC 1034 §3.6.2), a
// name answered only by a wildcard (RFC 4592), or a record to create at a
// name that no longer exists.
func nameFits(p i18n.Printer, c *Change, live Live) error {
	domain := c.Target.Domain
	switch {
	case !inZone(c.Zone, c.Name) || !sameName(domain, c.Name):
		return refuse(CodeBadTarget, p.T("guard.name-not-in-zone", c.Name, c.Zone, domain))
	case live.CNAME != "":
		return refuse(CodeCNAME, cnameMessage(p, domain, live.CNAME))
	case len(live.TXT) > 0:
		return nil
	case live.Wildcard != "" && !live.Exists:
		return refuse(CodeWildcard, p.T("plan.wildcard", domain, live.Wildcard, domain))
	case live.Listed && !live.Exists && !live.Below && !strings.EqualFold(c.Name, c.Zone):
		return refuse(CodeNoSuchDomain, p.T("plan.no-such-domain", domain, strings.TrimSuffix(c.Zone, ".")))
	}
	return nil
}

// guard computes the RRset to write for c from live (read under the zone's
// lock) and checks it; see the comment at the top of this file. pre, when
// not nil, is the lookup accounting made before the lock was taken. It
// returns that RRset, or a *GuardError.
func guard(ctx context.Context, cfg ApplyConfig, b Backend, c *Change, lv Live, pre *counted) (RRset, error) {
	p := cfg.P
	domain := c.Target.Domain
	live := lv.TXT
	if err := nameFits(p, c, lv); err != nil {
		return nil, err
	}
	var want RRset
	switch {
	case c.Rollback:
		r := c.Restore
		if r == nil {
			return nil, refuse(CodeJournalEdited, p.T("guard.journal-no-inputs", domain))
		}
		// The journal entry must hold together whichever way it is
		// restored (chain.go).
		if err := entryHolds(p, domain, r.Before, r.After, r.Inputs); err != nil {
			return nil, err
		}
		if w, ok := halfDoneRestore(live, r); ok { // halfdone.go
			want = w
			break
		}
		w, err := restoreRRset(p, domain, live, r)
		if err != nil {
			return nil, err
		}
		want = w
	default:
		if c.Inputs == nil || c.Inputs.Inverse || len(c.Inputs.Then) > 0 {
			return nil, refuse(CodePlanEdited, p.T("guard.no-inputs", domain))
		}
		if w, ok := halfDoneWant(live, c.Inputs); ok { // halfdone.go
			want = w
			break
		}
		spf, idx, err := desiredSPF(p, domain, live, c.Inputs)
		if err != nil {
			return nil, err
		}
		want = withSPF(live, idx, spf, createTTL(live, c.Inputs, b.MinTTL))
	}
	// The change's "after" (and the SPF string shown) must be exactly what
	// was computed: otherwise the file it came from was edited.
	if a, w := matchRRsets(c.After, want, false); len(a) > 0 || len(w) > 0 || c.AfterSPF != spfOf(want) {
		code, key, label := CodePlanEdited, "guard.plan-changed", "diff.in-plan"
		switch {
		case c.Rollback:
			code, key, label = CodeJournalEdited, "guard.journal-changed", "diff.in-journal"
		case !c.FromFile:
			key = "guard.plan-inconsistent"
		}
		diff := diffLines(p, w, a, "diff.from-inputs", label)
		if diff == "" {
			diff = DiffSPF(p, spfOf(want), c.AfterSPF, "diff.from-inputs", label)
		}
		return nil, refuse(code, p.T(key, domain, diff))
	}
	if err := onlySPFDiffers(p, domain, live, want); err != nil {
		return nil, err
	}
	// The record as it will be, counted now on live DNS (before the lock
	// was taken, when that was the same record).
	if spf := spfOf(want); spf != "" {
		if cfg.Checker == nil {
			return nil, refuse(CodeOverLimit, p.T("guard.no-checker", domain))
		}
		var r *spfcheck.Report
		if pre != nil && pre.spf == spf {
			r = pre.r
		} else {
			rec, err := spfedit.Parse(spf)
			if err != nil {
				return nil, refuse(CodeSyntax, p.T("plan.syntax", domain, spfErrText(p, err)))
			}
			r = cfg.Checker.Account(ctx, domain, rec)
		}
		if err := limitsHold(p, domain, r); err != nil {
			return nil, err
		}
	}
	return want, nil
}

// precount counts the lookups of the SPF string c means to write, before
// the zone's lock is taken, so the lock is not held while DNS answers.
func precount(ctx context.Context, cfg ApplyConfig, c *Change) *counted {
	if cfg.Checker == nil || c.AfterSPF == "" {
		return nil
	}
	rec, err := spfedit.Parse(c.AfterSPF)
	if err != nil {
		return nil
	}
	return &counted{spf: c.AfterSPF, r: cfg.Checker.Account(ctx, c.Target.Domain, rec)}
}

// limitsHold refuses a record whose lookup accounting fails (RFC 7208
// §4.6.4: 10 lookups, 2 void lookups; a broken include; a DNS failure).
func limitsHold(p i18n.Printer, domain string, r *spfcheck.Report) error {
	switch {
	case r.Lookups > spfcheck.MaxLookups:
		return refuse(CodeOverLimit, p.T("guard.over-limit", domain, r.Lookups, spfcheck.MaxLookups, strings.Join(r.Costliest(3), ", ")))
	case r.VoidLookups > spfcheck.MaxVoidLookups || !r.LimitOK:
		return refuse(CodeOverLimit, p.T("guard.over-void-limit", domain, problems(p, r)))
	case r.Status == "permerror":
		return refuse(CodeBrokenInclude, p.T("guard.permerror", domain, problems(p, r)))
	case r.Status == "temperror":
		return refuse(CodeDNS, p.T("guard.temperror", domain, problems(p, r)))
	}
	return nil
}

// onlySPFDiffers checks that want differs from live in at most the one SPF
// record: one record out and one in, both SPF, the TTL kept (or one SPF
// record added or removed).
func onlySPFDiffers(p i18n.Printer, domain string, live, want RRset) error {
	gone, added := matchRRsets(live, want, false)
	ok := len(gone) <= 1 && len(added) <= 1
	for _, t := range append(append(RRset(nil), gone...), added...) {
		ok = ok && spfedit.IsSPF(t.Text)
	}
	if ok && len(gone) == 1 && len(added) == 1 && gone[0].TTL != added[0].TTL {
		ok = false
	}
	if ok && len(gone) == 0 && len(added) == 1 && len(live) > 0 && live[0].TTL > 0 && added[0].TTL != live[0].TTL {
		// A created record joins the RRset's TTL, when it is known (a
		// record read over DNS by the manual provider has none: createTTL).
		ok = false
	}
	if !ok {
		return refuse(CodeNotOnlySPF, p.T("guard.not-only-spf", domain, diffLines(p, gone, added, "diff.live", "diff.to-write")))
	}
	return nil
}

// diffLines lists the records of a and of b, one a line, labelled.
func diffLines(p i18n.Printer, a, b RRset, labelA, labelB string) string {
	var lines []string
	for _, t := range a {
		lines = append(lines, p.T(labelA, recordText(t)))
	}
	for _, t := range b {
		lines = append(lines, p.T(labelB, recordText(t)))
	}
	return strings.Join(lines, "\n")
}

// DiffSPF shows two SPF strings, labelled.
func DiffSPF(p i18n.Printer, a, b, labelA, labelB string) string {
	return p.T(labelA, quoteTXT(a)) + "\n" + p.T(labelB, quoteTXT(b))
}

// recordText shows one record: its strings as a zone file writes them (the
// text when they are not known) and its TTL.
func recordText(t TXT) string {
	s := quoteTXT(t.Text)
	if t.Strings != nil {
		s = quoteStrings(t.Strings)
	}
	return s + " (TTL " + strconv.FormatInt(int64(t.TTL/time.Second), 10) + ")"
}

// txtOf is the TXT of a record a store returned: its text, TTL and, when
// the store gives them (a method TXTStrings() []string, as the zonefile
// provider's records have), its character-strings.
func txtOf(r libdns.Record) TXT {
	rr := r.RR()
	t := TXT{Text: rr.Data, TTL: rr.TTL}
	if s, ok := r.(interface{ TXTStrings() []string }); ok {
		if ss := s.TXTStrings(); ss != nil && strings.Join(ss, "") == rr.Data {
			t.Strings = append([]string{}, ss...)
		}
	}
	return t
}

// txtRecord is a TXT record handed to a store: a libdns.TXT that also
// carries its character-strings (TXTStrings), so a store that can write
// them as they are (zonefile) keeps each record as it was read instead of
// cutting its joined text anew.
type txtRecord struct {
	libdns.TXT
	strs []string
}

// TXTStrings returns the record's character-strings, or nil.
func (t txtRecord) TXTStrings() []string { return t.strs }

// guardCode is the Change code of a guard refusal, "" for other errors.
func guardCode(err error) string {
	var g *GuardError
	if errors.As(err, &g) {
		return g.Code
	}
	return ""
}

// CodedError is implemented by provider errors that carry their own Change
// code and catalog message (the zonefile provider's: a zone file that does
// not parse, $GENERATE, $INCLUDE), so that they are reported in the run's
// language under their own code, not as a bare provider error. plan does
// not import any provider: it finds them with errors.As.
type CodedError interface {
	error
	ChangeCode() string
	MessageKey() string
	MessageArgs() []any
}

// readErrCode is the Change code of an error reading from a provider.
func readErrCode(err error) string {
	var ce CodedError
	if errors.As(err, &ce) {
		return ce.ChangeCode()
	}
	return CodeProvider
}

// ReadErrCode is readErrCode for Build: the code of a provider read error.
func ReadErrCode(err error) string { return readErrCode(err) }

// SPF returns the SPF record's text of an RRset, "" when it has none.
func (s RRset) SPF() string { return spfOf(s) }
