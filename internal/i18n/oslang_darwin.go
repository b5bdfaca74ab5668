//go:build darwin

package i18n

import (
	"context"
	"os/exec"
	"time"
)

// osLang is the first of the user's preferred languages on macOS
// (System Settings > General > Language & Region), read from the global
// AppleLanguages default when no LANG is set (apps started from Finder,
// or a Terminal set not to set it).
func osLang() string {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "defaults", "read", "-g", "AppleLanguages").Output()
	if err != nil {
		return ""
	}
	return firstAppleLanguage(string(out))
}
