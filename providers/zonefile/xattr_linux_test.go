//go:build linux

package zonefile

import (
	"encoding/binary"
	"testing"

	"golang.org/x/sys/unix"
)

// setTestXattrs gives path a user attribute and a POSIX ACL (user 65534
// may read and write), as far as the file system allows, and returns what
// was set.
func setTestXattrs(t *testing.T, path string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	if err := unix.Setxattr(path, "user.spfpatch-test", []byte("keep me"), 0); err == nil {
		out["user.spfpatch-test"] = []byte("keep me")
	}
	// struct posix_acl_xattr: version 2, then (tag, perm, id) entries:
	// USER_OBJ rw, USER 65534 rw, GROUP_OBJ r, MASK rw, OTHER none.
	acl := []byte{2, 0, 0, 0}
	entry := func(tag, perm uint16, id uint32) {
		acl = binary.LittleEndian.AppendUint16(acl, tag)
		acl = binary.LittleEndian.AppendUint16(acl, perm)
		acl = binary.LittleEndian.AppendUint32(acl, id)
	}
	entry(0x01, 6, 0xffffffff)
	entry(0x02, 6, 65534)
	entry(0x04, 4, 0xffffffff)
	entry(0x10, 6, 0xffffffff)
	entry(0x20, 0, 0xffffffff)
	if err := unix.Setxattr(path, "system.posix_acl_access", acl, 0); err == nil {
		out["system.posix_acl_access"] = acl
	}
	if len(out) == 0 {
		t.Skip("the file system takes no extended attributes")
	}
	return out
}

func getTestXattr(t *testing.T, path, name string) []byte {
	t.Helper()
	buf := make([]byte, 4096)
	n, err := unix.Getxattr(path, name, buf)
	if err != nil {
		return nil
	}
	return buf[:n]
}
