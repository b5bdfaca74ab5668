package resolver

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miekg/dns"
)

// zoneDir holds the zones of Config.ZoneDir. Files are re-read when the
// directory or the file a question falls into changed (modification time,
// size or identity, so an atomic rename is seen), checked with a stat on
// every offline lookup; a question that falls into no zone also checks the
// files named for its zone and its parents (a file rewritten to hold its
// zone again). A file that can no longer be read alone (it does not parse,
// or holds another zone now) is read again at the rescan that follows. When only the file a question falls into was
// replaced (an editor's or spfpatch's own atomic rename: the directory's
// time changes too), that one file is read again; the directory is listed
// again at most once every rescanEvery for that reason, so that a run
// writing thousands of zone files does not list and stat the directory
// after every write. A file that is added or removed is seen at the next
// listing: at once when a question falls into no zone or a removed one.
//
// A file is read whole only when a question falls into its zone: a listing
// reads each new or changed file only up to its first SOA record, when
// that record names the zone the file's name stands for (Z.zone, Z.db,
// Z), which is then the file's zone whatever follows (a file that does
// not parse is also taken to hold the zone of its name). Any other file
// (no SOA, an SOA naming another zone, a name that is not a domain name,
// a syntax error before the SOA) is read whole at once, as before. So the
// zone of every file is known at each listing, exactly as when every file
// was read whole, and a run asking about a few zones of a large directory
// parses only those. The parses are kept in a cache bounded by
// zoneCacheBudget (estimated bytes); one dropped is read again on its next
// use, after the same stat.
type zoneDir struct {
	dir      string
	reload   sync.Mutex // serialises rescans
	lastScan time.Time  // of the last listing, under mu
	// lastScanStart: when the last listing began (what it saw is at least
	// as new as that), under mu.
	lastScanStart time.Time
	names         map[string]bool // the entries of the last full listing, under mu

	mu       sync.RWMutex
	dirInfo  os.FileInfo
	files    map[string]*zoneFile // by base name
	zones    map[string]*zoneFile // by origin key
	staleAll bool
	stale    map[string]bool // base names to re-read
	// named holds the files by the zone their names stand for (Z.zone,
	// Z.db, Z), whatever zone they hold now.
	named map[string][]*zoneFile

	cache zoneCache // the parses of the files, by *zoneFile
}

// zoneFile is one file of the directory as last listed: immutable once
// built. Its records are in its zoneData, read when needed.
type zoneFile struct {
	path   string
	base   string
	info   os.FileInfo
	origin string // key of the zone apex
	// nameOrigin is the key of the zone the file's name stands for, ""
	// when the name is not a domain name.
	nameOrigin string
	err        error // the file cannot be used: every name in origin fails
}

// zoneData is the parse of a whole zone file: immutable once built.
type zoneData struct {
	err    error // the file does not parse: every name in its zone fails
	soa    *dns.SOA
	nodes  map[string][]dns.RR // owner key -> records in file order
	exists map[string]bool     // owners, their ancestors up to the apex (empty non-terminals)
	cuts   map[string]bool     // owners of NS records below the apex
	size   int64               // estimated bytes held
}

// zoneCacheBudget bounds the estimated bytes of the parses kept (about 700
// small shop zones) while a run asks about each zone once, or in one
// burst (plan). A zone asked about often (a platform's zone every SPF
// record includes) stays: the cache drops the parse not used since it was
// last looked at (second chance, in the order parses were made). A parse
// that has to be made again after it was dropped raises the bound by its
// size, up to zoneCacheMax: a run that comes back to the zones it asked
// about (apply: planning, then writing) keeps them, rather than reading
// every file again at each pass.
const (
	zoneCacheBudget = 2 << 20
	zoneCacheMax    = 64 << 20
)

// zoneCache holds parses of zone files, keyed by the *zoneFile they were
// made for (a file listed again, or read again, is another *zoneFile).
type zoneCache struct {
	mu     sync.Mutex
	slots  map[*zoneFile]*zoneSlot
	queue  []*zoneSlot // the slots holding a parse, oldest first
	bytes  int64
	budget int64 // 0: zoneCacheBudget
	limit  int64 // 0: zoneCacheMax
	grown  int64 // added to budget by parses made again
	// dropped holds the paths of the files whose parse was dropped.
	dropped map[string]bool
	keepAll bool // KeepZones: nothing is dropped
}

