// Package r53fake is a strict, in-process fake of the Amazon Route 53 REST
// XML API (version 2013-04-01), served by an httptest.Server on 127.0.0.1,
// for the calls github.com/libdns/route53 and spfpatch make. Point the AWS
// SDK at it with AWS_ENDPOINT_URL_ROUTE_53=Server.URL. It is for tests only.
//
// Operations, as the Route 53 API reference documents them:
//   - ListHostedZonesByName (GET /2013-04-01/hostedzonesbyname?dnsname=&hostedzoneid=&maxitems=),
//     ListHostedZones (GET /2013-04-01/hostedzone?marker=&maxitems=),
//     GetHostedZone (GET /2013-04-01/hostedzone/{Id});
//   - ListResourceRecordSets (GET /2013-04-01/hostedzone/{Id}/rrset?name=&type=&identifier=&maxitems=)
//     in Route 53's order: "ListResourceRecordSets sorts results first by DNS
//     name with the labels reversed, for example: com.example.www. Note the
//     trailing dot, which can change the sort order when the record name
//     contains characters that appear before . (decimal 46) in the ASCII
//     table", then by type (API reference, ListResourceRecordSets, "Sort
//     order"), then by SetIdentifier; with IsTruncated/NextRecordName/
//     NextRecordType paging, and NextRecordIdentifier when the next RRset
//     has a routing policy ("the value of SetIdentifier for the next
//     resource record set that has the current DNS name and type"); type
//     without name is InvalidInput; MaxItems is clamped to 300 as Route 53
//     does, and further to Server.MaxItems;
//   - ChangeResourceRecordSets (POST /2013-04-01/hostedzone/{Id}/rrset/) as
//     one ATOMIC batch: every change is checked against the state left by the
//     ones before it, and any error rejects the whole batch with
//     InvalidChangeBatch (all messages listed) and changes nothing ("Change
//     batches are considered transactional changes [...] either makes all or
//     none of the changes"). Refused: CREATE of an existing RRset ("... but
//     it already exists"); DELETE of a missing RRset ("... but it was not
//     found", hashicorp/terraform #342) or of one whose TTL or values differ
//     from the stored ones, each value compared byte for byte, in any order
//     ("To delete a resource record set, you must specify all the same values
//     that you specified when you created it"; "... but the values provided
//     do not match the current values", barnybug/cli53 #25): so a DELETE of
//     the RRset as read plus a CREATE is a compare-and-swap; duplicate
//     values in one RRset;
//     TXT/SPF values that are not quoted character-strings of at most 255
//     bytes each (Route 53's octal \ooo escapes decoded); strings may follow
//     one another with a space or with none ("abc""def": the form the AWS
//     CDK writes long values in, aws-cdk PR #9984, and that real zones and
//     values pasted from the Route 53 console hold), and values are stored
//     and returned exactly as sent; names outside the
//     zone; a CNAME beside other types; deleting the apex SOA or NS;
//   - GetChange (GET /2013-04-01/change/{Id}): every change is INSYNC.
//
// Every request must carry an AWS Signature Version 4 Authorization header
// for the configured access key id (403 MissingAuthenticationToken,
// InvalidClientTokenId otherwise); when SecretAccessKey is set the signature
// itself is recomputed and checked: a mismatch is 403 SignatureDoesNotMatch
// whose message gives "The Canonical String for this request should have
// been" and "The String-to-Sign should have been", as AWS's does (IAM User
// Guide, "Troubleshoot signing errors"): the canonical string holds every
// signed header, the session token (X-Amz-Security-Token) included. Errors
// common to all AWS APIs (API reference, "Common Errors"), each HTTP 403:
// AccessDenied for an operation the credentials' policy does not allow
// (Deny), with IAM's "User: ARN is not authorized to perform: route53:Op on
// resource: ARN" message, and ExpiredToken ("The security token included
// in the request is expired") for an expired session token (Expire).
// Route 53's own: Throttling ("Rate exceeded", HTTP 400, "when the number of
// API requests is greater than the hard limit of five requests per second,
// per account", AWS re:Post knowledge center, route-53-avoid-throttling-errors)
// and PriorRequestNotComplete (HTTP 400, "If Amazon Route 53 can't process
// a request before the next request arrives, it will reject subsequent
// requests for the same hosted zone") are injected with Fail.
//
// Test hooks: Fail injects Throttling, PriorRequestNotComplete or 5xx
// answers for the next N calls of an operation; BeforeChange runs before a
// change batch is handled (a concurrent writer); Deny and Expire set up
// AccessDenied and ExpiredToken; Count, Requests and MaxInWindow count
// calls; Snapshot copies the whole store.
package r53fake

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

const xmlns = "https://route53.amazonaws.com/doc/2013-04-01/"

