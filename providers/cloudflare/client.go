package cloudflare

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// apiBase is the base URL libdns/cloudflare v0.2.2 hard-codes (client.go:203).
const apiBase = "https://api.cloudflare.com/client/v4"

// Rate budget. Cloudflare's global API rate limit is 1,200 requests per
// five minutes per user (developers.cloudflare.com/fundamentals/api/reference/limits/),
// that is 4 requests a second on average; past it every call fails with
// HTTP 429 for the rest of the five minutes. spfpatch spends at most
// DefaultRate requests a second with a burst of twice that, so one run
// alone stays at the limit's average; the limit is shared with every other
// client of the same user, which is why 429s are retried too.
const (
	DefaultRate = 4.0
	// MaxAttempts bounds the tries of one request (the first and the retries).
	MaxAttempts = 4
	// MaxWait caps one wait before a retry; a Retry-After longer than this
	// makes spfpatch give up at once instead of hammering a locked API.
	MaxWait = 30 * time.Second
)

// ErrRateLimited is returned when Cloudflare keeps answering 429.
var ErrRateLimited = errors.New("Cloudflare API rate limit")

// client is the HTTPClient given to libdns/cloudflare. It sends requests
// only to the Cloudflare API (or the test base URL), spends the run's
// request budget, and retries 429 answers (any method: Cloudflare did not
// process the call) and 5xx answers of GET, PATCH and DELETE (a 5xx POST
// may have created the record, and a second POST would make a duplicate,
// so it is left to the caller's read-back), honouring Retry-After.
type client struct {
	base        *url.URL // where apiBase requests go; nil: apiBase itself
	http        *http.Client
	limiter     *rate.Limiter
	maxAttempts int
	maxWait     time.Duration
	// backoff is the wait before retry n (1-based) when there is no Retry-After.
	backoff func(n int) time.Duration
	sleep   func(ctx context.Context, d time.Duration) error
	now     func() time.Time
}

func newClient(base string, perSecond float64) (*client, error) {
	c := &client{
		http:        &http.Client{Timeout: 60 * time.Second},
		maxAttempts: MaxAttempts,
		maxWait:     MaxWait,
		backoff:     func(n int) time.Duration { return time.Duration(1<<(n-1)) * time.Second },
		sleep:       sleepCtx,
		now:         time.Now,
	}
	if perSecond <= 0 {
		perSecond = DefaultRate
	}
	c.limiter = rate.NewLimiter(rate.Limit(perSecond), max(1, int(2*perSecond)))
	if base != "" {
		u, err := url.Parse(strings.TrimSuffix(base, "/"))
		if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			return nil, fmt.Errorf("SPFPATCH_CLOUDFLARE_API_URL %q is not an http(s) URL", base)
		}
		if u.Scheme == "http" && !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("SPFPATCH_CLOUDFLARE_API_URL %q: plain http is allowed only to 127.0.0.1, ::1 or localhost (the token would travel in clear)", base)
		}
		c.base = u
	}
	return c, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// target maps a request URL to where it really goes, refusing any host
// but the Cloudflare API.
func (c *client) target(u *url.URL) (*url.URL, error) {
	s := u.String()
	if !strings.HasPrefix(s, apiBase+"/") && s != apiBase {
		return nil, fmt.Errorf("refusing to send the Cloudflare token to %s://%s", u.Scheme, u.Host)
	}
	if c.base == nil {
		return u, nil
	}
	return url.Parse(c.base.String() + strings.TrimPrefix(s, apiBase))
}

func retryable(status int, method string) bool {
	if status == http.StatusTooManyRequests {
		return true
	}
	if status >= 500 && status <= 599 {
		return method == http.MethodGet || method == http.MethodHead || method == http.MethodPatch || method == http.MethodDelete
	}
	return false
}

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func (c *client) retryAfter(h http.Header) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(c.now())), true
	}
	return 0, false
}

// Do sends req, retrying as described on client.
func (c *client) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	u, err := c.target(req.URL)
	if err != nil {
		return nil, err
	}
	what := req.Method + " " + req.URL.Path
	for attempt := 1; ; attempt++ {
		if err := c.limiter.Wait(ctx); err != nil {
			return nil, fmt.Errorf("Cloudflare API %s: waiting for the request budget: %w", what, err)
		}
		r := req.Clone(ctx)
		r.URL, r.Host = u, ""
		if attempt > 1 && req.GetBody != nil {
			if r.Body, err = req.GetBody(); err != nil {
				return nil, err
			}
		}
		resp, err := c.http.Do(r)
		if err != nil {
			if ctx.Err() != nil || req.Method != http.MethodGet || attempt >= c.maxAttempts {
				return nil, err
			}
			if err := c.sleep(ctx, c.backoff(attempt)); err != nil {
				return nil, err
			}
			continue
		}
		canResend := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
		if !retryable(resp.StatusCode, req.Method) || !canResend {
			return resp, nil
		}
		wait, given := c.retryAfter(resp.Header)
		if !given {
			wait = c.backoff(attempt)
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		resp.Body.Close()
		status := fmt.Sprintf("HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
		switch {
		case given && wait > c.maxWait:
			err := fmt.Errorf("Cloudflare API %s: %s, and it asks to wait %v before trying again, longer than spfpatch waits (%v); nothing more was sent: run again later", what, status, wait, c.maxWait)
			if resp.StatusCode == http.StatusTooManyRequests {
				err = fmt.Errorf("%w: %w", ErrRateLimited, err)
			}
			return nil, err
		case attempt >= c.maxAttempts:
			err := fmt.Errorf("Cloudflare API %s: still %s after %d attempts; giving up", what, status, attempt)
			if resp.StatusCode == http.StatusTooManyRequests {
				err = fmt.Errorf("%w: %w (other tools using the same Cloudflare user share the limit of 1,200 requests per 5 minutes; run again later)", ErrRateLimited, err)
			}
			return nil, err
		}
		if err := c.sleep(ctx, min(wait, c.maxWait)); err != nil {
			return nil, err
		}
	}
}