// KeepZones makes the resolver keep the parse of every zone file of
// Config.ZoneDir it reads for the rest of the run (files that change are
// still read again), as when every file was read at the start: for a run
// that comes back to every zone it asked about, such as apply (planning,
// then writing), so that no file is parsed twice. Without it, the parses
// kept are bounded (see zoneCacheBudget).
func (r *Resolver) KeepZones() {
	if r.zones == nil {
		return
	}
	r.zones.cache.mu.Lock()
	r.zones.cache.keepAll = true
	r.zones.cache.mu.Unlock()
}

// zoneSlot is one file's parse, made once by whoever asks first.
type zoneSlot struct {
	once sync.Once
	zf   *zoneFile
	data *zoneData // nil: the file changed before it could be read
	used atomic.Bool
}

// slot returns the slot of z, made if need be, marked used.
func (c *zoneCache) slot(z *zoneFile) *zoneSlot {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.slots == nil {
		c.slots = make(map[*zoneFile]*zoneSlot)
	}
	s := c.slots[z]
	if s == nil {
		s = &zoneSlot{zf: z}
		c.slots[z] = s
	}
	s.used.Store(true)
	return s
}

// put records s's parse, made now, and drops parses while over budget.
// A slot whose parse failed (nil) is dropped at once, to be tried again.
func (c *zoneCache) put(s *zoneSlot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s.data == nil {
		if c.slots[s.zf] == s {
			delete(c.slots, s.zf)
		}
		return
	}
	if c.slots[s.zf] != s {
		return // dropped meanwhile (not kept)
	}
	c.bytes += s.data.size
	c.queue = append(c.queue, s)
	budget, limit := c.budget, c.limit
	if budget <= 0 {
		budget = zoneCacheBudget
	}
	if limit <= 0 {
		limit = zoneCacheMax
	}
	if c.dropped[s.zf.path] {
		delete(c.dropped, s.zf.path)
		c.grown = min(c.grown+s.data.size, limit)
	}
	budget = min(budget+c.grown, max(budget, limit))
	// Second chance: a slot used since it was last passed over goes to
	// the back once. Each pass clears the marks, so this ends; the slot
	// just made is kept (it is marked used).
	for !c.keepAll && c.bytes > budget && len(c.queue) > 1 {
		e := c.queue[0]
		c.queue[0] = nil
		c.queue = c.queue[1:]
		if e.used.Swap(false) && c.slots[e.zf] == e {
			c.queue = append(c.queue, e)
			continue
		}
		if c.slots[e.zf] == e {
			delete(c.slots, e.zf)
			if c.dropped == nil {
				c.dropped = make(map[string]bool)
			}
			c.dropped[e.zf.path] = true
		}
		c.bytes -= e.data.size
	}
	if cap(c.queue) > 2*len(c.queue)+64 {
		c.queue = append([]*zoneSlot(nil), c.queue...)
	}
}

// store keeps data, parsed when z was listed or read again, as z's parse.
func (c *zoneCache) store(z *zoneFile, data *zoneData) {
	s := c.slot(z)
	made := false
	s.once.Do(func() { s.data, made = data, true })
	if made {
		c.put(s)
	}
}

// data returns z's parse: from the cache, else the file read whole now.
// It returns nil when the file is no longer the one z was listed with
// (another identity, size or time, or another zone): the caller looks
// again.
func (d *zoneDir) data(z *zoneFile) *zoneData {
	s := d.cache.slot(z)
	s.once.Do(func() {
		s.data = readAgain(z)
		d.cache.put(s)
	})
	return s.data
}

// readAgain reads z's file whole, if it is still the file z was listed
// with and still holds z's zone.
func readAgain(z *zoneFile) *zoneData {
	f, err := os.Open(z.path)
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || !sameFile(z.info, fi) {
		return nil
	}
	nz, data := parseZoneFile(f, z.path, z.base, fi, true)
	if nz.origin != z.origin || (nz.err != nil && data.err == nil) {
		return nil
	}
	return data
}

// parseHook, when set (by tests), is called after each read of a zone
// file with whether the file was read whole.
var parseHook atomic.Pointer[func(path string, whole bool)]

