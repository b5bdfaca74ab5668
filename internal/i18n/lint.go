package i18n

import (
	"regexp"
	"strings"
)

// goFormat is Go formatting that must never reach a reader: %!verb(...)
// from a wrong argument, \uXXXX from %q, a time.Duration's 1h0m0s.
var goFormat = regexp.MustCompile(`%!|\\u[0-9a-fA-F]{4}|\b\d+h\d+m\d+s\b|\b\d+m\d+s\b`)

// LintJapanese reports what must not be in Japanese output: Go formatting;
// English words (two or more in a row, once command names, flags, record
// terms, domain names, the language-neutral codes and known names are
// taken out; a capitalised word counts as a word unless it is a known
// name); words in capitals other than the acronyms of Acronyms (a status
// code such as PERMERROR); codes in brackets such as (no-spf-record); and
// a question mark followed by a full stop (「?。」). It returns one
// description per problem.
func LintJapanese(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if m := goFormat.FindString(line); m != "" {
			out = append(out, "Go formatting "+m+": "+line)
		}
		clean := stripNeutral(line)
		if w := englishWords(clean); w != "" {
			out = append(out, "English \""+w+"\": "+line)
		}
		if w := capitalWord(clean); w != "" {
			out = append(out, "word in capitals \""+w+"\": "+line)
		}
		if m := codeInBrackets.FindString(clean); m != "" {
			out = append(out, "code "+m+": "+line)
		}
		if w := loneWord(clean); w != "" {
			out = append(out, "English \""+w+"\": "+line)
		}
		if strings.Contains(line, "?。") || strings.Contains(line, "？。") {
			out = append(out, "\"?。\": "+line)
		}
	}
	return out
}

var (
	// technical: a token with a digit or one of . : = / @ _ ~ + % < > [ ]
	// (domains, record terms, paths, addresses). A hyphen alone does not
	// make a word technical: no-spf-record is a code, not a name.
	technical = regexp.MustCompile(`[0-9.:=/@_~+%<>\[\]|\\$'"]`)
	words     = regexp.MustCompile(`[A-Za-z][A-Za-z0-9.:=/@_~+%<>\[\]|\\$'"-]*`)
	// flags and quoted values are not prose: --zone-dir, -x, `NAME`.
	flagLike = regexp.MustCompile("(^|[\\s(「])--?[a-z][a-z0-9-]*(=\\S*)?|`[^`]*`")
	// codeInBrackets: a language-neutral code shown in brackets,
	// (no-spf-record), as the plan summary did.
	codeInBrackets = regexp.MustCompile(`[(（][a-z]+(-[a-z0-9]+)+[)）]`)
	// capitals: a word of two or more capital letters (digits may follow).
	capitals = regexp.MustCompile(`[A-Za-z0-9]*[A-Z]{2,}[A-Za-z0-9]*`)
	// neutral are the lowercase words that stay as they are in Japanese
	// text: command and provider names, SPF results and mechanisms, flag
	// values, record names.
	neutral = map[string]bool{}
	// names are capitalised words that are names, the same in every
	// language.
	names = map[string]bool{}
	// Acronyms may stand in capitals in Japanese text.
	Acronyms = map[string]bool{}
)

