package spfcheck_test

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
)

// Lookup accounting of many shop domains that share a few large provider
// includes, the way an agency's `spfpatch check --domains-file` runs: one
// resolver and one Checker per run, 8 domains at a time, against an
// in-process DNS server on 127.0.0.1 that counts what it is asked. Every
// distinct (name, type) must reach the server exactly once per run.
//
//	go test -run XXX -bench Account1000 -benchmem ./spfcheck/

const benchParallel = 8

// benchProviders are google-, outlook-, sendgrid- and mailchimp-like include
// chains, with what each include costs.
var benchProviders = []struct {
	include string
	cost    int
}{
	{"_spf.google.bench.test", 4}, // includes three netblocks records
	{"spf.outlook.bench.test", 2}, // includes spfd.outlook
	{"sendgrid.bench.test", 1},
	{"mailchimp.bench.test", 1},
}

var benchProviderTXT = map[string]string{
	"_spf.google.bench.test":        "v=spf1 include:_netblocks.google.bench.test include:_netblocks2.google.bench.test include:_netblocks3.google.bench.test ~all",
	"_netblocks.google.bench.test":  "v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ip4:66.249.80.0/20 ip4:72.14.192.0/18 ip4:74.125.0.0/16 ~all",
	"_netblocks2.google.bench.test": "v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ip6:2607:f8b0:4000::/36 ~all",
	"_netblocks3.google.bench.test": "v=spf1 ip4:172.217.0.0/19 ip4:172.217.32.0/20 ip4:108.177.96.0/19 ~all",
	"spf.outlook.bench.test":        "v=spf1 include:spfd.outlook.bench.test -all",
	"spfd.outlook.bench.test":       "v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/14 ip6:2a01:111:f400::/48 -all",
	"sendgrid.bench.test":           "v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ip4:50.31.32.0/19 ip4:149.72.0.0/16 ~all",
	"mailchimp.bench.test":          "v=spf1 ip4:205.201.128.0/20 ip4:198.2.128.0/18 ip4:148.105.8.0/21 -all",
}

// benchShop is one synthetic shop and what its accounting must give.
type benchShop struct {
	domain         string
	status         string
	lookups        int
	voids          int // the worse of the two below
	voids4, voids6 int
}

type benchKey struct {
	name  string // lower case, fully qualified
	qtype uint16
}

// benchData is the zone the server answers from.
type benchData struct {
	rrs   map[benchKey][]dns.RR
	names map[string]bool // names that exist (NODATA rather than NXDOMAIN)
	soa   dns.RR
}

func (d *benchData) add(rr dns.RR) {
	h := rr.Header()
	h.Name = strings.ToLower(dns.Fqdn(h.Name))
	h.Class, h.Ttl = dns.ClassINET, 3600
	k := benchKey{h.Name, h.Rrtype}
	d.rrs[k] = append(d.rrs[k], rr)
	d.names[h.Name] = true
}

func benchTXT(name string, txt ...string) dns.RR {
	var parts []string
	for _, s := range txt {
		// split like a provider writes long records: 255-byte strings
		for len(s) > 255 {
			parts, s = append(parts, s[:255]), s[255:]
		}
		parts = append(parts, s)
	}
	return &dns.TXT{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT}, Txt: parts}
}

