package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/providers"
)

// The README's provider tables are generated from the registry
// (spfpatch [--lang ja] providers --format markdown): when a provider, a
// setting or a capability changes, this test says to regenerate them.
func TestReadmeProviderTable(t *testing.T) {
	old := tr
	t.Cleanup(func() { tr = old })
	for file, lang := range map[string]i18n.Lang{"../README.md": i18n.EN, "../README.ja.md": i18n.JA} {
		tr = i18n.Printer{Lang: lang}
		want := providersMarkdown(providers.List())
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		i, j := strings.Index(s, "<!-- providers:begin -->\n"), strings.Index(s, "<!-- providers:end -->")
		if i < 0 || j < i {
			t.Fatalf("%s has no providers:begin/end markers", file)
		}
		if got := s[i+len("<!-- providers:begin -->\n") : j]; got != want {
			t.Errorf("%s: the provider table is out of date; regenerate it with spfpatch --lang %s providers --format markdown.\ngot:\n%s\nwant:\n%s", file, lang, got, want)
		}
	}
}
