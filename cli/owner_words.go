package cli

// Words a shop owner reads in Japanese where the other commands print
// codes (issue 14, second review): check's status word, the reason of a
// refused name in the plan summary, apply --wait's live record, the
// manual apply's line. Each is called from one place in check.go,
// plan.go and apply.go.

import (
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// statusWord is check's status of a record for people: OK, NONE,
// PERMERROR, TEMPERROR in English (as before); in Japanese 問題なし,
// SPFレコードなし, エラー(permerror), DNS 問い合わせ失敗.
func statusWord(status string) string {
	if key := "check.status.word." + status; tr.Lang != i18n.EN && i18n.Has(key) {
		return tr.T(key)
	}
	return strings.ToUpper(status)
}

// refusedReason is what follows 「変更できません」 in the plan summary: in
// Japanese the reason in words, (SPFレコードがありません); in English the
// code, as before: " (no-spf-record)".
func refusedReason(code string) string {
	if key := "plan.code." + code; tr.Lang != i18n.EN && i18n.Has(key) {
		return tr.T("plan.code.paren", tr.T(key))
	}
	return " (" + code + ")"
}

// liveRecordLine is apply --wait's line about the record DNS serves once
// the wait is over: the record in words, and, when it is not yet the new
// one, which include it still lacks.
func liveRecordLine(domain string, ch *plan.Change, rep *spfcheck.Report) string {
	d := termsafe.Line(domain)
	switch {
	case rep.Record == "":
		return tr.T("apply.wait.live.none", d)
	case rep.Record == ch.AfterSPF:
		return tr.T("apply.wait.live.new", d, termsafe.Line(rep.Record), statusWord(rep.Status), rep.Lookups, spfcheck.MaxLookups)
	}
	if missing := missingIncludes(ch.AfterSPF, rep.Record); missing != "" {
		return tr.T("apply.wait.live.old", d, termsafe.Line(rep.Record), missing)
	}
	return tr.T("apply.wait.live.other", d, termsafe.Line(rep.Record))
}

// missingIncludes lists the include terms of want that are not effective
// in got ("" when none is missing or a record does not parse).
func missingIncludes(want, got string) string {
	w, err := spfedit.Parse(want)
	if err != nil {
		return ""
	}
	g, err := spfedit.Parse(got)
	if err != nil {
		return ""
	}
	var out []string
	for _, t := range w.Terms() {
		if t.Kind != spfedit.KindInclude {
			continue
		}
		if st, _ := g.IncludeAt(t.TargetName()); st != spfedit.IncludeEffective {
			out = append(out, "include:"+t.TargetName())
		}
	}
	return termsafe.Line(strings.Join(out, " "))
}

// manualWaitCommand is the command that waits for a hand-entered change,
// with this run's flags, so that it works as printed.
func manualWaitCommand(c *cli.Context, name string) string {
	words := []string{thisProgram(), "apply"}
	flags := runFlags(c)
	if !strings.Contains(flags, "--provider") {
		words = append(words, "--provider", "manual")
	}
	if flags != "" {
		words = append(words, flags)
	}
	return strings.Join(append(words, "--wait=30m", suggestTarget(name)), " ")
}
