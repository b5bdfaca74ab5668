//go:build unix

package zonefile

import (
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