// RRSet is one stored resource record set.
type RRSet struct {
	Name          string // absolute, lower case, with trailing dot; "*" as given
	Type          string
	SetIdentifier string
	TTL           int64
	Values        []string // as stored (TXT: quoted strings as sent)
}

// Zone is a hosted zone.
type Zone struct {
	ID      string // without the /hostedzone/ prefix
	Name    string // with trailing dot
	Private bool
	Sets    []RRSet
}

// Fault makes matching calls fail.
type Fault struct {
	// Op is the operation name, e.g. "ChangeResourceRecordSets"; "" matches all.
	Op string
	// Status and Code: e.g. 400 "Throttling", 400 "PriorRequestNotComplete",
	// 500 "InternalFailure", 503 "ServiceUnavailable".
	Status int
	Code   string
	// Times is how many matching calls fail; -1 is forever.
	Times int
}

// Request is one request the fake received.
type Request struct {
	Time   time.Time
	Op     string
	Method string
	Path   string
	Query  string
	Status int
}

// Server is the fake Route 53 API.
type Server struct {
	URL string
	// AccessKeyID is the only key id accepted; SecretAccessKey, when set,
	// makes the fake verify the SigV4 signature too.
	AccessKeyID     string
	SecretAccessKey string
	Region          string // signing region; default us-east-1
	// MaxItems clamps the page size of the list operations (0: Route 53's own limits).
	MaxItems int
	// BeforeChange, when set, runs before each ChangeResourceRecordSets
	// is handled, without the fake's lock: a test changes the store there,
	// as someone else would between spfpatch's read and its write.
	BeforeChange func()

	srv     *httptest.Server
	mu      sync.Mutex
	denied  map[string]bool // operations the credentials' policy does not allow
	expired map[string]bool // session tokens that have expired
	zones   []*Zone
	faults  []*Fault
	reqs    []Request
	changes map[string]bool
	nextID  int
}

// Start starts a fake accepting accessKeyID (and, when secret is not empty,
// verifying signatures made with it), and stops it when the test ends.
func Start(tb testing.TB, accessKeyID, secret string) *Server {
	tb.Helper()
	s := &Server{AccessKeyID: accessKeyID, SecretAccessKey: secret, Region: "us-east-1", changes: map[string]bool{},
		denied: map[string]bool{}, expired: map[string]bool{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	tb.Cleanup(s.srv.Close)
	return s
}

// AddZone creates a hosted zone with its SOA and NS RRsets and returns its id.
func (s *Server) AddZone(name string, private bool) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	z := &Zone{ID: fmt.Sprintf("Z%010dFAKE", s.nextID), Name: fqdn(name), Private: private}
	z.Sets = []RRSet{
		{Name: z.Name, Type: "NS", TTL: 172800, Values: []string{"ns-1.awsdns-01.com.", "ns-2.awsdns-02.net.", "ns-3.awsdns-03.org.", "ns-4.awsdns-04.co.uk."}},
		{Name: z.Name, Type: "SOA", TTL: 900, Values: []string{"ns-1.awsdns-01.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"}},
	}
	s.zones = append(s.zones, z)
	return z.ID
}

// AddRRSet stores set in zone id through the same checks as a CREATE. It
// panics on a set Route 53 would refuse: set-up errors should be loud.
func (s *Server) AddRRSet(id string, set RRSet) {
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zone(id)
	if z == nil {
		panic("r53fake: no zone " + id)
	}
	next, msgs := apply(z, []change{{Action: "CREATE", Set: set}})
	if len(msgs) > 0 {
		panic("r53fake: AddRRSet: " + strings.Join(msgs, "; "))
	}
	z.Sets = next
}

// AddRRSets stores many sets in zone id as one batch of CREATEs (faster
// than AddRRSet one at a time for a zone of thousands); it panics on a set
// Route 53 would refuse.
func (s *Server) AddRRSets(id string, sets ...RRSet) {
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zone(id)
	if z == nil {
		panic("r53fake: no zone " + id)
	}
	changes := make([]change, len(sets))
	for i, set := range sets {
		changes[i] = change{Action: "CREATE", Set: set}
	}
	next, msgs := apply(z, changes)
	if len(msgs) > 0 {
		panic("r53fake: AddRRSets: " + strings.Join(msgs, "; "))
	}
	z.Sets = next
}

// PutRRSet stores set in zone id through the same checks as an UPSERT
// (replacing the RRset of that name and type); it panics on a set Route 53
// would refuse.
func (s *Server) PutRRSet(id string, set RRSet) {
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zone(id)
	if z == nil {
		panic("r53fake: no zone " + id)
	}
	next, msgs := apply(z, []change{{Action: "UPSERT", Set: set}})
	if len(msgs) > 0 {
		panic("r53fake: PutRRSet: " + strings.Join(msgs, "; "))
	}
	z.Sets = next
}

// Snapshot returns a deep copy of every zone.
func (s *Server) Snapshot() []Zone {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Zone, len(s.zones))
	for i, z := range s.zones {
		out[i] = *z
		out[i].Sets = copySets(z.Sets)
	}
	return out
}

