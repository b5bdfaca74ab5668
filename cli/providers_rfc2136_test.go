package cli

// End-to-end tests of the rfc2136 provider through the CLI against real BIND
// and Knot servers (internal/realdns). The helpers named rdns* are shared
// with providers_powerdns_test.go.

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/internal/realdns"
	"github.com/spfpatch/spfpatch/plan"
	_ "github.com/spfpatch/spfpatch/providers/rfc2136"
)

const (
	rdnsShop    = "example.test."
	rdnsOrigSPF = "v=spf1 +ip4:192.0.2.0/24 ~all"
	rdnsNewSPF  = "v=spf1 +ip4:192.0.2.0/24 include:e-shopsmail2.com ~all"
)

// rdnsShopZone is the shop's zone: the apex holds the SPF record, a
// verification record, a record of two character-strings, A, MX and NS;
// a subdomain has its own TXT record.
const rdnsShopZone = `$ORIGIN example.test.
$TTL 300
@	IN SOA ns1.example.test. hostmaster.example.test. ( 1 3600 600 86400 300 )
@	IN NS  ns1
ns1	IN A   127.0.0.1
@	IN A   192.0.2.10
@	IN MX  10 mail
mail	IN A   192.0.2.25
@	IN TXT "v=spf1 +ip4:192.0.2.0/24 ~all"
@	IN TXT "google-site-verification=abc123"
@	IN TXT "ms=part-one;" "part-two"
news	IN TXT "v=spf1 -all"
news	IN TXT "news-verification"
`

// rdnsLongIncludes make the record longer than 255 bytes; each resolves.
var rdnsLongIncludes = func() []string {
	var out []string
	for i := 1; i <= 4; i++ {
		out = append(out, fmt.Sprintf("senders-with-quite-a-long-name-%02d.e-shopsmail2.com", i))
	}
	return out
}()

// rdnsPlatformZone answers the lookups of the includes.
var rdnsPlatformZone = func() string {
	var b strings.Builder
	b.WriteString(`$ORIGIN e-shopsmail2.com.
$TTL 300
@	IN SOA ns1.e-shopsmail2.com. hostmaster.e-shopsmail2.com. ( 1 3600 600 86400 300 )
@	IN NS  ns1
ns1	IN A   127.0.0.1
@	IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
`)
	for i, n := range rdnsLongIncludes {
		fmt.Fprintf(&b, "%s.\tIN TXT \"v=spf1 ip4:198.51.100.%d -all\"\n", n, i+1)
	}
	return b.String()
}()

func rdnsZones() []realdns.Zone {
	return []realdns.Zone{{Name: rdnsShop, Text: rdnsShopZone}, {Name: "e-shopsmail2.com.", Text: rdnsPlatformZone}}
}

// rdnsRun runs the CLI and keeps everything it printed, so the test can
// check that no secret ever appears.
type rdnsRun struct {
	t      *testing.T
	seen   []string
	common []string // provider and resolver flags
}

func (r *rdnsRun) cli(want int, args ...string) string {
	r.t.Helper()
	// Flags go before the targets: insert the common ones after the command.
	full := append([]string{args[0]}, r.common...)
	full = append(full, args[1:]...)
	out, errOut, code := runCLI(r.t, full...)
	r.seen = append(r.seen, out, errOut)
	if code != want {
		r.t.Fatalf("spfpatch %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(full, " "), code, want, out, errOut)
	}
	return out + errOut
}

// noSecrets fails if any output, or any file in dirs, contains a secret.
func (r *rdnsRun) noSecrets(secrets []string, dirs ...string) {
	r.t.Helper()
	texts := append([]string(nil), r.seen...)
	for _, d := range dirs {
		_ = filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				b, _ := os.ReadFile(p)
				texts = append(texts, string(b))
			}
			return nil
		})
	}
	for _, s := range secrets {
		for _, x := range texts {
			if strings.Contains(x, s) {
				r.t.Fatalf("a secret appears in output or a journal:\n%s", x)
			}
		}
	}
}

