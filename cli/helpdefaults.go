package cli

import (
	"time"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/internal/i18n"
)

// plainDefaults gives every string flag with a default its DefaultText:
// the value as the user types it, not Go-quoted as urfave/cli v2 shows a
// string's default ("(default: \"6m\")", "(既定値: \"3600\")"). A value
// that is a duration is written for people in Japanese (6 分, not 6m).
// Help and the man page both read DefaultText.
func plainDefaults(flags []cli.Flag) {
	for _, f := range flags {
		sf, ok := f.(*cli.StringFlag)
		if !ok || sf.DefaultText != "" || sf.Value == "" {
			continue
		}
		sf.DefaultText = sf.Value
		if d, err := time.ParseDuration(sf.Value); err == nil && d > 0 && tr.Lang == i18n.JA {
			sf.DefaultText = tr.Duration(d)
		}
	}
}
