// Package cffake is a strict, in-process fake of the parts of the Cloudflare
// API v4 that spfpatch uses, served by an httptest.Server on 127.0.0.1. It
// is for tests only.
//
// Each rule below names its source. "Reference" is Cloudflare's API
// reference (developers.cloudflare.com/api/resources/...); an "observed"
// rule comes from answers of the real API quoted in public issues, where
// the reference does not document the answer; a "fake" rule is a choice of
// this fake, made strict so that a client bug fails loudly.
//
// Authentication (every request; answered before anything else):
//   - no Authorization header: HTTP 400, code 9106 "Missing X-Auth-Key,
//     X-Auth-Email or Authorization headers" (observed: answers quoted in
//     several public repositories, e.g. Cloudflare Radar calls without a
//     token);
//   - "Authorization: Bearer X" where X is not a token's form (letters,
//     digits, - and _): HTTP 400, code 6003 "Invalid request headers" with
//     error_chain 6111 "Invalid format for Authorization header" (observed:
//     jeessy2/ddns-go issues #916, #658, #1296);
//   - a well-formed token Cloudflare does not know: HTTP 403, code 9109
//     "Invalid access token" (observed: answers quoted in public test
//     suites "as the LIVE API answers a junk token"; ddns-go #1341 for the
//     same code from an IP-filtered token);
//   - a known token without the permission for the request, or whose zone
//     resources leave the zone out: HTTP 403, code 10000 "Authentication
//     error" for DNS records (observed: terraform-provider-cloudflare #913),
//     code 9109 "Unauthorized to access requested resource" for the zone
//     list and zone details (observed: octodns-cloudflare #60, a token
//     without Zone:Read). Tokens carry the permissions of Cloudflare's token
//     templates (Zone:Read, DNS:Read, DNS:Edit) and a list of zones (empty:
//     all zones), as "Zone Resources" in the dashboard; GET /zones lists
//     only the zones a token may read.
//
// Rate limit (reference, fundamentals/api/reference/limits): 1,200 requests
// per five minutes per user, counted over every token of the user; past it
// "all API calls for the next five minutes will be blocked, receiving a
// HTTP 429 response", with a retry-after header giving the seconds until
// more capacity is available, and (observed, terraform-provider-cloudflare
// #5505) the body code 971 "Please wait and consider throttling your
// request speed". The request that goes over the limit is itself answered
// 429. The fake's clock can be moved forward (Advance) so a test can end a
// lockout without waiting five minutes.
//
// Zones (reference, zones/methods/list and get): GET /zones with the
// filters name, status, account.id, page and per_page (5 to 50, default
// 20), GET /zones/{id}; a zone has an id, name, status (initializing,
// pending, active, moved), type (full, partial, secondary) and account;
// two accounts may hold zones of the same name. An unknown zone id gets HTTP 404, code 7003 "Could not route
// to ..., perhaps your object identifier is invalid?" (observed).
//
// Records (reference, dns/subresources/records):
//   - GET /zones/{id}/dns_records with exactly the documented filters
//     (recordParams: name, content and comment filters, tags, type,
//     proxied, match, tag_match, order, direction, page and per_page, 1 to
//     5,000,000, default 100); filters are case-insensitive; search is
//     refused. Every list answer carries result_info {page,
//     per_page, count, total_count, total_pages}, total_count being the
//     number of records that match. Paging is by offset, so a record added
//     or removed between two pages shifts them (as it does at Cloudflare).
//     Any other query parameter gets HTTP 400, code 1004 (fake: strict);
//   - POST creates, PATCH ("Update an existing DNS record") changes only
//     the fields sent: comment and tags not sent are kept, and the record
//     keeps its id; PUT ("Overwrite an existing DNS record") replaces the
//     record: comment, tags, proxied and ttl not sent are reset; DELETE;
//     GET of one record;
//   - POST /zones/{id}/dns_records/batch takes deletes, patches, puts and
//     posts, "always executed in the following order: Deletes, Patches,
//     Puts, Posts", "in a single database transaction": when one fails,
//     nothing is changed and the answer is HTTP 400 with its error. At
//     most 200 records a batch (the Free plan's limit, dns/manage-dns-records/how-to/batch-record-changes);
//   - names are made absolute ("@" is the apex; a name outside the zone
//     gets the zone appended), in Punycode, lower case; TTL is 1
//     (automatic) or 60 to 86400 ("Value must be between 60 and 86400, with
//     the minimum reduced to 30 for Enterprise zones", code 9021); an
//     identical record is refused (code 81058, observed); a CNAME cannot
//     share its name ("A/AAAA records cannot exist on the same name as
//     CNAME records", code 81053);
//   - TXT content "must consist of quoted character strings (RFC 1035),
//     each with a length of up to 255 bytes. Strings exceeding this allowed
//     maximum length are automatically split": content made of quoted
//     strings is kept as sent (several strings stay several), a longer
//     string is split into 255-byte strings; unquoted content of up to 255
//     bytes is kept (records made before quotes were required); content
//     over 2,048 characters is refused (code 9100, fake);
//   - comment and tags ("name:value") are stored and returned;
//   - a record another Cloudflare product manages is read-only: Email
//     Routing "Add[s] and lock[s] the necessary MX and SPF records"
//     (reference, email_routing/subresources/dns/methods/create), and the
//     API marks such records with meta.read_only (DNSControl issue #3850)
//     and, in the older API, locked (deprecated, cloudflare-docs PR
//     #14964). Changing or deleting one (alone or in a batch) gets HTTP
//     400, code 1004 "This record is managed by Email Routing" (code and
//     text not documented: fake).
//
// Test hooks: Fail injects faults by request (method, path, query, name,
// or the Nth request since ResetCounts): an error status instead of the
// answer, the same after the request was applied ("502 after the write
// landed"), a connection cut before or after applying it, or a lockout.
// Count, Requests and MaxInWindow count requests; Records and TXT show the
// store.
package cffake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Perm is a permission of an API token.
type Perm int

// Permissions, as Cloudflare's token templates name them.
const (
	ZoneRead Perm = 1 << iota // Zone → Zone → Read
	DNSRead                   // Zone → DNS → Read
	DNSEdit                   // Zone → DNS → Edit (implies DNSRead)
)

