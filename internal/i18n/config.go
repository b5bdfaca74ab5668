package i18n

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spfpatch/spfpatch/internal/config"
)

// ConfigError returns an error of package config (what config.Load and
// config.Parse return: a *config.Error or config.Errors) in p's language,
// one problem a line, each after its "file:line: ". The message comes from
// the catalog key "config.<Code>" (catalog_config.go); an Error without a
// known Code gives its own text, and so does any other error. In English
// the text is err.Error().
func (p Printer) ConfigError(err error) string {
	if err == nil {
		return ""
	}
	var es config.Errors
	if errors.As(err, &es) && err.Error() == es.Error() {
		lines := make([]string, len(es))
		for i, e := range es {
			lines[i] = p.configError(e)
		}
		return strings.Join(lines, "\n")
	}
	var e *config.Error
	if errors.As(err, &e) {
		return p.wrapped(err, e, p.configError(e))
	}
	return err.Error()
}

// configError renders one problem with its file and line.
func (p Printer) configError(e *config.Error) string {
	if e == nil {
		return ""
	}
	key := "config." + e.Code
	if e.Code == "" || !Has(key) || countVerbs(catalog[key][EN]) != len(e.Args) {
		return e.Error()
	}
	msg := p.T(key, strs(e.Args)...)
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, msg)
}
