// Package zonefile is a libdns provider over a directory of RFC 1035 zone
// files, one zone per file, for hosts whose DNS is served from files (BIND,
// NSD, Knot) and for trying spfpatch offline.
//
// # Files
//
// Zone Z is held by the file Z.zone, Z.db or Z of the directory (the name
// in lower case, as given, or both), and only by that file: the file's SOA
// record must name Z. Relative names in a file are completed with its name
// minus a .zone or .db extension (the rule of resolver's --zone-dir). No
// other file of the directory is ever read, so a file kept beside the zones
// (a token, a key) is never parsed; and no error quotes a zone file's
// content, only its name and a line number (FileError). Zone names are
// accepted with or without the trailing dot, in any case; record names are
// relative to the zone, "@" (or "") for the apex.
//
// A file is parsed when a zone in it is first asked for, once, and again
// only when it changed (its size, modification time or identity), checked
// with one stat per read. $GENERATE and $INCLUDE are refused, each with its
// own error, when the file is read, so spfpatch plan already reports them.
//
// # Reading
//
// GetRecords returns the records of class IN at or below the apex, in file
// order, the SOA included (as a libdns.RR). A record the file holds twice
// (the same owner, type and data) is returned once: it is one record of
// the zone (RFC 2181 §5), as a name server serves it; a write that keeps
// it keeps both its lines. A TXT record's value is its
// character-strings joined with nothing between them, presentation escapes
// (\", \\, \DDD) decoded; GetRRset returns TXT records as TXT, which also
// gives each record's character-strings.
//
// # Writing
//
// SetRecords, AppendRecords and DeleteRecords edit the file as text: the
// lines of the RRsets they change are replaced, inserted or removed, and
// every other byte of the file is kept, comments, directives and layout
// included. A changed record takes the place of the line it replaces,
// keeping its owner field, class, spacing and comments; a new RRset goes
// after the last record of its owner. A line whose owner or TTL was implied
// by a line that changed is given its own. A TXT record handed in with its
// character-strings (a record with a TXTStrings method, as GetRRset returns
// and spfpatch's plan hands back) is written with exactly those strings and
// matches only a line with the same strings; a plain libdns.TXT matches by
// its joined value and, when new, is written as several quoted strings of
// at most 255 bytes, cut between SPF terms (spfedit.Split). A record with a
// TTL of 0 takes the TTL of the RRset it joins, else the file's $TTL, else
// the SOA minimum. The edited text is parsed again before it is written,
// and every record must read back as intended.
//
// Every write bumps the SOA serial: a date serial (YYYYMMDDnn) becomes
// today's first serial, or the next one when that is not greater; any other
// serial grows by one, wrapping as RFC 1982 says. A write that changes
// nothing leaves the file alone.
//
// # Locking and replacing the file
//
// Writers of one file exclude each other, within the process and, on Unix,
// across processes, with an advisory lock (flock) on the file itself, taken
// again when the file was replaced while waiting; the lock is on the file
// the rename replaces, so it lasts to the rename. Elsewhere (Windows) there
// is no cross-process lock, and the locked file is closed before the
// rename, which cannot replace an open file there. LockZone takes it for a caller
// that reads, checks and writes under it (spfpatch apply holds it from the
// re-read to the read-back); a write without it takes it for itself. A
// program that edits the file without flock is detected just before the
// rename (the file is read again and compared): the write is then made anew
// on the new text, or, under a caller's LockZone, refused.
//
// The file is replaced atomically: a temporary file .NAME.spfpatch-tmp in
// the same directory (a symbolic link is followed to its target) is
// written, given the file's owner, group, mode and extended attributes
// (POSIX ACLs included), synced, renamed over the file, and the directory
// is synced. A file is not replaced when that would change what it is: a
// file the user could not write (its mode, its owner, an ACL), one that
// belongs to another user or a group the user is not in, one with several
// hard links, or one whose attributes cannot be kept (FileError, code
// CodeUnsafe). Temporary files left by a run that was killed are removed
// once their file's lock is held: only regular files named as spfpatch
// names them, next to a regular zone file (a FIFO or a link there is never
// opened), or, when their zone file is gone, once an hour old. Writing SOA records is refused. No check
// is made that a CNAME stands alone.
package zonefile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/libdns/libdns"
	"github.com/miekg/dns"
	"golang.org/x/sync/singleflight"

	"github.com/spfpatch/spfpatch/providers"
)

