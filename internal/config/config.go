// Package config reads the agency configuration file (YAML): named provider
// profiles, defaults, and a list of domains, each of which may name its
// profile, zone and include targets. Every error names the file and line.
//
// Secrets never appear in the file itself: a secret setting must be a
// reference, {env: NAME} or {file: PATH}, resolved when the profile is used.
package config

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/spfpatch/spfpatch/internal/termsafe"
)

// Value is a setting: a literal, or a reference to an environment variable
// or a file (for secrets).
type Value struct {
	Literal string `yaml:"-"`
	Env     string `yaml:"env"`
	File    string `yaml:"file"`
	Line    int    `yaml:"-"`
	node    ast.Node
}

// IsRef reports whether the value is a reference rather than a literal.
func (v Value) IsRef() bool { return v.Env != "" || v.File != "" }

// Resolve returns the value, reading the referenced variable or file.
func (v Value) Resolve() (string, error) {
	switch {
	case v.Env != "":
		s, ok := os.LookupEnv(v.Env)
		if !ok {
			return "", fmt.Errorf("environment variable %s is not set", v.Env)
		}
		return s, nil
	case v.File != "":
		b, err := os.ReadFile(v.File)
		if err != nil {
			return "", err
		}
		return strings.TrimSpace(string(b)), nil
	}
	return v.Literal, nil
}

// Profile is a named provider configuration.
type Profile struct {
	Name     string
	Provider string
	Settings map[string]Value
	Line     int
}

// Domain is one entry of the domain list.
type Domain struct {
	Target   string
	Profile  string
	Zone     string
	Includes []string
	Create   *bool
	Line     int
}

// Defaults apply to every domain that does not override them.
type Defaults struct {
	Profile  string
	Includes []string
	Create   bool
	Wait     time.Duration
	Line     int // of defaults:, 0 when there is none
}

// File is a parsed configuration file.
type File struct {
	Path     string
	Profiles map[string]*Profile
	Defaults Defaults
	Domains  []Domain
}

// Error is a configuration problem at a line of a file. Msg is the English
// text; Code names the problem (one of the Code constants) and Args are the
// values its message names, so that the CLI can say it in another language
// (internal/i18n, keys "config.<Code>").
type Error struct {
	Path string
	Line int
	Msg  string
	Code string
	Args []string
}

// The codes of Error.
const (
	CodeRead                = "read"                  // [OS error]
	CodeYAML                = "yaml"                  // [parser message]
	CodeEmpty               = "empty"                 // []
	CodeTopLevel            = "top-level"             // []
	CodeUnknownKey          = "unknown-key"           // [key]
	CodeDefaultsProfile     = "defaults-profile"      // [profile]
	CodeDomainProfile       = "domain-profile"        // [domain, profile]
	CodeProfiles            = "profiles"              // []
	CodeProfile             = "profile"               // [profile]
	CodeSettings            = "settings"              // [profile]
	CodeReference           = "reference"             // [profile, setting]
	CodeProfileKey          = "profile-key"           // [profile, key]
	CodeNoProvider          = "no-provider"           // [profile]
	CodeInlineSecret        = "inline-secret"         // [profile, setting]
	CodeDefaults            = "defaults"              // [parser message]
	CodeDomains             = "domains"               // []
	CodeDomainEntry         = "domain-entry"          // [parser message]
	CodeDomainWithoutDomain = "domain-without-domain" // []
	CodeDomainEmpty         = "domain-empty"          // []
	CodeTooLarge            = "too-large"             // [size, limit]
	CodeAlias               = "alias"                 // [alias name]
	CodeDocuments           = "documents"             // []
	CodeTooDeep             = "too-deep"              // [limit]
	CodeTooManyKeys         = "too-many-keys"         // [limit]
	CodeInterrupted         = "interrupted"           // []
	CodeDomainKey           = "domain-key"            // [key]
	CodeDefaultsKey         = "defaults-key"          // [key]
	CodeNotText             = "not-text"              // [where, key, value shown]
	CodeNotNames            = "not-names"             // [where, value shown]
	CodeNotBool             = "not-bool"              // [where, key, value shown]
	CodeNotDuration         = "not-duration"          // [where, value shown]
	CodeDomainList          = "domain-list"           // [value shown]
	CodeTestingOnly         = "testing-only"          // [profile, setting]
	CodeInclude             = "include"               // [the problem, said by Rules.Include]
)

