package route53

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsr53 "github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/libdns/libdns"

	"github.com/spfpatch/spfpatch/internal/termsafe"
	"github.com/spfpatch/spfpatch/providers"
)

// Writes are conditional. Route 53 has no "if unchanged" flag, but two of
// its rules make one (API reference, ChangeResourceRecordSets):
//   - "To delete a resource record set, you must specify all the same
//     values that you specified when you created it": a DELETE whose TTL or
//     values differ from the stored ones is refused ("Tried to delete
//     resource record set [...] but the values provided do not match the
//     current values", InvalidChangeBatch; observed in barnybug/cli53 #25),
//     as is one of an RRset that is not there ("... but it was not found",
//     hashicorp/terraform #342), and a CREATE of one that is ("... but it
//     already exists");
//   - "Change batches are considered transactional changes. Route 53
//     validates the changes in the request and then either makes all or
//     none of the changes in the change batch request": "If validation for
//     either the DELETE or the CREATE action fails, then the request is
//     canceled".
// So a write of a (name, type) RRset is one change batch: DELETE of the
// RRset exactly as the last read returned it (byte for byte: the values as
// Route 53 gave them, the TTL), then CREATE of the new one; or, when the
// read found none, CREATE alone. If anyone changed the RRset after that read
// (a TXT value added by someone else in the milliseconds between spfpatch's
// re-read and its write), the batch is refused and nothing changes: the
// write fails as drift (a providers.NotWrittenError), never dropping the
// other value, where an UPSERT of the RRset built from the read would have.
//
// The read a write starts from is the last read of that (name, type) by
// this provider: plan re-reads a name just before writing it (NameRecords,
// GetRRset), so the write needs no read of its own and its condition covers
// everything plan saw. Without one (a caller that did not read first), the
// write reads it now.

// snapKey is a (hosted zone, name, type) whose last read is kept.
type snapKey struct{ zoneID, name, typ string }

// snapshot is the last read of one (name, type): the RRsets as Route 53
// returned them (none: the name had no RRset of the type).
type snapshot struct {
	sets []types.ResourceRecordSet
	seq  int64 // when it was kept, to drop the oldest
}

// maxSnaps bounds the snapshots kept (a plan of many names reads many
// that are never written); past it the oldest are dropped.
var maxSnaps = 1024

// remember keeps sets, read at (fq, typ), for the write that follows.
func (a *adapter) remember(zoneID, fq, typ string, sets []types.ResourceRecordSet) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.snaps) >= maxSnaps {
		var oldest snapKey
		first := true
		for k, s := range a.snaps {
			if first || s.seq < a.snaps[oldest].seq {
				oldest, first = k, false
			}
		}
		delete(a.snaps, oldest)
	}
	a.snapN++
	a.snaps[snapKey{zoneID, fq, typ}] = snapshot{sets: copySets(sets), seq: a.snapN}
}

func (a *adapter) forget(zoneID, fq, typ string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.snaps, snapKey{zoneID, fq, typ})
}

func copySets(sets []types.ResourceRecordSet) []types.ResourceRecordSet {
	out := make([]types.ResourceRecordSet, len(sets))
	for i, s := range sets {
		out[i] = s
		out[i].ResourceRecords = append([]types.ResourceRecord(nil), s.ResourceRecords...)
	}
	return out
}

// base returns the simple RRset at (name, type) that a write starts from:
// as last read, or read now when there is no read to start from; nil when
// there is none. An RRset with a routing policy or an alias is an error.
func (a *adapter) base(ctx context.Context, zoneID, zone string, k setKey) (*types.ResourceRecordSet, error) {
	fq := absName(k.name, strings.ToLower(zone))
	a.mu.Lock()
	snap, ok := a.snaps[snapKey{zoneID, fq, k.typ}]
	a.mu.Unlock()
	sets := snap.sets
	if !ok {
		var err error
		if sets, _, err = a.nameSets(ctx, zoneID, fq, k.typ); err != nil {
			return nil, err
		}
	}
	var found *types.ResourceRecordSet
	for i, s := range sets {
		if s.SetIdentifier != nil || s.AliasTarget != nil {
			return nil, fmt.Errorf("%w: %s %s has a routing policy or is an alias; change it in the Route 53 console", providers.ErrUnsafe, fq, k.typ)
		}
		found = &sets[i]
	}
	return found, nil
}

