// Package realdns starts real authoritative DNS servers from Debian (BIND 9,
// Knot DNS, NSD and PowerDNS with the gsqlite3 back-end) on 127.0.0.1 high
// ports for tests, serving zones that the test provides, and stops them in
// t.Cleanup.
//
// It is test support: import it only from _test.go files.
//
//	srv := realdns.StartBIND(t, realdns.Zone{Name: "example.test.", Text: zoneText})
//	// srv.Addr is "127.0.0.1:PORT" (UDP and TCP); UPDATE and AXFR need the TSIG key.
//
// What each Start needs (Debian 12 package: binaries), all found on PATH or in
// /usr/sbin; none of the packages starts a daemon on a machine without systemd:
//
//	StartBIND      bind9: named                         (BIND 9.18)
//	StartKnot      knot: knotd                          (Knot 3.2)
//	StartNSD       nsd: nsd                             (NSD 4.6)
//	StartPowerDNS  pdns-server: pdns_server, pdnsutil;  (PowerDNS 4.7)
//	               pdns-backend-sqlite3: libgsqlite3backend.so and its schema;
//	               sqlite3: sqlite3
//
//	apt-get install -y bind9 knot nsd pdns-server pdns-backend-sqlite3 sqlite3
//
// When a server binary is missing the test is skipped, unless the environment
// has SPFPATCH_REQUIRE_SERVERS=1, which turns the skip into a failure (for CI).
//
// Ports come from SPFPATCH_BIND_PORT, SPFPATCH_KNOT_PORT, SPFPATCH_NSD_PORT,
// SPFPATCH_PDNS_PORT and SPFPATCH_PDNS_API_PORT when set; otherwise a free high
// port is picked for every server, so several servers (also of the same kind)
// can run at once in one test binary. A port given by environment variable is
// used as is: two servers of that kind in one run would collide.
package realdns

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// Test-only credentials shared by every server this package starts. They are
// not secrets: never use them outside tests.
const (
	// TSIGKeyName is the TSIG key allowed to UPDATE and AXFR every zone on
	// BIND and Knot (without the trailing dot, as libdns/rfc2136 takes it).
	TSIGKeyName = "spfpatch-key"
	// TSIGAlgorithm is the key's algorithm, in libdns/rfc2136 spelling.
	// miekg/dns spells it dns.HmacSHA256 ("hmac-sha256.").
	TSIGAlgorithm = "hmac-sha256"
	// TSIGSecret is base64 of the 32 bytes "spfpatch-test-key-do-not-use!!!!".
	TSIGSecret = "c3BmcGF0Y2gtdGVzdC1rZXktZG8tbm90LXVzZSEhISE="
	// PowerDNSAPIKey is the X-API-Key of every PowerDNS server started here.
	PowerDNSAPIKey = "spfpatch-test-api-key"
)

// Environment variables read by this package.
const (
	EnvRequireServers = "SPFPATCH_REQUIRE_SERVERS"
	EnvBINDPort       = "SPFPATCH_BIND_PORT"
	EnvKnotPort       = "SPFPATCH_KNOT_PORT"
	EnvNSDPort        = "SPFPATCH_NSD_PORT"
	EnvPDNSPort       = "SPFPATCH_PDNS_PORT"
	EnvPDNSAPIPort    = "SPFPATCH_PDNS_API_PORT"
)

// Server kinds.
const (
	KindBIND     = "bind"
	KindKnot     = "knot"
	KindNSD      = "nsd"
	KindPowerDNS = "powerdns"
)

const (
	readyTimeout = 15 * time.Second
	probeTimeout = 200 * time.Millisecond
	stopGrace    = 3 * time.Second
)

// Zone is one zone to serve.
type Zone struct {
	// Name is the zone's name, e.g. "example.test." (the trailing dot is optional).
	Name string
	// Text is the zone in RFC 1035 master-file format. Relative names are
	// relative to Name unless the text sets $ORIGIN. It must hold the SOA.
	Text string
}

