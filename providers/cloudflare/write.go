package cloudflare

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/internal/txtcodec"
	"github.com/spfpatch/spfpatch/providers"
	"github.com/spfpatch/spfpatch/spfedit"
)

// A write replaces the records of one (name, type) with the wanted ones, in
// one request:
//   - a value that changes is edited in place: PATCH
//     /zones/{zone}/dns_records/{id} ("Update an existing DNS record": the
//     fields sent change, the others, comment and tags included, stay; the
//     record keeps its id). The SPF value is always paired with the SPF
//     value it replaces, so there is never a moment with two SPF records;
//   - a value that is new is POSTed, one that goes is DELETEd;
//   - when a write needs more than one of those, they go together to POST
//     /zones/{zone}/dns_records/batch, which Cloudflare applies "in a single
//     database transaction" (deletes, patches, puts, posts, in that order;
//     developers.cloudflare.com/api/resources/dns/subresources/records/methods/batch).
//
// The records the write starts from are those of the read just before it
// (plan re-reads a name right before writing it), so a write of one
// changed value costs one request. Cloudflare has no conditional write: a
// change someone else makes between that read and the write (milliseconds)
// is overwritten.
//
// When the answer to a write does not say whether it was made (the
// connection failed, a 5xx answer, a 429), the name is read again: if it
// holds the wanted records the write is done; if it still holds exactly
// the records the write started from, the write is sent once more; if it
// holds something else, nothing more is sent and the error says so. A 429
// is a lockout (client.go), and the write it answered was not made: the
// read waits for the lockout to end when the run may wait that long and is
// not interrupted (Ctrl-C ends the wait at once, even under
// context.WithoutCancel), and nothing is sent before it ends; otherwise
// the write returns the lockout as a providers.NotWrittenError, so that
// the run reports the name as not written.

// want is one wanted record.
type want struct {
	typ     string
	data    string // compared with record.data
	content string // what to send
	ttl     int    // seconds; 0: keep (or automatic for a new record)
	prio    *uint16
}

func toWant(r libdns.Record) want {
	rr := r.RR()
	w := want{typ: strings.ToUpper(rr.Type), data: rr.Data, ttl: int(rr.TTL / time.Second), content: rr.Data}
	switch w.typ {
	case "TXT":
		// Split between SPF terms into strings of at most 255 bytes, each
		// quoted with \" \\ and \DDD escapes (txtcodec.QuoteSplit), as
		// Cloudflare's TXT content is written.
		w.content = txtcodec.QuoteSplit(rr.Data)
	case "MX":
		if mx, ok := r.(libdns.MX); ok {
			pr := mx.Preference
			w.prio, w.content = &pr, mx.Target
		} else if parsed, err := rr.Parse(); err == nil {
			if mx, ok := parsed.(libdns.MX); ok {
				pr := mx.Preference
				w.prio, w.content = &pr, mx.Target
			}
		}
	}
	return w
}

func fromRecord(r record, zone string) want {
	return want{typ: r.Type, data: r.data(zone), content: r.Content, ttl: r.TTL, prio: r.Priority}
}

// ops is what one write sends.
type ops struct {
	patches []patchOp
	posts   []want
	deletes []record
}

type patchOp struct {
	old record
	to  want
}

func (o ops) n() int { return len(o.patches) + len(o.posts) + len(o.deletes) }

// diff pairs the live records with the wanted ones: equal values are kept
// (a TTL that changes is patched), a removed value is patched into an added
// one (an SPF value into the SPF value first), the rest posted or deleted.
func diff(live []record, wants []want, zone string) ops {
	used := make([]bool, len(live))
	var adds []want
	var o ops
	for _, w := range wants {
		found := false
		for i, l := range live {
			if !used[i] && l.Type == w.typ && l.data(zone) == w.data && samePrio(l.Priority, w.prio) {
				used[i], found = true, true
				if w.ttl > 0 && w.ttl != l.TTL {
					o.patches = append(o.patches, patchOp{old: l, to: want{typ: w.typ, data: w.data, content: l.Content, ttl: w.ttl, prio: l.Priority}})
				}
				break
			}
		}
		if !found {
			adds = append(adds, w)
		}
	}
	var removes []record
	for i, l := range live {
		if !used[i] {
			removes = append(removes, l)
		}
	}
	isSPF := func(typ, text string) bool { return typ == "TXT" && spfedit.IsSPF(text) }
	pairedA := make([]bool, len(adds))
	pairedR := make([]bool, len(removes))
	pair := func(match func(a want, r record) bool) {
		for i, a := range adds {
			if pairedA[i] {
				continue
			}
			for j, r := range removes {
				if !pairedR[j] && match(a, r) {
					pairedA[i], pairedR[j] = true, true
					o.patches = append(o.patches, patchOp{old: r, to: a})
					break
				}
			}
		}
	}
	pair(func(a want, r record) bool { return isSPF(a.typ, a.data) && isSPF(r.Type, r.data(zone)) })
	pair(func(a want, r record) bool { return a.typ == r.Type })
	for i, a := range adds {
		if !pairedA[i] {
			o.posts = append(o.posts, a)
		}
	}
	for j, r := range removes {
		if !pairedR[j] {
			o.deletes = append(o.deletes, r)
		}
	}
	return o
}