// Messages are the English texts of the codes: fmt formats of the Args
// (all strings). Error.Msg is the one of its Code, formatted.
var Messages = map[string]string{
	CodeRead:                "%s",
	CodeYAML:                "not valid YAML: %s",
	CodeEmpty:               "the file is empty",
	CodeTopLevel:            "the top level must be a mapping with profiles:, defaults: and domains:",
	CodeUnknownKey:          "unknown key %q: the keys are profiles, defaults and domains",
	CodeDefaultsProfile:     "defaults.profile %q is not defined under profiles:",
	CodeDomainProfile:       "%s: profile %q is not defined under profiles:",
	CodeProfiles:            "profiles: must map profile names to {provider: ..., settings: {...}}",
	CodeProfile:             "profile %s: must be a mapping with provider: and settings:",
	CodeSettings:            "profile %s: settings: must be a mapping",
	CodeReference:           "profile %s: setting %s: a reference is {env: NAME} or {file: PATH}",
	CodeProfileKey:          "profile %s: unknown key %q (use provider: and settings:)",
	CodeNoProvider:          "profile %s: provider: is missing",
	CodeInlineSecret:        "profile %s: setting %s is a secret and must not be written in the file; use {env: VARIABLE} or {file: PATH}",
	CodeDefaults:            "defaults: %s (keys: profile, include, create, wait)",
	CodeDomains:             "domains: must be a list of domains (or of {domain: ..., profile: ..., zone: ..., include: [...]})",
	CodeDomainEntry:         "domain entry: %s (keys: domain, profile, zone, include, create)",
	CodeDomainWithoutDomain: "domain entry without domain:",
	CodeDomainEmpty:         "empty domain entry",
	CodeTooLarge:            "the file is %s bytes, over the limit of %s for a config file; keep long domain lists in a --domains-file (one domain a line)",
	CodeAlias:               "aliases (*%s) are not allowed in a config file, because an alias can make a small file expand without limit; write the value out in full",
	CodeDocuments:           "the file holds more than one YAML document (---); put profiles:, defaults: and domains: in one",
	CodeTooDeep:             "nested more than %s levels deep; a config file needs at most 5 (domains: - domain: ... include: [...])",
	CodeTooManyKeys:         "more than %s keys in one mapping; a config file lists its domains under domains: (one - entry each), or keep long lists in a --domains-file",
	CodeInterrupted:         "reading the file was interrupted",
	CodeDomainKey:           "domain entry: unknown key %q (keys: domain, profile, zone, include, create)",
	CodeDefaultsKey:         "defaults: unknown key %q (keys: profile, include, create, wait)",
	CodeNotText:             "%s: %s must be one value written as text, not %s",
	CodeNotNames:            "%s: include must be a name or a list of names, e.g. [e-shopsmail2.com, _spf.example.com], not %s",
	CodeNotBool:             "%s: %s must be true or false, not %s",
	CodeNotDuration:         "%s: wait must be a duration such as 2m or 90s, not %s",
	CodeDomainList:          "domains: each entry is a domain (- shop.example.com) or a mapping (- domain: shop.example.com), not %s",
	CodeTestingOnly:         "profile %s: setting %s is for testing only and cannot be set in a config file (it would send the API token elsewhere); set it in the environment of a test run instead",
	CodeInclude:             "%s",
}

