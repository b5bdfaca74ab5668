package cli

import "testing"

// Suggested commands start the way spfpatch was started, so that they
// work when pasted in PowerShell, cmd.exe or a shell.
func TestProgramName(t *testing.T) {
	onPath := func(dirs ...string) func(string) bool {
		return func(d string) bool {
			for _, x := range dirs {
				if x == d {
					return true
				}
			}
			return false
		}
	}
	tests := []struct {
		goos, arg0, cwd string
		path            []string
		want            string
	}{
		{"windows", `.\spfpatch.exe`, `C:\Users\shop\Downloads`, nil, `.\spfpatch.exe`},
		{"windows", `spfpatch.exe`, `C:\Users\shop\Downloads`, nil, `.\spfpatch.exe`},
		{"windows", `spfpatch`, `C:\Users\shop\Downloads`, nil, `.\spfpatch.exe`},
		{"windows", `spfpatch`, `C:\Tools`, []string{`C:\Tools`}, "spfpatch"},
		{"windows", `Downloads\spfpatch.exe`, `C:\Users\shop`, nil, `.\Downloads\spfpatch.exe`},
		{"windows", `C:\Users\shop\Downloads\spfpatch.exe`, `C:\Users\shop\Downloads`, nil, `.\spfpatch.exe`},
		{"windows", `C:\Tools\spfpatch.exe`, `C:\Users\shop`, []string{`C:\Tools`}, "spfpatch"},
		{"windows", `C:\Tools\spfpatch.exe`, `C:\Users\shop`, nil, `C:\Tools\spfpatch.exe`},
		{"windows", `C:\Program Files\spfpatch\spfpatch.exe`, `C:\Users\shop`, nil, "spfpatch"},
		{"darwin", "./spfpatch", "/Users/shop/Downloads", nil, "./spfpatch"},
		{"darwin", "spfpatch", "/Users/shop", nil, "spfpatch"},
		{"linux", "/usr/local/bin/spfpatch", "/home/shop", []string{"/usr/local/bin"}, "spfpatch"},
		{"linux", "/tmp/go-build123/cli.test", "/work", nil, "spfpatch"},
		// Names that would run code or reach the terminal raw when pasted
		// or printed: plain spfpatch (the review of issue 14's hints).
		{"linux", "./spfpatch$(id)", "/home/shop", nil, "spfpatch"},
		{"linux", "/home/shop/spfpatch\x1b[31mRED", "/home/shop", nil, "spfpatch"},
		{"linux", "./spfpatch\x1b[31mRED", "/home/shop", nil, "spfpatch"},
		{"linux", "./spfpatch|x", "/home/shop", nil, "spfpatch"},
		{"linux", "./spfpatch\nrm", "/home/shop", nil, "spfpatch"},
		{"windows", `.\spfpatch>x.exe`, `C:\Users\shop`, nil, "spfpatch"},
	}
	for _, tt := range tests {
		if got := programName(tt.goos, tt.arg0, tt.cwd, onPath(tt.path...)); got != tt.want {
			t.Errorf("%s %q in %q: %q, want %q", tt.goos, tt.arg0, tt.cwd, got, tt.want)
		}
	}
}
