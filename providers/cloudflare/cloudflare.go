// Package cloudflare registers the "cloudflare" provider:
// github.com/libdns/cloudflare v0.2.2 behind providers.Safe.
//
// What v0.2.2 does, and what this package does about it (file:line in the
// module; see also notes/providers.md §5):
//   - SetRecords is not RRset replacement: it PATCHes one record per input
//     and fails outright with two TXT records at a name (provider.go:149-204).
//     It is never called: Caps.AtomicReplace is false, so Safe appends the
//     new value first and then deletes the old value exactly, and the apex is
//     never without an SPF record.
//   - DeleteRecords ignores the error of the lookup it makes first
//     (client.go:92) and cannot match a TXT value Cloudflare split, so it can
//     report success and delete nothing. DeleteRecords here re-reads the
//     zone and returns an error when a value it was asked to delete is still
//     there.
//   - TXT values over 255 bytes do not round-trip (Cloudflare splits them
//     server-side and v0.2.2 reads `a" "b` and cannot delete them; issue #32,
//     fixed upstream by PR #33 but not in a tagged release): refused
//     (Caps.LongTXT false). NormalizeTXT still joins such values so they
//     compare correctly, and DeleteRecords here deletes them by exact
//     content; only writing them waits for a fixed release.
//   - No retries and no rate limiting ("TODO" at provider.go:18): the
//     HTTPClient field is given a client that retries 429 and 5xx with
//     Retry-After, within a per-run request budget (client.go here).
//   - GetRecords dereferences result_info before checking it and divides by
//     per_page (provider.go:63-64): a panic there becomes an error.
//
// The API base URL is hard-coded in v0.2.2 (client.go:203). For tests
// only, SPFPATCH_CLOUDFLARE_API_URL (e.g. http://127.0.0.1:PORT/client/v4)
// makes the client send the requests there instead; plain http is refused
// for anything but a loopback address.
package cloudflare

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	cf "github.com/libdns/cloudflare"
	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/providers"
)

// Settings of the cloudflare provider (SPEC.md provider table).
var (
	SettingAPIToken = providers.Setting{Env: "CLOUDFLARE_API_TOKEN", Secret: true, Required: true,
		Usage: "an API token with Zone.DNS:Edit on the zones (and Zone:Read, unless CLOUDFLARE_ZONE_TOKEN is given)"}
	SettingZoneToken = providers.Setting{Env: "CLOUDFLARE_ZONE_TOKEN", Secret: true,
		Usage: "optional token with Zone:Read on all zones, used only to look zones up"}
	SettingRate = providers.Setting{Env: "SPFPATCH_CLOUDFLARE_RATE", Default: strconv.FormatFloat(DefaultRate, 'f', -1, 64),
		Usage: "API requests per second spfpatch may spend (burst twice that); Cloudflare allows 1,200 per 5 minutes per user"}
	SettingAPIURL = providers.Setting{Env: "SPFPATCH_CLOUDFLARE_API_URL",
		Usage: "testing only: send API requests to this base URL instead of " + apiBase + " (http only to loopback)"}
)

// Caps is the capability record of the cloudflare provider.
var Caps = providers.Capabilities{
	AtomicReplace:   false,
	ExactDelete:     true,
	LongTXT:         false,
	TXTRead:         `outer quotes stripped only: a value Cloudflare split comes back as a" "b and escapes stay; spfpatch joins and decodes them`,
	ZoneTrailingDot: false,
	MinTTL:          60 * time.Second,
	ListZones:       true,
	Notes: []string{
		"libdns/cloudflare v0.2.2 SetRecords does not replace an RRset (it PATCHes one record and fails with two TXT at a name): spfpatch adds the new value first, then deletes the old one, and checks by reading back",
		"its DeleteRecords can report success without deleting (lookup errors are ignored): spfpatch re-reads after every delete; if the delete fails both the old and the new value stay and the journal says so",
		"writing a TXT value over 255 bytes is refused (one already there is kept as it is): Cloudflare splits them into 255-byte strings, which v0.2.2 reads back with \" \" inside and cannot delete (fixed upstream in PR #33, not in a tagged release); spfpatch joins such values when reading and deletes by exact content, but does not write them until a fixed release is pinned",
		"TTL 1 means automatic (300 s) at Cloudflare and is kept as 1; otherwise the minimum TTL is 60 s (30 s on Enterprise)",
		"requests are limited to SPFPATCH_CLOUDFLARE_RATE a second (default 4, the average of Cloudflare's 1,200 per 5 minutes); HTTP 429 and 5xx are retried up to 4 times, honouring Retry-After up to 30 s",
	},
}

