// Package powerdns is spfpatch's provider for the PowerDNS Authoritative
// Server's HTTP API (api=yes, api-key; zone kinds Native and Master).
//
// It talks to the API itself, in the shape github.com/libdns/powerdns uses
// (GET the zone, PATCH an RRset with changetype REPLACE), because that
// adapter (v0.1.4), handed back the records it read, would change records
// spfpatch must not touch:
//
//   - its GetRecords returns disabled records as if they were served, and
//     its SetRecords writes every record enabled: a disabled TXT record
//     would be published;
//   - it sends each TXT value as one quoted string: a record stored as the
//     two strings "ms=a;" "b" would become one, and a long SPF record would
//     be cut by PowerDNS every 255 bytes instead of between terms;
//   - it escapes '"' but not '\', so PowerDNS reads "a\b" as "ab";
//   - its HTTP client panics on a URL it cannot parse.
//
// Here a write is one PATCH that REPLACEs the TXT RRset of one name: records
// that stay are sent back with their content exactly as PowerDNS returned it
// (so their character-strings and escapes survive), disabled records stay
// disabled, the RRset's comments are not sent and so are kept, and new
// values are cut into 255-byte strings between SPF terms. PowerDNS applies
// a PATCH in one transaction: the old RRset or the new one, never none.
//
// The API has no conditional write: a change someone else makes in the
// milliseconds between spfpatch's GET and its PATCH is overwritten.
package powerdns

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/providers"
)

// Settings (SPEC.md provider table).
var (
	settingURL = providers.Setting{Name: "powerdns-url", Env: "SPFPATCH_POWERDNS_URL", Required: true,
		Usage: "PowerDNS API URL, e.g. http://127.0.0.1:8081 (the webserver-address and webserver-port of pdns.conf)"}
	settingServerID = providers.Setting{Name: "powerdns-server-id", Default: "localhost",
		Usage: "PowerDNS server id"}
	settingAPIKey = providers.Setting{Env: "PDNS_API_KEY", Secret: true, Required: true,
		Usage: "PowerDNS API key (the api-key of pdns.conf)"}
)

// Caps is what this provider does (see the package doc).
var Caps = providers.Capabilities{
	AtomicReplace:   true,
	ExactDelete:     true,
	LongTXT:         true,
	TXTRead:         "quoted presentation (\"a\" \"b\", \\\" \\\\ \\DDD); unquoted, strings joined",
	ZoneTrailingDot: true,
	Notes: []string{
		"one PATCH (REPLACE of the name's TXT RRset) per write; records that stay are sent back exactly as PowerDNS holds them",
		"disabled records are not read and stay disabled; RRset comments are kept",
		"the API has no conditional write: a change made by someone else between spfpatch's read and its write (milliseconds) is overwritten",
		"Native and Master zones; change a Slave zone at its primary",
	},
}

func init() {
	providers.Register(providers.Info{
		Name:        "powerdns",
		Description: "PowerDNS Authoritative Server HTTP API",
		Settings:    []providers.Setting{settingURL, settingServerID, settingAPIKey},
		Caps:        Caps,
		New: func(env providers.Env) (providers.Provider, error) {
			p, err := New(env.Get(settingURL), env.Get(settingServerID), env.Get(settingAPIKey))
			if err != nil {
				return nil, err
			}
			return p.Safe(), nil
		},
	})
}

// DefaultTimeout bounds one API request.
const DefaultTimeout = 30 * time.Second

// Provider talks to one PowerDNS API. It implements providers.Adapter; use
// it through Safe. Its String method never shows the API key.
type Provider struct {
	base     *url.URL // the API root, e.g. http://127.0.0.1:8081/api/v1
	serverID string
	apiKey   string
	hc       *providers.BoundedClient // no redirect followed: the key travels in a header
}

// New returns a provider for the API at rawURL (the server's address, with
// or without /api/v1), server id (default "localhost") and API key.
func New(rawURL, serverID, apiKey string) (*Provider, error) {
	u, err := providers.CheckAPIURL(rawURL, providers.URLRules{Userinfo: true})
	var ue *providers.APIURLError
	switch {
	case errors.As(err, &ue) && errors.Is(err, providers.ErrCleartext):
		return nil, fmt.Errorf("--powerdns-url: %s: plain http is allowed only to a loopback address (127.0.0.1, ::1 or localhost), "+
			"because the API key would travel in clear; use an https:// URL (e.g. PowerDNS behind a TLS proxy) or an SSH tunnel to a local port", ue.Shown)
	case errors.As(err, &ue):
		return nil, fmt.Errorf("--powerdns-url: %s is not an http:// or https:// URL like http://127.0.0.1:8081", ue.Shown)
	case err != nil:
		return nil, err
	}
	if strings.Trim(u.Path, "/") == "" {
		u.Path = "/api/v1"
	} else {
		u.Path = strings.TrimSuffix(u.Path, "/")
	}
	u.RawPath = ""
	if serverID = strings.TrimSpace(serverID); serverID == "" {
		serverID = "localhost"
	}
	if apiKey == "" {
		return nil, errors.New("no API key: set PDNS_API_KEY to the api-key of pdns.conf")
	}
	return &Provider{
		base:     u,
		serverID: serverID,
		apiKey:   apiKey,
		hc:       providers.NewBoundedClient(DefaultTimeout, maxBody),
	}, nil
}

// String describes the provider without its API key.
func (p *Provider) String() string {
	return fmt.Sprintf("PowerDNS API %s, server id %s", p.base.Redacted(), p.serverID)
}

// GoString is String, so %#v does not show the key either.
func (p *Provider) GoString() string { return p.String() }

