package spfedit

import "testing"

func TestIncludeAt(t *testing.T) {
	tests := []struct {
		rec   string
		state IncludeState
		at    int
		fixed string
	}{
		{"v=spf1 ip4:192.0.2.1 ~all", IncludeMissing, -1, "v=spf1 ip4:192.0.2.1 include:e-shopsmail2.com ~all"},
		{"v=spf1 include:E-SHOPSMAIL2.COM. ~all", IncludeEffective, 0, "v=spf1 include:E-SHOPSMAIL2.COM. ~all"},
		{"v=spf1 +include:e-shopsmail2.com -all", IncludeEffective, 0, "v=spf1 +include:e-shopsmail2.com -all"},
		{"v=spf1 ip4:192.0.2.1 ~all include:e-shopsmail2.com", IncludeAfterAll, 2, "v=spf1 ip4:192.0.2.1 include:e-shopsmail2.com ~all"},
		{"v=spf1 ~include:e-shopsmail2.com ~all", IncludeQualified, 0, "v=spf1 include:e-shopsmail2.com ~all"},
		{"v=spf1 -include:e-shopsmail2.com include:e-shopsmail2.com ~all", IncludeQualified, 0, "v=spf1 include:e-shopsmail2.com ~all"},
		// The first include decides: a later duplicate after all is never
		// evaluated, and does not make the effective one ineffective.
		{"v=spf1 include:e-shopsmail2.com ~all include:e-shopsmail2.com", IncludeEffective, 0, "v=spf1 include:e-shopsmail2.com ~all include:e-shopsmail2.com"},
		{"v=spf1 include:e-shopsmail2.com", IncludeEffective, 0, "v=spf1 include:e-shopsmail2.com"},
		{"v=spf1 ?include:e-shopsmail2.com redirect=_spf.example", IncludeQualified, 0, "v=spf1 include:e-shopsmail2.com redirect=_spf.example"},
	}
	for _, tt := range tests {
		r := MustParse(tt.rec)
		st, at := r.IncludeAt("e-shopsmail2.com")
		if st != tt.state || at != tt.at {
			t.Errorf("%q: IncludeAt = %v %d, want %v %d", tt.rec, st, at, tt.state, tt.at)
		}
		changed, err := r.MakeIncludeEffective("e-shopsmail2.com")
		if err != nil || r.String() != tt.fixed || changed != (tt.state != IncludeEffective) {
			t.Errorf("%q: MakeIncludeEffective = %q %v %v, want %q", tt.rec, r.String(), changed, err, tt.fixed)
		}
	}
}