func init() {
	providers.Register(providers.Info{
		Name:        "cloudflare",
		Description: "Cloudflare DNS (API token from the environment)",
		Settings:    []providers.Setting{SettingAPIToken, SettingZoneToken, SettingRate, SettingAPIURL},
		Caps:        Caps,
		New:         New,
	})
}

// Provider is the cloudflare provider: Safe over the adapter, plus a zone
// list that pages (v0.2.2's ListZones reads only the first page).
type Provider struct {
	*providers.Safe
	api *adapter
}

// ListZones returns every zone the token can see, with trailing dots.
func (p *Provider) ListZones(ctx context.Context) ([]libdns.Zone, error) {
	zs, err := p.api.listZones(ctx)
	return zs, p.api.clean(err)
}

// New builds the provider from its settings.
func New(env providers.Env) (providers.Provider, error) {
	token := env.Get(SettingAPIToken)
	if token == "" {
		return nil, errors.New("set CLOUDFLARE_API_TOKEN to an API token with Zone.DNS:Edit")
	}
	perSecond := DefaultRate
	if v := env.Get(SettingRate); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 {
			return nil, fmt.Errorf("SPFPATCH_CLOUDFLARE_RATE %q is not a positive number of requests per second", v)
		}
		perSecond = f
	}
	c, err := newClient(env.Get(SettingAPIURL), perSecond)
	if err != nil {
		return nil, err
	}
	a := &adapter{
		cf:        &cf.Provider{APIToken: token, ZoneToken: env.Get(SettingZoneToken), HTTPClient: c},
		http:      c,
		apiToken:  token,
		zoneToken: env.Get(SettingZoneToken),
	}
	return newProvider(a), nil
}

func newProvider(a *adapter) *Provider {
	return &Provider{
		api: a,
		Safe: &providers.Safe{
			Name:         "cloudflare",
			Inner:        a,
			Caps:         Caps,
			Zone:         func(z string) string { return strings.ToLower(strings.TrimSuffix(z, ".")) },
			NormalizeTXT: NormalizeTXT,
			Check:        CheckTXT,
		},
	}
}

// adapter wraps libdns/cloudflare: errors are scrubbed of the tokens,
// panics become errors, deletes are verified, and SetRecords is refused.
type adapter struct {
	cf                  *cf.Provider
	http                *client
	apiToken, zoneToken string
}

var _ providers.Adapter = (*adapter)(nil)

// redacted keeps an error's chain but not its text.
type redacted struct {
	msg string
	err error
}

func (r *redacted) Error() string { return r.msg }
func (r *redacted) Unwrap() error { return r.err }

// clean removes the tokens from an error's text.
func (a *adapter) clean(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, s := range []string{a.apiToken, a.zoneToken} {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "[redacted]")
		}
	}
	if msg == err.Error() {
		return err
	}
	return &redacted{msg, err}
}

func recoverTo(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("libdns/cloudflare %s failed on an unexpected API answer (%v); nothing more was sent", what, r)
	}
}

func (a *adapter) GetRecords(ctx context.Context, zone string) (recs []libdns.Record, err error) {
	defer recoverTo(&err, "GetRecords")
	recs, err = a.cf.GetRecords(ctx, zone)
	return recs, a.clean(err)
}

func (a *adapter) AppendRecords(ctx context.Context, zone string, recs []libdns.Record) (out []libdns.Record, err error) {
	defer recoverTo(&err, "AppendRecords")
	out, err = a.cf.AppendRecords(ctx, zone, recs)
	return out, a.clean(err)
}

// SetRecords is refused: v0.2.2's SetRecords is not RRset replacement.
// providers.Safe never calls it, as Caps.AtomicReplace is false.
func (a *adapter) SetRecords(context.Context, string, []libdns.Record) ([]libdns.Record, error) {
	return nil, fmt.Errorf("%w: libdns/cloudflare v0.2.2 SetRecords PATCHes one record per name and fails with two TXT records at a name", providers.ErrUnsafe)
}

