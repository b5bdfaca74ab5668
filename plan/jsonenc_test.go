package plan

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/spfpatch/spfpatch/spfedit"
)

// The reference: what encoding/json writes from the struct tags, as the
// MarshalJSON methods did before jsonenc.go (reflection, no HTML escaping).

func refMarshal(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// refTXT mirrors TXT's JSON form (text or text_base64, strings or
// strings_base64), built with reflection.
type refTXT struct {
	Text          *string  `json:"text,omitempty"`
	Base64        *string  `json:"text_base64,omitempty"`
	TTL           int64    `json:"ttl"`
	Strings       []string `json:"strings,omitempty"`
	StringsBase64 []string `json:"strings_base64,omitempty"`
}

func toRefTXT(t TXT) refTXT {
	var v refTXT
	v.TTL = int64(t.TTL / time.Second)
	if utf8.ValidString(t.Text) {
		s := t.Text
		v.Text = &s
	} else {
		b := base64.StdEncoding.EncodeToString([]byte(t.Text))
		v.Base64 = &b
	}
	if t.Strings != nil {
		valid := true
		for _, s := range t.Strings {
			valid = valid && utf8.ValidString(s)
		}
		if valid {
			v.Strings = t.Strings
		} else {
			for _, s := range t.Strings {
				v.StringsBase64 = append(v.StringsBase64, base64.StdEncoding.EncodeToString([]byte(s)))
			}
		}
	}
	return v
}

func toRefRRset(s RRset) []refTXT {
	if s == nil {
		return nil
	}
	out := make([]refTXT, len(s))
	for i, t := range s {
		out[i] = toRefTXT(t)
	}
	return out
}

// refInputs, refRestore, refChange and refEntry have the fields and tags
// of Inputs, Restore, Change and Entry, with refTXT for TXT;
// TestJSONRefMirrorsTags checks that they keep doing so.
type refInputs struct {
	Includes []string     `json:"includes"`
	Removes  []string     `json:"removes,omitempty"`
	Create   bool         `json:"create,omitempty"`
	TTL      int64        `json:"ttl,omitempty"`
	Inverse  bool         `json:"inverse,omitempty"`
	Then     []*refInputs `json:"then,omitempty"`
}

func toRefInputs(in *Inputs) *refInputs {
	if in == nil {
		return nil
	}
	r := &refInputs{Includes: in.Includes, Removes: in.Removes, Create: in.Create, TTL: in.TTL, Inverse: in.Inverse}
	for _, t := range in.Then {
		r.Then = append(r.Then, toRefInputs(t))
	}
	return r
}

type refRestore struct {
	Before []refTXT   `json:"before"`
	After  []refTXT   `json:"after"`
	Inputs *refInputs `json:"inputs,omitempty"`
}

type refChange struct {
	Target        Target            `json:"target"`
	Name          string            `json:"name"`
	Zone          string            `json:"zone"`
	Provider      string            `json:"provider"`
	Profile       string            `json:"profile,omitempty"`
	Action        Action            `json:"action"`
	Rollback      bool              `json:"rollback,omitempty"`
	Situation     string            `json:"situation,omitempty"`
	Before        []refTXT          `json:"before"`
	After         []refTXT          `json:"after"`
	BeforeSPF     string            `json:"before_spf"`
	AfterSPF      string            `json:"after_spf"`
	AfterStrings  []string          `json:"after_strings,omitempty"`
	Fingerprint   string            `json:"fingerprint"`
	LookupsBefore int               `json:"lookups_before"`
	LookupsAfter  int               `json:"lookups_after"`
	VoidBefore    int               `json:"void_lookups_before"`
	VoidAfter     int               `json:"void_lookups_after"`
	Warnings      []spfedit.Warning `json:"warnings"`
	Inputs        *refInputs        `json:"inputs,omitempty"`
	Restore       *refRestore       `json:"restore,omitempty"`
	FromFile      bool              `json:"-"`
	Code          string            `json:"code,omitempty"`
	Message       string            `json:"message,omitempty"`
}

func toRefChange(c *Change) refChange {
	r := refChange{Target: c.Target, Name: c.Name, Zone: c.Zone, Provider: c.Provider, Profile: c.Profile, Action: c.Action,
		Rollback: c.Rollback, Situation: c.Situation, Before: toRefRRset(c.Before), After: toRefRRset(c.After),
		BeforeSPF: c.BeforeSPF, AfterSPF: c.AfterSPF, AfterStrings: c.AfterStrings, Fingerprint: c.Fingerprint,
		LookupsBefore: c.LookupsBefore, LookupsAfter: c.LookupsAfter, VoidBefore: c.VoidBefore, VoidAfter: c.VoidAfter,
		Warnings: c.Warnings, Inputs: toRefInputs(c.Inputs), Code: c.Code, Message: c.Message}
	if r.Before == nil {
		r.Before = []refTXT{}
	}
	if r.After == nil {
		r.After = []refTXT{}
	}
	if r.Warnings == nil {
		r.Warnings = []spfedit.Warning{}
	}
	if c.Restore != nil {
		r.Restore = &refRestore{Before: toRefRRset(c.Restore.Before), After: toRefRRset(c.Restore.After), Inputs: toRefInputs(c.Restore.Inputs)}
	}
	return r
}

type refEntry struct {
	Kind     string     `json:"kind"`
	Time     time.Time  `json:"time"`
	Run      string     `json:"run,omitempty"`
	Format   int        `json:"format,omitempty"`
	ID       int        `json:"id,omitempty"`
	Command  string     `json:"command,omitempty"`
	Provider string     `json:"provider,omitempty"`
	Profile  string     `json:"profile,omitempty"`
	Zone     string     `json:"zone,omitempty"`
	Name     string     `json:"name,omitempty"`
	Before   []refTXT   `json:"before,omitempty"`
	After    []refTXT   `json:"after,omitempty"`
	Inputs   *refInputs `json:"inputs,omitempty"`
	Status   string     `json:"status,omitempty"`
	Holds    []refTXT   `json:"holds,omitempty"`
	Error    string     `json:"error,omitempty"`
}

func toRefEntry(e Entry) refEntry {
	return refEntry{Kind: e.Kind, Time: e.Time, Run: e.Run, Format: e.Format, ID: e.ID, Command: e.Command, Provider: e.Provider,
		Profile: e.Profile, Zone: e.Zone, Name: e.Name, Before: toRefRRset(e.Before), After: toRefRRset(e.After),
		Inputs: toRefInputs(e.Inputs), Status: e.Status, Holds: toRefRRset(e.Holds), Error: e.Error}
}

// TestJSONRefMirrorsTags: each ref type has exactly the JSON tags of the
// type it mirrors, so a field added to Change, Inputs, Restore or Entry
// must be added to the ref type, and then TestJSONAppendMatchesReflection
// fails until jsonenc.go writes it too.
func TestJSONRefMirrorsTags(t *testing.T) {
	for _, p := range [][2]any{{Change{}, refChange{}}, {Inputs{}, refInputs{}}, {Restore{}, refRestore{}}, {Entry{}, refEntry{}}} {
		a, b := reflect.TypeOf(p[0]), reflect.TypeOf(p[1])
		if a.NumField() != b.NumField() {
			t.Errorf("%s has %d fields, %s %d", a, a.NumField(), b, b.NumField())
			continue
		}
		for i := range a.NumField() {
			fa, fb := a.Field(i), b.Field(i)
			if fa.Name != fb.Name || fa.Tag.Get("json") != fb.Tag.Get("json") {
				t.Errorf("%s field %d: %s %q, %s has %s %q", a, i, fa.Name, fa.Tag.Get("json"), b, fb.Name, fb.Tag.Get("json"))
			}
		}
	}
}

// hostile strings: quotes, backslashes, control characters, HTML
// characters, U+2028, invalid UTF-8, bidi controls, Japanese.
var jsonStrings = []string{
	"", "plain", `q"uote\back`, "ctl\x00\x01\x1f\x7f\b\f\n\r\t", "<a&b>", "line\u2028sep\u2029", "bad\xff\xfeutf8", "bidi\u202eevil",
	"ショップ.jp", "v=spf1 include:e-shopsmail2.com ~all", "half\xe3\x81",
}

func randString(r *rand.Rand) string { return jsonStrings[r.IntN(len(jsonStrings))] }

func randStrings(r *rand.Rand) []string {
	switch r.IntN(4) {
	case 0:
		return nil
	case 1:
		return []string{}
	}
	out := make([]string, 1+r.IntN(3))
	for i := range out {
		out[i] = randString(r)
	}
	return out
}

func randRRset(r *rand.Rand) RRset {
	switch r.IntN(4) {
	case 0:
		return nil
	case 1:
		return RRset{}
	}
	out := make(RRset, 1+r.IntN(3))
	for i := range out {
		// The strings make the text, as UnmarshalJSON requires.
		ss := randStrings(r)
		text := strings.Join(ss, "")
		if ss == nil {
			text = randString(r)
		}
		out[i] = TXT{Text: text, TTL: time.Duration(r.IntN(100000)) * time.Second, Strings: ss}
	}
	return out
}

func randInputs(r *rand.Rand, depth int) *Inputs {
	if r.IntN(3) == 0 {
		return nil
	}
	in := &Inputs{Includes: randStrings(r), Removes: randStrings(r), Create: r.IntN(2) == 0, TTL: int64(r.IntN(3) * 300), Inverse: r.IntN(2) == 0}
	if depth < 2 && r.IntN(2) == 0 {
		in.Then = []*Inputs{randInputs(r, depth+1), randInputs(r, depth+1)}
	}
	return in
}

func randChange(r *rand.Rand) *Change {
	c := &Change{
		Target: Target{Input: randString(r), Domain: randString(r)}, Name: randString(r), Zone: randString(r), Provider: randString(r),
		Action: Action(r.IntN(4)), Rollback: r.IntN(2) == 0, Before: randRRset(r), After: randRRset(r),
		BeforeSPF: randString(r), AfterSPF: randString(r), AfterStrings: randStrings(r), Fingerprint: randString(r),
		LookupsBefore: r.IntN(20), LookupsAfter: r.IntN(20) - 1, VoidBefore: r.IntN(3), VoidAfter: r.IntN(3),
		Inputs: randInputs(r, 0), FromFile: r.IntN(2) == 0,
	}
	if r.IntN(2) == 0 {
		c.Target.Sender, c.Profile, c.Situation, c.Code, c.Message = randString(r), randString(r), randString(r), randString(r), randString(r)
	}
	switch r.IntN(3) {
	case 0:
		c.Warnings = []spfedit.Warning{{Code: randString(r), Term: randString(r), Pos: r.IntN(50), Message: randString(r), Args: []string{"x"}}, {Code: "c", Pos: 3}}
	case 1:
		c.Warnings = []spfedit.Warning{}
	}
	if r.IntN(3) == 0 {
		c.Restore = &Restore{Before: randRRset(r), After: randRRset(r), Inputs: randInputs(r, 0)}
	}
	return c
}

func randEntry(r *rand.Rand) Entry {
	e := Entry{Kind: randString(r), Time: time.Date(2026, 12, 3, 15, r.IntN(60), r.IntN(60), r.IntN(1e9), time.UTC)}
	if r.IntN(2) == 0 {
		e.Run, e.Format, e.ID, e.Command, e.Provider = randString(r), r.IntN(3), r.IntN(5), randString(r), randString(r)
		e.Profile, e.Zone, e.Name, e.Status, e.Error = randString(r), randString(r), randString(r), randString(r), randString(r)
	}
	e.Before, e.After, e.Holds, e.Inputs = randRRset(r), randRRset(r), randRRset(r), randInputs(r, 0)
	return e
}

// TestJSONAppendMatchesReflection: the hand-written JSON of Change, TXT,
// RRset, Inputs and Entry is byte for byte what encoding/json writes from
// the struct tags (without HTML escaping), over many random values holding
// every field and hostile strings.
func TestJSONAppendMatchesReflection(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 2026))
	for i := range 3000 {
		c := randChange(r)
		want := refMarshal(t, toRefChange(c))
		if got := c.AppendJSON(nil); !bytes.Equal(got, want) {
			t.Fatalf("change %d:\n got %s\nwant %s", i, got, want)
		}
		// Through encoding/json (a Change inside another value).
		if got := refMarshal(t, c); !bytes.Equal(got, want) {
			t.Fatalf("change %d through encoding/json:\n got %s\nwant %s", i, got, want)
		}
		s := randRRset(r)
		if got, want := refMarshal(t, s), refMarshal(t, toRefRRset(s)); !bytes.Equal(got, want) {
			t.Fatalf("rrset %d:\n got %s\nwant %s", i, got, want)
		}
		e := randEntry(r)
		got, err := e.appendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := refMarshal(t, toRefEntry(e)); !bytes.Equal(got, want) {
			t.Fatalf("entry %d:\n got %s\nwant %s", i, got, want)
		}
		// And it reads back.
		var back Entry
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("entry %d does not read back: %v\n%s", i, err, got)
		}
	}
}

