// Command gen writes the synthetic DNS data of spfpatch's scale benchmark:
// N shop zones (shop00001.bench.example. ...), shared provider zones with
// google-, outlook-, sendgrid- and mailchimp-like include chains, a rental
// host's shared SPF record, e-shopsmail2.com's own record, a domains file and
// NSD and Knot configurations serving all of it on one address and port.
//
//	go run ./bench/gen -n 10000 -out bench/out/data-10000 -port 53535
//
// The output depends only on -n and -seed. Every name a lookup can reach is
// in a served zone, so an authoritative server answers everything (NXDOMAIN
// for the deliberately missing names), never REFUSED.
//
// Files written under -out:
//
//	zones/NAME.zone   one RFC 1035 zone file per zone
//	nsd.conf          NSD configuration (foreground: nsd -d -c nsd.conf)
//	knot.conf         Knot configuration (knotd -c knot.conf)
//	domains.txt       one target a line, for spfpatch --domains-file
//	manifest.json     the mix: shops per kind, and the plan outcome expected
//	run/              runtime directory for the servers (pid files, state)
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The shared provider records. Costs (RFC 7208 §4.6.4 lookups of the include
// term itself plus everything below it): google 4, outlook 2, sendgrid 1,
// mailchimp 1, zoho 1, the rental host's _spf record (a redirect target) 1.
const (
	incGoogle    = "_spf.google.bench.example"
	incOutlook   = "spf.outlook.bench.example"
	incSendgrid  = "sendgrid.bench.example"
	incMailchimp = "servers.mailchimp.bench.example"
	incZoho      = "zoho.bench.example"
	hostSPF      = "_spf.rental-host.bench.example"
	platform     = "e-shopsmail2.com"
)

// zone is one zone file's content.
type zone struct {
	name  string // fully qualified, lower case
	lines []string
}

func newZone(name string) *zone {
	z := &zone{name: name}
	z.add("$ORIGIN " + name)
	z.add("$TTL 3600")
	z.add("@ IN SOA ns1.bench.example. hostmaster.bench.example. ( 2026010101 3600 600 604800 300 )")
	z.add("@ IN NS ns1.bench.example.")
	z.add("@ IN NS ns2.bench.example.")
	return z
}

func (z *zone) add(line string) { z.lines = append(z.lines, line) }

// txt adds a TXT record at owner whose character-strings are parts.
func (z *zone) txt(owner string, parts ...string) {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = `"` + p + `"`
	}
	z.add(owner + " IN TXT " + strings.Join(q, " "))
}

func providerZones() []*zone {
	var zs []*zone

	g := newZone("google.bench.example.")
	g.txt("_spf", "v=spf1 include:_netblocks.google.bench.example include:_netblocks2.google.bench.example include:_netblocks3.google.bench.example ~all")
	g.txt("_netblocks", "v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ip4:66.249.80.0/20 ip4:72.14.192.0/18 ip4:74.125.0.0/16 ip4:108.177.8.0/21 ip4:173.194.0.0/16 ip4:209.85.128.0/17 ip4:216.58.192.0/19 ip4:216.239.32.0/19 ~all")
	g.txt("_netblocks2", "v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ip6:2607:f8b0:4000::/36 ip6:2800:3f0:4000::/36 ip6:2a00:1450:4000::/36 ip6:2c0f:fb50:4000::/36 ~all")
	g.txt("_netblocks3", "v=spf1 ip4:172.217.0.0/19 ip4:172.217.32.0/20 ip4:172.217.128.0/19 ip4:172.217.160.0/20 ip4:172.217.192.0/19 ip4:172.253.56.0/21 ip4:172.253.112.0/20 ip4:108.177.96.0/19 ip4:35.191.0.0/16 ip4:130.211.0.0/22 ~all")
	zs = append(zs, g)

	o := newZone("outlook.bench.example.")
	o.txt("spf", "v=spf1 include:spfd.outlook.bench.example -all")
	o.txt("spfd", "v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/14 ip4:104.47.0.0/17 ip6:2a01:111:f400::/48 ip6:2a01:111:f403::/49 ip6:2a01:111:f403:8000::/51 ip6:2a01:111:f403:c000::/51 ip6:2a01:111:f403:f000::/52 -all")
	zs = append(zs, o)

	s := newZone("sendgrid.bench.example.")
	s.txt("@", "v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ip4:50.31.32.0/19 ip4:198.37.144.0/20 ip4:198.21.0.0/21 ip4:192.254.112.0/20 ip4:168.245.0.0/17 ip4:149.72.0.0/16 ip4:159.183.0.0/16 ~all")
	s.txt("@", "google-site-verification=sendgrid-bench-0000000000000000000000000")
	zs = append(zs, s)

	m := newZone("mailchimp.bench.example.")
	m.txt("servers", "v=spf1 ip4:205.201.128.0/20 ip4:198.2.128.0/18 ip4:148.105.8.0/21 -all")
	zs = append(zs, m)

	zo := newZone("zoho.bench.example.")
	zo.txt("@", "v=spf1 ip4:136.143.188.0/24 ip4:165.173.128.0/24 ip4:135.84.80.0/22 -all")
	zs = append(zs, zo)

	h := newZone("rental-host.bench.example.")
	h.txt("_spf", "v=spf1 ip4:203.0.113.128/25 include:_spf2.rental-host.bench.example ~all")
	h.txt("_spf2", "v=spf1 ip4:198.51.100.128/25 ~all")
	zs = append(zs, h)

	p := newZone(platform + ".")
	p.txt("@", "v=spf1 ip4:203.0.113.0/24 ip6:2001:db8:e5::/48 -all")
	p.add("ns1 IN A 203.0.113.53")
	zs = append(zs, p)

	// The nameservers' own names, so that nothing under bench.example. is
	// refused by the server.
	b := newZone("bench.example.")
	b.add("ns1 IN A 127.0.0.1")
	b.add("ns2 IN A 127.0.0.1")
	zs = append(zs, b)
	return zs
}

