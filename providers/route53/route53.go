// Package route53 registers the "route53" provider: Amazon Route 53
// through github.com/libdns/route53 v1.6.2 behind providers.Safe.
//
// The version matters: v1.6.0 and v1.6.1 UPSERT one value per call, so
// replacing the TXT RRset at an apex that also holds a verification value
// deletes that value (notes/providers.md §6). v1.6.2 UPSERTs each RRset
// whole in one change batch, which Route 53 applies atomically, so
// Caps.AtomicReplace is true and writes go through its SetRecords.
//
// What this package adds around v1.6.2 (file:line in the module):
//   - The AWS configuration is loaded and the credentials retrieved here,
//     in New, with the same options the adapter uses (client.go:141-184):
//     the adapter calls log.Fatalf when that fails (client.go:180), which
//     would end the whole run without a journal entry or a clear message.
//     Region defaults to us-east-1 (Route 53 is global).
//   - Zones are looked up here and each adapter is given its HostedZoneID:
//     the adapter's own lookup asks for one zone only (MaxItems 1,
//     client.go:339-342), so with a private and a public zone of the same
//     name it may pick either. Here the public zone is used, two public
//     zones of the same name are refused (give --route53-hosted-zone-id),
//     and a configured id is checked against the zone's name.
//   - Records are read here with the same SDK: the adapter's TXT read trims
//     every leading and trailing double quote (quote.go:71), so a value
//     that starts or ends with `"` would come back without it, and
//     replacing the RRset would then rewrite that other value. The reader
//     here decodes Route 53's quoted strings and \ooo escapes exactly.
//   - Deletes and appends are done as exact RRset writes (UPSERT of the
//     values that stay, or a DELETE carrying the stored RRset verbatim),
//     not with the adapter's DeleteRecords/AppendRecords, which rebuild the
//     RRset from that lossy read.
//   - InvalidChangeBatch errors carry Route 53's messages (the SDK's error
//     text is only "ChangeBatch errors occurred").
//
// Writes of TXT values over 255 bytes are split by the adapter every 255
// bytes (client.go:187-197), not between SPF terms; receivers join the
// strings, so the record means the same.
package route53

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awsr53 "github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/libdns/libdns"
	r53 "github.com/libdns/route53"

	"github.com/spfpatch/spfpatch/providers"
)

// Settings of the route53 provider (SPEC.md provider table). Everything
// but the hosted zone id is the standard AWS chain, read from the
// environment (and the shared config and credentials files).
var (
	SettingHostedZoneID = providers.Setting{Name: "route53-hosted-zone-id", Env: "SPFPATCH_ROUTE53_HOSTED_ZONE_ID",
		Usage: "hosted zone ID (Z…) to write to, instead of looking the zone up by name"}
	SettingAccessKeyID = providers.Setting{Env: "AWS_ACCESS_KEY_ID", Usage: "AWS access key id (or use AWS_PROFILE)"}
	SettingSecretKey   = providers.Setting{Env: "AWS_SECRET_ACCESS_KEY", Secret: true, Usage: "AWS secret access key"}
	SettingSession     = providers.Setting{Env: "AWS_SESSION_TOKEN", Secret: true, Usage: "AWS session token of temporary credentials"}
	SettingProfile     = providers.Setting{Env: "AWS_PROFILE", Usage: "profile in ~/.aws/config and ~/.aws/credentials"}
	SettingRegion      = providers.Setting{Env: "AWS_REGION", Usage: "AWS region for signing (default us-east-1; Route 53 is global)"}
	SettingEndpoint    = providers.Setting{Env: "AWS_ENDPOINT_URL_ROUTE_53", Usage: "Route 53 API endpoint URL (testing, or a proxy)"}
)

// MaxAttempts is the AWS SDK's attempts per call (throttling and 5xx are
// retried with its standard backoff), the adapter's default.
const MaxAttempts = 5

