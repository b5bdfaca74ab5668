package plan

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Files spfpatch writes at a path the user names (--journal, --report,
// plan --out) are written safely:
//   - a new file is created with O_EXCL, mode 0600;
//   - an existing file is written to (appended to, or replaced) only when it
//     is one of spfpatch's own of the same kind, recognised by its first
//     bytes; anything else (a zone file, a configuration) is refused;
//   - a symbolic link is never followed, and anything but a regular file
//     (a FIFO, a device) is refused.

// WriteOwnFile writes data to path: a new file (O_EXCL, 0600), or the
// replacement of an existing regular file for which ours(head) reports that
// it is one of spfpatch's (a temporary file in the same directory, fsynced,
// renamed over it, so the old one is never half written). kind names the
// file in messages ("report", "saved plan").
func WriteOwnFile(path string, data []byte, kind string, ours func(head []byte) bool) error {
	f, created, err := openPrivate(path, false)
	if err != nil {
		return err
	}
	if created {
		_, werr := f.Write(data)
		if werr == nil {
			werr = f.Sync()
		}
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			os.Remove(path)
			return msgErr(werr, "file.write-failed", path, werr)
		}
		syncDir(filepath.Dir(path))
		return nil
	}
	head := make([]byte, 4096)
	n, rerr := f.ReadAt(head, 0)
	f.Close()
	if rerr != nil && !errors.Is(rerr, io.EOF) {
		return msgErr(rerr, "file.write-failed", path, rerr)
	}
	if !ours(head[:n]) {
		return msgErr(nil, "file.not-ours", path, kind)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".spfpatch-*")
	if err != nil {
		return msgErr(err, "file.write-failed", path, err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.Write(data)
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		return msgErr(werr, "file.write-failed", path, werr)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// HasPrefix returns an ours function for WriteOwnFile: the file starts with
// one of the prefixes.
func HasPrefix(prefixes ...string) func([]byte) bool {
	return func(head []byte) bool {
		for _, p := range prefixes {
			if bytes.HasPrefix(head, []byte(p)) {
				return true
			}
		}
		return false
	}
}

// notRegular is the error for a path that is not a regular file.
func notRegular(path string, mode fs.FileMode) error {
	if mode&fs.ModeSymlink != 0 {
		return msgErr(nil, "file.symlink", path)
	}
	return msgErr(nil, "file.not-regular", path)
}
