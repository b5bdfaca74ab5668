package providers

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/libdns/libdns"
)

// Adapter is the full libdns surface a provider subpackage wraps.
type Adapter interface {
	libdns.RecordGetter
	libdns.RecordAppender
	libdns.RecordSetter
	libdns.RecordDeleter
}

// ErrUnsafe is returned for an operation the provider's capabilities say it
// cannot do safely; nothing is attempted.
var ErrUnsafe = errors.New("refused: the provider cannot do this safely")

// Safe wraps a libdns adapter so that, whatever the adapter's own
// SetRecords does, SetRecords here replaces exactly the given (name, type)
// RRsets and nothing else, with the provider's safest primitive:
//   - AtomicReplace: the adapter's SetRecords, one RRset at a time;
//   - otherwise: append the values that are new first, then delete the old
//     values that are gone, exactly (there is never a moment without an SPF
//     record).
//
// Reads are normalised to the libdns contract (TXT text unquoted and
// unescaped, names relative) with NormalizeTXT, so callers compare like
// with like. Values over 255 bytes are refused when LongTXT is false.
type Safe struct {
	Name  string
	Inner Adapter
	Caps  Capabilities
	// Zone converts the zone name to the form the adapter needs (e.g. with
	// or without the trailing dot); nil keeps it.
	Zone func(string) string
	// NormalizeTXT turns a TXT value as the adapter returns it into the raw
	// text; nil keeps it.
	NormalizeTXT func(string) string
	// Check validates a TXT value before it is written (e.g. refuse
	// characters the adapter corrupts); nil accepts everything.
	Check func(text string) error
}

func (s *Safe) zone(z string) string {
	if s.Zone != nil {
		return s.Zone(z)
	}
	return z
}

// raw pairs a normalised record with the adapter's own form of it, which
// deletes must be given.
type raw struct {
	norm libdns.RR
	orig libdns.Record
}

func (s *Safe) read(ctx context.Context, zone string) ([]raw, error) {
	recs, err := s.Inner.GetRecords(ctx, s.zone(zone))
	if err != nil {
		return nil, err
	}
	out := make([]raw, 0, len(recs))
	for _, r := range recs {
		rr := r.RR()
		rr.Name = normalizeName(rr.Name, zone)
		if rr.Type == "TXT" && s.NormalizeTXT != nil {
			rr.Data = s.NormalizeTXT(rr.Data)
		}
		out = append(out, raw{norm: rr, orig: r})
	}
	return out, nil
}

// normalizeName makes a record name relative, lower case, "@" for the apex.
func normalizeName(name, zone string) string {
	n := strings.ToLower(name)
	z := strings.ToLower(strings.TrimSuffix(zone, "."))
	switch {
	case n == "" || n == "@" || strings.TrimSuffix(n, ".") == z:
		return "@"
	case strings.HasSuffix(strings.TrimSuffix(n, "."), "."+z):
		return strings.TrimSuffix(strings.TrimSuffix(n, "."), "."+z)
	}
	return strings.TrimSuffix(n, ".")
}

// GetRecords returns the zone's records with TXT values normalised.
func (s *Safe) GetRecords(ctx context.Context, zone string) ([]libdns.Record, error) {
	rs, err := s.read(ctx, zone)
	if err != nil {
		return nil, err
	}
	out := make([]libdns.Record, len(rs))
	for i, r := range rs {
		out[i] = r.norm
	}
	return out, nil
}

// GetRRset returns the records of one name and type (normalised).
func (s *Safe) GetRRset(ctx context.Context, zone, name, rrtype string) ([]libdns.Record, error) {
	rs, err := s.read(ctx, zone)
	if err != nil {
		return nil, err
	}
	want := normalizeName(name, zone)
	var out []libdns.Record
	for _, r := range rs {
		if r.norm.Name == want && r.norm.Type == rrtype {
			out = append(out, r.norm)
		}
	}
	return out, nil
}

