//go:build unix && !linux

package realdns

import "syscall"

// sysProcAttr puts the server in its own process group, so that stop can
// signal it and every child it forks.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
