package plan

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strconv"
	"time"

	"github.com/spfpatch/spfpatch/internal/i18n"
	"github.com/spfpatch/spfpatch/spfcheck"
	"github.com/spfpatch/spfpatch/spfedit"
)

// SavedPlanVersion is the format version of saved plan files. Version 2
// records each change's inputs (includes, removes, create) and the strings
// of each TXT record; version 1 files are refused (plan again).
const SavedPlanVersion = 2

// SavedPlan is what `plan --out FILE` stores: per name, the provider, zone,
// the fingerprint of the live RRset the plan was made from, the inputs and
// the desired RRset. `apply --plan FILE` applies a change only where the
// live RRset still has that fingerprint, and only the RRset its inputs make
// of the live one (see guard.go): a file edited by hand is refused.
type SavedPlan struct {
	// Kind marks the file as spfpatch's (SavedPlanKind), so that plan
	// --out never replaces another program's JSON file.
	Kind     string    `json:"kind"`
	Version  int       `json:"version"`
	Created  time.Time `json:"created"`
	Provider string    `json:"provider"`
	Changes  []*Change `json:"changes"`
}

// SavedPlanKind is the value of a saved plan's "kind".
const SavedPlanKind = "spfpatch-saved-plan"

// isSavedPlan reports whether the start of an existing file is a saved
// plan's, so that plan --out may replace it: its first member is "kind"
// with SavedPlanKind, or (files saved before "kind" existed) its members
// start with exactly "version" (a number), "created", "provider" (strings)
// and "changes" (an array). Another program's JSON file that starts with
// "version" (a Terraform state) is not.
func isSavedPlan(head []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(head))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	key := func() string {
		t, err := dec.Token()
		if s, ok := t.(string); ok && err == nil {
			return s
		}
		return ""
	}
	switch key() {
	case "kind":
		return key() == SavedPlanKind
	case "version":
		if t, err := dec.Token(); err != nil {
			return false
		} else if _, ok := t.(float64); !ok {
			return false
		}
		for _, k := range []string{"created", "provider"} {
			if key() != k {
				return false
			}
			if t, err := dec.Token(); err != nil {
				return false
			} else if _, ok := t.(string); !ok {
				return false
			}
		}
		if key() != "changes" {
			return false
		}
		t, err := dec.Token()
		return err == nil && t == json.Delim('[')
	}
	return false
}

// Save writes the plan to path: a new file (mode 0600), or the atomic
// replacement of an earlier saved plan; any other existing file, a
// symbolic link or a non-regular file is refused.
func Save(path, provider string, p *Plan) error {
	sp := SavedPlan{Kind: SavedPlanKind, Version: SavedPlanVersion, Created: time.Now().UTC(), Provider: provider, Changes: p.Changes}
	b, err := json.MarshalIndent(sp, "", "  ")
	if err != nil {
		return err
	}
	if err := WriteOwnFile(path, append(b, '\n'), "saved plan", isSavedPlan); err != nil {
		return msgErr(err, "saved.save-failed", err)
	}
	return nil
}

// maxSavedPlan bounds the size of a saved plan file read.
const maxSavedPlan = 1 << 30

// Load reads a saved plan (LoadWith, messages in English).
func Load(path string) (*SavedPlan, error) { return LoadWith(path, i18n.Printer{}) }