// TestJSONRoundTripKeepsBytes: a TXT record with bytes that are not UTF-8
// comes back byte for byte from the JSON a saved plan or journal holds.
func TestJSONRoundTripKeepsBytes(t *testing.T) {
	in := RRset{{Text: "a\xffb\x00c", TTL: time.Minute, Strings: []string{"a\xff", "b\x00c"}}, {Text: "<&>\u2028", TTL: 0}}
	b, _ := in.MarshalJSON()
	if !strings.Contains(string(b), "text_base64") || !strings.Contains(string(b), "<&>") {
		t.Errorf("unexpected form: %s", b)
	}
	var out RRset
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip: %#v != %#v", out, in)
	}
}

// fillAll sets every exported field of the value v points to, recursively,
// to a random value that is not its zero value (fields tagged json:"-"
// too; the round trip zeroes them), so that a field the hand-written JSON
// leaves out cannot go unnoticed, whatever its tag says.
func fillAll(t *testing.T, r *rand.Rand, v reflect.Value, depth int) {
	t.Helper()
	switch v.Type() {
	case reflect.TypeFor[TXT]():
		ss := make([]string, 1+r.IntN(2))
		for i := range ss {
			ss[i] = jsonStrings[1+r.IntN(len(jsonStrings)-1)] // not ""
		}
		v.Set(reflect.ValueOf(TXT{Text: strings.Join(ss, ""), TTL: time.Duration(1+r.IntN(86400)) * time.Second, Strings: ss}))
		return
	case reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(time.Date(2026, 12, 3, 1+r.IntN(22), r.IntN(60), r.IntN(60), 1+r.IntN(1e9-1), time.UTC)))
		return
	case reflect.TypeFor[Action]():
		v.SetInt(int64(1 + r.IntN(3)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		// Valid UTF-8 (only TXT texts keep other bytes), never empty.
		v.SetString(strings.ToValidUTF8(jsonStrings[1+r.IntN(len(jsonStrings)-1)], "?"))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(1 + r.IntN(1000)))
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1+r.IntN(2), 3)
		for i := range s.Len() {
			fillAll(t, r, s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Pointer:
		if depth > 3 {
			return // Inputs.Then nests Inputs
		}
		p := reflect.New(v.Type().Elem())
		fillAll(t, r, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillAll(t, r, v.Field(i), depth+1)
			}
		}
	default:
		t.Fatalf("fillAll: a field of kind %s (%s): teach the test and jsonenc.go about it", v.Kind(), v.Type())
	}
}

