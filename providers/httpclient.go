package providers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spfpatch/spfpatch/internal/termsafe"
)

// What the providers that talk to an HTTP API share (issue 11 item 4): the
// URL check of an API base or endpoint, the HTTP client that follows no
// redirect and reads bounded answers, and a sleep that ends with its
// context.

// IsLoopback reports whether host (a URL's Hostname) is "localhost" or a
// loopback address (127.0.0.0/8, ::1).
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// RedactURL returns s with the password of its user information hidden
// (url.URL.Redacted), or "(not a URL)" when it does not parse, made safe to
// print (termsafe.Text).
func RedactURL(s string) string {
	if u, err := url.Parse(s); err == nil {
		return termsafe.Text(u.Redacted())
	}
	return "(not a URL)"
}

// URLRules says what an API URL may carry besides an http or https scheme
// and a host (CheckAPIURL).
type URLRules struct {
	// Userinfo allows user:password@ (an API behind HTTP basic
	// authentication).
	Userinfo bool
}

// Reasons an API URL is refused (APIURLError.Err).
var (
	// ErrNotAPIURL: not http(s) with a host, or with a part the rules do
	// not allow (user information, a query, a fragment).
	ErrNotAPIURL = errors.New("not an http(s) URL the API can be reached at")
	// ErrCleartext: plain http to a host that is not a loopback address:
	// the credentials would travel in clear.
	ErrCleartext = errors.New("plain http to a host that is not a loopback address")
)

// APIURLError is a refused API URL: Err says why (ErrNotAPIURL or
// ErrCleartext), Shown is the URL to name in a message (RedactURL: no
// password, safe to print). Each provider words the message itself.
type APIURLError struct {
	Err   error
	Shown string
}

func (e *APIURLError) Error() string { return e.Shown + ": " + e.Err.Error() }
func (e *APIURLError) Unwrap() error { return e.Err }

// CheckAPIURL parses raw, the base URL or endpoint of an API that
// credentials are sent to: http or https with a host, no query and no
// fragment (a base is joined with paths), user information only when the
// rules allow it, and plain http only to a loopback address (a local fake
// or proxy), because the credentials would otherwise travel in clear.
func CheckAPIURL(raw string, r URLRules) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") ||
		(u.User != nil && !r.Userinfo) || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, &APIURLError{Err: ErrNotAPIURL, Shown: RedactURL(raw)}
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return nil, &APIURLError{Err: ErrCleartext, Shown: termsafe.Text(u.Redacted())}
	}
	return u, nil
}

// Sleep waits for d, or until ctx ends (then it returns ctx's error). A d
// of 0 or less returns at once.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// RedirectError is an answer that redirects (HTTP 3xx): BoundedClient does
// not follow it, since a credential in a header would follow it to
// whatever host it names. Location is safe to print, without a password.
type RedirectError struct {
	Status   int
	Location string
	msg      string
}

func (e *RedirectError) Error() string { return e.msg }

// TooBigError is an answer whose body is longer than the client's MaxBody;
// the rest is not read.
type TooBigError struct {
	Max int64
	msg string
}

func (e *TooBigError) Error() string { return e.msg }

// BoundedClient is the HTTP client of a provider's API: it follows no
// redirect (RedirectError), every exchange ends within its timeout (the
// answer's body included), and reading a body past MaxBody fails
// (TooBigError). It has the Do method of *http.Client, so it serves as the
// AWS SDK's HTTPClient too.
type BoundedClient struct {
	// MaxBody bounds an answer's body, in bytes.
	MaxBody int64
	// Redirect and TooBig word the errors in the provider's language
	// (the Status and Location, or the bound in MB); nil: in English.
	Redirect func(status int, location string) string
	TooBig   func(mb int64) string

	hc *http.Client
}

// NewBoundedClient returns a client whose exchanges end within timeout,
// reading answers of at most maxBody bytes.
func NewBoundedClient(timeout time.Duration, maxBody int64) *BoundedClient {
	return &BoundedClient{MaxBody: maxBody, hc: &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: timeout,
			IdleConnTimeout:       90 * time.Second,
			MaxIdleConnsPerHost:   8,
			ForceAttemptHTTP2:     true,
		},
		CheckRedirect: noRedirect,
	}}
}

// noRedirect is the CheckRedirect of every provider client: the answer that
// redirects is returned as it is, never followed.
func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// FollowsRedirects reports whether the client would follow a redirect
// (never; for tests).
func (c *BoundedClient) FollowsRedirects() bool {
	return c.hc.CheckRedirect(nil, nil) != http.ErrUseLastResponse
}

// Do sends one request. An answer that redirects is closed and returned as
// a *RedirectError; the body of any other answer is bounded by MaxBody.
func (c *BoundedClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		resp.Body.Close()
		where := "(none)"
		if l, err := resp.Location(); err == nil {
			where = termsafe.Text(l.Redacted())
		}
		msg := fmt.Sprintf("redirected (HTTP %d) to %s; not followed", resp.StatusCode, where)
		if c.Redirect != nil {
			msg = c.Redirect(resp.StatusCode, where)
		}
		return nil, &RedirectError{Status: resp.StatusCode, Location: where, msg: msg}
	}
	resp.Body = &boundedBody{rc: resp.Body, left: c.MaxBody, c: c}
	return resp, nil
}

// boundedBody reads at most left bytes; one more is a TooBigError.
type boundedBody struct {
	rc   io.ReadCloser
	left int64
	c    *BoundedClient
}

func (b *boundedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, b.c.tooBig()
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *boundedBody) Close() error { return b.rc.Close() }

func (c *BoundedClient) tooBig() error {
	mb := c.MaxBody >> 20
	msg := fmt.Sprintf("the answer is over %d MB; not read", mb)
	if c.TooBig != nil {
		msg = c.TooBig(mb)
	}
	return &TooBigError{Max: c.MaxBody, msg: msg}
}

// Cut returns s cut to at most n bytes at a rune boundary, with "…" added
// when it was cut (a message from outside, bounded before it is shown: a
// cut in the middle of a UTF-8 sequence would print as garbage).
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
