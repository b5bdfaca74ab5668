package realdns

import "syscall"

// sysProcAttr puts the server in its own process group (so that stop can
// signal it and every child it forks) and has the kernel kill it if the test
// binary dies without running its cleanups (e.g. on a test timeout panic).
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
