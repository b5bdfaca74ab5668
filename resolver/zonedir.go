package resolver

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
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
}

// zoneFile is one parsed file: immutable once built.
type zoneFile struct {
	path   string
	base   string
	info   os.FileInfo
	origin string // key of the zone apex
	// nameOrigin is the key of the zone the file's name stands for, ""
	// when the name is not a domain name.
	nameOrigin string
	err        error // the file cannot be used: every name in origin fails

	soa    *dns.SOA
	nodes  map[string][]dns.RR // owner key -> records in file order
	exists map[string]bool     // owners, their ancestors up to the apex (empty non-terminals)
	cuts   map[string]bool     // owners of NS records below the apex
}

func openZoneDir(dir string) (*zoneDir, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("resolver: zone dir: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("resolver: zone dir %s: not a directory", dir)
	}
	d := &zoneDir{dir: dir}
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
	fi, err := os.Stat(d.dir)
	d.mu.RLock()
	dirSame := err == nil && sameFile(d.dirInfo, fi)
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
	if !stale && z != nil && (dirSame || recent) {
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
	nz := loadZoneFile(z.path, z.base, fi)
	if nz.err != nil || nz.origin != z.origin {
		return nil
	}
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

	files := make(map[string]*zoneFile, len(entries))
	var list []*zoneFile
	zones := make(map[string]*zoneFile, len(entries))
	named := make(map[string][]*zoneFile, len(entries))
	for _, e := range entries { // sorted by name
		base := e.Name()
		if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") {
			continue // hidden, temporary and backup files
		}
		path := filepath.Join(d.dir, base)
		fi, err := os.Stat(path)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		zf := old[base]
		if zf == nil || staleAll || stale[base] || !sameFile(zf.info, fi) {
			zf = loadZoneFile(path, base, fi)
		}
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
	return list, nil
}

// loadZoneFile parses one file. The origin for relative names is the file
// name without a .zone or .db extension; the zone apex is the owner of the
// first SOA record, or that origin when the file has no SOA.
func loadZoneFile(path, base string, fi os.FileInfo) *zoneFile {
	zf := &zoneFile{path: path, base: base, info: fi}
	originText := base
	for _, ext := range []string{".zone", ".db"} {
		if len(originText) > len(ext) && strings.EqualFold(originText[len(originText)-len(ext):], ext) {
			originText = originText[:len(originText)-len(ext)]
			break
		}
	}
	origin := ""
	if _, ok := dns.IsDomainName(originText); ok {
		origin = dns.Fqdn(originText)
		zf.origin = key(origin)
		zf.nameOrigin = zf.origin
	}
	f, err := os.Open(path)
	if err != nil {
		zf.err = err
		return zf
	}
	defer f.Close()
	zp := dns.NewZoneParser(f, origin, path)
	var rrs []dns.RR
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		rrs = append(rrs, rr)
	}
	if err := zp.Err(); err != nil {
		zf.err = parseError(path, err)
		return zf
	}
	for _, rr := range rrs {
		if soa, ok := rr.(*dns.SOA); ok {
			zf.soa = soa
			zf.origin = key(soa.Hdr.Name)
			break
		}
	}
	if zf.origin == "" {
		zf.err = fmt.Errorf("zone file %s: no SOA record and the file name is not a domain name", path)
		return zf
	}
	zf.nodes = make(map[string][]dns.RR)
	zf.exists = map[string]bool{zf.origin: true}
	zf.cuts = make(map[string]bool)
	for _, rr := range rrs {
		h := rr.Header()
		owner := key(h.Name)
		if h.Class != dns.ClassINET || !isSubdomain(zf.origin, owner) {
			continue // out of zone, or not class IN: ignored
		}
		zf.nodes[owner] = append(zf.nodes[owner], rr)
		for n, ok := owner, true; ok && !zf.exists[n]; n, ok = parentName(n) {
			zf.exists[n] = true
		}
		if h.Rrtype == dns.TypeNS && owner != zf.origin {
			zf.cuts[owner] = true
		}
	}
	return zf
}

// answer answers a question from the zone files. ok is false when name is in
// none of the zones (or lies at or below a delegation in one), so the
// network must be asked.
func (d *zoneDir) answer(name, k string, qtype uint16) (resp *response, ok bool, err error) {
	z := d.current(k)
	if z == nil {
		return nil, false, nil
	}
	server := zoneFileServer(z.path)
	if z.err != nil {
		return nil, true, errBadAnswer(name, server, "zone file unusable: "+z.err.Error())
	}
	// A delegation inside the file: the data below it lives elsewhere.
	for n := k; n != z.origin; n, _ = parentName(n) {
		if z.cuts[n] {
			return nil, false, nil
		}
	}
	negative := func(rcode int) (*response, bool, error) {
		return &response{rcode: rcode, soa: z.soa, aa: true, server: server}, true, nil
	}
	positive := func(rrs []dns.RR) (*response, bool, error) {
		return &response{rcode: dns.RcodeSuccess, answer: rrs, aa: true, server: server}, true, nil
	}
	if rrs, found := z.nodes[k]; found {
		if ans := pick(rrs, qtype); len(ans) > 0 {
			return positive(ans)
		}
		return negative(dns.RcodeSuccess)
	}
	if z.exists[k] {
		return negative(dns.RcodeSuccess) // empty non-terminal
	}
	// RFC 4592 §4.1: the closest encloser's wildcard child, if any,
	// synthesises the answer.
	ce := k
	for {
		ce, _ = parentName(ce)
		if z.exists[ce] {
			break
		}
	}
	wild := "*." + ce
	if ce == "." {
		wild = "*."
	}
	rrs, found := z.nodes[wild]
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
