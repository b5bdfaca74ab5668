package doctor

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// spf examines the TXT records at the domain: which one is the SPF record,
// whether it parses, holds the includes where they work, stays within the
// limits, and gives pass for the platform's servers.
func (d *run) spf(ctx context.Context, txts []string) {
	p, r := d.p, d.r
	var spfs, odd []string
	for _, t := range txts {
		switch {
		case spfedit.IsSPF(t):
			spfs = append(spfs, t)
		case looksLikeSPF(t):
			odd = append(odd, t)
		}
	}
	switch {
	case len(spfs) >= 2:
		d.brokenRecord = true
		d.multiple(ctx, spfs)
		return
	case len(spfs) == 0 && len(odd) > 0:
		// Stored with its quotes, or with characters that hide v=spf1:
		// receivers see no SPF record, but there is one to correct.
		d.brokenRecord = true
		r.Record = odd[0]
		d.repairRecord(ctx, odd[0], nil)
		return
	case len(spfs) == 0:
		d.noRecord(ctx)
		return
	}
	live := spfs[0]
	r.Record = live
	rec, err := spfedit.Parse(live)
	if err != nil {
		d.brokenRecord = true
		d.repairRecord(ctx, live, err)
		return
	}
	d.live = rec
	// Only what is true whatever follows: one record is registered.
	r.add(Check{ID: "spf", Status: OK, Message: p.T("doctor.spf.one", termsafe.Line(live))})
	if len(odd) > 0 {
		d.mangledBeside(odd[0])
	}
	d.examine(ctx, rec, nil)
}

// mangledBeside is the [NG] of a TXT record that is an SPF record stored
// wrongly (quotes, full-width characters) beside the SPF record: receivers
// ignore it today, corrected it would be a second SPF record. plan refuses
// to write at such a name (plan/mangled.go, the same detection), so no
// apply command is given; the step is to delete it, or to move its terms
// into the SPF record.
func (d *run) mangledBeside(text string) {
	p, r := d.p, d.r
	m, _ := spfedit.DetectMangled(text)
	d.noApply = true
	sit := SitQuoted
	switch {
	case m.Has(spfedit.MangledQuotes):
	case m.Has(spfedit.MangledFullWidth) || m.Has(spfedit.MangledWaveDash):
		sit = SitFullWidth
	default:
		sit = SitInvisible
	}
	r.add(Check{ID: "spf-stored-wrongly", Status: Fail, Situation: sit, Name: d.domain, Host: d.hostField(),
		Message: p.T("doctor.spf.mangled.beside", p.T("doctor.quote", termsafe.Line(text))),
		Next:    p.T("doctor.spf.mangled.beside.next", termsafe.Line(m.Fixed))})
}

// noRecord: no SPF record at all, one is to be added.
func (d *run) noRecord(ctx context.Context) {
	p, r := d.p, d.r
	rec, err := spfedit.New(d.incs...)
	c := Check{ID: "spf", Status: Fail, Situation: SitNoRecord, Message: p.T("doctor.spf.none", r.Display, d.plat.Name), Name: d.domain, Host: d.hostField()}
	if err != nil {
		c.Next = p.T("doctor.spf.syntax.next")
		r.add(c)
		return
	}
	after := d.cfg.Checker.Account(ctx, d.domain, rec)
	d.withValue(&c, EditAdd, rec, after, p.T("doctor.spf.none.next", d.plat.Name, d.includeText()), "")
	r.add(c)
	if overLimit(after) {
		d.limitCheck(after, SitWouldExceed, "doctor.lookups.over.fixed")
	}
}

