// Package route53 registers the "route53" provider: Amazon Route 53
// through the AWS SDK for Go v2, behind providers.Safe.
//
// Reads and writes are made here with the SDK; github.com/libdns/route53
// (v1.6.2 in go.mod) is not used at run time, because its write path
// re-encodes every value of the RRset it replaces: a value stored as
// several character-strings ("verif=" "abc123") would come back as one,
// and values over 255 bytes are cut every 255 bytes (client.go:187-197),
// mid-term, so what `plan` shows would not be what is written. Instead:
//   - A write is conditional (writes.go): one change batch that DELETEs
//     the (name, type) RRset exactly as the last read returned it and
//     CREATEs the new one, which Route 53 applies atomically and refuses
//     when the RRset changed meanwhile (then nothing is written, and the
//     error is a providers.NotWrittenError reported as drift). Every value
//     that stays is sent back exactly as Route 53 returned it; only new
//     values are encoded (EncodeTXT: split between SPF terms by
//     spfedit.Split, each string at most 255 bytes, quoted with \" \\ and
//     \ooo escapes). Appends and deletes work the same way.
//   - A name is read by itself (ListResourceRecordSets from it, a few RRsets
//     a page), never the whole zone: plan.NameProber (NameRecords,
//     HasBelow, WildcardFor) and GetRRset.
//   - TXT values are decoded exactly (DecodeTXT): quotes, \ooo escapes.
//   - The AWS configuration is loaded and the credentials checked in New,
//     so a broken profile is an error here. Region defaults to us-east-1.
//   - Zones: the public zone of the name is used; two public zones of one
//     name need --route53-hosted-zone-id, which is checked against the name.
//   - Every API call has a deadline (CallTimeout) and the HTTP client a
//     timeout, so a Route 53 endpoint that never answers cannot hang a run.
//   - Route 53 allows 5 requests a second per account: every HTTP request
//     (pages, zone lookups, changes, the SDK's retries) takes a place in
//     one providers.Budget (5/s, burst 5) per access key, shared by every
//     profile of the run that uses the same key.
//   - InvalidChangeBatch errors carry Route 53's messages.
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
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awsr53 "github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/smithy-go/middleware"
	"github.com/libdns/libdns"
	"golang.org/x/sync/singleflight"
	"golang.org/x/time/rate"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/providers"
	"github.com/spfpatch/spfpatch/spfedit"
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
// retried with its standard backoff).
const MaxAttempts = 5

// CallTimeout bounds one Route 53 API call, all its attempts included
// (writes run under context.WithoutCancel, so without it a silent endpoint
// would hang the run). HTTPTimeout bounds one HTTP exchange.
const (
	CallTimeout = 30 * time.Second
	HTTPTimeout = 20 * time.Second
)

// RequestsPerSecond and Burst are Route 53's documented budget: five API
// requests a second per AWS account, charged per HTTP request here.
const (
	RequestsPerSecond = 5
	Burst             = 5
)

// Changed by tests.
var (
	callTimeout = CallTimeout
	httpTimeout = HTTPTimeout
	requestRate = rate.Limit(RequestsPerSecond)
)