// Sets returns a copy of zone id's RRsets in Route 53's order.
func (s *Server) Sets(id string) []RRSet {
	s.mu.Lock()
	defer s.mu.Unlock()
	if z := s.zone(id); z != nil {
		return copySets(z.Sets)
	}
	return nil
}

// Values returns the stored values of the (name, type) RRset, or nil.
func (s *Server) Values(id, name, typ string) []string {
	for _, set := range s.Sets(id) {
		if set.Name == fqdn(name) && set.Type == typ {
			return set.Values
		}
	}
	return nil
}

// Fail adds a fault; faults are tried in the order added.
func (s *Server) Fail(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ff := f
	s.faults = append(s.faults, &ff)
}

// Deny makes every call of op (e.g. "ChangeResourceRecordSets") fail with
// AccessDenied, as for credentials whose IAM policy lacks route53:op.
func (s *Server) Deny(op string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.denied[op] = true
}

// Expire makes requests signed with the session token fail with
// ExpiredToken.
func (s *Server) Expire(sessionToken string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expired[sessionToken] = true
}

// Requests returns every request received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Count returns how many calls of op were received ("" counts all).
func (s *Server) Count(op string) int {
	n := 0
	for _, r := range s.Requests() {
		if op == "" || r.Op == op {
			n++
		}
	}
	return n
}

// MaxInWindow returns the largest number of requests within any window of length d.
func (s *Server) MaxInWindow(d time.Duration) int {
	reqs := s.Requests()
	best, j := 0, 0
	for i := range reqs {
		for reqs[i].Time.Sub(reqs[j].Time) >= d {
			j++
		}
		best = max(best, i-j+1)
	}
	return best
}

// --- XML shapes ---

type xmlRR struct {
	Value string `xml:"Value"`
}

type xmlAlias struct {
	HostedZoneID         string `xml:"HostedZoneId"`
	DNSName              string `xml:"DNSName"`
	EvaluateTargetHealth bool   `xml:"EvaluateTargetHealth"`
}

type xmlRRSet struct {
	Name            string    `xml:"Name"`
	Type            string    `xml:"Type"`
	SetIdentifier   string    `xml:"SetIdentifier,omitempty"`
	TTL             *int64    `xml:"TTL,omitempty"`
	ResourceRecords []xmlRR   `xml:"ResourceRecords>ResourceRecord,omitempty"`
	AliasTarget     *xmlAlias `xml:"AliasTarget,omitempty"`
}

type xmlZone struct {
	ID                     string `xml:"Id"`
	Name                   string `xml:"Name"`
	CallerReference        string `xml:"CallerReference"`
	PrivateZone            bool   `xml:"Config>PrivateZone"`
	ResourceRecordSetCount int    `xml:"ResourceRecordSetCount"`
}

type xmlChangeInfo struct {
	ID          string `xml:"Id"`
	Status      string `xml:"Status"`
	SubmittedAt string `xml:"SubmittedAt"`
}

type change struct {
	Action string
	Set    RRSet
}

// --- HTTP ---

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	hook := s.BeforeChange
	s.mu.Unlock()
	if hook != nil && r.Method == http.MethodPost && strings.HasSuffix(strings.TrimSuffix(r.URL.Path, "/"), "/rrset") {
		hook()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	op, status := s.handle(w, r, body)
	s.reqs = append(s.reqs, Request{Time: time.Now(), Op: op, Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Status: status})
}

func writeXML(w http.ResponseWriter, status int, v any) int {
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", "00000000-fake-fake-fake-000000000000")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, xml.Header)
	_ = xml.NewEncoder(w).Encode(v)
	return status
}

func writeErr(w http.ResponseWriter, status int, code, msg string) int {
	typ := "Sender"
	if status >= 500 {
		typ = "Receiver"
	}
	type errBody struct {
		XMLName   xml.Name `xml:"ErrorResponse"`
		Xmlns     string   `xml:"xmlns,attr"`
		Type      string   `xml:"Error>Type"`
		Code      string   `xml:"Error>Code"`
		Message   string   `xml:"Error>Message"`
		RequestID string   `xml:"RequestId"`
	}
	return writeXML(w, status, errBody{Xmlns: xmlns, Type: typ, Code: code, Message: msg, RequestID: "00000000-fake-fake-fake-000000000000"})
}

