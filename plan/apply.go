package plan

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// ApplyConfig is the input of Apply.
type ApplyConfig struct {
	Backend Backend
	// Backends holds the backend of each agency-config profile, by name;
	// a change with a Profile is written through its own.
	Backends map[string]Backend
	Journal  *Journal // required unless every change is a no-op or manual
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
// order. Names in one zone are written one at a time; zones in parallel.
func Apply(ctx context.Context, cfg ApplyConfig, p *Plan) []*Applied {
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
			if c.Action.Pending() && !cfg.backend(c).Manual {
				l := lockFor(cfg.backend(c).Name + "/" + c.Zone)
				l.Lock()
				defer l.Unlock()
			}
			out[i] = applyOne(ctx, cfg, c)
		}()
	}
	wg.Wait()
	return out
}

func (cfg ApplyConfig) backend(c *Change) Backend {
	if b, ok := cfg.Backends[c.Profile]; ok && c.Profile != "" {
		return b
	}
	return cfg.Backend
}

func applyOne(ctx context.Context, cfg ApplyConfig, c *Change) *Applied {
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
	case backend.Manual:
		a.Status = StatusManual
		return a
	case ctx.Err() != nil:
		a.Status, a.Error = StatusNotTried, p.T("apply.interrupted", c.Target.Domain)
		return a
	}
	if cfg.Journal == nil {
		a.Status, a.Error = StatusNotTried, p.T("apply.no-journal")
		return a
	}
	store := backend.Store
	// SPEC.md data-safety rule 2: re-read the RRset just before writing,
	// under the zone's lock, and refuse if it is not the one the plan was
	// made from. Without this, a TXT record added while a long run was
	// planning would be dropped by the whole-RRset write.
	live, err := ReadRRset(ctx, store, c.Zone, c.Name)
	if err != nil {
		a.Status, a.Error = StatusNotTried, p.T("apply.reread-failed", c.Target.Domain, err)
		return a
	}
	if live.TXT.Fingerprint() != c.Fingerprint && live.TXT.SameTexts(c.After) {
		// Already as planned (a saved plan applied again after a partial run).
		a.Status, a.Holds = StatusUnchanged, live.TXT
		return a
	}
	if live.TXT.Fingerprint() != c.Fingerprint {
		a.Status = StatusNotTried
		a.Holds = live.TXT
		a.Error = p.T("apply.drift", c.Target.Domain, DiffRRsets(p, c.Before, live.TXT))
		return a
	}
	id, err := cfg.Journal.Intent(c)
	if err != nil {
		a.Status, a.Error = StatusNotTried, p.T("apply.journal-failed", c.Target.Domain, Localize(p, err))
		return a
	}
	// A change that has started is finished (and read back) even if the run
	// is interrupted now, so the journal can say where it ended.
	ctx = context.WithoutCancel(ctx)
	var werr error
	if len(c.After) == 0 {
		// Only a rollback of a created record empties an RRset.
		if d, ok := store.(libdns.RecordDeleter); ok {
			_, werr = d.DeleteRecords(ctx, c.Zone, toLibdns(c.Zone, c.Name, c.Before))
		} else {
			werr = msgErr(nil, "apply.cannot-delete", c.Provider, spfOf(c.Before), c.Name)
		}
	} else {
		_, werr = store.SetRecords(ctx, c.Zone, toLibdns(c.Zone, c.Name, c.After))
	}
	// Read back what the provider holds now, whatever the write said.
	live, rerr := ReadRRset(ctx, store, c.Zone, c.Name)
	a.Holds = live.TXT
	switch {
	case rerr != nil:
		a.Status = StatusUnknown
		a.Error = p.T("apply.readback-failed", c.Target.Domain, rerr, errText(p, werr))
	case live.TXT.SameTexts(c.After) && werr == nil:
		a.Status = StatusWritten
	case live.TXT.SameTexts(c.After):
		a.Status = StatusWritten
		a.Error = p.T("apply.error-but-written", Localize(p, werr))
	case werr != nil && live.TXT.SameTexts(c.Before):
		a.Status = StatusOldKept
		a.Error = p.T("apply.old-kept", c.Target.Domain, Localize(p, werr))
	case werr != nil:
		a.Status = StatusUnknown
		a.Error = p.T("apply.unknown", c.Target.Domain, Localize(p, werr), DiffRRsets(p, c.After, live.TXT))
	default:
		a.Status = StatusMismatch
		a.Error = p.T("apply.mismatch", c.Target.Domain, DiffRRsets(p, c.After, live.TXT))
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

// DiffRRsets shows what is in one RRset and not the other, labelled in p's
// language.
func DiffRRsets(p i18n.Printer, want, got RRset) string {
	var b strings.Builder
	in := func(s RRset, t string) bool {
		for _, x := range s {
			if x.Text == t {
				return true
			}
		}
		return false
	}
	for _, t := range want {
		if !in(got, t.Text) {
			b.WriteString(p.T("diff.expected", quoteTXT(t.Text)) + "\n")
		}
	}
	for _, t := range got {
		if !in(want, t.Text) {
			b.WriteString(p.T("diff.live", quoteTXT(t.Text)) + "\n")
		}
	}
	if b.Len() == 0 {
		b.WriteString(p.T("diff.ttl-only") + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// errText is err's text in p's language, or "none" for a nil error.
func errText(p i18n.Printer, err error) string {
	if err == nil {
		return p.T("apply.no-error")
	}
	return Localize(p, err)
}
