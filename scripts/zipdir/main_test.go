package main

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

func TestZipDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "spfpatch_1.0_windows_amd64")
	if err := os.MkdirAll(filepath.Join(dir, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"spfpatch.exe": "MZ binary", "README.ja.md": "# spfpatch\n", "docs/x.txt": "x"}
	for name, body := range files {
		mode := os.FileMode(0o644)
		if name == "spfpatch.exe" {
			mode = 0o755
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), mode); err != nil {
			t.Fatal(err)
		}
	}
	archive := filepath.Join(t.TempDir(), "out.zip")
	if err := zipDir(archive, dir); err != nil {
		t.Fatal(err)
	}
	r, err := zip.OpenReader(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
		rel, _ := filepath.Rel("spfpatch_1.0_windows_amd64", filepath.FromSlash(f.Name))
		want, ok := files[filepath.ToSlash(rel)]
		if !ok {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if string(got) != want {
			t.Errorf("%s: %q, want %q", f.Name, got, want)
		}
		if rel == "spfpatch.exe" && f.Mode().Perm()&0o111 == 0 {
			t.Errorf("%s lost its executable bits: %v", f.Name, f.Mode())
		}
	}
	sort.Strings(names)
	want := []string{"spfpatch_1.0_windows_amd64/", "spfpatch_1.0_windows_amd64/README.ja.md", "spfpatch_1.0_windows_amd64/docs/",
		"spfpatch_1.0_windows_amd64/docs/x.txt", "spfpatch_1.0_windows_amd64/spfpatch.exe"}
	if len(names) != len(want) {
		t.Fatalf("names %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("names %q, want %q", names, want)
		}
	}
}
