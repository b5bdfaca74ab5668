package plan

import (
	"encoding/base64"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// The JSON of the types every plan line, apply line and journal line holds
// (Change, TXT, RRset, Inputs, Restore, Entry), appended by hand: the
// reflection of encoding/json, with each nested MarshalJSON's output
// scanned again by its caller, cost 15 us a plan line and 7-10 us a
// journal line, the largest share of a 10,000-name apply's own CPU after
// the file system (issue 13). The bytes are what encoding/json writes for
// the struct tags without HTML escaping (same keys, order, omitempty and
// escaping): jsonenc_test.go compares both on random values, and fills every
// exported field by reflection and reads the JSON back, so a field added to
// one of these structs and not written here fails it. (The MarshalJSON
// methods before this file called json.Marshal inside, which wrote <, > and
// & in a change's fields as \u003c, \u003e, \u0026: the same JSON to any
// reader; journal lines likewise.)

var jstr = spfcheck.AppendJSONString

// jkey appends ,"key":
func jkey(b []byte, key string) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

var jstrings = spfcheck.AppendJSONStrings

// appendJSON writes the record as TXT.MarshalJSON documents it.
func (t TXT) appendJSON(b []byte) []byte {
	if utf8.ValidString(t.Text) {
		b = jstr(append(b, `{"text":`...), t.Text)
	} else {
		b = append(b, `{"text_base64":"`...)
		b = base64.StdEncoding.AppendEncode(b, []byte(t.Text))
		b = append(b, '"')
	}
	b = strconv.AppendInt(append(b, `,"ttl":`...), int64(t.TTL/time.Second), 10)
	if len(t.Strings) > 0 { // omitempty
		valid := true
		for _, s := range t.Strings {
			valid = valid && utf8.ValidString(s)
		}
		if valid {
			b = jstrings(append(b, `,"strings":`...), t.Strings)
		} else {
			b = append(b, `,"strings_base64":[`...)
			for i, s := range t.Strings {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, '"')
				b = base64.StdEncoding.AppendEncode(b, []byte(s))
				b = append(b, '"')
			}
			b = append(b, ']')
		}
	}
	return append(b, '}')
}

// AppendJSON appends the records as a JSON array; nil as null.
func (s RRset) AppendJSON(b []byte) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, t := range s {
		if i > 0 {
			b = append(b, ',')
		}
		b = t.appendJSON(b)
	}
	return append(b, ']')
}

// MarshalJSON writes the records as an array (nil as null), each as
// TXT.MarshalJSON does.
func (s RRset) MarshalJSON() ([]byte, error) { return s.AppendJSON(nil), nil }

func (t Target) appendJSON(b []byte) []byte {
	b = jstr(append(b, `{"input":`...), t.Input)
	b = jstr(append(b, `,"domain":`...), t.Domain)
	if t.Sender != "" {
		b = jstr(append(b, `,"sender":`...), t.Sender)
	}
	return append(b, '}')
}