// multiple: two or more SPF records. Each is corrected (quotes,
// characters, typos), they are merged into one, the merged value is
// accounted like any other before it is given.
func (d *run) multiple(ctx context.Context, spfs []string) {
	p, r := d.p, d.r
	q := make([]string, len(spfs))
	for i, s := range spfs {
		q[i] = p.T("doctor.quote", termsafe.Line(s))
	}
	c := Check{ID: "spf", Status: Fail, Situation: SitMultiple, Message: p.T("doctor.spf.multiple", len(spfs), strings.Join(q, p.T("doctor.list.sep"))), Name: d.domain, Host: d.hostField()}
	var texts []string
	for _, s := range spfs {
		fx := repair(s)
		if fx.Err != nil {
			texts = nil
			break
		}
		texts = append(texts, fx.Text)
	}
	m, err := merge(texts)
	if texts == nil || err != nil {
		c.Next = p.T("doctor.spf.multiple.next.manual", len(spfs))
		r.add(c)
		return
	}
	fixed, _ := d.corrected(ctx, m)
	after := d.cfg.Checker.Account(ctx, d.domain, fixed)
	d.withValue(&c, EditMerge, fixed, after, p.T("doctor.spf.multiple.next", len(spfs)), p.T("doctor.spf.multiple.over", after.Lookups))
	r.add(c)
	if overLimit(after) {
		d.limitCheck(after, SitWouldExceed, "doctor.lookups.over.fixed")
	}
}

// repairRecord: the record as published is not one receivers can read
// (quotes, characters an owner pasted, a misspelt mechanism, another
// syntax error). The check names what is wrong in the owner's words and
// gives the corrected record when doctor can correct all of it.
func (d *run) repairRecord(ctx context.Context, text string, parseErr error) {
	p, r := d.p, d.r
	fx := repair(text)
	c := Check{ID: "spf", Status: Fail, Name: d.domain, Host: d.hostField()}
	var next []string
	switch {
	case fx.has(FixQuotes):
		c.Situation = SitQuoted
		c.Message = d.join(p.T("doctor.spf.quoted", termsafe.Line(text)), charsText(p, fx.Chars))
		next = append(next, p.T("doctor.spf.quoted.next"))
	case len(fx.Chars) > 0:
		c.Situation = SitInvisible
		if fx.has(FixFullWidth) || fx.has(FixWaveDash) {
			c.Situation = SitFullWidth
		}
		c.Message = d.join(charsText(p, fx.Chars), p.T("doctor.spf.chars.permerror"))
	case fx.has(FixNoSpace):
		c.Situation = SitSyntax
		c.Message = p.T("doctor.spf.nospace", termsafe.Line(text))
	case len(fx.Split) > 0:
		c.Situation = SitSyntax
		c.Message = p.T("doctor.spf.split", termsafe.Line(fx.Split[0].Term))
	case len(fx.Typos) > 0:
		c.Situation = SitSyntax
		c.Message = p.T("doctor.spf.typo", termsafe.Line(fx.Typos[0].Term), fx.Typos[0].Right)
	default:
		c.Situation = SitSyntax
		err := parseErr
		if err == nil {
			err = fx.Err
		}
		c.Message = p.T("doctor.spf.syntax", syntaxText(p, err))
	}
	next = append(next, charsNext(p, fx.Chars)...)
	if fx.has(FixNoSpace) {
		next = append(next, p.T("doctor.spf.nospace.next"))
	}
	for _, t := range fx.Split {
		next = append(next, p.T("doctor.spf.split.next", termsafe.Line(t.Term), termsafe.Line(t.Right)))
	}
	for _, t := range fx.Typos {
		next = append(next, p.T("doctor.spf.typo.next", termsafe.Line(t.Term), t.Right))
	}
	if fx.Err != nil {
		if len(fx.Fixes) > 0 {
			next = append(next, p.T("doctor.spf.syntax.more", syntaxText(p, fx.Err)))
		} else {
			next = append(next, p.T("doctor.spf.syntax.next"))
		}
		c.Next = d.join(next...)
		r.add(c)
		return
	}
	c.Next = d.join(next...)
	rec, err := spfedit.Parse(fx.Text)
	if err != nil { // cannot be: repair parsed it
		r.add(c)
		return
	}
	d.examine(ctx, rec, &c)
}