// Token is an API token.
type Token struct {
	User  string   // the user it belongs to (rate limit); "" is "user"
	Perms Perm     // its permissions
	Zones []string // the zones it may act on ("Zone Resources"); empty: all
}

// Meta is a record's meta object.
type Meta struct {
	ReadOnly     bool `json:"read_only,omitempty"`
	EmailRouting bool `json:"email_routing,omitempty"`
	AutoAdded    bool `json:"auto_added,omitempty"`
}

// Record is one stored DNS record, as the API returns it.
type Record struct {
	ID         string    `json:"id"`
	ZoneID     string    `json:"zone_id"`
	ZoneName   string    `json:"zone_name"`
	Type       string    `json:"type"`
	Name       string    `json:"name"` // absolute, no trailing dot, lower case
	Content    string    `json:"content"`
	Priority   *uint16   `json:"priority,omitempty"`
	Proxied    bool      `json:"proxied"`
	Proxiable  bool      `json:"proxiable"`
	TTL        int       `json:"ttl"`
	Comment    *string   `json:"comment,omitempty"`
	Tags       []string  `json:"tags"`
	Locked     bool      `json:"locked,omitempty"`
	Meta       Meta      `json:"meta"`
	CreatedOn  time.Time `json:"created_on"`
	ModifiedOn time.Time `json:"modified_on"`
}

// Zone describes a zone for AddZoneWith.
type Zone struct {
	Name        string
	Status      string // default "active"
	Type        string // full (default), partial (CNAME setup) or secondary
	AccountID   string // default "acc-1"
	AccountName string
}

// Fault modes.
const (
	// Answer: answer the fault's status instead of handling the request.
	Answer = iota
	// AfterApply: handle the request (a write is made), then answer the
	// fault's status instead of the real answer (a 502 after the write
	// landed).
	AfterApply
	// Cut: close the connection without an answer, before handling.
	Cut
	// CutAfterApply: handle the request, then close the connection without
	// an answer.
	CutAfterApply
	// Lockout: lock the token's user out as if it had gone over the rate
	// limit, and answer 429.
	Lockout
)

// Fault makes matching requests fail. Empty fields match everything.
type Fault struct {
	Method string // e.g. "DELETE"
	Path   string // substring of the URL path
	Query  string // substring of the raw query, e.g. "name.exact"
	Name   string // the record name the call is about: name filter, body name, or the record addressed
	// At matches only the At-th request (1-based) since the last
	// ResetCounts; 0 matches any.
	At   int
	Mode int
	// Status is the HTTP status to answer, e.g. 429 or 502.
	Status int
	// RetryAfter is sent as the Retry-After header when not empty.
	RetryAfter string
	// Body replaces the JSON error envelope (e.g. an HTML 502 page).
	Body string
	// Times is how many matching calls fail; -1 is forever, 0 is once.
	Times int
}

// Request is one request the fake received.
type Request struct {
	Time   time.Time
	Method string
	Route  string // path with identifiers replaced: /client/v4/zones/:zone/dns_records/:id
	Path   string
	Query  string
	Status int // 0: the connection was cut
	User   string
}

type zone struct {
	ID, Name, Status, Type, AccountID, AccountName string
	Records                                        []*Record
}

// Server is the fake Cloudflare API.
type Server struct {
	// URL is the base URL, e.g. http://127.0.0.1:PORT; the API lives under
	// URL + "/client/v4".
	URL string
	// MaxPerPage clamps per_page of list calls (0: the API's own maximum).
	MaxPerPage int
	// Limit and LimitWindow are the rate limit per user (default 1,200 in
	// five minutes); LockoutFor is how long going over it blocks the user
	// (default five minutes).
	Limit       int
	LimitWindow time.Duration
	LockoutFor  time.Duration
	// AfterRequest, when set, is called after each request was handled and
	// before its answer is sent, with the request's number since
	// ResetCounts (a test changes the store "between two pages" there).
	AfterRequest func(n int)

	srv     *httptest.Server
	mu      sync.Mutex
	tokens  map[string]Token
	zones   []*zone
	faults  []*Fault
	reqs    []Request
	nextID  int
	offset  time.Duration // added to the real clock (Advance)
	seen    int           // requests since ResetCounts
	byUser  map[string][]time.Time
	blocked map[string]time.Time
}

// Start starts a fake on 127.0.0.1 and stops it when the test ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{tokens: map[string]Token{}, byUser: map[string][]time.Time{}, blocked: map[string]time.Time{},
		Limit: 1200, LimitWindow: 5 * time.Minute, LockoutFor: 5 * time.Minute}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	tb.Cleanup(s.srv.Close)
	return s
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

func (s *Server) now() time.Time { return time.Now().Add(s.offset) }

// Advance moves the fake's clock forward (rate limit windows and lockouts).
func (s *Server) Advance(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offset += d
}

// AddToken allows token with the given permissions on every zone, for the
// user "user".
func (s *Server) AddToken(token string, perms Perm) { s.AddScopedToken(token, Token{Perms: perms}) }

// AddScopedToken allows token as t describes.
func (s *Server) AddScopedToken(token string, t Token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t.User == "" {
		t.User = "user"
	}
	for i, z := range t.Zones {
		t.Zones[i] = canon(z)
	}
	s.tokens[token] = t
}

// AddZone adds an active zone (name without trailing dot) and returns its id.
func (s *Server) AddZone(name string) string { return s.AddZoneWith(Zone{Name: name}) }

// AddZoneWith adds a zone and returns its id.
func (s *Server) AddZoneWith(z Zone) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	if z.Status == "" {
		z.Status = "active"
	}
	if z.Type == "" {
		z.Type = "full"
	}
	if z.AccountID == "" {
		z.AccountID, z.AccountName = "acc-1", "Shop account"
	}
	zz := &zone{ID: fmt.Sprintf("%032x", 0xc0ffee000000+s.nextID), Name: canon(z.Name), Status: z.Status, Type: z.Type, AccountID: z.AccountID, AccountName: z.AccountName}
	s.zones = append(s.zones, zz)
	return zz.ID
}

