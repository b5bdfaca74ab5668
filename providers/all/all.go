// Package all registers every DNS provider: main blank-imports it, the
// pattern of dnscontrol's providers/_all. Each line's init() calls
// providers.Register.
package all

import (
	_ "github.com/spfpatch/spfpatch/providers/cloudflare"
	_ "github.com/spfpatch/spfpatch/providers/manual"
	_ "github.com/spfpatch/spfpatch/providers/powerdns"
	_ "github.com/spfpatch/spfpatch/providers/rfc2136"
	_ "github.com/spfpatch/spfpatch/providers/route53"
	_ "github.com/spfpatch/spfpatch/providers/zonefile"
)
