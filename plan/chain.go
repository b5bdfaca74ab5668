package plan

import (
	"strings"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// A journal entry says what a change was made from (its Inputs), so that
// rollback can check the entry holds together before it puts its "before"
// back (guard.go): the SPF string of its "after" must be what its inputs
// make of its "before". A rollback's own entry is the same change the other
// way (Inputs.Inverse): the SPF string of its "before" is what the inputs
// make of its "after". When several applies of one journal changed a name
// one after the other, the rollback restores the first one's "before" and
// its inputs are all of theirs, in order (Inputs.Then).

// steps returns the single steps of in (each without Then), in order.
func steps(in *Inputs) []*Inputs {
	if in == nil {
		return nil
	}
	first := *in
	first.Then = nil
	out := []*Inputs{&first}
	for _, t := range in.Then {
		if t != nil {
			out = append(out, steps(t)...)
		}
	}
	return out
}

// chainOf is the Inputs of the steps ss made one after the other, in the
// direction inverse.
func chainOf(inverse bool, ss []*Inputs) *Inputs {
	if len(ss) == 0 {
		return nil
	}
	first := *ss[0]
	first.Inverse, first.Then = inverse, nil
	for _, s := range ss[1:] {
		c := *s
		c.Inverse, c.Then = false, nil
		first.Then = append(first.Then, &c)
	}
	return &first
}

// inverted returns the inputs of the change that undoes in's change: the
// same steps, the other way.
func inverted(in *Inputs) *Inputs {
	if in == nil {
		return nil
	}
	return chainOf(!in.Inverse, steps(in))
}

// composeSPF is the SPF string the steps of in make of s, one after the
// other.
func composeSPF(p i18n.Printer, domain string, s RRset, in *Inputs) (string, error) {
	ss := steps(in)
	var spf string
	for i, st := range ss {
		sp, idx, err := desiredSPF(p, domain, s, st)
		if err != nil {
			return "", err
		}
		spf = sp
		if i < len(ss)-1 {
			s = withSPF(s, idx, sp, createTTL(s, st, 0))
		}
	}
	return spf, nil
}

// entryHolds checks that a journal entry (or the entries of one name
// merged, mergeByName) holds together: its SPF strings before and after
// are what its inputs say. An entry without inputs is refused: it was
// edited by hand, or written by an spfpatch that did not record them, and
// nothing binds what it would put back.
func entryHolds(p i18n.Printer, domain string, before, after RRset, in *Inputs) error {
	if in == nil {
		return refuse(CodeJournalEdited, p.T("guard.journal-no-inputs", domain))
	}
	from, to, key := before, after, "guard.journal-changed"
	if in.Inverse {
		from, to, key = after, before, "guard.journal-changed.rollback"
	}
	want, err := composeSPF(p, domain, from, in)
	if err != nil {
		return refuse(CodeJournalEdited, p.T(key, domain, err.Error()))
	}
	if got := spfOf(to); want != got {
		return refuse(CodeJournalEdited, p.T(key, domain, DiffSPF(p, want, got, "diff.from-inputs", "diff.in-journal")))
	}
	return nil
}

// inZone reports whether name is zone or below it, compared as lower-case,
// dot-terminated names (dns.IsSubDomain's rule for the names spfpatch
// plans, which are plain host names: plan does not import miekg/dns).
func inZone(zone, name string) bool {
	z := strings.ToLower(strings.TrimSuffix(zone, "."))
	n := strings.ToLower(strings.TrimSuffix(name, "."))
	switch {
	case n == "" || strings.HasSuffix(name, ".."):
		return false
	case z == "":
		return true // the root holds every name
	}
	return n == z || strings.HasSuffix(n, "."+z)
}

// sameName reports whether a target's domain is the owner name name.
func sameName(domain, name string) bool {
	return domain != "" && strings.EqualFold(strings.TrimSuffix(domain, ".")+".", name)
}