// rdnsTXT returns the TXT records at name as served over DNS (TCP), each
// as its character-strings.
func rdnsTXT(t *testing.T, addr, name string) [][]string {
	t.Helper()
	m := new(dns.Msg)
	m.SetQuestion(name, dns.TypeTXT)
	c := &dns.Client{Net: "tcp", Timeout: 2 * time.Second}
	r, _, err := c.Exchange(m, addr)
	if err != nil {
		t.Fatalf("TXT %s @%s: %v", name, addr, err)
	}
	var out [][]string
	for _, rr := range r.Answer {
		if tx, ok := rr.(*dns.TXT); ok {
			out = append(out, tx.Txt)
		}
	}
	return out
}

// rdnsSPF returns the apex SPF record as served: its strings.
func rdnsSPF(t *testing.T, addr string) []string {
	t.Helper()
	var spf [][]string
	for _, s := range rdnsTXT(t, addr, rdnsShop) {
		if strings.HasPrefix(strings.Join(s, ""), "v=spf1 ") {
			spf = append(spf, s)
		}
	}
	if len(spf) != 1 {
		t.Fatalf("%d SPF records served at %s: %q", len(spf), rdnsShop, spf)
	}
	return spf[0]
}

// rdnsAXFR returns the shop zone by AXFR, one RR a line, SOA serial zeroed,
// sorted.
func rdnsAXFR(t *testing.T, srv *realdns.Server) []string {
	t.Helper()
	m := new(dns.Msg)
	m.SetAxfr(rdnsShop)
	m.SetTsig(dns.Fqdn(srv.TSIGName), dns.Fqdn(srv.TSIGAlg), 300, time.Now().Unix())
	tr := &dns.Transfer{TsigSecret: srv.TsigSecret()}
	ch, err := tr.In(m, srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out []string
	for env := range ch {
		if env.Error != nil {
			t.Fatal(env.Error)
		}
		for _, rr := range env.RR {
			if soa, ok := rr.(*dns.SOA); ok {
				soa.Serial = 0
			}
			if s := rr.String(); !seen[s] { // the SOA opens and closes the transfer
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	slices.Sort(out)
	return out
}

// rdnsWithoutSPF drops the apex SPF record from a zone listing.
func rdnsWithoutSPF(rrs []string) []string {
	var out []string
	for _, s := range rrs {
		if strings.HasPrefix(s, rdnsShop+"\t") && strings.Contains(s, "\tTXT\t\"v=spf1 ") {
			continue
		}
		out = append(out, s)
	}
	return out
}

// rdnsJournal reads a journal's results.
func rdnsJournal(t *testing.T, path string) []plan.JournalChange {
	t.Helper()
	js, err := plan.ReadJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// rdnsCheckLong checks a served record: longer than 255 bytes, cut into
// strings of at most 255 bytes between terms, the includes in order.
func rdnsCheckLong(t *testing.T, strs []string) string {
	t.Helper()
	rec := strings.Join(strs, "")
	want := rdnsNewSPF[:len(rdnsNewSPF)-len(" ~all")] + " include:" + strings.Join(rdnsLongIncludes, " include:") + " ~all"
	if rec != want {
		t.Fatalf("long record served as %q, want %q", rec, want)
	}
	if len(rec) <= 255 || len(strs) < 2 {
		t.Fatalf("record of %d bytes served as %d strings", len(rec), len(strs))
	}
	for i, s := range strs {
		if len(s) > 255 || i < len(strs)-1 && !strings.HasSuffix(s, " ") {
			t.Fatalf("string %d of %q is not cut between terms (%d bytes)", i, strs, len(s))
		}
	}
	return rec
}

// rdnsFlow is the whole story on one server: plan, apply, verify, a
// record over 255 bytes, rollback twice. snapshot lists the shop zone as
// the server holds it.
func rdnsFlow(t *testing.T, r *rdnsRun, dnsAddr string, snapshot func() []string) {
	dir := t.TempDir()
	j1, j2 := filepath.Join(dir, "apply1.jsonl"), filepath.Join(dir, "apply2.jsonl")
	orig := snapshot()

	out := r.cli(2, "plan", "--detailed-exitcode", "example.test")
	for _, want := range []string{`- "` + rdnsOrigSPF + `"`, `+ "` + rdnsNewSPF + `"`, "example.test.", "lookups 0 -> 1"} {
		if !strings.Contains(out, want) {
			t.Fatalf("plan output lacks %q:\n%s", want, out)
		}
	}
	r.cli(0, "apply", "--auto-approve", "--journal", j1, "example.test")
	if got := rdnsSPF(t, dnsAddr); !slices.Equal(got, []string{rdnsNewSPF}) {
		t.Fatalf("served SPF %q after apply", got)
	}
	afterApply := snapshot()
	if a, b := rdnsWithoutSPF(orig), rdnsWithoutSPF(afterApply); !slices.Equal(a, b) {
		t.Fatalf("records other than the SPF record changed:\nbefore %q\nafter  %q", a, b)
	}
	if js := rdnsJournal(t, j1); len(js) != 1 || js[0].Result == nil || js[0].Result.Status != plan.StatusWritten {
		t.Fatalf("journal %s: %+v", j1, js)
	}
	r.cli(0, "plan", "--detailed-exitcode", "example.test")

	// Over 255 bytes.
	long := []string{"plan", "--detailed-exitcode", "--include", "e-shopsmail2.com"}
	for _, n := range rdnsLongIncludes {
		long = append(long, "--include", n)
	}
	r.cli(2, append(long, "example.test")...)
	r.cli(0, append(append([]string{"apply", "--auto-approve", "--journal", j2}, long[2:]...), "example.test")...)
	rdnsCheckLong(t, rdnsSPF(t, dnsAddr))
	if a, b := rdnsWithoutSPF(orig), rdnsWithoutSPF(snapshot()); !slices.Equal(a, b) {
		t.Fatalf("records other than the SPF record changed:\nbefore %q\nafter  %q", a, b)
	}
	r.cli(0, append(long, "example.test")...)

	// Rollback, newest first, to the exact original; again is a no-op.
	r.cli(0, "rollback", "--auto-approve", "--journal", filepath.Join(dir, "rb2.jsonl"), j2)
	if got := rdnsSPF(t, dnsAddr); !slices.Equal(got, []string{rdnsNewSPF}) {
		t.Fatalf("served SPF %q after the first rollback", got)
	}
	r.cli(0, "rollback", "--auto-approve", "--journal", filepath.Join(dir, "rb1.jsonl"), j1)
	if got := snapshot(); !slices.Equal(got, orig) {
		t.Fatalf("after rollback the zone is\n%q\nwant\n%q", got, orig)
	}
	out = r.cli(0, "rollback", "--auto-approve", "--journal", filepath.Join(dir, "rb1-again.jsonl"), j1)
	if !strings.Contains(out, "Nothing to roll back") {
		t.Fatalf("second rollback:\n%s", out)
	}
	if got := snapshot(); !slices.Equal(got, orig) {
		t.Fatalf("the second rollback changed the zone:\n%q", got)
	}
	r.cli(0, "plan", "--detailed-exitcode", "--remove-include", "e-shopsmail2.com", "example.test")
}

func rdnsEnv(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("NO_COLOR", "1")
	for _, v := range []string{"SPFPATCH_PROVIDER", "SPFPATCH_NAMESERVER", "SPFPATCH_INCLUDE", "SPFPATCH_CONFIG",
		"SPFPATCH_RFC2136_SERVER", "SPFPATCH_TSIG_KEY_NAME", "SPFPATCH_TSIG_SECRET", "SPFPATCH_POWERDNS_URL", "PDNS_API_KEY"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
}

func rdnsStart(t *testing.T, kind string) *realdns.Server {
	if kind == realdns.KindKnot {
		return realdns.StartKnot(t, rdnsZones()...)
	}
	return realdns.StartBIND(t, rdnsZones()...)
}

func rfc2136Flags(srv *realdns.Server, server string) []string {
	return []string{"--provider", "rfc2136", "--rfc2136-server", server, "--rfc2136-key-name", srv.TSIGName, "--nameserver", srv.Addr}
}

func TestRFC2136EndToEnd(t *testing.T) {
	for _, kind := range []string{realdns.KindBIND, realdns.KindKnot} {
		t.Run(kind, func(t *testing.T) {
			rdnsEnv(t)
			srv := rdnsStart(t, kind)
			t.Setenv("SPFPATCH_TSIG_SECRET", srv.TSIGSecret)
			r := &rdnsRun{t: t, common: rfc2136Flags(srv, srv.Addr)}
			dir := t.TempDir()
			rdnsFlow(t, r, srv.Addr, func() []string { return rdnsAXFR(t, srv) })

			// The same through a BIND key file instead of the environment.
			os.Unsetenv("SPFPATCH_TSIG_SECRET")
			kf := filepath.Join(t.TempDir(), "tsig.key") // not in dir, which is checked for secrets
			os.WriteFile(kf, []byte(fmt.Sprintf("key %q {\n\talgorithm %s;\n\tsecret %q;\n};\n", srv.TSIGName, srv.TSIGAlg, srv.TSIGSecret)), 0o600)
			r.common = []string{"--provider", "rfc2136", "--rfc2136-server", srv.Addr, "--rfc2136-key-file", kf, "--nameserver", srv.Addr}
			r.cli(2, "plan", "--detailed-exitcode", "example.test")

			r.noSecrets([]string{srv.TSIGSecret}, dir, os.Getenv("XDG_STATE_HOME"))
		})
	}
}

func TestRFC2136Failures(t *testing.T) {
	for _, kind := range []string{realdns.KindBIND, realdns.KindKnot} {
		t.Run(kind, func(t *testing.T) {
			rdnsEnv(t)
			srv := rdnsStart(t, kind)
			dir := t.TempDir()
			const wrong = "d3JvbmctdGVzdC1zZWNyZXQtZm9yLXNwZnBhdGNoISE="
			orig := rdnsAXFR(t, srv)

			// A wrong secret: a clear error, nothing written.
			t.Setenv("SPFPATCH_TSIG_SECRET", wrong)
			r := &rdnsRun{t: t, common: rfc2136Flags(srv, srv.Addr)}
			out := r.cli(1, "apply", "--auto-approve", "--journal", filepath.Join(dir, "wrong.jsonl"), "example.test")
			if !strings.Contains(out, "BADSIG") || !strings.Contains(out, `TSIG key "spfpatch-key"`) {
				t.Fatalf("wrong secret:\n%s", out)
			}
			if got := rdnsAXFR(t, srv); !slices.Equal(got, orig) {
				t.Fatalf("a refused key changed the zone")
			}

			// The key may not transfer the zone: say how to allow it.
			t.Setenv("SPFPATCH_TSIG_SECRET", srv.TSIGSecret)
			r.common = rfc2136Flags(srv, rdnsProxy(t, srv, "refuse-axfr"))
			out = r.cli(1, "plan", "example.test")
			if !strings.Contains(out, "refused the transfer (REFUSED)") || !strings.Contains(out, "allow-transfer") {
				t.Fatalf("refused AXFR:\n%s", out)
			}

			// The server refuses the UPDATE (a key without update rights):
			// the old record stays, and the journal says so.
			t.Setenv("SPFPATCH_TSIG_SECRET", srv.TSIGSecret)
			px := rdnsProxy(t, srv, "refuse")
			r.common = rfc2136Flags(srv, px)
			jr := filepath.Join(dir, "refused.jsonl")
			out = r.cli(1, "apply", "--auto-approve", "--journal", jr, "example.test")
			if !strings.Contains(out, "REFUSED") || !strings.Contains(out, "old record is still in place") {
				t.Fatalf("refused UPDATE:\n%s", out)
			}
			if got := rdnsSPF(t, srv.Addr); !slices.Equal(got, []string{rdnsOrigSPF}) {
				t.Fatalf("served %q after a refused UPDATE", got)
			}
			if js := rdnsJournal(t, jr); len(js) != 1 || js[0].Result == nil || js[0].Result.Status != plan.StatusOldKept ||
				!slices.Contains(js[0].Result.Holds.Texts(), rdnsOrigSPF) {
				t.Fatalf("journal of the refused UPDATE: %+v", js)
			}
			// Rolling that journal back has nothing to do.
			r.common = rfc2136Flags(srv, srv.Addr)
			r.cli(0, "rollback", "--auto-approve", "--journal", filepath.Join(dir, "rb-refused.jsonl"), jr)

			// The server applies the UPDATE but the answer is lost: the new
			// record is in place, and the journal says so.
			px = rdnsProxy(t, srv, "lose-answer")
			r.common = rfc2136Flags(srv, px)
			jl := filepath.Join(dir, "lost.jsonl")
			out = r.cli(0, "apply", "--auto-approve", "--journal", jl, "example.test")
			if got := rdnsSPF(t, srv.Addr); !slices.Equal(got, []string{rdnsNewSPF}) {
				t.Fatalf("served %q after a lost answer:\n%s", got, out)
			}
			js := rdnsJournal(t, jl)
			if len(js) != 1 || js[0].Result == nil || js[0].Result.Status != plan.StatusWritten ||
				!strings.Contains(js[0].Result.Error, "holds the new record") {
				t.Fatalf("journal of the lost answer: %+v", js)
			}
			// And rollback restores the original exactly.
			r.common = rfc2136Flags(srv, srv.Addr)
			r.cli(0, "rollback", "--auto-approve", "--journal", filepath.Join(dir, "rb-lost.jsonl"), jl)
			if got := rdnsAXFR(t, srv); !slices.Equal(got, orig) {
				t.Fatalf("after rollback:\n%q\nwant\n%q", got, orig)
			}
			r.noSecrets([]string{srv.TSIGSecret, wrong}, dir, os.Getenv("XDG_STATE_HOME"))
		})
	}
}

// rdnsProxy is a DNS-over-TCP proxy on 127.0.0.1 in front of srv that
// passes queries and transfers through and, for UPDATE messages, either
// answers REFUSED without passing them on ("refuse"), or passes them on and
// then drops the connection without an answer ("lose-answer"); or refuses
// zone transfers ("refuse-axfr").
func rdnsProxy(t *testing.T, srv *realdns.Server, mode string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				rdnsProxyConn(c, srv.Addr, mode, srv.TSIGSecret)
			}()
		}
	}()
	return ln.Addr().String()
}

// rdnsRefuse answers m with REFUSED, signed with the key as a server that
// checked the request's signature does (RFC 8945 §5.3).
func rdnsRefuse(c net.Conn, m *dns.Msg, secret string) {
	a := new(dns.Msg)
	a.SetRcode(m, dns.RcodeRefused)
	b, _ := a.Pack()
	if t := m.IsTsig(); t != nil {
		a.SetTsig(t.Hdr.Name, t.Algorithm, 300, time.Now().Unix())
		b, _, _ = dns.TsigGenerate(a, secret, t.MAC, false)
	}
	binary.Write(c, binary.BigEndian, uint16(len(b)))
	c.Write(b)
}

func rdnsProxyConn(c net.Conn, upstream, mode, secret string) {
	up, err := net.Dial("tcp", upstream)
	if err != nil {
		return
	}
	defer up.Close()
	go io.Copy(c, up) // answers flow back unchanged
	for {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		var n uint16
		if binary.Read(c, binary.BigEndian, &n) != nil {
			return
		}
		buf := make([]byte, n)
		if _, err := io.ReadFull(c, buf); err != nil {
			return
		}
		m := new(dns.Msg)
		if m.Unpack(buf) == nil && mode == "refuse-axfr" && len(m.Question) == 1 && m.Question[0].Qtype == dns.TypeAXFR {
			rdnsRefuse(c, m, secret)
			continue
		}
		if m.Unpack(buf) == nil && m.Opcode == dns.OpcodeUpdate {
			switch mode {
			case "refuse":
				rdnsRefuse(c, m, secret)
				continue
			case "lose-answer":
				// Pass it on over a connection of our own, wait for the
				// server's answer, and drop the client's connection.
				u2, err := net.Dial("tcp", upstream)
				if err == nil {
					binary.Write(u2, binary.BigEndian, n)
					u2.Write(buf)
					u2.SetReadDeadline(time.Now().Add(5 * time.Second))
					var l uint16
					if binary.Read(u2, binary.BigEndian, &l) == nil {
						io.CopyN(io.Discard, u2, int64(l))
					}
					u2.Close()
				}
				return
			}
		}
		if binary.Write(up, binary.BigEndian, n) != nil {
			return
		}
		if _, err := up.Write(buf); err != nil {
			return
		}
	}
}
