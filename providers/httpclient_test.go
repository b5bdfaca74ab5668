package providers_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/spfpatch/spfpatch/providers"
)

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LocalHost": true, "127.0.0.1": true, "127.8.9.10": true, "::1": true,
		"192.0.2.1": false, "localhost.example": false, "": false, "[::1]": false, "0.0.0.0": false,
	} {
		if got := providers.IsLoopback(host); got != want {
			t.Errorf("IsLoopback(%q) = %v", host, got)
		}
	}
}

// Issue 11 items 4 to 7, one rule for every provider: an API URL is http(s)
// with a host, plain http only to loopback, no query or fragment, a user
// only where the provider allows it; a refused URL is named without its
// password.
func TestCheckAPIURL(t *testing.T) {
	ok := []string{"https://api.example/client/v4", "http://127.0.0.1:8081", "http://[::1]:1/x", "http://localhost", " https://h "}
	for _, u := range ok {
		if _, err := providers.CheckAPIURL(u, providers.URLRules{}); err != nil {
			t.Errorf("%q: %v", u, err)
		}
	}
	for u, why := range map[string]error{
		"http://192.0.2.1/":           providers.ErrCleartext,
		"HTTP://api.example":          providers.ErrCleartext,
		"http://user:pw@api.example/": providers.ErrNotAPIURL, // a user is not allowed here
		"ftp://127.0.0.1/":            providers.ErrNotAPIURL,
		"https://h/?q=1":              providers.ErrNotAPIURL,
		"https://h/?":                 providers.ErrNotAPIURL,
		"https://h/#f":                providers.ErrNotAPIURL,
		"127.0.0.1:8081":              providers.ErrNotAPIURL,
		"https://a:pw@%zz":            providers.ErrNotAPIURL,
		"":                            providers.ErrNotAPIURL,
	} {
		_, err := providers.CheckAPIURL(u, providers.URLRules{})
		var ue *providers.APIURLError
		if !errors.As(err, &ue) || !errors.Is(err, why) {
			t.Errorf("%q: %v, want %v", u, err, why)
			continue
		}
		if strings.Contains(ue.Shown, "pw") {
			t.Errorf("%q: the password shows: %s", u, ue.Shown)
		}
	}
	u, err := providers.CheckAPIURL("http://admin:pw@127.0.0.1:8081", providers.URLRules{Userinfo: true})
	if err != nil || u.User.Username() != "admin" {
		t.Fatalf("user allowed: %v %v", u, err)
	}
	_, err = providers.CheckAPIURL("http://admin:pw@192.0.2.1:8081", providers.URLRules{Userinfo: true})
	var ue *providers.APIURLError
	if !errors.As(err, &ue) || !errors.Is(err, providers.ErrCleartext) || strings.Contains(ue.Shown, "pw") {
		t.Fatalf("cleartext with a password: %v", err)
	}
}

func TestSleep(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := providers.Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
		t.Fatalf("cancelled sleep: %v after %v", err, time.Since(start))
	}
	if err := providers.Sleep(context.Background(), time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if err := providers.Sleep(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
}

// The client follows no redirect (the other server never sees the
// credential header), bounds answers, and ends a silent exchange at its
// timeout.
func TestBoundedClient(t *testing.T) {
	var leaked atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Secret") != "" {
			leaked.Add(1)
		}
	}))
	t.Cleanup(other.Close)
	var mode atomic.Int64
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch mode.Load() {
		case 0:
			http.Redirect(w, r, "http://user:pw@"+strings.TrimPrefix(other.URL, "http://")+"/x", http.StatusTemporaryRedirect)
		case 1:
			_, _ = io.WriteString(w, strings.Repeat("a", 2048))
		case 2:
			_, _ = io.WriteString(w, strings.Repeat("a", 1024))
		case 3:
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}
	}))
	t.Cleanup(api.Close)
	c := providers.NewBoundedClient(300*time.Millisecond, 1024)
	if c.FollowsRedirects() {
		t.Fatal("follows redirects")
	}
	get := func() (string, error) {
		req, _ := http.NewRequest(http.MethodGet, api.URL, nil)
		req.Header.Set("X-Secret", "s3cret")
		resp, err := c.Do(req)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}
	_, err := get()
	var re *providers.RedirectError
	if !errors.As(err, &re) || re.Status != http.StatusTemporaryRedirect || leaked.Load() != 0 || strings.Contains(err.Error(), "pw") {
		t.Fatalf("redirect: %v, %d requests reached the other server", err, leaked.Load())
	}
	c.Redirect = func(status int, where string) string { return "moved " + where }
	if _, err := get(); err == nil || !strings.HasPrefix(err.Error(), "moved http://user:xxxxx@") {
		t.Fatalf("worded redirect: %v", err)
	}
	mode.Store(1)
	_, err = get()
	var tb *providers.TooBigError
	if !errors.As(err, &tb) || tb.Max != 1024 {
		t.Fatalf("too big: %v", err)
	}
	mode.Store(2)
	if body, err := get(); err != nil || len(body) != 1024 {
		t.Fatalf("exactly the bound: %d bytes, %v", len(body), err)
	}
	mode.Store(3)
	start := time.Now()
	if _, err := get(); err == nil || time.Since(start) > 3*time.Second {
		t.Fatalf("silent server: %v after %v", err, time.Since(start))
	}
}

// A message from outside is cut at a rune boundary, never inside a UTF-8
// sequence.
func TestCut(t *testing.T) {
	s := strings.Repeat("あ", 100) // 3 bytes each
	for n := 0; n < 20; n++ {
		got := providers.Cut(s, n)
		if !utf8.ValidString(got) || len(strings.TrimSuffix(got, "…")) > n {
			t.Fatalf("Cut(%d) = %q", n, got)
		}
	}
	if got := providers.Cut("short", 10); got != "short" {
		t.Fatal(got)
	}
}
