package dnstest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/libdns/libdns"
)

// Store method names, as Calls, FailNext and SetHook name them.
const (
	MethodGetRecords    = "GetRecords"
	MethodGetRRset      = "GetRRset"
	MethodSetRecords    = "SetRecords"
	MethodAppendRecords = "AppendRecords"
	MethodDeleteRecords = "DeleteRecords"
	MethodListZones     = "ListZones"
)

// ErrNoZone is returned for a zone the Store does not hold.
var ErrNoZone = errors.New("dnstest: no such zone")

// Store is an in-memory libdns provider for tests: RecordGetter,
// RecordSetter, RecordAppender, RecordDeleter and ZoneLister, plus GetRRset.
// It follows the libdns contract to the letter: SetRecords makes the input
// the whole RRset of each (name, type) in it and touches nothing else, all
// or nothing. Records are kept as libdns.RR (names relative to the zone, "@"
// for the apex) and returned as the typed structs of libdns (TXT, Address,
// ...); nothing handed in or out is shared with the Store. Zone names are
// compared without case and with or without the trailing dot; record names
// without case.
//
// It counts calls per method, and can fail them: FailNext fails the next
// call of a method, FailFor every write touching an owner name, and SetHook
// runs a function before each write that may fail it or change the Store.
// A failed write changes nothing.
//
// The zero value is ready to use. A Store is safe for concurrent use.
type Store struct {
	mu       sync.Mutex
	zones    map[string][]libdns.RR // key: zone lower-case, fully qualified
	calls    map[string]int
	failNext map[string][]error
	failFor  map[string]error
	hook     func(method, zone string, recs []libdns.Record) error
}

// NewStore returns an empty Store.
func NewStore() *Store { return &Store{} }

func zoneKey(zone string) string {
	z := strings.ToLower(strings.TrimSpace(zone))
	if !strings.HasSuffix(z, ".") {
		z += "."
	}
	return z
}

// normRR returns r with a canonical name ("@" for the apex, lower case, no
// trailing zone) and an upper-case type.
func normRR(r libdns.RR, zone string) libdns.RR {
	n := strings.TrimSpace(r.Name)
	if strings.HasSuffix(n, ".") {
		n = libdns.RelativeName(strings.ToLower(n), zone)
	}
	if n == "" {
		n = "@"
	}
	r.Name = strings.ToLower(n)
	r.Type = strings.ToUpper(strings.TrimSpace(r.Type))
	return r
}

// canon returns a record's RR the way libdns prints it after parsing, so
// that values written differently but meaning the same compare equal.
func canon(r libdns.RR) libdns.RR {
	rec, err := r.Parse()
	if err != nil {
		return r
	}
	c := rec.RR()
	c.Name = r.Name // SRV and HTTPS names round-trip through their parts
	if sb, ok := rec.(libdns.ServiceBinding); ok && len(sb.Params) > 1 {
		// SvcParams.String follows map order in some libdns versions.
		keys := make([]string, 0, len(sb.Params))
		for k := range sb.Params {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&b, " %s=%q", k, strings.Join(sb.Params[k], ","))
		}
		c.Data = fmt.Sprintf("%d %s%s", sb.Priority, sb.Target, b.String())
	}
	return c
}

// out turns a stored RR into the typed record libdns returns.
func out(r libdns.RR) libdns.Record {
	if rec, err := r.Parse(); err == nil {
		return rec
	}
	return r
}

func outAll(rrs []libdns.RR) []libdns.Record {
	res := make([]libdns.Record, len(rrs))
	for i, r := range rrs {
		res[i] = out(r)
	}
	return res
}

// Put adds records to zone as they are (no contract, no hooks, not counted),
// creating the zone when it is new. Put(zone) with no records just creates
// the zone.
func (s *Store) Put(zone string, rrs ...libdns.RR) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.zones == nil {
		s.zones = map[string][]libdns.RR{}
	}
	z := zoneKey(zone)
	cur := s.zones[z]
	if cur == nil {
		cur = []libdns.RR{}
	}
	for _, r := range rrs {
		cur = append(cur, normRR(r, z))
	}
	s.zones[z] = cur
}

// Records returns a snapshot of zone's records in order, nil for an unknown
// zone.
func (s *Store) Records(zone string) []libdns.RR {
	s.mu.Lock()
	defer s.mu.Unlock()
	rrs, ok := s.zones[zoneKey(zone)]
	if !ok {
		return nil
	}
	return append([]libdns.RR{}, rrs...)
}

