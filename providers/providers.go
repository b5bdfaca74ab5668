// Package providers is the registry of DNS providers: each subpackage
// registers itself in init() with its settings, capabilities and a
// constructor, and main blank-imports them (the pattern of dnscontrol's
// providers/_all). `spfpatch providers`, the flags and the agency config
// are all described from this one place.
package providers

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// Setting is one setting a provider takes. Secrets are read only from the
// environment or from files, never from command-line arguments (SPEC.md,
// data-safety rule 6), and never printed.
type Setting struct {
	Name     string // flag name without dashes, e.g. "rfc2136-server"; "" for env-only settings
	Env      string // environment variable, e.g. "SPFPATCH_RFC2136_SERVER"
	Secret   bool
	Required bool
	Default  string
	Usage    string
}

// Capabilities say what a provider's API really does, so the write path can
// choose the safest strategy and refuse what the provider cannot do safely.
type Capabilities struct {
	// AtomicReplace: SetRecords replaces a whole (name, type) RRset in one
	// atomic operation, as the libdns contract says.
	AtomicReplace bool
	// ExactDelete: DeleteRecords removes only records whose value matches exactly.
	ExactDelete bool
	// LongTXT: TXT values over 255 bytes round-trip intact.
	LongTXT bool
	// TXTRead describes how TXT values come back from GetRecords.
	TXTRead string
	// ZoneTrailingDot: zone names are passed with a trailing dot.
	ZoneTrailingDot bool
	// MinTTL is the smallest TTL the provider accepts (0: no minimum).
	MinTTL time.Duration
	// ListZones: the provider can list its zones (libdns.ZoneLister).
	ListZones bool
	// Manual: there is no API; the user pastes the value in a control panel.
	Manual bool
	// Offline: no network is used (zone files on disk).
	Offline bool
	// Notes are caveats shown in `spfpatch providers` and the README.
	Notes []string
}

// TXTReader reads live TXT records over DNS: each record's character-strings.
// resolver.Resolver satisfies it. Providers that have no API of their own
// (manual) read through it.
type TXTReader interface {
	LookupTXTStrings(ctx context.Context, name string) ([][]string, error)
}

// Env is what a provider's constructor gets.
type Env struct {
	// Settings holds each Setting's value by Setting.Name (or Env when Name
	// is empty), already resolved from flags, environment, files or profiles.
	Settings map[string]string
	DNS      TXTReader
	// P is the run's language, for the provider's own messages.
	P i18n.Printer
	// Budgets holds the run's API request budgets, one per provider and
	// credential, shared by every provider value of the run (the one the
	// flags describe and each agency profile's); nil: the provider makes
	// its own.
	Budgets *Budgets
	// Notify shows a progress message to the person running spfpatch (on
	// standard error), e.g. why and until when the run waits; nil: none.
	Notify func(string)
	// Interrupt is closed when the run is interrupted (Ctrl-C, SIGTERM,
	// SIGHUP); a provider ends its long waits then, even those of a write
	// that runs on (BudgetConfig.Interrupt). nil: never.
	Interrupt <-chan struct{}
}

// Get returns a setting's value, or its default.
func (e Env) Get(s Setting) string {
	key := s.Name
	if key == "" {
		key = s.Env
	}
	if v, ok := e.Settings[key]; ok && v != "" {
		return v
	}
	return s.Default
}

// Provider is what spfpatch needs of a DNS provider: read a zone's records
// and replace a (name, type) RRset. Implementations must honour context
// cancellation and be safe for concurrent use.
type Provider interface {
	libdns.RecordGetter
	libdns.RecordSetter
}

// Info describes one registered provider.
type Info struct {
	Name        string
	Description string
	Settings    []Setting
	Caps        Capabilities
	New         func(Env) (Provider, error)
}

var (
	mu       sync.RWMutex
	registry = map[string]Info{}
)

// Register adds a provider. It panics on a duplicate name, as that is a
// programming error caught at start-up.
func Register(info Info) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registry[info.Name]; dup {
		panic("providers: duplicate provider " + info.Name)
	}
	registry[info.Name] = info
}

// Lookup returns the provider registered under name.
func Lookup(name string) (Info, bool) {
	mu.RLock()
	defer mu.RUnlock()
	i, ok := registry[name]
	return i, ok
}

// List returns every registered provider, sorted by name.
func List() []Info {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]Info, 0, len(registry))
	for _, i := range registry {
		out = append(out, i)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Name < out[b].Name })
	return out
}

// Names returns the registered names, sorted.
func Names() []string {
	var out []string
	for _, i := range List() {
		out = append(out, i.Name)
	}
	return out
}

// Open builds the named provider from env, checking required settings first.
func Open(name string, env Env) (Provider, Info, error) {
	info, ok := Lookup(name)
	if !ok {
		return nil, Info{}, fmt.Errorf("unknown provider %q; the providers are %v (see spfpatch providers)", name, Names())
	}
	for _, s := range info.Settings {
		if s.Required && env.Get(s) == "" {
			where := "environment variable " + s.Env
			if s.Name != "" && !s.Secret {
				where = "--" + s.Name
				if s.Env != "" {
					where += " or " + s.Env
				}
			}
			return nil, info, fmt.Errorf("provider %s needs %s: set %s", name, s.Usage, where)
		}
	}
	p, err := info.New(env)
	if err != nil {
		return nil, info, fmt.Errorf("provider %s: %w", name, err)
	}
	return p, info, nil
}
