package route53

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/providers"
)

// Issue 11 item 6: credentials never reach output, files or errors, from
// whichever source of the AWS chain they come; the endpoint override sends
// them only over https (plain http only to a loopback address); the HTTP
// client follows no redirect and reads bounded answers.

// MaxBody bounds one answer of the Route 53 API (the client's MaxBody,
// which tests lower).
const MaxBody = 16 << 20

// newBoundedClient is the SDK's HTTP client (providers.BoundedClient). The
// SDK's own (BuildableClient) follows 307 and 308 redirects (aws/transport/http
// client.go, limitedRedirect), and net/http forwards a custom header such
// as X-Amz-Security-Token to whatever host a redirect names: this one
// follows none. Every exchange has a deadline, and a body over MaxBody is
// an error.
func newBoundedClient(timeout time.Duration, p i18n.Printer) *providers.BoundedClient {
	hc := providers.NewBoundedClient(timeout, MaxBody)
	hc.Redirect = func(status int, where string) string { return p.T("route53.redirect", status, where) }
	hc.TooBig = func(mb int64) string { return p.T("route53.too-big", mb) }
	return hc
}

// checkEndpoint refuses an endpoint that would send the credentials in
// clear: plain http is allowed only to a loopback address (a local fake or
// proxy), and a user name is refused. It is the endpoint the SDK resolved,
// whichever setting gave it (AWS_ENDPOINT_URL_ROUTE_53, AWS_ENDPOINT_URL,
// endpoint_url in the shared config file).
func checkEndpoint(p i18n.Printer, endpoint string) error {
	if endpoint == "" {
		return nil
	}
	_, err := providers.CheckAPIURL(endpoint, providers.URLRules{})
	var ue *providers.APIURLError
	switch {
	case errors.As(err, &ue) && errors.Is(err, providers.ErrCleartext):
		return errors.New(p.T("route53.endpoint.http", ue.Shown))
	case errors.As(err, &ue):
		return errors.New(p.T("route53.endpoint.bad", ue.Shown))
	}
	return err
}

// secrets is the set of secret values to scrub from every error: the
// secret keys and session tokens of every credential the chain handed out
// (recordingCreds), those written in the shared credentials and config
// files, and the SSO tokens in the SSO cache.
type secrets struct {
	mu sync.Mutex
	m  map[string]bool
}

func (s *secrets) add(vs ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]bool{}
	}
	for _, v := range vs {
		if v = strings.TrimSpace(v); len(v) >= 8 {
			s.m[v] = true
		}
	}
}

// scrub replaces every known secret in msg, longest first, then every
// value that looks like one in the forms a credential source prints:
// JSON ("SecretAccessKey": "..." from a credential process), INI
// (aws_session_token = ... from the shared files), a signed header
// (x-amz-security-token:... in a SignatureDoesNotMatch message).
func (s *secrets) scrub(msg string) string {
	s.mu.Lock()
	list := make([]string, 0, len(s.m))
	for v := range s.m {
		list = append(list, v)
	}
	s.mu.Unlock()
	sort.Slice(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	for _, v := range list {
		msg = strings.ReplaceAll(msg, v, "[redacted]")
	}
	for _, re := range secretPatterns {
		msg = re.ReplaceAllString(msg, "${1}[redacted]")
	}
	return msg
}

var secretPatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)("(?:SecretAccessKey|SessionToken|secretAccessKey|sessionToken|accessToken|refreshToken|clientSecret)"\s*:\s*")[^"]*`),
	regexp.MustCompile(`(?im)((?:aws_secret_access_key|aws_session_token|aws_security_token)\s*=\s*)\S+`),
	regexp.MustCompile(`(?i)(x-amz-security-token:)[^\s'"]+`),
	regexp.MustCompile(`(?i)(X-Amz-Security-Token=)[^&\s'"]+`),
}

// fromFiles collects the secrets written in the shared credentials and
// config files and in the SSO token cache, so that an error that quotes one
// (a parse error of a broken line, say) is scrubbed even before any
// credential was retrieved. Files are read up to 1 MB, the cache up to 64
// files.
func (s *secrets) fromFiles() {
	home, _ := os.UserHomeDir()
	files := []string{os.Getenv("AWS_SHARED_CREDENTIALS_FILE"), os.Getenv("AWS_CONFIG_FILE")}
	if home != "" {
		if files[0] == "" {
			files[0] = filepath.Join(home, ".aws", "credentials")
		}
		if files[1] == "" {
			files[1] = filepath.Join(home, ".aws", "config")
		}
	}
	keyLine := regexp.MustCompile(`(?i)^\s*(aws_secret_access_key|aws_session_token|aws_security_token)\s*=\s*(.+?)\s*$`)
	for _, f := range files {
		if f == "" {
			continue
		}
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(io.LimitReader(fh, 1<<20))
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			if m := keyLine.FindStringSubmatch(sc.Text()); m != nil {
				s.add(m[2])
			}
		}
		fh.Close()
	}
	if home == "" {
		return
	}
	cache, _ := filepath.Glob(filepath.Join(home, ".aws", "sso", "cache", "*.json"))
	if len(cache) > 64 {
		cache = cache[:64]
	}
	for _, f := range cache {
		b, err := os.ReadFile(f)
		if err != nil || len(b) > 1<<20 {
			continue
		}
		var tok struct {
			AccessToken  string `json:"accessToken"`
			RefreshToken string `json:"refreshToken"`
			ClientSecret string `json:"clientSecret"`
		}
		if json.Unmarshal(b, &tok) == nil {
			s.add(tok.AccessToken, tok.RefreshToken, tok.ClientSecret)
		}
	}
}

// recordingCreds hands out the chain's credentials and remembers their
// secrets for scrubbing: temporary credentials (SSO, a credential process,
// an assumed role) change when they are refreshed.
type recordingCreds struct {
	inner aws.CredentialsProvider
	s     *secrets
}

func (r recordingCreds) Retrieve(ctx context.Context) (aws.Credentials, error) {
	c, err := r.inner.Retrieve(ctx)
	if err == nil {
		r.s.add(c.SecretAccessKey, c.SessionToken)
	}
	return c, err
}

// explain gives an AccessDenied or ExpiredToken answer its meaning: the
// IAM permission the credentials lack, or that the session must be
// renewed; other errors are returned as they are.
func explain(p i18n.Printer, err error) error {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return err
	}
	op := "ListResourceRecordSets"
	var oe *smithy.OperationError
	if errors.As(err, &oe) {
		op = oe.OperationName
	}
	switch ae.ErrorCode() {
	case "AccessDenied", "AccessDeniedException":
		return fmt.Errorf("%s: %w", p.T("route53.access-denied", op, op), err)
	case "ExpiredToken", "ExpiredTokenException":
		return fmt.Errorf("%s: %w", p.T("route53.expired-token"), err)
	}
	return err
}