// AddRecord stores a record in zone as if created through the API (name
// made absolute, TXT split server-side) and returns it; comment, tags and
// meta are kept as given. It panics on a record the API would refuse:
// set-up errors should be loud.
func (s *Server) AddRecord(zoneName string, r Record) Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zoneByName(zoneName)
	if z == nil {
		panic("cffake: no zone " + zoneName)
	}
	in := recordInput{Type: r.Type, Name: r.Name, Content: r.Content, TTL: r.TTL, Priority: r.Priority, Proxied: r.Proxied, Comment: r.Comment, Tags: r.Tags}
	if in.TTL == 0 {
		in.TTL = 1
	}
	rec, apiErr := s.create(z, in, z.Records)
	if apiErr != nil {
		panic(fmt.Sprintf("cffake: AddRecord %+v: %s", r, apiErr.Message))
	}
	rec.Meta, rec.Locked = r.Meta, r.Locked
	z.Records = append(z.Records, rec)
	return *rec
}

// AddRecords stores many records in zone as AddRecord does, each checked
// against the records of its own name only (what the API's rules look
// at), so that a test can fill a zone of 50,000 records quickly.
func (s *Server) AddRecords(zoneName string, rs []Record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zoneByName(zoneName)
	if z == nil {
		panic("cffake: no zone " + zoneName)
	}
	byName := map[string][]*Record{}
	for _, r := range z.Records {
		byName[r.Name] = append(byName[r.Name], r)
	}
	for _, r := range rs {
		in := recordInput{Type: r.Type, Name: r.Name, Content: r.Content, TTL: r.TTL, Priority: r.Priority, Proxied: r.Proxied, Comment: r.Comment, Tags: r.Tags}
		if in.TTL == 0 {
			in.TTL = 1
		}
		name := absName(in.Name, z.Name)
		rec, apiErr := s.create(z, in, byName[name])
		if apiErr != nil {
			panic(fmt.Sprintf("cffake: AddRecords %+v: %s", r, apiErr.Message))
		}
		rec.Meta, rec.Locked = r.Meta, r.Locked
		z.Records = append(z.Records, rec)
		byName[name] = append(byName[name], rec)
	}
}

// DeleteRecord removes the record id from zone, as someone else would.
func (s *Server) DeleteRecord(zoneName, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if z := s.zoneByName(zoneName); z != nil {
		z.remove(id)
	}
}

// Records returns a copy of zone's records, sorted by name, type, content.
func (s *Server) Records(zoneName string) []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zoneByName(zoneName)
	if z == nil {
		return nil
	}
	out := make([]Record, len(z.Records))
	for i, r := range z.Records {
		out[i] = copyRecord(r)
	}
	sort.Slice(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.Name != y.Name {
			return x.Name < y.Name
		}
		if x.Type != y.Type {
			return x.Type < y.Type
		}
		return x.Content < y.Content
	})
	return out
}

func copyRecord(r *Record) Record {
	c := *r
	if r.Priority != nil {
		p := *r.Priority
		c.Priority = &p
	}
	if r.Comment != nil {
		cm := *r.Comment
		c.Comment = &cm
	}
	c.Tags = append([]string{}, r.Tags...)
	return c
}

// TXT returns the stored content of the TXT records at name (absolute),
// sorted.
func (s *Server) TXT(zoneName, name string) []string {
	var out []string
	for _, r := range s.Records(zoneName) {
		if r.Type == "TXT" && r.Name == canon(name) {
			out = append(out, r.Content)
		}
	}
	sort.Strings(out)
	return out
}

// Fail adds a fault. Faults are tried in the order added.
func (s *Server) Fail(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ff := f
	if ff.Times == 0 {
		ff.Times = 1
	}
	s.faults = append(s.faults, &ff)
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// Unblock ends every lockout and forgets the requests counted for the rate
// limit.
func (s *Server) Unblock() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked = map[string]time.Time{}
	s.byUser = map[string][]time.Time{}
}

// Requests returns every request received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Count returns how many requests matched method and route (e.g.
// "GET", "/client/v4/zones/:zone/dns_records"); "" matches any.
func (s *Server) Count(method, route string) int {
	n := 0
	for _, r := range s.Requests() {
		if (method == "" || r.Method == method) && (route == "" || r.Route == route) {
			n++
		}
	}
	return n
}

// MaxInWindow returns the largest number of requests received within any
// window of length d.
func (s *Server) MaxInWindow(d time.Duration) int {
	reqs := s.Requests()
	best, j := 0, 0
	for i := range reqs {
		for reqs[i].Time.Sub(reqs[j].Time) >= d {
			j++
		}
		if n := i - j + 1; n > best {
			best = n
		}
	}
	return best
}

// ResetCounts forgets the requests received so far (Requests, Count, the
// numbering of Fault.At), not the rate limit's count.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = nil
	s.seen = 0
}

// --- HTTP ---

type apiError struct {
	Status     int        `json:"-"`
	Code       int        `json:"code"`
	Message    string     `json:"message"`
	ErrorChain []apiError `json:"error_chain,omitempty"`
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s", e.Code, e.Message) }

type resultInfo struct {
	Page       int `json:"page"`
	PerPage    int `json:"per_page"`
	Count      int `json:"count"`
	TotalCount int `json:"total_count"`
	TotalPages int `json:"total_pages"`
}

type envelope struct {
	Result     any         `json:"result"`
	Success    bool        `json:"success"`
	Errors     []*apiError `json:"errors"`
	Messages   []any       `json:"messages"`
	ResultInfo *resultInfo `json:"result_info,omitempty"`
}

const prefix = "/client/v4"

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	s.mu.Lock()
	unlocked := false
	defer func() {
		if !unlocked {
			s.mu.Unlock()
		}
	}()
	s.seen++
	rec := &recorder{header: http.Header{}, body: &bytes.Buffer{}}
	route, user, fault := s.handle(rec, r, body)
	entry := Request{Time: s.now(), Method: r.Method, Route: route, Path: r.URL.Path, Query: r.URL.RawQuery, Status: rec.status, User: user}
	switch {
	case fault != nil && (fault.Mode == Cut || fault.Mode == CutAfterApply):
		entry.Status = 0
		s.reqs = append(s.reqs, entry)
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	case fault != nil && fault.Mode == AfterApply:
		rec = &recorder{header: http.Header{}, body: &bytes.Buffer{}}
		s.writeFault(rec, fault)
		entry.Status = rec.status
	}
	s.reqs = append(s.reqs, entry)
	if hook, n := s.AfterRequest, s.seen; hook != nil {
		s.mu.Unlock()
		unlocked = true
		hook(n)
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}

// recorder keeps an answer until the fault decides what is sent.
type recorder struct {
	header http.Header
	status int
	body   *bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(status int)      { r.status = status }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeErr(w http.ResponseWriter, e *apiError) {
	writeJSON(w, e.Status, envelope{Success: false, Errors: []*apiError{e}, Messages: []any{}})
}

func writeOK(w http.ResponseWriter, result any, info *resultInfo) {
	writeJSON(w, http.StatusOK, envelope{Result: result, Success: true, Errors: []*apiError{}, Messages: []any{}, ResultInfo: info})
}

var tokenForm = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func (s *Server) writeFault(w http.ResponseWriter, f *Fault) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	if f.Body != "" {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.Status)
		_, _ = io.WriteString(w, f.Body)
		return
	}
	e := &apiError{Status: f.Status, Code: 10000 + f.Status, Message: http.StatusText(f.Status)}
	if f.Status == http.StatusTooManyRequests {
		e.Code, e.Message = 971, "Please wait and consider throttling your request speed"
	}
	writeErr(w, e)
}

