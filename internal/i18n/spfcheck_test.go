package i18n

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/spfcheck"
)

func zone(txt map[string][]string) dnstest.Zone {
	return dnstest.Zone{TXT: txt, A: map[string][]string{}, AAAA: map[string][]string{}, MX: map[string][]string{},
		PTR: map[string][]string{}, Fail: map[string]bool{}, Exists: map[string]bool{}}
}

func mxHosts(n int) []string {
	var h []string
	for i := 0; i < n; i++ {
		h = append(h, fmt.Sprintf("mx%d.shop.example", i))
	}
	return h
}

// accountZones give, together, every note and every error of Account.
func accountZones() []dnstest.Zone {
	var zs []dnstest.Zone
	add := func(txt map[string][]string, f func(z *dnstest.Zone)) {
		z := zone(txt)
		if f != nil {
			f(&z)
		}
		zs = append(zs, z)
	}
	add(map[string][]string{"shop.example": {"v=spf1 -all redirect=x.example a"}}, nil)
	add(map[string][]string{"shop.example": {"v=spf1 ptr exists:%{i}.bl.example a:gone.example mx:gone.example mx ~all"}},
		func(z *dnstest.Zone) { z.MX["shop.example"] = []string{"mx.shop.example"} })
	add(map[string][]string{"shop.example": {"v=spf1 a:foo..example mx:foo..example ~all"}}, nil)
	add(map[string][]string{"shop.example": {"v=spf1 a:down.example mx:down.example include:down.example ~all"}},
		func(z *dnstest.Zone) { z.Fail["down.example"] = true })
	add(map[string][]string{"shop.example": {"v=spf1 mx -all"}}, func(z *dnstest.Zone) { z.MX["shop.example"] = mxHosts(11) })
	add(map[string][]string{"shop.example": {"v=spf1 include:a.example redirect=shop.example"}, "a.example": {"v=spf1 include:shop.example"}}, nil)
	add(map[string][]string{"shop.example": {"v=spf1 include:nospf.example include:bad.example include:two.example -all"},
		"nospf.example": {"hello"}, "bad.example": {"v=spf1 ip4:300.0.0.1 -all"}, "two.example": {"v=spf1 a -all", "v=spf1 mx -all"}}, nil)
	add(map[string][]string{"shop.example": {"v=spf1 " + strings.Repeat("exists:%{i}.bl.example ", 11) + "a:g1.example a:g2.example a:g3.example -all"}}, nil)
	deep := map[string][]string{"shop.example": {"v=spf1 include:i1.example -all"}}
	for i := 1; i <= 12; i++ {
		deep[fmt.Sprintf("i%d.example", i)] = []string{fmt.Sprintf("v=spf1 include:i%d.example -all", i+1)}
	}
	add(deep, nil)
	add(map[string][]string{}, nil)
	// Void for one family only; three void lookups; a record too long to show.
	add(map[string][]string{"shop.example": {"v=spf1 a:v6.example a:v4.example -all"}},
		func(z *dnstest.Zone) {
			z.AAAA["v6.example"] = []string{"2001:db8::1"}
			z.A["v4.example"] = []string{"192.0.2.1"}
		})
	add(map[string][]string{"shop.example": {"v=spf1 a:g1.example a:g2.example a:g3.example -all"}}, nil)
	add(map[string][]string{"shop.example": {"v=spf1" + strings.Repeat(" ip4:192.0.2.1", spfcheck.MaxTreeNodes+5) + " -all"}}, nil)
	// MX hosts without A, without AAAA, without either.
	add(map[string][]string{"shop.example": {"v=spf1 mx:m1.example mx:m2.example mx:m3.example -all"}}, func(z *dnstest.Zone) {
		z.MX["m1.example"] = []string{"h1.example"}
		z.MX["m2.example"] = []string{"h2.example"}
		z.MX["m3.example"] = []string{"h3.example"}
		z.A["h2.example"] = []string{"192.0.2.2"}
		z.AAAA["h3.example"] = []string{"2001:db8::3"}
	})
	// MX hosts with both families (not void).
	add(map[string][]string{"shop.example": {"v=spf1 mx -all"}}, func(z *dnstest.Zone) {
		z.MX["shop.example"] = []string{"mx.shop.example"}
		z.A["mx.shop.example"] = []string{"192.0.2.25"}
		z.AAAA["mx.shop.example"] = []string{"2001:db8::25"}
	})
	// An include shown twice; an include whose cached subtree does not fit
	// in the tree (warm.example is accounted first, so big.example is cached).
	add(map[string][]string{"shop.example": {"v=spf1 include:a.example include:a.example -all"}, "a.example": {"v=spf1 ip4:192.0.2.1 -all"}}, nil)
	add(map[string][]string{"warm.example": {"v=spf1 include:big.example -all"},
		"big.example":  {"v=spf1" + strings.Repeat(" ip4:192.0.2.1", 600) + " -all"},
		"shop.example": {"v=spf1" + strings.Repeat(" ip4:192.0.2.2", 500) + " include:big.example -all"}}, nil)
	many := map[string][]string{"shop.example": {"v=spf1" + strings.Repeat(" include:nospf.example", 1) + " -all"}}
	var incs []string
	for i := range spfcheck.MaxTreeProblems + 5 {
		incs = append(incs, fmt.Sprintf("include:n%d.example", i))
	}
	many["shop.example"] = []string{"v=spf1 " + strings.Join(incs, " ") + " -all"}
	add(many, nil)
	return zs
}