func writeBatchErr(w http.ResponseWriter, msgs []string) int {
	type body struct {
		XMLName   xml.Name `xml:"InvalidChangeBatch"`
		Xmlns     string   `xml:"xmlns,attr"`
		Messages  []string `xml:"Messages>Message"`
		RequestID string   `xml:"RequestId"`
	}
	return writeXML(w, http.StatusBadRequest, body{Xmlns: xmlns, Messages: msgs, RequestID: "00000000-fake-fake-fake-000000000000"})
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request, body []byte) (op string, status int) {
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/2013-04-01"), "/"), "/")
	switch {
	case r.Method == http.MethodGet && len(parts) == 1 && parts[0] == "hostedzonesbyname":
		op = "ListHostedZonesByName"
	case r.Method == http.MethodGet && len(parts) == 1 && parts[0] == "hostedzone":
		op = "ListHostedZones"
	case r.Method == http.MethodGet && len(parts) == 2 && parts[0] == "hostedzone":
		op = "GetHostedZone"
	case r.Method == http.MethodGet && len(parts) == 3 && parts[0] == "hostedzone" && parts[2] == "rrset":
		op = "ListResourceRecordSets"
	case r.Method == http.MethodPost && len(parts) == 3 && parts[0] == "hostedzone" && parts[2] == "rrset":
		op = "ChangeResourceRecordSets"
	case r.Method == http.MethodGet && len(parts) == 2 && parts[0] == "change":
		op = "GetChange"
	default:
		return "unknown", writeErr(w, http.StatusNotFound, "UnknownOperationException", "no such operation: "+r.Method+" "+r.URL.Path)
	}
	if code, msg := s.checkAuth(r, body); code != "" {
		return op, writeErr(w, http.StatusForbidden, code, msg)
	}
	if tok := r.Header.Get("X-Amz-Security-Token"); tok != "" && s.expired[tok] {
		return op, writeErr(w, http.StatusForbidden, "ExpiredToken", "The security token included in the request is expired")
	}
	if s.denied[op] {
		resource := "arn:aws:route53:::hostedzone/*"
		if len(parts) >= 2 && parts[0] == "hostedzone" {
			resource = "arn:aws:route53:::hostedzone/" + parts[1]
		}
		return op, writeErr(w, http.StatusForbidden, "AccessDenied", "User: arn:aws:iam::123456789012:user/spfpatch-test is not authorized to perform: route53:"+op+
			" on resource: "+resource+" because no identity-based policy allows the route53:"+op+" action")
	}
	for i, f := range s.faults {
		if f.Times == 0 || (f.Op != "" && f.Op != op) {
			continue
		}
		if f.Times > 0 {
			f.Times--
		}
		if f.Times == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		msg := "Rate exceeded"
		if f.Status >= 500 {
			msg = "An internal error occurred"
		} else if f.Code == "PriorRequestNotComplete" {
			msg = "The request was rejected because Route 53 was still processing a prior request."
		}
		return op, writeErr(w, f.Status, f.Code, msg)
	}
	q := r.URL.Query()
	switch op {
	case "ListHostedZonesByName":
		return op, s.listZonesByName(w, q.Get("dnsname"), q.Get("hostedzoneid"), q.Get("maxitems"))
	case "ListHostedZones":
		return op, s.listZones(w, q.Get("marker"), q.Get("maxitems"))
	case "GetHostedZone":
		z := s.zone(parts[1])
		if z == nil {
			return op, writeErr(w, http.StatusNotFound, "NoSuchHostedZone", "No hosted zone found with ID: "+parts[1])
		}
		type resp struct {
			XMLName     xml.Name `xml:"GetHostedZoneResponse"`
			Xmlns       string   `xml:"xmlns,attr"`
			HostedZone  xmlZone  `xml:"HostedZone"`
			NameServers []string `xml:"DelegationSet>NameServers>NameServer"`
		}
		return op, writeXML(w, http.StatusOK, resp{Xmlns: xmlns, HostedZone: z.xml(), NameServers: z.Sets[0].Values})
	case "ListResourceRecordSets":
		z := s.zone(parts[1])
		if z == nil {
			return op, writeErr(w, http.StatusNotFound, "NoSuchHostedZone", "No hosted zone found with ID: "+parts[1])
		}
		return op, s.listSets(w, z, q.Get("name"), q.Get("type"), q.Get("identifier"), q.Get("maxitems"))
	case "ChangeResourceRecordSets":
		z := s.zone(parts[1])
		if z == nil {
			return op, writeErr(w, http.StatusNotFound, "NoSuchHostedZone", "No hosted zone found with ID: "+parts[1])
		}
		return op, s.change(w, z, body)
	case "GetChange":
		if !s.changes[parts[1]] {
			return op, writeErr(w, http.StatusNotFound, "NoSuchChange", "A change with the specified change ID does not exist.")
		}
		type resp struct {
			XMLName    xml.Name      `xml:"GetChangeResponse"`
			Xmlns      string        `xml:"xmlns,attr"`
			ChangeInfo xmlChangeInfo `xml:"ChangeInfo"`
		}
		return op, writeXML(w, http.StatusOK, resp{Xmlns: xmlns, ChangeInfo: xmlChangeInfo{ID: "/change/" + parts[1], Status: "INSYNC", SubmittedAt: time.Now().UTC().Format(time.RFC3339)}})
	}
	return op, writeErr(w, http.StatusNotFound, "UnknownOperationException", op)
}

