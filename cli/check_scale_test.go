package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/internal/realdns"
	"github.com/spfpatch/spfpatch/spfcheck"
)

const v6Zone = `$ORIGIN v6.test.
$TTL 300
@        IN SOA  ns1.v6.test. hostmaster.v6.test. ( 1 3600 600 604800 300 )
@        IN NS   ns1.v6.test.
ns1      IN A    127.0.0.1
h1       IN AAAA 2001:db8::1
h2       IN AAAA 2001:db8::2
h3       IN AAAA 2001:db8::3
shop     IN TXT  "v=spf1 a:h1.v6.test a:h2.v6.test a:h3.v6.test -all"
`

// Issue 13: a record with three a: terms of IPv6-only hosts was "OK, void
// lookups 0 of 2" in check and permerror in check --ip. Now check counts
// the void lookups of each family, judges the limit on the worse, and
// agrees with check_host().
func TestCheckVoidLookupsPerFamily(t *testing.T) {
	t.Setenv("SPFPATCH_INCLUDE", "")
	t.Setenv("SPFPATCH_NAMESERVER", "")
	addr := serveZones(t, realdns.Zone{Name: "v6.test.", Text: v6Zone})
	out, errOut, code := runCLI(t, "check", "--nameserver", addr, "--format", "json", "--ip", "192.0.2.1", "shop.v6.test")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var c struct {
		checkJSON
		V4 int `json:"void_lookups_ipv4"`
		V6 int `json:"void_lookups_ipv6"`
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	if c.Status != "permerror" || c.VoidLookups != 3 || c.V4 != 3 || c.V6 != 0 || c.LimitOK || c.Result == nil || *c.Result != "permerror" {
		t.Fatalf("status %s void %d (IPv4 %d, IPv6 %d) limit_ok %v result %v; want permerror 3 (3, 0) false permerror\n%s",
			c.Status, c.VoidLookups, c.V4, c.V6, c.LimitOK, deref(c.Result), out)
	}
	out, _, _ = runCLI(t, "check", "--nameserver", addr, "shop.v6.test")
	for _, want := range []string{"shop.v6.test  PERMERROR", "void lookups 3 of 2 (for IPv4 senders 3, for IPv6 senders 0)",
		"h1.v6.test has no A records: a void lookup for IPv4 senders",
		"error: 3 void lookups (names that do not exist or have no records), over the limit of 2 (for IPv4 senders 3, for IPv6 senders 0)"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
}

// Issue 11 item 12: with --ip, a malformed domain is a result (none, RFC
// 7208 §4.3), not a usage error; without --ip it stays a usage error.
func TestCheckIPMalformedDomain(t *testing.T) {
	t.Setenv("SPFPATCH_INCLUDE", "")
	t.Setenv("SPFPATCH_NAMESERVER", "")
	silent := newSilentDNS(t)
	for _, name := range []string{
		"a." + strings.Repeat("x", 64) + ".example", // label over 63 octets
		"foo..example", // empty label
		"nodot",        // no dot (a HELO name such as A2345678)
		"[192.0.2.1]",  // domain literal
		"info@foo..example",
	} {
		t.Run(name, func(t *testing.T) {
			out, errOut, code := runCLI(t, "check", "--nameserver", silent.Addr, "--dns-timeout", "300ms", "--format", "json", "--ip", "192.0.2.1", name)
			if code != 0 {
				t.Fatalf("with --ip: exit %d, stderr %q", code, errOut)
			}
			var c checkJSON
			if err := json.Unmarshal([]byte(out), &c); err != nil {
				t.Fatal(err)
			}
			if c.Status != "none" || c.Result == nil || *c.Result != "none" || !strings.Contains(c.Message, "not a valid domain name") {
				t.Errorf("status %s result %v message %q; want none, none, says why", c.Status, deref(c.Result), c.Message)
			}
			if _, errOut, code := runCLI(t, "check", "--nameserver", silent.Addr, name); code != 1 || errOut == "" {
				t.Errorf("without --ip: exit %d, stderr %q; want a usage error", code, errOut)
			}
		})
	}
	if n := silent.Received(); n != 0 {
		t.Errorf("%d queries for malformed names", n)
	}
	// A malformed HELO name or sender with a good DOMAIN is passed on as given.
	addr := serveZones(t, realdns.Zone{Name: "v6.test.", Text: v6Zone})
	out, errOut, code := runCLI(t, "check", "--nameserver", addr, "--format", "json", "--ip", "2001:db8::2", "--helo", "nodot", "--sender", "x@", "shop.v6.test")
	if code != 0 || !strings.Contains(out, `"result":"pass"`) || !strings.Contains(out, `"sender":"x@"`) {
		t.Errorf("exit %d %s\n%s", code, errOut, out)
	}
}

// Issue 11 item 1 through the command: a hostile domain costs at most the
// budget of queries and --domain-timeout.
func TestCheckHostileDomainBounded(t *testing.T) {
	t.Setenv("SPFPATCH_INCLUDE", "")
	t.Setenv("SPFPATCH_NAMESERVER", "")
	h := &dnstest.Hostile{Delay: 400 * time.Millisecond}
	addr := dnstest.ServeDNS(t, h)
	for _, shape := range []string{"wide", "fan", "cname", "slow", "repeat", "long"} {
		t.Run(shape, func(t *testing.T) {
			h.Reset()
			start := time.Now()
			out, errOut, code := runCLI(t, "check", "--nameserver", addr, "--domain-timeout", "1s", "--include", "e-shopsmail2.com",
				"--ip", "192.0.2.9", "--format", "json", shape+".hostile.test")
			d := time.Since(start)
			if code != 0 && shape != "slow" {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if n := h.Queries(); n > spfcheck.MaxQueries {
				t.Errorf("%d queries, bound %d", n, spfcheck.MaxQueries)
			}
			if d > 3*time.Second {
				t.Errorf("took %v with --domain-timeout 1s", d)
			}
			// The line is bounded too: the record as published and with
			// the include, each at most 1 MiB (spfcheck's hostile test).
			if len(out) > 2<<20 {
				t.Errorf("%d bytes of output", len(out))
			}
			want := `"status":"permerror"`
			if shape == "slow" {
				want = `"status":"temperror"`
			}
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %s: %.300s", want, out)
			}
			t.Logf("%s: %d queries, %v, %d bytes", shape, h.Queries(), d.Round(time.Millisecond), len(out))
		})
	}
	if _, errOut, code := runCLI(t, "check", "--domain-timeout", "0s", "x.example"); code != 1 || !strings.Contains(errOut, "--domain-timeout") {
		t.Errorf("--domain-timeout 0s: exit %d, %q", code, errOut)
	}
}

// Results come in input order, each once, however long each domain takes
// and however many run at once.
func TestCheckStreamsInInputOrder(t *testing.T) {
	t.Setenv("SPFPATCH_INCLUDE", "")
	t.Setenv("SPFPATCH_NAMESERVER", "")
	handler := spfAnswers("v=spf1 ip4:192.0.2.1 -all", func(name string) time.Duration {
		h := fnv.New32a()
		h.Write([]byte(name))
		return time.Duration(h.Sum32()%20) * time.Millisecond
	})
	addr := dnstest.ServeDNS(t, handler)
	var names []string
	for i := range 400 {
		names = append(names, fmt.Sprintf("shop%03d.order.test", i))
	}
	args := append([]string{"check", "--nameserver", addr, "--parallel", "16", "--format", "json"}, names...)
	out, errOut, code := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	i := 0
	for ; sc.Scan(); i++ {
		var c checkJSON
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		if i >= len(names) || c.Domain != names[i] || c.Status != "ok" {
			t.Fatalf("line %d: %s %s, want %s ok", i, c.Domain, c.Status, names[min(i, len(names)-1)])
		}
	}
	if i != len(names) {
		t.Fatalf("%d lines for %d targets", i, len(names))
	}
}

// The results waiting for an earlier one are bounded by their bytes: the
// feeder waits while they are over the bound, and goes on as soon as the
// writer takes some; results come out in input order whatever order they
// are put in.
func TestCheckStreamBoundedByBytes(t *testing.T) {
	s := newCheckStream(10 * (100 + pendingOverhead))
	ctx := context.Background()
	line := make([]byte, 100)
	for i := 1; i <= 10; i++ { // result 0, the slow one, is not there yet
		if !s.waitSpace(ctx) {
			t.Fatal("no space")
		}
		s.put(i, checkOutput{out: line})
	}
	waited := make(chan bool)
	go func() { waited <- s.waitSpace(ctx) }()
	select {
	case <-waited:
		t.Fatal("the feeder went on with the bound reached")
	case <-time.After(50 * time.Millisecond):
	}
	s.put(0, checkOutput{out: []byte("first")})
	s.setTotal(11)
	for i := range 11 {
		out, ok := s.take(i)
		if !ok || (i == 0) != (string(out.out) == "first") {
			t.Fatalf("take(%d) = %q, %v", i, out.out, ok)
		}
		if i == 1 {
			select {
			case ok := <-waited:
				if !ok {
					t.Fatal("waitSpace false")
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the feeder still waits after results were taken")
			}
		}
	}
	if _, ok := s.take(11); ok {
		t.Fatal("a result past the total")
	}
	cctx, cancel := context.WithCancel(ctx)
	for i := 20; i < 40; i++ {
		s.put(i, checkOutput{out: line})
	}
	cancel()
	if s.waitSpace(cctx) {
		t.Fatal("waitSpace true after the context ended")
	}
}

// spfAnswers is a DNS handler that answers every TXT question with the one
// record spf, and every other question with no records, each after
// delay(qname).
func spfAnswers(spf string, delay func(name string) time.Duration) dns.Handler {
	return dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		q := req.Question[0]
		time.Sleep(delay(q.Name))
		m := new(dns.Msg)
		m.SetReply(req)
		m.Authoritative = true
		if q.Qtype == dns.TypeTXT {
			m.Answer = []dns.RR{&dns.TXT{Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 60},
				Txt: []string{spf}}}
		}
		dnstest.WriteMsg(w, req, m)
	})
}