// replace makes (k.name, k.typ) hold vals (none: no RRset), on the
// condition that it still holds stored, in one change batch (see above).
func (a *adapter) replace(ctx context.Context, zoneID, zone string, k setKey, stored *types.ResourceRecordSet, ttl int64, vals []types.ResourceRecord) error {
	fq := absName(k.name, strings.ToLower(zone))
	defer a.forget(zoneID, fq, k.typ)
	name := aws.String(fq)
	var changes []types.Change
	if stored != nil {
		if sameSet(stored, ttl, vals) {
			return nil
		}
		name = stored.Name
		changes = append(changes, types.Change{Action: types.ChangeActionDelete, ResourceRecordSet: &types.ResourceRecordSet{
			Name: stored.Name, Type: stored.Type, TTL: stored.TTL, ResourceRecords: stored.ResourceRecords,
		}})
	}
	if len(vals) > 0 {
		changes = append(changes, types.Change{Action: types.ChangeActionCreate, ResourceRecordSet: &types.ResourceRecordSet{
			Name: name, Type: types.RRType(k.typ), TTL: aws.Int64(ttl), ResourceRecords: vals,
		}})
	}
	if len(changes) == 0 {
		return nil
	}
	err := a.call(ctx, func(ctx context.Context) error {
		_, err := a.client.ChangeResourceRecordSets(ctx, &awsr53.ChangeResourceRecordSetsInput{
			HostedZoneId: aws.String(zoneID),
			ChangeBatch:  &types.ChangeBatch{Changes: changes},
		})
		return err
	})
	if why, ok := changedSince(err); ok {
		return providers.NotWritten(providers.CodeDrift, &changedError{msg: a.p.T("route53.changed", k.typ, strings.TrimSuffix(fq, "."), why), err: err})
	}
	return err
}

// changedError is a conditional write refused because the RRset changed
// since it was read; its text says so, its cause is Route 53's answer.
type changedError struct {
	msg string
	err error
}

func (e *changedError) Error() string { return e.msg }
func (e *changedError) Unwrap() error { return e.err }

// changedSince reports whether err is Route 53 refusing a change batch
// because an RRset it deletes or creates is not as the batch expects, and
// Route 53's words for it.
func changedSince(err error) (string, bool) {
	var icb *types.InvalidChangeBatch
	if !errors.As(err, &icb) {
		return "", false
	}
	msgs := icb.Messages
	if len(msgs) == 0 && icb.Message != nil {
		msgs = []string{*icb.Message}
	}
	for _, m := range msgs {
		if strings.Contains(m, "values provided do not match the current values") ||
			strings.Contains(m, "but it was not found") || strings.Contains(m, "but it already exists") {
			return termsafe.Line(providers.Cut(strings.Join(msgs, "; "), 400)), true
		}
	}
	return "", false
}

// sameSet reports whether stored already is an RRset of ttl and vals.
func sameSet(stored *types.ResourceRecordSet, ttl int64, vals []types.ResourceRecord) bool {
	if aws.ToInt64(stored.TTL) != ttl || len(stored.ResourceRecords) != len(vals) {
		return false
	}
	for i, v := range vals {
		if aws.ToString(stored.ResourceRecords[i].Value) != aws.ToString(v.Value) {
			return false
		}
	}
	return true
}

// SetRecords replaces each (name, type) RRset with exactly recs, one
// conditional change batch per RRset: values that stay are sent back
// exactly as read, new ones encoded by EncodeTXT.
func (a *adapter) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	err := a.eachRRset(ctx, zone, recs, func(id string, k setKey, cur *types.ResourceRecordSet, group []libdns.Record) error {
		return a.replace(ctx, id, zone, k, cur, ttlOf(group, cur), values(cur, k.typ, zone, group))
	})
	if err != nil {
		return nil, err
	}
	return recs, nil
}

// eachRRset calls f with each (name, type) RRset of recs, in the order of
// recs: the zone's id, the RRset's key, the RRset as it stands (nil when
// there is none; the last read of it, see base) and the records of recs in
// it. Errors come back cleaned of secrets.
func (a *adapter) eachRRset(ctx context.Context, zone string, recs []libdns.Record, f func(id string, k setKey, cur *types.ResourceRecordSet, group []libdns.Record) error) error {
	id, err := a.zoneID(ctx, zone)
	if err != nil {
		return a.clean(err)
	}
	order, groups := groupByKey(recs)
	for _, k := range order {
		cur, err := a.base(ctx, id, zone, k)
		if err != nil {
			return a.clean(err)
		}
		if err := f(id, k, cur, groups[k]); err != nil {
			return a.clean(err)
		}
	}
	return nil
}

