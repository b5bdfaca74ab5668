package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/spfpatch/spfpatch/providers"
)

// Scripts adapted from urfave/cli v2's autocomplete/ directory (MIT): they
// ask spfpatch itself for the candidates (--generate-bash-completion), so
// they follow the CLI definition.
const bashCompletion = `# bash completion for spfpatch: source this file, or put it in
# /etc/bash_completion.d/spfpatch
_spfpatch_complete() {
  local cur words opts
  COMPREPLY=()
  cur="${COMP_WORDS[COMP_CWORD]}"
  words=("${COMP_WORDS[@]:0:$COMP_CWORD}")
  if [[ "$cur" == "-"* ]]; then
    opts=$("${words[@]}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    opts=$("${words[@]}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "${opts}" -- "${cur}"))
  return 0
}
complete -o bashdefault -o default -F _spfpatch_complete spfpatch
`

const zshCompletion = `#compdef spfpatch
# zsh completion for spfpatch: put this file as _spfpatch in a directory of $fpath
_spfpatch() {
  local -a opts
  local cur
  cur=${words[-1]}
  if [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion)}")
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}
compdef _spfpatch spfpatch
`

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     tr.T("completion.cmd.usage"),
		ArgsUsage: tr.T("completion.args"),
		Action: func(c *cli.Context) error {
			switch c.Args().First() {
			case "bash":
				fmt.Fprint(c.App.Writer, bashCompletion)
			case "zsh":
				fmt.Fprint(c.App.Writer, zshCompletion)
			case "fish":
				s, err := c.App.ToFishCompletion()
				if err != nil {
					return cli.Exit(err.Error(), exitError)
				}
				fmt.Fprint(c.App.Writer, s)
			default:
				return cli.Exit(tr.T("completion.one-shell"), exitError)
			}
			return nil
		},
	}
}

// enManTemplate is urfave/cli's man page template as shipped.
var enManTemplate = cli.MarkdownDocTemplate

func manCommand() *cli.Command {
	return &cli.Command{
		Name:  "man",
		Usage: tr.T("man.cmd.usage"),
		Action: func(c *cli.Context) error {
			// The page's headings in this run's language (the template is a
			// urfave/cli global; the English one is kept in enManTemplate).
			cli.MarkdownDocTemplate = strings.NewReplacer(
				"# NAME", tr.T("man.name"),
				"# SYNOPSIS", tr.T("man.synopsis"),
				"# DESCRIPTION", tr.T("man.description"),
				"**Usage**:", tr.T("man.usage"),
				"[GLOBAL OPTIONS] command [COMMAND OPTIONS] [ARGUMENTS...]", tr.T("man.usage.line"),
				"# GLOBAL OPTIONS", tr.T("man.global-options"),
				"# COMMANDS", tr.T("man.commands"),
			).Replace(enManTemplate)
			s, err := c.App.ToManWithSection(1)
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			s = strings.ReplaceAll(s, " (default: ", tr.T("man.default"))
			s = strings.ReplaceAll(s, "=[value]", "=["+tr.T("help.flag.value")+"]")
			fmt.Fprint(c.App.Writer, strings.TrimLeft(s, "\n"))
			return nil
		},
	}
}

// completionValues are the values shell completion offers after a flag that takes
// one of a fixed set (nil: a free value such as a path; nothing is offered,
// so the shell falls back to file names).
func completionValues(name string) []string {
	switch name {
	case "provider":
		return providers.Names()
	case "format":
		return []string{"text", "json"}
	case "lang":
		return []string{"en", "ja"}
	}
	return nil
}

// completeCommand is cmd's shell completion: after a flag that takes a
// value, that flag's values (providers after --provider, text/json after
// --format); otherwise urfave/cli's default (flags after "-", else the
// subcommands). Like urfave/cli's, it reads the word before the cursor from
// os.Args, where the completion scripts put it.
func completeCommand(cmd *cli.Command) cli.BashCompleteFunc {
	def := cli.DefaultCompleteWithFlags(cmd)
	return func(c *cli.Context) {
		if len(os.Args) > 2 {
			last := os.Args[len(os.Args)-2]
			if name, ok := strings.CutPrefix(last, "--"); ok && !strings.Contains(name, "=") {
				for _, f := range cmd.Flags {
					if df, isDoc := f.(cli.DocGenerationFlag); isDoc && df.TakesValue() && slices.Contains(f.Names(), name) {
						values := completionValues(name)
						if name == "format" && cmd.Name == "providers" {
							values = append(values, "markdown")
						}
						for _, v := range values {
							fmt.Fprintln(c.App.Writer, v)
						}
						return
					}
				}
			}
		}
		if cmd.Name == "completion" {
			for _, sh := range []string{"bash", "zsh", "fish"} {
				fmt.Fprintln(c.App.Writer, sh)
			}
			return
		}
		def(c)
	}
}