// examine checks a parsed SPF record: includes, all, lookups, the targets
// it includes and, on live data, whether the platform's mail passes. first,
// when set, is the [NG] check of the record's own text (quotes, characters,
// typo): it is added first and carries the corrected value.
func (d *run) examine(ctx context.Context, rec *spfedit.Record, first *Check) {
	p, r := d.p, d.r
	now := d.cfg.Checker.Account(ctx, d.domain, rec)
	if first == nil && !d.brokenRecord {
		d.indirectPass(ctx, rec, now.Tree)
	}
	d.livePermerror = first == nil && !d.brokenRecord && now.Status == "permerror"
	fixed, removed := d.corrected(ctx, rec)
	after := now
	changed := fixed.String() != rec.String()
	if changed {
		after = d.cfg.Checker.Account(ctx, d.domain, fixed)
	}
	r.Lookups = now.Lookups
	below := p.T("doctor.value.below")
	if first != nil {
		d.withValue(first, EditSPF, fixed, after, below, "")
		r.add(*first)
	}
	hasAll := rec.All() >= 0
	allOK := true
	for _, inc := range d.incs {
		st, i := rec.IncludeAt(inc)
		via, indirect := d.indirect[inc]
		if st != spfedit.IncludeEffective && !indirect {
			allOK = false
		}
		switch {
		case indirect:
			// Not written here, but check_host() gives the platform's
			// address pass through another record: nothing to add.
			r.add(Check{ID: "include", Status: OK, Message: p.T("doctor.include.indirect", inc, termsafe.Line(via), d.plat.Name)})
			continue
		}
		switch st {
		case spfedit.IncludeMissing:
			key := "doctor.include.missing"
			if i := rec.All(); i >= 0 && rec.Term(i).Qualifier == spfedit.QualifierFail {
				key = "doctor.include.missing.hardfail"
			}
			c := Check{ID: "include", Status: Fail, Situation: SitNeedsInclude, Message: p.T(key, inc, d.plat.Name)}
			nextKey := "doctor.include.missing.next"
			if !hasAll {
				nextKey = "doctor.include.missing.next.noall"
			}
			d.withValue(&c, EditSPF, fixed, after, p.T(nextKey, inc), p.T("doctor.include.missing.first"))
			if d.valueOver && c.Value == "" && now.Lookups <= spfcheck.MaxLookups {
				c.Situation = SitWouldExceed
			}
			r.add(c)
		case spfedit.IncludeAfterAll:
			all := rec.Term(rec.All()).Text
			c := Check{ID: "include", Status: Fail, Situation: SitAfterAll, Message: p.T("doctor.include.after-all", inc, termsafe.Line(all)),
				Next: p.T("doctor.include.after-all.next", inc, termsafe.Line(all))}
			d.withValue(&c, EditSPF, fixed, after, below, "")
			r.add(c)
		case spfedit.IncludeQualified:
			term := rec.Term(i).Text
			q := term[:1]
			res := spfedit.Qualifier(q[0]).Result()
			c := Check{ID: "include", Status: Fail, Situation: SitQualifier,
				Message: p.T("doctor.include.qualifier", q, d.plat.Name, p.T("doctor.result."+res)),
				Next:    p.T("doctor.include.qualifier.next", q, termsafe.Line(term), inc)}
			d.withValue(&c, EditSPF, fixed, after, below, "")
			r.add(c)
		default:
			r.add(Check{ID: "include", Status: OK, Message: p.T("doctor.include.ok", inc)})
		}
	}
	if i := rec.All(); i >= 0 {
		t := rec.Term(i)
		if t.Qualifier == spfedit.QualifierNone || t.Qualifier == spfedit.QualifierPass {
			c := Check{ID: "all", Status: Fail, Situation: SitAllPass, Message: p.T("doctor.all.pass", termsafe.Line(t.Text)), Next: p.T("doctor.all.pass.next", termsafe.Line(t.Text))}
			d.withValue(&c, EditSPF, fixed, after, below, "")
			r.add(c)
		}
	} else if _, ok := rec.Redirect(); !ok {
		c := Check{ID: "all", Status: Warn, Message: p.T("doctor.all.none"), Next: p.T("doctor.all.none.next")}
		d.withValue(&c, EditSPF, fixed, after, below, "")
		r.add(c)
	}
	// Includes of names that have no SPF record: each makes the whole
	// record fail; the corrected value leaves them out.
	for _, target := range removed {
		c := Check{ID: "include-target", Status: Fail, Situation: SitBrokenInclude,
			Message: p.T("doctor.include.broken", termsafe.Line(target)), Next: p.T("doctor.include.broken.next", termsafe.Line(target))}
		d.withValue(&c, EditSPF, fixed, after, below, "")
		r.add(c)
	}

	// The record as published is not read as SPF at all when first is set:
	// its lookups are those of the corrected text.
	nowKey := "doctor.lookups.over.now"
	if first != nil {
		nowKey = "doctor.lookups.over.fixed"
	}
	switch {
	case now.Status == "temperror" || after.Status == "temperror":
		r.add(Check{ID: "lookups", Status: Warn, Message: p.T("doctor.lookups.dns", termsafe.Line(strings.Join(p.Problems(after), "; "))), Next: p.T("doctor.dns.error.next")})
	case overLimit(now) && !overLimit(after):
		// The corrected value (an include without an SPF record left out)
		// is within the limits: it is the step.
		c := Check{ID: "lookups", Status: Fail, Situation: SitOverLimit, Message: d.limitMessage(now, nowKey)}
		d.withValue(&c, EditSPF, fixed, after, below, "")
		r.add(c)
	case overLimit(now):
		d.limitCheck(now, SitOverLimit, nowKey)
	case overLimit(after):
		key := "doctor.lookups.over.fixed"
		if d.onlyAdds(rec, fixed) {
			key = "doctor.lookups.over.after"
		}
		d.limitCheck(after, SitWouldExceed, key)
	case after.Status == "permerror":
		d.broken(after)
	case changed:
		r.add(Check{ID: "lookups", Status: OK, Message: p.T("doctor.lookups.after", now.Lookups, after.Lookups)})
	default:
		r.add(Check{ID: "lookups", Status: OK, Message: p.T("doctor.lookups.ok", now.Lookups)})
	}

	// Would the platform's servers pass today, on the live record? Only
	// asked when the record as published holds every include in place:
	// otherwise the [NG] above says already why they do not.
	if d.brokenRecord || !allOK {
		return
	}
	d.platformPass(ctx)
}

