//go:build windows

package i18n

import "golang.org/x/sys/windows"

// langJapanese is the primary language ID of Japanese (LANG_JAPANESE in
// winnt.h); a LANGID's primary language is its low 10 bits.
const langJapanese = 0x11

var getUserDefaultUILanguage = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetUserDefaultUILanguage")

// osLang is the user's Windows display language. Windows sets no LANG, so
// this is what a shop owner on Japanese Windows is recognised by: the
// preferred UI languages (GetUserPreferredUILanguages, "ja-JP"), else the
// default UI language's LANGID (GetUserDefaultUILanguage).
func osLang() string {
	if langs, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME); err == nil && len(langs) > 0 && langs[0] != "" {
		return langs[0]
	}
	if err := getUserDefaultUILanguage.Find(); err != nil {
		return ""
	}
	id, _, _ := getUserDefaultUILanguage.Call()
	if id&0x3ff == langJapanese {
		return "ja"
	}
	if id != 0 {
		return "en"
	}
	return ""
}