// checkAuth checks the SigV4 Authorization header.
func (s *Server) checkAuth(r *http.Request, body []byte) (code, msg string) {
	auth := r.Header.Get("Authorization")
	if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 ") {
		return "MissingAuthenticationToken", "Missing Authentication Token"
	}
	fields := map[string]string{}
	for _, f := range strings.Split(strings.TrimPrefix(auth, "AWS4-HMAC-SHA256 "), ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(f), "=")
		fields[k] = v
	}
	scope := strings.Split(fields["Credential"], "/")
	if len(scope) != 5 || scope[4] != "aws4_request" || scope[3] != "route53" {
		return "IncompleteSignature", "Authorization header requires a Credential of the form KEYID/DATE/REGION/route53/aws4_request"
	}
	if scope[0] != s.AccessKeyID {
		return "InvalidClientTokenId", "The security token included in the request is invalid."
	}
	region := s.Region
	if region == "" {
		region = "us-east-1"
	}
	if scope[2] != region {
		return "SignatureDoesNotMatch", "Credential should be scoped to a valid region, not '" + scope[2] + "'."
	}
	if s.SecretAccessKey == "" {
		return "", ""
	}
	t, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
	if err != nil {
		return "IncompleteSignature", "missing or malformed X-Amz-Date"
	}
	re, _ := http.NewRequest(r.Method, "http://"+r.Host+r.URL.RequestURI(), bytes.NewReader(body))
	for _, h := range strings.Split(fields["SignedHeaders"], ";") {
		if h == "host" || h == "content-length" {
			continue
		}
		for _, v := range r.Header.Values(h) {
			re.Header.Add(h, v)
		}
	}
	sum := sha256.Sum256(body)
	creds := aws.Credentials{AccessKeyID: s.AccessKeyID, SecretAccessKey: s.SecretAccessKey, SessionToken: r.Header.Get("X-Amz-Security-Token")}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, re, hex.EncodeToString(sum[:]), "route53", region, t); err != nil {
		return "SignatureDoesNotMatch", err.Error()
	}
	if re.Header.Get("Authorization") != auth {
		canonical, toSign := canonicalRequest(r, fields["SignedHeaders"], body, r.Header.Get("X-Amz-Date"), strings.Join(scope[1:], "/"))
		return "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n" +
			"The Canonical String for this request should have been\n'" + canonical + "'\n\nThe String-to-Sign should have been\n'" + toSign + "'\n"
	}
	return "", ""
}

// canonicalRequest renders a request's SigV4 canonical request and string
// to sign, as AWS prints them in a SignatureDoesNotMatch message: method,
// path, query, each signed header with its value (the session token's
// too), the signed header list and the payload's hash.
func canonicalRequest(r *http.Request, signed string, body []byte, date, scope string) (string, string) {
	var b strings.Builder
	b.WriteString(r.Method + "\n" + r.URL.EscapedPath() + "\n" + r.URL.Query().Encode() + "\n")
	for _, h := range strings.Split(signed, ";") {
		v := strings.Join(r.Header.Values(h), ",")
		if h == "host" {
			v = r.Host
		}
		b.WriteString(h + ":" + strings.TrimSpace(v) + "\n")
	}
	sum := sha256.Sum256(body)
	b.WriteString("\n" + signed + "\n" + hex.EncodeToString(sum[:]))
	creq := sha256.Sum256([]byte(b.String()))
	return b.String(), "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + hex.EncodeToString(creq[:])
}

func (s *Server) pageSize(v string, def, limit int) int {
	n := def
	if v != "" {
		if m, err := strconv.Atoi(v); err == nil && m > 0 {
			n = m
		}
	}
	n = min(n, limit)
	if s.MaxItems > 0 {
		n = min(n, s.MaxItems)
	}
	return n
}