// newError returns the Error of code at path:line (line 0: none). The path
// and the args come from the user or the file: they are made safe for a
// terminal here (termsafe.Line), once for every way the error is shown.
func newError(path string, line int, code string, args ...string) *Error {
	a := make([]any, len(args))
	safe := make([]string, len(args))
	for i, s := range args {
		safe[i] = termsafe.Line(s)
		a[i] = safe[i]
	}
	path = termsafe.Line(path)
	return &Error{Path: path, Line: line, Msg: fmt.Sprintf(Messages[code], a...), Code: code, Args: safe}
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Errors collects every problem found, so one run reports them all.
type Errors []*Error

func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// SecretSetting reports whether a setting name must be given as a
// reference. The caller passes the providers' secret names.
type SecretSetting func(provider, setting string) bool

// Rules are what the caller knows about providers and names, for checks
// the file format alone cannot make. Any may be nil.
type Rules struct {
	// Secret: the setting must be a reference ({env: ...} or {file: ...}).
	Secret SecretSetting
	// TestingOnly: the setting may not be set in a file at all (an API
	// base URL for tests would send a token to another server).
	TestingOnly func(provider, setting string) bool
	// Include checks an include name and returns it in the form to use, or
	// a problem (in the user's language) naming the value and the fix.
	Include func(name string) (normalized, problem string)
}

// Limits of a config file: what a hostile or broken file can cost is
// bounded before the YAML parser sees it. goccy/go-yaml has no option for
// any of these (an alias-expansion limit is its open issue 803), and its
// parser is quadratic in nesting depth, in the keys of one block mapping
// and in the number of documents: 100,000 nested "[" (200 KB) take 52 s,
// 16,000 keys in one mapping 1 s. Within these limits a file parses in
// about a second at most (BenchmarkParseLargest).
const (
	// MaxFileSize is the largest config file read: about 80,000 domain
	// entries of two keys, or 150,000 plain ones. Longer lists belong in a
	// --domains-file.
	MaxFileSize = 4 << 20
	// MaxDepth bounds nesting (block and flow); a config needs 5.
	MaxDepth = 16
	// MaxKeys bounds the keys of one block mapping (profiles: has one key a
	// profile; domain entries are a sequence, not counted here).
	MaxKeys = 1000
)

// Load reads and checks a configuration file. Domain entries with errors
// are reported in the returned Errors and left out of File.Domains, so the
// other domains can still run; problems with profiles or defaults make the
// whole file unusable.
func Load(path string, secret SecretSetting) (*File, error) {
	return LoadContext(context.Background(), path, Rules{Secret: secret})
}

// LoadContext is Load with all the rules, returning as soon as ctx ends
// (Ctrl-C, SIGTERM): the file is read and parsed in the background, so a
// slow source (a pipe, --config <(...), a network file system) or a slow
// parse never holds the run.
func LoadContext(ctx context.Context, path string, rules Rules) (*File, error) {
	type result struct {
		f   *File
		err error
	}
	done := make(chan result, 1)
	go func() {
		data, err := readLimited(path)
		if err != nil {
			done <- result{nil, err}
			return
		}
		f, err := ParseWith(path, data, rules)
		done <- result{f, err}
	}()
	select {
	case r := <-done:
		return r.f, r.err
	case <-ctx.Done():
		return nil, newError(path, 0, CodeInterrupted)
	}
}

// readLimited reads at most MaxFileSize bytes of path; a larger file is an
// error that says its size.
func readLimited(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, newError(path, 0, CodeRead, err.Error())
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, MaxFileSize+1))
	if err != nil {
		return nil, newError(path, 0, CodeRead, err.Error())
	}
	if len(data) > MaxFileSize {
		size := int64(len(data))
		if fi, err := fh.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
		return nil, tooLarge(path, size)
	}
	return data, nil
}