func samePrio(a, b *uint16) bool {
	if a == nil || b == nil {
		return true
	}
	return *a == *b
}

// ErrLocked is matched (errors.Is) by a refusal to change a record that
// Cloudflare locks (Email Routing's records, meta.read_only, locked).
var ErrLocked = errors.New("the record is locked at Cloudflare")

type lockedError struct{ msg string }

func (e *lockedError) Error() string { return e.msg }
func (e *lockedError) Is(target error) bool {
	return target == ErrLocked || target == providers.ErrUnsafe
}

// key is a (name, type) of a write.
type key struct{ name, typ string }

func groupWants(zone string, recs []libdns.Record) ([]key, map[key][]libdns.Record) {
	groups := map[key][]libdns.Record{}
	var order []key
	for _, r := range recs {
		rr := r.RR()
		k := key{fqdn(rr.Name, zone), strings.ToUpper(rr.Type)}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	return order, groups
}

// SetRecords makes each (name, type) of recs hold exactly the records
// given, in one request per name (see above).
func (p *Provider) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	z, err := p.zone(ctx, zone)
	if err != nil {
		return nil, err
	}
	order, groups := groupWants(zone, recs)
	for _, k := range order {
		var ws []want
		for _, r := range groups[k] {
			ws = append(ws, toWant(r))
		}
		if err := p.write(ctx, z, zone, k, func([]record) []want { return ws }); err != nil {
			return nil, err
		}
	}
	return recs, nil
}

// AppendRecords adds records (a value already there is not added twice).
func (p *Provider) AppendRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	z, err := p.zone(ctx, zone)
	if err != nil {
		return nil, err
	}
	order, groups := groupWants(zone, recs)
	for _, k := range order {
		add := groups[k]
		err := p.write(ctx, z, zone, k, func(live []record) []want {
			var ws []want
			have := map[string]bool{}
			for _, l := range live {
				ws = append(ws, fromRecord(l, zone))
				have[l.data(zone)] = true
			}
			for _, r := range add {
				if w := toWant(r); !have[w.data] {
					have[w.data] = true
					ws = append(ws, w)
				}
			}
			return ws
		})
		if err != nil {
			return nil, err
		}
	}
	return recs, nil
}

// DeleteRecords deletes the records whose value equals one given; values
// not there are ignored (libdns contract).
func (p *Provider) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	z, err := p.zone(ctx, zone)
	if err != nil {
		return nil, err
	}
	order, groups := groupWants(zone, recs)
	var deleted []libdns.Record
	for _, k := range order {
		gone := map[string]bool{}
		for _, r := range groups[k] {
			gone[toWant(r).data] = true
		}
		err := p.write(ctx, z, zone, k, func(live []record) []want {
			var ws []want
			for _, l := range live {
				if !gone[l.data(zone)] {
					ws = append(ws, fromRecord(l, zone))
				}
			}
			return ws
		})
		if err != nil {
			return deleted, err
		}
		deleted = append(deleted, groups[k]...)
	}
	return deleted, nil
}

// WriteAttempts bounds how often one write is sent (the second time only
// after a read showed the first did not land).
const WriteAttempts = 2

// write makes (k.name, k.typ) hold wantOf(live).
func (p *Provider) write(ctx context.Context, z zoneInfo, zone string, k key, wantOf func([]record) []want) error {
	live, err := p.current(ctx, z, k.name, k.typ)
	if err != nil {
		return providers.NotWritten(providers.CodeProvider, err) // nothing was sent
	}
	ws := wantOf(live)
	o := diff(live, ws, zone)
	if o.n() == 0 {
		return nil
	}
	for _, pa := range o.patches {
		if pa.old.locked() {
			return p.lockedErr(k, pa.old)
		}
	}
	for _, d := range o.deletes {
		if d.locked() {
			return p.lockedErr(k, d)
		}
	}
	for attempt := 1; ; attempt++ {
		err := p.send(ctx, z, k, o)
		p.forget(z.ID, k.name, k.typ)
		if err == nil {
			return nil
		}
		var ae *APIError
		var rl *rateLimited
		var le *providers.LockoutError
		switch {
		case errors.As(err, &ae):
			// Cloudflare refused the request: nothing was changed.
			return err
		case errors.As(err, &le):
			// The Budget sent nothing: the credential is locked out
			// beyond what the run may wait, or the run was interrupted.
			return providers.NotWritten(providers.CodeProvider, le)
		}
		// Unknown outcome, or a 429: not processed, and the Budget holds
		// the lockout. Read and decide: the read waits for the lockout to
		// end when the run may wait that long (and is not interrupted).
		now, rerr := p.readName(ctx, z, k.name, k.typ)
		if rerr != nil && errors.As(err, &rl) && errors.As(rerr, &le) {
			// Refused with a 429 and still locked out: the write was not
			// made, and the lockout error says until when.
			return providers.NotWritten(providers.CodeProvider, le)
		}
		if rerr != nil {
			return fmt.Errorf("%w; %w", err, &wrapped{p.p.T("cloudflare.write.verify-failed", k.name, rerr), rerr})
		}
		switch {
		case sameData(now, ws, zone):
			return nil
		case attempt >= WriteAttempts:
			return fmt.Errorf("%w; %s", err, p.p.T("cloudflare.write.gave-up", k.name, attempt))
		case sameRecords(now, live):
			continue // not made: send again
		}
		return fmt.Errorf("%w; %s", err, p.p.T("cloudflare.write.changed", k.name))
	}
}

