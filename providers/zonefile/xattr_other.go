//go:build !linux

package zonefile

import "os"

// copyXattrs: extended attributes are copied on Linux only; elsewhere a
// file's owner, group and mode are kept.
func copyXattrs(f *os.File, old string) error { return nil }
