package zonefile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// fileLocks serialises the writers of one file (by its real path) within
// the process: a one-slot channel per file, so that waiting for it can be
// cancelled. Across processes, flock does (lockFlock).
var fileLocks sync.Map // string -> chan struct{}

func procLock(real string) chan struct{} {
	ch, _ := fileLocks.LoadOrStore(real, make(chan struct{}, 1))
	return ch.(chan struct{})
}

// held is a zone file locked by LockZone: the file (its lock is on this
// descriptor), and its parse as read under the lock, then as written.
type held struct {
	p    *Provider
	zone string // zoneKey
	path string // the path in the directory
	real string // the file written (links resolved)
	f    *os.File
	fi   os.FileInfo // of f, when locked
	zf   *zoneFile
	// after a write: the identity of the new file, to check the read-back
	// against the file now at real.
	wrote bool
	key   fileKey
}

type heldKey struct{}

// heldIn returns the lock ctx carries for zone in p, or nil.
func (p *Provider) heldIn(ctx context.Context, zone string) *held {
	h, _ := ctx.Value(heldKey{}).(*held)
	if h == nil || h.p != p || h.zone != zoneKey(zone) {
		return nil
	}
	return h
}

// current returns the zone as it is under the lock: as read when locked, or
// as written. After a write, the file at the path is checked (one stat) to
// be the one written, else read again: a read-back reads what is there.
func (h *held) current() (*zoneFile, error) {
	if !h.wrote {
		return h.zf, nil
	}
	fi, err := os.Stat(h.real)
	if err == nil && keyOf(fi) == h.key {
		return h.zf, nil
	}
	data, _, err := readBounded(h.real)
	if err != nil {
		return nil, err
	}
	return parseZoneFile(h.path, data)
}

// LockZone takes the lock of the file holding zone (see the package
// comment) and reads the file under it. Reads and writes of the zone with
// the returned context use that read and do not lock again; unlock releases
// the lock. It refuses, with a FileError of code CodeUnsafe, a file that
// must not be replaced (read-only, another owner, hard links): nothing can
// be written to it, so nothing is locked.
func (p *Provider) LockZone(ctx context.Context, zone string) (context.Context, func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	path, _, err := p.find(zone)
	if err != nil {
		return nil, nil, err
	}
	real, err := p.realPath(path)
	if err != nil {
		return nil, nil, err
	}
	pl := procLock(real)
	select {
	case pl <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	release := func() { <-pl }
	f, fi, err := lockFlock(ctx, real)
	if err != nil {
		release()
		return nil, nil, fmt.Errorf("zonefile: locking %s: %w", real, err)
	}
	unlock := func() {
		unlockFlock(f)
		f.Close()
		release()
	}
	fail := func(err error) (context.Context, func(), error) {
		unlock()
		return nil, nil, err
	}
	if err := checkReplaceable(real, fi); err != nil {
		return fail(err)
	}
	// Temporary files of earlier runs that were killed: ours can go now.
	p.sweep(real)
	data, err := readAllFrom(f, path)
	if err != nil {
		return fail(err)
	}
	zf := p.cachedData(path, data)
	if zf == nil {
		if zf, err = parseZoneFile(path, data); err != nil {
			return fail(err)
		}
		p.mu.Lock()
		p.files[path] = &cachedFile{key: keyOf(fi), zf: zf}
		p.mu.Unlock()
	}
	if !strings.EqualFold(zf.zone, normZone(zone)) {
		return fail(fileErr(CodeZoneFile, "zonefile.other-zone", ErrZoneNotFound, path, zf.zone, normZone(zone)))
	}
	h := &held{p: p, zone: zoneKey(zone), path: path, real: real, f: f, fi: fi, zf: zf}
	var once sync.Once
	return context.WithValue(ctx, heldKey{}, h), func() { once.Do(unlock) }, nil
}

// cachedData returns the cached parse of path when it was made from data.
func (p *Provider) cachedData(path string, data []byte) *zoneFile {
	p.mu.Lock()
	c := p.files[path]
	p.mu.Unlock()
	if c != nil && c.zf != nil && bytes.Equal(c.zf.data, data) {
		return c.zf
	}
	return nil
}

// realPath resolves the symbolic links of path once.
func (p *Provider) realPath(path string) (string, error) {
	p.mu.Lock()
	r, ok := p.real[path]
	p.mu.Unlock()
	if ok {
		return r, nil
	}
	r, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", fmt.Errorf("zonefile: %w", err)
	}
	p.mu.Lock()
	p.real[path] = r
	p.mu.Unlock()
	return r, nil
}

// errChanged: the file was changed on disk by a program that does not take
// the lock, between the read and the rename.
var errChanged = errors.New("changed on disk")

// update reads the zone's file, lets edit change it and writes it back
// atomically, with the SOA serial bumped, unless nothing changed. Under the
// caller's LockZone (ctx), the file as read then is edited, and a change by
// another program since is refused. Otherwise update takes the lock itself,
// and a change by another program is met by reading the file again and
// making the edit anew.
func (p *Provider) update(ctx context.Context, zone string, edit func(*editor) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if h := p.heldIn(ctx, zone); h != nil {
		err := p.updateHeld(ctx, h, edit)
		if errors.Is(err, errChanged) {
			return fileErr(CodeUnsafe, "zonefile.changed", ErrConcurrentChange, h.real)
		}
		return err
	}
	for range maxAttempts {
		lctx, unlock, err := p.LockZone(ctx, zone)
		if err != nil {
			return err
		}
		err = p.updateHeld(lctx, p.heldIn(lctx, zone), edit)
		unlock()
		if !errors.Is(err, errChanged) {
			return err
		}
	}
	return fmt.Errorf("%w: %s", ErrConcurrentChange, zone)
}