// Caps is the capability record of the route53 provider.
var Caps = providers.Capabilities{
	AtomicReplace:   true,
	ExactDelete:     true,
	LongTXT:         true,
	TXTRead:         `exact: spfpatch decodes Route 53's quoted strings and \ooo escapes itself and joins the strings`,
	ZoneTrailingDot: true,
	ListZones:       true,
	// Route 53 allows five API requests a second per AWS account.
	RequestsPerSecond: 5,
	Burst:             5,
	Notes: []string{
		"needs libdns/route53 v1.6.2: v1.6.0 and v1.6.1 delete the other TXT values at a name when one is set",
		"each TXT RRset is replaced by one UPSERT, which Route 53 applies atomically",
		"values over 255 bytes are split every 255 bytes, not between SPF terms (receivers join the strings)",
		"private hosted zones are ignored when a public zone has the same name; two public zones of one name need --route53-hosted-zone-id",
		"TXT RRsets with a routing policy (weighted, latency, geo…) or alias records are not changed",
	},
}

func init() {
	providers.Register(providers.Info{
		Name:        "route53",
		Description: "Amazon Route 53 (standard AWS credential chain)",
		Settings:    []providers.Setting{SettingHostedZoneID, SettingAccessKeyID, SettingSecretKey, SettingSession, SettingProfile, SettingRegion, SettingEndpoint},
		Caps:        Caps,
		New:         New,
	})
}

// awsSettings are the inputs of the AWS configuration, given to both the
// SDK client here and every adapter so that they resolve the same way.
type awsSettings struct {
	profile, region, accessKeyID, secret, session string
}

func (s awsSettings) options() []func(*config.LoadOptions) error {
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer { return retry.AddWithMaxAttempts(retry.NewStandard(), MaxAttempts) }),
	}
	if s.profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(s.profile))
	}
	if s.region != "" {
		opts = append(opts, config.WithRegion(s.region))
	}
	if s.accessKeyID != "" && s.secret != "" {
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(s.accessKeyID, s.secret, s.session)))
	}
	return opts
}

// Provider is the route53 provider: Safe over the reader and writer here.
type Provider struct {
	*providers.Safe
	api *adapter
}

// ListZones returns the account's public hosted zones.
func (p *Provider) ListZones(ctx context.Context) ([]libdns.Zone, error) {
	zs, err := p.api.listZones(ctx)
	return zs, p.api.clean(err)
}

