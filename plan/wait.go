package plan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// Poller reads what each authoritative nameserver of a zone serves.
// *resolver.Resolver satisfies it. A Poller that can also look a name up
// through the ordinary resolver (LookupTXT, and Forget to drop a cached
// answer first) lets Wait fall back to that view when no authoritative
// nameserver answers at all (port 53 filtered, as in many offices).
type Poller interface {
	LookupNS(ctx context.Context, zone string) ([]string, error)
	LookupTXTAt(ctx context.Context, server, name string) ([]string, error)
}

// What a nameserver was last seen doing (WaitResult.States).
const (
	ServesNew = "new"       // serves the new record
	ServesOld = "old"       // answers, without the new record (the old value, or nothing yet)
	NoAnswer  = "no-answer" // does not answer: timeout, unreachable, refused, server failure
)

// WaitResult is what Wait saw for one name.
type WaitResult struct {
	Name    string            `json:"name"`
	Servers map[string]bool   `json:"servers"` // nameserver -> serves the new record
	States  map[string]string `json:"states"`  // nameserver -> new, old or no-answer
	Done    bool              `json:"done"`
	// Fallback is set when no authoritative nameserver answered and the
	// new record was seen through the ordinary resolver instead.
	Fallback bool   `json:"fallback,omitempty"`
	Error    string `json:"error,omitempty"`
}

// PollInterval is how often Wait asks each nameserver.
var PollInterval = 2 * time.Second

type resolverView interface {
	LookupTXT(ctx context.Context, name string) ([]string, error)
}

type forgetter interface{ Forget(name string) }

// Wait polls every authoritative nameserver of each change's zone until all
// of them serve the change's new SPF record, or ctx ends. It tells apart a
// nameserver that answers without the new record (still the old value)
// from one that does not answer; when none answers, it asks the ordinary
// resolver instead and says so. It writes one progress line per round to
// progress (may be nil), in pr's language.
func Wait(ctx context.Context, pr i18n.Printer, p Poller, changes []*Change, progress io.Writer) []WaitResult {
	out := make([]WaitResult, 0, len(changes))
	for _, c := range changes {
		out = append(out, waitOne(ctx, pr, p, c, progress))
	}
	return out
}

func waitOne(ctx context.Context, pr i18n.Printer, p Poller, c *Change, progress io.Writer) WaitResult {
	name := strings.TrimSuffix(c.Name, ".")
	r := WaitResult{Name: c.Name, Servers: map[string]bool{}, States: map[string]string{}}
	ns, err := p.LookupNS(ctx, c.Zone)
	if err != nil || len(ns) == 0 {
		if err != nil {
			r.Error = pr.T("wait.no-ns", strings.TrimSuffix(c.Zone, "."), err)
		} else {
			r.Error = pr.T("wait.no-ns.empty", strings.TrimSuffix(c.Zone, "."))
		}
		return r
	}
	sort.Strings(ns)
	for _, n := range ns {
		r.Servers[n] = false
	}
	view, hasView := p.(resolverView)
	saidFallback := false
	for {
		var old, silent []string
		for _, n := range ns {
			if r.Servers[n] {
				continue
			}
			txts, err := p.LookupTXTAt(ctx, n, c.Name)
			switch {
			case err == nil && slices.Contains(txts, c.AfterSPF):
				r.Servers[n] = true
				r.States[n] = ServesNew
			case err == nil || answeredNotFound(err, c.Name):
				r.States[n] = ServesOld
				old = append(old, strings.TrimSuffix(n, "."))
			default:
				r.States[n] = NoAnswer
				silent = append(silent, strings.TrimSuffix(n, "."))
			}
		}
		pending := len(old) + len(silent)
		if progress != nil {
			line := pr.T("wait.progress", name, len(ns)-pending, len(ns))
			if len(old) > 0 {
				line += pr.T("wait.progress.old", strings.Join(old, ", "))
			}
			if len(silent) > 0 {
				line += pr.T("wait.progress.silent", strings.Join(silent, ", "))
			}
			fmt.Fprintln(progress, line)
		}
		if pending == 0 {
			r.Done = true
			return r
		}
		// No authoritative nameserver answers at all: the resolver's view.
		if len(silent) == len(ns) && hasView {
			if f, ok := p.(forgetter); ok {
				f.Forget(c.Name)
			}
			txts, err := view.LookupTXT(ctx, c.Name)
			if err == nil && slices.Contains(txts, c.AfterSPF) {
				r.Done, r.Fallback = true, true
				if progress != nil {
					fmt.Fprintln(progress, pr.T("wait.fallback.seen", name, strings.Join(silent, ", ")))
				}
				return r
			}
			if progress != nil && !saidFallback {
				saidFallback = true
				fmt.Fprintln(progress, pr.T("wait.fallback.not-yet", name, strings.Join(silent, ", ")))
			}
		}
		select {
		case <-ctx.Done():
			var msgs []string
			if len(old) > 0 {
				msgs = append(msgs, pr.T("wait.timeout.old", strings.Join(old, ", ")))
			}
			if len(silent) > 0 {
				key := "wait.timeout.silent"
				if len(silent) == len(ns) && hasView {
					key = "wait.timeout.silent.view"
				}
				msgs = append(msgs, pr.T(key, strings.Join(silent, ", ")))
			}
			r.Error = pr.T("wait.timeout", strings.Join(msgs, pr.T("wait.and")))
			return r
		case <-time.After(PollInterval):
		}
	}
}

// answeredNotFound reports whether err is the server's answer that name has
// no such record (NXDOMAIN, NODATA), and not a failure to reach the server:
// a nameserver whose own name has no address fails with a not-found error
// too, but about the server's name, and it serves nothing at all.
func answeredNotFound(err error, name string) bool {
	var de *net.DNSError
	if !IsNotFound(err) || !errors.As(err, &de) {
		return false
	}
	return de.Name == "" || strings.EqualFold(strings.TrimSuffix(de.Name, "."), strings.TrimSuffix(name, "."))
}

// IsNotFound reports whether a lookup error is an answer of the server:
// the name or the record does not exist there (NXDOMAIN, NODATA), as
// opposed to no answer at all (doctor uses it too).
func IsNotFound(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound
}
