package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/spfpatch/spfpatch/doctor"
)

// programName is how doctor's suggested commands start, so that they work
// when pasted where the owner ran spfpatch: "spfpatch" when it was found
// on the PATH, else the path it was started with. On Windows a program in
// the current folder must be started as .\spfpatch.exe in PowerShell
// (cmd.exe accepts that too), so a relative start (spfpatch.exe,
// .\spfpatch.exe, Downloads\spfpatch.exe) gives .\ and the relative path.
// A name that is not spfpatch's (a test binary) gives "spfpatch".
func programName(goos, arg0, cwd string, inPath func(dir string) bool) string {
	// The name goes into commands people copy and into the terminal: a
	// path that is not plain letters, digits and . _ - / \ : (a shell
	// sign, an escape sequence, a space) is said as plain "spfpatch", as
	// doctor does.
	if p := programPath(goos, arg0, cwd, inPath); doctor.SafeProgram(p) {
		return p
	}
	return "spfpatch"
}

// programPath is programName before the check of what it holds.
func programPath(goos, arg0, cwd string, inPath func(dir string) bool) string {
	sep := "/"
	if goos == "windows" {
		sep = `\`
		arg0 = strings.ReplaceAll(arg0, "/", `\`)
		cwd = strings.ReplaceAll(cwd, "/", `\`)
	}
	dir, base := splitLast(arg0, sep)
	if !strings.HasPrefix(strings.ToLower(base), "spfpatch") {
		return "spfpatch"
	}
	if goos == "windows" && !strings.HasSuffix(strings.ToLower(base), ".exe") {
		base += ".exe"
	}
	abs := strings.HasPrefix(arg0, sep) || (goos == "windows" && len(arg0) > 2 && arg0[1] == ':')
	switch {
	case dir == "" && goos != "windows":
		return "spfpatch" // found on the PATH (a shell never runs ./x as x)
	case dir == "":
		// cmd.exe runs spfpatch.exe from the current folder, PowerShell
		// does not: .\ works in both.
		if inPath != nil && inPath(cwd) {
			return "spfpatch"
		}
		return `.` + sep + base
	case abs && strings.EqualFold(dir, cwd):
		return `.` + sep + base
	case abs && inPath != nil && inPath(dir):
		return "spfpatch"
	case abs:
		if strings.ContainsAny(arg0, " &()'\"%;`$") {
			return "spfpatch"
		}
		return dir + sep + base
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(dir, "."+sep), ".")
	if rel == "" || rel == sep {
		return `.` + sep + base
	}
	if strings.ContainsAny(rel, " &()'\"%;`$") {
		return "spfpatch"
	}
	return `.` + sep + strings.TrimPrefix(rel, sep) + sep + base
}

func splitLast(p, sep string) (dir, base string) {
	i := strings.LastIndex(p, sep)
	if i < 0 {
		return "", p
	}
	return p[:i], p[i+1:]
}

// thisProgram is programName for this process, worked out once (check
// asks it for every domain without an SPF record).
var thisProgram = sync.OnceValue(func() string {
	cwd, _ := os.Getwd()
	return programName(runtime.GOOS, os.Args[0], cwd, func(dir string) bool {
		for _, d := range filepath.SplitList(os.Getenv("PATH")) {
			if d != "" && strings.EqualFold(filepath.Clean(d), filepath.Clean(dir)) {
				return true
			}
		}
		return false
	})
})
