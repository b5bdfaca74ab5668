package i18n

import (
	"errors"
	"strings"
	"testing"

	"github.com/spfpatch/spfpatch/internal/config"
)

// Every config error code has a message, whose English text is the
// config package's, so English output does not change.
func TestConfigMessages(t *testing.T) {
	for code, en := range config.Messages {
		m, ok := catalog["config."+code]
		if !ok {
			t.Errorf("no message config.%s", code)
			continue
		}
		if m[EN] != en {
			t.Errorf("config.%s: English %q, config says %q", code, m[EN], en)
		}
	}
	for _, k := range Keys() {
		if c, ok := strings.CutPrefix(k, "config."); ok {
			if _, ok := config.Messages[c]; !ok {
				t.Errorf("%s: no such config error code", k)
			}
		}
	}
}

func TestConfigError(t *testing.T) {
	secret := func(provider, setting string) bool { return setting == "CLOUDFLARE_API_TOKEN" }
	_, err := config.Parse("agency.yaml", []byte("profiles:\n  cf:\n    provider: cloudflare\n    settings:\n      CLOUDFLARE_API_TOKEN: abc\nfoo: 1\n"), secret)
	if err == nil {
		t.Fatal("no error")
	}
	if got := (Printer{EN}).ConfigError(err); got != err.Error() {
		t.Errorf("en: %q, want %q", got, err.Error())
	}
	got := (Printer{JA}).ConfigError(err)
	want := "agency.yaml:5: プロファイル cf: 設定 CLOUDFLARE_API_TOKEN は秘密情報なので、ファイルに直接書くことはできません。{env: VARIABLE}(環境変数)か {file: PATH}(ファイル)で指定してください\n" +
		"agency.yaml:6: 不明なキー \"foo\" があります。一番上の階層に書けるキーは profiles、defaults、domains です。綴りを確認してください"
	if got != want {
		t.Errorf("ja:\n%s\nwant\n%s", got, want)
	}
	// One *Error, with no line; an Error without a code; another error.
	e := &config.Error{Path: "x.yaml", Msg: "the file is empty", Code: config.CodeEmpty}
	if got := (Printer{JA}).ConfigError(e); got != "x.yaml: ファイルが空です。profiles:、defaults:、domains: を書いてください" {
		t.Errorf("ja: %q", got)
	}
	if got := (Printer{JA}).ConfigError(&config.Error{Path: "x.yaml", Line: 3, Msg: "odd"}); got != "x.yaml:3: odd" {
		t.Errorf("no code: %q", got)
	}
	if got := (Printer{JA}).ConfigError(errors.New("other")); got != "other" {
		t.Errorf("other: %q", got)
	}
	if got := (Printer{JA}).ConfigError(nil); got != "" {
		t.Errorf("nil: %q", got)
	}
}
