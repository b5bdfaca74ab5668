package cloudflare

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/providers"
)

// apiBase is the Cloudflare API v4 (developers.cloudflare.com/api).
const apiBase = "https://api.cloudflare.com/client/v4"

// Request budget and HTTP bounds.
//
// The global rate limit of the Cloudflare API is 1,200 requests per five
// minutes per user, counted across the dashboard, API keys and tokens;
// past it "all API calls for the next five minutes will be blocked,
// receiving a HTTP 429 response" (developers.cloudflare.com/fundamentals/api/reference/limits/).
// spfpatch paces its requests at DefaultRate a second (900 in five minutes,
// leaving room for the dashboard and other tools of the same user) and
// never lets more than WindowLimit through in any Window, whatever the
// rate is set to.
const (
	DefaultRate  = 3.0
	Burst        = 3
	WindowLimit  = 1200
	Window       = 5 * time.Minute
	WindowMargin = time.Second
	// Lockout is how long a 429 blocks the API when the answer carries no
	// retry-after header (the documented five minutes).
	Lockout = 5 * time.Minute
	// DefaultLockoutWait is how long a run waits for a lockout to end by
	// default: one whole lockout and a little more.
	DefaultLockoutWait = 6 * time.Minute
	// RequestTimeout bounds one HTTP exchange, the answer's body included.
	RequestTimeout = 30 * time.Second
	// MaxBody bounds an answer's body (the client's MaxBody, which tests lower).
	MaxBody = 32 << 20
	// ReadAttempts bounds the tries of a read (GET) that failed in transit
	// or with a 5xx answer. Writes are never sent twice without reading
	// first (write.go).
	ReadAttempts = 3
	// MaxLockouts bounds how often one read waits for a lockout to end and
	// is sent again.
	MaxLockouts = 3
)

// apiError is one entry of the errors array of Cloudflare's envelope.
type apiError struct {
	Code       int        `json:"code"`
	Message    string     `json:"message"`
	ErrorChain []apiError `json:"error_chain,omitempty"`
}

// envelope is Cloudflare's answer: {success, errors, messages, result,
// result_info} (every method page of developers.cloudflare.com/api).
type envelope struct {
	Success    bool            `json:"success"`
	Errors     []apiError      `json:"errors"`
	Result     json.RawMessage `json:"result"`
	ResultInfo *resultInfo     `json:"result_info"`
}

// resultInfo is the paging of a list answer (List DNS Records: page,
// per_page, count, total_count, total_pages).
type resultInfo struct {
	Page       int `json:"page"`
	PerPage    int `json:"per_page"`
	Count      int `json:"count"`
	TotalCount int `json:"total_count"`
	TotalPages int `json:"total_pages"`
}

// op says what a request is for, so that an authorisation failure can name
// the permission it needs.
type op int

const (
	opZone  op = iota // zone lookup: Zone:Read
	opRead            // DNS records read: DNS:Read or DNS:Edit
	opWrite           // DNS records write: DNS:Edit
)

// call is one request.
type call struct {
	method string
	path   string // below the API base, e.g. /zones/ID/dns_records
	query  url.Values
	body   any
	op     op
	zone   string // the zone's name, for messages
	// zoneToken: send CLOUDFLARE_ZONE_TOKEN (zone lookups) when there is one.
	zoneToken bool
}

// client sends requests to the Cloudflare API: only there (or to the test
// base URL), with the token, never following redirects, within the
// credential's Budget, each exchange bounded in time and size.
type client struct {
	base             *url.URL
	http             *providers.BoundedClient
	token, zoneToken string
	budget           *providers.Budget
	p                i18n.Printer
	timeout          time.Duration
	backoff          func(attempt int) time.Duration
	sleep            func(context.Context, time.Duration) error
	now              func() time.Time
}

// newHTTPClient is the client's HTTP client (providers.BoundedClient): no
// redirect followed (the token travels in a header that a followed
// redirect would carry to wherever the answer points), answers bounded by
// MaxBody, every exchange within RequestTimeout.
func newHTTPClient(p i18n.Printer) *providers.BoundedClient {
	hc := providers.NewBoundedClient(RequestTimeout, MaxBody)
	hc.Redirect = func(status int, where string) string { return p.T("cloudflare.http.redirect", status, where) }
	hc.TooBig = func(mb int64) string { return p.T("cloudflare.http.too-big", mb) }
	return hc
}

// parseBase checks the testing-only base URL: http(s) without a user,
// query or fragment, and plain http only to a loopback address (the token
// would travel in clear).
func parseBase(p i18n.Printer, base string) (*url.URL, error) {
	if base == "" {
		u, _ := url.Parse(apiBase)
		return u, nil
	}
	u, err := providers.CheckAPIURL(strings.TrimSuffix(strings.TrimSpace(base), "/"), providers.URLRules{})
	var ue *providers.APIURLError
	switch {
	case errors.As(err, &ue) && errors.Is(err, providers.ErrCleartext):
		return nil, errors.New(p.T("cloudflare.api-url.http", ue.Shown))
	case errors.As(err, &ue):
		return nil, errors.New(p.T("cloudflare.api-url.bad", ue.Shown))
	case err != nil:
		return nil, err
	}
	return u, nil
}

// idPattern is what a zone or record identifier looks like (32 hex digits
// in practice; "maxLength 32" in the reference). Anything else is refused
// before it is put in a path.
var idPattern = regexp.MustCompile(`^[0-9A-Za-z]{1,64}$`)

// errAmbiguous marks a write whose outcome is unknown: the connection
// failed or the answer was a 5xx or unreadable, so the change may or may
// not have been made.
var errAmbiguous = errors.New("the outcome is unknown")

