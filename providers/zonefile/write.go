package zonefile

import (
	"context"
	"errors"
	"fmt"
	"io"
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
	// deferSync: the directory is synced by SyncWrites, not after each
	// write (a caller's LockZone).
	deferSync bool
	// closed: f was closed before the rename (renameOver, where an open
	// file cannot be renamed over).
	closed bool
}

// errNotRegular: a path where a zone file is expected holds something else.
var errNotRegular = errors.New("not a regular file")

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
	var h *held
	unlock := func() {
		if h == nil || !h.closed {
			unlockFlock(f)
			f.Close()
		}
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
	// The parse made when the file was read, if the locked file is that one
	// (same identity, size and time: any difference is caught anyway by the
	// check of the content just before the rename); else read it now.
	var zf *zoneFile
	p.mu.Lock()
	if c := p.files[path]; c != nil && c.zf != nil && c.key == keyOf(fi) {
		zf = c.zf
	}
	p.mu.Unlock()
	var data []byte
	if zf == nil {
		if data, err = readAllFrom(f, path, fi.Size()); err != nil {
			return fail(err)
		}
		zf = p.cachedData(path, data)
	}
	if zf == nil {
		if zf, err = parseZoneFile(path, data); err != nil {
			return fail(err)
		}
		p.mu.Lock()
		p.store(&cachedFile{path: path, key: keyOf(fi), zf: zf})
		p.mu.Unlock()
	}
	if !strings.EqualFold(zf.zone, normZone(zone)) {
		return fail(fileErr(CodeZoneFile, "zonefile.other-zone", ErrZoneNotFound, path, zf.zone, normZone(zone)))
	}
	h = &held{p: p, zone: zoneKey(zone), path: path, real: real, f: f, fi: fi, zf: zf, deferSync: true}
	var once sync.Once
	return context.WithValue(ctx, heldKey{}, h), func() { once.Do(unlock) }, nil
}

// cachedData returns the cached parse of path when it was made from data.
func (p *Provider) cachedData(path string, data []byte) *zoneFile {
	p.mu.Lock()
	c := p.files[path]
	p.mu.Unlock()
	if c != nil && c.zf != nil && c.zf.data == string(data) {
		return c.zf
	}
	return nil
}

// realPath resolves the symbolic link of path, if it is one, once.
func (p *Provider) realPath(path string) (string, error) {
	p.mu.Lock()
	r, ok := p.real[path]
	p.mu.Unlock()
	if ok {
		return r, nil
	}
	// A zone file that is not a link is written where it is (one lstat;
	// the links of the directory's path lead to the same directory); a
	// link is resolved to the file it leads to.
	fi, err := os.Lstat(path)
	if err != nil {
		return "", fmt.Errorf("zonefile: %w", err)
	}
	r = path
	if fi.Mode()&os.ModeSymlink != 0 {
		if r, err = filepath.EvalSymlinks(path); err != nil {
			return "", fmt.Errorf("zonefile: %w", err)
		}
	}
	p.mu.Lock()
	p.real[path] = r
	p.mu.Unlock()
	return r, nil
}

type barrierKey struct{}

