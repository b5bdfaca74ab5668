package spfedit

// IncludeState is how a record holds an include of one name, as
// check_host() evaluates it (RFC 7208 §4.6.2: the terms left to right, the
// first mechanism that matches decides, nothing after all is evaluated;
// §5.2: an include matches when the included record passes).
type IncludeState int

const (
	// IncludeMissing: no include of the name at all.
	IncludeMissing IncludeState = iota
	// IncludeEffective: the first include of the name stands before all
	// (or there is no all) with no qualifier or "+": a pass there is a
	// pass of the record.
	IncludeEffective
	// IncludeQualified: the first include of the name before all has "-",
	// "~" or "?": a match gives that result, not pass, and decides.
	IncludeQualified
	// IncludeAfterAll: the name is included only after all, where nothing
	// is evaluated.
	IncludeAfterAll
)

var includeStateNames = [...]string{"missing", "effective", "qualified", "after-all"}

func (s IncludeState) String() string {
	if int(s) < len(includeStateNames) {
		return includeStateNames[s]
	}
	return "invalid"
}

// IncludeAt reports how the record holds include:name (compared without
// case, ignoring a trailing dot) and the index of the term that decides it:
// the first include of the name before all, else the first after all; -1
// when it is missing.
func (r *Record) IncludeAt(name string) (IncludeState, int) {
	n := normName(name)
	all := r.All()
	after := -1
	for i, t := range r.terms {
		if t.Kind != KindInclude || normName(t.Value) != n {
			continue
		}
		if all >= 0 && i > all {
			if after < 0 {
				after = i
			}
			continue
		}
		if t.Qualifier == QualifierNone || t.Qualifier == QualifierPass {
			return IncludeEffective, i
		}
		return IncludeQualified, i
	}
	if after >= 0 {
		return IncludeAfterAll, after
	}
	return IncludeMissing, -1
}

// MakeIncludeEffective makes include:name effective: when it is not (see
// IncludeAt), every include of the name is removed and one plain
// include:name is put where AddInclude puts it (before all). changed is
// false when it was effective already.
func (r *Record) MakeIncludeEffective(name string) (changed bool, err error) {
	if st, _ := r.IncludeAt(name); st == IncludeEffective {
		return false, nil
	}
	if err := ValidateDomain(name); err != nil {
		return false, err
	}
	r.RemoveInclude(name)
	return r.AddInclude(name)
}
