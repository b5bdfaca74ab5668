//go:build !unix

package zonefile

import "os"

const openNonblock = 0

// openFile is os.OpenFile.
func openFile(path string, flag int, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(path, flag, perm)
}
