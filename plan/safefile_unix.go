//go:build unix

package plan

import (
	"errors"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// openPrivate opens path for writing: it creates it (O_EXCL, mode 0600,
// created true) or opens the existing regular file (read-write, appending
// when appendMode). A symbolic link is refused, not followed (O_NOFOLLOW),
// and so is anything but a regular file.
func openPrivate(path string, appendMode bool) (f *os.File, created bool, err error) {
	flags := os.O_RDWR | os.O_CREATE | os.O_EXCL | syscall.O_NOFOLLOW | syscall.O_CLOEXEC
	if appendMode {
		flags |= os.O_APPEND
	}
	f, err = os.OpenFile(path, flags, 0o600)
	if err == nil {
		return f, true, nil
	}
	if !errors.Is(err, os.ErrExist) {
		return nil, false, msgErr(err, "file.write-failed", path, err)
	}
	// It exists: open it without following a link and without blocking on
	// a FIFO, then make sure it is a regular file.
	flags = os.O_RDWR | syscall.O_NOFOLLOW | syscall.O_NONBLOCK | syscall.O_CLOEXEC
	if appendMode {
		flags |= os.O_APPEND
	}
	f, err = os.OpenFile(path, flags, 0)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK) {
			return nil, false, msgErr(nil, "file.symlink", path)
		}
		if fi, lerr := os.Lstat(path); lerr == nil && !fi.Mode().IsRegular() {
			return nil, false, notRegular(path, fi.Mode())
		}
		return nil, false, msgErr(err, "file.write-failed", path, err)
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, false, msgErr(err, "file.write-failed", path, err)
		}
		return nil, false, notRegular(path, fi.Mode())
	}
	return f, false, nil
}

// openReadNoFollow opens a file to read it: a symbolic link is refused,
// not followed (O_NOFOLLOW), and a FIFO or device is refused rather than
// blocked on.
func openReadNoFollow(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK) {
			return nil, msgErr(nil, "file.symlink-read", path)
		}
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(path, fi.Mode())
	}
	return f, nil
}

// lockFile takes an exclusive advisory lock (flock) on f and returns its
// release.
func lockFile(f *os.File) (func(), error) {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if err == nil {
			break
		}
		if !errors.Is(err, unix.EINTR) {
			return nil, err
		}
	}
	return func() { _ = unix.Flock(int(f.Fd()), unix.LOCK_UN) }, nil
}

// ownedByMe reports whether the file belongs to the effective user.
func ownedByMe(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Uid == uint32(os.Geteuid())
}
