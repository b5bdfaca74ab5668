//go:build windows

package cli

import (
	"errors"
	"testing"

	"golang.org/x/sys/windows"
)

func TestConsoleVT(t *testing.T) {
	var set uint32
	get := func(m uint32, err error) func(windows.Handle, *uint32) error {
		return func(_ windows.Handle, p *uint32) error { *p = m; return err }
	}
	ok := func(_ windows.Handle, m uint32) error { set = m; return nil }
	fail := func(windows.Handle, uint32) error { return errors.New("old console") }
	if !consoleVT(0, get(3, nil), ok) || set&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING == 0 {
		t.Error("virtual-terminal processing not switched on")
	}
	if consoleVT(0, get(3, nil), fail) {
		t.Error("colour although the console refused")
	}
	if consoleVT(0, get(0, errors.New("not a console")), ok) {
		t.Error("colour on something that is not a console")
	}
}
