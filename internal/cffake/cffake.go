// Package cffake is a strict, in-process fake of the parts of the Cloudflare
// API v4 that github.com/libdns/cloudflare uses, served by an
// httptest.Server on 127.0.0.1. It is for tests only.
//
// What it does as Cloudflare documents it (developers.cloudflare.com/api):
//   - Every request needs "Authorization: Bearer TOKEN" with a token added by
//     AddToken; a missing or unknown token gets 401 and a token without the
//     permission gets 403, both with Cloudflare's error envelope
//     {"success":false,"errors":[{"code":10000,"message":"Authentication error"}]}.
//   - GET /zones (filter name=, paging) and GET /zones/{id}/dns_records
//     (filters type=, name=, content=, content.exact=, content.contains=,
//     paging with page= and per_page=); every list response carries
//     result_info {page, per_page, count, total_count, total_pages}.
//     per_page must be at least 1 and is clamped to MaxPerPage, so a test
//     can force small pages whatever the client asks for.
//   - POST /zones/{id}/dns_records, PATCH and DELETE /zones/{id}/dns_records/{rid}.
//     Names are made absolute ("@" is the apex, a name outside the zone gets
//     the zone appended); TTL must be 1 (automatic) or 60..86400; an
//     identical record is refused (code 81058); a CNAME cannot share its
//     name (code 81053).
//   - TXT content is stored as Cloudflare does: content made of quoted
//     character-strings is kept as sent, and any string over 255 bytes is
//     split server-side into 255-byte quoted strings, so a 300-byte value
//     reads back as "aaa…" "bbb…". Content over 2048 characters is refused.
//   - Unknown routes get 404 with code 7003, unknown query parameters 400
//     with code 1004 (strict, so a client sending something unexpected fails
//     loudly rather than being silently accepted).
//
// Test hooks: Fail injects 429 (with Retry-After) or 5xx answers for the
// next N matching calls or forever; Count, Requests and MaxInWindow count
// calls per (method, route) and per time window; Records snapshots the
// store so a test can compare it before and after.
package cffake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
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
	ZoneRead Perm = 1 << iota // Zone:Read (list zones)
	DNSRead                   // Zone.DNS:Read
	DNSEdit                   // Zone.DNS:Edit (implies DNSRead)
)

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
	CreatedOn  time.Time `json:"created_on"`
	ModifiedOn time.Time `json:"modified_on"`
}

// Fault makes matching requests fail. Empty fields match everything.
type Fault struct {
	Method string // e.g. "DELETE"
	Path   string // substring of the URL path
	Query  string // substring of the raw query, e.g. "content.contains"
	Name   string // the record name the call is about: name= filter, body name, or the record addressed
	// Status is the HTTP status to answer, e.g. 429 or 500.
	Status int
	// RetryAfter is sent as the Retry-After header when not empty.
	RetryAfter string
	// Body replaces the JSON error envelope (e.g. an HTML 502 page).
	Body string
	// Times is how many matching calls fail; -1 is forever.
	Times int
}

// Request is one request the fake received.
type Request struct {
	Time   time.Time
	Method string
	Route  string // path with identifiers replaced: /client/v4/zones/:zone/dns_records/:id
	Path   string
	Query  string
	Status int
}

type zone struct {
	ID      string
	Name    string
	Records []*Record
}

// Server is the fake Cloudflare API.
type Server struct {
	// URL is the base URL, e.g. http://127.0.0.1:PORT; the API lives under
	// URL + "/client/v4".
	URL string
	// MaxPerPage clamps per_page of list calls (Cloudflare's own maximum
	// when 0: 5000 for dns_records, 50 for zones).
	MaxPerPage int

	srv    *httptest.Server
	mu     sync.Mutex
	tokens map[string]Perm
	zones  []*zone
	faults []*Fault
	reqs   []Request
	nextID int
	now    func() time.Time
}

// Start starts a fake on 127.0.0.1 and stops it when the test ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{tokens: map[string]Perm{}, now: time.Now}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	tb.Cleanup(s.srv.Close)
	return s
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// AddToken allows token with the given permissions.
func (s *Server) AddToken(token string, perms Perm) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[token] = perms
}

// AddZone adds a zone (name without trailing dot) and returns its id.
func (s *Server) AddZone(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	z := &zone{ID: fmt.Sprintf("%032x", 0xc0ffee000000+s.nextID), Name: canon(name)}
	s.zones = append(s.zones, z)
	return z.ID
}

