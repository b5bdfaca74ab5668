//go:build unix

package cli

// The test of issue 11 item 3 that needs a named pipe (syscall.Mkfifo) and
// SIGTERM: Unix only, so that the cli tests compile on Windows.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Item 3: SIGTERM while the config is being read ends the run at once. The
// config comes from a pipe that is never finished (--config <(...) of a
// generator that hangs): before, the process waited on it forever.
func TestConfigSIGTERMWhileReading(t *testing.T) {
	bin := wpBuildBinary(t)
	fifo := filepath.Join(t.TempDir(), "agency.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	cmd := exec.Command(bin, "plan", "--config", fifo, "--nameserver", "127.0.0.1:1")
	cmd.Env = append(os.Environ(), "LANG=C", "LC_ALL=", "XDG_STATE_HOME="+t.TempDir())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.WriteString("domains:\n  - shop.example\n") // and never closed
	time.Sleep(200 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if err == nil || !errorsAs(err, &ee) || ee.ExitCode() != exitError {
			t.Fatalf("exit: %v", err)
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running 10 s after SIGTERM; stderr %q", stderr.String())
	}
	if !strings.Contains(stderr.String(), fifo+": reading the file was interrupted") {
		t.Fatalf("stderr %q", stderr.String())
	}
}
