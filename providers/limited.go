package providers

import (
	"context"
	"fmt"
	"strings"

	"github.com/libdns/libdns"
	"golang.org/x/time/rate"
)

// Limited wraps p so that every call first waits for a token of a bucket
// refilled at rps a second with room for burst (golang.org/x/time/rate), one
// bucket for all the goroutines of a run. The optional methods plan uses
// (GetRRset, ListZones, DeleteRecords) are passed through when p has them.
func Limited(p Provider, rps float64, burst int) Provider {
	if rps <= 0 {
		return p
	}
	if burst < 1 {
		burst = 1
	}
	return &limited{inner: p, lim: rate.NewLimiter(rate.Limit(rps), burst)}
}

type limited struct {
	inner Provider
	lim   *rate.Limiter
}

func (l *limited) wait(ctx context.Context) error {
	if err := l.lim.Wait(ctx); err != nil {
		return fmt.Errorf("waiting for the provider's request budget: %w", err)
	}
	return nil
}

func (l *limited) GetRecords(ctx context.Context, zone string) ([]libdns.Record, error) {
	if err := l.wait(ctx); err != nil {
		return nil, err
	}
	return l.inner.GetRecords(ctx, zone)
}

func (l *limited) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	if err := l.wait(ctx); err != nil {
		return nil, err
	}
	return l.inner.SetRecords(ctx, zone, recs)
}

// GetRRset reads one name's records of one type, through the provider's own
// GetRRset when it has one, else from GetRecords.
func (l *limited) GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error) {
	if err := l.wait(ctx); err != nil {
		return nil, err
	}
	if g, ok := l.inner.(interface {
		GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error)
	}); ok {
		return g.GetRRset(ctx, zone, name, rrtype)
	}
	recs, err := l.inner.GetRecords(ctx, zone)
	if err != nil {
		return nil, err
	}
	want := normalizeName(name, zone)
	out := []libdns.Record{}
	for _, r := range recs {
		rr := r.RR()
		if normalizeName(rr.Name, zone) == want && strings.EqualFold(rr.Type, rrtype) {
			out = append(out, r)
		}
	}
	return out, nil
}

func (l *limited) ListZones(ctx context.Context) ([]libdns.Zone, error) {
	zl, ok := l.inner.(libdns.ZoneLister)
	if !ok {
		return nil, fmt.Errorf("this provider cannot list its zones; give --zone")
	}
	if err := l.wait(ctx); err != nil {
		return nil, err
	}
	return zl.ListZones(ctx)
}

func (l *limited) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	d, ok := l.inner.(libdns.RecordDeleter)
	if !ok {
		return nil, fmt.Errorf("this provider cannot delete records")
	}
	if err := l.wait(ctx); err != nil {
		return nil, err
	}
	return d.DeleteRecords(ctx, zone, recs)
}