// Safe wraps the provider in providers.Safe with its capabilities.
func (p *Provider) Safe() *providers.Safe {
	return &providers.Safe{
		Name:         "powerdns",
		Inner:        p,
		Caps:         Caps,
		Zone:         fqdn,
		NormalizeTXT: unquoteTXT,
	}
}

func fqdn(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// The API's JSON (https://doc.powerdns.com/authoritative/http-api/zone.html).
type zoneJSON struct {
	Name   string      `json:"name"`
	Kind   string      `json:"kind"`
	RRsets []rrsetJSON `json:"rrsets"`
}

// rrsetJSON has no comments field: a PATCH without "comments" keeps them.
type rrsetJSON struct {
	Name       string       `json:"name"`
	Type       string       `json:"type"`
	TTL        int          `json:"ttl,omitempty"`
	ChangeType string       `json:"changetype,omitempty"`
	Records    []recordJSON `json:"records,omitempty"`
}

type recordJSON struct {
	Content  string `json:"content"`
	Disabled bool   `json:"disabled"`
}

// ErrAuth is returned when the API refuses the key.
var ErrAuth = errors.New("the PowerDNS API refused the API key: check PDNS_API_KEY against the api-key of pdns.conf")

// ErrNotFound is returned for a zone (or server id) the API does not know.
var ErrNotFound = errors.New("not found")

func (p *Provider) zonePath(zone string) string {
	// Zone ids are the FQDN, with '/' written =2F (RFC 2317 names).
	id := strings.ReplaceAll(fqdn(zone), "/", "=2F")
	return "/servers/" + url.PathEscape(p.serverID) + "/zones/" + url.PathEscape(id)
}

// do sends one request; it returns errors that name the API but never the key.
func (p *Provider) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	u := *p.base
	u.Path += path
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return fmt.Errorf("PowerDNS API %s: %v", p.base.Redacted(), err)
	}
	req.Header.Set("X-API-Key", p.apiKey)
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := p.hc.Do(req)
	var redirect *providers.RedirectError
	switch {
	case errors.As(err, &redirect):
		return fmt.Errorf("PowerDNS API %s: redirected (HTTP %d) to %s: give the final API URL in --powerdns-url", p.base.Redacted(), redirect.Status, redirect.Location)
	case err != nil:
		// *url.Error shows the URL without a password; scrub the key anyway.
		return p.scrub(fmt.Errorf("PowerDNS API %s %s: %w", method, u.Redacted(), err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	var tooBig *providers.TooBigError
	switch {
	case errors.As(err, &tooBig):
		return fmt.Errorf("PowerDNS API %s %s: the answer is over %d MB; not read", method, u.Redacted(), tooBig.Max>>20)
	case err != nil:
		return p.scrub(fmt.Errorf("PowerDNS API %s %s: reading the answer: %v", method, u.Redacted(), err))
	}
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		if out != nil {
			if err := json.Unmarshal(data, out); err != nil {
				return fmt.Errorf("PowerDNS API %s %s: the answer is not the JSON expected (is --powerdns-url the API?): %v", method, u.Redacted(), err)
			}
		}
		return nil
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return fmt.Errorf("PowerDNS API %s: HTTP %d: %w", p.base.Redacted(), resp.StatusCode, ErrAuth)
	case resp.StatusCode == http.StatusNotFound:
		return fmt.Errorf("PowerDNS API %s %s: HTTP 404: %w", method, u.Redacted(), ErrNotFound)
	}
	return fmt.Errorf("PowerDNS API %s %s: HTTP %d: %s", method, u.Redacted(), resp.StatusCode, p.apiMessage(data))
}

// maxBody bounds an answer of the API (a zone of 100,000 records is a few
// tens of MB of JSON).
var maxBody int64 = 64 << 20

// apiMessage is the API's {"error": "..."} text, or the start of the body,
// with the API key scrubbed before the text is cut to 400 bytes (cut first,
// a key straddling the cut would no longer match and its start would
// show), and made safe to print.
func (p *Provider) apiMessage(data []byte) string {
	var e struct {
		Error string `json:"error"`
	}
	msg := strings.TrimSpace(string(data))
	if json.Unmarshal(data, &e) == nil && e.Error != "" {
		msg = e.Error
	}
	msg = strings.ReplaceAll(msg, p.apiKey, "[api key]")
	msg = termsafe.Text(providers.Cut(msg, 400))
	if msg == "" {
		msg = "(empty answer)"
	}
	return msg
}

// scrub removes the API key from a message, should anything echo it.
func (p *Provider) scrub(err error) error {
	if err == nil || !strings.Contains(err.Error(), p.apiKey) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), p.apiKey, "[api key]"))
}

// getZone reads a zone with all its RRsets.
func (p *Provider) getZone(ctx context.Context, zone string) (*zoneJSON, error) {
	var z zoneJSON
	err := p.do(ctx, http.MethodGet, p.zonePath(zone), nil, &z)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("PowerDNS at %s has no zone %s on server id %q (HTTP 404): check --zone and --powerdns-server-id", p.base.Redacted(), fqdn(zone), p.serverID)
	}
	if err != nil {
		return nil, err
	}
	return &z, nil
}

// patch sends RRset changes in one PATCH, which PowerDNS applies in one
// transaction.
func (p *Provider) patch(ctx context.Context, zone string, sets []rrsetJSON) error {
	if len(sets) == 0 {
		return nil
	}
	err := p.do(ctx, http.MethodPatch, p.zonePath(zone), map[string]any{"rrsets": sets}, nil)
	if errors.Is(err, ErrNotFound) {
		return fmt.Errorf("PowerDNS at %s has no zone %s on server id %q (HTTP 404)", p.base.Redacted(), fqdn(zone), p.serverID)
	}
	return err
}
