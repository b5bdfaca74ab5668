package plan

import "errors"

// NotWrittenError is implemented by a provider's write errors after which
// the provider holds exactly what it held before: the API refused the
// request before processing it (a rate-limit lockout), or a conditional
// write found the RRset changed since it was read (Route 53). Apply reports
// such a change as not tried under the error's code, and reads nothing
// back: a read would only wait for the lockout to end. plan does not
// import any provider: it finds them with errors.As (providers.NotWrittenError).
type NotWrittenError interface {
	error
	// NotWritten returns the Change code to report (CodeDrift, CodeProvider).
	NotWritten() string
}

// notWrittenCode returns the code of a write error that guarantees nothing
// was written, and whether it is one.
func notWrittenCode(err error) (string, bool) {
	var nw NotWrittenError
	if err == nil || !errors.As(err, &nw) {
		return "", false
	}
	if code := nw.NotWritten(); code != "" {
		return code, true
	}
	return CodeWrite, true
}