// indirectPass finds the includes the record does not hold itself but
// authorises through another record (an include of a name that includes
// the platform, a redirect=): check_host() on live data gives the
// platform's sample address pass, and so does the target of one include
// (without a qualifier) or redirect= of the record by itself. Each is kept
// in d.indirect with that term. A pass through +all or an address written
// in the record itself is not one: the include is still needed; nor is a
// term whose subtree in tree (the record's lookup tree, from Account) does
// not reach the platform's own record.
func (d *run) indirectPass(ctx context.Context, rec *spfedit.Record, tree *spfcheck.Node) {
	d.indirect = map[string]string{}
	sender := "postmaster@" + d.domain
	if d.sender != "" {
		sender = d.sender
	}
	for _, inc := range d.incs {
		if st, _ := rec.IncludeAt(inc); st != spfedit.IncludeMissing {
			continue
		}
		ip, ok := sampleIP(ctx, d.cfg.DNS, inc)
		if !ok {
			continue
		}
		if d.cfg.Checker.CheckHost(ctx, ip, d.domain, sender, d.domain).Result != spfcheck.Pass {
			continue
		}
		via := ""
		for _, t := range rec.Terms() {
			pass := t.Kind == spfedit.KindInclude && (t.Qualifier == spfedit.QualifierNone || t.Qualifier == spfedit.QualifierPass)
			if !pass && t.Kind != spfedit.KindRedirect {
				continue
			}
			target := t.TargetName()
			if target == "" || strings.Contains(target, "%") || !plainName(strings.TrimSuffix(target, ".")) {
				continue
			}
			if d.cfg.Checker.CheckHost(ctx, ip, target, sender, d.domain).Result != spfcheck.Pass {
				continue
			}
			// One sample address passing is not enough: a record that
			// copies a part of the platform's addresses passes it too. The
			// platform's own record must be reached below that term.
			if reaches(tree, t.Text, inc) {
				via = t.Text
				break
			}
		}
		if via != "" { // not a +all or an address of the record's own
			d.indirect[inc] = via
		}
	}
}

