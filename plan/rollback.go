package plan

import (
	"context"
	"strings"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/spfedit"
)

// PlanRollback plans the reverse of the changes in a journal: each name
// that was (or may have been) written goes back to its before RRset, but
// only where the live RRset still equals what the journal says was written.
// Names already back at their before RRset are no-ops, so rollback is
// idempotent; a name changed by someone else since is refused (drift).
// Rollback only ever puts back the SPF string: a journal entry whose
// "before" differs from the live RRset in anything else, or whose "after"
// is not what its inputs make of its "before", is refused (guard.go), and
// the record put back must pass the lookup accounting when it is written.
// Messages are in p's language.
func PlanRollback(ctx context.Context, p i18n.Printer, b Backend, entries []JournalChange) *Plan {
	return PlanRollbackWith(ctx, p, func(string) (Backend, bool) { return b, true }, entries)
}

// PlanRollbackWith is PlanRollback where each entry's agency profile picks
// its backend (backend returns false for an unknown profile).
func PlanRollbackWith(ctx context.Context, pr i18n.Printer, backend func(profile string) (Backend, bool), entries []JournalChange) *Plan {
	p := &Plan{}
	// Each entry must hold together on its own: its "after" is what its
	// inputs make of its "before" (an entry edited by hand is not, and an
	// entry without inputs binds nothing: chain.go).
	edited := map[nameKey]string{}
	for _, e := range entries {
		in := e.Intent
		domain := strings.TrimSuffix(in.Name, ".")
		if err := entryHolds(pr, domain, in.Before, in.After, in.Inputs); err != nil {
			if _, seen := edited[keyOf(in)]; !seen {
				edited[keyOf(in)] = err.Error()
			}
		}
	}
	for _, m := range mergeByName(entries) {
		e := m.JournalChange
		in := e.Intent
		domain := strings.TrimSuffix(in.Name, ".")
		b, ok := backend(in.Profile)
		if !ok {
			c := &Change{Target: Target{Input: domain, Domain: domain}, Name: in.Name, Zone: in.Zone, Provider: in.Provider, Profile: in.Profile, Rollback: true}
			p.Changes = append(p.Changes, fail(c, CodeProvider, pr.T("rollback.profile-unknown", domain, in.Profile)))
			continue
		}
		c := &Change{Target: Target{Input: domain, Domain: domain}, Name: in.Name, Zone: in.Zone, Provider: b.Name, Profile: b.Profile, Rollback: true}
		p.Changes = append(p.Changes, c)
		if in.Provider != "" && in.Provider != b.Name {
			fail(c, CodeProvider, pr.T("rollback.other-provider", domain, in.Provider, b.Name, in.Provider))
			continue
		}
		if e.Result != nil && (e.Result.Status == StatusOldKept || e.Result.Status == StatusNotTried) {
			c.Action, c.Message = NoOp, pr.T("rollback.nothing-written", e.Result.Status)
			c.Before, c.After = in.Before, in.Before
			continue
		}
		if msg, bad := edited[keyOf(in)]; bad {
			fail(c, CodeJournalEdited, msg)
			continue
		}
		if !inZone(in.Zone, in.Name) {
			fail(c, CodeJournalEdited, pr.T("guard.name-not-in-zone", in.Name, in.Zone, domain))
			continue
		}
		live, err := ReadRRset(ctx, b.Store, in.Zone, in.Name)
		if err != nil {
			fail(c, readErrCode(err), pr.T("rollback.read-failed", domain, Localize(pr, err)))
			continue
		}
		c.Before, c.Fingerprint = live.TXT, live.TXT.Fingerprint()
		c.BeforeSPF, c.AfterSPF = spfOf(live.TXT), spfOf(in.Before)
		c.AfterStrings = splitForDisplay(c.AfterSPF)
		r := &Restore{Before: in.Before, After: in.After, Inputs: in.Inputs}
		switch {
		case live.TXT.SameTexts(in.Before):
			c.Action, c.After = NoOp, live.TXT
			c.Message = pr.T("rollback.already-restored")
		case m.broken:
			fail(c, CodeJournalEdited, pr.T("rollback.not-chained", domain))
		case m.mixed:
			fail(c, CodeJournalEdited, pr.T("rollback.mixed", domain))
		case live.TXT.SameTexts(in.After):
			want, err := restoreRRset(pr, domain, live.TXT, r)
			if err != nil {
				fail(c, guardCode(err), err.Error())
				continue
			}
			c.After, c.Restore = want, r
			c.Action = Update
		case rollbackHalfDone(live.TXT, in.Before, in.After): // halfdone.go
			c.After, _ = halfDoneRestore(live.TXT, r)
			c.Restore, c.Action = r, Update
			c.Message = pr.T("rollback.half-done", domain)
		default:
			fail(c, CodeDrift, pr.T("rollback.drift", domain, DiffRRsets(pr, in.After, live.TXT)))
		}
	}
	return p
}

