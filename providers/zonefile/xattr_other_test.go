//go:build !linux

package zonefile

import "testing"

func setTestXattrs(t *testing.T, path string) map[string][]byte {
	t.Skip("extended attributes are tested on Linux")
	return nil
}

func getTestXattr(t *testing.T, path, name string) []byte { return nil }
