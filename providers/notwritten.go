package providers

// Plan codes a NotWrittenError reports (plan.CodeDrift, plan.CodeProvider:
// providers do not import plan).
const (
	CodeDrift    = "drift"
	CodeProvider = "provider-error"
)

// NotWrittenError is a write's error after which the provider holds
// exactly what it held before: the API refused the request before
// processing it (Cloudflare's lockout, HTTP 429: nothing is sent until it
// ends), or a conditional write found the records changed since they were
// read (Route 53's change batch whose DELETE no longer matches). plan finds
// it with errors.As (plan.NotWrittenError), reports the change as not
// written under Code, and reads nothing back. It is only ever made where
// that guarantee holds: never around an error whose outcome is unknown.
type NotWrittenError struct {
	Err  error
	Code string // the plan code to report: CodeDrift or CodeProvider
}

// NotWritten wraps err as a NotWrittenError reported under code.
func NotWritten(code string, err error) error { return &NotWrittenError{Err: err, Code: code} }

func (e *NotWrittenError) Error() string      { return e.Err.Error() }
func (e *NotWrittenError) Unwrap() error      { return e.Err }
func (e *NotWrittenError) NotWritten() string { return e.Code }