// Sentinel errors, for errors.Is.
var (
	// ErrZoneNotFound: no file of the directory holds the zone.
	ErrZoneNotFound = errors.New("zonefile: zone not found")
	// ErrConcurrentChange: the file kept changing on disk during the edit.
	ErrConcurrentChange = errors.New("zonefile: the zone file kept changing on disk during the edit")
)

// maxAttempts bounds how often a write without LockZone is made anew
// because another program changed the file underneath.
const maxAttempts = 5

// maxZoneFile bounds the size of a zone file read.
const maxZoneFile = 256 << 20

// Provider reads and writes the zone files of one directory. Its methods are
// safe for concurrent use.
type Provider struct {
	dir string

	mu    sync.Mutex
	files map[string]*cachedFile // by path in dir
	// The parses kept: all of them with KeepParses (a run that writes what
	// it read), else the latest, up to cacheBudget bytes (a run that only
	// reads keeps no more than that, whatever the number of files).
	keepAll bool
	queue   []*cachedFile     // in the order they were stored
	cached  int64             // their estimated size
	found   map[string]string // zone (lower case FQDN) -> path
	real    map[string]string // path -> the file written (links resolved)
	swept   map[string]bool   // directories swept of stale temporary files
	dirty   map[string]bool   // directories with renames not yet synced (SyncWrites)
	loads   singleflight.Group

	// Hooks for tests.
	now          func() time.Time
	beforeCommit func(path string)
	fault        func(step string) error // fails a step of writeAtomic
}

// cachedFile is one file as last read: its identity and parse.
type cachedFile struct {
	path string
	key  fileKey
	zf   *zoneFile
	err  error
	size int64 // estimated bytes held
}

// cacheBudget bounds the parses kept without KeepParses.
const cacheBudget = 1 << 20

// KeepParses makes the provider keep the parse of every zone file it reads
// for the rest of the run, so that a file read when planning is not parsed
// again when it is written (spfpatch apply calls it; plan does not, and
// keeps only the latest parses).
func (p *Provider) KeepParses() {
	p.mu.Lock()
	p.keepAll = true
	p.mu.Unlock()
}

