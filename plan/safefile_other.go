//go:build !unix

package plan

import (
	"errors"
	"os"
)

// openPrivate opens path for writing: it creates it (O_EXCL, created true)
// or opens the existing regular file. Without O_NOFOLLOW, a symbolic link
// is refused by looking first (Lstat).
func openPrivate(path string, appendMode bool) (f *os.File, created bool, err error) {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, false, notRegular(path, fi.Mode())
	}
	flags := os.O_RDWR | os.O_CREATE | os.O_EXCL
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
	flags = os.O_RDWR
	if appendMode {
		flags |= os.O_APPEND
	}
	f, err = os.OpenFile(path, flags, 0)
	if err != nil {
		return nil, false, msgErr(err, "file.write-failed", path, err)
	}
	return f, false, nil
}

// openReadNoFollow opens a file to read it; without O_NOFOLLOW, a symbolic
// link is refused by looking first (Lstat).
func openReadNoFollow(path string) (*os.File, error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return nil, msgErr(nil, "file.symlink-read", path)
	}
	return os.Open(path)
}

// ownedByMe: file owners are not compared here.
func ownedByMe(fi os.FileInfo) bool { return true }

// lockFile: no advisory locks here; one process writes a journal at a time.
func lockFile(f *os.File) (func(), error) { return func() {}, nil }