// New loads and checks the AWS configuration and builds the provider. A
// configuration that cannot be loaded (an unknown AWS_PROFILE, a broken
// config file) or credentials that cannot be found are errors here, before
// libdns/route53 would log.Fatalf on them.
func New(env providers.Env) (providers.Provider, error) {
	s := awsSettings{
		profile:     env.Get(SettingProfile),
		region:      env.Get(SettingRegion),
		accessKeyID: env.Get(SettingAccessKeyID),
		secret:      env.Get(SettingSecretKey),
		session:     env.Get(SettingSession),
	}
	a := &adapter{settings: s, hostedZoneID: strings.TrimPrefix(strings.TrimSpace(env.Get(SettingHostedZoneID)), "/hostedzone/"),
		zones: map[string]string{}, adapters: map[string]*r53.Provider{}}
	// The adapter reads the endpoint from the process environment only.
	if e := env.Get(SettingEndpoint); e != "" && e != os.Getenv("AWS_ENDPOINT_URL_ROUTE_53") {
		return nil, errors.New("AWS_ENDPOINT_URL_ROUTE_53 must be set in the environment (libdns/route53 reads it from there)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cfg, err := config.LoadDefaultConfig(ctx, s.options()...)
	if err != nil {
		where := ""
		if s.profile != "" {
			where = fmt.Sprintf(" for profile %q", s.profile)
		}
		return nil, a.clean(fmt.Errorf("cannot load the AWS configuration%s: %v; check AWS_PROFILE and the files in AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/config and ~/.aws/credentials)", where, err))
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
		a.settings.region = cfg.Region
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return nil, a.clean(fmt.Errorf("no usable AWS credentials: %v; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE", err))
	}
	a.client = awsr53.NewFromConfig(cfg)
	return &Provider{
		api: a,
		Safe: &providers.Safe{
			Name:  "route53",
			Inner: a,
			Caps:  Caps,
			Zone:  func(z string) string { return strings.ToLower(strings.TrimSuffix(z, ".")) + "." },
		},
	}, nil
}

// adapter reads with the SDK and writes through libdns/route53 (one
// adapter per hosted zone, each with its HostedZoneID set).
type adapter struct {
	settings     awsSettings
	hostedZoneID string // from the settings, without /hostedzone/
	client       *awsr53.Client

	mu       sync.Mutex
	zones    map[string]string // zone name (with dot) -> hosted zone id
	adapters map[string]*r53.Provider
}

var _ providers.Adapter = (*adapter)(nil)

type redacted struct {
	msg string
	err error
}

func (r *redacted) Error() string { return r.msg }
func (r *redacted) Unwrap() error { return r.err }

// clean adds Route 53's own messages to an InvalidChangeBatch and removes
// secrets from an error's text.
func (a *adapter) clean(err error) error {
	if err == nil {
		return nil
	}
	var icb *types.InvalidChangeBatch
	if errors.As(err, &icb) && len(icb.Messages) > 0 {
		err = fmt.Errorf("Route 53 refused the change (InvalidChangeBatch): %s: %w", strings.Join(icb.Messages, "; "), err)
	}
	msg := err.Error()
	for _, s := range []string{a.settings.secret, a.settings.session, os.Getenv("AWS_SECRET_ACCESS_KEY"), os.Getenv("AWS_SESSION_TOKEN")} {
		if len(s) >= 4 {
			msg = strings.ReplaceAll(msg, s, "[redacted]")
		}
	}
	if msg == err.Error() {
		return err
	}
	return &redacted{msg, err}
}

func (a *adapter) writer(zoneID string) *r53.Provider {
	a.mu.Lock()
	defer a.mu.Unlock()
	if p, ok := a.adapters[zoneID]; ok {
		return p
	}
	s := a.settings
	p := &r53.Provider{
		Region: s.region, Profile: s.profile, MaxRetries: MaxAttempts, HostedZoneID: zoneID,
	}
	if s.accessKeyID != "" && s.secret != "" {
		p.AccessKeyId, p.SecretAccessKey, p.SessionToken = s.accessKeyID, s.secret, s.session
	}
	a.adapters[zoneID] = p
	return p
}

// zoneID finds the hosted zone of zone (with trailing dot).
func (a *adapter) zoneID(ctx context.Context, zone string) (string, error) {
	zone = strings.ToLower(strings.TrimSuffix(zone, ".")) + "."
	a.mu.Lock()
	defer a.mu.Unlock()
	if id, ok := a.zones[zone]; ok {
		return id, nil
	}
	id, err := a.lookupZone(ctx, zone)
	if err != nil {
		return "", err
	}
	a.zones[zone] = id
	return id, nil
}

func (a *adapter) lookupZone(ctx context.Context, zone string) (string, error) {
	if a.hostedZoneID != "" {
		out, err := a.client.GetHostedZone(ctx, &awsr53.GetHostedZoneInput{Id: aws.String(a.hostedZoneID)})
		if err != nil {
			return "", fmt.Errorf("hosted zone %s (--route53-hosted-zone-id): %w", a.hostedZoneID, err)
		}
		if name := strings.ToLower(decodeName(aws.ToString(out.HostedZone.Name))); name != zone {
			return "", fmt.Errorf("--route53-hosted-zone-id %s is the hosted zone of %s, not of %s", a.hostedZoneID, name, zone)
		}
		return a.hostedZoneID, nil
	}
	var public, private []string
	in := &awsr53.ListHostedZonesByNameInput{DNSName: aws.String(zone)}
	for {
		out, err := a.client.ListHostedZonesByName(ctx, in)
		if err != nil {
			return "", fmt.Errorf("looking up the hosted zone %s: %w", zone, err)
		}
		past := false
		for _, hz := range out.HostedZones {
			if strings.ToLower(decodeName(aws.ToString(hz.Name))) != zone {
				past = true
				break
			}
			id := strings.TrimPrefix(aws.ToString(hz.Id), "/hostedzone/")
			if hz.Config != nil && hz.Config.PrivateZone {
				private = append(private, id)
			} else {
				public = append(public, id)
			}
		}
		if past || !out.IsTruncated {
			break
		}
		in.DNSName, in.HostedZoneId = out.NextDNSName, out.NextHostedZoneId
	}
	switch {
	case len(public) == 1:
		return public[0], nil
	case len(public) > 1:
		return "", fmt.Errorf("%d public hosted zones are named %s (%s): give the one the domain is delegated to with --route53-hosted-zone-id", len(public), zone, strings.Join(public, ", "))
	case len(private) > 0:
		return "", fmt.Errorf("%s exists only as a private hosted zone (%s), which mail receivers never see; create or choose the public zone", zone, strings.Join(private, ", "))
	}
	return "", fmt.Errorf("HostedZoneNotFound: no Route 53 hosted zone named %s in this AWS account", zone)
}

// sets lists the zone's RRsets from (name, type) on; name "" lists all.
// limit > 0 stops after that many sets.
func (a *adapter) sets(ctx context.Context, zoneID, name, typ string, limit int) ([]types.ResourceRecordSet, error) {
	in := &awsr53.ListResourceRecordSetsInput{HostedZoneId: aws.String(zoneID)}
	if name != "" {
		in.StartRecordName = aws.String(name)
		if typ != "" {
			in.StartRecordType = types.RRType(typ)
		}
	}
	if limit > 0 {
		in.MaxItems = aws.Int32(int32(limit))
	}
	var out []types.ResourceRecordSet
	for {
		page, err := a.client.ListResourceRecordSets(ctx, in)
		if err != nil {
			return nil, err
		}
		out = append(out, page.ResourceRecordSets...)
		if !page.IsTruncated || (limit > 0 && len(out) >= limit) {
			return out, nil
		}
		in.StartRecordName, in.StartRecordType, in.StartRecordIdentifier = page.NextRecordName, page.NextRecordType, page.NextRecordIdentifier
	}
}

// GetRecords returns every record of the zone; TXT text exact. Alias
// records (no values of their own) are left out.
func (a *adapter) GetRecords(ctx context.Context, zone string) ([]libdns.Record, error) {
	id, err := a.zoneID(ctx, zone)
	if err != nil {
		return nil, a.clean(err)
	}
	sets, err := a.sets(ctx, id, "", "", 0)
	if err != nil {
		return nil, a.clean(fmt.Errorf("listing the records of %s: %w", zone, err))
	}
	var out []libdns.Record
	for _, set := range sets {
		recs, err := parseSet(set, zone)
		if err != nil {
			return nil, err
		}
		out = append(out, recs...)
	}
	return out, nil
}

func parseSet(set types.ResourceRecordSet, zone string) ([]libdns.Record, error) {
	name := libdns.RelativeName(strings.ToLower(decodeName(aws.ToString(set.Name))), strings.ToLower(zone))
	ttl := time.Duration(aws.ToInt64(set.TTL)) * time.Second
	var out []libdns.Record
	for _, rr := range set.ResourceRecords {
		v := aws.ToString(rr.Value)
		if set.Type == types.RRTypeTxt || set.Type == types.RRTypeSpf {
			text, err := DecodeTXT(v)
			if err != nil {
				return nil, fmt.Errorf("%s TXT value %q: %w", name, v, err)
			}
			out = append(out, libdns.TXT{Name: name, TTL: ttl, Text: text})
			continue
		}
		rec, err := libdns.RR{Name: name, TTL: ttl, Type: string(set.Type), Data: v}.Parse()
		if err != nil {
			return nil, fmt.Errorf("%s %s value %q: %w", name, set.Type, v, err)
		}
		out = append(out, rec)
	}
	return out, nil
}

type setKey struct{ name, typ string }

func groupByKey(recs []libdns.Record) ([]setKey, map[setKey][]libdns.Record) {
	groups := map[setKey][]libdns.Record{}
	var order []setKey
	for _, r := range recs {
		rr := r.RR()
		k := setKey{rr.Name, rr.Type}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	return order, groups
}

// current returns the simple RRset stored at (name, type), or nil; an
// RRset with a routing policy or an alias is an error.
func (a *adapter) current(ctx context.Context, zoneID, zone string, k setKey) (*types.ResourceRecordSet, error) {
	fq := strings.ToLower(libdns.AbsoluteName(k.name, zone))
	sets, err := a.sets(ctx, zoneID, fq, k.typ, 2)
	if err != nil {
		return nil, err
	}
	var found *types.ResourceRecordSet
	for i, s := range sets {
		if strings.ToLower(decodeName(aws.ToString(s.Name))) != fq || string(s.Type) != k.typ {
			continue
		}
		if s.SetIdentifier != nil || s.AliasTarget != nil {
			return nil, fmt.Errorf("%w: %s %s has a routing policy or is an alias; change it in the Route 53 console", providers.ErrUnsafe, fq, k.typ)
		}
		found = &sets[i]
	}
	return found, nil
}

// SetRecords replaces each (name, type) RRset with exactly recs, one
// UPSERT (an atomic change batch) per RRset, through libdns/route53.
func (a *adapter) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	id, err := a.zoneID(ctx, zone)
	if err != nil {
		return nil, a.clean(err)
	}
	order, groups := groupByKey(recs)
	for _, k := range order {
		if _, err := a.current(ctx, id, zone, k); err != nil {
			return nil, a.clean(err)
		}
		if _, err := a.writer(id).SetRecords(ctx, zone, groups[k]); err != nil {
			return nil, a.clean(err)
		}
	}
	return recs, nil
}

// AppendRecords adds values to their RRsets (values already there are
// not repeated: Route 53 refuses duplicates), keeping the RRset's TTL.
func (a *adapter) AppendRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	id, err := a.zoneID(ctx, zone)
	if err != nil {
		return nil, a.clean(err)
	}
	order, groups := groupByKey(recs)
	for _, k := range order {
		cur, err := a.current(ctx, id, zone, k)
		if err != nil {
			return nil, a.clean(err)
		}
		var merged []libdns.Record
		if cur != nil {
			if merged, err = parseSet(*cur, zone); err != nil {
				return nil, err
			}
		}
		for _, r := range groups[k] {
			dup := false
			for _, m := range merged {
				dup = dup || m.RR().Data == r.RR().Data
			}
			if !dup {
				merged = append(merged, r)
			}
		}
		if _, err := a.writer(id).SetRecords(ctx, zone, merged); err != nil {
			return nil, a.clean(err)
		}
	}
	return recs, nil
}

// DeleteRecords removes exactly the given values: the RRset is UPSERTed
// with the values that stay, or, when none stay, DELETEd with the RRset
// exactly as stored (Route 53 refuses a DELETE that does not match).
func (a *adapter) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	id, err := a.zoneID(ctx, zone)
	if err != nil {
		return nil, a.clean(err)
	}
	order, groups := groupByKey(recs)
	var deleted []libdns.Record
	for _, k := range order {
		cur, err := a.current(ctx, id, zone, k)
		if err != nil {
			return nil, a.clean(err)
		}
		if cur == nil {
			continue
		}
		have, err := parseSet(*cur, zone)
		if err != nil {
			return nil, err
		}
		var keep, gone []libdns.Record
		for _, h := range have {
			del := false
			for _, r := range groups[k] {
				del = del || r.RR().Data == h.RR().Data
			}
			if del {
				gone = append(gone, h)
			} else {
				keep = append(keep, h)
			}
		}
		switch {
		case len(gone) == 0:
			continue
		case len(keep) > 0:
			_, err = a.writer(id).SetRecords(ctx, zone, keep)
		default:
			_, err = a.client.ChangeResourceRecordSets(ctx, &awsr53.ChangeResourceRecordSetsInput{
				HostedZoneId: aws.String(id),
				ChangeBatch: &types.ChangeBatch{Changes: []types.Change{{
					Action: types.ChangeActionDelete,
					ResourceRecordSet: &types.ResourceRecordSet{
						Name: cur.Name, Type: cur.Type, TTL: cur.TTL, ResourceRecords: cur.ResourceRecords,
					},
				}}},
			})
		}
		if err != nil {
			return nil, a.clean(err)
		}
		deleted = append(deleted, gone...)
	}
	return deleted, nil
}