// reaches reports whether, in the lookup tree of the record (root), the
// term written as term reaches the record of include: a node below it (or
// it) whose record is include's, or an include or redirect of that name.
func reaches(root *spfcheck.Node, term, include string) bool {
	if root == nil {
		return false
	}
	want := strings.TrimSuffix(strings.ToLower(include), ".")
	var has func(n *spfcheck.Node, depth int) bool
	has = func(n *spfcheck.Node, depth int) bool {
		if depth > 64 {
			return false
		}
		if strings.TrimSuffix(strings.ToLower(n.Domain), ".") == want {
			return true
		}
		t := strings.TrimLeft(strings.ToLower(n.Term), "+-~?")
		for _, pre := range []string{"include:", "redirect="} {
			if rest, ok := strings.CutPrefix(t, pre); ok && strings.TrimSuffix(rest, ".") == want {
				return true
			}
		}
		for _, k := range n.Children {
			if has(k, depth+1) {
				return true
			}
		}
		return false
	}
	for _, k := range root.Children {
		if k.Term == term {
			return has(k, 0)
		}
	}
	return false
}

// needed are the includes to write into the record: those it does not
// authorise through another record already (indirectPass).
func (d *run) needed() []string {
	var out []string
	for _, inc := range d.incs {
		if _, ok := d.indirect[inc]; !ok {
			out = append(out, inc)
		}
	}
	return out
}

// onlyAdds reports whether fixed is rec with the includes added and nothing
// else changed: what "adding the include" means.
func (d *run) onlyAdds(rec, fixed *spfedit.Record) bool {
	added := rec.Clone()
	for _, inc := range d.needed() {
		if _, err := added.AddInclude(inc); err != nil {
			return false
		}
	}
	return added.String() == fixed.String()
}

// limitMessage says by how much a record is over the limits: lookups (with
// the terms that cost most) or void lookups.
func (d *run) limitMessage(rep *spfcheck.Report, key string) string {
	p := d.p
	switch {
	case rep.Lookups > spfcheck.MaxLookups && key == "doctor.lookups.over.after":
		return p.T(key, d.includeText(), rep.Lookups, costliest(p, rep))
	case rep.Lookups > spfcheck.MaxLookups:
		return p.T(key, rep.Lookups, costliest(p, rep))
	}
	return p.T("doctor.lookups.void", rep.VoidLookups, termsafe.Line(strings.Join(p.Problems(rep), p.T("doctor.list.sep"))))
}

// limitCheck adds the [NG] of a record over the lookup limits: the record
// as published (key doctor.lookups.over.now), with the include added
// (over.after) or as corrected (over.fixed); void lookups have their own
// message. Its step is to make room first; whether doctor will then give a
// value to enter depends on whether one is pending.
func (d *run) limitCheck(rep *spfcheck.Report, situation, key string) {
	p, r := d.p, d.r
	msg := d.limitMessage(rep, key)
	// Once there is room, doctor gives the value when a change is still
	// pending (it was held back because it was over the limit).
	next := p.T("doctor.lookups.over.next")
	if d.valueOver {
		next = p.T("doctor.lookups.over.next.value")
	}
	if rep.Lookups <= spfcheck.MaxLookups {
		next = p.T("doctor.lookups.void.next")
	}
	r.add(Check{ID: "lookups", Status: Fail, Situation: situation, Message: msg, Next: next})
}

// withValue puts the corrected record on c, after its lookups were
// counted (after): below is the sentence that introduces the value. A
// value over the limits is not given: c says to make room first (over, or
// the generic sentence), and the lookups check says how. When the value was
// given already, c says that it covers this step too.
func (d *run) withValue(c *Check, edit string, fixed *spfedit.Record, after *spfcheck.Report, below, over string) {
	p, r := d.p, d.r
	switch {
	case r.valueShown:
		c.Next = d.join(c.Next, p.T("doctor.value.above"))
		return
	case d.valueOver:
		c.Next = d.join(c.Next, p.T("doctor.value.over.above"))
		return
	case overLimit(after):
		d.valueOver = true
		if over == "" {
			over = p.T("doctor.value.over", after.Lookups)
			if after.Lookups <= spfcheck.MaxLookups {
				over = p.T("doctor.value.over.void", after.VoidLookups)
			}
		}
		c.Next = d.join(c.Next, over)
		return
	}
	r.valueShown = true
	r.Fixed = fixed.String()
	c.Next = d.join(c.Next, below)
	c.Edit, c.Name, c.Host, c.Value = edit, d.domain, d.hostField(), fixed.String()
	d.command(c, fixed)
}

