// Package rfc2136 is spfpatch's provider for DNS servers that take dynamic
// updates (RFC 2136) signed with a TSIG key (RFC 8945): BIND, Knot DNS,
// PowerDNS with dnsupdate, Windows DNS with a TSIG-capable front end.
//
// Reads are an AXFR with miekg/dns (the key must be allowed to transfer the
// zone); a record libdns cannot parse is returned as a plain libdns.RR
// rather than failing the read. TXT values keep the presentation escapes of
// miekg/dns (\" \\ \DDD); providers.Safe decodes them (NormalizeTXT).
//
// Writes do not use libdns/rfc2136's SetRecords, which deletes the whole TXT
// RRset and adds back every value cut at 255 runes: a verification record
// stored as the two strings "abc" "def" would come back as one, a
// multi-byte value would be cut mid-character. Instead each write is one
// UPDATE message per name that
//
//   - requires the TXT RRset to be exactly as the caller last read it
//     (RFC 2136 §2.4.2, "RRset exists (value dependent)"), or absent
//     (§2.4.3), so a change made by someone else meanwhile makes the server
//     refuse the whole message. "Last read" is the most recent GetRecords
//     of the zone through this Provider (spfpatch apply reads the name just
//     before writing it); a name written since, or never read, is read
//     afresh;
//   - deletes only the records that go (§2.5.4 "Delete An RR From An RRset"),
//     byte for byte as the server holds them;
//   - adds only the records that are new (§2.5.1), cut into 255-byte
//     character-strings between SPF terms (spfedit.Split).
//
// The server applies the message atomically: it holds the old RRset or the
// new one, never a mix and never none. Records that stay are not touched, so
// their character-string boundaries survive.
package rfc2136

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/libdns/rfc2136"
	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/providers"
)

// Settings (SPEC.md provider table).
var (
	settingServer = providers.Setting{Name: "rfc2136-server", Env: "SPFPATCH_RFC2136_SERVER", Required: true,
		Usage: "primary name server ADDR:PORT that accepts UPDATE and AXFR (TCP)"}
	settingKeyName = providers.Setting{Name: "rfc2136-key-name", Env: "SPFPATCH_TSIG_KEY_NAME",
		Usage: "TSIG key name (or from --rfc2136-key-file)"}
	settingKeyAlg = providers.Setting{Name: "rfc2136-key-alg", Default: "hmac-sha256",
		Usage: "TSIG algorithm: hmac-sha256, hmac-sha512, hmac-sha384, hmac-sha224 or hmac-sha1"}
	settingKeyFile = providers.Setting{Name: "rfc2136-key-file",
		Usage: "BIND key file (key \"name\" { algorithm ...; secret \"...\"; };) with the TSIG key"}
	settingSecret = providers.Setting{Env: "SPFPATCH_TSIG_SECRET", Secret: true,
		Usage: "TSIG secret, base64 (or from --rfc2136-key-file)"}
)

// Caps is what this provider does (see the package doc).
var Caps = providers.Capabilities{
	AtomicReplace:   true,
	ExactDelete:     true,
	LongTXT:         true,
	TXTRead:         "presentation escapes (\\\" \\\\ \\DDD), strings joined; decoded",
	ZoneTrailingDot: true,
	Notes: []string{
		"reads the zone by AXFR: the TSIG key must be allowed to transfer it (BIND allow-transfer { key NAME; }; Knot acl action transfer)",
		"one UPDATE per name, conditional on the TXT RRset being as read (RFC 2136 §2.4.2): deletes only the old SPF record and adds the new one; other TXT records keep their exact character-strings",
		"HMAC-MD5 keys are not supported",
	},
}

func init() {
	providers.Register(providers.Info{
		Name:        "rfc2136",
		Description: "dynamic DNS UPDATE (RFC 2136) with a TSIG key: BIND, Knot, PowerDNS dnsupdate and other primaries",
		Settings:    []providers.Setting{settingServer, settingKeyName, settingKeyAlg, settingKeyFile, settingSecret},
		Caps:        Caps,
		New:         newFromEnv,
	})
}

func newFromEnv(env providers.Env) (providers.Provider, error) {
	key, err := keyFromEnv(env)
	if err != nil {
		return nil, err
	}
	p, err := New(env.Get(settingServer), key)
	if err != nil {
		return nil, err
	}
	return p.Safe(), nil
}

