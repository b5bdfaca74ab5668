//go:build unix

package zonefile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

const noFollow = syscall.O_NOFOLLOW

// fileKey identifies a file's content as of a stat: device, inode, size and
// modification time.
type fileKey struct {
	dev, ino uint64
	size     int64
	mtime    int64
}

func keyOf(fi os.FileInfo) fileKey {
	k := fileKey{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		k.dev, k.ino = uint64(st.Dev), uint64(st.Ino)
	}
	return k
}

// lockFlock opens the file at path and takes an exclusive flock on it,
// polling so that ctx can end the wait. When the file was replaced while
// waiting (a rename by another writer), the new one is locked instead.
func lockFlock(ctx context.Context, path string) (*os.File, os.FileInfo, error) {
	pause := time.Millisecond
	for {
		f, fi, err := openRegular(path)
		if err != nil {
			return nil, nil, err
		}
		waited := false
		for {
			err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
			if err == nil || (!errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR)) {
				break
			}
			waited = true
			select {
			case <-ctx.Done():
				f.Close()
				return nil, nil, ctx.Err()
			case <-time.After(pause):
			}
			if pause < lockPoll {
				pause *= 2
			}
		}
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		// fi, of the descriptor as opened, is the locked file's; after a
		// wait for the lock, it is taken again (the holder may have been
		// a program writing the file in place).
		if waited {
			if fi, err = f.Stat(); err != nil {
				f.Close()
				return nil, nil, err
			}
		}
		if now, err := os.Stat(path); err == nil && os.SameFile(now, fi) {
			return f, fi, nil
		}
		// Replaced while we waited: lock the file now at path.
		unlockFlock(f)
		f.Close()
	}
}

// openRegular opens path to read and lock it, only if it is a regular file:
// without following a symbolic link (O_NOFOLLOW) and without blocking on a
// FIFO (O_NONBLOCK, which changes nothing for a regular file), then checked
// with fstat, whose answer it returns. Anyone who can write the directory
// can put a FIFO or a link where a file is expected.
func openRegular(path string) (*os.File, os.FileInfo, error) {
	f, err := openFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = &os.PathError{Op: "open", Path: path, Err: errNotRegular}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// tryFlock takes the file's flock only if it is free and the file is a
// regular file (openRegular).
func tryFlock(path string) (*os.File, bool) {
	if fi, err := os.Lstat(path); err != nil || !fi.Mode().IsRegular() {
		return nil, false
	}
	f, _, err := openRegular(path)
	if err != nil {
		return nil, false
	}
	if unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) != nil {
		f.Close()
		return nil, false
	}
	return f, true
}

// renameOver renames the new file tmp over the locked file real: the
// rename system call itself (os.Rename would first look at the target, to
// refuse a directory, which the lock already did). The lock's descriptor
// stays open: on Unix a file can be renamed over while open.
func renameOver(tmp, real string, h *held) error { return syscall.Rename(tmp, real) }

func unlockFlock(f *os.File) { _ = unix.Flock(int(f.Fd()), unix.LOCK_UN) }

func isPermission(err error) bool { return errors.Is(err, os.ErrPermission) }

var (
	groupsOnce sync.Once
	groups     []int
)

// inGroup reports whether the process is in group gid.
func inGroup(gid uint32) bool {
	if uint32(os.Getegid()) == gid {
		return true
	}
	groupsOnce.Do(func() { groups, _ = os.Getgroups() })
	for _, g := range groups {
		if uint32(g) == gid {
			return true
		}
	}
	return false
}

// dirWritable remembers, per directory, that the process may create and
// rename files in it.
var dirWritable sync.Map // string -> bool

// checkReplaceable refuses to replace a file (fi, as locked) that the user
// could not write in place (its mode for the user's class, or an ACL: the
// kernel's own access check), one whose owner or group the replacement
// could not keep, one with several hard links, or one in a directory the
// user cannot write. root may replace any file but a read-only one.
func checkReplaceable(real string, fi os.FileInfo) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if st.Nlink > 1 {
		return fileErr(CodeUnsafe, "zonefile.hard-links", ErrUnsafe, real, uint64(st.Nlink))
	}
	euid := uint32(os.Geteuid())
	mode := fi.Mode().Perm()
	var writable bool
	switch {
	case euid == 0:
		writable = mode&0o222 != 0
	case euid == st.Uid:
		writable = mode&0o200 != 0
	case inGroup(st.Gid):
		writable = mode&0o020 != 0
	default:
		writable = mode&0o002 != 0
	}
	if writable && euid != 0 && unix.Faccessat(unix.AT_FDCWD, real, unix.W_OK, unix.AT_EACCESS) != nil {
		writable = false // an ACL says no
	}
	if !writable {
		return fileErr(CodeUnsafe, "zonefile.read-only", ErrUnsafe, real, mode.String())
	}
	if euid != 0 && (euid != st.Uid || !inGroup(st.Gid)) {
		return fileErr(CodeUnsafe, "zonefile.other-owner", ErrUnsafe, real, st.Uid, st.Gid)
	}
	dir := filepath.Dir(real)
	if _, ok := dirWritable.Load(dir); !ok {
		if unix.Faccessat(unix.AT_FDCWD, dir, unix.W_OK|unix.X_OK, unix.AT_EACCESS) != nil {
			return fileErr(CodeUnsafe, "zonefile.dir-read-only", ErrUnsafe, real)
		}
		dirWritable.Store(dir, true)
	}
	return nil
}

// keepAttributes gives the new file f the owner, group, mode (with the
// set-id and sticky bits) and extended attributes (POSIX ACLs included) of
// the file it replaces, old, as it was locked (fi). An attribute that
// cannot be kept refuses the write. It returns f's information (fstat)
// taken before those changes: its size and modification time are what they
// change not.
func keepAttributes(f *os.File, old string, fi os.FileInfo) (os.FileInfo, error) {
	// The new file's owner and group as created: not always the process's
	// (in a set-group-ID directory, as Debian's /etc/bind is, it takes
	// the directory's group), so they are read, not assumed.
	nfi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nfi, f.Chmod(fi.Mode().Perm())
	}
	nst, ok := nfi.Sys().(*syscall.Stat_t)
	if !ok || st.Uid != nst.Uid || st.Gid != nst.Gid {
		if err := f.Chown(int(st.Uid), int(st.Gid)); err != nil {
			return nil, fileErr(CodeUnsafe, "zonefile.other-owner", ErrUnsafe, old, st.Uid, st.Gid)
		}
	}
	if err := f.Chmod(fi.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)); err != nil {
		return nil, err
	}
	return nfi, copyXattrs(f, old)
}
