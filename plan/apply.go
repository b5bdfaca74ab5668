package plan

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// ApplyConfig is the input of Apply.
type ApplyConfig struct {
	Backend Backend
	// Backends holds the backend of each agency-config profile, by name;
	// a change with a Profile is written through its own.
	Backends map[string]Backend
	Journal  *Journal // required unless every change is a no-op or manual
	// Checker counts the lookups of every record about to be written, on
	// live DNS (required for writes: see guard.go).
	Checker  *spfcheck.Checker
	Parallel int
	// P is the language of the messages (the zero Printer is English).
	P i18n.Printer
}

// Applied is what happened to one change.
type Applied struct {
	Change *Change `json:"change"`
	// Status is one of the journal's Status* values.
	Status string `json:"status"`
	Holds  RRset  `json:"holds,omitempty"` // what the provider holds after the write
	Error  string `json:"error,omitempty"`
	// Code says why a change was not written (a Change code: drift,
	// plan-file-changed, over-limit...), "" otherwise.
	Code string `json:"code,omitempty"`
}

// Failed reports whether the change did not end where it should.
func (a *Applied) Failed() bool {
	switch a.Status {
	case StatusWritten, StatusManual:
		return false
	case StatusUnchanged:
		return a.Change.Action == Error
	}
	return true
}

// Apply writes every pending change of p and reports each outcome in plan
// order (ApplyRun; an error making the run durable at its end is added to
// the error of each change the run wrote).
func Apply(ctx context.Context, cfg ApplyConfig, p *Plan) []*Applied {
	out, err := ApplyRun(ctx, cfg, p)
	if err != nil {
		for _, a := range out {
			if a.Status == StatusWritten || a.Status == StatusUnknown || a.Status == StatusMismatch {
				a.Error = strings.TrimSpace(a.Error + "\n" + Localize(cfg.P, err))
			}
		}
	}
	return out
}

// ApplyRun writes every pending change of p and reports each outcome in
// plan order. Names in one zone are written one at a time; zones in
// parallel. The error is about the end of the run: syncing what the stores
// left to one call (the zone files' directories) or the journal's last
// lines failed, so some writes or their results may not survive a crash of
// the system. Its errors are *MsgError.
func ApplyRun(ctx context.Context, cfg ApplyConfig, p *Plan) ([]*Applied, error) {
	out := make([]*Applied, len(p.Changes))
	zoneLocks := map[string]*sync.Mutex{}
	var mu sync.Mutex
	lockFor := func(zone string) *sync.Mutex {
		mu.Lock()
		defer mu.Unlock()
		if zoneLocks[zone] == nil {
			zoneLocks[zone] = &sync.Mutex{}
		}
		return zoneLocks[zone]
	}
	n := cfg.Parallel
	if n <= 0 {
		n = 8
	}
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, c := range p.Changes {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			// The record to write is counted before any lock is taken
			// (this run's per zone, the zone file's): no lock is held
			// while DNS answers. guard uses the count when the record it
			// computes under the lock is this one.
			var pre *counted
			if c.Action.Pending() && ctx.Err() == nil {
				pre = precount(ctx, cfg, c)
			}
			if c.Action.Pending() && !cfg.backend(c).Manual {
				l := lockFor(cfg.backend(c).Name + "/" + c.Zone)
				l.Lock()
				defer l.Unlock()
			}
			out[i] = applyOne(ctx, cfg, c, pre)
		}()
	}
	wg.Wait()
	// Durability at the end of the run: first what the stores left to one
	// call (the zone files' directories, so their renames are on disk),
	// then the journal's lines not yet on disk. (Result lines written with
	// a later intent's fsync may be on disk before a rename's directory
	// is: see the Journal comment.)
	var errs []error
	synced := map[RecordStore]bool{}
	for _, b := range append([]Backend{cfg.Backend}, BackendList(cfg.Backends)...) {
		if s, ok := b.Store.(WriteSyncer); ok && b.Store != nil && !synced[b.Store] {
			synced[b.Store] = true
			if err := s.SyncWrites(); err != nil {
				errs = append(errs, msgErr(err, "apply.sync-failed", err))
			}
		}
	}
	if err := cfg.Journal.Flush(); err != nil {
		errs = append(errs, msgErr(err, "apply.journal-flush-failed", Localize(cfg.P, err)))
	}
	switch len(errs) {
	case 0:
		return out, nil
	case 1:
		return out, errs[0]
	}
	return out, msgErr(errors.Join(errs...), "apply.end-failed", Localize(cfg.P, errs[0]), Localize(cfg.P, errs[1]))
}