// handle answers one request; it returns the route, the token's user and
// the fault that applies after handling, if any.
func (s *Server) handle(w http.ResponseWriter, r *http.Request, body []byte) (route, user string, after *Fault) {
	p := r.URL.Path
	parts := strings.Split(strings.Trim(strings.TrimPrefix(p, prefix), "/"), "/")
	route = p
	var z *zone
	var rec *Record
	switch {
	case !strings.HasPrefix(p, prefix+"/"):
	case len(parts) == 1 && parts[0] == "zones":
		route = prefix + "/zones"
	case len(parts) == 2 && parts[0] == "zones":
		route = prefix + "/zones/:zone"
		z = s.zoneByID(parts[1])
	case len(parts) >= 3 && parts[0] == "zones" && parts[2] == "dns_records":
		z = s.zoneByID(parts[1])
		switch {
		case len(parts) == 3:
			route = prefix + "/zones/:zone/dns_records"
		case len(parts) == 4 && parts[3] == "batch":
			route = prefix + "/zones/:zone/dns_records/batch"
		case len(parts) == 4:
			route = prefix + "/zones/:zone/dns_records/:id"
			if z != nil {
				rec = z.find(parts[3])
			}
		}
	}

	// Authentication first, as Cloudflare does.
	auth := r.Header.Get("Authorization")
	if auth == "" {
		writeErr(w, &apiError{Status: 400, Code: 9106, Message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers"})
		return route, "", nil
	}
	tokenText, isBearer := strings.CutPrefix(auth, "Bearer ")
	if !isBearer || !tokenForm.MatchString(tokenText) {
		writeErr(w, &apiError{Status: 400, Code: 6003, Message: "Invalid request headers",
			ErrorChain: []apiError{{Code: 6111, Message: "Invalid format for Authorization header"}}})
		return route, "", nil
	}
	tok, known := s.tokens[tokenText]
	if !known {
		writeErr(w, &apiError{Status: 403, Code: 9109, Message: "Invalid access token"})
		return route, "", nil
	}
	user = tok.User

	// The rate limit, per user.
	now := s.now()
	if until, ok := s.blocked[user]; ok && now.Before(until) {
		s.write429(w, until.Sub(now))
		return route, user, nil
	}
	window := s.byUser[user][:0]
	for _, t := range s.byUser[user] {
		if now.Sub(t) < s.LimitWindow {
			window = append(window, t)
		}
	}
	s.byUser[user] = append(window, now)
	if len(s.byUser[user]) > s.Limit {
		s.blocked[user] = now.Add(s.LockoutFor)
		s.write429(w, s.LockoutFor)
		return route, user, nil
	}

	// Injected faults.
	if f := s.fault(r, body, z, rec); f != nil {
		switch f.Mode {
		case Answer:
			s.writeFault(w, f)
			return route, user, nil
		case Cut:
			return route, user, f
		case Lockout:
			s.blocked[user] = now.Add(s.LockoutFor)
			s.write429(w, s.LockoutFor)
			return route, user, nil
		default:
			after = f
		}
	}

	notFound := &apiError{Status: http.StatusNotFound, Code: 7003, Message: fmt.Sprintf("Could not route to %s, perhaps your object identifier is invalid?", p)}
	switch route {
	case prefix + "/zones":
		if r.Method != http.MethodGet {
			writeErr(w, &apiError{Status: http.StatusMethodNotAllowed, Code: 10405, Message: "Method not allowed"})
			return
		}
		if tok.Perms&ZoneRead == 0 {
			writeErr(w, &apiError{Status: 403, Code: 9109, Message: "Unauthorized to access requested resource"})
			return
		}
		s.listZones(w, r, tok)
		return
	case prefix + "/zones/:zone":
		switch {
		case z == nil:
			writeErr(w, notFound)
		case tok.Perms&ZoneRead == 0 || !tok.covers(z.Name):
			writeErr(w, &apiError{Status: 403, Code: 9109, Message: "Unauthorized to access requested resource"})
		case r.Method != http.MethodGet:
			writeErr(w, &apiError{Status: http.StatusMethodNotAllowed, Code: 10405, Message: "Method not allowed"})
		default:
			writeOK(w, z.json(), nil)
		}
		return
	case prefix + "/zones/:zone/dns_records", prefix + "/zones/:zone/dns_records/batch", prefix + "/zones/:zone/dns_records/:id":
		if z == nil {
			writeErr(w, notFound)
			return
		}
		write := r.Method != http.MethodGet
		switch {
		case !tok.covers(z.Name), write && tok.Perms&DNSEdit == 0, !write && tok.Perms&(DNSRead|DNSEdit) == 0:
			writeErr(w, &apiError{Status: 403, Code: 10000, Message: "Authentication error"})
			return
		}
	}
	switch route {
	case prefix + "/zones/:zone/dns_records":
		switch r.Method {
		case http.MethodGet:
			s.listRecords(w, r, z)
		case http.MethodPost:
			var in recordInput
			if err := json.Unmarshal(body, &in); err != nil {
				writeErr(w, &apiError{Status: 400, Code: 9207, Message: "Request body is invalid."})
				return
			}
			created, e := s.create(z, in, z.Records)
			if e != nil {
				writeErr(w, e)
				return
			}
			z.Records = append(z.Records, created)
			writeOK(w, created, nil)
		default:
			writeErr(w, &apiError{Status: http.StatusMethodNotAllowed, Code: 10405, Message: "Method not allowed"})
		}
	case prefix + "/zones/:zone/dns_records/batch":
		if r.Method != http.MethodPost {
			writeErr(w, &apiError{Status: http.StatusMethodNotAllowed, Code: 10405, Message: "Method not allowed"})
			return
		}
		s.batch(w, z, body)
	case prefix + "/zones/:zone/dns_records/:id":
		if rec == nil {
			writeErr(w, &apiError{Status: http.StatusNotFound, Code: 81044, Message: "Record does not exist."})
			return
		}
		switch r.Method {
		case http.MethodGet:
			writeOK(w, rec, nil)
		case http.MethodPatch, http.MethodPut:
			next, e := s.update(z, rec, body, r.Method == http.MethodPut, z.Records)
			if e != nil {
				writeErr(w, e)
				return
			}
			*rec = next
			writeOK(w, rec, nil)
		case http.MethodDelete:
			if e := readOnly(rec); e != nil {
				writeErr(w, e)
				return
			}
			z.remove(rec.ID)
			writeOK(w, map[string]string{"id": rec.ID}, nil)
		default:
			writeErr(w, &apiError{Status: http.StatusMethodNotAllowed, Code: 10405, Message: "Method not allowed"})
		}
	default:
		writeErr(w, notFound)
	}
	return route, user, after
}

func (s *Server) write429(w http.ResponseWriter, left time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(left.Seconds()))))
	writeErr(w, &apiError{Status: http.StatusTooManyRequests, Code: 971, Message: "Please wait and consider throttling your request speed"})
}

