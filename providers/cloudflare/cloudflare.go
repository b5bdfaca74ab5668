// Package cloudflare registers the "cloudflare" provider: Cloudflare DNS
// through the API v4, with its own small client (client.go).
//
// Why its own client and not github.com/libdns/cloudflare v0.2.2 (the
// version spfpatch pinned until now): every request spfpatch needs is one
// v0.2.2 either lacks or gets wrong. It reads a name by listing the whole
// zone (GetRecords, offset pages of 100: 5P+4 requests per apply), has no
// PATCH that keeps a record's id, comment and tags for an RRset change
// (its SetRecords PATCHes one record per input and fails with two TXT at a
// name, provider.go:149-204), no batch, no zone id setting, ignores zone
// status, quotes TXT with Go's %q, reads split TXT back as a" "b, swallows
// lookup errors in DeleteRecords (client.go:92) and panics on a missing
// result_info (provider.go:63-64); see notes/providers.md §5. What it does
// right (the envelope, paging by result_info, the record JSON) is a few
// dozen lines here. Cloudflare's official Go SDK (cloudflare-go v4+, code
// generated for every product) would serve the same seven requests with
// its own retry loop in front of the lockout handling below, for a large
// import graph. The provider still implements the libdns interfaces plan
// uses (RecordGetter, RecordSetter, RecordDeleter, ZoneLister), GetRRset
// and plan.NameProber (NameRecords, HasBelow, WildcardFor).
//
// Requests per changed name (see the README's provider table and
// TestCloudflareRequestsPerChangedName): plan reads the name (1: GET
// dns_records?name.exact=NAME, every type: its TXT records, and whether it
// is a CNAME or has records at all; plan.NameProber), apply re-reads it
// just before writing (1), the write is one PATCH of the SPF record by id,
// or one POST of a new one (1), and apply reads it back (1): 4, whatever
// the size of the zone. A name with no records at all is a name only a
// wildcard answers for, or one that does not exist, unless names below it
// have records: each of the two reads then asks, one request a label,
// name.exact=*.PARENT, and name.endswith=.NAME&per_page=1. The zone id is
// looked up once per zone and run (GET /zones?name=ZONE, or GET
// /zones/{id} with --cloudflare-zone-id; none more when the run has listed
// the zones).
package cloudflare

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/libdns/libdns"
	"golang.org/x/sync/singleflight"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/providers"
)

// Settings of the cloudflare provider (SPEC.md provider table).
var (
	SettingAPIToken = providers.Setting{Env: "CLOUDFLARE_API_TOKEN", Secret: true, Required: true,
		Usage: "an API token with DNS:Edit (Zone → DNS → Edit) on the zones, and Zone:Read (Zone → Zone → Read) unless CLOUDFLARE_ZONE_TOKEN is given; its Zone Resources must include every zone spfpatch changes"}
	SettingZoneToken = providers.Setting{Env: "CLOUDFLARE_ZONE_TOKEN", Secret: true,
		Usage: "optional token with Zone:Read, used only to look zones up"}
	SettingZoneID = providers.Setting{Name: "cloudflare-zone-id", Env: "SPFPATCH_CLOUDFLARE_ZONE_ID",
		Usage: "the zone's id (Overview page of the zone, API section), when its name matches two zones or the token may not list zones"}
	SettingRate = providers.Setting{Env: "SPFPATCH_CLOUDFLARE_RATE", Default: strconv.FormatFloat(DefaultRate, 'f', -1, 64),
		Usage: "API requests per second spfpatch may spend; whatever it is, never more than 1,200 in any 5 minutes (Cloudflare's limit per user)"}
	SettingLockoutWait = providers.Setting{Name: "cloudflare-lockout-wait", Env: "SPFPATCH_CLOUDFLARE_LOCKOUT_WAIT", Default: "6m",
		Usage: "how long to wait when Cloudflare blocks the user for 5 minutes (HTTP 429) before stopping; 0 stops at once"}
	SettingAPIURL = providers.Setting{Env: "SPFPATCH_CLOUDFLARE_API_URL",
		Usage: "testing only: send API requests to this base URL instead of " + apiBase + " (http only to loopback)"}
)

