// Package zonefile is a libdns provider over a directory of RFC 1035 zone
// files, one zone per file, for hosts whose DNS is served from files (BIND,
// NSD, Knot) and for trying spfpatch offline.
//
// # Files
//
// Every regular file of the directory whose name does not start with '.' or
// end with '~' is a zone file. Relative names in a file are completed with
// its name minus a .zone or .db extension (the rule of resolver's
// --zone-dir); the zone is the owner of the file's SOA record, so
// "shop.example.zone", "shop.example.db" and "shop.example" may all hold
// zone shop.example. Files are read with miekg/dns's ZoneParser; $INCLUDE is
// refused. Zone names are accepted with or without the trailing dot, in any
// case; record names are relative to the zone, "@" (or "") for the apex.
//
// # Reading
//
// GetRecords returns the records of class IN at or below the apex, in file
// order, the SOA included (as a libdns.RR). A TXT record's value is its
// character-strings joined with nothing between them, presentation escapes
// (\", \\, \DDD) decoded.
//
// # Writing
//
// SetRecords, AppendRecords and DeleteRecords edit the file as text: the
// lines of the RRsets they change are replaced, inserted or removed, and
// every other byte of the file is kept, comments, directives and layout
// included. A changed record takes the place of the line it replaces,
// keeping its owner field, class, spacing and comments; a new RRset goes
// after the last record of its owner. A line whose owner or TTL was implied
// by a line that changed is given its own. TXT values over 255 bytes are
// written as several quoted strings, cut between SPF terms (spfedit.Split).
// A record with a TTL of 0 takes the TTL of the RRset it joins, else the
// file's $TTL, else the SOA minimum. The edited text is parsed again before
// it is written, and every record must read back as intended.
//
// Every write bumps the SOA serial: a date serial (YYYYMMDDnn) becomes
// today's first serial, or the next one when that is not greater; any other
// serial grows by one, wrapping as RFC 1982 says. A write that changes
// nothing leaves the file alone.
//
// The file is replaced atomically: a temporary file in the same directory,
// with the same mode, is written and synced, renamed over the original (a
// symbolic link is followed to its target), and the directory is synced.
// Writes to one file are serialised within the process; a file that changed
// on disk after it was read (by another program) is read again and the edit
// made anew. The check is made just before the rename, so a write by another
// program in the instant between the two can still be lost: zone files
// shared with other writers should be edited one program at a time.
//
// SetRecords is atomic: the whole file is replaced or, on error, left as it
// was. Writing SOA records is refused. No check is made that a CNAME stands
// alone. A rewritten file keeps its owner and group where the system allows
// (running as root, say); otherwise it belongs to the user who ran spfpatch.
package zonefile

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/libdns/libdns"
	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/providers"
)

// Sentinel errors, for errors.Is.
var (
	// ErrZoneNotFound: no file of the directory holds the zone.
	ErrZoneNotFound = errors.New("zonefile: zone not found")
	// ErrConcurrentChange: the file kept changing on disk while it was being
	// edited.
	ErrConcurrentChange = errors.New("zonefile: the zone file kept changing on disk during the edit")
)

// maxAttempts bounds how often an edit is made anew because the file changed
// underneath.
const maxAttempts = 5

// Provider reads and writes the zone files of one directory. Its methods are
// safe for concurrent use.
type Provider struct {
	dir string

	mu    sync.Mutex
	cache map[string]cached // per file: its zone, by size and mtime

	// Hooks for tests.
	now          func() time.Time
	beforeCommit func(path string)
	fault        func(step string) error // fails a step of writeAtomic
}

type cached struct {
	size  int64
	mtime time.Time
	zone  string
	err   error
}