// BackendList returns the backends of a map (the agency profiles'), in no
// particular order.
func BackendList(m map[string]Backend) []Backend {
	out := make([]Backend, 0, len(m))
	for _, b := range m {
		out = append(out, b)
	}
	return out
}

func (cfg ApplyConfig) backend(c *Change) Backend {
	if b, ok := cfg.Backends[c.Profile]; ok && c.Profile != "" {
		return b
	}
	return cfg.Backend
}

func applyOne(ctx context.Context, cfg ApplyConfig, c *Change, pre *counted) *Applied {
	a := &Applied{Change: c}
	p := cfg.P
	backend := cfg.backend(c)
	switch {
	case c.Action == Error:
		a.Status, a.Error = StatusUnchanged, c.Message
		return a
	case !c.Action.Pending():
		a.Status = StatusUnchanged
		return a
	case ctx.Err() != nil:
		a.Status, a.Error, a.Code = StatusNotTried, p.T("apply.interrupted", c.Target.Domain), CodeInterrupted
		return a
	}
	if cfg.Journal == nil && !backend.Manual {
		a.Status, a.Error = StatusNotTried, p.T("apply.no-journal")
		return a
	}
	store := backend.Store
	// Other processes: a store whose data they may write too (zone files)
	// is locked from the re-read to the read-back. A backend that must be
	// locked but whose store does not offer it (a wrapper hiding it) is
	// refused, not written unlocked.
	l, locks := store.(ZoneLocker)
	if backend.ZoneLock && !locks {
		a.Status, a.Error = StatusNotTried, p.T("apply.lock-hidden", c.Target.Domain, backend.Name)
		return a
	}
	if locks && !backend.Manual {
		lctx, unlock, err := l.LockZone(ctx, c.Zone)
		if err != nil {
			a.Status, a.Error = StatusNotTried, p.T("apply.lock-failed", c.Target.Domain, Localize(p, err))
			if ctx.Err() != nil {
				a.Code = CodeInterrupted
			}
			return a
		}
		defer unlock()
		ctx = lctx
	}
	// SPEC.md data-safety rule 2: re-read the RRset just before writing,
	// under the zone's lock, and refuse if it is not the one the plan was
	// made from. Without this, a TXT record added while a long run was
	// planning would be dropped by the whole-RRset write. (A manual
	// backend reads over DNS: the value to paste is checked the same way.)
	live, err := ReadRRset(ctx, store, c.Zone, c.Name)
	if err != nil {
		a.Status, a.Error, a.Code = StatusNotTried, p.T("apply.reread-failed", c.Target.Domain, Localize(p, err)), readErrCode(err)
		return a
	}
	a.Holds = live.TXT
	if live.TXT.Fingerprint() != c.Fingerprint {
		if live.TXT.Equal(c.After) {
			// Already as planned (a saved plan applied again after a
			// partial run, or by another process).
			a.Status = StatusUnchanged
			return a
		}
		a.Status, a.Code = StatusNotTried, CodeDrift
		a.Error = p.T("apply.drift", c.Target.Domain, DiffRRsets(p, c.Before, live.TXT))
		return a
	}
	// The one choke point: the RRset to write is computed here from the
	// live one and checked (only the SPF string changes; a saved plan or a
	// journal edited by hand is refused; the lookup limits hold now).
	want, err := guard(ctx, cfg, backend, c, live, pre)
	if err != nil {
		a.Status, a.Error, a.Code = StatusNotTried, err.Error(), guardCode(err)
		return a
	}
	if backend.Manual {
		// Nothing to write: the user pastes the value guard computed.
		c.AfterSPF = spfOf(want)
		c.AfterStrings = splitForDisplay(c.AfterSPF)
		a.Status, a.Holds = StatusManual, nil
		if pre != nil && pre.spf == c.AfterSPF {
			c.LookupsAfter, c.VoidAfter = pre.r.Lookups, pre.r.VoidLookups
		}
		return a
	}
	if ctx.Err() != nil {
		a.Status, a.Error, a.Code = StatusNotTried, p.T("apply.interrupted", c.Target.Domain), CodeInterrupted
		return a
	}
	// The intent goes to disk before the change can be seen: now, or, for
	// a store that makes a write visible in one step, just before that step
	// (its barrier), so both fsyncs overlap (journal.go).
	id, durable, err := cfg.Journal.IntentLater(c, live.TXT, want)
	if err == nil {
		if cb, ok := store.(CommitBarrierer); ok {
			ctx = cb.WithCommitBarrier(ctx, durable)
		} else {
			err = durable()
		}
	}
	if err != nil {
		a.Status, a.Error = StatusNotTried, p.T("apply.journal-failed", c.Target.Domain, Localize(p, err))
		return a
	}
	// A change that has started is finished (and read back) even if the run
	// is interrupted now, so the journal can say where it ended.
	ctx = context.WithoutCancel(ctx)
	var werr error
	if len(want) == 0 {
		// Only a rollback of a created record empties an RRset.
		if d, ok := store.(libdns.RecordDeleter); ok {
			_, werr = d.DeleteRecords(ctx, c.Zone, toLibdns(c.Zone, c.Name, live.TXT))
		} else {
			werr = msgErr(nil, "apply.cannot-delete", c.Provider, spfOf(live.TXT), c.Name)
		}
	} else {
		_, werr = store.SetRecords(ctx, c.Zone, toLibdns(c.Zone, c.Name, want))
	}
	// Read back what the provider holds now, whatever the write said;
	// unless the provider refused the write before making it
	// (notwritten.go): nothing was changed, and a read could only wait for
	// a lockout to end.
	var back Live
	var rerr error
	code, notWritten := notWrittenCode(werr)
	if !notWritten {
		back, rerr = ReadRRset(ctx, store, c.Zone, c.Name)
	}
	a.Holds = back.TXT
	switch {
	case notWritten:
		a.Status, a.Code = StatusNotTried, code
		a.Error = p.T("apply.not-written", c.Target.Domain, Localize(p, werr))
	case rerr != nil:
		a.Status, a.Holds = StatusUnknown, nil
		a.Error = p.T("apply.readback-failed", c.Target.Domain, Localize(p, rerr), errText(p, werr))
	case back.TXT.SameTexts(want) && werr == nil:
		a.Status = StatusWritten
	case back.TXT.SameTexts(want):
		a.Status = StatusWritten
		a.Error = p.T("apply.error-but-written", Localize(p, werr))
	case werr != nil && back.TXT.SameTexts(live.TXT):
		a.Status = StatusOldKept
		a.Error = p.T("apply.old-kept", c.Target.Domain, Localize(p, werr))
	case werr != nil:
		a.Status = StatusUnknown
		a.Error = p.T("apply.unknown", c.Target.Domain, Localize(p, werr), DiffRRsets(p, want, back.TXT))
	default:
		a.Status = StatusMismatch
		a.Error = p.T("apply.mismatch", c.Target.Domain, DiffRRsets(p, want, back.TXT))
	}
	var jerr error
	if a.Error != "" {
		jerr = fmt.Errorf("%s", a.Error)
	}
	if err := cfg.Journal.Result(id, a.Status, a.Holds, jerr); err != nil && a.Error == "" {
		a.Error = p.T("apply.journal-result-failed", Localize(p, err))
	}
	return a
}

// DiffRRsets shows the records that are in one RRset and not the other, one
// for one (two records with the same joined text are two records), labelled
// in p's language.
func DiffRRsets(p i18n.Printer, want, got RRset) string {
	a, b := matchRRsets(want, got, false)
	if len(a) == 0 && len(b) == 0 {
		return p.T("diff.ttl-only")
	}
	// A record whose text is on both sides differs in its TTL or its
	// strings: show them; otherwise the text is enough.
	both := map[string]bool{}
	for _, x := range a {
		for _, y := range b {
			if x.Text == y.Text {
				both[x.Text] = true
			}
		}
	}
	show := func(t TXT) string {
		if both[t.Text] {
			return recordText(t)
		}
		return quoteTXT(t.Text)
	}
	var lines []string
	for _, t := range a {
		lines = append(lines, p.T("diff.expected", show(t)))
	}
	for _, t := range b {
		lines = append(lines, p.T("diff.live", show(t)))
	}
	return strings.Join(lines, "\n")
}

// errText is err's text in p's language, or "none" for a nil error.
func errText(p i18n.Printer, err error) string {
	if err == nil {
		return p.T("apply.no-error")
	}
	return Localize(p, err)
}