// Caps is the capability record of the cloudflare provider.
var Caps = providers.Capabilities{
	AtomicReplace:   true,
	ExactDelete:     true,
	LongTXT:         true,
	TXTRead:         "quoted strings decoded (\\\" \\\\ \\DDD) and joined",
	ZoneTrailingDot: false,
	MinTTL:          60 * time.Second,
	ListZones:       true,
	Notes: []string{
		"a change is one PATCH of the SPF record by id: the record keeps its id, comment and tags, and there is never a moment with two SPF records; several changes at one name go in one batch request, applied in one transaction",
		"requests per changed name, whatever the size of the zone: 4 for a changed SPF record, and for a new one at a name that has other records (plan's read of the name, the re-read before writing, the PATCH or POST, the read-back); a name with no records at all is read with 1 more request per label below the zone (a wildcard that would answer for it) and 1 more (names below it), in plan and again in the re-read; plus one zone lookup per zone and run (none for zones found in a zone list the run already read)",
		"records Cloudflare locks (Email Routing's MX and SPF records) are not changed: unlock them in Email Routing's settings first",
		"at most SPFPATCH_CLOUDFLARE_RATE requests a second (default 3) and never more than 1,200 in any 5 minutes, shared by every profile that uses the same token; after an HTTP 429 nothing is sent until the lockout ends: the run waits up to --cloudflare-lockout-wait (default 6m), else stops and lists the names not written",
		"a zone whose name matches two zones, that is not active (pending, moved), or whose records Cloudflare does not serve (a partial or secondary setup) is refused; --cloudflare-zone-id picks one of two",
		"TTL 1 means automatic (300 s) at Cloudflare and is kept as 1; otherwise the minimum TTL is 60 s (30 s on Enterprise)",
	},
}

func init() {
	providers.Register(providers.Info{
		Name:        "cloudflare",
		Description: "Cloudflare DNS (API token from the environment)",
		Settings:    []providers.Setting{SettingAPIToken, SettingZoneToken, SettingZoneID, SettingRate, SettingLockoutWait, SettingAPIURL},
		Caps:        Caps,
		New:         New,
	})
}

// Provider is the cloudflare provider. It is safe for concurrent use.
type Provider struct {
	api    *client
	p      i18n.Printer
	zoneID string // --cloudflare-zone-id

	mu      sync.Mutex
	zones   map[string]zoneResult // by zone name: the run's lookups
	listed  []libdns.Zone
	snaps   map[string]snapshot
	lookups singleflight.Group
}

// New builds the provider from its settings.
func New(env providers.Env) (providers.Provider, error) {
	p := env.P
	token := strings.TrimSpace(env.Get(SettingAPIToken))
	if token == "" {
		return nil, errors.New(p.T("cloudflare.no-token"))
	}
	perSecond := DefaultRate
	if v := env.Get(SettingRate); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 1000 {
			return nil, errors.New(p.T("cloudflare.bad-rate", v))
		}
		perSecond = f
	}
	wait := DefaultLockoutWait
	if v := env.Get(SettingLockoutWait); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return nil, errors.New(p.T("cloudflare.bad-wait", v))
		}
		wait = d
	}
	zoneID := strings.TrimSpace(env.Get(SettingZoneID))
	if zoneID != "" && !idPattern.MatchString(zoneID) {
		return nil, errors.New(p.T("cloudflare.bad-zone-id", zoneID))
	}
	base, err := parseBase(p, env.Get(SettingAPIURL))
	if err != nil {
		return nil, err
	}
	// One budget per token for the whole run: every profile that uses the
	// same token shares it (the limit is per user).
	budget := env.Budgets.For("cloudflare", token, func() *providers.Budget {
		return providers.NewBudget(providers.BudgetConfig{
			Provider: "Cloudflare", API: p.T("cloudflare.limit"),
			Rate: perSecond, Burst: max(1, min(Burst, int(perSecond))),
			Window: Window, Max: WindowLimit, WindowMargin: WindowMargin,
			MaxWait: wait, WaitFlag: "--cloudflare-lockout-wait",
			P: p, Notify: env.Notify, Interrupt: env.Interrupt,
		})
	})
	c := &client{
		base: base, http: newHTTPClient(p), token: token, zoneToken: strings.TrimSpace(env.Get(SettingZoneToken)),
		budget: budget, p: p, timeout: RequestTimeout,
		backoff: func(n int) time.Duration { return time.Duration(n) * 500 * time.Millisecond },
		sleep:   providers.Sleep, now: time.Now,
	}
	return newProvider(c, zoneID), nil
}

func newProvider(c *client, zoneID string) *Provider {
	return &Provider{api: c, p: c.p, zoneID: zoneID, zones: map[string]zoneResult{}, snaps: map[string]snapshot{}}
}

// String describes the provider without its tokens.
func (p *Provider) String() string { return fmt.Sprintf("Cloudflare API %s", p.api.base.Redacted()) }

// GoString is String, so %#v does not show the tokens either.
func (p *Provider) GoString() string { return p.String() }

// Budget returns the request budget the provider spends (shared with every
// provider of the run that uses the same token).
func (p *Provider) Budget() *providers.Budget { return p.api.budget }