// check refuses values the adapter cannot write safely. Records that are
// already live exactly as given are not being written and are not checked,
// so an unrelated TXT record at the name never blocks a change.
func (s *Safe) check(ctx context.Context, zone string, recs []libdns.Record) error {
	var live []raw
	read := false
	for _, r := range recs {
		rr := r.RR()
		if rr.Type != "TXT" {
			continue
		}
		var problem error
		if len(rr.Data) > 255 && !s.Caps.LongTXT {
			problem = fmt.Errorf("%w: %s: the TXT value for %s is %d bytes, and this provider's adapter corrupts TXT values over 255 bytes; "+
				"shorten the record (move senders into an include) or make the change by hand in the provider's console",
				ErrUnsafe, s.Name, rr.Name, len(rr.Data))
		} else if s.Check != nil {
			if err := s.Check(rr.Data); err != nil {
				problem = fmt.Errorf("%w: %s: %v", ErrUnsafe, s.Name, err)
			}
		}
		if problem == nil {
			continue
		}
		if !read {
			var err error
			if live, err = s.read(ctx, zone); err != nil {
				return problem
			}
			read = true
		}
		present := false
		for _, l := range live {
			present = present || l.norm.Name == normalizeName(rr.Name, zone) && l.norm.Type == "TXT" && l.norm.Data == rr.Data
		}
		if !present {
			return problem
		}
	}
	return nil
}

// SetRecords replaces each (name, type) RRset in recs with exactly the
// records given, with the strategy the capabilities allow.
func (s *Safe) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	if err := s.check(ctx, zone, recs); err != nil {
		return nil, err
	}
	type key struct{ name, typ string }
	groups := map[key][]libdns.Record{}
	var order []key
	for _, r := range recs {
		rr := r.RR()
		k := key{normalizeName(rr.Name, zone), rr.Type}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	if s.Caps.AtomicReplace {
		for _, k := range order {
			if _, err := s.Inner.SetRecords(ctx, s.zone(zone), groups[k]); err != nil {
				return nil, err
			}
		}
		return recs, nil
	}
	live, err := s.read(ctx, zone)
	if err != nil {
		return nil, fmt.Errorf("reading the zone before writing: %w", err)
	}
	for _, k := range order {
		want := groups[k]
		var have []raw
		for _, r := range live {
			if r.norm.Name == k.name && r.norm.Type == k.typ {
				have = append(have, r)
			}
		}
		var add []libdns.Record
		for _, w := range want {
			found := false
			for _, h := range have {
				found = found || h.norm.Data == w.RR().Data
			}
			if !found {
				add = append(add, w)
			}
		}
		var del []libdns.Record
		for _, h := range have {
			keep := false
			for _, w := range want {
				keep = keep || h.norm.Data == w.RR().Data
			}
			if !keep {
				del = append(del, h.orig)
			}
		}
		// New values first, so the name is never without its SPF record.
		if len(add) > 0 {
			if _, err := s.Inner.AppendRecords(ctx, s.zone(zone), add); err != nil {
				return nil, fmt.Errorf("adding the new value: %w (nothing was removed)", err)
			}
		}
		if len(del) > 0 {
			if err := s.replaceOld(ctx, zone, k.name, k.typ, have, add, del); err != nil {
				return nil, err
			}
		}
	}
	return recs, nil
}

// DeleteTries is how often the append-then-delete strategy tries to delete
// the old values after the new ones were added, DeletePause the pause
// between tries. Variables so tests can shorten the pause.
var (
	DeleteTries = 3
	DeletePause = 500 * time.Millisecond
)

// replaceOld finishes an append-then-delete change whose new values (add)
// are already live: it deletes the old values (del), retrying a few times.
// If they cannot be deleted, it deletes the new values again so the name
// holds exactly what it held before (have), checked by reading it back; a
// name must never be left with two SPF records. Only when that fails too is
// an error returned that names the values to delete by hand.
func (s *Safe) replaceOld(ctx context.Context, zone, name, typ string, have []raw, add, del []libdns.Record) error {
	var derr error
	for try := 0; try < DeleteTries; try++ {
		if try > 0 {
			if err := Sleep(ctx, DeletePause); err != nil {
				break
			}
			// A failed call may have worked after all: delete only what is
			// still there.
			if live, err := s.read(ctx, zone); err == nil {
				del = stillLive(live, del)
				if len(del) == 0 {
					return nil
				}
			}
		}
		if _, derr = s.Inner.DeleteRecords(ctx, s.zone(zone), del); derr == nil {
			return nil
		}
	}
	oldTexts, newTexts := quoted(normData(del, s.NormalizeTXT)), quoted(rrData(add))
	display := name
	if display == "@" {
		display = strings.TrimSuffix(zone, ".")
	} else {
		display += "." + strings.TrimSuffix(zone, ".")
	}
	rerr := s.rollback(ctx, zone, name, typ, have, add)
	if rerr == nil {
		return fmt.Errorf("%s: the new value %s was added but removing the old one failed (old value %s, %d attempts): %w; "+
			"the new value was removed again and %s holds its old %s records unchanged",
			s.Name, newTexts, oldTexts, DeleteTries, derr, display, typ)
	}
	return fmt.Errorf("%s: the new value %s was added but removing the old one failed (old value %s, %d attempts): %w; "+
		"removing the new value again failed too (%v), so %s now holds both: "+
		"delete the %s record %s at %s by hand in the provider's console now (or delete %s to go back to the old state)",
		s.Name, newTexts, oldTexts, DeleteTries, derr, rerr, display, typ, oldTexts, display, newTexts)
}