func (s *Server) listZonesByName(w http.ResponseWriter, dnsName, zoneID, maxItems string) int {
	if zoneID != "" && dnsName == "" {
		return writeErr(w, http.StatusBadRequest, "InvalidInput", "hostedzoneid needs dnsname")
	}
	n := s.pageSize(maxItems, 100, 100)
	zs := append([]*Zone(nil), s.zones...)
	sort.SliceStable(zs, func(a, b int) bool {
		if c := compareNames(zs[a].Name, zs[b].Name); c != 0 {
			return c < 0
		}
		return zs[a].ID < zs[b].ID
	})
	start := 0
	if dnsName != "" {
		start = len(zs)
		for i, z := range zs {
			c := compareNames(z.Name, fqdn(dnsName))
			if c > 0 || (c == 0 && (zoneID == "" || z.ID >= zoneID)) {
				start = i
				break
			}
		}
	}
	type resp struct {
		XMLName          xml.Name  `xml:"ListHostedZonesByNameResponse"`
		Xmlns            string    `xml:"xmlns,attr"`
		HostedZones      []xmlZone `xml:"HostedZones>HostedZone"`
		DNSName          string    `xml:"DNSName,omitempty"`
		HostedZoneID     string    `xml:"HostedZoneId,omitempty"`
		IsTruncated      bool      `xml:"IsTruncated"`
		MaxItems         int       `xml:"MaxItems"`
		NextDNSName      string    `xml:"NextDNSName,omitempty"`
		NextHostedZoneID string    `xml:"NextHostedZoneId,omitempty"`
	}
	out := resp{Xmlns: xmlns, DNSName: dnsName, HostedZoneID: zoneID, MaxItems: n, HostedZones: []xmlZone{}}
	end := min(start+n, len(zs))
	for _, z := range zs[start:end] {
		out.HostedZones = append(out.HostedZones, z.xml())
	}
	if end < len(zs) {
		out.IsTruncated, out.NextDNSName, out.NextHostedZoneID = true, zs[end].Name, zs[end].ID
	}
	return writeXML(w, http.StatusOK, out)
}

func (s *Server) listZones(w http.ResponseWriter, marker, maxItems string) int {
	n := s.pageSize(maxItems, 100, 100)
	start := 0
	if marker != "" {
		start = -1
		for i, z := range s.zones {
			if z.ID == marker {
				start = i
			}
		}
		if start < 0 {
			return writeErr(w, http.StatusBadRequest, "InvalidInput", "invalid marker")
		}
	}
	type resp struct {
		XMLName     xml.Name  `xml:"ListHostedZonesResponse"`
		Xmlns       string    `xml:"xmlns,attr"`
		HostedZones []xmlZone `xml:"HostedZones>HostedZone"`
		Marker      string    `xml:"Marker,omitempty"`
		IsTruncated bool      `xml:"IsTruncated"`
		NextMarker  string    `xml:"NextMarker,omitempty"`
		MaxItems    int       `xml:"MaxItems"`
	}
	out := resp{Xmlns: xmlns, Marker: marker, MaxItems: n, HostedZones: []xmlZone{}}
	end := min(start+n, len(s.zones))
	for _, z := range s.zones[start:end] {
		out.HostedZones = append(out.HostedZones, z.xml())
	}
	if end < len(s.zones) {
		out.IsTruncated, out.NextMarker = true, s.zones[end].ID
	}
	return writeXML(w, http.StatusOK, out)
}

func (s *Server) listSets(w http.ResponseWriter, z *Zone, name, typ, identifier, maxItems string) int {
	if typ != "" && name == "" {
		return writeErr(w, http.StatusBadRequest, "InvalidInput", "The input is not valid: type requires name")
	}
	if identifier != "" && typ == "" {
		return writeErr(w, http.StatusBadRequest, "InvalidInput", "The input is not valid: identifier requires name and type")
	}
	n := s.pageSize(maxItems, 300, 300)
	sets := sortSets(z.Sets)
	start := 0
	if name != "" {
		start = len(sets)
		for i, set := range sets {
			c := compareNames(set.Name, fqdn(unescapeName(name)))
			if c > 0 || (c == 0 && (set.Type > typ || set.Type == typ && set.SetIdentifier >= identifier)) {
				start = i
				break
			}
		}
	}
	type resp struct {
		XMLName              xml.Name   `xml:"ListResourceRecordSetsResponse"`
		Xmlns                string     `xml:"xmlns,attr"`
		ResourceRecordSets   []xmlRRSet `xml:"ResourceRecordSets>ResourceRecordSet"`
		IsTruncated          bool       `xml:"IsTruncated"`
		MaxItems             int        `xml:"MaxItems"`
		NextRecordName       string     `xml:"NextRecordName,omitempty"`
		NextRecordType       string     `xml:"NextRecordType,omitempty"`
		NextRecordIdentifier string     `xml:"NextRecordIdentifier,omitempty"`
	}
	out := resp{Xmlns: xmlns, MaxItems: n, ResourceRecordSets: []xmlRRSet{}}
	end := min(start+n, len(sets))
	for _, set := range sets[start:end] {
		ttl := set.TTL
		x := xmlRRSet{Name: escapeName(set.Name), Type: set.Type, SetIdentifier: set.SetIdentifier, TTL: &ttl}
		for _, v := range set.Values {
			x.ResourceRecords = append(x.ResourceRecords, xmlRR{v})
		}
		out.ResourceRecordSets = append(out.ResourceRecordSets, x)
	}
	if end < len(sets) {
		out.IsTruncated, out.NextRecordName, out.NextRecordType = true, escapeName(sets[end].Name), sets[end].Type
		out.NextRecordIdentifier = sets[end].SetIdentifier
	}
	return writeXML(w, http.StatusOK, out)
}