// Server is one running DNS server.
type Server struct {
	Kind string // KindBIND, KindKnot, KindNSD or KindPowerDNS
	Addr string // "127.0.0.1:PORT", DNS over UDP and TCP
	Port int    // the port of Addr

	// BIND and Knot only: the TSIG key allowed to UPDATE (RFC 2136) and AXFR
	// every zone; an unsigned UPDATE or AXFR is refused. Empty for NSD and
	// PowerDNS.
	TSIGName, TSIGAlg, TSIGSecret string

	// PowerDNS only: the HTTP API base URL ("http://127.0.0.1:PORT", server id
	// "localhost", zones under /api/v1/servers/localhost/zones) and its key.
	APIURL, APIKey string

	// Dir is the server's own temporary directory: config, zone files, logs.
	Dir string

	// StartupTime is how long Start took: writing the configuration (and,
	// for PowerDNS, creating the database and importing the zones), then
	// from exec until the server answered.
	StartupTime time.Duration

	zones    []Zone
	logFiles []string
	proc     *process
}

// TsigSecret returns the map for miekg/dns Client.TsigSecret and
// Transfer.TsigSecret (key name as FQDN), or nil when the server has no key.
func (s *Server) TsigSecret() map[string]string {
	if s.TSIGName == "" {
		return nil
	}
	return map[string]string{dns.Fqdn(s.TSIGName): s.TSIGSecret}
}

// Logs returns the tail of the server's log output, for failure messages.
func (s *Server) Logs() string {
	return logTail(s.logFiles, 60)
}

// Stop stops the server now (it is also stopped in t.Cleanup). It is safe to
// call more than once.
func (s *Server) Stop() {
	if s.proc != nil {
		s.proc.stop()
	}
}

// StartBIND starts BIND 9 (named) serving zones as primary, with dynamic
// updates and AXFR allowed for the TSIG key only.
func StartBIND(t testing.TB, zones ...Zone) *Server {
	t.Helper()
	return mustStart(t, KindBIND, zones)
}

// StartKnot starts Knot DNS (knotd) serving zones, with dynamic updates and
// AXFR allowed for the TSIG key only.
func StartKnot(t testing.TB, zones ...Zone) *Server {
	t.Helper()
	return mustStart(t, KindKnot, zones)
}

// StartNSD starts NSD serving zones read-only (no UPDATE, no AXFR): for
// lookup-only tests (check, plan).
func StartNSD(t testing.TB, zones ...Zone) *Server {
	t.Helper()
	return mustStart(t, KindNSD, zones)
}

// StartPowerDNS starts the PowerDNS authoritative server with the gsqlite3
// back-end and its HTTP API. The zones are imported with pdnsutil load-zone
// before the server starts (zone kind Native), so the API lists them with
// their RRsets exactly as given; there is no UPDATE and no AXFR.
func StartPowerDNS(t testing.TB, zones ...Zone) *Server {
	t.Helper()
	return mustStart(t, KindPowerDNS, zones)
}

func mustStart(t testing.TB, kind string, zones []Zone) *Server {
	t.Helper()
	for _, b := range kinds[kind].bins {
		requireOrSkip(t, b.name, b.pkg)
	}
	s, err := start(t, kind, zones, startOptions{})
	if err != nil {
		t.Fatalf("%v", err)
	}
	t.Logf("realdns: %s ready on %s in %v (dir %s)", kind, s.Addr, s.StartupTime.Round(time.Millisecond), s.Dir)
	return s
}

// requireOrSkip skips the test when bin is not installed, or fails it when
// SPFPATCH_REQUIRE_SERVERS=1. It returns the binary's path.
func requireOrSkip(t testing.TB, bin, pkg string) string {
	t.Helper()
	p, err := lookBin(bin)
	if err == nil {
		return p
	}
	if os.Getenv(EnvRequireServers) == "1" {
		t.Fatalf("realdns: %s not installed (apt-get install %s); %s=1 requires it", bin, pkg, EnvRequireServers)
	} else {
		t.Skipf("realdns: %s not installed (apt-get install %s); set %s=1 to make this a failure", bin, pkg, EnvRequireServers)
	}
	return ""
}

