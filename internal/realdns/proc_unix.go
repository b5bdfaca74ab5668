//go:build unix

package realdns

import "syscall"

// killGroup signals a process (pid > 0) or a process group (pid < 0).
func killGroup(pid int, sig syscall.Signal) error { return syscall.Kill(pid, sig) }