func (t Token) covers(zoneName string) bool {
	if len(t.Zones) == 0 {
		return true
	}
	for _, z := range t.Zones {
		if z == zoneName {
			return true
		}
	}
	return false
}

// fault returns the first matching fault and uses it up.
func (s *Server) fault(r *http.Request, body []byte, z *zone, rec *Record) *Fault {
	name := ""
	q := r.URL.Query()
	switch {
	case rec != nil:
		name = rec.Name
	case q.Get("name.exact") != "":
		name = canon(q.Get("name.exact"))
	case q.Get("name") != "":
		name = canon(q.Get("name"))
	case r.Method == http.MethodPost && z != nil:
		var in recordInput
		_ = json.Unmarshal(body, &in)
		name = absName(in.Name, z.Name)
	}
	for i, f := range s.faults {
		if f.Times == 0 ||
			(f.At != 0 && f.At != s.seen) ||
			(f.Method != "" && f.Method != r.Method) ||
			(f.Path != "" && !strings.Contains(r.URL.Path, f.Path)) ||
			(f.Query != "" && !strings.Contains(r.URL.RawQuery, f.Query)) ||
			(f.Name != "" && canon(f.Name) != name) {
			continue
		}
		if f.Times > 0 {
			f.Times--
		}
		if f.Times == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return f
	}
	return nil
}

// paging reads page and per_page: def is the default page size, lo and hi
// the API's bounds.
func (s *Server) paging(q url.Values, def, lo, hi int) (page, perPage int, e *apiError) {
	page, perPage = 1, def
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, 0, &apiError{Status: 400, Code: 1004, Message: "page must be an integer of at least 1"}
		}
		page = n
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return 0, 0, &apiError{Status: 400, Code: 1004, Message: fmt.Sprintf("per_page must be an integer between %d and %d", lo, hi)}
		}
		perPage = n
	}
	if s.MaxPerPage > 0 && perPage > s.MaxPerPage {
		perPage = s.MaxPerPage
	}
	return page, perPage, nil
}

func checkParams(q url.Values, allowed ...string) *apiError {
	for k := range q {
		found := false
		for _, a := range allowed {
			found = found || k == a
		}
		if !found {
			return &apiError{Status: 400, Code: 1004, Message: "DNS Validation Error: unknown query parameter " + k}
		}
	}
	return nil
}

func pageOf[T any](all []T, page, perPage int) ([]T, *resultInfo) {
	info := &resultInfo{Page: page, PerPage: perPage, TotalCount: len(all), TotalPages: (len(all) + perPage - 1) / perPage}
	start := min((page-1)*perPage, len(all))
	end := min(start+perPage, len(all))
	out := append([]T{}, all[start:end]...)
	info.Count = len(out)
	return out, info
}

