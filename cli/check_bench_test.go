package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/dnstest"
)

// BenchmarkCheckSlowDomains: check of 5,000 domains (default --parallel,
// JSON) of which 5 answer 1 s late, at the top of the list or spread 1,000
// lines apart (issue 13 review item 5). With the output held back by a
// count of results, each spread slow domain stopped the work behind it
// for its second; with the bound in bytes, the work goes on and both take
// about as long.
//
//	go test ./cli/ -run '^$' -bench CheckSlowDomains -benchtime 1x -count 3
func BenchmarkCheckSlowDomains(b *testing.B) {
	const n, slow, delay = 5000, 5, time.Second
	handler := spfAnswers("v=spf1 ip4:192.0.2.0/24 include:_spf.bench.test -all", func(name string) time.Duration {
		if strings.HasPrefix(name, "slow") {
			return delay
		}
		return 0
	})
	addr := dnstest.ServeDNS(b, handler)
	for _, layout := range []struct {
		name  string
		every int // a slow domain every this many lines, from the first
	}{{"top", 1}, {"spread", n / slow}} {
		b.Run(layout.name, func(b *testing.B) {
			var names []string
			for i := range n {
				prefix := "shop"
				if i%layout.every == 0 && i/layout.every < slow {
					prefix = "slow"
				}
				names = append(names, fmt.Sprintf("%s%04d.bench.test", prefix, i))
			}
			list := filepath.Join(b.TempDir(), "domains.txt")
			if err := os.WriteFile(list, []byte(strings.Join(names, "\n")+"\n"), 0o644); err != nil {
				b.Fatal(err)
			}
			b.Setenv("SPFPATCH_INCLUDE", "")
			b.Setenv("SPFPATCH_NAMESERVER", "")
			b.ResetTimer()
			for range b.N {
				code := run([]string{"spfpatch", "check", "--nameserver", addr, "--format", "json", "--domains-file", list},
					strings.NewReader(""), io.Discard, io.Discard)
				if code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