func openZoneDir(dir string, keep bool) (*zoneDir, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("resolver: zone dir: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("resolver: zone dir %s: not a directory", dir)
	}
	d := &zoneDir{dir: dir}
	d.cache.keepAll = keep // before any other goroutine sees d
	if _, err := d.rescan(); err != nil {
		return nil, fmt.Errorf("resolver: zone dir: %w", err)
	}
	return d, nil
}

// ReloadZones re-reads every file of Config.ZoneDir now and returns the
// problems found (unparsable files, zones defined twice), joined; nil when
// all files load or no ZoneDir is set. Files are also re-read on their own
// when they change, so calling this is never required.
func (r *Resolver) ReloadZones() error {
	if r.zones == nil {
		return nil
	}
	r.zones.invalidate("")
	files, err := r.zones.rescan()
	if err != nil {
		return fmt.Errorf("resolver: zone dir: %w", err)
	}
	var errs []error
	for _, zf := range files {
		if zf.err != nil {
			errs = append(errs, zf.err)
		} else if data := r.zones.data(zf); data != nil && data.err != nil {
			errs = append(errs, data.err)
		}
	}
	return errors.Join(errs...)
}

// invalidate marks the file holding k (a key), or every file when k is "",
// to be re-read on next use.
func (d *zoneDir) invalidate(k string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if k == "" {
		d.staleAll = true
		return
	}
	if z := d.find(k); z != nil {
		if d.stale == nil {
			d.stale = make(map[string]bool)
		}
		d.stale[z.base] = true
	}
}

// markStale marks the file base to be re-read at the next rescan.
func (d *zoneDir) markStale(base string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stale == nil {
		d.stale = make(map[string]bool)
	}
	d.stale[base] = true
}

func sameFile(a, b os.FileInfo) bool {
	return a != nil && b != nil && a.ModTime().Equal(b.ModTime()) && a.Size() == b.Size() && os.SameFile(a, b)
}

// find returns the zone with the longest origin that holds key k. Caller
// holds d.mu.
func (d *zoneDir) find(k string) *zoneFile {
	for n, ok := k, true; ok; n, ok = parentName(n) {
		if z := d.zones[n]; z != nil {
			return z
		}
	}
	return nil
}

// rescanEvery bounds how often the directory is listed again only because
// its time changed while the file a question falls into did not, or was
// read again by itself.
const rescanEvery = time.Second

// current returns the up-to-date zone holding key k, or nil.
func (d *zoneDir) current(k string) *zoneFile {
	asked := time.Now()
	d.mu.RLock()
	dirInfo := d.dirInfo
	stale := d.staleAll || len(d.stale) > 0
	recent := time.Since(d.lastScan) < rescanEvery
	z := d.find(k)
	var named []*zoneFile
	if z == nil {
		for n, ok := k, true; ok; n, ok = parentName(n) {
			named = append(named, d.named[n]...)
		}
	}
	d.mu.RUnlock()
	// A question in no zone: a file named for its zone (or a parent's) that
	// changed since it was read (rewritten in place to hold it again, say)
	// is read again, even when the directory lists the same names. Only
	// those few files are looked at, not the whole directory.
	for _, nz := range named {
		if fi, err := os.Stat(nz.path); err != nil || !sameFile(nz.info, fi) {
			d.markStale(nz.base)
		}
	}
	dirSame := func() bool { // the directory is stat'ed only when it matters
		fi, err := os.Stat(d.dir)
		return err == nil && sameFile(dirInfo, fi)
	}
	if !stale && z != nil && (recent || dirSame()) {
		zfi, err := os.Stat(z.path)
		switch {
		case err == nil && sameFile(z.info, zfi):
			return z
		case err == nil && zfi.Mode().IsRegular() && z.err == nil:
			// The file was replaced or rewritten: read it alone.
			if nz := d.reloadOne(z, zfi); nz != nil {
				return nz
			}
			// It cannot be read alone (it no longer parses, or holds
			// another zone): the rescan must read it again, even when
			// the directory lists the same names.
			d.markStale(z.base)
		default:
			d.markStale(z.base)
		}
	}
	d.rescanSince(asked) // on error the previous state is kept
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.find(k)
}