// appendJSON writes the inputs; nil as null.
func (in *Inputs) appendJSON(b []byte) []byte {
	if in == nil {
		return append(b, "null"...)
	}
	b = jstrings(append(b, `{"includes":`...), in.Includes)
	if len(in.Removes) > 0 {
		b = jstrings(append(b, `,"removes":`...), in.Removes)
	}
	if in.Create {
		b = append(b, `,"create":true`...)
	}
	if in.TTL != 0 {
		b = strconv.AppendInt(append(b, `,"ttl":`...), in.TTL, 10)
	}
	if in.Inverse {
		b = append(b, `,"inverse":true`...)
	}
	if len(in.Then) > 0 {
		b = append(b, `,"then":[`...)
		for i, t := range in.Then {
			if i > 0 {
				b = append(b, ',')
			}
			b = t.appendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// MarshalJSON writes the inputs as their struct tags say.
func (in *Inputs) MarshalJSON() ([]byte, error) { return in.appendJSON(nil), nil }

func (r *Restore) appendJSON(b []byte) []byte {
	if r == nil {
		return append(b, "null"...)
	}
	b = r.Before.AppendJSON(append(b, `{"before":`...))
	b = r.After.AppendJSON(append(b, `,"after":`...))
	if r.Inputs != nil {
		b = r.Inputs.appendJSON(append(b, `,"inputs":`...))
	}
	return append(b, '}')
}

// AppendJSON appends the change as one JSON object, as MarshalJSON writes
// it (nil slices as []).
func (c *Change) AppendJSON(b []byte) []byte {
	b = c.Target.appendJSON(append(b, `{"target":`...))
	b = jstr(append(b, `,"name":`...), c.Name)
	b = jstr(append(b, `,"zone":`...), c.Zone)
	b = jstr(append(b, `,"provider":`...), c.Provider)
	if c.Profile != "" {
		b = jstr(append(b, `,"profile":`...), c.Profile)
	}
	b = jstr(append(b, `,"action":`...), c.Action.String())
	if c.Rollback {
		b = append(b, `,"rollback":true`...)
	}
	if c.Situation != "" {
		b = jstr(append(b, `,"situation":`...), c.Situation)
	}
	before, after := c.Before, c.After
	if before == nil {
		before = RRset{}
	}
	if after == nil {
		after = RRset{}
	}
	b = before.AppendJSON(append(b, `,"before":`...))
	b = after.AppendJSON(append(b, `,"after":`...))
	b = jstr(append(b, `,"before_spf":`...), c.BeforeSPF)
	b = jstr(append(b, `,"after_spf":`...), c.AfterSPF)
	if len(c.AfterStrings) > 0 {
		b = jstrings(append(b, `,"after_strings":`...), c.AfterStrings)
	}
	b = jstr(append(b, `,"fingerprint":`...), c.Fingerprint)
	b = strconv.AppendInt(append(b, `,"lookups_before":`...), int64(c.LookupsBefore), 10)
	b = strconv.AppendInt(append(b, `,"lookups_after":`...), int64(c.LookupsAfter), 10)
	b = strconv.AppendInt(append(b, `,"void_lookups_before":`...), int64(c.VoidBefore), 10)
	b = strconv.AppendInt(append(b, `,"void_lookups_after":`...), int64(c.VoidAfter), 10)
	warnings := c.Warnings
	if warnings == nil {
		warnings = []spfedit.Warning{}
	}
	b = spfcheck.AppendJSONWarnings(append(b, `,"warnings":`...), warnings)
	if c.Inputs != nil {
		b = c.Inputs.appendJSON(append(b, `,"inputs":`...))
	}
	if c.Restore != nil {
		b = c.Restore.appendJSON(append(b, `,"restore":`...))
	}
	if c.Code != "" {
		b = jstr(append(b, `,"code":`...), c.Code)
	}
	if c.Message != "" {
		b = jstr(append(b, `,"message":`...), c.Message)
	}
	return append(b, '}')
}

// appendJSON appends the entry as one JSON object, as encoding/json writes
// it from the struct tags.
func (e *Entry) appendJSON(b []byte) ([]byte, error) {
	b = jstr(append(b, `{"kind":`...), e.Kind)
	b = append(b, `,"time":`...)
	t, err := e.Time.MarshalJSON()
	if err != nil {
		return nil, err
	}
	b = append(b, t...)
	if e.Run != "" {
		b = jstr(append(b, `,"run":`...), e.Run)
	}
	if e.Format != 0 {
		b = strconv.AppendInt(append(b, `,"format":`...), int64(e.Format), 10)
	}
	if e.ID != 0 {
		b = strconv.AppendInt(append(b, `,"id":`...), int64(e.ID), 10)
	}
	for _, f := range [...]struct{ key, v string }{{"command", e.Command}, {"provider", e.Provider}, {"profile", e.Profile}, {"zone", e.Zone}, {"name", e.Name}} {
		if f.v != "" {
			b = jstr(jkey(b, f.key), f.v)
		}
	}
	if len(e.Before) > 0 {
		b = e.Before.AppendJSON(append(b, `,"before":`...))
	}
	if len(e.After) > 0 {
		b = e.After.AppendJSON(append(b, `,"after":`...))
	}
	if e.Inputs != nil {
		b = e.Inputs.appendJSON(append(b, `,"inputs":`...))
	}
	if e.Status != "" {
		b = jstr(append(b, `,"status":`...), e.Status)
	}
	if len(e.Holds) > 0 {
		b = e.Holds.AppendJSON(append(b, `,"holds":`...))
	}
	if e.Error != "" {
		b = jstr(append(b, `,"error":`...), e.Error)
	}
	return append(b, '}'), nil
}

// MarshalJSON writes the entry as its struct tags say.
func (e Entry) MarshalJSON() ([]byte, error) { return e.appendJSON(nil) }
