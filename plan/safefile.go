package plan

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
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
	sweepOwnTemps(path)
	tmp, err := os.CreateTemp(filepath.Dir(path), tempPrefix(path)+"*")
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

// CheckOwnFile reports, before a run writes anything, whether WriteOwnFile
// could write path: it does not exist (and its directory does), or it is a
// regular file, not a symbolic link, that ours recognises. kind names the
// file in messages.
func CheckOwnFile(path, kind string, ours func(head []byte) bool) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d, derr := os.Stat(filepath.Dir(path))
		if derr != nil {
			return msgErr(derr, "file.write-failed", path, derr)
		}
		if !d.IsDir() {
			return msgErr(nil, "file.write-failed", path, filepath.Dir(path)+": not a directory")
		}
		return nil
	case err != nil:
		return msgErr(err, "file.write-failed", path, err)
	case !fi.Mode().IsRegular():
		return notRegular(path, fi.Mode())
	}
	f, err := openReadNoFollow(path)
	if err != nil {
		return msgErr(err, "file.write-failed", path, err)
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, rerr := f.ReadAt(head, 0)
	if rerr != nil && !errors.Is(rerr, io.EOF) {
		return msgErr(rerr, "file.write-failed", path, rerr)
	}
	if !ours(head[:n]) {
		return msgErr(nil, "file.not-ours", path, kind)
	}
	return nil
}

// tempPrefix is the start of the name of a temporary file WriteOwnFile
// writes next to path: ".NAME.spfpatch-w", then random digits.
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".spfpatch-w" }

// staleOwnTemp is how long a temporary file of WriteOwnFile must have been
// left alone before a later run takes it for one a killed run left.
const staleOwnTemp = time.Hour

// sweepOwnTemps removes the temporary files WriteOwnFile left next to path
// when a run was killed while writing it (SIGKILL: its deferred removal
// never ran): only regular files named exactly as it names them
// (tempPrefix, then digits), owned by this user, untouched for
// staleOwnTemp. A run writing one now is seconds old.
func sweepOwnTemps(path string) {
	dir := filepath.Dir(path)
	prefix := tempPrefix(path)
	des, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range des {
		n := de.Name()
		rest, ok := strings.CutPrefix(n, prefix)
		if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" {
			continue
		}
		fi, err := os.Lstat(filepath.Join(dir, n))
		if err != nil || !fi.Mode().IsRegular() || !ownedByMe(fi) || time.Since(fi.ModTime()) < staleOwnTemp {
			continue
		}
		_ = os.Remove(filepath.Join(dir, n))
	}
}

// mkdirAllSynced is os.MkdirAll(dir, 0o700) that syncs the parent of each
// directory it creates, so a new directory (and what is then created in
// it) survives a crash.
func mkdirAllSynced(dir string) error {
	if fi, err := os.Stat(dir); err == nil {
		if !fi.IsDir() {
			return &fs.PathError{Op: "mkdir", Path: dir, Err: syscall.ENOTDIR}
		}
		return nil
	}
	parent := filepath.Dir(dir)
	if parent != dir {
		if err := mkdirAllSynced(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		if fi, serr := os.Stat(dir); serr == nil && fi.IsDir() {
			return nil // made meanwhile
		}
		return err
	}
	syncDir(parent)
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