// lookBin finds a binary on PATH, then in the sbin directories that a
// non-root PATH often lacks (named, knotd, nsd and pdns_server live there), or
// an absolute path or glob (used for back-end modules).
func lookBin(bin string) (string, error) {
	if strings.HasPrefix(bin, "/") {
		m, _ := filepath.Glob(bin)
		if len(m) == 0 {
			return "", exec.ErrNotFound
		}
		return m[0], nil
	}
	if p, err := exec.LookPath(bin); err == nil {
		return p, nil
	}
	for _, d := range []string{"/usr/sbin", "/sbin", "/usr/local/sbin"} {
		p := filepath.Join(d, bin)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", exec.ErrNotFound
}

type binary struct{ name, pkg string }

// kindSpec describes one server kind.
type kindSpec struct {
	bins       []binary
	portEnv    string
	apiPortEnv string // PowerDNS only
	// setup writes the server's files into s.Dir (and runs any preparatory
	// commands); it returns the server's command line, and the files its
	// logs go to besides stdout/stderr.
	setup func(tb testing.TB, s *Server, apiPort int) (argv []string, extraLogs []string, err error)
}

var kinds = map[string]kindSpec{
	KindBIND: {
		bins:    []binary{{"named", "bind9"}},
		portEnv: EnvBINDPort,
		setup:   setupBIND,
	},
	KindKnot: {
		bins:    []binary{{"knotd", "knot"}},
		portEnv: EnvKnotPort,
		setup:   setupKnot,
	},
	KindNSD: {
		bins:    []binary{{"nsd", "nsd"}},
		portEnv: EnvNSDPort,
		setup:   setupNSD,
	},
	KindPowerDNS: {
		bins: []binary{
			{"pdns_server", "pdns-server"},
			{"pdnsutil", "pdns-server"},
			{"sqlite3", "sqlite3"},
			{pdnsGsqlite3Module, "pdns-backend-sqlite3"},
		},
		portEnv:    EnvPDNSPort,
		apiPortEnv: EnvPDNSAPIPort,
		setup:      setupPowerDNS,
	},
}

// PortInUseError reports that a server could not listen on its port.
type PortInUseError struct {
	Kind    string
	Port    int
	Env     string // the environment variable that sets this port
	FromEnv bool   // the port came from Env (else it was picked automatically)
	Detail  string // what told us (pre-check error or the log line)
	Logs    string
}

func (e *PortInUseError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "realdns: %s cannot listen on 127.0.0.1:%d, is the port already in use? (%s)", e.Kind, e.Port, e.Detail)
	if e.FromEnv {
		fmt.Fprintf(&b, "; it comes from %s=%d: set %s to a free port, or unset it to pick one automatically", e.Env, e.Port, e.Env)
	} else {
		fmt.Fprintf(&b, "; it was picked automatically: set %s to a free port", e.Env)
	}
	if e.Logs != "" {
		fmt.Fprintf(&b, "\n--- %s log tail ---\n%s", e.Kind, e.Logs)
	}
	return b.String()
}

type startOptions struct {
	// skipPortCheck skips the check that a port from the environment is free,
	// so that tests can see how each server itself reports a taken port.
	skipPortCheck bool
	// attempts with automatically picked ports (retry when a port is taken
	// between picking and binding); default 3.
	attempts int
}