// rescanSince rescans unless a rescan that began after t has finished
// meanwhile: the questions that found the directory changed at the same
// time share one listing.
func (d *zoneDir) rescanSince(t time.Time) {
	d.reload.Lock()
	d.mu.RLock()
	done := !d.staleAll && len(d.stale) == 0 && d.lastScanStart.After(t)
	d.mu.RUnlock()
	d.reload.Unlock()
	if !done {
		d.rescan()
	}
}

// parseErrText matches miekg/dns's ParseError text: "[FILE: ]dns: REASON:
// "TOKEN" at line: L:C". TOKEN is the file's content: a file in the zone
// directory may be anything (a token file kept beside the zones), so it is
// never quoted in an error; the reason, when it is miekg's own plain words,
// and the line are kept.
var (
	parseErrText = regexp.MustCompile(`dns: (.*?): "(?:[^"\\]|\\.)*" at line: (\d+):\d+$`)
	plainReason  = regexp.MustCompile(`^[A-Za-z0-9 ,./()$-]{1,60}$`)
)

// parseError is the error of a zone file that does not parse, naming the
// file and the line but not what is written there.
func parseError(path string, err error) error {
	m := parseErrText.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("zone file %s: not valid zone file syntax (the line is not shown: files here may hold secrets)", path)
	}
	reason := ""
	if plainReason.MatchString(m[1]) {
		reason = " (" + m[1] + ")"
	}
	return fmt.Errorf("zone file %s, line %s: not valid zone file syntax%s; the line is not shown, as files here may hold secrets", path, m[2], reason)
}

func sameNames(a, b map[string]bool) bool {
	if b == nil || len(a) != len(b) {
		return false
	}
	for n := range a {
		if !b[n] {
			return false
		}
	}
	return true
}

// reloadOne reads z's file again (fi: its new state) and puts it in z's
// place. It returns nil, for a full rescan, when the file no longer holds
// z's zone or z was replaced meanwhile.
func (d *zoneDir) reloadOne(z *zoneFile, fi os.FileInfo) *zoneFile {
	d.reload.Lock()
	defer d.reload.Unlock()
	nz, data := readZoneFile(z.path, z.base, fi, true)
	if nz.err != nil || nz.origin != z.origin {
		return nil
	}
	d.cache.store(nz, data)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.files[z.base] != z || d.zones[z.origin] != z {
		return nil
	}
	d.files[z.base], d.zones[z.origin] = nz, nz
	if l := d.named[z.nameOrigin]; z.nameOrigin != "" {
		nl := make([]*zoneFile, len(l))
		for i, x := range l {
			if nl[i] = x; x == z {
				nl[i] = nz
			}
		}
		d.named[z.nameOrigin] = nl
	}
	return nz
}