func init() {
	for _, w := range strings.Fields(`spfpatch plan apply check doctor edit rollback providers completion man help
		include all pass fail softfail neutral none permerror temperror redirect exp mx a ptr exists ip4 ip6 v spf1
		cloudflare route53 rfc2136 powerdns zonefile manual yes json text markdown bash zsh fish ja en jp
		quarantine reject p rua mailto ng gmail yahoo icloud outlook hotmail googlemail me mac
		void lookup lookups rndc reload knotc acl action transfer key algorithm secret
		google-site-verification facebook-domain-verification e-shops
		xn dmarc1 spf2 hmac-sha256 hmac-sha512 tsig localhost`) {
		neutral[w] = true
	}
	for _, w := range strings.Fields(`Cloudflare Amazon Route Google Cloud Workspace Microsoft SendGrid Mailchimp
		Gmail Yahoo iCloud Outlook Windows PowerShell GoDaddy Zenlogic ConoHa WING KAGOYA Squarespace Domains
		Navi Xserver Knot Linux Debian Homebrew Email Routing Go Mac Apple
		Authoritative Server Too Many Requests`) {
		names[w] = true
	}
	for _, w := range strings.Fields(`SPF DNS TXT MX DMARC DKIM API TTL IP ID JSON IDN CNAME NS SOA URL URI HTTP HTTPS AWS
		NG OK IPv4 IPv6 RFC ASCII UTF UTF-8 YAML CSV TLS SSO IAM ARN PATCH GET PUT POST DELETE CLI OS PC IME BOM
		NXDOMAIN NODATA SERVFAIL REFUSED AXFR IXFR UDP TCP EDNS EDNS0 DNSSEC TSIG HMAC SHA PTR AAAA A4 ACL
		PASS FAIL TARGET FILE DIR NAME ADDR PORT KEY ZONE DOMAIN JOURNAL PROFILE URL SECRET TOKEN VALUE TYPE
		LANG PATH HOME XDG NO_COLOR PID SIGTERM SIGINT CR LF CRLF NBSP RTL LTR PEM CA ISP QR FAQ
		HELO MAIL FROM MB KB GB VARIABLE RECORD ADDRESS FORMAT DDD SDK README UPDATE UPSERT REPLACE CREATE
		GENERATE INCLUDE BIND NSD RRset PowerDNS SECONDS DURATION TEXT COUNT N`) {
		Acronyms[w] = true
	}
}

// fmtVerb is a fmt verb of a catalog text, taken out before the lint.
var fmtVerb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)

// stripNeutral takes out what is not prose: fmt verbs, flags, text in
// backquotes.
func stripNeutral(line string) string {
	line = fmtVerb.ReplaceAllString(line, "0")
	return flagLike.ReplaceAllString(line, " ")
}

// englishWords returns the first run of two or more English words in line:
// lowercase words that are not neutral, and capitalised words that are not
// names.
func englishWords(line string) string {
	run, end := 0, 0
	var got []string
	for _, loc := range words.FindAllStringIndex(line, -1) {
		// A word may end a phrase: "Record name:", "name,".
		w := strings.TrimRight(line[loc[0]:loc[1]], "-:,;.'\"")
		isWord := len(w) > 1 && !technical.MatchString(w) && !neutral[strings.ToLower(w)] && !names[w] &&
			(w[0] >= 'a' && w[0] <= 'z' || w[0] >= 'A' && w[0] <= 'Z' && strings.ToLower(w[1:]) == w[1:])
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

// loneValue: one English word standing as a value after ": ", as a Go
// value or a status code printed as is (既定値: false, レコード: ok).
var loneValue = regexp.MustCompile(`: ([A-Za-z][a-z]+)([、。),]|$)`)

// loneWord returns such a word when it is neither neutral nor a name.
func loneWord(line string) string {
	for _, m := range loneValue.FindAllStringSubmatch(line, -1) {
		if w := m[1]; !neutral[strings.ToLower(w)] && !names[w] {
			return w
		}
	}
	return ""
}

// capitalWord returns the first word of two or more capital letters that
// is not an acronym of Acronyms, outside technical tokens (a domain, a
// record term).
func capitalWord(line string) string {
	for _, loc := range words.FindAllStringIndex(line, -1) {
		tok := line[loc[0]:loc[1]]
		if technical.MatchString(tok) {
			continue
		}
		for _, part := range strings.Split(strings.Trim(tok, "-"), "-") {
			m := capitals.FindString(part)
			if m == "" || m != part || Acronyms[m] || names[m] {
				continue
			}
			return m
		}
	}
	return ""
}
