package plan_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/plan"
)

// prober is a store that answers plan.NameProber by name, as the
// Cloudflare and Route 53 providers do, and counts its calls; a read of
// the whole zone is an error.
type prober struct {
	*dnstest.Store
	mu    sync.Mutex
	calls map[string]int
}

func (p *prober) count(m string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls[m]++
}

func (p *prober) n(m string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls[m]
}

func (p *prober) GetRecords(ctx context.Context, zone string) ([]libdns.Record, error) {
	p.count("GetRecords")
	return nil, errors.New("the whole zone was read")
}

func (p *prober) NameRecords(ctx context.Context, zone, name string) ([]libdns.Record, error) {
	p.count("NameRecords")
	var out []libdns.Record
	for _, rr := range p.Records(zone) {
		if strings.EqualFold(rr.Name, name) {
			out = append(out, rr)
		}
	}
	return out, nil
}

func (p *prober) HasBelow(ctx context.Context, zone, name string) (bool, error) {
	p.count("HasBelow")
	for _, rr := range p.Records(zone) {
		if strings.HasSuffix(strings.ToLower(rr.Name), "."+strings.ToLower(name)) {
			return true, nil
		}
	}
	return false, nil
}

func (p *prober) WildcardFor(ctx context.Context, zone, name string) (string, error) {
	p.count("WildcardFor")
	labels := strings.Split(strings.ToLower(name), ".")
	for i := 1; i <= len(labels); i++ {
		owner := strings.Join(append([]string{"*"}, labels[i:]...), ".")
		for _, rr := range p.Records(zone) {
			if strings.ToLower(rr.Name) == owner {
				return owner, nil
			}
		}
	}
	return "", nil
}

// withProbeCases adds to the seed a wildcard of another type, a name
// below it, and an empty non-terminal.
func withProbeCases() *dnstest.Store {
	s := seed()
	s.Put(zone,
		libdns.RR{Name: "*.w", Type: "A", TTL: time.Hour, Data: "192.0.2.99"},
		libdns.RR{Name: "real.w", Type: "A", TTL: time.Hour, Data: "192.0.2.98"},
		libdns.RR{Name: "a.ent", Type: "A", TTL: time.Hour, Data: "192.0.2.97"},
	)
	return s
}

// Issue 12 review, finding A: through a NameProber plan reads one name,
// never the whole zone, and refuses exactly what it refuses with the whole
// zone read: a CNAME, a name only a wildcard (of any type) answers for, a
// name that does not exist; a name with records of its own, or with names
// below it, gets its SPF record created. A name with records costs one
// call; only a name without any asks for wildcards and names below it.
func TestNameProberSameOutcomes(t *testing.T) {
	for _, tc := range []struct {
		target string
		calls  int // prober calls of the plan
	}{
		{"shop.example.com", 1},    // update
		{"nospf.example.com", 1},   // TXT without SPF: create
		{"web.example.com", 1},     // an A record only: create
		{"alias.example.com", 1},   // CNAME: refused
		{"x.w.example.com", 2},     // only the wildcard *.w (an A record) answers: refused
		{"real.w.example.com", 1},  // its own records: the wildcard does not answer for it
		{"ent.example.com", 3},     // no records, a.ent below it: create
		{"new.example.com", 3},     // does not exist: refused
		{"a.b.new.example.com", 3}, // two labels: the wildcards asked at once (a request a label at Cloudflare), then below
		{"example.com", 1},         // the apex
	} {
		t.Run(tc.target, func(t *testing.T) {
			whole := config(withProbeCases())
			whole.Create = true
			want := plan.BuildOne(context.Background(), whole, tc.target)

			p := &prober{Store: withProbeCases(), calls: map[string]int{}}
			byName := config(withProbeCases())
			byName.Backend.Store = p
			byName.Create = true
			got := plan.BuildOne(context.Background(), byName, tc.target)
			if got.Action != want.Action || got.Code != want.Code || got.Message != want.Message || !got.After.Equal(want.After) {
				t.Fatalf("by name: %s %q %q\nwhole zone: %s %q %q", got.Action, got.Code, got.Message, want.Action, want.Code, want.Message)
			}
			if n := p.n("GetRecords"); n != 0 {
				t.Fatalf("the whole zone was read %d times", n)
			}
			if n := p.n("NameRecords") + p.n("WildcardFor") + p.n("HasBelow"); n != tc.calls {
				t.Fatalf("%d prober calls (%v), want %d", n, p.calls, tc.calls)
			}
		})
	}
	// The refusals themselves.
	p := &prober{Store: withProbeCases(), calls: map[string]int{}}
	cfg := config(withProbeCases())
	cfg.Backend.Store = p
	cfg.Create = true
	for target, code := range map[string]string{
		"alias.example.com": plan.CodeCNAME, "x.w.example.com": plan.CodeWildcard, "new.example.com": plan.CodeNoSuchDomain,
	} {
		if c := plan.BuildOne(context.Background(), cfg, target); c.Code != code {
			t.Errorf("%s: %s %q, want %s", target, c.Action, c.Code, code)
		}
	}
	for _, target := range []string{"ent.example.com", "web.example.com"} {
		if c := plan.BuildOne(context.Background(), cfg, target); c.Action != plan.Create {
			t.Errorf("%s: %s %q", target, c.Action, c.Message)
		}
	}
}
