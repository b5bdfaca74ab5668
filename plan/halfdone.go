package plan

import (
	"context"

	"github.com/spfpatch/spfpatch/spfedit"
)

// Two SPF records at a name, one of them ours: a change left half-done by a
// provider write that adds the new value before deleting the old one
// (spfpatch's Cloudflare provider did so before it edited records in
// place; a provider without an atomic replace still may) when the delete
// failed and the new value could not be removed again. Every receiver then
// returns permerror. Both apply and rollback finish or undo such a change
// instead of refusing the name (issue 12):
//   - apply (finishHalfDone): when one SPF record is exactly the other with
//     this run's change made, the change was ours and the old value is
//     removed;
//   - rollback (rollbackHalfDone): when the name holds exactly the
//     journal's before records plus the values its change added, the added
//     values are removed.
//
// This file is separate from build.go and rollback.go, which call it in
// one place each.

// halfDoneOld returns the indices of the old and the new SPF record when
// texts hold exactly two SPF records of which one is the other with the
// change (includes added, removes taken out) made.
func halfDoneOld(texts, includes, removes []string) (oldIdx, newIdx int, ok bool) {
	var spf []int
	for i, t := range texts {
		if spfedit.IsSPF(t) {
			spf = append(spf, i)
		}
	}
	if len(spf) != 2 {
		return 0, 0, false
	}
	for _, pair := range [][2]int{{spf[0], spf[1]}, {spf[1], spf[0]}} {
		before, err := spfedit.Parse(texts[pair[0]])
		if err != nil {
			continue
		}
		after := before.Clone()
		for _, n := range removes {
			after.RemoveInclude(n)
		}
		good := true
		for _, n := range includes {
			if _, err := after.AddInclude(n); err != nil {
				good = false
			}
		}
		if good && after.String() != before.String() && after.String() == texts[pair[1]] {
			return pair[0], pair[1], true
		}
	}
	return 0, 0, false
}

// without returns s less its record i.
func without(s RRset, i int) RRset {
	out := make(RRset, 0, len(s))
	for j, t := range s {
		if j != i {
			out = append(out, t)
		}
	}
	return out
}

// finishHalfDone returns the change that finishes a half-done change at
// the name, or nil when texts are not two SPF records of which one is the
// other with cfg's change made.
func finishHalfDone(ctx context.Context, cfg Config, c *Change, texts []string) *Change {
	oldIdx, newIdx, ok := halfDoneOld(texts, cfg.Includes, cfg.Removes)
	if !ok {
		return nil
	}
	c.BeforeSPF, c.AfterSPF = texts[oldIdx], texts[newIdx]
	c.AfterStrings = spfedit.Split(c.AfterSPF)
	if cfg.Checker != nil {
		if before, err := spfedit.Parse(c.BeforeSPF); err == nil {
			rb := cfg.Checker.Account(ctx, c.Target.Domain, before)
			c.LookupsBefore, c.VoidBefore = rb.Lookups, rb.VoidLookups
		}
		if after, err := spfedit.Parse(c.AfterSPF); err == nil {
			ra := cfg.Checker.Account(ctx, c.Target.Domain, after)
			c.LookupsAfter, c.VoidAfter = ra.Lookups, ra.VoidLookups
			// The repair publishes the new record alone: it must pass
			// the same accounting as any change (SPEC.md rule 4).
			if code, msg := limitRefusal(cfg.P, c.Target.Domain, ra, false); code != "" {
				c.Situation = "needs-include"
				return fail(c, code, msg)
			}
		}
	}
	c.After = without(c.Before, oldIdx)
	c.Inputs = NewInputs(cfg)
	c.Action, c.Situation = Update, "needs-include"
	c.Message = cfg.P.T("plan.half-done", c.Target.Domain)
	return c
}

// halfDoneWant is the RRset apply's guard writes for a half-done change:
// live less the old SPF record (guard.go).
func halfDoneWant(live RRset, in *Inputs) (RRset, bool) {
	oldIdx, _, ok := halfDoneOld(live.Texts(), in.Includes, in.Removes)
	if !ok {
		return nil, false
	}
	return without(live, oldIdx), true
}

// halfDoneRestore is the RRset rollback's guard writes when the name holds
// the journal's before records plus the values its change added: live less
// those added values (guard.go).
func halfDoneRestore(live RRset, r *Restore) (RRset, bool) {
	if !rollbackHalfDone(live, r.Before, r.After) {
		return nil, false
	}
	added := map[string]int{}
	for _, t := range r.After {
		added[t.Text]++
	}
	for _, t := range r.Before {
		added[t.Text]--
	}
	var out RRset
	for _, t := range live {
		if added[t.Text] > 0 {
			added[t.Text]--
			continue
		}
		out = append(out, t)
	}
	return out, true
}

// rollbackHalfDone reports whether live holds exactly the journal's before
// records plus the values its change added (after less before), one of
// them an SPF record: the name holds both SPF records, the old and ours.
func rollbackHalfDone(live, before, after RRset) bool {
	count := func(s RRset) map[string]int {
		m := map[string]int{}
		for _, t := range s {
			m[t.Text]++
		}
		return m
	}
	b, a, l := count(before), count(after), count(live)
	want := count(before)
	addedSPF := false
	for t, n := range a {
		if extra := n - b[t]; extra > 0 {
			want[t] += extra
			addedSPF = addedSPF || spfedit.IsSPF(t)
		}
	}
	if !addedSPF || len(want) != len(l) {
		return false
	}
	for t, n := range want {
		if l[t] != n {
			return false
		}
	}
	return true
}