// command adds to a check that carries a value the command to run once it
// is entered: an apply command only where apply would write (or wait for)
// exactly this value; elsewhere the doctor command to check again once the
// change shows.
func (d *run) command(c *Check, fixed *spfedit.Record) {
	if d.applyWorks(c.Edit, fixed) {
		d.apiCommand(c)
		return
	}
	if d.r.Again != "" {
		c.Next = d.join(c.Next, d.p.T("doctor.command.recheck", d.propagation(), d.r.Again))
	}
}

// applyWorks reports whether `spfpatch apply` on this domain plans exactly
// fixed: plan starts from the one published SPF record (or none, with
// --create) and adds the includes before all (plan/build.go); it refuses
// two records, a record that does not parse, and writes nothing else (it
// does not move an include, drop a ~ or soften +all).
func (d *run) applyWorks(edit string, fixed *spfedit.Record) bool {
	if !plainName(d.domain) || d.brokenRecord || d.noApply {
		return false
	}
	switch edit {
	case EditAdd:
		want, err := spfedit.New(d.incs...)
		return err == nil && d.live == nil && want.String() == fixed.String()
	case EditSPF:
		if d.live == nil {
			return false
		}
		return d.live.String() != fixed.String() && d.onlyAdds(d.live, fixed)
	}
	return false
}

// corrected is rec with the includes in place (spfedit.MakeIncludeEffective),
// +all softened, a missing all added (unless a redirect= stands for it),
// and includes of names that have no SPF record left out (each makes the
// whole record fail; not the platform's own). removed are those names.
func (d *run) corrected(ctx context.Context, rec *spfedit.Record) (*spfedit.Record, []string) {
	fixed := softenAll(ensure(rec, d.needed()))
	if fixed.All() < 0 {
		if _, ok := fixed.Redirect(); !ok {
			if f, err := spfedit.Parse(fixed.String() + " ~all"); err == nil {
				fixed = f
			}
		}
	}
	var removed []string
	for range 5 {
		rep := d.cfg.Checker.Account(ctx, d.domain, fixed)
		target := ""
		for _, pr := range rep.Problems {
			if pr.Code != spfcheck.CodeTargetNoRecord || len(pr.Args) < 1 {
				continue
			}
			t := strings.ToLower(strings.TrimSuffix(pr.Args[0], "."))
			if !slices.Contains(d.incs, t) && fixed.HasInclude(t) {
				target = t
				break
			}
		}
		if target == "" {
			break
		}
		f := fixed.Clone()
		if f.RemoveInclude(target) == 0 {
			break
		}
		fixed = f
		removed = append(removed, target)
	}
	return fixed, removed
}

// broken reports a corrected record that still fails with permerror for a
// reason beyond its own text: the platform's include target without an
// SPF record, a loop, an included record's syntax.
func (d *run) broken(rep *spfcheck.Report) {
	p, r := d.p, d.r
	for _, pr := range rep.Problems {
		if pr.Code == spfcheck.CodeTargetNoRecord && len(pr.Args) >= 1 {
			target := strings.TrimSuffix(pr.Args[0], ".")
			r.add(Check{ID: "include-target", Status: Fail, Situation: SitBrokenInclude,
				Message: p.T("doctor.include.broken", termsafe.Line(target)), Next: p.T("doctor.include.broken.next.ask", termsafe.Line(target))})
			return
		}
	}
	r.add(Check{ID: "lookups", Status: Fail, Situation: SitBrokenInclude, Message: p.T("doctor.spf.broken", termsafe.Line(strings.Join(p.Problems(rep), p.T("doctor.list.sep")))), Next: p.T("doctor.spf.broken.next")})
}

