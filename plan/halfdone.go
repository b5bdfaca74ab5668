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

// finishHalfDone returns the change that finishes a half-done change at
// the name, or nil when texts are not two SPF records of which one is the
// other with cfg's change made.
func finishHalfDone(ctx context.Context, cfg Config, c *Change, texts []string) *Change {
	var spf []int
	for i, t := range texts {
		if spfedit.IsSPF(t) {
			spf = append(spf, i)
		}
	}
	if len(spf) != 2 {
		return nil
	}
	for _, pair := range [][2]int{{spf[0], spf[1]}, {spf[1], spf[0]}} {
		oldIdx, newIdx := pair[0], pair[1]
		before, err := spfedit.Parse(texts[oldIdx])
		if err != nil {
			continue
		}
		after := before.Clone()
		for _, n := range cfg.Removes {
			after.RemoveInclude(n)
		}
		ok := true
		for _, n := range cfg.Includes {
			if _, err := after.AddInclude(n); err != nil {
				ok = false
			}
		}
		if !ok || after.String() == before.String() || after.String() != texts[newIdx] {
			continue
		}
		c.BeforeSPF, c.AfterSPF = texts[oldIdx], texts[newIdx]
		c.AfterStrings = spfedit.Split(c.AfterSPF)
		c.After = nil
		for i, t := range c.Before {
			if i != oldIdx {
				c.After = append(c.After, t)
			}
		}
		if cfg.Checker != nil {
			rb := cfg.Checker.Account(ctx, c.Target.Domain, before)
			c.LookupsBefore, c.VoidBefore = rb.Lookups, rb.VoidLookups
			ra := cfg.Checker.Account(ctx, c.Target.Domain, after)
			c.LookupsAfter, c.VoidAfter = ra.Lookups, ra.VoidLookups
		}
		c.Action, c.Situation = Update, "needs-include"
		c.Message = cfg.P.T("plan.half-done", c.Target.Domain)
		return c
	}
	return nil
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
