package spfedit

import (
	"fmt"
	"strconv"
	"strings"
)

// Warning is something legal but probably wrong in a record. Code is stable
// for scripts; Message says what is wrong and what to do.
type Warning struct {
	Code    string `json:"code"`
	Term    string `json:"term,omitempty"`
	Pos     int    `json:"pos"`
	Message string `json:"message"`
	// Args are the values Message names, for showing it in another
	// language: see each Warn* code for what they are, in order.
	Args []string `json:"-"`
}

func (w Warning) String() string { return w.Message }

// Warning codes.
const (
	WarnAllPass         = "all-pass"         // +all or a bare all; Args: [term]
	WarnAllNeutral      = "all-neutral"      // ?all; Args: [term]
	WarnPTR             = "ptr-deprecated"   // RFC 7208 §5.5; Args: [term]
	WarnAfterAll        = "after-all"        // mechanisms after all are never evaluated (§5.1); Args: [term, the all term]
	WarnRedirectIgnored = "redirect-ignored" // redirect= with all present (§6.1); Args: [term, the all term]
	WarnIncludeNotPass  = "include-not-pass" // an ensured include with a -, ~ or ? qualifier; Args: [term, qualifier, target, result]
	WarnDuplicate       = "duplicate-term"   // Args: [term]
	WarnRecordTooLong   = "record-too-long"  // over 450 bytes (§3.4); Args: [bytes, 450]
	WarnTermTooLong     = "term-too-long"    // one term over 255 bytes; Args: [term, abbreviated to 40 bytes, bytes]
)

// RecommendedMaxLen is the record size above which RFC 7208 §3.4 warns that
// the answer may not fit in one UDP packet.
const RecommendedMaxLen = 450

// Lint returns the warnings for r. includes are the include targets the
// caller ensures; an include of one of them with a qualifier other than + is
// reported, since mail from that platform would then not pass.
func (r *Record) Lint(includes ...string) []Warning {
	var ws []Warning
	add := func(code string, t Term, wargs []string, format string, args ...any) {
		ws = append(ws, Warning{Code: code, Term: t.Text, Pos: t.Pos, Message: fmt.Sprintf(format, args...), Args: wargs})
	}
	want := map[string]bool{}
	for _, n := range includes {
		want[normName(n)] = true
	}
	allAt := r.All()
	seen := map[string]bool{}
	for i, t := range r.terms {
		switch t.Kind {
		case KindAll:
			if i == allAt {
				switch t.Qualifier {
				case QualifierNone, QualifierPass:
					add(WarnAllPass, t, []string{t.Text}, "%q lets every server on the internet send mail as this domain; use ~all (or -all once every sender is listed)", t.Text)
				case QualifierNeutral:
					add(WarnAllNeutral, t, []string{t.Text}, "%q gives no protection against forged mail; use ~all (or -all once every sender is listed)", t.Text)
				}
			}
		case KindPTR:
			add(WarnPTR, t, []string{t.Text}, "%q is deprecated (RFC 7208 §5.5): it is slow and many receivers ignore it; list the servers with ip4:, ip6: or a instead", t.Text)
		case KindInclude:
			if want[normName(t.Value)] && t.Qualifier != QualifierNone && t.Qualifier != QualifierPass {
				add(WarnIncludeNotPass, t, []string{t.Text, string(t.Qualifier), t.Value, t.Qualifier.Result()}, "%q has the qualifier %q, so mail from %s's servers gets %s; remove the %q",
					t.Text, string(t.Qualifier), t.Value, t.Qualifier.Result(), string(t.Qualifier))
			}
		case KindRedirect:
			if allAt >= 0 {
				add(WarnRedirectIgnored, t, []string{t.Text, r.terms[allAt].Text}, "%q is ignored because the record has %q (RFC 7208 §6.1); remove one of them", t.Text, r.terms[allAt].Text)
			}
		}
		if allAt >= 0 && i > allAt && t.Kind.IsMechanism() {
			add(WarnAfterAll, t, []string{t.Text, r.terms[allAt].Text}, "%q comes after %q and is never evaluated; move it before %q", t.Text, r.terms[allAt].Text, r.terms[allAt].Text)
		}
		key := strings.ToLower(strings.TrimLeft(t.Text, "+-~?"))
		if t.Kind.IsMechanism() && seen[key] {
			add(WarnDuplicate, t, []string{t.Text}, "%q appears more than once; delete the repeat", t.Text)
		}
		seen[key] = true
		if len(t.Text) > MaxStringLen {
			add(WarnTermTooLong, t, []string{t.Text, abbrev(t.Text), strconv.Itoa(len(t.Text))}, "term %q is %d bytes, more than fits in one 255-byte TXT string; shorten it", abbrev(t.Text), len(t.Text))
		}
	}
	if n := len(r.String()); n > RecommendedMaxLen {
		ws = append(ws, Warning{Code: WarnRecordTooLong, Args: []string{strconv.Itoa(n), strconv.Itoa(RecommendedMaxLen)}, Message: fmt.Sprintf(
			"the record is %d bytes, over the %d that RFC 7208 §3.4 recommends so the answer fits one UDP packet; move some servers into an include", n, RecommendedMaxLen)})
	}
	return ws
}

func abbrev(s string) string {
	if len(s) <= 40 {
		return s
	}
	return s[:37] + "..."
}