// AddRecord stores a record in zone as if created through the API (name
// made absolute, TXT split server-side) and returns it. It panics on a
// record the API would refuse: test set-up errors should be loud.
func (s *Server) AddRecord(zoneName string, r Record) Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	z := s.zoneByName(zoneName)
	if z == nil {
		panic("cffake: no zone " + zoneName)
	}
	in := recordInput{Type: r.Type, Name: r.Name, Content: r.Content, TTL: r.TTL, Priority: r.Priority, Proxied: r.Proxied}
	if in.TTL == 0 {
		in.TTL = 1
	}
	rec, apiErr := s.create(z, in)
	if apiErr != nil {
		panic(fmt.Sprintf("cffake: AddRecord %+v: %s", r, apiErr.Message))
	}
	return *rec
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
		out[i] = *r
		if r.Priority != nil {
			p := *r.Priority
			out[i].Priority = &p
		}
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
	s.faults = append(s.faults, &ff)
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
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

// ResetCounts forgets the requests received so far.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = nil
}

// --- HTTP ---

type apiError struct {
	Status  int
	Code    int    `json:"code"`
	Message string `json:"message"`
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
	s.mu.Lock()
	defer s.mu.Unlock()
	route, status := s.handle(w, r)
	s.reqs = append(s.reqs, Request{Time: s.now(), Method: r.Method, Route: route, Path: r.URL.Path, Query: r.URL.RawQuery, Status: status})
}

func writeJSON(w http.ResponseWriter, status int, v any) int {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
	return status
}

func writeErr(w http.ResponseWriter, e *apiError) int {
	return writeJSON(w, e.Status, envelope{Success: false, Errors: []*apiError{e}, Messages: []any{}})
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) (route string, status int) {
	p := r.URL.Path
	parts := strings.Split(strings.Trim(strings.TrimPrefix(p, prefix), "/"), "/")
	route = p
	var z *zone
	var rec *Record
	switch {
	case !strings.HasPrefix(p, prefix+"/"):
	case len(parts) == 1 && parts[0] == "zones":
		route = prefix + "/zones"
	case len(parts) >= 3 && parts[0] == "zones" && parts[2] == "dns_records":
		z = s.zoneByID(parts[1])
		switch len(parts) {
		case 3:
			route = prefix + "/zones/:zone/dns_records"
		case 4:
			route = prefix + "/zones/:zone/dns_records/:id"
			if z != nil {
				rec = z.find(parts[3])
			}
		}
	}

	// Authentication first, as Cloudflare does.
	auth := r.Header.Get("Authorization")
	perms, ok := s.tokens[strings.TrimPrefix(auth, "Bearer ")]
	if !strings.HasPrefix(auth, "Bearer ") || !ok {
		return route, writeErr(w, &apiError{Status: http.StatusUnauthorized, Code: 10000, Message: "Authentication error"})
	}

	// Injected faults.
	if f := s.fault(r, z, rec); f != nil {
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		if f.Body != "" {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(f.Status)
			_, _ = w.Write([]byte(f.Body))
			return route, f.Status
		}
		e := &apiError{Status: f.Status, Code: 10000 + f.Status, Message: http.StatusText(f.Status)}
		if f.Status == http.StatusTooManyRequests {
			e.Code, e.Message = 971, "Please wait and consider throttling your request speed"
		}
		return route, writeErr(w, e)
	}

	notFound := &apiError{Status: http.StatusNotFound, Code: 7003, Message: fmt.Sprintf("Could not route to %s, perhaps your object identifier is invalid?", p)}
	switch route {
	case prefix + "/zones":
		if r.Method != http.MethodGet {
			return route, writeErr(w, &apiError{Status: http.StatusMethodNotAllowed, Code: 10405, Message: "Method not allowed"})
		}
		if perms&ZoneRead == 0 {
			return route, writeErr(w, &apiError{Status: http.StatusForbidden, Code: 10000, Message: "Authentication error"})
		}
		return route, s.listZones(w, r)
	case prefix + "/zones/:zone/dns_records":
		if z == nil {
			return route, writeErr(w, notFound)
		}
		switch r.Method {
		case http.MethodGet:
			if perms&(DNSRead|DNSEdit) == 0 {
				return route, writeErr(w, &apiError{Status: http.StatusForbidden, Code: 10000, Message: "Authentication error"})
			}
			return route, s.listRecords(w, r, z)
		case http.MethodPost:
			if perms&DNSEdit == 0 {
				return route, writeErr(w, &apiError{Status: http.StatusForbidden, Code: 10000, Message: "Authentication error"})
			}
			var in recordInput
			if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
				return route, writeErr(w, &apiError{Status: http.StatusBadRequest, Code: 9207, Message: "Request body is invalid."})
			}
			created, e := s.create(z, in)
			if e != nil {
				return route, writeErr(w, e)
			}
			return route, writeJSON(w, http.StatusOK, envelope{Result: created, Success: true, Errors: []*apiError{}, Messages: []any{}})
		}
	case prefix + "/zones/:zone/dns_records/:id":
		if z == nil || rec == nil {
			return route, writeErr(w, &apiError{Status: http.StatusNotFound, Code: 81044, Message: "Record does not exist."})
		}
		if r.Method != http.MethodGet && perms&DNSEdit == 0 {
			return route, writeErr(w, &apiError{Status: http.StatusForbidden, Code: 10000, Message: "Authentication error"})
		}
		switch r.Method {
		case http.MethodGet:
			return route, writeJSON(w, http.StatusOK, envelope{Result: rec, Success: true, Errors: []*apiError{}, Messages: []any{}})
		case http.MethodPatch:
			var in recordInput
			if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
				return route, writeErr(w, &apiError{Status: http.StatusBadRequest, Code: 9207, Message: "Request body is invalid."})
			}
			updated, e := s.patch(z, rec, in)
			if e != nil {
				return route, writeErr(w, e)
			}
			return route, writeJSON(w, http.StatusOK, envelope{Result: updated, Success: true, Errors: []*apiError{}, Messages: []any{}})
		case http.MethodDelete:
			z.remove(rec.ID)
			return route, writeJSON(w, http.StatusOK, envelope{Result: map[string]string{"id": rec.ID}, Success: true, Errors: []*apiError{}, Messages: []any{}})
		}
		return route, writeErr(w, &apiError{Status: http.StatusMethodNotAllowed, Code: 10405, Message: "Method not allowed"})
	}
	return route, writeErr(w, notFound)
}

