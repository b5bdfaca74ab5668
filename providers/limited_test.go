package providers_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/providers"
)

// The budget holds for concurrent callers: 30 calls at 100 a second with a
// burst of 5 take at least (30-5)/100 s.
func TestLimitedHoldsBudget(t *testing.T) {
	s := seeded()
	p := providers.Limited(s, 100, 5)
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := p.GetRecords(context.Background(), zone); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if d := time.Since(start); d < 240*time.Millisecond {
		t.Fatalf("30 calls took %s, faster than the budget allows", d)
	}
	if s.Calls(dnstest.MethodGetRecords) != 30 {
		t.Fatalf("%d calls", s.Calls(dnstest.MethodGetRecords))
	}
	// The optional reads plan uses pass through.
	g, ok := p.(interface {
		GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error)
	})
	if !ok {
		t.Fatal("no GetRRset")
	}
	recs, err := g.GetRRset(context.Background(), zone, "@", "TXT")
	if err != nil || len(recs) != 2 {
		t.Fatalf("%v %v", recs, err)
	}
	if _, err := p.(libdns.ZoneLister).ListZones(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestLimitedZeroIsUnlimited(t *testing.T) {
	s := seeded()
	if p := providers.Limited(s, 0, 0); p != providers.Provider(s) {
		t.Fatal("a zero budget should return the provider itself")
	}
}