// nameKey identifies one name of one profile's zone in a journal.
type nameKey struct{ profile, zone, name string }

func keyOf(e Entry) nameKey {
	return nameKey{e.Profile, strings.ToLower(e.Zone), strings.ToLower(e.Name)}
}

func spfOf(s RRset) string {
	for _, t := range s {
		if spfedit.IsSPF(t.Text) {
			return t.Text
		}
	}
	return ""
}

// merged is the entries of one name folded into one (mergeByName).
type merged struct {
	JournalChange
	// broken: an entry does not start where the one before it ended (the
	// name was changed between the runs that wrote the journal), so no
	// one "before" can be put back.
	broken bool
	// mixed: the entries go both ways (an apply and a rollback in one
	// journal) and their inputs cannot be joined into one check.
	mixed bool
}

// mergeByName folds the entries of one name (a journal that several applies
// appended to, with --journal) into one: the oldest written entry's before
// RRset is what to restore, the newest one's after RRset what must be live,
// and their inputs, joined in order, what binds the two (chain.go). An entry
// that starts where the merged ones end continues them; one that starts
// where they started means they were undone (or never happened: a crash
// before the write), and it starts again; any other breaks the chain.
// Entries that wrote nothing are kept only when nothing was written there.
func mergeByName(entries []JournalChange) []merged {
	idx := map[nameKey]int{}
	var out []merged
	wrote := func(e JournalChange) bool {
		return e.Result == nil || (e.Result.Status != StatusOldKept && e.Result.Status != StatusNotTried)
	}
	for _, e := range entries {
		k := keyOf(e.Intent)
		i, seen := idx[k]
		switch {
		case !seen:
			idx[k] = len(out)
			out = append(out, merged{JournalChange: e})
		case !wrote(e):
			// nothing written by this one: the merged entry stands
		case !wrote(out[i].JournalChange) || e.Intent.Before.SameTexts(out[i].Intent.Before):
			out[i] = merged{JournalChange: e}
		case e.Intent.Before.SameTexts(out[i].Intent.After):
			m := out[i]
			in := m.Intent
			in.After, in.Inputs = e.Intent.After, joinInputs(m.Intent.Inputs, e.Intent.Inputs)
			if in.Inputs == nil && !m.broken {
				m.mixed = true
			}
			if in.After.SameTexts(in.Before) {
				// Back where it started: nothing to undo, whichever way.
				in.Inputs, m.mixed = nil, false
			}
			m.Intent, m.Result = in, e.Result
			out[i] = m
		default:
			m := out[i]
			in := m.Intent
			in.After, in.Inputs = e.Intent.After, nil
			m.Intent, m.Result, m.broken = in, e.Result, true
			out[i] = m
		}
	}
	return out
}

// joinInputs is the inputs of a change made by a's steps then b's: for
// applies, a's then b's; for rollbacks (each undoing an earlier state), b's
// then a's. nil when they go different ways. A nil a (a chain that came
// back to where it started) gives b.
func joinInputs(a, b *Inputs) *Inputs {
	switch {
	case a == nil || b == nil:
		return b
	case a.Inverse != b.Inverse:
		return nil
	case a.Inverse:
		return chainOf(true, append(steps(b), steps(a)...))
	}
	return chainOf(false, append(steps(a), steps(b)...))
}
