//go:build !unix

package plan_test

import "errors"

func mkfifo(path string) error { return errors.New("no FIFOs") }
