//go:build linux

package zonefile

import (
	"bytes"
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// copyXattrs copies every extended attribute of the file at old to f: user
// attributes, security labels and POSIX ACLs (system.posix_acl_access and
// system.posix_acl_default). One that cannot be set, and that f does not
// already have with the same value, refuses the write.
func copyXattrs(f *os.File, old string) error {
	names, err := listXattrs(old)
	if err != nil {
		if errors.Is(err, unix.ENOTSUP) {
			return nil
		}
		return fileErr(CodeUnsafe, "zonefile.xattr", ErrUnsafe, old, "*", err.Error())
	}
	for _, name := range names {
		val, err := getXattr(old, name)
		if err != nil {
			return fileErr(CodeUnsafe, "zonefile.xattr", ErrUnsafe, old, name, err.Error())
		}
		if err := unix.Fsetxattr(int(f.Fd()), name, val, 0); err != nil {
			if have, gerr := fgetXattr(f, name); gerr == nil && bytes.Equal(have, val) {
				continue
			}
			return fileErr(CodeUnsafe, "zonefile.xattr", ErrUnsafe, old, name, err.Error())
		}
	}
	return nil
}

func listXattrs(path string) ([]string, error) {
	size, err := unix.Listxattr(path, nil)
	if err != nil || size == 0 {
		return nil, err
	}
	buf := make([]byte, size)
	n, err := unix.Listxattr(path, buf)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, b := range bytes.Split(buf[:n], []byte{0}) {
		if len(b) > 0 {
			out = append(out, string(b))
		}
	}
	return out, nil
}

func getXattr(path, name string) ([]byte, error) {
	size, err := unix.Getxattr(path, name, nil)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, size)
	n, err := unix.Getxattr(path, name, buf)
	if err != nil {
		return nil, err
	}
	return buf[:n], nil
}

func fgetXattr(f *os.File, name string) ([]byte, error) {
	size, err := unix.Fgetxattr(int(f.Fd()), name, nil)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, size)
	n, err := unix.Fgetxattr(int(f.Fd()), name, buf)
	if err != nil {
		return nil, err
	}
	return buf[:n], nil
}