func tooLarge(path string, size int64) *Error {
	return newError(path, 0, CodeTooLarge, strconv.FormatInt(size, 10), strconv.Itoa(MaxFileSize))
}

// Parse is Load on data already read.
func Parse(path string, data []byte, secret SecretSetting) (*File, error) {
	return ParseWith(path, data, Rules{Secret: secret})
}

// ParseWith is Parse with all the rules.
func ParseWith(path string, data []byte, rules Rules) (*File, error) {
	if len(data) > MaxFileSize {
		return nil, tooLarge(path, int64(len(data)))
	}
	f := &File{Path: path, Profiles: map[string]*Profile{}}
	tokens := lexer.Tokenize(string(data))
	if err := f.checkShape(tokens); err != nil {
		return nil, err
	}
	astFile, err := parser.Parse(tokens, 0)
	if err != nil {
		return nil, newError(path, yamlLine(err), CodeYAML, firstLine(err.Error()))
	}
	if len(astFile.Docs) == 0 || astFile.Docs[0].Body == nil {
		return nil, newError(path, 0, CodeEmpty)
	}
	if len(astFile.Docs) > 1 {
		return nil, newError(path, line(astFile.Docs[1].Body), CodeDocuments)
	}
	root, ok := unwrap(astFile.Docs[0].Body).(*ast.MappingNode)
	if !ok {
		return nil, newError(path, line(astFile.Docs[0].Body), CodeTopLevel)
	}
	var fatal, domainErrs Errors
	for _, kv := range root.Values {
		key, _ := text(kv.Key)
		switch key {
		case "profiles":
			fatal = append(fatal, f.parseProfiles(kv.Value, rules)...)
		case "defaults":
			fatal = append(fatal, f.parseDefaults(kv.Value, rules)...)
		case "domains":
			if _, ok := unwrap(kv.Value).(*ast.SequenceNode); !ok {
				fatal = append(fatal, f.parseDomains(kv.Value, rules)...)
				continue
			}
			domainErrs = append(domainErrs, f.parseDomains(kv.Value, rules)...)
		default:
			fatal = append(fatal, newError(path, line(kv.Key), CodeUnknownKey, key))
		}
	}
	if f.Defaults.Profile != "" && f.Profiles[f.Defaults.Profile] == nil {
		fatal = append(fatal, newError(path, f.Defaults.Line, CodeDefaultsProfile, f.Defaults.Profile))
	}
	kept := f.Domains[:0]
	for _, d := range f.Domains {
		p := d.Profile
		if p == "" {
			p = f.Defaults.Profile
		}
		if p != "" && f.Profiles[p] == nil {
			domainErrs = append(domainErrs, newError(path, d.Line, CodeDomainProfile, d.Target, p))
			continue
		}
		kept = append(kept, d)
	}
	f.Domains = kept
	if len(fatal) > 0 {
		return nil, append(fatal, domainErrs...)
	}
	if len(domainErrs) > 0 {
		return f, domainErrs
	}
	return f, nil
}

