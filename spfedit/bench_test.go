package spfedit

import "testing"

const benchRecord = "v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip6:2001:4860:4000::/36 a:mail.example.jp/28 mx include:_spf.google.com include:spf.protection.outlook.com exists:%{i}._spf.example.com ~all"

// benchRecord10 has 10 terms (issue 13's target: Parse + AddInclude +
// String under 2 us with at most 4 allocations).
const benchRecord10 = "v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip6:2001:4860:4000::/36 a:mail.example.jp/28 mx include:_spf.google.com include:spf.protection.outlook.com include:servers.mcsv.net exists:%{i}._spf.example.com ~all"

func BenchmarkParseAddIncludeString10(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		r, _ := Parse(benchRecord10)
		if _, err := r.AddInclude("e-shopsmail2.com"); err != nil {
			b.Fatal(err)
		}
		_ = r.String()
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchRecord)))
	for b.Loop() {
		if _, err := Parse(benchRecord); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseAddIncludeString(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		r, _ := Parse(benchRecord)
		if _, err := r.AddInclude("e-shopsmail2.com"); err != nil {
			b.Fatal(err)
		}
		_ = r.String()
	}
}

func BenchmarkAddIncludeNoop(b *testing.B) {
	r := MustParse(benchRecord)
	b.ReportAllocs()
	for b.Loop() {
		if changed, _ := r.AddInclude("_spf.google.com"); changed {
			b.Fatal("changed")
		}
	}
}
