package plan_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/plan"
)

// notWritten is a provider's error that guarantees the write was not made
// (providers.NotWrittenError: a lockout, a conditional write refused).
type notWritten struct{ code string }

func (e notWritten) Error() string      { return "blocked until 12:05:00; this name was not changed" }
func (e notWritten) NotWritten() string { return e.code }

// Issue 12 review, findings B and G: a write the provider refused before
// making it is reported as not tried under its code (not "unknown"), and
// nothing is read back: a read would only wait for the lockout to end.
func TestApplyNotWritten(t *testing.T) {
	for _, code := range []string{plan.CodeProvider, plan.CodeDrift} {
		s := seed()
		cfg := config(s)
		p := plan.Build(context.Background(), cfg, []string{"shop.example.com"})
		s.FailNext(dnstest.MethodSetRecords, errors.Join(errors.New("PATCH refused"), notWritten{code}))
		s.ResetCalls()
		j := journal(t)
		res := plan.Apply(context.Background(), plan.ApplyConfig{Backend: cfg.Backend, Checker: cfg.Checker, Journal: j}, p)
		a := res[0]
		if a.Status != plan.StatusNotTried || a.Code != code || !a.Failed() || !strings.Contains(a.Error, "not written") || !strings.Contains(a.Error, "12:05:00") {
			t.Fatalf("%s: %+v", code, a)
		}
		if n := s.Calls(dnstest.MethodGetRRset) + s.Calls(dnstest.MethodGetRecords); n != 1 {
			t.Fatalf("%s: %d reads, want only the re-read before the write", code, n)
		}
		entries, _ := plan.ReadJournal(j.Path)
		if len(entries) != 1 || entries[0].Result == nil || entries[0].Result.Status != plan.StatusNotTried {
			t.Fatalf("%s: journal %+v", code, entries)
		}
	}
}
