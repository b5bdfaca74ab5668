package plan_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/plan"
	"github.com/spfpatch/spfpatch/spfedit"
)

// Issue 12 review, finding I: the repair of a half-done change (two SPF
// records, one of them the other with this change made) publishes the new
// record alone, so it passes plan's lookup accounting like any change: a
// repair whose record would need 11 lookups is refused when planned, not
// shown as "to change" and refused only by apply's guard.
func TestHalfDoneRepairAccounted(t *testing.T) {
	full := "v=spf1 exists:%{i}.a.example exists:%{i}.b.example exists:%{i}.c.example exists:%{i}.d.example exists:%{i}.e.example " +
		"exists:%{i}.f.example exists:%{i}.g.example exists:%{i}.h.example exists:%{i}.i.example exists:%{i}.j.example ~all"
	with := func(text string) string {
		r, err := spfedit.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.AddInclude("e-shopsmail2.com"); err != nil {
			t.Fatal(err)
		}
		return r.String()
	}
	s := seed()
	txt := func(name, text string) libdns.RR {
		return libdns.RR{Name: name, Type: "TXT", TTL: 300 * time.Second, Data: text}
	}
	small := "v=spf1 ip4:192.0.2.0/24 ~all"
	s.Put(zone, txt("halfbig", full), txt("halfbig", with(full)), txt("half", small), txt("half", with(small)))
	cfg := config(s)

	c := plan.BuildOne(context.Background(), cfg, "halfbig.example.com")
	if c.Action != plan.Error || c.Code != plan.CodeOverLimit || !strings.Contains(c.Message, "11 DNS lookups") || c.LookupsAfter != 11 {
		t.Fatalf("over the limit: %s %q %q (%d lookups)", c.Action, c.Code, c.Message, c.LookupsAfter)
	}
	if c.After != nil || c.Inputs != nil {
		t.Fatalf("a refused repair carries an after: %+v", c.After)
	}
	c = plan.BuildOne(context.Background(), cfg, "half.example.com")
	if c.Action != plan.Update || !strings.Contains(c.Message, "two SPF records") || len(c.After) != 1 || c.After[0].Text != with(small) {
		t.Fatalf("within the limit: %s %q %+v", c.Action, c.Message, c.After)
	}
}
