// Package config reads the agency configuration file (YAML): named provider
// profiles, defaults, and a list of domains, each of which may name its
// profile, zone and include targets. Every error names the file and line.
//
// Secrets never appear in the file itself: a secret setting must be a
// reference, {env: NAME} or {file: PATH}, resolved when the profile is used.
package config

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
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
	line     int
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
}

// newError returns the Error of code at path:line (line 0: none).
func newError(path string, line int, code string, args ...string) *Error {
	a := make([]any, len(args))
	for i, s := range args {
		a[i] = s
	}
	return &Error{Path: path, Line: line, Msg: fmt.Sprintf(Messages[code], a...), Code: code, Args: args}
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

// Load reads and checks a configuration file. Domain entries with errors
// are reported in the returned Errors and left out of File.Domains, so the
// other domains can still run; problems with profiles or defaults make the
// whole file unusable.
func Load(path string, secret SecretSetting) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, newError(path, 0, CodeRead, err.Error())
	}
	return Parse(path, data, secret)
}

// Parse is Load on data already read.
func Parse(path string, data []byte, secret SecretSetting) (*File, error) {
	f := &File{Path: path, Profiles: map[string]*Profile{}}
	astFile, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, newError(path, yamlLine(err), CodeYAML, firstLine(err.Error()))
	}
	if len(astFile.Docs) == 0 || astFile.Docs[0].Body == nil {
		return nil, newError(path, 0, CodeEmpty)
	}
	root, ok := astFile.Docs[0].Body.(*ast.MappingNode)
	if !ok {
		return nil, newError(path, line(astFile.Docs[0].Body), CodeTopLevel)
	}
	var fatal, domainErrs Errors
	for _, kv := range root.Values {
		key := kv.Key.String()
		switch key {
		case "profiles":
			fatal = append(fatal, f.parseProfiles(kv.Value, secret)...)
		case "defaults":
			fatal = append(fatal, f.parseDefaults(kv.Value)...)
		case "domains":
			if _, ok := kv.Value.(*ast.SequenceNode); !ok {
				fatal = append(fatal, f.parseDomains(kv.Value)...)
				continue
			}
			domainErrs = append(domainErrs, f.parseDomains(kv.Value)...)
		default:
			fatal = append(fatal, newError(path, line(kv.Key), CodeUnknownKey, key))
		}
	}
	if f.Defaults.Profile != "" && f.Profiles[f.Defaults.Profile] == nil {
		fatal = append(fatal, newError(path, f.Defaults.line, CodeDefaultsProfile, f.Defaults.Profile))
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

func (f *File) parseProfiles(n ast.Node, secret SecretSetting) Errors {
	m, ok := n.(*ast.MappingNode)
	if !ok {
		return Errors{f.errAt(n, CodeProfiles)}
	}
	var errs Errors
	for _, kv := range m.Values {
		name := kv.Key.String()
		p := &Profile{Name: name, Settings: map[string]Value{}, Line: line(kv.Key)}
		body, ok := kv.Value.(*ast.MappingNode)
		if !ok {
			errs = append(errs, f.errAt(kv.Value, CodeProfile, name))
			continue
		}
		for _, pkv := range body.Values {
			switch pkv.Key.String() {
			case "provider":
				p.Provider = strings.TrimSpace(pkv.Value.String())
			case "settings":
				sm, ok := pkv.Value.(*ast.MappingNode)
				if !ok {
					errs = append(errs, f.errAt(pkv.Value, CodeSettings, name))
					continue
				}
				for _, skv := range sm.Values {
					sname := skv.Key.String()
					v := Value{Line: line(skv.Key)}
					switch val := skv.Value.(type) {
					case *ast.MappingNode:
						if err := yaml.NodeToValue(val, &v, yaml.DisallowUnknownField()); err != nil || v.Env == "" && v.File == "" || v.Env != "" && v.File != "" {
							errs = append(errs, f.errAt(skv.Value, CodeReference, name, sname))
							continue
						}
					default:
						v.Literal = strings.TrimSpace(skv.Value.String())
						v.node = skv.Value
					}
					p.Settings[sname] = v
				}
			default:
				errs = append(errs, f.errAt(pkv.Key, CodeProfileKey, name, pkv.Key.String()))
			}
		}
		if p.Provider == "" {
			errs = append(errs, f.errAt(kv.Key, CodeNoProvider, name))
		}
		// Secrets are checked once the whole profile is read: provider:
		// may come after settings:.
		for sname, v := range p.Settings {
			if !v.IsRef() && secret != nil && secret(p.Provider, sname) {
				errs = append(errs, f.errAt(v.node, CodeInlineSecret, name, sname))
				delete(p.Settings, sname)
			}
		}
		f.Profiles[name] = p
	}
	return errs
}

type defaultsYAML struct {
	Profile string        `yaml:"profile"`
	Include stringList    `yaml:"include"`
	Create  bool          `yaml:"create"`
	Wait    time.Duration `yaml:"wait"`
}

func (f *File) parseDefaults(n ast.Node) Errors {
	var d defaultsYAML
	if err := yaml.NodeToValue(n, &d, yaml.DisallowUnknownField()); err != nil {
		return Errors{f.errAt(n, CodeDefaults, firstLine(err.Error()))}
	}
	f.Defaults = Defaults{Profile: d.Profile, Includes: d.Include, Create: d.Create, Wait: d.Wait, line: line(n)}
	return nil
}

// stringList accepts a string or a list of strings.
type stringList []string

func (s *stringList) UnmarshalYAML(b []byte) error {
	var one string
	if err := yaml.Unmarshal(b, &one); err == nil {
		*s = []string{one}
		return nil
	}
	var many []string
	if err := yaml.Unmarshal(b, &many); err != nil {
		return errors.New("expected a name or a list of names")
	}
	*s = many
	return nil
}

type domainYAML struct {
	Domain  string     `yaml:"domain"`
	Profile string     `yaml:"profile"`
	Zone    string     `yaml:"zone"`
	Include stringList `yaml:"include"`
	Create  *bool      `yaml:"create"`
}

func (f *File) parseDomains(n ast.Node) Errors {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		return Errors{f.errAt(n, CodeDomains)}
	}
	var errs Errors
	for _, item := range seq.Values {
		ln := line(item)
		switch v := item.(type) {
		case *ast.MappingNode:
			var d domainYAML
			if err := yaml.NodeToValue(v, &d, yaml.DisallowUnknownField()); err != nil {
				errs = append(errs, newError(f.Path, ln, CodeDomainEntry, firstLine(err.Error())))
				continue
			}
			if strings.TrimSpace(d.Domain) == "" {
				errs = append(errs, newError(f.Path, ln, CodeDomainWithoutDomain))
				continue
			}
			f.Domains = append(f.Domains, Domain{Target: strings.TrimSpace(d.Domain), Profile: d.Profile, Zone: d.Zone, Includes: d.Include, Create: d.Create, Line: ln})
		default:
			s := strings.TrimSpace(item.String())
			if s == "" || s == "null" {
				errs = append(errs, newError(f.Path, ln, CodeDomainEmpty))
				continue
			}
			f.Domains = append(f.Domains, Domain{Target: s, Line: ln})
		}
	}
	return errs
}
