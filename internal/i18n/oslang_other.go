//go:build !windows && !darwin

package i18n

// osLang: on other systems the environment (LC_ALL, LC_MESSAGES, LANG)
// says it all.
func osLang() string { return "" }