type zoneJSON struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Status  string `json:"status"`
	Type    string `json:"type"`
	Account struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"account"`
}

func (z *zone) json() zoneJSON {
	out := zoneJSON{ID: z.ID, Name: z.Name, Status: z.Status, Type: z.Type}
	out.Account.ID, out.Account.Name = z.AccountID, z.AccountName
	return out
}

func (s *Server) listZones(w http.ResponseWriter, r *http.Request, tok Token) {
	q := r.URL.Query()
	if e := checkParams(q, "name", "page", "per_page", "status", "order", "direction", "match", "account.id", "account.name"); e != nil {
		writeErr(w, e)
		return
	}
	page, perPage, e := s.paging(q, 20, 5, 50)
	if e != nil {
		writeErr(w, e)
		return
	}
	all := []zoneJSON{}
	for _, z := range s.zones {
		switch {
		case !tok.covers(z.Name),
			q.Get("name") != "" && canon(q.Get("name")) != z.Name,
			q.Get("status") != "" && q.Get("status") != z.Status,
			q.Get("account.id") != "" && q.Get("account.id") != z.AccountID:
			continue
		}
		all = append(all, z.json())
	}
	res, info := pageOf(all, page, perPage)
	writeOK(w, res, info)
}

// recordParams are the documented query parameters of List DNS Records
// (reference, dns/subresources/records/methods/list; Cloudflare's OpenAPI
// schema, operation dns-records-for-a-zone-list-dns-records): the name,
// content and comment filters, each exact (the bare parameter being the
// same as .exact), contains, startswith and endswith, "Name filters are
// case-insensitive" (content and comment filters too); comment.present and
// comment.absent; the tag filters on "<tag-name>:<tag-value>"; type and
// proxied; match ("all" ANDs the filters, "any" ORs them; the tag filters
// are first combined by tag_match); page and per_page (1 to 5,000,000,
// default 100); order and direction. search is documented as "intended for
// human users, not automation. Its exact behavior is intentionally left
// unspecified": the fake refuses it (fake: strict), so spfpatch never
// depends on it. Anything else is refused with code 1004 (fake: strict).
var recordParams = []string{
	"name", "name.exact", "name.contains", "name.startswith", "name.endswith",
	"content", "content.exact", "content.contains", "content.startswith", "content.endswith",
	"comment", "comment.exact", "comment.contains", "comment.startswith", "comment.endswith", "comment.present", "comment.absent",
	"tag", "tag.exact", "tag.contains", "tag.startswith", "tag.endswith", "tag.present", "tag.absent", "tag_match",
	"type", "proxied", "match", "page", "per_page", "order", "direction",
}

func (s *Server) listRecords(w http.ResponseWriter, r *http.Request, z *zone) {
	q := r.URL.Query()
	if q.Has("search") {
		writeErr(w, &apiError{Status: 400, Code: 1004, Message: "DNS Validation Error: search is for people, not automation (cffake refuses it)"})
		return
	}
	if e := checkParams(q, recordParams...); e != nil {
		writeErr(w, e)
		return
	}
	page, perPage, e := s.paging(q, 100, 1, 5000000)
	if e != nil {
		writeErr(w, e)
		return
	}
	for _, k := range []string{"match", "tag_match"} {
		if v := q.Get(k); v != "" && v != "all" && v != "any" {
			writeErr(w, bad(1004, k+" must be all or any"))
			return
		}
	}
	type filter func(*Record) bool
	var fs, tags []filter
	lower := strings.ToLower
	text := func(into *[]filter, key string, field func(*Record) (string, bool)) {
		cmp := map[string]func(a, b string) bool{
			"": func(a, b string) bool { return a == b }, ".exact": func(a, b string) bool { return a == b },
			".contains": strings.Contains, ".startswith": strings.HasPrefix, ".endswith": strings.HasSuffix,
		}
		for suffix, f := range cmp {
			if !q.Has(key + suffix) {
				continue
			}
			v, f := lower(q.Get(key+suffix)), f
			*into = append(*into, func(rec *Record) bool {
				got, ok := field(rec)
				return ok && f(lower(got), v)
			})
		}
	}
	text(&fs, "name", func(rec *Record) (string, bool) { return rec.Name, true })
	text(&fs, "content", func(rec *Record) (string, bool) { return rec.Content, true })
	text(&fs, "comment", func(rec *Record) (string, bool) {
		if rec.Comment == nil {
			return "", false
		}
		return *rec.Comment, true
	})
	if q.Has("comment.present") {
		fs = append(fs, func(rec *Record) bool { return rec.Comment != nil && *rec.Comment != "" })
	}
	if q.Has("comment.absent") {
		fs = append(fs, func(rec *Record) bool { return rec.Comment == nil || *rec.Comment == "" })
	}
	if v := q.Get("type"); v != "" {
		fs = append(fs, func(rec *Record) bool { return rec.Type == strings.ToUpper(v) })
	}
	if v := q.Get("proxied"); v != "" {
		want := v == "true"
		fs = append(fs, func(rec *Record) bool { return rec.Proxied == want })
	}
	// Tags: "<tag-name>:<tag-value>", the value compared as asked.
	tagValue := func(rec *Record, name string) (string, bool) {
		for _, t := range rec.Tags {
			if n, v, _ := strings.Cut(t, ":"); lower(n) == name {
				return v, true
			}
		}
		return "", false
	}
	for suffix, f := range map[string]func(a, b string) bool{
		"": func(a, b string) bool { return a == b }, ".exact": func(a, b string) bool { return a == b },
		".contains": strings.Contains, ".startswith": strings.HasPrefix, ".endswith": strings.HasSuffix,
	} {
		if !q.Has("tag" + suffix) {
			continue
		}
		name, v, _ := strings.Cut(lower(q.Get("tag"+suffix)), ":")
		f := f
		tags = append(tags, func(rec *Record) bool {
			got, ok := tagValue(rec, name)
			return ok && f(lower(got), v)
		})
	}
	if q.Has("tag.present") {
		name := lower(q.Get("tag.present"))
		tags = append(tags, func(rec *Record) bool { _, ok := tagValue(rec, name); return ok })
	}
	if q.Has("tag.absent") {
		name := lower(q.Get("tag.absent"))
		tags = append(tags, func(rec *Record) bool { _, ok := tagValue(rec, name); return !ok })
	}
	combine := func(fs []filter, anyOf bool) filter {
		return func(rec *Record) bool {
			if len(fs) == 0 {
				return true
			}
			for _, f := range fs {
				if f(rec) == anyOf {
					return anyOf
				}
			}
			return !anyOf
		}
	}
	if len(tags) > 0 {
		fs = append(fs, combine(tags, q.Get("tag_match") == "any"))
	}
	match := combine(fs, q.Get("match") == "any")
	all := []Record{}
	for _, rec := range z.sorted() {
		if match(rec) {
			all = append(all, copyRecord(rec))
		}
	}
	if e := orderRecords(all, q.Get("order"), q.Get("direction")); e != nil {
		writeErr(w, e)
		return
	}
	res, info := pageOf(all, page, perPage)
	writeOK(w, res, info)
}

// orderRecords sorts a list as order (type, name, content, ttl, proxied)
// and direction (asc, desc) ask; none keeps the fake's own order.
func orderRecords(all []Record, order, direction string) *apiError {
	if direction != "" && direction != "asc" && direction != "desc" {
		return bad(1004, "direction must be asc or desc")
	}
	key := map[string]func(Record) string{
		"type": func(r Record) string { return r.Type }, "name": func(r Record) string { return r.Name },
		"content": func(r Record) string { return r.Content }, "ttl": func(r Record) string { return fmt.Sprintf("%010d", r.TTL) },
		"proxied": func(r Record) string { return strconv.FormatBool(r.Proxied) },
	}
	if order == "" {
		if direction == "desc" {
			slices.Reverse(all)
		}
		return nil
	}
	k, ok := key[order]
	if !ok {
		return bad(1004, "order must be one of type, name, content, ttl, proxied")
	}
	sort.SliceStable(all, func(a, b int) bool {
		if direction == "desc" {
			return k(all[a]) > k(all[b])
		}
		return k(all[a]) < k(all[b])
	})
	return nil
}

// recordInput is the body of a create or change; fields the fake does not
// model are ignored, as Cloudflare ignores read-only fields.
type recordInput struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Name     string   `json:"name"`
	Content  string   `json:"content"`
	TTL      int      `json:"ttl"`
	Priority *uint16  `json:"priority"`
	Proxied  bool     `json:"proxied"`
	Comment  *string  `json:"comment"`
	Tags     []string `json:"tags"`
}

func bad(code int, msg string) *apiError { return &apiError{Status: 400, Code: code, Message: msg} }

func (s *Server) validate(z *zone, self *Record, rec *Record, all []*Record) *apiError {
	switch {
	case rec.Type == "":
		return bad(9000, "DNS record type is invalid.")
	case rec.Name == "":
		return bad(9005, "DNS record name is invalid.")
	case rec.Content == "":
		return bad(9007, "Content for "+rec.Type+" record is invalid.")
	case rec.TTL != 1 && (rec.TTL < 60 || rec.TTL > 86400):
		return bad(9021, "Invalid TTL. Must be between 60 and 86400 seconds, or 1 for Automatic.")
	case rec.Name != z.Name && !strings.HasSuffix(rec.Name, "."+z.Name):
		return bad(9005, "DNS record name is not in the zone.")
	case rec.Comment != nil && len(*rec.Comment) > 100:
		return bad(9101, "DNS record comment is too long (maximum 100 characters).")
	}
	for _, t := range rec.Tags {
		if !strings.Contains(t, ":") {
			return bad(9102, "DNS record tags must have the form name:value.")
		}
	}
	if rec.Type == "TXT" {
		content, err := storeTXT(rec.Content)
		if err != nil {
			return bad(9007, "Content for TXT record is invalid: "+err.Error())
		}
		rec.Content = content
		if len(rec.Content) > 2048 {
			return bad(9100, "Content for TXT record is too long (maximum 2048 characters).")
		}
	}
	if rec.Type == "MX" && rec.Priority == nil {
		return bad(9106, "MX records need a priority.")
	}
	for _, o := range all {
		if o == self || o.Name != rec.Name {
			continue
		}
		if o.Type == rec.Type && o.Content == rec.Content && samePriority(o.Priority, rec.Priority) {
			return bad(81058, "An identical record already exists.")
		}
		if o.Type == "CNAME" || rec.Type == "CNAME" {
			return bad(81053, "An A, AAAA, or CNAME record with that host already exists.")
		}
	}
	return nil
}

func samePriority(a, b *uint16) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// create makes a new record valid against all (it is not stored).
func (s *Server) create(z *zone, in recordInput, all []*Record) (*Record, *apiError) {
	now := s.now().UTC()
	rec := &Record{
		ZoneID: z.ID, ZoneName: z.Name,
		Type: strings.ToUpper(in.Type), Name: absName(in.Name, z.Name), Content: in.Content,
		TTL: in.TTL, Priority: in.Priority, Proxied: in.Proxied, Comment: in.Comment, Tags: append([]string{}, in.Tags...),
		CreatedOn: now, ModifiedOn: now,
	}
	if rec.TTL == 0 {
		rec.TTL = 1
	}
	if rec.Type == "MX" || rec.Type == "CNAME" || rec.Type == "NS" {
		rec.Content = strings.TrimSuffix(rec.Content, ".")
	}
	rec.Proxiable = rec.Type == "A" || rec.Type == "AAAA" || rec.Type == "CNAME"
	if e := s.validate(z, nil, rec, all); e != nil {
		return nil, e
	}
	s.nextID++
	rec.ID = fmt.Sprintf("%032x", 0xdeadbeef000000+s.nextID)
	return rec, nil
}

// readOnly refuses a change to a record another product manages.
func readOnly(rec *Record) *apiError {
	if rec.Meta.ReadOnly || rec.Locked {
		return bad(1004, "This record is managed by Email Routing and cannot be modified or deleted.")
	}
	return nil
}

// update returns rec changed by body: PATCH changes the fields present,
// PUT replaces the record (fields absent reset).
func (s *Server) update(z *zone, rec *Record, body []byte, put bool, all []*Record) (Record, *apiError) {
	if e := readOnly(rec); e != nil {
		return Record{}, e
	}
	var fields map[string]json.RawMessage
	var in recordInput
	if json.Unmarshal(body, &fields) != nil || json.Unmarshal(body, &in) != nil {
		return Record{}, bad(9207, "Request body is invalid.")
	}
	next := copyRecord(rec)
	if put {
		next.TTL, next.Proxied, next.Comment, next.Tags, next.Priority = 1, false, nil, []string{}, nil
		if in.Type == "" || in.Name == "" || in.Content == "" {
			return Record{}, bad(9000, "PUT needs type, name and content.")
		}
	}
	if _, ok := fields["type"]; ok {
		next.Type = strings.ToUpper(in.Type)
	}
	if _, ok := fields["name"]; ok {
		next.Name = absName(in.Name, z.Name)
	}
	if _, ok := fields["content"]; ok {
		next.Content = in.Content
	}
	if _, ok := fields["ttl"]; ok {
		next.TTL = in.TTL
	}
	if _, ok := fields["priority"]; ok {
		next.Priority = in.Priority
	}
	if _, ok := fields["proxied"]; ok {
		next.Proxied = in.Proxied
	}
	if _, ok := fields["comment"]; ok {
		next.Comment = in.Comment
	}
	if _, ok := fields["tags"]; ok {
		next.Tags = append([]string{}, in.Tags...)
	}
	if e := s.validate(z, rec, &next, all); e != nil {
		return Record{}, e
	}
	next.ModifiedOn = s.now().UTC()
	return next, nil
}

// batch applies deletes, patches, puts and posts, in that order, to a copy
// of the zone's records, and stores the copy only when every one worked.
func (s *Server) batch(w http.ResponseWriter, z *zone, body []byte) {
	var in struct {
		Deletes []struct {
			ID string `json:"id"`
		} `json:"deletes"`
		Patches []json.RawMessage `json:"patches"`
		Puts    []json.RawMessage `json:"puts"`
		Posts   []recordInput     `json:"posts"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		writeErr(w, bad(9207, "Request body is invalid."))
		return
	}
	if n := len(in.Deletes) + len(in.Patches) + len(in.Puts) + len(in.Posts); n == 0 || n > 200 {
		writeErr(w, bad(1004, fmt.Sprintf("A batch holds 1 to 200 records, not %d.", n)))
		return
	}
	work := make([]*Record, len(z.Records))
	for i, r := range z.Records {
		c := copyRecord(r)
		work[i] = &c
	}
	find := func(id string) (int, *Record) {
		for i, r := range work {
			if r.ID == id {
				return i, r
			}
		}
		return -1, nil
	}
	var result struct {
		Deletes []Record `json:"deletes"`
		Patches []Record `json:"patches"`
		Puts    []Record `json:"puts"`
		Posts   []Record `json:"posts"`
	}
	for _, d := range in.Deletes {
		i, r := find(d.ID)
		if r == nil {
			writeErr(w, &apiError{Status: 400, Code: 81044, Message: "Record does not exist: " + d.ID})
			return
		}
		if e := readOnly(r); e != nil {
			writeErr(w, e)
			return
		}
		result.Deletes = append(result.Deletes, *r)
		work = append(work[:i:i], work[i+1:]...)
	}
	for _, list := range []struct {
		items []json.RawMessage
		put   bool
		out   *[]Record
	}{{in.Patches, false, &result.Patches}, {in.Puts, true, &result.Puts}} {
		for _, raw := range list.items {
			var ref struct {
				ID string `json:"id"`
			}
			_ = json.Unmarshal(raw, &ref)
			_, r := find(ref.ID)
			if r == nil {
				writeErr(w, &apiError{Status: 400, Code: 81044, Message: "Record does not exist: " + ref.ID})
				return
			}
			next, e := s.update(z, r, raw, list.put, work)
			if e != nil {
				writeErr(w, e)
				return
			}
			*r = next
			*list.out = append(*list.out, next)
		}
	}
	for _, p := range in.Posts {
		rec, e := s.create(z, p, work)
		if e != nil {
			writeErr(w, e)
			return
		}
		work = append(work, rec)
		result.Posts = append(result.Posts, *rec)
	}
	z.Records = work
	writeOK(w, result, nil)
}

