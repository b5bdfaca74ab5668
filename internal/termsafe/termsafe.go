// Package termsafe makes text from outside (DNS answers, zone and plan
// files, API responses, YAML) safe to print to a terminal and to paste into
// a suggested command.
//
// Everything spfpatch prints that it did not write itself goes through Text:
// control characters (C0, DEL, C1, which carry terminal escape sequences),
// the Unicode bidirectional controls that reorder what a reader sees
// (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), line and
// paragraph separators, and bytes that are not UTF-8 are shown as Go-style
// escapes (\x1b, \u202e) instead of being sent to the terminal.
//
// Every argument of a command spfpatch suggests goes through Arg (or
// Command): a value made only of characters no shell treats specially is
// printed bare; anything else is single-quoted for a POSIX shell. Values
// that cannot be made safe for every shell are never pasted: callers
// validate names before building commands, and Arg is the last line of
// defence, not the first.
package termsafe

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// unsafeRune reports whether r must not reach a terminal as is.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20 && r != '\t', r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
		r == 0x200e, r == 0x200f, r == 0x061c, r == 0x2028, r == 0x2029:
		return true
	case r == utf8.RuneError:
		return true
	}
	return false
}

// Text returns s with every character that could change what the terminal
// shows (escape sequences, bidi overrides, invalid UTF-8) replaced by its
// escape. A tab is kept. Text of clean input returns it unchanged without
// allocating.
func Text(s string) string {
	clean := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r) {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case unsafeRune(r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Line is Text for a value shown on one line: tabs are escaped as well.
func Line(s string) string {
	return strings.ReplaceAll(Text(s), "\t", `\t`)
}

// plain reports whether c is safe unquoted in POSIX shells, PowerShell and
// cmd.exe alike.
func plain(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	switch c {
	case '.', '_', '-', '/', ':', '=', '+', ',', '@':
		return true
	}
	return false
}

// Arg returns s as one shell word: bare when every byte is plain (letters,
// digits and . _ - / : = + , @, which no POSIX shell, PowerShell or cmd.exe
// treats specially), else single-quoted for a POSIX shell with ' written as
// '\”. Control characters are escaped first (Text), so a quoted word never
// carries a terminal escape. A leading '-' or '@' stays plain only after the
// first character (a word such as "-rf" or PowerShell's splat "@x" is
// quoted), and the empty string is ”.
func Arg(s string) string {
	if s == "" {
		return "''"
	}
	s = Line(s)
	safe := s[0] != '-' && s[0] != '@'
	for i := 0; safe && i < len(s); i++ {
		safe = plain(s[i])
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// IsPlain reports whether Arg(s) is s itself: the value can be pasted into
// any shell (POSIX, PowerShell, cmd.exe) without quotes.
func IsPlain(s string) bool { return s != "" && Arg(s) == s }

// Command joins args into one command line, each through Arg.
func Command(args ...string) string {
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(Arg(a))
	}
	return b.String()
}