// scopedCases give the notes and errors of a domain whose budget or time
// ran out: a context whose work used the budget up, one past its
// deadline, one cancelled.
func scopedCases(t *testing.T) []func(c *spfcheck.Checker) context.Context {
	return []func(c *spfcheck.Checker) context.Context{
		func(c *spfcheck.Checker) context.Context {
			ctx, cancel := c.WithDomain(context.Background())
			t.Cleanup(cancel)
			for range spfcheck.MaxQueries {
				_ = c.CheckHost(ctx, netip.MustParseAddr("192.0.2.1"), "x.example", "", "x.example")
			}
			return ctx
		},
		func(c *spfcheck.Checker) context.Context {
			ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
			t.Cleanup(cancel)
			return ctx
		},
		func(c *spfcheck.Checker) context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		},
	}
}

// Every note and error of a lookup tree and of a report renders in both
// languages: English exactly as spfcheck wrote it, Japanese with the names.
func TestSpfcheckNodeAndProblemMessages(t *testing.T) {
	notes, codes := map[string]bool{}, map[string]bool{}
	type run struct {
		z   dnstest.Zone
		ctx func(c *spfcheck.Checker) context.Context
	}
	var runs []run
	for _, z := range accountZones() {
		runs = append(runs, run{z, func(*spfcheck.Checker) context.Context { return context.Background() }})
	}
	for _, f := range scopedCases(t) {
		runs = append(runs, run{zone(map[string][]string{"shop.example": {"v=spf1 include:a.example -all"}}), f})
	}
	for _, r := range runs {
		c := &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(r.z)}
		if _, ok := r.z.TXT["warm.example"]; ok {
			c.Account(context.Background(), "warm.example", nil)
		}
		rep := c.Account(r.ctx(c), "shop.example", nil)
		var walk func(n *spfcheck.Node)
		walk = func(n *spfcheck.Node) {
			if (n.Note != "") != (n.NoteCode != "") || (n.Error != "") != (n.ErrorCode != "") {
				t.Errorf("node %q: note %q code %q, error %q code %q", n.Term, n.Note, n.NoteCode, n.Error, n.ErrorCode)
			}
			notes[n.NoteCode], codes[n.ErrorCode] = true, true
			note, err := en.Node(n)
			if note != n.Note || err != n.Error {
				t.Errorf("node %q English\n got %q, %q\nwant %q, %q", n.Term, note, err, n.Note, n.Error)
			}
			jn, je := ja.Node(n)
			for _, s := range []string{jn, je} {
				checkRendered(t, n.Term, s)
				if s != "" && !hasJapanese(s) {
					t.Errorf("node %q: Japanese %q", n.Term, s)
				}
			}
			for _, a := range n.NoteArgs {
				if !strings.Contains(jn, a) {
					t.Errorf("node %q: Japanese note %q lacks %q", n.Term, jn, a)
				}
			}
			for _, k := range n.Children {
				walk(k)
			}
		}
		walk(rep.Tree)
		if len(rep.Problems) != len(rep.Errors) {
			t.Fatalf("%d problems for %d errors", len(rep.Problems), len(rep.Errors))
		}
		jas := ja.Problems(rep)
		for i, pr := range rep.Problems {
			codes[pr.Code] = true
			if pr.Message != rep.Errors[i] {
				t.Errorf("problem message %q, error %q", pr.Message, rep.Errors[i])
			}
			if got := en.Problem(pr); got != pr.Message {
				t.Errorf("%s English\n got %q\nwant %q", pr.Code, got, pr.Message)
			}
			j := jas[i]
			checkRendered(t, pr.Code, j)
			if !hasJapanese(j) || j != ja.Problem(pr) {
				t.Errorf("%s: Japanese %q", pr.Code, j)
			}
			if len(pr.Path) > 0 && !strings.HasPrefix(j, strings.Join(pr.Path, " > ")+": ") {
				t.Errorf("%s: Japanese %q does not start with the path %q", pr.Code, j, pr.Path)
			}
			if pr.Code == spfcheck.CodeSyntax && !strings.Contains(j, `"ip4:300.0.0.1"`) {
				t.Errorf("syntax error %q does not name the term", j)
			}
		}
	}
	for _, c := range pkgConsts(t, "spfcheck", "Note") {
		if !Has("spfcheck.note." + c) {
			t.Errorf("no message spfcheck.note.%s", c)
		}
		if !notes[c] {
			t.Errorf("note %s not exercised", c)
		}
	}
	checkHostOnly := map[string]bool{spfcheck.CodeInvalidDomain: true, spfcheck.CodeNoRecordAt: true, spfcheck.CodeDNS: false,
		spfcheck.CodeIncludeNoRecord: true, spfcheck.CodeRedirectNoRecord: true, spfcheck.CodeMXLimit: true,
		spfcheck.CodeLookupLimit: true, spfcheck.CodeVoidLookupLimit: true, spfcheck.CodeMacroLetter: true}
	for _, c := range pkgConsts(t, "spfcheck", "Code") {
		if !Has("spfcheck.error." + c) {
			t.Errorf("no message spfcheck.error.%s", c)
		}
		if !codes[c] && !checkHostOnly[c] {
			t.Errorf("error %s not exercised by Account", c)
		}
	}
}