// Calls returns how often method (e.g. "SetRecords") was called, failed
// calls included.
func (s *Store) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// ResetCalls sets every call count to zero.
func (s *Store) ResetCalls() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = nil
}

// FailNext makes the next call of method fail with err, changing nothing.
// Calls queue: FailNext twice fails the next two calls.
func (s *Store) FailNext(method string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failNext == nil {
		s.failNext = map[string][]error{}
	}
	s.failNext[method] = append(s.failNext[method], err)
}

// FailFor makes every write (SetRecords, AppendRecords, DeleteRecords) that
// touches owner name fail with err, changing nothing. name is relative to
// the zone ("@" for the apex) or fully qualified; a nil err clears it.
func (s *Store) FailFor(name string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failFor == nil {
		s.failFor = map[string]error{}
	}
	k := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), "."))
	if k == "" {
		k = "@"
	}
	if err == nil {
		delete(s.failFor, k)
		return
	}
	s.failFor[k] = err
}

// SetHook sets a function run before each write, with the method, the zone
// and a copy of the input; when it returns an error, the write fails with it
// and changes nothing. It runs without the Store's lock held, so it may call
// the Store (Put a record to simulate a change made by someone else, say).
// A nil hook removes it.
func (s *Store) SetHook(h func(method, zone string, recs []libdns.Record) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hook = h
}

// begin counts a call and returns the error queued for it, if any.
func (s *Store) begin(ctx context.Context, method string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.calls == nil {
		s.calls = map[string]int{}
	}
	s.calls[method]++
	if q := s.failNext[method]; len(q) > 0 {
		s.failNext[method] = q[1:]
		return q[0]
	}
	return ctx.Err()
}

// beginWrite is begin, then the hook, for the write methods. It returns the
// input as normalised RRs.
func (s *Store) beginWrite(ctx context.Context, method, zone string, recs []libdns.Record) ([]libdns.RR, error) {
	if err := s.begin(ctx, method); err != nil {
		return nil, err
	}
	z := zoneKey(zone)
	in := make([]libdns.RR, len(recs))
	for i, r := range recs {
		if r == nil {
			return nil, fmt.Errorf("dnstest: %s: record %d is nil", method, i)
		}
		in[i] = normRR(r.RR(), z)
	}
	s.mu.Lock()
	h := s.hook
	s.mu.Unlock()
	if h != nil {
		if err := h(method, z, outAll(in)); err != nil {
			return nil, err
		}
	}
	return in, ctx.Err()
}

// checkWrite returns the FailFor error of the first input name that has one,
// and ErrNoZone for an unknown zone. Caller holds s.mu.
func (s *Store) checkWrite(z string, in []libdns.RR) error {
	if _, ok := s.zones[z]; !ok {
		return fmt.Errorf("%w: %s", ErrNoZone, z)
	}
	for _, r := range in {
		if r.Name == "" {
			return errors.New("dnstest: a record has no name")
		}
		abs := strings.TrimSuffix(libdns.AbsoluteName(r.Name, z), ".")
		for _, k := range []string{r.Name, abs} {
			if err, ok := s.failFor[k]; ok {
				return err
			}
		}
	}
	return nil
}

// GetRecords implements libdns.RecordGetter.
func (s *Store) GetRecords(ctx context.Context, zone string) ([]libdns.Record, error) {
	if err := s.begin(ctx, MethodGetRecords); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rrs, ok := s.zones[zoneKey(zone)]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNoZone, zoneKey(zone))
	}
	return outAll(rrs), nil
}

// GetRRset returns the (name, type) RRset; name relative to zone, "@" for
// the apex. An empty RRset is an empty slice and no error.
func (s *Store) GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error) {
	if err := s.begin(ctx, MethodGetRRset); err != nil {
		return nil, err
	}
	z := zoneKey(zone)
	want := normRR(libdns.RR{Name: name, Type: rrtype}, z)
	s.mu.Lock()
	defer s.mu.Unlock()
	rrs, ok := s.zones[z]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNoZone, z)
	}
	res := []libdns.Record{}
	for _, r := range rrs {
		if r.Name == want.Name && r.Type == want.Type {
			res = append(res, out(r))
		}
	}
	return res, nil
}