// genBenchShops makes n shops under bench.test. Shops mix the providers;
// some have a and mx, some a void a: term, some no SPF record (with other TXT
// strings, or with no TXT at all), some two SPF records.
func genBenchShops(n int) (*benchData, []benchShop) {
	d := &benchData{rrs: map[benchKey][]dns.RR{}, names: map[string]bool{}}
	soa, err := dns.NewRR("bench.test. 3600 IN SOA ns1.bench.test. hostmaster.bench.test. 1 3600 600 604800 300")
	if err != nil {
		panic(err)
	}
	d.soa = soa
	for name, txt := range benchProviderTXT {
		d.add(benchTXT(name, txt))
	}
	shops := make([]benchShop, 0, n)
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("shop%04d.bench.test", i)
		s := benchShop{domain: name, status: "ok"}
		d.add(&dns.A{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeA}, A: net.IPv4(198, 51, byte(100+i/250), byte(i%250+1))})
		switch i % 20 {
		case 0: // verification strings only
			s.status = "none"
			d.add(benchTXT(name, fmt.Sprintf("google-site-verification=bench%06d", i)))
			d.add(benchTXT(name, "MS=ms"+fmt.Sprint(10000000+i)))
		case 10: // no TXT at all (NODATA)
			s.status = "none"
		case 5, 15: // two SPF records: permerror before any lookup
			s.status = "permerror"
			d.add(benchTXT(name, "v=spf1 include:_spf.google.bench.test ~all"))
			d.add(benchTXT(name, "v=spf1 include:sendgrid.bench.test ~all"))
		default:
			terms := []string{"v=spf1", fmt.Sprintf("ip4:192.0.2.%d", i%256)}
			if i%3 == 0 {
				// The shop has an A record and no AAAA: a void lookup
				// for IPv6 senders.
				terms = append(terms, "a")
				s.lookups++
				s.voids6++
			}
			if i%4 == 1 {
				terms = append(terms, "mx")
				s.lookups++
				mail := "mail." + name
				d.add(&dns.MX{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeMX}, Preference: 10, Mx: dns.Fqdn(mail)})
				d.add(&dns.A{Hdr: dns.RR_Header{Name: mail, Rrtype: dns.TypeA}, A: net.IPv4(198, 51, 100, 25)})
				if i%8 == 1 {
					d.add(&dns.AAAA{Hdr: dns.RR_Header{Name: mail, Rrtype: dns.TypeAAAA}, AAAA: net.ParseIP("2001:db8::25")})
				} else {
					// A mail host without AAAA: a void lookup for IPv6
					// senders.
					s.voids6++
				}
			}
			if i%25 == 7 { // a host that was deleted: a void lookup
				terms = append(terms, "a:old-mail."+name)
				s.lookups++
				s.voids4++
				s.voids6++
			}
			s.voids = max(s.voids4, s.voids6)
			mix := (i / 2) % 15 // every non-empty subset of the four providers
			for p, prov := range benchProviders {
				if (mix+1)&(1<<p) != 0 {
					terms = append(terms, "include:"+prov.include)
					s.lookups += prov.cost
				}
			}
			terms = append(terms, "~all")
			if s.lookups > spfcheck.MaxLookups || s.voids > spfcheck.MaxVoidLookups {
				s.status = "permerror"
			}
			d.add(benchTXT(name, strings.Join(terms, " ")))
			d.add(benchTXT(name, fmt.Sprintf("facebook-domain-verification=bench%06d", i)))
		}
		shops = append(shops, s)
	}
	return d, shops
}

// benchServer serves benchData on 127.0.0.1 (UDP and TCP) and counts the
// queries received per (name, type).
type benchServer struct {
	addr string
	data *benchData

	mu     sync.Mutex
	counts map[benchKey]int
	total  int
}

func startBenchServer(tb testing.TB, d *benchData) *benchServer {
	tb.Helper()
	s := &benchServer{data: d, counts: map[benchKey]int{}}
	handler := dns.HandlerFunc(func(w dns.ResponseWriter, req *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(req)
		if len(req.Question) != 1 {
			m.Rcode = dns.RcodeFormatError
			_ = w.WriteMsg(m)
			return
		}
		q := req.Question[0]
		k := benchKey{strings.ToLower(q.Name), q.Qtype}
		s.mu.Lock()
		s.counts[k]++
		s.total++
		s.mu.Unlock()
		m.Authoritative = true
		m.Answer = d.rrs[k]
		if len(m.Answer) == 0 {
			if !d.names[k.name] {
				m.Rcode = dns.RcodeNameError
			}
			m.Ns = []dns.RR{d.soa}
		}
		dnstest.WriteMsg(w, req, m)
	})
	s.addr = dnstest.ServeDNS(tb, handler)
	return s
}

// reset clears the counts and returns the previous ones.
func (s *benchServer) reset() (map[benchKey]int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, t := s.counts, s.total
	s.counts, s.total = map[benchKey]int{}, 0
	return c, t
}

// runStats is what one run cost.
type runStats struct {
	resolver.Stats
	serverTotal  int
	serverUnique int
	spfLookups   int // the RFC 7208 lookups counted over all shops
}