// Caps is the capability record of the route53 provider.
var Caps = providers.Capabilities{
	AtomicReplace:   true,
	ExactDelete:     true,
	LongTXT:         true,
	TXTRead:         `exact: spfpatch decodes Route 53's quoted strings and \ooo escapes itself and joins the strings`,
	ZoneTrailingDot: true,
	ListZones:       true,
	Notes: []string{
		"writes use the AWS SDK directly: every TXT value that stays is sent back exactly as Route 53 stored it",
		"a write is conditional: one change batch that DELETEs the TXT RRset exactly as it was read just before and CREATEs the new one; Route 53 applies it atomically and refuses it when anyone changed the RRset meanwhile, so a value someone else adds is never dropped: nothing is written and the name is reported as drift",
		"values over 255 bytes are split into strings between SPF terms; every HTTP request counts against Route 53's 5 requests a second",
		"private hosted zones are ignored when a public zone has the same name; two public zones of one name need --route53-hosted-zone-id",
		"TXT RRsets with a routing policy (weighted, latency, geo…) or alias records are not changed",
		"requests per changed name, whatever the size of the zone: 4 (plan's read of the name, the re-read before writing, the change batch, the read-back; a read is one ListResourceRecordSets from the name); a name with no records at all is read with 1 more request per label below the zone (a wildcard that would answer for it) and 1 more (names below it), in plan and again in the re-read; plus one zone lookup per zone and run",
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

// awsSettings are the inputs of the AWS configuration.
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

// GetRRset returns the records of one name and type, listing only that
// name (ListResourceRecordSets from it, a few sets a page), not the zone.
func (p *Provider) GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error) {
	recs, err := p.api.getRRset(ctx, p.Safe.Zone(zone), name, strings.ToUpper(rrtype))
	return recs, p.api.clean(err)
}

// ListZones returns the account's public hosted zones.
func (p *Provider) ListZones(ctx context.Context) ([]libdns.Zone, error) {
	zs, err := p.api.listZones(ctx)
	return zs, p.api.clean(err)
}

// New loads and checks the AWS configuration and builds the provider. A
// configuration that cannot be loaded (an unknown AWS_PROFILE, a broken
// config file) or credentials that cannot be found are errors here, at
// once, not at the first request.
func New(env providers.Env) (providers.Provider, error) {
	s := awsSettings{
		profile:     env.Get(SettingProfile),
		region:      env.Get(SettingRegion),
		accessKeyID: env.Get(SettingAccessKeyID),
		secret:      env.Get(SettingSecretKey),
		session:     env.Get(SettingSession),
	}
	a := &adapter{settings: s, hostedZoneID: strings.TrimPrefix(strings.TrimSpace(env.Get(SettingHostedZoneID)), "/hostedzone/"),
		zones: map[string]string{}, snaps: map[snapKey]snapshot{}, p: env.P, secrets: &secrets{}}
	// Every secret the chain can hand out is scrubbed from every error:
	// those in the settings and environment, in the shared files and the
	// SSO cache now, and each credential the chain retrieves later.
	a.secrets.add(s.secret, s.session, os.Getenv("AWS_SECRET_ACCESS_KEY"), os.Getenv("AWS_SESSION_TOKEN"))
	a.secrets.fromFiles()
	endpoint := env.Get(SettingEndpoint)
	if err := checkEndpoint(env.P, endpoint); err != nil {
		return nil, err
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
	if cfg.Credentials != nil {
		cfg.Credentials = recordingCreds{inner: cfg.Credentials, s: a.secrets}
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return nil, a.clean(fmt.Errorf("no usable AWS credentials: %v; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE", err))
	}
	// Route 53's limit is per account; one budget per access key for the
	// run, shared by every profile that uses the same key.
	a.lim = env.Budgets.For("route53", creds.AccessKeyID, func() *providers.Budget {
		return providers.NewBudget(providers.BudgetConfig{Provider: "Route 53", Rate: float64(requestRate), Burst: Burst, P: env.P, Interrupt: env.Interrupt})
	})
	a.http = newBoundedClient(httpTimeout, env.P)
	a.client = awsr53.NewFromConfig(cfg, func(o *awsr53.Options) {
		o.HTTPClient = a.http
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			return st.Finalize.Insert(middleware.FinalizeMiddlewareFunc("spfpatchBudget", a.budget), "Retry", middleware.After)
		})
	})
	// The endpoint the SDK will use, whichever setting named it.
	if ep := a.client.Options().BaseEndpoint; ep != nil {
		if err := checkEndpoint(env.P, *ep); err != nil {
			return nil, err
		}
	}
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

// adapter reads and writes with the SDK.
type adapter struct {
	settings     awsSettings
	hostedZoneID string // from the settings, without /hostedzone/
	client       *awsr53.Client
	http         *providers.BoundedClient // the client's HTTP client
	lim          *providers.Budget        // per HTTP request, shared per access key
	p            i18n.Printer
	secrets      *secrets

	mu     sync.Mutex
	zones  map[string]string // zone name (with dot) -> hosted zone id
	lookup singleflight.Group
	snaps  map[snapKey]snapshot // the last read of each (name, type): writes.go
	snapN  int64
}

type prepaidKey struct{}

// call runs one SDK call: it waits for a token of the request budget
// (under ctx only, so a queue for the budget does not eat into the call's
// deadline), then runs fn under a deadline of callTimeout. Retries of the
// call take their own tokens (budget).
func (a *adapter) call(ctx context.Context, fn func(context.Context) error) error {
	if err := a.lim.Acquire(ctx); err != nil {
		return err
	}
	paid := new(atomic.Bool)
	paid.Store(true)
	cctx, cancel := context.WithTimeout(context.WithValue(ctx, prepaidKey{}, paid), callTimeout)
	defer cancel()
	err := fn(cctx)
	if err != nil && ctx.Err() == nil && errors.Is(cctx.Err(), context.DeadlineExceeded) {
		err = fmt.Errorf("Route 53 did not answer within %s: %w", callTimeout, err)
	}
	return err
}

// budget is an SDK middleware run before every attempt (after the retry
// step): each HTTP request to Route 53 takes a token, the first attempt of
// a call the one call took already.
func (a *adapter) budget(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
	if p, ok := ctx.Value(prepaidKey{}).(*atomic.Bool); !ok || !p.CompareAndSwap(true, false) {
		if err := a.lim.Acquire(ctx); err != nil {
			return middleware.FinalizeOutput{}, middleware.Metadata{}, err
		}
	}
	return next.HandleFinalize(ctx, in)
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
	var nw *providers.NotWrittenError
	if errors.As(err, &icb) && len(icb.Messages) > 0 && !errors.As(err, &nw) {
		err = fmt.Errorf("Route 53 refused the change (InvalidChangeBatch): %s: %w", strings.Join(icb.Messages, "; "), err)
	}
	err = explain(a.p, err)
	// Secrets out, then what could drive a terminal (an endpoint's
	// message is text from outside).
	msg := termsafe.Text(a.secrets.scrub(err.Error()))
	if msg == err.Error() {
		return err
	}
	return &redacted{msg, err}
}

// zoneID finds the hosted zone of zone (with trailing dot).
func (a *adapter) zoneID(ctx context.Context, zone string) (string, error) {
	zone = strings.ToLower(strings.TrimSuffix(zone, ".")) + "."
	a.mu.Lock()
	id, ok := a.zones[zone]
	a.mu.Unlock()
	if ok {
		return id, nil
	}
	// One lookup per zone at a time, without holding mu over the network;
	// a failed lookup is not remembered.
	v, err, _ := a.lookup.Do(zone, func() (any, error) {
		id, err := a.lookupZone(ctx, zone)
		if err == nil {
			a.mu.Lock()
			a.zones[zone] = id
			a.mu.Unlock()
		}
		return id, err
	})
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

func (a *adapter) lookupZone(ctx context.Context, zone string) (string, error) {
	if a.hostedZoneID != "" {
		var out *awsr53.GetHostedZoneOutput
		err := a.call(ctx, func(ctx context.Context) (err error) {
			out, err = a.client.GetHostedZone(ctx, &awsr53.GetHostedZoneInput{Id: aws.String(a.hostedZoneID)})
			return err
		})
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
		var out *awsr53.ListHostedZonesByNameOutput
		err := a.call(ctx, func(ctx context.Context) (err error) {
			out, err = a.client.ListHostedZonesByName(ctx, in)
			return err
		})
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
		var page *awsr53.ListResourceRecordSetsOutput
		err := a.call(ctx, func(ctx context.Context) (err error) {
			page, err = a.client.ListResourceRecordSets(ctx, in)
			return err
		})
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

// getRRset reads the records at one (name, type): ListResourceRecordSets
// from that name and type, a few sets a page, until past them. What it
// read is kept for the write that follows (writes.go).
func (a *adapter) getRRset(ctx context.Context, zone, name, typ string) ([]libdns.Record, error) {
	id, err := a.zoneID(ctx, zone)
	if err != nil {
		return nil, err
	}
	fq := absName(name, zone)
	sets, _, err := a.nameSets(ctx, id, fq, typ)
	if err != nil {
		return nil, fmt.Errorf("listing %s %s: %w", fq, typ, err)
	}
	a.remember(id, fq, typ, sets)
	return recordsOf(sets, zone, fq)
}

// nameSets lists the RRsets at fq (of type typ, or of every type when typ
// is ""), a few a page, until past them; next is the first RRset after
// them, nil at the end of the zone. Route 53 lists "by DNS name with the
// labels reversed, for example: com.example.www." (API reference,
// ListResourceRecordSets), so the RRsets of the names below fq come
// right after fq's own.
func (a *adapter) nameSets(ctx context.Context, zoneID, fq, typ string) (sets []types.ResourceRecordSet, next *types.ResourceRecordSet, err error) {
	in := &awsr53.ListResourceRecordSetsInput{HostedZoneId: aws.String(zoneID), StartRecordName: aws.String(fq), MaxItems: aws.Int32(rrsetPage)}
	if typ != "" {
		in.StartRecordType = types.RRType(typ)
	}
	for {
		var page *awsr53.ListResourceRecordSetsOutput
		err := a.call(ctx, func(ctx context.Context) (err error) {
			page, err = a.client.ListResourceRecordSets(ctx, in)
			return err
		})
		if err != nil {
			return nil, nil, err
		}
		for i, set := range page.ResourceRecordSets {
			if strings.ToLower(decodeName(aws.ToString(set.Name))) != fq || (typ != "" && string(set.Type) != typ) {
				return sets, &page.ResourceRecordSets[i], nil
			}
			sets = append(sets, set)
		}
		if !page.IsTruncated {
			return sets, nil, nil
		}
		in.StartRecordName, in.StartRecordType, in.StartRecordIdentifier = page.NextRecordName, page.NextRecordType, page.NextRecordIdentifier
	}
}

// recordsOf is the libdns records of sets (at fq), named relative to
// zone. An alias RRset, which has no values of its own, is an RR of its
// type whose data is the alias target.
func recordsOf(sets []types.ResourceRecordSet, zone, fq string) ([]libdns.Record, error) {
	rel := "@"
	if fq != zone {
		rel = strings.TrimSuffix(fq, "."+zone)
	}
	out := []libdns.Record{}
	for _, set := range sets {
		if set.AliasTarget != nil {
			out = append(out, libdns.RR{Name: rel, Type: string(set.Type), Data: strings.ToLower(decodeName(aws.ToString(set.AliasTarget.DNSName)))})
			continue
		}
		recs, err := parseSet(set, zone)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			rr := r.RR()
			rr.Name = rel
			out = append(out, rr)
		}
	}
	return out, nil
}

// rrsetPage is the page size of a one-name listing: the RRsets of one
// name (a few types, or a few sets with a routing policy) and the set
// after them, in one request.
const rrsetPage = 16

// absName makes name (relative, "@", or absolute) absolute in zone (with
// trailing dot), in lower case.
func absName(name, zone string) string {
	n := strings.ToLower(name)
	z := strings.TrimSuffix(zone, ".")
	switch {
	case n == "" || n == "@":
		return zone
	case strings.HasSuffix(n, "."):
		return n
	case n == z || strings.HasSuffix(n, "."+z):
		return n + "."
	}
	return n + "." + zone
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
		rr := libdns.RR{Name: name, TTL: ttl, Type: string(set.Type), Data: v}
		rec, err := rr.Parse()
		if err != nil {
			// A type or value libdns cannot parse (e.g. SVCB) is kept as a
			// plain RR rather than failing the whole zone's read.
			rec = rr
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

// key is what a stored value is matched on: the joined text of a TXT or
// SPF value, the libdns data of any other value (the raw value when it
// does not parse).
func key(typ types.RRType, raw, zone string) string {
	if typ == types.RRTypeTxt || typ == types.RRTypeSpf {
		if text, err := DecodeTXT(raw); err == nil {
			return text
		}
		return raw
	}
	if rec, err := (libdns.RR{Name: "@", Type: string(typ), Data: raw}).Parse(); err == nil {
		return rec.RR().Data
	}
	return raw
}

// values builds the ResourceRecords of a write: each record whose data
// matches a value of stored is sent back exactly as Route 53 stored it
// (its character-strings untouched); only new values are encoded.
func values(stored *types.ResourceRecordSet, typ, zone string, recs []libdns.Record) []types.ResourceRecord {
	var raws []string
	if stored != nil {
		for _, rr := range stored.ResourceRecords {
			raws = append(raws, aws.ToString(rr.Value))
		}
	}
	used := make([]bool, len(raws))
	var out []types.ResourceRecord
	for _, r := range recs {
		data := r.RR().Data
		v, found := "", false
		for i, raw := range raws {
			if !used[i] && key(types.RRType(typ), raw, zone) == data {
				used[i], v, found = true, raw, true
				break
			}
		}
		if !found {
			v = data
			if typ == "TXT" || typ == "SPF" {
				v = EncodeTXT(data)
			}
		}
		out = append(out, types.ResourceRecord{Value: aws.String(v)})
	}
	return out
}

// EncodeTXT encodes text as a Route 53 TXT value: split between SPF terms
// (spfedit.Split, at most 255 bytes a string), each string quoted with
// \" and \\ escaped and bytes below 32 or above 126 as \ooo octal.
func EncodeTXT(text string) string {
	parts := spfedit.Split(text)
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		for j := 0; j < len(p); j++ {
			switch c := p[j]; {
			case c == '"' || c == '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c < 32 || c > 126:
				fmt.Fprintf(&b, "\\%03o", c)
			default:
				b.WriteByte(c)
			}
		}
		b.WriteByte('"')
	}
	return b.String()
}

// ttlOf is the TTL of a write: the records' own, else the stored RRset's,
// else 300 s.
func ttlOf(recs []libdns.Record, stored *types.ResourceRecordSet) int64 {
	if len(recs) > 0 {
		if t := int64(recs[0].RR().TTL / time.Second); t > 0 {
			return t
		}
	}
	if stored != nil && stored.TTL != nil {
		return *stored.TTL
	}
	return 300
}

// listZones pages through ListHostedZones and returns the public zones.
func (a *adapter) listZones(ctx context.Context) ([]libdns.Zone, error) {
	in := &awsr53.ListHostedZonesInput{}
	var out []libdns.Zone
	for {
		var page *awsr53.ListHostedZonesOutput
		err := a.call(ctx, func(ctx context.Context) (err error) {
			page, err = a.client.ListHostedZones(ctx, in)
			return err
		})
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
// character-strings, separated by spaces or adjacent as in "abc""def";
// \" \\ and \ooo octal escapes,
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
		// Strings may follow one another after spaces or at once:
		// Route 53 returns values stored as "abc""def" as they are.
		if i < len(v) && v[i] != ' ' && v[i] != '"' {
			return "", fmt.Errorf("expected a space or a quote at byte %d", i)
		}
		n++
	}
	if n == 0 {
		return "", errors.New("no quoted string")
	}
	return b.String(), nil
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }
