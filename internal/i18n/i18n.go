// Package i18n holds spfpatch's user-facing messages in English and
// Japanese and picks the language: --lang, else LC_ALL, LC_MESSAGES, LANG
// (the first one set; "ja..." selects Japanese), else the operating
// system's display language (Windows sets no LANG: its user UI language;
// macOS: AppleLanguages). Codes and JSON field names never go through it:
// they stay language-neutral. The words the Japanese texts use are fixed
// in glossary.go.
package i18n

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Lang is a message language.
type Lang string

// The languages spfpatch speaks.
const (
	EN Lang = "en"
	JA Lang = "ja"
)

// Langs lists every language; each message must exist in all of them.
var Langs = []Lang{EN, JA}

// Detect chooses the language from a --lang value and the environment
// (getenv is os.Getenv in production), then the system's display language.
func Detect(flag string, getenv func(string) string) Lang {
	return detect(flag, getenv, osLang)
}

func detect(flag string, getenv func(string) string, system func() string) Lang {
	if flag != "" {
		return parse(flag)
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			return parse(s)
		}
	}
	if s := system(); s != "" {
		return parse(s)
	}
	return EN
}

// ParseLang reads a language name as people type it: ja, jp, ja_JP.UTF-8,
// ja-JP, japanese, 日本語 for Japanese; en, en_US, english for English.
func ParseLang(s string) (Lang, bool) {
	l := strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(l, "ja"), strings.HasPrefix(l, "jp"), l == "日本語":
		return JA, true
	case strings.HasPrefix(l, "en"), l == "c", l == "posix", strings.HasPrefix(l, "c."):
		return EN, true
	}
	return EN, false
}

func parse(s string) Lang {
	l, _ := ParseLang(s)
	return l
}

// firstAppleLanguage is the first entry of `defaults read -g
// AppleLanguages`, a property list such as ( "ja-JP", "en-JP" ).
func firstAppleLanguage(out string) string {
	for _, f := range strings.FieldsFunc(out, func(r rune) bool {
		return r == '(' || r == ')' || r == ',' || r == '\n' || r == ' ' || r == '\t'
	}) {
		if f = strings.Trim(f, `"`); f != "" {
			return f
		}
	}
	return ""
}

// Printer renders messages in one language.
type Printer struct{ Lang Lang }

// T returns the message key in p's language, formatted with args
// (fmt verbs). An unknown key is returned as is, so a missing message shows
// up in tests rather than as an empty line.
func (p Printer) T(key string, args ...any) string {
	m, ok := catalog[key]
	if !ok {
		return key
	}
	s, ok := m[p.Lang]
	if !ok {
		s = m[EN]
	}
	if len(args) == 0 {
		return s
	}
	if p.Lang == JA {
		args = readableArgs(args)
	}
	return fmt.Sprintf(s, args...)
}

// invisible are the characters owners paste that cannot be seen (or not
// told from an ordinary one) on screen, and how Japanese text shows them:
// %q would show \u3000 or \u00a0, which a shop owner cannot read.
var invisible = []struct{ char, escape, shown string }{
	{"\u3000", `\u3000`, "[全角スペース]"},
	{"\u00a0", `\u00a0`, "[ノーブレークスペース]"},
	{"\u202f", `\u202f`, "[ノーブレークスペース]"},
	{"\u200b", `\u200b`, "[ゼロ幅スペース]"},
	{"\ufeff", `\ufeff`, "[見えない文字]"},
	{"\u200c", `\u200c`, "[見えない文字]"},
	{"\u200d", `\u200d`, "[見えない文字]"},
	{"\u2060", `\u2060`, "[見えない文字]"},
}

