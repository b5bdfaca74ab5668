//go:build !unix

package zonefile

import (
	"context"
	"errors"
	"os"
)

// Without flock, writers exclude each other within the process only.

const noFollow = 0

type fileKey struct {
	size  int64
	mtime int64
}

func keyOf(fi os.FileInfo) fileKey { return fileKey{size: fi.Size(), mtime: fi.ModTime().UnixNano()} }

func lockFlock(ctx context.Context, path string) (*os.File, os.FileInfo, error) {
	return openRegular(path)
}

// openRegular opens path to read it, only if it is a regular file (not a
// symbolic link: looked at first), and its information (fstat).
func openRegular(path string) (*os.File, os.FileInfo, error) {
	if fi, err := os.Lstat(path); err != nil {
		return nil, nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, nil, &os.PathError{Op: "open", Path: path, Err: errNotRegular}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

func tryFlock(path string) (*os.File, bool) {
	f, _, err := openRegular(path)
	return f, err == nil
}

// renameOver replaces real with tmp. Here a file cannot be renamed over
// while it is open (Windows), so the locked descriptor is closed first;
// os.Rename replaces an existing file (MoveFileEx with
// MOVEFILE_REPLACE_EXISTING), which the rename system call does not.
func renameOver(tmp, real string, h *held) error {
	if h.f != nil {
		h.f.Close()
		h.closed = true
	}
	return os.Rename(tmp, real)
}

func unlockFlock(f *os.File) {}

func isPermission(err error) bool { return errors.Is(err, os.ErrPermission) }

func checkReplaceable(real string, fi os.FileInfo) error {
	if fi.Mode().Perm()&0o200 == 0 {
		return fileErr(CodeUnsafe, "zonefile.read-only", ErrUnsafe, real, fi.Mode().Perm().String())
	}
	return nil
}

func keepAttributes(f *os.File, old string, fi os.FileInfo) (os.FileInfo, error) {
	if err := f.Chmod(fi.Mode().Perm()); err != nil {
		return nil, err
	}
	return f.Stat()
}
