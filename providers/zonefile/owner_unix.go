//go:build unix

package zonefile

import (
	"os"
	"syscall"
)

// keepOwner gives the new file f the owner and group of the file it
// replaces, where the system lets us (as root, or a group we are in), so a
// name server that reads the zone as its own user still can. It is best
// effort: the mode is kept in any case.
func keepOwner(f *os.File, old os.FileInfo) {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	uid, gid := int(st.Uid), int(st.Gid)
	if f.Chown(uid, gid) != nil {
		f.Chown(-1, gid)
	}
}
