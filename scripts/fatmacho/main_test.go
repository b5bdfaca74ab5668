package main

import (
	"bytes"
	"debug/macho"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Two real darwin builds of a small program, joined: debug/macho reads the
// result as a fat file with both CPUs, each slice byte for byte the input.
func TestJoinDarwinBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles twice")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\nfunc main() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var ins []string
	for _, arch := range []string{"amd64", "arm64"} {
		out := filepath.Join(dir, "hello-"+arch)
		cmd := exec.Command("go", "build", "-o", out, src)
		cmd.Env = append(os.Environ(), "GOOS=darwin", "GOARCH="+arch, "CGO_ENABLED=0", "GOFLAGS=")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", arch, err, b)
		}
		ins = append(ins, out)
	}
	fat := filepath.Join(dir, "hello")
	if err := join(fat, ins); err != nil {
		t.Fatal(err)
	}
	ff, err := macho.OpenFat(fat)
	if err != nil {
		t.Fatal(err)
	}
	defer ff.Close()
	raw, _ := os.ReadFile(fat)
	cpus := map[macho.Cpu]bool{}
	for i, a := range ff.Arches {
		cpus[a.Cpu] = true
		want, _ := os.ReadFile(ins[i])
		if a.Offset%(1<<alignShift) != 0 || !bytes.Equal(raw[a.Offset:a.Offset+a.Size], want) {
			t.Errorf("slice %d (%v) at %d, %d bytes: not the input", i, a.Cpu, a.Offset, a.Size)
		}
	}
	if !cpus[macho.CpuAmd64] || !cpus[macho.CpuArm64] || len(ff.Arches) != 2 {
		t.Fatalf("arches %+v", ff.Arches)
	}
	if err := join(filepath.Join(dir, "twice"), []string{ins[0], ins[0]}); err == nil {
		t.Fatal("two slices of one CPU accepted")
	}
}