// New returns a provider over the zone files in dir.
func New(dir string) (*Provider, error) {
	if dir == "" {
		return nil, errors.New("zonefile: no zone directory given")
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("zonefile: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("zonefile: %s is not a directory", dir)
	}
	return &Provider{dir: dir, cache: map[string]cached{}, now: time.Now}, nil
}

// Dir returns the directory of zone files.
func (p *Provider) Dir() string { return p.dir }

var zoneDirSetting = providers.Setting{Name: "zone-dir", Env: "SPFPATCH_ZONE_DIR", Required: true, Usage: "the directory of RFC 1035 zone files"}

func init() {
	providers.Register(providers.Info{
		Name:        "zonefile",
		Description: "RFC 1035 zone files in a directory (BIND, NSD, Knot): edits the file in place, bumps the SOA serial",
		Settings:    []providers.Setting{zoneDirSetting},
		Caps: providers.Capabilities{
			AtomicReplace: true,
			ExactDelete:   true,
			LongTXT:       true,
			TXTRead:       "unquoted, strings joined",
			Offline:       true,
			ListZones:     true,
			Notes: []string{
				"reload the name server after a change (rndc reload, nsd-control reload, knotc zone-reload)",
			},
		},
		New: func(env providers.Env) (providers.Provider, error) {
			return New(env.Get(zoneDirSetting))
		},
	})
}

// normZone returns a zone name fully qualified.
func normZone(zone string) string { return dns.Fqdn(strings.TrimSpace(zone)) }

// zoneFiles lists the candidate zone files of the directory.
func (p *Provider) zoneFiles() ([]string, error) {
	des, err := os.ReadDir(p.dir)
	if err != nil {
		return nil, fmt.Errorf("zonefile: %w", err)
	}
	var out []string
	for _, de := range des {
		n := de.Name()
		if strings.HasPrefix(n, ".") || strings.HasSuffix(n, "~") {
			continue
		}
		path := filepath.Join(p.dir, n)
		fi, err := os.Stat(path)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		out = append(out, path)
	}
	return out, nil
}

// zoneOf returns the zone a file holds, parsing it only when it changed.
func (p *Provider) zoneOf(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	p.mu.Lock()
	c, ok := p.cache[path]
	p.mu.Unlock()
	if ok && c.size == fi.Size() && c.mtime.Equal(fi.ModTime()) {
		return c.zone, c.err
	}
	c = cached{size: fi.Size(), mtime: fi.ModTime()}
	zf, err := readZoneFile(path)
	if err != nil {
		c.err = err
	} else {
		c.zone = zf.zone
	}
	p.mu.Lock()
	p.cache[path] = c
	p.mu.Unlock()
	return c.zone, c.err
}

// find returns the file holding zone: <zone>.zone, <zone>.db or <zone> when
// that file's SOA says so, else the one file of the directory that does.
func (p *Provider) find(zone string) (string, error) {
	z := normZone(zone)
	if z == "." && strings.TrimSpace(zone) == "" {
		return "", errors.New("zonefile: no zone given")
	}
	bare := strings.TrimSuffix(z, ".")
	for _, n := range []string{bare + ".zone", bare + ".db", bare} {
		if strings.ContainsAny(n, `/\`) {
			break
		}
		path := filepath.Join(p.dir, n)
		if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if got, err := p.zoneOf(path); err == nil && strings.EqualFold(got, z) {
			return path, nil
		}
	}
	files, err := p.zoneFiles()
	if err != nil {
		return "", err
	}
	var found []string
	var bad []error
	for _, path := range files {
		got, err := p.zoneOf(path)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		if strings.EqualFold(got, z) {
			found = append(found, path)
		}
	}
	switch len(found) {
	case 0:
		err := fmt.Errorf("%w: no file in %s has the SOA of %s", ErrZoneNotFound, p.dir, z)
		if len(bad) > 0 {
			err = fmt.Errorf("%w (files that could not be read: %w)", err, errors.Join(bad...))
		}
		return "", err
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("zonefile: zone %s is in more than one file: %s", z, strings.Join(found, ", "))
}

// readZoneFile reads and parses the file at path, symbolic links followed.
func readZoneFile(path string) (*zoneFile, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, fmt.Errorf("zonefile: %w", err)
	}
	data, err := os.ReadFile(real)
	if err != nil {
		return nil, fmt.Errorf("zonefile: %w", err)
	}
	fi, err := os.Stat(real)
	if err != nil {
		return nil, fmt.Errorf("zonefile: %w", err)
	}
	zf, err := parseZoneFile(real, data, fi.Mode().Perm())
	if err != nil {
		return nil, fmt.Errorf("zonefile: %w", err)
	}
	return zf, nil
}

// load reads the file holding zone.
func (p *Provider) load(ctx context.Context, zone string) (*zoneFile, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	path, err := p.find(zone)
	if err != nil {
		return nil, err
	}
	return readZoneFile(path)
}

// ListZones implements libdns.ZoneLister: the zone of every file, sorted,
// fully qualified and in lower case. A file that cannot be read fails the
// call, naming the file.
func (p *Provider) ListZones(ctx context.Context) ([]libdns.Zone, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	files, err := p.zoneFiles()
	if err != nil {
		return nil, err
	}
	var zones []libdns.Zone
	var errs []error
	for _, path := range files {
		z, err := p.zoneOf(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		zones = append(zones, libdns.Zone{Name: strings.ToLower(z)})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(zones, func(i, j int) bool { return zones[i].Name < zones[j].Name })
	return zones, nil
}

// GetRecords implements libdns.RecordGetter.
func (p *Provider) GetRecords(ctx context.Context, zone string) ([]libdns.Record, error) {
	zf, err := p.load(ctx, zone)
	if err != nil {
		return nil, err
	}
	var out []libdns.Record
	for _, rr := range zf.rrs {
		if zf.inZone(rr) {
			out = append(out, fromDNS(rr, zf.zone))
		}
	}
	return out, nil
}

// GetRRset returns the records of one (name, type) RRset: name relative to
// zone, "@" for the apex. An empty RRset is an empty slice and no error.
func (p *Provider) GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error) {
	zf, err := p.load(ctx, zone)
	if err != nil {
		return nil, err
	}
	owner, err := absOwner(name, zf.zone)
	if err != nil {
		return nil, err
	}
	code, ok := typeCode(strings.TrimSpace(rrtype))
	if !ok {
		return nil, fmt.Errorf("zonefile: unknown record type %q", rrtype)
	}
	out := []libdns.Record{}
	for _, rr := range zf.rrs {
		h := rr.Header()
		if h.Class == dns.ClassINET && h.Rrtype == code && strings.EqualFold(h.Name, owner) {
			out = append(out, fromDNS(rr, zf.zone))
		}
	}
	return out, nil
}

// SetRecords implements libdns.RecordSetter: for each (name, type) of recs,
// those records become the whole RRset. It is atomic.
func (p *Provider) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	var out []libdns.Record
	err := p.update(ctx, zone, func(ed *editor) error {
		out = nil
		type key struct {
			name   string
			rrtype uint16
		}
		var order []key
		groups := map[key][]dns.RR{}
		for _, rec := range recs {
			rr, err := toDNS(rec, ed.zf.zone, ed.defaultTTL)
			if err != nil {
				return err
			}
			k := key{strings.ToLower(rr.Header().Name), rr.Header().Rrtype}
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			dup := false
			for _, o := range groups[k] {
				dup = dup || sameValue(o, rr)
			}
			if !dup {
				groups[k] = append(groups[k], rr)
			}
			out = append(out, fromDNS(rr, ed.zf.zone))
		}
		for _, k := range order {
			ed.set(groups[k])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AppendRecords implements libdns.RecordAppender. A record already in the
// zone with the same value is not written twice, and is returned.
func (p *Provider) AppendRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	var out []libdns.Record
	err := p.update(ctx, zone, func(ed *editor) error {
		out = nil
		for _, rec := range recs {
			rr, err := toDNS(rec, ed.zf.zone, ed.defaultTTL)
			if err != nil {
				return err
			}
			h := rr.Header()
			exists := false
			for _, i := range ed.rrset(h.Name, h.Rrtype) {
				exists = exists || sameValue(ed.pieces[i].want, rr)
			}
			if !exists {
				ed.insert(rr)
			}
			out = append(out, fromDNS(rr, ed.zf.zone))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteRecords implements libdns.RecordDeleter: it deletes the records that
// match the input exactly; an empty type, a zero TTL or empty data match
// any. TXT values match on their strings joined. The SOA is never deleted.
func (p *Provider) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	var out []libdns.Record
	err := p.update(ctx, zone, func(ed *editor) error {
		out = nil
		for _, rec := range recs {
			r := rec.RR()
			if strings.TrimSpace(r.Name) == "" {
				return errors.New("zonefile: DeleteRecords needs a record name")
			}
			owner, err := absOwner(r.Name, ed.zf.zone)
			if err != nil {
				return err
			}
			var code uint16
			if r.Type != "" {
				c, ok := typeCode(strings.TrimSpace(r.Type))
				if !ok {
					return fmt.Errorf("zonefile: unknown record type %q", r.Type)
				}
				code = c
			}
			var want dns.RR
			if r.Data != "" && code != 0 {
				want, err = toDNS(rec, ed.zf.zone, func(string, uint16) uint32 { return 0 })
				if err != nil {
					return err
				}
			}
			var hit []int
			for i, pc := range ed.pieces {
				if pc.kind != kindRR || !ed.zf.inZone(pc.want) {
					continue
				}
				h := pc.want.Header()
				switch {
				case h.Rrtype == dns.TypeSOA,
					!strings.EqualFold(h.Name, owner),
					code != 0 && h.Rrtype != code,
					r.TTL != 0 && time.Duration(h.Ttl)*time.Second != r.TTL.Truncate(time.Second),
					r.Data != "" && code == 0 && fromDNS(pc.want, ed.zf.zone).RR().Data != r.Data,
					want != nil && !sameValue(pc.want, want):
					continue
				}
				out = append(out, fromDNS(pc.want, ed.zf.zone))
				hit = append(hit, i)
			}
			for k := len(hit) - 1; k >= 0; k-- {
				ed.remove(hit[k])
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// fileLocks serialises writes to one file (by its path, symbolic links
// resolved) across every Provider of the process.
var fileLocks sync.Map // string -> *sync.Mutex

// lockFor returns the mutex that serialises writes to one file.
func lockFor(path string) *sync.Mutex {
	m, _ := fileLocks.LoadOrStore(path, &sync.Mutex{})
	return m.(*sync.Mutex)
}

// update reads the zone's file, lets edit change it and writes it back
// atomically, with the SOA serial bumped, unless nothing changed. When the
// file changed on disk since it was read, it is read again and the edit
// made anew.
func (p *Provider) update(ctx context.Context, zone string, edit func(*editor) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	path, err := p.find(zone)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("zonefile: %w", err)
	}
	mu := lockFor(real)
	mu.Lock()
	defer mu.Unlock()
	for range maxAttempts {
		if err := ctx.Err(); err != nil {
			return err
		}
		zf, err := readZoneFile(real)
		if err != nil {
			return err
		}
		if !strings.EqualFold(zf.zone, normZone(zone)) {
			return fmt.Errorf("%w: %s now holds zone %s", ErrZoneNotFound, real, zf.zone)
		}
		if zf.editErr != nil {
			return fmt.Errorf("zonefile: %w", zf.editErr)
		}
		ed := newEditor(zf)
		if err := edit(ed); err != nil {
			return fmt.Errorf("zonefile: zone %s: %w", zf.zone, err)
		}
		if !ed.changed {
			return nil
		}
		if err := ed.bumpSerial(p.now()); err != nil {
			return fmt.Errorf("zonefile: %s: %w", real, err)
		}
		text, err := ed.text()
		if err != nil {
			return fmt.Errorf("zonefile: %s: %w", real, err)
		}
		if p.beforeCommit != nil {
			p.beforeCommit(real)
		}
		cur, err := os.ReadFile(real)
		if err != nil {
			return fmt.Errorf("zonefile: %w", err)
		}
		if sha256.Sum256(cur) != zf.sum {
			continue // changed underneath: read it again
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := p.writeAtomic(real, []byte(text), zf.mode); err != nil {
			return fmt.Errorf("zonefile: %w", err)
		}
		return nil
	}
	return fmt.Errorf("%w: %s", ErrConcurrentChange, real)
}

// writeAtomic replaces the file at path with data: a temporary file in the
// same directory is written, given mode (and path's owner where it can be),
// synced and renamed over path, and the directory is synced.
func (p *Provider) writeAtomic(path string, data []byte, mode os.FileMode) (err error) {
	step := func(name string) error {
		if p.fault != nil {
			return p.fault(name)
		}
		return nil
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".spfpatch-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = step("write"); err != nil {
		return err
	}
	if fi, serr := os.Stat(path); serr == nil {
		keepOwner(f, fi)
	}
	if err = f.Chmod(mode); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = step("sync"); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = step("rename"); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		derr = d.Sync()
		d.Close()
		if derr != nil && !ignorableSyncErr(derr) {
			return fmt.Errorf("%s was replaced, but syncing its directory failed: %w", path, derr)
		}
	}
	return nil
}

// ignorableSyncErr: some systems cannot sync a directory.
func ignorableSyncErr(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, errors.ErrUnsupported)
}

// nextSerial returns the SOA serial after old. A serial that reads as a
// date, YYYYMMDDnn, becomes today's first serial when that is greater, else
// old+1; RFC 1982 §3.1 addition wraps at 2^32.
func nextSerial(old uint32, now time.Time) uint32 {
	if looksLikeDate(old) {
		y, m, d := now.UTC().Date()
		today := uint32(y*1000000 + int(m)*10000 + d*100)
		if serialLess(old, today) {
			return today
		}
	}
	return old + 1
}

func looksLikeDate(s uint32) bool {
	if s < 1_000_000_000 {
		return false
	}
	y, m, d := s/1000000, s/10000%100, s/100%100
	return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// serialLess is RFC 1982 §3.2 "less than" for 32-bit serial numbers.
func serialLess(a, b uint32) bool {
	return (a < b && b-a < 1<<31) || (a > b && a-b > 1<<31)
}
