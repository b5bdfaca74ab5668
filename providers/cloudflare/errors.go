package cloudflare

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/providers"
)

// APIError is an answer in which the API refused a request: its HTTP status
// and error codes. Its text says, for an authorisation failure, which
// permission the token lacks and for which zone, in the run's language.
type APIError struct {
	Status int
	Codes  []int    // the errors' codes, error chains included
	Texts  []string // "code: message", made safe to print and bounded
	Method string
	Path   string
	Zone   string // the zone's name, "" when unknown
	Token  string // the setting that holds the token sent
	msgs   []string
	op     op
	p      i18n.Printer
}

// ErrAuth is matched (errors.Is) by an APIError that refused the token.
var ErrAuth = errors.New("the Cloudflare API refused the token")

// Is makes errors.Is(err, ErrAuth) true for authorisation failures.
func (e *APIError) Is(target error) bool { return target == ErrAuth && e.Auth() != "" }

// Has reports whether the answer carries code.
func (e *APIError) Has(code int) bool {
	for _, c := range e.Codes {
		if c == code {
			return true
		}
	}
	return false
}

// Auth classifies an authorisation failure: "format" (400, codes 6003 and
// 6111 "Invalid format for Authorization header", or 9106 "Missing
// X-Auth-Key, X-Auth-Email or Authorization headers"), "invalid" (403, code
// 9109 "Invalid access token" or "Cannot use the access token from
// location": a token Cloudflare does not accept, or not from this
// address), "permission" (403 or 401, code 10000 "Authentication error",
// or 9109 "Unauthorized to access requested resource": a valid token
// without the permission, or whose zone resources leave the zone out); ""
// otherwise.
func (e *APIError) Auth() string {
	switch {
	case e.Has(6003) || e.Has(6111) || e.Has(9106):
		return "format"
	case e.Has(9109) && e.said("invalid access token", "cannot use the access token"):
		return "invalid"
	case e.Has(9109):
		// "Unauthorized to access requested resource": a token without
		// the permission (observed: octodns-cloudflare #60).
		return "permission"
	case e.Has(10000), e.Status == http.StatusUnauthorized, e.Status == http.StatusForbidden && len(e.Codes) == 0:
		return "permission"
	}
	return ""
}

// said reports whether one of the answer's messages holds one of texts.
func (e *APIError) said(texts ...string) bool {
	for _, m := range e.msgs {
		for _, t := range texts {
			if strings.Contains(strings.ToLower(m), t) {
				return true
			}
		}
	}
	return false
}

func (e *APIError) detail() string {
	d := fmt.Sprintf("HTTP %d", e.Status)
	if len(e.Texts) > 0 {
		d += ", " + strings.Join(e.Texts, "; ")
	}
	return d
}

func (e *APIError) Error() string {
	zone := strings.TrimSuffix(e.Zone, ".")
	switch e.Auth() {
	case "format":
		return e.p.T("cloudflare.auth.format", e.Token, e.detail())
	case "invalid":
		return e.p.T("cloudflare.auth.invalid", e.Token, e.detail())
	case "permission":
		switch e.op {
		case opZone:
			return e.p.T("cloudflare.auth.zone-read", e.Token, zone, e.detail(), zone)
		case opRead:
			return e.p.T("cloudflare.auth.dns-read", e.Token, zone, e.detail(), zone)
		default:
			return e.p.T("cloudflare.auth.dns-edit", e.Token, zone, e.detail(), zone)
		}
	}
	return e.p.T("cloudflare.api.refused", e.Method, e.Path, e.detail())
}

// apiError builds the APIError of an answer.
func (cl *client) apiError(c call, status int, errs []apiError) *APIError {
	e := &APIError{Status: status, Method: c.method, Path: c.path, Zone: c.zone, op: c.op, p: cl.p, Token: "CLOUDFLARE_API_TOKEN"}
	if c.zoneToken && cl.zoneToken != "" {
		e.Token = "CLOUDFLARE_ZONE_TOKEN"
	}
	var walk func([]apiError)
	walk = func(es []apiError) {
		for _, a := range es {
			if len(e.Codes) >= 8 {
				return
			}
			e.Codes = append(e.Codes, a.Code)
			e.msgs = append(e.msgs, a.Message)
			// Secrets out first, then the length bound (a cut secret
			// would no longer match).
			msg := providers.Cut(scrubText(a.Message, cl.token, cl.zoneToken), 200)
			e.Texts = append(e.Texts, fmt.Sprintf("%d: %s", a.Code, termsafe.Line(msg)))
			walk(a.ErrorChain)
		}
	}
	walk(errs)
	return e
}
