//go:build !unix

package zonefile

import "os"

// keepOwner does nothing where files have no Unix owner.
func keepOwner(f *os.File, old os.FileInfo) {}