// fault returns the first matching fault and uses it up.
func (s *Server) fault(r *http.Request, z *zone, rec *Record) *Fault {
	name := ""
	switch {
	case rec != nil:
		name = rec.Name
	case r.URL.Query().Get("name") != "":
		name = canon(r.URL.Query().Get("name"))
	case r.Method == http.MethodPost && z != nil && r.Body != nil:
		// Peek at the body's name without consuming it.
		var in recordInput
		b := new(strings.Builder)
		buf := make([]byte, 4096)
		for {
			n, err := r.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		_ = json.Unmarshal([]byte(b.String()), &in)
		r.Body = readCloser{strings.NewReader(b.String())}
		name = absName(in.Name, z.Name)
	}
	for i, f := range s.faults {
		if f.Times == 0 ||
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

type readCloser struct{ *strings.Reader }

func (readCloser) Close() error { return nil }

// paging reads page and per_page; def is the default page size, max the
// API's maximum.
func (s *Server) paging(q url.Values, def, max int) (page, perPage int, e *apiError) {
	page, perPage = 1, def
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, 0, &apiError{Status: http.StatusBadRequest, Code: 1004, Message: "page must be an integer of at least 1"}
		}
		page = n
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, 0, &apiError{Status: http.StatusBadRequest, Code: 1004, Message: "per_page must be an integer of at least 1"}
		}
		perPage = n
	}
	if perPage > max {
		perPage = max
	}
	if s.MaxPerPage > 0 && perPage > s.MaxPerPage {
		perPage = s.MaxPerPage
	}
	return page, perPage, nil
}

func checkParams(q url.Values, allowed ...string) *apiError {
	for k := range q {
		ok := false
		for _, a := range allowed {
			ok = ok || k == a
		}
		if !ok {
			return &apiError{Status: http.StatusBadRequest, Code: 1004, Message: "DNS Validation Error: unknown query parameter " + k}
		}
	}
	return nil
}

func pageOf[T any](all []T, page, perPage int) ([]T, *resultInfo) {
	info := &resultInfo{Page: page, PerPage: perPage, TotalCount: len(all), TotalPages: (len(all) + perPage - 1) / perPage}
	start := (page - 1) * perPage
	if start > len(all) {
		start = len(all)
	}
	end := min(start+perPage, len(all))
	out := append([]T{}, all[start:end]...)
	info.Count = len(out)
	return out, info
}

