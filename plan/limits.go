package plan

import (
	"strings"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// limitRefusal is the refusal of a record whose lookup accounting (ra, on
// live DNS) breaks RFC 7208 §4.6.4 (SPEC.md data-safety rule 4): more than
// 10 lookups (unchanged: the record is over the limit already, this change
// or not), more than 2 void lookups, an include that does not resolve
// (permerror) or DNS that does not answer (temperror). It returns the
// Change code and the message, or "" when the record passes. Every change
// plan makes goes through it: a normal one (BuildOne) and the repair of a
// half-done one (finishHalfDone).
func limitRefusal(p i18n.Printer, domain string, ra *spfcheck.Report, unchanged bool) (code, msg string) {
	switch {
	case ra.Lookups > spfcheck.MaxLookups && unchanged:
		return CodeOverLimit, p.T("plan.already-over-limit", domain, ra.Lookups, spfcheck.MaxLookups, strings.Join(ra.Costliest(3), ", "))
	case ra.Lookups > spfcheck.MaxLookups:
		return CodeOverLimit, p.T("plan.over-limit", domain, ra.Lookups, spfcheck.MaxLookups, strings.Join(ra.Costliest(3), ", "))
	case ra.VoidLookups > spfcheck.MaxVoidLookups:
		return CodeOverLimit, p.T("plan.over-void-limit", domain, ra.VoidLookups, spfcheck.MaxVoidLookups, problems(p, ra))
	case ra.Status == "permerror":
		return CodeBrokenInclude, p.T("plan.permerror", domain, problems(p, ra))
	case ra.Status == "temperror":
		return CodeDNS, p.T("plan.temperror", domain, problems(p, ra))
	}
	return "", ""
}