// updateHeld makes one edit of the file h holds and writes it.
func (p *Provider) updateHeld(ctx context.Context, h *held, edit func(*editor) error) error {
	zf, err := h.current()
	if err != nil {
		return err
	}
	if zf.editErr != nil {
		return zf.editErr
	}
	ed := newEditor(zf)
	if err := edit(ed); err != nil {
		return fmt.Errorf("zonefile: zone %s: %w", zf.zone, err)
	}
	if !ed.changed {
		return nil
	}
	if err := ed.bumpSerial(p.now()); err != nil {
		return fmt.Errorf("zonefile: %s: %w", h.path, err)
	}
	text, rrs, err := ed.text()
	if err != nil {
		return fmt.Errorf("zonefile: %s: %w", h.path, err)
	}
	nzf, err := zoneFileFrom(h.path, []byte(text), zf.origin, rrs)
	if err != nil {
		return err
	}
	if p.beforeCommit != nil {
		p.beforeCommit(h.real)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	key, err := p.writeAtomic(h, zf.data, nzf.data)
	if err != nil {
		return err
	}
	h.zf, h.wrote, h.key = nzf, true, key
	p.mu.Lock()
	p.files[h.path] = &cachedFile{key: key, zf: nzf}
	p.mu.Unlock()
	return nil
}

// tempName is the temporary file of a zone file: one name per file, as only
// the holder of the file's lock writes it.
func tempName(real string) string {
	dir, base := filepath.Split(real)
	return filepath.Join(dir, "."+base+".spfpatch-tmp")
}

// writeAtomic replaces the file h holds, whose content was old, with data:
// a temporary file in the same directory is written, given the file's
// owner, group, mode and extended attributes, synced and, once the file is
// checked to still hold old, renamed over it; then the directory is synced.
// It returns the identity of the new file.
func (p *Provider) writeAtomic(h *held, old, data []byte) (key fileKey, err error) {
	step := func(name string) error {
		if p.fault != nil {
			return p.fault(name)
		}
		return nil
	}
	tmp := tempName(h.real)
	_ = os.Remove(tmp) // a stale one: only the lock's holder writes it
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow|syscall.O_CLOEXEC, 0o600)
	if err != nil {
		if isPermission(err) {
			return key, fileErr(CodeUnsafe, "zonefile.dir-read-only", ErrUnsafe, h.real)
		}
		return key, fmt.Errorf("zonefile: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return key, fmt.Errorf("zonefile: %w", err)
	}
	if err = step("write"); err != nil {
		return key, err
	}
	if err = keepAttributes(f, h.real, h.fi); err != nil {
		return key, err
	}
	if err = f.Sync(); err != nil {
		return key, fmt.Errorf("zonefile: %w", err)
	}
	if err = step("sync"); err != nil {
		return key, err
	}
	nfi, err := f.Stat()
	if err != nil {
		return key, fmt.Errorf("zonefile: %w", err)
	}
	if err = f.Close(); err != nil {
		return key, fmt.Errorf("zonefile: %w", err)
	}
	// The file must still be the one read: a program that does not take
	// the lock may have changed it.
	cur, cfi, rerr := readBounded(h.real)
	if rerr != nil || !bytes.Equal(cur, old) || !os.SameFile(cfi, h.fi) {
		err = errChanged
		return key, err
	}
	if err = step("rename"); err != nil {
		return key, err
	}
	if err = os.Rename(tmp, h.real); err != nil {
		return key, fmt.Errorf("zonefile: %w", err)
	}
	if d, derr := os.Open(filepath.Dir(h.real)); derr == nil {
		derr = d.Sync()
		d.Close()
		if derr != nil && !ignorableSyncErr(derr) {
			return keyOf(nfi), fmt.Errorf("zonefile: %s was replaced, but syncing its directory failed: %w", h.real, derr)
		}
	}
	return keyOf(nfi), nil
}

// ignorableSyncErr: some systems cannot sync a directory.
func ignorableSyncErr(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, errors.ErrUnsupported)
}

// staleTemp matches the temporary files of zone file writes, this
// version's (.NAME.spfpatch-tmp) and earlier ones' (.NAME.spfpatch-RANDOM).
var staleTemp = regexp.MustCompile(`^\.(.+)\.spfpatch-[A-Za-z0-9]+$`)

// sweep removes, once per directory and run, the temporary files that runs
// killed mid-write left next to the zone files of real's directory. A
// temporary file is removed only while its zone file's lock is held (ours,
// or taken here without waiting), so one that another run is writing is
// left alone.
func (p *Provider) sweep(real string) {
	dir := filepath.Dir(real)
	p.mu.Lock()
	done := p.swept[dir]
	p.swept[dir] = true
	p.mu.Unlock()
	if done {
		return
	}
	des, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range des {
		m := staleTemp.FindStringSubmatch(de.Name())
		if m == nil || de.IsDir() {
			continue
		}
		tmp, zone := filepath.Join(dir, de.Name()), filepath.Join(dir, m[1])
		if zone == real {
			os.Remove(tmp) // we hold its lock
			continue
		}
		pl := procLock(zone)
		select {
		case pl <- struct{}{}:
		default:
			continue // being written in this process
		}
		if f, ok := tryFlock(zone); ok {
			os.Remove(tmp)
			unlockFlock(f)
			f.Close()
		} else if _, err := os.Stat(zone); errors.Is(err, os.ErrNotExist) {
			os.Remove(tmp) // its zone file is gone: nobody can be writing it
		}
		<-pl
	}
}

// lockPoll is the longest pause between two tries of a busy flock.
const lockPoll = 20 * time.Millisecond