// wrapped is an error whose text is msg and whose cause is err.
type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return w.msg }
func (w *wrapped) Unwrap() error { return w.err }

func (p *Provider) lockedErr(k key, r record) error {
	what := r.Content
	if r.Type == "TXT" {
		what = r.text()
	}
	return &lockedError{p.p.T("cloudflare.locked", k.typ, k.name, termsafe.Line(providers.Cut(what, 120)))}
}

// sameData reports whether live holds exactly the wanted values.
func sameData(live []record, ws []want, zone string) bool {
	var a, b []string
	for _, l := range live {
		a = append(a, l.Type+" "+l.data(zone))
	}
	for _, w := range ws {
		b = append(b, w.typ+" "+w.data)
	}
	return sameStrings(a, b)
}

// sameRecords reports whether two reads returned the same records (ids and
// contents).
func sameRecords(x, y []record) bool {
	var a, b []string
	for _, r := range x {
		a = append(a, r.ID+" "+r.Content+" "+strconv.Itoa(r.TTL))
	}
	for _, r := range y {
		b = append(b, r.ID+" "+r.Content+" "+strconv.Itoa(r.TTL))
	}
	return sameStrings(a, b)
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	sort.Strings(a)
	sort.Strings(b)
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// recordBody is the body of a POST or PATCH (and of a batch's posts and
// patches): type, name, content, ttl, priority; never comment or tags, so
// a PATCH keeps them.
type recordBody struct {
	ID       string  `json:"id,omitempty"`
	Type     string  `json:"type"`
	Name     string  `json:"name"`
	Content  string  `json:"content"`
	TTL      int     `json:"ttl,omitempty"`
	Priority *uint16 `json:"priority,omitempty"`
}

// body is the body of a record write. A new record without a TTL gets 1
// (automatic); an edit without one keeps the record's (PATCH changes only
// the fields sent).
func body(name string, w want, id string, isNew bool) recordBody {
	b := recordBody{ID: id, Type: w.typ, Name: name, Content: w.content, TTL: w.ttl, Priority: w.prio}
	if isNew && b.TTL == 0 {
		b.TTL = 1
	}
	return b
}

// send sends o: one PATCH, POST or DELETE, or one batch.
func (p *Provider) send(ctx context.Context, z zoneInfo, k key, o ops) error {
	base := "/zones/" + z.ID + "/dns_records"
	c := call{op: opWrite, zone: z.Name}
	switch {
	case o.n() > 1:
		type idOnly struct {
			ID string `json:"id"`
		}
		var b struct {
			Deletes []idOnly     `json:"deletes,omitempty"`
			Patches []recordBody `json:"patches,omitempty"`
			Posts   []recordBody `json:"posts,omitempty"`
		}
		for _, d := range o.deletes {
			if !idPattern.MatchString(d.ID) {
				return errors.New(p.p.T("cloudflare.api.bad-id", termsafe.Line(d.ID)))
			}
			b.Deletes = append(b.Deletes, idOnly{d.ID})
		}
		for _, pa := range o.patches {
			if !idPattern.MatchString(pa.old.ID) {
				return errors.New(p.p.T("cloudflare.api.bad-id", termsafe.Line(pa.old.ID)))
			}
			b.Patches = append(b.Patches, body(k.name, pa.to, pa.old.ID, false))
		}
		for _, w := range o.posts {
			b.Posts = append(b.Posts, body(k.name, w, "", true))
		}
		c.method, c.path, c.body = http.MethodPost, base+"/batch", b
	case len(o.patches) == 1:
		pa := o.patches[0]
		if !idPattern.MatchString(pa.old.ID) {
			return errors.New(p.p.T("cloudflare.api.bad-id", termsafe.Line(pa.old.ID)))
		}
		c.method, c.path, c.body = http.MethodPatch, base+"/"+pa.old.ID, body(k.name, pa.to, "", false)
	case len(o.posts) == 1:
		c.method, c.path, c.body = http.MethodPost, base, body(k.name, o.posts[0], "", true)
	case len(o.deletes) == 1:
		if !idPattern.MatchString(o.deletes[0].ID) {
			return errors.New(p.p.T("cloudflare.api.bad-id", termsafe.Line(o.deletes[0].ID)))
		}
		c.method, c.path = http.MethodDelete, base+"/"+o.deletes[0].ID
	}
	_, err := p.api.do(ctx, c)
	return err
}