func (s *Server) listZones(w http.ResponseWriter, r *http.Request) int {
	q := r.URL.Query()
	if e := checkParams(q, "name", "page", "per_page", "status", "order", "direction", "match", "account.id"); e != nil {
		return writeErr(w, e)
	}
	page, perPage, e := s.paging(q, 20, 50)
	if e != nil {
		return writeErr(w, e)
	}
	type zoneOut struct {
		ID     string `json:"id"`
		Name   string `json:"name"`
		Status string `json:"status"`
	}
	var all []zoneOut
	for _, z := range s.zones {
		if n := q.Get("name"); n != "" && strings.ToLower(n) != z.Name {
			continue
		}
		all = append(all, zoneOut{z.ID, z.Name, "active"})
	}
	res, info := pageOf(all, page, perPage)
	return writeJSON(w, http.StatusOK, envelope{Result: res, Success: true, Errors: []*apiError{}, Messages: []any{}, ResultInfo: info})
}

func (s *Server) listRecords(w http.ResponseWriter, r *http.Request, z *zone) int {
	q := r.URL.Query()
	if e := checkParams(q, "type", "name", "content", "content.exact", "content.contains", "page", "per_page", "match", "order", "direction"); e != nil {
		return writeErr(w, e)
	}
	page, perPage, e := s.paging(q, 100, 5000)
	if e != nil {
		return writeErr(w, e)
	}
	var all []Record
	for _, rec := range z.sorted() {
		if t := q.Get("type"); t != "" && t != rec.Type {
			continue
		}
		if n := q.Get("name"); n != "" && canon(n) != rec.Name {
			continue
		}
		if c := q.Get("content"); c != "" && c != rec.Content {
			continue
		}
		if c := q.Get("content.exact"); c != "" && c != rec.Content {
			continue
		}
		if c := q.Get("content.contains"); c != "" && !strings.Contains(strings.ToLower(rec.Content), strings.ToLower(c)) {
			continue
		}
		all = append(all, *rec)
	}
	res, info := pageOf(all, page, perPage)
	return writeJSON(w, http.StatusOK, envelope{Result: res, Success: true, Errors: []*apiError{}, Messages: []any{}, ResultInfo: info})
}

// recordInput is the body of a create or patch; fields the fake does not
// model are ignored, as Cloudflare ignores read-only fields.
type recordInput struct {
	Type     string  `json:"type"`
	Name     string  `json:"name"`
	Content  string  `json:"content"`
	TTL      int     `json:"ttl"`
	Priority *uint16 `json:"priority"`
	Proxied  bool    `json:"proxied"`
}

func (s *Server) validate(z *zone, self *Record, rec *Record) *apiError {
	bad := func(code int, msg string) *apiError {
		return &apiError{Status: http.StatusBadRequest, Code: code, Message: msg}
	}
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
	for _, o := range z.Records {
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

func (s *Server) create(z *zone, in recordInput) (*Record, *apiError) {
	now := s.now().UTC()
	rec := &Record{
		ZoneID: z.ID, ZoneName: z.Name,
		Type: strings.ToUpper(in.Type), Name: absName(in.Name, z.Name), Content: in.Content,
		TTL: in.TTL, Priority: in.Priority, Proxied: in.Proxied,
		CreatedOn: now, ModifiedOn: now,
	}
	if rec.TTL == 0 {
		rec.TTL = 1
	}
	if rec.Type == "MX" || rec.Type == "CNAME" || rec.Type == "NS" {
		rec.Content = strings.TrimSuffix(rec.Content, ".")
	}
	rec.Proxiable = rec.Type == "A" || rec.Type == "AAAA" || rec.Type == "CNAME"
	if e := s.validate(z, nil, rec); e != nil {
		return nil, e
	}
	s.nextID++
	rec.ID = fmt.Sprintf("%032x", 0xdeadbeef000000+s.nextID)
	z.Records = append(z.Records, rec)
	return rec, nil
}

func (s *Server) patch(z *zone, rec *Record, in recordInput) (*Record, *apiError) {
	next := *rec
	if in.Type != "" {
		next.Type = strings.ToUpper(in.Type)
	}
	if in.Name != "" {
		next.Name = absName(in.Name, z.Name)
	}
	if in.Content != "" {
		next.Content = in.Content
	}
	if in.TTL != 0 {
		next.TTL = in.TTL
	}
	if in.Priority != nil {
		next.Priority = in.Priority
	}
	if e := s.validate(z, rec, &next); e != nil {
		return nil, e
	}
	next.ModifiedOn = s.now().UTC()
	*rec = next
	return rec, nil
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

// sorted returns the records in the order the API lists them: by type,
// then name, then creation.
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
