package cli

import (
	"fmt"
	"testing"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/providers"
)

// Every English text a provider shows in `spfpatch providers` (its
// description, TXT read note, notes and setting usages) has its Japanese
// in the catalog, under the key providerText uses, for exactly this
// English: a provider whose text changed without its translation fails
// here instead of showing English to a Japanese reader.
func TestProviderTextsTranslated(t *testing.T) {
	en := i18n.Printer{Lang: i18n.EN}
	check := func(key, text string) {
		t.Helper()
		switch {
		case !i18n.Has(key):
			t.Errorf("%s: no catalog entry for %q", key, text)
		case en.T(key) != text:
			t.Errorf("%s: the catalog's English %q differs from the provider's %q", key, en.T(key), text)
		}
	}
	for _, p := range providers.List() {
		check("provider."+p.Name+".description", p.Description)
		if p.Caps.TXTRead != "" {
			check("provider."+p.Name+".txtread", p.Caps.TXTRead)
		}
		for i, n := range p.Caps.Notes {
			check(fmt.Sprintf("provider.%s.note.%d", p.Name, i+1), n)
		}
		for _, s := range p.Settings {
			check(settingKey(s), s.Usage)
		}
	}
}
