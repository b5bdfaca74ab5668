//go:build unix

package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 10 point 8: SIGHUP (a dropped SSH session) stops apply as SIGINT
// and SIGTERM do: the names in flight are finished, nothing new is
// started, every intent in the journal has its result, every name the
// journal says was written is in its zone file and no other; the exit code
// is 1 (an interrupted run), not a death by signal. A rerun does the rest.
func TestSIGHUPStopsCleanly(t *testing.T) {
	bin := wpBuildBinary(t)
	const n = 3000
	dir, domains := wpWriteShops(t, n)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	cmd := exec.Command(bin, "apply", "--provider", "zonefile", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms",
		"--auto-approve", "--format", "json", "--journal", journal, "--domains-file", domains)
	cmd.Env = append(os.Environ(), "LANG=C")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until writing has begun, then hang up.
	deadline := time.Now().Add(60 * time.Second)
	for {
		b, _ := os.ReadFile(journal)
		if bytes.Count(b, []byte(`"kind":"intent"`)) >= 20 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no writes after 60 s:\n%s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	_ = cmd.Process.Signal(syscall.SIGHUP)
	err := cmd.Wait()
	ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ws.Signaled() || ws.ExitStatus() != 1 || !strings.Contains(stderr.String(), "Interrupted") {
		t.Fatalf("after SIGHUP: %v (signaled %v, exit %d)\n%s", err, ws.Signaled(), ws.ExitStatus(), stderr.String())
	}
	// The journal: every intent has a result.
	intents, written := map[string]string{}, map[string]bool{}
	f, _ := os.Open(journal)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e struct {
			Kind, Run, Name, Status string
			ID                      int
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("journal line %q: %v", sc.Text(), err)
		}
		key := e.Run + "/" + strconv.Itoa(e.ID)
		switch e.Kind {
		case "intent":
			intents[key] = e.Name
		case "result":
			if e.Status == "written" {
				written[intents[key]] = true
			}
			delete(intents, key)
		}
	}
	f.Close()
	if len(intents) != 0 {
		t.Fatalf("intents without a result: %v", intents)
	}
	inFiles := 0
	for i := 1; i <= n; i++ {
		b, err := os.ReadFile(filepath.Join(dir, wpShopName(i)+".zone"))
		if err != nil {
			t.Fatal(err)
		}
		isNew := bytes.Contains(b, []byte("include:e-shopsmail2.com"))
		if isNew != written[wpShopName(i)+"."] {
			t.Errorf("%s: in the file %v, written in the journal %v", wpShopName(i), isNew, written[wpShopName(i)+"."])
		}
		if isNew {
			inFiles++
		}
	}
	if inFiles == 0 || inFiles == n {
		t.Fatalf("%d of %d written: the hang-up did not stop the run midway", inFiles, n)
	}
	if strings.Count(stdout.String(), `"status":"written"`) != inFiles {
		t.Errorf("stdout reports %d written, the files hold %d", strings.Count(stdout.String(), `"status":"written"`), inFiles)
	}
	rerun := exec.Command(bin, "apply", "--provider", "zonefile", "--zone-dir", dir, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms",
		"--auto-approve", "--format", "json", "--journal", filepath.Join(t.TempDir(), "j2.jsonl"), "--domains-file", domains)
	out, err := rerun.CombinedOutput()
	if err != nil || strings.Count(string(out), `"status":"written"`) != n-inFiles {
		t.Fatalf("rerun: %v, %d written, want %d", err, strings.Count(string(out), `"status":"written"`), n-inFiles)
	}
	t.Logf("SIGHUP after the first writes: %d of %d names written, the rest left alone; the rerun wrote the other %d", inFiles, n, n-inFiles)
}

// Issue 10 point 6 as another user: a zone file that user could not write
// (root's 0444 file, or root's 0644 file) and one whose owner the
// replacement could not keep (root's 0666 file), in a directory anyone may
// write, are not replaced; the user's own file is, and stays theirs.
func TestOtherUserCannotReplaceZoneFiles(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run spfpatch as another user")
	}
	const uid, gid = 65534, 65534 // nobody
	bin := wpBuildBinary(t)
	pub := t.TempDir()
	for _, d := range []string{filepath.Dir(pub), pub} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(bin)
	pbin := filepath.Join(pub, "spfpatch")
	if err := os.WriteFile(pbin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	zones := filepath.Join(pub, "zones")
	state := filepath.Join(pub, "state")
	for _, d := range []string{zones, state} {
		if err := os.Mkdir(d, 0o777); err != nil {
			t.Fatal(err)
		}
		os.Chmod(d, 0o777)
	}
	src := "../examples/zones/"
	files := map[string]os.FileMode{"shop.example.zone": 0o444, "busy.example.zone": 0o644, wpShopName(1) + ".zone": 0o666, "nospf.example.zone": 0o644}
	for name, mode := range files {
		data, err := os.ReadFile(src + name)
		if name == wpShopName(1)+".zone" {
			data, err = []byte(wpShopZone(1)), nil
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(zones, name)
		if err := os.WriteFile(p, data, mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, mode)
	}
	for _, name := range []string{"e-shopsmail2.com.zone", "providers.example.zone"} {
		data, _ := os.ReadFile(src + name)
		_ = os.WriteFile(filepath.Join(zones, name), data, 0o644)
	}
	if err := os.Chown(filepath.Join(zones, "nospf.example.zone"), uid, gid); err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	for name := range files {
		before[name], _ = os.ReadFile(filepath.Join(zones, name))
	}
	cmd := exec.Command(pbin, "apply", "--provider", "zonefile", "--zone-dir", zones, "--nameserver", "127.0.0.1:1", "--dns-timeout", "300ms",
		"--auto-approve", "--create", "--include", "e-shopsmail2.com", "--journal", filepath.Join(state, "j.jsonl"),
		"shop.example", "busy.example", wpShopName(1), "nospf.example")
	cmd.Env = []string{"LANG=C", "HOME=" + state, "PATH=/usr/bin:/bin"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uid, Gid: gid}}
	out, _ := cmd.CombinedOutput()
	for _, want := range []string{
		"shop.example: NOT-TRIED: shop.example: not written: zone file " + zones + "/shop.example.zone is read-only (mode -r--r--r--)",
		"busy.example: NOT-TRIED: busy.example: not written: zone file " + zones + "/busy.example.zone is read-only (mode -rw-r--r--)",
		wpShopName(1) + ": NOT-TRIED: " + wpShopName(1) + ": not written: zone file " + zones + "/" + wpShopName(1) + ".zone belongs to user 0 and group 0",
		"nospf.example: written and read back",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for name, mode := range files {
		p := filepath.Join(zones, name)
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		st := fi.Sys().(*syscall.Stat_t)
		now, _ := os.ReadFile(p)
		if name == "nospf.example.zone" {
			if st.Uid != uid || fi.Mode().Perm() != mode || bytes.Equal(now, before[name]) {
				t.Errorf("%s: owner %d mode %v, changed %v", name, st.Uid, fi.Mode().Perm(), !bytes.Equal(now, before[name]))
			}
			continue
		}
		if st.Uid != 0 || fi.Mode().Perm() != mode || !bytes.Equal(now, before[name]) {
			t.Errorf("%s: owner %d mode %v, changed %v", name, st.Uid, fi.Mode().Perm(), !bytes.Equal(now, before[name]))
		}
	}
}