func (s *Server) change(w http.ResponseWriter, z *Zone, body []byte) int {
	var req struct {
		XMLName xml.Name `xml:"ChangeResourceRecordSetsRequest"`
		Changes []struct {
			Action string   `xml:"Action"`
			Set    xmlRRSet `xml:"ResourceRecordSet"`
		} `xml:"ChangeBatch>Changes>Change"`
	}
	if err := xml.Unmarshal(body, &req); err != nil {
		return writeErr(w, http.StatusBadRequest, "MalformedXML", err.Error())
	}
	if len(req.Changes) == 0 {
		return writeErr(w, http.StatusBadRequest, "InvalidInput", "1 validation error detected: Value '[]' at 'changeBatch.changes' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	var changes []change
	for _, c := range req.Changes {
		if c.Set.AliasTarget != nil {
			return writeErr(w, http.StatusBadRequest, "InvalidInput", "r53fake does not model alias records")
		}
		if c.Set.TTL == nil {
			return writeBatchErr(w, []string{"Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=" + c.Action + ", Name=" + c.Set.Name + ", Type=" + c.Set.Type + "]"})
		}
		set := RRSet{Name: c.Set.Name, Type: c.Set.Type, SetIdentifier: c.Set.SetIdentifier, TTL: *c.Set.TTL}
		for _, rr := range c.Set.ResourceRecords {
			set.Values = append(set.Values, rr.Value)
		}
		changes = append(changes, change{Action: c.Action, Set: set})
	}
	next, msgs := apply(z, changes)
	if len(msgs) > 0 {
		return writeBatchErr(w, msgs)
	}
	z.Sets = next
	s.nextID++
	id := fmt.Sprintf("C%010dFAKE", s.nextID)
	s.changes[id] = true
	type resp struct {
		XMLName    xml.Name      `xml:"ChangeResourceRecordSetsResponse"`
		Xmlns      string        `xml:"xmlns,attr"`
		ChangeInfo xmlChangeInfo `xml:"ChangeInfo"`
	}
	return writeXML(w, http.StatusOK, resp{Xmlns: xmlns, ChangeInfo: xmlChangeInfo{ID: "/change/" + id, Status: "PENDING", SubmittedAt: time.Now().UTC().Format(time.RFC3339)}})
}

// apply applies changes in order to a copy of z's sets and returns it, or
// the messages of every change that failed (then nothing may be stored).
func apply(z *Zone, changes []change) ([]RRSet, []string) {
	sets := copySets(z.Sets)
	var msgs []string
	for _, c := range changes {
		set := c.Set
		set.Name = fqdn(unescapeName(set.Name))
		desc := fmt.Sprintf("[name='%s', type='%s'%s]", set.Name, set.Type, setID(set.SetIdentifier))
		if set.Name != z.Name && !strings.HasSuffix(set.Name, "."+z.Name) {
			msgs = append(msgs, fmt.Sprintf("RRSet with DNS name %s is not permitted in zone %s", set.Name, z.Name))
			continue
		}
		if m := validate(set); m != "" {
			msgs = append(msgs, m)
			continue
		}
		idx := -1
		for i, o := range sets {
			if o.Name == set.Name && o.Type == set.Type && o.SetIdentifier == set.SetIdentifier {
				idx = i
			}
		}
		switch c.Action {
		case "CREATE", "UPSERT":
			if c.Action == "CREATE" && idx >= 0 {
				msgs = append(msgs, "Tried to create resource record set "+desc+" but it already exists")
				continue
			}
			if m := cnameConflict(sets, set, z.Name); m != "" {
				msgs = append(msgs, m)
				continue
			}
			if idx >= 0 {
				sets[idx] = set
			} else {
				sets = append(sets, set)
			}
		case "DELETE":
			switch {
			case idx < 0:
				msgs = append(msgs, "Tried to delete resource record set "+desc+" but it was not found")
			case sets[idx].TTL != set.TTL || !sameValues(sets[idx].Values, set.Values):
				msgs = append(msgs, "Tried to delete resource record set "+desc+" but the values provided do not match the current values")
			case set.Name == z.Name && (set.Type == "SOA" || set.Type == "NS"):
				msgs = append(msgs, "A HostedZone must contain at least one NS record and one SOA record for the zone itself.")
			default:
				sets = append(sets[:idx:idx], sets[idx+1:]...)
			}
		default:
			msgs = append(msgs, "Invalid action "+c.Action)
		}
	}
	return sortSets(sets), msgs
}

func setID(id string) string {
	if id == "" {
		return ""
	}
	return ", set-identifier='" + id + "'"
}

func validate(set RRSet) string {
	if len(set.Values) == 0 {
		return "Invalid request: ResourceRecords must not be empty for " + set.Name
	}
	seen := map[string]bool{}
	for _, v := range set.Values {
		if seen[v] {
			return fmt.Sprintf("[Duplicate Resource Record: '%s']", v)
		}
		seen[v] = true
		if len(v) > 4000 {
			return fmt.Sprintf("Invalid Resource Record: 'FATAL problem: RRDATATooLong encountered with '%s''", v)
		}
		if set.Type == "TXT" || set.Type == "SPF" {
			strs, err := ParseStrings(v)
			if err != nil {
				return fmt.Sprintf("Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '%s''", v)
			}
			for _, s := range strs {
				if len(s) > 255 {
					return fmt.Sprintf("Invalid Resource Record: 'FATAL problem: CharacterStringTooLong (Value is too long) encountered with '%s''", v)
				}
			}
		}
	}
	if set.TTL < 0 || set.TTL > 2147483647 {
		return "Invalid TTL"
	}
	return ""
}

func cnameConflict(sets []RRSet, set RRSet, zone string) string {
	for _, o := range sets {
		if o.Name == set.Name && o.Type != set.Type && (o.Type == "CNAME" || set.Type == "CNAME") {
			return fmt.Sprintf("RRSet of type %s with DNS name %s is not permitted as it conflicts with other records with the same DNS name in zone %s", set.Type, set.Name, zone)
		}
	}
	return ""
}

func sameValues(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

func (s *Server) zone(id string) *Zone {
	id = strings.TrimPrefix(id, "/hostedzone/")
	for _, z := range s.zones {
		if z.ID == id {
			return z
		}
	}
	return nil
}

func (z *Zone) xml() xmlZone {
	return xmlZone{ID: "/hostedzone/" + z.ID, Name: z.Name, CallerReference: "ref-" + z.ID, PrivateZone: z.Private, ResourceRecordSetCount: len(z.Sets)}
}

func copySets(in []RRSet) []RRSet {
	out := make([]RRSet, len(in))
	for i, s := range in {
		out[i] = s
		out[i].Values = append([]string(nil), s.Values...)
	}
	return out
}

func sortSets(in []RRSet) []RRSet {
	out := copySets(in)
	sort.SliceStable(out, func(a, b int) bool {
		if c := compareNames(out[a].Name, out[b].Name); c != 0 {
			return c < 0
		}
		if out[a].Type != out[b].Type {
			return out[a].Type < out[b].Type
		}
		return out[a].SetIdentifier < out[b].SetIdentifier
	})
	return out
}

// compareNames orders names as Route 53 lists them: the names with their
// labels reversed and a trailing dot ("com.example.www."), compared in ASCII
// order, so that "a-b.example.com" (com.example.a-b.) comes before
// "a.example.com" (com.example.a.), '-' being before '.'.
func compareNames(a, b string) int { return strings.Compare(sortKey(a), sortKey(b)) }

func sortKey(n string) string {
	labels := strings.Split(strings.TrimSuffix(n, "."), ".")
	for i, j := 0, len(labels)-1; i < j; i, j = i+1, j-1 {
		labels[i], labels[j] = labels[j], labels[i]
	}
	return strings.Join(labels, ".") + "."
}

func fqdn(n string) string {
	n = strings.ToLower(n)
	if !strings.HasSuffix(n, ".") {
		n += "."
	}
	return n
}

// escapeName renders a name as Route 53 returns it: "*" as \052.
func escapeName(n string) string { return strings.ReplaceAll(n, "*", `\052`) }

func unescapeName(n string) string { return strings.ReplaceAll(n, `\052`, "*") }

// ParseStrings parses a Route 53 TXT value: one or more quoted
// character-strings, separated by spaces or adjacent ("a""b"), with \" \\ and \ooo (octal)
// escapes, into their bytes.
func ParseStrings(v string) ([][]byte, error) {
	var out [][]byte
	i := 0
	for {
		for i < len(v) && v[i] == ' ' {
			i++
		}
		if i == len(v) {
			break
		}
		if v[i] != '"' {
			return nil, fmt.Errorf("not quoted at byte %d", i)
		}
		i++
		cur := []byte{}
		closed := false
		for i < len(v) {
			c := v[i]
			if c == '"' {
				closed = true
				i++
				break
			}
			if c == '\\' && i+1 < len(v) {
				if i+3 < len(v) && isOctal(v[i+1]) && isOctal(v[i+2]) && isOctal(v[i+3]) {
					n, _ := strconv.ParseUint(v[i+1:i+4], 8, 16)
					if n > 255 {
						return nil, fmt.Errorf("octal escape out of range")
					}
					cur = append(cur, byte(n))
					i += 4
					continue
				}
				cur = append(cur, v[i+1])
				i += 2
				continue
			}
			cur = append(cur, c)
			i++
		}
		if !closed {
			return nil, fmt.Errorf("unterminated string")
		}
		out = append(out, cur)
		// The next string may follow after spaces or at once ("a""b").
		if i < len(v) && v[i] != ' ' && v[i] != '"' {
			return nil, fmt.Errorf("expected a space or a quote at byte %d", i)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty value")
	}
	return out, nil
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }
