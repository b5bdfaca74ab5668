//go:build !unix

package zonefile

import "os"

const openNonblock = 0

// openFile is os.OpenFile.
func openFile(path string, flag int, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(path, flag, perm)
}

// readRegular reads the whole regular file at path, at most maxZoneFile
// bytes, and returns its key as of the read.
func readRegular(path string) ([]byte, fileKey, error) {
	data, fi, err := readBounded(path)
	if err != nil {
		return nil, fileKey{}, err
	}
	return data, keyOf(fi), nil
}
