//go:build windows

package realdns

import (
	"os"
	"syscall"
)

// sysProcAttr: Windows has no process groups to signal; the DNS servers
// realdns starts are not found there anyway, so their tests skip.
func sysProcAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{} }

// killGroup kills the one process on Windows.
func killGroup(pid int, _ syscall.Signal) error {
	p, err := os.FindProcess(pid)
	if err != nil {
		return err
	}
	return p.Kill()
}
