//go:build windows

package cli

import (
	"io"

	"golang.org/x/sys/windows"
)

// enableColor switches on virtual-terminal processing for w's console
// (Windows 10 conhost shows the escape sequences as text otherwise) and
// reports whether it is on: no colour where it cannot be switched on.
func enableColor(w io.Writer) bool {
	fd, ok := w.(interface{ Fd() uintptr })
	if !ok {
		return false
	}
	return consoleVT(windows.Handle(fd.Fd()), windows.GetConsoleMode, windows.SetConsoleMode)
}

// consoleVT turns ENABLE_VIRTUAL_TERMINAL_PROCESSING on through get and
// set (the console API, replaceable in tests) and reports whether it is on.
func consoleVT(h windows.Handle, get func(windows.Handle, *uint32) error, set func(windows.Handle, uint32) error) bool {
	var mode uint32
	if err := get(h, &mode); err != nil {
		return false
	}
	if mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
		return true
	}
	return set(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil
}