// store records the parse of the file at path. Caller holds p.mu.
func (p *Provider) store(c *cachedFile) {
	if old := p.files[c.path]; old != nil {
		p.cached -= old.size
	}
	c.size = 512
	if c.zf != nil {
		c.size += int64(len(c.zf.data))*4 + int64(len(c.zf.rrs))*160
	}
	p.files[c.path] = c
	p.cached += c.size
	p.queue = append(p.queue, c)
	for !p.keepAll && p.cached > cacheBudget && len(p.queue) > 0 {
		e := p.queue[0]
		p.queue[0] = nil
		p.queue = p.queue[1:]
		if p.files[e.path] == e {
			delete(p.files, e.path)
			p.cached -= e.size
		}
	}
	if len(p.queue) > 2*len(p.files)+64 {
		// Entries replaced since: drop them from the queue.
		q := p.queue[:0]
		for _, e := range p.queue {
			if p.files[e.path] == e {
				q = append(q, e)
			}
		}
		p.queue = q
	}
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
	return &Provider{dir: dir, files: map[string]*cachedFile{}, found: map[string]string{}, real: map[string]string{},
		swept: map[string]bool{}, dirty: map[string]bool{}, now: time.Now}, nil
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

// zoneKey is a zone's key in the provider's maps.
func zoneKey(zone string) string { return strings.ToLower(normZone(zone)) }

// candidates are the file names that may hold zone z (fully qualified).
func candidates(z string) []string {
	bare := strings.TrimSuffix(z, ".")
	if bare == "" || strings.HasPrefix(bare, ".") || strings.ContainsAny(bare, `/\`) {
		return nil
	}
	var out []string
	for _, b := range []string{bare, strings.ToLower(bare)} {
		for _, n := range []string{b + ".zone", b + ".db", b} {
			if !contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// find returns the path of the file holding zone, and its parse: the first
// of Z.zone, Z.db and Z that exists and whose SOA names the zone. A
// candidate that cannot be parsed is an error naming it (and its line).
func (p *Provider) find(zone string) (string, *zoneFile, error) {
	z := normZone(zone)
	if strings.TrimSpace(zone) == "" {
		return "", nil, errors.New("zonefile: no zone given")
	}
	k := strings.ToLower(z)
	p.mu.Lock()
	path := p.found[k]
	p.mu.Unlock()
	if path != "" {
		if zf, err := p.loadPath(path); err == nil && strings.EqualFold(zf.zone, z) {
			return path, zf, nil
		}
		p.mu.Lock()
		delete(p.found, k)
		p.mu.Unlock()
	}
	var other error
	names := candidates(z)
	for _, n := range names {
		path := filepath.Join(p.dir, n)
		zf, err := p.loadPath(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", nil, err
		}
		if !strings.EqualFold(zf.zone, z) {
			if other == nil {
				other = fileErr(CodeZoneFile, "zonefile.other-zone", ErrZoneNotFound, path, zf.zone, z)
			}
			continue
		}
		p.mu.Lock()
		p.found[k] = path
		p.mu.Unlock()
		return path, zf, nil
	}
	if other != nil {
		return "", nil, other
	}
	return "", nil, fmt.Errorf("%w: no file %s in %s", ErrZoneNotFound, strings.Join(names, ", "), p.dir)
}

// loadPath returns the parse of the file at path: from the cache when the
// file's size, modification time and identity are those it was read with
// (one stat), else read and parsed now. A missing file, or one that is not
// a regular file, is fs.ErrNotExist; only a regular file is opened (opening
// a FIFO to read would let a program waiting to write it go on).
func (p *Provider) loadPath(path string) (*zoneFile, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("zonefile: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegular(path)
	}
	p.mu.Lock()
	c := p.files[path]
	p.mu.Unlock()
	if c != nil && c.key == keyOf(fi) {
		return c.zf, c.err
	}
	v, err, _ := p.loads.Do(path, func() (any, error) {
		data, key, err := readRegular(path)
		if err != nil {
			return nil, err
		}
		zf, perr := parseZoneFile(path, data)
		p.mu.Lock()
		p.store(&cachedFile{path: path, key: key, zf: zf, err: perr})
		p.mu.Unlock()
		return zf, perr
	})
	if err != nil {
		return nil, err
	}
	return v.(*zoneFile), nil
}

// notRegular is the error of a path that holds something else than a
// regular file: fs.ErrNotExist, as no zone file is there.
func notRegular(path string) error {
	return fmt.Errorf("zonefile: %s is not a regular file: %w", path, fs.ErrNotExist)
}

// readBounded reads a whole regular file, at most maxZoneFile bytes, and
// returns the file's information as read (fstat). It is opened without
// blocking (a FIFO put there since the caller's stat is refused, not waited
// on), following a symbolic link.
func readBounded(path string) ([]byte, os.FileInfo, error) {
	f, err := openFile(path, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		if fi, serr := os.Stat(path); serr == nil && !fi.Mode().IsRegular() {
			return nil, nil, notRegular(path) // a socket, say
		}
		return nil, nil, fmt.Errorf("zonefile: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("zonefile: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, notRegular(path)
	}
	data, err := readAllFrom(f, path, fi.Size())
	return data, fi, err
}

// readAllFrom reads f from its start, at most maxZoneFile bytes; size is
// what fstat said (the buffer's first size, so a file that did not change
// is read in one call and an end-of-file).
func readAllFrom(f *os.File, path string, size int64) ([]byte, error) {
	if size < 0 || size > maxZoneFile {
		size = 0
	}
	data := make([]byte, 0, size+1)
	r := io.NewSectionReader(f, 0, maxZoneFile+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("zonefile: %w", err)
		}
	}
	if len(data) > maxZoneFile {
		return nil, fileErr(CodeZoneFile, "zonefile.too-big", ErrSyntax, path, maxZoneFile>>20)
	}
	return data, nil
}

// zoneFor returns the parse of the file holding zone: the one read under
// the caller's LockZone when ctx carries it, else the cached or fresh one.
func (p *Provider) zoneFor(ctx context.Context, zone string) (*zoneFile, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if h := p.heldIn(ctx, zone); h != nil {
		return h.current()
	}
	_, zf, err := p.find(zone)
	return zf, err
}

// zoneNameRE matches a file name that may hold a zone.
var zoneNameRE = regexp.MustCompile(`(?i)^(.+?)(\.zone|\.db)?$`)

// ListZones implements libdns.ZoneLister: the zones the directory's file
// names stand for (Z.zone, Z.db, Z), sorted, fully qualified, in lower case.
// No file is read: a file's SOA is checked when its zone is first used.
func (p *Provider) ListZones(ctx context.Context) ([]libdns.Zone, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	des, err := os.ReadDir(p.dir)
	if err != nil {
		return nil, fmt.Errorf("zonefile: %w", err)
	}
	seen := map[string]bool{}
	var zones []libdns.Zone
	for _, de := range des {
		n := de.Name()
		if strings.HasPrefix(n, ".") || strings.HasSuffix(n, "~") || de.IsDir() {
			continue
		}
		m := zoneNameRE.FindStringSubmatch(n)
		if m == nil {
			continue
		}
		z := strings.ToLower(m[1])
		if _, ok := dns.IsDomainName(z); !ok || seen[z] {
			continue
		}
		seen[z] = true
		zones = append(zones, libdns.Zone{Name: dns.Fqdn(z)})
	}
	sort.Slice(zones, func(i, j int) bool { return zones[i].Name < zones[j].Name })
	return zones, nil
}

// GetRecords implements libdns.RecordGetter.
func (p *Provider) GetRecords(ctx context.Context, zone string) ([]libdns.Record, error) {
	zf, err := p.zoneFor(ctx, zone)
	if err != nil {
		return nil, err
	}
	var out []libdns.Record
	seen := map[string]bool{}
	for _, rr := range zf.rrs {
		if !zf.inZone(rr) {
			continue
		}
		if k := dupKey(rr); seen[k] {
			continue // the same record twice (RFC 2181 §5): one record
		} else {
			seen[k] = true
		}
		out = append(out, fromDNS(rr, zf.zone))
	}
	return out, nil
}

// dupKey identifies a record's data, TTL aside: two records of a file with
// the same key are one record of the zone (RFC 2181 §5: an RRset holds no
// duplicates, and name servers serve one), so reads return it once; a
// write that keeps the record keeps both lines (editor.set).
func dupKey(rr dns.RR) string {
	h := rr.Header()
	return strings.ToLower(h.Name) + " " + strconv.Itoa(int(h.Class)) + " " + strconv.Itoa(int(h.Rrtype)) + " " + rdataText(rr)
}

// TXT is a TXT record as GetRRset returns it: the libdns record (its
// strings joined) and its character-strings, as octets.
type TXT struct {
	libdns.TXT
	Strings []string
}

// TXTStrings returns the record's character-strings.
func (t TXT) TXTStrings() []string { return t.Strings }

// GetRRset returns the records of one (name, type) RRset: name relative to
// zone, "@" for the apex. An empty RRset is an empty slice and no error. TXT
// records are TXT values, with their character-strings.
func (p *Provider) GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error) {
	zf, err := p.zoneFor(ctx, zone)
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
	var got []dns.RR
	for _, rr := range zf.rrs {
		h := rr.Header()
		if h.Class == dns.ClassINET && h.Rrtype == code && strings.EqualFold(h.Name, owner) {
			dup := false
			for _, o := range got {
				dup = dup || sameData(o, rr)
			}
			if dup {
				continue // the same record twice (RFC 2181 §5): one record
			}
			got = append(got, rr)
			rec := fromDNS(rr, zf.zone)
			if t, ok := rr.(*dns.TXT); ok {
				rec = TXT{TXT: rec.(libdns.TXT), Strings: txtStrings(t)}
			}
			out = append(out, rec)
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
			rr, exact, err := toDNS(rec, ed.zf.zone, ed.defaultTTL)
			if err != nil {
				return err
			}
			if exact {
				ed.exact[rr] = true
			}
			k := key{strings.ToLower(rr.Header().Name), rr.Header().Rrtype}
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			dup := false
			for _, o := range groups[k] {
				dup = dup || (ed.exact[o] && exact && sameData(o, rr)) || (!ed.exact[o] && !exact && sameValue(o, rr))
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
			rr, exact, err := toDNS(rec, ed.zf.zone, ed.defaultTTL)
			if err != nil {
				return err
			}
			if exact {
				ed.exact[rr] = true
			}
			h := rr.Header()
			exists := false
			for _, i := range ed.rrset(h.Name, h.Rrtype) {
				exists = exists || ed.same(rr, ed.pieces[i].want)
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
				want, _, err = toDNS(rec, ed.zf.zone, func(string, uint16) uint32 { return 0 })
				if err != nil {
					return err
				}
				if txtStringsOf(rec) != nil {
					ed.exact[want] = true
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
					want != nil && !ed.same(want, pc.want):
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