// transportError is a request that got no usable answer.
type transportError struct {
	method, path string
	status       int  // 0: no answer at all
	answered     bool // an answer came but was not used (redirect, too big, not JSON)
	err          error
	p            i18n.Printer
}

func (e *transportError) Error() string {
	switch {
	case e.status != 0:
		return e.p.T("cloudflare.http.status", e.method, e.path, e.status, http.StatusText(e.status))
	case e.answered:
		return e.p.T("cloudflare.http.unused", e.method, e.path, e.err)
	}
	return e.p.T("cloudflare.http.failed", e.method, e.path, e.err)
}

func (e *transportError) Unwrap() []error { return []error{errAmbiguous, e.err} }

// rateLimited is a 429 answer: Cloudflare did not process the request.
type rateLimited struct {
	method, path string
	until        time.Time
	p            i18n.Printer
}

func (e *rateLimited) Error() string {
	return e.p.T("cloudflare.http.429", e.method, e.path, e.until.Local().Format("15:04:05"))
}

// do sends c and returns the envelope of a successful answer. Reads are
// retried (ReadAttempts) after a transport failure or a 5xx answer, and
// after a lockout when the Budget lets the run wait for it; a write is sent
// once.
func (cl *client) do(ctx context.Context, c call) (*envelope, error) {
	attempts := 1
	if c.method == http.MethodGet {
		attempts = ReadAttempts
	}
	var last error
	lockouts := 0
	for attempt := 1; ; attempt++ {
		if err := cl.budget.Acquire(ctx); err != nil {
			if last != nil {
				return nil, fmt.Errorf("%w (%v)", err, last)
			}
			return nil, err
		}
		env, err := cl.once(ctx, c)
		if err == nil {
			return env, nil
		}
		last = err
		var rl *rateLimited
		var te *transportError
		switch {
		case ctx.Err() != nil:
			return nil, err
		case errors.As(err, &rl):
			// The lockout is recorded in the Budget: a read tries again,
			// which waits for it to end or fails at once (Acquire).
			if c.method != http.MethodGet || lockouts >= MaxLockouts {
				return nil, err
			}
			lockouts++
			attempt-- // a lockout wait is not a failed attempt
			continue
		case errors.As(err, &te) && !te.answered && !errors.Is(err, context.DeadlineExceeded) && attempt < attempts:
			// A failed exchange or a 5xx may go through next time; a
			// redirect, an answer too big or an endpoint that stayed
			// silent for RequestTimeout will not.
			if err := cl.sleep(ctx, cl.backoff(attempt)); err != nil {
				return nil, err
			}
			continue
		}
		return nil, err
	}
}

// once sends c once.
func (cl *client) once(ctx context.Context, c call) (*envelope, error) {
	u := *cl.base
	u.Path = strings.TrimSuffix(u.Path, "/") + c.path
	u.RawQuery = c.query.Encode()
	var body io.Reader
	if c.body != nil {
		b, err := json.Marshal(c.body)
		if err != nil {
			return nil, err
		}
		body = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(ctx, cl.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, c.method, u.String(), body)
	if err != nil {
		return nil, err
	}
	token := cl.token
	if c.zoneToken && cl.zoneToken != "" {
		token = cl.zoneToken
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	if c.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := cl.http.Do(req)
	var redirect *providers.RedirectError
	switch {
	case errors.As(err, &redirect):
		// An answer, not a failed exchange: sending it again would get
		// the same.
		return nil, &transportError{method: c.method, path: c.path, answered: true, err: redirect, p: cl.p}
	case err != nil:
		return nil, &transportError{method: c.method, path: c.path, err: cl.scrub(unwrapURLError(err)), p: cl.p}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	var tooBig *providers.TooBigError
	switch {
	case errors.As(err, &tooBig):
		return nil, &transportError{method: c.method, path: c.path, answered: true, err: tooBig, p: cl.p}
	case err != nil:
		return nil, &transportError{method: c.method, path: c.path, err: cl.scrub(unwrapURLError(err)), p: cl.p}
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		until := cl.now().Add(Lockout)
		if d, ok := retryAfter(resp.Header, cl.now()); ok {
			until = cl.now().Add(d)
		}
		cl.budget.Lockout(until)
		return nil, &rateLimited{method: c.method, path: c.path, until: until, p: cl.p}
	}
	var env envelope
	jerr := json.Unmarshal(data, &env)
	switch {
	case resp.StatusCode >= 500:
		return nil, &transportError{method: c.method, path: c.path, status: resp.StatusCode, p: cl.p}
	case jerr != nil:
		if resp.StatusCode >= 400 {
			return nil, cl.apiError(c, resp.StatusCode, nil)
		}
		return nil, &transportError{method: c.method, path: c.path, answered: true, err: errors.New(cl.p.T("cloudflare.http.not-json", resp.StatusCode)), p: cl.p}
	case resp.StatusCode >= 400 || !env.Success:
		return nil, cl.apiError(c, resp.StatusCode, env.Errors)
	}
	return &env, nil
}

// unwrapURLError drops the *url.Error wrapper, whose text repeats the URL
// (with the query: record names) around the cause.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("%w (%v)", context.DeadlineExceeded, ue.Err)
		}
		return ue.Err
	}
	return err
}

// scrub removes the tokens from an error's text, should anything echo one.
func (cl *client) scrub(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := scrubText(msg, cl.token, cl.zoneToken)
	if clean == msg {
		return err
	}
	return errors.New(clean)
}

func scrubText(s string, secrets ...string) string {
	for _, t := range secrets {
		if len(t) >= 4 {
			s = strings.ReplaceAll(s, t, "[redacted]")
		}
	}
	return s
}

// retryAfter reads the retry-after header: delay-seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}