// The reasons check_host() gives render in both languages; the domains and
// terms in front stay as they are.
func TestCheckHostErrorMessages(t *testing.T) {
	tests := []struct {
		txt  map[string][]string
		f    func(z *dnstest.Zone)
		code string
	}{
		{map[string][]string{}, nil, spfcheck.CodeNoRecordAt},
		{map[string][]string{"shop.example": {"v=spf1 a:down.example -all"}}, func(z *dnstest.Zone) { z.Fail["down.example"] = true }, spfcheck.CodeDNS},
		{map[string][]string{"shop.example": {"v=spf1 a -all", "v=spf1 mx -all"}}, nil, spfcheck.CodeMultipleRecords},
		{map[string][]string{"shop.example": {"v=spf1 ip4:1.2.3 -all"}}, nil, spfcheck.CodeSyntax},
		{map[string][]string{"shop.example": {"v=spf1 include:nospf.example -all"}}, nil, spfcheck.CodeIncludeNoRecord},
		{map[string][]string{"shop.example": {"v=spf1 redirect=nospf.example"}}, nil, spfcheck.CodeRedirectNoRecord},
		{map[string][]string{"shop.example": {"v=spf1 mx -all"}}, func(z *dnstest.Zone) { z.MX["shop.example"] = mxHosts(11) }, spfcheck.CodeMXLimit},
		{map[string][]string{"shop.example": {"v=spf1 " + strings.Repeat("a:x.example ", 11) + "-all"}}, func(z *dnstest.Zone) { z.A["x.example"] = []string{"192.0.2.1"} }, spfcheck.CodeLookupLimit},
		{map[string][]string{"shop.example": {"v=spf1 a:g1.example a:g2.example a:g3.example -all"}}, nil, spfcheck.CodeVoidLookupLimit},
		{map[string][]string{"shop..example": {"v=spf1 -all"}}, nil, spfcheck.CodeInvalidDomain},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			z := zone(tc.txt)
			if tc.f != nil {
				tc.f(&z)
			}
			c := &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(z)}
			domain := "shop.example"
			if tc.code == spfcheck.CodeInvalidDomain {
				domain = "shop..example"
			}
			out := c.CheckHost(context.Background(), netip.MustParseAddr("198.51.100.1"), domain, "info@"+domain, "h.example")
			var e *spfcheck.Error
			if !errors.As(out.Err, &e) || e.Code != tc.code {
				t.Fatalf("result %s, err %v (%T), want code %s", out.Result, out.Err, out.Err, tc.code)
			}
			if got := en.CheckError(out.Err); got != out.Err.Error() {
				t.Errorf("English\n got %q\nwant %q", got, out.Err.Error())
			}
			j := ja.CheckError(out.Err)
			checkRendered(t, tc.code, j)
			if !hasJapanese(j) || strings.Contains(j, "spfcheck:") {
				t.Errorf("Japanese %q", j)
			}
			prefix, _ := strings.CutSuffix(out.Err.Error(), e.Error())
			if !strings.HasPrefix(j, prefix) {
				t.Errorf("Japanese %q lost the prefix %q", j, prefix)
			}
		})
	}
	if got := ja.CheckError(errors.New("other")); got != "other" {
		t.Errorf("other error %q", got)
	}
}
