package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spfpatch/spfpatch/internal/realdns"
	"github.com/spfpatch/spfpatch/resolver"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// check's hand-written JSON lines are encoding/json's, byte for byte, for
// every kind of result: each realCase with and without --ip and --include,
// a malformed name with --ip, names that do not resolve.
func TestCheckJSONLineMatchesEncodingJSON(t *testing.T) {
	addr := serveZones(t, append(testZones(), realdns.Zone{Name: "v6.test.", Text: v6Zone})...)
	res, err := resolver.New(resolver.Config{Nameservers: []string{addr}, Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ck := &spfcheck.Checker{Resolver: res, DefaultExplanation: "see <https://example.com/?a=1&b=2> \u2028"}
	names := []string{"shop.v6.test", "nxdomain.shop.test", "[192.0.2.1]"}
	for _, c := range realCases {
		names = append(names, c.name)
	}
	n := 0
	for _, name := range names {
		for _, run := range []*checkRun{
			{Format: "json"},
			{Format: "json", Includes: []string{"e-shopsmail2.com", "_spf.partner.test"}, IP: netip.MustParseAddr("10.9.9.9"), HasIP: true},
			{Format: "json", IP: netip.MustParseAddr("2001:db8::2"), HasIP: true, Sender: "\"odd\"@x"},
		} {
			a, err := run.args(name)
			if err != nil {
				continue
			}
			r := checkDomain(context.Background(), ck, a)
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
			if got := r.appendJSON(nil); !bytes.Equal(got, buf.Bytes()) {
				t.Errorf("%s:\n got %s\nwant %s", name, got, buf.Bytes())
			}
			n++
		}
	}
	if n < 40 {
		t.Fatalf("only %d results compared", n)
	}
}

// Every exported field of a check result, of its Report, of the lookup
// tree's nodes, of problems and warnings reaches the hand-written JSON as
// encoding/json writes it: results filled by reflection at random (each
// field zero, empty or set, strings with characters JSON escapes), so a
// field added to one of these types and not to its AppendJSON fails here
// (the test above only meets the fields real reports set).
func TestCheckJSONEveryFieldByReflection(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 8))
	strs := []string{"", "x", "é \u2028 <&> \"q\" \\ \x01 \xff 日本"}
	var fill func(v reflect.Value, depth int)
	fill = func(v reflect.Value, depth int) {
		switch v.Kind() {
		case reflect.Pointer:
			if depth > 4 || rng.IntN(4) == 0 {
				return
			}
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem(), depth+1)
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					fill(v.Field(i), depth)
				}
			}
		case reflect.Slice:
			switch k := rng.IntN(4); {
			case k == 0 || depth > 4:
				// nil
			case k == 1:
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			default:
				v.Set(reflect.MakeSlice(v.Type(), k-1, k-1))
				for i := range k - 1 {
					fill(v.Index(i), depth+1)
				}
			}
		case reflect.String:
			v.SetString(strs[rng.IntN(len(strs))])
		case reflect.Int:
			if v.Type() == reflect.TypeFor[spfcheck.Result]() {
				v.SetInt(int64(rng.IntN(int(spfcheck.PermError) + 1)))
			} else {
				v.SetInt(int64(rng.IntN(3)) * 7)
			}
		case reflect.Bool:
			v.SetBool(rng.IntN(2) == 1)
		default:
			t.Fatalf("a field of kind %s: teach this test to fill it", v.Kind())
		}
	}
	seen := map[string]bool{}
	for range 2000 {
		r := &checkResult{}
		fill(reflect.ValueOf(r).Elem(), 0)
		if r.Report == nil {
			r.Report = &spfcheck.Report{} // never nil in a result
			fill(reflect.ValueOf(r.Report).Elem(), 1)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
		got := r.appendJSON(nil)
		if !bytes.Equal(got, buf.Bytes()) {
			t.Fatalf("hand-written JSON differs from encoding/json:\n got %s\nwant %s", got, buf.Bytes())
		}
		var keys func(v any)
		keys = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				for k, x := range v {
					seen[k] = true
					keys(x)
				}
			case []any:
				for _, x := range v {
					keys(x)
				}
			}
		}
		var v any
		if err := json.Unmarshal(got, &v); err != nil {
			t.Fatal(err)
		}
		keys(v)
	}
	// Every JSON name of these types was written at least once.
	for _, typ := range []reflect.Type{reflect.TypeFor[checkResult](), reflect.TypeFor[afterInclude](), reflect.TypeFor[spfcheck.Report](),
		reflect.TypeFor[spfcheck.Node](), reflect.TypeFor[spfcheck.Problem](), reflect.TypeFor[spfedit.Warning]()} {
		for i := range typ.NumField() {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || f.Anonymous || name == "-" {
				continue
			}
			if name == "" {
				t.Errorf("%s.%s has no JSON name", typ, f.Name)
			} else if !seen[name] {
				t.Errorf("%s.%s (%q) never reached the JSON", typ, f.Name, name)
			}
		}
	}
}
