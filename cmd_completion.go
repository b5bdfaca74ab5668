package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
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
		Usage:     "print the shell completion script for bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
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
				return cli.Exit("completion takes one shell: bash, zsh or fish, e.g.\n  spfpatch completion bash > /etc/bash_completion.d/spfpatch", exitError)
			}
			return nil
		},
	}
}

func manCommand() *cli.Command {
	return &cli.Command{
		Name:  "man",
		Usage: "print the manual page (roff), generated from the command definitions",
		Action: func(c *cli.Context) error {
			s, err := c.App.ToManWithSection(1)
			if err != nil {
				return cli.Exit(err.Error(), exitError)
			}
			fmt.Fprint(c.App.Writer, strings.TrimLeft(s, "\n"))
			return nil
		},
	}
}