// LoadWith reads a saved plan, its changes' messages in p's language. Its
// errors are *MsgError (see Localize).
//
// Nothing in the file is taken on trust: each change to write must name a
// name in its zone and be its target's; its inputs must be one plain
// change; and its new RRset and SPF string must be what its inputs make of
// the RRset it was planned from, else the change is loaded as an error
// (CodePlanEdited, showing the difference) and never shown as a value to
// write. What is shown of it is made again from its inputs: the strings
// the SPF record is written as, the SPF record before, the warnings; the
// lookup counts are zeroed (RecountLookups counts them again).
func LoadWith(path string, p i18n.Printer) (*SavedPlan, error) {
	f, err := openReadNoFollow(path)
	if err != nil {
		return nil, msgErr(err, "saved.read-failed", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSavedPlan+1))
	if err != nil {
		return nil, msgErr(err, "saved.read-failed", err)
	}
	if len(b) > maxSavedPlan {
		return nil, msgErr(nil, "saved.too-big", path, maxSavedPlan>>20)
	}
	var head struct {
		Kind    *string `json:"kind"`
		Version int     `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, msgErr(nil, "saved.invalid", path, err)
	}
	if head.Kind != nil && *head.Kind != SavedPlanKind {
		return nil, msgErr(nil, "saved.invalid", path, "kind "+strconv.Quote(*head.Kind))
	}
	if head.Version != SavedPlanVersion {
		return nil, msgErr(nil, "saved.version", path, head.Version, SavedPlanVersion)
	}
	var sp SavedPlan
	if err := json.Unmarshal(b, &sp); err != nil {
		return nil, msgErr(nil, "saved.invalid", path, err)
	}
	for i, c := range sp.Changes {
		if c == nil {
			return nil, msgErr(nil, "saved.change-empty", path, i+1)
		}
		c.FromFile = true
		c.Rollback, c.Restore = false, nil // a saved plan never restores a journal
		if !c.Action.Pending() {
			continue
		}
		if c.Zone == "" || c.Name == "" || len(c.After) == 0 || c.Fingerprint == "" || c.Inputs == nil {
			return nil, msgErr(nil, "saved.change-incomplete", path, i+1, c.Name)
		}
		if !inZone(c.Zone, c.Name) || !sameName(c.Target.Domain, c.Name) {
			return nil, msgErr(nil, "saved.bad-name", path, i+1, c.Name, c.Zone, c.Target.Domain)
		}
		if c.Inputs.Inverse || len(c.Inputs.Then) > 0 {
			return nil, msgErr(nil, "saved.change-incomplete", path, i+1, c.Name)
		}
		checkSaved(p, c)
	}
	return &sp, nil
}

// checkSaved makes a pending change of a saved plan consistent with its
// inputs, or an error: its After and AfterSPF must be what its inputs make
// of its Before (guard's rule, against the RRset the plan was made from;
// apply checks again against the live one); the rest of what is shown is
// made again from them.
func checkSaved(p i18n.Printer, c *Change) {
	domain := c.Target.Domain
	var want RRset
	oldIdx := -1
	w, halfDone := halfDoneWant(c.Before, c.Inputs)
	if halfDone {
		want = w
		oldIdx, _, _ = halfDoneOld(c.Before.Texts(), c.Inputs.Includes, c.Inputs.Removes)
	} else {
		spf, idx, err := desiredSPF(p, domain, c.Before, c.Inputs)
		if err != nil {
			c.Action, c.Code, c.Message = Error, guardCode(err), err.Error()
			return
		}
		ttl := createTTL(c.Before, c.Inputs, 0)
		if i, err := spfIndex(c.After); idx < 0 && err == nil && i >= 0 && c.After[i].TTL > ttl {
			// A record created under the provider's smallest TTL, which
			// is not known here: guard checks it against the provider's.
			ttl = c.After[i].TTL
		}
		want = withSPF(c.Before, idx, spf, ttl)
		oldIdx = idx
	}
	if a, w := matchRRsets(c.After, want, false); len(a) > 0 || len(w) > 0 || c.AfterSPF != spfOf(want) {
		diff := diffLines(p, w, a, "diff.from-inputs", "diff.in-plan")
		if diff == "" {
			diff = DiffSPF(p, spfOf(want), c.AfterSPF, "diff.from-inputs", "diff.in-plan")
		}
		c.Action, c.Code, c.Message = Error, CodePlanEdited, p.T("guard.plan-changed", domain, diff)
		return
	}
	c.AfterStrings = splitForDisplay(c.AfterSPF)
	c.BeforeSPF = ""
	if oldIdx >= 0 {
		c.BeforeSPF = c.Before[oldIdx].Text
		if rec, err := spfedit.Parse(c.BeforeSPF); err == nil && !halfDone {
			c.BeforeSPF = rec.String() // as Build shows it
		}
	}
	c.Warnings = []spfedit.Warning{}
	if rec, err := spfedit.Parse(c.AfterSPF); err == nil {
		c.Warnings = rec.Lint(c.Inputs.Includes...)
	}
	c.LookupsBefore, c.LookupsAfter, c.VoidBefore, c.VoidAfter = 0, 0, 0, 0
}

// RecountLookups counts again, on live DNS, the lookups of the records
// before and after each pending change (a saved plan's counts are not
// shown as the file has them: Load zeroes them).
func RecountLookups(ctx context.Context, checker *spfcheck.Checker, changes []*Change) {
	if checker == nil {
		return
	}
	for _, c := range changes {
		if !c.Action.Pending() {
			continue
		}
		if rec, err := spfedit.Parse(c.BeforeSPF); err == nil && c.BeforeSPF != "" {
			r := checker.Account(ctx, c.Target.Domain, rec)
			c.LookupsBefore, c.VoidBefore = r.Lookups, r.VoidLookups
		}
		if rec, err := spfedit.Parse(c.AfterSPF); err == nil && c.AfterSPF != "" {
			r := checker.Account(ctx, c.Target.Domain, rec)
			c.LookupsAfter, c.VoidAfter = r.Lookups, r.VoidLookups
		}
	}
}

func splitForDisplay(s string) []string {
	if s == "" {
		return nil
	}
	return spfedit.Split(s)
}
