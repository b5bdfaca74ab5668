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
	f, err := os.Open(path)
	return f, err == nil
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
