package i18n

import (
	"regexp"
	"strings"
)

// goFormat is Go formatting that must never reach a reader: %!verb(...)
// from a wrong argument, \uXXXX from %q, a time.Duration's 1h0m0s.
var goFormat = regexp.MustCompile(`%!|\\u[0-9a-fA-F]{4}|\b\d+h\d+m\d+s\b|\b\d+m\d+s\b`)

// LintJapanese reports what must not be in Japanese output: Go formatting,
// and English words (two or more in a row, once command names, flags,
// record terms, domain names and the language-neutral codes are taken
// out). It returns one description per problem.
func LintJapanese(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if m := goFormat.FindString(line); m != "" {
			out = append(out, "Go formatting "+m+": "+line)
		}
		if w := englishWords(line); w != "" {
			out = append(out, "English \""+w+"\": "+line)
		}
	}
	return out
}

var (
	// technical: a token with a digit or one of . : = / @ _ ~ + % < > [ ]
	// (domains, record terms, paths, flags, addresses), or in capitals.
	technical = regexp.MustCompile(`[0-9.:=/@_~+%<>\[\]|\\$'"-]`)
	words     = regexp.MustCompile(`[A-Za-z][A-Za-z0-9.:=/@_~+%<>\[\]|\\$'"-]*`)
	// neutral are the lowercase words that stay as they are in Japanese
	// text: command and provider names, SPF results and mechanisms, flag
	// values.
	neutral = map[string]bool{}
)

func init() {
	for _, w := range strings.Fields(`spfpatch plan apply check doctor edit rollback providers completion man help
		include all pass fail softfail neutral none permerror temperror redirect exp mx a ptr exists ip4 ip6 v spf1
		cloudflare route53 rfc2136 powerdns zonefile manual yes json text markdown bash zsh fish ja en jp
		quarantine reject p rua mailto ok ng gmail yahoo icloud outlook hotmail googlemail me mac
		void lookup lookups rndc reload knotc acl action transfer key algorithm secret`) {
		neutral[w] = true
	}
}

// fmtVerb is a fmt verb of a catalog text, taken out before the lint.
var fmtVerb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)

// englishWords returns the first run of two or more lowercase English
// words in line (capitalised words are names: Amazon Route 53).
func englishWords(line string) string {
	line = fmtVerb.ReplaceAllString(line, "0")
	run, end := 0, 0
	var got []string
	for _, loc := range words.FindAllStringIndex(line, -1) {
		w := line[loc[0]:loc[1]]
		isWord := len(w) > 1 && !technical.MatchString(w) && w[0] >= 'a' && w[0] <= 'z' && !neutral[w]
		// Only words separated by one space make a run.
		if isWord && run > 0 && line[end:loc[0]] != " " {
			run, got = 0, nil
		}
		end = loc[1]
		if !isWord {
			run, got = 0, nil
			continue
		}
		run++
		got = append(got, w)
		if run >= 2 {
			return strings.Join(got, " ")
		}
	}
	return ""
}