// WithCommitBarrier (plan.CommitBarrierer) returns ctx carrying barrier: a
// write under it calls barrier while the new zone file is being synced, and
// renames it over the old one only when both succeeded. plan.Apply passes
// the function that puts the write's journal intent on disk.
func (p *Provider) WithCommitBarrier(ctx context.Context, barrier func() error) context.Context {
	return context.WithValue(ctx, barrierKey{}, barrier)
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
		h := p.heldIn(lctx, zone)
		h.deferSync = false // a plain libdns write is on disk when it returns
		err = p.updateHeld(lctx, h, edit)
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
	ed, err := newEditor(zf)
	if err != nil {
		return err
	}
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
	nzf, err := zoneFileFrom(h.path, text, zf.origin, rrs)
	if err != nil {
		return err
	}
	if p.beforeCommit != nil {
		p.beforeCommit(h.real)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	barrier, _ := ctx.Value(barrierKey{}).(func() error)
	key, err := p.writeAtomic(h, zf.data, nzf.data, barrier)
	if err != nil {
		return err
	}
	h.zf, h.wrote, h.key = nzf, true, key
	p.mu.Lock()
	p.store(&cachedFile{path: h.path, key: key, zf: nzf})
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
func (p *Provider) writeAtomic(h *held, old, data string, barrier func() error) (key fileKey, err error) {
	step := func(name string) error {
		if p.fault != nil {
			return p.fault(name)
		}
		return nil
	}
	tmp := tempName(h.real)
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL | noFollow | syscall.O_CLOEXEC
	f, err := openFile(tmp, flags, 0o600)
	if errors.Is(err, os.ErrExist) {
		// A stale one (a killed run's): only the lock's holder writes it.
		_ = os.Remove(tmp)
		f, err = openFile(tmp, flags, 0o600)
	}
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
	if _, err = f.WriteString(data); err != nil {
		return key, fmt.Errorf("zonefile: %w", err)
	}
	if err = step("write"); err != nil {
		return key, err
	}
	// nfi: the new file as written (its size and modification time; what
	// follows changes neither), the key of the parse kept for it.
	nfi, err := keepAttributes(f, h.real, h.fi)
	if err != nil {
		return key, err
	}
	// The caller's barrier (its journal's fsync) runs while the new file
	// is synced: one wait for both, and the rename only after both.
	var barrierDone chan error
	if barrier != nil {
		barrierDone = make(chan error, 1)
		go func() { barrierDone <- barrier() }()
	}
	err = f.Sync()
	if barrierDone != nil {
		if berr := <-barrierDone; berr != nil && err == nil {
			err = berr
		}
	}
	if err != nil {
		return key, fmt.Errorf("zonefile: %w", err)
	}
	if err = step("sync"); err != nil {
		return key, err
	}
	if err = f.Close(); err != nil {
		return key, fmt.Errorf("zonefile: %w", err)
	}
	// The file must still be the one read: a program that does not take
	// the lock may have replaced it (another file at the path) or written
	// it in place (other content in the locked file).
	if cfi, serr := os.Stat(h.real); serr != nil || !os.SameFile(cfi, h.fi) || cfi.Size() != int64(len(old)) || !sameContent(h.f, old) {
		err = errChanged
		return key, err
	}
	if err = step("rename"); err != nil {
		return key, err
	}
	if err = renameOver(tmp, h.real, h); err != nil {
		return key, fmt.Errorf("zonefile: rename %s: %w", h.real, err)
	}
	if h.deferSync {
		// The caller syncs the directory once for many writes (SyncWrites).
		p.mu.Lock()
		p.dirty[filepath.Dir(h.real)] = true
		p.mu.Unlock()
		return keyOf(nfi), nil
	}
	if derr := syncDirOf(h.real); derr != nil {
		return keyOf(nfi), derr
	}
	return keyOf(nfi), nil
}

// sameContent reports whether the file f, of data's size, holds data.
func sameContent(f *os.File, data string) bool {
	buf := make([]byte, len(data))
	n, err := f.ReadAt(buf, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return false
	}
	return n == len(data) && string(buf) == data
}

// syncDirOf syncs the directory of path, so a rename in it is on disk.
func syncDirOf(path string) error {
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return nil
	}
	err = d.Sync()
	d.Close()
	if err != nil && !ignorableSyncErr(err) {
		return fmt.Errorf("zonefile: %s was replaced, but syncing its directory failed: %w", path, err)
	}
	return nil
}

// SyncWrites syncs the directories of the zone files written under
// LockZone since the last call, so the renames are on disk. Each zone file
// write syncs the new file before its rename, but leaves the directory to
// this call, made once at the end of a run (plan.Apply): a crash of the
// system before it may undo some renames, leaving those files entirely old,
// as their journal entries allow (rollback and a rerun see them so).
func (p *Provider) SyncWrites() error {
	p.mu.Lock()
	dirs := p.dirty
	p.dirty = map[string]bool{}
	p.mu.Unlock()
	var first error
	for d := range dirs {
		if err := syncDirOf(filepath.Join(d, "x")); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// ignorableSyncErr: some systems cannot sync a directory.
func ignorableSyncErr(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, errors.ErrUnsupported)
}

// staleTemp matches the temporary files of zone file writes, named
// exactly as this version names them (.NAME.spfpatch-tmp) or as earlier
// ones did (.NAME.spfpatch-DIGITS, os.CreateTemp's).
var staleTemp = regexp.MustCompile(`^\.(.+)\.spfpatch-(tmp|[0-9]+)$`)

// staleOrphan is how long a temporary file whose zone file is gone must
// have been left alone before it is taken for a killed run's.
const staleOrphan = time.Hour

// sweep removes, once per directory and run, the temporary files that runs
// killed mid-write left next to the zone files of real's directory: only
// regular files named as spfpatch names them (staleTemp). One is removed
// while its zone file's lock is held (ours, or taken here without waiting,
// only on a regular file: a FIFO or a link is never opened), so one that
// another run is writing is left alone; one whose zone file is gone only
// when it is older than staleOrphan.
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
		if m == nil || !de.Type().IsRegular() {
			continue
		}
		tmp, zone := filepath.Join(dir, de.Name()), filepath.Join(dir, m[1])
		tfi, err := os.Lstat(tmp)
		if err != nil || !tfi.Mode().IsRegular() {
			continue
		}
		if zone == real {
			os.Remove(tmp) // we hold its lock
			continue
		}
		zfi, err := os.Lstat(zone)
		switch {
		case errors.Is(err, os.ErrNotExist):
			if time.Since(tfi.ModTime()) > staleOrphan {
				os.Remove(tmp) // its zone file is gone: nobody can be writing it
			}
			continue
		case err != nil || !zfi.Mode().IsRegular():
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
		}
		<-pl
	}
}

// lockPoll is the longest pause between two tries of a busy flock.
const lockPoll = 20 * time.Millisecond