// checkShape refuses, from the tokens (which the lexer makes in linear
// time), what would make the parser or the decoding slow or unbounded:
// aliases, more than one document, nesting deeper than MaxDepth and block
// mappings of more than MaxKeys keys.
func (f *File) checkShape(tokens token.Tokens) *Error {
	type level struct{ col, keys int }
	var block []level // open block collections, by column
	flow, headers, ends := 0, 0, 0
	// enter notes a sequence entry or a key at col: the collections of
	// deeper columns have ended; one at col goes on, or a new one starts.
	enter := func(col int, key bool) {
		for len(block) > 0 && block[len(block)-1].col > col {
			block = block[:len(block)-1]
		}
		if len(block) == 0 || block[len(block)-1].col < col {
			block = append(block, level{col: col})
		}
		if key {
			block[len(block)-1].keys++
		}
	}
	for _, tk := range tokens {
		ln := tk.Position.Line
		switch tk.Type {
		case token.AliasType:
			name := strings.TrimPrefix(tk.Value, "*")
			if name == "" && tk.Next != nil {
				name = tk.Next.Value
			}
			return newError(f.Path, ln, CodeAlias, name)
		case token.DocumentHeaderType:
			headers++
		case token.DocumentEndType:
			ends++
		case token.SequenceStartType, token.MappingStartType:
			flow++
			if flow > MaxDepth {
				return newError(f.Path, ln, CodeTooDeep, strconv.Itoa(MaxDepth))
			}
		case token.SequenceEndType, token.MappingEndType:
			if flow > 0 {
				flow--
			}
		case token.SequenceEntryType, token.MappingValueType:
			if flow > 0 {
				continue
			}
			key := tk.Type == token.MappingValueType
			col := tk.Position.Column
			if key && tk.Prev != nil {
				col = tk.Prev.Position.Column
			}
			enter(col, key)
			if len(block) > MaxDepth {
				return newError(f.Path, ln, CodeTooDeep, strconv.Itoa(MaxDepth))
			}
			if block[len(block)-1].keys > MaxKeys {
				return newError(f.Path, ln, CodeTooManyKeys, strconv.Itoa(MaxKeys))
			}
		}
		if headers > 1 || ends > 1 {
			return newError(f.Path, ln, CodeDocuments)
		}
	}
	return nil
}

// unwrap returns the value under anchors and tags.
func unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
}

// pairs returns the key-value pairs of a mapping node.
func pairs(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch v := unwrap(n).(type) {
	case *ast.MappingNode:
		return v.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}, true
	}
	return nil, false
}

