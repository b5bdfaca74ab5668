package plan

import (
	"io"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/spfedit"
)

// benchChange is a change as a plan of a generated shop holds it: three TXT
// records (one split in two strings), the include added.
func benchChange() *Change {
	before := RRset{
		{Text: "v=spf1 mx ip4:192.0.2.0/24 ~all", TTL: time.Hour, Strings: []string{"v=spf1 mx ip4:192.0.2.0/24 ~all"}},
		{Text: "google-site-verification=token000001", TTL: time.Hour, Strings: []string{"google-site-verification=token000001"}},
		{Text: "MS=ms000001", TTL: time.Hour, Strings: []string{"MS=ms", "000001"}},
	}
	after := append(RRset{{Text: "v=spf1 mx ip4:192.0.2.0/24 include:e-shopsmail2.com ~all", TTL: time.Hour}}, before[1:]...)
	return &Change{
		Target: Target{Input: "s000001.example", Domain: "s000001.example"}, Name: "s000001.example.", Zone: "s000001.example.",
		Provider: "zonefile", Action: Update, Situation: "needs-include", Before: before, After: after,
		BeforeSPF: before[0].Text, AfterSPF: after[0].Text, AfterStrings: []string{after[0].Text},
		Fingerprint:   "sha256:91c1a17d53aea8d3aa636140ba5da39d78aebe11b94db52f20b399820c76d325",
		LookupsBefore: 1, LookupsAfter: 2, VoidBefore: 1, VoidAfter: 1, Warnings: []spfedit.Warning{},
		Inputs: &Inputs{Includes: []string{"e-shopsmail2.com"}, TTL: 3600},
	}
}

// BenchmarkChangeJSONLine: one line of plan --format json.
func BenchmarkChangeJSONLine(b *testing.B) {
	p := &Plan{Changes: []*Change{benchChange()}}
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteJSONLines(io.Discard, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJournalIntentLine: one intent line of an apply's journal.
func BenchmarkJournalIntentLine(b *testing.B) {
	c := benchChange()
	j := &Journal{run: "20261203T000000Z-0123456789abcdef"}
	e := Entry{Kind: EntryIntent, ID: 1, Provider: c.Provider, Zone: c.Zone, Name: c.Name, Before: c.Before, After: c.After, Inputs: c.Inputs}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := j.line(e); err != nil {
			b.Fatal(err)
		}
	}
}
