package route53

import (
	"context"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/r53fake"
)

// PriorRequestNotComplete (HTTP 400): "If Amazon Route 53 can't process a
// request before the next request arrives, it will reject subsequent
// requests for the same hosted zone and return an HTTP 400 error (Bad
// request). If Route 53 returns this error repeatedly for the same request,
// we recommend that you wait, in intervals of increasing duration, before
// you try the request again" (Route 53 API reference, the error's
// documentation, as in the SDK's service/route53/types/errors.go). The
// SDK's standard retryer counts it as a throttle (aws/retry/standard.go,
// its throttle error codes) and backs off before the next attempt, up to
// MaxAttempts. The change is written once, after the rejected attempt,
// with every other value at the name kept.
func TestPriorRequestNotCompleteRetried(t *testing.T) {
	for _, op := range []string{"ChangeResourceRecordSets", "ListResourceRecordSets"} {
		t.Run(op, func(t *testing.T) {
			f, id, p := setup(t)
			f.Fail(r53fake.Fault{Op: op, Status: 400, Code: "PriorRequestNotComplete", Times: 1})
			before := f.Count("ChangeResourceRecordSets")
			if _, err := p.SetRecords(context.Background(), zone, []libdns.Record{txt("@", verifier, time.Hour), txt("@", newSPF, time.Hour)}); err != nil {
				t.Fatal(err)
			}
			if got := f.Values(id, "shop.test.", "TXT"); len(got) != 2 || got[0] != `"`+verifier+`"` || got[1] != `"`+newSPF+`"` {
				t.Fatalf("%q", got)
			}
			want := 1
			if op == "ChangeResourceRecordSets" {
				want = 2 // the rejected attempt, then the one that wrote
			}
			if n := f.Count("ChangeResourceRecordSets") - before; n != want {
				t.Errorf("%d change calls, want %d", n, want)
			}
			if op == "ListResourceRecordSets" && f.Count(op) < 2 {
				t.Errorf("%d list calls: the rejected one was not retried", f.Count(op))
			}
		})
	}
}