// DeleteRecords deletes through the adapter, then re-reads the zone: the
// adapter reports success when its lookup failed or matched nothing, so
// only the read-back says whether the records are gone. A value still
// there is an error; a delete that errored but left nothing behind (say, a
// retried DELETE that had worked the first time) is a success.
func (a *adapter) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) (out []libdns.Record, err error) {
	defer recoverTo(&err, "DeleteRecords")
	// recs are records as the adapter read them: a TXT value is Cloudflare's
	// content less one pair of outer quotes. Putting the quotes back makes
	// the adapter send that content verbatim (wrapContent leaves quoted text
	// alone) and match it exactly, so values with escapes (\" \\) or split
	// by Cloudflare (a" "b) can be deleted too; re-quoting them with %q, as
	// it does otherwise, never matches.
	exact := make([]libdns.Record, len(recs))
	for i, r := range recs {
		exact[i] = r
		if rr := r.RR(); rr.Type == "TXT" && !strings.HasPrefix(rr.Data, `"`) && !strings.HasSuffix(rr.Data, `"`) {
			exact[i] = libdns.TXT{Name: rr.Name, TTL: rr.TTL, Text: `"` + rr.Data + `"`}
		}
	}
	deleted, derr := a.cf.DeleteRecords(ctx, zone, exact)
	live, rerr := a.cf.GetRecords(ctx, zone)
	if rerr != nil {
		if derr != nil {
			return deleted, a.clean(fmt.Errorf("deleting: %w; and re-reading the zone to check failed too: %v", derr, rerr))
		}
		return deleted, a.clean(fmt.Errorf("the delete reported no error, but re-reading the zone to check it failed: %w", rerr))
	}
	var still []string
	for _, r := range recs {
		want := r.RR()
		for _, l := range live {
			if sameRecord(want, l.RR()) {
				still = append(still, fmt.Sprintf("%s %s %q", want.Name, want.Type, NormalizeTXTIf(want)))
				break
			}
		}
	}
	switch {
	case len(still) == 0:
		return recs, nil
	case derr != nil:
		return deleted, a.clean(fmt.Errorf("deleting %s: %w", strings.Join(still, ", "), derr))
	}
	return deleted, fmt.Errorf("Cloudflare still holds %s after the delete, which reported no error "+
		"(libdns/cloudflare v0.2.2 ignores errors while looking the record up, and cannot match a value Cloudflare split)", strings.Join(still, ", "))
}

// NormalizeTXTIf returns a record's data, normalised when it is TXT.
func NormalizeTXTIf(rr libdns.RR) string {
	if rr.Type == "TXT" {
		return NormalizeTXT(rr.Data)
	}
	return rr.Data
}

func sameRecord(a, b libdns.RR) bool {
	return a.Type == b.Type && strings.EqualFold(a.Name, b.Name) && NormalizeTXTIf(a) == NormalizeTXTIf(b)
}

// listZones pages through GET /zones (v0.2.2's ListZones reads one page).
func (a *adapter) listZones(ctx context.Context) ([]libdns.Zone, error) {
	token := a.zoneToken
	if token == "" {
		token = a.apiToken
	}
	var out []libdns.Zone
	for page := 1; ; page++ {
		q := url.Values{"page": {strconv.Itoa(page)}, "per_page": {"50"}}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, apiBase+"/zones?"+q.Encode(), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := a.http.Do(req)
		if err != nil {
			return nil, fmt.Errorf("listing zones: %w", err)
		}
		var body struct {
			Success bool `json:"success"`
			Errors  []struct {
				Code    int    `json:"code"`
				Message string `json:"message"`
			} `json:"errors"`
			Result []struct {
				Name string `json:"name"`
			} `json:"result"`
			ResultInfo *struct {
				Page       int `json:"page"`
				TotalPages int `json:"total_pages"`
			} `json:"result_info"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		switch {
		case err != nil:
			return nil, fmt.Errorf("listing zones: HTTP %d: %v", resp.StatusCode, err)
		case resp.StatusCode >= 400 || !body.Success:
			return nil, fmt.Errorf("listing zones: HTTP %d: %+v", resp.StatusCode, body.Errors)
		}
		for _, z := range body.Result {
			out = append(out, libdns.Zone{Name: strings.TrimSuffix(z.Name, ".") + "."})
		}
		if body.ResultInfo == nil || page >= body.ResultInfo.TotalPages || len(body.Result) == 0 {
			return out, nil
		}
	}
}
