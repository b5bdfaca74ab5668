package realdns

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pdnsGsqlite3Module is the gsqlite3 back-end that pdns-backend-sqlite3 installs.
const pdnsGsqlite3Module = "/usr/lib/*/pdns/libgsqlite3backend.so"

// pdnsSchemas are where pdns-backend-sqlite3 ships the gsqlite3 schema.
var pdnsSchemas = []string{
	"/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql",
	"/usr/share/doc/pdns-backend-sqlite3/schema.sqlite3.sql",
}

// setupPowerDNS creates the sqlite database, writes pdns.conf, imports the
// zones with pdnsutil load-zone, and returns the pdns_server command line.
func setupPowerDNS(tb testing.TB, s *Server, apiPort int) ([]string, []string, error) {
	server, err := lookBin("pdns_server")
	if err != nil {
		return nil, nil, err
	}
	pdnsutil, err := lookBin("pdnsutil")
	if err != nil {
		return nil, nil, err
	}
	sqlite, err := lookBin("sqlite3")
	if err != nil {
		return nil, nil, err
	}
	schema := ""
	for _, p := range pdnsSchemas {
		if _, err := os.Stat(p); err == nil {
			schema = p
			break
		}
	}
	if schema == "" {
		return nil, nil, fmt.Errorf("gsqlite3 schema not found in %s (apt-get install pdns-backend-sqlite3)", strings.Join(pdnsSchemas, ", "))
	}
	schemaSQL, err := os.ReadFile(schema)
	if err != nil {
		return nil, nil, err
	}
	db := filepath.Join(s.Dir, "pdns.sqlite3")
	// One transaction without fsync: creating the tables one by one with
	// fsyncs took up to 1.2 s on a busy disk.
	script := "PRAGMA synchronous=OFF;\nBEGIN;\n" + string(schemaSQL) + "\nCOMMIT;\n"
	if err := runTool(s.Dir, script, sqlite, db); err != nil {
		return nil, nil, err
	}
	files, err := writeZoneFiles(s.Dir, s.zones)
	if err != nil {
		return nil, nil, err
	}
	sock, err := shortDir(tb, s.Dir, "pdns.controlsocket")
	if err != nil {
		return nil, nil, err
	}
	s.APIURL = fmt.Sprintf("http://127.0.0.1:%d", apiPort)
	s.APIKey = PowerDNSAPIKey
	conf := fmt.Sprintf(`# written by spfpatch internal/realdns for tests
launch=gsqlite3
gsqlite3-database=%s
# No fsync: the database is thrown away after the test.
gsqlite3-pragma-synchronous=0
local-address=127.0.0.1:%d
api=yes
api-key=%s
webserver=yes
webserver-address=127.0.0.1
webserver-port=%d
webserver-allow-from=127.0.0.0/8
socket-dir=%s
guardian=no
daemon=no
disable-syslog=yes
loglevel=4
# Without this pdns_server looks up its "security status" in public DNS.
security-poll-suffix=
# No caches: what the API or pdnsutil writes is served at once.
cache-ttl=0
negquery-cache-ttl=0
query-cache-ttl=0
zone-cache-refresh-interval=0
primary=no
secondary=no
receiver-threads=1
distributor-threads=1
`, db, s.Port, PowerDNSAPIKey, apiPort, sock)
	if err := os.WriteFile(filepath.Join(s.Dir, "pdns.conf"), []byte(conf), 0o644); err != nil {
		return nil, nil, err
	}
	for i, z := range s.zones {
		if err := runTool(s.Dir, "", pdnsutil, "--config-dir="+s.Dir, "load-zone", z.Name, files[i]); err != nil {
			return nil, nil, err
		}
	}
	return []string{server, "--config-dir=" + s.Dir}, nil, nil
}

// runTool runs a preparatory command with stdin and a time limit; its output
// goes into the error when it fails.
func runTool(dir, stdin string, argv ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	cmd.SysProcAttr = sysProcAttr()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %v\n%s", strings.Join(argv, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// probeAPI returns "" when the PowerDNS API answers for server "localhost".
func probeAPI(base, key string) string {
	c := &http.Client{Timeout: 500 * time.Millisecond}
	req, err := http.NewRequest(http.MethodGet, base+"/api/v1/servers/localhost", nil)
	if err != nil {
		return err.Error()
	}
	req.Header.Set("X-API-Key", key)
	resp, err := c.Do(req)
	if err != nil {
		return "API: " + err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode != http.StatusOK {
		return fmt.Sprintf("API: HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(body)))
	}
	return ""
}