func (s *Server) zoneByName(name string) *zone {
	for _, z := range s.zones {
		if z.Name == canon(name) {
			return z
		}
	}
	return nil
}

func (s *Server) zoneByID(id string) *zone {
	for _, z := range s.zones {
		if z.ID == id {
			return z
		}
	}
	return nil
}

func (z *zone) find(id string) *Record {
	for _, r := range z.Records {
		if r.ID == id {
			return r
		}
	}
	return nil
}

func (z *zone) remove(id string) {
	for i, r := range z.Records {
		if r.ID == id {
			z.Records = append(z.Records[:i:i], z.Records[i+1:]...)
			return
		}
	}
}

// sorted returns the records in the order the fake lists them: by type,
// then name, then creation (the order of the real API's default listing
// is not documented).
func (z *zone) sorted() []*Record {
	out := append([]*Record(nil), z.Records...)
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Type != out[b].Type {
			return out[a].Type < out[b].Type
		}
		return out[a].Name < out[b].Name
	})
	return out
}

func canon(name string) string { return strings.ToLower(strings.TrimSuffix(name, ".")) }

// absName makes a record name absolute as Cloudflare does: "@" (or "") is
// the apex, a name already inside the zone is kept, anything else gets the
// zone appended.
func absName(name, zoneName string) string {
	n := canon(name)
	switch {
	case n == "" || n == "@":
		return zoneName
	case n == zoneName || strings.HasSuffix(n, "."+zoneName):
		return n
	}
	return n + "." + zoneName
}

