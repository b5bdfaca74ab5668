package resolver_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/resolver"
)

// Issue 11 point 8: a file of the zone directory that does not parse is
// named with its line in errors, never with what is written there (a token
// file kept beside the zones, a secret in a zone file).
func TestZoneDirErrorsDoNotQuoteFiles(t *testing.T) {
	dir := writeZones(t, map[string]string{
		"bad.example.zone": "$ORIGIN bad.example.\n@ 300 IN SOA ns h 1 2 3 4 5\nwww 300 IN A SECRET-IN-ZONE\n",
		"cloudflare.token": "cf_api_token SECRET-TOKEN-123 x\n",
	})
	r := newResolver(t, resolver.Config{ZoneDir: dir, Timeout: 100 * time.Millisecond}, silentAddr(t))
	var msgs []string
	if err := r.ReloadZones(); err != nil {
		msgs = append(msgs, err.Error())
	}
	for _, name := range []string{"bad.example", "www.bad.example", "x.cloudflare.token"} {
		if _, err := r.LookupTXT(context.Background(), name); err != nil {
			msgs = append(msgs, err.Error())
		}
	}
	all := strings.Join(msgs, "\n")
	if strings.Contains(all, "SECRET") || !strings.Contains(all, "bad.example.zone, line 3: not valid zone file syntax") {
		t.Fatalf("errors:\n%s", all)
	}
}