// keyFromEnv assembles the TSIG key from --rfc2136-key-file, or from
// --rfc2136-key-name, --rfc2136-key-alg and SPFPATCH_TSIG_SECRET.
func keyFromEnv(env providers.Env) (Key, error) {
	name := strings.TrimSpace(env.Get(settingKeyName))
	alg := strings.TrimSpace(env.Get(settingKeyAlg))
	secret := strings.TrimSpace(env.Get(settingSecret))
	file := strings.TrimSpace(env.Get(settingKeyFile))
	if file == "" {
		switch {
		case name == "" && secret == "":
			return Key{}, errors.New("needs a TSIG key: give --rfc2136-key-file FILE (BIND key file), or --rfc2136-key-name NAME and the secret in SPFPATCH_TSIG_SECRET")
		case name == "":
			return Key{}, errors.New("SPFPATCH_TSIG_SECRET is set but the key name is not: give --rfc2136-key-name NAME (or SPFPATCH_TSIG_KEY_NAME)")
		case secret == "":
			return Key{}, fmt.Errorf("TSIG key %q has no secret: set SPFPATCH_TSIG_SECRET, or give --rfc2136-key-file FILE", name)
		}
		return Key{Name: name, Algorithm: alg, Secret: secret}.check()
	}
	if secret != "" {
		return Key{}, errors.New("both --rfc2136-key-file and SPFPATCH_TSIG_SECRET are set: give the secret one way only")
	}
	k, err := ParseKeyFile(file, name)
	if err != nil {
		return Key{}, err
	}
	k, err = k.check()
	if err != nil {
		return Key{}, fmt.Errorf("TSIG key file %s: %w", file, err)
	}
	// --rfc2136-key-alg has a default, so only a different explicit value
	// can contradict the file.
	if a, err := canonicalAlg(alg); err == nil && a != k.Algorithm && a != settingKeyAlg.Default {
		return Key{}, fmt.Errorf("--rfc2136-key-alg %s contradicts the key file %s (algorithm %s): leave the flag out", alg, file, k.Algorithm)
	}
	return k, nil
}

// DefaultTimeout bounds one exchange with the server.
const DefaultTimeout = 15 * time.Second

// Provider talks to one primary server with one TSIG key. It implements
// providers.Adapter; use it through Safe (New returns it unwrapped for tests).
// Its String method never shows the secret.
type Provider struct {
	server  string
	key     Key
	timeout time.Duration
	xfr     *rfc2136.Provider // writes of types other than TXT

	mu   sync.Mutex
	seen map[string]*seenZone // zone FQDN, lower case: the last read

	afterRead func() // tests: runs between reading and writing an RRset
}

// New returns a provider for server (ADDR:PORT; port 53 when left out) with
// the TSIG key.
func New(server string, key Key) (*Provider, error) {
	addr, err := normServer(server)
	if err != nil {
		return nil, err
	}
	k, err := key.check()
	if err != nil {
		return nil, err
	}
	return &Provider{
		server:  addr,
		key:     k,
		timeout: DefaultTimeout,
		xfr:     &rfc2136.Provider{KeyName: k.Name, KeyAlg: k.Algorithm, Key: k.Secret, Server: addr},
	}, nil
}

func normServer(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("--rfc2136-server ADDR:PORT is empty")
	}
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		// No port: the DNS port.
		host, port = strings.Trim(s, "[]"), "53"
	}
	if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 || host == "" || strings.ContainsAny(host, "/ ") {
		return "", fmt.Errorf("--rfc2136-server %q is not ADDR:PORT (e.g. 192.0.2.53:53)", s)
	}
	return net.JoinHostPort(host, port), nil
}

// String describes the provider without its secret.
func (p *Provider) String() string {
	return fmt.Sprintf("rfc2136 server %s, %s", p.server, p.key)
}

// GoString is String, so %#v does not show the secret either.
func (p *Provider) GoString() string { return p.String() }

// Safe wraps the provider in providers.Safe with its capabilities.
func (p *Provider) Safe() *providers.Safe {
	return &providers.Safe{
		Name:         "rfc2136",
		Inner:        p,
		Caps:         Caps,
		Zone:         dns.Fqdn,
		NormalizeTXT: decodeTXT,
	}
}

// scrub removes the secret from a message, should any library ever echo it.
func (p *Provider) scrub(err error) error {
	if err == nil || p.key.Secret == "" || !strings.Contains(err.Error(), p.key.Secret) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), p.key.Secret, "[secret]"))
}

// keyHint is how to fix a key the server refused.
func (p *Provider) keyHint() string {
	return "check the key name, algorithm and secret against the server's configuration"
}