// start starts a server of kind serving zones. Unlike the exported wrappers it
// returns errors instead of failing the test. On error nothing is left running.
func start(tb testing.TB, kind string, zones []Zone, opt startOptions) (*Server, error) {
	spec, ok := kinds[kind]
	if !ok {
		return nil, fmt.Errorf("realdns: unknown server kind %q", kind)
	}
	if len(zones) == 0 {
		return nil, fmt.Errorf("realdns: %s: no zones given", kind)
	}
	norm := make([]Zone, len(zones))
	seen := map[string]bool{}
	for i, z := range zones {
		name := strings.ToLower(dns.Fqdn(strings.TrimSpace(z.Name)))
		if name == "." || !validZoneName(name) {
			return nil, fmt.Errorf("realdns: %s: bad zone name %q", kind, z.Name)
		}
		if seen[name] {
			return nil, fmt.Errorf("realdns: %s: zone %s given twice", kind, name)
		}
		seen[name] = true
		norm[i] = Zone{Name: name, Text: z.Text}
	}
	attempts := opt.attempts
	if attempts <= 0 {
		attempts = 3
	}
	var lastErr error
	for try := 0; try < attempts; try++ {
		port, portFromEnv, err := choosePort(kind, spec.portEnv, opt)
		if err != nil {
			return nil, err
		}
		apiPort, apiFromEnv := 0, false
		if spec.apiPortEnv != "" {
			apiPort, apiFromEnv, err = choosePort(kind, spec.apiPortEnv, opt)
			if err != nil {
				releasePort(port)
				return nil, err
			}
		}
		s, err := startOnce(tb, kind, spec, norm, port, apiPort)
		if err == nil {
			return s, nil
		}
		releasePort(port)
		releasePort(apiPort)
		var pe *PortInUseError
		if !errors.As(err, &pe) {
			return nil, err
		}
		// Say which variable sets the port that was taken.
		if pe.Port == apiPort && spec.apiPortEnv != "" {
			pe.Env, pe.FromEnv = spec.apiPortEnv, apiFromEnv
		} else {
			pe.Env, pe.FromEnv = spec.portEnv, portFromEnv
		}
		if portFromEnv || apiFromEnv {
			return nil, pe // a fixed port: retrying cannot help
		}
		lastErr = pe
	}
	return nil, lastErr
}

func validZoneName(name string) bool {
	_, ok := dns.IsDomainName(name)
	return ok && !strings.ContainsAny(name, "/\\\"' \t\n;")
}

// choosePort returns the port from env, checked to be free (unless
// opt.skipPortCheck), or a fresh free port.
func choosePort(kind, env string, opt startOptions) (port int, fromEnv bool, err error) {
	if v := strings.TrimSpace(os.Getenv(env)); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p <= 0 || p > 65535 {
			return 0, true, fmt.Errorf("realdns: %s: %s=%q is not a port number", kind, env, v)
		}
		if !opt.skipPortCheck {
			if err := checkPortFree(p); err != nil {
				return 0, true, &PortInUseError{Kind: kind, Port: p, Env: env, FromEnv: true, Detail: err.Error()}
			}
		}
		return p, true, nil
	}
	p, err := pickFreePort()
	if err != nil {
		return 0, false, fmt.Errorf("realdns: %s: cannot find a free port on 127.0.0.1 (%v); set %s", kind, err, env)
	}
	return p, false, nil
}

// startOnce prepares the directory, launches the server and waits until it
// answers. On error the process is stopped.
func startOnce(tb testing.TB, kind string, spec kindSpec, zones []Zone, port, apiPort int) (*Server, error) {
	t0 := time.Now()
	s := &Server{
		Kind:  kind,
		Addr:  fmt.Sprintf("127.0.0.1:%d", port),
		Port:  port,
		Dir:   tb.TempDir(),
		zones: zones,
	}
	argv, extraLogs, err := spec.setup(tb, s, apiPort)
	if err != nil {
		return nil, fmt.Errorf("realdns: %s: %w", kind, err)
	}
	outLog := filepath.Join(s.Dir, kind+".log")
	s.logFiles = append([]string{outLog}, extraLogs...)

	p, err := launch(argv, s.Dir, outLog)
	if err != nil {
		return nil, fmt.Errorf("realdns: %s: start %s: %w", kind, argv[0], err)
	}
	s.proc = p
	tb.Cleanup(p.stop)

	if err := s.waitReady(port, apiPort); err != nil {
		p.stop()
		return nil, err
	}
	s.StartupTime = time.Since(t0)
	return s, nil
}

