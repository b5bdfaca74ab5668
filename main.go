// Command spfpatch adds a mail platform's include to a shop domain's SPF
// record, safely, through the domain's DNS provider. See README.md; the
// commands live in cli/, the packages they use are described in
// ARCHITECTURE.md.
package main

import (
	"os"

	"github.com/spfpatch/spfpatch/cli"
)

// version is stamped at build time: go build -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	cli.Version = version
	os.Exit(cli.Run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