// accountAll accounts every shop with one resolver and one Checker, 8 at a
// time, and returns the reports in shop order.
func accountAll(tb testing.TB, addr string, shops []benchShop) ([]*spfcheck.Report, resolver.Stats) {
	res, err := resolver.New(resolver.Config{Nameservers: []string{addr}, Timeout: 2 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	ck := &spfcheck.Checker{Resolver: res}
	ctx := context.Background()
	reps := make([]*spfcheck.Report, len(shops))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < benchParallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				reps[i] = ck.Account(ctx, shops[i].domain, nil)
			}
		}()
	}
	for i := range shops {
		next <- i
	}
	close(next)
	wg.Wait()
	return reps, res.Stats()
}

// checkRun verifies the reports against what the generator expects, and
// that every distinct (name, type) reached the server exactly once.
func checkRun(shops []benchShop, reps []*spfcheck.Report, st resolver.Stats, counts map[benchKey]int, total int) (runStats, error) {
	lookups := 0
	for i, s := range shops {
		r := reps[i]
		lookups += r.Lookups
		if r.Status != s.status || r.Lookups != s.lookups || r.VoidLookups != s.voids || r.VoidLookups4 != s.voids4 || r.VoidLookups6 != s.voids6 {
			return runStats{}, fmt.Errorf("%s: status %s, %d lookups, %d void (%d IPv4, %d IPv6); want %s, %d, %d (%d, %d) (errors %q)",
				s.domain, r.Status, r.Lookups, r.VoidLookups, r.VoidLookups4, r.VoidLookups6, s.status, s.lookups, s.voids, s.voids4, s.voids6, r.Errors)
		}
	}
	var dup []string
	for k, n := range counts {
		if n != 1 {
			dup = append(dup, fmt.Sprintf("%s %s x%d", k.name, dns.TypeToString[k.qtype], n))
		}
	}
	if len(dup) > 0 {
		return runStats{}, fmt.Errorf("%d (name, type) pairs asked more than once in one run: %.10q", len(dup), dup)
	}
	out := runStats{Stats: st, serverTotal: total, serverUnique: len(counts), spfLookups: lookups}
	if st.Sent != int64(total) || st.Unique != int64(len(counts)) || st.Offline != 0 {
		return out, fmt.Errorf("resolver sent %d for %d unique questions; the server got %d for %d distinct ones",
			st.Sent, st.Unique, total, len(counts))
	}
	return out, nil
}

func TestAccountSharedCacheAgainstServer(t *testing.T) {
	data, shops := genBenchShops(200)
	srv := startBenchServer(t, data)
	for run := 0; run < 2; run++ {
		reps, st := accountAll(t, srv.addr, shops)
		counts, total := srv.reset()
		rs, err := checkRun(shops, reps, st, counts, total)
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		// Every shop's TXT, the 8 provider records, and the A/AAAA/MX
		// questions of the a, mx and void terms: far fewer than one query
		// per lookup counted.
		if rs.Unique < 200+8 || rs.Unique > 200*4+8 {
			t.Fatalf("run %d: %d unique questions", run, rs.Unique)
		}
		t.Logf("run %d: %d queries sent, %d unique (name, type), %d cache hits, server got %d; %d SPF lookups counted",
			run, rs.Sent, rs.Unique, rs.CacheHits, rs.serverTotal, rs.spfLookups)
	}
}

func BenchmarkAccount1000Domains(b *testing.B) {
	data, shops := genBenchShops(1000)
	srv := startBenchServer(b, data)
	var sent, unique, served, counted int64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		reps, st := accountAll(b, srv.addr, shops)
		b.StopTimer()
		counts, total := srv.reset()
		rs, err := checkRun(shops, reps, st, counts, total)
		if err != nil {
			b.Fatalf("run %d: %v", i, err)
		}
		sent += rs.Sent
		unique += rs.Unique
		served += int64(rs.serverTotal)
		counted += int64(rs.spfLookups)
		b.StartTimer()
	}
	b.ReportMetric(float64(sent)/float64(b.N), "sent/op")
	b.ReportMetric(float64(unique)/float64(b.N), "unique/op")
	b.ReportMetric(float64(sent)/float64(unique), "sent/unique")
	b.ReportMetric(float64(served)/float64(b.N), "server-queries/op")
	b.ReportMetric(float64(counted)/float64(b.N), "spf-lookups/op")
}