// rescan lists the directory and re-reads the files that are new, changed
// or marked stale. It returns the files loaded.
func (d *zoneDir) rescan() ([]*zoneFile, error) {
	d.reload.Lock()
	defer d.reload.Unlock()
	start := time.Now()

	dirInfo, err := os.Stat(d.dir)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(d.dir)
	if err != nil {
		return nil, err
	}
	names := make(map[string]bool, len(entries))
	for _, e := range entries {
		if base := e.Name(); !strings.HasPrefix(base, ".") && !strings.HasSuffix(base, "~") {
			names[base] = true
		}
	}
	d.mu.Lock()
	if !d.staleAll && len(d.stale) == 0 && sameNames(names, d.names) {
		// The same files as at the last listing (the directory changed by
		// renames over them, or by hidden temporary files): each file is
		// checked by itself when a question falls into it.
		d.dirInfo, d.lastScan, d.lastScanStart = dirInfo, time.Now(), start
		d.mu.Unlock()
		return nil, nil
	}
	old, staleAll, stale := d.files, d.staleAll, d.stale
	d.staleAll, d.stale = false, nil
	d.mu.Unlock()
	// A run that keeps every parse reads each file whole now: it would
	// read it whole at its first question anyway.
	d.cache.mu.Lock()
	whole := d.cache.keepAll
	d.cache.mu.Unlock()

	// Each file is stat'ed, and read when new or changed, by a few
	// workers (the reads are most of a first listing's time); the maps are
	// then built in name order, as before.
	var bases []string
	for _, e := range entries { // sorted by name
		if base := e.Name(); names[base] {
			bases = append(bases, base)
		}
	}
	listed := make([]*zoneFile, len(bases))
	parses := make([]*zoneData, len(bases))
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1) - 1); i < len(bases); i = int(next.Add(1) - 1) {
			base := bases[i]
			path := filepath.Join(d.dir, base)
			fi, err := os.Stat(path)
			if err != nil || !fi.Mode().IsRegular() {
				continue
			}
			zf := old[base]
			if zf == nil || staleAll || stale[base] || !sameFile(zf.info, fi) {
				zf, parses[i] = readZoneFile(path, base, fi, whole)
			}
			listed[i] = zf
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 8, len(bases)/64+1)
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()

	files := make(map[string]*zoneFile, len(entries))
	var list []*zoneFile
	zones := make(map[string]*zoneFile, len(entries))
	named := make(map[string][]*zoneFile, len(entries))
	for _, zf := range listed {
		if zf == nil {
			continue
		}
		base, path := zf.base, zf.path
		files[base] = zf
		list = append(list, zf)
		if zf.nameOrigin != "" {
			named[zf.nameOrigin] = append(named[zf.nameOrigin], zf)
		}
		if zf.origin == "" {
			continue
		}
		if prev := zones[zf.origin]; prev != nil {
			dup := *prev
			dup.err = fmt.Errorf("zone %s is defined by both %s and %s", rawName(zf.origin), prev.path, path)
			zones[zf.origin] = &dup
			continue
		}
		zones[zf.origin] = zf
	}
	d.mu.Lock()
	d.files, d.zones, d.named, d.dirInfo, d.lastScan, d.lastScanStart, d.names = files, zones, named, dirInfo, time.Now(), start, names
	d.mu.Unlock()
	for i, data := range parses {
		if data != nil {
			d.cache.store(listed[i], data)
		}
	}
	return list, nil
}

// readZoneFile reads the file at path (fi: its state), whole or (whole
// false) only up to its first SOA record when that names the zone of the
// file's name; data is nil when the file was not read whole.
func readZoneFile(path, base string, fi os.FileInfo, whole bool) (zf *zoneFile, data *zoneData) {
	f, err := os.Open(path)
	if err != nil {
		_, k := fileOrigin(base)
		return &zoneFile{path: path, base: base, info: fi, origin: k, nameOrigin: k, err: err}, nil
	}
	defer f.Close()
	return parseZoneFile(f, path, base, fi, whole)
}

// fileOrigin returns the origin for relative names in a file (the file
// name without a .zone or .db extension, fully qualified) and its key,
// both "" when that is not a domain name.
func fileOrigin(base string) (origin, k string) {
	originText := base
	for _, ext := range []string{".zone", ".db"} {
		if len(originText) > len(ext) && strings.EqualFold(originText[len(originText)-len(ext):], ext) {
			originText = originText[:len(originText)-len(ext)]
			break
		}
	}
	if _, ok := dns.IsDomainName(originText); ok {
		origin = dns.Fqdn(originText)
		return origin, key(origin)
	}
	return "", ""
}

// parseZoneFile parses a zone file from r. The origin for relative names is
// the file name without a .zone or .db extension; the zone apex is the
// owner of the first SOA record, or that origin when the file has no SOA
// or does not parse. Unless whole, it stops at the first SOA record when
// that names the zone of the file's name (which is then the file's zone,
// whatever follows), and data is nil.
func parseZoneFile(r io.Reader, path, base string, fi os.FileInfo, whole bool) (zf *zoneFile, data *zoneData) {
	zf = &zoneFile{path: path, base: base, info: fi}
	origin, k := fileOrigin(base)
	zf.origin, zf.nameOrigin = k, k
	zp := dns.NewZoneParser(r, origin, path)
	var rrs []dns.RR
	var soa *dns.SOA
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		rrs = append(rrs, rr)
		if s, isSOA := rr.(*dns.SOA); isSOA && soa == nil {
			soa = s
			if !whole && k != "" && key(s.Hdr.Name) == k {
				if h := parseHook.Load(); h != nil {
					(*h)(path, false)
				}
				return zf, nil
			}
		}
	}
	if h := parseHook.Load(); h != nil {
		(*h)(path, true)
	}
	if err := zp.Err(); err != nil {
		zf.err = parseError(path, err)
		return zf, &zoneData{err: zf.err, size: 256}
	}
	data = &zoneData{soa: soa}
	if soa != nil {
		zf.origin = key(soa.Hdr.Name)
	}
	if zf.origin == "" {
		zf.err = fmt.Errorf("zone file %s: no SOA record and the file name is not a domain name", path)
		data.err = zf.err
		data.size = 256
		return zf, data
	}
	data.nodes = make(map[string][]dns.RR)
	data.exists = map[string]bool{zf.origin: true}
	data.cuts = make(map[string]bool)
	data.size = 512 + 2*fi.Size() + 160*int64(len(rrs))
	for _, rr := range rrs {
		h := rr.Header()
		owner := key(h.Name)
		if h.Class != dns.ClassINET || !isSubdomain(zf.origin, owner) {
			continue // out of zone, or not class IN: ignored
		}
		data.nodes[owner] = append(data.nodes[owner], rr)
		for n, ok := owner, true; ok && !data.exists[n]; n, ok = parentName(n) {
			data.exists[n] = true
		}
		if h.Rrtype == dns.TypeNS && owner != zf.origin {
			data.cuts[owner] = true
		}
	}
	return zf, data
}

