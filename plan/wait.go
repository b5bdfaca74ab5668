package plan

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// Poller reads what each authoritative nameserver of a zone serves.
// *resolver.Resolver satisfies it.
type Poller interface {
	LookupNS(ctx context.Context, zone string) ([]string, error)
	LookupTXTAt(ctx context.Context, server, name string) ([]string, error)
}

// WaitResult is what Wait saw for one name.
type WaitResult struct {
	Name    string          `json:"name"`
	Servers map[string]bool `json:"servers"` // nameserver -> serves the new record
	Done    bool            `json:"done"`
	Error   string          `json:"error,omitempty"`
}

// PollInterval is how often Wait asks each nameserver.
var PollInterval = 2 * time.Second

// Wait polls every authoritative nameserver of each change's zone until all
// of them serve the change's new SPF record, or ctx ends. It writes one
// progress line per round to progress (may be nil), in pr's language.
func Wait(ctx context.Context, pr i18n.Printer, p Poller, changes []*Change, progress io.Writer) []WaitResult {
	out := make([]WaitResult, 0, len(changes))
	for _, c := range changes {
		r := WaitResult{Name: c.Name, Servers: map[string]bool{}}
		ns, err := p.LookupNS(ctx, c.Zone)
		if err != nil || len(ns) == 0 {
			if err != nil {
				r.Error = pr.T("wait.no-ns", c.Zone, err)
			} else {
				r.Error = pr.T("wait.no-ns.empty", c.Zone)
			}
			out = append(out, r)
			continue
		}
		sort.Strings(ns)
		for _, n := range ns {
			r.Servers[n] = false
		}
		for {
			pending := 0
			for _, n := range ns {
				if r.Servers[n] {
					continue
				}
				txts, err := p.LookupTXTAt(ctx, n, c.Name)
				if err == nil && containsText(txts, c.AfterSPF) {
					r.Servers[n] = true
					continue
				}
				pending++
			}
			if progress != nil {
				fmt.Fprintln(progress, pr.T("wait.progress", strings.TrimSuffix(c.Name, "."), len(ns)-pending, len(ns)))
			}
			if pending == 0 {
				r.Done = true
				break
			}
			select {
			case <-ctx.Done():
				var missing []string
				for _, n := range ns {
					if !r.Servers[n] {
						missing = append(missing, n)
					}
				}
				r.Error = pr.T("wait.timeout", strings.Join(missing, ", "))
			case <-time.After(PollInterval):
				continue
			}
			break
		}
		out = append(out, r)
	}
	return out
}

func containsText(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