// storeTXT returns TXT content as Cloudflare stores it: content made of
// quoted character-strings no longer than 255 bytes is kept as sent;
// unquoted content of up to 255 bytes too; anything longer is split into
// quoted strings of at most 255 bytes.
func storeTXT(content string) (string, error) {
	if !strings.HasPrefix(content, `"`) {
		if len(content) <= 255 {
			return content, nil
		}
		return joinQuoted(chunks([]byte(content))), nil
	}
	strs, err := ParseStrings(content)
	if err != nil {
		return "", err
	}
	split := false
	for _, s := range strs {
		split = split || len(s) > 255
	}
	if !split {
		return content, nil
	}
	var all [][]byte
	for _, s := range strs {
		all = append(all, chunks(s)...)
	}
	return joinQuoted(all), nil
}

func chunks(b []byte) [][]byte {
	var out [][]byte
	for len(b) > 255 {
		out = append(out, b[:255])
		b = b[255:]
	}
	return append(out, b)
}

func joinQuoted(strs [][]byte) string {
	parts := make([]string, len(strs))
	for i, s := range strs {
		parts[i] = Quote(s)
	}
	return strings.Join(parts, " ")
}

// Quote renders one character-string in zone-file syntax: \" and \\
// escaped, bytes outside printable ASCII as \DDD.
func Quote(s []byte) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, "\\%03d", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ParseStrings parses a sequence of quoted character-strings separated by
// white space (RFC 1035 §5.1: \X and \DDD escapes) into their bytes.
func ParseStrings(s string) ([][]byte, error) {
	var out [][]byte
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == len(s) {
			break
		}
		if s[i] != '"' {
			return nil, fmt.Errorf("expected a quoted string at byte %d", i)
		}
		i++
		var cur []byte
		closed := false
		for i < len(s) {
			c := s[i]
			if c == '"' {
				closed = true
				i++
				break
			}
			if c == '\\' {
				if i+3 < len(s) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) {
					n, _ := strconv.Atoi(s[i+1 : i+4])
					if n > 255 {
						return nil, fmt.Errorf("escape \\%s out of range", s[i+1:i+4])
					}
					cur = append(cur, byte(n))
					i += 4
					continue
				}
				if i+1 < len(s) {
					cur = append(cur, s[i+1])
					i += 2
					continue
				}
				return nil, fmt.Errorf("dangling backslash")
			}
			cur = append(cur, c)
			i++
		}
		if !closed {
			return nil, fmt.Errorf("unterminated quoted string")
		}
		out = append(out, cur)
		if i < len(s) && s[i] != ' ' && s[i] != '\t' {
			return nil, fmt.Errorf("expected a space after a quoted string at byte %d", i)
		}
	}
	return out, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
