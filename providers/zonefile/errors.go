package zonefile

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
)

// FileError is an error about one zone file that never quotes the file's
// content: a file in --zone-dir may be anything (a token file kept beside
// the zones), so only its name, a line number and a fixed reason are given.
// Its Key names a message of spfpatch's catalog and Code a plan code
// (plan.CodedError), so the plan reports it in the run's language.
type FileError struct {
	Code string // plan code: CodeZoneFile, CodeUnsupported or CodeUnsafe
	Key  string // catalog key (zonefile.*)
	Args []any  // the message's arguments: the file's path first; never its content
	Err  error  // wrapped sentinel, for errors.Is
}

func fileErr(code, key string, sentinel error, args ...any) *FileError {
	return &FileError{Code: code, Key: key, Args: args, Err: sentinel}
}

// Plan codes of zone file errors.
const (
	// CodeZoneFile: the zone file cannot be read as a zone (syntax, no SOA,
	// another zone than its name says).
	CodeZoneFile = "zone-file-error"
	// CodeUnsupported: the zone file uses $GENERATE or $INCLUDE, which
	// spfpatch does not edit.
	CodeUnsupported = "zone-file-unsupported"
	// CodeUnsafe: replacing the file would change what it is (read-only,
	// another owner, hard links, attributes that cannot be kept).
	CodeUnsafe = "zone-file-unsafe"
)

// Sentinels wrapped by FileError.
var (
	ErrSyntax    = errors.New("zonefile: not a valid zone file")
	ErrDirective = errors.New("zonefile: $GENERATE or $INCLUDE")
	ErrUnsafe    = errors.New("zonefile: refusing to replace the zone file")
)

var englishText = map[string]string{
	"zonefile.syntax":        "zone file %s, line %d: not valid zone file syntax%s; the line is not shown, as files here may hold secrets",
	"zonefile.no-soa":        "zone file %s has no SOA record, so it is not a zone",
	"zonefile.other-zone":    "zone file %s holds zone %s, not %s",
	"zonefile.generate":      "zone file %s, line %d: $GENERATE: spfpatch does not edit zone files that generate records; expand the $GENERATE line into records, or make the change by hand",
	"zonefile.include":       "zone file %s, line %d: $INCLUDE: spfpatch does not follow or edit included files; put the SPF record in the zone file itself, or make the change by hand",
	"zonefile.cannot-edit":   "zone file %s, line %d: spfpatch cannot match this line to the record it holds, so it does not edit this file; make the change by hand",
	"zonefile.too-big":       "zone file %s is larger than %d MiB",
	"zonefile.read-only":     "zone file %s is read-only (mode %s): spfpatch does not replace a file you could not write yourself; make it writable first if it should be changed",
	"zonefile.other-owner":   "zone file %s belongs to user %d and group %d: its replacement would belong to you; run spfpatch as its owner (or root)",
	"zonefile.hard-links":    "zone file %s has %d hard links: replacing it would break them; edit it by hand or remove the other links",
	"zonefile.dir-read-only": "the directory of zone file %s is not writable, so the file cannot be replaced atomically",
	"zonefile.xattr":         "zone file %s: its extended attribute %s (an ACL, a label) cannot be kept on the replacement (%s), so it was not replaced",
	"zonefile.changed":       "zone file %s was changed by another program while spfpatch held its lock; nothing was written",
}

func (e *FileError) Error() string {
	return "zonefile: " + fmt.Sprintf(englishText[e.Key], e.Args...)
}

// Unwrap returns the sentinel.
func (e *FileError) Unwrap() error { return e.Err }

// ChangeCode is the plan code (plan.CodedError).
func (e *FileError) ChangeCode() string { return e.Code }

// MessageKey is the catalog key (plan.CodedError).
func (e *FileError) MessageKey() string { return e.Key }

// MessageArgs are the catalog message's arguments (plan.CodedError).
func (e *FileError) MessageArgs() []any { return e.Args }

// parseErrLine matches miekg/dns's ParseError text (made without a file
// name): "dns: REASON: "TOKEN" at line: L:C". Only REASON (miekg's own
// fixed words) and L are kept; TOKEN is file content and is dropped.
var (
	parseErrLine = regexp.MustCompile(`^dns: (.*?): "(?:[^"\\]|\\.)*" at line: (\d+):\d+$`)
	safeReason   = regexp.MustCompile(`^[A-Za-z0-9 ,./()$-]{1,60}$`)
)

// syntaxError turns a parse error of the file at path into a FileError
// that names the file and line but never the token.
func syntaxError(path string, err error) *FileError {
	line, reason := 0, ""
	if m := parseErrLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[2])
		if safeReason.MatchString(m[1]) {
			reason = " (" + m[1] + ")"
		}
	}
	return fileErr(CodeZoneFile, "zonefile.syntax", ErrSyntax, path, line, reason)
}