// answer answers a question from the zone files. ok is false when name is in
// none of the zones (or lies at or below a delegation in one), so the
// network must be asked.
func (d *zoneDir) answer(name, k string, qtype uint16) (resp *response, ok bool, err error) {
	var z *zoneFile
	var data *zoneData
	for try := 0; data == nil; try++ {
		if z = d.current(k); z == nil {
			return nil, false, nil
		}
		if z.err != nil {
			return nil, true, errBadAnswer(name, zoneFileServer(z.path), "zone file unusable: "+z.err.Error())
		}
		if data = d.data(z); data == nil {
			// The file changed since it was listed: list it again.
			if try == 2 {
				return nil, true, errBadAnswer(name, zoneFileServer(z.path), "zone file unusable: it kept changing while being read")
			}
			d.markStale(z.base)
		}
	}
	server := zoneFileServer(z.path)
	if data.err != nil {
		return nil, true, errBadAnswer(name, server, "zone file unusable: "+data.err.Error())
	}
	// A delegation inside the file: the data below it lives elsewhere.
	for n := k; n != z.origin; n, _ = parentName(n) {
		if data.cuts[n] {
			return nil, false, nil
		}
	}
	negative := func(rcode int) (*response, bool, error) {
		return &response{rcode: rcode, soa: data.soa, aa: true, server: server}, true, nil
	}
	positive := func(rrs []dns.RR) (*response, bool, error) {
		return &response{rcode: dns.RcodeSuccess, answer: rrs, aa: true, server: server}, true, nil
	}
	if rrs, found := data.nodes[k]; found {
		if ans := pick(rrs, qtype); len(ans) > 0 {
			return positive(ans)
		}
		return negative(dns.RcodeSuccess)
	}
	if data.exists[k] {
		return negative(dns.RcodeSuccess) // empty non-terminal
	}
	// RFC 4592 §4.1: the closest encloser's wildcard child, if any,
	// synthesises the answer.
	ce := k
	for {
		ce, _ = parentName(ce)
		if data.exists[ce] {
			break
		}
	}
	wild := "*." + ce
	if ce == "." {
		wild = "*."
	}
	rrs, found := data.nodes[wild]
	if !found {
		return negative(dns.RcodeNameError)
	}
	ans := pick(rrs, qtype)
	if len(ans) == 0 {
		return negative(dns.RcodeSuccess)
	}
	synth := make([]dns.RR, len(ans))
	for i, rr := range ans {
		synth[i] = dns.Copy(rr)
		synth[i].Header().Name = name
	}
	return positive(synth)
}

// pick returns the records of qtype, else the CNAME records (for any other
// type), the way a server answers.
func pick(rrs []dns.RR, qtype uint16) []dns.RR {
	var out, cnames []dns.RR
	for _, rr := range rrs {
		switch t := rr.Header().Rrtype; {
		case t == qtype:
			out = append(out, rr)
		case t == dns.TypeCNAME:
			cnames = append(cnames, rr)
		}
	}
	if len(out) == 0 {
		return cnames
	}
	return out
}