// zeroSkipped zeroes the fields tagged json:"-" (they are not written).
func zeroSkipped(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			zeroSkipped(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			zeroSkipped(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() || v.Type() == reflect.TypeFor[TXT]() {
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			if f.Tag.Get("json") == "-" {
				v.Field(i).Set(reflect.Zero(f.Type))
				continue
			}
			zeroSkipped(v.Field(i))
		}
	}
}

// TestJSONRoundTripEveryField: a Change and a journal Entry with every
// exported field filled (by reflection, so a field added later is filled
// too) come back equal from their hand-written JSON. This is what catches
// a field jsonenc.go does not write, omitempty or not.
func TestJSONRoundTripEveryField(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 13))
	for i := range 500 {
		var c Change
		fillAll(t, r, reflect.ValueOf(&c).Elem(), 0)
		var back Change
		if err := json.Unmarshal(c.AppendJSON(nil), &back); err != nil {
			t.Fatalf("change %d: %v\n%s", i, err, c.AppendJSON(nil))
		}
		zeroSkipped(reflect.ValueOf(&c))
		if !reflect.DeepEqual(c, back) {
			t.Fatalf("change %d does not come back:\n sent %+v\n back %+v\n JSON %s", i, c, back, c.AppendJSON(nil))
		}

		var e Entry
		fillAll(t, r, reflect.ValueOf(&e).Elem(), 0)
		b, err := e.appendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		var eb Entry
		if err := json.Unmarshal(b, &eb); err != nil {
			t.Fatalf("entry %d: %v\n%s", i, err, b)
		}
		zeroSkipped(reflect.ValueOf(&e))
		if !reflect.DeepEqual(e, eb) {
			t.Fatalf("entry %d does not come back:\n sent %+v\n back %+v\n JSON %s", i, e, eb, b)
		}
	}
}