// kind is one kind of shop in the mix.
type kind struct {
	name    string
	weight  int    // per mille
	outcome string // what `spfpatch plan` (no --create) must report
}

var kinds = []kind{
	{"no-spf", 120, "failed"},          // verification strings only, or no TXT at all
	{"patched", 150, "unchanged"},      // include:e-shopsmail2.com already present
	{"simple", 200, "update"},          // a, mx, one or two provider includes
	{"ip-only", 100, "update"},         // ip4/ip6 ranges only: no lookup at all
	{"nine", 100, "update"},            // 9 lookups: the include makes 10
	{"ten", 60, "failed"},              // 10 lookups: the include would make 11
	{"over", 30, "failed"},             // 11 lookups already
	{"two-spf", 30, "failed"},          // two SPF records
	{"redirect-shared", 50, "update"},  // v=spf1 redirect=<rental host>
	{"redirect-own", 50, "update"},     // v=spf1 redirect=_spf.<shop>
	{"long", 60, "update"},             // over 255 bytes, several strings
	{"own-include-void", 50, "update"}, // include:_spf.<shop> and a void a:old.<shop>
}

// shop is one generated shop zone and its target line.
type shop struct {
	zone   *zone
	kind   string
	target string
}

// token is a verification-token-like random string.
func token(r *rand.Rand, n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

func pickKind(r *rand.Rand) string {
	x := r.IntN(1000)
	for _, k := range kinds {
		if x < k.weight {
			return k.name
		}
		x -= k.weight
	}
	return kinds[len(kinds)-1].name
}

// splitAt cuts s into character-strings of at most n bytes: the way many
// DNS hosts store a long value, cutting wherever the 255th byte falls.
func splitAt(s string, n int) []string {
	var out []string
	for len(s) > n {
		out, s = append(out, s[:n]), s[n:]
	}
	return append(out, s)
}

// splitTerms cuts s between terms into strings of at most n bytes, each
// string but the first starting with the space that separates the terms.
func splitTerms(s string, n int) []string {
	var out []string
	for len(s) > n {
		cut := strings.LastIndexByte(s[:n], ' ')
		if cut <= 0 {
			cut = n
		}
		out, s = append(out, s[:cut]), s[cut:]
	}
	return append(out, s)
}

func genShop(r *rand.Rand, i int) shop {
	host := fmt.Sprintf("shop%05d.bench.example", i)
	z := newZone(host + ".")
	k := pickKind(r)
	s := shop{zone: z, kind: k, target: host}

	// Addresses: a website and a mail host for every shop (a and mx terms
	// find them), an IPv6 address for some.
	z.add(fmt.Sprintf("@ IN A 198.51.%d.%d", 100+i/250%100, i%250+1))
	if r.IntN(4) == 0 {
		z.add(fmt.Sprintf("@ IN AAAA 2001:db8:%x::1", i))
	}
	z.add("@ IN MX 10 mail")
	if r.IntN(3) == 0 {
		z.add("@ IN MX 20 mail2")
		z.add(fmt.Sprintf("mail2 IN A 192.0.2.%d", i%250+2))
	}
	z.add(fmt.Sprintf("mail IN A 192.0.2.%d", i%250+1))
	z.add("www IN CNAME @")

	// Other TXT strings at the apex: verification tokens.
	if r.IntN(2) == 0 {
		z.txt("@", "google-site-verification="+token(r, 43))
	}
	if r.IntN(5) == 0 {
		z.txt("@", fmt.Sprintf("MS=ms%08d", r.IntN(100000000)))
	}
	if r.IntN(10) == 0 {
		z.txt("@", "facebook-domain-verification="+strings.ToLower(token(r, 30)))
	}

	ip := fmt.Sprintf("ip4:192.0.2.%d", i%250+1)
	all := []string{"~all", "-all", "~all", "?all"}[r.IntN(4)]
	rec := func(terms ...string) string { return "v=spf1 " + strings.Join(terms, " ") }
	switch k {
	case "no-spf":
		// Nothing more: verification strings only, or no TXT at all.
	case "patched":
		switch r.IntN(4) {
		case 0:
			z.txt("@", rec("mx", "include:"+platform, all))
		case 1:
			z.txt("@", rec("a", "mx", "include:"+incGoogle, "include:"+platform, "~all"))
		case 2:
			z.txt("@", rec(ip, "include:"+incSendgrid, "include:"+platform, "-all"))
		default:
			z.txt("@", rec("include:"+incOutlook, "include:E-SHOPSMAIL2.COM", "~all"))
		}
	case "simple":
		switch r.IntN(6) {
		case 0:
			z.txt("@", rec("a", "mx", all))
		case 1:
			z.txt("@", rec("mx", ip, all))
		case 2:
			z.txt("@", rec("include:"+incGoogle, "~all"))
		case 3:
			z.txt("@", rec("a", "mx", "include:"+incSendgrid, "-all"))
		case 4:
			z.txt("@", rec("include:"+incOutlook, "-all"))
		default:
			z.txt("@", rec("mx", "include:"+incMailchimp, "include:"+incGoogle, "~all"))
		}
	case "ip-only":
		z.txt("@", rec(ip, fmt.Sprintf("ip6:2001:db8:%x::/48", i), all))
	case "nine":
		z.txt("@", rec("mx", "include:"+incGoogle, "include:"+incOutlook, "include:"+incSendgrid, "include:"+incMailchimp, "~all"))
	case "ten":
		z.txt("@", rec("a", "mx", "include:"+incGoogle, "include:"+incOutlook, "include:"+incSendgrid, "include:"+incMailchimp, "~all"))
	case "over":
		z.txt("@", rec("a", "mx", "include:"+incGoogle, "include:"+incOutlook, "include:"+incSendgrid, "include:"+incMailchimp, "include:"+incZoho, "~all"))
	case "two-spf":
		z.txt("@", rec("include:"+incGoogle, "~all"))
		z.txt("@", rec("mx", "include:"+incSendgrid, "~all"))
	case "redirect-shared":
		z.txt("@", rec("redirect="+hostSPF))
	case "redirect-own":
		z.txt("@", rec("redirect=_spf."+host))
		z.txt("_spf", rec(ip, "include:"+incSendgrid, "~all"))
	case "long":
		terms := []string{"mx"}
		for j := 0; j < 16+r.IntN(8); j++ {
			terms = append(terms, fmt.Sprintf("ip4:203.0.%d.%d/32", i%200, j*8+1))
		}
		terms = append(terms, "include:"+incSendgrid, all)
		v := rec(terms...)
		if r.IntN(2) == 0 {
			z.txt("@", splitAt(v, 255)...)
		} else {
			z.txt("@", splitTerms(v, 200)...)
		}
	case "own-include-void":
		z.txt("@", rec("mx", "include:_spf."+host, "a:old."+host, all))
		z.txt("_spf", rec(ip, "ip4:198.51.100.0/28", "~all"))
	}

	// Targets as agencies write them: some as the shop's sender address,
	// some with upper case or a trailing dot.
	switch x := r.IntN(100); {
	case x < 5:
		s.target = "info@" + host
	case x < 6:
		s.target = strings.ToUpper(host)
	case x < 7:
		s.target = host + "."
	}
	return s
}

type manifest struct {
	N        int            `json:"n"`
	Seed     uint64         `json:"seed"`
	Zones    int            `json:"zones"`
	Kinds    map[string]int `json:"kinds"`
	Expected map[string]int `json:"expected"` // plan summary: update, unchanged, failed, create
	Port     int            `json:"port"`
}

func main() {
	n := flag.Int("n", 1000, "number of shop zones")
	out := flag.String("out", "", "output `DIR` (created)")
	seed := flag.Uint64("seed", 1, "random seed: the same -n and -seed give the same files")
	port := flag.Int("port", 53535, "port the server configurations listen on (127.0.0.1)")
	addr := flag.String("addr", "127.0.0.1", "address the server configurations listen on")
	flag.Parse()
	if *out == "" || *n <= 0 || *n > 99999 {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/gen -n N (1..99999) -out DIR [-seed S] [-port P]")
		os.Exit(2)
	}
	if err := run(*n, *out, *seed, *addr, *port); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(n int, out string, seed uint64, addr string, port int) error {
	dir, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	zdir := filepath.Join(dir, "zones")
	rdir := filepath.Join(dir, "run")
	if err := os.RemoveAll(zdir); err != nil {
		return err
	}
	for _, d := range []string{zdir, rdir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	r := rand.New(rand.NewPCG(seed, 0x5f9a7c4))
	zones := providerZones()
	m := manifest{N: n, Seed: seed, Kinds: map[string]int{}, Expected: map[string]int{}, Port: port}
	outcome := map[string]string{}
	for _, k := range kinds {
		outcome[k.name] = k.outcome
	}
	var targets []string
	for i := 1; i <= n; i++ {
		s := genShop(r, i)
		zones = append(zones, s.zone)
		targets = append(targets, s.target)
		m.Kinds[s.kind]++
		m.Expected[outcome[s.kind]]++
	}
	m.Zones = len(zones)

	for _, z := range zones {
		path := filepath.Join(zdir, strings.TrimSuffix(z.name, ".")+".zone")
		if err := os.WriteFile(path, []byte(strings.Join(z.lines, "\n")+"\n"), 0o644); err != nil {
			return err
		}
	}
	var dom strings.Builder
	fmt.Fprintf(&dom, "# spfpatch scale benchmark: %d shops, seed %d (go run ./bench/gen)\n", n, seed)
	for _, t := range targets {
		dom.WriteString(t + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "domains.txt"), []byte(dom.String()), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "nsd.conf"), []byte(nsdConf(dir, addr, port, zones)), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "knot.conf"), []byte(knotConf(dir, addr, port, zones)), 0o644); err != nil {
		return err
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	names := make([]string, 0, len(m.Kinds))
	for k := range m.Kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	var mix []string
	for _, k := range names {
		mix = append(mix, fmt.Sprintf("%s %d", k, m.Kinds[k]))
	}
	fmt.Printf("gen: %d zones (%d shops) in %s; mix: %s\n", len(zones), n, dir, strings.Join(mix, ", "))
	return nil
}

// nsdConf runs NSD in the foreground without privilege drop, chroot,
// database or remote control; zone files are read at start.
func nsdConf(dir, addr string, port int, zones []*zone) string {
	rdir := filepath.Join(dir, "run")
	var b strings.Builder
	fmt.Fprintf(&b, `# NSD configuration of the spfpatch scale benchmark (bench/gen).
# Start: nsd -d -c %s
server:
	ip-address: %s
	port: %d
	do-ip4: yes
	do-ip6: no
	username: ""
	chroot: ""
	zonesdir: %q
	pidfile: %q
	database: ""
	xfrdfile: %q
	xfrdir: %q
	zonelistfile: %q
	logfile: %q
	verbosity: 0
	server-count: 1
	hide-version: yes
	zonefiles-check: no
	zonefiles-write: 0
remote-control:
	control-enable: no
`, filepath.Join(dir, "nsd.conf"), addr, port, filepath.Join(dir, "zones"), filepath.Join(rdir, "nsd.pid"),
		filepath.Join(rdir, "xfrd.state"), rdir, filepath.Join(rdir, "zone.list"), filepath.Join(rdir, "nsd.log"))
	for _, z := range zones {
		n := strings.TrimSuffix(z.name, ".")
		fmt.Fprintf(&b, "zone:\n\tname: %q\n\tzonefile: %q\n", n, n+".zone")
	}
	return b.String()
}

// knotConf runs knotd with the same zones, read-only (no journal, no
// zone file writes).
func knotConf(dir, addr string, port int, zones []*zone) string {
	rdir := filepath.Join(dir, "run")
	var b strings.Builder
	fmt.Fprintf(&b, `# Knot DNS configuration of the spfpatch scale benchmark (bench/gen).
# Start: knotd -c %s
server:
    rundir: %q
    listen: %s@%d
    udp-workers: 1
    tcp-workers: 1
    background-workers: 1
database:
    storage: %q
log:
  - target: stderr
    any: warning
template:
  - id: default
    storage: %q
    file: "%%s.zone"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
    semantic-checks: off
zone:
`, filepath.Join(dir, "knot.conf"), rdir, addr, port, filepath.Join(rdir, "knotdb"), filepath.Join(dir, "zones"))
	for _, z := range zones {
		fmt.Fprintf(&b, "  - domain: %s\n", z.name)
	}
	return b.String()
}