// waitReady polls until every zone's SOA is served (and, for PowerDNS, the
// API answers), the process exits, its log reports a taken port, or the
// timeout passes.
func (s *Server) waitReady(port, apiPort int) error {
	deadline := time.Now().Add(readyTimeout)
	c := &dns.Client{Net: "udp", Timeout: probeTimeout}
	pending := append([]Zone(nil), s.zones...)
	apiReady := apiPort == 0
	var lastProblem string
	for {
		if pe := s.portInUseFromLogs(port, apiPort); pe != nil {
			return pe
		}
		if line := s.zoneFailureFromLogs(); line != "" {
			return fmt.Errorf("realdns: %s: a zone failed to load: %s\n--- %s log tail ---\n%s",
				s.Kind, line, s.Kind, s.Logs())
		}
		select {
		case <-s.proc.done:
			if pe := s.portInUseFromLogs(port, apiPort); pe != nil {
				return pe
			}
			return fmt.Errorf("realdns: %s exited before it was ready (%v)\n--- %s log tail ---\n%s",
				s.Kind, s.proc.waitErr, s.Kind, s.Logs())
		default:
		}
		for len(pending) > 0 {
			problem := probeSOA(c, s.Addr, pending[0].Name)
			if problem != "" {
				lastProblem = problem
				break
			}
			pending = pending[1:]
		}
		if len(pending) == 0 && !apiReady {
			if problem := probeAPI(s.APIURL, s.APIKey); problem != "" {
				lastProblem = problem
			} else {
				apiReady = true
			}
		}
		if len(pending) == 0 && apiReady {
			// Not some other server on a port we failed to bind: ours is
			// alive and has not reported a bind failure.
			if pe := s.portInUseFromLogs(port, apiPort); pe != nil {
				return pe
			}
			select {
			case <-s.proc.done:
				continue // reported at the top of the loop
			default:
			}
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("realdns: %s on %s not ready after %v (last: %s)\n--- %s log tail ---\n%s",
				s.Kind, s.Addr, readyTimeout, lastProblem, s.Kind, s.Logs())
		}
		select {
		case <-s.proc.done:
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// probeSOA asks for zone's SOA; it returns "" when the server answers it
// authoritatively, else what was wrong.
func probeSOA(c *dns.Client, addr, zone string) string {
	m := new(dns.Msg)
	m.SetQuestion(zone, dns.TypeSOA)
	m.RecursionDesired = false
	r, _, err := c.Exchange(m, addr)
	switch {
	case err != nil:
		return fmt.Sprintf("SOA %s: %v", zone, err)
	case r.Rcode != dns.RcodeSuccess:
		return fmt.Sprintf("SOA %s: rcode %s", zone, dns.RcodeToString[r.Rcode])
	case len(r.Answer) == 0:
		return fmt.Sprintf("SOA %s: empty answer", zone)
	}
	if _, ok := r.Answer[0].(*dns.SOA); !ok {
		return fmt.Sprintf("SOA %s: answer is %s", zone, r.Answer[0])
	}
	return ""
}

// bindFailureMarkers are (lower-case) log fragments with which the servers
// report that they could not bind their ports:
//   - NSD, Knot, PowerDNS DNS: "... Address already in use"
//   - PowerDNS API: "[webserver] Listening on HTTP socket failed: While binding: Address already in use"
//     (pdns_server then runs on without its API)
//   - BIND 9.18: "creating IPv4 interface lo failed; interface ignored",
//     "unable to listen on any configured interfaces" (no errno at the default level)
var bindFailureMarkers = []string{
	"address already in use",
	"address in use",
	"unable to listen on any configured interfaces",
	"interface lo failed",
}

// portInUseFromLogs looks for the servers' messages about ports they could
// not bind.
func (s *Server) portInUseFromLogs(port, apiPort int) *PortInUseError {
	for _, f := range s.logFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			l := strings.ToLower(line)
			if !slices.ContainsFunc(bindFailureMarkers, func(m string) bool { return strings.Contains(l, m) }) {
				continue
			}
			p := port
			if apiPort != 0 && (strings.Contains(l, "webserver") || strings.Contains(l, "http") || strings.Contains(line, ":"+strconv.Itoa(apiPort))) {
				p = apiPort
			}
			return &PortInUseError{Kind: s.Kind, Port: p, Detail: strings.TrimSpace(line), Logs: s.Logs()}
		}
	}
	return nil
}

// zoneFailureMarkers are (lower-case) log fragments with which BIND, Knot
// and NSD report a zone that did not load (they go on serving the others).
// PowerDNS needs none: pdnsutil load-zone fails before the server starts.
var zoneFailureMarkers = []*regexp.Regexp{
	regexp.MustCompile(`not loaded due to errors`),           // BIND
	regexp.MustCompile(`zone event 'load' failed`),           // Knot
	regexp.MustCompile(`failed to load zone`),                // Knot
	regexp.MustCompile(`read with [1-9][0-9]* errors`),       // NSD
	regexp.MustCompile(`error: .*zone .* could not be read`), // NSD, missing file
}

// zoneFailureFromLogs returns the first log line reporting a zone that did
// not load, or "".
func (s *Server) zoneFailureFromLogs() string {
	for _, f := range s.logFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			l := strings.ToLower(line)
			for _, re := range zoneFailureMarkers {
				if re.MatchString(l) {
					return strings.TrimSpace(line)
				}
			}
		}
	}
	return ""
}

