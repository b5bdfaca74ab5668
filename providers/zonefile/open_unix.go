//go:build unix

package zonefile

import (
	"fmt"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// openNonblock opens without blocking on a FIFO; it changes nothing for a
// regular file.
const openNonblock = syscall.O_NONBLOCK

// openFile is os.OpenFile (close-on-exec, EINTR retried, errors as
// *os.PathError) without the netpoller: os.OpenFile tries to register every
// file with epoll and, as a disk file cannot be, turns its non-blocking mode
// on and off again, five system calls an open (four fcntl and one
// epoll_ctl) that the zone files of a 10,000-name apply paid four times a
// name. A file from os.NewFile is never polled, which is right for the
// regular files this package reads and writes.
func openFile(path string, flag int, perm os.FileMode) (*os.File, error) {
	for {
		fd, err := unix.Open(path, flag|unix.O_CLOEXEC, uint32(perm.Perm()))
		if err == nil {
			return os.NewFile(uintptr(fd), path), nil
		}
		if err != unix.EINTR {
			return nil, &os.PathError{Op: "open", Path: path, Err: err}
		}
	}
}

// readRegular reads the whole regular file at path (following a symbolic
// link; a FIFO is not waited on), at most maxZoneFile bytes, and returns
// its key as of the read (fstat): open, fstat, pread to the end and close,
// on the descriptor itself.
func readRegular(path string) ([]byte, fileKey, error) {
	var fd int
	var err error
	for {
		fd, err = unix.Open(path, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		if fi, serr := os.Stat(path); serr == nil && !fi.Mode().IsRegular() {
			return nil, fileKey{}, notRegular(path) // a socket, say
		}
		return nil, fileKey{}, fmt.Errorf("zonefile: %w", &os.PathError{Op: "open", Path: path, Err: err})
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, fileKey{}, fmt.Errorf("zonefile: %w", &os.PathError{Op: "fstat", Path: path, Err: err})
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, fileKey{}, notRegular(path)
	}
	size := int64(st.Size)
	if size < 0 || size > maxZoneFile {
		size = 0
	}
	data := make([]byte, 0, size+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		// At most maxZoneFile+1 bytes in all: one more than allowed says
		// the file is too big.
		n, err := unix.Pread(fd, data[len(data):min(cap(data), maxZoneFile+1)], int64(len(data)))
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, fileKey{}, fmt.Errorf("zonefile: %w", &os.PathError{Op: "read", Path: path, Err: err})
		}
		if n == 0 {
			break
		}
		data = data[:len(data)+n]
		if len(data) > maxZoneFile {
			return nil, fileKey{}, fileErr(CodeZoneFile, "zonefile.too-big", ErrSyntax, path, maxZoneFile>>20)
		}
	}
	sec, nsec := st.Mtim.Unix()
	return data, fileKey{dev: uint64(st.Dev), ino: uint64(st.Ino), size: int64(st.Size), mtime: sec*1e9 + nsec}, nil
}
