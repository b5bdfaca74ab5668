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
	// inputs make of its "before" (an entry edited by hand is not).
	edited := map[nameKey]string{}
	for _, e := range entries {
		in := e.Intent
		if in.Inputs == nil {
			continue
		}
		domain := strings.TrimSuffix(in.Name, ".")
		if want, _, err := desiredSPF(pr, domain, in.Before, in.Inputs); err != nil || want != spfOf(in.After) {
			if _, seen := edited[keyOf(in)]; !seen {
				edited[keyOf(in)] = DiffSPF(pr, want, spfOf(in.After), "diff.from-inputs", "diff.in-journal")
			}
		}
	}
	for _, e := range mergeByName(entries) {
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
		if diff, bad := edited[keyOf(in)]; bad {
			fail(c, CodeJournalEdited, pr.T("guard.journal-changed", domain, diff))
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
		switch {
		case live.TXT.SameTexts(in.Before):
			c.Action, c.After = NoOp, live.TXT
			c.Message = pr.T("rollback.already-restored")
		case live.TXT.SameTexts(in.After):
			r := &Restore{Before: in.Before, After: in.After}
			want, err := restoreRRset(pr, domain, live.TXT, r)
			if err != nil {
				fail(c, guardCode(err), err.Error())
				continue
			}
			c.After, c.Restore = want, r
			c.Action = Update
		case rollbackHalfDone(live.TXT, in.Before, in.After): // halfdone.go
			r := &Restore{Before: in.Before, After: in.After}
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

// mergeByName folds the entries of one name (a journal that several applies
// appended to, with --journal) into one: the oldest written entry's before
// RRset is what to restore, the newest one's after RRset what must be live.
// Entries that wrote nothing are kept only when nothing was written there.
func mergeByName(entries []JournalChange) []JournalChange {
	idx := map[nameKey]int{}
	var out []JournalChange
	wrote := func(e JournalChange) bool {
		return e.Result == nil || (e.Result.Status != StatusOldKept && e.Result.Status != StatusNotTried)
	}
	for _, e := range entries {
		k := keyOf(e.Intent)
		i, seen := idx[k]
		switch {
		case !seen:
			idx[k] = len(out)
			out = append(out, e)
		case !wrote(e):
			// nothing written by this one: the merged entry stands
		case !wrote(out[i]):
			out[i] = e
		default:
			merged := out[i]
			in := merged.Intent
			in.After = e.Intent.After
			merged.Intent, merged.Result = in, e.Result
			out[i] = merged
		}
	}
	return out
}