// readableArgs replaces, in the string arguments of a Japanese message,
// each invisible character (or its Go escape from an error's %q, quoted
// or not) by a visible name, [全角スペース], [ノーブレークスペース],
// [ゼロ幅スペース], so that neither \u3000 nor an invisible space reaches
// the reader.
func readableArgs(args []any) []any {
	var out []any
	for i, a := range args {
		s, ok := a.(string)
		if !ok {
			continue
		}
		r := s
		for _, c := range invisible {
			if !strings.Contains(r, c.char) && !strings.Contains(r, c.escape) {
				continue
			}
			r = strings.ReplaceAll(r, "'"+c.escape+"'", c.shown)
			r = strings.ReplaceAll(r, c.escape, c.shown)
			r = strings.ReplaceAll(r, c.char, c.shown)
		}
		if r == s {
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = r
	}
	if out == nil {
		return args
	}
	return out
}

// Duration writes d for people: in Japanese as 時間, 分 or 秒 (3600 秒 is
// 1 時間), never Go's 1h0m0s; in English as Go writes it.
func (p Printer) Duration(d time.Duration) string {
	if p.Lang != JA {
		return d.String()
	}
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return fmt.Sprintf("%d 時間", d/time.Hour)
	case d >= time.Minute && d%time.Minute == 0:
		return fmt.Sprintf("%d 分", d/time.Minute)
	case d%time.Second == 0:
		return fmt.Sprintf("%d 秒", d/time.Second)
	}
	return fmt.Sprintf("%g 秒", d.Seconds())
}

// Has reports whether key is in the catalog.
func Has(key string) bool { _, ok := catalog[key]; return ok }

// Keys returns every message key, sorted.
func Keys() []string {
	out := make([]string, 0, len(catalog))
	for k := range catalog {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Incomplete returns the keys that lack a language, or whose languages
// disagree on the number of fmt verbs.
func Incomplete() []string {
	var out []string
	for _, k := range Keys() {
		m := catalog[k]
		n := -1
		for _, l := range Langs {
			s, ok := m[l]
			if !ok || strings.TrimSpace(s) == "" {
				out = append(out, fmt.Sprintf("%s: no %s text", k, l))
				continue
			}
			v := countVerbs(s)
			if n >= 0 && v != n {
				out = append(out, fmt.Sprintf("%s: %d fmt verbs in %s, %d in another language", k, v, l, n))
			}
			n = v
		}
		// Each argument is formatted as the same kind of value in every
		// language: "%s ... %d" in one and "%d ... %s" in another (without
		// %[n] indexes) prints %!d(string=...).
		en := argVerbs(m[EN])
		for _, l := range Langs {
			if l == EN {
				continue
			}
			for arg, c := range argVerbs(m[l]) {
				if e, ok := en[arg]; ok && e != c && e != 'v' && c != 'v' {
					out = append(out, fmt.Sprintf("%s: argument %d is %%%c in %s but %%%c in en; use %%[%d]%c", k, arg, c, l, e, arg, e))
				}
			}
		}
	}
	return out
}

// fmtArgVerb matches one fmt verb: flags, an optional argument index, width,
// precision, the verb letter.
var fmtArgVerb = regexp.MustCompile(`%%|%[+\-# 0]*(?:\[(\d+)\])?(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:\[(\d+)\])?([a-zA-Z])`)

// argVerbs returns, for each argument (from 1) a message formats, the kind
// of value its verb takes: 'd' integer, 's' text (%s and %q), 'f' float, 't'
// bool, 'v' anything.
func argVerbs(s string) map[int]byte {
	out := map[int]byte{}
	next := 1
	for _, m := range fmtArgVerb.FindAllStringSubmatch(s, -1) {
		if m[0] == "%%" {
			continue
		}
		idx := m[1]
		if idx == "" {
			idx = m[2]
		}
		if idx != "" {
			n, _ := strconv.Atoi(idx)
			next = n
		}
		c := m[3][0]
		switch c {
		case 'd', 'x', 'X', 'o', 'b', 'c':
			c = 'd'
		case 'q':
			c = 's'
		case 'e', 'E', 'g', 'G':
			c = 'f'
		}
		out[next] = c
		next++
	}
	return out
}

func countVerbs(s string) int {
	n := 0
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '%' {
			if s[i+1] == '%' {
				i++
				continue
			}
			n++
		}
	}
	return n
}

type msgs = map[Lang]string

// catalog is filled by the catalog_*.go files of this package.
var catalog = map[string]msgs{}

func register(m map[string]msgs) {
	for k, v := range m {
		if _, dup := catalog[k]; dup {
			panic("i18n: duplicate message " + k)
		}
		catalog[k] = v
	}
}
