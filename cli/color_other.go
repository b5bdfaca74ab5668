//go:build !windows

package cli

import "io"

// enableColor: terminals outside Windows show colour escapes as they are.
func enableColor(io.Writer) bool { return true }
