package spfcheck_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/spfpatch/spfpatch/internal/dnstest"
	"github.com/spfpatch/spfpatch/spfcheck"
)

func stdJSON(t *testing.T, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// The hand-written JSON is byte for byte encoding/json's.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	var all []byte
	for c := 0; c < 256; c++ {
		all = append(all, byte(c))
	}
	for _, s := range []string{"", "plain", string(all), "é \u2028 \u2029 日本 <&> \x7f \xff\xfe", `"\`} {
		if got, want := spfcheck.AppendJSONString(nil, s), stdJSON(t, s); !bytes.Equal(got, want) {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want)
		}
	}
	// Reports of every kind of tree.
	z := dnstest.Zone{TXT: map[string][]string{
		"shop.example":  {"v=spf1 a:h\u3000x.example mx include:inc.example include:nospf.example include:bad.example ptr exists:%{i}.x.example ~all"},
		"inc.example":   {"v=spf1 a:gone.example ip4:192.0.2.1 -all"},
		"nospf.example": {"hello"},
		"bad.example":   {"v=spf1 ip4:300.0.0.1 \"quoted\" -all"},
	}, AAAA: map[string][]string{"inc.example": {"2001:db8::1"}}}
	c := &spfcheck.Checker{Resolver: dnstest.NewFakeResolver(z)}
	for _, d := range []string{"shop.example", "inc.example", "nospf.example", "none.example", "bad..example"} {
		rep := c.Account(context.Background(), d, nil)
		got := append([]byte{'{'}, rep.AppendJSONFields(nil)...)
		got = append(got, '}')
		if want := stdJSON(t, rep); !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", d, got, want)
		}
	}
	var nilProblems []spfcheck.Problem
	if got, want := spfcheck.AppendJSONProblems(nil, nilProblems), stdJSON(t, nilProblems); !bytes.Equal(got, want) {
		t.Errorf("nil problems: %s, want %s", got, want)
	}
}