// process is a running server in its own process group.
type process struct {
	cmd     *exec.Cmd
	done    chan struct{} // closed when the process has exited
	waitErr error
	once    sync.Once
	logFile *os.File
}

func launch(argv []string, dir, logPath string) (*process, error) {
	lf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Stdin = nil
	cmd.Stdout = lf
	cmd.Stderr = lf
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		lf.Close()
		return nil, err
	}
	p := &process{cmd: cmd, done: make(chan struct{}), logFile: lf}
	go func() {
		p.waitErr = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// stop sends SIGTERM to the process group, then SIGKILL after stopGrace, and
// waits for the process. It also kills any process left in the group.
func (p *process) stop() {
	p.once.Do(func() {
		pgid := p.cmd.Process.Pid
		select {
		case <-p.done:
		default:
			_ = killGroup(-pgid, syscall.SIGTERM)
			select {
			case <-p.done:
			case <-time.After(stopGrace):
				_ = killGroup(-pgid, syscall.SIGKILL)
				<-p.done
			}
		}
		// Children (NSD forks) may outlive the leader: kill what is left of
		// the group. While any member remains, the kernel does not reuse the
		// group id, so this cannot hit an unrelated process.
		_ = killGroup(-pgid, syscall.SIGKILL)
		p.logFile.Close()
	})
}

// logTail returns the last n lines of the files, each headed by its name when
// there are several.
func logTail(files []string, n int) string {
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil || len(strings.TrimSpace(string(data))) == 0 {
			continue
		}
		var lines []string
		for _, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
			if !strings.Contains(l, "built with '") { // BIND's 1.5 kB configure line
				lines = append(lines, l)
			}
		}
		if len(lines) > n {
			lines = lines[len(lines)-n:]
		}
		if len(files) > 1 {
			fmt.Fprintf(&b, "== %s ==\n", filepath.Base(f))
		}
		b.WriteString(strings.Join(lines, "\n"))
		b.WriteString("\n")
	}
	if b.Len() == 0 {
		return "(no log output)"
	}
	return b.String()
}

// writeZoneFiles writes each zone's text to dir/NAME.zone (NAME without the
// trailing dot) and returns the paths in zone order.
func writeZoneFiles(dir string, zones []Zone) ([]string, error) {
	paths := make([]string, len(zones))
	for i, z := range zones {
		p := filepath.Join(dir, strings.TrimSuffix(z.Name, ".")+".zone")
		text := z.Text
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return nil, err
		}
		paths[i] = p
	}
	return paths, nil
}

// shortDir returns dir when a Unix socket path in it stays well below the
// 108-byte limit, else a fresh short directory removed at cleanup.
func shortDir(tb testing.TB, dir, sockName string) (string, error) {
	if len(filepath.Join(dir, sockName)) < 100 {
		return dir, nil
	}
	d, err := os.MkdirTemp("", "rdns")
	if err != nil {
		return "", err
	}
	tb.Cleanup(func() { os.RemoveAll(d) })
	return d, nil
}