// listZones pages through ListHostedZones and returns the public zones.
func (a *adapter) listZones(ctx context.Context) ([]libdns.Zone, error) {
	in := &awsr53.ListHostedZonesInput{}
	var out []libdns.Zone
	for {
		page, err := a.client.ListHostedZones(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("listing hosted zones: %w", err)
		}
		for _, hz := range page.HostedZones {
			if hz.Config != nil && hz.Config.PrivateZone {
				continue
			}
			out = append(out, libdns.Zone{Name: strings.ToLower(decodeName(aws.ToString(hz.Name)))})
		}
		if !page.IsTruncated {
			sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
			return out, nil
		}
		in.Marker = page.NextMarker
	}
}

// decodeName decodes the \ooo escapes Route 53 uses in names (\052 is *).
func decodeName(n string) string {
	if !strings.Contains(n, `\`) {
		return n
	}
	var b strings.Builder
	for i := 0; i < len(n); i++ {
		if n[i] == '\\' && i+3 < len(n) && isOctal(n[i+1]) && isOctal(n[i+2]) && isOctal(n[i+3]) {
			v, _ := strconv.ParseUint(n[i+1:i+4], 8, 8)
			b.WriteByte(byte(v))
			i += 3
			continue
		}
		b.WriteByte(n[i])
	}
	return b.String()
}

// DecodeTXT decodes one Route 53 TXT value (one or more quoted
// character-strings separated by spaces; \" \\ and \ooo octal escapes,
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/ResourceRecordTypes.html#TXTFormat)
// into its text, the strings joined.
func DecodeTXT(v string) (string, error) {
	var b strings.Builder
	i, n := 0, 0
	for {
		for i < len(v) && v[i] == ' ' {
			i++
		}
		if i == len(v) {
			break
		}
		if v[i] != '"' {
			return "", fmt.Errorf("expected a quoted string at byte %d", i)
		}
		i++
		closed := false
		for i < len(v) && !closed {
			switch c := v[i]; {
			case c == '"':
				closed = true
				i++
			case c == '\\' && i+3 < len(v) && isOctal(v[i+1]) && isOctal(v[i+2]) && isOctal(v[i+3]):
				o, err := strconv.ParseUint(v[i+1:i+4], 8, 8)
				if err != nil {
					return "", fmt.Errorf("escape \\%s out of range", v[i+1:i+4])
				}
				b.WriteByte(byte(o))
				i += 4
			case c == '\\' && i+1 < len(v):
				b.WriteByte(v[i+1])
				i += 2
			case c == '\\':
				return "", errors.New("dangling backslash")
			default:
				b.WriteByte(c)
				i++
			}
		}
		if !closed {
			return "", errors.New("unterminated quoted string")
		}
		if i < len(v) && v[i] != ' ' {
			return "", fmt.Errorf("expected a space at byte %d", i)
		}
		n++
	}
	if n == 0 {
		return "", errors.New("no quoted string")
	}
	return b.String(), nil
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }
