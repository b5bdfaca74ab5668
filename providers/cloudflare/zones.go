package cloudflare

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/providers"
)

// zoneInfo is a zone as GET /zones returns it (id, name, status, account;
// developers.cloudflare.com/api/resources/zones/methods/list).
type zoneInfo struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Status  string `json:"status"`
	Type    string `json:"type"` // full, partial (CNAME setup), secondary
	Account struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"account"`
}

// ErrZone is matched (errors.Is) by every refusal of a zone: not visible,
// ambiguous, not active, or not the zone of --cloudflare-zone-id.
var ErrZone = errors.New("cloudflare zone refused")

type zoneError struct{ msg string }

func (e *zoneError) Error() string        { return e.msg }
func (e *zoneError) Is(target error) bool { return target == ErrZone }

func canonZone(z string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(z), "."))
}

// zone returns the zone named name: looked up once per run (the result,
// good or bad, is kept; one lookup at a time per name), from the zone list
// when the run has read it, else with GET /zones?name= (one request), or
// GET /zones/{id} for --cloudflare-zone-id.
func (p *Provider) zone(ctx context.Context, name string) (zoneInfo, error) {
	name = canonZone(name)
	p.mu.Lock()
	if r, ok := p.zones[name]; ok {
		p.mu.Unlock()
		return r.z, r.err
	}
	p.mu.Unlock()
	v, err, _ := p.lookups.Do(name, func() (any, error) {
		z, err := p.lookupZone(ctx, name)
		// A failure of the request itself (network, lockout, context) is
		// not kept: a later call may succeed. A refusal is.
		var ze *zoneError
		var ae *APIError
		if err == nil || errors.As(err, &ze) || errors.As(err, &ae) {
			p.mu.Lock()
			p.zones[name] = zoneResult{z, err}
			p.mu.Unlock()
		}
		return z, err
	})
	if err != nil {
		return zoneInfo{}, err
	}
	return v.(zoneInfo), nil
}

type zoneResult struct {
	z   zoneInfo
	err error
}

func (p *Provider) lookupZone(ctx context.Context, name string) (zoneInfo, error) {
	if p.zoneID != "" {
		env, err := p.api.do(ctx, call{method: http.MethodGet, path: "/zones/" + p.zoneID, op: opZone, zone: name, zoneToken: true})
		if err != nil {
			var ae *APIError
			if errors.As(err, &ae) && ae.Auth() == "" && (ae.Status == http.StatusNotFound || ae.Status == http.StatusBadRequest) {
				return zoneInfo{}, &zoneError{p.p.T("cloudflare.zone.id-unknown", p.zoneID, ae.detail())}
			}
			return zoneInfo{}, err
		}
		var z zoneInfo
		if err := json.Unmarshal(env.Result, &z); err != nil {
			return zoneInfo{}, errors.New(p.p.T("cloudflare.api.bad-answer", "GET /zones/"+p.zoneID, err))
		}
		if canonZone(z.Name) != name {
			return zoneInfo{}, &zoneError{p.p.T("cloudflare.zone.id-other", p.zoneID, termsafe.Line(canonZone(z.Name)), name)}
		}
		return z, p.checkActive(z)
	}
	var all []zoneInfo
	q := url.Values{"name": {name}, "per_page": {"50"}}
	for page := 1; page <= 20; page++ {
		q.Set("page", strconv.Itoa(page))
		env, err := p.api.do(ctx, call{method: http.MethodGet, path: "/zones", query: q, op: opZone, zone: name, zoneToken: true})
		if err != nil {
			return zoneInfo{}, err
		}
		var zs []zoneInfo
		if err := json.Unmarshal(env.Result, &zs); err != nil {
			return zoneInfo{}, errors.New(p.p.T("cloudflare.api.bad-answer", "GET /zones", err))
		}
		for _, z := range zs {
			if canonZone(z.Name) == name {
				all = append(all, z)
			}
		}
		if env.ResultInfo == nil || page >= env.ResultInfo.TotalPages || len(zs) == 0 {
			break
		}
	}
	return p.pick(name, all)
}

// pick chooses the zone among those of one name: exactly one, and active.
func (p *Provider) pick(name string, zs []zoneInfo) (zoneInfo, error) {
	switch len(zs) {
	case 0:
		return zoneInfo{}, &zoneError{p.p.T("cloudflare.zone.none", name, p.zoneTokenName(), name)}
	case 1:
		return zs[0], p.checkActive(zs[0])
	}
	var list []string
	for _, z := range zs {
		acct := z.Account.Name
		if acct == "" {
			acct = z.Account.ID
		}
		list = append(list, p.p.T("cloudflare.zone.entry", termsafe.Line(z.ID), termsafe.Line(z.Status), termsafe.Line(acct)))
	}
	return zoneInfo{}, &zoneError{p.p.T("cloudflare.zone.several", len(zs), name, strings.Join(list, "; "))}
}

// checkActive refuses a zone whose id is not an identifier, or whose
// records at Cloudflare are not what
// resolvers see: only an active zone is served (zone status: initializing,
// pending, active, moved; developers.cloudflare.com/dns/zone-setups/reference/domain-status/),
// a partial (CNAME setup) zone's authoritative DNS is another provider, and
// a secondary zone's records come from its primary by zone transfer.
func (p *Provider) checkActive(z zoneInfo) error {
	name := canonZone(z.Name)
	// The id goes into every path of the zone's requests: anything but an
	// identifier (a "/" or "?" from a hostile or broken answer) is refused
	// before it is put there.
	if !idPattern.MatchString(z.ID) {
		return &zoneError{p.p.T("cloudflare.api.bad-zone-id", providers.Cut(z.ID, 80), name)}
	}
	switch z.Type {
	case "partial":
		return &zoneError{p.p.T("cloudflare.zone.partial", name)}
	case "secondary":
		return &zoneError{p.p.T("cloudflare.zone.secondary", name)}
	}
	switch z.Status {
	case "active":
		return nil
	case "pending", "initializing":
		return &zoneError{p.p.T("cloudflare.zone.pending", name, termsafe.Line(z.Status))}
	case "moved":
		return &zoneError{p.p.T("cloudflare.zone.moved", name)}
	}
	return &zoneError{p.p.T("cloudflare.zone.status", name, termsafe.Line(z.Status))}
}

func (p *Provider) zoneTokenName() string {
	if p.api.zoneToken != "" {
		return "CLOUDFLARE_ZONE_TOKEN"
	}
	return "CLOUDFLARE_API_TOKEN"
}

// ListZones returns every zone the token can see (all pages of GET /zones,
// 50 a page), once per run; the zone lookups of the run then come from this
// list instead of a request each.
func (p *Provider) ListZones(ctx context.Context) ([]libdns.Zone, error) {
	v, err, _ := p.lookups.Do("\x00list", func() (any, error) {
		p.mu.Lock()
		if p.listed != nil {
			out := p.listed
			p.mu.Unlock()
			return out, nil
		}
		p.mu.Unlock()
		var all []zoneInfo
		q := url.Values{"per_page": {"50"}}
		for page := 1; ; page++ {
			q.Set("page", strconv.Itoa(page))
			env, err := p.api.do(ctx, call{method: http.MethodGet, path: "/zones", query: q, op: opZone, zoneToken: true})
			if err != nil {
				return nil, err
			}
			var zs []zoneInfo
			if err := json.Unmarshal(env.Result, &zs); err != nil {
				return nil, errors.New(p.p.T("cloudflare.api.bad-answer", "GET /zones", err))
			}
			all = append(all, zs...)
			if env.ResultInfo == nil || page >= env.ResultInfo.TotalPages || len(zs) == 0 || page >= 10000 {
				break
			}
		}
		byName := map[string][]zoneInfo{}
		for _, z := range all {
			byName[canonZone(z.Name)] = append(byName[canonZone(z.Name)], z)
		}
		out := make([]libdns.Zone, 0, len(byName))
		p.mu.Lock()
		defer p.mu.Unlock()
		for name, zs := range byName {
			if _, ok := p.zones[name]; !ok && p.zoneID == "" {
				z, err := p.pick(name, zs)
				p.zones[name] = zoneResult{z, err}
			}
			out = append(out, libdns.Zone{Name: name + "."})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
		p.listed = out
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	return append([]libdns.Zone(nil), v.([]libdns.Zone)...), nil
}