// AppendRecords adds values to their RRsets (values already there are not
// repeated: Route 53 refuses duplicates), keeping the RRset's TTL and every
// stored value exactly; conditional like SetRecords.
func (a *adapter) AppendRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	err := a.eachRRset(ctx, zone, recs, func(id string, k setKey, cur *types.ResourceRecordSet, group []libdns.Record) error {
		var vals []types.ResourceRecord
		have := map[string]bool{}
		ttl := ttlOf(group, nil)
		if cur != nil {
			vals = append(vals, cur.ResourceRecords...)
			for _, rr := range cur.ResourceRecords {
				have[key(cur.Type, aws.ToString(rr.Value), zone)] = true
			}
			ttl = ttlOf(nil, cur)
		}
		var add []libdns.Record
		for _, r := range group {
			if d := r.RR().Data; !have[d] {
				have[d] = true
				add = append(add, r)
			}
		}
		if len(add) == 0 {
			return nil
		}
		vals = append(vals, values(nil, k.typ, zone, add)...)
		return a.replace(ctx, id, zone, k, cur, ttl, vals)
	})
	if err != nil {
		return nil, err
	}
	return recs, nil
}

// DeleteRecords removes exactly the given values: the RRset is replaced by
// the values that stay, exactly as stored, or deleted when none stay;
// conditional like SetRecords.
func (a *adapter) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	var deleted []libdns.Record
	err := a.eachRRset(ctx, zone, recs, func(id string, k setKey, cur *types.ResourceRecordSet, group []libdns.Record) error {
		if cur == nil {
			return nil
		}
		var keep []types.ResourceRecord
		var gone []libdns.Record
		for _, rr := range cur.ResourceRecords {
			kv := key(cur.Type, aws.ToString(rr.Value), zone)
			var hit libdns.Record
			for _, r := range group {
				if r.RR().Data == kv {
					hit = r
					break
				}
			}
			if hit != nil {
				gone = append(gone, hit)
			} else {
				keep = append(keep, rr)
			}
		}
		if len(gone) == 0 {
			return nil
		}
		if err := a.replace(ctx, id, zone, k, cur, ttlOf(nil, cur), keep); err != nil {
			return err
		}
		deleted = append(deleted, gone...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return deleted, nil
}

// DeleteRecords deletes exactly the given values (the rollback of a
// created record): the adapter's conditional write, which reads only their
// names (the last read of each, usually plan's re-read), not the whole
// zone as providers.Safe's DeleteRecords would.
func (p *Provider) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	return p.api.DeleteRecords(ctx, p.Safe.Zone(zone), recs)
}

// NameRecords returns every record at name, of every type
// (plan.NameProber): one ListResourceRecordSets from the name, whatever
// the size of the zone. What it read is kept for the write that follows.
func (p *Provider) NameRecords(ctx context.Context, zone, name string) ([]libdns.Record, error) {
	recs, err := p.api.nameRecords(ctx, p.Safe.Zone(zone), name)
	return recs, p.api.clean(err)
}

func (a *adapter) nameRecords(ctx context.Context, zone, name string) ([]libdns.Record, error) {
	id, err := a.zoneID(ctx, zone)
	if err != nil {
		return nil, err
	}
	fq := absName(name, zone)
	sets, _, err := a.nameSets(ctx, id, fq, "")
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", fq, err)
	}
	byType := map[string][]types.ResourceRecordSet{"TXT": nil}
	for _, s := range sets {
		byType[string(s.Type)] = append(byType[string(s.Type)], s)
	}
	for typ, ss := range byType {
		a.remember(id, fq, typ, ss)
	}
	return recordsOf(sets, zone, fq)
}

// HasBelow reports whether names below name have records
// (plan.NameProber): they are listed right after the name's own RRsets,
// so one ListResourceRecordSets from the name says.
func (p *Provider) HasBelow(ctx context.Context, zone, name string) (bool, error) {
	z := p.Safe.Zone(zone)
	id, err := p.api.zoneID(ctx, z)
	if err != nil {
		return false, p.api.clean(err)
	}
	fq := absName(name, z)
	_, next, err := p.api.nameSets(ctx, id, fq, "")
	if err != nil || next == nil {
		return false, p.api.clean(err)
	}
	return strings.HasSuffix(strings.ToLower(decodeName(aws.ToString(next.Name))), "."+fq), nil
}

// WildcardFor returns the most specific wildcard owner, of any type, that
// would answer for name ("*.b" for a.b, then "*"), relative to the zone,
// or "" (plan.NameProber): one ListResourceRecordSets a label, from
// *.PARENT.
func (p *Provider) WildcardFor(ctx context.Context, zone, name string) (string, error) {
	z := p.Safe.Zone(zone)
	id, err := p.api.zoneID(ctx, z)
	if err != nil {
		return "", p.api.clean(err)
	}
	fq := absName(name, z)
	if fq == z {
		return "", nil
	}
	labels := strings.Split(strings.TrimSuffix(fq, "."+z), ".")
	for i := 1; i <= len(labels); i++ {
		owner := strings.Join(append([]string{"*"}, labels[i:]...), ".")
		sets, _, err := p.api.nameSets(ctx, id, absName(owner, z), "")
		if err != nil {
			return "", p.api.clean(err)
		}
		if len(sets) > 0 {
			return owner, nil
		}
	}
	return "", nil
}