// platformPass tests, on live data, a sample address of each include's
// servers with check_host() against the domain.
func (d *run) platformPass(ctx context.Context) {
	p, r := d.p, d.r
	r.passTested, r.passOK = true, true
	for _, inc := range d.incs {
		ip, ok := sampleIP(ctx, d.cfg.DNS, inc)
		if !ok {
			r.passTested, r.passOK = false, false
			r.add(Check{ID: "platform-pass", Status: Warn, Situation: SitNotVerified, Message: p.T("doctor.pass.untested", inc), Next: p.T("doctor.pass.untested.next")})
			continue
		}
		sender := "postmaster@" + d.domain
		if d.sender != "" {
			sender = d.sender
		}
		out := d.cfg.Checker.CheckHost(ctx, ip, d.domain, sender, d.domain)
		if out.Result == spfcheck.Pass && d.livePermerror {
			// check_host() stops at the platform's include, before the
			// broken term: the platform's mail passes, the shop's other
			// mail gets permerror. The [NG] above gives the fix.
			r.add(Check{ID: "platform-pass", Status: Warn, Message: p.T("doctor.pass.ok.broken", d.plat.Name, ip)})
			continue
		}
		if out.Result == spfcheck.Pass {
			r.add(Check{ID: "platform-pass", Status: OK, Message: p.T("doctor.pass.ok", d.plat.Name, ip)})
			continue
		}
		r.passOK = false
		next := p.T("doctor.pass.fail.next.above")
		if !r.failed() {
			next = p.T("doctor.pass.fail.next", inc, d.plat.Name)
		}
		r.add(Check{ID: "platform-pass", Status: Fail, Situation: SitNotPassing, Message: p.T("doctor.pass.fail", d.plat.Name, ip, p.T("doctor.result."+out.Result.String())), Next: next})
	}
}

// charsText names the characters an owner pasted that SPF does not allow,
// one sentence per kind, in words (全角スペース, 見えない空白文字
// (ノーブレークスペース), 「〜」(波ダッシュ)): never a code point, an escape
// or a byte offset.
func charsText(p i18n.Printer, chars []rune) string {
	var fw []string
	kinds := map[string]bool{}
	var order []string
	for _, r := range chars {
		k := charKind(r)
		if k == charFullWidth {
			if len(fw) < maxNamedChars {
				fw = append(fw, p.T("doctor.quote", string(r)))
			}
		}
		if !kinds[k] {
			kinds[k] = true
			order = append(order, k)
		}
	}
	var out []string
	for _, k := range order {
		switch k {
		case charFullWidth:
			out = append(out, p.T("doctor.char.full-width", strings.Join(fw, p.T("doctor.list.sep"))))
		case charOK, charOther:
		default:
			out = append(out, p.T("doctor.char."+k))
		}
	}
	return strings.Join(out, sepFor(p))
}

// charsNext is what to do about each kind of character, one sentence each.
func charsNext(p i18n.Printer, chars []rune) []string {
	var out []string
	seen := map[string]bool{}
	invisible := false
	for _, r := range chars {
		k := charKind(r)
		key := "doctor.char.next." + k
		switch k {
		case charNBSP, charSpace, charIdeoSpace:
			key = "doctor.char.next.space"
		case charZeroWidth, charBOM, charInvisible:
			key = "doctor.char.next.invisible"
			invisible = true
		case charOK, charOther:
			continue
		}
		if k == charNBSP || k == charSpace {
			invisible = true
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p.T(key))
		}
	}
	if invisible {
		out = append(out, p.T("doctor.char.next.paste"))
	}
	return out
}

func sepFor(p i18n.Printer) string {
	if p.Lang == i18n.JA {
		return ""
	}
	return " "
}

// syntaxText says what is wrong with a record that does not parse, in the
// owner's words: the part as written and the reason, without the byte
// offset and the Go quoting of spfedit's message.
func syntaxText(p i18n.Printer, err error) string {
	var se *spfedit.SyntaxError
	if !errors.As(err, &se) {
		return p.T("doctor.syntax.unknown")
	}
	why := p.T("doctor.syntax.reason.other")
	if code := spfedit.ErrorCode(se.Err); code != "" && i18n.Has("spf.err."+code) {
		why = p.T("spf.err." + code)
	}
	if se.Term == "" {
		return p.T("doctor.syntax.start", why)
	}
	return p.T("doctor.syntax.term", termsafe.Line(se.Term), why)
}