// text returns the text of a scalar node ("" for null); ok is false for a
// mapping or a sequence.
func text(n ast.Node) (string, bool) {
	switch v := unwrap(n).(type) {
	case nil, *ast.NullNode:
		return "", true
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		if tk := v.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

// shown is a value as an error message quotes it: a scalar in quotes, a
// list as [...], a mapping as {...}.
func shown(n ast.Node) string {
	if s, ok := text(n); ok {
		return strconv.Quote(s)
	}
	if _, ok := unwrap(n).(*ast.SequenceNode); ok {
		return "[...]"
	}
	return "{...}"
}

// names reads an include: value, a name or a list of names.
func names(n ast.Node) ([]string, bool) {
	if s, ok := text(n); ok {
		if strings.TrimSpace(s) == "" {
			return nil, true
		}
		return []string{s}, true
	}
	seq, ok := unwrap(n).(*ast.SequenceNode)
	if !ok {
		return nil, false
	}
	var out []string
	for _, item := range seq.Values {
		s, ok := text(item)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// boolean reads true or false.
func boolean(n ast.Node) (bool, bool) {
	if b, ok := unwrap(n).(*ast.BoolNode); ok {
		return b.Value, true
	}
	return false, false
}

// includes checks each name with rules.Include; it returns the names to
// use and the problems.
func (f *File) includes(n ast.Node, list []string, rules Rules) ([]string, Errors) {
	if rules.Include == nil {
		return list, nil
	}
	var out []string
	var errs Errors
	for _, name := range list {
		a, problem := rules.Include(name)
		if problem != "" {
			errs = append(errs, f.errAt(n, CodeInclude, problem))
			continue
		}
		out = append(out, a)
	}
	return out, errs
}

func line(n ast.Node) int {
	if n == nil || n.GetToken() == nil {
		return 0
	}
	return n.GetToken().Position.Line
}

func yamlLine(err error) int {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		return ye.GetToken().Position.Line
	}
	return 0
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func (f *File) errAt(n ast.Node, code string, args ...string) *Error {
	return newError(f.Path, line(n), code, args...)
}

func (f *File) parseProfiles(n ast.Node, rules Rules) Errors {
	m, ok := pairs(n)
	if !ok {
		return Errors{f.errAt(n, CodeProfiles)}
	}
	var errs Errors
	for _, kv := range m {
		name, _ := text(kv.Key)
		p := &Profile{Name: name, Settings: map[string]Value{}, Line: line(kv.Key)}
		body, ok := pairs(kv.Value)
		if !ok {
			errs = append(errs, f.errAt(kv.Value, CodeProfile, name))
			continue
		}
		for _, pkv := range body {
			key, _ := text(pkv.Key)
			switch key {
			case "provider":
				s, ok := text(pkv.Value)
				if !ok {
					errs = append(errs, f.errAt(pkv.Value, CodeNotText, name, key, shown(pkv.Value)))
					continue
				}
				p.Provider = strings.TrimSpace(s)
			case "settings":
				sm, ok := pairs(pkv.Value)
				if !ok {
					errs = append(errs, f.errAt(pkv.Value, CodeSettings, name))
					continue
				}
				for _, skv := range sm {
					sname, _ := text(skv.Key)
					v := Value{Line: line(skv.Key)}
					if _, isMap := pairs(skv.Value); isMap {
						if err := yaml.NodeToValue(unwrap(skv.Value), &v, yaml.DisallowUnknownField()); err != nil || v.Env == "" && v.File == "" || v.Env != "" && v.File != "" {
							errs = append(errs, f.errAt(skv.Value, CodeReference, name, sname))
							continue
						}
					} else {
						s, ok := text(skv.Value)
						if !ok {
							errs = append(errs, f.errAt(skv.Value, CodeNotText, name, sname, shown(skv.Value)))
							continue
						}
						v.Literal = strings.TrimSpace(s)
						v.node = skv.Value
					}
					p.Settings[sname] = v
				}
			default:
				errs = append(errs, f.errAt(pkv.Key, CodeProfileKey, name, key))
			}
		}
		if p.Provider == "" {
			errs = append(errs, f.errAt(kv.Key, CodeNoProvider, name))
		}
		// Secrets and testing-only settings are checked once the whole
		// profile is read: provider: may come after settings:.
		for sname, v := range p.Settings {
			switch {
			case rules.TestingOnly != nil && rules.TestingOnly(p.Provider, sname):
				errs = append(errs, newError(f.Path, v.Line, CodeTestingOnly, name, sname))
				delete(p.Settings, sname)
			case !v.IsRef() && rules.Secret != nil && rules.Secret(p.Provider, sname):
				errs = append(errs, f.errAt(v.node, CodeInlineSecret, name, sname))
				delete(p.Settings, sname)
			}
		}
		f.Profiles[name] = p
	}
	return errs
}

func (f *File) parseDefaults(n ast.Node, rules Rules) Errors {
	f.Defaults.Line = line(n)
	if s, ok := text(n); ok && strings.TrimSpace(s) == "" {
		return nil // defaults: with nothing under it
	}
	m, ok := pairs(n)
	if !ok {
		return Errors{f.errAt(n, CodeNotText, "defaults", "defaults", shown(n))}
	}
	var errs Errors
	for _, kv := range m {
		key, _ := text(kv.Key)
		switch key {
		case "profile":
			s, ok := text(kv.Value)
			if !ok {
				errs = append(errs, f.errAt(kv.Value, CodeNotText, "defaults", key, shown(kv.Value)))
				continue
			}
			f.Defaults.Profile = strings.TrimSpace(s)
		case "include":
			list, ok := names(kv.Value)
			if !ok {
				errs = append(errs, f.errAt(kv.Value, CodeNotNames, "defaults", shown(kv.Value)))
				continue
			}
			var bad Errors
			f.Defaults.Includes, bad = f.includes(kv.Value, list, rules)
			errs = append(errs, bad...)
		case "create":
			b, ok := boolean(kv.Value)
			if !ok {
				errs = append(errs, f.errAt(kv.Value, CodeNotBool, "defaults", key, shown(kv.Value)))
				continue
			}
			f.Defaults.Create = b
		case "wait":
			d, ok := duration(kv.Value)
			if !ok {
				errs = append(errs, f.errAt(kv.Value, CodeNotDuration, "defaults", shown(kv.Value)))
				continue
			}
			f.Defaults.Wait = d
		default:
			errs = append(errs, f.errAt(kv.Key, CodeDefaultsKey, key))
		}
	}
	return errs
}

// duration reads a wait: a Go duration (2m, 90s) or whole seconds (120).
func duration(n ast.Node) (time.Duration, bool) {
	s, ok := text(n)
	if !ok {
		return 0, false
	}
	s = strings.TrimSpace(s)
	if sec, err := strconv.ParseInt(s, 10, 64); err == nil && sec >= 0 && sec <= 1<<31 {
		return time.Duration(sec) * time.Second, true
	}
	d, err := time.ParseDuration(s)
	return d, err == nil && d >= 0
}

func (f *File) parseDomains(n ast.Node, rules Rules) Errors {
	seq, ok := unwrap(n).(*ast.SequenceNode)
	if !ok {
		return Errors{f.errAt(n, CodeDomains)}
	}
	var errs Errors
	for _, item := range seq.Values {
		ln := line(item)
		if m, ok := pairs(item); ok {
			d, bad := f.domainEntry(m, ln, rules)
			if len(bad) > 0 {
				errs = append(errs, bad...)
				continue
			}
			f.Domains = append(f.Domains, d)
			continue
		}
		s, ok := text(item)
		switch {
		case !ok:
			errs = append(errs, newError(f.Path, ln, CodeDomainList, shown(item)))
		case strings.TrimSpace(s) == "":
			errs = append(errs, newError(f.Path, ln, CodeDomainEmpty))
		default:
			f.Domains = append(f.Domains, Domain{Target: strings.TrimSpace(s), Line: ln})
		}
	}
	return errs
}

// domainEntry reads one {domain: ..., profile: ..., ...} entry. Its problems
// are said at the entry's line, after the domain when it is known.
func (f *File) domainEntry(m []*ast.MappingValueNode, ln int, rules Rules) (Domain, Errors) {
	d := Domain{Line: ln}
	where := "domains"
	for _, kv := range m {
		if key, _ := text(kv.Key); key == "domain" {
			if s, ok := text(kv.Value); ok && strings.TrimSpace(s) != "" {
				where = strings.TrimSpace(s)
			}
		}
	}
	var errs Errors
	str := func(kv *ast.MappingValueNode, key string) string {
		s, ok := text(kv.Value)
		if !ok {
			errs = append(errs, newError(f.Path, ln, CodeNotText, where, key, shown(kv.Value)))
		}
		return strings.TrimSpace(s)
	}
	for _, kv := range m {
		key, _ := text(kv.Key)
		switch key {
		case "domain":
			d.Target = str(kv, key)
		case "profile":
			d.Profile = str(kv, key)
		case "zone":
			d.Zone = str(kv, key)
		case "include":
			list, ok := names(kv.Value)
			if !ok {
				errs = append(errs, newError(f.Path, ln, CodeNotNames, where, shown(kv.Value)))
				continue
			}
			var bad Errors
			d.Includes, bad = f.includes(kv.Value, list, rules)
			for _, e := range bad {
				e.Line = ln
			}
			errs = append(errs, bad...)
		case "create":
			b, ok := boolean(kv.Value)
			if !ok {
				errs = append(errs, newError(f.Path, ln, CodeNotBool, where, key, shown(kv.Value)))
				continue
			}
			d.Create = &b
		default:
			errs = append(errs, newError(f.Path, ln, CodeDomainKey, key))
		}
	}
	if len(errs) == 0 && d.Target == "" {
		errs = append(errs, newError(f.Path, ln, CodeDomainWithoutDomain))
	}
	return d, errs
}
