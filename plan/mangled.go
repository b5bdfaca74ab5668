package plan

import (
	"strings"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/spfedit"
)

// CodeMangledSPF: a TXT record at the name is an SPF record stored wrongly
// (with its quotes, a full-width space or other characters that hide
// v=spf1): plan neither creates a record beside it nor changes another.
const CodeMangledSPF = "mangled-spf-record"

// mangledMessage names the record stored wrongly, what is wrong with it in
// the owner's words, and the corrected value to enter in its place.
func mangledMessage(p i18n.Printer, domain string, m spfedit.Mangled) string {
	var what []string
	if m.Has(spfedit.MangledQuotes) {
		what = append(what, p.T("plan.mangled.quotes"))
	}
	if m.Has(spfedit.MangledFullWidth) || m.Has(spfedit.MangledWaveDash) {
		what = append(what, p.T("plan.mangled.full-width"))
	}
	if m.Has(spfedit.MangledSpaces) || m.Has(spfedit.MangledInvisible) {
		what = append(what, p.T("plan.mangled.spaces"))
	}
	if m.Has(spfedit.MangledNoSpace) {
		what = append(what, p.T("plan.mangled.no-space"))
	}
	sep, shown := " ", visible(p, termsafe.Line(m.Text))
	switch {
	case p.Lang == i18n.JA:
		sep = ""
		shown = p.T("doctor.quote", shown) // 「...」
	case !m.Has(spfedit.MangledQuotes):
		shown = `"` + shown + `"`
	}
	return p.T("plan.mangled", domain, shown, strings.Join(what, sep), termsafe.Line(m.Fixed))
}

// visible names the characters that cannot be told from a space or cannot
// be seen at all: [full-width space], [全角スペース].
func visible(p i18n.Printer, s string) string {
	var b strings.Builder
	for _, r := range s {
		switch spfedit.CharKind(r) {
		case spfedit.CharIdeoSpace:
			b.WriteString(p.T("plan.char.full-width-space"))
		case spfedit.CharNBSP, spfedit.CharSpace:
			b.WriteString(p.T("plan.char.special-space"))
		case spfedit.CharZeroWidth, spfedit.CharBOM, spfedit.CharInvisible:
			b.WriteString(p.T("plan.char.invisible"))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
