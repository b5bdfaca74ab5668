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
	f, err := openRegular(path)
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

// openRegular opens path to read it, only if it is a regular file (not a
// symbolic link: looked at first).
func openRegular(path string) (*os.File, error) {
	if fi, err := os.Lstat(path); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, &os.PathError{Op: "open", Path: path, Err: errNotRegular}
	}
	return os.Open(path)
}

func tryFlock(path string) (*os.File, bool) {
	f, err := openRegular(path)
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

func keepAttributes(f *os.File, old string, fi os.FileInfo) error { return f.Chmod(fi.Mode().Perm()) }
