//go:build !unix

package zonefile

import "errors"

func mkfifo(path string) error { return errors.New("no FIFOs here") }