// rollback deletes the values added (add) and checks that the (name, typ)
// RRset is then exactly have again.
func (s *Safe) rollback(ctx context.Context, zone, name, typ string, have []raw, add []libdns.Record) error {
	var lastErr error
	for try := 0; try < DeleteTries; try++ {
		if try > 0 {
			if err := Sleep(ctx, DeletePause); err != nil {
				return fmt.Errorf("%v (last error: %v)", err, lastErr)
			}
		}
		live, err := s.read(ctx, zone)
		if err != nil {
			lastErr = fmt.Errorf("reading the zone: %w", err)
			continue
		}
		var del []libdns.Record
		for _, l := range live {
			if l.norm.Name != name || l.norm.Type != typ {
				continue
			}
			for _, a := range add {
				if l.norm.Data == a.RR().Data {
					del = append(del, l.orig)
					break
				}
			}
		}
		if len(del) == 0 {
			if err := sameRRset(live, name, typ, have); err != nil {
				return err
			}
			return nil
		}
		if _, err := s.Inner.DeleteRecords(ctx, s.zone(zone), del); err != nil {
			lastErr = err
			continue
		}
		live, err = s.read(ctx, zone)
		if err != nil {
			lastErr = fmt.Errorf("reading the zone back: %w", err)
			continue
		}
		return sameRRset(live, name, typ, have)
	}
	return lastErr
}

// sameRRset reports whether live holds exactly the values of have at
// (name, typ).
func sameRRset(live []raw, name, typ string, have []raw) error {
	var got, want []string
	for _, l := range live {
		if l.norm.Name == name && l.norm.Type == typ {
			got = append(got, l.norm.Data)
		}
	}
	for _, h := range have {
		want = append(want, h.norm.Data)
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
		return fmt.Errorf("read back, the name holds %s, not the old %s", quoted(got), quoted(want))
	}
	return nil
}

// stillLive returns the records of del (adapter form) still in live.
func stillLive(live []raw, del []libdns.Record) []libdns.Record {
	var out []libdns.Record
	for _, d := range del {
		dr := d.RR()
		for _, l := range live {
			if o := l.orig.RR(); o.Name == dr.Name && o.Type == dr.Type && o.Data == dr.Data {
				out = append(out, l.orig)
				break
			}
		}
	}
	return out
}

func rrData(recs []libdns.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.RR().Data
	}
	return out
}

// normData returns the normalised values of records in the adapter's form.
func normData(recs []libdns.Record, norm func(string) string) []string {
	out := rrData(recs)
	for i, r := range recs {
		if r.RR().Type == "TXT" && norm != nil {
			out[i] = norm(out[i])
		}
	}
	return out
}

func quoted(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// AppendRecords adds records (checked like SetRecords).
func (s *Safe) AppendRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	if err := s.check(ctx, zone, recs); err != nil {
		return nil, err
	}
	return s.Inner.AppendRecords(ctx, s.zone(zone), recs)
}

// DeleteRecords deletes exactly the given records, mapping each normalised
// value back to the adapter's own form first.
func (s *Safe) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	live, err := s.read(ctx, zone)
	if err != nil {
		return nil, err
	}
	var del []libdns.Record
	for _, r := range recs {
		rr := r.RR()
		for _, l := range live {
			if l.norm.Name == normalizeName(rr.Name, zone) && l.norm.Type == rr.Type && l.norm.Data == rr.Data {
				del = append(del, l.orig)
			}
		}
	}
	if len(del) == 0 {
		return nil, nil
	}
	return s.Inner.DeleteRecords(ctx, s.zone(zone), del)
}

// TTLFloor raises a TTL to the provider's minimum.
func (s *Safe) TTLFloor(d time.Duration) time.Duration {
	if d < s.Caps.MinTTL {
		return s.Caps.MinTTL
	}
	return d
}