// ListZones implements libdns.ZoneLister: the zones, sorted, fully qualified
// and in lower case.
func (s *Store) ListZones(ctx context.Context) ([]libdns.Zone, error) {
	if err := s.begin(ctx, MethodListZones); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	res := make([]libdns.Zone, 0, len(s.zones))
	for z := range s.zones {
		res = append(res, libdns.Zone{Name: z})
	}
	sort.Slice(res, func(i, j int) bool { return res[i].Name < res[j].Name })
	return res, nil
}

// sameRR reports whether two normalised records are the same record: name,
// type, TTL and value.
func sameRR(a, b libdns.RR) bool { return canon(a) == canon(b) }

// sameValue is sameRR with the TTL left out.
func sameValue(a, b libdns.RR) bool {
	a.TTL, b.TTL = 0, 0
	return sameRR(a, b)
}

// SetRecords implements libdns.RecordSetter: for every (name, type) of the
// input, the input's records become the whole RRset (a record given twice
// is kept once); nothing else changes. The first new record takes the place
// of the RRset's first old one, the rest follow it. It is atomic.
func (s *Store) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	in, err := s.beginWrite(ctx, MethodSetRecords, zone, recs)
	if err != nil {
		return nil, err
	}
	z := zoneKey(zone)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkWrite(z, in); err != nil {
		return nil, err
	}
	type key struct{ name, typ string }
	sets := map[key][]libdns.RR{}
	var order []key
	for _, r := range in {
		k := key{r.Name, r.Type}
		if _, ok := sets[k]; !ok {
			order = append(order, k)
		}
		dup := false
		for _, o := range sets[k] {
			dup = dup || sameValue(o, r)
		}
		if !dup {
			sets[k] = append(sets[k], r)
		}
	}
	next := make([]libdns.RR, 0, len(s.zones[z])+len(in))
	placed := map[key]bool{}
	for _, r := range s.zones[z] {
		k := key{r.Name, r.Type}
		rs, ok := sets[k]
		if !ok {
			next = append(next, r)
			continue
		}
		if !placed[k] {
			next = append(next, rs...)
			placed[k] = true
		}
	}
	for _, k := range order {
		if !placed[k] {
			next = append(next, sets[k]...)
		}
	}
	s.zones[z] = next
	return outAll(in), nil
}

// AppendRecords implements libdns.RecordAppender: it adds the input's
// records after the others; a record already there (same value) is not
// added again, but returned. It is atomic.
func (s *Store) AppendRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	in, err := s.beginWrite(ctx, MethodAppendRecords, zone, recs)
	if err != nil {
		return nil, err
	}
	z := zoneKey(zone)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkWrite(z, in); err != nil {
		return nil, err
	}
	next := append([]libdns.RR{}, s.zones[z]...)
	for _, r := range in {
		exists := false
		for _, o := range next {
			exists = exists || sameValue(o, r)
		}
		if !exists {
			next = append(next, r)
		}
	}
	s.zones[z] = next
	return outAll(in), nil
}

// DeleteRecords implements libdns.RecordDeleter: it removes the records
// matching an input record in name and, where given, type, TTL and value,
// and returns those removed. It is atomic.
func (s *Store) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	in, err := s.beginWrite(ctx, MethodDeleteRecords, zone, recs)
	if err != nil {
		return nil, err
	}
	z := zoneKey(zone)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkWrite(z, in); err != nil {
		return nil, err
	}
	var next, gone []libdns.RR
	for _, r := range s.zones[z] {
		hit := false
		for _, d := range in {
			if matchDelete(r, d) {
				hit = true
				break
			}
		}
		if hit {
			gone = append(gone, r)
		} else {
			next = append(next, r)
		}
	}
	if next == nil {
		next = []libdns.RR{}
	}
	s.zones[z] = next
	return outAll(gone), nil
}

// matchDelete reports whether stored record r matches deletion pattern d:
// the same name, and the same type, TTL and value where d gives them.
func matchDelete(r, d libdns.RR) bool {
	if r.Name != d.Name || (d.Type != "" && r.Type != d.Type) || (d.TTL != 0 && r.TTL != d.TTL) {
		return false
	}
	if d.Data == "" {
		return true
	}
	if d.Type == "" {
		return r.Data == d.Data
	}
	return canon(libdns.RR{Name: r.Name, Type: r.Type, Data: r.Data}) == canon(libdns.RR{Name: d.Name, Type: d.Type, Data: d.Data})
}
