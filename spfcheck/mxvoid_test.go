package spfcheck_test

import (
	"context"
	"net/netip"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// mxVoidZone: m4.example has three MX hosts with AAAA records only,
// m2.example two.
var mxVoidZone = map[string][]string{
	"shop4.example. TXT":  {`"v=spf1 mx:m4.example -all"`},
	"shop2.example. TXT":  {`"v=spf1 mx:m2.example -all"`},
	"m4.example. MX":      {"10 h1.m4.example.", "20 h2.m4.example.", "30 h3.m4.example."},
	"m2.example. MX":      {"10 h1.m2.example.", "20 h2.m2.example."},
	"h1.m4.example. AAAA": {"2001:db8::1"}, "h2.m4.example. AAAA": {"2001:db8::2"}, "h3.m4.example. AAAA": {"2001:db8::3"},
	"h1.m2.example. AAAA": {"2001:db8::21"}, "h2.m2.example. AAAA": {"2001:db8::22"},
}

func serveMXVoid(t *testing.T) string {
	return dnstest.ServeDNS(t, dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		q := req.Question[0]
		m := new(dns.Msg)
		m.SetReply(req)
		m.Authoritative = true
		name := strings.ToLower(q.Name)
		exists := false
		for k, vs := range mxVoidZone {
			owner, typ, _ := strings.Cut(k, " ")
			if owner != name {
				continue
			}
			exists = true
			if dns.StringToType[typ] != q.Qtype {
				continue
			}
			for _, v := range vs {
				rr, err := dns.NewRR(owner + " 300 IN " + typ + " " + v)
				if err != nil {
					panic(err)
				}
				m.Answer = append(m.Answer, rr)
			}
		}
		if !exists {
			m.Rcode = dns.RcodeNameError
		}
		if len(m.Answer) == 0 {
			soa, _ := dns.NewRR("example. 300 IN SOA ns.example. hm.example. 1 3600 600 86400 300")
			m.Ns = []dns.RR{soa}
		}
		dnstest.WriteMsg(w, req, m)
	}))
}

// Issue 13 review item 6: each MX host whose address lookup for the
// sender's family finds nothing is a void lookup, as pyspf counts them: an
// mx term of three hosts with only AAAA records is over the void limit for
// IPv4 senders (permerror), and fine for IPv6 senders. The static count
// says the same per family, and pyspf (when installed) agrees on every
// check_host() result.
func TestMXHostsVoidPerFamily(t *testing.T) {
	addr := serveMXVoid(t)
	res, err := resolver.New(resolver.Config{Nameservers: []string{addr}, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	c := &spfcheck.Checker{Resolver: res}
	ctx := context.Background()

	rep := c.Account(ctx, "shop4.example", nil)
	if rep.Status != "permerror" || rep.VoidLookups4 != 3 || rep.VoidLookups6 != 0 || rep.LimitOK {
		t.Errorf("shop4: status %s, void %d/%d, limit_ok %v; want permerror, 3/0, false (%q)", rep.Status, rep.VoidLookups4, rep.VoidLookups6, rep.LimitOK, rep.Errors)
	}
	if k := rep.Tree.Children[0]; k.NoteCode != spfcheck.NoteMXNoA || k.VoidLookups4 != 3 || !k.Void {
		t.Errorf("the mx term: note %q (%s), void %d", k.NoteCode, k.Note, k.VoidLookups4)
	}
	if r := c.Account(ctx, "shop2.example", nil); r.Status != "ok" || r.VoidLookups4 != 2 || r.VoidLookups6 != 0 {
		t.Errorf("shop2: status %s, void %d/%d; want ok, 2/0", r.Status, r.VoidLookups4, r.VoidLookups6)
	}
	cases := []struct {
		ip, domain string
		want       spfcheck.Result
	}{
		{"192.0.2.9", "shop4.example", spfcheck.PermError},
		{"2001:db8::2", "shop4.example", spfcheck.Pass},
		{"2001:db8::99", "shop4.example", spfcheck.Fail},
		{"192.0.2.9", "shop2.example", spfcheck.Fail},
		{"2001:db8::22", "shop2.example", spfcheck.Pass},
	}
	for _, tc := range cases {
		if got := c.CheckHost(ctx, netip.MustParseAddr(tc.ip), tc.domain, "", tc.domain); got.Result != tc.want {
			t.Errorf("check_host(%s, %s) = %s (%v), want %s", tc.ip, tc.domain, got.Result, got.Err, tc.want)
		}
	}

	// pyspf, through dnspython pointed at the same server.
	if err := exec.Command("/usr/bin/python3", "-c", "import spf, dns.resolver").Run(); err != nil {
		if os.Getenv("SPFPATCH_REQUIRE_SERVERS") == "1" {
			t.Fatalf("pyspf not installed (apt-get install python3-spf python3-dnspython) and SPFPATCH_REQUIRE_SERVERS=1: %v", err)
		}
		t.Logf("pyspf not installed (apt-get install python3-spf python3-dnspython): not compared")
		return
	}
	host, port, _ := strings.Cut(addr, ":")
	var in strings.Builder
	for _, tc := range cases {
		in.WriteString(tc.ip + " " + tc.domain + "\n")
	}
	cmd := exec.Command("/usr/bin/python3", "-c", `
import sys, warnings, dns.resolver, spf
warnings.simplefilter("ignore", DeprecationWarning)
r = dns.resolver.Resolver(configure=False)
r.nameservers = [sys.argv[1]]; r.port = int(sys.argv[2]); r.cache = None
dns.resolver.default_resolver = r
for line in sys.stdin:
    ip, d = line.split()
    print(spf.check2(i=ip, s="postmaster@" + d, h=d)[0])
`, host, port)
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pyspf: %v", err)
	}
	got := strings.Fields(string(out))
	for i, tc := range cases {
		if i >= len(got) || got[i] != tc.want.String() {
			t.Errorf("pyspf check_host(%s, %s) = %v, spfpatch %s", tc.ip, tc.domain, got, tc.want)
		}
	}
}
